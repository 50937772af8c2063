/**
 * WGSL engine vs the independent float64 reference, determinism, and the no-NaN guarantee.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOnGpu } from '../../src/engine/gpu-engine.ts';
import { runReference } from '../../src/engine/reference-engine.ts';
import { logSpaced } from '../../src/engine/job.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import { testDevice } from '../helpers/gpu.ts';
import { kotoLikeJob } from '../helpers/jobs.ts';

let acquired: AcquiredDevice;
beforeAll(async () => {
  acquired = await testDevice();
});

describe('WGSL engine vs float64 reference (KOTO-like toy scenario, independent seeds)', () => {
  it('agrees cell by cell within k·σ of the combined MC error', async () => {
    const job = kotoLikeJob({ samplesPerMass: 60_000, massesGeV: [0.08, 0.2, 0.45], widthsGeV: logSpaced(1e-19, 1e-14, 6) });
    const gpu = await runOnGpu(acquired, job, nodeShaderSources());
    const reference = runReference({ ...job, seed: job.seed + 1000 });
    let compared = 0;
    let chiSquare = 0;
    for (let i = 0; i < gpu.efficiency.length; i++) {
      const sigma = Math.hypot(gpu.efficiencyError[i], reference.efficiencyError[i]);
      const scale = Math.max(gpu.efficiency[i], reference.efficiency[i]);
      // Only cells with enough effective samples for a Gaussian error: relative error < 20 % in both.
      if (!(scale > 0) || gpu.efficiencyError[i] > 0.2 * gpu.efficiency[i] || reference.efficiencyError[i] > 0.2 * reference.efficiency[i]) continue;
      const pull = (gpu.efficiency[i] - reference.efficiency[i]) / sigma;
      // k = 4.5: with M ≤ 36 cells, Bonferroni gives P(any |pull| > 4.5) ≤ 36 · 6.8e-6 ≈ 2.5e-4 for
      // independent seeds (cells of neighbouring widths are correlated, which only lowers it).
      expect(Math.abs(pull), `cell ${i} gpu=${gpu.efficiency[i]} ref=${reference.efficiency[i]}`).toBeLessThanOrEqual(4.5);
      chiSquare += pull * pull;
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(15);
    // Correlated cells make χ² heavier-tailed than χ²(M); 3M still catches a systematic offset of
    // ~1.4σ per cell.
    expect(chiSquare).toBeLessThan(3 * compared);
  });
});

describe('determinism', () => {
  it('gives bit-identical tables for different chunkings, workgroup sizes and mass orders', async () => {
    const job = kotoLikeJob({ samplesPerMass: 5000 });
    const sources = nodeShaderSources();
    const a = await runOnGpu(acquired, job, sources, { batchesPerChunk: 1, workgroupSize: 64 });
    const b = await runOnGpu(acquired, job, sources, { batchesPerChunk: 7, workgroupSize: 32 });
    const c = await runOnGpu(acquired, job, sources, { workgroupSize: 4 });
    expect(a.efficiency.some((value) => value > 0)).toBe(true);
    expect(Array.from(b.efficiency)).toEqual(Array.from(a.efficiency));
    expect(Array.from(c.efficiency)).toEqual(Array.from(a.efficiency));
    expect(Array.from(b.efficiencyError)).toEqual(Array.from(a.efficiencyError));
    const again = await runOnGpu(acquired, job, sources, { batchesPerChunk: 3 });
    expect(Array.from(again.efficiency)).toEqual(Array.from(a.efficiency));
    // Masses run in the opposite order (and each alone) reproduce their cells bit for bit when
    // they keep their grid index: a mass's result depends only on (seed, grid index).
    const cellsPerMass = job.widthsGeV.length * a.regionNames.length;
    const reversed = await runOnGpu(acquired, { ...job, massesGeV: [...job.massesGeV].reverse(), massGridIndices: [1, 0] }, sources);
    expect(Array.from(reversed.efficiency.slice(0, cellsPerMass))).toEqual(Array.from(a.efficiency.slice(cellsPerMass)));
    expect(Array.from(reversed.efficiency.slice(cellsPerMass))).toEqual(Array.from(a.efficiency.slice(0, cellsPerMass)));
    const secondAlone = await runOnGpu(acquired, { ...job, massesGeV: [job.massesGeV[1]], massGridIndices: [1] }, sources);
    expect(Array.from(secondAlone.efficiency)).toEqual(Array.from(a.efficiency.slice(cellsPerMass)));
  });
});

describe('numerical range', () => {
  it('has no NaN or Inf anywhere on m = 1 MeV … 3 GeV × Γ = 1e-25 … 1e-10 GeV', async () => {
    const job = kotoLikeJob({ massesGeV: logSpaced(0.001, 3, 7), widthsGeV: logSpaced(1e-25, 1e-10, 16), samplesPerMass: 4096 });
    const gpu = await runOnGpu(acquired, job, nodeShaderSources());
    const reference = runReference({ ...job, samplesPerMass: 1024 });
    for (const table of [gpu, reference]) {
      for (let i = 0; i < table.efficiency.length; i++) {
        expect(Number.isFinite(table.efficiency[i]) && table.efficiency[i] >= 0, `${table.engine.kind} cell ${i}: ${table.efficiency[i]}`).toBe(true);
        expect(Number.isFinite(table.efficiencyError[i]) && table.efficiencyError[i] >= 0, `${table.engine.kind} error ${i}`).toBe(true);
      }
      expect(table.efficiency.some((value) => value > 0)).toBe(true);
    }
  });
});
