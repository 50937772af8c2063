/**
 * CLs exclusion through the whole limits chain (tables → signal → evaluator → intervals) with a
 * table built so that N(g) = K g⁴ exactly (ε ∝ Γ, the long-lifetime regime; Primakoff ∝ g²):
 * the lower edge then sits where K g⁴ equals the CLs 90 % limit, so ALPINIST's fixed thresholds
 * (physics.md §9.1–9.2) must come out as the event counts at the lower edge.
 */
import { describe, expect, it } from 'vitest';
import { computeLimits, logSpace, statisticsSetup, type LimitsJson, type ScenarioTableSet } from '../../src/limits/index.ts';
import { ALPHA_EM } from '../../src/physics/constants.ts';
import { branchingRatio, modelFromName, totalWidthGeV } from '../../src/physics/index.ts';
import { upperLimitSingleRegion } from '../../src/stats/index.ts';
import { SYNTHETIC_HASH, logGrid, syntheticScenario, syntheticTable } from './synthetic.ts';

const MASS = 0.2;
const KAPPA_PER_GEV = 1e10; // ε = κ Γ
const YIELD = 3e-5;

function powerLawSet(
  regions: { backgroundEvents: number; observedEvents: number | null }[],
  split: number[] = regions.map(() => 1 / regions.length),
  backgroundScaling: 'proportional' | 'fixed' = 'proportional',
): ScenarioTableSet {
  const scenario = syntheticScenario({ regions, modes: ['primakoff-meson-photons'], backgroundScaling });
  const table = syntheticTable(scenario, SYNTHETIC_HASH, {
    mode: 'primakoff-meson-photons',
    massesGeV: [0.1, MASS, 0.4],
    widthsGeV: logGrid(1e-28, 1e-10, 19),
    efficiency: (_m, w, r) => KAPPA_PER_GEV * w * split[r],
    yieldPerPot: () => YIELD,
  });
  return { scenario, scenarioHash: SYNTHETIC_HASH, tables: [table] };
}

/** Total events at coupling g for the photon model, computed here from the formula (not the library). */
function eventsAt(g: number, pot = 6e20): number {
  const model = modelFromName('photon', 1 / g);
  const gAgamma = (ALPHA_EM * g) / (2 * Math.PI); // c_γγ = 1 (physics.md §1.2)
  return pot * 0.73 * branchingRatio(model, MASS, 'gammaGamma') * gAgamma ** 2 * YIELD * KAPPA_PER_GEV * totalWidthGeV(model, MASS);
}

function limits(set: ScenarioTableSet, pot?: number): LimitsJson {
  return computeLimits({ set, model: 'photon', couplingsPerGeV: logSpace(1e-7, 1e-2, 81), massesGeV: [MASS], pot, contourMassCount: 8, refineSteps: 30 });
}

function thresholdAtLowerEdge(result: LimitsJson, pot?: number): number {
  expect(result.exclusion).toHaveLength(1);
  expect(result.exclusion[0].massGeV).toBe(MASS);
  return eventsAt(result.exclusion[0].lowerCoupling!, pot);
}

describe('ALPINIST thresholds reproduced at the lower edge (physics.md §9.1, §9.2)', () => {
  const cases: [string, { backgroundEvents: number; observedEvents: number | null }[], number, string][] = [
    ['n = 0, b = 5: 2.303 for any b', [{ backgroundEvents: 5, observedEvents: 0 }], 2.3026, 'observed'],
    ['n = 1, b = 0: 3.890', [{ backgroundEvents: 0, observedEvents: 1 }], 3.89, 'observed'],
    ['n = 1, b = 1.38: 3.145 (KOTO2pnn 3.14)', [{ backgroundEvents: 1.38, observedEvents: 1 }], 3.145, 'observed'],
    ['n = 3, b = 3.35: 4.208 (KOTOexclPnn 4.2)', [{ backgroundEvents: 3.35, observedEvents: 3 }], 4.208, 'observed'],
    ['projection b = 1.38: median expected 3.145', [{ backgroundEvents: 1.38, observedEvents: null }], 3.145, 'expected-median'],
    ['projection b = 3.35: median expected 4.208', [{ backgroundEvents: 3.35, observedEvents: null }], 4.208, 'expected-median'],
    [
      '8 regions, all n = 0: Σs = 2.303',
      [0.05, 0.08, 0.03, 0.1, 0.06, 0.04, 0.03, 0.03].map((b) => ({ backgroundEvents: b, observedEvents: 0 })),
      2.3026,
      'observed',
    ],
  ];
  for (const [label, regions, threshold, basis] of cases) {
    it(label, () => {
      const split = regions.map((_, r) => (r + 1) / ((regions.length * (regions.length + 1)) / 2));
      const result = limits(powerLawSet(regions, split));
      expect(result.basis).toBe(basis);
      const events = thresholdAtLowerEdge(result);
      expect(Math.abs(events / threshold - 1)).toBeLessThan(5e-4); // physics.md quotes 4 digits
      if (regions.length === 1) {
        const exact = upperLimitSingleRegion(regions[0].observedEvents ?? (threshold === 3.145 ? 1 : 3), regions[0].backgroundEvents);
        expect(Math.abs(events / exact - 1)).toBeLessThan(1e-7);
      }
    });
  }

  it('multi-region with events: the edge is where the exact combined CLs crosses 0.1', () => {
    const regions = [
      { backgroundEvents: 0.5, observedEvents: 1 },
      { backgroundEvents: 0.2, observedEvents: 0 },
    ];
    const result = limits(powerLawSet(regions, [0.5, 0.5]));
    const total = thresholdAtLowerEdge(result);
    // the combination lies between the all-in-one-region limits: s_up(n=0) < Σs < s_up(1, 0.7)
    expect(total).toBeGreaterThan(2.3026);
    expect(total).toBeLessThan(upperLimitSingleRegion(1, 0.5) * 1.0001);
  });
});

describe('basis, exposure and background scaling', () => {
  it('--pot: signal ∝ POT, proportional backgrounds scale, and observed counts no longer apply', () => {
    const set = powerLawSet([{ backgroundEvents: 1.38, observedEvents: 1 }]);
    const setup = statisticsSetup(set.scenario, { pot: 1.2e21 });
    expect(setup.basis).toBe('expected-median');
    expect(setup.background[0]).toBeCloseTo(2.76, 12);
    expect(setup.observed[0]).toBe(3); // lower median of Poisson(2.76): P(N ≤ 2) = 0.479, P(N ≤ 3) = 0.70
    const result = limits(set, 1.2e21);
    expect(Math.abs(thresholdAtLowerEdge(result, 1.2e21) / upperLimitSingleRegion(3, 2.76) - 1)).toBeLessThan(1e-7);
    expect(result.pot).toBe(1.2e21);
  });

  it("'fixed' backgrounds stay put under --pot", () => {
    const set = powerLawSet([{ backgroundEvents: 0.3, observedEvents: 0 }], [1], 'fixed');
    expect(statisticsSetup(set.scenario, { pot: 6e21 }).background[0]).toBe(0.3);
    expect(statisticsSetup(set.scenario).basis).toBe('observed');
    expect(statisticsSetup(set.scenario, { pot: 6e20 }).basis).toBe('observed');
  });

  it('expected band (one region): counts at the Poisson quantiles, limits ordered', () => {
    const result = limits(powerLawSet([{ backgroundEvents: 3.35, observedEvents: null }]));
    const band = result.expectedBand!;
    expect(band.map((entry) => entry.observedEvents)).toEqual([0, 2, 3, 5, 7]); // docs/statistics.md §4
    const edges = band.map((entry) => entry.exclusion[0].lowerCoupling!);
    for (let k = 1; k < edges.length; k++) expect(edges[k]).toBeGreaterThan(edges[k - 1]);
    expect(band[2].exclusion[0].lowerCoupling).toBe(result.exclusion[0].lowerCoupling);
  });

  it('MC band: ±1σ signal moves the lower edge by the expected factor (1 % error, N ∝ g⁴)', () => {
    const result = limits(powerLawSet([{ backgroundEvents: 0, observedEvents: 0 }]));
    const nominal = result.exclusion[0].lowerCoupling!;
    expect(result.mcBand.plus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo(1.01 ** -0.25, 7);
    expect(result.mcBand.minus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo(0.99 ** -0.25, 7);
  });

  it('MC band with two regions: the total moves by its quadrature error, √2 × 0.5 % here, not 1 %', () => {
    // two disjoint regions, half the signal each, 1 % error each: σ_total/N = √(2 × 0.005²) = 0.707 %
    const result = limits(
      powerLawSet(
        [
          { backgroundEvents: 0, observedEvents: 0 },
          { backgroundEvents: 0, observedEvents: 0 },
        ],
        [0.5, 0.5],
      ),
    );
    const nominal = result.exclusion[0].lowerCoupling!;
    const relative = Math.sqrt(2) * 0.005;
    expect(result.mcBand.plus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo((1 + relative) ** -0.25, 7);
    expect(result.mcBand.minus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo((1 - relative) ** -0.25, 7);
  });

  it('limits.json carries the contract fields', () => {
    const result = limits(powerLawSet([{ backgroundEvents: 1.38, observedEvents: null }]));
    for (const key of ['scenario', 'model', 'basis', 'exclusion', 'provenance', 'coupling', 'cl']) expect(result).toHaveProperty(key);
    // a closed edge is a number; an end of the scan is null plus the bound it lies beyond (issue 15)
    expect(Object.keys(result.exclusion[0]).sort()).toEqual(['lowerCoupling', 'massGeV', 'upperCoupling', 'upperCouplingBoundPerGeV']);
    expect(result.coupling).toMatchObject({ convention: 'KOTO c/f_a', unit: 'GeV^-1' });
    expect(result.cl).toBe(0.9);
    expect(result.provenance).toMatchObject({ seed: 7, samples: 1000, adapter: 'synthetic', scenarioHash: SYNTHETIC_HASH });
    expect(typeof result.provenance.version).toBe('string');
    // the power law never turns over: the interval reaches the top of the scanned range, with a warning
    expect(result.exclusion[0].upperCoupling).toBeNull();
    expect(result.exclusion[0].upperCouplingBoundPerGeV).toBe(1e-2);
    expect(result.exclusion[0].lowerCoupling).toBeGreaterThan(1e-7);
    expect(result.warnings.some((w) => /upper edge lies above the range/.test(w))).toBe(true);
  });

  it('scan masses outside the tables are refused', () => {
    const set = powerLawSet([{ backgroundEvents: 1, observedEvents: 0 }]);
    expect(() => computeLimits({ set, model: 'photon', couplingsPerGeV: logSpace(1e-7, 1e-2, 11), massesGeV: [0.5] })).toThrow(
      /masses\[0\] = 0.5 GeV lies outside the tables of scenario 'synthetic' \(0.1 … 0.4 GeV\)/,
    );
  });
});
