/**
 * docs/cluster.md's HTCondor recipe, run the way it can be without HTCondor (no Debian package):
 * the page's grid.dag, grid.sub, merge.sub, run-shard.sh and merge.sh are extracted from the page and
 * the DAG is executed by hand — every job each submit file queues (`queue $(shards)` with shards = 3,
 * arguments `$(Process) $(shards)`, only the variables its `getenv` names), parents before children —
 * and the merged tables are compared with an unsharded run bit for bit.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { readTableFile } from '../../src/node/table-files.ts';
import { writeDocFiles } from './doc-files.ts';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const dir = mkdtempSync(join(tmpdir(), 'alpenglow-condor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TABLES = [
  'koto-step2_primakoff-meson-photons_gammaGamma.table.json',
  'koto-step2_primakoff-beam-photons_gammaGamma.table.json',
  'koto-step2_mixing_gammaGamma.table.json',
];

interface SubmitFile {
  macros: Map<string, string>;
  queue: string;
}

function parseSubmit(text: string): SubmitFile {
  const macros = new Map<string, string>();
  let queue = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const q = /^queue\b\s*(.*)$/i.exec(line);
    if (q) {
      queue = q[1] || '1';
      continue;
    }
    const kv = /^([\w.+-]+)\s*=\s*(.*)$/.exec(line);
    if (!kv) throw new Error(`submit file line not understood: ${line}`);
    macros.set(kv[1].toLowerCase(), kv[2]);
  }
  return { macros, queue };
}

function expand(value: string, macros: Map<string, string>): string {
  return value.replace(/\$\((\w+)\)/g, (_, name: string) => {
    const v = macros.get(name.toLowerCase());
    if (v === undefined) throw new Error(`undefined macro $(${name})`);
    return expand(v, macros);
  });
}

describe('docs/cluster.md HTCondor recipe (DAG run by hand)', () => {
  it('runs every queued grid job, then the merge, and equals an unsharded run bit for bit', async () => {
    const jobsDir = join(dir, 'jobs');
    const paths = writeDocFiles(jobsDir, ['grid.dag', 'grid.sub', 'merge.sub', 'run-shard.sh', 'merge.sh']);
    const out = join(dir, 'run');
    const settings: Record<string, string> = {
      ALPENGLOW: join(ROOT, 'bin/alpenglow.js'),
      SCENARIO: 'koto-step2',
      SEED: '5',
      SAMPLES: '3000',
      OUT: out,
      GRID_FLAGS: '--masses 0.05:0.6:7 --widths 1e-19:1e-13:11 --progress-interval 1000',
      ENGINE_FLAGS: '--engine reference',
      ALPENGLOW_CACHE_DIR: join(dir, 'cache'),
    };

    // The DAG: JOB name file; PARENT a CHILD b.
    const dag = readFileSync(paths['grid.dag'], 'utf8');
    const jobs = [...dag.matchAll(/^JOB\s+(\S+)\s+(\S+)/gm)].map((m) => ({ name: m[1], file: m[2] }));
    const edges = [...dag.matchAll(/^PARENT\s+(\S+)\s+CHILD\s+(\S+)/gm)].map((m) => [m[1], m[2]]);
    expect(jobs.map((j) => j.name)).toEqual(['grid', 'merge']);
    const order: typeof jobs = [];
    while (order.length < jobs.length) {
      const next = jobs.find((j) => !order.includes(j) && edges.every(([p, c]) => c !== j.name || order.some((o) => o.name === p)));
      if (!next) throw new Error('grid.dag has a cycle');
      order.push(next);
    }

    const ran: string[] = [];
    for (const job of order) {
      const submit = parseSubmit(readFileSync(join(jobsDir, job.file), 'utf8'));
      if (submit.macros.has('shards')) submit.macros.set('shards', '3'); // the one edit a user makes
      const getenv = (submit.macros.get('getenv') ?? '').split(/\s*,\s*/).filter(Boolean);
      // Every setting the script reads must be passed on by getenv.
      const script = readFileSync(join(jobsDir, submit.macros.get('executable')!), 'utf8');
      for (const used of script.matchAll(/\$\{(\w+):-/g)) expect(getenv, `${job.file} getenv lacks ${used[1]}`).toContain(used[1]);
      const count = Number(expand(submit.queue, submit.macros));
      expect(Number.isInteger(count) && count > 0).toBe(true);
      for (let process_ = 0; process_ < count; process_++) {
        const macros = new Map(submit.macros);
        macros.set('process', String(process_));
        macros.set('cluster', '1');
        const args = expand(macros.get('arguments') ?? '', macros)
          .split(/\s+/)
          .filter(Boolean);
        const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir };
        for (const name of getenv) if (settings[name] !== undefined) env[name] = settings[name];
        const result = spawnSync(join(jobsDir, macros.get('executable')!), args, { cwd: jobsDir, env, encoding: 'utf8', timeout: 120_000 });
        expect(result.status, `${job.name} ${args.join(' ')}: ${result.stderr}`).toBe(Number(macros.get('success_exit_code') ?? 0));
        ran.push(`${job.name} ${args.join(' ')}`.trim());
      }
    }
    expect(ran).toEqual(['grid 0 3', 'grid 1 3', 'grid 2 3', 'merge']);

    const single = await runCli([
      'grid',
      '--scenario',
      'koto-step2',
      '--masses',
      '0.05:0.6:7',
      '--widths',
      '1e-19:1e-13:11',
      '--samples',
      '3000',
      '--seed',
      '5',
      '--engine',
      'reference',
      '--out',
      join(dir, 'single'),
      '--progress-interval',
      '1000',
    ]);
    expect(single.code, single.stderr).toBe(0);
    for (const table of TABLES) {
      const merged = readTableFile(join(out, table));
      const whole = readTableFile(join(dir, 'single', table));
      expect(merged.header.valuesSha256).toBe(whole.header.valuesSha256);
      expect(Buffer.from(new Float64Array(merged.values.efficiency).buffer).equals(Buffer.from(new Float64Array(whole.values.efficiency).buffer))).toBe(true);
    }
  }, 300_000);
});
