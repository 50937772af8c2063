/**
 * Rescaling of (m, Γ) tables to signal events (src/limits/rescale.ts, physics.md §8.5): a
 * hand-computed case, exact interpolation of power laws, out-of-grid flags, table refusal, and
 * agreement of the dense-plane path (g² scaling, recurrence) with the direct per-point path.
 */
import { describe, expect, it } from 'vitest';
import {
  LimitsInputError,
  POINT_STATUS,
  TableMismatchError,
  expectedSignal,
  massPhysics,
  parseLimitsModel,
  signalPlane,
  type ScenarioTableSet,
} from '../../src/limits/index.ts';
import { ALPHA_EM } from '../../src/physics/constants.ts';
import { branchingRatio, modelFromName, totalWidthGeV } from '../../src/physics/index.ts';
import { SYNTHETIC_HASH, logGrid, realisticSet, syntheticScenario, syntheticTable } from './synthetic.ts';

const WIDTHS = [1e-20, 1e-19, 1e-18, 1e-17, 1e-16];
const MASSES = [0.1, 0.2, 0.4];

/** Photon model (c_BB = 1): only Primakoff production, |g_aγγ| = α/(2π f_a) (physics.md §1.2, no c_GG terms). */
function photonSet(efficiency: (m: number, w: number, r: number) => number, yieldPerPot: (m: number) => number): ScenarioTableSet {
  const scenario = syntheticScenario({ modes: ['primakoff-meson-photons'] });
  return {
    scenario,
    scenarioHash: SYNTHETIC_HASH,
    tables: [syntheticTable(scenario, SYNTHETIC_HASH, { mode: 'primakoff-meson-photons', massesGeV: MASSES, widthsGeV: WIDTHS, efficiency, yieldPerPot })],
  };
}

describe('rescaling: hand-computed case', () => {
  it('photon model at a table node: N = POT · A_add · BR · (α g/2π)² · Y · ε exactly', () => {
    const set = photonSet(
      (m, w) => (m === 0.2 && w === 1e-18 ? 3.5e-4 : 1e-6),
      (m) => (m === 0.2 ? 2.5e-5 : 1e-5),
    );
    const massGeV = 0.2;
    // choose g so that Γ_tot(0.2 GeV, g) is exactly the table width 1e-18 GeV (Γ ∝ g², rescale.ts)
    const g = Math.sqrt(1e-18 / totalWidthGeV(modelFromName('photon', 1), massGeV));
    const point = expectedSignal(set, 'photon', massGeV, g);
    const model = modelFromName('photon', 1 / g);
    expect(totalWidthGeV(model, massGeV)).toBeCloseTo(1e-18, 30);
    const gAgamma = (ALPHA_EM * 1) / (2 * Math.PI * (1 / g)); // c_γγ = c_BB + c_WW = 1
    const expected = 6e20 * 0.73 * branchingRatio(model, massGeV, 'gammaGamma') * gAgamma ** 2 * 2.5e-5 * 3.5e-4;
    expect(point.status).toBe(POINT_STATUS.ok);
    expect(point.signal[0]).toBeGreaterThan(0);
    expect(Math.abs(point.signal[0] / expected - 1)).toBeLessThan(1e-10);
    // the 1 % table error propagates as 1 %
    expect(point.signalError[0] / point.signal[0]).toBeCloseTo(0.01, 10);
    // BR(γγ) of the photon model is 1 up to the loop-induced lepton widths (physics.md §2.2)
    expect(point.branchingRatio).toBeGreaterThan(0.99);
  });

  it('gluon model: Primakoff scales with g_aγγ², mixing with (c_GG/f_a ÷ 1 TeV⁻¹)², summed over modes', () => {
    const scenario = syntheticScenario();
    const eff = 2e-4;
    const tables = ['primakoff-meson-photons', 'mixing'].map((mode) =>
      syntheticTable(scenario, SYNTHETIC_HASH, {
        mode: mode as 'mixing',
        massesGeV: MASSES,
        widthsGeV: logGrid(1e-24, 1e-8, 17),
        efficiency: () => eff,
        yieldPerPot: () => (mode === 'mixing' ? 3e-10 : 4e-5),
      }),
    );
    const set = { scenario, scenarioHash: SYNTHETIC_HASH, tables };
    const g = 1e-4; // f_a = 10 TeV
    const model = modelFromName('gluon', 1e4);
    const point = expectedSignal(set, 'gluon', 0.1, g);
    // |c_γγ^eff(0.1 GeV)| = 2.349 for c_GG = 1 (physics.md §1.4 table)
    const gAgamma = (ALPHA_EM * 2.349) / (2 * Math.PI * 1e4);
    const mixingScale = (1e-4 / 1e-3) ** 2;
    const expected = 6e20 * 0.73 * branchingRatio(model, 0.1, 'gammaGamma') * eff * (gAgamma ** 2 * 4e-5 + mixingScale * 3e-10);
    expect(point.status).toBe(POINT_STATUS.ok);
    expect(Math.abs(point.signal[0] / expected - 1)).toBeLessThan(2e-3); // 2.349 is quoted to 4 digits
  });

  it('--pot scales the signal linearly', () => {
    const set = realisticSet();
    const a = expectedSignal(set, 'gluon', 0.15, 3e-5);
    const b = expectedSignal(set, 'gluon', 0.15, 3e-5, { pot: 1.2e21 });
    expect(b.total / a.total).toBeCloseTo(2, 12);
  });
});

describe('interpolation in (ln m, ln Γ)', () => {
  it('is exact for ε ∝ m^a Γ^b and Y ∝ m^c between nodes', () => {
    const efficiency = (m: number, w: number) => 3e-3 * m ** -1.7 * (w / 1e-18) ** 0.9;
    const yieldPerPot = (m: number) => 2e-5 * m ** -2.2;
    const set = photonSet(efficiency, yieldPerPot);
    for (const [massGeV, targetWidth] of [
      [0.13, 3.3e-19],
      [0.31, 2.7e-17],
      [0.25, 1.1e-20],
    ]) {
      const g = Math.sqrt(targetWidth / totalWidthGeV(modelFromName('photon', 1), massGeV));
      const point = expectedSignal(set, 'photon', massGeV, g);
      expect(point.status).toBe(POINT_STATUS.ok);
      const model = modelFromName('photon', 1 / g);
      const width = totalWidthGeV(model, massGeV);
      const gAgamma = (ALPHA_EM / (2 * Math.PI)) * g;
      const expected = 6e20 * 0.73 * branchingRatio(model, massGeV, 'gammaGamma') * gAgamma ** 2 * yieldPerPot(massGeV) * efficiency(massGeV, width);
      expect(Math.abs(point.signal[0] / expected - 1)).toBeLessThan(1e-11);
    }
  });

  it('falls back to linear weights next to a zero cell (no NaN, bounded by the corners)', () => {
    const set = photonSet(
      (_m, w) => (w >= 1e-17 ? 0 : 1e-4),
      () => 1e-5,
    );
    // pick g with Γ between 1e-18 (ε = 1e-4) and 1e-17 (ε = 0) at m = 0.2
    const unit = totalWidthGeV(modelFromName('photon', 1), 0.2);
    const width = 10 ** -17.5;
    const g = Math.sqrt(width / unit);
    const point = expectedSignal(set, 'photon', 0.2, g);
    const t = (Math.log(width) - Math.log(1e-18)) / (Math.log(1e-17) - Math.log(1e-18));
    const model = modelFromName('photon', 1 / g);
    const expected = 6e20 * 0.73 * branchingRatio(model, 0.2, 'gammaGamma') * ((ALPHA_EM * g) / (2 * Math.PI)) ** 2 * 1e-5 * (1 - t) * 1e-4;
    expect(Math.abs(point.signal[0] / expected - 1)).toBeLessThan(1e-10);
  });
});

describe('points outside the tables are flagged, never extrapolated', () => {
  const set = photonSet(
    () => 1e-4,
    () => 1e-5,
  );
  const unit = (m: number) => totalWidthGeV(modelFromName('photon', 1), m);
  it('mass below / above the grid', () => {
    expect(expectedSignal(set, 'photon', 0.05, 1e-5).status).toBe(POINT_STATUS.massBelowGrid);
    const above = expectedSignal(set, 'photon', 0.5, 1e-5);
    expect(above.status).toBe(POINT_STATUS.massAboveGrid);
    expect(above.statusName).toBe('mass above the table grid');
    expect(above.total).toBe(0);
  });
  it('width below / above the grid', () => {
    expect(expectedSignal(set, 'photon', 0.2, Math.sqrt(1e-21 / unit(0.2))).status).toBe(POINT_STATUS.widthBelowGrid);
    expect(expectedSignal(set, 'photon', 0.2, Math.sqrt(1e-15 / unit(0.2))).status).toBe(POINT_STATUS.widthAboveGrid);
    // the grid ends themselves are inside
    expect(expectedSignal(set, 'photon', 0.4, Math.sqrt(1e-16 / unit(0.4))).status).toBe(POINT_STATUS.ok);
  });
  it('the dense plane flags the same points', () => {
    const masses = [0.05, 0.2, 0.5];
    const couplings = [Math.sqrt(1e-21 / unit(0.2)), Math.sqrt(1e-18 / unit(0.2)), Math.sqrt(1e-15 / unit(0.2))];
    const plane = signalPlane(set, 'photon', masses, couplings);
    const at = (i: number, j: number) => plane.status[j * masses.length + i];
    expect([at(0, 1), at(1, 0), at(1, 1), at(1, 2), at(2, 1)]).toEqual([
      POINT_STATUS.massBelowGrid,
      POINT_STATUS.widthBelowGrid,
      POINT_STATUS.ok,
      POINT_STATUS.widthAboveGrid,
      POINT_STATUS.massAboveGrid,
    ]);
    expect(plane.signal[1 * masses.length + 0]).toBe(0);
  });
});

describe('dense plane = per-point evaluation', () => {
  it('signalPlane (g² scaling, recurrence along g) agrees with expectedSignal to 1e-9', () => {
    const set = realisticSet(
      syntheticScenario({
        regions: [
          { backgroundEvents: 1, observedEvents: 1 },
          { backgroundEvents: 2, observedEvents: 0 },
        ],
      }),
    );
    const masses = logGrid(0.012, 0.9, 37);
    const couplings = logGrid(1e-7, 1e-1, 113); // log-uniform: the recurrence path
    const irregular = couplings.map((g, j) => g * (1 + 0.003 * Math.sin(j))); // not uniform: direct path
    for (const axis of [couplings, irregular]) {
      const plane = signalPlane(set, 'codominance', masses, axis);
      let checked = 0;
      for (let i = 0; i < masses.length; i += 3) {
        for (let j = 0; j < axis.length; j += 2) {
          const point = expectedSignal(set, 'codominance', masses[i], axis[j]);
          const p = j * masses.length + i;
          expect(plane.status[p]).toBe(point.status);
          for (let r = 0; r < 2; r++) {
            const a = plane.signal[p * 2 + r];
            const b = point.signal[r];
            expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.abs(b) + 1e-300);
            expect(Math.abs(plane.signalError[p * 2 + r] - point.signalError[r])).toBeLessThanOrEqual(1e-8 * Math.abs(point.signalError[r]) + 1e-300);
            if (b > 0) checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(500);
    }
  });

  it('massPhysics: Γ_tot, BR and coupling scales of a fixed-c model scale with g² (rescale.ts homogeneity)', () => {
    const set = realisticSet();
    for (const name of ['gluon', 'photon', 'codominance', 'custom:1,-0.5,2,0.1']) {
      const model = parseLimitsModel(name);
      for (const m of [0.02, 0.14, 0.55, 0.95]) {
        const unit = massPhysics(set, model, m);
        for (const g of [1e-6, 3e-3]) {
          const direct = modelFromName(name, 1 / g);
          expect(totalWidthGeV(direct, m) / (unit.widthAtUnitCoupling * g * g)).toBeCloseTo(1, 12);
          expect(branchingRatio(direct, m, 'gammaGamma')).toBeCloseTo(unit.branchingRatio, 12);
        }
      }
    }
  });
});

describe('table refusal', () => {
  const scenario = syntheticScenario();
  const make = (mode: 'mixing' | 'primakoff-meson-photons', overrides: Partial<{ hash: string; masses: number[]; widths: number[]; name: string }> = {}) => {
    const table = syntheticTable({ ...scenario, name: overrides.name ?? scenario.name }, overrides.hash ?? SYNTHETIC_HASH, {
      mode,
      massesGeV: overrides.masses ?? MASSES,
      widthsGeV: overrides.widths ?? WIDTHS,
      efficiency: () => 1e-4,
      yieldPerPot: () => 1e-5,
    });
    return table;
  };
  const check = (tables: ReturnType<typeof make>[], pattern: RegExp) => {
    const set: ScenarioTableSet = { scenario, scenarioHash: SYNTHETIC_HASH, tables };
    expect(() => expectedSignal(set, 'gluon', 0.2, 1e-5)).toThrow(pattern);
    expect(() => expectedSignal(set, 'gluon', 0.2, 1e-5)).toThrow(TableMismatchError);
  };
  it('tables of another scenario (hash or name)', () => {
    check(
      [make('primakoff-meson-photons'), make('mixing', { hash: 'sha256:other' })],
      /table 1 \(mixing\) was made for scenario 'synthetic' \(sha256:other\), not for the requested 'synthetic'/,
    );
    check([make('primakoff-meson-photons', { name: 'koto-step1' }), make('mixing')], /table 0 \(primakoff-meson-photons\) was made for scenario 'koto-step1'/);
  });
  it('tables on different grids', () => {
    check(
      [make('primakoff-meson-photons'), make('mixing', { widths: [1e-20, 1e-18, 1e-16] })],
      /table 1 \(mixing\): width grid \(3 widths.*differs from table 0/,
    );
    check([make('primakoff-meson-photons'), make('mixing', { masses: [0.1, 0.2, 0.5] })], /table 1 \(mixing\): mass grid .* differs/);
  });
  it('missing, duplicated or foreign production modes; other regions', () => {
    check([make('primakoff-meson-photons')], /no table for production mode\(s\) mixing/);
    check([make('mixing'), make('mixing')], /table 1 \(mixing\): a second table for production mode 'mixing'/);
    const other = syntheticScenario({
      regions: [
        { backgroundEvents: 1, observedEvents: 0 },
        { backgroundEvents: 1, observedEvents: 0 },
      ],
    });
    const twoRegion = syntheticTable(other, SYNTHETIC_HASH, {
      mode: 'mixing',
      massesGeV: MASSES,
      widthsGeV: WIDTHS,
      efficiency: () => 1e-4,
      yieldPerPot: () => 1e-5,
    });
    check([make('primakoff-meson-photons'), twoRegion], /table 1 \(mixing\): regions .* differ from the scenario's/);
  });
  it('bad couplings, masses and models are errors naming the input', () => {
    const set = realisticSet();
    expect(() => expectedSignal(set, 'gluon', 0.2, 0)).toThrow(/coupling must be a finite number > 0 GeV\^-1 \(got 0\)/);
    expect(() => expectedSignal(set, 'gluon', 0.2, -1e-5)).toThrow(LimitsInputError);
    expect(() => expectedSignal(set, 'gluon', 0.2, Number.NaN)).toThrow(/got NaN/);
    expect(() => expectedSignal(set, 'gluon', -0.2, 1e-5)).toThrow(/massGeV must be a finite number > 0 GeV \(got -0.2\)/);
    expect(() => expectedSignal(set, 'axion', 0.2, 1e-5)).toThrow(/unknown model 'axion'/);
    expect(() => parseLimitsModel('custom:1,x,0')).toThrow(/c_BB must be a finite number \(got 'x'\)/);
    expect(() => parseLimitsModel('custom:0,0,0')).toThrow(/every coupling is 0/);
    expect(() => signalPlane(set, 'gluon', [0.1, 0.05], [1e-5, 1e-4])).toThrow(/massesGeV must increase strictly/);
  });
});
