/**
 * docs/cluster.md's Slurm recipe on a real Slurm cluster (single node, Debian's packages, started by
 * scripts/slurm-ci.sh): the page's own submit.sh, grid-array.sbatch and merge.sbatch (extracted from
 * the page) submit a job array of 3 shards and a merge depending on it, on a 7-mass × 11-width grid
 * with the float64 reference engine. Shard 2 is made to fail (a damaged checkpoint): the merge that
 * waited for it is cancelled (kill_invalid_depend), `submit.sh resubmit OUT 2` reruns only task 2 with
 * the recorded settings and a new merge, and the merged tables equal an unsharded run bit for bit.
 * A requeued task appends to its log (--open-mode=append).
 * On a machine without a GPU, the page's default ENGINE_FLAGS (--engine webgpu --adapter hardware)
 * make a job fail within seconds with the adapter it found in its log.
 * Skipped, with the reason printed, only where Slurm cannot be installed (not root, no apt-get).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { readTableFile } from '../../src/node/table-files.ts';
import type { TableFile } from '../../src/tables/table-file.ts';
import { writeDocFiles } from './doc-files.ts';
import { listNodeAdapters } from '../../src/node/dawn-device.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'alpenglow-slurm-'));
const STATE = join(dir, 'slurm-ci-started');
const TABLES = [
  'koto-step2_primakoff-meson-photons_gammaGamma.table.json',
  'koto-step2_primakoff-beam-photons_gammaGamma.table.json',
  'koto-step2_mixing_gammaGamma.table.json',
];
const GRID = ['--masses', '0.05:0.6:7', '--widths', '1e-19:1e-13:11', '--samples', '4000', '--seed', '3'];

// cred_expire (10 s here, Slurm's default 120 s) is also how long a requeued job waits before it starts again.
function slurmCi(action: string) {
  return spawnSync('bash', [join(ROOT, 'scripts/slurm-ci.sh'), action], {
    encoding: 'utf8',
    env: { ...process.env, SLURM_CI_STATE: STATE, SLURM_CI_CRED_EXPIRE: process.env.SLURM_CI_CRED_EXPIRE ?? '10' },
    timeout: 300_000,
  });
}

// Started when the file is collected, so a machine where Slurm cannot be installed skips visibly.
const started = slurmCi('start');
const skipReason = started.status === 77 ? (/SKIP: (.*)/.exec(started.stderr)?.[1] ?? 'Slurm unavailable') : null;
if (skipReason) console.warn(`[slurm] skipped: ${skipReason}`);
else if (started.status !== 0) throw new Error(`scripts/slurm-ci.sh start failed (exit ${started.status}):\n${started.stderr}`);

function sh(command: string, args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', cwd: dir, env: { ...process.env, ...env }, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Per task: JobState of a job (one entry per array task), from scontrol (MinJobAge keeps finished jobs). */
function jobStates(id: string): { task: string; state: string; reason: string }[] {
  const out = sh('scontrol', ['show', 'job', '-o', id]).stdout.trim();
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => ({
      task: /ArrayTaskId=(\S+)/.exec(line)?.[1] ?? '',
      state: /JobState=(\S+)/.exec(line)?.[1] ?? '?',
      reason: /Reason=(\S+)/.exec(line)?.[1] ?? '',
    }));
}

async function waitFinished(id: string, seconds = 240): Promise<{ task: string; state: string; reason: string }[]> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const states = jobStates(id);
    if (states.length > 0 && states.every((s) => !/^(PENDING|RUNNING|CONFIGURING|COMPLETING|REQUEUED|SUSPENDED)$/.test(s.state))) return states;
    if (Date.now() > deadline) throw new Error(`job ${id} not finished after ${seconds} s: ${JSON.stringify(states)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

function expectBitIdentical(a: TableFile, b: TableFile): void {
  expect(a.header.valuesSha256).toBe(b.header.valuesSha256);
  for (const key of ['yieldPerPotAtReference', 'efficiency', 'efficiencyError'] as const) {
    expect(Buffer.from(new Float64Array(a.values[key]).buffer).equals(Buffer.from(new Float64Array(b.values[key]).buffer))).toBe(true);
  }
  expect(a.header.grid).toEqual(b.header.grid);
}

const out = join(dir, 'run');
const env = {
  ALPENGLOW: join(ROOT, 'bin/alpenglow.js'),
  SCENARIO: 'koto-step2',
  SEED: '3',
  SAMPLES: '4000',
  SHARDS: '3',
  OUT: out,
  GRID_FLAGS: '--masses 0.05:0.6:7 --widths 1e-19:1e-13:11 --progress-interval 1000',
  ENGINE_FLAGS: '--engine reference',
  // The doc's default cache ($OUT/production-cache), not the test run's temporary one (vitest.config.ts).
  ALPENGLOW_CACHE_DIR: '',
};
let files: Record<string, string>;

beforeAll(async () => {
  if (skipReason) return;
  files = writeDocFiles(join(dir, 'jobs'), ['submit.sh', 'grid-array.sbatch', 'merge.sbatch']);
  const single = await runCli([
    'grid',
    '--scenario',
    'koto-step2',
    ...GRID,
    '--engine',
    'reference',
    '--out',
    join(dir, 'single'),
    '--progress-interval',
    '1000',
  ]);
  expect(single.code, single.stderr).toBe(0);
});

afterAll(() => {
  if (!skipReason) {
    // Our jobs first (if a check failed midway), then the daemons this file started, by PID.
    const ids = ['array-jobs', 'merge-job'].flatMap((f) => (existsSync(join(out, f)) ? readFileSync(join(out, f), 'utf8').split('\n').filter(Boolean) : []));
    if (ids.length > 0) sh('scancel', ids);
    const stopped = slurmCi('stop');
    if (stopped.status !== 0) console.warn(`[slurm] stop: ${stopped.stderr}`);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(skipReason !== null)('docs/cluster.md Slurm recipe on a real scheduler', () => {
  it('runs the array sized from SHARDS, resubmits a failed shard with the recorded settings, and merges bit for bit', async () => {
    // Shard 2 fails: a checkpoint directory with a mass file but no run.json is refused as damaged.
    const damaged = join(out, 'shards', '.alpenglow-checkpoints', 'koto-step2_mixing_gammaGamma.shard-2-of-3.table.json');
    mkdirSync(damaged, { recursive: true });
    writeFileSync(join(damaged, 'mass-00001.json'), '{"not": "a checkpoint"}\n');

    const first = sh(files['submit.sh'], [], env);
    expect(first.code, first.stderr).toBe(0);
    const array1 = readFileSync(join(out, 'array-jobs'), 'utf8').trim();
    const merge1 = readFileSync(join(out, 'merge-job'), 'utf8').trim();
    // The settings are recorded next to the output; the cache goes there too, not to the submit directory.
    const settings = readFileSync(join(out, 'run-settings.sh'), 'utf8');
    expect(settings).toContain('SHARDS=3');
    expect(settings).toContain(`ALPENGLOW_CACHE_DIR=${join(out, 'production-cache')}`);

    const tasks = await waitFinished(array1);
    expect(tasks.map((t) => t.task).sort()).toEqual(['1', '2', '3']); // --array=1-$SHARDS, not 1-16
    expect(Object.fromEntries(tasks.map((t) => [t.task, t.state]))).toEqual({ 1: 'COMPLETED', 2: 'FAILED', 3: 'COMPLETED' });
    expect(readFileSync(join(out, 'logs', `grid-${array1}_2.log`), 'utf8')).toMatch(/damaged/);
    // kill_invalid_depend: the merge whose afterok can never be satisfied is cancelled, not left queued.
    const [merge1State] = await waitFinished(merge1, 60);
    expect(merge1State.state).toBe('CANCELLED');
    expect(readdirSync(join(out, 'production-cache')).filter((f) => f.endsWith('.json')).length).toBeGreaterThan(0);
    expect(existsSync(join(ROOT, `slurm-${array1}_1.out`))).toBe(false);

    // A second plain submission of the same OUT is refused; the resubmission reads the recorded settings
    // even from an environment that has none of them.
    const again = sh(files['submit.sh'], [], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already submitted; rerun failed shards with: .* resubmit /);
    rmSync(damaged, { recursive: true });
    const bare = Object.fromEntries(Object.keys(env).map((k) => [k, '']));
    const resubmit = sh(files['submit.sh'], ['resubmit', out, '2'], { ...bare, SHARDS: '16', SCENARIO: 'nonexistent' });
    expect(resubmit.code, resubmit.stderr).toBe(0);
    const arrays = readFileSync(join(out, 'array-jobs'), 'utf8').trim().split('\n');
    expect(arrays).toHaveLength(2);
    const merge2 = readFileSync(join(out, 'merge-job'), 'utf8').trim();
    expect(merge2).not.toBe(merge1);
    expect((await waitFinished(arrays[1])).map((t) => [t.task, t.state])).toEqual([['2', 'COMPLETED']]);
    const [merge2State] = await waitFinished(merge2, 120);
    expect(merge2State.state, readFileSync(join(out, 'logs', `merge-${merge2}.log`), 'utf8')).toBe('COMPLETED');

    for (const table of TABLES) {
      expectBitIdentical(readTableFile(join(out, table)), readTableFile(join(dir, 'single', table)));
    }

    // A requeued task (preemption, node failure) appends to its log (--open-mode=append) and, its
    // table being complete, skips the work.
    const requeueStarted = performance.now();
    const requeue = sh('scontrol', ['requeue', `${array1}_1`]);
    expect(requeue.code, requeue.stderr).toBe(0);
    await new Promise((r) => setTimeout(r, 1000));
    expect((await waitFinished(`${array1}_1`, 180))[0].state).toBe('COMPLETED');
    const log = readFileSync(join(out, 'logs', `grid-${array1}_1.log`), 'utf8');
    expect(log.match(/alpenglow: running on the float64 reference engine/g)).toHaveLength(2);
    console.info(`[slurm] requeued task finished ${((performance.now() - requeueStarted) / 1000).toFixed(0)} s after scontrol requeue`);
  }, 420_000);

  it('with the default ENGINE_FLAGS a node without a GPU fails the job at once, naming the adapter it found', async () => {
    const adapters = await listNodeAdapters();
    if (adapters.some((a) => !a.isSoftware)) return; // a GPU machine: nothing to refuse
    const noGpu = join(dir, 'no-gpu');
    const { ENGINE_FLAGS: _default, ...rest } = env;
    const submitted = sh(files['submit.sh'], [], { ...rest, OUT: noGpu, SHARDS: '1', ENGINE_FLAGS: '' });
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(readFileSync(join(noGpu, 'run-settings.sh'), 'utf8')).toContain('ENGINE_FLAGS=--engine\\ webgpu\\ --adapter\\ hardware');
    const array = readFileSync(join(noGpu, 'array-jobs'), 'utf8').trim();
    const [task] = await waitFinished(array, 120);
    expect(task.state).toBe('FAILED');
    const log = readFileSync(join(noGpu, 'logs', `grid-${array}_1.log`), 'utf8');
    expect(log).toMatch(/alpenglow grid: a hardware GPU adapter is required \(--adapter hardware\) but this machine has/);
    for (const adapter of adapters) expect(log).toContain(adapter.name);
    const [merge] = await waitFinished(readFileSync(join(noGpu, 'merge-job'), 'utf8').trim(), 60);
    expect(merge.state).toBe('CANCELLED');
    sh('scancel', [array]);
  }, 240_000);
});
