/**
 * The decay point's distribution along the flight line, through the kernel: for every regime of
 * b = L/λ (from 0.02 to 30; the inverse CDF with its small-t series, shaders/decay-in-volume.wgsl) the tally in slices of z must be the exponential's mass in each
 * slice, e^{−z_lo/λ} − e^{−z_hi/λ}. Mono-energetic ALPs along the axis (θ ≲ 1e-6: z = path length
 * to 1e-12 relative), so the only randomness is the decay point.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOnGpu } from '../../src/engine/gpu-engine.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { HBAR_C_GEV_M } from '../../src/physics/constants.ts';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import { testDevice } from '../helpers/gpu.ts';
import { decayOnlyJob } from '../helpers/jobs.ts';

let acquired: AcquiredDevice;
beforeAll(async () => {
  acquired = await testDevice();
});

describe('decay point along the flight line (forced decay in [l1, l2])', () => {
  it('fills z slices as the truncated exponential for b = L/λ from 0.02 to 30', async () => {
    const energyGeV = 10;
    const mass = 0.135;
    const l1 = 45.75;
    const l2 = 64;
    const momentum = Math.sqrt(energyGeV * energyGeV - mass * mass);
    const bValues = [0.02, 0.09, 0.11, 0.5, 2, 7, 30];
    // b = L Γ m / (ħc p)  ⇒  Γ = b ħc p / (L m)
    const widths = bValues.map((b) => (b * HBAR_C_GEV_M * momentum) / ((l2 - l1) * mass));
    const slices = 12;
    const samples = 40_000;
    const job = decayOnlyJob([mass], energyGeV, widths, samples);
    job.selection = {
      cuts: [],
      regions: [],
      histogram: { x: 'decay.zM', y: 'decay.radiusM', xBins: [l1, l2, slices], yBins: [0, 1, 1] },
    };
    const table = await runOnGpu(acquired, job, nodeShaderSources());
    const histogram = table.histogram!;
    expect(histogram.efficiency.length).toBe(widths.length * slices);
    let chiSquare = 0;
    let compared = 0;
    widths.forEach((width, w) => {
      const inverseLambda = ((width / HBAR_C_GEV_M) * mass) / momentum;
      for (let s = 0; s < slices; s++) {
        const zLow = l1 + ((l2 - l1) * s) / slices;
        const zHigh = l1 + ((l2 - l1) * (s + 1)) / slices;
        // Exact mass of the slice, e^{−z_lo/λ}(1 − e^{−(z_hi − z_lo)/λ}), in float64.
        const expected = Math.exp(-zLow * inverseLambda) * -Math.expm1(-(zHigh - zLow) * inverseLambda);
        const value = histogram.efficiency[w * slices + s];
        const error = histogram.efficiencyError[w * slices + s];
        const label = `b=${bValues[w]}, slice ${s}: ${value} vs ${expected}`;
        // Each slice holds ≥ 40 000 · 1e-3 trials here except the far slices at b = 30; those with
        // fewer than ~25 expected entries are checked only to be small.
        const expectedEntries = (samples * expected) / (Math.exp(-l1 * inverseLambda) * -Math.expm1(-(l2 - l1) * inverseLambda));
        if (expectedEntries < 25) {
          expect(value, label).toBeLessThan(expected * 4 + 1e-300);
          continue;
        }
        expect(error, label).toBeGreaterThan(0);
        const pull = (value - expected) / error;
        // k = 5 over ≤ 84 slices: P(any |pull| > 5) ≈ 84 · 5.7e-7 ≈ 5e-5.
        expect(Math.abs(pull), label).toBeLessThanOrEqual(5);
        chiSquare += pull * pull;
        compared++;
      }
    });
    expect(compared).toBeGreaterThanOrEqual(70);
    // χ²/M: mean 1, sd √(2/M) ≈ 0.17 for M ≈ 75 (slices of one width are anti-correlated, which
    // only lowers it); 1.6 is > 3σ and catches a 0.8σ bias per slice.
    expect(chiSquare, `χ² = ${chiSquare.toFixed(1)} over ${compared}`).toBeLessThan(1.6 * compared);
  });
});
