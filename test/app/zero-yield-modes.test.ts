/**
 * Issue 15 §2: a production mode that yields nothing at a mass contributes 0 there instead of
 * aborting the scan. koto-step2 with the real production physics: above ~2.9 GeV the meson-photon
 * Primakoff mode has no photons heavy enough (yield exactly 0) while the mixing mode still yields;
 * runLimits over 0.3, 3 and 20 GeV must finish, with exactly-zero Primakoff rows at 3 and 20 GeV.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src/app/ports.ts';
import { runLimits } from '../../src/app/run-limits.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { prepareTableSet } from '../../src/limits/rescale.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { kotoStep2Target } from './fixtures.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'alpenglow-zero-yield-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe('zero-yield production modes', () => {
  it('koto-step2 at 3 and 20 GeV: the empty Primakoff mode contributes exactly 0, the scan completes', async () => {
    const target = await kotoStep2Target();
    const { limits, sets } = await runLimits({
      scenarios: [target],
      model: 'gluon',
      couplingsPerGeV: logSpace(1e-6, 1e-1, 51),
      massesGeV: [0.3, 3, 20],
      samplesPerMass: 400,
      seed: 3,
      engine: referenceEngine(),
      production: cachedProductionSource({ dir: cacheDir }),
      maxAddedMasses: 0,
    });
    expect(limits).toHaveLength(1);
    const tables = prepareTableSet(sets[0]);
    const primakoff = tables.modes.find((mode) => mode.mode === 'primakoff-meson-photons')!;
    const mixing = tables.modes.find((mode) => mode.mode === 'mixing')!;
    expect(tables.massesGeV).toEqual([0.3, 3, 20]);
    expect(primakoff.yieldPerPot[0]).toBeGreaterThan(0);
    const cells = tables.widthsGeV.length * tables.regionNames.length;
    for (const m of [1, 2]) {
      expect(primakoff.yieldPerPot[m]).toBe(0);
      expect(primakoff.efficiency.slice(m * cells, (m + 1) * cells).every((value) => value === 0)).toBe(true);
      expect(mixing.yieldPerPot[m]).toBeGreaterThan(0);
    }
  }, 120_000);
});
