import { describe, expect, it } from 'vitest';
import { InvalidJob, logSpaced, validateJob } from '../../src/engine/job.ts';
import { runOnGpu } from '../../src/engine/gpu-engine.ts';
import { runReference } from '../../src/engine/reference-engine.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { DeviceLostError } from '../../src/engine/device.ts';
import { acquireNodeDevice } from '../../src/node/dawn-device.ts';
import { validateProductionTable } from '../../src/physics/production-table.ts';
import { kotoReconstruct } from '../../src/engine/selection/koto-reconstruction.ts';
import { kotoLikeJob } from '../helpers/jobs.ts';
import { MASS_GEV } from '../../src/physics/constants.ts';

describe('invalid grids are refused with one clear message', () => {
  const cases: Array<[string, Parameters<typeof kotoLikeJob>[0], RegExp]> = [
    ['mass ≤ 0', { massesGeV: [0.1, 0] }, /masses\[1\] must be a finite number > 0 GeV \(got 0\)/],
    ['negative mass', { massesGeV: [-1] }, /masses\[0\] must be a finite number > 0 GeV \(got -1\)/],
    ['empty masses', { massesGeV: [] }, /masses is empty/],
    ['width not positive', { widthsGeV: [1e-20, -1e-18] }, /widths\[1\] must be a finite number > 0 GeV \(got -1e-18\)/],
    ['width NaN', { widthsGeV: [Number.NaN] }, /widths\[0\] must be a finite number > 0 GeV \(got NaN\)/],
    ['empty widths', { widthsGeV: [] }, /widths is empty/],
    ['zero samples', { samplesPerMass: 0 }, /samples per mass must be an integer in \[1, \d+\] \(got 0\)/],
    ['fractional samples', { samplesPerMass: 10.5 }, /samples per mass must be an integer/],
    ['bad seed', { seed: -3 }, /seed must be an integer in \[0, 2\^53\) \(got -3\)/],
  ];
  for (const [name, overrides, message] of cases) {
    it(name, () => {
      expect(() => validateJob(kotoLikeJob(overrides))).toThrow(InvalidJob);
      expect(() => validateJob(kotoLikeJob(overrides))).toThrow(message);
    });
  }

  it('refuses a fiducial volume behind the ECAL and an unknown cut quantity', () => {
    const job = kotoLikeJob();
    expect(() => validateJob({ ...job, geometry: { ...job.geometry, fiducialEndZM: 70 } })).toThrow(/fiducialEndZM = 70 m lies behind the ECAL at 64 m/);
    expect(() => validateJob({ ...job, selection: { ...job.selection, cuts: [{ quantity: 'pair.bogus', min: 1 }] } })).toThrow(
      /cuts\[0\]\.quantity must be one of .* \(got 'pair.bogus'\)/,
    );
    expect(() => validateJob({ ...job, selection: { cuts: [{ quantity: 'koto.pTGeV', min: 0.1 }], regions: [] } })).toThrow(/needs "reconstruction"/);
  });

  it('refuses a broken production table naming the field', () => {
    const table = kotoLikeJob().production(0.1, 0);
    expect(() => validateProductionTable({ ...table, binContent: Array.from(table.binContent, (v, i) => (i === 3 ? -1 : v)) })).toThrow(
      /binContent\[3\] must be finite and ≥ 0 \(got -1\)/,
    );
    expect(() =>
      validateProductionTable({ ...table, energyEdgesGeV: [0.05, 1, 2], binContent: [1, 1].concat(Array(2 * (table.thetaEdgesRad.length - 1) - 2).fill(0)) }),
    ).toThrow(/energyEdgesGeV\[0\] must exceed massGeV/);
    expect(() => runReference(kotoLikeJob({ production: (m) => ({ ...table, massGeV: m * 2 }) }))).toThrow(/was made for m = /);
  });
});

describe('device lost mid-run', () => {
  it('throws DeviceLostError and returns no table', async () => {
    const acquired = await acquireNodeDevice();
    const job = kotoLikeJob({ samplesPerMass: 20_000, widthsGeV: logSpaced(1e-20, 1e-14, 7) });
    const run = runOnGpu(acquired, job, nodeShaderSources(), {
      batchesPerChunk: 1,
      onProgress: (progress) => {
        if (progress.trialsDone > 0) acquired.device.destroy();
      },
    });
    await expect(run).rejects.toThrow(DeviceLostError);
    await expect(run).rejects.toThrow(/No table was produced/);
  });
});

describe('KOTO π0-hypothesis reconstruction (physics.md §7.3)', () => {
  it('returns the true distance for an on-axis π0 to machine precision', () => {
    // π0 of 2 GeV decaying on the axis 8 m upstream of the ECAL, photons at 40° to the flight line in the rest frame.
    const mass = MASS_GEV.pi0;
    const energy = 2;
    const momentum = Math.sqrt(energy * energy - mass * mass);
    const gamma = energy / mass;
    const betaGamma = momentum / mass;
    const star = mass / 2;
    const hits: Array<[number, number]> = [];
    const energies: number[] = [];
    for (const [cos, phi] of [
      [Math.cos(0.7), 0.3],
      [-Math.cos(0.7), 0.3 + Math.PI],
    ] as const) {
      const sin = Math.sqrt(1 - cos * cos);
      const pz = gamma * star * cos + betaGamma * star;
      const px = star * sin * Math.cos(phi);
      const py = star * sin * Math.sin(phi);
      energies.push(gamma * star + betaGamma * star * cos);
      hits.push([(px / pz) * 8, (py / pz) * 8]);
    }
    const reco = kotoReconstruct(hits[0], hits[1], energies[0], energies[1], 64, 44)!;
    expect(Math.abs(reco.distanceM - 8)).toBeLessThan(1e-9);
    expect(reco.zVtxM).toBeCloseTo(64 - 8 - 44, 9);
  });

  it('maps an ALP vertex to d ≈ dz_a m_a/m_π0 (KOTO eq. 10): m = 0.3 GeV, dz = 2 m → 4.45 m', () => {
    // Symmetric decay of a 0.3 GeV ALP along the axis, 2 m before the ECAL: photons at ±θ/2.
    const mass = 0.3;
    const energy = 3;
    const openingHalf = Math.asin(mass / energy); // symmetric decay: sin(θ/2) = m / E
    const r = 2 * Math.tan(openingHalf);
    const reco = kotoReconstruct([r, 0], [-r, 0], energy / 2, energy / 2, 64, 44)!;
    // Eq. 10 gives 2 × 0.3/0.13498 = 4.445 m; it is a small-angle result and the opening angle here is
    // 0.2 rad, so O(θ²) ≈ 1 % corrections are expected: tolerance 1 % (4.46 m is what the exact solution gives).
    expect(Math.abs(reco.distanceM - (2 * mass) / MASS_GEV.pi0)).toBeLessThan(0.01 * 4.445);
  });
});
