/**
 * The exclusions behind a redraw, in two stages so a slider move redraws at once:
 *
 * 1. nominal: runLimits with `bands: false` (the nominal exclusion intervals and contour, the same
 *    numbers as `alpenglow limits`) for every source whose settings changed; drawn immediately;
 * 2. final: the full runLimits (MC band, expected band and their contours) for the same sources,
 *    started after the sliders rest (DEFER_MS), in a worker (limits-worker.ts) where the browser has
 *    one, so input stays responsive (else on this thread, one source per task); then the view is
 *    drawn again with the bands.
 *
 * Results are kept per (table set, model, coupling range, exposure, background scale): moving one
 * scenario's slider recomputes only that scenario, and a setting seen before is drawn from memory.
 * The heat map is computed once per (set, model, range) at the scenario's own exposure and scaled
 * (N_sig ∝ POT), in analysis.ts.
 */
import type { ScenarioTableSet } from '../limits/index.ts';
import type { LimitsModel } from '../limits/model.ts';
import { scenarioExclusion, type ScenarioExclusion } from './analysis.ts';
import type { LimitsWorkerReply, LimitsWorkerRequest } from './limits-worker.ts';
import { setWithBackgroundScale } from './redraw-sets.ts';
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

export { setWithBackgroundScale };

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

const setIds = new WeakMap<ScenarioTableSet, number>();
let nextSetId = 1;
function setId(set: ScenarioTableSet): number {
  let id = setIds.get(set);
  if (id === undefined) setIds.set(set, (id = nextSetId++));
  return id;
}

/** The second stage's worker: one request per (source, settings); each table set is sent once. */
class LimitsWorkerClient {
  private readonly worker = new Worker(new URL('./limits-worker.ts', import.meta.url), { type: 'module', name: 'alpenglow limits' });
  private readonly pending = new Map<number, { resolve: (exclusion: ScenarioExclusion) => void; reject: (error: Error) => void }>();
  private readonly sent = new WeakSet<ScenarioTableSet>();
  private nextId = 1;

  constructor() {
    this.worker.onmessage = (event: MessageEvent<LimitsWorkerReply>) => {
      const reply = event.data;
      const pending = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (!pending) return;
      if ('error' in reply) pending.reject(new Error(reply.error));
      else pending.resolve(reply.exclusion);
    };
    this.worker.onerror = (event) => {
      for (const pending of this.pending.values()) pending.reject(new Error(`the limits worker failed: ${event.message || 'unknown error'}`));
      this.pending.clear();
    };
  }

  exclusion(source: Source, request: RedrawRequest): Promise<ScenarioExclusion> {
    const setting = request.exposure(source);
    const message: LimitsWorkerRequest = {
      id: this.nextId++,
      setId: setId(source.set),
      set: this.sent.has(source.set) ? undefined : source.set,
      model: request.model,
      couplingRange: request.couplingRange,
      pot: setting.pot,
      backgroundScale: setting.backgroundScale,
      refinement: source.refinement,
    };
    this.sent.add(source.set);
    return new Promise<ScenarioExclusion>((resolve, reject) => {
      this.pending.set(message.id, {
        // The views use this thread's set objects (prepared tables and physics memo are kept per object).
        resolve: (exclusion) => resolve({ ...exclusion, set: setWithBackgroundScale(source.set, setting.backgroundScale) }),
        reject,
      });
      this.worker.postMessage(message);
    });
  }
}

export class ExclusionStore {
  private readonly entries = new Map<string, Entry>();
  private worker: LimitsWorkerClient | null | undefined;

  /** The worker where the environment has one (browsers), else null (Node tests: this thread). */
  private limitsWorker(): LimitsWorkerClient | null {
    if (this.worker === undefined) this.worker = typeof Worker === 'undefined' ? null : new LimitsWorkerClient();
    return this.worker;
  }

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
      set: setWithBackgroundScale(source.set, setting.backgroundScale),
      model: request.model,
      couplingRange: request.couplingRange,
      pot: setting.pot,
      refinement: source.refinement,
      bands,
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
      const worker = this.limitsWorker();
      entry.finalRunning ??= worker ? worker.exclusion(source, request) : this.exclusion(source, request, true);
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
  }
}
