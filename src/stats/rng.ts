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

import { philox4x32Into } from '../random/philox.ts';

/** Philox4x32-10 block function writing into `out` (the project's one implementation, src/random/philox.ts). */
export const philox4x32 = philox4x32Into;

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
