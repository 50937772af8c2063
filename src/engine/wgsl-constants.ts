/**
 * Constants injected into every shader, from their single TypeScript sources. Nothing numeric is
 * hand-written in shaders/ except literal algorithm coefficients documented there.
 */
import { MASS_GEV } from '../physics/constants.ts';
import { DRAW_DECAY, DRAW_PRODUCTION, PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1 } from './philox.ts';
import { f32Literal, u32Literal } from './wgsl-literals.ts';

/**
 * ALP samples per reduction batch. Fixed (not tied to the workgroup size or the chunking) because
 * the f32 partial sums are formed per batch: keeping it constant keeps tables bit-identical.
 * 256 samples × 48 bytes of SampleRecord (src/engine/layouts.ts) = 12 KiB of workgroup memory,
 * inside the 16 KiB that WebGPU guarantees (maxComputeWorkgroupStorageSize;
 * test/engine/layouts-generated.test.ts).
 */
export const BATCH_SIZE = 256;
/** Trials with ln(weight) below this are dropped: e^-700 ≈ 1e-304, under anything a table can use. */
export const LOG_WEIGHT_FLOOR = -700;

export function wgslConstantBlock(options: { workgroupSize: number; regionCount: number; histogramCellCount?: number }): string {
  const lines = [
    ['PHILOX_M0', u32Literal(PHILOX_M0)],
    ['PHILOX_M1', u32Literal(PHILOX_M1)],
    ['PHILOX_W0', u32Literal(PHILOX_W0)],
    ['PHILOX_W1', u32Literal(PHILOX_W1)],
    ['PHILOX_ROUNDS', u32Literal(PHILOX_ROUNDS)],
    ['DRAW_PRODUCTION', u32Literal(DRAW_PRODUCTION)],
    ['DRAW_DECAY', u32Literal(DRAW_DECAY)],
    ['PI', f32Literal(Math.PI)],
    ['TWO_PI', f32Literal(2 * Math.PI)],
    ['PI0_MASS_GEV', f32Literal(MASS_GEV.pi0)],
    ['BATCH_SIZE', u32Literal(BATCH_SIZE)],
    ['WORKGROUP_SIZE', u32Literal(options.workgroupSize)],
    ['REGION_COUNT', u32Literal(options.regionCount)],
    ['HISTOGRAM_CELL_COUNT', u32Literal(options.histogramCellCount ?? 0)],
    ['LOG_WEIGHT_FLOOR', f32Literal(LOG_WEIGHT_FLOOR)],
  ];
  return lines.map(([name, value]) => `const ${name} = ${value};`).join('\n');
}
