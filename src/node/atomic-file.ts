/**
 * Crash-safe file writes (Node): the text goes to a temporary file in the same directory, is
 * flushed to disk (fsync), renamed over the target, and the directory entry is flushed too. A
 * reader (or a restarted run after kill -9 or a power cut) therefore sees either the old file or
 * the complete new one, never a partial write. Leftover temporaries are named
 * `.<name>.<pid>.tmp` and are removed by `removeStaleTemporaries`.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /^\..+\.\d+\.tmp$/;

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems (and Windows) cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function writeFileAtomic(path: string, text: string): void {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const fd = openSync(temporary, 'w');
  try {
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, path);
  fsyncDirectory(dir);
}

/** Removes `.<name>.<pid>.tmp` files left by writes that were killed (only those, only in `dir`). */
export function removeStaleTemporaries(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of names) if (TEMPORARY.test(name)) rmSync(join(dir, name), { force: true });
}
