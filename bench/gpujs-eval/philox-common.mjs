// Shared pieces of the gpu.js evaluation (see docs/gpujs.md):
//  - a plain-JS Philox4x32-10 reference (the algorithm of src/engine/philox.ts and
//    shaders/philox.wgsl: 16-bit limbs for the 32x32->64 multiply),
//  - an independent BigInt Philox used only to check the reference,
//  - the Random123 known-answer vectors,
//  - gpu.js mode discovery (which backends actually construct and run on this machine).
//
// Philox4x32-10: Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC11.
import gpujs from 'gpu.js';

export const { GPU } = gpujs;

export const M0 = 0xd2511f53;
export const M1 = 0xcd9e8d57;
export const W0 = 0x9e3779b9;
export const W1 = 0xbb67ae85;
export const ROUNDS = 10;

/** Random123 known-answer vectors (kat_vectors, philox4x32 10 rounds). */
export const KAT = [
  {
    name: 'zeros',
    counter: [0x00000000, 0x00000000, 0x00000000, 0x00000000],
    key: [0x00000000, 0x00000000],
    expected: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
  },
  {
    name: 'ones',
    counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
    key: [0xffffffff, 0xffffffff],
    expected: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
  },
  {
    name: 'pi',
    counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
    key: [0xa4093822, 0x299f31d0],
    expected: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
  },
];

/** High 32 bits of a*b for u32 a, b, from 16-bit limbs (every partial product < 2^32 < 2^53). */
export function mulHi(a, b) {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const hiHi = aHi * bHi;
  const middle = (loLo >>> 16) + (hiLo & 0xffff) + (loHi & 0xffff);
  return (hiHi + (hiLo >>> 16) + (loHi >>> 16) + (middle >>> 16)) >>> 0;
}

/** Plain-JS Philox4x32-10 on u32 numbers. Returns [w0, w1, w2, w3] as u32. */
export function philox4x32(counter, key) {
  let c0 = counter[0] >>> 0;
  let c1 = counter[1] >>> 0;
  let c2 = counter[2] >>> 0;
  let c3 = counter[3] >>> 0;
  let k0 = key[0] >>> 0;
  let k1 = key[1] >>> 0;
  for (let r = 0; r < ROUNDS; r++) {
    const hi0 = mulHi(M0, c0);
    const lo0 = Math.imul(M0, c0) >>> 0;
    const hi1 = mulHi(M1, c2);
    const lo1 = Math.imul(M1, c2) >>> 0;
    const n0 = (hi1 ^ c1 ^ k0) >>> 0;
    const n2 = (hi0 ^ c3 ^ k1) >>> 0;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
    k0 = (k0 + W0) >>> 0;
    k1 = (k1 + W1) >>> 0;
  }
  return [c0, c1, c2, c3];
}

/** Independent BigInt Philox4x32-10 (true 64-bit products), only to validate philox4x32 above. */
export function philox4x32BigInt(counter, key) {
  const MASK = 0xffffffffn;
  let c = counter.map((v) => BigInt(v >>> 0));
  let k = key.map((v) => BigInt(v >>> 0));
  for (let r = 0; r < ROUNDS; r++) {
    const p0 = BigInt(M0) * c[0];
    const p1 = BigInt(M1) * c[2];
    c = [(p1 >> 32n) ^ c[1] ^ k[0], p1 & MASK, (p0 >> 32n) ^ c[3] ^ k[1], p0 & MASK];
    k = [(k[0] + BigInt(W0)) & MASK, (k[1] + BigInt(W1)) & MASK];
  }
  return c.map((v) => Number(v));
}

/** Same mapping as uniformOpen01 in src/engine/philox.ts: ((w >>> 9) + 0.5) * 2^-23, exact in f32. */
export function uniformOpen01(word) {
  return ((word >>> 9) + 0.5) * 1.1920928955078125e-7;
}

export const hex = (v) => (v >>> 0).toString(16).padStart(8, '0');

/** u32 -> [hi16, lo16]; both halves are exact in f32 (< 2^24). */
export const halves = (v) => [(v >>> 16) & 0xffff, v & 0xffff];

/**
 * Every mode name this gpu.js version accepts in `new GPU({ mode })`, plus how each was driven.
 * `asyncMode` kernels return a Promise; on webasm that is the threaded (worker-pool) path.
 */
export const CANDIDATE_MODES = [
  { label: 'cpu', settings: { mode: 'cpu' } },
  { label: 'webasm (sync, single thread)', settings: { mode: 'webasm' } },
  { label: 'webasm (asyncMode, worker pool)', settings: { mode: 'webasm' }, kernel: { asyncMode: true } },
  { label: 'webgpu', settings: { mode: 'webgpu' }, needsWebGPUShim: true },
  { label: 'headlessgl', settings: { mode: 'headlessgl' } },
  { label: 'gpu (default auto-select)', settings: { mode: 'gpu' } },
  { label: 'async (auto-select, Promise contract)', settings: { mode: 'async' } },
  { label: 'webgl', settings: { mode: 'webgl' } },
  { label: 'webgl2', settings: { mode: 'webgl2' } },
];

let webgpuShim = null;
/**
 * gpu.js's webgpu backend looks for `navigator.gpu`; on Node that has to come from its
 * dependency `webgpu` (Dawn's dawn.node prebuilt addon). Returns a string describing the outcome.
 */
export async function tryInstallWebGPUShim() {
  if (webgpuShim !== null) return webgpuShim;
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    const gpuApi = create([]);
    Object.defineProperty(globalThis, 'navigator', {
      value: { ...(globalThis.navigator ?? {}), gpu: gpuApi },
      configurable: true,
      writable: true,
    });
    const adapter = await gpuApi.requestAdapter();
    webgpuShim = adapter ? 'dawn.node loaded, adapter found' : 'dawn.node loaded, requestAdapter() returned null';
  } catch (e) {
    webgpuShim = `dawn.node failed to load: ${String(e.message).split('\n')[0]}`;
  }
  return webgpuShim;
}

/** Await a kernel result if the mode returns Promises. */
export async function settle(r) {
  return r && typeof r.then === 'function' ? await r : r;
}

/** Backend that actually executed a kernel (gpu.js can silently degrade, e.g. webasm -> cpu). */
export function actualBackend(kernel) {
  const inner = kernel?.kernel;
  const mode = inner?.constructor?.mode ?? 'unknown';
  // webasm records how the last call was dispatched (scalar / simd spans, or 'threaded')
  return inner?._lastRunPath ? `${mode}/${inner._lastRunPath}` : mode;
}
