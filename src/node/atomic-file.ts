/**
 * Crash-safe file writes (Node): the text goes to a temporary file in the same directory, is
 * flushed to disk (fsync), renamed over the target, and the directory entry is flushed too. A
 * reader (or a restarted run after kill -9 or a power cut) therefore sees either the old file or
 * the complete new one, never a partial write. Leftover temporaries are named
 * `.<name>.<pid>.tmp` and are removed by `removeStaleTemporaries`. A write that fails removes its
 * temporary and throws a user-facing `WriteFailed` naming the file and the reason.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

const TEMPORARY = /^\..+\.\d+\.tmp$/;

/** A write that did not happen; the message names the file (`cannot write out/limits.json: no space left on the device`). */
export class WriteFailed extends Error {
  override name = 'WriteFailed';
  readonly userFacing = true;
}

const REASONS: Record<string, string> = {
  EACCES: 'no permission',
  EPERM: 'no permission',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  ENOENT: 'no such file or directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'is a directory',
  EEXIST: 'exists already',
  ENAMETOOLONG: 'name too long',
  EIO: 'input/output error',
};

/** `no permission (EACCES)` for an fs error; the message for anything else. */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code && REASONS[code]) return `${REASONS[code]}, ${code}`;
  return code ?? (error as Error).message;
}

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

/**
 * Deterministic kill points for the resume tests (test/grid/resume.test.ts): with
 * ALPENGLOW_TEST_KILL_AT=<file name>:<stage>, the process kills itself with SIGKILL when it writes
 * that file, at stage `before-write` (nothing written), `after-write` (the temporary complete and
 * flushed, not renamed) or `after-rename` (the file in place, the directory not yet flushed).
 */
function testKillPoint(path: string, stage: 'before-write' | 'after-write' | 'after-rename'): void {
  const at = process.env.ALPENGLOW_TEST_KILL_AT;
  if (at && at === `${basename(path)}:${stage}`) process.kill(process.pid, 'SIGKILL');
}

export function writeFileAtomic(path: string, content: string | Uint8Array): void {
  const dir = dirname(path);
  const temporary = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  testKillPoint(path, 'before-write');
  try {
    const fd = openSync(temporary, 'w');
    try {
      const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    testKillPoint(path, 'after-write');
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing more can be done where the directory itself refuses; the error below names the file.
    }
    throw new WriteFailed(`cannot write ${path} (${describeFsError(error)})`);
  }
  testKillPoint(path, 'after-rename');
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
