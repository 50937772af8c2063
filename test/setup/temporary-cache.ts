/**
 * vitest global setup: the production-table cache of this test run lives in a fresh temporary
 * directory (vitest.config.ts sets ALPENGLOW_CACHE_DIR for every test and child process), so a test
 * never reads tables that older code built; removed when the run ends.
 */
import { rmSync } from 'node:fs';

export function teardown(): void {
  const dir = process.env.ALPENGLOW_TEST_CACHE_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
