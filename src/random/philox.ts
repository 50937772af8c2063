/**
 * Philox4x32-10, the counter-based generator of Salmon, Moraes, Dror, Shaw, "Parallel random
 * numbers: as easy as 1, 2, 3", SC'11 (doi:10.1145/2063384.2063405). A draw is a pure function of
 * (counter, key), so every random number in alpenglow is addressed, never sequenced:
 *   key     = (seed low 32 bits, seed high 32 bits)
 *   counter = (sample index, mass index, draw index, 0)
 * The one TypeScript Philox of the project (engine reference, statistics toys). The WGSL twin is
 * shaders/philox.wgsl; both are checked against the Random123 known-answer vectors
 * (test/engine/philox.test.ts, test/stats/rng.test.ts).
 */

/** Round multipliers and Weyl key increments of Philox4x32 (SC'11, Table 2 / Random123 philox.h). */
export const PHILOX_M0 = 0xd2511f53;
export const PHILOX_M1 = 0xcd9e8d57;
export const PHILOX_W0 = 0x9e3779b9;
export const PHILOX_W1 = 0xbb67ae85;
export const PHILOX_ROUNDS = 10;

/** High 32 bits of the 64-bit product of two u32 (exact: 16-bit limbs keep every partial < 2^53). */
function mulHi32(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const hiHi = aHi * bHi;
  const middle = (loLo >>> 16) + (hiLo & 0xffff) + (loHi & 0xffff);
  return (hiHi + (hiLo >>> 16) + (loHi >>> 16) + Math.floor(middle / 0x10000)) >>> 0;
}

/**
 * Philox4x32-10 block function without allocation (for hot loops such as pseudo-experiments):
 * writes the 4 output words to `out` and returns it.
 */
export function philox4x32Into(
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
    const hi0 = mulHi32(PHILOX_M0, c0);
    const lo0 = Math.imul(PHILOX_M0, c0) >>> 0;
    const hi1 = mulHi32(PHILOX_M1, c2);
    const lo1 = Math.imul(PHILOX_M1, c2) >>> 0;
    const next0 = (hi1 ^ c1 ^ k0) >>> 0;
    const next2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = next0;
    c1 = lo1;
    c2 = next2;
    c3 = lo0;
    k0 = (k0 + PHILOX_W0) >>> 0;
    k1 = (k1 + PHILOX_W1) >>> 0;
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
  return out;
}

/** Philox4x32-10 on a 4-word counter and 2-word key; returns 4 u32 words. */
export function philox4x32(counter: readonly number[], key: readonly number[]): [number, number, number, number] {
  const out = philox4x32Into(counter[0], counter[1], counter[2], counter[3], key[0], key[1], new Uint32Array(4));
  return [out[0], out[1], out[2], out[3]];
}

/**
 * Maps a u32 to the open interval (0, 1): the top 23 bits plus one half, times 2^-23. The result
 * is exactly representable in f32 (so the shader computes the identical value), never 0 and never
 * 1: the smallest value is 2^-24 and the largest 1 − 2^-24.
 */
export function uniformOpen01(word: number): number {
  return ((word >>> 9) + 0.5) * 1.1920928955078125e-7;
}

/** Splits a seed (integer in [0, 2^53)) into the two key words. */
export function seedToKey(seed: number): [number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) throw new RangeError(`seed must be an integer in [0, 2^53) (got ${seed})`);
  return [(seed % 0x100000000) >>> 0, Math.floor(seed / 0x100000000) >>> 0];
}
