/**
 * `alpenglow limits --model bk:<m_a>` (Node): the model-independent B → K(*) a limits of
 * src/limits/model-independent.ts. For each scenario and each of its B modes: the ALP table per
 * unit BR (src/physics/b-meson-production.ts), one engine job at the mass over the lifetime grid
 * (widths Γ = ħ/τ), then the limits; writes limits.json, band.csv, exclusion.svg and exclusion.png.
 */
import { parseDecimal } from '../../physics/decimal.ts';
import { MAX_TABLE_BYTES, readRegularFile } from '../../node/input-files.ts';
import { join } from 'node:path';
import { provenanceRecord, type OutputProvenance } from '../../formats/provenance.ts';
import { modelIndependentBandCsv } from '../../formats/csv.ts';
import { commandLine, creationTime, figureFiles, provenanceSidecar } from '../outputs.ts';
import type { LoadedScenario } from '../../node/scenario-files.ts';
import { loadScenario } from '../../node/scenario-files.ts';
import { parseEngine, parseNumberFlag, parsePotFlag, parseSamplesFlag, UsageError } from '../command.ts';
import { ADAPTER_FLAG, defineFlags, ENGINE_FLAG, formatFlags, JSON_FLAG, parseFlags } from '../flags.ts';
import { MAX_LIFETIMES } from '../../app/caps.ts';
import { nodeEngine, parseAdapterFlag, type EngineChoice } from '../../node/engine.ts';
import type { AdapterPreference } from '../../node/dawn-device.ts';
import { progressBarHooks } from '../../node/progress-bar.ts';
import { writeFileAtomic } from '../../node/atomic-file.ts';
import { prepareOutputDirectory } from '../../node/output-location.ts';
import { runModelIndependent } from '../../app/run-model-independent.ts';
import { modelIndependentSvg } from '../../plots/model-independent.ts';
import { logSpace } from '../../limits/compute.ts';
import { DEFAULT_LIFETIMES_S, DEFAULT_PROJECTION_POT, parseBkModel, type ModelIndependentLimitsJson } from '../../limits/model-independent.ts';

export const DEFAULT_BK_SAMPLES = 200_000;

/** The value of --model in argv (`--model X` or `--model=X`), or undefined. */
export function modelArgument(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') return argv[i + 1];
    if (argv[i].startsWith('--model=')) return argv[i].slice('--model='.length);
  }
  return undefined;
}

export interface ModelIndependentRunOptions {
  scenarios: LoadedScenario[];
  model: string;
  lifetimesS: number[];
  samples: number;
  seed: number;
  pot?: number;
  projectionPot: number;
  engine: EngineChoice;
  adapter?: AdapterPreference;
  /** A user B list (meson-list format, src/physics/b-meson-production.ts parseBMesonList). */
  bSpectrumFile?: string;
  bEvents?: number;
  quiet?: boolean;
}

function log(text: string): void {
  process.stderr.write(`alpenglow: ${text}\n`);
}

/** Reads the B list (if any) and runs the application layer's runModelIndependent (no files written). */
export async function runModelIndependentLimits(options: ModelIndependentRunOptions): Promise<ModelIndependentLimitsJson[]> {
  let bSpectrum: { text: string; label: string; events?: number } | undefined;
  if (options.bSpectrumFile) {
    try {
      bSpectrum = {
        text: readRegularFile(options.bSpectrumFile, MAX_TABLE_BYTES, 'B lists').toString('utf8'),
        label: options.bSpectrumFile,
        events: options.bEvents,
      };
    } catch (error) {
      throw new UsageError(`--b-spectrum ${options.bSpectrumFile}: cannot be read (${(error as Error).message})`);
    }
  }
  const hooks = progressBarHooks({ quiet: options.quiet });
  const results = await runModelIndependent({
    scenarios: options.scenarios.map((loaded) => ({ scenario: loaded.scenario, hash: loaded.hash })),
    model: options.model,
    lifetimesS: options.lifetimesS,
    samplesPerMass: options.samples,
    seed: options.seed,
    pot: options.pot,
    projectionPot: options.projectionPot,
    bSpectrum,
    engine: await nodeEngine(options.engine, options.adapter ?? 'auto'),
    hooks,
  });
  hooks.bar?.finish();
  return results;
}

/**
 * The output files of one run (limits.json, band.csv, one SVG/PNG per scenario, provenance.json);
 * the provenance (docs/formats.md) goes into limits.json, the SVG <metadata>, PNG tEXt and the sidecar.
 */
export function modelIndependentOutputs(results: ModelIndependentLimitsJson[], provenance: OutputProvenance): Record<string, string | Buffer> {
  const stamped = results.map((result) => ({ ...result, provenance: { ...result.provenance, command: provenance.command, createdAt: provenance.createdAt } }));
  const files: Record<string, string | Buffer> = {
    'limits.json': `${JSON.stringify(stamped.length === 1 ? stamped[0] : stamped, null, 2)}\n`,
    'band.csv': modelIndependentBandCsv(results),
  };
  for (const result of results) {
    const stem = results.length === 1 ? 'exclusion' : `exclusion-${result.scenario}`;
    Object.assign(files, figureFiles(stem, modelIndependentSvg(result), provenance));
  }
  files['provenance.json'] = provenanceSidecar(provenance, files);
  return files;
}

/** A number as a flag value: 1e-13, 0.5, 1e18. */
const flagNumber = (value: number) =>
  value !== 0 && (Math.abs(value) >= 1e6 || Math.abs(value) < 1e-3) ? value.toExponential().replace('e+', 'e') : String(value);

/** The flags only --model bk:<m_a> takes (alpenglow limits --help lists them after the coupling-model flags). */
export const MODEL_INDEPENDENT_ONLY_FLAGS = defineFlags({
  lifetimes: {
    type: 'string',
    value: '<lo:hi:n | list>',
    description: `ALP lifetimes tau_a in s (default ${flagNumber(DEFAULT_LIFETIMES_S[0])}:${flagNumber(DEFAULT_LIFETIMES_S[1])}:${DEFAULT_LIFETIMES_S[2]})`,
  },
  'projection-pot': { type: 'string', value: 'N', description: `exposure of the expected-limit projection (default ${flagNumber(DEFAULT_PROJECTION_POT)})` },
  'b-spectrum': {
    type: 'string',
    value: 'FILE',
    description: 'B mesons in the meson-list format (event index PDG px py pz; PDG ±511, ±521 kept),\ntaken as bb events',
  },
  'b-events': { type: 'string', value: 'N', description: 'with --b-spectrum: the number of events if some had no B' },
});

/** What the --model bk: parser accepts: its own flags, the shared ones, and four coupling-model flags it refuses by name. */
const MODEL_INDEPENDENT_FLAGS = defineFlags({
  scenario: { type: 'string', value: '<name|path>[,more]', description: 'scenarios with B → K(*) a production modes' },
  model: { type: 'string', value: 'bk:<m_a in GeV>', description: 'the ALP mass' },
  ...MODEL_INDEPENDENT_ONLY_FLAGS,
  samples: { type: 'string', value: 'N', description: `ALP samples per B mode (default ${DEFAULT_BK_SAMPLES})` },
  seed: { type: 'string', value: 'S', description: 'u32 seed (default 1)' },
  pot: { type: 'string', value: 'N', description: "exposure in protons on target (default the scenario's)" },
  out: { type: 'string', value: 'DIR', description: 'output directory (default out/limits)' },
  json: { ...JSON_FLAG, description: 'also print limits.json to stdout' },
  engine: ENGINE_FLAG,
  adapter: ADAPTER_FLAG,
  masses: { type: 'string', value: 'X', description: 'refused: one mass, in --model' },
  couplings: { type: 'string', value: 'X', description: 'refused: lifetimes via --lifetimes' },
  tables: { type: 'string', value: 'X', description: 'refused' },
  'widths-per-decade': { type: 'string', value: 'X', description: 'refused' },
});

export const MODEL_INDEPENDENT_USAGE = [
  'usage: alpenglow limits --scenario <name|path>[,more] --model bk:<m_a in GeV>',
  '                 [--lifetimes <lo:hi:n | list> (s)] [--samples N] [--seed S] [--pot N]',
  '                 [--projection-pot N] [--b-spectrum FILE [--b-events N]] [--out DIR] [--json]',
  '                 [--engine auto|webgpu|reference] [--adapter auto|hardware|software]',
  '',
  'Model-independent limits on BR(B -> K(*) a) x BR(a -> l l) versus the ALP lifetime at one mass,',
  'for scenarios with B -> K(*) a production modes (na62-dump-mumu, na62-dump-ee). --samples: ALP samples',
  `per B mode (default ${DEFAULT_BK_SAMPLES}); --scenario, --seed, --pot, --out, --json, --engine, --adapter as above.`,
  '',
  `flags of --model bk: only:\n${formatFlags(MODEL_INDEPENDENT_ONLY_FLAGS)}`,
].join('\n');

/** CLI entry: parses the flags, runs, writes the files. */
export async function modelIndependentLimitsCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(MODEL_INDEPENDENT_FLAGS, argv);
  for (const flag of ['masses', 'couplings', 'tables', 'widths-per-decade'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`--${flag} does not apply to --model bk:<m_a> (one mass, lifetimes via --lifetimes)`);
  }
  const model = values.model!;
  parseBkModel(model);
  if (!values.scenario || values.scenario.trim() === '')
    throw new UsageError('--scenario is required: a shipped scenario name or a path to a .json file (several: a,b,c)');
  const scenarios: LoadedScenario[] = [];
  for (const name of values.scenario
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')) {
    const loaded = await loadScenario(name);
    if (scenarios.some((item) => item.scenario.name === loaded.scenario.name))
      throw new UsageError(`--scenario lists scenario '${loaded.scenario.name}' twice`);
    scenarios.push(loaded);
  }
  const lifetimesS = parseLifetimes(values.lifetimes);
  const samples = parseSamplesFlag(values.samples, DEFAULT_BK_SAMPLES);
  const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? 1;
  if (seed > 0xffffffff) throw new UsageError(`--seed must be ≤ ${0xffffffff} (got ${seed})`);
  const pot = parsePotFlag('pot', values.pot);
  const projectionPot = parsePotFlag('projection-pot', values['projection-pot']) ?? DEFAULT_PROJECTION_POT;
  const bEvents = parseNumberFlag('b-events', values['b-events'], { integer: true, min: 1 });
  if (bEvents !== undefined && values['b-spectrum'] === undefined) throw new UsageError('--b-events needs --b-spectrum FILE');
  const engine = parseEngine(values.engine);
  const adapter = parseAdapterFlag(values.adapter, engine);
  const outDir = values.out ?? 'out/limits';
  prepareOutputDirectory('out', outDir);
  const results = await runModelIndependentLimits({
    scenarios,
    model,
    lifetimesS,
    samples,
    seed,
    pot,
    projectionPot,
    engine,
    adapter,
    bSpectrumFile: values['b-spectrum'],
    bEvents,
  });
  for (const result of results) {
    for (const mode of result.modes) {
      const best = mode.best ? `strongest limit ${mode.best.upperLimit.toExponential(2)} at tau = ${mode.best.tauS.toExponential(2)} s` : 'no sensitivity';
      log(`${result.scenario}: ${mode.decay}: ${best}; excluded at ${mode.band.length}/${mode.points.length} lifetimes (basis ${result.basis})`);
    }
  }
  const joined = (values: string[]) => [...new Set(values)].join(' | ');
  const provenance = provenanceRecord({
    command: commandLine('limits', argv),
    createdAt: creationTime(),
    seed,
    samples,
    adapter: joined(results.map((r) => r.provenance.adapter)),
    engine: joined(results.map((r) => r.provenance.engine)),
    scenarios: scenarios.map((loaded) => ({ name: loaded.scenario.name, hash: loaded.hash, productionModes: [...loaded.scenario.production.modes] })),
  });
  const files = modelIndependentOutputs(results, provenance);
  prepareOutputDirectory('out', outDir);
  for (const [name, content] of Object.entries(files)) writeFileAtomic(join(outDir, name), content);
  log(
    `wrote ${Object.keys(files)
      .map((name) => join(outDir, name))
      .join(', ')}`,
  );
  if (values.json) process.stdout.write(files['limits.json'] as string);
  return 0;
}

function parseLifetimes(raw: string | undefined): number[] {
  if (raw === undefined) return logSpace(...DEFAULT_LIFETIMES_S);
  const text = raw.trim();
  let values: number[];
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw new UsageError(`--lifetimes must be lo:hi:n or a comma-separated list in s (got '${raw}')`);
    const lo = parseNumberFlag('lifetimes', parts[0], { minExclusive: 0 })!;
    const hi = parseNumberFlag('lifetimes', parts[1], { minExclusive: 0 })!;
    const n = parseDecimal(parts[2]);
    if (!Number.isInteger(n) || n < 2) throw new UsageError(`--lifetimes: the point count n in lo:hi:n must be an integer ≥ 2 (got '${parts[2]}')`);
    if (n > MAX_LIFETIMES) throw new UsageError(`--lifetimes ${raw}: at most ${MAX_LIFETIMES} points (got n = ${parts[2].trim()})`);
    if (!(hi > lo)) throw new UsageError(`--lifetimes ${raw}: ${n} points need lo < hi`);
    values = logSpace(lo, hi, n);
  } else {
    if (text.split(',').length > MAX_LIFETIMES) throw new UsageError(`--lifetimes: at most ${MAX_LIFETIMES} values (got ${text.split(',').length})`);
    values = text.split(',').map((item) => parseNumberFlag('lifetimes', item.trim(), { minExclusive: 0 })!);
    values.forEach((value, index) => {
      if (index > 0 && !(value > values[index - 1])) throw new UsageError(`--lifetimes must increase strictly (got ${values[index - 1]} then ${value})`);
    });
  }
  return values;
}
