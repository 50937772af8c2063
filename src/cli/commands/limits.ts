/**
 * `alpenglow limits`: 90 % CL (CLs) exclusion in the (m_a, coupling) plane for one or more
 * scenarios (docs/limits.md, docs/cli.md). Runs what it needs — production tables (cached), the
 * engine over a (mass, width) grid covering Γ_tot over the coupling range — or reads table files
 * (`--tables DIR`), then computes limits (src/limits) and writes DIR/limits.json, contour.csv,
 * exclusion.svg and exclusion.png. Progress goes to stderr; `--json` also prints limits.json.
 */
import { parseDecimal } from '../../physics/decimal.ts';
import { join } from 'node:path';
import {
  DEFAULT_COUPLINGS_SPEC,
  DEFAULT_LIMITS_SAMPLES,
  DEFAULT_LIMITS_SEED,
  DEFAULT_MASSES_SPEC,
  runLimits,
  type RunLimitsResult,
} from '../../app/run-limits.ts';
import { DEFAULT_MAX_ADDED_MASSES } from '../../app/mass-refinement.ts';
import { cachedProductionSource } from '../../node/production-cache.ts';
import { readScenarioTables } from '../../node/table-files.ts';
import { checkScanMasses, DEFAULT_WIDTHS_PER_DECADE, type LimitsJson } from '../../limits/compute.ts';
import { LimitsInputError } from '../../limits/errors.ts';
import { parseLimitsModel, type LimitsModel } from '../../limits/model.ts';
import { PRODUCTION_MODES } from '../../physics/index.ts';
import { provenanceFromLimits } from '../../formats/provenance.ts';
import {
  commandLine,
  creationTime,
  limitsOutputFiles,
  modelDescription,
  parseCouplingAxisFlag,
  parseFigureFlag,
  readOverlays,
  tableChecksums,
} from '../outputs.ts';
import { loadScenario, type LoadedScenario } from '../../node/scenario-files.ts';
import { isModelIndependentModel } from '../../limits/model-independent.ts';
import { MODEL_INDEPENDENT_ONLY_FLAGS, MODEL_INDEPENDENT_USAGE, modelArgument, modelIndependentLimitsCommand } from './limits-model-independent.ts';
import { ADAPTER_FLAG, defineFlags, ENGINE_FLAG, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';
import { parseEngine, parseNumberFlag, parsePotFlag, parseSamplesFlag, parseWidthsPerDecade, UsageError, type CliCommand } from '../command.ts';
import { nodeEngine, parseAdapterFlag } from '../../node/engine.ts';
import { progressBarHooks } from '../../node/progress-bar.ts';
import { writeFileAtomic } from '../../node/atomic-file.ts';
import { prepareOutputDirectory } from '../../node/output-location.ts';
import { logSpace } from '../../limits/compute.ts';
import { parseRangeSpec, rangeValues } from '../../tables/grid-spec.ts';
import { COUPLING_RANGE_PER_GEV, MAX_ADDED_MASSES, MAX_COUPLINGS, MAX_RANGE_POINTS, MAX_SCAN_MASSES } from '../../app/caps.ts';

export { parsePotFlag, parseSamplesFlag, parseWidthsPerDecade } from '../command.ts';

export { DEFAULT_COUPLINGS_SPEC, DEFAULT_LIMITS_SAMPLES, DEFAULT_LIMITS_SEED, DEFAULT_MASSES_SPEC } from '../../app/run-limits.ts';

/**
 * `lo:hi:n` (n log-spaced values, inclusive) or a comma list; every value finite and > 0, at most
 * `maxCount` of them (checked before anything is allocated), each inside `range` when given.
 * Messages name the flag and what the user typed.
 */
export function parseValues(
  flag: string,
  raw: string,
  unit: string,
  options: { increasing?: boolean; maxCount?: number; range?: readonly [number, number] } = {},
): number[] {
  const text = raw.trim();
  const maxCount = options.maxCount ?? MAX_RANGE_POINTS;
  let values: number[];
  if (text.includes(':')) {
    const parts = text.split(':');
    if (parts.length !== 3) throw new UsageError(`--${flag} must be lo:hi:n or a comma-separated list in ${unit} (got '${raw}')`);
    const lo = parseNumberFlag(flag, parts[0])!;
    const hi = parseNumberFlag(flag, parts[1])!;
    const n = parseDecimal(parts[2]);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${flag}: the point count n in lo:hi:n must be an integer ≥ 1 (got '${parts[2]}')`);
    if (n > maxCount) throw new UsageError(`--${flag} ${raw}: at most ${maxCount} points (got n = ${parts[2].trim()})`);
    if (!(lo > 0)) throw new UsageError(`--${flag}: lo must be > 0 ${unit} (got ${parts[0]})`);
    if (!(hi > 0)) throw new UsageError(`--${flag}: hi must be > 0 ${unit} (got ${parts[1]})`);
    if (n > 1 && !(hi > lo)) throw new UsageError(`--${flag} ${raw}: ${n} points need lo < hi`);
    values = logSpace(lo, hi, n);
  } else {
    const items = text.split(',');
    if (items.length > maxCount) throw new UsageError(`--${flag}: at most ${maxCount} values (got ${items.length})`);
    values = items.map((item) => {
      const value = parseNumberFlag(flag, item.trim())!;
      if (!(value > 0)) throw new UsageError(`--${flag} values must be > 0 ${unit} (got ${item.trim()})`);
      return value;
    });
  }
  if (options.range) {
    const [min, max] = options.range;
    const outside = values.find((value) => value < min || value > max);
    if (outside !== undefined) throw new UsageError(`--${flag} values must lie in [${min}, ${max}] ${unit} (got ${outside})`);
  }
  if (options.increasing) {
    values.forEach((value, index) => {
      if (index > 0 && !(value > values[index - 1])) throw new UsageError(`--${flag} must increase strictly (got ${values[index - 1]} then ${value})`);
    });
  }
  return values;
}

function log(text: string): void {
  process.stderr.write(`alpenglow: ${text}\n`);
}

/**
 * Coupling-model limits need at least one mode at a reference coupling (PRODUCTION_MODES); B → K(*) a
 * modes beside them are scaled by the model's c_WW-induced BR. A scenario of B modes only (the NA62
 * dilepton dumps) is for the model-independent limits.
 */
export function requireCouplingModes(loaded: LoadedScenario): void {
  if (!loaded.scenario.production.modes.some((mode) => (PRODUCTION_MODES as readonly string[]).includes(mode))) {
    throw new LimitsInputError(
      `scenario '${loaded.scenario.name}' has only the production mode(s) ${loaded.scenario.production.modes.join(', ')} (per unit BR): use --model bk:<m_a in GeV> for model-independent limits`,
    );
  }
}

export async function loadScenarios(spec: string | undefined, flag = 'scenario'): Promise<LoadedScenario[]> {
  if (!spec || spec.trim() === '') throw new UsageError(`--${flag} is required: a shipped scenario name or a path to a .json file (several: a,b,c)`);
  const names = spec
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  const loaded: LoadedScenario[] = [];
  for (const name of names) {
    const item = await loadScenario(name);
    requireCouplingModes(item);
    loaded.push(item);
  }
  const seen = new Set<string>();
  for (const item of loaded) {
    if (seen.has(item.scenario.name)) throw new UsageError(`--${flag} lists scenario '${item.scenario.name}' twice`);
    seen.add(item.scenario.name);
  }
  return loaded;
}

export function parseModelFlag(raw: string | undefined): LimitsModel {
  if (raw === undefined) throw new UsageError('--model is required: gluon, photon, codominance or custom:c_GG,c_BB,c_WW[,c_ll]');
  return parseLimitsModel(raw);
}

/** Writes the output files (each atomically; a failure names the file). Check the directory first with prepareOutputDirectory. */
export function writeOutputs(outDir: string, files: Record<string, string | Buffer>): void {
  prepareOutputDirectory('out', outDir);
  for (const [name, content] of Object.entries(files)) writeFileAtomic(join(outDir, name), content);
}

const LIMITS_FLAGS = defineFlags({
  scenario: { type: 'string', value: '<name|path>[,more]', description: 'shipped scenario names or scenario JSON files, comma-separated (required)' },
  model: { type: 'string', value: '<model>', description: 'gluon, photon, codominance, custom:c_GG,c_BB,c_WW[,c_ll] (required); bk:<m_a in GeV>: below' },
  masses: {
    type: 'string',
    value: '<list | lo:hi:n>',
    description: `scan masses in GeV, a list (0.05,0.1,0.3) or lo:hi:n log-spaced (default ${DEFAULT_MASSES_SPEC};\nwith --tables: the tables' masses). Must lie inside the tables.`,
  },
  couplings: {
    type: 'string',
    value: '<lo:hi:n | list>',
    description: `coupling axis 1/f_a in GeV^-1 with the model's c's fixed (= c/f_a, KOTO convention),\nlo:hi:n log-spaced or a list (default ${DEFAULT_COUPLINGS_SPEC})`,
  },
  samples: { type: 'string', value: 'N', description: `ALP samples per mass and production mode (default ${DEFAULT_LIMITS_SAMPLES})` },
  seed: { type: 'string', value: 'S', description: `u32 seed (default ${DEFAULT_LIMITS_SEED})` },
  pot: {
    type: 'string',
    value: 'N',
    description:
      "exposure in protons on target (default the scenario's); signal ∝ POT, backgrounds as\nthe scenario's exposure.backgroundScaling says; with --pot the basis is expected-median",
  },
  out: { type: 'string', value: 'DIR', description: 'output directory (default out/limits)' },
  json: { ...JSON_FLAG, description: 'also print limits.json to stdout (an array when several scenarios are given)' },
  engine: ENGINE_FLAG,
  adapter: ADAPTER_FLAG,
  tables: {
    type: 'string',
    value: 'DIR',
    description: 'read complete table files (*.table.json, from alpenglow grid/merge) from DIR instead of running the engine',
  },
  'widths-per-decade': { type: 'string', value: 'N', description: `width-grid density when running the engine (default ${DEFAULT_WIDTHS_PER_DECADE})` },
  widths: {
    type: 'string',
    value: 'lo:hi:n',
    description:
      "the engine's width grid, lo:hi:n log-spaced in GeV as alpenglow grid --widths (default: derived from\nthe model, masses and couplings at --widths-per-decade); the page's CLI command passes its Widths field",
  },
  'max-added-masses': {
    type: 'string',
    value: 'N',
    description: `cap on masses the engine adds per scenario where neighbouring scan masses disagree\n(default ${DEFAULT_MAX_ADDED_MASSES}; 0: none; listed in limits.json massRefinement)`,
  },
  systematics: {
    type: 'string',
    value: 'on|off',
    description: 'on (default): also the production-systematics band (limits.json systematicBand; docs/limits.md §6b); off: skip it',
  },
  'spectrum-systematics': {
    type: 'boolean',
    description:
      'also vary the meson-spectrum shape in the systematic band: engine runs of the meson-derived modes\n(mixing, meson-photon Primakoff) on two varied spectra, about 3x their engine time (docs/limits.md §6b)',
  },
  figure: {
    type: 'string',
    value: 'paper|explore',
    description:
      'look of exclusion.svg/png: paper (default: observed limits filled, projections dashed,\nlegend below, overlays grey) or explore (MC ±1σ band, grid, legend inside)',
  },
  'coupling-axis': {
    type: 'string',
    value: 'koto|gagg',
    description:
      "koto (default: 1/f_a with the model's c's fixed) or gagg (g_aγγ = α|c_BB + c_WW|/(2π f_a),\nmodels with c_GG = 0 only) for the figure and the CSV files; limits.json stays koto",
  },
  overlay: {
    type: 'string',
    value: '[kind:]FILE[,…]',
    description:
      'existing bounds drawn in grey: AxionLimits files (m_a [eV], g_aγγ [GeV^-1]; default),\nforesee:FILE (m_a [GeV], the figure\'s coupling) or foresee-gluon:FILE (m_a [GeV], FORESEE g_agg);\nor a file\'s own "# overlay: <kind>" line; data/bounds/ ships a few (docs/formats.md)',
  },
});

export const limitsCommand: CliCommand = {
  name: 'limits',
  summary: '90% CL exclusion in the (m_a, coupling) plane: limits.json, contour.csv, contour-polygons.csv, exclusion.svg/png',
  flags: { ...LIMITS_FLAGS, ...MODEL_INDEPENDENT_ONLY_FLAGS },
  usage: `${formatUsage(
    {
      synopsis: [
        'alpenglow limits --scenario <name|path>[,more] --model <gluon|photon|codominance|custom:c_GG,c_BB,c_WW[,c_ll]>',
        '                 [--masses <list | lo:hi:n>] [--couplings <lo:hi:n | list>] [--samples N] [--seed S]',
        '                 [--pot N] [--out DIR] [--json] [--engine auto|webgpu|reference] [--adapter auto|hardware|software]',
        '                 [--tables DIR]',
        '                 [--widths lo:hi:n | --widths-per-decade N] [--max-added-masses N] [--systematics on|off]',
        '                 [--spectrum-systematics]',
        '                 [--figure paper|explore] [--coupling-axis koto|gagg] [--overlay [axionlimits:|foresee:|foresee-gluon:]FILE[,…]]',
      ].join('\n'),
      description:
        'The 90 % CL (CLs) exclusion in the (m_a, coupling) plane: writes limits.json, contour.csv, contour-polygons.csv,\nexclusion.svg/png and provenance.json to --out.',
    },
    LIMITS_FLAGS,
  )}\n\n${MODEL_INDEPENDENT_USAGE}`,
  async run(argv) {
    // --model bk:<m_a>: model-independent B -> K(*) a limits versus lifetime (issue #8, src/limits/model-independent*.ts).
    if (isModelIndependentModel(modelArgument(argv))) return modelIndependentLimitsCommand(argv);
    const { values } = parseFlags(LIMITS_FLAGS, argv);
    const model = parseModelFlag(values.model);
    const figure = parseFigureFlag(values.figure);
    const axis = parseCouplingAxisFlag(values['coupling-axis'], model);
    const overlays = readOverlays(values.overlay, modelDescription(model), axis);
    const engine = parseEngine(values.engine);
    const adapter = parseAdapterFlag(values.adapter, engine);
    const couplings = parseValues('couplings', values.couplings ?? DEFAULT_COUPLINGS_SPEC, 'GeV^-1', {
      increasing: true,
      maxCount: MAX_COUPLINGS,
      range: COUPLING_RANGE_PER_GEV,
    });
    if (couplings.length < 2) throw new UsageError(`--couplings needs at least 2 values (got ${couplings.length})`);
    const samples = parseSamplesFlag(values.samples, DEFAULT_LIMITS_SAMPLES);
    const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? DEFAULT_LIMITS_SEED;
    if (seed > 0xffffffff) throw new UsageError(`--seed must be ≤ ${0xffffffff} (got ${seed})`);
    const pot = parsePotFlag('pot', values.pot);
    const perDecade = parseWidthsPerDecade(values['widths-per-decade']);
    const widthsGeV = values.widths !== undefined ? rangeValues(parseRangeSpec('widths', values.widths, 'GeV')) : undefined;
    if (widthsGeV && values.tables !== undefined)
      throw new UsageError("--widths sets the width grid of an engine run; with --tables the tables' widths are used (drop --widths)");
    if (values.systematics !== undefined && values.systematics !== 'on' && values.systematics !== 'off')
      throw new UsageError(`--systematics must be on or off (got '${values.systematics}')`);
    const systematics = values.systematics !== 'off';
    const spectrumSystematics = values['spectrum-systematics'] === true;
    if (spectrumSystematics && !systematics) throw new UsageError('--spectrum-systematics adds to the systematic band: drop --systematics off');
    if (spectrumSystematics && values.tables !== undefined)
      throw new UsageError('--spectrum-systematics needs engine runs on varied meson spectra: it cannot be used with --tables');
    const maxAddedMasses = parseNumberFlag('max-added-masses', values['max-added-masses'], { integer: true, min: 0 }) ?? DEFAULT_MAX_ADDED_MASSES;
    if (maxAddedMasses > MAX_ADDED_MASSES) throw new UsageError(`--max-added-masses must be ≤ ${MAX_ADDED_MASSES} (got ${values['max-added-masses']})`);
    const outDir = values.out ?? 'out/limits';
    prepareOutputDirectory('out', outDir);
    const requestedMasses =
      values.masses !== undefined ? parseValues('masses', values.masses, 'GeV', { maxCount: MAX_SCAN_MASSES }).sort((a, b) => a - b) : undefined;
    const scenarios = await loadScenarios(values.scenario);

    const targets = scenarios.map((loaded) => ({ scenario: loaded.scenario, hash: loaded.hash }));
    let run: RunLimitsResult;
    if (values.tables !== undefined) {
      const tables = scenarios.map((loaded) => {
        const set = readScenarioTables(values.tables!, loaded);
        if (requestedMasses) checkScanMasses(set, requestedMasses, '--masses');
        return set;
      });
      run = await runLimits({
        scenarios: targets,
        model,
        couplingsPerGeV: couplings,
        massesGeV: requestedMasses,
        pot,
        tables,
        extendCouplings: values.couplings === undefined,
        systematics,
      });
    } else {
      const masses = requestedMasses ?? parseValues('masses', DEFAULT_MASSES_SPEC, 'GeV');
      const unique = masses.filter((m, i) => i === 0 || m > masses[i - 1]);
      const hooks = progressBarHooks();
      run = await runLimits({
        scenarios: targets,
        model,
        couplingsPerGeV: couplings,
        massesGeV: unique,
        pot,
        samplesPerMass: samples,
        seed,
        widthsPerDecade: perDecade,
        widthsGeV,
        maxAddedMasses,
        engine: await nodeEngine(engine, adapter),
        production: cachedProductionSource(),
        hooks,
        // The default scan grows upwards until upper edges close (survival cap); an explicit --couplings is kept as given.
        extendCouplings: values.couplings === undefined,
        systematics,
        spectrumSystematics,
      });
      hooks.bar?.finish();
    }
    const results: LimitsJson[] = run.limits;
    for (const limits of results) {
      log(`${limits.scenario}: basis ${limits.basis}; ${limits.exclusion.length} excluded intervals`);
      for (const warning of limits.warnings) log(`${limits.scenario}: warning: ${warning}`);
    }
    const provenance = provenanceFromLimits(results, {
      command: commandLine('limits', argv),
      createdAt: creationTime(),
      tableFiles: values.tables !== undefined ? tableChecksums(values.tables) : [],
    });
    const files = limitsOutputFiles(results, { provenance, figure, axis, overlays });
    const json = files['limits.json'] as string;
    writeOutputs(outDir, files);
    log(
      `wrote ${Object.keys(files)
        .map((name) => join(outDir, name))
        .join(', ')}`,
    );
    if (values.json) process.stdout.write(json);
    else process.stdout.write(limitsSummary(results, outDir));
    return 0;
  },
};

/** The human-readable answer on stdout: per scenario, the excluded coupling intervals per mass. */
function limitsSummary(results: LimitsJson[], outDir: string): string {
  const lines: string[] = [];
  for (const limits of results) {
    lines.push('', `${limits.scenario}: 90 % CL (CLs) exclusion, model ${limits.model}, ${limits.pot.toExponential(2)} POT, basis ${limits.basis}`);
    lines.push(`coupling ${limits.coupling.axis} [${limits.coupling.unit}]; engine ${limits.provenance.adapter}`);
    if (limits.exclusion.length === 0) lines.push('  nothing excluded in the scanned range');
    else {
      lines.push(`  ${'m_a [GeV]'.padEnd(12)}${'lower'.padEnd(12)}upper`);
      // An end of the scan is no edge (null in limits.json): '<' / '>' the bound it lies beyond.
      const lower = (entry: LimitsJson['exclusion'][number]) =>
        entry.lowerCoupling === null ? `<${entry.lowerCouplingBoundPerGeV!.toExponential(2)}` : entry.lowerCoupling.toExponential(2);
      const upper = (entry: LimitsJson['exclusion'][number]) =>
        entry.upperCoupling === null ? `>${entry.upperCouplingBoundPerGeV!.toExponential(2)}` : entry.upperCoupling.toExponential(2);
      for (const entry of limits.exclusion) {
        lines.push(`  ${entry.massGeV.toPrecision(4).padEnd(12)}${lower(entry).padEnd(12)}${upper(entry)}`);
      }
      if (limits.exclusion.some((entry) => entry.lowerCoupling === null || entry.upperCoupling === null)) {
        lines.push('  <x / >x: excluded to the end of the scanned couplings or simulated widths; the edge lies beyond x (widen --couplings)');
      }
    }
  }
  lines.push('', `written to ${outDir}/ (limits.json, contour.csv, contour-polygons.csv, exclusion.svg, exclusion.png, provenance.json)`, '');
  return lines.join('\n');
}
