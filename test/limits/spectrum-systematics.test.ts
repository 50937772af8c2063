/**
 * The meson-spectrum shape in the systematic band (issue 15 §3; docs/limits.md §6b), on synthetic
 * tables where the alternative shapes' tables are the nominal ones with known cell factors:
 * - uniform factors g = 1.2 (harder) and 0.9 (softer) on a table with N ∝ g⁴ move the lower edge by
 *   exactly F^(−1/4), F = exp(±√(Σ ln² f_i + ln² g)) (the quadrature per cell);
 * - an "alternative" identical to the nominal tables gives exactly the band without the shape;
 * - with per-cell factors of both signs the band is at least as wide as without and holds the
 *   nominal exclusion.
 */
import { describe, expect, it } from 'vitest';
import { computeLimits, logSpace, type ExclusionEntry, type LimitsJson, type ScenarioTableSet } from '../../src/limits/index.ts';
import { type SpectrumShapeTables, scaledSystematicSet, systematicYieldFactors } from '../../src/limits/systematics.ts';
import { modelLimitsJsonSchema } from '../../src/limits/limits-json-schema.ts';
import { PRODUCTION_SYSTEMATICS, productionSystematicFactor } from '../../src/physics/production-systematics.ts';
import { Xoshiro128 } from '../../src/physics/rng.ts';
import type { MassWidthTable } from '../../src/tables/mass-width-table.ts';
import { SYNTHETIC_HASH, logGrid, realisticSet, syntheticScenario, syntheticTable } from './synthetic.ts';

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

/** A table with every efficiency cell multiplied by factor(cell index). */
function scaledTable(table: MassWidthTable, factor: (cell: number) => number): MassWidthTable {
  return { ...table, efficiency: table.efficiency.map((value, cell) => value * factor(cell)) };
}

function shapeTables(set: ScenarioTableSet, softer: (cell: number) => number, harder: (cell: number) => number): SpectrumShapeTables {
  return {
    variations: [
      { name: 'softer', shape: { alpha: 3.45, ptStretch: 1 }, tables: set.tables.map((table) => scaledTable(table, softer)) },
      { name: 'harder', shape: { alpha: 2.72, ptStretch: 1.21 }, tables: set.tables.map((table) => scaledTable(table, harder)) },
    ],
  };
}

describe('meson-spectrum shape: quadrature per cell (N ∝ g⁴, one meson-photon mode)', () => {
  const set = powerLawSet();
  const couplings = logSpace(1e-7, 1e-2, 81);
  const request = { set, model: 'photon', couplingsPerGeV: couplings, massesGeV: [MASS], contourMassCount: 8, refineSteps: 30, systematics: true };
  const withoutShape = computeLimits(request);
  const shape = shapeTables(
    set,
    () => 0.9,
    () => 1.2,
  );
  const withShape = computeLimits({ ...request, spectrumShape: shape });
  const input = { beamEnergyGeV: set.scenario.beam.energyGeV, target: set.scenario.beam.target, massGeV: MASS };
  const ln = PRODUCTION_SYSTEMATICS.map((variation) => Math.log(productionSystematicFactor(variation.name, 'primakoff-meson-photons', input)));
  const sumUp = ln.filter((x) => x > 0).reduce((s, x) => s + x * x, 0);
  const sumDown = ln.filter((x) => x < 0).reduce((s, x) => s + x * x, 0);

  it('the larger shift each way joins the quadrature: F_up = exp√(Σ⁺ + ln²1.2), F_down = exp−√(Σ⁻ + ln²0.9)', () => {
    const factorsUp = Math.exp(Math.sqrt(sumUp + Math.log(1.2) ** 2));
    const factorsDown = Math.exp(-Math.sqrt(sumDown + Math.log(0.9) ** 2));
    const nominal = withShape.exclusion[0].lowerCoupling!;
    expect(withShape.exclusion).toEqual(withoutShape.exclusion);
    expect(withShape.systematicBand!.plus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo(factorsUp ** -0.25, 6);
    expect(withShape.systematicBand!.minus1Sigma[0].lowerCoupling! / nominal).toBeCloseTo(factorsDown ** -0.25, 6);
    const factors = systematicYieldFactors(set, shape);
    const cells = set.tables[0].widthsGeV.length * set.tables[0].regionNames.length;
    expect(factors.up[0][1] * factors.cells!.up[0][cells + 3]).toBeCloseTo(factorsUp, 12);
    expect(factors.down[0][1] * factors.cells!.down[0][cells + 3]).toBeCloseTo(factorsDown, 12);
  });

  it('limits.json lists the shape with its signal-ratio range, the alternatives and the method', () => {
    const summary = withShape.systematics!.variations.find((variation) => variation.name === 'meson-spectrum-shape')!;
    expect(summary.yieldFactorRange[0]).toBeCloseTo(0.9, 12);
    expect(summary.yieldFactorRange[1]).toBeCloseTo(1.2, 12);
    expect(summary.alternatives!.map((alternative) => alternative.name)).toEqual(['softer', 'harder']);
    expect(withShape.systematics!.method).toMatch(/meson-spectrum shape/);
    expect(withoutShape.systematics!.variations.map((variation) => variation.name)).not.toContain('meson-spectrum-shape');
    // the limits.json schema (schemas/limits.schema.json) describes the new fields
    const parsed = modelLimitsJsonSchema.parse(JSON.parse(JSON.stringify(withShape))) as { systematics?: unknown; systematicBand?: unknown };
    expect(parsed.systematics).toEqual(JSON.parse(JSON.stringify(withShape.systematics)));
    expect(() => modelLimitsJsonSchema.parse({ ...withShape, systematics: { ...withShape.systematics, variations: [{ name: 'x' }] } })).toThrow();
  });

  it('an alternative identical to the nominal tables gives exactly the band without the shape', () => {
    const identical = computeLimits({
      ...request,
      spectrumShape: shapeTables(
        set,
        () => 1,
        () => 1,
      ),
    });
    expect(identical.systematicBand).toEqual(withoutShape.systematicBand);
    expect(identical.contours.systematicPlus1Sigma).toEqual(withoutShape.contours.systematicPlus1Sigma);
    expect(identical.contours.systematicMinus1Sigma).toEqual(withoutShape.contours.systematicMinus1Sigma);
    const factors = systematicYieldFactors(
      set,
      shapeTables(
        set,
        () => 1,
        () => 1,
      ),
    );
    expect(factors.cells!.up.flat().every((value) => value === 1)).toBe(true);
    expect(factors.cells!.down.flat().every((value) => value === 1)).toBe(true);
  });

  it('cells where the nominal or the varied run has no signal keep factor 1', () => {
    const zeros = shapeTables(
      set,
      () => 0,
      () => 1.2,
    );
    const factors = systematicYieldFactors(set, zeros);
    expect(factors.cells!.down.flat().every((value) => value === 1)).toBe(true);
    const scaled = scaledSystematicSet(set, factors, 'up');
    expect(scaled.tables[0].efficiency[0]).toBeGreaterThan(set.tables[0].efficiency[0]);
  });
});

/** [lower, upper] of the one interval at a mass; null edges as ±∞ (outside the scan). */
function interval(entries: ExclusionEntry[], massGeV: number): [number, number] | undefined {
  const at = entries.filter((entry) => entry.massGeV === massGeV);
  expect(at.length).toBeLessThanOrEqual(1);
  if (at.length === 0) return undefined;
  return [at[0].lowerCoupling ?? 0, at[0].upperCoupling ?? Number.POSITIVE_INFINITY];
}

/** inner ⊆ outer (an absent inner interval is inside anything). */
function inside(inner: [number, number] | undefined, outer: [number, number] | undefined): boolean {
  if (!inner) return true;
  if (!outer) return false;
  return inner[0] >= outer[0] * (1 - 1e-12) && inner[1] <= outer[1] * (1 + 1e-12);
}

describe('meson-spectrum shape: the band widens and holds the nominal exclusion (decay-in-volume tables, per-cell factors)', () => {
  const set = realisticSet(syntheticScenario({ regions: [{ backgroundEvents: 0.5, observedEvents: 0 }] }), { masses: 9, widths: 81 });
  const masses = set.tables[0].massesGeV;
  const rng = new Xoshiro128(11);
  const randomFactors = set.tables[0].efficiency.map(() => 0.75 + 0.6 * rng.uniform());
  const otherFactors = set.tables[0].efficiency.map(() => 0.75 + 0.6 * rng.uniform());
  const request = { set, model: 'gluon', couplingsPerGeV: logSpace(1e-7, 1e-1, 121), contourMassCount: 10, refineSteps: 12, systematics: true };
  const without: LimitsJson = computeLimits(request);
  const withShape: LimitsJson = computeLimits({
    ...request,
    spectrumShape: shapeTables(
      set,
      (cell) => randomFactors[cell],
      (cell) => otherFactors[cell],
    ),
  });

  it('minus1Sigma(with) ⊆ minus1Sigma(without) ⊆ nominal ⊆ plus1Sigma(without) ⊆ plus1Sigma(with), and wider somewhere', () => {
    let wider = 0;
    for (const m of masses) {
      const nominal = interval(withShape.exclusion, m);
      const minusWith = interval(withShape.systematicBand!.minus1Sigma, m);
      const minusWithout = interval(without.systematicBand!.minus1Sigma, m);
      const plusWith = interval(withShape.systematicBand!.plus1Sigma, m);
      const plusWithout = interval(without.systematicBand!.plus1Sigma, m);
      expect(inside(minusWith, minusWithout), `m = ${m} minus`).toBe(true);
      expect(inside(minusWithout, nominal), `m = ${m} minus vs nominal`).toBe(true);
      expect(inside(nominal, plusWithout), `m = ${m} plus vs nominal`).toBe(true);
      expect(inside(plusWithout, plusWith), `m = ${m} plus`).toBe(true);
      if (plusWith && plusWithout && (plusWith[0] < plusWithout[0] * 0.999 || plusWith[1] > plusWithout[1] * 1.001)) wider++;
    }
    expect(wider).toBeGreaterThan(0);
  });
});
