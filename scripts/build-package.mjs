#!/usr/bin/env node
/**
 * `npm pack` runs this first (package.json "prepack"): it builds what the npm package carries
 * besides the repository's data files (package.json "files"):
 *
 *   dist/lib/alpenglow.mjs   the CLI and the library, one ES module bundled by esbuild from
 *                            scripts/package-entry.ts (every dependency inside but webgpu — optional —,
 *                            @resvg/resvg-js — native — and vite — only for `serve --dev` in a checkout)
 *   dist/web/                the web app built by Vite (vite.config.ts): `alpenglow serve` hands it out
 *                            with node:http, so the installed package needs no Vite at run time
 *   dist/types/              type declarations of the library (tsc; package.json exports "." types:
 *                            dist/types/scripts/package-entry.d.ts; they name @types/node and @webgpu/types)
 *
 * bin/alpenglow.js runs dist/lib/alpenglow.mjs when there are no sources next to it (the installed
 * package), the TypeScript sources through tsx in a checkout.
 * Usage: node scripts/build-package.mjs [--skip-web] [--skip-types]
 */
import { execFileSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'skip-web': { type: 'boolean', default: false }, 'skip-types': { type: 'boolean', default: false } } });
const started = performance.now();
const step = (what) => process.stderr.write(`build-package: ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

const library = join(ROOT, 'dist/lib/alpenglow.mjs');
rmSync(join(ROOT, 'dist/lib'), { recursive: true, force: true });
await build({
  entryPoints: [join(ROOT, 'scripts/package-entry.ts')],
  outfile: library,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['webgpu', '@resvg/resvg-js', 'vite'],
  banner: { js: "import { createRequire as __alpenglowCreateRequire } from 'node:module'; const require = __alpenglowCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
step(`wrote ${library} (${(statSync(library).size / 1048576).toFixed(1)} MiB)`);

if (!values['skip-web']) {
  const vite = await import('vite');
  await vite.build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn' });
  step('built the web app into dist/web');
}

if (!values['skip-types']) {
  const types = join(ROOT, 'dist/types');
  rmSync(types, { recursive: true, force: true });
  // The compiler options of tsconfig.json, for the library's entry and what it imports only.
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/typescript/bin/tsc'),
      join(ROOT, 'scripts/package-entry.ts'),
      '--declaration',
      '--emitDeclarationOnly',
      '--outDir',
      types,
      '--rootDir',
      ROOT,
      '--target',
      'ES2022',
      '--module',
      'ESNext',
      '--moduleResolution',
      'Bundler',
      '--lib',
      'ES2022,DOM',
      '--types',
      'node,@webgpu/types',
      '--strict',
      '--skipLibCheck',
      '--allowImportingTsExtensions',
      '--resolveJsonModule',
      '--esModuleInterop',
      '--isolatedModules',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  step('wrote the type declarations into dist/types');
}
