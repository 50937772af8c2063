/**
 * The exclusions behind a redraw, in two stages so a slider move redraws at once:
 *
 * 1. nominal: runLimits with `bands: false` (the nominal exclusion intervals and contour, the same
 *    numbers as `alpenglow limits`) for every source whose settings changed; drawn immediately;
 * 2. final: the full runLimits (MC band, expected band and their contours) for the same sources,
 *    started after the sliders rest (DEFER_MS), one source per task so input stays responsive;
 *    then the view is drawn again with the bands.
 *
 * Results are kept per (table set, model, coupling range, exposure, background scale): moving one
 * scenario's slider recomputes only that scenario, and a setting seen before is drawn from memory.
 * The heat map is computed once per (set, model, range) at the scenario's own exposure and scaled
 * (N_sig ∝ POT), in analysis.ts.
 */
import type { ScenarioTableSet } from '../limits/index.ts';
import type { LimitsModel } from '../limits/model.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { scenarioExclusion, type ScenarioExclusion } from './analysis.ts';
import type { Source } from './state.ts';

/** Quiet time after the last slider move before the bands are computed. */
export const DEFER_MS = 250;

/** Exposure and background of one scenario as the page's controls set them. */
export interface ExposureSetting {
  /** Protons on target; undefined = the scenario's own (observed basis where it has counts), as without `--pot`. */
  pot: number | undefined;
  /** Multiplies every region's expected background (1 = as in the scenario file). */
  backgroundScale: number;
}

export const DEFAULT_EXPOSURE: ExposureSetting = { pot: undefined, backgroundScale: 1 };

const scaledSets = new WeakMap<ScenarioTableSet, Map<number, ScenarioTableSet>>();

/**
 * The set the limits use: the tables with the scenario's backgrounds × scale. A scaled background is
 * a what-if, so observed counts no longer apply: the basis becomes expected-median (as for another
 * exposure). Same object for the same (set, scale), so the limits library's per-set preparation is reused.
 */
export function setWithBackgroundScale(set: ScenarioTableSet, scale: number): ScenarioTableSet {
  if (scale === 1) return set;
  let perSet = scaledSets.get(set);
  if (!perSet) scaledSets.set(set, (perSet = new Map()));
  let scaled = perSet.get(scale);
  if (!scaled) {
    const scenario: Scenario = {
      ...set.scenario,
      regions: set.scenario.regions.map((region) => ({ ...region, backgroundEvents: region.backgroundEvents * scale, observedEvents: null })),
    };
    scaled = { ...set, scenario };
    perSet.set(scale, scaled);
  }
  return scaled;
}

interface Entry {
  nominal?: Promise<ScenarioExclusion>;
  final?: ScenarioExclusion;
  finalRunning?: Promise<ScenarioExclusion>;
}

export interface RedrawRequest {
  sources: Source[];
  model: LimitsModel;
  couplingRange: [number, number];
  exposure: (source: Source) => ExposureSetting;
}

let setIds = new WeakMap<ScenarioTableSet, number>();
let nextSetId = 1;
function setId(set: ScenarioTableSet): number {
  let id = setIds.get(set);
  if (id === undefined) setIds.set(set, (id = nextSetId++));
  return id;
}

export class ExclusionStore {
  private readonly entries = new Map<string, Entry>();

  private key(source: Source, request: RedrawRequest): string {
    const { model, couplingRange } = request;
    const setting = request.exposure(source);
    return `${setId(source.set)}|${model.cGG},${model.cBB},${model.cWW},${model.cLL}|${couplingRange[0]},${couplingRange[1]}|${setting.pot ?? 'own'}|${setting.backgroundScale}|${(source.refinement?.addedMassesGeV ?? []).join(',')}`;
  }

  private entry(source: Source, request: RedrawRequest): Entry {
    const key = this.key(source, request);
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size > 400) this.entries.clear();
      entry = {};
      this.entries.set(key, entry);
    }
    return entry;
  }

  private exclusion(source: Source, request: RedrawRequest, bands: boolean): Promise<ScenarioExclusion> {
    const setting = request.exposure(source);
    return scenarioExclusion({
      set: setWithBackgroundScale(source.set, setting.backgroundScale), model: request.model, couplingRange: request.couplingRange,
      pot: setting.pot, refinement: source.refinement, bands,
    });
  }

  /** Stage 1: each source's final exclusion where known, else its nominal one (computed now if new). */
  async firstStage(request: RedrawRequest): Promise<{ exclusions: ScenarioExclusion[]; complete: boolean }> {
    const exclusions: ScenarioExclusion[] = [];
    let complete = true;
    for (const source of request.sources) {
      const entry = this.entry(source, request);
      if (entry.final) {
        exclusions.push(entry.final);
        continue;
      }
      complete = false;
      if (!entry.nominal) {
        entry.nominal = this.exclusion(source, request, false);
        const nominal = entry.nominal;
        nominal.catch(() => {
          if (entry.nominal === nominal) entry.nominal = undefined;
        });
      }
      exclusions.push(await entry.nominal);
    }
    return { exclusions, complete };
  }

  /**
   * Stage 2: the full limits of every source that lacks them, one source per task; stops early
   * (returns false) when `stillWanted` turns false (a newer redraw started).
   */
  async secondStage(request: RedrawRequest, stillWanted: () => boolean): Promise<boolean> {
    for (const source of request.sources) {
      if (!stillWanted()) return false;
      const entry = this.entry(source, request);
      if (entry.final) continue;
      await new Promise((resolve) => setTimeout(resolve, 0)); // let pending input events run first
      if (!stillWanted()) return false;
      entry.finalRunning ??= this.exclusion(source, request, true);
      try {
        entry.final = await entry.finalRunning;
      } finally {
        entry.finalRunning = undefined;
      }
    }
    return stillWanted();
  }

  clear(): void {
    this.entries.clear();
    setIds = new WeakMap();
  }
}
