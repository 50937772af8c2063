// gpu.js kernel sources for Philox4x32-10. gpu.js transpiles these functions (via their
// source text), so they must be self-contained: no closures, only scalar locals, constant loops.
//
// Integer discipline (the same as shaders/philox.wgsl): every u32 is carried as a 32-bit bit
// pattern and only touched with & | ^ << >>> and products of 16-bit limbs. Constants above
// 2^31 never appear as literals: the multipliers enter as 16-bit limbs and the Weyl increments
// as their signed-i32 equivalents, so no literal needs more than 31 bits.
//
// Two formulations are evaluated:
//  A  "u32 idiom": 32-bit words held in locals, exactly like shaders/philox.wgsl and
//     src/engine/philox.ts (philoxKatKernel, acceptanceKernel below).
//  B  "16-bit limb state": every local holds a value < 2^24 (each u32 is two 16-bit locals);
//     the partial products, which reach 2^32, exist only inside single expressions behind an
//     explicit `| 0` (philoxKatKernelLimbs, acceptanceKernelLimbs, generated from one template).
//     B exists because gpu.js's webasm backend stores every integer-typed local as f32
//     ("int-typed initializers decay to float declarations", src/backend/web-assembly/
//     function-node.js), which A cannot survive; see webasm-probe.mjs.
//
// Kernel inputs and outputs are 16-bit halves only: gpu.js returns Float32Array in every mode and
// webasm/webgpu pass number arrays as f32, and f32 holds integers exactly only up to 2^24.

//   M0 = 0xD2511F53 -> hi 0xD251 = 53841, lo 0x1F53 = 8019
//   M1 = 0xCD9E8D57 -> hi 0xCD9E = 52638, lo 0x8D57 = 36183
//   W0 = 0x9E3779B9 -> as i32: -1640531527
//   W1 = 0xBB67AE85 -> as i32: -1150833019

/**
 * KAT kernel: output [8, rows]. Row y holds one (counter, key) as 12 halves
 * [c0hi, c0lo, c1hi, c1lo, c2hi, c2lo, c3hi, c3lo, k0hi, k0lo, k1hi, k1lo];
 * thread x in 0..7 returns half (x & 1 ? lo : hi) of output word (x >> 1).
 */
export function philoxKatKernel(inp) {
  const y = this.thread.y;
  const x = this.thread.x;
  let c0 = (inp[y][0] << 16) | inp[y][1];
  let c1 = (inp[y][2] << 16) | inp[y][3];
  let c2 = (inp[y][4] << 16) | inp[y][5];
  let c3 = (inp[y][6] << 16) | inp[y][7];
  let k0 = (inp[y][8] << 16) | inp[y][9];
  let k1 = (inp[y][10] << 16) | inp[y][11];
  for (let r = 0; r < 10; r++) {
    // (hi0, lo0) = M0 * c0
    const aLo0 = c0 & 0xffff;
    const aHi0 = (c0 >>> 16) & 0xffff;
    const loLo0 = aLo0 * 8019;
    const hiLo0 = aHi0 * 8019;
    const loHi0 = aLo0 * 53841;
    const hiHi0 = aHi0 * 53841;
    const mid0 = ((loLo0 >>> 16) & 0xffff) + (hiLo0 & 0xffff) + (loHi0 & 0xffff);
    const hi0 = hiHi0 + ((hiLo0 >>> 16) & 0xffff) + ((loHi0 >>> 16) & 0xffff) + ((mid0 >>> 16) & 0xffff);
    const lo0 = ((mid0 & 0xffff) << 16) | (loLo0 & 0xffff);
    // (hi1, lo1) = M1 * c2
    const aLo1 = c2 & 0xffff;
    const aHi1 = (c2 >>> 16) & 0xffff;
    const loLo1 = aLo1 * 36183;
    const hiLo1 = aHi1 * 36183;
    const loHi1 = aLo1 * 52638;
    const hiHi1 = aHi1 * 52638;
    const mid1 = ((loLo1 >>> 16) & 0xffff) + (hiLo1 & 0xffff) + (loHi1 & 0xffff);
    const hi1 = hiHi1 + ((hiLo1 >>> 16) & 0xffff) + ((loHi1 >>> 16) & 0xffff) + ((mid1 >>> 16) & 0xffff);
    const lo1 = ((mid1 & 0xffff) << 16) | (loLo1 & 0xffff);
    const n0 = hi1 ^ c1 ^ k0;
    const n2 = hi0 ^ c3 ^ k1;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
    k0 = (k0 + -1640531527) | 0;
    k1 = (k1 + -1150833019) | 0;
  }
  let word = c0;
  if (x >= 2) {
    word = c1;
  }
  if (x >= 4) {
    word = c2;
  }
  if (x >= 6) {
    word = c3;
  }
  let out = (word >>> 16) & 0xffff;
  if ((x & 1) === 1) {
    out = word & 0xffff;
  }
  return out;
}

/**
 * Toy acceptance kernel: one thread per sample i; counter = (i, 0, 0, 0), key = (keyLo, 0).
 * i arrives as two halves (this.thread.x can exceed 2^24 in principle; here N = 1e6, but the
 * counter is still assembled from halves like everything else). Returns 1 if the isotropically
 * emitted ray from the origin hits the disc of radius R centred on the z axis at height h, else 0.
 * Uniforms: u = ((w >>> 9) + 0.5) * 2^-23 (== uniformOpen01 in src/engine/philox.ts), exact in f32.
 */
export function acceptanceKernel(keyHi, keyLo, h, R) {
  const i = this.thread.x;
  let c0 = i | 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let k0 = (keyHi << 16) | keyLo;
  let k1 = 0;
  for (let r = 0; r < 10; r++) {
    const aLo0 = c0 & 0xffff;
    const aHi0 = (c0 >>> 16) & 0xffff;
    const loLo0 = aLo0 * 8019;
    const hiLo0 = aHi0 * 8019;
    const loHi0 = aLo0 * 53841;
    const hiHi0 = aHi0 * 53841;
    const mid0 = ((loLo0 >>> 16) & 0xffff) + (hiLo0 & 0xffff) + (loHi0 & 0xffff);
    const hi0 = hiHi0 + ((hiLo0 >>> 16) & 0xffff) + ((loHi0 >>> 16) & 0xffff) + ((mid0 >>> 16) & 0xffff);
    const lo0 = ((mid0 & 0xffff) << 16) | (loLo0 & 0xffff);
    const aLo1 = c2 & 0xffff;
    const aHi1 = (c2 >>> 16) & 0xffff;
    const loLo1 = aLo1 * 36183;
    const hiLo1 = aHi1 * 36183;
    const loHi1 = aLo1 * 52638;
    const hiHi1 = aHi1 * 52638;
    const mid1 = ((loLo1 >>> 16) & 0xffff) + (hiLo1 & 0xffff) + (loHi1 & 0xffff);
    const hi1 = hiHi1 + ((hiLo1 >>> 16) & 0xffff) + ((loHi1 >>> 16) & 0xffff) + ((mid1 >>> 16) & 0xffff);
    const lo1 = ((mid1 & 0xffff) << 16) | (loLo1 & 0xffff);
    const n0 = hi1 ^ c1 ^ k0;
    const n2 = hi0 ^ c3 ^ k1;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
    k0 = (k0 + -1640531527) | 0;
    k1 = (k1 + -1150833019) | 0;
  }
  // top 23 bits of words 0 and 1 (>>> 9 leaves < 2^23: exact as f32)
  const u0 = (((c0 >>> 9) & 0x7fffff) + 0.5) * 1.1920928955078125e-7;
  const u1 = (((c1 >>> 9) & 0x7fffff) + 0.5) * 1.1920928955078125e-7;
  const cosT = 2.0 * u0 - 1.0;
  let hit = 0;
  if (cosT > 0.0) {
    const sinT = Math.sqrt(1.0 - cosT * cosT);
    const t = h / cosT;
    const phi = 6.283185307179586 * u1;
    const px = t * sinT * Math.cos(phi);
    const py = t * sinT * Math.sin(phi);
    if (px * px + py * py <= R * R) {
      hit = 1;
    }
  }
  return hit;
}

// ---- formulation B: 16-bit limb state ------------------------------------------------------
// One Philox round on limb locals c0h c0l c1h c1l c2h c2l c3h c3l k0h k0l k1h k1l (all < 2^16).
// mulhilo(M, a): with M = (mh, ml), a = (ah, al), the four partial products are recomputed
// inline as ((ah | 0) * mh) etc. so they are always i32 expressions, never stored.
function mulLimbs(p, ah, al, mh, ml) {
  const ll = `((${al} | 0) * ${ml})`;
  const hl = `((${ah} | 0) * ${ml})`;
  const lh = `((${al} | 0) * ${mh})`;
  const hh = `((${ah} | 0) * ${mh})`;
  return `
    const ${p}mid = ((${ll} >>> 16) & 0xffff) + (${hl} & 0xffff) + (${lh} & 0xffff);
    const ${p}lol = ${ll} & 0xffff;
    const ${p}loh = (${p}mid | 0) & 0xffff;
    const ${p}s = (${hh} & 0xffff) + ((${hl} >>> 16) & 0xffff) + ((${lh} >>> 16) & 0xffff) + (((${p}mid | 0) >>> 16) & 0xffff);
    const ${p}hil = (${p}s | 0) & 0xffff;
    const ${p}hih = (((${hh} >>> 16) & 0xffff) + ((${p}s | 0) >>> 16)) & 0xffff;`;
}
const LIMB_ROUNDS = `
  for (let r = 0; r < 10; r++) {${mulLimbs('pa', 'c0h', 'c0l', 53841, 8019)}${mulLimbs('pb', 'c2h', 'c2l', 52638, 36183)}
    const n0h = ((pbhih | 0) ^ (c1h | 0) ^ (k0h | 0)) & 0xffff;
    const n0l = ((pbhil | 0) ^ (c1l | 0) ^ (k0l | 0)) & 0xffff;
    const n2h = ((pahih | 0) ^ (c3h | 0) ^ (k1h | 0)) & 0xffff;
    const n2l = ((pahil | 0) ^ (c3l | 0) ^ (k1l | 0)) & 0xffff;
    c0h = n0h;
    c0l = n0l;
    c1h = pbloh;
    c1l = pblol;
    c2h = n2h;
    c2l = n2l;
    c3h = paloh;
    c3l = palol;
    const ks0 = (k0l | 0) + 31161;
    k0h = ((k0h | 0) + 40503 + ((ks0 | 0) >>> 16)) & 0xffff;
    k0l = (ks0 | 0) & 0xffff;
    const ks1 = (k1l | 0) + 44677;
    k1h = ((k1h | 0) + 47975 + ((ks1 | 0) >>> 16)) & 0xffff;
    k1l = (ks1 | 0) & 0xffff;
  }`;
// W0 = 0x9E37_79B9 = (40503, 31161), W1 = 0xBB67_AE85 = (47975, 44677)

const KAT_LIMBS_SRC = `function philoxKatKernelLimbs(inp) {
  const y = this.thread.y;
  const x = this.thread.x;
  let c0h = inp[y][0];
  let c0l = inp[y][1];
  let c1h = inp[y][2];
  let c1l = inp[y][3];
  let c2h = inp[y][4];
  let c2l = inp[y][5];
  let c3h = inp[y][6];
  let c3l = inp[y][7];
  let k0h = inp[y][8];
  let k0l = inp[y][9];
  let k1h = inp[y][10];
  let k1l = inp[y][11];${LIMB_ROUNDS}
  let out = c0h;
  if (x === 1) { out = c0l; }
  if (x === 2) { out = c1h; }
  if (x === 3) { out = c1l; }
  if (x === 4) { out = c2h; }
  if (x === 5) { out = c2l; }
  if (x === 6) { out = c3h; }
  if (x === 7) { out = c3l; }
  return out;
}`;

const ACC_LIMBS_SRC = `function acceptanceKernelLimbs(keyHi, keyLo, h, R) {
  const i = this.thread.x;
  let c0h = ((i | 0) >>> 16) & 0xffff;
  let c0l = (i | 0) & 0xffff;
  let c1h = 0;
  let c1l = 0;
  let c2h = 0;
  let c2l = 0;
  let c3h = 0;
  let c3l = 0;
  let k0h = keyHi;
  let k0l = keyLo;
  let k1h = 0;
  let k1l = 0;${LIMB_ROUNDS}
  const u0 = (((((c0h | 0) << 7) | ((c0l | 0) >>> 9)) & 0x7fffff) + 0.5) * 1.1920928955078125e-7;
  const u1 = (((((c1h | 0) << 7) | ((c1l | 0) >>> 9)) & 0x7fffff) + 0.5) * 1.1920928955078125e-7;
  const cosT = 2.0 * u0 - 1.0;
  let hit = 0;
  if (cosT > 0.0) {
    const sinT = Math.sqrt(1.0 - cosT * cosT);
    const t = h / cosT;
    const phi = 6.283185307179586 * u1;
    const px = t * sinT * Math.cos(phi);
    const py = t * sinT * Math.sin(phi);
    if (px * px + py * py <= R * R) {
      hit = 1;
    }
  }
  return hit;
}`;

// `new Function('return ' + src)` only turns the generated text into a function whose
// toString() is exactly that text, which is what gpu.js transpiles.
export const philoxKatKernelLimbs = new Function(`return ${KAT_LIMBS_SRC}`)();
export const acceptanceKernelLimbs = new Function(`return ${ACC_LIMBS_SRC}`)();

export const FORMULATIONS = [
  { id: 'A', name: 'u32 idiom (as in shaders/philox.wgsl)', kat: philoxKatKernel, acceptance: acceptanceKernel },
  { id: 'B', name: '16-bit limb state (every local < 2^24)', kat: philoxKatKernelLimbs, acceptance: acceptanceKernelLimbs },
];
