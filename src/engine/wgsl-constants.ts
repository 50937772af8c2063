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
/**
 * Trials whose weight is not above 2^LOG2_WEIGHT_FLOOR ≈ e^-700.1 ≈ 1e-304 are dropped: under anything
 * a table can use. A power of two, so the kernel tests it on the weight's binary exponent without a
 * logarithm; the float64 reference compares ln(weight) with LOG_WEIGHT_FLOOR.
 */
export const LOG2_WEIGHT_FLOOR = -1010;
export const LOG_WEIGHT_FLOOR = LOG2_WEIGHT_FLOOR * Math.LN2;

export function wgslConstantBlock(options: { workgroupSize: number; widthsPerThread?: number; regionCount: number; histogramCellCount?: number }): string {
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
    ['WIDTHS_PER_THREAD', u32Literal(options.widthsPerThread ?? 1)],
    ['REGION_COUNT', u32Literal(options.regionCount)],
    ['HISTOGRAM_CELL_COUNT', u32Literal(options.histogramCellCount ?? 0)],
    ['LOG2_WEIGHT_FLOOR', `${LOG2_WEIGHT_FLOOR}i`],
    ['LOG2_E', f32Literal(Math.LOG2E)],
  ];
  return lines.map(([name, value]) => `const ${name} = ${value};`).join('\n');
}
