/**
 * runLimits with the meson-spectrum shape in the systematic band (issue 15 §3; docs/limits.md §6b):
 * koto-step2 with the real production physics and the float64 reference engine, small samples.
 * - the alternatives are engine runs of the meson-derived modes only, on the nominal masses, widths,
 *   seed and samples, with production requests that carry the shape;
 * - alternatives equal to the tuned shape reproduce the band without the shape exactly;
 * - the default alternatives give a band at least as wide as without, holding the nominal exclusion.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Engine, ProductionSource } from '../../src/app/ports.ts';
import { referenceEngine } from '../../src/app/ports.ts';
import { runLimits, type RunLimitsRequest } from '../../src/app/run-limits.ts';
import type { EngineJob } from '../../src/engine/job.ts';
import { logSpace, type ExclusionEntry } from '../../src/limits/compute.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { shapeParameters } from '../../src/physics/meson-spectra.ts';
import type { ProductionRequest } from '../../src/physics/production.ts';
import { kotoStep2Target } from './fixtures.ts';

const cacheDir = mkdtempSync(join(tmpdir(), 'alpenglow-spectrum-systematics-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** The reference engine and the disk cache, recording the jobs and production requests. */
function recording(): { engine: Engine; production: ProductionSource; jobs: EngineJob[]; requests: ProductionRequest[] } {
  const inner = referenceEngine();
  const cache = cachedProductionSource({ dir: cacheDir });
  const jobs: EngineJob[] = [];
  const requests: ProductionRequest[] = [];
  return {
    jobs,
    requests,
    engine: { ...inner, run: (job, options) => (jobs.push(job), inner.run(job, options)) },
    production: { table: (request, signal) => (requests.push(request), cache.table(request, signal)) },
  };
}

function interval(entries: ExclusionEntry[], massGeV: number): [number, number] | undefined {
  const at = entries.filter((entry) => entry.massGeV === massGeV);
  if (at.length === 0) return undefined;
  return [Math.min(...at.map((entry) => entry.lowerCoupling ?? 0)), Math.max(...at.map((entry) => entry.upperCoupling ?? Number.POSITIVE_INFINITY))];
}

function inside(inner: [number, number] | undefined, outer: [number, number] | undefined): boolean {
  if (!inner) return true;
  if (!outer) return false;
  return inner[0] >= outer[0] * (1 - 1e-12) && inner[1] <= outer[1] * (1 + 1e-12);
}

describe('runLimits with spectrumSystematics (koto-step2, reference engine)', async () => {
  const target = await kotoStep2Target();
  const masses = [0.1, 0.25];
  const base = (): Omit<RunLimitsRequest, 'engine' | 'production'> => ({
    scenarios: [target],
    model: 'gluon',
    couplingsPerGeV: logSpace(1e-6, 1e-1, 51),
    massesGeV: masses,
    samplesPerMass: 3000,
    seed: 5,
    widthsPerDecade: 3,
    maxAddedMasses: 0,
    contourMassCount: 6,
    systematics: true,
  });
  const plainPorts = recording();
  const plain = (await runLimits({ ...base(), ...plainPorts })).limits[0];
  const identicalPorts = recording();
  const identical = (
    await runLimits({
      ...base(),
      ...identicalPorts,
      spectrumSystematics: true,
      spectrumShapes: (energy) => [
        { name: 'softer', shape: shapeParameters(energy) },
        { name: 'harder', shape: shapeParameters(energy) },
      ],
    })
  ).limits[0];
  const variedPorts = recording();
  const varied = (await runLimits({ ...base(), ...variedPorts, spectrumSystematics: true })).limits[0];

  it('runs the meson-derived modes once more per alternative, same masses, seed and samples, with the shape in the request', () => {
    const affected = ['primakoff-meson-photons', 'mixing'];
    const extra = variedPorts.jobs.slice(plainPorts.jobs.length);
    expect(extra).toHaveLength(2 * affected.length * masses.length);
    for (const job of extra) {
      const twin = plainPorts.jobs.find((other) => other.label === job.label)!;
      expect(twin).toBeDefined();
      expect(affected.some((mode) => job.label.includes(` ${mode} `))).toBe(true);
      expect(job.seed).toBe(twin.seed);
      expect(job.samplesPerMass).toBe(twin.samplesPerMass);
      expect(job.massGridIndices).toEqual(twin.massGridIndices);
      expect(job.widthsGeV).toEqual(twin.widthsGeV);
    }
    const shaped = variedPorts.requests.filter((request) => request.spectrumShape);
    expect(new Set(shaped.map((request) => request.mode))).toEqual(new Set(affected));
    expect(plainPorts.requests.some((request) => request.spectrumShape)).toBe(false);
  });

  it('alternatives equal to the tuned shape give exactly the band without the shape', () => {
    expect(identical.systematicBand).toEqual(plain.systematicBand);
    expect(identical.contours.systematicMinus1Sigma).toEqual(plain.contours.systematicMinus1Sigma);
    expect(identical.contours.systematicPlus1Sigma).toEqual(plain.contours.systematicPlus1Sigma);
    expect(identical.exclusion).toEqual(plain.exclusion);
    const shape = identical.systematics!.variations.find((variation) => variation.name === 'meson-spectrum-shape')!;
    expect(shape.yieldFactorRange).toEqual([1, 1]);
  });

  it('the default alternatives widen the band, which still holds the nominal exclusion', () => {
    expect(varied.exclusion).toEqual(plain.exclusion);
    const shape = varied.systematics!.variations.find((variation) => variation.name === 'meson-spectrum-shape')!;
    expect(shape.alternatives!.map((alternative) => alternative.name)).toEqual(['softer', 'harder']);
    expect(shape.yieldFactorRange[0]).toBeLessThan(1);
    expect(shape.yieldFactorRange[1]).toBeGreaterThan(1);
    let excluded = 0;
    for (const m of masses) {
      const nominal = interval(varied.exclusion, m);
      if (nominal) excluded++;
      expect(inside(interval(varied.systematicBand!.minus1Sigma, m), interval(plain.systematicBand!.minus1Sigma, m)), `m = ${m} minus`).toBe(true);
      expect(inside(interval(varied.systematicBand!.minus1Sigma, m), nominal), `m = ${m} minus vs nominal`).toBe(true);
      expect(inside(nominal, interval(varied.systematicBand!.plus1Sigma, m)), `m = ${m} plus vs nominal`).toBe(true);
      expect(inside(interval(plain.systematicBand!.plus1Sigma, m), interval(varied.systematicBand!.plus1Sigma, m)), `m = ${m} plus`).toBe(true);
    }
    expect(excluded).toBe(masses.length);
  });

  it('refuses given tables and a run without systematics', async () => {
    await expect(runLimits({ ...base(), tables: [], scenarios: [], spectrumSystematics: true })).rejects.toThrow(/cannot use given tables/);
    await expect(runLimits({ ...base(), ...recording(), systematics: false, spectrumSystematics: true })).rejects.toThrow(/needs systematics on/);
  });
}, 600_000);
