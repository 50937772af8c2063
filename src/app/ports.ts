/**
 * The ports of the application layer: what differs between the faces (CLI on Node, grid jobs on a
 * cluster, the page in Chrome) and nothing else. Every use case in src/app takes these and is
 * otherwise the same code for every face (docs/architecture.md). Browser-safe.
 *
 * - Engine: runs one EngineJob to an EventTable — WebGPU through Dawn (src/node/engine.ts), WebGPU
 *   through navigator.gpu (src/web), or the float64 reference, in a worker or not.
 * - ProductionSource: the production table of one (scenario, mode, mass) request — the disk cache
 *   in Node (src/node/production-cache.ts), a worker in the page.
 * - RunHooks: progress, abort, and (per use case) mass order and per-mass callbacks.
 */
import type { ShaderSources } from '../engine/shader-assembly.ts';
import type { AcquiredDevice } from '../engine/device.ts';
import { adapterLabel } from '../engine/device.ts';
import type { EventTable } from '../engine/event-table.ts';
import { runOnGpu, type EngineProgress } from '../engine/gpu-engine.ts';
import type { EngineJob } from '../engine/job.ts';
import { runReference } from '../engine/reference-engine.ts';
import type { ProductionRequest } from '../physics/production.ts';
import type { ProductionTable } from '../physics/production-table.ts';

export interface EngineRunOptions {
  onProgress?: (progress: EngineProgress) => void;
  signal?: AbortSignal;
}

export interface Engine {
  kind: 'webgpu' | 'reference';
  /** Human-readable adapter (printed by every face and recorded in provenance). */
  adapter: string;
  run(job: EngineJob, options?: EngineRunOptions): Promise<EventTable>;
}

/** A production table with its yield per POT: what the engine samples from. */
export type ProductionWithYield = ProductionTable & { yieldPerPot: number };

export interface ProductionSource {
  /** The production table (with its yield per POT) for one request; may be cached, may be remote. */
  table(request: ProductionRequest, signal?: AbortSignal): ProductionWithYield | Promise<ProductionWithYield>;
}

/** Progress of a use case, in trials (samples × widths) over everything it will run. */
export interface RunProgress {
  trialsDone: number;
  trialsTotal: number;
  elapsedSeconds: number;
  /** What runs now, e.g. "koto-step2 mixing m = 0.1 GeV". */
  detail: string;
}

export interface RunHooks {
  onProgress?: (progress: RunProgress) => void;
  /** Lines a face may print or show (what is being run, what was skipped and why). */
  onLog?: (line: string) => void;
  signal?: AbortSignal;
}

/** The WebGPU engine on an acquired device (Dawn in Node, navigator.gpu in the page). */
export function webgpuEngine(acquired: AcquiredDevice, sources: ShaderSources): Engine {
  return {
    kind: 'webgpu',
    adapter: adapterLabel(acquired.adapter),
    run: (job, options = {}) => runOnGpu(acquired, job, sources, { onProgress: options.onProgress, signal: options.signal }),
  };
}

export const REFERENCE_ADAPTER = 'float64 reference (TypeScript, CPU)';

/** The float64 reference engine in this thread. */
export function referenceEngine(): Engine {
  return {
    kind: 'reference',
    adapter: REFERENCE_ADAPTER,
    run: async (job, options = {}) => runReference(job, { onProgress: options.onProgress, signal: options.signal }),
  };
}
