/**
 * The engine's use of the project's Philox4x32-10 (src/random/philox.ts): which draw index (third
 * counter word) each part of an ALP sample uses. shaders/mc-kernel.wgsl uses the same numbers.
 */
export { PHILOX_M0, PHILOX_M1, PHILOX_ROUNDS, PHILOX_W0, PHILOX_W1, philox4x32, seedToKey, uniformOpen01 } from '../random/philox.ts';

export const DRAW_PRODUCTION = 0; // (bin, energy-in-bin, angle-in-bin, azimuth)
export const DRAW_DECAY = 1; // (cos θ*, φ*, decay position, unused)
