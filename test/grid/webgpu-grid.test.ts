/**
 * The grid on the WebGPU engine (hardware adapter, else llvmpipe): two shards from separate
 * sessions, merged, equal one unsharded run bit for bit. This also covers the shared pipeline of
 * the engine's kernel cache in src/engine/gpu-engine.ts (one compiled kernel reused for every mass of a session).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { readTableFile } from '../../src/node/table-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-gpu-grid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLE = 'koto-step2_mixing_gammaGamma.table.json';
const gridArgs = (out: string, extra: string[] = []) => [
  'grid',
  '--scenario',
  'koto-step2',
  '--production',
  'mixing',
  '--masses',
  '0.1:0.5:4',
  '--widths',
  '1e-19:1e-13:11',
  '--samples',
  '20000',
  '--seed',
  '5',
  '--engine',
  'webgpu',
  '--out',
  out,
  '--progress-interval',
  '1000',
  ...extra,
];

describe('grid on WebGPU', () => {
  it('merges 2 shards into the single-run table bit for bit', async () => {
    const single = await runCli(gridArgs(join(dir, 'single')));
    expect(single.code, single.stderr).toBe(0);
    for (const i of [2, 1]) {
      const shard = await runCli(gridArgs(join(dir, 'shards'), ['--shard', `${i}/2`]));
      expect(shard.code, shard.stderr).toBe(0);
    }
    const merged = await runCli(['merge', join(dir, 'shards'), '--out', join(dir, 'merged')]);
    expect(merged.code, merged.stderr).toBe(0);
    const a = readTableFile(join(dir, 'single', TABLE));
    const b = readTableFile(join(dir, 'merged', TABLE));
    expect(a.header.provenance.engine).toBe('webgpu');
    expect(Math.max(...a.values.efficiency)).toBeGreaterThan(0);
    expect(b.header.valuesSha256).toBe(a.header.valuesSha256);
    expect(new Uint8Array(new Float64Array(b.values.efficiency).buffer)).toEqual(new Uint8Array(new Float64Array(a.values.efficiency).buffer));
  });
});
