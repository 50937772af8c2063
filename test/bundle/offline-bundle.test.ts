/**
 * The offline bundle (issue 14): `scripts/bundle.mjs` (npm run bundle) writes
 * alpenglow-<version>-linux-x64.tar.xz (≤ 60 MiB) that unpacks to alpenglow/ only; in an empty
 * directory, with `env -i PATH=/nonexistent` (no npm, no node on PATH, no HOME), its launcher runs
 * `limits` (2 masses, every output file, a real PNG) and `bench --json` on the Node runtime it carries.
 * bench/device-check.sh runs end to end from the same bundle (--shrink on the software adapter; on a
 * machine without a GPU its default --adapter hardware stops with exit 3).
 * Built once for the file, with xz level 2 (the release default is 6: smaller, about 3× slower).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(new URL('../..', import.meta.url).pathname);
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const dir = mkdtempSync(join(tmpdir(), 'alpenglow-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let archive = '';
let launcher = '';
let buildSeconds = 0;

/** Runs the bundle's launcher with an empty environment: PATH=/nonexistent and nothing else (but `env`, NAME=value pairs). */
function runBundled(args: string[], cwd: string, env: string[] = []) {
  const result = spawnSync('/usr/bin/env', ['-i', 'PATH=/nonexistent', ...env, launcher, ...args], { cwd, encoding: 'utf8', timeout: 240_000 });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

beforeAll(() => {
  const started = performance.now();
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts/bundle.mjs'), '--out', join(dir, 'dist'), '--xz-level', '2'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
  });
  buildSeconds = (performance.now() - started) / 1000;
  expect(built.status, built.stderr).toBe(0);
  archive = built.stdout.trim();
  const unpacked = join(dir, 'unpacked');
  mkdirSync(unpacked);
  const untar = spawnSync('tar', ['-xJf', archive, '-C', unpacked], { encoding: 'utf8' });
  expect(untar.status, untar.stderr).toBe(0);
  expect(readdirSync(unpacked)).toEqual(['alpenglow']);
  launcher = join(unpacked, 'alpenglow', 'bin', 'alpenglow');
}, 360_000);

describe('offline bundle', () => {
  it('is dist/alpenglow-<version>-linux-x64.tar.xz, at most 60 MiB, with the runtime, Dawn, resvg, shaders and scenarios', () => {
    expect(archive).toBe(join(dir, 'dist', `alpenglow-${VERSION}-linux-x64.tar.xz`));
    const mib = statSync(archive).size / 1048576;
    console.info(`[bundle] ${mib.toFixed(1)} MiB at xz -2, built in ${buildSeconds.toFixed(0)} s`);
    expect(mib).toBeLessThanOrEqual(60);
    const app = join(dir, 'unpacked', 'alpenglow');
    for (const file of [
      'bin/alpenglow',
      'runtime/node',
      'lib/src/cli/alpenglow.mjs',
      'lib/node_modules/webgpu/dist/linux-x64/dawn.node',
      'lib/node_modules/@resvg/resvg-js-linux-x64-gnu/resvgjs.linux-x64-gnu.node',
      'lib/shaders/mc-kernel.wgsl',
      'lib/scenarios/koto-step2.json',
    ]) {
      expect(existsSync(join(app, file)), file).toBe(true);
    }
    expect(readFileSync(join(app, 'lib/src/cli/alpenglow.mjs'), 'utf8')).not.toContain(ROOT); // nothing points back into the checkout
  });

  it('runs limits with an empty PATH in an empty directory: every output file, a real PNG', () => {
    const work = join(dir, 'work-limits');
    mkdirSync(work);
    const result = runBundled(
      [
        'limits',
        '--scenario',
        'koto-step2',
        '--model',
        'gluon',
        '--masses',
        '0.1,0.2',
        '--couplings',
        '1e-6:1e-2:41',
        '--samples',
        '2000',
        '--max-added-masses',
        '0',
        '--out',
        'lim',
      ],
      work,
      [`XDG_CACHE_HOME=${join(work, 'xdg-cache')}`],
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/alpenglow: running on /);
    for (const file of ['limits.json', 'contour.csv', 'exclusion.svg', 'exclusion.png']) expect(existsSync(join(work, 'lim', file)), file).toBe(true);
    const limits = JSON.parse(readFileSync(join(work, 'lim', 'limits.json'), 'utf8'));
    expect(limits.exclusion.length).toBeGreaterThan(0);
    expect(limits.provenance.version).toBe(VERSION);
    expect([...readFileSync(join(work, 'lim', 'exclusion.png')).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // The production cache lands in the user's cache directory (XDG_CACHE_HOME here; or $ALPENGLOW_CACHE_DIR), never inside the bundle.
    expect(readdirSync(join(work, 'xdg-cache', 'alpenglow', 'production')).length).toBeGreaterThan(0);
  });

  it('runs bench --json with an empty PATH on the WebGPU adapter', () => {
    const work = join(dir, 'work-bench');
    mkdirSync(work);
    const result = runBundled(['bench', '--json', '--samples', '100000', '--widths', '11'], work);
    expect(result.code, result.stderr).toBe(0);
    const bench = JSON.parse(result.stdout);
    expect(bench.adapter).toMatch(/\[.*(hardware|software)\]$/);
    expect(bench.trialsPerSecond).toBeGreaterThan(0);
    expect(bench.trials).toBe(1_100_000);
    expect(bench.gpuBytes).toBeGreaterThan(0);
  });

  it('bench/device-check.sh runs end to end from the bundle (--shrink) and adds its row', () => {
    const results = join(dir, 'RESULTS.md');
    const run = spawnSync('bash', [join(ROOT, 'bench/device-check.sh'), '--bundle', archive, '--shrink', '--adapter', 'auto', '--results', results], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 300_000,
      env: { ...process.env, OUT: '' },
    });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    for (const section of ['adapters', 'cross-check', 'bench', 'KOTO Step 2 mixing table', 'result']) expect(run.stdout).toContain(`== ${section}`);
    expect(run.stdout).toMatch(/WGSL vs float64 {3}pass/);
    expect(run.stdout).toMatch(/table 11 x 101 x 1e\+4 = 1\.11e\+7 trials: [\d.]+ s in the engine/);
    const text = readFileSync(results, 'utf8');
    expect(text).toContain('## Device check (bench/device-check.sh, issue 14)');
    expect(text.split('\n').filter((line) => line.startsWith(`| ${new Date().toISOString().slice(0, 4)}`))).toHaveLength(1);
    const hardware = spawnSync('bash', [join(ROOT, 'bench/device-check.sh'), '--bundle', archive, '--no-record'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (/\[dawn-default, core, hardware\]/.test(hardware.stdout)) return; // a GPU machine: the hardware path is the real run
    expect(hardware.status).toBe(3);
    expect(hardware.stderr).toMatch(/no hardware adapter; stopping/);
  });
});
