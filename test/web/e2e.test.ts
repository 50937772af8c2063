/**
 * The web app in a real browser: Debian's chromium, headless, WebGPU through SwiftShader
 * (--enable-unsafe-webgpu), driven by playwright-core. Never downloads a browser: without
 * /usr/bin/chromium the file is skipped with the reason printed.
 *
 * 1. `alpenglow grid` (the CLI, in a child process, WebGPU on llvmpipe) writes the table files of a
 *    tiny KOTO Step 2 grid.
 * 2. `startWebServer` (what `alpenglow serve` runs) builds the app and serves it on 127.0.0.1.
 * 3. The page runs the same grid (scenario, masses, widths, samples, seed) on WebGPU in the page;
 *    its expected-signal numbers must equal the ones the limits library computes in Node from the
 *    CLI's tables, within the f32 tolerance below; a contour must be drawn.
 * 4. The CLI's table files are loaded through the file input: the page's numbers for them must equal
 *    Node's to float64 round-off (same tables, same code), and the page's excluded intervals (its
 *    runLimits) must equal `alpenglow limits --tables` for the same files exactly.
 * 5. A browser without WebGPU gets the explanation and the float64 reference engine, whose numbers
 *    equal Node's reference run to float64 round-off (same code, same Philox streams).
 * A screenshot goes to test-results/web-e2e.png.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startWebServer, type WebServer } from '../../src/cli/commands/serve.ts';
import { readTableFile } from '../../src/node/table-files.ts';
import { tableFromFile } from '../../src/tables/table-file.ts';
import { expectedSignal, parseLimitsModel, type ExclusionContours, type LimitsJson, type ScenarioTableSet } from '../../src/limits/index.ts';
import { computeMassPlane } from '../../src/web/analysis.ts';
import { inScenarioModeOrder } from '../../src/limits/rescale.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { compileScenario } from '../../src/scenarios/compile.ts';
import { buildTables } from '../../src/app/table-builder.ts';
import { referenceEngine } from '../../src/app/ports.ts';
import { buildProductionTable, type ProductionMode } from '../../src/physics/production.ts';
import { logSpaced } from '../../src/engine/job.ts';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium)
  console.warn(`[web e2e] skipped: ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it). No browser is ever downloaded.`);

const BROWSER_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const REPOSITORY = new URL('../..', import.meta.url).pathname;
const RESULTS_DIR = join(REPOSITORY, 'test-results');

/** The tiny grid both sides run: KOTO Step 2, 3 masses, 17 widths, 4096 samples, seed 7. */
const GRID = { scenario: 'koto-step2', masses: [0.08, 0.25, 3] as const, widths: '1e-22:1e-14:17', samples: 4096, seed: 7 };

/**
 * SwiftShader (page) and llvmpipe (CLI) run the same WGSL on the same Philox streams, so the same
 * trials pass the same cuts; what differs is the f32 precision of exp and log, which WGSL leaves to
 * the implementation within bounds that grow with |x| (e.g. exp: 3 + 2|x| ULP). The kernel works
 * in log space (ln P ≈ −30 … −45 for long lifetimes), so the weights differ by a constant ~1.5e-4
 * relative in the long-lived regime and by up to ~5e-3 relative at the shortest lifetimes of this
 * grid, where exp(−L/λ) amplifies the error of L/λ (measured cell by cell, table against table).
 * 1 % of N_sig covers that and is far below what a real mismatch gives: a different seed, stream,
 * sample count or width grid changes N_sig by the MC uncertainty, 30–70 % at 4096 samples here.
 */
const F32_RELATIVE_TOLERANCE = 1e-2;

function f32Tolerance(value: number): number {
  return F32_RELATIVE_TOLERANCE * Math.abs(value);
}

/** Same float64 code on both sides: equal up to round-off (and subnormal noise far below any event count). */
function float64Tolerance(value: number): number {
  return 1e-12 * Math.abs(value) + 1e-300;
}

interface PageRow {
  scenario: string;
  origin: string;
  massGeV: number;
  couplingPerGeV: number;
  total: number;
  totalError: number;
  status: string;
}

async function pageRows(page: Page): Promise<PageRow[]> {
  return page.$$eval('[data-testid=signal-row]', (rows) =>
    rows.map((row) => {
      const data = (row as HTMLElement).dataset;
      return {
        scenario: data.scenario!,
        origin: data.origin!,
        massGeV: Number(data.mass),
        couplingPerGeV: Number(data.coupling),
        total: Number(data.total),
        totalError: Number(data.totalError),
        status: data.status!,
      };
    }),
  );
}

async function waitForStatus(page: Page, expected: string, timeoutMs: number): Promise<void> {
  await page.waitForFunction(
    (wanted) => {
      const text = document.querySelector('[data-testid=status]')?.textContent ?? '';
      return text === wanted || text.startsWith('error');
    },
    expected,
    { timeout: timeoutMs },
  );
  expect(await page.textContent('[data-testid=status]')).toBe(expected);
}

async function fillScan(page: Page, widths: string, samples: number, masses: readonly [number, number, number]): Promise<void> {
  await page.selectOption('[data-testid=scenario]', { label: 'koto-step2 — KOTO' });
  await page.selectOption('[data-testid=model]', 'gluon');
  await page.fill('[data-testid=mass-lo]', String(masses[0]));
  await page.fill('[data-testid=mass-hi]', String(masses[1]));
  await page.fill('[data-testid=mass-count]', String(masses[2]));
  await page.fill('[data-testid=samples]', String(samples));
  await page.fill('[data-testid=seed]', String(GRID.seed));
  await page.fill('[data-testid=widths]', widths);
  // These comparisons are against tables on the requested masses only: no adaptive refinement.
  await page.fill('[data-testid=max-added-masses]', '0');
}

describe.skipIf(!haveChromium)('web app in Chromium (WebGPU via SwiftShader)', () => {
  let server: WebServer;
  let browser: Browser;
  let outDir: string;
  let cliSet: ScenarioTableSet;
  let tableFiles: string[];

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'alpenglow-web-e2e-'));
    const grid = promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPOSITORY, 'src/cli/main.ts'),
        'grid',
        '--scenario',
        GRID.scenario,
        '--masses',
        GRID.masses.join(':'),
        '--widths',
        GRID.widths,
        '--samples',
        String(GRID.samples),
        '--seed',
        String(GRID.seed),
        '--out',
        outDir,
      ],
      { cwd: REPOSITORY, timeout: 100_000 },
    );
    const started = performance.now();
    server = await startWebServer({ port: 0, logLevel: 'error' });
    console.log(`[web e2e] built and serving at ${server.url} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...BROWSER_ARGS, '--enable-unsafe-webgpu'] });
    await grid;
    tableFiles = readdirSync(outDir)
      .filter((name) => name.endsWith('.table.json'))
      .map((name) => join(outDir, name));
    const loaded = await loadScenario(GRID.scenario);
    cliSet = {
      scenario: loaded.scenario,
      scenarioHash: loaded.hash,
      tables: inScenarioModeOrder(
        loaded.scenario,
        tableFiles.map((file) => tableFromFile(readTableFile(file))),
        (table) => table.productionMode,
      ),
    };
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  it('runs a scan on WebGPU in the page, draws the contour, matches the CLI numbers and loads table files', async () => {
    expect(tableFiles).toHaveLength(cliSet.scenario.production.modes.length);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(server.url);
    await page.waitForFunction(() => !(document.querySelector('[data-testid=adapter]')?.textContent ?? 'looking').startsWith('looking'));
    const adapter = (await page.textContent('[data-testid=adapter]'))!;
    console.log(`[web e2e] adapter in the page: ${adapter}`);
    expect(await page.getAttribute('[data-testid=adapter]', 'data-kind')).toBe('webgpu');
    expect(adapter).not.toMatch(/reference|no WebGPU/);

    await fillScan(page, GRID.widths, GRID.samples, GRID.masses);
    const started = performance.now();
    await page.click('[data-testid=run-button]');
    await waitForStatus(page, 'done', 100_000);
    console.log(
      `[web e2e] in-page scan (3 masses × 17 widths × 4096 samples × 2 modes): ${((performance.now() - started) / 1000).toFixed(1)} s; ${await page.textContent('[data-testid=progress-text]')}`,
    );

    const contour = page.locator('[data-testid=contour]');
    expect(await contour.count()).toBeGreaterThanOrEqual(1);
    const d = (await contour.first().getAttribute('d'))!;
    expect(d.split('L').length).toBeGreaterThan(10);

    // In-page N_sig (WebGPU tables, limits library in the browser) vs Node (CLI tables, same library).
    const runRows = (await pageRows(page)).filter((row) => row.origin === 'run');
    expect(runRows.map((row) => row.massGeV)).toEqual(logSpaced(GRID.masses[0], GRID.masses[1], GRID.masses[2]));
    let compared = 0;
    let worst = 0;
    for (const row of runRows) {
      const node = expectedSignal(cliSet, 'gluon', row.massGeV, row.couplingPerGeV);
      expect(row.status).toBe(node.statusName);
      expect(Math.abs(row.total - node.total), `m = ${row.massGeV} GeV: page ${row.total}, CLI ${node.total} ± ${node.totalError}`).toBeLessThanOrEqual(
        f32Tolerance(node.total),
      );
      if (node.total > 0) {
        // The comparison must be sharper than the MC noise, or it could not tell a wrong seed apart.
        expect(f32Tolerance(node.total)).toBeLessThan(0.2 * node.totalError);
        compared++;
        worst = Math.max(worst, Math.abs(row.total / node.total - 1));
      }
    }
    expect(compared).toBeGreaterThanOrEqual(2);
    console.log(`[web e2e] page vs CLI N_sig: ${compared} masses with signal, largest relative difference ${worst.toExponential(2)}`);

    // Several coupling values: move the marker slider (no MC re-run) and compare again.
    for (const position of ['350', '800']) {
      await page.fill('[data-testid=coupling-slider]', position);
      await page.waitForFunction((g) => {
        const row = document.querySelector('[data-testid=signal-row]') as HTMLElement | null;
        return row !== null && row.dataset.coupling !== g;
      }, String(runRows[0].couplingPerGeV));
      for (const row of (await pageRows(page)).filter((r) => r.origin === 'run')) {
        const node = expectedSignal(cliSet, 'gluon', row.massGeV, row.couplingPerGeV);
        expect(Math.abs(row.total - node.total), `m = ${row.massGeV}, g = ${row.couplingPerGeV}`).toBeLessThanOrEqual(f32Tolerance(node.total));
      }
    }

    // The CLI's table files through the file input: explored without MC, numbers equal Node's.
    await page.setInputFiles('[data-testid=table-file]', tableFiles);
    await page.waitForFunction(() => document.querySelector('[data-testid=file-messages]')?.getAttribute('data-loaded') === '1');
    const fileRows = (await pageRows(page)).filter((row) => row.origin === 'file');
    expect(fileRows).toHaveLength(GRID.masses[2]);
    for (const row of fileRows) {
      const node = expectedSignal(cliSet, 'gluon', row.massGeV, row.couplingPerGeV);
      expect(Math.abs(row.total - node.total), `m = ${row.massGeV}: page ${row.total}, Node ${node.total}`).toBeLessThanOrEqual(float64Tolerance(node.total));
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=contour]').length >= 2);
    // The contour the page draws for the loaded tables is the one the limits library gives in Node.
    const drawn = await page.evaluate(() =>
      (window as unknown as { alpenglow: { exclusion(): Promise<Array<{ origin: string; nominal: ExclusionContours }>> } }).alpenglow.exclusion(),
    );
    const fromFile = drawn.find((entry) => entry.origin === 'file')!;
    const nodePlane = await computeMassPlane({ sets: [cliSet], model: parseLimitsModel('gluon'), couplingRange: [1e-8, 1e-2], potFactor: 1, heatIndex: 0 });
    const nodeEdges = [...nodePlane.scenarios[0].nominal.lower, ...nodePlane.scenarios[0].nominal.upper].flat();
    const pageEdges = [...fromFile.nominal.lower, ...fromFile.nominal.upper].flat();
    expect(pageEdges.length).toBeGreaterThan(10);
    expect(pageEdges.length).toBe(nodeEdges.length);
    pageEdges.forEach(([m, g], index) => {
      expect(Math.abs(m / nodeEdges[index][0] - 1)).toBeLessThan(1e-9);
      expect(Math.abs(g / nodeEdges[index][1] - 1)).toBeLessThan(1e-9);
    });

    // The page's excluded intervals for the loaded files are the CLI's limits.json for the same files, exactly:
    // `alpenglow limits --tables` with the page's coupling axis (1e-8 … 1e-2 GeV^-1 at 40 points per decade).
    const limitsOut = join(outDir, 'limits');
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPOSITORY, 'src/cli/main.ts'),
        'limits',
        '--scenario',
        GRID.scenario,
        '--model',
        'gluon',
        '--tables',
        outDir,
        '--couplings',
        '1e-8:1e-2:241',
        '--out',
        limitsOut,
      ],
      { cwd: REPOSITORY, timeout: 100_000 },
    );
    const cliLimits = JSON.parse(readFileSync(join(limitsOut, 'limits.json'), 'utf8')) as LimitsJson;
    const pageLimits = (
      await page.evaluate(() => (window as unknown as { alpenglow: { limits(): Promise<Array<{ origin: string; limits: LimitsJson }>> } }).alpenglow.limits())
    ).find((entry) => entry.origin === 'file')!.limits;
    expect(cliLimits.exclusion.length).toBeGreaterThan(0);
    expect(pageLimits.exclusion).toEqual(cliLimits.exclusion);
    expect(pageLimits.mcBand).toEqual(cliLimits.mcBand);
    expect(pageLimits.expectedBand?.map((entry) => entry.exclusion)).toEqual(cliLimits.expectedBand?.map((entry) => entry.exclusion));
    expect(pageLimits.contours.nominal).toEqual(cliLimits.contours.nominal);
    expect(cliLimits.systematicBand?.minus1Sigma.length).toBeGreaterThan(0);
    expect(pageLimits.systematicBand).toEqual(cliLimits.systematicBand);
    // …and the page's interval table shows those numbers.
    const shown = await page.$$eval('[data-testid=interval-row][data-origin=file]', (rows) =>
      rows.map((row) => {
        const data = (row as HTMLElement).dataset;
        // an end at the scan's end is null plus its bound, as in limits.json
        const edge = (value: string | undefined) => (value === 'null' ? null : Number(value));
        return {
          massGeV: Number(data.mass),
          lowerCoupling: edge(data.lower),
          upperCoupling: edge(data.upper),
          ...(data.lowerBound !== undefined ? { lowerCouplingBoundPerGeV: Number(data.lowerBound) } : {}),
          ...(data.upperBound !== undefined ? { upperCouplingBoundPerGeV: Number(data.upperBound) } : {}),
        };
      }),
    );
    expect(shown).toEqual(cliLimits.exclusion);
    console.log(`[web e2e] page vs CLI limits.json for the same table files: ${shown.length} excluded intervals, identical`);
    // The page's own run used its refinement control (0 here): the run's limits say so.
    const runLimits = (
      await page.evaluate(() => (window as unknown as { alpenglow: { limits(): Promise<Array<{ origin: string; limits: LimitsJson }>> } }).alpenglow.limits())
    ).find((entry) => entry.origin === 'run')!.limits;
    expect(runLimits.massRefinement?.maxAddedMasses).toBe(0);

    // A slider move changes the plot in place (src/web/dom-update.ts): the heat-map image stays the
    // same node, the SVG shown equals the new SVG drawn from scratch, the interval table shows the new limits.
    type PageApi = { alpenglow: { limits(): Promise<Array<{ origin: string; limits: LimitsJson }>>; shownSvg(): string } };
    await page.evaluate(() => {
      (window as unknown as { heatBefore: Element | null }).heatBefore = document.querySelector('[data-testid=plot] [data-testid=heatmap]');
    });
    const contourBefore = await contour.first().getAttribute('d');
    await page.fill('[data-testid=pot-slider] >> nth=0', '0.7');
    const moved = await page.evaluate(async () => {
      const api = (window as unknown as PageApi).alpenglow;
      const limits = await api.limits();
      const live = document.querySelector('[data-testid=plot] > svg')!;
      const fresh = document.createElement('template');
      fresh.innerHTML = api.shownSvg();
      const rows = Array.from(document.querySelectorAll<HTMLElement>('[data-testid=interval-row][data-origin=file]'), (row) => [
        Number(row.dataset.mass),
        row.dataset.lower === 'null' ? null : Number(row.dataset.lower),
      ]);
      return {
        sameImage: document.querySelector('[data-testid=plot] [data-testid=heatmap]') === (window as unknown as { heatBefore: Element | null }).heatBefore,
        hadImage: (window as unknown as { heatBefore: Element | null }).heatBefore !== null,
        equalToFresh: live.isEqualNode(fresh.content.firstElementChild),
        rows,
        expected: limits.find((entry) => entry.origin === 'file')!.limits.exclusion.map((row) => [row.massGeV, row.lowerCoupling]),
      };
    });
    expect(moved.hadImage).toBe(true);
    expect(moved.sameImage).toBe(true);
    expect(moved.equalToFresh).toBe(true);
    expect(await contour.first().getAttribute('d')).not.toBe(contourBefore);
    expect(moved.rows).toEqual(moved.expected);
    expect(moved.expected).not.toEqual(shown.map((row) => [row.massGeV, row.lowerCoupling]));
    await page.fill('[data-testid=pot-slider] >> nth=0', '0');
    await page.evaluate(() => (window as unknown as PageApi).alpenglow.limits());

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.fill('[data-testid=coupling-slider]', '560');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(RESULTS_DIR, 'web-e2e.png'), fullPage: true });

    // The fixed-mass coupling plane (CPU only) and the (z_vtx, p_T) distribution (one engine run per mode).
    await page.click('[data-testid=tab-plane]');
    await page.waitForSelector('[data-testid=plane-contour]');
    await page.screenshot({ path: join(RESULTS_DIR, 'web-e2e-plane.png'), fullPage: true });
    await page.click('[data-testid=tab-histogram]');
    await page.fill('[data-testid=histogram-samples]', '16384');
    await page.click('[data-testid=histogram-run]');
    await waitForStatus(page, 'done', 60_000);
    await page.waitForSelector('[data-testid=histogram-plot] [data-testid=heatmap]');
    expect(await page.textContent('[data-testid=plot-note]')).toMatch(/N_sig in the histogram range: \d/);
    // …and equals `alpenglow events` for the same point, samples and seed (f32 tolerance as above).
    const histogramData = await page.$eval('[data-testid=histogram-plot]', (element) => ({ ...(element as HTMLElement).dataset }));
    const events = JSON.parse(
      (
        await promisify(execFile)(
          process.execPath,
          [
            '--import',
            'tsx',
            join(REPOSITORY, 'src/cli/main.ts'),
            'events',
            '--scenario',
            GRID.scenario,
            '--model',
            'gluon',
            '--mass',
            histogramData.mass!,
            '--coupling',
            histogramData.coupling!,
            '--samples',
            '16384',
            '--seed',
            String(GRID.seed),
            '--json',
            '--out',
            join(outDir, 'events'),
          ],
          { cwd: REPOSITORY, timeout: 100_000 },
        )
      ).stdout,
    ) as { regionEventsTotal: number; planeEventsTotal: number; regions: Array<{ eventsError: number }> };
    const pageRegionEvents = Number(histogramData.regionEvents);
    console.log(
      `[web e2e] (z_vtx, p_T) at m = ${histogramData.mass} GeV: page ${pageRegionEvents.toPrecision(6)} events in the region, alpenglow events ${events.regionEventsTotal.toPrecision(6)} ± ${events.regions[0].eventsError.toPrecision(2)}`,
    );
    expect(Math.abs(pageRegionEvents - events.regionEventsTotal)).toBeLessThanOrEqual(f32Tolerance(events.regionEventsTotal));
    expect(f32Tolerance(events.regionEventsTotal)).toBeLessThan(0.2 * events.regions[0].eventsError);
    expect(Math.abs(Number(histogramData.planeEvents) - events.planeEventsTotal)).toBeLessThanOrEqual(f32Tolerance(events.planeEventsTotal));
    await page.screenshot({ path: join(RESULTS_DIR, 'web-e2e-zvtx-pt.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('keeps its state in the URL (a reload restores controls and results), shows the CLI command, exports by figure mode, fits 390 px, names every control', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const link = `${server.url}?scenario=koto-step2&model=gluon&masses=0.08:0.25:3&couplings=1e-8:0.01:241&samples=4096&seed=7&pot=1.2e21&max-added-masses=0&widths=1e-22:1e-14:17`;
    await page.goto(link);
    await waitForStatus(page, 'done', 100_000); // a link with scenarios runs at once
    const controls = () =>
      page.evaluate(() =>
        Object.fromEntries(
          [
            'mass-lo',
            'mass-hi',
            'mass-count',
            'samples',
            'seed',
            'widths',
            'max-added-masses',
            'coupling-lo',
            'coupling-hi',
            'model',
            'figure-mode',
            'coupling-slider',
          ].map((id) => [id, (document.querySelector(`[data-testid=${id}]`) as HTMLInputElement).value]),
        ),
      );
    const before = await controls();
    expect(before).toMatchObject({
      'mass-lo': '0.08',
      'mass-hi': '0.25',
      'mass-count': '3',
      samples: '4096',
      seed: '7',
      widths: '1e-22:1e-14:17',
      'max-added-masses': '0',
      model: 'gluon',
      'figure-mode': 'paper',
    });
    expect(await page.textContent('[data-testid=exposure-row][data-scenario=koto-step2] [data-testid=pot-value]')).toMatch(/^1\.20?e21 POT/);
    expect(await page.textContent('[data-testid=cli-command]')).toBe(
      'alpenglow limits --scenario koto-step2 --model gluon --couplings 1e-8:0.01:241 --masses 0.08:0.25:3 --samples 4096 --seed 7 --max-added-masses 0 --widths 1e-22:1e-14:17 --pot 1.2e21 --out out/limits',
    );
    const limitsOf = async () =>
      (
        await page.evaluate(() => (window as unknown as { alpenglow: { limits(): Promise<Array<{ origin: string; limits: LimitsJson }>> } }).alpenglow.limits())
      )[0].limits;
    const first = { rows: await pageRows(page), limits: await limitsOf() };
    expect(first.limits.pot).toBe(1.2e21);
    expect(first.limits.basis).toBe('expected-median');

    // Controls that are not run settings go into the URL too.
    await page.fill('[data-testid=coupling-slider]', '700');
    await page.selectOption('[data-testid=figure-mode]', 'explore');
    await page.waitForFunction(() => location.search.includes('figure=explore') && location.search.includes('marker='));
    const url = page.url();
    expect(url).toContain('scenario=koto-step2');
    expect(url).toContain('pot=1.2e21');
    const moved = await controls();
    const movedRows = await pageRows(page);

    // A reload of that URL restores the controls and, with the same seed, the same numbers.
    await page.reload();
    await waitForStatus(page, 'done', 100_000);
    expect(await controls()).toEqual(moved);
    expect(await pageRows(page)).toEqual(movedRows);
    const again = await limitsOf();
    expect(again.exclusion).toEqual(first.limits.exclusion);
    expect(again.mcBand).toEqual(first.limits.mcBand);
    console.log(
      `[web e2e] URL round trip: ${url.slice(url.indexOf('?'))} restores ${Object.keys(moved).length} controls and ${again.exclusion.length} identical intervals`,
    );

    // Existing bounds by file (FORESEE gluon file shipped in data/bounds), drawn in grey; a bad file is refused naming file and line.
    const badBound = join(outDir, 'bad-bound.txt');
    writeFileSync(badBound, '# not a bound\n0.01 1e-4\n0.02 abc\n');
    await page.setInputFiles('[data-testid=table-file]', [join(REPOSITORY, 'data/bounds/e949-kpix-gluon.txt'), badBound]);
    await page.waitForSelector('[data-testid=plot] [data-testid=existing-bound]');
    const messages = (await page.textContent('[data-testid=file-messages]'))!;
    expect(messages).toContain("e949-kpix-gluon.txt: existing bound 'E949");
    expect(messages).toContain("✗ bad-bound.txt:3: coupling 'abc' is not a number");

    // Figure mode governs the exported SVG: explore = the plot as shown (heat map, marker), paper = the CLI's paper look; both carry provenance.
    const exported = async (button: string) => {
      const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${button}]`)]);
      return readFileSync((await file.path())!, 'utf8');
    };
    const explore = await exported('export-svg');
    await page.selectOption('[data-testid=figure-mode]', 'paper');
    const paper = await exported('export-svg');
    expect(explore).toContain('data-testid="heatmap"');
    expect(explore).toContain('data-testid="coupling-marker"');
    expect(paper).not.toContain('data-testid="heatmap"');
    expect(paper).not.toContain('data-testid="coupling-marker"');
    expect(paper).toContain('E949');
    for (const svg of [explore, paper]) {
      expect(svg).toContain('<metadata id="alpenglow-provenance">');
      expect(svg).toContain('koto-step2');
      expect(svg).toContain('scenario=koto-step2');
    }
    // CSV: one table per file (no comment lines), provenance beside them.
    const downloads: Array<{ name: string; text: string }> = [];
    page.on('download', async (file) => downloads.push({ name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') }));
    await page.click('[data-testid=export-csv]');
    await page.waitForFunction(() => true);
    await expect.poll(() => downloads.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    for (const { name, text } of downloads.filter((file) => file.name.endsWith('.csv'))) {
      expect(
        text.split('\n').some((line) => line.startsWith('#')),
        name,
      ).toBe(false);
      expect(text.split('\n')[0], name).toMatch(/^scenario,/);
    }
    expect(downloads.map((file) => file.name)).toContain('koto-step2_exclusion_provenance.json');

    // Every control has an accessible name (Chromium's accessibility tree), status changes are announced.
    const client = await page.context().newCDPSession(page);
    const { nodes } = (await client.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{ ignored: boolean; role?: { value: string }; name?: { value: string }; backendDOMNodeId?: number }>;
    };
    const controlsWithoutName = nodes.filter(
      (node) =>
        !node.ignored &&
        ['textbox', 'spinbutton', 'slider', 'combobox', 'listbox', 'checkbox', 'button'].includes(node.role?.value ?? '') &&
        !(node.name?.value ?? '').trim(),
    );
    expect(controlsWithoutName.map((node) => node.role?.value)).toEqual([]);
    expect(nodes.filter((node) => !node.ignored && node.role?.value === 'slider').length).toBeGreaterThanOrEqual(3);
    expect(await page.getAttribute('[data-testid=status]', 'role')).toBe('status');
    expect(await page.getAttribute('[data-testid=status]', 'aria-live')).toBe('polite');

    // 390 px wide (a phone): nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    expect(widths.document).toBeLessThanOrEqual(390);
    expect(widths.body).toBeLessThanOrEqual(390);
    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: join(RESULTS_DIR, 'web-e2e-390px.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('without WebGPU explains why and runs the float64 reference engine, equal to Node to round-off', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    // A browser without WebGPU: navigator.gpu is absent.
    await page.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined, configurable: true });
    });
    await page.goto(server.url);
    await page.waitForFunction(() => document.querySelector('[data-testid=adapter]')?.getAttribute('data-kind') === 'reference');
    expect(await page.textContent('[data-testid=adapter]')).toContain('no WebGPU');
    expect(await page.textContent('.banner')).toMatch(/WebGPU is not available here \(this browser does not expose WebGPU/);
    // The banner states the speed of the fallback, measured in this browser.
    await page.waitForFunction(() => document.querySelector('[data-testid=banner]')?.getAttribute('data-trials-per-second') !== null, undefined, {
      timeout: 60_000,
    });
    const banner = (await page.textContent('[data-testid=banner]'))!;
    const measured = Number(await page.getAttribute('[data-testid=banner]', 'data-trials-per-second'));
    expect(measured).toBeGreaterThan(1e4);
    expect(banner).toMatch(/measured here at [\d.e]+ trials\/s/);
    console.log(`[web e2e] no-WebGPU banner: ${banner.slice(banner.indexOf('measured'), banner.indexOf('measured') + 60)}…`);
    const masses = [0.1, 0.2, 2] as const;
    const widths = '1e-21:1e-15:7';
    await fillScan(page, widths, 512, masses);
    await page.click('[data-testid=run-button]');
    await waitForStatus(page, 'done', 100_000);
    expect(await page.locator('[data-testid=plot] [data-testid=heatmap]').count()).toBe(1);

    const loaded = await loadScenario(GRID.scenario);
    const compiled = compileScenario(loaded.scenario);
    const massList = logSpaced(masses[0], masses[1], masses[2]);
    const target = { scenario: loaded.scenario, hash: loaded.hash, compiled };
    const built = await buildTables({
      scenarios: [target],
      massesGeV: massList,
      widthsGeV: logSpaced(1e-21, 1e-15, 7),
      samplesPerMass: 512,
      seed: GRID.seed,
      engine: referenceEngine(),
      production: ({ mode, massGeV }) =>
        buildProductionTable({
          mode: mode as ProductionMode,
          massGeV,
          beamEnergyGeV: loaded.scenario.beam.energyGeV,
          target: loaded.scenario.beam.target,
          thetaRangeRad: loaded.scenario.production.thetaRangeRad as [number, number],
        }),
    });
    const referenceSet: ScenarioTableSet = built.tableSet(target);
    const rows = (await pageRows(page)).filter((row) => row.origin === 'run');
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      const node = expectedSignal(referenceSet, 'gluon', row.massGeV, row.couplingPerGeV);
      expect(Math.abs(row.total - node.total), `m = ${row.massGeV}: page ${row.total}, Node ${node.total}`).toBeLessThanOrEqual(float64Tolerance(node.total));
    }

    // The page's CLI command is runnable and reproduces the page's run: the same excluded intervals and bands
    // (float64 reference engine on both sides; Chrome's and Node's exp/log may differ in the last bit, hence 1e-9).
    const command = (await page.textContent('[data-testid=cli-command]'))!;
    expect(command).toBe(
      'alpenglow limits --scenario koto-step2 --model gluon --couplings 1e-8:0.01:241 --masses 0.1:0.2:2 --samples 512 --seed 7 --max-added-masses 0 --widths 1e-21:1e-15:7 --engine reference --out out/limits',
    );
    const cliOut = join(outDir, 'page-command');
    const argv = command
      .split(' ')
      .slice(1)
      .map((word, index, words) => (words[index - 1] === '--out' ? cliOut : word));
    await promisify(execFile)(process.execPath, ['--import', 'tsx', join(REPOSITORY, 'src/cli/main.ts'), ...argv], { cwd: REPOSITORY, timeout: 200_000 });
    const fromCli = JSON.parse(readFileSync(join(cliOut, 'limits.json'), 'utf8')) as LimitsJson;
    const fromPage = (
      await page.evaluate(() => (window as unknown as { alpenglow: { limits(): Promise<Array<{ origin: string; limits: LimitsJson }>> } }).alpenglow.limits())
    ).find((entry) => entry.origin === 'run')!.limits;
    const close = (a: LimitsJson['exclusion'], b: LimitsJson['exclusion']) => {
      expect(a.map((entry) => entry.massGeV)).toEqual(b.map((entry) => entry.massGeV));
      a.forEach((entry, index) => {
        for (const key of ['lowerCoupling', 'upperCoupling', 'lowerCouplingBoundPerGeV', 'upperCouplingBoundPerGeV'] as const) {
          const x = entry[key];
          const y = b[index][key];
          if (x === null || x === undefined || y === null || y === undefined) expect(x).toBe(y);
          else expect(Math.abs(x / y - 1), `${key} at ${entry.massGeV} GeV: page ${x}, CLI ${y}`).toBeLessThan(1e-9);
        }
      });
    };
    expect(fromPage.exclusion.length).toBeGreaterThan(0);
    close(fromPage.exclusion, fromCli.exclusion);
    close(fromPage.mcBand.minus1Sigma, fromCli.mcBand.minus1Sigma);
    close(fromPage.mcBand.plus1Sigma, fromCli.mcBand.plus1Sigma);
    console.log(`[web e2e] the page's CLI command reproduces its run: ${fromPage.exclusion.length} intervals and the MC band agree`);
    await page.close();
  });
});
