/**
 * Fixed-mass (c_GG/f_a, c_BB/f_a) planes of the KOTO paper (arXiv:2303.01521) against ALPINIST's
 * (validation/reference/alpinist/coupling-planes.json, frozen by freeze-alpinist-planes.ts; docs/validation.md
 * "Coupling–coupling planes"). For each ALPINIST plane alpenglow runs runPlane on the matching scenario at the
 * same mass, with ALPINIST's exposure convention (POT_FOR_ALPINIST_CONVENTION) and sample factor, and compares
 * where the excluded area crosses the rays c_BB = r c_GG: the lowest and highest crossing, as c_GG/f_a in GeV⁻¹
 * (ALPINIST C/Λ × 32π²). KOTO Step-2 planes run once more without the meson-photon Primakoff mode, as
 * ALPINIST's empty photon-from-meson tables do.
 * Writes validation/results/planes-vs-alpinist.json and docs/figures/validation/planes-vs-alpinist.svg.
 *
 *   npx tsx validation/scripts/planes-vs-alpinist.ts [--engine auto|webgpu|reference] [--samples N] [--points N] [--only charm,nucal]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runPlane } from '../../src/app/run-plane.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { nodeEngine } from '../../src/node/engine.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { figureSvg, type Figure, type FigureLayer, type LegendEntry } from '../../src/plots/figure.ts';
import { parseScenario, scenarioHash } from '../../src/scenarios/parse.ts';
import { POT_FOR_ALPINIST_CONVENTION, SIXTEEN_PI_SQUARED_TIMES_2 } from '../lib/contour-comparison.ts';
import { alpinistPlaneDefect, PLANE_SAMPLES, planeAxes, planeSampleFactor, rayCrossings, type ReferencePlane } from '../lib/plane-comparison.ts';

const { values } = parseArgs({
  options: { engine: { type: 'string', default: 'auto' }, samples: { type: 'string', default: String(PLANE_SAMPLES) }, points: { type: 'string', default: '40' }, only: { type: 'string' } },
});
const root = join(import.meta.dirname, '..', '..');
const reference = JSON.parse(readFileSync(join(root, 'validation/reference/alpinist/coupling-planes.json'), 'utf8'));
const engine = await nodeEngine(values.engine as 'auto' | 'webgpu' | 'reference');
const samplesPerMass = Number(values.samples);
const points = Number(values.points);
const SEED = 1;
const only = values.only?.split(',');
const started = performance.now();
const results = [];
for (const plane of reference.planes as ReferencePlane[]) {
  if (only && !only.includes(plane.scenario)) continue;
  const t0 = performance.now();
  const loaded = await loadScenario(plane.scenario);
  const axes = planeAxes(plane, reference.rays, points);
  const samples = samplesPerMass * planeSampleFactor(plane.scenario, plane.massGeV);
  const pot = POT_FOR_ALPINIST_CONVENTION[plane.scenario];
  const run = async (target: { scenario: typeof loaded.scenario; hash: string }) => {
    const [json] = await runPlane({
      scenarios: [target],
      massGeV: plane.massGeV,
      x: 'c_GG',
      y: 'c_BB',
      xValuesPerGeV: axes.xValuesPerGeV,
      yValuesPerGeV: axes.yValuesPerGeV,
      pot,
      samplesPerMass: samples,
      seed: SEED,
      engine,
      production: cachedProductionSource(),
    });
    return json;
  };
  const json = await run(loaded);
  // KOTO Step 2 as ALPINIST's tables have it: no Primakoff conversion of meson-decay photons.
  let withoutMesonPhotons: typeof json | undefined;
  if (plane.scenario === 'koto-step2' || plane.scenario === 'koto-step2-dump') {
    const scenario = parseScenario(
      { ...structuredClone(loaded.scenario), production: { ...loaded.scenario.production, modes: loaded.scenario.production.modes.filter((mode) => mode !== 'primakoff-meson-photons') } },
      `${plane.scenario} (no meson-photon Primakoff)`,
    );
    withoutMesonPhotons = await run({ scenario, hash: await scenarioHash(scenario) });
  }
  const rays = plane.rays.map((ray) => {
    const ys = ray.crossingsCggOverLambdaPerGeV;
    const alpinist = ys.length >= 2 ? { lower: ys[0] * SIXTEEN_PI_SQUARED_TIMES_2, upper: ys[ys.length - 1] * SIXTEEN_PI_SQUARED_TIMES_2 } : null;
    type RayEdges = { lower: number; upper: number; crossings: number } | { open: number } | null;
    const edges = (result: typeof json): RayEdges => {
      const xs = rayCrossings(result.contours.nominal.polygons, ray.cbbOverCgg, axes);
      return xs.length >= 2 ? { lower: xs[0], upper: xs[xs.length - 1], crossings: xs.length } : xs.length === 1 ? { open: xs[0] } : null;
    };
    const alpenglow = edges(json);
    const ratio = (a: RayEdges) =>
      alpinist && a && 'crossings' in a ? { lower: Number((a.lower / alpinist.lower).toFixed(3)), upper: Number((a.upper / alpinist.upper).toFixed(3)) } : null;
    const defect = alpinistPlaneDefect(plane.scenario, plane.massGeV, ray.cbbOverCgg);
    return {
      cbbOverCgg: ray.cbbOverCgg,
      alpinist,
      alpenglow,
      ratio: ratio(alpenglow),
      ...(defect ? { alpinistDefect: defect } : {}),
      ...(withoutMesonPhotons ? { withoutMesonPhotons: edges(withoutMesonPhotons), ratioWithoutMesonPhotons: ratio(edges(withoutMesonPhotons)) } : {}),
    };
  });
  const wallSeconds = Number(((performance.now() - t0) / 1000).toFixed(1));
  results.push({
    scenario: plane.scenario,
    alpinist: plane.alpinist,
    massGeV: plane.massGeV,
    pot: json.pot,
    samplesPerMass: samples,
    grid: { x: json.x, y: json.y },
    excludedFraction: Number(json.excludedFraction.toFixed(4)),
    warnings: json.warnings,
    alpinistSource: plane.source,
    wallSeconds,
    rays,
  });
  const show = (e: unknown) => (e && typeof e === 'object' && 'lower' in e ? `${(e as { lower: number; upper: number }).lower.toExponential(2)}–${(e as { lower: number; upper: number }).upper.toExponential(2)}` : JSON.stringify(e));
  for (const r of rays)
    console.log(
      `${plane.scenario} ${plane.massGeV} r=${r.cbbOverCgg}: ALPINIST ${show(r.alpinist)}, alpenglow ${show(r.alpenglow)}${r.ratio ? ` (${r.ratio.lower} / ${r.ratio.upper})` : ''}${r.alpinistDefect ? ` [${r.alpinistDefect}]` : ''}${'withoutMesonPhotons' in r ? `; without meson photons ${show(r.withoutMesonPhotons)}` : ''}`,
    );
  console.log(`  (${wallSeconds} s)`);
}
const output = {
  description:
    'alpenglow fixed-mass (c_GG/f_a, c_BB/f_a) planes vs ALPINIST (KOTO paper arXiv:2303.01521 planes): lowest and highest crossing of the excluded area with the rays c_BB = r c_GG, as c_GG/f_a [GeV^-1] (ALPINIST C/Λ × 32π²); ratio = alpenglow / ALPINIST (docs/validation.md)',
  engine: engine.kind,
  adapter: engine.adapter,
  samplesPerMass,
  gridPoints: points,
  seed: SEED,
  wallSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  results,
};
writeFileSync(join(root, `validation/results/planes-vs-alpinist${only ? `-${only.join('-')}` : ''}.json`), `${JSON.stringify(output, null, 1)}\n`);

// Figure: edge ratio alpenglow / ALPINIST against r = c_BB/c_GG, one line per plane (colour: setup, dash: mass).
const colours: Record<string, string> = {
  charm: '#1b9e77', nucal: '#d95f02', 'koto-step2': '#7570b3', 'koto-step2-dump': '#66a61e', 'koto-step1-dump': '#e7298a', 'koto-step1-future': '#a6761d', 'koto-step1-2015': '#666666',
};
const dashOf = (massGeV: number) => (massGeV === 0.04 ? '6 4' : massGeV === 0.4 ? '2 3' : undefined);
const layers: FigureLayer[] = [
  { kind: 'band', upper: [[0.05, 1.3], [200, 1.3]], lower: [[0.05, 1 / 1.3], [200, 1 / 1.3]], fill: '#999', opacity: 0.2 },
  { kind: 'rule', axis: 'y', at: 1, colour: '#555', width: 1 },
];
const legend: LegendEntry[] = [];
for (const r of results) {
  const colour = colours[r.scenario];
  const compared = r.rays.filter((ray) => ray.ratio && !ray.alpinistDefect);
  const lower = compared.map((ray) => [ray.cbbOverCgg, ray.ratio!.lower] as [number, number]);
  const upper = compared.map((ray) => [ray.cbbOverCgg, ray.ratio!.upper] as [number, number]);
  if (lower.length === 0) continue;
  layers.push({ kind: 'line', lines: [lower], stroke: colour, width: 2, dash: dashOf(r.massGeV) }, { kind: 'markers', points: lower.map((at) => ({ at })), colour, radius: 3.5 });
  layers.push({ kind: 'line', lines: [upper], stroke: colour, width: 1, dash: dashOf(r.massGeV) });
  if (!legend.some((entry) => entry.label === `${r.scenario} (ALPINIST ${r.alpinist})`)) legend.push({ label: `${r.scenario} (ALPINIST ${r.alpinist})`, swatch: { kind: 'line', stroke: colour, width: 2 } });
}
for (const massGeV of [0.04, 0.2, 0.4]) legend.push({ label: `m = ${massGeV * 1000} MeV`, swatch: { kind: 'line', stroke: '#333', width: 2, dash: dashOf(massGeV) } });
legend.push({ label: { plain: 'thick with dots: lowest crossing; thin: highest; grey: ±30 %; ALPINIST-defect rays left out' } });
const figure: Figure = {
  width: 900,
  height: 560,
  title: 'c_{GG}–c_{BB} planes: crossings of c_{BB} = r c_{GG}, alpenglow / ALPINIST',
  x: { scale: 'log', domain: [0.05, 200], label: 'r = c_{BB} / c_{GG}', decimal: true },
  y: { scale: 'log', domain: [0.4, 2.5], label: 'crossing ratio alpenglow / ALPINIST', decimal: true },
  layers,
  legend: { entries: legend, position: 'below' },
  footnotes: [
    `alpenglow runPlane, ${engine.adapter}, ${points}×${points + 8} grid, ${samplesPerMass} samples per mode (× ${planeSampleFactor('koto-step1-2015', 0.04)} for the KOTO Step-1 kaon mode at 40 MeV), seed ${SEED}; ALPINIST v1.4.0 plane files (C at Λ = 1 TeV), c/f_a = 32π² C/Λ`,
  ],
};
if (!only) writeFileSync(join(root, 'docs/figures/validation/planes-vs-alpinist.svg'), figureSvg(figure));
console.log(`done in ${output.wallSeconds} s (${engine.adapter})`);
