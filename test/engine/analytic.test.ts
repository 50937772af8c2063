/**
 * The WGSL engine against closed-form results, through whatever adapter the machine has
 * (Mesa llvmpipe on CI). Tolerances are derived in the comments.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOnGpu } from '../../src/engine/gpu-engine.ts';
import { runReference } from '../../src/engine/reference-engine.ts';
import { logSpaced, type EngineJob } from '../../src/engine/job.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { HBAR_C_GEV_M } from '../../src/physics/constants.ts';
import { LOG_WEIGHT_FLOOR } from '../../src/engine/wgsl-constants.ts';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import { testDevice } from '../helpers/gpu.ts';
import { decayOnlyJob, PHOTONS } from '../helpers/jobs.ts';
import type { ProductionTable } from '../../src/physics/production-table.ts';

let acquired: AcquiredDevice;
beforeAll(async () => {
  acquired = await testDevice();
});

describe('decay-in-volume probability (mono-energetic ALPs on the axis)', () => {
  it('matches exp(−l₁/λ)(1 − exp(−L/λ)) from Γ = 1e-25 to 1e-10 GeV', async () => {
    const energyGeV = 10;
    const masses = [0.001, 0.135, 3];
    const widths = logSpaced(1e-25, 1e-10, 31);
    const job = decayOnlyJob(masses, energyGeV, widths, 512);
    const table = await runOnGpu(acquired, job, nodeShaderSources());
    const l1 = 45.75;
    const length = 64 - 45.75;
    let compared = 0;
    masses.forEach((mass, m) => {
      const momentum = Math.sqrt(energyGeV * energyGeV - mass * mass);
      widths.forEach((width, w) => {
        const inverseLambda = (width / HBAR_C_GEV_M) * (mass / momentum);
        const a = l1 * inverseLambda;
        const b = length * inverseLambda;
        const logExact = -a + Math.log(-Math.expm1(-b));
        const value = table.efficiency[m * widths.length + w];
        expect(Number.isFinite(value), `m=${mass} Γ=${width}`).toBe(true);
        if (logExact < LOG_WEIGHT_FLOOR - 1) {
          // Below e^-700 the kernel drops the trial (shaders/mc-kernel.wgsl): the cell is exactly 0.
          expect(value).toBe(0);
          return;
        }
        if (logExact < LOG_WEIGHT_FLOOR + 1) return; // straddles the floor: either answer is right
        // Error budget of ln P in f32 (u = 2^-24 ≈ 6e-8):
        //  - the inverse decay length Γ/ħc · m/p carries ≤ 8u from roundings plus the sampled energy
        //    spread of the bin (1e-6 relative in E → ≤ 1e-6/β² in p, β ≥ 0.95 here): ≤ 2e-6 relative,
        //    so ≤ 2e-6 (a + b) in the exponent;
        //  - 1 − e^{−b} (series below 0.01, subtraction above): ≤ 2e-5 relative; log: ≤ 5e-7 absolute;
        //  - the weight as fraction · 2^k: −a·log₂e rounded in f32 (≤ u·a, inside the first item); the
        //    scale 2^k is exact (earlier kernels stored ln M in f32: ≤ u |ln P|, kept in the budget).
        // Doubled for safety: 5e-6 (a + b) + 5e-5 + 2e-7 |ln P|.
        const tolerance = 5e-6 * (a + b) + 5e-5 + 2e-7 * Math.abs(logExact);
        expect(Math.abs(Math.log(value) - logExact), `m=${mass} GeV, Γ=${width.toExponential(2)} GeV, ln P=${logExact.toFixed(3)}`).toBeLessThanOrEqual(
          tolerance,
        );
        compared++;
      });
    });
    expect(compared).toBeGreaterThan(60);
  });
});

describe('weight floor (2^-1010 ≈ e^-700.09)', () => {
  it('keeps a trial just above it and drops one just below it, in both engines', async () => {
    // Mono-energetic ALPs on the axis with widths chosen so that ln P = -a + ln(1 - e^-b) lands at
    // 3 units above and below the floor (b ≈ 0.4 a here, so ln(1 - e^-b) ≈ 0).
    const energyGeV = 10;
    const mass = 0.135;
    const l1 = 45.75;
    const momentum = Math.sqrt(energyGeV * energyGeV - mass * mass);
    const widthFor = (logP: number) => (-logP * HBAR_C_GEV_M * momentum) / (mass * l1);
    const widths = [widthFor(LOG_WEIGHT_FLOOR + 3), widthFor(LOG_WEIGHT_FLOOR - 3)];
    const job = decayOnlyJob([mass], energyGeV, widths, 256);
    for (const table of [await runOnGpu(acquired, job, nodeShaderSources()), runReference(job)]) {
      // Above: e^(floor + 3) to the f32 budget of the test above (a ≈ 697: 5e-6 (a + b) ≈ 5e-3).
      expect(Math.abs(Math.log(table.efficiency[0]) - (LOG_WEIGHT_FLOOR + 3)), table.engine.kind).toBeLessThan(6e-3);
      expect(table.efficiency[1], table.engine.kind).toBe(0);
    }
  });
});

describe('a → γγ opening angle', () => {
  it('follows P(θ₁₂ ≤ θ) = √(1 − 1/(γ² sin²(θ/2)))/β', async () => {
    // Mono-energetic long-lived ALPs: all weights are equal (to 1e-6), so the region efficiencies
    // are a multinomial histogram of the opening angle scaled by the common decay probability.
    const mass = 0.1;
    const energy = 10;
    const gamma = energy / mass;
    const beta = Math.sqrt(1 - 1 / (gamma * gamma));
    const thetaMin = 2 * Math.asin(1 / gamma);
    const edges = [thetaMin, 0.0202, 0.0205, 0.021, 0.022, 0.024, 0.028, 0.035, 0.05, 0.1, Math.PI];
    const cdf = (theta: number) => Math.min(1, Math.sqrt(Math.max(0, 1 - 1 / (gamma * gamma * Math.sin(theta / 2) ** 2))) / beta);
    const regions = edges.slice(0, -1).map((lo, i) => ({
      name: `bin ${i}`,
      x: 'pair.openingAngleRad',
      y: 'pair.energySumGeV',
      area: { include: { type: 'box' as const, xMin: i === 0 ? 0 : lo, xMax: edges[i + 1], yMin: 0, yMax: 1e3 } },
    }));
    const samples = 100_000;
    const job = { ...decayOnlyJob([mass], energy, [1e-20], samples), selection: { cuts: [], regions } };
    const table = await runOnGpu(acquired, job, nodeShaderSources());
    const total = Array.from(table.efficiency).reduce((x, y) => x + y, 0);
    // A photon goes backwards in the lab (and the event is lost) with probability (1 − β) ≈ 5e-5:
    // far below the statistical resolution, so bins are compared as fractions of the total.
    regions.forEach((_, i) => {
      const expected = cdf(edges[i + 1]) - cdf(edges[i]);
      const observed = table.efficiency[i] / total;
      const sigma = Math.sqrt((expected * (1 - expected)) / samples);
      // 10 bins, k = 5: a false alarm needs a 5σ fluctuation (p ≈ 6e-7 per bin).
      expect(Math.abs(observed - expected), `bin ${i} [${edges[i]}, ${edges[i + 1]}]`).toBeLessThanOrEqual(5 * sigma + 1e-6);
    });
  });
});

describe('geometric acceptance of a disc', () => {
  it('equals the solid-angle fraction for a point source', async () => {
    // ALPs almost at rest (βγ ≈ 1e-3) decay in a 0.1 mm slab at z = 1 m: a point source of
    // back-to-back photons, isotropic up to O(β) = 1e-3. A disc of radius R at distance h
    // catches one of the two photons with probability 2 · (1 − h/√(h² + R²))/2 (they cannot
    // both hit it). Acceptance = efficiency with the disc / efficiency without any detector.
    const mass = 1;
    const energy = Math.sqrt(1 + 1e-6);
    const radius = 1;
    const distance = 2;
    const table: ProductionTable = {
      massGeV: mass,
      mode: 'toy',
      energyEdgesGeV: [energy, energy * (1 + 1e-12)],
      thetaEdgesRad: [0, 1e-9],
      energyAxisLog: false,
      thetaAxisLog: false,
      binContent: [1],
      referenceCoupling: 'toy',
    };
    const samples = 200_000;
    const base: EngineJob = {
      label: 'point source',
      channel: PHOTONS,
      geometry: { originM: [0, 0, 0], axisAngleRad: 0, fiducialStartZM: 1, fiducialEndZM: 1.0001, ecalZM: 1 + distance },
      selection: { cuts: [], regions: [] },
      massesGeV: [mass],
      widthsGeV: [1e-19],
      samplesPerMass: samples,
      seed: 99,
      production: () => table,
    };
    const withDisc = {
      ...base,
      selection: { cuts: [], regions: [], acceptance: { productsRequired: 1 as const, area: { include: { type: 'disc' as const, radius } } } },
    };
    const [open, disc] = [await runOnGpu(acquired, base, nodeShaderSources()), await runOnGpu(acquired, withDisc, nodeShaderSources())];
    const acceptance = disc.efficiency[0] / open.efficiency[0];
    const expected = 1 - distance / Math.hypot(distance, radius);
    const sigma = Math.sqrt((expected * (1 - expected)) / samples);
    // 4σ statistical plus the O(β) ≈ 1e-3 relative anisotropy of the slightly moving source.
    expect(Math.abs(acceptance - expected)).toBeLessThanOrEqual(4 * sigma + 2e-3 * expected);
  });
});
