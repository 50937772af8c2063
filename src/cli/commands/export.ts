/**
 * `alpenglow export --format alpinist <table file> [--region NAME] [--out FILE]`: a table file as
 * ALPINIST's three-column `m Γ N` text (src/tables/alpinist.ts says exactly what N is).
 */
import { parseArgs } from 'node:util';
import { readTableFile } from '../../node/table-files.ts';
import { ALL_REGIONS, formatAlpinist } from '../../tables/alpinist.ts';
import { writeFileAtomic } from '../../node/atomic-file.ts';
import { checkOutputFile } from '../../node/output-location.ts';
import { UsageError, type CliCommand } from '../command.ts';

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'write a table file in another format (--format alpinist: ALPINIST\'s m Γ N text)',
  usage: `alpenglow export --format alpinist <table file> [--region NAME|all] [--out FILE]

Writes ALPINIST's plain three-column table, one line per (m, Γ) grid point, masses slowest:
  m [GeV]   Γ [GeV]   N
N = POT × A_add × yield(m) × efficiency(m, Γ): expected events at the production mode's reference
coupling (g_aγγ = 1 GeV⁻¹ Primakoff; c_GG/f_a = 1 TeV⁻¹ mixing), before the decay branching ratio,
with POT and A_add of the scenario the table was made for. --region: one signal region, or all
(default; their sum, the regions being disjoint). Comment lines (#) carry the provenance.
Writes to stdout unless --out is given.`,
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { format: { type: 'string' }, region: { type: 'string', default: ALL_REGIONS }, out: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
    if (values.format !== 'alpinist') throw new UsageError(`--format must be alpinist (got ${values.format === undefined ? 'nothing' : `'${values.format}'`})`);
    if (positionals.length !== 1) throw new UsageError(`give exactly one table file (got ${positionals.length}): alpenglow export --format alpinist <table file>`);
    if (values.out !== undefined) checkOutputFile('out', values.out);
    const file = readTableFile(positionals[0]);
    const text = formatAlpinist(file, values.region);
    if (values.out) {
      writeFileAtomic(values.out, text);
      process.stderr.write(`export: wrote ${values.out}\n`);
    } else process.stdout.write(text);
    return 0;
  },
};
