/**
 * Production tables (ProductionTable, src/physics/production-table.ts) per ALP mass and mode.
 *
 * Modes and reference couplings:
 * - 'primakoff-meson-photons': photons from π0/η/η′ decays × σ_Prim(E_γ)/σ_abs, ALP angle around the
 *   photon sampled from dσ/du (physics.md §4.3 "recommended MC implementation"; Döbrich–Jaeckel–Spadaro
 *   arXiv:1904.02091). Reference g_aγγ = 1 GeV⁻¹.
 * - 'primakoff-beam-photons': Budnev flux of the beam proton (physics.md §4.4; ALPtraum arXiv:1512.03069),
 *   yield = σ(pA → aX)/σ_inel(pA) with the PDG inelastic cross section (targets.ts; issue 15: not
 *   ALPINIST's σ_pp A^0.77). Reference g_aγγ = 1 GeV⁻¹.
 * - 'mixing', 'mixing-pi0', 'mixing-eta', 'mixing-etaPrime': meson spectra × |θ_aP|² (KOTO arXiv:2303.01521
 *   eq. 2; physics.md §3.2). Map: the ALP takes the meson's p_T and rapidity (physics.md §3.2 option a),
 *   which is a one-to-one map of samples, so the integral is exactly N_P |θ_aP|². Reference
 *   c_GG/f_a = 1 TeV⁻¹ (θ_aP ∝ c_GG/f_a, so the table scales as (c_GG · 1 TeV/f_a)²).
 *
 * - 'b-to-k', 'b-to-kstar': B → K a and B → K* a (b-meson-production.ts buildBAlpTable; physics.md §6), per
 *   unit BR(B → X a): the coupling rescaling multiplies by the model's BR from the loop-induced g_bs of
 *   c_WW (src/limits/rescale.ts productionCouplingScale, b-meson-production.ts bModeCouplingScale;
 *   Izaguirre–Lin–Shuve arXiv:1611.09355). Empty above the B → X a thresholds of both B species.
 *
 * Binning: log-spaced in E (default 12 bins/decade from just above m to 1.05 E_beam + m) and in θ
 * (default 10 bins/decade over [1e-6, π]); both axes sampled in log by the engine. Entries outside the
 * ranges are reported as outOfRangeYieldPerPot, never silently dropped.
 */
import { GEV_MINUS2_IN_BARN, MASS_GEV } from './constants.ts';
import { cAbs2 } from './complex.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import { type WeightedMesons, type WeightedPhotons, concatPhotons, decayMesonsToPhotons, sampleMesonSpectrum } from './meson-decays.ts';
import { type ShapeParameters, defaultMesonSpectrum } from './meson-spectra.ts';
import { MIXING_MESONS, type MixingMeson, mixingAngleKoto } from './mixing.ts';
import { beamPrimakoffPrefactor, beamPrimakoffTransverseIntegral } from './photon-flux.ts';
import { type PrimakoffOptions, primakoffAngleQuantilesRad, primakoffCrossSectionBarn } from './primakoff.ts';
import type { ProductionTable } from './production-table.ts';
import { gaussLegendre } from './kinematics.ts';
import { Xoshiro128 } from './rng.ts';
import { B_MODE_RECOIL, B_PRODUCTION_MODES, type BProductionMode, buildBAlpTable } from './b-meson-production.ts';
import { B_MESON_SPECIES, bDecayThresholdGeV } from './b-meson-decays.ts';
import { LogBinnedTable, logEdges } from './log-binning.ts';
import { type SigmaAbsChoice, type TargetMaterial, inelasticCrossSectionBarn, photonAbsorptionCrossSectionBarn, resolveTarget } from './targets.ts';

export type ProductionMode = 'primakoff-meson-photons' | 'primakoff-beam-photons' | 'mixing' | 'mixing-pi0' | 'mixing-eta' | 'mixing-etaPrime';
export const PRODUCTION_MODES: readonly ProductionMode[] = [
  'primakoff-meson-photons',
  'primakoff-beam-photons',
  'mixing',
  'mixing-pi0',
  'mixing-eta',
  'mixing-etaPrime',
];

/**
 * Every mode buildProductionTable builds: PRODUCTION_MODES (tables at a reference coupling) and the
 * B → K(*) a modes (tables per unit BR, scaled by the model's c_WW-induced BR).
 */
export type TableProductionMode = ProductionMode | BProductionMode;
export const TABLE_PRODUCTION_MODES: readonly TableProductionMode[] = [...PRODUCTION_MODES, ...B_PRODUCTION_MODES];

/** Whether a mode is a B → K(*) a mode (a table per unit BR). */
export function isBProductionMode(mode: string): mode is BProductionMode {
  return (B_PRODUCTION_MODES as readonly string[]).includes(mode);
}

/** Reference couplings of the tables (see file header). */
export const REFERENCE_G_AGAMMA_PER_GEV = 1;
export const REFERENCE_CGG_OVER_FA_PER_GEV = 1e-3;

export interface ProductionRequest {
  mode: TableProductionMode;
  massGeV: number;
  beamEnergyGeV: number;
  /** Target symbol ('Au', 'Cu', …) or material. */
  target: string | TargetMaterial;
  thetaRangeRad?: [number, number];
  energyRangeGeV?: [number, number];
  binsPerDecadeEnergy?: number;
  binsPerDecadeTheta?: number;
  /** User photons (from a §3.3 table or meson lists) replacing the default spectra (Primakoff meson-photon mode). */
  photons?: WeightedPhotons;
  /** User mesons replacing the default spectra (mixing modes; and photons if `photons` is absent). */
  mesons?: WeightedMesons[];
  /** Atomic screening on top of Helm (default false, as ALPINIST and the physics.md §4.3 reference). */
  screening?: boolean;
  sigmaAbs?: SigmaAbsChoice;
  /** u32 seed of the jittered meson sampling and decays (default 1). */
  seed?: number;
  /** Meson samples per spectrum cell (default 2). */
  samplesPerCell?: number;
  /**
   * Shape parameters of the default meson spectra instead of the tuned ones (the meson-spectrum
   * systematic, meson-spectra.ts spectrumShapeVariations); same multiplicities. Ignored with `mesons`/`photons`.
   */
  spectrumShape?: ShapeParameters;
  /** ALP directions per photon in the Primakoff meson-photon mode (default 16 quantiles). */
  anglesPerPhoton?: number;
}

/** The table plus bookkeeping. */
export interface ProductionResult extends ProductionTable {
  /** Σ binContent: ALPs per POT in the table ranges at the reference coupling. */
  yieldPerPot: number;
  /** ALPs per POT at the reference coupling that fell outside the (E, θ) ranges. */
  outOfRangeYieldPerPot: number;
  beamEnergyGeV: number;
  target: string;
}

function checkRequest(req: ProductionRequest): void {
  requirePositive('massGeV', req.massGeV);
  requirePositive('beamEnergyGeV', req.beamEnergyGeV);
  if (!(req.beamEnergyGeV > req.massGeV + MASS_GEV.proton)) {
    throw new PhysicsInputError(`beamEnergyGeV = ${req.beamEnergyGeV} is below the production threshold for massGeV = ${req.massGeV}`);
  }
  if (!TABLE_PRODUCTION_MODES.includes(req.mode)) {
    throw new PhysicsInputError(`unknown production mode '${req.mode}': valid choices are ${TABLE_PRODUCTION_MODES.join(', ')}`);
  }
}

const defaultMesonCache = new Map<string, WeightedMesons[]>();
const defaultPhotonCache = new Map<string, WeightedPhotons>();

/** Default weighted mesons (all three species) at a beam energy, memoised per (E, seed, samplesPerCell, shape); shape default: the tuned one. */
export function defaultMesons(beamEnergyGeV: number, seed = 1, samplesPerCell = 2, shape?: ShapeParameters): WeightedMesons[] {
  const key = `${beamEnergyGeV}|${seed}|${samplesPerCell}${shape ? `|${shape.alpha}|${shape.ptStretch}` : ''}`;
  let mesons = defaultMesonCache.get(key);
  if (!mesons) {
    mesons = MIXING_MESONS.map((meson, i) =>
      sampleMesonSpectrum(defaultMesonSpectrum(meson, beamEnergyGeV, shape), samplesPerCell, (seed * 7919 + i * 104729) >>> 0),
    );
    defaultMesonCache.set(key, mesons);
  }
  return mesons;
}

/** Photons from meson decays (default spectra or the given mesons). */
export function photonsFromMesons(mesons: WeightedMesons[], seed = 1): WeightedPhotons {
  return concatPhotons(mesons.map((m, i) => decayMesonsToPhotons(m, (seed * 15485863 + i * 32452843 + 1) >>> 0)));
}

/** Default decay photons at a beam energy, memoised (shape as defaultMesons). */
export function defaultPhotons(beamEnergyGeV: number, seed = 1, samplesPerCell = 2, shape?: ShapeParameters): WeightedPhotons {
  const key = `${beamEnergyGeV}|${seed}|${samplesPerCell}${shape ? `|${shape.alpha}|${shape.ptStretch}` : ''}`;
  let photons = defaultPhotonCache.get(key);
  if (!photons) {
    photons = photonsFromMesons(defaultMesons(beamEnergyGeV, seed, samplesPerCell, shape), seed);
    defaultPhotonCache.set(key, photons);
  }
  return photons;
}

/** σ_Prim on a log grid in E for fast interpolation: E from m(1 + 1e-6) to eMax. */
class SigmaGrid {
  readonly lnE: Float64Array;
  readonly sigma: Float64Array;
  constructor(target: TargetMaterial, massGeV: number, eMax: number, options: PrimakoffOptions, n = 160) {
    const lo = Math.log(massGeV * (1 + 1e-6));
    const hi = Math.log(Math.max(eMax, massGeV * 1.01));
    this.lnE = new Float64Array(n);
    this.sigma = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.lnE[i] = lo + ((hi - lo) * i) / (n - 1);
      this.sigma[i] = primakoffCrossSectionBarn(target, Math.exp(this.lnE[i]), massGeV, { ...options, nPoints: 200 });
    }
  }
  at(energyGeV: number): number {
    const x = Math.log(energyGeV);
    const n = this.lnE.length;
    if (x <= this.lnE[0]) return this.sigma[0];
    if (x >= this.lnE[n - 1]) return this.sigma[n - 1];
    const t = ((x - this.lnE[0]) / (this.lnE[n - 1] - this.lnE[0])) * (n - 1);
    const i = Math.min(n - 2, Math.floor(t));
    const f = t - i;
    return this.sigma[i] * (1 - f) + this.sigma[i + 1] * f;
  }
}

/**
 * Integrated Primakoff yield per POT from a photon set, g_aγγ = 1 GeV⁻¹: Σ_γ w σ_Prim(E_γ)/σ_abs
 * (physics.md §4.3). Used for the §4.3 reference comparison.
 */
export function primakoffMesonPhotonYieldPerPot(
  photons: WeightedPhotons,
  target: TargetMaterial,
  massGeV: number,
  options: PrimakoffOptions & { sigmaAbs?: SigmaAbsChoice } = {},
): number {
  let eMax = 0;
  for (let i = 0; i < photons.pGeV.length; i++) eMax = Math.max(eMax, photons.pGeV[i]);
  if (!(eMax > massGeV)) return 0;
  const grid = new SigmaGrid(target, massGeV, eMax, options);
  const sigmaAbs = photonAbsorptionCrossSectionBarn(target, options.sigmaAbs);
  let sum = 0;
  for (let i = 0; i < photons.pGeV.length; i++) if (photons.pGeV[i] > massGeV) sum += photons.weight[i] * grid.at(photons.pGeV[i]);
  return sum / sigmaAbs;
}

function buildPrimakoffMesonPhotons(req: ProductionRequest, target: TargetMaterial, filler: LogBinnedTable): void {
  const seed = req.seed ?? 1;
  const photons =
    req.photons ?? (req.mesons ? photonsFromMesons(req.mesons, seed) : defaultPhotons(req.beamEnergyGeV, seed, req.samplesPerCell ?? 2, req.spectrumShape));
  const m = req.massGeV;
  let eMax = 0;
  for (let i = 0; i < photons.pGeV.length; i++) eMax = Math.max(eMax, photons.pGeV[i]);
  if (!(eMax > m)) return;
  const options: PrimakoffOptions = { screening: req.screening ?? false };
  const grid = new SigmaGrid(target, m, eMax, options);
  const sigmaAbs = photonAbsorptionCrossSectionBarn(target, req.sigmaAbs);
  // Angle quantiles (θ' of the ALP around the photon) at K stratified levels on a coarse log-E grid.
  const k = req.anglesPerPhoton ?? 16;
  const levels = Float64Array.from({ length: k }, (_, i) => (i + 0.5) / k);
  const nGrid = 40;
  const lnLo = Math.log(m * (1 + 1e-4));
  const lnHi = Math.log(Math.max(eMax, m * 1.01));
  const lnThetaQ: Float64Array[] = [];
  for (let g = 0; g < nGrid; g++) {
    const e = Math.exp(lnLo + ((lnHi - lnLo) * g) / (nGrid - 1));
    const q = primakoffAngleQuantilesRad(target, e, m, levels, { ...options, nPoints: 300 });
    lnThetaQ.push(q.map((v) => (Number.isFinite(v) && v > 0 ? Math.log(v) : Math.log(1e-12))));
  }
  const rng = new Xoshiro128((seed * 2654435761) >>> 0);
  for (let i = 0; i < photons.pGeV.length; i++) {
    const e = photons.pGeV[i];
    if (!(e > m)) continue;
    const sigma = grid.at(e);
    if (!(sigma > 0)) continue;
    const w = (photons.weight[i] * sigma) / sigmaAbs / k;
    const tg = photons.thetaRad[i];
    const cg = Math.cos(tg);
    const sg = Math.sin(tg);
    const t = Math.min(nGrid - 1, Math.max(0, ((Math.log(e) - lnLo) / (lnHi - lnLo)) * (nGrid - 1)));
    const g0 = Math.min(nGrid - 2, Math.floor(t));
    const f = t - g0;
    for (let l = 0; l < k; l++) {
      const th = Math.exp(lnThetaQ[g0][l] * (1 - f) + lnThetaQ[g0 + 1][l] * f);
      const phi = 2 * Math.PI * rng.uniform();
      const cosA = cg * Math.cos(th) - sg * Math.sin(th) * Math.cos(phi);
      const thetaA = Math.acos(Math.max(-1, Math.min(1, cosA)));
      filler.fill(e, thetaA, w);
    }
  }
}

function buildMixing(req: ProductionRequest, filler: LogBinnedTable, species: readonly MixingMeson[]): void {
  const mesons = req.mesons ?? defaultMesons(req.beamEnergyGeV, req.seed ?? 1, req.samplesPerCell ?? 2, req.spectrumShape);
  const m = req.massGeV;
  for (const set of mesons) {
    if (!species.includes(set.meson)) continue;
    const theta2 = cAbs2(mixingAngleKoto(set.meson, m, 1, 1 / REFERENCE_CGG_OVER_FA_PER_GEV));
    for (let i = 0; i < set.weight.length; i++) {
      const pt = set.ptGeV[i];
      const mT = Math.sqrt(pt * pt + m * m);
      const y = set.rapidity[i];
      const e = mT * Math.cosh(y);
      const theta = Math.atan2(pt, mT * Math.sinh(y));
      filler.fill(e, theta, set.weight[i] * theta2);
    }
  }
}

const GL2 = gaussLegendre(2);
/** Highest ALP p_T the beam-photon mode can reach: Budnev q_t ≤ 1 GeV plus Δ ≤ q_max ≈ 0.2 GeV, rounded up. */
const BEAM_PHOTON_MAX_PT_GEV = 1.3;

/**
 * Beam-photon Primakoff table: 2×2 Gauss points per bin in (ln E, ln θ) of d²σ/(dE dθ)/σ_inel(pA). The
 * transverse integral I(E, p_T) is tabulated per Gauss energy on 48 log-spaced p_T points (linear
 * interpolation in ln p_T), which makes the table ~20× cheaper than direct evaluation.
 */
function buildPrimakoffBeam(req: ProductionRequest, target: TargetMaterial, filler: LogBinnedTable): void {
  const nE = filler.eEdges.length - 1;
  const nT = filler.tEdges.length - 1;
  const sigmaInelastic = inelasticCrossSectionBarn(target);
  const nPt = 48;
  for (let i = 0; i < nE; i++) {
    const lnE0 = Math.log(filler.eEdges[i]);
    const lnE1 = Math.log(filler.eEdges[i + 1]);
    for (let a = 0; a < GL2.nodes.length; a++) {
      const e = Math.exp(lnE0 + ((lnE1 - lnE0) * (GL2.nodes[a] + 1)) / 2);
      if (!(e > req.massGeV) || !(e < req.beamEnergyGeV)) continue;
      const ptLo = Math.max(1e-9, e * filler.tEdges[0] * 0.5);
      const ptHi = BEAM_PHOTON_MAX_PT_GEV;
      if (!(ptHi > ptLo)) continue;
      const lnPtLo = Math.log(ptLo);
      const dLnPt = (Math.log(ptHi) - lnPtLo) / (nPt - 1);
      const table = new Float64Array(nPt);
      for (let k = 0; k < nPt; k++) table[k] = beamPrimakoffTransverseIntegral(target, req.beamEnergyGeV, req.massGeV, e, Math.exp(lnPtLo + k * dLnPt));
      for (let j = 0; j < nT; j++) {
        const lnT0 = Math.log(filler.tEdges[j]);
        const lnT1 = Math.log(filler.tEdges[j + 1]);
        let sum = 0;
        for (let b = 0; b < GL2.nodes.length; b++) {
          const th = Math.exp(lnT0 + ((lnT1 - lnT0) * (GL2.nodes[b] + 1)) / 2);
          const pt = e * th; // small-angle p_T = E_aθ_a as in the physics.md §4.4 formula (and no backward ALPs)
          if (pt >= ptHi) continue;
          const t = Math.max(0, (Math.log(pt) - lnPtLo) / dLnPt);
          const k0 = Math.min(nPt - 2, Math.floor(t));
          const f = t - k0;
          const integral = table[k0] * (1 - f) + table[k0 + 1] * f;
          // dE dθ = E θ dlnE dlnθ
          sum += GL2.weights[b] * beamPrimakoffPrefactor(target, req.beamEnergyGeV, e, th) * integral * e * th;
        }
        const content = ((GL2.weights[a] * sum * (lnE1 - lnE0) * (lnT1 - lnT0)) / 4) * (GEV_MINUS2_IN_BARN / sigmaInelastic);
        if (content > 0) filler.content[i * nT + j] += content;
      }
    }
  }
}

/**
 * The B → K(*) a table of a request (per unit BR; file header): the parametrised B spectrum of the
 * beam and target with the request's seed, ranges and binning. Above the thresholds of both B
 * species it is empty (no ALPs), so a coupling-model scan gets a zero row there without an engine run.
 */
function buildBModeTable(
  req: ProductionRequest & { mode: BProductionMode },
  target: TargetMaterial,
  eEdges: Float64Array,
  tEdges: Float64Array,
): ProductionResult {
  const recoil = B_MODE_RECOIL[req.mode];
  const base = { massGeV: req.massGeV, mode: req.mode, energyAxisLog: true, thetaAxisLog: true, beamEnergyGeV: req.beamEnergyGeV, target: target.symbol };
  const referenceCoupling = `BR(B -> ${recoil === 'K' ? 'K' : 'K*'} a) = 1 (scale with the model's BR(B -> ${recoil === 'K' ? 'K' : 'K*'} a) from c_WW, arXiv:1611.09355)`;
  const open = B_MESON_SPECIES.some((species) => req.massGeV < bDecayThresholdGeV(recoil, species));
  if (!open) {
    return {
      ...base,
      energyEdgesGeV: eEdges,
      thetaEdgesRad: tEdges,
      binContent: new Float64Array((eEdges.length - 1) * (tEdges.length - 1)),
      referenceCoupling,
      yieldPerPot: 0,
      outOfRangeYieldPerPot: 0,
    };
  }
  const table = buildBAlpTable({
    massGeV: req.massGeV,
    recoil,
    beamEnergyGeV: req.beamEnergyGeV,
    target,
    thetaRangeRad: [tEdges[0], tEdges[tEdges.length - 1]],
    energyRangeGeV: [eEdges[0], eEdges[eEdges.length - 1]],
    binsPerDecadeEnergy: req.binsPerDecadeEnergy,
    binsPerDecadeTheta: req.binsPerDecadeTheta,
    seed: req.seed,
  });
  return {
    ...base,
    energyEdgesGeV: table.energyEdgesGeV,
    thetaEdgesRad: table.thetaEdgesRad,
    binContent: table.binContent,
    referenceCoupling,
    yieldPerPot: table.yieldPerPot,
    outOfRangeYieldPerPot: table.outOfRangeYieldPerPot,
  };
}

/** Builds the production table for one mode and mass (see file header). */
export function buildProductionTable(req: ProductionRequest): ProductionResult {
  checkRequest(req);
  const target = resolveTarget(req.target);
  const m = req.massGeV;
  const eRange = req.energyRangeGeV ?? [m * (1 + 1e-6), 1.05 * req.beamEnergyGeV + m];
  const tRange = req.thetaRangeRad ?? [1e-6, Math.PI];
  if (!(eRange[0] > m) || !(eRange[1] > eRange[0]))
    throw new PhysicsInputError(`energyRangeGeV must satisfy massGeV < lo < hi (got [${eRange[0]}, ${eRange[1]}] with massGeV = ${m})`);
  if (!(tRange[0] > 0) || !(tRange[1] > tRange[0]) || tRange[1] > Math.PI)
    throw new PhysicsInputError(`thetaRangeRad must satisfy 0 < lo < hi ≤ π (got [${tRange[0]}, ${tRange[1]}])`);
  const filler = new LogBinnedTable(
    logEdges(eRange[0], eRange[1], req.binsPerDecadeEnergy ?? 12),
    logEdges(tRange[0], tRange[1], req.binsPerDecadeTheta ?? 10),
  );
  if (isBProductionMode(req.mode)) return buildBModeTable({ ...req, mode: req.mode }, target, filler.eEdges, filler.tEdges);
  let referenceCoupling: string;
  switch (req.mode) {
    case 'primakoff-meson-photons':
      buildPrimakoffMesonPhotons(req, target, filler);
      referenceCoupling = `g_agammagamma = ${REFERENCE_G_AGAMMA_PER_GEV} GeV^-1 (scale with g^2)`;
      break;
    case 'primakoff-beam-photons':
      buildPrimakoffBeam(req, target, filler);
      referenceCoupling = `g_agammagamma = ${REFERENCE_G_AGAMMA_PER_GEV} GeV^-1 (scale with g^2)`;
      break;
    default: {
      const species: readonly MixingMeson[] = req.mode === 'mixing' ? MIXING_MESONS : [req.mode.slice('mixing-'.length) as MixingMeson];
      buildMixing(req, filler, species);
      referenceCoupling = `c_GG/f_a = 1 TeV^-1, KOTO convention (scale with (c_GG * 1000 GeV / f_a)^2)`;
    }
  }
  let total = 0;
  for (let i = 0; i < filler.content.length; i++) total += filler.content[i];
  return {
    massGeV: m,
    mode: req.mode,
    energyEdgesGeV: filler.eEdges,
    thetaEdgesRad: filler.tEdges,
    energyAxisLog: true,
    thetaAxisLog: true,
    binContent: filler.content,
    referenceCoupling,
    yieldPerPot: total,
    outOfRangeYieldPerPot: filler.outOfRange,
    beamEnergyGeV: req.beamEnergyGeV,
    target: target.symbol,
  };
}
