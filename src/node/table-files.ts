/**
 * Node side of table files: read one from disk (errors name the path), write one atomically, and read
 * a directory of them as a scenario's table set.
 * The format and its checks are src/tables/table-file.ts (browser-safe).
 */
import { readdirSync } from 'node:fs';
import { MAX_TABLE_BYTES, readRegularFile } from './input-files.ts';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-file.ts';
import {
  InvalidTableFile,
  parseTableFile,
  serializeTableFile,
  TABLE_FILE_SUFFIX,
  tableFromFile,
  type ParseTableOptions,
  type TableFile,
} from '../tables/table-file.ts';
import type { MassWidthTable } from '../tables/mass-width-table.ts';
import { LimitsInputError } from '../limits/errors.ts';
import { inScenarioModeOrder, prepareTableSet, type ScenarioTableSet } from '../limits/rescale.ts';
import type { LoadedScenario } from './scenario-files.ts';

export function readTableFile(path: string, options: ParseTableOptions = {}): TableFile {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(path, MAX_TABLE_BYTES, 'table files');
  } catch (error) {
    throw new InvalidTableFile(path, `cannot be read: ${(error as Error).message}`);
  }
  return parseTableFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path, options);
}

export function writeTableFile(path: string, file: TableFile): void {
  writeFileAtomic(path, serializeTableFile(file));
}

/**
 * The complete table files (`*.table.json`, no shards) of one scenario in DIR (`--tables DIR`), in the
 * scenario's mode order, checked as a set; errors name the file (or the directory) and exit 2.
 */
export function readScenarioTables(dir: string, loaded: LoadedScenario): ScenarioTableSet {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((name) => name.endsWith(TABLE_FILE_SUFFIX) && !name.includes('.shard-'))
      .sort();
  } catch (error) {
    throw new LimitsInputError(`--tables ${dir}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let read: { path: string; table: MassWidthTable }[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const file = readTableFile(path);
    if (file.header.scenario.name !== loaded.scenario.name) continue;
    if (file.header.scenario.hash !== loaded.hash) {
      throw new InvalidTableFile(
        path,
        `was made for another version of scenario '${loaded.scenario.name}' (hash ${file.header.scenario.hash.slice(0, 19)}…, the scenario ${loaded.file} has ${loaded.hash.slice(0, 19)}…): rebuild it with alpenglow grid`,
      );
    }
    read.push({ path, table: tableFromFile(file) });
  }
  read = inScenarioModeOrder(loaded.scenario, read, (entry) => entry.table.productionMode);
  const tables = read.map((entry) => entry.table);
  const files = read.map((entry) => entry.path);
  if (tables.length === 0)
    throw new LimitsInputError(`--tables ${dir}: no complete table files (*${TABLE_FILE_SUFFIX}) for scenario '${loaded.scenario.name}'`);
  const set: ScenarioTableSet = { scenario: loaded.scenario, scenarioHash: loaded.hash, tables };
  try {
    prepareTableSet(set);
  } catch (error) {
    if (error instanceof LimitsInputError) {
      const message = error.message.replace(/^table (\d+)/, (_, index: string) => files[Number(index)] ?? `table ${index}`);
      throw new LimitsInputError(`--tables ${dir}: ${message}`);
    }
    throw error;
  }
  return set;
}
