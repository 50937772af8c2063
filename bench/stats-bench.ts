/**
 * Benchmark of the exclusion evaluator (src/stats/exclusion-evaluator.ts) on a synthetic
 * 1000 × 1000 (mass, coupling) plane. Run: `npx tsx bench/stats-bench.ts [--size 1000]`.
 *
 * The signal per region is synthetic (not physics): log10 Σs ranges from −2.5 to +3.5 over the
 * plane so that the 90 % CL contour crosses it, and the split over regions drifts with mass and
 * coupling so that the shape differs at every point. Signal generation is not timed; only
 * classifyPlane is. The 8-region backgrounds are KOTO-2015-like (Σb ≈ 0.42, physics.md §9.2);
 * the per-region (n, b) of KOTO PRL 122 (2019) 021802 are not available, so the observed counts
 * below are illustrative: all zero (as KOTO observed 0 events in total) and a made-up 2-event case
 * that exercises the general multi-region path.
 */
import { createExclusionEvaluator, type ExclusionEvaluator } from '../src/stats/index.ts';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const planeSize = flag('--size', 1000);
/** The stress case (larger counts) is slow: it runs on a smaller plane and the per-point time is extrapolated. */
const stressSize = flag('--stress-size', 60);

function syntheticPlane(regions: number, size: number): Float64Array {
  const points = size * size;
  const signals = new Float64Array(points * regions);
  const shape = new Float64Array(regions);
  for (let massIndex = 0; massIndex < size; massIndex++) {
    const x = massIndex / (size - 1);
    for (let couplingIndex = 0; couplingIndex < size; couplingIndex++) {
      const y = couplingIndex / (size - 1);
      const logTotal = 24 * y * (1 - y) * (1 - 0.6 * x) - 2.5;
      const total = 10 ** logTotal;
      let norm = 0;
      const centre = (regions - 1) * (0.2 + 0.6 * x * (0.5 + 0.5 * y));
      for (let i = 0; i < regions; i++) norm += shape[i] = Math.exp(-0.5 * ((i - centre) / 1.8) ** 2) + 0.05;
      const offset = (massIndex * size + couplingIndex) * regions;
      for (let i = 0; i < regions; i++) signals[offset + i] = (total * shape[i]) / norm;
    }
  }
  return signals;
}

function time(label: string, evaluator: ExclusionEvaluator, signals: Float64Array, repeats = 3): void {
  const points = signals.length / evaluator.regionCount;
  const out = new Uint8Array(points);
  evaluator.classifyPlane(signals.subarray(0, Math.min(signals.length, 10_000 * evaluator.regionCount)), out); // warm-up (JIT)
  evaluator.resetCounters();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    if (r > 0) evaluator.resetCounters();
    const start = performance.now();
    evaluator.classifyPlane(signals, out);
    times.push(performance.now() - start);
  }
  let excluded = 0;
  for (let p = 0; p < points; p++) excluded += out[p];
  const best = Math.min(...times);
  const perMillion = (best * 1e6) / points;
  console.log(
    `${label.padEnd(64)} ${points} points: ${best.toFixed(0).padStart(6)} ms (best of ${repeats}; all: ${times.map((t) => t.toFixed(0)).join(', ')})` +
      `  → ${perMillion.toFixed(0)} ms per 10⁶ points  ` +
      `excluded ${((100 * excluded) / points).toFixed(1)} %  mode ${evaluator.mode}  paths ${JSON.stringify(evaluator.counters)}`,
  );
}

const kotoLikeBackground = [0.05, 0.09, 0.02, 0.11, 0.08, 0.03, 0.02, 0.02];
console.log(`Exclusion evaluator on a synthetic ${planeSize}×${planeSize} plane, one CPU thread (Node ${process.version})`);

const single = syntheticPlane(1, planeSize);
time('1 region, n = 1, b = 1.38 (KOTO2pnn-like)', createExclusionEvaluator({ background: [1.38], observed: [1] }), single);

const eight = syntheticPlane(8, planeSize);
time('8 regions KOTO-2015-like, all n = 0', createExclusionEvaluator({ background: kotoLikeBackground, observed: [0, 0, 0, 0, 0, 0, 0, 0] }), eight);
time(
  '8 regions KOTO-2015-like, n = (0,1,0,1,0,0,0,0) (illustrative)',
  createExclusionEvaluator({ background: kotoLikeBackground, observed: [0, 1, 0, 1, 0, 0, 0, 0] }),
  eight,
);
time(
  `8 regions, b_i = 2, n = (1,3,2,2,0,4,2,1) (stress, ${stressSize}×${stressSize})`,
  createExclusionEvaluator({ background: [2, 2, 2, 2, 2, 2, 2, 2], observed: [1, 3, 2, 2, 0, 4, 2, 1] }),
  syntheticPlane(8, stressSize),
  1,
);
