/**
 * `--adapter auto|hardware|software` (issue 14): `--engine webgpu --adapter hardware` on a machine with
 * only Mesa's software adapter stops at once with exit 3 (the environment) and a message naming the adapter it found;
 * on a GPU machine it runs on the GPU. Every engine run prints the adapter (or the reference engine).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { listNodeAdapters } from '../../src/node/dawn-device.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-adapter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const adapters = await listNodeAdapters();
const hardware = adapters.filter((a) => !a.isSoftware);
const software = adapters.filter((a) => a.isSoftware);
const tinyGrid = (out: string, ...engine: string[]) => [
  'grid',
  '--scenario',
  'koto-step2',
  '--production',
  'mixing',
  '--masses',
  '0.1:0.3:2',
  '--widths',
  '1e-18:1e-14:3',
  '--samples',
  '2000',
  '--out',
  join(dir, out),
  '--progress-interval',
  '1000',
  ...engine,
];

describe('--adapter', () => {
  it.skipIf(hardware.length > 0)('--engine webgpu --adapter hardware without a GPU: exit 3 before any work, naming the adapter found', async () => {
    const started = performance.now();
    for (const args of [
      tinyGrid('hw', '--engine', 'webgpu', '--adapter', 'hardware'),
      ['bench', '--adapter', 'hardware'],
      ['devices', '--adapter', 'hardware'],
    ]) {
      const result = await runCli(args);
      expect(result.code, args[0]).toBe(3);
      expect(result.stderr).toMatch(
        /a hardware GPU adapter is required \(--adapter hardware\) but this machine has (only the software adapter|no WebGPU adapter)/,
      );
      for (const adapter of software) expect(result.stderr).toContain(adapter.name);
      expect(result.stderr).toMatch(/libvulkan1/);
    }
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it.skipIf(hardware.length === 0)('--engine webgpu --adapter hardware on a GPU machine runs on the GPU', async () => {
    const result = await runCli(tinyGrid('hw-gpu', '--engine', 'webgpu', '--adapter', 'hardware'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/alpenglow: running on .*\[[^\]]*hardware\]/);
  });

  it.skipIf(software.length === 0)('--adapter software runs on the software adapter and says so', async () => {
    const result = await runCli(tinyGrid('sw', '--engine', 'webgpu', '--adapter', 'software'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`alpenglow: running on ${software[0].name}`);
    expect(result.stderr).toMatch(/software\]/);
  });

  it.skipIf(hardware.length > 0)('--engine auto --adapter hardware without a GPU falls back to the reference engine and says why', async () => {
    const result = await runCli(tinyGrid('auto-hw', '--engine', 'auto', '--adapter', 'hardware'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/a hardware GPU adapter is required/);
    expect(result.stderr).toMatch(/falling back to the float64 reference engine/);
  });

  it('--engine reference prints that the reference engine runs; bad --adapter values exit 2', async () => {
    const reference = await runCli(tinyGrid('ref', '--engine', 'reference'));
    expect(reference.code, reference.stderr).toBe(0);
    expect(reference.stderr).toContain('alpenglow: running on the float64 reference engine');
    const bad = await runCli(tinyGrid('bad', '--adapter', 'gpu'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--adapter must be auto, hardware or software \(got 'gpu'\)/);
    const mixed = await runCli(tinyGrid('mixed', '--engine', 'reference', '--adapter', 'hardware'));
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--adapter hardware chooses a WebGPU adapter; it has no meaning with --engine reference/);
    for (const command of [
      ['limits', '--scenario', 'koto-step2', '--model', 'gluon'],
      ['plane', '--scenario', 'koto-step2', '--mass', '0.1', '--x', 'c_GG', '--y', 'c_BB'],
      ['events', '--scenario', 'koto-step2', '--model', 'gluon', '--mass', '0.1', '--coupling', '1e-4'],
      ['limits', '--scenario', 'na62-dump-mumu', '--model', 'bk:0.5'],
    ]) {
      const result = await runCli([...command, '--adapter', 'gpu']);
      expect(result.code, command.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/--adapter must be auto, hardware or software/);
    }
  });
});
