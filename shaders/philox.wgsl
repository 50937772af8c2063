// Philox4x32-10 counter-based RNG (Salmon et al., SC'11, doi:10.1145/2063384.2063405).
// Twin of src/engine/philox.ts; both are pinned to the Random123 known-answer vectors.
// WGSL has no 32x32->64 multiply, so the high word is built from 16-bit limbs: every partial
// product is < 2^32 and the carries are collected explicitly (exact, no floating point).

fn philoxMulHi(a: u32, b: u32) -> u32 {
  let aLo = a & 0xffffu;
  let aHi = a >> 16u;
  let bLo = b & 0xffffu;
  let bHi = b >> 16u;
  let loLo = aLo * bLo;
  let hiLo = aHi * bLo;
  let loHi = aLo * bHi;
  let hiHi = aHi * bHi;
  let middle = (loLo >> 16u) + (hiLo & 0xffffu) + (loHi & 0xffffu);
  return hiHi + (hiLo >> 16u) + (loHi >> 16u) + (middle >> 16u);
}

fn philox4x32(counter: vec4<u32>, key: vec2<u32>) -> vec4<u32> {
  var c = counter;
  var k = key;
  for (var round = 0u; round < PHILOX_ROUNDS; round = round + 1u) {
    let hi0 = philoxMulHi(PHILOX_M0, c.x);
    let lo0 = PHILOX_M0 * c.x;
    let hi1 = philoxMulHi(PHILOX_M1, c.z);
    let lo1 = PHILOX_M1 * c.z;
    c = vec4<u32>(hi1 ^ c.y ^ k.x, lo1, hi0 ^ c.w ^ k.y, lo0);
    k = k + vec2<u32>(PHILOX_W0, PHILOX_W1);
  }
  return c;
}

// u32 -> (0, 1): top 23 bits plus one half, times 2^-23. Exactly representable in f32, never 0
// or 1 (range [2^-24, 1 - 2^-24]), identical to uniformOpen01 in src/engine/philox.ts.
fn uniformOpen01(word: u32) -> f32 {
  return (f32(word >> 9u) + 0.5) * 1.1920928955078125e-7;
}
