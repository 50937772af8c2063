import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // WebGPU through Mesa llvmpipe is CPU-bound on 2 cores: run test files one at a time so
    // timing-sensitive GPU work is not starved, and give engine tests room.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
