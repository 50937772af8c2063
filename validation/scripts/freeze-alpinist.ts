/**
 * Freezes the small subsets of ALPINIST (github.com/jjerhot/ALPINIST, BSD-3-Clause) that the
 * validation compares with, into validation/reference/alpinist/*.json. Reads a git clone of ALPINIST:
 *
 *   ALPINIST_GIT_DIR=/path/to/ALPINIST/.git npx tsx validation/scripts/freeze-alpinist.ts
 *
 * Every frozen number records its tag, commit, path and git blob id; nothing else of ALPINIST is copied.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alpinistGit, crossingsAtMass as crossings, numericRows as rows } from '../lib/alpinist-git.ts';

const { git, show, source, lineOf } = alpinistGit('freeze-alpinist');
const out = join(import.meta.dirname, '..', 'reference', 'alpinist');
const write = (name: string, value: unknown) => writeFileSync(join(out, name), `${JSON.stringify(value, null, 1)}\n`);

// 1. B → K(*) a: the tauX–BRdecay contours (NA62, CHARM), tau in ps, BRdecay at BR(B → K a) = 1 with
//    BR(B → K* a) = ALPINIST's K*/K ratio (load_data.n_events_Bmeson_BR); and the event tables they were drawn from.
const bkContours = [];
for (const experiment of ['NA62', 'CHARM']) {
  for (const mass of [220, 240, 260, 280, 300]) {
    for (const channel of ['2El', '2Mu']) {
      const path = `Figures/contours/${experiment}/contour_${experiment}_tauX_BRdecay_fixed-BRprod1-mX${mass}MeV_BmesonK-BmesonKstar_${channel}.dat`;
      let text: string;
      try { text = show('v1.4.0', path); } catch { continue; }
      const v13 = git('rev-parse', `v1.3.0:${path}`).trim();
      bkContours.push({ experiment, massGeV: mass / 1000, channel: channel === '2El' ? 'ee' : 'mumu', source: source('v1.4.0', path), sameBlobInV130: v13 === source('v1.4.0', path).blob, tauPsBrDecay: rows(text) });
    }
  }
}
// The NA62 event tables (v1.3.0 tab_toPlot, N at BR(B → K a) = 1 per (tau, BRdecay)); N is linear in BRdecay, so
// one number per tau, N/BRdecay, holds the table: the contour of ALPINIST's plot_exclusion.py is N = threshold.
const bkTables = [];
for (const mass of [220, 240, 260, 280, 300]) {
  for (const channel of ['2El', '2Mu']) {
    const path = `tab_toPlot/NA62/NA62_tauX_BRdecay_fixed-BRprod1-mX${mass}MeV_BmesonK-BmesonKstar_${channel}.dat`;
    const table = rows(show('v1.3.0', path));
    const perTau = new Map<number, number>();
    for (const [tau, br, n] of table) if (n > 0) perTau.set(tau, Math.max(perTau.get(tau) ?? 0, n / br));
    bkTables.push({ experiment: 'NA62', massGeV: mass / 1000, channel: channel === '2El' ? 'ee' : 'mumu', source: source('v1.3.0', path), eventsPerUnitBrDecay: [...perTau.entries()].filter(([, v]) => v > 1e-3).map(([tau, v]) => [tau, Number(v.toPrecision(5))]) });
  }
}
write('bk-contours.json', {
  description: 'ALPINIST tauX–BRdecay contours for B -> K(*) a, X -> ee / mumu (tau in ps; BRdecay at BR(B->Ka) = 1, BR(B->K*a) = ALPINIST K*/K ratio × 1); unchanged between v1.3.0 and v1.4.0 (sameBlobInV130)',
  licence: 'ALPINIST is BSD-3-Clause (c) 2022 J. Jerhot, B. Dobrich, F. Ertas, F. Kahlhoefer, T. Spadaro; numbers reproduced for comparison',
  contours: bkContours,
  na62Tables: bkTables,
  conventions: {
    na62TablePot: lineOf('v1.3.0', 'ALP_decay/src/ExpParameters.C', /^\s*POT = 1\.\*1\.E19;/),
    na62PlotThreshold: lineOf('v1.3.0', 'ALP_rescale/plot_exclusion.py', /'NA62':\s*0\.46/),
    na62RescalePot: lineOf('v1.4.0', 'ALP_rescale/general/setup.py', /'NA62':\s*1E18/),
    sigmaBbPb: lineOf('v1.3.0', 'ALP_decay/src/ExpParameters.C', /case 5: normCrossSec = 1\.866/),
    kStarSum: lineOf('v1.4.0', 'ALP_rescale/general/load_data.py', /BRKexo = BRprod \/ \(c\.m_B/),
  },
});

// 2. Defect 1: mixing.py boosts with the beam proton (v1.3.0) instead of the pp centre of mass (v1.4.0).
const mixingPath = 'ALP_production/modes/mixing.py';
const tablePath = 'tab_decay/KOTO/KOTOpnn_mixingPi0_2Gamma.dat';
const perMass = new Map<number, number>();
for (const [m, , n] of rows(show('v1.3.0', tablePath))) perMass.set(m, (perMass.get(m) ?? 0) + n);
write('koto-mixing-boost.json', {
  description: 'ALPINIST v1.3.0 boosts the meson -> ALP map of mixing production with the beam proton velocity; v1.4.0 with the pp centre-of-mass velocity (pp_beta). Table: v1.3.0 KOTO Step-1 (KOTOpnn) pi0-mixing events summed over the 101 widths, per mass (reference coupling of the table)',
  licence: 'ALPINIST is BSD-3-Clause; single lines quoted to locate the change',
  v130: lineOf('v1.3.0', mixingPath, /self\.beam_beta = f\.beta_lor/),
  v140: lineOf('v1.4.0', mixingPath, /self\.pp_beta = f\.beta_lor/),
  kotoStep1Pi0MixingEventsSummedOverWidths: { source: source('v1.3.0', tablePath), massGeVEvents: [...perMass.entries()].filter(([m]) => m >= 0.1 && m <= 0.6).map(([m, n]) => [Number(m.toPrecision(6)), Number(n.toPrecision(5))]) },
});

// 3. Defect 2: KOTO Step-2 photon-from-meson Primakoff tables are all zeros.
const zeroTables = ['KOTO2pnn_photonfrommeson_2Gamma', 'KOTO2dump_photonfrommeson_2Gamma', 'KOTO2pnn_primakoff_2Gamma', 'KOTO2dump_primakoff_2Gamma', 'KOTOdump_photonfrommeson_2Gamma'].map((name) => {
  const path = `tab_decay/KOTO2/${name}.dat`.replace('KOTO2/KOTOdump', 'KOTO/KOTOdump');
  const text = show('v1.3.0', path);
  const table = rows(text);
  return { name, source: source('v1.3.0', path), sha256: createHash('sha256').update(text).digest('hex'), rows: table.length, nonZero: table.filter((r) => r[2] !== 0).length, maxEvents: Math.max(...table.map((r) => r[2])) };
});
write('koto2-photon-from-meson.json', {
  description: 'ALPINIST v1.3.0 KOTO Step-2 decay tables (m, Gamma, N): the photon-from-meson Primakoff tables hold no non-zero entry; the beam-photon (primakoff) tables and KOTO Step-1 dump photon-from-meson table for contrast',
  licence: 'ALPINIST is BSD-3-Clause; only counts and checksums are frozen',
  tables: zeroTables,
});
console.log(`wrote ${out}: bk-contours.json (${bkContours.length} contours, ${bkTables.length} tables), koto-mixing-boost.json, koto2-photon-from-meson.json`);

// 4. Mass–coupling contours (C/Λ in GeV⁻¹ against m_X in GeV) of the seed setups: the lowest and highest
//    crossing of each closed contour with the vertical line at the compared masses (log–log between points).
//    (crossingsAtMass, validation/lib/alpinist-git.ts, skips the steps that join two paths of a file).
// Where ALPINIST is right only: no KOTO Step-1 mass in 0.26–0.45 GeV for models with mixing (mixing boost), no
// KOTO Step-2 model with meson-decay photons beyond the gluon one's small c_γγ^eff share (empty photon-from-meson
// tables); NuCal has no codominance contour. Codominance upper edges at 0.05 GeV lie above the scan's 10 GeV^-1
// for NA62, SHiP, SHADOWS and DarkQuest (12–28 GeV^-1), so those start at 0.1 GeV.
type Setup = { alpinist: string; dir: string; scenario: string; models: string[]; masses: number[]; massesByModel?: Record<string, number[]> };
const SETUPS: Setup[] = [
  { alpinist: 'CHARM', dir: 'CHARM', scenario: 'charm', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2, 0.3] },
  { alpinist: 'NuCal', dir: 'NuCal', scenario: 'nucal', models: ['gluon', 'photon'], masses: [0.05, 0.1, 0.2, 0.3] },
  { alpinist: 'KOTO2pnn', dir: 'KOTO2', scenario: 'koto-step2', models: ['gluon'], masses: [0.05, 0.1, 0.2, 0.3] },
  { alpinist: 'KOTO2dump', dir: 'KOTO2', scenario: 'koto-step2-dump', models: ['gluon'], masses: [0.05, 0.1, 0.2, 0.3] },
  { alpinist: 'KOTOdump', dir: 'KOTO', scenario: 'koto-step1-dump', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2] },
  { alpinist: 'KOTOexclPnn', dir: 'KOTO', scenario: 'koto-step1-future', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2] },
  // KOTO Step 1, 2015 data (KOTOpnn: 2.2e19 POT, A = 0.52, 8 signal regions): the photon model's island spans
  // 0.035–0.065 GeV only; its models with mixing skip 0.26–0.45 GeV.
  { alpinist: 'KOTOpnn', dir: 'KOTO', scenario: 'koto-step1-2015', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.15, 0.2, 0.5], massesByModel: { photon: [0.04, 0.05, 0.06] } },
  { alpinist: 'NA62', dir: 'NA62', scenario: 'na62-dump', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2, 0.3], massesByModel: { codominance: [0.1, 0.2, 0.3] } },
  { alpinist: 'SHiP', dir: 'SHiP', scenario: 'ship', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2, 0.3], massesByModel: { codominance: [0.1, 0.2, 0.3] } },
  { alpinist: 'SHADOWS', dir: 'SHADOWS', scenario: 'shadows', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2, 0.3], massesByModel: { codominance: [0.1, 0.2, 0.3] } },
  { alpinist: 'DUNE', dir: 'DUNE', scenario: 'dune-nd', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2, 0.3] },
  { alpinist: 'DarkQuest', dir: 'DarkQuest', scenario: 'darkquest', models: ['gluon', 'photon', 'codominance'], masses: [0.05, 0.1, 0.2, 0.3], massesByModel: { codominance: [0.1, 0.2, 0.3] } },
];
const MODEL_FILE: Record<string, string> = {
  gluon: 'mX_CGG_fixed-CBB0-CWW0-Cll0-Cqq0_2Gamma',
  photon: 'mX_CBB_fixed-CWW0-CGG0-Cll0-Cqq0_2Gamma',
  codominance: 'mX_CGG_fixed-Cll0-Cqq0_scaleWithCGG-CBB1-CWW1_2Gamma',
};
const edges = [];
for (const setup of SETUPS) {
  for (const model of setup.models) {
    const path = `Figures/contours/${setup.dir}/contour_${setup.alpinist}_${MODEL_FILE[model]}.dat`;
    const points = rows(show('v1.4.0', path));
    edges.push({
      alpinist: setup.alpinist, scenario: setup.scenario, model, source: source('v1.4.0', path), sameBlobInV130: git('rev-parse', `v1.3.0:${path}`).trim() === source('v1.4.0', path).blob,
      atMasses: (setup.massesByModel?.[model] ?? setup.masses).map((massGeV) => {
        const ys = crossings(points, massGeV);
        return { massGeV, crossingsCOverLambdaPerGeV: ys.map((y) => Number(y.toPrecision(5))) };
      }),
    });
  }
}
// The v1.3.0 lines that fix the exposure and selection of the contours added for issue 15 (drawn with v1.3.0
// tables): table POT (ExpParameters.C, per experiment block) and plot threshold (plot_exclusion.py).
const expParameters = 'ALP_decay/src/ExpParameters.C';
const plotExclusion = 'ALP_rescale/plot_exclusion.py';
const lineAfter = (anchor: RegExp, pattern: RegExp) => {
  const lines = show('v1.3.0', expParameters).split('\n');
  const start = lines.findIndex((line) => anchor.test(line));
  const index = lines.findIndex((line, i) => i > start && pattern.test(line));
  return { ...source('v1.3.0', expParameters), line: index + 1, text: lines[index].trim() };
};
const massCouplingConventions = {
  na62: { tablePot: lineAfter(/expName = "NA62"/, /^\s*POT = /), plotThreshold: lineOf('v1.3.0', plotExclusion, /^\s*'NA62':\s*0\.46/), photonSelection: lineAfter(/expNum == 0\)\{ \/\/NA62/, /totalEnergyAcceptance >3/) },
  ship: { decayVolumeStart: lineAfter(/expName = "SHiP"/, /ZFVIn = 45/), tablePot: lineAfter(/expName = "SHiP"/, /^\s*POT = /), plotThreshold: lineOf('v1.3.0', plotExclusion, /^\s*'SHiP':\s*1\.15/), calorimeter: lineAfter(/expNum == 3\) \{ \/\/ ship/, /xa > 5000/) },
  shadows: { axisTilt: lineAfter(/expName = "SHADOWS"/, /ThetaBeamEuler = 0\.0624188/), tablePot: lineAfter(/expName = "SHADOWS"/, /^\s*POT = /), plotThreshold: lineOf('v1.3.0', plotExclusion, /^\s*'SHADOWS':\s*0\.46/) },
  dune: { decayVolumeEnd: lineAfter(/expName = "DUNE"/, /ZFVEnd = 584/), tablePot: lineAfter(/expName = "DUNE"/, /^\s*POT = /), plotThreshold: lineOf('v1.3.0', plotExclusion, /^\s*'DUNE':\s*0\.23/) },
  darkquest: { tablePot: lineAfter(/expName = "DarkQuest"/, /^\s*POT = /), plotThreshold: lineOf('v1.3.0', plotExclusion, /^\s*'DarkQuest':\s*10\./) },
  kotoPnn: { tablePot: lineAfter(/Sigacceptance = 0\.52/, /^\s*POT = /), plotThreshold: lineOf('v1.3.0', plotExclusion, /^\s*'KOTOpnn':\s*2\.3/) },
};
write('mass-coupling-edges.json', {
  description: 'ALPINIST mass-coupling contours (v1.4.0 files, drawn with v1.3.0 tables): crossings of the closed contour with m = const, in C/Λ [GeV^-1] (Bauer convention; alpenglow 1/f_a = 32π² C/Λ, physics.md §1.2). Conventions of the drawn contours (ALP_decay ExpParameters.C, ALP_rescale setup.py): CHARM 2.4e18 POT, acceptance 0.51, 2.3 events; NuCal 1.7e18, 0.7, 3.6; KOTO2pnn 6e20, 0.73, 3.14; KOTOexclPnn 1.4e20, 0.9, 4.2; KOTOdump and KOTO2dump tables 2.2e17 POT at 0.23 events = 2.3 events at 2.2e18; KOTOpnn 2.2e19, 0.52, 2.3 (8 regions); v1.3.0 tables at plot thresholds (conventions): NA62 1e19 POT at 0.46 = 2.3 events at 5e19; SHiP (BDF layout, decays from 45 m) 1e20 at 1.15 = 2e20; SHADOWS (axis tilted 62.4 mrad) 1e19 at 0.46 = 5e19; DUNE (LAr + GAr) 1.1e21 at 0.23 = 1.1e22; DarkQuest 1.44e18 at 10 = 2.3 events at 3.312e17',
  licence: 'ALPINIST is BSD-3-Clause; crossing values derived from its contour files',
  conventions: massCouplingConventions,
  contours: edges,
});
console.log('wrote mass-coupling-edges.json');
