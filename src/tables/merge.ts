/**
 * `alpenglow merge`: shard files of one split run → complete tables. Pure over parsed files.
 * Refused (MergeRefused, every problem listed): shards of different scenarios, scenario hashes,
 * seeds, sample counts, grids, regions, engines or alpenglow versions (foreign); shards of
 * different splits (i/3 with j/2: they overlap); a shard given twice (duplicated); missing shards
 * (incomplete). Each mass of a merged table comes unchanged from the shard that computed it, so
 * the merged table equals a single run bit for bit.
 */
import { makeTableFile, shardMassIndices, TABLE_FILE_SUFFIX, tableFileName, type TableFile, type TableFileHeader } from './table-file.ts';

export class MergeRefused extends Error {
  override name = 'MergeRefused';
  readonly userFacing = true;
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0] : `refusing to merge:\n  ${problems.join('\n  ')}`);
  }
}

export interface ShardInput {
  path: string;
  file: TableFile;
}

export interface MergedTable {
  /** File name of the complete table. */
  fileName: string;
  file: TableFile;
  shardPaths: string[];
}

const SHARD_NAME = new RegExp(`^(.*)\\.shard-(\\d+)-of-(\\d+)${TABLE_FILE_SUFFIX.replace(/\./g, '\\.')}$`);

function outputName(input: ShardInput): string {
  const match = SHARD_NAME.exec(fileNameOf(input.path));
  if (match) return `${match[1]}${TABLE_FILE_SUFFIX}`;
  const header = input.file.header;
  return tableFileName(header.scenario.name, header.productionMode, header.channel, null);
}

function shardLabel(input: ShardInput): string {
  const shard = input.file.header.shard!;
  return `${input.path} (shard ${shard.index}/${shard.count})`;
}

/** Fields that must agree between shards of one table, with how to show them. */
const CONSISTENCY: Array<[string, (header: TableFileHeader) => unknown]> = [
  ['scenario hash (the scenario file differs)', (h) => h.scenario.hash],
  ['seed', (h) => h.seed],
  ['samples per mass', (h) => h.samplesPerMass],
  ['mass grid', (h) => h.grid.massesGeV],
  ['width grid', (h) => h.grid.widthsGeV],
  ['signal regions', (h) => h.regionNames],
  ['engine', (h) => h.provenance.engine],
  ['alpenglow version', (h) => h.provenance.alpenglowVersion],
  ['normalisation (POT, A_add)', (h) => h.normalisation],
];

function show(value: unknown): string {
  if (Array.isArray(value) && value.length > 4 && typeof value[0] === 'number') return `${value.length} values ${value[0]} … ${value[value.length - 1]}`;
  return JSON.stringify(value);
}

export function mergeShards(inputs: ShardInput[], now: Date = new Date()): MergedTable[] {
  const problems: string[] = [];
  if (inputs.length === 0) throw new MergeRefused(['no shard files (*.shard-<i>-of-<n>.table.json) found']);
  const complete = inputs.filter((input) => input.file.header.shard === null);
  if (complete.length > 0)
    problems.push(`${complete.map((input) => input.path).join(', ')} ${complete.length === 1 ? 'is a complete table' : 'are complete tables'}, not shards`);
  const shards = inputs.filter((input) => input.file.header.shard !== null);

  const scenarios = new Map<string, string[]>();
  for (const input of shards) {
    const name = input.file.header.scenario.name;
    scenarios.set(name, [...(scenarios.get(name) ?? []), input.path]);
  }
  if (scenarios.size > 1) {
    problems.push(
      `shards of different scenarios (foreign): ${[...scenarios].map(([name, paths]) => `${name}: ${paths.join(', ')}`).join('; ')}. Merge one scenario at a time.`,
    );
    throw new MergeRefused(problems);
  }

  const groups = new Map<string, ShardInput[]>();
  for (const input of shards) {
    const header = input.file.header;
    const key = `${header.productionMode}\u0000${header.channel}`;
    groups.set(key, [...(groups.get(key) ?? []), input]);
  }

  const merged: MergedTable[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => a.file.header.shard!.index - b.file.header.shard!.index || a.path.localeCompare(b.path));
    const reference = group[0];
    const header = reference.file.header;
    const what = `${header.scenario.name} ${header.productionMode} (${header.channel})`;
    const before = problems.length;
    for (const input of group.slice(1)) {
      for (const [name, get] of CONSISTENCY) {
        const a = get(reference.file.header);
        const b = get(input.file.header);
        if (JSON.stringify(a) !== JSON.stringify(b))
          problems.push(`foreign shard: ${shardLabel(input)} has ${name} ${show(b)}, but ${shardLabel(reference)} has ${show(a)}`);
      }
    }
    const counts = [...new Set(group.map((input) => input.file.header.shard!.count))];
    if (counts.length > 1) {
      problems.push(`overlapping shards of different splits for ${what}: ${group.map(shardLabel).join(', ')}. Use the shards of one --shard i/n split.`);
    }
    if (problems.length > before) continue;
    const count = counts[0];
    const byIndex = new Map<number, ShardInput[]>();
    for (const input of group) byIndex.set(input.file.header.shard!.index, [...(byIndex.get(input.file.header.shard!.index) ?? []), input]);
    for (const [index, copies] of byIndex) {
      if (copies.length > 1)
        problems.push(`duplicated shard ${index}/${count} of ${what}: ${copies.map((input) => input.path).join(' and ')}. Give each shard once.`);
    }
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((index) => !byIndex.has(index));
    if (missing.length > 0) {
      problems.push(
        `incomplete: ${what} is missing shard${missing.length > 1 ? 's' : ''} ${missing.map((index) => `${index}/${count}`).join(', ')} (have ${[
          ...byIndex.keys(),
        ]
          .sort((a, b) => a - b)
          .map((index) => `${index}/${count}`)
          .join(', ')})`,
      );
    }
    if (problems.length > before) continue;
    merged.push({ fileName: outputName(reference), file: combine(group, now), shardPaths: group.map((input) => input.path) });
  }
  if (problems.length > 0) throw new MergeRefused(problems);
  return merged;
}

/** Interleaves the rows of a complete, consistent shard set back into grid order. */
function combine(group: ShardInput[], now: Date): TableFile {
  const first = group[0].file.header;
  const count = first.shard!.count;
  const massCount = first.grid.massesGeV.length;
  const cells = first.grid.widthsGeV.length * first.regionNames.length;
  const yieldPerPot: number[] = [];
  const efficiency: number[] = [];
  const efficiencyError: number[] = [];
  for (let massIndex = 0; massIndex < massCount; massIndex++) {
    const shard = group[massIndex % count].file;
    const row = Math.floor(massIndex / count);
    if (shard.header.massGridIndices[row] !== massIndex) throw new Error(`internal: shard ${shard.header.shard!.index} row ${row} is not mass ${massIndex}`);
    yieldPerPot.push(shard.values.yieldPerPotAtReference[row]);
    for (let cell = 0; cell < cells; cell++) {
      efficiency.push(shard.values.efficiency[row * cells + cell]);
      efficiencyError.push(shard.values.efficiencyError[row * cells + cell]);
    }
  }
  const adapters: string[] = [];
  for (const input of group) for (const adapter of input.file.header.provenance.adapter.split(' | ')) if (!adapters.includes(adapter)) adapters.push(adapter);
  return makeTableFile(
    {
      ...first,
      shard: null,
      massGridIndices: shardMassIndices(massCount, null),
      provenance: {
        ...first.provenance,
        adapter: adapters.join(' | '),
        wallSeconds: group.reduce((total, input) => total + input.file.header.provenance.wallSeconds, 0),
        createdUtc: now.toISOString(),
        source: `alpenglow merge of ${count} shards; shard 1: ${first.provenance.source}`,
      },
    },
    { yieldPerPotAtReference: yieldPerPot, efficiency, efficiencyError },
  );
}

/** The last component of a path (either separator): browser-safe stand-in for node:path basename. */
function fileNameOf(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}
