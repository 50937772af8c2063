/**
 * `alpenglow grid`: regenerate the (mass, width) tables of a scenario, resumably and in shards
 * (docs/cli.md, docs/cluster.md; the use case is src/app/run-grid.ts).
 */
import { compileScenario } from '../../scenarios/compile.ts';
import { loadScenario } from '../../node/scenario-files.ts';
import {
  checkMassRange,
  DEFAULT_SAMPLES_PER_MASS,
  DEFAULT_SEED,
  DEFAULT_WIDTHS,
  defaultMassSpec,
  parseRangeSpec,
  parseShard,
  selectProductionModes,
} from '../../tables/grid-spec.ts';
import { runGrid } from '../../app/run-grid.ts';
import { MAX_USER_SEED } from '../../app/table-builder.ts';
import { directoryGridStore } from '../../node/grid-store.ts';
import { cachedProductionSource } from '../../node/production-cache.ts';
import { progressBarHooks } from '../../node/progress-bar.ts';
import { prepareOutputDirectory } from '../../node/output-location.ts';
import { MAX_SAMPLES_PER_MASS } from '../../engine/job.ts';
import { parseEngine, parseNumberFlag, UsageError, type CliCommand } from '../command.ts';
import { nodeEngine, parseAdapterFlag } from '../../node/engine.ts';
import { ADAPTER_FLAG, defineFlags, ENGINE_FLAG, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({
  scenario: { type: 'string', value: '<name|path>', description: 'shipped scenario name or scenario JSON file' },
  out: { type: 'string', value: 'DIR', description: 'output directory (created if needed)' },
  production: {
    type: 'string',
    value: 'P',
    default: 'all',
    description: "all (default: the scenario's modes), primakoff, mixing, b (B -> K(*) a),\nor mode names, comma-separated",
  },
  masses: {
    type: 'string',
    value: 'lo:hi:n',
    description: 'log-spaced masses in GeV (default: 201 in [0.01, 5.31], clipped to the\nchannel threshold and the beam)',
  },
  widths: { type: 'string', value: 'lo:hi:n', description: "log-spaced total widths in GeV (default 1e-25:1e-10:101, ALPINIST's grid)" },
  samples: { type: 'string', value: 'N', description: `produced ALPs per mass (default ${DEFAULT_SAMPLES_PER_MASS})` },
  seed: { type: 'string', value: 'S', description: `integer in [0, ${MAX_USER_SEED}] (default ${DEFAULT_SEED})` },
  shard: {
    type: 'string',
    value: 'i/n',
    description: 'compute shard i of n (1-based): the masses with grid index ≡ i−1 (mod n);\ncombine the n outputs with `alpenglow merge`',
  },
  engine: { ...ENGINE_FLAG, default: 'auto' },
  adapter: ADAPTER_FLAG,
  'progress-interval': { type: 'string', value: 'S', description: 'seconds between progress lines when stderr is not a terminal (default 10)' },
  json: { ...JSON_FLAG, description: 'print {"tables": [paths]} instead of one path per line' },
});

const USAGE = formatUsage(
  {
    synopsis: 'alpenglow grid --scenario <name|path> --out DIR [flags]',
    description: `Computes one table file per production mode of the scenario (× its decay channel) over a
(mass, width) grid and writes it to DIR. Killed at any point (kill -9 included), the same command
resumes from per-mass checkpoints in DIR/.alpenglow-checkpoints and gives the same table bit for bit.`,
    footer: 'Prints the paths of the table files on stdout, one per line (--json: {"tables": [...]}).',
  },
  FLAGS,
);

export const gridCommand: CliCommand = {
  name: 'grid',
  summary: "regenerate a scenario's (mass, width) tables: resumable, shardable (--shard i/n)",
  flags: FLAGS,
  usage: USAGE,
  async run(argv) {
    const { values, positionals } = parseFlags(FLAGS, argv, { positionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see alpenglow grid --help)`);
    if (!values.scenario) throw new UsageError('--scenario is required (a shipped scenario name or a scenario .json file)');
    if (!values.out) throw new UsageError('--out DIR is required (where the table files and checkpoints go)');
    const engineChoice = parseEngine(values.engine);
    const adapter = parseAdapterFlag(values.adapter, engineChoice);
    const samplesPerMass = parseNumberFlag('samples', values.samples, { integer: true, min: 1 }) ?? DEFAULT_SAMPLES_PER_MASS;
    if (samplesPerMass > MAX_SAMPLES_PER_MASS) throw new UsageError(`--samples must be ≤ ${MAX_SAMPLES_PER_MASS} (got ${samplesPerMass})`);
    const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? DEFAULT_SEED;
    if (seed > MAX_USER_SEED) throw new UsageError(`--seed must be ≤ ${MAX_USER_SEED} (got ${seed})`);
    const progressIntervalSeconds = parseNumberFlag('progress-interval', values['progress-interval'], { minExclusive: 0 });
    prepareOutputDirectory('out', values.out);

    const loaded = await loadScenario(values.scenario);
    const compiled = compileScenario(loaded.scenario);
    const notes: string[] = [];
    const modes = selectProductionModes(loaded.scenario, values.production, notes);
    for (const note of notes) process.stderr.write(`alpenglow grid: ${note}\n`);
    const masses = values.masses ? parseRangeSpec('masses', values.masses, 'GeV') : defaultMassSpec(loaded.scenario, compiled);
    checkMassRange(masses, loaded.scenario, compiled);
    const widths = values.widths ? parseRangeSpec('widths', values.widths, 'GeV') : DEFAULT_WIDTHS;
    const shard = values.shard ? parseShard(values.shard, masses.count) : null;

    const hooks = progressBarHooks({ intervalSeconds: progressIntervalSeconds });
    const outcomes = await runGrid({
      scenario: loaded.scenario,
      scenarioHash: loaded.hash,
      compiled,
      modes,
      masses,
      widths,
      samplesPerMass,
      seed,
      shard,
      engine: await nodeEngine(engineChoice, adapter),
      production: cachedProductionSource(),
      store: directoryGridStore(values.out),
      source: `alpenglow grid ${argv.filter((arg) => arg !== '--json').join(' ')}`,
      hooks, // --json changes the output, not the tables
    });
    hooks.bar?.finish();
    if (values.json) process.stdout.write(`${JSON.stringify({ tables: outcomes.map((outcome) => outcome.path) }, null, 2)}\n`);
    else for (const outcome of outcomes) process.stdout.write(`${outcome.path}\n`);
    return 0;
  },
};
