/**
 * Every struct shared by host and shader, defined once. The WGSL declarations are generated from
 * these (src/engine/shader-assembly.ts) and the buffers are packed from them; the byte layout is
 * pinned in test/engine/struct-layout.test.ts.
 */
import { defineStruct } from './struct-layout.ts';

/** Per-dispatch run parameters (uniform buffer). One mass, one chunk of sample batches. */
export const RunParamsLayout = defineStruct('RunParams', [
  { name: 'massGeV', type: 'f32', doc: 'ALP mass, GeV' },
  { name: 'massIndex', type: 'u32', doc: 'index of the mass in the grid: second Philox counter word' },
  { name: 'seedKey', type: 'vec2<u32>', doc: 'Philox key = (seed low 32 bits, seed high 32 bits)' },
  { name: 'sampleCount', type: 'u32', doc: 'ALP samples for this mass; samples at or past it are skipped' },
  { name: 'firstBatch', type: 'u32', doc: 'batch index of workgroup x = 0 in this chunk' },
  { name: 'widthCount', type: 'u32', doc: 'number of widths in the grid' },
  { name: 'energyBinCount', type: 'u32', doc: 'production table: energy bins' },
  { name: 'thetaBinCount', type: 'u32', doc: 'production table: angle bins' },
  { name: 'cdfLength', type: 'u32', doc: 'bins searched by the inverse CDF (up to the last non-empty bin)' },
  { name: 'energyAxisLog', type: 'u32', doc: '1: sample ln E uniformly inside a bin, 0: E' },
  { name: 'thetaAxisLog', type: 'u32', doc: '1: sample ln theta uniformly inside a bin, 0: theta' },
  { name: 'daughterMass0GeV', type: 'f32', doc: 'mass of decay product 0, GeV (0 for photons)' },
  { name: 'daughterMass1GeV', type: 'f32', doc: 'mass of decay product 1, GeV' },
  { name: 'originM', type: 'vec4<f32>', doc: 'production point in the detector frame (x, y, z, unused), m' },
  { name: 'axisCosSin', type: 'vec2<f32>', doc: 'cos and sin of the detector-axis angle to the proton beam' },
  { name: 'fiducialStartZM', type: 'f32', doc: 'decay volume entrance plane, detector frame z, m' },
  { name: 'fiducialEndZM', type: 'f32', doc: 'decay volume exit plane, detector frame z, m' },
  { name: 'ecalZM', type: 'f32', doc: 'calorimeter plane, detector frame z, m' },
]);

/** Per-width entry of the width grid for the current mass (storage buffer, read-only). */
export const WidthEntryLayout = defineStruct('WidthEntry', [
  { name: 'widthOverHbarCPerM', type: 'f32', doc: 'Gamma / (hbar c), 1/m: inverse decay length at beta*gamma = 1' },
]);

/** One tally cell of the per-batch partial sums (storage buffer, written by the shader). */
export const TallyCellLayout = defineStruct('TallyCell', [
  { name: 'log2Scale', type: 'f32', doc: 'integer k: the largest weight seen in the batch for this cell lies in [2^(k-1), 2^k) (weights are P_decay * pass)' },
  { name: 'sumWeight', type: 'f32', doc: 'sum of weight * 2^-log2Scale over the batch; 0 when no trial passed' },
  { name: 'sumWeightSquared', type: 'f32', doc: 'sum of (weight * 2^-log2Scale)^2 (for the MC uncertainty)' },
]);

/**
 * One ALP sample as the kernel's workgroup memory holds it between its two phases (built once per
 * sample, read by every width). Not a host buffer, but its size fixes the workgroup memory:
 * BATCH_SIZE × sizeBytes must stay within the 16 KiB WebGPU guarantees (pinned in
 * test/engine/layouts-generated.test.ts).
 */
export const SampleRecordLayout = defineStruct('SampleRecord', [
  { name: 'directionAndInverseBetaGamma', type: 'vec4<f32>', doc: 'flight direction (detector frame), m/p' },
  { name: 'slopes', type: 'vec4<f32>', doc: '(px/pz, py/pz) of product 0, then of product 1' },
  { name: 'energiesAndDraw', type: 'vec4<f32>', doc: 'E0, E1 [GeV], decay-position uniform, flags (SAMPLE_FLAGS, stored as f32)' },
]);

/** Bits of SampleRecord.energiesAndDraw.w; emitted as WGSL `const NAME: u32 = …u;`. */
export const SAMPLE_FLAGS = {
  SAMPLE_VALID: 1,
  PRODUCT0_FORWARD: 2,
  PRODUCT1_FORWARD: 4,
} as const;
