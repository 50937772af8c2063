/**
 * c_WW-only ALPs at CHARM, the NA62 dump and SHADOWS against ALPINIST (docs/validation.md "c_WW only"). Both codes take the photon
 * coupling c_γγ = c_BB + c_WW and, for c_WW alone, g_bs = 3α_W² Σ_q V_qb V_qs F(m_q²/m_W²) C_WW/Λ
 * (Izaguirre–Lin–Shuve arXiv:1611.09355; ALPINIST v1.3.0 ALP_rescale/alp/effective_coupling.py
 * bs_coupling.g_bs_eff, chosen in load_data.py when C_GG = 0), so their c_WW contour is Primakoff + B → K(*) a.
 * ALPINIST's C_BB-only contour of the same file set is the Primakoff-only reference (equal c_γγ; at NuCal,
 * 70 GeV and no B mesons, the C_WW and C_BB contours are the same file content).
 *
 * alpenglow runs each scenario with custom:0,0,1 (1/f_a = 32π² C_WW/Λ, docs/physics-model.md) as shipped (with
 * the b-to-k, b-to-kstar modes) and a copy without them, at the masses of the reference file, at ALPINIST's
 * exposure convention (POT_FOR_ALPINIST_CONVENTION) and, where ALPINIST drew another layout (SHADOWS), also
 * on that layout (ALPINIST_LAYOUTS), as validation/scripts/contours-vs-alpinist.ts does.
 *
 *   npx tsx validation/scripts/cww-vs-alpinist.ts [--engine auto|webgpu|reference] [--samples N]
 *   ALPINIST_GIT_DIR=/path/to/ALPINIST/.git npx tsx validation/scripts/cww-vs-alpinist.ts --freeze
 *
 * --freeze writes validation/reference/alpinist/cww-edges.json (crossings of ALPINIST's contours with
 * m = const, tag v1.4.0 files, with commit and blob); the run writes validation/results/cww-vs-alpinist.json.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { couplingAxis, runLimits } from '../../src/app/run-limits.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { nodeEngine } from '../../src/node/engine.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { parseScenario, scenarioHash } from '../../src/scenarios/parse.ts';
import { ALPINIST_LAYOUTS, edgesAtMass, POT_FOR_ALPINIST_CONVENTION, SIXTEEN_PI_SQUARED_TIMES_2 } from '../lib/contour-comparison.ts';
import { alpinistGit, crossingsAtMass, numericRows } from '../lib/alpinist-git.ts';

const { values } = parseArgs({
  options: { engine: { type: 'string', default: 'auto' }, samples: { type: 'string', default: '50000' }, freeze: { type: 'boolean', default: false } },
});
const root = join(import.meta.dirname, '..', '..');
const referencePath = join(root, 'validation/reference/alpinist/cww-edges.json');
/** The compared setups: alpenglow scenario, ALPINIST experiment name, masses (GeV). */
const SETUPS = [
  { scenario: 'charm', experiment: 'CHARM', massesGeV: [0.03, 0.05, 0.1, 0.15, 0.2, 0.22] },
  { scenario: 'na62-dump', experiment: 'NA62', massesGeV: [0.1, 0.3, 1, 1.5] },
  { scenario: 'shadows', experiment: 'SHADOWS', massesGeV: [0.1, 0.3, 1, 2] },
];

if (values.freeze) {
  const { git, show, commits } = alpinistGit('cww-vs-alpinist --freeze');
  const tag = 'v1.4.0';
  const commit = commits[tag];
  const contours = [];
  for (const setup of SETUPS) {
    for (const [coupling, fixed] of [
      ['C_WW', 'CWW_fixed-CBB0-CGG0-Cll0-Cqq0'],
      ['C_BB', 'CBB_fixed-CWW0-CGG0-Cll0-Cqq0'],
    ]) {
      const path = `Figures/contours/${setup.experiment}/contour_${setup.experiment}_mX_${fixed}_2Gamma.dat`;
      const points = numericRows(show(tag, path));
      const blob = git('rev-parse', `${tag}:${path}`).trim();
      contours.push({
        experiment: setup.experiment,
        coupling,
        source: { repo: 'jjerhot/ALPINIST', tag, commit, path, blob, sameBlobInV130: git('rev-parse', `v1.3.0:${path}`).trim() === blob },
        largestMassGeV: Math.max(...points.map(([m]) => m)),
        atMasses: setup.massesGeV.map((massGeV) => ({ massGeV, crossingsCOverLambdaPerGeV: crossingsAtMass(points, massGeV).map((y) => Number(y.toPrecision(5))) })),
      });
    }
  }
  const reference = {
    description:
      'ALPINIST contours for C_WW only and C_BB only (2 gamma; v1.4.0 files drawn with v1.3.0 tables; conventions of mass-coupling-edges.json: CHARM 2.4e18 POT, acceptance 0.51, 2.3 events; NA62 and SHADOWS 2.3 events at 5e19 POT): crossings with m = const in C/Lambda [GeV^-1] (Bauer convention; alpenglow 1/f_a = 32 pi^2 C/Lambda)',
    licence: 'ALPINIST is BSD-3-Clause; crossing values derived from its contour files',
    contours,
  };
  writeFileSync(referencePath, `${JSON.stringify(reference, null, 1)}\n`);
  console.log(`wrote ${referencePath}`);
  process.exit(0);
}

type Edges = { lower: number; upper: number } | null;
const reference = JSON.parse(readFileSync(referencePath, 'utf8'));
const engine = await nodeEngine(values.engine as 'auto' | 'webgpu' | 'reference');
const samplesPerMass = Number(values.samples);
const SEED = 1;
const couplings = couplingAxis(1e-7, 10);
const started = performance.now();
const show = (e: Edges) => (e ? `${e.lower.toExponential(2)}–${e.upper.toExponential(2)}` : 'none');
const ratio = (a: Edges, b: Edges) => (a && b ? { lower: Number((a.lower / b.lower).toFixed(3)), upper: Number((a.upper / b.upper).toFixed(3)) } : null);
const results = [];
for (const setup of SETUPS) {
  const loaded = await loadScenario(setup.scenario);
  const pot = POT_FOR_ALPINIST_CONVENTION[setup.scenario];
  const edges = async (scenario: typeof loaded.scenario, hash: string) => {
    const {
      limits: [limits],
    } = await runLimits({
      scenarios: [{ scenario, hash }],
      model: 'custom:0,0,1',
      couplingsPerGeV: couplings,
      massesGeV: setup.massesGeV,
      pot,
      samplesPerMass,
      seed: SEED,
      engine,
      production: cachedProductionSource(),
      maxAddedMasses: 0,
    });
    return { modes: limits.provenance.productionModes, warnings: limits.warnings, pot: limits.pot, at: (m: number) => edgesAtMass(limits, m) as Edges };
  };
  const withoutBModes = (scenario: Record<string, any>, label: string) =>
    parseScenario({ ...scenario, production: { ...scenario.production, modes: scenario.production.modes.filter((m: string) => !m.startsWith('b-to-')) } }, label);
  const alpinistEdges = (coupling: string, massGeV: number): Edges => {
    const contour = reference.contours.find((c: { experiment: string; coupling: string }) => c.experiment === setup.experiment && c.coupling === coupling);
    const ys: number[] = contour.atMasses.find((a: { massGeV: number }) => a.massGeV === massGeV).crossingsCOverLambdaPerGeV;
    return ys.length >= 2 ? { lower: ys[0] * SIXTEEN_PI_SQUARED_TIMES_2, upper: ys[ys.length - 1] * SIXTEEN_PI_SQUARED_TIMES_2 } : null;
  };
  const compare = async (scenario: typeof loaded.scenario, hash: string, label: string) => {
    const noB = withoutBModes(structuredClone(scenario), `${label} (no B modes)`);
    const withB = await edges(scenario, hash);
    const primakoffOnly = await edges(noB, await scenarioHash(noB));
    const rows = setup.massesGeV.map((massGeV) => {
      const alpinistCww = alpinistEdges('C_WW', massGeV);
      const alpinistCbb = alpinistEdges('C_BB', massGeV);
      const alpenglowWithB = withB.at(massGeV);
      const alpenglowPrimakoffOnly = primakoffOnly.at(massGeV);
      console.log(
        `${label} m = ${massGeV}: ALPINIST C_WW ${show(alpinistCww)}, C_BB ${show(alpinistCbb)}; alpenglow c_WW ${show(alpenglowWithB)}, without B ${show(alpenglowPrimakoffOnly)} GeV^-1`,
      );
      return {
        massGeV,
        alpinistCww,
        alpinistCbb,
        alpenglowWithB,
        alpenglowPrimakoffOnly,
        withBOverAlpinistCww: ratio(alpenglowWithB, alpinistCww),
        primakoffOnlyOverAlpinistCbb: ratio(alpenglowPrimakoffOnly, alpinistCbb),
        bEffectAlpenglow: ratio(alpenglowWithB, alpenglowPrimakoffOnly),
        bEffectAlpinist: ratio(alpinistCww, alpinistCbb),
      };
    });
    return { withB, primakoffOnly, rows };
  };
  const own = await compare(loaded.scenario, loaded.hash, setup.scenario);
  let alpinistLayout: { description: string; rows: typeof own.rows } | undefined;
  const layout = ALPINIST_LAYOUTS[setup.scenario];
  if (layout) {
    const edited = structuredClone(loaded.scenario) as Record<string, any>;
    layout.edit(edited);
    const variant = parseScenario(edited, `${setup.scenario} (ALPINIST layout)`);
    alpinistLayout = { description: layout.description, rows: (await compare(variant, await scenarioHash(variant), `${setup.scenario} (ALPINIST layout)`)).rows };
  }
  results.push({
    scenario: setup.scenario,
    alpinist: setup.experiment,
    pot: own.withB.pot,
    productionModes: { withB: own.withB.modes, primakoffOnly: own.primakoffOnly.modes },
    warnings: { withB: own.withB.warnings, primakoffOnly: own.primakoffOnly.warnings },
    rows: own.rows,
    ...(alpinistLayout ? { alpinistLayout } : {}),
  });
}
const output = {
  description:
    'c_WW-only exclusion edges (1/f_a = 32 pi^2 C_WW/Lambda, GeV^-1): alpenglow custom:0,0,1 with and without the B -> K(*) a modes against ALPINIST C_WW-only and C_BB-only contours (docs/validation.md "c_WW only")',
  engine: engine.kind,
  adapter: engine.adapter,
  samplesPerMass,
  seed: SEED,
  wallSeconds: Number(((performance.now() - started) / 1000).toFixed(1)),
  results,
};
writeFileSync(join(root, 'validation/results/cww-vs-alpinist.json'), `${JSON.stringify(output, null, 1)}\n`);
console.log(`wrote validation/results/cww-vs-alpinist.json (${output.wallSeconds} s, ${engine.adapter})`);
