/**
 * B mesons from a proton beam dump and the ALPs of B → K(*) a (physics.md §6).
 *
 * Normalisation (σ_bb̄ from ALPINIST exotic_constants.sigma_bb, arXiv:2407.08673; physics.md §6):
 * bb̄ pairs per POT = A σ_bb̄(pN)/σ_inel(pA): open beauty scales as A¹ per nucleus, and every proton
 * has one inelastic interaction in the dump, with σ_inel from the PDG nuclear interaction length
 * (targets.ts). σ_bb̄ = 2.63 ± 0.76 nb at 400 GeV. ALPINIST's σ_bb̄/σ_pp × A^{1/3} approximates
 * σ_inel(pA) by σ_pp(total) A^{2/3}, 21 % above this for Cu (docs/physics-model.md "σ_inel", issue
 * 15). Every pair gives two b hadrons; the
 * b → B±, b → B0 fractions are the PDG high-energy averages f_u = f_d = 0.408 (PDG 2020 "b-hadron
 * production fractions", from memory: UNVERIFIED; physics.md §6 says "from Pythia").
 *
 * Momentum spectrum (a documented parametrisation, since no Pythia runs here):
 *   d²N/(dx_F dp_T²) ∝ (1 − |x_F|)^n exp(−p_T²/⟨p_T²⟩),  x_F = 2 p_L* / √s in the pN centre of mass,
 * the standard fixed-target heavy-flavour form (e.g. the charm/beauty reviews of Lourenço & Wöhri,
 * Phys. Rep. 433 (2006) 127, for charm). Defaults n = 5 and ⟨p_T²⟩ = 2 GeV² for B mesons at √s ≈ 27 GeV
 * are assumptions of this project (UNVERIFIED; NLO bb̄ shapes at fixed-target energies are of this
 * kind): both are options, and a user B list (meson-list format, PDG ±511/±521) replaces the
 * parametrisation entirely.
 *
 * ALP table: per unit BR(B → X a) (X = K or K*), i.e. ALPs per POT when every B decays to X a. The
 * model-independent limits multiply it by BR(B → X a) × BR(a → ℓℓ).
 */
import { MASS_GEV } from './constants.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import {
  type BMesonSpecies,
  type BRecoil,
  B_MASS_GEV,
  B_MESON_SPECIES,
  B_RECOILS,
  RECOIL_MASS_GEV,
  bDecayThresholdGeV,
  bToRecoilAlpBranchingRatioFromW,
} from './b-meson-decays.ts';
import type { AlpModelKoto } from './couplings.ts';
import { twoBodyMomentumGeV } from './kinematics.ts';
import type { ProductionTable } from './production-table.ts';
import { Xoshiro128 } from './rng.ts';
import { LogBinnedTable, logEdges } from './log-binning.ts';
import { type TargetMaterial, inelasticCrossSectionBarn, resolveTarget } from './targets.ts';

/**
 * σ_bb̄ per nucleon (pp) in nb by beam energy in GeV (ALPINIST exotic_constants.sigma_bb from
 * arXiv:2407.08673; physics.md §6): 0 at 30 and 70 GeV, 0.020 nb at 120 GeV, 2.63 nb at 400 GeV,
 * 18.6 nb at 800 GeV.
 */
export const SIGMA_BB_NB_BY_BEAM_GEV: readonly (readonly [number, number])[] = [
  [70, 0],
  [120, 0.02],
  [400, 2.63],
  [800, 18.6],
];
/** Relative uncertainty of σ_bb̄ at 400 GeV: 0.76/2.63 (physics.md §6). */
export const SIGMA_BB_400_RELATIVE_UNCERTAINTY = 0.76 / 2.63;

/** b → B± and b → B0 fractions (PDG 2020 averages, memory; UNVERIFIED — see file header). */
export const B_FRAGMENTATION_FRACTION: Readonly<Record<BMesonSpecies, number>> = { charged: 0.408, neutral: 0.408 };

/**
 * Production modes of B → K(*) a. They are not among src/physics/production.ts PRODUCTION_MODES (the
 * modes at a reference ALP coupling) but among its TABLE_PRODUCTION_MODES: their tables are per unit
 * BR(B → X a). The model-independent limits (src/limits/model-independent.ts) multiply them by a
 * given BR; coupling models by the BR of their loop-induced g_bs (bModeCouplingScale below).
 */
export const B_PRODUCTION_MODES = ['b-to-k', 'b-to-kstar'] as const;
export type BProductionMode = (typeof B_PRODUCTION_MODES)[number];
export const B_MODE_RECOIL: Readonly<Record<BProductionMode, BRecoil>> = { 'b-to-k': 'K', 'b-to-kstar': 'Kstar' };

/**
 * The coupling scale of a B → X a table (per unit BR, both B species with BR = 1) for a coupling model:
 * S = Σ_s f_s BR_s / Σ_s f_s over the species s whose decay is open at m_a, BR_s = BR(B_s → X a) from
 * the model's loop-induced g_bs (b-meson-decays.ts bsCouplingFromWPerGeV, arXiv:1611.09355; c_WW only).
 * Exact when the open species' tables are in the ratio of their fractions f_s (same spectrum, as the
 * parametrisation; the species' kinematics differ by the K/K* and B mass splittings only). BR_± / BR_0
 * ≈ τ_± / τ_0 = 1.08, so the average is within 4 % of either species. ∝ (c_WW/f_a)², like every rate.
 * 0 where every species is closed or c_WW = 0.
 */
export function bModeCouplingScale(model: AlpModelKoto, massGeV: number, mode: BProductionMode): number {
  const recoil = B_MODE_RECOIL[mode];
  if (recoil === undefined) throw new PhysicsInputError(`B production mode must be one of ${B_PRODUCTION_MODES.join(', ')} (got '${mode}')`);
  let weighted = 0;
  let fractions = 0;
  for (const species of B_MESON_SPECIES) {
    if (!(massGeV < bDecayThresholdGeV(recoil, species))) continue;
    weighted += B_FRAGMENTATION_FRACTION[species] * bToRecoilAlpBranchingRatioFromW(model, massGeV, recoil, species);
    fractions += B_FRAGMENTATION_FRACTION[species];
  }
  return fractions > 0 ? weighted / fractions : 0;
}

/** Default x_F exponent n and ⟨p_T²⟩ [GeV²] of the B spectrum (assumptions, see file header). */
export const DEFAULT_B_SPECTRUM = { xfExponent: 5, meanPt2GeV2: 2 } as const;

/**
 * σ_bb̄(pp) in nb at a beam energy: the physics.md §6 values, interpolated linearly in ln σ against
 * ln E between the tabulated energies, linearly in σ between 70 GeV (σ = 0) and 120 GeV, 0 at and
 * below 70 GeV. Above 800 GeV it is an error.
 */
export function sigmaBbNb(beamEnergyGeV: number): number {
  requirePositive('beamEnergyGeV', beamEnergyGeV);
  const table = SIGMA_BB_NB_BY_BEAM_GEV;
  if (beamEnergyGeV <= table[0][0]) return 0;
  if (beamEnergyGeV > table[table.length - 1][0]) {
    throw new PhysicsInputError(
      `beamEnergyGeV = ${beamEnergyGeV} is above the largest energy with a σ_bb̄ value (${table[table.length - 1][0]} GeV, physics.md §6)`,
    );
  }
  for (let i = 0; i < table.length - 1; i++) {
    const [e0, s0] = table[i];
    const [e1, s1] = table[i + 1];
    if (beamEnergyGeV <= e1) {
      if (s0 === 0) return (s1 * (beamEnergyGeV - e0)) / (e1 - e0); // ln 0 does not exist: linear from the 0 point
      const t = Math.log(beamEnergyGeV / e0) / Math.log(e1 / e0);
      return Math.exp(Math.log(s0) + t * (Math.log(s1) - Math.log(s0)));
    }
  }
  return table[table.length - 1][1];
}

/** bb̄ pairs per POT = A σ_bb̄/σ_inel(pA) (file header). Cu at 400 GeV: 63.546 × 2.63 nb/0.7686 b = 2.17e-7. */
export function bbPairsPerPot(beamEnergyGeV: number, target: string | TargetMaterial): number {
  const material = resolveTarget(target);
  return (material.a * sigmaBbNb(beamEnergyGeV) * 1e-9) / inelasticCrossSectionBarn(material);
}

/** B mesons of one species per POT (B and B̄ together): 2 × f_species × bb̄ pairs per POT. */
export function bMesonsPerPot(beamEnergyGeV: number, target: string | TargetMaterial, species: BMesonSpecies): number {
  return 2 * B_FRAGMENTATION_FRACTION[species] * bbPairsPerPot(beamEnergyGeV, target);
}

/** Weighted B mesons in the lab frame (z along the proton beam); weights are B mesons per POT. */
export interface WeightedBMesons {
  species: BMesonSpecies;
  pxGeV: Float64Array;
  pyGeV: Float64Array;
  pzGeV: Float64Array;
  weight: Float64Array;
}

export interface BSpectrumOptions {
  /** Exponent n of (1 − |x_F|)^n (default 5). */
  xfExponent?: number;
  /** ⟨p_T²⟩ in GeV² of exp(−p_T²/⟨p_T²⟩) (default 2). */
  meanPt2GeV2?: number;
  /** About this many B samples per species (round(√samples)² are drawn; default 4000), stratified in both variables. */
  samples?: number;
  /** u32 seed (default 1). */
  seed?: number;
}

/** √s of a proton beam on a nucleon at rest, GeV. */
export function nucleonCmEnergyGeV(beamEnergyGeV: number): number {
  const mp = MASS_GEV.proton;
  return Math.sqrt(2 * mp * mp + 2 * mp * beamEnergyGeV);
}

/**
 * B mesons of one species from the (x_F, p_T²) parametrisation (file header), sampled by exact
 * inverse CDFs on stratified uniforms: |x_F| = 1 − (1 − u)^{1/(n+1)} with a random sign, p_T² =
 * −⟨p_T²⟩ ln(1 − v), φ uniform; x_F → p_L* = x_F √s / 2 and a boost along z to the lab. Samples with
 * E* > √s/2 (kinematically impossible) are dropped and the weight renormalised to the total.
 */
export function parametrisedBMesons(
  beamEnergyGeV: number,
  target: string | TargetMaterial,
  species: BMesonSpecies,
  options: BSpectrumOptions = {},
): WeightedBMesons {
  const n = options.xfExponent ?? DEFAULT_B_SPECTRUM.xfExponent;
  const meanPt2 = options.meanPt2GeV2 ?? DEFAULT_B_SPECTRUM.meanPt2GeV2;
  const samples = options.samples ?? 4000;
  if (!(n >= 0) || !Number.isFinite(n)) throw new PhysicsInputError(`xfExponent must be a finite number ≥ 0 (got ${n})`);
  requirePositive('meanPt2GeV2', meanPt2);
  if (!Number.isInteger(samples) || samples < 1) throw new PhysicsInputError(`samples must be a positive integer (got ${samples})`);
  const total = bMesonsPerPot(beamEnergyGeV, target, species);
  const sqrtS = nucleonCmEnergyGeV(beamEnergyGeV);
  const mp = MASS_GEV.proton;
  const gammaCm = (beamEnergyGeV + mp) / sqrtS;
  const betaGammaCm = Math.sqrt((beamEnergyGeV - mp) * (beamEnergyGeV + mp)) / sqrtS;
  const mB = B_MASS_GEV[species];
  const rng = new Xoshiro128(((options.seed ?? 1) * 2246822519 + (species === 'charged' ? 1 : 2)) >>> 0);
  // Stratified: a round(√N) × round(√N) grid of (u, v) cells with one jittered point per cell.
  const side = Math.max(1, Math.round(Math.sqrt(samples)));
  const px: number[] = [];
  const py: number[] = [];
  const pz: number[] = [];
  for (let a = 0; a < side; a++) {
    for (let b = 0; b < side; b++) {
      const u = (a + rng.uniform()) / side;
      const v = (b + rng.uniform()) / side;
      const absXf = 1 - (1 - u) ** (1 / (n + 1));
      const xf = rng.uniform() < 0.5 ? -absXf : absXf;
      const pt = Math.sqrt(-meanPt2 * Math.log1p(-v));
      const phi = 2 * Math.PI * rng.uniform();
      const pL = (xf * sqrtS) / 2;
      const eStar = Math.sqrt(mB * mB + pt * pt + pL * pL);
      if (!(eStar < sqrtS / 2)) continue;
      px.push(pt * Math.cos(phi));
      py.push(pt * Math.sin(phi));
      pz.push(gammaCm * pL + betaGammaCm * eStar);
    }
  }
  if (px.length === 0) throw new PhysicsInputError(`no kinematically allowed B mesons at beamEnergyGeV = ${beamEnergyGeV}`);
  const w = total / px.length;
  return { species, pxGeV: Float64Array.from(px), pyGeV: Float64Array.from(py), pzGeV: Float64Array.from(pz), weight: new Float64Array(px.length).fill(w) };
}

/** PDG ids of the B mesons kept from a meson list (PDG numbering scheme). */
export const B_MESON_PDG: Readonly<Record<number, BMesonSpecies>> = { 521: 'charged', 511: 'neutral' };

export class BMesonListError extends Error {
  override name = 'BMesonListError';
  readonly userFacing = true;
}

export interface BMesonListResult {
  mesons: WeightedBMesons[];
  nEvents: number;
  counts: Record<BMesonSpecies, number>;
  skippedOtherPdg: number;
}

/**
 * A user B list in the meson-list format of src/node/spectrum-loaders.ts (6 columns: event, index,
 * PDG id, px, py, pz in GeV; '#' comments; whitespace or commas). ±521 and ±511 are kept, other ids
 * counted and skipped. The events are taken to be bb̄ events (e.g. Pythia HardQCD:hardbbbar at the
 * beam energy): each B gets the weight (bb̄ pairs per POT)/nEvents, so the file fixes the spectrum
 * and the species fractions and physics.md §6 fixes the normalisation. nEvents defaults to the
 * number of distinct event ids.
 */
export function parseBMesonList(text: string, file: string, beamEnergyGeV: number, target: string | TargetMaterial, nEvents?: number): BMesonListResult {
  const buckets: Record<BMesonSpecies, { px: number[]; py: number[]; pz: number[] }> = {
    charged: { px: [], py: [], pz: [] },
    neutral: { px: [], py: [], pz: [] },
  };
  const events = new Set<number>();
  let skipped = 0;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/[\s,]+/).filter((f) => f !== '');
    if (fields.length !== 6)
      throw new BMesonListError(`${file}:${i + 1}: expected 6 columns (event, index, PDG id, px, py, pz), got ${fields.length} ('${trimmed}')`);
    const values = fields.map((f, k) => {
      const v = Number(f);
      if (!Number.isFinite(v)) throw new BMesonListError(`${file}:${i + 1}: column ${k + 1} is not a finite number (got '${f}')`);
      return v;
    });
    const [event, , pdg, bx, by, bz] = values;
    if (!Number.isInteger(event) || event < 0) throw new BMesonListError(`${file}:${i + 1}: event must be a non-negative integer (got ${event})`);
    if (!Number.isInteger(pdg)) throw new BMesonListError(`${file}:${i + 1}: PDG id must be an integer (got ${pdg})`);
    events.add(event);
    const species = B_MESON_PDG[Math.abs(pdg)];
    if (!species) {
      skipped++;
      continue;
    }
    buckets[species].px.push(bx);
    buckets[species].py.push(by);
    buckets[species].pz.push(bz);
  }
  if (events.size === 0) throw new BMesonListError(`${file}: no data rows`);
  const count = nEvents ?? events.size;
  if (!Number.isInteger(count) || count < 1) throw new BMesonListError(`${file}: nEvents must be a positive integer (got ${count})`);
  if (buckets.charged.px.length + buckets.neutral.px.length === 0) throw new BMesonListError(`${file}: no B mesons (PDG ±511 or ±521) in the list`);
  const perB = bbPairsPerPot(beamEnergyGeV, target) / count;
  const mesons = B_MESON_SPECIES.filter((s) => buckets[s].px.length > 0).map((species) => ({
    species,
    pxGeV: Float64Array.from(buckets[species].px),
    pyGeV: Float64Array.from(buckets[species].py),
    pzGeV: Float64Array.from(buckets[species].pz),
    weight: new Float64Array(buckets[species].px.length).fill(perB),
  }));
  return { mesons, nEvents: count, counts: { charged: buckets.charged.px.length, neutral: buckets.neutral.px.length }, skippedOtherPdg: skipped };
}

export interface BAlpTableRequest {
  massGeV: number;
  recoil: BRecoil;
  beamEnergyGeV: number;
  target: string | TargetMaterial;
  /** User B mesons; default: the parametrisation for both species. */
  bMesons?: WeightedBMesons[];
  spectrum?: BSpectrumOptions;
  thetaRangeRad?: [number, number];
  energyRangeGeV?: [number, number];
  binsPerDecadeEnergy?: number;
  binsPerDecadeTheta?: number;
  /** ALP directions per B (stratified in cos θ*, default 32). */
  directionsPerB?: number;
  seed?: number;
}

export interface BAlpTable extends ProductionTable {
  /** Σ binContent: ALPs per POT in range, per unit BR(B → X a). */
  yieldPerPot: number;
  /** ALPs per POT per unit BR outside the (E, θ) ranges. */
  outOfRangeYieldPerPot: number;
  /** B mesons per POT that could decay (species with the channel open). */
  bMesonsPerPot: number;
}

/**
 * Lab momentum of a daughter with rest-frame momentum vector q (GeV) and energy eStar, from a parent
 * of mass M and lab momentum P: p = q + [(γ − 1)(q·n̂) + γβ E*] n̂ with n̂ = P/|P|, γβ = |P|/M.
 */
export function boostFromRestFrame(
  q: [number, number, number],
  eStar: number,
  parentMassGeV: number,
  parent: [number, number, number],
): [number, number, number, number] {
  const pMag = Math.hypot(parent[0], parent[1], parent[2]);
  if (pMag === 0) return [eStar, q[0], q[1], q[2]];
  const nx = parent[0] / pMag;
  const ny = parent[1] / pMag;
  const nz = parent[2] / pMag;
  const betaGamma = pMag / parentMassGeV;
  const gamma = Math.sqrt(1 + betaGamma * betaGamma);
  const qn = q[0] * nx + q[1] * ny + q[2] * nz;
  const along = (gamma - 1) * qn + betaGamma * eStar;
  return [gamma * eStar + betaGamma * qn, q[0] + along * nx, q[1] + along * ny, q[2] + along * nz];
}

/**
 * The ALP (E, θ) table of B → X a per unit BR (file header). Each B is decayed into
 * `directionsPerB` ALP directions, isotropic in the B rest frame (stratified cos θ*, random φ*),
 * with the Källén momentum p* = λ^{1/2}(m_B², m_X², m_a²)/(2 m_B).
 */
export function buildBAlpTable(req: BAlpTableRequest): BAlpTable {
  requirePositive('massGeV', req.massGeV);
  if (!B_RECOILS.includes(req.recoil)) throw new PhysicsInputError(`recoil must be one of ${B_RECOILS.join(', ')} (got '${req.recoil}')`);
  const m = req.massGeV;
  const threshold = Math.max(bDecayThresholdGeV(req.recoil, 'charged'), bDecayThresholdGeV(req.recoil, 'neutral'));
  if (!(m < threshold)) throw new PhysicsInputError(`massGeV = ${m} is above the B → ${req.recoil} a threshold ${threshold.toFixed(4)} GeV`);
  const mesons =
    req.bMesons ??
    B_MESON_SPECIES.map((species) => parametrisedBMesons(req.beamEnergyGeV, req.target, species, { ...req.spectrum, seed: req.seed ?? req.spectrum?.seed }));
  const eRange = req.energyRangeGeV ?? [m * (1 + 1e-6), 1.05 * req.beamEnergyGeV + m];
  const tRange = req.thetaRangeRad ?? [1e-6, Math.PI];
  if (!(eRange[0] > m) || !(eRange[1] > eRange[0]))
    throw new PhysicsInputError(`energyRangeGeV must satisfy massGeV < lo < hi (got [${eRange[0]}, ${eRange[1]}] with massGeV = ${m})`);
  if (!(tRange[0] > 0) || !(tRange[1] > tRange[0]) || tRange[1] > Math.PI)
    throw new PhysicsInputError(`thetaRangeRad must satisfy 0 < lo < hi ≤ π (got [${tRange[0]}, ${tRange[1]}])`);
  const eEdges = logEdges(eRange[0], eRange[1], req.binsPerDecadeEnergy ?? 12);
  const tEdges = logEdges(tRange[0], tRange[1], req.binsPerDecadeTheta ?? 10);
  const table = new LogBinnedTable(eEdges, tEdges);
  const k = req.directionsPerB ?? 32;
  if (!Number.isInteger(k) || k < 1) throw new PhysicsInputError(`directionsPerB must be a positive integer (got ${k})`);
  const rng = new Xoshiro128(((req.seed ?? 1) * 3266489917 + 7) >>> 0);
  let bTotal = 0;
  for (const set of mesons) {
    const mB = B_MASS_GEV[set.species];
    const mX = RECOIL_MASS_GEV[req.recoil][set.species];
    if (!(m < mB - mX)) continue;
    const pStar = twoBodyMomentumGeV(mB, mX, m);
    const eStar = Math.sqrt(pStar * pStar + m * m);
    for (let i = 0; i < set.weight.length; i++) {
      const w = set.weight[i] / k;
      bTotal += set.weight[i];
      const parent: [number, number, number] = [set.pxGeV[i], set.pyGeV[i], set.pzGeV[i]];
      for (let d = 0; d < k; d++) {
        const cosStar = -1 + (2 * (d + rng.uniform())) / k;
        const sinStar = Math.sqrt(Math.max(0, 1 - cosStar * cosStar));
        const phiStar = 2 * Math.PI * rng.uniform();
        const q: [number, number, number] = [pStar * sinStar * Math.cos(phiStar), pStar * sinStar * Math.sin(phiStar), pStar * cosStar];
        const [e, ax, ay, az] = boostFromRestFrame(q, eStar, mB, parent);
        const theta = Math.atan2(Math.hypot(ax, ay), az);
        table.fill(e, theta, w);
      }
    }
  }
  let total = 0;
  for (let i = 0; i < table.content.length; i++) total += table.content[i];
  return {
    massGeV: m,
    mode: req.recoil === 'K' ? 'b-to-k' : 'b-to-kstar',
    energyEdgesGeV: eEdges,
    thetaEdgesRad: tEdges,
    energyAxisLog: true,
    thetaAxisLog: true,
    binContent: table.content,
    referenceCoupling: `BR(B -> ${req.recoil === 'K' ? 'K' : 'K*'} a) = 1 (scale with the branching ratio)`,
    yieldPerPot: total,
    outOfRangeYieldPerPot: table.outOfRange,
    bMesonsPerPot: bTotal,
  };
}
