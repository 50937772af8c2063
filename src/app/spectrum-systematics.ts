/**
 * The meson-spectrum shape systematic's engine runs (issue 15 §3; docs/limits.md §6b): for each
 * alternative shape (meson-spectra.ts spectrumShapeVariations) the modes whose tables rest on the
 * default meson spectra (π0/η/η′ mixing, meson-photon Primakoff) are run again with production
 * tables built from the varied spectra, on the nominal tables' masses and widths, with the same
 * seed, samples and Philox mass words, so the varied and nominal runs draw the same random numbers
 * and their ratio per cell carries little Monte Carlo noise. Cost: one extra run of those modes per
 * alternative (two). The production request carries the shape (ProductionRequest.spectrumShape), so
 * cached tables of the varied spectra have their own keys. Browser-safe.
 */
import { spectrumShapeVariations, type SpectrumShapeVariation } from '../physics/meson-spectra.ts';
import type { ProductionMode } from '../physics/production.ts';
import { SPECTRUM_SHAPE_MODES } from '../physics/production-systematics.ts';
import type { ScenarioTableSet } from '../limits/rescale.ts';
import type { SpectrumShapeTables } from '../limits/systematics.ts';
import { scenarioProductionRequest } from '../scenarios/compile.ts';
import { buildTables, type ScenarioTarget } from './table-builder.ts';
import type { Engine, ProductionSource, RunHooks } from './ports.ts';

export interface SpectrumShapeRunRequest {
  target: ScenarioTarget;
  /** The nominal tables (the final scan masses, refinement included). */
  set: ScenarioTableSet;
  /** The Philox mass word of each of the set's masses (the nominal run's words). */
  massCounterWords: number[];
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
  engine: Engine;
  production: ProductionSource;
  /** The alternative shapes at a beam energy (default spectrumShapeVariations). */
  shapes?: (beamEnergyGeV: number) => SpectrumShapeVariation[];
  hooks?: RunHooks;
}

/** The scenario's modes that the meson-spectrum shape changes (none: no runs). */
export function spectrumShapeModes(target: ScenarioTarget): ProductionMode[] {
  const modes = target.modes ?? target.scenario.production.modes;
  return SPECTRUM_SHAPE_MODES.filter((mode) => modes.includes(mode));
}

/** Runs the affected modes on each alternative shape; undefined when the scenario has no such mode. */
export async function runSpectrumShapeVariations(request: SpectrumShapeRunRequest): Promise<SpectrumShapeTables | undefined> {
  const modes = spectrumShapeModes(request.target);
  if (modes.length === 0) return undefined;
  const massesGeV = request.set.tables[0].massesGeV;
  if (request.massCounterWords.length !== massesGeV.length)
    throw new Error(`internal: ${request.massCounterWords.length} mass words for ${massesGeV.length} masses`);
  const target: ScenarioTarget = { ...request.target, modes };
  const shapes = (request.shapes ?? spectrumShapeVariations)(request.target.scenario.beam.energyGeV);
  const variations: SpectrumShapeTables['variations'] = [];
  for (const variation of shapes) {
    request.hooks?.onLog?.(
      `${target.scenario.name}: meson-spectrum shape '${variation.name}' (α = ${variation.shape.alpha.toFixed(4)}, s_T = ${variation.shape.ptStretch.toFixed(4)}): ${modes.join(', ')}`,
    );
    const rows = await buildTables({
      scenarios: [target],
      massesGeV: [...massesGeV],
      massCounterWords: request.massCounterWords,
      widthsGeV: request.widthsGeV,
      samplesPerMass: request.samplesPerMass,
      seed: request.seed,
      engine: request.engine,
      production: request.production,
      productionRequest: (item, mode, massGeV) => ({
        ...scenarioProductionRequest(item.scenario, mode as ProductionMode, massGeV),
        spectrumShape: { ...variation.shape },
      }),
      hooks: request.hooks,
    });
    variations.push({ name: variation.name, shape: { ...variation.shape }, tables: rows.tableSet(target).tables });
  }
  return { variations };
}
