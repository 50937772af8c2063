/**
 * Idle-time warm-up of the per-mass physics behind the contour (src/limits contourPhysicsWarmup):
 * once a redraw's final stage is drawn, the masses the next slider moves' contour bisection can ask
 * for are evaluated ahead, in slices of SLICE_MS between which the page handles input, so a move to a
 * far exposure costs about what a near one does. It stops when another redraw starts (`isCurrent`)
 * and is done once per (tables, model). The limits are unchanged: the physics memo is a pure cache.
 */
import { contourPhysicsWarmup, type LimitsModel, type ScenarioTableSet } from '../limits/index.ts';

/** Longest uninterrupted stretch of warm-up work on the page's thread. */
export const SLICE_MS = 8;

const warmed = new WeakMap<object, Set<string>>();

function modelKey(model: LimitsModel): string {
  return `${model.cGG},${model.cBB},${model.cWW},${model.cLL}`;
}

export function warmContourPhysics(sets: ScenarioTableSet[], model: LimitsModel, isCurrent: () => boolean): void {
  const key = modelKey(model);
  const pending = sets.filter((set, index) => sets.findIndex((other) => other.tables === set.tables) === index && !warmed.get(set.tables)?.has(key));
  if (pending.length === 0) return;
  let index = 0;
  let steps = contourPhysicsWarmup(pending[0], model);
  const slice = () => {
    if (!isCurrent()) return; // a new redraw: it restarts the warm-up later (the masses done so far are kept)
    const until = performance.now() + SLICE_MS;
    while (performance.now() < until) {
      if (!steps.next().done) continue;
      let done = warmed.get(pending[index].tables);
      if (!done) warmed.set(pending[index].tables, (done = new Set()));
      done.add(key);
      if (++index >= pending.length) return;
      steps = contourPhysicsWarmup(pending[index], model);
    }
    setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
}
