/**
 * Output locations checked before any work (issue 16): `--out DIR` is created (one level at a time:
 * Node's recursive mkdir never returns under /proc) and proven writable with a probe file;
 * `--out FILE` must be a regular file or not exist yet, in a writable directory. Problems are
 * user-facing one-liners naming the flag and the path:
 *   --out /dev/null: is a character device, not a directory
 */
import { lstatSync, mkdirSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describeFsError } from './atomic-file.ts';

export class OutputLocationError extends Error {
  override name = 'OutputLocationError';
  readonly userFacing = true;
}

function kind(stats: Stats): string {
  if (stats.isFile()) return 'a file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') return null;
    throw error;
  }
}

/** The nearest existing ancestor of `path` (or path itself) and its stats. */
function nearestExisting(path: string): { path: string; stats: Stats } {
  let current = resolve(path);
  for (;;) {
    const stats = statOrNull(current);
    if (stats) return { path: current, stats };
    const parent = dirname(current);
    if (parent === current) throw new Error(`no existing ancestor of ${path}`);
    current = parent;
  }
}

function fail(flag: string, path: string, problem: string): never {
  throw new OutputLocationError(`--${flag} ${path}: ${problem}`);
}

/** Writes and removes a probe file in `dir`: the only test of writability that holds for root, read-only mounts and /proc. */
function probe(flag: string, shown: string, dir: string): void {
  const file = join(dir, `.alpenglow-probe.${process.pid}`);
  try {
    writeFileSync(file, '');
  } catch (error) {
    fail(flag, shown, `cannot write there (${describeFsError(error)})`);
  }
  rmSync(file, { force: true });
}

/**
 * Creates `dir` if needed and proves it writable. Call before any work, so a bad `--out` costs
 * nothing; `flag` is the flag the user typed (without dashes).
 */
export function prepareOutputDirectory(flag: string, dir: string): void {
  if (dir.trim() === '') throw new OutputLocationError(`--${flag} must not be empty (give a directory)`);
  const found = nearestExisting(dir);
  if (!found.stats.isDirectory()) {
    if (found.path === resolve(dir)) fail(flag, dir, `is ${kind(found.stats)}, not a directory`);
    fail(flag, dir, `${found.path} is ${kind(found.stats)}, not a directory`);
  }
  // Create the missing levels one at a time (mkdirSync(…, { recursive: true }) loops forever under /proc).
  const missing: string[] = [];
  for (let current = resolve(dir); current !== found.path; current = dirname(current)) missing.unshift(current);
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && statSync(level).isDirectory()) continue;
      fail(flag, dir, `cannot create ${level} (${describeFsError(error)})`);
    }
  }
  probe(flag, dir, resolve(dir));
}

/** `--out FILE`: a regular file or nothing yet, in a directory that exists and is writable. */
export function checkOutputFile(flag: string, path: string, options: { overwrite?: boolean } = {}): void {
  if (path.trim() === '') throw new OutputLocationError(`--${flag} must not be empty (give a file name)`);
  let stats: Stats | null = null;
  try {
    stats = lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') fail(flag, path, `cannot be checked (${describeFsError(error)})`);
  }
  if (stats && !stats.isFile()) fail(flag, path, `is ${kind(stats)}, not a regular file`);
  if (stats && options.overwrite === false) fail(flag, path, 'exists already; remove it or choose another --out');
  const parent = dirname(resolve(path));
  const found = nearestExisting(parent);
  if (found.path !== parent) {
    if (!found.stats.isDirectory()) fail(flag, path, `${found.path} is ${kind(found.stats)}, not a directory`);
    fail(flag, path, `the directory ${dirname(path)} does not exist`);
  }
  if (!found.stats.isDirectory()) fail(flag, path, `${found.path} is ${kind(found.stats)}, not a directory`);
  probe(flag, path, parent);
}
