import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { UsageError } from '../../src/cli/command.ts';
import { physicsCommand } from '../../src/cli/commands/physics.ts';
import { SpectrumFileError, loadMesonList, loadPhotonSpectrumTable, loadWidthTable, photonsFromTable } from '../../src/node/spectrum-loaders.ts';
import { cAbs2 } from '../../src/physics/complex.ts';
import { photonMoments } from '../../src/physics/meson-decays.ts';
import { mixingAngleKoto } from '../../src/physics/mixing.ts';
import { buildProductionTable, photonsFromMesons, primakoffMesonPhotonYieldPerPot } from '../../src/physics/production.ts';
import { TARGETS } from '../../src/physics/targets.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-loaders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** A 4 × 3 photon grid; density = 1 per (dlog10 p dlog10 p_T) everywhere except p_T ≥ p cells. */
function photonTableText(density = (ip: number, ipt: number) => 1 + ip + ipt): string {
  const lines = ['# log10 p  log10 pT  density'];
  const lp = [0, 0.5, 1, 1.5];
  const lpt = [-1.5, -1, -0.5];
  lp.forEach((p, i) => lpt.forEach((pt, j) => lines.push(`${p} ${pt} ${density(i, j)}`)));
  return lines.join('\n');
}

describe('photon spectrum table loader (physics.md §3.3 format)', () => {
  it('loads a grid and converts it to photons with the table integral', () => {
    const table = loadPhotonSpectrumTable(write('photons.dat', photonTableText()));
    expect(table.log10P.length).toBe(4);
    expect(table.log10Pt.length).toBe(3);
    const photons = photonsFromTable(table, 3, 7);
    // Σ ρ Δlog10p Δlog10pT over the grid (Δ = 0.5 on both axes; p_T < p everywhere here): exact to 1e-12
    let expected = 0;
    for (let i = 0; i < 4; i++) for (let j = 0; j < 3; j++) expected += (1 + i + j) * 0.5 * 0.5;
    expect(photonMoments(photons).photonsPerPot).toBeCloseTo(expected, 10);
    // usable as the photon source of a production table
    const prim = buildProductionTable({ mode: 'primakoff-meson-photons', massGeV: 0.05, beamEnergyGeV: 30, target: 'Au', photons });
    expect(prim.yieldPerPot + prim.outOfRangeYieldPerPot).toBeCloseTo(primakoffMesonPhotonYieldPerPot(photons, TARGETS.Au, 0.05), 15);
  });
  it('bad files name file, line and value', () => {
    expect(() => loadPhotonSpectrumTable(write('cols.dat', '0 -1 1\n0 -0.5\n'))).toThrow(/cols\.dat:2: expected 3 columns, got 2/);
    expect(() =>
      loadPhotonSpectrumTable(
        write(
          'neg.dat',
          photonTableText((i, j) => (i === 2 && j === 1 ? -3 : 1)),
        ),
      ),
    ).toThrow(/neg\.dat:9: density must be ≥ 0 \(got -3\)/);
    expect(() => loadPhotonSpectrumTable(write('order.dat', '0 -1 1\n0 -0.5 1\n-0.5 -1 1\n-0.5 -0.5 1\n'))).toThrow(/order\.dat:3: log10 p must increase/);
    expect(() => loadPhotonSpectrumTable(write('ptorder.dat', '0 -0.5 1\n0 -1 1\n'))).toThrow(/ptorder\.dat:2: log10 p_T must be strictly increasing/);
    expect(() => loadPhotonSpectrumTable(write('nan.dat', '0 -1 x\n'))).toThrow(/nan\.dat:1: column 3 is not a finite number \(got 'x'\)/);
    expect(() => loadPhotonSpectrumTable(join(dir, 'missing.dat'))).toThrow(SpectrumFileError);
  });
});

describe('meson list loader (event, index, PDG id, px, py, pz)', () => {
  it('mixing from a list: yield = Σ_P (N_P/N_events) |θ_aP|² exactly; photons from the decays', () => {
    const rows = [
      '# event index pdg px py pz',
      '0 1 111 0.1 0.0 5.0',
      '0 2 221 0.0 0.3 3.0',
      '1 1 111 -0.2 0.1 2.0',
      '1 5 2212 0 0 10',
      '2 1 331 0.1 0.1 8.0',
      '3 1 111 0.0 0.0 1.0',
    ];
    const result = loadMesonList(write('mesons.txt', rows.join('\n')));
    expect(result.nEvents).toBe(4);
    expect(result.counts).toEqual({ pi0: 3, eta: 1, etaPrime: 1 });
    expect(result.skippedOtherPdg).toBe(1);
    const m = 0.2;
    const table = buildProductionTable({ mode: 'mixing', massGeV: m, beamEnergyGeV: 30, target: 'Au', mesons: result.mesons });
    const expected =
      (3 / 4) * cAbs2(mixingAngleKoto('pi0', m, 1, 1000)) +
      (1 / 4) * cAbs2(mixingAngleKoto('eta', m, 1, 1000)) +
      (1 / 4) * cAbs2(mixingAngleKoto('etaPrime', m, 1, 1000));
    expect((table.yieldPerPot + table.outOfRangeYieldPerPot) / expected).toBeCloseTo(1, 12);
    // photons per POT = Σ N_P × (photons per decay) — π0: 2·0.98823 + 0.01174 (physics.md §0, §5.4)
    const photons = photonsFromMesons(result.mesons);
    expect(photonMoments(photons).photonsPerPot).toBeCloseTo(
      (3 / 4) * 1.9882 + (1 / 4) * (2 * 0.3941 + 0.042 + 0.0069) + (1 / 4) * (2 * 0.0222 + 0.289 + 0.0262),
      4,
    );
  });
  it('bad lists name file, line and value', () => {
    expect(() => loadMesonList(write('m1.txt', '0 1 111 0.1 0.2\n'))).toThrow(/m1\.txt:1: expected 6 columns, got 5/);
    expect(() => loadMesonList(write('m2.txt', '0 1 111 0 0 1\n1.5 1 111 0 0 1\n'))).toThrow(/m2\.txt:2: event must be a non-negative integer \(got 1.5\)/);
    expect(() => loadMesonList(write('m3.txt', '0 1 11.1 0 0 1\n'))).toThrow(/m3\.txt:1: PDG id must be an integer/);
  });
});

describe('width table loader', () => {
  it('parses and rejects bad rows', () => {
    const table = loadWidthTable(write('w.dat', '0.4 0\n1.0 6\n2.0 16\n'));
    expect(Array.from(table.massGeV)).toEqual([0.4, 1, 2]);
    expect(() => loadWidthTable(write('w2.dat', '0.4 0\n0.3 6\n'))).toThrow(/w2\.dat:2: mass must be strictly increasing \(got 0.3 after 0.4\)/);
    expect(() => loadWidthTable(write('w3.dat', '0.4 -1\n'))).toThrow(/w3\.dat:1: width must be ≥ 0 \(got -1\)/);
  });
});

describe('alpenglow physics (CLI)', () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  afterEach(() => log.mockClear());
  it('prints JSON with the documented keys; §10 values come through', async () => {
    expect(await physicsCommand.run(['--model', 'gluon', '--mass', '0.2', '--fa', '1000', '--json'])).toBe(0);
    const report = JSON.parse(String(log.mock.calls[0][0]));
    for (const key of [
      'model',
      'massGeV',
      'cGammaGammaEff',
      'gAgammaPerGeV',
      'mixingAngles',
      'partialWidthsGeV',
      'totalWidthGeV',
      'branchingRatios',
      'brGammaGamma',
      'ctauM',
    ])
      expect(report).toHaveProperty(key);
    expect(report.mixingAngles.pi0.re).toBeCloseTo(-3.09e-5, 7);
    expect(report.cGammaGammaEff.re).toBeCloseTo(-1.361, 3);
  });
  it('with --beam/--target prints per-mode yields; text output by default', async () => {
    expect(await physicsCommand.run(['--model', 'photon', '--mass', '0.1', '--fa', '1000', '--beam', '30', '--target', 'Au'])).toBe(0);
    const text = String(log.mock.calls[0][0]);
    expect(text).toMatch(/primakoff-meson-photons/);
    expect(text).toMatch(/cτ = /);
  });
  it('bad input is a UsageError naming the flag and value', async () => {
    await expect(physicsCommand.run(['--model', 'gluon', '--mass=-1', '--fa', '1000'])).rejects.toThrow(/--mass must be > 0 \(got -1\)/);
    await expect(physicsCommand.run(['--model', 'gluon', '--mass', '0', '--fa', '1000'])).rejects.toThrow(UsageError);
    await expect(physicsCommand.run(['--model', 'custom:1,inf,0', '--mass', '0.1', '--fa', '1000'])).rejects.toThrow(
      /--model: .*c_BB must be a finite number \(got 'inf'\)/,
    );
    await expect(physicsCommand.run(['--model', 'gluon', '--mass', '0.1', '--fa', 'NaN'])).rejects.toThrow(
      /--fa must be a finite decimal number \(got 'NaN'\)/,
    );
    await expect(physicsCommand.run(['--model', 'gluon', '--mass', '0.1', '--fa', '1000', '--beam', '30', '--target', 'Xe'])).rejects.toThrow(
      /--target: unknown target 'Xe'/,
    );
    await expect(physicsCommand.run(['--model', 'gluon', '--mass', '2', '--fa', '1000', '--beam', '1', '--target', 'Au'])).rejects.toThrow(
      /--beam 1 GeV is below the production threshold/,
    );
    await expect(physicsCommand.run(['--model', 'gluon', '--mass', '0.1', '--fa', '1000', '--beam', '30'])).rejects.toThrow(
      /--beam and --target must be given together/,
    );
  });
});
