/**
 * Resumability of `alpenglow grid`: a child process killed with SIGKILL at a random point and
 * restarted with the same command yields the same table, bit for bit, as an uninterrupted run;
 * checkpoints of another run or damaged checkpoints are refused with a clear message.
 * Float64 reference engine, mixing mode (fast production tables), a 6 × 21 grid.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { readTableFile } from '../../src/node/table-files.ts';
import { CHECKPOINT_DIR_NAME } from '../../src/node/checkpoint-store.ts';
import type { TableFile } from '../../src/tables/table-file.ts';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'alpenglow-resume-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const MASSES = 6;
const TABLE = 'koto-step2_mixing_gammaGamma.table.json';
const gridArgs = (out: string, seed = 7) => [
  'grid',
  '--scenario',
  'koto-step2',
  '--production',
  'mixing',
  '--masses',
  `0.05:0.6:${MASSES}`,
  '--widths',
  '1e-19:1e-13:21',
  '--samples',
  '60000',
  '--seed',
  String(seed),
  '--engine',
  'reference',
  '--out',
  out,
  '--progress-interval',
  '1000',
];

/** Runs the CLI in this process; returns the exit code and what went to stderr. */

function massFiles(out: string): string[] {
  const checkpoint = join(out, CHECKPOINT_DIR_NAME, TABLE);
  return existsSync(checkpoint) ? readdirSync(checkpoint).filter((name) => /^mass-\d+\.json$/.test(name)) : [];
}

function expectBitIdentical(a: TableFile, b: TableFile): void {
  expect(a.header.valuesSha256).toBe(b.header.valuesSha256);
  for (const key of ['yieldPerPotAtReference', 'efficiency', 'efficiencyError'] as const) {
    const x = new Uint8Array(new Float64Array(a.values[key]).buffer);
    const y = new Uint8Array(new Float64Array(b.values[key]).buffer);
    expect(x).toEqual(y);
  }
}

let uninterrupted: TableFile;
beforeAll(async () => {
  const out = join(dir, 'uninterrupted');
  const { code, stderr } = await runCli(gridArgs(out));
  expect(code, stderr).toBe(0);
  uninterrupted = readTableFile(join(out, TABLE));
  expect(existsSync(join(out, CHECKPOINT_DIR_NAME)), 'checkpoints are removed once the table is written').toBe(false);
  // The table must hold signal somewhere, or bit-identity would be vacuous.
  expect(Math.max(...uninterrupted.values.efficiency)).toBeGreaterThan(0);
});

describe('grid resume after kill -9', () => {
  const out = join(dir, 'killed');

  it('a run killed at a random point and restarted equals an uninterrupted run bit for bit', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...gridArgs(out)], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let childErr = '';
    child.stderr.on('data', (chunk) => (childErr += String(chunk)));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    // Random kill point: after k ∈ [1, MASSES − 2] masses are checkpointed, plus up to 0.8 of the
    // time one mass takes (measured by the uninterrupted run), so the kill lands inside a mass or
    // inside a checkpoint write, and before the last mass.
    const secondsPerMass = uninterrupted.header.provenance.wallSeconds / MASSES;
    const waitFor = 1 + Math.floor(Math.random() * (MASSES - 2));
    const extraMs = Math.floor(Math.random() * 800 * secondsPerMass);
    const deadline = Date.now() + 60_000;
    while (massFiles(out).length < waitFor) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`child did not checkpoint ${waitFor} masses: ${childErr}`);
      await new Promise((done) => setTimeout(done, 20));
    }
    await new Promise((done) => setTimeout(done, extraMs));
    child.kill('SIGKILL');
    await exited;
    const done = massFiles(out).length;
    console.log(`[resume] killed after ${waitFor} checkpoints + ${extraMs} ms; ${done} of ${MASSES} masses were checkpointed`);
    expect(existsSync(join(out, TABLE)), 'killed before the table was written').toBe(false);
    expect(done).toBeGreaterThanOrEqual(waitFor);
    expect(done).toBeLessThan(MASSES);

    // Another seed must not reuse these checkpoints.
    const foreign = await runCli(gridArgs(out, 8));
    expect(foreign.code).toBe(2);
    expect(foreign.stderr).toMatch(/checkpoint .* belongs to a different run \(seed: checkpoint has 7, this run 8\)/);

    // A damaged mass file (in a copy) is refused, naming the file.
    const damaged = join(dir, 'damaged');
    cpSync(out, damaged, { recursive: true });
    const victim = join(damaged, CHECKPOINT_DIR_NAME, TABLE, massFiles(damaged)[0]);
    writeFileSync(victim, '{"format":"alpenglow-grid-checkpoint-mass"');
    const corrupt = await runCli(gridArgs(damaged));
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toContain(`checkpoint file ${victim} is corrupt`);

    // The same command again: continues and finishes.
    const resumed = await runCli(gridArgs(out));
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`resuming, ${done} of ${MASSES} masses already checkpointed`);
    expect(resumed.stderr).toContain(`${MASSES - done} masses computed now, ${done} resumed`);
    expectBitIdentical(readTableFile(join(out, TABLE)), uninterrupted);

    // And once more: nothing to do, the table is left as it is.
    const again = await runCli(gridArgs(out));
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('is already complete');
  });
  // Issue 16: kill points that do not depend on timing, inside a checkpoint write included
  // (ALPENGLOW_TEST_KILL_AT, src/node/atomic-file.ts); each resumed run equals the uninterrupted one.
  for (const [killAt, checkpointed] of [
    ['mass-00002.json:after-write', 2],
    ['mass-00003.json:after-rename', 4],
    ['mass-00001.json:before-write', 1],
  ] as const) {
    it(`killed at ${killAt}: resumes to the same table bit for bit`, async () => {
      const killedOut = join(dir, `killed-${killAt.replace(/[^a-z0-9]+/gi, '-')}`);
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...gridArgs(killedOut)], {
        cwd: root,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, ALPENGLOW_TEST_KILL_AT: killAt },
      });
      let childErr = '';
      child.stderr.on('data', (chunk) => (childErr += String(chunk)));
      const signal = await new Promise<NodeJS.Signals | null>((done) => child.on('exit', (_code, sig) => done(sig)));
      expect(signal, childErr).toBe('SIGKILL');
      expect(existsSync(join(killedOut, TABLE))).toBe(false);
      expect(massFiles(killedOut)).toHaveLength(checkpointed);
      const resumed = await runCli(gridArgs(killedOut));
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.stderr).toContain(`${MASSES - checkpointed} masses computed now, ${checkpointed} resumed`);
      expectBitIdentical(readTableFile(join(killedOut, TABLE)), uninterrupted);
      const checkpoint = join(killedOut, CHECKPOINT_DIR_NAME);
      expect(existsSync(checkpoint) ? readdirSync(checkpoint, { recursive: true }).filter((name) => String(name).endsWith('.tmp')) : []).toEqual([]);
    });
  }
});
