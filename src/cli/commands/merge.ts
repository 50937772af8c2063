/**
 * `alpenglow merge DIR... [--out DIR]`: combine the shard files written by `alpenglow grid --shard i/n`
 * into complete tables (src/tables/merge.ts refuses incomplete, duplicated, overlapping or foreign sets).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readTableFile, writeTableFile } from '../../node/table-files.ts';
import { mergeShards, type ShardInput } from '../../tables/merge.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { existsSync } from 'node:fs';
import { prepareOutputDirectory } from '../../node/output-location.ts';
import { defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({
  out: { type: 'string', value: 'DIR', description: 'where the merged tables go (default: the first directory given)' },
  json: { ...JSON_FLAG, description: 'print {"tables": [paths]} instead of one path per line' },
});

const SHARD_FILE = /\.shard-\d+-of-\d+\.table\.json$/;

/** Shard files named on the command line: directories are scanned (not recursively), files taken as given. */
export function collectShardFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      throw new UsageError(`${path}: no such file or directory`);
    }
    if (isDirectory) {
      const found = readdirSync(path)
        .filter((name) => SHARD_FILE.test(name))
        .sort()
        .map((name) => join(path, name));
      if (found.length === 0) throw new UsageError(`${path}: no shard files (*.shard-<i>-of-<n>.table.json) in this directory`);
      files.push(...found);
    } else files.push(path);
  }
  return [...new Set(files)];
}

export const mergeCommand: CliCommand = {
  name: 'merge',
  summary: 'combine the shard outputs of `alpenglow grid --shard i/n` into complete tables',
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: 'alpenglow merge DIR|FILE... [--out DIR] [--json]',
      description: `Reads every *.shard-<i>-of-<n>.table.json in the given directories (and any files given), checks
that each table's shards 1…n are all there exactly once and come from one run (same scenario hash,
seed, samples, grid, engine, alpenglow version), and writes one complete table per production mode
to --out (default: the first directory given). The merged table equals a single unsharded run bit
for bit.`,
      footer: 'Prints the written paths on stdout, one per line (--json: {"tables": [...]}).',
    },
    FLAGS,
  ),
  async run(argv) {
    const { values, positionals } = parseFlags(FLAGS, argv, { positionals: true });
    if (positionals.length === 0) throw new UsageError('give the directories (or files) holding the shard outputs: alpenglow merge DIR... [--out DIR]');
    const files = collectShardFiles(positionals);
    const inputs: ShardInput[] = files.map((path) => ({ path, file: readTableFile(path, { allowShard: true }) }));
    const merged = mergeShards(inputs);
    const first = positionals[0];
    const outDir = values.out ?? (statSync(first).isDirectory() ? first : dirname(first));
    prepareOutputDirectory('out', outDir);
    const written: string[] = [];
    for (const table of merged) {
      const path = join(outDir, table.fileName);
      if (existsSync(path)) {
        // As grid does: an existing table is never overwritten; the same values are left as they are.
        const existing = readTableFile(path);
        if (existing.header.valuesSha256 !== table.file.header.valuesSha256) {
          throw new UsageError(
            `--out ${outDir}: ${path} exists already with other values (valuesSha256 ${existing.header.valuesSha256.slice(0, 16)}…, the merged table has ${table.file.header.valuesSha256.slice(0, 16)}…); remove it or choose another --out`,
          );
        }
        process.stderr.write(`merge: ${path} exists already with the same values; left as it is\n`);
        written.push(path);
        continue;
      }
      writeTableFile(path, table.file);
      process.stderr.write(`merge: ${table.shardPaths.length} shards → ${path} (values sha256 ${table.file.header.valuesSha256.slice(0, 16)}…)\n`);
      written.push(path);
    }
    if (values.json) process.stdout.write(`${JSON.stringify({ tables: written }, null, 2)}\n`);
    else for (const path of written) process.stdout.write(`${path}\n`);
    return 0;
  },
};
