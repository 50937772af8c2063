#!/usr/bin/env node
// The `alpenglow` executable. In a checkout (src/ beside bin/) it runs the TypeScript CLI through tsx's
// loader; in the installed npm package (no sources) it runs dist/lib/alpenglow.mjs, the bundle that
// `npm pack` builds (scripts/build-package.mjs).
import { existsSync } from 'node:fs';

const sources = new URL('../src/cli/main.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/lib/alpenglow.mjs'));
}
process.exitCode = await main(process.argv.slice(2));
