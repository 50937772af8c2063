/**
 * `alpenglow limits` and `alpenglow plane` end to end (in-process main()): bad input exits 2 with a
 * one-line message naming the input; table files are read and checked; a small run on koto-step2
 * with the float64 reference engine writes the four files with the limits.json contract fields.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { makeTableFile, serializeTableFile, tableFileName } from '../../src/tables/table-file.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { decayInVolumeEfficiency, logGrid } from './synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-limits-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

async function run(args: string[]): Promise<number> {
  return main(args);
}

/** Writes koto-step2 table files (synthetic values) for both production modes into a fresh directory. */
async function writeTables(name: string, options: { hash?: string; masses?: number[] } = {}): Promise<string> {
  const loaded = await loadScenario('koto-step2');
  const tablesDir = join(dir, name);
  const masses = options.masses ?? logGrid(0.05, 0.3, 6);
  const widths = logGrid(1e-28, 1e-8, 121);
  const efficiency = decayInVolumeEfficiency();
  for (const mode of loaded.scenario.production.modes) {
    const values = {
      yieldPerPotAtReference: masses.map((m) => (mode === 'mixing' ? 2e-10 : 1e-4 * (0.05 / m))),
      efficiency: masses.flatMap((m) => widths.map((w) => efficiency(m, w, 0))),
      efficiencyError: masses.flatMap((m) => widths.map((w) => 0.02 * efficiency(m, w, 0))),
    };
    const file = makeTableFile(
      {
        scenario: { name: 'koto-step2', hash: options.hash ?? loaded.hash },
        productionMode: mode as 'mixing',
        channel: 'gamma gamma',
        regionNames: loaded.scenario.regions.map((r) => r.name),
        grid: { massesGeV: masses, widthsGeV: widths, massSpec: 'test', widthSpec: 'test' },
        shard: null,
        massGridIndices: masses.map((_, i) => i),
        samplesPerMass: 5000,
        seed: 3,
        normalisation: { pot: 6e20, additionalAcceptance: 0.73, referenceCoupling: 'test' },
        provenance: {
          alpenglowVersion: 'test',
          engine: 'reference',
          adapter: 'synthetic values',
          wallSeconds: 0,
          createdUtc: '2026-01-01T00:00:00Z',
          source: 'test/limits/cli.test.ts',
        },
      },
      values,
    );
    const { mkdirSync } = await import('node:fs');
    mkdirSync(tablesDir, { recursive: true });
    writeFileSync(join(tablesDir, tableFileName('koto-step2', mode, 'gammaGamma', null)), serializeTableFile(file));
  }
  return tablesDir;
}

describe('limits: bad input exits 2 with a message naming the input', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown model', ['--model', 'axion'], /unknown model 'axion': valid choices are gluon, photon, codominance/],
    ['custom model with a bad coupling', ['--model', 'custom:1,abc,0'], /c_BB must be a finite number \(got 'abc'\)/],
    ['coupling range starting at 0', ['--model', 'gluon', '--couplings', '0:1e-2:10'], /--couplings: lo must be > 0 GeV\^-1 \(got 0\)/],
    ['negative coupling in a list', ['--model', 'gluon', '--couplings', '1e-5,-1e-3'], /--couplings values must be > 0 GeV\^-1 \(got -1e-3\)/],
    ['non-finite coupling', ['--model', 'gluon', '--couplings', '1e-5:inf:10'], /--couplings must be a finite decimal number \(got 'inf'\)/],
    ['negative mass', ['--model', 'gluon', '--masses', '0.1,-0.2'], /--masses values must be > 0 GeV \(got -0.2\)/],
    ['missing model', [], /--model is required/],
    ['bad engine', ['--model', 'gluon', '--engine', 'cuda'], /--engine must be auto, webgpu or reference \(got 'cuda'\)/],
    ['unknown scenario', ['--model', 'gluon', '--scenario', 'no-such-experiment'], /no-such-experiment: no such scenario/],
  ];
  for (const [label, args, pattern] of cases) {
    it(label, async () => {
      const scenario = args.includes('--scenario') ? [] : ['--scenario', 'koto-step2'];
      expect(await run(['limits', ...scenario, ...args])).toBe(2);
      expect(stderr).toMatch(pattern);
      expect(stderr.trim().split('\n')).toHaveLength(1);
    });
  }

  it('masses outside the tables (--tables)', async () => {
    const tables = await writeTables('in-range');
    expect(await run(['limits', '--scenario', 'koto-step2', '--model', 'gluon', '--tables', tables, '--masses', '0.1,0.5', '--out', join(dir, 'x')])).toBe(2);
    expect(stderr).toMatch(/--masses value 0.5 GeV lies outside the tables of scenario 'koto-step2' \(0.05 … 0.3 GeV\)/);
  });

  it('tables from another scenario version (--tables): the file is named', async () => {
    const tables = await writeTables('other-hash', { hash: 'sha256:0000' });
    expect(await run(['limits', '--scenario', 'koto-step2', '--model', 'gluon', '--tables', tables, '--out', join(dir, 'y')])).toBe(2);
    expect(stderr).toMatch(
      /other-hash\/koto-step2_(mixing|primakoff-meson-photons)_gammaGamma\.table\.json: was made for another version of scenario 'koto-step2'/,
    );
  });
});

describe('limits from table files', () => {
  it('writes limits.json, contour.csv, exclusion.svg and exclusion.png', async () => {
    const tables = await writeTables('good');
    const out = join(dir, 'from-tables');
    expect(
      await run(['limits', '--scenario', 'koto-step2', '--model', 'photon', '--tables', tables, '--couplings', '1e-7:1e-1:121', '--out', out, '--json']),
    ).toBe(0);
    const limits = JSON.parse(readFileSync(join(out, 'limits.json'), 'utf8'));
    expect(JSON.parse(stdout)).toEqual(limits);
    expect(limits.scenario).toBe('koto-step2');
    expect(limits.model).toBe('photon');
    expect(limits.basis).toBe('expected-median');
    expect(limits.exclusion.map((e: { massGeV: number }) => e.massGeV)).toEqual(logGrid(0.05, 0.3, 6));
    // an end at the scan's end is null plus its bound (issue 15)
    for (const entry of limits.exclusion) expect(entry.lowerCoupling).toBeLessThan(entry.upperCoupling ?? entry.upperCouplingBoundPerGeV);
    expect(limits.provenance).toMatchObject({ seed: 3, samples: 5000, adapter: 'synthetic values' });
    expect(readFileSync(join(out, 'contour.csv'), 'utf8').split('\n')[0]).toBe('scenario,curve,edge,segment,point,massGeV,couplingPerGeV');
    expect(readFileSync(join(out, 'exclusion.svg'), 'utf8')).toMatch(/^<svg[^>]*viewBox="0 0 800 \d+"/);
    expect(readFileSync(join(out, 'exclusion.png')).subarray(1, 4).toString()).toBe('PNG');
  });
});

describe('limits and plane on koto-step2 with the reference engine (few samples)', () => {
  it('limits: JSON contract', async () => {
    const out = join(dir, 'koto');
    const code = await run([
      'limits',
      '--scenario',
      'koto-step2',
      '--model',
      'gluon',
      '--masses',
      '0.1,0.2',
      '--samples',
      '2000',
      '--seed',
      '5',
      '--engine',
      'reference',
      '--couplings',
      '1e-6:1e-2:41',
      '--out',
      out,
      '--json',
    ]);
    expect(stderr).not.toMatch(/internal error/);
    expect(code).toBe(0);
    const limits = JSON.parse(stdout);
    for (const key of ['scenario', 'model', 'basis', 'exclusion', 'provenance']) expect(limits).toHaveProperty(key);
    expect(limits).toMatchObject({
      scenario: 'koto-step2',
      model: 'gluon',
      basis: 'expected-median',
      cl: 0.9,
      coupling: { convention: 'KOTO c/f_a', unit: 'GeV^-1' },
    });
    expect(limits.exclusion.length).toBeGreaterThan(0);
    for (const entry of limits.exclusion) {
      expect([0.1, 0.2]).toContain(entry.massGeV);
      expect(entry.lowerCoupling).toBeGreaterThan(1e-6);
      if (entry.upperCoupling === null) {
        // --couplings ends at 1e-2, below this upper edge: null plus the bound (issue 15)
        expect(Object.keys(entry).sort()).toEqual(['lowerCoupling', 'massGeV', 'upperCoupling', 'upperCouplingBoundPerGeV']);
        expect(entry.upperCouplingBoundPerGeV).toBe(1e-2);
      } else {
        expect(Object.keys(entry).sort()).toEqual(['lowerCoupling', 'massGeV', 'upperCoupling']);
        expect(entry.upperCoupling).toBeGreaterThan(entry.lowerCoupling);
      }
    }
    expect(limits.provenance).toMatchObject({
      version: expect.any(String),
      seed: 5,
      samples: 2000,
      engine: 'reference',
      scenarioHash: expect.stringMatching(/^sha256:/),
    });
    for (const name of ['limits.json', 'contour.csv', 'exclusion.svg', 'exclusion.png']) expect(existsSync(join(out, name))).toBe(true);
    expect(stderr).toMatch(/width grid: \d+ widths/);
  });

  it('plane: bad axes exit 2; a small plane writes plane.json/svg/png', async () => {
    expect(await run(['plane', '--scenario', 'koto-step2', '--mass', '0.2', '--x', 'c_GG', '--y', 'c_GG'])).toBe(2);
    expect(stderr).toMatch(/--x and --y must be different couplings/);
    expect(await run(['plane', '--scenario', 'koto-step2', '--mass', '0.2', '--x', 'c_XX', '--y', 'c_BB'])).toBe(2);
    expect(stderr).toMatch(/--x must be one of c_GG, c_BB, c_WW, c_ll \(got 'c_XX'\)/);
    expect(await run(['plane', '--scenario', 'koto-step2', '--mass', '-1', '--x', 'c_GG', '--y', 'c_BB'])).toBe(2);
    stderr = '';
    const out = join(dir, 'plane');
    const code = await run([
      'plane',
      '--scenario',
      'koto-step2',
      '--mass',
      '0.2',
      '--x',
      'c_GG',
      '--y',
      'c_BB',
      '--range',
      '1e-6:1e-2:13',
      '--samples',
      '1000',
      '--engine',
      'reference',
      '--out',
      out,
      '--json',
    ]);
    expect(stderr).not.toMatch(/internal error/);
    expect(code).toBe(0);
    const plane = JSON.parse(stdout);
    expect(plane).toMatchObject({
      scenario: 'koto-step2',
      massGeV: 0.2,
      x: { coupling: 'c_GG', points: 13 },
      y: { coupling: 'c_BB', points: 13 },
      basis: 'expected-median',
    });
    expect(plane.excludedFraction).toBeGreaterThan(0);
    for (const name of ['plane.json', 'plane.svg', 'plane.png']) expect(existsSync(join(out, name))).toBe(true);
  });
});
