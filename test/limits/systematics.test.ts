/**
 * The production-systematics band (issue 15 §3): the variations' yield factors against numbers
 * computed here or quoted in the docs, and the band through the whole limits chain on a table with
 * N(g) = K g⁴ exactly (ε ∝ Γ, one Primakoff mode), where scaling the yield by F moves the lower
 * edge by exactly F^(−1/4).
 */
import { describe, expect, it } from 'vitest';
import { computeLimits, logSpace, type ScenarioTableSet } from '../../src/limits/index.ts';
import { scaledYieldSet, systematicYieldFactors } from '../../src/limits/systematics.ts';
import { KOTO_MESON_RATIOS, photonsPerMeson } from '../../src/physics/meson-spectra.ts';
import {
  ALTERNATIVE_ETA_PER_PI0,
  MESON_NORMALISATION_FACTOR,
  PRODUCTION_SYSTEMATICS,
  etaRatioMultiplicityFactors,
  productionSystematicFactor,
} from '../../src/physics/production-systematics.ts';
import { limitsSvg } from '../../src/plots/exclusion.ts';
import { SYNTHETIC_HASH, logGrid, syntheticScenario, syntheticTable } from './synthetic.ts';

const MASS = 0.2;

function powerLawSet(): ScenarioTableSet {
  const scenario = syntheticScenario({ regions: [{ backgroundEvents: 0, observedEvents: 0 }], modes: ['primakoff-meson-photons'] });
  const table = syntheticTable(scenario, SYNTHETIC_HASH, {
    mode: 'primakoff-meson-photons',
    massesGeV: [0.1, MASS, 0.4],
    widthsGeV: logGrid(1e-28, 1e-10, 19),
    efficiency: (_m, w) => 1e10 * w,
    yieldPerPot: () => 3e-5,
  });
  return { scenario, scenarioHash: SYNTHETIC_HASH, tables: [table] };
}

describe('production-systematics factors', () => {
  const au30 = { beamEnergyGeV: 30, target: 'Au', massGeV: MASS };

  it('sigma-pA: beam photons on Au at 30 GeV go down by σ_inel/(σ_pp A^0.77) = 1/1.346 (docs/physics-model.md); other modes untouched', () => {
    expect(productionSystematicFactor('sigma-pA', 'primakoff-beam-photons', au30)).toBeCloseTo(1 / 1.346, 3);
    expect(productionSystematicFactor('sigma-pA', 'mixing', au30)).toBe(1);
    expect(productionSystematicFactor('sigma-pA', 'primakoff-meson-photons', au30)).toBe(1);
  });

  it('eta-ratios: η/π0 becomes 1/30 and the photons per pp stay fixed', () => {
    const f = etaRatioMultiplicityFactors();
    const nominal = { pi0: 1, eta: KOTO_MESON_RATIOS.eta / KOTO_MESON_RATIOS.pi0, etaPrime: KOTO_MESON_RATIOS.etaPrime / KOTO_MESON_RATIOS.pi0 };
    expect((f.eta * nominal.eta) / (f.pi0 * nominal.pi0)).toBeCloseTo(ALTERNATIVE_ETA_PER_PI0, 12);
    expect(f.etaPrime / f.eta).toBeCloseTo(1, 12);
    const photons = (scale: { pi0: number; eta: number; etaPrime: number }) =>
      (['pi0', 'eta', 'etaPrime'] as const).reduce((sum, meson) => sum + scale[meson] * nominal[meson] * photonsPerMeson(meson), 0);
    expect(photons(f)).toBeCloseTo(photons({ pi0: 1, eta: 1, etaPrime: 1 }), 12);
    expect(f.pi0).toBeGreaterThan(1);
    // the mixing sum moves by the weighted mean of its parts
    const parts = { pi0: 2, eta: 1, etaPrime: 1 };
    expect(productionSystematicFactor('eta-ratios', 'mixing', { ...au30, mixingParts: parts })).toBeCloseTo((2 * f.pi0 + f.eta + f.etaPrime) / 4, 12);
    expect(productionSystematicFactor('eta-ratios', 'primakoff-meson-photons', au30)).toBe(1);
  });
});

describe('systematicBand through the limits chain (N ∝ g⁴, one Primakoff mode)', () => {
  const set = powerLawSet();
  const couplings = logSpace(1e-7, 1e-2, 81);
  const result = computeLimits({
    set,
    model: 'photon',
    couplingsPerGeV: couplings,
    massesGeV: [MASS],
    contourMassCount: 8,
    refineSteps: 30,
    systematics: true,
  });

  it('combines the one-sided shifts in quadrature in ln(yield), up and down', () => {
    const factors = systematicYieldFactors(set);
    const input = { beamEnergyGeV: set.scenario.beam.energyGeV, target: set.scenario.beam.target, massGeV: MASS };
    const ln = PRODUCTION_SYSTEMATICS.map((variation) => Math.log(productionSystematicFactor(variation.name, 'primakoff-meson-photons', input)));
    const up = Math.exp(Math.sqrt(ln.filter((x) => x > 0).reduce((s, x) => s + x * x, 0)));
    const down = Math.exp(-Math.sqrt(ln.filter((x) => x < 0).reduce((s, x) => s + x * x, 0)));
    expect(factors.up[0][1]).toBeCloseTo(up, 12);
    expect(factors.down[0][1]).toBeCloseTo(down, 12);
    expect(up).toBeCloseTo(MESON_NORMALISATION_FACTOR, 12); // the only upward shift of meson photons
    expect(down).toBeLessThan(0.99);
    expect(result.systematics!.variations.map((v) => v.name)).toEqual(PRODUCTION_SYSTEMATICS.map((v) => v.name));
  });

  it('moves the lower edge by F^(-1/4): stronger with the yields up (plus1Sigma), weaker down', () => {
    const factors = systematicYieldFactors(set);
    const nominal = result.exclusion[0].lowerCoupling!;
    expect(result.systematicBand!.plus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo(factors.up[0][1] ** -0.25, 6);
    expect(result.systematicBand!.minus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo(factors.down[0][1] ** -0.25, 6);
    // scaling the yields by hand gives the same edges
    const byHand = computeLimits({
      set: scaledYieldSet(set, factors.up),
      model: 'photon',
      couplingsPerGeV: couplings,
      massesGeV: [MASS],
      contourMassCount: 8,
      refineSteps: 30,
    });
    expect(byHand.exclusion[0].lowerCoupling).toBe(result.systematicBand!.plus1Sigma[0].lowerCoupling);
    expect(result.contours).toHaveProperty('systematicPlus1Sigma');
    expect(result.contours).toHaveProperty('systematicMinus1Sigma');
  });

  it('is absent unless asked for', () => {
    const plain = computeLimits({ set, model: 'photon', couplingsPerGeV: couplings, massesGeV: [MASS], contourMassCount: 8 });
    expect(plain).not.toHaveProperty('systematicBand');
    expect(plain.contours).not.toHaveProperty('systematicPlus1Sigma');
  });
});

describe('the explore figure draws the systematic band', () => {
  it('dotted edges and a legend row with systematics; neither without', () => {
    const set = powerLawSet();
    const request = { set, model: 'photon', couplingsPerGeV: logSpace(1e-7, 1e-2, 81), massesGeV: [0.1, 0.4], contourMassCount: 12, refineSteps: 10 };
    const withBand = limitsSvg([computeLimits({ ...request, systematics: true })], { mode: 'explore' });
    const without = limitsSvg([computeLimits(request)], { mode: 'explore' });
    expect(withBand).toMatch(/production systematics ±1σ/);
    // the legend swatch and at least one drawn edge
    expect(withBand.match(/stroke-dasharray="2 3"/g)!.length).toBeGreaterThanOrEqual(2);
    expect(without).not.toMatch(/production systematics/);
    expect(without).not.toMatch(/stroke-dasharray="2 3"/);
  });
});
