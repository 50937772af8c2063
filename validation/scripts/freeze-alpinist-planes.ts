/**
 * Freezes ALPINIST's fixed-mass (C_GG, C_BB) planes of the KOTO paper (arXiv:2303.01521) into
 * validation/reference/alpinist/coupling-planes.json: for each plane, the crossings of the contour with a
 * few rays C_BB = r C_GG and with the two axes (C_BB or C_GG at the grid floor). Reads a git clone of ALPINIST
 * (github.com/jjerhot/ALPINIST, BSD-3-Clause):
 *
 *   ALPINIST_GIT_DIR=/path/to/ALPINIST/.git npx tsx validation/scripts/freeze-alpinist-planes.ts
 *
 * Axis convention of the plane files (the source lines are frozen under `axisConvention`): column 1 is C_GG,
 * column 2 is C_BB, both the dimensionless Wilson coefficients at Λ = 1000 GeV, not C/Λ. ALP_rescale writes
 * `[10**x, 10**y, events]` for two coupling axes (only an mX axis divides the coupling by Λ), over the grid
 * 10^(−11 + log10 Λ) … 10^(−0.999 + log10 Λ) = 1e-8 … ~100; plot_exclusion.py labels the axes "c_GG/Λ [GeV⁻¹]"
 * all the same. The frozen crossings are converted to C/Λ in GeV⁻¹ (× 1e-3), the unit of mass-coupling-edges.json,
 * and `axisCheck` shows the C_GG axis crossings at 0.2 GeV equal that file's gluon-model edges.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alpinistGit, numericRows as rows, type AlpinistTag } from '../lib/alpinist-git.ts';

const { git, show, source, lineOf: fullLineOf } = alpinistGit('freeze-alpinist-planes');
const out = join(import.meta.dirname, '..', 'reference', 'alpinist');
const lineOf = (tag: AlpinistTag, path: string, pattern: RegExp) => fullLineOf(tag, path, pattern, 160);

/** ALPINIST's Λ of the plane files (alp_lambda / --lambda default), GeV. */
const LAMBDA_GEV = 1000;
/** The rays C_BB / C_GG compared: gluon-dominated (0.1, 0.5), photon-dominated (10, 100). r = 2 runs into the
 * c_γγ^eff cancellation notch at 40 MeV (many crossings) and is left out. */
const RAYS = [0.1, 0.5, 10, 100];
/** A coupling just above ALPINIST's grid floor (1e-8): the line C_BB = AXIS_C is the C_GG-only axis. */
const AXIS_C = 1.5e-8;

/**
 * The paths of a contour file: plot_exclusion.extract_contour concatenates matplotlib's paths, so a step
 * longer than 0.5 decades in either coupling starts a new one.
 */
function contourPaths(points: number[][]): number[][][] {
  const paths: number[][][] = [[points[0]]];
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (Math.abs(Math.log10(x1 / x0)) > 0.5 || Math.abs(Math.log10(y1 / y0)) > 0.5) paths.push([points[i]]);
    else paths[paths.length - 1].push(points[i]);
  }
  return paths;
}

/** Where the paths cross the line f(x, y) = 0 (log–log between points), as the x (C_GG) of each crossing, ascending. */
function crossingsOf(paths: number[][][], f: (logX: number, logY: number) => number): number[] {
  const xs: number[] = [];
  for (const path of paths) {
    for (let i = 1; i < path.length; i++) {
      const [a, b] = [path[i - 1], path[i]].map(([x, y]) => [Math.log(x), Math.log(y)]);
      const fa = f(a[0], a[1]);
      const fb = f(b[0], b[1]);
      if (fa === fb || fa * fb > 0) continue;
      const t = fa / (fa - fb);
      xs.push(Math.exp(a[0] + t * (b[0] - a[0])));
    }
  }
  return xs.sort((p, q) => p - q);
}
const toPerGeV = (c: number) => Number((c / LAMBDA_GEV).toPrecision(5));

// ALPINIST experiment → alpenglow scenario, as in freeze-alpinist.ts SETUPS (KOTOpnn: 2015 data; KOTOexclPnn: future run).
const PLANES = [
  { alpinist: 'CHARM', dir: 'CHARM', scenario: 'charm', suffix: '' },
  { alpinist: 'NuCal', dir: 'NuCal', scenario: 'nucal', suffix: '' },
  { alpinist: 'KOTOdump', dir: 'KOTO', scenario: 'koto-step1-dump', suffix: '_2Gamma' },
  { alpinist: 'KOTOpnn', dir: 'KOTO', scenario: 'koto-step1-2015', suffix: '_2Gamma' },
  { alpinist: 'KOTOexclPnn', dir: 'KOTO', scenario: 'koto-step1-future', suffix: '_2Gamma' },
  { alpinist: 'KOTO2dump', dir: 'KOTO2', scenario: 'koto-step2-dump', suffix: '_2Gamma' },
  { alpinist: 'KOTO2pnn', dir: 'KOTO2', scenario: 'koto-step2', suffix: '_2Gamma' },
];
const MASSES_MEV = [40, 200, 400];

const massCoupling = JSON.parse(readFileSync(join(out, 'mass-coupling-edges.json'), 'utf8'));
const planes = [];
const axisCheck = [];
for (const setup of PLANES) {
  for (const massMeV of MASSES_MEV) {
    const path = `Figures/contours/${setup.dir}/contour_${setup.alpinist}_CGG_CBB_fixed-CWW0-Cll0-Cqq0-mX${massMeV}MeV${setup.suffix}.dat`;
    const points = rows(show('v1.4.0', path));
    const paths = contourPaths(points);
    const gluonAxis = crossingsOf(paths, (_lx, ly) => ly - Math.log(AXIS_C));
    // The C_BB axis: crossings of C_GG = AXIS_C, returned as C_BB (swap the columns).
    const photonAxis = crossingsOf(
      paths.map((p) => p.map(([x, y]) => [y, x])),
      (_ly, lx) => lx - Math.log(AXIS_C),
    );
    const src = source('v1.4.0', path);
    planes.push({
      alpinist: setup.alpinist,
      scenario: setup.scenario,
      massGeV: massMeV / 1000,
      source: src,
      sameBlobInV130: git('rev-parse', `v1.3.0:${path}`).trim() === src.blob,
      points: points.length,
      paths: paths.length,
      cggAxisCrossingsCggOverLambdaPerGeV: gluonAxis.map(toPerGeV),
      cbbAxisCrossingsCbbOverLambdaPerGeV: photonAxis.map(toPerGeV),
      rays: RAYS.map((ratio) => ({
        cbbOverCgg: ratio,
        crossingsCggOverLambdaPerGeV: crossingsOf(paths, (lx, ly) => ly - lx - Math.log(ratio)).map(toPerGeV),
      })),
    });
    const edges = massCoupling.contours.find((c: { alpinist: string; model: string }) => c.alpinist === setup.alpinist && c.model === 'gluon');
    const at = edges?.atMasses.find((a: { massGeV: number }) => a.massGeV === massMeV / 1000);
    if (at && gluonAxis.length >= 2)
      axisCheck.push({
        alpinist: setup.alpinist,
        massGeV: massMeV / 1000,
        planeCggAxisEdgesTimes1eMinus3: [toPerGeV(gluonAxis[0]), toPerGeV(gluonAxis[gluonAxis.length - 1])],
        massCouplingGluonEdgesPerGeV: [at.crossingsCOverLambdaPerGeV[0], at.crossingsCOverLambdaPerGeV[at.crossingsCOverLambdaPerGeV.length - 1]],
      });
  }
}
const rescale = 'ALP_rescale/alp_rescale.py';
writeFileSync(
  join(out, 'coupling-planes.json'),
  `${JSON.stringify(
    {
      description:
        'ALPINIST fixed-mass (C_GG, C_BB) planes, C_WW = C_ll = C_qq = 0 (KOTO paper arXiv:2303.01521; v1.4.0 files drawn with v1.3.0 tables, same conventions as mass-coupling-edges.json): crossings of the contour with the rays C_BB = r C_GG and with the lines C_BB = 1.5e-8 (C_GG axis) and C_GG = 1.5e-8 (C_BB axis), as C/Λ [GeV^-1] (file values × 1e-3: the files hold C at Λ = 1000 GeV). alpenglow c/f_a = 32 π² C/Λ (physics.md §1.2); both codes give c_γγ^eff = c_BB − 1.92 c_GG − mixing (same relative sign for positive couplings).',
      licence: 'ALPINIST is BSD-3-Clause (c) 2022 J. Jerhot, B. Dobrich, F. Ertas, F. Kahlhoefer, T. Spadaro; crossing values derived from its contour files',
      axisConvention: {
        statement:
          'column 1 = C_GG, column 2 = C_BB (file name CGG_CBB = varX, varY), dimensionless at Λ = 1000 GeV (grid 1e-8 … ~100); only an mX axis is divided by Λ; plot labels say c/Λ [GeV^-1] regardless',
        planeRowV130: lineOf('v1.3.0', rescale, /data_sublist\.append\(\[10\*\*x, 10\*\*y, process\.ALP_events_EFT/),
        massAxisRowV130: lineOf('v1.3.0', rescale, /data_sublist\.append\(\[10\*\*x, 10\*\*y\/args\.lam, process\.ALP_events_EFT/),
        lambdaDefaultV130: lineOf('v1.3.0', rescale, /dest="lam", default=1000/),
        couplingGridV130: lineOf('v1.3.0', rescale, /np\.linspace\(-11\+np\.log10\(Lambda\)/),
        planeRowV140: lineOf('v1.4.0', rescale, /data_sublist\.append\(\[10\*\*x, 10\*\*y, process\.ALP_events_EFT/),
        axisLabelV140: lineOf('v1.4.0', 'ALP_rescale/plot_exclusion.py', /'CGG':\s+'\$c_\{GG\}/),
      },
      axisCheck,
      rays: RAYS,
      axisLineC: AXIS_C,
      planes,
    },
    null,
    1,
  )}\n`,
);
console.log(`wrote ${join(out, 'coupling-planes.json')}: ${planes.length} planes; axis check:`);
for (const c of axisCheck) console.log(`  ${c.alpinist} ${c.massGeV}: plane ${c.planeCggAxisEdgesTimes1eMinus3.join('–')} vs mass-coupling ${c.massCouplingGluonEdgesPerGeV.join('–')} GeV^-1`);
