/**
 * The page's adapters for the application layer's ports: the WebGPU engine through navigator.gpu
 * when the browser offers an adapter, else the float64 reference engine in a worker (slow, small
 * scans) with the reason shown; production tables from the worker, cached for the page's lifetime.
 */
import { acquireBrowserDevice } from '../engine/browser-device.ts';
import type { AcquiredDevice } from '../engine/device.ts';
import { webgpuEngine, type Engine, type ProductionSource } from '../app/ports.ts';
import type { ComputeClient, ProductionWithYield } from './compute-client.ts';
import { browserShaderSources } from './shader-sources.ts';
import { buildTables, type ScenarioTarget } from '../app/table-builder.ts';
import { logSpaced } from '../engine/job.ts';

export interface EngineChoice {
  engine: Engine;
  /** The acquired device (WebGPU only): the page watches it for loss. */
  acquired: AcquiredDevice | null;
  /** Why WebGPU is not used (null when it is). */
  fallbackReason: string | null;
}

export const WORKER_REFERENCE_LABEL = 'float64 reference engine (CPU, no WebGPU)';

/** The float64 reference engine in the compute worker, one mass per call (Stop ends the worker mid-mass). */
export function workerReferenceEngine(compute: ComputeClient): Engine {
  return {
    kind: 'reference',
    adapter: WORKER_REFERENCE_LABEL,
    run: (job, options = {}) => {
      const started = performance.now();
      const table = job.production(job.massesGeV[0], 0);
      return compute.reference(
        job,
        table,
        (trialsDone, trialsTotal) =>
          options.onProgress?.({
            massIndex: 0,
            massCount: job.massesGeV.length,
            massGeV: job.massesGeV[0],
            samplesDoneThisMass: 0,
            samplesPerMass: job.samplesPerMass,
            trialsDone,
            trialsTotal,
            elapsedSeconds: (performance.now() - started) / 1000,
          }),
        options.signal,
      );
    },
  };
}

export async function chooseEngine(compute: ComputeClient): Promise<EngineChoice> {
  try {
    const acquired = await acquireBrowserDevice();
    return { engine: webgpuEngine(acquired, browserShaderSources()), acquired, fallbackReason: null };
  } catch (error) {
    return { engine: workerReferenceEngine(compute), acquired: null, fallbackReason: (error as Error).message };
  }
}

/** Production tables built in the worker; each request once per page (the same request gives the same table). */
export function workerProductionSource(compute: ComputeClient): ProductionSource {
  const cache = new Map<string, Promise<ProductionWithYield>>();
  return {
    table: (request, signal) => {
      const key = JSON.stringify(request);
      let cached = cache.get(key);
      if (!cached) {
        if (cache.size > 2000) cache.clear();
        cached = compute.production(request, signal);
        cache.set(key, cached);
        // A stopped or failed request is not kept: the next run asks again.
        cached.catch(() => cache.delete(key));
      }
      return cached;
    },
  };
}

/**
 * The speed of the float64 reference engine in the worker, measured on a small KOTO-like job (one
 * mass, 9 widths, 8192 samples per mode): trials per second of the engine runs only (production
 * tables are built first and not timed). For the no-WebGPU banner.
 */
export async function measureFallbackSpeed(engine: Engine, production: ProductionSource, target: ScenarioTarget): Promise<number> {
  let trials = 0;
  let seconds = 0;
  const timed: Engine = {
    ...engine,
    run: async (job, options) => {
      const started = performance.now();
      const result = await engine.run(job, options);
      seconds += (performance.now() - started) / 1000;
      trials += job.massesGeV.length * job.widthsGeV.length * job.samplesPerMass;
      return result;
    },
  };
  await buildTables({ scenarios: [target], massesGeV: [0.1], widthsGeV: logSpaced(1e-20, 1e-16, 9), samplesPerMass: 8192, seed: 1, engine: timed, production });
  return trials / Math.max(seconds, 1e-9);
}
