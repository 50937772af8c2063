/**
 * Issue 16: scenario, table and ALPINIST inputs must be regular files of a bounded size; a
 * character device (/dev/zero, a read that never ends), a named pipe without a writer, a directory
 * or an oversized file is refused with one line naming the file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-inputs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const limits = (scenario: string) => ['limits', '--scenario', scenario, '--model', 'gluon', '--engine', 'reference', '--out', join(dir, 'out')];

describe('input files that are not regular or too large', () => {
  it('a scenario that is /dev/zero', async () => {
    expect(await runCli(limits('/dev/zero'))).toEqual({
      code: 2,
      stdout: '',
      stderr: 'alpenglow limits: /dev/zero: cannot be read: is a character device, not a regular file\n',
    });
  });

  it('a scenario that is a named pipe with no writer', async () => {
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    expect(await runCli(limits(fifo))).toEqual({
      code: 2,
      stdout: '',
      stderr: `alpenglow limits: ${fifo}: cannot be read: is a named pipe, not a regular file\n`,
    });
  });

  it('a scenario above 1 MiB', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, ' '.repeat(2 << 20));
    expect(await runCli(limits(big))).toEqual({
      code: 2,
      stdout: '',
      stderr: `alpenglow limits: ${big}: cannot be read: is 2.0 MiB, above the 1.0 MiB limit for scenario files\n`,
    });
  });

  it('a scenario that is a directory', async () => {
    expect((await runCli(limits(`${dir}/`))).stderr).toBe(`alpenglow limits: ${dir}: cannot be read: is a directory, not a file\n`);
  });

  it('an ALPINIST import and a table file that are /dev/zero', async () => {
    expect(await runCli(['import', '/dev/zero', '--scenario', 'koto-step2', '--production', 'mixing', '--out', join(dir, 'x.table.json')])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'alpenglow import: /dev/zero: cannot be read (is a character device, not a regular file)\n',
    });
    expect(await runCli(['export', '--format', 'alpinist', '/dev/zero'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'alpenglow export: /dev/zero: cannot be read: is a character device, not a regular file\n',
    });
  });
});
