/**
 * The npm package (issue 13): `npm pack` (its prepack builds dist/lib/alpenglow.mjs and the web app
 * into dist/web) gives a tarball that installs with `npm install <tarball>` in an empty directory
 * outside the checkout, where `alpenglow --version`, `scenarios`, a tiny `limits` run and `serve`
 * (the prebuilt page over node:http, no Vite installed) work. npm may fetch the dependencies from the
 * registry (--prefer-offline uses its cache first).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const VERSION = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
const dir = mkdtempSync(join(tmpdir(), 'alpenglow-pack-'));
const project = join(dir, 'project');
const bin = join(project, 'node_modules', '.bin', 'alpenglow');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment without npm's own npm_* variables (set when the suite runs under `npm test`). */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.toLowerCase().startsWith('npm_')));
}

function run(command: string, args: string[], cwd: string, timeoutMs = 120_000) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout: timeoutMs, env: cleanEnv() });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

let tarball = '';
let packSeconds = 0;
let installSeconds = 0;

beforeAll(() => {
  let started = performance.now();
  const packed = run('npm', ['pack', '--pack-destination', dir], ROOT, 180_000);
  packSeconds = (performance.now() - started) / 1000;
  expect(packed.code, packed.stderr).toBe(0);
  tarball = join(dir, `alpenglow-${VERSION}.tgz`);
  expect(existsSync(tarball), packed.stdout).toBe(true);
  started = performance.now();
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), '{ "name": "uses-alpenglow", "version": "1.0.0", "private": true }\n');
  const installed = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], project, 180_000);
  installSeconds = (performance.now() - started) / 1000;
  expect(installed.code, installed.stderr).toBe(0);
  console.info(`[pack] npm pack ${packSeconds.toFixed(1)} s, npm install ${installSeconds.toFixed(1)} s`);
}, 400_000);

describe('npm package', () => {
  it('carries the bundle, the prebuilt page, shaders, scenarios, schemas and the physics reference, and no sources', () => {
    const listing = run('tar', ['-tzf', tarball], dir).stdout.split('\n');
    for (const file of [
      'package/bin/alpenglow.js',
      'package/dist/lib/alpenglow.mjs',
      'package/dist/web/index.html',
      'package/shaders/mc-kernel.wgsl',
      'package/scenarios/koto-step2.json',
      'package/docs/physics.md',
      'package/CITATION.cff',
      'package/package.json',
    ]) {
      expect(listing, file).toContain(file);
    }
    expect(listing.filter((file) => file.startsWith('package/src/') || file.startsWith('package/test/'))).toEqual([]);
    const installed = join(project, 'node_modules', 'alpenglow');
    expect(existsSync(join(installed, 'src'))).toBe(false);
    expect(existsSync(join(project, 'node_modules', 'vite'))).toBe(false); // serve runs without Vite
    expect(readFileSync(join(installed, 'dist/lib/alpenglow.mjs'), 'utf8')).not.toContain(ROOT); // nothing points back into the checkout
  });

  it('npx alpenglow --version and scenarios work outside the checkout', () => {
    expect(run(bin, ['--version'], project)).toMatchObject({ code: 0, stdout: `alpenglow ${VERSION}\n` });
    const listed = run(bin, ['scenarios', '--json'], project);
    expect(listed.code, listed.stderr).toBe(0);
    const names = (JSON.parse(listed.stdout).scenarios as { name: string }[]).map((scenario) => scenario.name);
    expect(names).toContain('koto-step2');
    expect(names).toContain('charm');
  });

  it('a tiny limits run writes every output file', () => {
    const result = run(
      bin,
      ['limits', '--scenario', 'charm', '--model', 'photon', '--masses', '0.1:0.5:3', '--samples', '2000', '--out', 'o'],
      project,
      180_000,
    );
    expect(result.code, result.stderr).toBe(0);
    expect(readdirSync(join(project, 'o')).sort()).toEqual(expect.arrayContaining(['contour.csv', 'exclusion.png', 'exclusion.svg', 'limits.json']));
    const limits = JSON.parse(readFileSync(join(project, 'o', 'limits.json'), 'utf8'));
    expect(limits.scenario).toBe('charm');
    expect(limits.provenance.version).toBe(VERSION);
    expect(limits.exclusion.length).toBeGreaterThan(0);
  }, 200_000);

  it("import('alpenglow') gives the library, with type declarations", () => {
    const loaded = run(
      process.execPath,
      ['--input-type=module', '-e', "const m = await import('alpenglow'); console.log(m.ALPENGLOW_VERSION, typeof m.runLimits, typeof m.main)"],
      project,
    );
    expect(loaded).toMatchObject({ code: 0, stdout: `${VERSION} function function\n` });
    writeFileSync(
      join(project, 'uses.ts'),
      [
        "import { ALPENGLOW_VERSION, loadScenario, runLimits } from 'alpenglow';",
        'export const version: string = ALPENGLOW_VERSION;',
        "export const pot: Promise<number> = loadScenario('charm').then((loaded) => loaded.scenario.exposure.pot);",
        'export type Limits = Awaited<ReturnType<typeof runLimits>>;',
        '// @ts-expect-error: the declarations are typed, not any',
        'export const wrong: number = ALPENGLOW_VERSION;',
      ].join('\n'),
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', strict: true, noEmit: true, skipLibCheck: true, types: [] },
        files: ['uses.ts'],
      }),
    );
    const checked = run(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', project], project);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  });

  it('without the optional webgpu package, engine commands say how to install it', () => {
    const webgpu = join(project, 'node_modules', 'webgpu');
    const away = join(dir, 'webgpu-away');
    renameSync(webgpu, away);
    try {
      const result = run(
        bin,
        ['limits', '--scenario', 'charm', '--model', 'photon', '--masses', '0.1:0.5:3', '--engine', 'webgpu', '--out', 'o-webgpu'],
        project,
      );
      expect(result.code).toBe(3);
      expect(result.stderr).toContain(
        "the optional package 'webgpu' (Dawn for Node, which runs the WebGPU engine) is not installed: install it with 'npm install webgpu', or run with --engine reference",
      );
    } finally {
      renameSync(away, webgpu);
    }
  });

  it('serve hands out the prebuilt page over node:http', async () => {
    const child = spawn(bin, ['serve', '--port', '0', '--json'], { cwd: project, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let out = '';
        let err = '';
        const timer = setTimeout(() => reject(new Error(`serve did not answer: ${err}`)), 30_000);
        child.stderr.on('data', (chunk) => (err += String(chunk)));
        child.stdout.on('data', (chunk) => {
          out += String(chunk);
          if (out.includes('\n')) {
            clearTimeout(timer);
            resolveUrl(JSON.parse(out.split('\n')[0]).url);
          }
        });
        child.on('exit', (code) => reject(new Error(`serve exited (${code}): ${err}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toContain('text/html');
      expect(await page.text()).toContain('<html');
      expect((await fetch(`${url}no-such-file.js`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
