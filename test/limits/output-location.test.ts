/**
 * Issue 16: `--out` problems are found before any work, with one line naming the flag and the
 * path; a failed write names the file and leaves no temporary behind; `merge --out` never
 * overwrites a table with other values (as grid refuses).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { WriteFailed, writeFileAtomic } from '../../src/node/atomic-file.ts';
import { makeTableFile } from '../../src/tables/table-file.ts';
import { writeTableFile } from '../../src/node/table-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-out-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const aFile = join(dir, 'a-file');
writeFileSync(aFile, 'x');

/** limits with the whole default job: only a check before any work returns within the time asserted. */
const limits = (out: string) => ['limits', '--scenario', 'koto-step2', '--model', 'gluon', '--engine', 'reference', '--out', out];

describe('--out is checked before any work', () => {
  const cases: Array<[string, string, string]> = [
    ['/dev/null', '/dev/null', '--out /dev/null: is a character device, not a directory'],
    ['an existing file', aFile, `--out ${aFile}: is a file, not a directory`],
    ['a path below a file', join(aFile, 'sub', 'dir'), `--out ${join(aFile, 'sub', 'dir')}: ${resolve(aFile)} is a file, not a directory`],
    ['the empty string', '', '--out must not be empty (give a directory)'],
    [
      'a directory under /proc (recursive mkdir never returns there)',
      '/proc/alpenglow-out/x',
      '--out /proc/alpenglow-out/x: cannot create /proc/alpenglow-out (no such file or directory, ENOENT)',
    ],
  ];
  for (const [name, out, message] of cases) {
    it(`limits: ${name}`, async () => {
      const started = Date.now();
      const run = await runCli(limits(out));
      expect(run).toEqual({ code: 2, stdout: '', stderr: `alpenglow limits: ${message}\n` });
      expect(Date.now() - started).toBeLessThan(2000);
    });
  }

  it('plane, events, grid and limits --model bk: refuse /dev/null the same way', async () => {
    const runs = [];
    for (const args of [
      ['plane', '--scenario', 'koto-step2', '--mass', '0.1', '--x', 'c_GG', '--y', 'c_BB', '--engine', 'reference', '--out', '/dev/null'],
      ['events', '--scenario', 'koto-step2', '--model', 'gluon', '--mass', '0.1', '--coupling', '1e-4', '--engine', 'reference', '--out', '/dev/null'],
      ['grid', '--scenario', 'koto-step2', '--engine', 'reference', '--out', '/dev/null'],
      ['limits', '--scenario', 'na62-dump-mumu', '--model', 'bk:0.5', '--engine', 'reference', '--out', '/dev/null'],
    ])
      runs.push(await runCli(args));
    expect(runs.map((run) => [run.code, run.stderr])).toEqual(
      ['plane', 'events', 'grid', 'limits'].map((command) => [2, `alpenglow ${command}: --out /dev/null: is a character device, not a directory\n`]),
    );
  });

  it.skipIf(process.getuid?.() === 0)('no permission (as a user other than root)', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked, { mode: 0o555 });
    const run = await runCli(limits(join(locked, 'out')));
    expect(run.stderr).toBe(`alpenglow limits: --out ${join(locked, 'out')}: cannot create ${join(locked, 'out')} (no permission, EACCES)\n`);
  });

  it('export and import --out FILE: a device, a directory, a missing directory', async () => {
    const table = join(dir, 't.table.json');
    writeTableFile(table, tinyTable(1));
    const device = await runCli(['export', '--format', 'alpinist', table, '--out', '/dev/null']);
    expect(device).toEqual({ code: 2, stdout: '', stderr: 'alpenglow export: --out /dev/null: is a character device, not a regular file\n' });
    expect((await runCli(['export', '--format', 'alpinist', table, '--out', dir])).stderr).toBe(
      `alpenglow export: --out ${dir}: is a directory, not a regular file\n`,
    );
    expect((await runCli(['export', '--format', 'alpinist', table, '--out', join(dir, 'no', 'x.txt')])).stderr).toBe(
      `alpenglow export: --out ${join(dir, 'no', 'x.txt')}: the directory ${join(dir, 'no')} does not exist\n`,
    );
    const input = join(dir, 'in.dat');
    writeFileSync(input, '0.1 1e-20 5\n');
    expect((await runCli(['import', input, '--scenario', 'koto-step2', '--production', 'mixing', '--out', ''])).stderr).toBe(
      'alpenglow import: --out must not be empty (give a file name)\n',
    );
  });
});

describe('a write that fails names the file and leaves no temporary', () => {
  it('writeFileAtomic over a directory', () => {
    const target = join(dir, 'target');
    mkdirSync(join(target, 'limits.json'), { recursive: true });
    expect(() => writeFileAtomic(join(target, 'limits.json'), 'x')).toThrow(WriteFailed);
    expect(() => writeFileAtomic(join(target, 'limits.json'), 'x')).toThrow(`cannot write ${join(target, 'limits.json')} (is a directory, EISDIR)`);
    expect(readdirSync(target)).toEqual(['limits.json']);
  });
});

function tinyTable(scale: number) {
  return makeTableFile(
    {
      scenario: { name: 'koto-step2', hash: 'sha256:test' },
      productionMode: 'mixing',
      channel: 'gamma gamma',
      regionNames: ['r'],
      grid: { massesGeV: [0.1], widthsGeV: [1e-20], massSpec: 'listed', widthSpec: 'listed' },
      shard: null,
      massGridIndices: [0],
      samplesPerMass: 10,
      seed: 1,
      normalisation: { pot: 1e20, additionalAcceptance: 1, referenceCoupling: 'c_GG/f_a = 1 TeV^-1' },
      provenance: { alpenglowVersion: '0.1.0', engine: 'reference', adapter: 'cpu', wallSeconds: 0, createdUtc: '2025-01-01T00:00:00Z', source: 'test' },
    },
    { yieldPerPotAtReference: [1e-9], efficiency: [0.01 * scale], efficiencyError: [0.001] },
  );
}

describe('merge --out', () => {
  it('refuses to overwrite an existing table with other values, as grid does', async () => {
    const shards = join(dir, 'shards');
    const out = join(dir, 'merged');
    const grid = [
      'grid',
      '--scenario',
      'koto-step2',
      '--production',
      'mixing',
      '--masses',
      '0.05:0.2:2',
      '--widths',
      '1e-19:1e-13:3',
      '--samples',
      '200',
      '--engine',
      'reference',
      '--progress-interval',
      '1000',
    ];
    for (const i of [1, 2]) expect((await runCli([...grid, '--out', shards, '--shard', `${i}/2`])).code).toBe(0);
    const name = 'koto-step2_mixing_gammaGamma.table.json';
    const first = await runCli(['merge', shards, '--out', out]);
    expect(first.code, first.stderr).toBe(0);
    const again = await runCli(['merge', shards, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toBe(`merge: ${join(out, name)} exists already with the same values; left as it is\n`);
    rmSync(join(out, name));
    writeTableFile(join(out, name), tinyTable(2));
    const other = await runCli(['merge', shards, '--out', out]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(
      new RegExp(
        `^alpenglow merge: --out ${out}: ${join(out, name)} exists already with other values \\(valuesSha256 [0-9a-f]{16}…, the merged table has [0-9a-f]{16}…\\); remove it or choose another --out\\n$`,
      ),
    );
    expect(existsSync(join(out, name))).toBe(true);
  });
});
