/**
 * Synchronous SHA-256 (FIPS 180-4) over bytes, browser-safe. The table-file parser checks the
 * checksum of the values without awaiting crypto.subtle, so `parseTableFile` stays synchronous
 * in Node and in the browser. Checked against the FIPS 180-4 example digests and node:crypto in
 * test/grid/table-file.test.ts.
 */

// First 32 bits of the fractional parts of the cube roots of the first 64 primes (FIPS 180-4 §4.2.2).
const ROUND_CONSTANTS = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

// First 32 bits of the fractional parts of the square roots of the first 8 primes (FIPS 180-4 §5.3.3).
const INITIAL_HASH = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** Incremental hasher: feed byte chunks with update(), read the hex digest once with hex(). */
export class Sha256 {
  private readonly state = Uint32Array.from(INITIAL_HASH);
  private readonly block = new Uint8Array(64);
  private readonly words = new Uint32Array(64);
  private blockLength = 0;
  private totalBytes = 0;
  private finished = false;

  update(bytes: Uint8Array): this {
    if (this.finished) throw new Error('Sha256.update after hex()');
    let offset = 0;
    this.totalBytes += bytes.length;
    while (offset < bytes.length) {
      const take = Math.min(64 - this.blockLength, bytes.length - offset);
      this.block.set(bytes.subarray(offset, offset + take), this.blockLength);
      this.blockLength += take;
      offset += take;
      if (this.blockLength === 64) {
        this.compress();
        this.blockLength = 0;
      }
    }
    return this;
  }

  hex(): string {
    if (!this.finished) {
      const bitLength = this.totalBytes * 8;
      this.block[this.blockLength++] = 0x80;
      if (this.blockLength > 56) {
        this.block.fill(0, this.blockLength);
        this.compress();
        this.blockLength = 0;
      }
      this.block.fill(0, this.blockLength, 56);
      const view = new DataView(this.block.buffer);
      view.setUint32(56, Math.floor(bitLength / 0x100000000));
      view.setUint32(60, bitLength >>> 0);
      this.compress();
      this.finished = true;
    }
    return Array.from(this.state, (word) => word.toString(16).padStart(8, '0')).join('');
  }

  private compress(): void {
    const w = this.words;
    const view = new DataView(this.block.buffer);
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(4 * i);
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, h] = this.state;
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const choose = (e & f) ^ (~e & g);
      const t1 = (h + s1 + choose + ROUND_CONSTANTS[i] + w[i]) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const majority = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + majority) >>> 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    const s = this.state;
    s[0] += a;
    s[1] += b;
    s[2] += c;
    s[3] += d;
    s[4] += e;
    s[5] += f;
    s[6] += g;
    s[7] += h;
  }
}

export function sha256Hex(bytes: Uint8Array): string {
  return new Sha256().update(bytes).hex();
}

/**
 * SHA-256 of float64 values as little-endian IEEE 754 bytes, the arrays concatenated in order
 * (numpy: `hashlib.sha256(np.concatenate(arrays).astype('<f8').tobytes())`). -0 and +0 hash
 * differently, as their bytes differ.
 */
export function float64Sha256(arrays: ReadonlyArray<ArrayLike<number>>): string {
  const hasher = new Sha256();
  const chunk = new Float64Array(1024);
  const bytes = new Uint8Array(chunk.buffer);
  const littleEndianHost = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
  for (const values of arrays) {
    for (let start = 0; start < values.length; start += chunk.length) {
      const count = Math.min(chunk.length, values.length - start);
      for (let i = 0; i < count; i++) chunk[i] = values[start + i];
      if (!littleEndianHost) {
        const view = new DataView(chunk.buffer);
        for (let i = 0; i < count; i++) view.setFloat64(8 * i, values[start + i], true);
      }
      hasher.update(bytes.subarray(0, 8 * count));
    }
  }
  return hasher.hex();
}
