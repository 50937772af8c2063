/**
 * The table set the limits use for a background scale (page-only what-if), shared by the page and
 * its limits worker: the scenario's backgrounds × scale; a scaled background means the observed
 * counts no longer apply, so the basis becomes expected-median (as for another exposure). The same
 * object for the same (set, scale), so the limits library's per-set preparation is reused.
 */
import type { ScenarioTableSet } from '../limits/rescale.ts';
import type { Scenario } from '../scenarios/schema.ts';

const scaledSets = new WeakMap<ScenarioTableSet, Map<number, ScenarioTableSet>>();

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
