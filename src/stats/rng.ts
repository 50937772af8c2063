/**
 * Counter-based pseudo-random numbers for pseudo-experiments: Philox4x32-10.
 *
 * Reference: J. K. Salmon, M. A. Moraes, R. O. Dror, D. E. Shaw, "Parallel random numbers: as easy
 * as 1, 2, 3", SC'11 (doi:10.1145/2063384.2063405); known-answer vectors from Random123
 * `tests/kat_vectors` (checked in test/stats/rng.test.ts).
 *
 * A draw is a pure function of (key = seed words, counter): toy t of stream s always gets the same
 * numbers whatever order toys are generated in, so results are reproducible and independent of
 * batching. No Math.random anywhere in src/stats.
 */

const PHILOX_M0 = 0xd2511f53;
const PHILOX_M1 = 0xcd9e8d57;
const PHILOX_W0 = 0x9e3779b9; // golden ratio
const PHILOX_W1 = 0xbb67ae85; // √3 − 1
const PHILOX_ROUNDS = 10;

/** High 32 bits of the 64-bit product of two u32 (exact, via 16-bit limbs). */
function mulHigh32(a: number, b: number): number {
  const aLow = a & 0xffff;
  const aHigh = a >>> 16;
  const bLow = b & 0xffff;
  const bHigh = b >>> 16;
  const lowLow = aLow * bLow;
  const lowHigh = aLow * bHigh;
  const highLow = aHigh * bLow;
  const highHigh = aHigh * bHigh;
  const middle = (lowLow >>> 16) + (lowHigh & 0xffff) + (highLow & 0xffff);
  return (highHigh + (lowHigh >>> 16) + (highLow >>> 16) + (middle >>> 16)) >>> 0;
}

/**
 * Philox4x32-10 block function: 4 counter words and 2 key words (all u32) → 4 output words,
 * written to `out` (Salmon et al. 2011, §4, Philox-4×32 with the S-box of Table 2 and 10 rounds).
 */
export function philox4x32(
  counter0: number,
  counter1: number,
  counter2: number,
  counter3: number,
  key0: number,
  key1: number,
  out: Uint32Array,
): Uint32Array {
  let c0 = counter0 >>> 0;
  let c1 = counter1 >>> 0;
  let c2 = counter2 >>> 0;
  let c3 = counter3 >>> 0;
  let k0 = key0 >>> 0;
  let k1 = key1 >>> 0;
  for (let round = 0; round < PHILOX_ROUNDS; round++) {
    if (round > 0) {
      k0 = (k0 + PHILOX_W0) >>> 0;
      k1 = (k1 + PHILOX_W1) >>> 0;
    }
    const high0 = mulHigh32(PHILOX_M0, c0);
    const low0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const high1 = mulHigh32(PHILOX_M1, c2);
    const low1 = Math.imul(PHILOX_M1, c2) >>> 0;
    c0 = (high1 ^ c1 ^ k0) >>> 0;
    c1 = low1;
    c2 = (high0 ^ c3 ^ k1) >>> 0;
    c3 = low0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

const TWO_POW_MINUS_52 = 2 ** -52;

/**
 * Uniform in the open interval (0, 1) from 52 random bits of two u32 words: (x + 1/2)·2^−52 with
 * x ∈ [0, 2^52), so the extremes 2^−53 and 1 − 2^−53 are exactly representable (never 0 or 1).
 */
export function uniformFromWords(high: number, low: number): number {
  return ((high >>> 0) * 1048576 + ((low >>> 0) >>> 12) + 0.5) * TWO_POW_MINUS_52;
}

/** Fixed second key word: separates this library's draws from any other user of the same seed. */
const STATS_KEY_TAG = 0x57a75000;

/**
 * Fills `out[offset .. offset + count)` with uniforms in (0, 1) for pseudo-experiment `toyIndex`
 * of `stream`, seeded by the u32 `seed`. Counter = (toyIndex, block, stream, 0), key = (seed, tag);
 * each Philox block yields two 52-bit uniforms.
 */
export function fillToyUniforms(
  seed: number,
  stream: number,
  toyIndex: number,
  count: number,
  out: Float64Array,
  offset = 0,
  scratch: Uint32Array = new Uint32Array(4),
): void {
  for (let block = 0; 2 * block < count; block++) {
    philox4x32(toyIndex, block, stream, 0, seed, STATS_KEY_TAG, scratch);
    out[offset + 2 * block] = uniformFromWords(scratch[0], scratch[1]);
    if (2 * block + 1 < count) out[offset + 2 * block + 1] = uniformFromWords(scratch[2], scratch[3]);
  }
}
