// Diagnostic: which single integer idiom used by the Philox kernel does each gpu.js mode get wrong?
// Each probe builds one 32-bit value from 16-bit-half inputs and returns it as two 16-bit halves
// (thread 0 -> hi, thread 1 -> lo), so the f32 output cannot be what loses bits.
// Usage: node webasm-probe.mjs
import { GPU, hex } from './philox-common.mjs';

const A = 0xd234; // inputs: two 16-bit halves; (A << 16) | B = 0xd2345679 needs all 32 bits
const B = 0x5679;

const probes = [
  {
    name: 'const w = (a << 16) | b',
    expect: ((A << 16) | B) >>> 0,
    fn: function (inp) {
      const w = (inp[0] << 16) | inp[1];
      let out = (w >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = w & 0xffff; }
      return out;
    },
  },
  {
    name: 'const p = limb * 53841',
    expect: (A * 53841) >>> 0,
    fn: function (inp) {
      const a = (inp[0] | 0) & 0xffff;
      const p = a * 53841;
      let out = (p >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = p & 0xffff; }
      return out;
    },
  },
  {
    name: 'const p = limb * limb',
    expect: (A * B) >>> 0,
    fn: function (inp) {
      const a = (inp[0] | 0) & 0xffff;
      const b = (inp[1] | 0) & 0xffff;
      const p = a * b;
      let out = (p >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = p & 0xffff; }
      return out;
    },
  },
  {
    name: 'const s = (a << 12) + b',
    expect: ((A << 12) + B) >>> 0,
    fn: function (inp) {
      const s = ((inp[0] | 0) << 12) + (inp[1] | 0);
      let out = (s >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = s & 0xffff; }
      return out;
    },
  },
  {
    name: 'Weyl bump (w + -1640531527) | 0',
    expect: ((((A << 16) | B) + -1640531527) | 0) >>> 0,
    fn: function (inp) {
      const w = (inp[0] << 16) | inp[1];
      const k = (w + -1640531527) | 0;
      let out = (k >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = k & 0xffff; }
      return out;
    },
  },
  {
    name: 'const x = w ^ 0x5a5a5a5a',
    expect: (((A << 16) | B) ^ 0x5a5a5a5a) >>> 0,
    fn: function (inp) {
      const w = (inp[0] << 16) | inp[1];
      const x = w ^ 0x5a5a5a5a;
      let out = (x >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = x & 0xffff; }
      return out;
    },
  },
  {
    name: 'let c; c = c ^ (c << 1) in a loop',
    expect: (() => { let c = (A << 16) | B; for (let r = 0; r < 3; r++) c = c ^ (c << 1); return c >>> 0; })(),
    fn: function (inp) {
      let c = (inp[0] << 16) | inp[1];
      for (let r = 0; r < 3; r++) {
        c = c ^ (c << 1);
      }
      let out = (c >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = c & 0xffff; }
      return out;
    },
  },
  {
    name: 'inline, no local: ((a|0) * 53841) >>> 16',
    expect: (((A * 53841) >>> 16) & 0xffff) * 65536,
    fn: function (inp) {
      let out = (((inp[0] | 0) * 53841) >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = 0; }
      return out;
    },
  },
  {
    name: 'const p = Math.imul(w, 0x2545f491)',
    expect: Math.imul((A << 16) | B, 0x2545f491) >>> 0,
    fn: function (inp) {
      const w = (inp[0] << 16) | inp[1];
      const p = Math.imul(w, 0x2545f491);
      let out = (p >>> 16) & 0xffff;
      if (this.thread.x === 1) { out = p & 0xffff; }
      return out;
    },
  },
];

const modes = ['cpu', 'webasm'];
const rows = [];
for (const p of probes) {
  const cells = [`${p.name.padEnd(44)} expect ${hex(p.expect)}`];
  for (const mode of modes) {
    try {
      const gpu = new GPU({ mode });
      const k = gpu.createKernel(p.fn, { output: [2] });
      const out = k([A, B]);
      const got = ((out[0] * 65536) + out[1]) >>> 0;
      cells.push(`${mode}: ${hex(got)} ${got === p.expect ? 'ok   ' : 'WRONG'}`);
    } catch (e) {
      cells.push(`${mode}: error ${String(e.message).split('\n')[0].slice(0, 60)}`);
    }
  }
  rows.push(cells.join('  '));
}
for (const r of rows) console.log(r);

// Can a kernel hand back a full 32-bit word? Every mode returns Float32Array, so no:
// values above 2^24 come back rounded to f32 (24-bit significand).
console.log('\nReturning a whole 32-bit word (not halves):');
const words = [0x12345679, 0x87654321, 0xfffffedc];
for (const mode of modes) {
  try {
    const gpu = new GPU({ mode });
    const k = gpu.createKernel(function (inp) {
      return ((inp[this.thread.x][0] << 16) | inp[this.thread.x][1]) >>> 0;
    }, { output: [words.length] });
    const out = k(words.map((w) => [w >>> 16, w & 0xffff]));
    console.log(`  ${mode.padEnd(7)} result ${out.constructor.name}: `
      + words.map((w, i) => `${hex(w)} -> ${out[i]} (${out[i] === w ? 'exact' : `off by ${out[i] - w}`})`).join(', '));
  } catch (e) {
    console.log(`  ${mode}: error ${String(e.message).split('\n')[0]}`);
  }
}
process.exit(0);
