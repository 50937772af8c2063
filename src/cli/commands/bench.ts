/**
 * `alpenglow bench`: trials per second of the WebGPU engine and of the float64 reference on a
 * KOTO-Step-2-like job (toy production, full selection with the π0 reconstruction). One trial =
 * one ALP sample evaluated at one width through decay, detector and cuts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapterLabel } from '../../engine/device.ts';
import { runOnGpu, type GpuRunStatistics } from '../../engine/gpu-engine.ts';
import { logSpaced, type EngineJob } from '../../engine/job.ts';
import { acquireNodeDevice } from '../../node/dawn-device.ts';
import { parseAdapterFlag } from '../../node/engine.ts';
import { nodeShaderSources } from '../../node/shader-files.ts';
import { runReference } from '../../engine/reference-engine.ts';
import { toyBeamDumpTable } from '../../engine/toy-production.ts';
import { compileScenario, type CompiledScenario } from '../../scenarios/compile.ts';
import { loadScenario } from '../../node/scenario-files.ts';
import { parseNumberFlag, type CliCommand } from '../command.ts';
import { ADAPTER_FLAG, defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';
import { packageRoot } from '../package-root.ts';

const FLAGS = defineFlags({
  samples: { type: 'string', value: 'N', description: 'ALP samples of the timed run (default 1 000 000 on a software adapter, 20 000 000 on a GPU)' },
  widths: { type: 'string', value: 'N', description: 'widths per sample (default 101, log-spaced in [1e-25, 1e-10] GeV)' },
  repeat: { type: 'string', value: 'N', description: 'time engine and reference alternately N times and report medians (default 1)' },
  adapter: ADAPTER_FLAG,
  json: { ...JSON_FLAG, description: 'print {adapter, trialsPerSecond, referenceTrialsPerSecond, ratio, trials, gpuBytes, wallSeconds, …}' },
  record: { type: 'boolean', description: 'add a row to the engine table of bench/RESULTS.md' },
});

function benchJob(koto: CompiledScenario, samplesPerMass: number, widthCount: number): EngineJob {
  return {
    label: 'bench: KOTO Step 2 selection, toy production',
    channel: { name: 'gamma gamma', daughterMassesGeV: [0, 0] },
    geometry: koto.geometry,
    selection: koto.selection,
    massesGeV: [0.2],
    widthsGeV: logSpaced(1e-25, 1e-10, widthCount),
    samplesPerMass,
    seed: 1,
    production: (massGeV) => toyBeamDumpTable(massGeV, { maxEnergyGeV: 30, meanEnergyGeV: 5, typicalPtGeV: 0.3, thetaMaxRad: 0.2 }),
  };
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'measure trials/s of the WebGPU engine and the float64 reference',
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: 'alpenglow bench [--samples N] [--widths N] [--repeat N] [--adapter auto|hardware|software] [--json] [--record]',
      description: 'Times the WebGPU engine and the float64 reference on a KOTO-Step-2-like job (one trial = one ALP sample at one width).',
    },
    FLAGS,
  ),
  async run(argv) {
    const { values } = parseFlags(FLAGS, argv);
    const koto = compileScenario((await loadScenario('koto-step2')).scenario);
    const acquired = await acquireNodeDevice(parseAdapterFlag(values.adapter, 'webgpu'));
    const adapter = adapterLabel(acquired.adapter);
    process.stderr.write(`alpenglow: running on ${adapter}\n`);
    const widthCount = parseNumberFlag('widths', values.widths, { integer: true, min: 1 }) ?? 101;
    const samples = parseNumberFlag('samples', values.samples, { integer: true, min: 1 }) ?? (acquired.adapter.isSoftware ? 1_000_000 : 20_000_000);
    const repeat = parseNumberFlag('repeat', values.repeat, { integer: true, min: 1 }) ?? 1;
    const sources = nodeShaderSources();
    // Warm-up: pipeline compilation and the first dispatch are not part of the rate.
    await runOnGpu(acquired, benchJob(koto, 4096, widthCount), sources);
    const statistics: GpuRunStatistics = { peakDeviceBytes: 0, submissions: 0 };
    const job = benchJob(koto, samples, widthCount);
    const trials = samples * widthCount;
    const referenceSamples = Math.max(2000, Math.min(50_000, Math.round(samples / 50)));
    const referenceTrials = referenceSamples * widthCount;
    // Warm-up of the reference too: V8 reaches its optimised code only from the third call of a
    // process on (KOTO Step 2, 101 widths, 1e4–2e4 samples per call: 6e6, 8e6, then 1.1e7 trials/s),
    // and a cold reference would flatter the ratio.
    for (let call = 0; call < 2; call++) runReference(benchJob(koto, Math.max(1000, Math.round(referenceSamples / 2)), widthCount));
    // Engine and reference alternate, so a change of load on a shared machine hits both of a pair;
    // the ratio is the median of the pairs' ratios. CPU time (all threads of this process, the
    // software adapter's included) is reported beside wall time: it is far less sensitive to load.
    const rounds: BenchRound[] = [];
    for (let round = 0; round < repeat; round++) {
      statistics.submissions = 0;
      const gpu = await timed(() => runOnGpu(acquired, job, sources, {}, statistics));
      const reference = await timed(async () => runReference(benchJob(koto, referenceSamples, widthCount)));
      rounds.push({
        trialsPerSecond: trials / gpu.wallSeconds,
        referenceTrialsPerSecond: referenceTrials / reference.wallSeconds,
        ratio: trials / gpu.wallSeconds / (referenceTrials / reference.wallSeconds),
        wallSeconds: gpu.wallSeconds,
        cpuNanosecondsPerTrial: (gpu.cpuSeconds / trials) * 1e9,
        referenceCpuNanosecondsPerTrial: (reference.cpuSeconds / referenceTrials) * 1e9,
      });
    }
    const medianOf = (key: keyof BenchRound) => median(rounds.map((round) => round[key]));
    const gpuSeconds = medianOf('wallSeconds');
    const result = {
      adapter,
      trialsPerSecond: medianOf('trialsPerSecond'),
      referenceTrialsPerSecond: medianOf('referenceTrialsPerSecond'),
      ratio: medianOf('ratio'),
      trials,
      gpuBytes: statistics.peakDeviceBytes,
      wallSeconds: gpuSeconds,
      submissions: statistics.submissions,
      widths: widthCount,
      samples,
      repeat,
      cpuNanosecondsPerTrial: medianOf('cpuNanosecondsPerTrial'),
      referenceCpuNanosecondsPerTrial: medianOf('referenceCpuNanosecondsPerTrial'),
      rounds,
    };
    if (values.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    else {
      process.stdout.write(`adapter                    ${adapter}\n`);
      const medianNote = repeat > 1 ? `, median of ${repeat}` : '';
      process.stdout.write(
        `WebGPU engine              ${result.trialsPerSecond.toExponential(3)} trials/s (${trials.toExponential(2)} trials in ${gpuSeconds.toFixed(2)} s, ${statistics.submissions} submissions${medianNote}); ${result.cpuNanosecondsPerTrial.toFixed(2)} CPU ns/trial\n`,
      );
      process.stdout.write(
        `float64 reference          ${result.referenceTrialsPerSecond.toExponential(3)} trials/s; ${result.referenceCpuNanosecondsPerTrial.toFixed(1)} CPU ns/trial\n`,
      );
      process.stdout.write(
        `ratio                      ${result.ratio.toFixed(1)}× (wall clock${medianNote}; ${(result.referenceCpuNanosecondsPerTrial / result.cpuNanosecondsPerTrial).toFixed(1)}× in CPU time)\n`,
      );
      process.stdout.write(`peak device allocation     ${(statistics.peakDeviceBytes / 1048576).toFixed(2)} MiB\n`);
    }
    if (values.record) {
      // The checkout's (or installed package's) bench/RESULTS.md; the offline bundle has no package.json: alpenglow/bench/RESULTS.md.
      const root = packageRoot();
      const path = root ? join(root, 'bench', 'RESULTS.md') : fileURLToPath(new URL('../../../bench/RESULTS.md', import.meta.url));
      const row = `| ${new Date().toISOString().slice(0, 10)} | ${adapter} | ${result.trialsPerSecond.toExponential(3)} | ${result.referenceTrialsPerSecond.toExponential(3)} | ${result.ratio.toFixed(1)} | ${trials.toExponential(2)} | ${result.gpuBytes} |`;
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, withEngineRow(existsSync(path) ? readFileSync(path, 'utf8') : '', row));
      process.stderr.write('alpenglow: added a row to the engine table of bench/RESULTS.md\n');
    }
    acquired.device.destroy();
    return 0;
  },
};

interface BenchRound {
  trialsPerSecond: number;
  referenceTrialsPerSecond: number;
  ratio: number;
  wallSeconds: number;
  cpuNanosecondsPerTrial: number;
  referenceCpuNanosecondsPerTrial: number;
}

async function timed(work: () => Promise<unknown>): Promise<{ wallSeconds: number; cpuSeconds: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallSeconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  return { wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** Median of a non-empty list (mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ENGINE_TABLE_HEADER = '| date | adapter | trials/s (WebGPU) | trials/s (float64 ref) | ratio | trials | gpuBytes |';

/** Inserts the row at the end of the engine table (the file holds other sections after it). */
export function withEngineRow(text: string, row: string): string {
  const lines = text === '' ? ['# Benchmark results', ''] : text.split('\n');
  let header = lines.indexOf(ENGINE_TABLE_HEADER);
  if (header < 0) {
    lines.push('', ENGINE_TABLE_HEADER, '|---|---|---|---|---|---|---|');
    header = lines.length - 2;
  }
  let end = header + 2;
  while (end < lines.length && lines[end].startsWith('|')) end++;
  lines.splice(end, 0, row);
  return lines.join('\n');
}
