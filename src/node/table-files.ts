/**
 * Node side of table files: read one from disk (errors name the path) and write one atomically.
 * The format and its checks are src/tables/table-file.ts (browser-safe).
 */
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from './atomic-file.ts';
import { InvalidTableFile, parseTableFile, serializeTableFile, type ParseTableOptions, type TableFile } from '../tables/table-file.ts';

export function readTableFile(path: string, options: ParseTableOptions = {}): TableFile {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new InvalidTableFile(path, `cannot be read: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  return parseTableFile(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path, options);
}

export function writeTableFile(path: string, file: TableFile): void {
  writeFileAtomic(path, serializeTableFile(file));
}
