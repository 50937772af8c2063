/**
 * `alpenglow export`: results in the formats other tools read (docs/formats.md).
 * - `--format alpinist <table file>`: ALPINIST's three-column `m Γ N` text (src/tables/alpinist.ts).
 * - `--format hepdata <limits.json> --out DIR`: submission.yaml plus one YAML table per curve.
 * - `--format axionlimits|foresee <limits.json> [--out FILE]`: the nominal limit as a closed polygon,
 *   two columns (AxionLimits: m_a in eV; FORESEE: GeV), g_aγγ where the model fixes c_γγ^eff.
 * The writers are src/formats (browser-safe); this file reads, checks and writes.
 */
import { join } from 'node:path';
import { readTableFile } from '../../node/table-files.ts';
import { ALL_REGIONS, formatAlpinist } from '../../tables/alpinist.ts';
import { writeFileAtomic } from '../../node/atomic-file.ts';
import { checkOutputFile, prepareOutputDirectory } from '../../node/output-location.ts';
import { MAX_SCENARIO_BYTES, readRegularFile } from '../../node/input-files.ts';
import type { LimitsJson } from '../../limits/compute.ts';
import { hepdataSubmission } from '../../formats/hepdata.ts';
import { twoColumnText, type TwoColumnFlavour } from '../../formats/axionlimits.ts';
import { describeCouplingAxis, parseCouplingAxis, type CouplingAxis } from '../../formats/coupling-axis.ts';
import { provenanceFromLimits, type TableChecksum } from '../../formats/provenance.ts';
import { commandLine, creationTime } from '../outputs.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FORMATS = ['alpinist', 'hepdata', 'axionlimits', 'foresee'] as const;
type ExportFormat = (typeof FORMATS)[number];

/** limits.json files: at most this size (a many-scenario file with expected-band contours is a few MiB). */
const MAX_LIMITS_BYTES = 64 * MAX_SCENARIO_BYTES;

class LimitsFileError extends Error {
  override name = 'LimitsFileError';
  readonly userFacing = true;
}

/** Reads limits.json (one object or an array) and checks the fields the writers use; messages name the file and field. */
export function readLimitsFile(path: string): LimitsJson[] {
  let text: string;
  try {
    text = readRegularFile(path, MAX_LIMITS_BYTES, 'limits.json files').toString('utf8');
  } catch (error) {
    throw new LimitsFileError(`${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new LimitsFileError(`${path}: not JSON (${(error as Error).message})`);
  }
  const list = Array.isArray(parsed) ? parsed : [parsed];
  if (list.length === 0) throw new LimitsFileError(`${path}: an empty array, no limits`);
  const isPositivePoint = (p: unknown) => Array.isArray(p) && p.length === 2 && p.every((v) => typeof v === 'number' && v > 0);
  const isPolygons = (value: unknown) =>
    Array.isArray(value) && value.every((rings) => Array.isArray(rings) && rings.every((ring) => Array.isArray(ring) && ring.every(isPositivePoint)));
  list.forEach((item: unknown, index) => {
    const where = Array.isArray(parsed) ? `${path}: [${index}]` : `${path}:`;
    const get = (field: string): unknown =>
      field
        .split('.')
        .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), item);
    const need = (ok: boolean, field: string, what: string) => {
      if (!ok) throw new LimitsFileError(`${where} ${field} must be ${what} (is this a limits.json of alpenglow limits?)`);
    };
    need(typeof item === 'object' && item !== null, 'the entry', 'an object');
    need(typeof get('scenario') === 'string', 'scenario', 'a string');
    need(typeof get('model') === 'string', 'model', 'a string');
    need(
      ['c_GG', 'c_BB', 'c_WW', 'c_ll'].every((k) => Number.isFinite(get(`modelCouplings.${k}`))),
      'modelCouplings',
      'c_GG, c_BB, c_WW, c_ll numbers',
    );
    need(typeof get('coupling.axis') === 'string', 'coupling.axis', 'a string');
    const cl = get('cl');
    need(typeof cl === 'number' && cl > 0 && cl < 1, 'cl', 'a number in (0, 1)');
    need(typeof get('basis') === 'string', 'basis', 'a string');
    need(typeof get('pot') === 'number', 'pot', 'a number');
    need(typeof get('provenance.scenarioHash') === 'string', 'provenance.scenarioHash', 'a string');
    need(Array.isArray(get('provenance.tables')), 'provenance.tables', 'an array');
    for (const key of ['nominal', 'mcMinus1Sigma', 'mcPlus1Sigma']) {
      need(isPolygons(get(`contours.${key}.polygons`)), `contours.${key}.polygons`, 'polygons of [massGeV > 0, coupling > 0] points');
    }
  });
  return list as LimitsJson[];
}

function exportProvenance(list: LimitsJson[], argv: string[]) {
  const first = list[0].provenance as LimitsJson['provenance'] & { command?: string; tableFiles?: TableChecksum[] };
  const command = [first.command, commandLine('export', argv)].filter((part) => typeof part === 'string' && part !== '').join('; then ');
  return provenanceFromLimits(list, { command, createdAt: creationTime(), tableFiles: Array.isArray(first.tableFiles) ? first.tableFiles : [] });
}

const FLAGS = defineFlags({
  format: { type: 'string', value: 'alpinist|hepdata|axionlimits|foresee', description: 'the output format (required)' },
  region: { type: 'string', value: 'NAME|all', description: 'alpinist: one signal region, or all (default: their sum)' },
  out: { type: 'string', value: 'FILE|DIR', description: 'where to write (hepdata: a directory, required; else a file, default stdout)' },
  scenario: { type: 'string', value: 'NAME', description: 'axionlimits/foresee: the scenario of a several-scenario limits.json' },
  'coupling-axis': { type: 'string', value: 'koto|gagg', description: 'hepdata/axionlimits/foresee: c/f_a (koto) or g_aγγ (gagg; models with c_GG = 0)' },
  json: { ...JSON_FLAG, description: 'print {"format", "input", "files": [paths written], "text": … (only when written to stdout)}' },
});

function pickScenario(list: LimitsJson[], name: string | undefined, path: string): LimitsJson {
  if (name === undefined) {
    if (list.length === 1) return list[0];
    throw new UsageError(`${path} holds ${list.length} scenarios (${list.map((l) => l.scenario).join(', ')}): choose one with --scenario NAME`);
  }
  const found = list.find((l) => l.scenario === name);
  if (!found) throw new UsageError(`--scenario ${name}: not in ${path} (it has ${list.map((l) => l.scenario).join(', ')})`);
  return found;
}

function axisFlag(raw: string | undefined): CouplingAxis | undefined {
  if (raw === undefined) return undefined;
  try {
    return parseCouplingAxis(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write results in other formats: alpinist (table files), hepdata, axionlimits, foresee (limits.json)',
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: `alpenglow export --format alpinist <table file> [--region NAME|all] [--out FILE]
alpenglow export --format hepdata <limits.json> --out DIR [--coupling-axis koto|gagg]
alpenglow export --format axionlimits|foresee <limits.json> [--out FILE] [--scenario NAME] [--coupling-axis koto|gagg]
(each with [--json])`,
      description: `alpinist: ALPINIST's plain three-column table, one line per (m, Γ) grid point, masses slowest:
  m [GeV]   Γ [GeV]   N
N = POT × A_add × yield(m) × efficiency(m, Γ): expected events at the production mode's reference
coupling (g_aγγ = 1 GeV⁻¹ Primakoff; c_GG/f_a = 1 TeV⁻¹ mixing), before the decay branching ratio,
with POT and A_add of the scenario the table was made for. --region: one signal region, or all
(default; their sum, the regions being disjoint). Comment lines (#) carry the provenance.

hepdata: DIR/submission.yaml and one YAML table per curve (each scenario's nominal limit and its MC
±1σ edges, one table per disjoint excluded region): m_a [GeV] against the coupling, with qualifiers
CL, basis, scenario, model, POT, scenario hash, version. --coupling-axis: koto (default, c/f_a) or gagg.

axionlimits / foresee: the nominal limit as closed polygons (lower edge up in mass, upper edge back,
first point repeated), '#' header with title, units, convention and provenance; axionlimits in eV,
foresee in GeV; g_aγγ [GeV^-1] where the model fixes c_γγ^eff (c_GG = 0), else c/f_a
(--coupling-axis koto forces c/f_a). --scenario picks one scenario of a several-scenario limits.json.

alpinist, axionlimits and foresee write to stdout unless --out is given. docs/formats.md has details.`,
    },
    FLAGS,
  ),
  async run(argv) {
    const { values, positionals } = parseFlags(FLAGS, argv, { positionals: true });
    const report = (files: string[], text?: string) => {
      if (values.json) process.stdout.write(`${JSON.stringify({ format, input: positionals[0], files, ...(text === undefined ? {} : { text }) }, null, 2)}\n`);
    };
    const format = values.format as ExportFormat | undefined;
    if (format === undefined || !FORMATS.includes(format))
      throw new UsageError(`--format must be one of ${FORMATS.join(', ')} (got ${values.format === undefined ? 'nothing' : `'${values.format}'`})`);
    const input = format === 'alpinist' ? 'table file' : 'limits.json';
    if (positionals.length !== 1) throw new UsageError(`give exactly one ${input} (got ${positionals.length}): alpenglow export --format ${format} <${input}>`);
    const [path] = positionals;
    if (format !== 'alpinist' && values.region !== undefined) throw new UsageError(`--region applies to --format alpinist only`);
    if (format === 'alpinist' && (values.scenario !== undefined || values['coupling-axis'] !== undefined))
      throw new UsageError(`--scenario and --coupling-axis apply to limits.json formats (hepdata, axionlimits, foresee)`);

    if (format === 'alpinist') {
      if (values.out !== undefined) checkOutputFile('out', values.out);
      const text = formatAlpinist(readTableFile(path), values.region ?? ALL_REGIONS);
      return writeText(values.out, text, report, values.json);
    }
    const list = readLimitsFile(path);
    const axis = axisFlag(values['coupling-axis']);
    if (format === 'hepdata') {
      if (values.out === undefined) throw new UsageError('--format hepdata needs --out DIR (it writes several files)');
      if (values.scenario !== undefined)
        throw new UsageError('--format hepdata writes every scenario of the limits.json; --scenario is for axionlimits/foresee');
      const chosen = axis ?? 'koto';
      for (const limits of list) describeCouplingAxis(limits, chosen, `--coupling-axis ${chosen} (scenario ${limits.scenario})`);
      const files = hepdataSubmission(list, { axis: chosen, provenance: exportProvenance(list, argv), where: `--coupling-axis ${chosen}` });
      prepareOutputDirectory('out', values.out);
      for (const [name, text] of Object.entries(files)) writeFileAtomic(join(values.out, name), text);
      process.stderr.write(
        `export: wrote ${Object.keys(files).length} files to ${values.out}/ (submission.yaml and ${Object.keys(files).length - 1} tables)\n`,
      );
      report(Object.keys(files).map((name) => join(values.out!, name)));
      return 0;
    }
    if (values.out !== undefined) checkOutputFile('out', values.out);
    const limits = pickScenario(list, values.scenario, path);
    const text = twoColumnText(limits, {
      flavour: format as TwoColumnFlavour,
      provenance: exportProvenance([limits], argv),
      axis,
      where: `--coupling-axis ${axis ?? 'gagg'}`,
    });
    return writeText(values.out, text, report, values.json);
  },
};

/** Writes to --out, or to stdout; with --json the text goes into the JSON report instead. */
function writeText(out: string | undefined, text: string, report: (files: string[], text?: string) => void, json: boolean): number {
  if (out) {
    writeFileAtomic(out, text);
    process.stderr.write(`export: wrote ${out}\n`);
    report([out]);
  } else if (json) report([], text);
  else process.stdout.write(text);
  return 0;
}
