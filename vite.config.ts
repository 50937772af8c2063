/**
 * Vite configuration of the web app (issue #7). The app root is src/web; it imports the library
 * (src/engine, src/physics, src/scenarios, src/limits, …), the WGSL shaders (`?raw`) and the
 * scenario files (import.meta.glob) from the repository, so the page runs the same code as the CLI.
 * The dev and preview servers bind 127.0.0.1 only. `alpenglow serve` (src/cli/commands/serve.ts)
 * builds with this file and serves dist/web.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const repositoryRoot = fileURLToPath(new URL('.', import.meta.url));

export const WEB_APP_ROOT = fileURLToPath(new URL('./src/web', import.meta.url));
export const WEB_BUILD_DIR = fileURLToPath(new URL('./dist/web', import.meta.url));

export default defineConfig({
  root: WEB_APP_ROOT,
  // Relative asset URLs: the built app works from any path (a static host, file copies).
  base: './',
  clearScreen: false,
  build: {
    outDir: WEB_BUILD_DIR,
    emptyOutDir: true,
    target: 'es2022',
    // One page, loaded locally: a single chunk of ~0.5 MB is fine and simplest to serve.
    chunkSizeWarningLimit: 2000,
  },
  worker: { format: 'es' },
  // csv-stringify's Node build uses the global Buffer; its browser build (same API) carries its own.
  resolve: { alias: [{ find: /^csv-stringify\/sync$/, replacement: 'csv-stringify/browser/esm/sync' }] },
  server: { host: '127.0.0.1', strictPort: false, fs: { allow: [repositoryRoot] } },
  preview: { host: '127.0.0.1' },
});
