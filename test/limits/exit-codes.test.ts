/**
 * Issue 16: distinct exit codes for bad input (2), the environment (3), device loss or abort (4)
 * and internal errors (1, a bug); with --json the error is also JSON on stdout.
 */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { errorKind, EXIT_CODES } from '../../src/cli/main.ts';
import { WriteFailed } from '../../src/node/atomic-file.ts';
import { DeviceLostError, NoWebGpuAdapter } from '../../src/engine/device.ts';
import { UsageError } from '../../src/cli/command.ts';

describe('exit codes', () => {
  it('are distinct per kind', () => {
    expect(EXIT_CODES).toEqual({ ok: 0, internal: 1, input: 2, environment: 3, device: 4 });
    expect(errorKind(new UsageError('x'))).toBe('input');
    expect(errorKind(new WriteFailed('cannot write out/limits.json (no space left on the device, ENOSPC)'))).toBe('environment');
    expect(errorKind(new DeviceLostError('lost'))).toBe('device');
    expect(errorKind(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('device');
    expect(errorKind(new TypeError('x is undefined'))).toBe('internal');
    expect(errorKind(new NoWebGpuAdapter('none'))).toBe('environment');
  });

  it('--json errors are JSON on stdout (and one line on stderr)', async () => {
    const run = await runCli(['limits', '--scenario', 'koto-step2', '--model', 'gluon', '--pot', '1e308', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('alpenglow limits: --pot must be ≤ 1e30 protons on target (got 1e308)\n');
    expect(JSON.parse(run.stdout)).toEqual({
      error: { command: 'limits', kind: 'input', exitCode: 2, message: '--pot must be ≤ 1e30 protons on target (got 1e308)' },
    });
  });
});
