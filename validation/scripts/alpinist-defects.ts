/**
 * The two ALPINIST v1.3.0 defects, shown from ALPINIST's own frozen tables and code and from alpenglow
 * (docs/validation.md). Writes validation/results/alpinist-defects.json and
 * docs/figures/validation/koto-mixing-boost.svg.
 *
 *   npx tsx validation/scripts/alpinist-defects.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { figureSvg, type Figure } from '../../src/plots/figure.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { alpenglowMesonPhotonYield, alpenglowPi0MixingYield, mixingMapFractions, nearestTabulated } from '../lib/defects.ts';

const root = join(import.meta.dirname, '..', '..');
const boost = JSON.parse(readFileSync(join(root, 'validation/reference/alpinist/koto-mixing-boost.json'), 'utf8'));
const zeros = JSON.parse(readFileSync(join(root, 'validation/reference/alpinist/koto2-photon-from-meson.json'), 'utf8'));
const step1 = (await loadScenario('koto-step1-2015')).scenario;
const step2 = (await loadScenario('koto-step2')).scenario;

const masses = logSpace(0.1, 0.6, 31);
const table: number[][] = boost.kotoStep1Pi0MixingEventsSummedOverWidths.massGeVEvents;
const [referenceMass, referenceEvents] = nearestTabulated(table, 0.2);
const alpenglowReference = alpenglowPi0MixingYield(step1, referenceMass);
const mixing = masses.map((massGeV) => ({ massGeV, ...mixingMapFractions(massGeV), alpenglowYieldPerPot: alpenglowPi0MixingYield(step1, massGeV) }));
const photonMasses = [0.05, 0.1, 0.2, 0.4];
const result = {
  description: 'ALPINIST v1.3.0 defects vs alpenglow (docs/validation.md)',
  mixingBoost: {
    alpinistFrames: { v130: boost.v130.text, v140: boost.v140.text },
    kotoAngleDeg: 16, alpEnergyRangeGeV: [0.65, 4],
    perMass: mixing,
    alpinistV130TableNormalisedAt: referenceMass,
    alpinistV130Table: table.map(([m, n]) => [m, n / referenceEvents]),
    alpenglowNormalisedAt: { massGeV: referenceMass, yieldPerPot: alpenglowReference },
  },
  photonFromMeson: {
    alpinistV130: zeros.tables.map((t: { name: string; rows: number; nonZero: number; sha256: string }) => ({ name: t.name, rows: t.rows, nonZero: t.nonZero, sha256: t.sha256 })),
    alpenglowKotoStep2YieldPerPot: photonMasses.map((massGeV) => [massGeV, alpenglowMesonPhotonYield(step2, massGeV)]),
  },
};
writeFileSync(join(root, 'validation/results/alpinist-defects.json'), `${JSON.stringify(result, null, 1)}\n`);

const figure: Figure = {
  width: 900, height: 600, title: 'KOTO Step 1, π⁰ mixing: ALPINIST v1.3.0 boost defect',
  x: { scale: 'log', domain: [0.1, 0.6], label: 'm_a [GeV]', decimal: true }, y: { scale: 'log', domain: [1e-3, 3], label: 'relative to m_a ≈ 0.2 GeV' },
  layers: [
    { kind: 'line', lines: [table.map(([m, n]) => [m, Math.max(n / referenceEvents, 1e-4)])], stroke: '#d95f02', width: 2 },
    { kind: 'line', lines: [mixing.map((p) => [p.massGeV, p.alpenglowYieldPerPot / alpenglowReference])], stroke: '#1b9e77', width: 2 },
    { kind: 'line', lines: [mixing.map((p) => [p.massGeV, Math.max(p.v130, 1e-4)])], stroke: '#d95f02', width: 1.5, dash: '6 4' },
    { kind: 'line', lines: [mixing.map((p) => [p.massGeV, Math.max(p.v140, 1e-4)])], stroke: '#7570b3', width: 1.5, dash: '6 4' },
  ],
  legend: {
    position: 'below',
    entries: [
      { label: 'ALPINIST v1.3.0 KOTOpnn π⁰-mixing table (events summed over Γ)', swatch: { kind: 'line', stroke: '#d95f02', width: 2 } },
      { label: 'alpenglow π⁰-mixing yield, koto-step1-2015 angles', swatch: { kind: 'line', stroke: '#1b9e77', width: 2 } },
      { label: 'fraction of ALPs at 16° (0.65–4 GeV) with a π⁰ parent: v1.3.0 map (γ = 32)', swatch: { kind: 'line', stroke: '#d95f02', width: 1.5, dash: '6 4' } },
      { label: 'the same, v1.4.0 map (pp centre of mass, γ = 4.06)', swatch: { kind: 'line', stroke: '#7570b3', width: 1.5, dash: '6 4' } },
    ],
  },
};
writeFileSync(join(root, 'docs/figures/validation/koto-mixing-boost.svg'), figureSvg(figure));
for (const p of mixing.filter((_, i) => i % 5 === 0)) console.log(`m = ${p.massGeV.toFixed(3)} GeV: map fraction v1.3.0 ${p.v130.toFixed(2)}, v1.4.0 ${p.v140.toFixed(2)}; alpenglow yield ${p.alpenglowYieldPerPot.toExponential(3)}/POT`);
console.log('wrote validation/results/alpinist-defects.json, docs/figures/validation/koto-mixing-boost.svg');
