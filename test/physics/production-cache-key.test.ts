/**
 * The production-table cache is keyed by what determines a table: the request, the alpenglow
 * version and the code that builds it (issue 16: a physics change must never be tested, or run,
 * against tables the old code built). The test run's cache is a fresh temporary directory.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  codeFingerprint,
  defaultProductionCacheDir,
  productionCacheDir,
  productionCacheKey,
  productionCodeFingerprint,
} from '../../src/node/production-cache.ts';

const PHYSICS = resolve(import.meta.dirname, '../../src/physics');
const scratch = mkdtempSync(join(tmpdir(), 'alpenglow-fingerprint-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('production cache key', () => {
  it('changes when any file of the production code changes, and only then', () => {
    const copy = join(scratch, 'physics');
    cpSync(PHYSICS, copy, { recursive: true });
    const original = codeFingerprint(PHYSICS, '');
    expect(codeFingerprint(copy, '')).toBe(original);
    expect(productionCodeFingerprint()).toBe(original); // running from the sources: src/physics is what is hashed
    const file = join(copy, 'mixing.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('5.7022', '5.7023'));
    expect(codeFingerprint(copy, '')).not.toBe(original);
  });

  it('covers the request and the code', () => {
    const request = { mode: 'mixing', massGeV: 0.1, beamEnergyGeV: 30, target: 'Au' };
    expect(productionCacheKey(request, 'code A')).toBe(productionCacheKey({ ...request }, 'code A'));
    expect(productionCacheKey(request, 'code A')).not.toBe(productionCacheKey(request, 'code B'));
    expect(productionCacheKey(request, 'code A')).not.toBe(productionCacheKey({ ...request, massGeV: 0.2 }, 'code A'));
  });

  it('the tests use a temporary cache directory', () => {
    expect(process.env.ALPENGLOW_CACHE_DIR).toBeTruthy();
    expect(productionCacheDir()).toBe(resolve(process.env.ALPENGLOW_CACHE_DIR!));
    expect(productionCacheDir().startsWith(resolve(tmpdir()))).toBe(true);
  });

  it('defaults to the user cache directory (XDG), never the working directory; ALPENGLOW_CACHE_DIR overrides', () => {
    expect(defaultProductionCacheDir({}, '/home/ada')).toBe('/home/ada/.cache/alpenglow/production');
    expect(defaultProductionCacheDir({ XDG_CACHE_HOME: '/scratch/cache' }, '/home/ada')).toBe('/scratch/cache/alpenglow/production');
    // The XDG spec: a relative XDG_CACHE_HOME is invalid and ignored.
    expect(defaultProductionCacheDir({ XDG_CACHE_HOME: 'relative' }, '/home/ada')).toBe('/home/ada/.cache/alpenglow/production');
    expect(defaultProductionCacheDir({ XDG_CACHE_HOME: '/scratch/cache', ALPENGLOW_CACHE_DIR: '/shared/tables' }, '/home/ada')).toBe('/shared/tables');
    expect(productionCacheDir({ dir: 'here' })).toBe(resolve('here'));
  });
});
