/**
 * Page redraw benchmark (issue 13: a slider move redraws in ≤ 100 ms for one scenario and ≤ 300 ms
 * for four). Run: `npx tsx bench/web-redraw.ts [--moves 12] [--samples 4096] [--idle-ms 1000]`.
 *
 * 1. `alpenglow grid` writes table files (masses 0.02:0.5:16, the grid's default 101 widths, 4096
 *    samples, seed 1, float64 reference engine) for koto-step2, charm, nucal and koto-step1-2015 into a cache folder under the
 *    system temporary directory, keyed by the scenario file's content (kept between runs).
 * 2. `startWebServer` builds and serves the page; Debian's /usr/bin/chromium runs it headless through
 *    playwright-core (SwiftShader WebGPU; the redraw itself is CPU work in the page's main thread).
 * 3. The table files of one scenario, then of all four, are loaded through the file input; the
 *    exposure slider of the first scenario is moved `--moves` times to new positions. For each move
 *    the page measures (performance.now) from the input event to the next animation frame after the
 *    view was redrawn with the nominal exclusion ("first stage": the numbers the CLI gives for the
 *    nominal limit), and to the redraw with the MC and expected bands ("final").
 * After loading and one warm-up move the page is left idle for `--idle-ms` (default 1000 ms, as a
 * person reading the plot before the first measured move).
 * Prints the median, 90th percentile and worst of each, every first-stage time against its target,
 * plus the page's own per-step timings of the last move.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { startWebServer } from '../src/cli/commands/serve.ts';

const CHROMIUM = '/usr/bin/chromium';
const REPOSITORY = new URL('..', import.meta.url).pathname;
const SCENARIOS = ['koto-step2', 'charm', 'nucal', 'koto-step1-2015'];

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const moves = flag('--moves', 12);
const samples = flag('--samples', 4096);
const idleMs = flag('--idle-ms', 1000);

/**
 * Table files and the scenario file they were made from (a copy: the page is given both, so the
 * bench does not depend on the shipped scenario staying unchanged while it runs).
 */
async function tableFiles(scenario: string): Promise<string[]> {
  const text = readFileSync(join(REPOSITORY, 'scenarios', `${scenario}.json`));
  const key = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const dir = join(tmpdir(), `alpenglow-web-redraw-${samples}`, `${scenario}-${key}`);
  const scenarioCopy = join(dir, `${scenario}.scenario.json`);
  const list = () =>
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => name.endsWith('.table.json'))
          .map((name) => join(dir, name))
      : [];
  if (list().length === 0) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(scenarioCopy, text);
    console.error(`grid ${scenario} → ${dir}`);
    await promisify(execFile)(
      process.execPath,
      [
        '--import',
        'tsx',
        join(REPOSITORY, 'src/cli/main.ts'),
        'grid',
        '--scenario',
        scenarioCopy,
        '--masses',
        '0.02:0.5:16',
        '--samples',
        String(samples),
        '--seed',
        '1',
        '--engine',
        'reference',
        '--out',
        dir,
      ],
      { cwd: REPOSITORY, timeout: 600_000 },
    );
  }
  return [...list(), scenarioCopy];
}

interface MoveTiming {
  /** Until the page set the new SVG (before the browser's layout and paint). */
  drawnMs: number;
  firstMs: number;
  finalMs: number;
  steps: { nominal?: Record<string, number>; final?: Record<string, number>; bands?: number };
}

/**
 * In-page code of one move, as text: tsx compiles functions with name helpers that do not exist in
 * the page, so page.evaluate gets a string.
 */
const MOVE_SCRIPT = `(async (value) => {
  const plot = document.querySelector('[data-testid=plot]');
  const slider = document.querySelector('[data-testid=pot-slider]');
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const until = async (test) => { while (!test()) await new Promise((resolve) => setTimeout(resolve, 1)); };
  const before = plot.dataset.rendered;
  const started = performance.now();
  slider.value = String(value);
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  await until(() => plot.dataset.rendered !== before);
  const drawnMs = performance.now() - started;
  await frame();
  const firstMs = performance.now() - started;
  // (a page without stages, before the two-stage redraw, has no data-stage: final = first)
  await until(() => plot.dataset.stage === undefined || plot.dataset.stage === 'final');
  await frame();
  const finalMs = performance.now() - started;
  const steps = window.alpenglow.lastRedraw ? window.alpenglow.lastRedraw() : {};
  return { drawnMs, firstMs, finalMs, steps };
})`;

/** Moves the first exposure slider to `position` and times the two redraw stages in the page. */
function moveSlider(page: Page, position: number): Promise<MoveTiming> {
  return page.evaluate(`${MOVE_SCRIPT}(${position})`) as Promise<MoveTiming>;
}

function summary(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${sorted[Math.floor(sorted.length / 2)].toFixed(0)} ms, 90th percentile ${sorted[Math.ceil(0.9 * sorted.length) - 1].toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`;
}

/** How many moves met the target, and every time in move order. */
function againstTarget(values: number[], targetMs: number): string {
  return `${values.filter((value) => value <= targetMs).length} of ${values.length} moves ≤ ${targetMs} ms (${values.map((value) => value.toFixed(0)).join(', ')})`;
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is not installed (apt-get install chromium); no browser is ever downloaded`);
  const files = new Map<string, string[]>();
  for (const scenario of SCENARIOS) files.set(scenario, await tableFiles(scenario));
  const server = await startWebServer({ port: 0, logLevel: 'error' });
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--enable-unsafe-webgpu'],
  });
  const version = browser.version();
  try {
    for (const count of [1, 4]) {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      await page.goto(server.url);
      await page.waitForFunction("!(document.querySelector('[data-testid=adapter]')?.textContent ?? 'looking').startsWith('looking')");
      const adapter = await page.textContent('[data-testid=adapter]');
      await page.setInputFiles(
        '[data-testid=table-file]',
        SCENARIOS.slice(0, count).flatMap((scenario) => files.get(scenario)!),
      );
      await page
        .waitForFunction(`document.querySelector('[data-testid=file-messages]')?.getAttribute('data-loaded') === '${count}'`)
        .catch(async (error: Error) => {
          throw new Error(`${error.message}\n${await page.textContent('[data-testid=file-messages]')}`);
        });
      await page.waitForFunction(
        "['final', undefined].includes(document.querySelector('[data-testid=plot]').dataset.stage) && document.querySelectorAll('[data-testid=contour]').length > 0",
        undefined,
        { timeout: 120_000 },
      );
      // Warm-up (JIT), then the measured moves: positions spread over the slider, none repeated.
      await moveSlider(page, 0.05);
      // A person reads the plot before moving the slider (--idle-ms 0: moves at once).
      await page.waitForTimeout(idleMs);
      const timings: MoveTiming[] = [];
      for (let k = 0; k < moves; k++) timings.push(await moveSlider(page, Number((-0.9 + (1.7 * k) / Math.max(1, moves - 1) + 0.013).toFixed(2))));
      console.log(`${count} scenario(s) (${SCENARIOS.slice(0, count).join(', ')}), Chromium ${version}, adapter ${adapter}:`);
      console.log(`  first stage, page done (SVG set):      ${summary(timings.map((t) => t.drawnMs))}`);
      console.log(`  first stage (nominal exclusion drawn): ${summary(timings.map((t) => t.firstMs))}`);
      console.log(
        `  first stage against the target:        ${againstTarget(
          timings.map((t) => t.firstMs),
          count === 1 ? 100 : 300,
        )}`,
      );
      console.log(`  final (MC and expected bands drawn):   ${summary(timings.map((t) => t.finalMs))}`);
      console.log(`  frame and paint after the SVG was set: ${summary(timings.map((t) => t.firstMs - t.drawnMs))}`);
      const round = (steps: Record<string, number> = {}) =>
        JSON.stringify(Object.fromEntries(Object.entries(steps).map(([key, value]) => [key, Math.round(value)])));
      const stepNames = [...new Set(timings.flatMap((t) => Object.keys(t.steps.nominal ?? {})))];
      const stepMedian = (name: string) => {
        const values = timings.map((t) => t.steps.nominal?.[name] ?? 0).sort((a, b) => a - b);
        return Math.round(values[Math.floor(values.length / 2)]);
      };
      console.log(`  page's first-stage steps, median over the moves (ms): ${stepNames.map((name) => `${name} ${stepMedian(name)}`).join(', ')}`);
      const slowest = timings.reduce((worst, t) => (t.firstMs > worst.firstMs ? t : worst));
      console.log(`  page's first-stage steps of the slowest move (ms): ${round(slowest.steps.nominal)}`);
      const last = timings.at(-1)!.steps;
      console.log(
        `  page's steps of the last move (ms): first stage ${round(last.nominal)}; bands ${Math.round(last.bands ?? 0)}; final redraw ${round(last.final)}`,
      );
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
