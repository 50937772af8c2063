/**
 * The engine's self-check, shared by test/engine/cross-check.test.ts and `alpenglow check` (run on a
 * GPU node by bench/device-check.sh): the WGSL engine against the independent float64 reference on a
 * KOTO-like toy job (independent seeds, the tests' tolerances), bit-identical results across
 * chunkings, workgroup sizes, widths per thread and mass orders, and no NaN/Inf over the full (m, Γ) range.
 */
import type { AcquiredDevice } from './device.ts';
import { runOnGpu } from './gpu-engine.ts';
import { logSpaced, type EngineJob } from './job.ts';
import { runReference } from './reference-engine.ts';
import type { EventTable } from './event-table.ts';
import type { Selection } from './selection/types.ts';
import type { ShaderSources } from './shader-assembly.ts';
import { toyBeamDumpTable } from './toy-production.ts';

export const PHOTONS = { name: 'gamma gamma', daughterMassesGeV: [0, 0] as [number, number] };

/** KOTO Step 2 geometry (physics.md §7.2) with every kind of cut the engine supports. */
export const KOTO_LIKE_SELECTION: Selection = {
  acceptance: {
    productsRequired: 2,
    area: { include: { type: 'disc', radius: 1.5 }, exclude: [{ type: 'box', xMin: -0.1, xMax: 0.1, yMin: -0.1, yMax: 0.1 }] },
  },
  reconstruction: { type: 'koto-pi0', zVertexOriginM: 44 },
  cuts: [
    { quantity: 'product.energyGeV', min: 0.1 },
    { quantity: 'product.radiusM', max: 1.35 },
    { quantity: 'product.minAbsXYM', min: 0.05 },
    { quantity: 'pair.separationM', min: 0.3 },
    { quantity: 'pair.energySumGeV', min: 0.5 },
    { quantity: 'pair.energyRatio', min: 0.05 },
    { quantity: 'koto.thetaCaloDeg', max: 150 },
    { quantity: 'koto.zVtxM', min: 1.75, max: 15 },
  ],
  regions: [
    { name: 'signal pT > 0.4', x: 'koto.zVtxM', y: 'koto.pTGeV', area: { include: { type: 'box', xMin: 1.75, xMax: 15, yMin: 0.4, yMax: 100 } } },
    {
      name: 'low pT (polygon)',
      x: 'koto.zVtxM',
      y: 'koto.pTGeV',
      area: {
        include: {
          type: 'polygon',
          vertices: [
            [1.75, 0],
            [15, 0],
            [15, 0.4],
            [1.75, 0.25],
          ],
        },
      },
    },
  ],
};

export function kotoLikeJob(overrides: Partial<EngineJob> = {}): EngineJob {
  return {
    label: 'koto-like toy',
    channel: PHOTONS,
    // Axis 20 mrad off the beam: exercises the frame rotation while keeping enough ALPs in acceptance.
    geometry: { originM: [0, 0, 0], axisAngleRad: 0.02, fiducialStartZM: 45.75, fiducialEndZM: 64, ecalZM: 64 },
    selection: KOTO_LIKE_SELECTION,
    massesGeV: [0.1, 0.3],
    widthsGeV: logSpaced(1e-20, 1e-14, 7),
    samplesPerMass: 20000,
    seed: 11,
    production: (massGeV) => toyBeamDumpTable(massGeV, { maxEnergyGeV: 30, meanEnergyGeV: 5, typicalPtGeV: 0.06, thetaMaxRad: 0.08 }),
    ...overrides,
  };
}

/**
 * Tolerances of the WGSL-vs-reference comparison. k = 4.5: with M ≤ 36 cells, Bonferroni gives
 * P(any |pull| > 4.5) ≤ 36 · 6.8e-6 ≈ 2.5e-4 for independent seeds (cells of neighbouring widths are
 * correlated, which only lowers it). Correlated cells make χ² heavier-tailed than χ²(M); 3M still
 * catches a systematic offset of ~1.4σ per cell. Only cells with relative errors < 20 % in both
 * engines (a Gaussian error) are compared, and at least 15 of them must be.
 */
export const CROSS_CHECK_TOLERANCES = { maxAbsPull: 4.5, chiSquarePerCell: 3, minCells: 15, maxRelativeError: 0.2 } as const;

/** The agreement job: 3 masses × 6 widths × 2 regions, 60 000 samples per mass. */
export const agreementJob = (): EngineJob => kotoLikeJob({ samplesPerMass: 60_000, massesGeV: [0.08, 0.2, 0.45], widthsGeV: logSpaced(1e-19, 1e-14, 6) });

export interface CellPull {
  cell: number;
  gpu: number;
  reference: number;
  pull: number;
}
export interface Agreement {
  pulls: CellPull[];
  compared: number;
  chiSquare: number;
  maxAbsPull: number;
  passed: boolean;
}

/** Cell-by-cell pulls of two tables of the same job (different seeds) against the tolerances. */
export function compareWithReference(gpu: EventTable, reference: EventTable): Agreement {
  const t = CROSS_CHECK_TOLERANCES;
  const pulls: CellPull[] = [];
  for (let i = 0; i < gpu.efficiency.length; i++) {
    const scale = Math.max(gpu.efficiency[i], reference.efficiency[i]);
    if (
      !(scale > 0) ||
      gpu.efficiencyError[i] > t.maxRelativeError * gpu.efficiency[i] ||
      reference.efficiencyError[i] > t.maxRelativeError * reference.efficiency[i]
    )
      continue;
    const sigma = Math.hypot(gpu.efficiencyError[i], reference.efficiencyError[i]);
    pulls.push({ cell: i, gpu: gpu.efficiency[i], reference: reference.efficiency[i], pull: (gpu.efficiency[i] - reference.efficiency[i]) / sigma });
  }
  const chiSquare = pulls.reduce((sum, p) => sum + p.pull * p.pull, 0);
  const maxAbsPull = pulls.reduce((max, p) => Math.max(max, Math.abs(p.pull)), 0);
  const compared = pulls.length;
  return { pulls, compared, chiSquare, maxAbsPull, passed: compared >= t.minCells && maxAbsPull <= t.maxAbsPull && chiSquare < t.chiSquarePerCell * compared };
}

export interface CrossCheckReport {
  adapter: string;
  agreement: Omit<Agreement, 'pulls'>;
  deterministic: boolean;
  finite: boolean;
  passed: boolean;
  seconds: number;
}

const sameArray = (a: ArrayLike<number>, b: ArrayLike<number>) => a.length === b.length && Array.from(a).every((v, i) => Object.is(v, b[i]));

/** Runs the three checks on a device; `passed` only when all hold. */
export async function engineCrossCheck(acquired: AcquiredDevice, sources: ShaderSources): Promise<CrossCheckReport> {
  const started = performance.now();
  const job = agreementJob();
  const gpu = await runOnGpu(acquired, job, sources);
  const { pulls: _pulls, ...agreement } = compareWithReference(gpu, runReference({ ...job, seed: job.seed + 1000 }));

  const small = kotoLikeJob({ samplesPerMass: 5000 });
  const a = await runOnGpu(acquired, small, sources, { batchesPerChunk: 1, workgroupSize: 64 });
  const b = await runOnGpu(acquired, small, sources, { batchesPerChunk: 7, workgroupSize: 32 });
  const slots = await runOnGpu(acquired, small, sources, { batchesPerChunk: 3, workgroupSize: 2, widthsPerThread: 4 });
  const reversed = await runOnGpu(acquired, { ...small, massesGeV: [...small.massesGeV].reverse(), massGridIndices: [1, 0] }, sources);
  const perMass = small.widthsGeV.length * a.regionNames.length;
  const deterministic =
    a.efficiency.some((v) => v > 0) &&
    sameArray(a.efficiency, b.efficiency) &&
    sameArray(a.efficiencyError, b.efficiencyError) &&
    sameArray(a.efficiency, slots.efficiency) &&
    sameArray(a.efficiencyError, slots.efficiencyError) &&
    sameArray(reversed.efficiency.slice(0, perMass), a.efficiency.slice(perMass)) &&
    sameArray(reversed.efficiency.slice(perMass), a.efficiency.slice(0, perMass));

  const wide = await runOnGpu(
    acquired,
    kotoLikeJob({ massesGeV: logSpaced(0.001, 3, 7), widthsGeV: logSpaced(1e-25, 1e-10, 16), samplesPerMass: 4096 }),
    sources,
  );
  const finite =
    wide.efficiency.some((v) => v > 0) &&
    Array.from(wide.efficiency).every((v) => Number.isFinite(v) && v >= 0) &&
    Array.from(wide.efficiencyError).every((v) => Number.isFinite(v) && v >= 0);

  return {
    adapter: gpu.engine.adapter,
    agreement,
    deterministic,
    finite,
    passed: agreement.passed && deterministic && finite,
    seconds: (performance.now() - started) / 1000,
  };
}
