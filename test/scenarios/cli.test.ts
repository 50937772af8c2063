/**
 * `alpenglow scenarios` and `alpenglow events` end to end (in process, float64 reference engine
 * for the events so the test does not depend on the adapter).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import { shippedScenarioNames } from '../../src/node/scenario-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-events-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('alpenglow scenarios', () => {
  it('prints one line per shipped scenario with experiment, mode, POT and channel', async () => {
    const { code, stdout } = await runCli(['scenarios']);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(shippedScenarioNames().length + 1);
    expect(lines.find((line) => line.startsWith('koto-step2 '))).toMatch(/^koto-step2\s+KOTO\s+kaon\s+6\.0e20\s+gammaGamma\s+1 \(b = 1\.38, n = projection\)$/);
    expect(lines.find((line) => line.startsWith('nucal '))).toMatch(/^nucal\s+NuCal\s+dump\s+1\.7e18\s+gammaGamma\s+1 \(b = 0\.3, n = 1\)$/);
    expect(lines.find((line) => line.startsWith('koto-step1-2015 '))).toMatch(/KOTO\s+kaon\s+2\.2e19\s+gammaGamma\s+8$/);
  });

  it('--json lists every scenario with its regions, file and hash', async () => {
    const { code, stdout } = await runCli(['scenarios', '--json']);
    expect(code).toBe(0);
    const { scenarios } = JSON.parse(stdout);
    expect(scenarios.map((s: { name: string }) => s.name)).toEqual(shippedScenarioNames());
    const charm = scenarios.find((s: { name: string }) => s.name === 'charm');
    expect(charm).toMatchObject({
      experiment: 'CHARM',
      mode: 'dump',
      pot: 2.4e18,
      channel: 'gammaGamma',
      additionalAcceptance: 0.51,
      file: 'scenarios/charm.json',
    });
    expect(charm.regions).toEqual([{ name: 'all selected decays', backgroundEvents: 0, observedEvents: 0 }]);
    expect(charm.hash).toMatch(/^sha256:/);
  });
});

describe('alpenglow events', () => {
  it('writes CSV, SVG and PNG of the (z_vtx, p_T) distribution and per-region counts consistent with the histogram', async () => {
    const out = join(dir, 'step2');
    const { code, stdout, stderr } = await runCli([
      'events',
      '--scenario',
      'koto-step2',
      '--model',
      'gluon',
      '--mass',
      '0.3',
      '--coupling',
      '1e-5',
      '--samples',
      '30000',
      '--seed',
      '4',
      '--engine',
      'reference',
      '--out',
      out,
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const result = JSON.parse(stdout);
    // z_vtx from L − dz_max m_a/m_π0 = 20 − 18.25 · 0.3/0.135 = −20.6 m (eq. 10) rounded to −25; p_T to 2 m_π0 · 1.5 m / 0.3 m = 1.35 → 1.5 GeV (eq. 12).
    expect(result.plane).toMatchObject({ x: 'koto.zVtxM', y: 'koto.pTGeV', xBins: [-25, 20, 40], yBins: [0, 1.5, 30] });
    expect(result.engine.kind).toBe('reference');
    for (const file of Object.values(result.files) as string[]) expect(existsSync(file), file).toBe(true);
    expect(readFileSync(result.files.png).subarray(1, 4).toString()).toBe('PNG');
    const svg = readFileSync(result.files.svg, 'utf8');
    expect(svg).toContain('reconstructed z_vtx [m]');
    expect(svg).toContain('expected events per bin');

    // N = POT × A_add × BR × Σ_modes S_mode × yield × ε, recomputed from the JSON's own factors.
    let fromModes = 0;
    for (const mode of result.modes)
      fromModes +=
        result.pot * result.additionalAcceptance * result.branchingRatio * mode.couplingScale * mode.yieldPerPotAtReference * mode.regionEfficiency[0];
    expect(result.regions[0].events).toBeCloseTo(fromModes, 10);
    expect(result.regions[0].events).toBeGreaterThan(0);

    // CSV: header + 1200 cells; the cells wholly inside the region (1.75 < z < 15, p_T > 0.4) hold
    // at most the region's count, the cells touching it at least that (same trials, two tallies).
    const rows = readFileSync(result.files.csv, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('koto.zVtxM_low,koto.zVtxM_high,koto.pTGeV_low,koto.pTGeV_high,events,events_error');
    expect(rows).toHaveLength(1 + 40 * 30);
    let inside = 0;
    let touching = 0;
    let total = 0;
    for (const row of rows.slice(1)) {
      const [zLo, zHi, pLo, pHi, events] = row.split(',').map(Number);
      total += events;
      if (zLo >= 1.75 && zHi <= 15 && pLo >= 0.4) inside += events;
      if (zHi > 1.75 && zLo < 15 && pHi > 0.4) touching += events;
    }
    expect(total).toBeCloseTo(result.planeEventsTotal, 3);
    const region = result.regions[0].events;
    expect(inside).toBeLessThanOrEqual(region * (1 + 1e-5));
    expect(touching).toBeGreaterThanOrEqual(region * (1 - 1e-5));
  });

  it('draws the true decay z × pair p_T plane for a dump scenario and says so', async () => {
    const { code, stdout, stderr } = await runCli([
      'events',
      '--scenario',
      'na62-dump',
      '--model',
      'photon',
      '--mass',
      '0.1',
      '--coupling',
      '1e-6',
      '--samples',
      '5000',
      '--engine',
      'reference',
      '--out',
      join(dir, 'na62'),
      '--x-bins',
      '100:240:14',
      '--y-bins',
      '0:2:10',
    ]);
    expect(code, stderr).toBe(0);
    expect(stdout).toMatch(/plane: no π0 reconstruction in this scenario: true decay z and the p_T of the decay-product pair/);
    expect(stdout).toMatch(/decay\.zM ∈ \[100, 240\) × pair\.pTGeV ∈ \[0, 2\), 14 × 10 bins/);
    expect(stdout).toMatch(/all selected decays\s+\S+/);
  });

  it('refuses bad input in one line with exit status 2', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['events', '--model', 'gluon', '--mass', '0.3', '--coupling', '1e-5'], /--scenario is required/],
      [['events', '--scenario', 'koto-step2', '--model', 'gluon', '--mass=-1', '--coupling', '1e-5'], /--mass must be > 0 \(got -1\)/],
      [['events', '--scenario', 'koto-step2', '--model', 'axion', '--mass', '0.3', '--coupling', '1e-5'], /model/],
      [
        ['events', '--scenario', 'koto-step2', '--model', 'gluon', '--mass', '0.3', '--coupling', '1e-5', '--x-bins', '5:1:10'],
        /--x-bins must be lo:hi:count with lo < hi and an integer count ≥ 1 \(got '5:1:10'\)/,
      ],
      [['events', '--scenario', 'koto-step3', '--model', 'gluon', '--mass', '0.3', '--coupling', '1e-5'], /koto-step3: no such scenario/],
    ];
    for (const [args, message] of cases) {
      const { code, stderr } = await runCli(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(message);
    }
  });
});
