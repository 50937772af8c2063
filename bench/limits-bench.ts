/**
 * Dense-plane benchmark for the limits library (issue #5 target: a 1000 × 1000 (m, g) plane with a
 * CLs decision per point in ≤ 0.5 s on one CPU core). Run: `npx tsx bench/limits-bench.ts [--size 1000]`.
 *
 * Every one of the size² points is computed; nothing is subsampled. Timed separately, best of 3:
 *   physics   massPhysics per mass (Γ_tot, BR, coupling scales at g = 1: one physics-library call
 *             set per mass; redrawing for a new POT or background reuses it)
 *   signal    signalPlane: per point and production mode, bilinear (ln m, ln Γ) interpolation of
 *             the efficiency table for every region, the g² scaling of width and production, MC
 *             errors included; into the buffers of the previous plane (a redraw), and in brackets
 *             with freshly allocated buffers
 *   decide    classifySignalPlane: exact CLs < 0.1 decision per point (src/stats evaluator)
 * The tables are synthetic (test/limits/synthetic.ts: decay-in-volume efficiency, 25 masses ×
 * 161 widths, two production modes), the same size as a real `limits` run. Node is single-threaded:
 * all of this runs on one core.
 */
import {
  classifySignalPlane,
  createSetupEvaluator,
  logSpace,
  massPhysics,
  signalPlane,
  statisticsSetup,
  type MassPhysics,
  type ScenarioTableSet,
} from '../src/limits/index.ts';
import { realisticSet, syntheticScenario } from '../test/limits/synthetic.ts';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(name);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}
const size = flag('--size', 1000);
const repeats = flag('--repeats', 3);

/**
 * Best of `repeats`: wall time, and the process CPU time of the same repeat (user + system). On a
 * machine shared with other jobs the wall time includes waiting for a core; the CPU time does not.
 */
function best<T>(run: () => T): { ms: number; cpuMs: number; value: T } {
  let ms = Infinity;
  let cpuMs = Infinity;
  let value!: T;
  for (let r = 0; r < repeats; r++) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    value = run();
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    ms = Math.min(ms, wall);
    cpuMs = Math.min(cpuMs, (used.user + used.system) / 1000);
  }
  return { ms, cpuMs, value };
}

function bench(label: string, set: ScenarioTableSet): void {
  const masses = logSpace(0.01, 1, size);
  const couplings = logSpace(1e-7, 1e-1, size);
  const setup = statisticsSetup(set.scenario);
  const evaluator = createSetupEvaluator(setup);
  const physics = best(() => masses.map((m): MassPhysics => massPhysics(set, 'gluon', m)));
  const fresh = best(() => signalPlane(set, 'gluon', masses, couplings, { physics: physics.value }));
  const signal = best(() => signalPlane(set, 'gluon', masses, couplings, { physics: physics.value, reuse: fresh.value }));
  const out = new Uint8Array(size * size);
  evaluator.resetCounters();
  const decide = best(() => classifySignalPlane(signal.value, evaluator, { out }));
  const excluded = decide.value.reduce((sum, d) => sum + (d === 1 ? 1 : 0), 0);
  const counters = Object.entries(evaluator.counters)
    .filter(([, v]) => v > 0)
    .map(([k, v]) => `${k} ${Math.round(v / repeats)}`)
    .join(', ');
  const replot = signal.ms + decide.ms;
  const replotCpu = signal.cpuMs + decide.cpuMs;
  process.stdout.write(
    `${label.padEnd(48)} physics ${physics.ms.toFixed(0).padStart(4)} ms  signal ${signal.ms.toFixed(0).padStart(4)} ms (fresh buffers ${fresh.ms.toFixed(0).padStart(4)})  decide ${decide.ms.toFixed(0).padStart(4)} ms  ` +
      `signal+decide ${replot.toFixed(0).padStart(4)} ms wall, ${replotCpu.toFixed(0).padStart(4)} ms CPU  all ${(replot + physics.ms).toFixed(0).padStart(4)} ms  excluded ${((100 * excluded) / (size * size)).toFixed(1)}%  [${counters}]\n`,
  );
}

process.stdout.write(
  `limits dense plane: ${size} × ${size} = ${(size * size).toExponential(1)} points, best of ${repeats}, one core (Node ${process.version})\n`,
);
bench('1 region, b = 1.38, projection (KOTO step 2)', realisticSet(syntheticScenario({ regions: [{ backgroundEvents: 1.38, observedEvents: null }] })));
bench('1 region, n = 3, b = 3.35 (observed)', realisticSet(syntheticScenario({ regions: [{ backgroundEvents: 3.35, observedEvents: 3 }] })));
const kotoLike = [0.05, 0.08, 0.03, 0.1, 0.06, 0.04, 0.03, 0.03];
bench(
  '8 regions, all n = 0 (KOTO-2015-like Σb)',
  realisticSet(syntheticScenario({ regions: kotoLike.map((b) => ({ backgroundEvents: b, observedEvents: 0 })) })),
);
bench(
  '8 regions, n = (0,1,0,1,0,0,0,0), illustrative',
  realisticSet(syntheticScenario({ regions: kotoLike.map((b, i) => ({ backgroundEvents: b, observedEvents: i === 1 || i === 3 ? 1 : 0 })) })),
);
