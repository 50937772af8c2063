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
import { runCli } from '../helpers/cli.ts';
import { kotoLikeJob } from '../helpers/jobs.ts';
import { agreementJob, compareWithReference, CROSS_CHECK_TOLERANCES, engineCrossCheck } from '../../src/engine/cross-check.ts';

let acquired: AcquiredDevice;
beforeAll(async () => {
  acquired = await testDevice();
});

describe('WGSL engine vs float64 reference (KOTO-like toy scenario, independent seeds)', () => {
  it('agrees cell by cell within k·σ of the combined MC error', async () => {
    // The job and tolerances are src/engine/cross-check.ts's, which `alpenglow check` runs on GPU nodes.
    const job = agreementJob();
    const gpu = await runOnGpu(acquired, job, nodeShaderSources());
    const reference = runReference({ ...job, seed: job.seed + 1000 });
    const agreement = compareWithReference(gpu, reference);
    for (const { cell, gpu: g, reference: r, pull } of agreement.pulls) {
      expect(Math.abs(pull), `cell ${cell} gpu=${g} ref=${r}`).toBeLessThanOrEqual(CROSS_CHECK_TOLERANCES.maxAbsPull);
    }
    expect(agreement.compared).toBeGreaterThanOrEqual(CROSS_CHECK_TOLERANCES.minCells);
    expect(agreement.chiSquare).toBeLessThan(CROSS_CHECK_TOLERANCES.chiSquarePerCell * agreement.compared);
    expect(agreement.passed).toBe(true);
  });
});

describe('determinism', () => {
  it('gives bit-identical tables for different chunkings, workgroup sizes and mass orders', async () => {
    const job = kotoLikeJob({ samplesPerMass: 5000 });
    const sources = nodeShaderSources();
    const a = await runOnGpu(acquired, job, sources, { batchesPerChunk: 1, workgroupSize: 64 });
    const b = await runOnGpu(acquired, job, sources, { batchesPerChunk: 7, workgroupSize: 32 });
    const c = await runOnGpu(acquired, job, sources, { workgroupSize: 4 });
    // Several widths per thread (the width slots of src/engine/width-slots.ts), with slots left
    // empty at the end of the grid, sum each width in the same order: the same table.
    const d = await runOnGpu(acquired, job, sources, { workgroupSize: 4, widthsPerThread: 2 });
    const e = await runOnGpu(acquired, job, sources, { workgroupSize: 2, widthsPerThread: 5 });
    expect(a.efficiency.some((value) => value > 0)).toBe(true);
    expect(Array.from(b.efficiency)).toEqual(Array.from(a.efficiency));
    expect(Array.from(c.efficiency)).toEqual(Array.from(a.efficiency));
    expect(Array.from(d.efficiency)).toEqual(Array.from(a.efficiency));
    expect(Array.from(e.efficiency)).toEqual(Array.from(a.efficiency));
    expect(Array.from(b.efficiencyError)).toEqual(Array.from(a.efficiencyError));
    expect(Array.from(e.efficiencyError)).toEqual(Array.from(a.efficiencyError));
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

describe('engine self-check (alpenglow check)', () => {
  it('passes on this adapter: agreement, determinism and finiteness together', async () => {
    const report = await engineCrossCheck(acquired, nodeShaderSources());
    expect(report.agreement.passed).toBe(true);
    expect(report.deterministic).toBe(true);
    expect(report.finite).toBe(true);
    expect(report.passed).toBe(true);
  });

  it('is the `alpenglow check` command: exit 0 and the JSON report on this adapter', async () => {
    const adapter = process.env.ALPENGLOW_ADAPTER ?? 'auto';
    const result = await runCli(['check', '--json', '--adapter', adapter]);
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.passed).toBe(true);
    expect(report.agreement.compared).toBeGreaterThanOrEqual(report.tolerances.minCells);
    expect(report.adapter).toMatch(/\[.*(hardware|software)\]$/);
    expect(result.stderr).toContain(`alpenglow: running on ${report.adapter}`);
  });
});
