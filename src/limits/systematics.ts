/**
 * The production-systematics band (issue 15 §3; docs/limits.md §7). Each variation of
 * src/physics/production-systematics.ts gives a yield factor f_i(mode, m) at every table mass; the
 * factors combine in quadrature in ln f, separately upwards and downwards,
 *
 *   ln F_up(mode, m) = √Σ_i max(ln f_i, 0)²,   ln F_down(mode, m) = −√Σ_i min(ln f_i, 0)²,
 *
 * (each alternative choice taken as a one-sided 1σ shift), and the band is the exclusion with every
 * mode's yield scaled by F_down (minus1Sigma: weaker) and by F_up (plus1Sigma: stronger).
 * Only yields are scaled: the engine's efficiencies are kept (no engine run; the spectral-shape
 * part of a variation is not in the band, docs/limits.md §7 says why). Browser-safe.
 */
import { buildProductionTable, MIXING_MESONS, type ProductionMode } from '../physics/index.ts';
import { PRODUCTION_SYSTEMATICS, productionSystematicFactor, type ProductionSystematicName } from '../physics/production-systematics.ts';
import type { MixingMeson } from '../physics/mixing.ts';
import { scenarioProductionRequest } from '../scenarios/compile.ts';
import { prepareTableSet, type ScenarioTableSet } from './rescale.ts';

export interface SystematicVariationSummary {
  name: ProductionSystematicName;
  description: string;
  sources: string;
  /** Smallest and largest yield factor over the scenario's modes and table masses (1 where untouched). */
  yieldFactorRange: [number, number];
}

export interface SystematicYieldFactors {
  variations: SystematicVariationSummary[];
  /** Per table (set.tables order) and table mass: the combined factors. */
  up: number[][];
  down: number[][];
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

/** The combined up/down yield factors of a scenario's tables, and what each variation does. */
export function systematicYieldFactors(set: ScenarioTableSet): SystematicYieldFactors {
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
  return {
    variations,
    up: lnUp.map((column) => Array.from(column, (sum) => Math.exp(Math.sqrt(sum)))),
    down: lnDown.map((column) => Array.from(column, (sum) => Math.exp(-Math.sqrt(sum)))),
  };
}

/** The table set with every table's yields multiplied by factors[table][mass] (efficiencies untouched). */
export function scaledYieldSet(set: ScenarioTableSet, factors: number[][]): ScenarioTableSet {
  return {
    ...set,
    tables: set.tables.map((table, t) => ({ ...table, yieldPerPotAtReference: table.yieldPerPotAtReference.map((y, m) => y * factors[t][m]) })),
  };
}
