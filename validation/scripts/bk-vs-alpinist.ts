/**
 * B → K(*) a model-independent limits of the NA62 dump scenarios (na62-dump-ee, na62-dump-mumu) against
 * ALPINIST v1.4.0's NA62 tauX–BRdecay contours (m = 0.22–0.30 GeV; docs/validation.md). Writes
 * validation/results/bk-vs-alpinist.json and docs/figures/validation/bk-vs-alpinist.svg.
 *
 *   npx tsx validation/scripts/bk-vs-alpinist.ts [--engine reference|webgpu] [--samples N]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runModelIndependent } from '../../src/app/run-model-independent.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { nodeEngine } from '../../src/node/engine.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { figureSvg, type Figure, type FigureLayer, type LegendEntry } from '../../src/plots/figure.ts';
import { ALPINIST_CONTOUR_POT, compareWithAlpinist, contourLowerEdge, tableEdgeFunction, PS } from '../lib/bk-comparison.ts';

const { values } = parseArgs({ options: { engine: { type: 'string', default: 'reference' }, samples: { type: 'string', default: '200000' } } });
const root = join(import.meta.dirname, '..', '..');
const reference = JSON.parse(readFileSync(join(root, 'validation/reference/alpinist/bk-contours.json'), 'utf8'));
const engine = await nodeEngine(values.engine as 'reference' | 'webgpu');
const samplesPerMass = Number(values.samples);
const SEED = 1;
/** 26 lifetimes 10 ps – 1 μs (5 per decade). */
const lifetimesS = logSpace(1e-11, 1e-6, 26);
const comparisons = [];
const started = performance.now();
for (const [scenarioName, channel] of [['na62-dump-mumu', 'mumu'], ['na62-dump-ee', 'ee']] as const) {
  const loaded = await loadScenario(scenarioName);
  for (const table of reference.na62Tables.filter((t: { channel: string }) => t.channel === channel)) {
    // The drawn contour where ALPINIST has one (0.22 ee, 0.22 and 0.24 mumu), else its event table at the contour's threshold.
    const contour = reference.contours.find((c: { experiment: string; channel: string; massGeV: number }) => c.experiment === 'NA62' && c.channel === channel && c.massGeV === table.massGeV);
    const edge = contour ? (tauPs: number) => contourLowerEdge(contour.tauPsBrDecay, tauPs) : tableEdgeFunction(table.eventsPerUnitBrDecay);
    const [limits] = await runModelIndependent({
      scenarios: [{ scenario: loaded.scenario, hash: loaded.hash }], model: `bk:${table.massGeV}`, lifetimesS, samplesPerMass, seed: SEED, pot: ALPINIST_CONTOUR_POT, engine,
    });
    const compared = compareWithAlpinist(limits, edge);
    const best = compared.points.filter((p) => p.alpenglowSigmaBbMatched !== null).reduce((a, b) => (b.alpenglowSigmaBbMatched! < a.alpenglowSigmaBbMatched! ? b : a));
    const alpinistBest = compared.points.filter((p) => p.alpinist !== null).reduce((a, b) => (b.alpinist! < a.alpinist! ? b : a));
    comparisons.push({
      scenario: scenarioName, channel, massGeV: table.massGeV, alpinistEdgeFrom: contour ? 'contour' : 'table', alpinistSource: contour ? contour.source : table.source, kStarOverK: compared.kStarOverK,
      signalEventsUpperLimit: limits.signalEventsUpperLimit, yieldPerPotPerUnitBr: Object.fromEntries(limits.modes.map((m) => [m.mode, m.alpYieldPerPotPerUnitBr])),
      minimum: { alpinist: { tauPs: alpinistBest.tauPs, brDecay: alpinistBest.alpinist }, alpenglowSigmaBbMatched: { tauPs: best.tauPs, brDecay: best.alpenglowSigmaBbMatched }, ratio: best.alpenglowSigmaBbMatched! / alpinistBest.alpinist! },
      points: compared.points,
    });
    console.log(`${scenarioName} m = ${table.massGeV}: minimum BR(a->${channel}) ALPINIST (${contour ? 'contour' : 'table'}) ${alpinistBest.alpinist!.toExponential(3)} at ${alpinistBest.tauPs} ps, alpenglow (sigma_bb matched) ${best.alpenglowSigmaBbMatched!.toExponential(3)} at ${best.tauPs.toPrecision(3)} ps`);
  }
}
const result = {
  description: 'B -> K(*) a: alpenglow (K + r K*, 1.4e17 POT, expected-median s_up) vs ALPINIST v1.4.0 NA62 tauX-BRdecay contours (docs/validation.md)',
  engine: engine.kind, adapter: engine.adapter, samplesPerMass, seed: SEED, lifetimesS, wallSeconds: (performance.now() - started) / 1000, comparisons,
};
writeFileSync(join(root, 'validation/results/bk-vs-alpinist.json'), `${JSON.stringify(result, null, 1)}\n`);

// Figure: BR(a → ℓℓ) vs τ; ALPINIST contours (solid), alpenglow σ_bb̄-matched (dashed), alpenglow's own 1e18 projection of B → K a (dotted).
const colours = ['#1b9e77', '#d95f02', '#7570b3', '#e7298a', '#66a61e', '#e6ab02'];
const layers: FigureLayer[] = [];
const legend: LegendEntry[] = [];
comparisons.filter((c) => c.massGeV === 0.22).forEach((c, i) => {
  const colour = colours[i % colours.length];
  layers.push({ kind: 'line', lines: [c.points.filter((p) => p.alpinist !== null && p.alpinist <= 1).map((p) => [p.tauPs * PS, p.alpinist!])], stroke: colour, width: 2 });
  layers.push({ kind: 'line', lines: [c.points.filter((p) => p.alpenglowSigmaBbMatched !== null && p.alpenglowSigmaBbMatched <= 1).map((p) => [p.tauPs * PS, p.alpenglowSigmaBbMatched!])], stroke: colour, width: 2, dash: '8 5' });
  layers.push({ kind: 'line', lines: [c.points.filter((p) => p.alpenglowProjectionKOnly !== null).map((p) => [p.tauPs * PS, p.alpenglowProjectionKOnly!])], stroke: colour, width: 1.2, dash: '2 4' });
  legend.push({ label: `${c.channel === 'ee' ? 'ee' : 'μμ'}, m = ${c.massGeV} GeV (0.24–0.30 GeV: validation/results/bk-vs-alpinist.json)`, swatch: { kind: 'line', stroke: colour, width: 2 } });
});
legend.push({ label: { plain: 'solid: ALPINIST v1.4.0 contour (2.3 events at 1.4e17 POT, K + r K*)' } });
legend.push({ label: { plain: 'dashed: alpenglow with the same definitions and ALPINIST σ_bb' } });
legend.push({ label: { plain: "dotted: alpenglow's 1e18-POT projection, B → K a only" } });
const figure: Figure = {
  width: 900, height: 640, title: 'NA62 dump, B → K(*) a: alpenglow vs ALPINIST, m = 0.22 GeV',
  x: { scale: 'log', domain: [1e-11, 1e-6], label: 'τ_a [s]' }, y: { scale: 'log', domain: [1e-9, 1e-2], label: 'BR(B → K a) × BR(a → ℓℓ)' },
  layers, legend: { entries: legend, position: 'below' },
  footnotes: [`alpenglow ${engine.adapter}, ${samplesPerMass} samples per B mode, seed ${SEED}; r = BR(B→K*a)/BR(B→Ka) as ALPINIST`],
};
writeFileSync(join(root, 'docs/figures/validation/bk-vs-alpinist.svg'), figureSvg(figure));
console.log(`wrote validation/results/bk-vs-alpinist.json, docs/figures/validation/bk-vs-alpinist.svg (${result.wallSeconds.toFixed(0)} s)`);
