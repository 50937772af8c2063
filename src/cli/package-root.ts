/**
 * Where this copy of alpenglow lives: the directory holding its package.json, found upwards from
 * this module — the repository root in a checkout, the package root when installed from npm (the
 * CLI bundled into dist/lib/alpenglow.mjs) — or null in the offline bundle, which has no package.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(from: string = fileURLToPath(import.meta.url)): string | null {
  for (let dir = dirname(from); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      try {
        if (JSON.parse(readFileSync(file, 'utf8')).name === 'alpenglow') return dir;
      } catch {
        // not ours; keep looking
      }
    }
    if (dirname(dir) === dir) return null;
  }
}
