// Toy Monte Carlo cross-check of gpu.js modes against the exact answer and against plain-JS float64
// using the same random numbers.
//
// Point source at the origin, isotropic emission; a disc of radius R = 1 centred on the z axis at
// height h = 2, perpendicular to it. Exact acceptance (fraction of rays hitting the disc):
//   p = (1 - h / sqrt(h^2 + R^2)) / 2 = 0.0527864045...
// Sample i uses Philox4x32-10 with counter (i, 0, 0, 0), key (KEY, 0); u0 from word 0, u1 from
// word 1, u = ((w >>> 9) + 0.5) * 2^-23 (uniformOpen01 of src/engine/philox.ts). cos(theta) = 2 u0 - 1,
// phi = 2 pi u1; the ray hits if cos(theta) > 0 and its intersection with z = h lies within R.
//
// Pass criteria (per formulation x mode), with sigma = sqrt(p (1 - p) / N) the binomial error:
//   (1) |p_mode - p_exact| <= 4 sigma
//   (2) |p_mode - p_js64|  <= 4 sigma       (p_js64: plain JS float64, same Philox words)
//   (3) stricter, not in the brief: at most 1e-4 N samples may differ from the float64 decision
//       sample-by-sample. With identical random numbers only f32-vs-f64 rounding at the disc edge
//       can flip a sample; a wrong RNG flips ~2 p (1 - p) N of them yet can still pass (1) and (2).
// Usage: node acceptance-crosscheck.mjs [N]      (default N = 1e6)
import { createRequire } from 'node:module';
import { GPU, philox4x32, uniformOpen01, settle, actualBackend } from './philox-common.mjs';
import { FORMULATIONS } from './philox-kernels.mjs';

const require = createRequire(import.meta.url);
const N = Number(process.argv[2] ?? 1e6);
const H = 2.0;
const R = 1.0;
const KEY = 0x2545f491;
const KEY_HI = KEY >>> 16;
const KEY_LO = KEY & 0xffff;
const P_EXACT = (1 - H / Math.sqrt(H * H + R * R)) / 2;
const SIGMA = Math.sqrt((P_EXACT * (1 - P_EXACT)) / N);
const MAX_SAMPLE_MISMATCH = Math.floor(1e-4 * N);

console.log(`gpu.js ${require('gpu.js/package.json').version}, node ${process.version}, ${process.platform}-${process.arch}`);
console.log(`N = ${N}, h = ${H}, R = ${R}, key = 0x${KEY.toString(16)}; exact p = ${P_EXACT.toFixed(7)}, sigma = ${SIGMA.toExponential(3)}, 4 sigma = ${(4 * SIGMA).toExponential(3)}`);

// ---- plain JS float64 reference, same random numbers ------------------------------------------
const t0 = performance.now();
const ref = new Uint8Array(N);
let refHits = 0;
for (let i = 0; i < N; i++) {
  const w = philox4x32([i, 0, 0, 0], [KEY, 0]);
  const cosT = 2 * uniformOpen01(w[0]) - 1;
  if (cosT > 0) {
    const sinT = Math.sqrt(1 - cosT * cosT);
    const t = H / cosT;
    const phi = 2 * Math.PI * uniformOpen01(w[1]);
    const px = t * sinT * Math.cos(phi);
    const py = t * sinT * Math.sin(phi);
    if (px * px + py * py <= R * R) {
      ref[i] = 1;
      refHits++;
    }
  }
}
const refMs = performance.now() - t0;
const pRef = refHits / N;
console.log(`plain JS float64: hits ${refHits}, p = ${pRef.toFixed(7)}, (p - exact)/sigma = ${((pRef - P_EXACT) / SIGMA).toFixed(2)}, ${(N / (refMs / 1000)).toExponential(3)} samples/s`);

// ---- gpu.js modes that construct and run here (see philox-kat.mjs for the full list) ----------
const MODES = [
  { label: 'cpu', settings: { mode: 'cpu' } },
  { label: 'webasm (sync)', settings: { mode: 'webasm' } },
  { label: 'webasm (asyncMode, worker pool)', settings: { mode: 'webasm' }, kernel: { asyncMode: true } },
];

const STEADY_CALLS = 3;
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

// Baseline for "does gpu.js cpu mode add anything": the very same kernel source, called as an
// ordinary JS function in a loop (float64, no gpu.js, no allocation per sample).
for (const f of FORMULATIONS) {
  const ms = [];
  let hits = 0;
  let mismatch = 0;
  for (let c = 0; c < STEADY_CALLS; c++) {
    const t = performance.now();
    const ctx = { thread: { x: 0, y: 0, z: 0 } };
    hits = 0;
    mismatch = 0;
    for (let i = 0; i < N; i++) {
      ctx.thread.x = i;
      const hv = f.acceptance.call(ctx, KEY_HI, KEY_LO, H, R);
      hits += hv;
      if (hv !== ref[i]) mismatch++;
    }
    ms.push(performance.now() - t);
  }
  console.log(`[${f.id}] kernel source as plain JS loop (no gpu.js): hits ${hits}, samples differing from js64: ${mismatch}, `
    + `${(N / (median(ms) / 1000)).toExponential(3)} samples/s (median of ${STEADY_CALLS} runs, ${median(ms).toFixed(0)} ms)`);
}

const results = [];
for (const f of FORMULATIONS) {
  for (const m of MODES) {
    const label = `[${f.id}] ${m.label}`;
    try {
      const gpu = new GPU(m.settings);
      const kernel = gpu.createKernel(f.acceptance, { output: [N], ...(m.kernel ?? {}) });
      const tFirst = performance.now();
      await settle(kernel(KEY_HI, KEY_LO, H, R)); // first call includes transpile + compile
      const firstMs = performance.now() - tFirst;
      let out;
      const runs = [];
      for (let c = 0; c < STEADY_CALLS; c++) {
        const tRun = performance.now();
        out = await settle(kernel(KEY_HI, KEY_LO, H, R));
        runs.push(performance.now() - tRun);
      }
      const runMs = median(runs);
      let hits = 0;
      let mismatch = 0;
      for (let i = 0; i < N; i++) {
        const hv = out[i] === 1 ? 1 : 0;
        hits += hv;
        if (hv !== ref[i]) mismatch++;
      }
      const p = hits / N;
      const zExact = (p - P_EXACT) / SIGMA;
      const zRef = (p - pRef) / SIGMA;
      const c1 = Math.abs(zExact) <= 4;
      const c2 = Math.abs(zRef) <= 4;
      const c3 = mismatch <= MAX_SAMPLE_MISMATCH;
      const rate = N / (runMs / 1000);
      const line = `${label.padEnd(44)} backend ${actualBackend(kernel).padEnd(16)} hits ${hits}, p = ${p.toFixed(7)}, `
        + `(p-exact)/sigma = ${zExact.toFixed(2)} [${c1 ? 'ok' : 'FAIL'}], (p-js64)/sigma = ${zRef.toFixed(2)} [${c2 ? 'ok' : 'FAIL'}], `
        + `samples differing from js64: ${mismatch} [${c3 ? 'ok' : 'FAIL'}] => ${c1 && c2 && c3 ? 'PASS' : 'FAIL'}; `
        + `${rate.toExponential(3)} samples/s (median of ${STEADY_CALLS} steady calls ${runMs.toFixed(0)} ms; first call incl. compile ${firstMs.toFixed(0)} ms)`;
      console.log(line);
      results.push(line);
      try { gpu.destroy(); } catch { /* ignore */ }
    } catch (e) {
      const line = `${label.padEnd(44)} did not run: ${String(e?.message ?? e).split('\n')[0]}`;
      console.log(line);
      results.push(line);
    }
  }
}
process.exit(0);
