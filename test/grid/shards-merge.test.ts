/**
 * Sharding: `grid --shard i/3` three times, then `merge`, equals one unsharded run bit for bit;
 * merge refuses missing, duplicated, foreign (other seed / other scenario) and overlapping shards.
 * Float64 reference engine, mixing mode, a 7 × 11 grid (7 masses: shards of 3, 2 and 2 masses).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { readTableFile } from '../../src/node/table-files.ts';
import { mergeShards } from '../../src/tables/merge.ts';
import { makeTableFile, type TableFile } from '../../src/tables/table-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-shards-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLE = 'koto-step2_mixing_gammaGamma.table.json';
const shardName = (i: number, n: number) => `koto-step2_mixing_gammaGamma.shard-${i}-of-${n}.table.json`;
const gridArgs = (out: string, extra: string[] = [], seed = 3) => [
  'grid',
  '--scenario',
  'koto-step2',
  '--production',
  'mixing',
  '--masses',
  '0.05:0.6:7',
  '--widths',
  '1e-19:1e-13:11',
  '--samples',
  '8000',
  '--seed',
  String(seed),
  '--engine',
  'reference',
  '--out',
  out,
  '--progress-interval',
  '1000',
  ...extra,
];

function expectBitIdentical(a: TableFile, b: TableFile): void {
  expect(a.header.valuesSha256).toBe(b.header.valuesSha256);
  for (const key of ['yieldPerPotAtReference', 'efficiency', 'efficiencyError'] as const) {
    expect(new Uint8Array(new Float64Array(a.values[key]).buffer)).toEqual(new Uint8Array(new Float64Array(b.values[key]).buffer));
  }
  expect(a.header.grid).toEqual(b.header.grid);
  expect(a.header.massGridIndices).toEqual(b.header.massGridIndices);
}

let single: TableFile;
const shardDirs = [1, 2, 3].map((i) => join(dir, `node-${i}`));
beforeAll(async () => {
  const whole = await runCli(gridArgs(join(dir, 'single')));
  expect(whole.code, whole.stderr).toBe(0);
  single = readTableFile(join(dir, 'single', TABLE));
  expect(Math.max(...single.values.efficiency)).toBeGreaterThan(0);
  // Shards run in reverse order, each in its own directory ("machine").
  for (const i of [3, 2, 1]) {
    const result = await runCli(gridArgs(shardDirs[i - 1], ['--shard', `${i}/3`]));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(join(shardDirs[i - 1], shardName(i, 3)));
  }
});

describe('shards and merge', () => {
  it('computes masses i−1, i−1+n, … in shard i/n and merges 3 shards into the single-run table bit for bit', async () => {
    expect(readTableFile(join(shardDirs[0], shardName(1, 3)), { allowShard: true }).header.massGridIndices).toEqual([0, 3, 6]);
    expect(readTableFile(join(shardDirs[1], shardName(2, 3)), { allowShard: true }).header.massGridIndices).toEqual([1, 4]);
    const out = join(dir, 'merged');
    const merged = await runCli(['merge', ...shardDirs, '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout.trim()).toBe(join(out, TABLE));
    const table = readTableFile(join(out, TABLE));
    expectBitIdentical(table, single);
    expect(table.header.shard).toBeNull();
    expect(table.header.seed).toBe(3);
  });

  it('refuses a missing shard', async () => {
    const result = await runCli(['merge', shardDirs[0], shardDirs[2], '--out', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/incomplete: koto-step2 mixing \(gamma gamma\) is missing shard 2\/3 \(have 1\/3, 3\/3\)/);
  });

  it('refuses a duplicated shard', async () => {
    const copy = join(dir, 'copy');
    mkdirSync(copy);
    copyFileSync(join(shardDirs[1], shardName(2, 3)), join(copy, shardName(2, 3)));
    const result = await runCli(['merge', ...shardDirs, copy, '--out', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/duplicated shard 2\/3 of koto-step2 mixing/);
    expect(result.stderr).toContain(join(copy, shardName(2, 3)));
  });

  it('refuses a foreign shard (other seed) and shards of another split (overlap)', async () => {
    const foreignDir = join(dir, 'foreign');
    const foreign = await runCli(gridArgs(foreignDir, ['--shard', '2/3'], 4));
    expect(foreign.code, foreign.stderr).toBe(0);
    const result = await runCli(['merge', shardDirs[0], foreignDir, shardDirs[2], '--out', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/foreign shard: .*shard-2-of-3\.table\.json \(shard 2\/3\) has seed 4, but .*shard-1-of-3\.table\.json \(shard 1\/3\) has 3/);

    const otherSplit = join(dir, 'split2');
    const half = await runCli(gridArgs(otherSplit, ['--shard', '2/2']));
    expect(half.code, half.stderr).toBe(0);
    const overlap = await runCli(['merge', shardDirs[0], otherSplit, '--out', join(dir, 'x')]);
    expect(overlap.code).toBe(2);
    expect(overlap.stderr).toMatch(/overlapping shards of different splits/);
    expect(readdirSync(dir)).not.toContain('x');
  });

  it('refuses shards of another scenario', () => {
    const inputs = [1, 2, 3].map((i) => {
      const path = join(shardDirs[i - 1], shardName(i, 3));
      return { path, file: readTableFile(path, { allowShard: true }) };
    });
    const renamed = structuredClone(inputs[1].file);
    renamed.header.scenario = { name: 'other-experiment', hash: 'sha256:ff' };
    const { valuesSha256: _, ...rest } = renamed.header;
    const forged = makeTableFile(rest, renamed.values);
    expect(() => mergeShards([inputs[0], { path: 'other/shard-2.json', file: forged }, inputs[2]])).toThrow(
      /shards of different scenarios \(foreign\): koto-step2: .*; other-experiment: other\/shard-2\.json/,
    );
  });

  it('refuses a truncated shard file with its path', async () => {
    const broken = join(dir, 'broken');
    mkdirSync(broken);
    const path = join(broken, shardName(2, 3));
    writeFileSync(path, readFileSync(join(shardDirs[1], shardName(2, 3)), 'utf8').slice(0, 900));
    const result = await runCli(['merge', shardDirs[0], broken, shardDirs[2], '--out', join(dir, 'x')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`alpenglow merge: ${path}: is truncated or corrupt`);
  });

  it('validates --shard', async () => {
    for (const [shard, message] of [
      ['0/3', /i must be in 1…3 \(shards are numbered from 1; for a 0-based array index use i = index \+ 1\)/],
      ['4/3', /i must be in 1…3/],
      ['1/8', /only 7 masses/],
      ['x', /--shard must be i\/n/],
    ] as const) {
      const result = await runCli(gridArgs(join(dir, 'bad'), ['--shard', shard]));
      expect(result.code, shard).toBe(2);
      expect(result.stderr).toMatch(message);
    }
  });
});
