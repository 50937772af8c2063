// Step 1: does the plain-JS Philox4x32-10 reproduce the Random123 known-answer vectors?
// Step 2: does the same algorithm, as a gpu.js kernel, reproduce them in every gpu.js mode that
//         runs on this machine?  Usage: node philox-kat.mjs   (exit code 1 if the JS reference fails)
import { createRequire } from 'node:module';
import {
  GPU, KAT, CANDIDATE_MODES, philox4x32, philox4x32BigInt, hex, halves,
  tryInstallWebGPUShim, settle, actualBackend,
} from './philox-common.mjs';
import { FORMULATIONS } from './philox-kernels.mjs';

const require = createRequire(import.meta.url);
const gpujsVersion = require('gpu.js/package.json').version;
console.log(`gpu.js ${gpujsVersion}, node ${process.version}, ${process.platform}-${process.arch}`);

// ---- 1. plain-JS reference -------------------------------------------------------------------
let refOk = true;
for (const v of KAT) {
  const got = philox4x32(v.counter, v.key);
  const big = philox4x32BigInt(v.counter, v.key);
  const ok = got.every((w, j) => w === v.expected[j] >>> 0) && big.every((w, j) => w === got[j]);
  refOk &&= ok;
  console.log(`JS reference  ${v.name.padEnd(5)} ${got.map(hex).join(' ')}  ${ok ? 'PASS' : 'FAIL'} (BigInt ${big.map(hex).join(' ')})`);
}
if (!refOk) {
  console.log('JS reference FAILED the known-answer test; gpu.js results below would be meaningless.');
  process.exit(1);
}

// ---- 2. the same algorithm as a gpu.js kernel, per mode ---------------------------------------
// Rows: 512 copies of the 3 vectors (1536 rows), then 4096 pseudo-random (counter, key) pairs
// checked against the JS reference (inputs drawn from the JS Philox itself, key fixed). 5632 rows
// x 8 halves = 45056 output cells (>= 4096, the size at which gpu.js's webasm backend splits an
// asyncMode kernel across its worker pool).
const COPIES = 512;
const RANDOM_ROWS = 4096;
const rows = [];
const expected = [];
const rowName = [];
for (let c = 0; c < COPIES; c++) {
  for (const v of KAT) {
    rows.push([...v.counter, ...v.key].flatMap(halves));
    expected.push(v.expected.map((w) => w >>> 0));
    rowName.push(v.name);
  }
}
for (let r = 0; r < RANDOM_ROWS; r++) {
  const a = philox4x32([r, 0x5eed, 0, 0], [0x1234abcd, 0x0badf00d]);
  const b = philox4x32([r, 0x5eed, 1, 0], [0x1234abcd, 0x0badf00d]);
  const counter = a;
  const key = [b[0], b[1]];
  rows.push([...counter, ...key].flatMap(halves));
  expected.push(philox4x32(counter, key));
  rowName.push(`random#${r}`);
}

const decode = (row) => [0, 1, 2, 3].map((j) => ((row[2 * j] * 65536) + row[2 * j + 1]) >>> 0);
const rowOk = (words, exp) => words.every((w, j) => w === exp[j]);

const summary = [];
for (const f of FORMULATIONS) {
  console.log(`\n=== formulation ${f.id}: ${f.name}`);
  // 0. the kernel source called directly as plain JS (no gpu.js): separates algorithm bugs
  //    from backend bugs.
  {
    let bad = 0;
    for (let y = 0; y < KAT.length; y++) {
      const row = Array.from({ length: 8 }, (_, x) => f.kat.call({ thread: { x, y, z: 0 } }, rows));
      const words = decode(row);
      if (!rowOk(words, expected[y])) bad++;
      console.log(`  ${'kernel source as plain JS'.padEnd(40)} ${KAT[y].name.padEnd(5)} ${words.map(hex).join(' ')}  ${rowOk(words, expected[y]) ? 'ok' : 'WRONG'}`);
    }
    const line = `[${f.id}] ${'kernel source as plain JS (no gpu.js)'.padEnd(40)} ${bad === 0 ? 'PASS' : 'FAIL'}`;
    console.log(line);
    summary.push(line);
  }
  for (const m of CANDIDATE_MODES) {
    let line;
    try {
      if (m.needsWebGPUShim) console.log(`  [webgpu shim] ${await tryInstallWebGPUShim()}`);
      const gpu = new GPU(m.settings);
      const kernel = gpu.createKernel(f.kat, { output: [8, rows.length], ...(m.kernel ?? {}) });
      const t0 = performance.now();
      const out = await settle(kernel(rows));
      const ms = performance.now() - t0;
      const backend = actualBackend(kernel);
      const rowType = out[0]?.constructor?.name;
      let badRows = 0;
      let badKat = 0;
      let badRandom = 0;
      let firstBad = null;
      for (let y = 0; y < rows.length; y++) {
        const words = decode(out[y]);
        if (!rowOk(words, expected[y])) {
          badRows++;
          if (y < COPIES * KAT.length) badKat++; else badRandom++;
          firstBad ??= { y, name: rowName[y], words };
        }
      }
      for (let y = 0; y < KAT.length; y++) {
        const words = decode(out[y]);
        console.log(`  ${m.label.padEnd(40)} ${KAT[y].name.padEnd(5)} ${words.map(hex).join(' ')}  ${rowOk(words, expected[y]) ? 'ok' : 'WRONG'}`);
      }
      const pass = badRows === 0;
      line = `[${f.id}] ${m.label.padEnd(40)} backend '${backend}', rows ${rowType}, ${ms.toFixed(0)} ms: `
        + (pass ? `PASS (KAT ${COPIES * KAT.length}/${COPIES * KAT.length}, random ${RANDOM_ROWS}/${RANDOM_ROWS} rows match)`
          : `FAIL (KAT rows wrong ${badKat}/${COPIES * KAT.length}, random rows wrong ${badRandom}/${RANDOM_ROWS}; e.g. ${firstBad.name} -> ${firstBad.words.map(hex).join(' ')})`);
      try { gpu.destroy(); } catch { /* ignore */ }
    } catch (e) {
      line = `[${f.id}] ${m.label.padEnd(40)} did not run: ${String(e?.message ?? e).split('\n')[0]}`;
    }
    console.log(line);
    summary.push(line);
  }
}

console.log('\nSummary (Philox4x32-10: Random123 KAT + 4096 random vectors vs JS reference; 16-bit halves in and out):');
for (const l of summary) console.log('  ' + l);
// worker pools and device handles can keep the event loop alive
process.exit(0);
