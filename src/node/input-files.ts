/**
 * Reading user-named input files (issue 16): only regular files, and only up to a documented size,
 * so a character device (/dev/zero), a FIFO or a runaway file never turns into a read that does not
 * end. Problems are returned as one phrase for the caller's error class, which names the file.
 */
import { constants, openSync, closeSync, fstatSync, readFileSync } from 'node:fs';

/** Scenario files (the shipped ones are under 10 KiB). */
export const MAX_SCENARIO_BYTES = 1 << 20;
/** Table files and ALPINIST imports (a 201 × 101 table with three regions is about 2 MiB). */
export const MAX_TABLE_BYTES = 256 << 20;

function sizeText(bytes: number): string {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GiB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  return `${bytes} bytes`;
}

export class InputFileProblem extends Error {
  override name = 'InputFileProblem';
}

/**
 * The bytes of `path` if it is a regular file of at most `maxBytes`; otherwise throws
 * InputFileProblem with a phrase such as `is a character device, not a regular file` or
 * `is 2.0 GiB, above the 1.0 MiB limit for scenario files`.
 */
export function readRegularFile(path: string, maxBytes: number, what: string): Buffer {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileProblem(
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory, not a file'
          : code === 'EACCES'
            ? 'no permission to read it'
            : (error as Error).message,
    );
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InputFileProblem('is a directory, not a file');
    if (!stats.isFile())
      throw new InputFileProblem(
        `is ${stats.isCharacterDevice() ? 'a character device' : stats.isBlockDevice() ? 'a block device' : stats.isFIFO() ? 'a named pipe' : 'a socket'}, not a regular file`,
      );
    if (stats.size > maxBytes) throw new InputFileProblem(`is ${sizeText(stats.size)}, above the ${sizeText(maxBytes)} limit for ${what}`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
