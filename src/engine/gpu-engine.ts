/**
 * The WebGPU engine: runs an EngineJob on an acquired device and returns its EventTable.
 *
 * Per mass: upload the production table and the width grid, then dispatch the kernel over chunks
 * of sample batches. Each chunk is one queue submission whose size adapts so that a submission
 * takes about `targetChunkSeconds` (desktop drivers reset GPU work that runs for seconds). Each
 * chunk's per-batch partial sums are read back and added in float64 in batch order, so the table
 * does not depend on the chunking or on the workgroup size (test/engine/cross-check.test.ts, 'determinism').
 * Device memory is sized per chunk, never per run; host memory holds one mass's sums at a time.
 */
import { adapterLabel, DeviceLostError, type AcquiredDevice, type AdapterDescription } from './device.ts';
import { MassAccumulator, splitTallies, type EventTable } from './event-table.ts';
import { massCounterWord, productionFor, validateJob, type EngineJob } from './job.ts';
import { kernelBindGroupEntries, kernelBindGroupLayoutEntries, KERNEL_BIND_GROUP } from './bindings.ts';
import { RunParamsLayout, WidthEntryLayout } from './layouts.ts';
import { packWords, ProductionBufferLayout, type ProductionDimensions } from './production-buffer.ts';
import { cumulativeBounds, samplingEdges } from './production-sampling.ts';
import { seedToKey } from './philox.ts';
import { histogramCellCount, regionNames } from './selection/types.ts';
import { assembleKernelWgsl, type ShaderSources } from './shader-assembly.ts';
import { packStructArray, packUniform } from './struct-layout.ts';
import { accumulateTallyChunk, tallyGeometry } from './tally-layout.ts';
import { BATCH_SIZE } from './wgsl-constants.ts';
import { HBAR_C_GEV_M } from '../physics/constants.ts';
import { productionYieldPerPot, type ProductionTable } from '../physics/production-table.ts';

/**
 * Compiled kernels per device, keyed by their WGSL. Every mass of a scenario (and every job of a
 * grid or a limits scan) generates the same kernel text, so it is compiled once. Besides the
 * compile time this matters for memory: on Dawn + Mesa llvmpipe each pipeline creation keeps
 * ~0.7 MB of native memory that is never returned (measured for issue 6: +0.72 MB RSS per
 * createComputePipelineAsync, GC or not), which over a 1206-mass grid would pass 1 GiB.
 * A failed compilation is not cached, so the next job reports the real error again.
 */
/**
 * Upper bound on GpuRunOptions.widthsPerThread: each slot is a copy of the per-trial code, and
 * llvmpipe's compile time grows with it (cold, KOTO Step 2: 2.7 s at 12 slots, 3.4 s at 16, 8.2 s
 * at 32; Mesa's disk cache makes later runs instant). The per-thread sums also live in private
 * memory, ≤ 8 KiB in WGSL (maxWidthsPerThread).
 */
export const MAX_WIDTHS_PER_THREAD = 16;

const compiledKernels = new WeakMap<GPUDevice, Map<string, Promise<GPUComputePipeline>>>();

async function compileKernel(device: GPUDevice, wgsl: string, label: string, workgroupSize: number): Promise<GPUComputePipeline> {
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: `alpenglow kernel: ${label}`, code: wgsl });
  const info = await module.getCompilationInfo();
  const errors = info.messages.filter((message) => message.type === 'error');
  if (errors.length > 0) {
    await device.popErrorScope();
    throw new ShaderCompileError(
      `WGSL compilation failed for '${label}':\n` +
        errors
          .slice(0, 5)
          .map((message) => `  line ${message.lineNum}:${message.linePos}: ${message.message}`)
          .join('\n'),
    );
  }
  // Explicit layout from the binding table (src/engine/bindings.ts): a WGSL declaration that
  // disagrees with the host's buffer types or sizes fails here instead of being inferred.
  const bindGroupLayout = device.createBindGroupLayout({ label: 'kernel bindings', entries: kernelBindGroupLayoutEntries() });
  const pipeline = await device.createComputePipelineAsync({
    label: `alpenglow kernel: ${label} (workgroup ${workgroupSize})`,
    layout: device.createPipelineLayout({ label: 'kernel', bindGroupLayouts: [bindGroupLayout] }),
    compute: { module, entryPoint: 'main' },
  });
  const pipelineError = await device.popErrorScope();
  if (pipelineError) throw new ShaderCompileError(`pipeline creation failed for '${label}': ${pipelineError.message}`);
  return pipeline;
}

function kernelPipeline(device: GPUDevice, wgsl: string, label: string, workgroupSize: number): Promise<GPUComputePipeline> {
  let byCode = compiledKernels.get(device);
  if (!byCode) compiledKernels.set(device, (byCode = new Map()));
  let pipeline = byCode.get(wgsl);
  if (!pipeline) {
    pipeline = compileKernel(device, wgsl, label, workgroupSize);
    byCode.set(wgsl, pipeline);
    pipeline.catch(() => byCode!.delete(wgsl));
  }
  return pipeline;
}

/**
 * How the widths are spread over a workgroup's threads when the caller does not say.
 * GPUs (and software adapters not measured here, such as SwiftShader): 64 threads, one width each
 * (workgroup-memory reads of a shared sample are broadcasts on a GPU).
 * Mesa's gallivm adapters (llvmpipe, lavapipe): one 8-lane SIMD vector of threads, each evaluating
 * up to maxWidthsPerThread widths per sample it reads, because gallivm reads workgroup memory lane by
 * lane (≈ 2.5 ns per trial and value read, measured for issue 14; docs/engine.md).
 */
export function defaultWorkSplit(
  adapter: Pick<AdapterDescription, 'name' | 'isSoftware'>,
  widthCount: number,
  regionCount: number,
): { workgroupSize: number; widthsPerThread: number } {
  if (!(adapter.isSoftware && GALLIVM_ADAPTER.test(adapter.name))) return { workgroupSize: 64, widthsPerThread: 1 };
  const workgroupSize = 8;
  return { workgroupSize, widthsPerThread: Math.max(1, Math.min(maxWidthsPerThread(regionCount), Math.ceil(widthCount / workgroupSize))) };
}

const GALLIVM_ADAPTER = /llvmpipe|lavapipe/i;

/** Width slots that fit a thread's private memory: 16 bytes per region sum and 4 per width, within 6 KiB of WGSL's 8 KiB. */
export function maxWidthsPerThread(regionCount: number): number {
  return Math.max(1, Math.min(MAX_WIDTHS_PER_THREAD, Math.floor(6144 / (16 * regionCount + 4))));
}

export interface EngineProgress {
  massIndex: number;
  massCount: number;
  massGeV: number;
  samplesDoneThisMass: number;
  samplesPerMass: number;
  trialsDone: number;
  trialsTotal: number;
  elapsedSeconds: number;
}

export interface GpuRunOptions {
  /** Threads per workgroup (default: defaultWorkSplit for the adapter). */
  workgroupSize?: number;
  /**
   * Widths each thread evaluates per sample it reads from workgroup memory (default:
   * defaultWorkSplit when workgroupSize is not given either, else 1). Tables do not depend on it.
   */
  widthsPerThread?: number;
  /** Target wall time of one submission (default 0.2 s). */
  targetChunkSeconds?: number;
  /** Fixed batches per submission (tests of chunking independence); adaptive when absent. */
  batchesPerChunk?: number;
  /** Upper bound on the tally buffer, bytes (default 64 MiB). */
  maxTallyBytes?: number;
  onProgress?: (progress: EngineProgress) => void;
  /** Receives the assembled WGSL (for --dump-wgsl). */
  onShaderSource?: (wgsl: string) => void;
  signal?: AbortSignal;
}

export class ShaderCompileError extends Error {
  override name = 'ShaderCompileError';
}

export class RunAborted extends Error {
  override name = 'RunAborted';
  readonly userFacing = true;
}

export interface GpuRunStatistics {
  peakDeviceBytes: number;
  submissions: number;
}

/** The bound buffers (named as in src/engine/bindings.ts) and the read-back buffer. */
interface Buffers {
  run: GPUBuffer;
  production: GPUBuffer;
  widths: GPUBuffer;
  tally: GPUBuffer;
  readback: GPUBuffer;
}

/**
 * Production table → the u32 words the kernel reads, laid out by ProductionBufferLayout
 * (src/engine/production-buffer.ts: bounds, then f32 edge bit patterns), with the dimensions that
 * go into RunParams.
 */
export function packProductionBuffer(table: ProductionTable): { words: Uint32Array<ArrayBuffer>; searchLength: number; dimensions: ProductionDimensions } {
  const { bounds, searchLength } = cumulativeBounds(table);
  const dimensions = { energyBinCount: table.energyEdgesGeV.length - 1, thetaBinCount: table.thetaEdgesRad.length - 1 };
  const words = packWords(ProductionBufferLayout, dimensions, {
    bounds,
    energyEdges: samplingEdges(table.energyEdgesGeV, table.energyAxisLog),
    thetaEdges: samplingEdges(table.thetaEdgesRad, table.thetaAxisLog),
  });
  return { words, searchLength, dimensions };
}

/** The EventTable of a run whose tallies hold `regions` (+ histogram cells) per (mass, width). Shared with the reference engine. */
export function finishTable(
  job: EngineJob,
  regions: string[],
  yieldPerPot: number[],
  combined: { efficiency: Float64Array; efficiencyError: Float64Array },
  engine: EventTable['engine'],
): EventTable {
  const histogram = job.selection.histogram;
  const rows = job.massesGeV.length * job.widthsGeV.length;
  const split = histogram ? splitTallies(combined, rows, regions.length, histogramCellCount(job.selection)) : null;
  return {
    label: job.label,
    channel: job.channel.name,
    massesGeV: [...job.massesGeV],
    widthsGeV: [...job.widthsGeV],
    regionNames: regions,
    samplesPerMass: job.samplesPerMass,
    seed: job.seed,
    yieldPerPot,
    efficiency: split ? split.efficiency : combined.efficiency,
    efficiencyError: split ? split.efficiencyError : combined.efficiencyError,
    ...(histogram && split
      ? {
          histogram: {
            x: histogram.x,
            y: histogram.y,
            xBins: [...histogram.xBins],
            yBins: [...histogram.yBins],
            efficiency: split.cellEfficiency,
            efficiencyError: split.cellEfficiencyError,
          },
        }
      : {}),
    engine,
  };
}

function abortIfRequested(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunAborted('run stopped before it finished; no table was produced');
}

export async function runOnGpu(
  acquired: AcquiredDevice,
  job: EngineJob,
  sources: ShaderSources,
  options: GpuRunOptions = {},
  statistics: GpuRunStatistics = { peakDeviceBytes: 0, submissions: 0 },
): Promise<EventTable> {
  validateJob(job);
  const { device } = acquired;
  const limits = device.limits;
  const split = defaultWorkSplit(acquired.adapter, job.widthsGeV.length, regionNames(job.selection).length);
  const workgroupSize = options.workgroupSize ?? split.workgroupSize;
  if (
    !Number.isInteger(workgroupSize) ||
    workgroupSize < 1 ||
    workgroupSize > Math.min(limits.maxComputeWorkgroupSizeX, limits.maxComputeInvocationsPerWorkgroup)
  ) {
    throw new RangeError(
      `workgroupSize must be an integer in [1, ${Math.min(limits.maxComputeWorkgroupSizeX, limits.maxComputeInvocationsPerWorkgroup)}] (got ${workgroupSize})`,
    );
  }
  const regions = regionNames(job.selection);
  const widthCount = job.widthsGeV.length;
  // Tally cells per (batch, width): the regions, then the histogram cells (if any).
  const tally = tallyGeometry(widthCount, { regionCount: regions.length, histogramCellCount: histogramCellCount(job.selection) });
  const cellsPerWidth = tally.cellsPerWidth;
  const widthsPerThread = options.widthsPerThread ?? (options.workgroupSize === undefined ? split.widthsPerThread : 1);
  const widthsPerThreadLimit = maxWidthsPerThread(regionNames(job.selection).length);
  if (!Number.isInteger(widthsPerThread) || widthsPerThread < 1 || widthsPerThread > widthsPerThreadLimit) {
    throw new RangeError(
      `widthsPerThread must be an integer in [1, ${widthsPerThreadLimit}] for ${regionNames(job.selection).length} signal regions (got ${widthsPerThread})`,
    );
  }
  const widthBlocks = Math.ceil(widthCount / (workgroupSize * widthsPerThread));
  if (widthBlocks > limits.maxComputeWorkgroupsPerDimension) {
    throw new RangeError(`${widthCount} widths need ${widthBlocks} workgroup rows, more than this adapter's ${limits.maxComputeWorkgroupsPerDimension}`);
  }

  let deviceLostReason: string | null = null;
  void acquired.lost.then((info) => {
    deviceLostReason = info.message || info.reason;
  });
  const uncaptured: string[] = [];
  const onUncaptured = (event: Event) => uncaptured.push((event as GPUUncapturedErrorEvent).error.message);
  device.addEventListener('uncapturederror', onUncaptured);

  const wgsl = assembleKernelWgsl(sources, job.selection, workgroupSize, widthsPerThread);
  options.onShaderSource?.(wgsl);
  const pipeline = await kernelPipeline(device, wgsl, job.label, workgroupSize);

  const tallyBytesPerBatch = tally.bytesPerBatch;
  const maxTallyBytes = Math.min(options.maxTallyBytes ?? 64 * 1024 * 1024, limits.maxStorageBufferBindingSize, limits.maxBufferSize);
  const totalBatches = Math.ceil(job.samplesPerMass / BATCH_SIZE);
  const maxBatches = Math.max(1, Math.min(limits.maxComputeWorkgroupsPerDimension, Math.floor(maxTallyBytes / tallyBytesPerBatch), totalBatches));
  if (tallyBytesPerBatch > maxTallyBytes) {
    throw new RangeError(
      `one batch of tallies (${tallyBytesPerBatch} bytes for ${widthCount} widths × ${cellsPerWidth} region and histogram cells) exceeds the buffer limit ${maxTallyBytes}`,
    );
  }
  const fixedBatches = options.batchesPerChunk;
  if (fixedBatches !== undefined && (!Number.isInteger(fixedBatches) || fixedBatches < 1)) {
    throw new RangeError(`batchesPerChunk must be a positive integer (got ${fixedBatches})`);
  }
  const chunkCap = fixedBatches !== undefined ? Math.min(fixedBatches, maxBatches) : maxBatches;

  const buffers: Buffers = {
    run: device.createBuffer({ label: 'run parameters', size: RunParamsLayout.uniformSizeBytes, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }),
    production: device.createBuffer({ label: 'production table', size: 16, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST }),
    widths: device.createBuffer({
      label: 'width grid',
      size: Math.max(16, widthCount * WidthEntryLayout.sizeBytes),
      usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
    }),
    tally: device.createBuffer({ label: 'tally partials', size: chunkCap * tallyBytesPerBatch, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC }),
    readback: device.createBuffer({ label: 'tally readback', size: chunkCap * tallyBytesPerBatch, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST }),
  };
  const deviceBytes = () => Object.values(buffers).reduce((total, buffer) => total + buffer.size, 0);
  const makeBindGroup = () =>
    device.createBindGroup({
      label: 'kernel bindings',
      layout: pipeline.getBindGroupLayout(KERNEL_BIND_GROUP),
      entries: kernelBindGroupEntries(buffers),
    });

  const massCount = job.massesGeV.length;
  const efficiency = new Float64Array(massCount * widthCount * cellsPerWidth);
  const efficiencyError = new Float64Array(efficiency.length);
  const yieldPerPot: number[] = [];
  const key = seedToKey(job.seed);
  const trialsTotal = massCount * job.samplesPerMass * widthCount;
  const started = performance.now();
  let trialsDone = 0;
  let batchesPerChunk = fixedBatches !== undefined ? chunkCap : Math.min(8, chunkCap);
  const widthOverHbarC = job.widthsGeV.map((width) => width / HBAR_C_GEV_M);

  try {
    for (let massIndex = 0; massIndex < massCount; massIndex++) {
      abortIfRequested(options.signal);
      const massGeV = job.massesGeV[massIndex];
      const table = productionFor(job, massIndex);
      yieldPerPot.push(productionYieldPerPot(table));
      const { words, searchLength, dimensions } = packProductionBuffer(table);
      if (words.byteLength > buffers.production.size) {
        buffers.production.destroy();
        buffers.production = device.createBuffer({
          label: 'production table',
          size: Math.ceil(words.byteLength / 16) * 16,
          usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
        });
      }
      device.queue.writeBuffer(buffers.production, 0, words);
      device.queue.writeBuffer(
        buffers.widths,
        0,
        packStructArray(
          WidthEntryLayout,
          widthOverHbarC.map((value) => ({ widthOverHbarCPerM: value })),
        ),
      );
      const bindGroup = makeBindGroup();
      statistics.peakDeviceBytes = Math.max(statistics.peakDeviceBytes, deviceBytes());

      const accumulator = new MassAccumulator(widthCount, cellsPerWidth);
      const geometry = job.geometry;
      for (let firstBatch = 0; firstBatch < totalBatches; ) {
        abortIfRequested(options.signal);
        const batches = Math.min(batchesPerChunk, totalBatches - firstBatch);
        device.queue.writeBuffer(
          buffers.run,
          0,
          packUniform(RunParamsLayout, {
            massGeV: massGeV,
            massIndex: massCounterWord(job, massIndex),
            seedKey: key,
            sampleCount: job.samplesPerMass,
            firstBatch,
            widthCount,
            energyBinCount: dimensions.energyBinCount,
            thetaBinCount: dimensions.thetaBinCount,
            cdfLength: searchLength,
            energyAxisLog: table.energyAxisLog ? 1 : 0,
            thetaAxisLog: table.thetaAxisLog ? 1 : 0,
            daughterMass0GeV: job.channel.daughterMassesGeV[0],
            daughterMass1GeV: job.channel.daughterMassesGeV[1],
            originM: [geometry.originM[0], geometry.originM[1], geometry.originM[2], 0],
            axisCosSin: [Math.cos(geometry.axisAngleRad), Math.sin(geometry.axisAngleRad)],
            fiducialStartZM: geometry.fiducialStartZM,
            fiducialEndZM: geometry.fiducialEndZM,
            ecalZM: geometry.ecalZM,
          }),
        );
        const bytes = batches * tallyBytesPerBatch;
        const encoder = device.createCommandEncoder({ label: `mass ${massIndex} batches ${firstBatch}+${batches}` });
        const pass = encoder.beginComputePass();
        pass.setPipeline(pipeline);
        pass.setBindGroup(KERNEL_BIND_GROUP, bindGroup);
        pass.dispatchWorkgroups(batches, widthBlocks);
        pass.end();
        encoder.copyBufferToBuffer(buffers.tally, 0, buffers.readback, 0, bytes);
        const chunkStarted = performance.now();
        device.queue.submit([encoder.finish()]);
        statistics.submissions++;
        try {
          await buffers.readback.mapAsync(GPUMapMode.READ, 0, bytes);
        } catch (error) {
          throw new DeviceLostError(
            `the GPU stopped while computing m = ${massGeV} GeV (${deviceLostReason ? `device lost: ${deviceLostReason}` : (error as Error).message}). No table was produced.`,
          );
        }
        accumulateTallyChunk(tally, buffers.readback.getMappedRange(0, bytes), batches, accumulator);
        buffers.readback.unmap();
        if (uncaptured.length > 0) throw new ShaderCompileError(`WebGPU reported an error during the run: ${uncaptured[0]}`);
        if (deviceLostReason)
          throw new DeviceLostError(`the GPU device was lost while computing m = ${massGeV} GeV (${deviceLostReason}). No table was produced.`);

        const elapsed = (performance.now() - chunkStarted) / 1000;
        const samplesBefore = firstBatch * BATCH_SIZE;
        firstBatch += batches;
        const samplesDone = Math.min(firstBatch * BATCH_SIZE, job.samplesPerMass);
        trialsDone += (samplesDone - samplesBefore) * widthCount;
        if (fixedBatches === undefined && elapsed > 0) {
          const target = options.targetChunkSeconds ?? 0.2;
          batchesPerChunk = Math.max(1, Math.min(chunkCap, Math.round(batches * Math.min(4, target / elapsed))));
        }
        options.onProgress?.({
          massIndex,
          massCount,
          massGeV,
          samplesDoneThisMass: samplesDone,
          samplesPerMass: job.samplesPerMass,
          trialsDone,
          trialsTotal,
          elapsedSeconds: (performance.now() - started) / 1000,
        });
      }
      accumulator.finish(job.samplesPerMass, efficiency, efficiencyError, massIndex);
    }
  } finally {
    device.removeEventListener('uncapturederror', onUncaptured);
    for (const buffer of Object.values(buffers)) buffer.destroy();
  }

  return finishTable(job, regions, yieldPerPot, { efficiency, efficiencyError }, { kind: 'webgpu', adapter: adapterLabel(acquired.adapter) });
}
