/**
 * On-disk cache of production tables keyed by a SHA-256 of what determines them: the request, the
 * alpenglow version and the code that builds them (every file of src/physics, or the bundled CLI in
 * the offline bundle; productionCodeFingerprint), so a second run with the same inputs does not
 * recompute, and a changed physics never reuses a table the old code built. Default directory: the
 * user's cache directory (XDG Base Directory: `$XDG_CACHE_HOME/alpenglow/production`, else
 * `~/.cache/alpenglow/production`), never the working directory; $ALPENGLOW_CACHE_DIR, when set, is
 * the directory itself (cluster jobs put it on the shared file system: docs/cluster.md); override with `dir`. One JSON file per key; writes go through a
 * temporary file and a rename so a crash never leaves a half-written entry.
 */
import type { ProductionSource } from '../app/ports.ts';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALPENGLOW_VERSION } from '../version.ts';
import { type ProductionRequest, type ProductionResult, buildProductionTable } from '../physics/production.ts';
import { validateProductionTable } from '../physics/production-table.ts';

/** The cache's own format version (the physics is covered by productionCodeFingerprint). */
export const PRODUCTION_CACHE_VERSION = 'alpenglow-production-v2';

/**
 * The default cache directory for an environment: $ALPENGLOW_CACHE_DIR when set, else
 * $XDG_CACHE_HOME/alpenglow/production (the XDG Base Directory spec ignores a relative XDG_CACHE_HOME),
 * else <home>/.cache/alpenglow/production.
 */
export function defaultProductionCacheDir(env: Record<string, string | undefined> = process.env, home: string = homedir()): string {
  if (env.ALPENGLOW_CACHE_DIR) return resolve(env.ALPENGLOW_CACHE_DIR);
  const xdgCacheHome = env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : join(home, '.cache');
  return join(xdgCacheHome, 'alpenglow', 'production');
}

/** The cache directory: `dir` if given, else defaultProductionCacheDir() ($ALPENGLOW_CACHE_DIR, XDG, ~/.cache). */
export function productionCacheDir(options: CacheOptions = {}): string {
  return options.dir !== undefined ? resolve(options.dir) : defaultProductionCacheDir();
}

/** Stable JSON (sorted keys; typed arrays as arrays) for hashing. */
function canonical(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/**
 * SHA-256 of the code that builds production tables: the version, and the files of src/physics when
 * running from the sources (tsx), else the running bundle file (the offline bundle carries the
 * physics inside its one bundled CLI). Computed once per process.
 */
export function codeFingerprint(physicsDir: string | null, fallbackFile: string): string {
  const hash = createHash('sha256').update(PRODUCTION_CACHE_VERSION).update(ALPENGLOW_VERSION);
  if (physicsDir && existsSync(physicsDir)) {
    for (const name of readdirSync(physicsDir)
      .filter((entry) => entry.endsWith('.ts'))
      .sort())
      hash.update(name).update(readFileSync(join(physicsDir, name)));
  } else {
    hash.update(readFileSync(fallbackFile));
  }
  return hash.digest('hex');
}

let fingerprint: string | null = null;

export function productionCodeFingerprint(): string {
  if (fingerprint === null) {
    const here = fileURLToPath(import.meta.url);
    fingerprint = codeFingerprint(here.endsWith('.ts') ? fileURLToPath(new URL('../physics/', import.meta.url)) : null, here);
  }
  return fingerprint;
}

/** SHA-256 hex key of the inputs (anything JSON-like, typed arrays included) and of the code that builds the tables. */
export function productionCacheKey(inputs: unknown, code = productionCodeFingerprint()): string {
  return createHash('sha256')
    .update(code)
    .update(JSON.stringify(canonical(inputs)))
    .digest('hex');
}

export interface CacheOptions {
  dir?: string;
}

function revive(json: Record<string, unknown>): ProductionResult {
  return {
    ...(json as unknown as ProductionResult),
    energyEdgesGeV: Float64Array.from(json.energyEdgesGeV as number[]),
    thetaEdgesRad: Float64Array.from(json.thetaEdgesRad as number[]),
    binContent: Float64Array.from(json.binContent as number[]),
  };
}

/** Reads a cached table or returns undefined (missing or unreadable entries are treated as misses). */
export function readCachedTable(key: string, options: CacheOptions = {}): ProductionResult | undefined {
  const file = join(productionCacheDir(options), `${key}.json`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const table = revive(JSON.parse(text));
    validateProductionTable(table, file);
    return table;
  } catch {
    return undefined;
  }
}

export function writeCachedTable(key: string, table: ProductionResult, options: CacheOptions = {}): string {
  const dir = productionCacheDir(options);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${key}.json`);
  const tmp = `${file}.${process.pid}.tmp`;
  // JSON numbers round-trip float64 exactly (shortest round-trip formatting).
  writeFileSync(tmp, JSON.stringify(canonical(table)));
  renameSync(tmp, file);
  return file;
}

/** Returns the cached table for `inputs` or builds, stores and returns it. `hit` says which. */
export function cachedProductionTable(
  inputs: unknown,
  build: () => ProductionResult,
  options: CacheOptions = {},
): { table: ProductionResult; hit: boolean; key: string } {
  const key = productionCacheKey(inputs);
  const cached = readCachedTable(key, options);
  if (cached) return { table: cached, hit: true, key };
  const table = build();
  writeCachedTable(key, table, options);
  return { table, hit: false, key };
}

/**
 * buildProductionTable through the cache. The key covers the whole request (user photons/mesons
 * included, by content) and the code that builds the table.
 */
export function cachedBuildProductionTable(request: ProductionRequest, options: CacheOptions = {}): { table: ProductionResult; hit: boolean; key: string } {
  const target = typeof request.target === 'string' ? request.target : request.target.symbol;
  return cachedProductionTable({ ...request, target }, () => buildProductionTable(request), options);
}

/** The ProductionSource port for Node: tables from the disk cache, built and stored on a miss. */
export function cachedProductionSource(options: CacheOptions = {}): ProductionSource {
  return { table: (request) => cachedBuildProductionTable(request, options).table };
}
