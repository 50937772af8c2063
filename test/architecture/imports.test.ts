/**
 * The layer rules of docs/architecture.md, read from the import statements of every file in src/:
 *
 *   random < physics < stats < engine < scenarios < tables < limits < formats < plots < app < node < cli
 *                                                                                    app < web
 *
 * A folder imports only from folders to its left (and from itself and src/version.ts); only src/cli
 * and src/node import Node built-ins; nothing outside src/cli imports src/cli, nothing outside src/web
 * imports src/web. The web entry points are also type-checked without Node types (tsconfig.web.json,
 * in `npm test`), which catches `process`, `Buffer` and friends that an import scan cannot see.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** Position of each top-level folder of src/ in the layer order; web sits beside node and cli, above app. */
export const LAYERS: Record<string, number> = {
  random: 0,
  physics: 1,
  stats: 2,
  engine: 3,
  scenarios: 4,
  tables: 5,
  limits: 6,
  formats: 6.5,
  plots: 7,
  app: 8,
  node: 9,
  cli: 10,
  web: 9,
};
const NODE_FOLDERS = new Set(['node', 'cli']);
const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

interface ImportEdge {
  file: string;
  specifier: string;
  fromFolder: string;
  toFolder: string | null;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.ts$/.test(name) ? [path] : [];
  });
}

/** Every static import/export-from and dynamic import() specifier of a file (type-only imports included). */
export function importSpecifiers(text: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:^|[;\s])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

function edges(): ImportEdge[] {
  return sourceFiles(SRC).flatMap((path) => {
    const file = relative(SRC, path);
    const fromFolder = file.includes('/') ? file.split('/')[0] : '';
    return importSpecifiers(readFileSync(path, 'utf8')).map((specifier) => {
      if (!specifier.startsWith('.')) return { file, specifier, fromFolder, toFolder: null };
      const target = relative(SRC, resolve(dirname(path), specifier.split('?')[0]));
      const toFolder = target.startsWith('..') ? '(outside src)' : target.includes('/') ? target.split('/')[0] : '';
      return { file, specifier, fromFolder, toFolder };
    });
  });
}

describe('import rules (docs/architecture.md)', () => {
  const all = edges();

  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(300);
    expect(
      importSpecifiers("import { a } from './a.ts';\nimport type { B } from \"../b.ts\";\nexport * from './c.ts';\nconst d = await import('node:fs');"),
    ).toEqual(['./a.ts', '../b.ts', './c.ts', 'node:fs']);
  });

  it('every top-level folder of src/ has a layer', () => {
    const folders = readdirSync(SRC).filter((name) => statSync(join(SRC, name)).isDirectory());
    expect(folders.filter((folder) => !(folder in LAYERS))).toEqual([]);
  });

  it('only src/cli and src/node import Node built-ins', () => {
    const offending = all.filter((edge) => NODE_BUILTINS.has(edge.specifier) && !NODE_FOLDERS.has(edge.fromFolder));
    expect(offending.map((edge) => `${edge.file} imports ${edge.specifier}`)).toEqual([]);
  });

  it('nothing outside src/cli imports src/cli; nothing outside src/web imports src/web', () => {
    const offending = all.filter((edge) => (edge.toFolder === 'cli' && edge.fromFolder !== 'cli') || (edge.toFolder === 'web' && edge.fromFolder !== 'web'));
    expect(offending.map((edge) => `${edge.file} imports ${edge.specifier}`)).toEqual([]);
  });

  it('folders import only from lower layers (no cycles between folders)', () => {
    const offending = all.filter((edge) => {
      if (edge.toFolder === null || edge.toFolder === '' || edge.toFolder === edge.fromFolder || edge.fromFolder === '') return false;
      if (edge.toFolder === '(outside src)') return edge.fromFolder !== 'web' && edge.fromFolder !== 'node'; // web bundles shaders/ and scenarios/; node reads them
      const from = LAYERS[edge.fromFolder];
      const to = LAYERS[edge.toFolder];
      if (edge.fromFolder === 'web') return edge.toFolder === 'node' || edge.toFolder === 'cli';
      return !(to < from);
    });
    expect(offending.map((edge) => `${edge.file} (${edge.fromFolder}) imports ${edge.specifier} (${edge.toFolder})`)).toEqual([]);
  });

  it('the CLI and the web app both go through src/app', () => {
    expect(all.some((edge) => edge.fromFolder === 'cli' && edge.toFolder === 'app')).toBe(true);
    expect(all.some((edge) => edge.fromFolder === 'web' && edge.toFolder === 'app')).toBe(true);
  });
});
