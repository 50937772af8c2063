/**
 * The production-systematics band (issue 15 §3; docs/limits.md §6b). Each variation of
 * src/physics/production-systematics.ts gives a yield factor f_i(mode, m) at every table mass; the
 * factors combine in quadrature in ln f, separately upwards and downwards,
 *
 *   ln F_up(mode, m) = √Σ_i max(ln f_i, 0)²,   ln F_down(mode, m) = −√Σ_i min(ln f_i, 0)²,
 *
 * (each alternative choice taken as a one-sided 1σ shift), and the band is the exclusion with every
 * mode's yield scaled by F_down (minus1Sigma: weaker) and by F_up (plus1Sigma: stronger).
 * These normalisation variations scale yields only: the engine's efficiencies are kept (no engine run).
 *
 * The meson-spectrum shape (opt-in; SpectrumShapeTables from engine runs on varied spectra,
 * src/app/spectrum-systematics.ts) changes acceptance, so it acts per cell: for each alternative
 * shape v the signal ratio g_v = (y_v ε_v)/(y ε) per (mode, mass, width, region) cell, and the pair
 * of alternatives counts as one two-sided shift, u = max(ln g_v, 0), d = min(ln g_v, 0) over v,
 * entering the same quadrature per cell:
 *
 *   ln F_up(cell) = √(Σ_i max(ln f_i, 0)² + u²),   ln F_down(cell) = −√(Σ_i min(ln f_i, 0)² + d²).
 *
 * Applied as the yield factor F(mode, m) above times a cell factor F(cell)/F(mode, m) on the
 * efficiency (exactly 1 where the shape changes nothing). Cells where either run has no signal keep
 * g = 1. Browser-safe.
 */
import { buildProductionTable, MIXING_MESONS, type ProductionMode } from '../physics/index.ts';
import { PRODUCTION_SYSTEMATICS, SPECTRUM_SHAPE_SYSTEMATIC, productionSystematicFactor, type SystematicName } from '../physics/production-systematics.ts';
import type { ShapeParameters } from '../physics/meson-spectra.ts';
import type { MixingMeson } from '../physics/mixing.ts';
import type { MassWidthTable } from '../tables/mass-width-table.ts';
import { scenarioProductionRequest } from '../scenarios/compile.ts';
import { prepareTableSet, type ScenarioTableSet } from './rescale.ts';

export interface SystematicVariationSummary {
  name: SystematicName;
  description: string;
  sources: string;
  /**
   * Smallest and largest yield factor over the scenario's modes and table masses (1 where untouched);
   * for meson-spectrum-shape the signal ratio g over every cell with signal in both runs.
   */
  yieldFactorRange: [number, number];
  /** meson-spectrum-shape only: the alternative shapes run at this scenario's beam energy. */
  alternatives?: { name: string; alpha: number; ptStretch: number }[];
}

/**
 * Tables of the spectrum-shape alternatives: for each, the tables of the modes that rest on the
 * meson spectra, on the nominal set's mass and width grids, same seed and samples (engine runs;
 * src/app/spectrum-systematics.ts).
 */
export interface SpectrumShapeTables {
  variations: { name: string; shape: ShapeParameters; tables: MassWidthTable[] }[];
}

export interface SystematicYieldFactors {
  variations: SystematicVariationSummary[];
  /** Per table (set.tables order) and table mass: the combined factors of the normalisation variations. */
  up: number[][];
  down: number[][];
  /**
   * With the spectrum shape: per table and efficiency cell (mass × width × region, table order) the
   * extra factor on the efficiency, F(cell)/F(mode, m); 1 for tables the shape does not touch.
   */
  cells?: { up: number[][]; down: number[][] };
}

/** The mixing sum mode's π0, η, η′ parts at a mass (reference coupling, per POT): coarse production tables, integrals only. */
function mixingParts(set: ScenarioTableSet, massGeV: number): Record<MixingMeson, number> {
  const parts = {} as Record<MixingMeson, number>;
  for (const meson of MIXING_MESONS) {
    const request = { ...scenarioProductionRequest(set.scenario, `mixing-${meson}` as ProductionMode, massGeV), binsPerDecadeEnergy: 6, binsPerDecadeTheta: 6 };
    const table = buildProductionTable(request);
    parts[meson] = table.yieldPerPot + table.outOfRangeYieldPerPot;
  }
  return parts;
}

/** The combined up/down yield factors of a scenario's tables, and what each variation does (with the spectrum shape when its tables are given). */
export function systematicYieldFactors(set: ScenarioTableSet, spectrumShape?: SpectrumShapeTables): SystematicYieldFactors {
  const tables = prepareTableSet(set);
  const { scenario } = set;
  const needsParts = tables.modes.some((mode) => mode.mode === 'mixing');
  const parts = needsParts ? tables.massesGeV.map((m) => mixingParts(set, m)) : [];
  const lnUp = tables.modes.map(() => new Float64Array(tables.massesGeV.length));
  const lnDown = tables.modes.map(() => new Float64Array(tables.massesGeV.length));
  const variations = PRODUCTION_SYSTEMATICS.map((variation) => {
    let lo = 1;
    let hi = 1;
    tables.modes.forEach((mode, t) =>
      tables.massesGeV.forEach((massGeV, m) => {
        if (!(mode.yieldPerPot[m] > 0)) return;
        // B → K(*) a tables (rescale.ts RescalableMode): none of the listed variations touches them (factor 1).
        if (mode.mode === 'b-to-k' || mode.mode === 'b-to-kstar') return;
        const factor = productionSystematicFactor(variation.name, mode.mode, {
          beamEnergyGeV: scenario.beam.energyGeV,
          target: scenario.beam.target,
          massGeV,
          mixingParts: parts[m],
        });
        const ln = Math.log(factor);
        if (ln > 0) lnUp[t][m] += ln * ln;
        else lnDown[t][m] += ln * ln;
        lo = Math.min(lo, factor);
        hi = Math.max(hi, factor);
      }),
    );
    return { name: variation.name, description: variation.description, sources: variation.sources, yieldFactorRange: [lo, hi] as [number, number] };
  });
  const factors: SystematicYieldFactors = {
    variations,
    up: lnUp.map((column) => Array.from(column, (sum) => Math.exp(Math.sqrt(sum)))),
    down: lnDown.map((column) => Array.from(column, (sum) => Math.exp(-Math.sqrt(sum)))),
  };
  if (!spectrumShape) return factors;
  const shape = spectrumShapeCellFactors(set, spectrumShape, lnUp, lnDown);
  factors.variations.push({
    ...SPECTRUM_SHAPE_SYSTEMATIC,
    yieldFactorRange: shape.range,
    alternatives: spectrumShape.variations.map((variation) => ({ name: variation.name, ...variation.shape })),
  });
  factors.cells = { up: shape.up, down: shape.down };
  return factors;
}

function sameValues(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** Per-cell factors of the spectrum shape on top of the normalisation sums lnUp/lnDown (see file header). */
function spectrumShapeCellFactors(
  set: ScenarioTableSet,
  spectrumShape: SpectrumShapeTables,
  lnUp: Float64Array[],
  lnDown: Float64Array[],
): { up: number[][]; down: number[][]; range: [number, number] } {
  let lo = 1;
  let hi = 1;
  const up: number[][] = [];
  const down: number[][] = [];
  set.tables.forEach((table, t) => {
    const cellsPerMass = table.widthsGeV.length * table.regionNames.length;
    const tableUp = new Array<number>(table.efficiency.length).fill(1);
    const tableDown = new Array<number>(table.efficiency.length).fill(1);
    up.push(tableUp);
    down.push(tableDown);
    const alternatives = spectrumShape.variations.flatMap((variation) => variation.tables.filter((other) => other.productionMode === table.productionMode));
    if (alternatives.length === 0) return;
    for (const other of alternatives) {
      if (!sameValues(other.massesGeV, table.massesGeV) || !sameValues(other.widthsGeV, table.widthsGeV) || other.efficiency.length !== table.efficiency.length)
        throw new Error(`internal: the spectrum-shape table of ${table.productionMode} is not on the nominal mass and width grids`);
    }
    table.massesGeV.forEach((_, m) => {
      const normUp = Math.sqrt(lnUp[t][m]);
      const normDown = Math.sqrt(lnDown[t][m]);
      for (let c = m * cellsPerMass; c < (m + 1) * cellsPerMass; c++) {
        const nominal = table.yieldPerPotAtReference[m] * table.efficiency[c];
        if (!(nominal > 0)) continue;
        let lnMax = 0;
        let lnMin = 0;
        for (const other of alternatives) {
          const varied = other.yieldPerPotAtReference[m] * other.efficiency[c];
          if (!(varied > 0)) continue;
          const ratio = varied / nominal;
          lo = Math.min(lo, ratio);
          hi = Math.max(hi, ratio);
          lnMax = Math.max(lnMax, Math.log(ratio));
          lnMin = Math.min(lnMin, Math.log(ratio));
        }
        if (lnMax > 0) tableUp[c] = Math.exp(Math.sqrt(normUp * normUp + lnMax * lnMax) - normUp);
        if (lnMin < 0) tableDown[c] = Math.exp(normDown - Math.sqrt(normDown * normDown + lnMin * lnMin));
      }
    });
  });
  return { up, down, range: [lo, hi] };
}

/** The table set with every table's yields multiplied by factors[table][mass] (efficiencies untouched). */
export function scaledYieldSet(set: ScenarioTableSet, factors: number[][]): ScenarioTableSet {
  return {
    ...set,
    tables: set.tables.map((table, t) => ({ ...table, yieldPerPotAtReference: table.yieldPerPotAtReference.map((y, m) => y * factors[t][m]) })),
  };
}

/** The table set of one side of the systematic band: yields × factors[side] and, with the spectrum shape, efficiencies × cells[side]. */
export function scaledSystematicSet(set: ScenarioTableSet, factors: SystematicYieldFactors, side: 'up' | 'down'): ScenarioTableSet {
  const scaled = scaledYieldSet(set, factors[side]);
  const cells = factors.cells?.[side];
  if (!cells) return scaled;
  return {
    ...scaled,
    tables: scaled.tables.map((table, t) => ({
      ...table,
      efficiency: table.efficiency.map((value, c) => value * cells[t][c]),
      efficiencyError: table.efficiencyError.map((value, c) => value * cells[t][c]),
    })),
  };
}
