import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// A fresh production-table cache per test run (test/setup/temporary-cache.ts removes it).
const cacheDir = mkdtempSync(join(tmpdir(), 'alpenglow-test-cache-'));
process.env.ALPENGLOW_TEST_CACHE_DIR = cacheDir;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // WebGPU through Mesa llvmpipe is CPU-bound on 2 cores: run test files one at a time so
    // timing-sensitive GPU work is not starved, and give engine tests room.
    fileParallelism: false,
    testTimeout: 120_000,
    env: { ALPENGLOW_CACHE_DIR: cacheDir },
    globalSetup: ['test/setup/temporary-cache.ts'],
    hookTimeout: 120_000,
  },
});
