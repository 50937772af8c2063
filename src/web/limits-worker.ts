/**
 * Web Worker for the second redraw stage (redraw.ts): the full runLimits of one table set (MC band,
 * expected band and their contours) off the main thread, so sliders stay responsive while the bands
 * are computed. Same code as the main thread, in the same browser: the same numbers. Each table set
 * is sent once (by id) and kept.
 */
import type { ScenarioTableSet } from '../limits/rescale.ts';
import type { LimitsModel } from '../limits/model.ts';
import type { MassRefinementRecord } from '../limits/compute.ts';
import { scenarioExclusion, type ScenarioExclusion } from './analysis.ts';
import { setWithBackgroundScale } from './redraw-sets.ts';

export type LimitsWorkerRequest = {
  id: number;
  setId: number;
  /** Sent the first time a set is used. */
  set?: ScenarioTableSet;
  model: LimitsModel;
  couplingRange: [number, number];
  pot: number | undefined;
  backgroundScale: number;
  refinement?: MassRefinementRecord;
};

export type LimitsWorkerReply = { id: number; exclusion: ScenarioExclusion } | { id: number; error: string };

interface WorkerScope {
  onmessage: ((event: MessageEvent<LimitsWorkerRequest>) => void) | null;
  postMessage(message: LimitsWorkerReply): void;
}

const scope = self as unknown as WorkerScope;
const sets = new Map<number, ScenarioTableSet>();

scope.onmessage = (event) => {
  const request = event.data;
  if (request.set) sets.set(request.setId, request.set);
  const set = sets.get(request.setId);
  if (!set) {
    scope.postMessage({ id: request.id, error: `internal: table set ${request.setId} was never sent to the limits worker` });
    return;
  }
  scenarioExclusion({
    set: setWithBackgroundScale(set, request.backgroundScale),
    model: request.model,
    couplingRange: request.couplingRange,
    pot: request.pot,
    refinement: request.refinement,
    bands: true,
  }).then(
    (exclusion) => scope.postMessage({ id: request.id, exclusion }),
    (error: unknown) => scope.postMessage({ id: request.id, error: (error as Error).message }),
  );
};
