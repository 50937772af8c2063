/**
 * Mass–coupling exclusion edges of the seed setups against ALPINIST's published contours at the exact
 * masses (validation/reference/alpinist/mass-coupling-edges.json; docs/validation.md). Each setup runs
 * with ALPINIST's conventions of that contour (POT, acceptance, threshold: see the reference file) and,
 * where ALPINIST drew another layout (ALPINIST_LAYOUTS), once more on that layout.
 * Writes validation/results/contours-vs-alpinist.json and docs/figures/validation/contours-vs-alpinist.svg.
 *
 *   npx tsx validation/scripts/contours-vs-alpinist.ts [--engine auto|webgpu|reference] [--samples N] [--only charm,nucal]
 *
 * --samples is the base count per mass and mode; SAMPLE_FACTOR_FOR_COMPARISON multiplies it for the setups that need more.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { couplingAxis, runLimits } from '../../src/app/run-limits.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { nodeEngine } from '../../src/node/engine.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { figureSvg, type Figure, type FigureLayer, type LegendEntry } from '../../src/plots/figure.ts';
import { parseScenario, scenarioHash } from '../../src/scenarios/parse.ts';
import {
  ALPINIST_LAYOUTS,
  edgesAtMass,
  POT_FOR_ALPINIST_CONVENTION,
  SAMPLE_FACTOR_FOR_COMPARISON,
  SIXTEEN_PI_SQUARED_TIMES_2,
  sampleFactor,
} from '../lib/contour-comparison.ts';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'auto' }, samples: { type: 'string', default: '50000' }, only: { type: 'string' } } });
const root = join(import.meta.dirname, '..', '..');
const reference = JSON.parse(readFileSync(join(root, 'validation/reference/alpinist/mass-coupling-edges.json'), 'utf8'));
const engine = await nodeEngine(values.engine as 'auto' | 'webgpu' | 'reference');
const samplesPerMass = Number(values.samples);
const SEED = 1;
const couplings = couplingAxis(1e-7, 10);
const only = values.only?.split(',');
const results = [];
const started = performance.now();
for (const contour of reference.contours) {
  if (only && !only.includes(contour.scenario)) continue;
  const loaded = await loadScenario(contour.scenario);
  const masses: number[] = contour.atMasses.map((a: { massGeV: number }) => a.massGeV);
  const t0 = performance.now();
  const edgesFor = async (scenario: typeof loaded.scenario, hash: string) => {
    const { limits: [limits] } = await runLimits({
      scenarios: [{ scenario, hash }], model: contour.model, couplingsPerGeV: couplings, massesGeV: masses,
      pot: POT_FOR_ALPINIST_CONVENTION[contour.scenario], samplesPerMass: samplesPerMass * sampleFactor(contour.scenario, contour.model), seed: SEED, engine, production: cachedProductionSource(), maxAddedMasses: 0,
    });
    const rows = contour.atMasses.map((a: { massGeV: number; crossingsCOverLambdaPerGeV: number[] }) => {
      const ys = a.crossingsCOverLambdaPerGeV;
      const alpinist = ys.length >= 2 ? { lower: ys[0] * SIXTEEN_PI_SQUARED_TIMES_2, upper: ys[ys.length - 1] * SIXTEEN_PI_SQUARED_TIMES_2 } : null;
      const alpenglow = edgesAtMass(limits, a.massGeV);
      return { massGeV: a.massGeV, alpinist, alpenglow, lowerRatio: alpinist && alpenglow ? alpenglow.lower / alpinist.lower : null, upperRatio: alpinist && alpenglow ? alpenglow.upper / alpinist.upper : null };
    });
    return { limits, rows };
  };
  const { limits, rows } = await edgesFor(loaded.scenario, loaded.hash);
  // Where ALPINIST drew the contour with another layout than the scenario's: the same run on that layout.
  let alpinistLayout: { description: string; rows: typeof rows } | undefined;
  const layout = ALPINIST_LAYOUTS[contour.scenario];
  if (layout) {
    const edited = structuredClone(loaded.scenario) as Record<string, any>;
    layout.edit(edited);
    const variant = parseScenario(edited, `${contour.scenario} (ALPINIST layout)`);
    alpinistLayout = { description: layout.description, rows: (await edgesFor(variant, await scenarioHash(variant))).rows };
    for (const row of alpinistLayout.rows) console.log(`  ALPINIST layout: m = ${row.massGeV}: alpenglow ${row.alpenglow ? `${row.alpenglow.lower.toExponential(2)}–${row.alpenglow.upper.toExponential(2)}` : 'none'} (ratios ${row.lowerRatio?.toFixed(2)} / ${row.upperRatio?.toFixed(2)})`);
  }
  results.push({ scenario: contour.scenario, alpinist: contour.alpinist, model: contour.model, pot: limits.pot, samplesPerMass: samplesPerMass * sampleFactor(contour.scenario, contour.model), basis: limits.basis, alpinistSource: contour.source, wallSeconds: (performance.now() - t0) / 1000, rows, ...(alpinistLayout ? { alpinistLayout } : {}) });
  for (const row of rows) console.log(`${contour.scenario} ${contour.model} m = ${row.massGeV}: ALPINIST ${row.alpinist ? `${row.alpinist.lower.toExponential(2)}–${row.alpinist.upper.toExponential(2)}` : 'none'}, alpenglow ${row.alpenglow ? `${row.alpenglow.lower.toExponential(2)}–${row.alpenglow.upper.toExponential(2)}` : 'none'} GeV^-1`);
}
const output = { description: 'alpenglow exclusion edges (1/f_a, GeV^-1) vs ALPINIST contours at exact masses (docs/validation.md)', engine: engine.kind, adapter: engine.adapter, samplesPerMass, seed: SEED, wallSeconds: (performance.now() - started) / 1000, results };
writeFileSync(join(root, `validation/results/contours-vs-alpinist${only ? `-${only.join('-')}` : ''}.json`), `${JSON.stringify(output, null, 1)}\n`);

// Figure: ratio alpenglow/ALPINIST of the lower (filled) and upper (open) edges per setup and mass.
const colours: Record<string, string> = {
  charm: '#1b9e77', nucal: '#d95f02', 'koto-step2': '#7570b3', 'koto-step2-dump': '#66a61e', 'koto-step1-dump': '#e7298a', 'koto-step1-future': '#a6761d',
  'koto-step1-2015': '#666666', 'na62-dump': '#e6ab02', ship: '#1f78b4', shadows: '#e31a1c', 'dune-nd': '#6a3d9a', darkquest: '#17becf',
};
const dashOf = (model: string) => (model === 'photon' ? '6 4' : model === 'codominance' ? '2 3' : undefined);
const layers: FigureLayer[] = [
  { kind: 'band', upper: [[0.035, 1.3], [0.6, 1.3]], lower: [[0.035, 1 / 1.3], [0.6, 1 / 1.3]], fill: '#999', opacity: 0.2 },
  { kind: 'rule', axis: 'y', at: 1, colour: '#555', width: 1 },
];
const legend: LegendEntry[] = [];
for (const r of results) {
  const colour = colours[r.scenario];
  const lower = r.rows.filter((row: { lowerRatio: number | null }) => row.lowerRatio !== null).map((row: { massGeV: number; lowerRatio: number }) => [row.massGeV, row.lowerRatio] as [number, number]);
  const upper = r.rows.filter((row: { upperRatio: number | null }) => row.upperRatio !== null).map((row: { massGeV: number; upperRatio: number }) => [row.massGeV, row.upperRatio] as [number, number]);
  const dash = dashOf(r.model);
  layers.push({ kind: 'line', lines: [lower], stroke: colour, width: 2, dash }, { kind: 'markers', points: lower.map((at: [number, number]) => ({ at })), colour, radius: 4 });
  layers.push({ kind: 'line', lines: [upper], stroke: colour, width: 1, dash });
  if (!legend.some((entry) => entry.label === `${r.scenario} (ALPINIST ${r.alpinist})`)) legend.push({ label: `${r.scenario} (ALPINIST ${r.alpinist})`, swatch: { kind: 'line', stroke: colour, width: 2 } });
}
for (const model of ['gluon', 'photon', 'codominance']) legend.push({ label: `${model} model`, swatch: { kind: 'line', stroke: '#333', width: 2, dash: dashOf(model) } });
legend.push({ label: { plain: 'thick with dots: lower edge; thin: upper edge; grey: ±30 %' } });
const figure: Figure = {
  width: 900, height: 560, title: 'Exclusion edges at fixed mass: alpenglow / ALPINIST',
  x: { scale: 'log', domain: [0.035, 0.6], label: 'm_a [GeV]', decimal: true }, y: { scale: 'log', domain: [0.5, 2], label: 'edge ratio alpenglow / ALPINIST', decimal: true },
  layers, legend: { entries: legend, position: 'below' },
  footnotes: [`alpenglow ${engine.adapter}, ${samplesPerMass} samples per mass and mode (${Object.entries(SAMPLE_FACTOR_FOR_COMPARISON).map(([name, factor]) => `${name} × ${factor}`).join(', ')}), seed ${SEED}; ALPINIST v1.4.0 contour files (v1.3.0 tables), 1/f_a = 32π² C/Λ`],
};
if (!only) writeFileSync(join(root, 'docs/figures/validation/contours-vs-alpinist.svg'), figureSvg(figure));
console.log(`done in ${output.wallSeconds.toFixed(0)} s`);
