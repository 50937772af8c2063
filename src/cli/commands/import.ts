/**
 * `alpenglow import <alpinist file> --scenario … --production … [--region NAME] [--out FILE]`:
 * ALPINIST's three-column `m Γ N` text as a table file (src/tables/alpinist.ts importAlpinist).
 */
import { MAX_TABLE_BYTES, readRegularFile } from '../../node/input-files.ts';
import { basename } from 'node:path';
import { compileScenario } from '../../scenarios/compile.ts';
import { loadScenario } from '../../node/scenario-files.ts';
import { importAlpinist, parseAlpinist } from '../../tables/alpinist.ts';
import { writeTableFile } from '../../node/table-files.ts';
import { checkOutputFile } from '../../node/output-location.ts';
import { TABLE_FILE_SUFFIX } from '../../tables/table-file.ts';
import { PRODUCTION_MODES, type ProductionMode } from '../../physics/production.ts';
import { referenceCouplingOf } from '../../app/run-grid.ts';
import { ALPENGLOW_VERSION } from '../../version.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({
  scenario: { type: 'string', value: '<name|path>', description: 'the scenario the numbers are for (its POT and A_add normalise the table)' },
  production: { type: 'string', value: '<mode>', description: `production mode: ${PRODUCTION_MODES.join(', ')}` },
  region: { type: 'string', value: 'NAME', description: "signal region of the numbers (default: the scenario's only region, or all)" },
  out: { type: 'string', value: 'FILE', description: `table file to write (default: the input name with ${TABLE_FILE_SUFFIX})` },
  json: { ...JSON_FLAG, description: 'print {"table": path, "masses": n, "widths": n} instead of the path' },
});

export const importCommand: CliCommand = {
  name: 'import',
  summary: "read an ALPINIST m Γ N table into a table file (for alpenglow's limits and plots)",
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: 'alpenglow import <alpinist file> --scenario <name|path> --production <mode> [--region NAME] [--out FILE] [--json]',
      description: `Reads ALPINIST's three-column text (m [GeV], Γ [GeV], N; masses slowest, # comments ignored) and
writes a table file for that scenario and production mode (${PRODUCTION_MODES.join(', ')}).
N is taken as expected events at alpenglow's reference coupling with the scenario's POT and A_add
(see alpenglow export --help); the table stores yield = 1 and efficiency = N / (POT × A_add), with
unknown MC uncertainties (0). --region names the signal region the numbers are for (default: the
scenario's only region, or 'all'). --out defaults to the input name with ${TABLE_FILE_SUFFIX}.`,
    },
    FLAGS,
  ),
  async run(argv) {
    const { values, positionals } = parseFlags(FLAGS, argv, { positionals: true });
    if (positionals.length !== 1) throw new UsageError(`give exactly one ALPINIST file (got ${positionals.length})`);
    if (!values.scenario) throw new UsageError('--scenario is required: the table is normalised with its POT and A_add');
    if (!values.production || !(PRODUCTION_MODES as readonly string[]).includes(values.production)) {
      throw new UsageError(
        `--production must be one of ${PRODUCTION_MODES.join(', ')} (got ${values.production === undefined ? 'nothing' : `'${values.production}'`})`,
      );
    }
    const mode = values.production as ProductionMode;
    const input = positionals[0];
    const out = values.out ?? `${input.replace(/\.(dat|txt)$/i, '')}${TABLE_FILE_SUFFIX}`;
    checkOutputFile('out', out);
    let text: string;
    try {
      text = readRegularFile(input, MAX_TABLE_BYTES, 'ALPINIST tables').toString('utf8');
    } catch (error) {
      throw new UsageError(`${input}: cannot be read (${(error as Error).message})`);
    }
    const loaded = await loadScenario(values.scenario);
    const compiled = compileScenario(loaded.scenario);
    const regionNames = loaded.scenario.regions.map((region) => region.name);
    const regionName = values.region ?? (regionNames.length === 1 ? regionNames[0] : 'all');
    if (regionName !== 'all' && !regionNames.includes(regionName)) {
      throw new UsageError(`--region must be one of ${regionNames.map((name) => `'${name}'`).join(', ')} or 'all' (got '${regionName}')`);
    }
    const table = parseAlpinist(text, input);
    const file = importAlpinist(
      table,
      {
        scenario: { name: loaded.scenario.name, hash: loaded.hash },
        productionMode: mode,
        channel: compiled.channel.name,
        regionName,
        pot: loaded.scenario.exposure.pot,
        additionalAcceptance: loaded.scenario.additionalAcceptance.value,
        referenceCoupling: referenceCouplingOf(mode),
        alpenglowVersion: ALPENGLOW_VERSION,
        source: `alpenglow import ${basename(input)}`,
        createdUtc: new Date().toISOString(),
      },
      input,
    );
    writeTableFile(out, file);
    process.stderr.write(`import: ${table.massesGeV.length} masses × ${table.widthsGeV.length} widths → ${out}\n`);
    if (values.json) process.stdout.write(`${JSON.stringify({ table: out, masses: table.massesGeV.length, widths: table.widthsGeV.length }, null, 2)}\n`);
    else process.stdout.write(`${out}\n`);
    return 0;
  },
};
