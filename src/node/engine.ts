/**
 * One place where the CLI turns an EngineJob into a table: the WebGPU engine on the best adapter,
 * or the float64 reference when asked or when no adapter exists (with the reason printed).
 */
import { adapterLabel, NoWebGpuAdapter, type AcquiredDevice } from '../engine/device.ts';
import type { EventTable } from '../engine/event-table.ts';
import { runOnGpu, type EngineProgress, type GpuRunStatistics } from '../engine/gpu-engine.ts';
import type { EngineJob } from '../engine/job.ts';
import { acquireNodeDevice, type AdapterPreference } from './dawn-device.ts';
import { nodeShaderSources } from './shader-files.ts';
import { runReference } from '../engine/reference-engine.ts';

export type EngineChoice = 'auto' | 'webgpu' | 'reference';

export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (progress: EngineProgress) => void {
  let lastPrinted = 0;
  return (progress) => {
    const now = performance.now();
    if (now - lastPrinted < 1000 && progress.trialsDone < progress.trialsTotal) return;
    lastPrinted = now;
    const fraction = progress.trialsDone / progress.trialsTotal;
    const rate = progress.trialsDone / Math.max(progress.elapsedSeconds, 1e-9);
    const eta = fraction > 0 ? progress.elapsedSeconds * (1 / fraction - 1) : NaN;
    const line = `mass ${progress.massIndex + 1}/${progress.massCount} (${progress.massGeV.toPrecision(3)} GeV) ` +
      `${(100 * fraction).toFixed(1)}%  ${rate.toExponential(2)} trials/s  ETA ${Number.isFinite(eta) ? eta.toFixed(0) : '?'} s`;
    stream.write(stream.isTTY ? `\r${line}   ` : `${line}\n`);
  };
}

export async function acquireForCli(engine: EngineChoice, preference: AdapterPreference = 'auto'): Promise<AcquiredDevice | null> {
  if (engine === 'reference') return null;
  try {
    const acquired = await acquireNodeDevice(preference);
    process.stderr.write(`alpenglow: running on ${adapterLabel(acquired.adapter)}\n`);
    return acquired;
  } catch (error) {
    if (engine === 'webgpu' || !(error instanceof NoWebGpuAdapter)) throw error;
    process.stderr.write(`alpenglow: ${error.message}\nalpenglow: falling back to the float64 reference engine (slow).\n`);
    return null;
  }
}

export async function runJob(job: EngineJob, acquired: AcquiredDevice | null, options: { progress?: boolean; statistics?: GpuRunStatistics } = {}): Promise<EventTable> {
  const onProgress = options.progress ? progressPrinter() : undefined;
  if (!acquired) return runReference(job, { onProgress });
  const table = await runOnGpu(acquired, job, nodeShaderSources(), { onProgress }, options.statistics);
  if (onProgress && process.stderr.isTTY) process.stderr.write('\n');
  return table;
}
