/**
 * Neutral-meson spectra per proton on target without Pythia (physics.md §5).
 *
 * Shape: the BMPT π± parametrisation (Bonesini et al., Eur. Phys. J. C20 (2001) 13, hep-ph/0101163;
 * parameters as in physics.md §5.1), read as the invariant density E d³n/dp³ = f(x_R, p_T) with radial
 * scaling x_R = E_cm/E_cm,max, E_cm,max = (s − M̄² + m²)/(2√s), M̄ = 1.88 GeV; π0 = (π⁺ + π⁻)/2 with
 * π⁺/π⁻ = r₀(1 + x_R)^{r₁}. Per beam energy two shape parameters are tuned (documented in
 * docs/physics-model.md): the longitudinal exponent α (BMPT 3.45) and a p_T stretch s_T (p_T → p_T/s_T),
 * so that the decay photons reproduce ⟨p_γ⟩ and ⟨p_T,γ⟩ of physics.md §3.3.
 * η and η′: m_T scaling of the π0 shape (physics.md §5.3, same rapidity, p_T′ = √(p_T² + m_P² − m_π²)),
 * normalised with the KOTO eq. 14 ratios π0 : η : η′ = 21 : 2.2 : 0.17 (arXiv:2303.01521, App. A).
 * Absolute normalisation: the photon multiplicity per pp of physics.md §3.3 (3.59, 4.82, 7.82 at 30, 70,
 * 400 GeV), i.e. N_π0 = N_γ / Σ_P r_P n_γ,P. Per POT = per pp (ALPINIST: no A-scaling for light mesons,
 * physics.md §3.3).
 */
import { MASS_GEV, MESON_BR } from './constants.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import type { MixingMeson } from './mixing.ts';

/** BMPT π⁺ parameters (physics.md §5.1 table; BdNMC BMPT_dist.cpp / msci-project BMPTFlux.py). */
export const BMPT_PI_PLUS = { A: 62.3, B: 1.57, alpha: 3.45, beta: 0.517, a: 6.1, gamma: 0.153, delta: 0.478, r0: 1.05, r1: 2.65 } as const;
/** M̄ = 1.88 GeV of the radial-scaling variable (physics.md §5.1). */
export const RADIAL_SCALING_MBAR_GEV = 1.88;

/** KOTO eq. 14 multiplicity ratios to K_L (arXiv:2303.01521 App. A; physics.md §3.3). */
export const KOTO_MESON_RATIOS = { pi0: 21, eta: 2.2, etaPrime: 0.17 } as const;

/** Photons per pp from light-meson decays and their moments (physics.md §3.3 table, from ALPINIST Pythia 8 tables). */
export const PHOTON_REFERENCE: readonly { beamEnergyGeV: number; photonsPerPp: number; meanPGeV: number; meanPtGeV: number }[] = [
  { beamEnergyGeV: 30, photonsPerPp: 3.59, meanPGeV: 1.26, meanPtGeV: 0.187 },
  { beamEnergyGeV: 70, photonsPerPp: 4.82, meanPGeV: 2.2, meanPtGeV: 0.191 },
  { beamEnergyGeV: 400, photonsPerPp: 7.82, meanPGeV: 7.64, meanPtGeV: 0.195 },
];

/**
 * Tuned shape parameters per beam energy (alpha: exponent of (1 − x_R); ptStretch: s_T). Tuned with
 * tuneShapeParameters() against PHOTON_REFERENCE; values and residuals in docs/physics-validation.md.
 */
export const TUNED_SHAPE: readonly { beamEnergyGeV: number; alpha: number; ptStretch: number }[] = [
  { beamEnergyGeV: 30, alpha: 3.0849, ptStretch: 1.1061 },
  { beamEnergyGeV: 70, alpha: 3.4455, ptStretch: 1.1108 },
  { beamEnergyGeV: 400, alpha: 3.4222, ptStretch: 1.1408 },
];

/** Valid beam-energy range of the default spectra (physics.md §5: tuned at 30, 70, 400 GeV). */
export const MESON_SPECTRA_BEAM_RANGE_GEV = [30, 400] as const;

export interface ShapeParameters {
  alpha: number;
  ptStretch: number;
}

/** Photons per meson decay, with the mode list of physics.md §5.4 (one-photon modes as 2-body γX). */
export interface PhotonDecayMode {
  br: number;
  /** 2: γγ; 1: γ + X with recoil mass recoilMassGeV. */
  photons: 1 | 2;
  recoilMassGeV: number;
}

/**
 * Photon-producing decay modes per meson (physics.md §0, §5.4). Photons from daughter π0/η (η → 3π0,
 * η′ → ηππ, …) are not listed: the π0 and η spectra here stand for all π0 and η, prompt and feed-down.
 * One-photon modes use a fixed effective recoil mass (documented approximation): e⁺e⁻ pair 0.01 GeV,
 * π⁺π⁻ pair 0.35 GeV, ρ0, ω.
 */
export const PHOTON_DECAY_MODES: Record<MixingMeson, PhotonDecayMode[]> = {
  pi0: [
    { br: MESON_BR.pi0ToGammaGamma, photons: 2, recoilMassGeV: 0 },
    { br: MESON_BR.pi0Dalitz, photons: 1, recoilMassGeV: 0.01 },
  ],
  eta: [
    { br: MESON_BR.etaToGammaGamma, photons: 2, recoilMassGeV: 0 },
    { br: MESON_BR.etaToPiPiGamma, photons: 1, recoilMassGeV: 0.35 },
    { br: MESON_BR.etaDalitz, photons: 1, recoilMassGeV: 0.01 },
  ],
  etaPrime: [
    { br: MESON_BR.etaPrimeToGammaGamma, photons: 2, recoilMassGeV: 0 },
    { br: MESON_BR.etaPrimeToRhoGamma, photons: 1, recoilMassGeV: 0.775 },
    { br: MESON_BR.etaPrimeToOmegaGamma, photons: 1, recoilMassGeV: 0.78266 },
  ],
};

/** Mean photons per decay of meson P (Σ BR × photons). */
export function photonsPerMeson(meson: MixingMeson): number {
  return PHOTON_DECAY_MODES[meson].reduce((s, m) => s + m.br * m.photons, 0);
}

export const MESON_MASS_GEV: Record<MixingMeson, number> = { pi0: MASS_GEV.pi0, eta: MASS_GEV.eta, etaPrime: MASS_GEV.etaPrime };

function interpLog(beamEnergyGeV: number, xs: readonly number[], ys: readonly number[]): number {
  if (beamEnergyGeV <= xs[0]) return ys[0];
  for (let i = 0; i < xs.length - 1; i++) {
    if (beamEnergyGeV <= xs[i + 1]) {
      const t = Math.log(beamEnergyGeV / xs[i]) / Math.log(xs[i + 1] / xs[i]);
      return ys[i] + t * (ys[i + 1] - ys[i]);
    }
  }
  return ys[ys.length - 1];
}

function checkBeam(beamEnergyGeV: number): void {
  requirePositive('beamEnergyGeV', beamEnergyGeV);
  const [lo, hi] = MESON_SPECTRA_BEAM_RANGE_GEV;
  if (beamEnergyGeV < lo * 0.999 || beamEnergyGeV > hi * 1.001) {
    throw new PhysicsInputError(
      `beamEnergyGeV must lie in [${lo}, ${hi}] for the built-in meson spectra (got ${beamEnergyGeV}); supply a photon table or meson list instead`,
    );
  }
}

/** Photons per pp at the beam energy: physics.md §3.3 values, linear in ln E between them. */
export function photonsPerPp(beamEnergyGeV: number): number {
  checkBeam(beamEnergyGeV);
  return interpLog(
    beamEnergyGeV,
    PHOTON_REFERENCE.map((r) => r.beamEnergyGeV),
    PHOTON_REFERENCE.map((r) => r.photonsPerPp),
  );
}

/** Tuned shape parameters at the beam energy (linear in ln E between the tuned points). */
export function shapeParameters(beamEnergyGeV: number): ShapeParameters {
  checkBeam(beamEnergyGeV);
  const xs = TUNED_SHAPE.map((r) => r.beamEnergyGeV);
  return {
    alpha: interpLog(
      beamEnergyGeV,
      xs,
      TUNED_SHAPE.map((r) => r.alpha),
    ),
    ptStretch: interpLog(
      beamEnergyGeV,
      xs,
      TUNED_SHAPE.map((r) => r.ptStretch),
    ),
  };
}

/** The published BMPT shape before the tuning: α of the π⁺ fit and no p_T stretch (hep-ph/0101163; physics.md §5.1). */
export const UNTUNED_BMPT_SHAPE: ShapeParameters = { alpha: BMPT_PI_PLUS.alpha, ptStretch: 1 };

/** One alternative spectrum shape of the meson-spectrum systematic (production-systematics.ts). */
export interface SpectrumShapeVariation {
  /** 'softer': lower ⟨p⟩ and ⟨p_T⟩ than the tuned spectra; 'harder': higher. */
  name: 'softer' | 'harder';
  shape: ShapeParameters;
}

/**
 * The two alternative shapes of the meson-spectrum systematic at a beam energy (docs/limits.md §6b):
 * - softer: the untuned BMPT fit to p–Be data at 400/450 GeV (hep-ph/0101163: α = 3.45, s_T = 1),
 *   the one data-based alternative to the Pythia 8 moments (physics.md §3.3) the defaults are tuned to;
 *   it lies on the soft side of the tuned shape at every tuned energy (α ≥ α_tuned, s_T = 1 < s_T,tuned);
 * - harder: the tuned shape moved by the same amount the other way (α = 2α_t − 3.45, s_T = 2s_T,t − 1),
 *   so the band is symmetric in the shape parameters around the tuned spectra.
 * Only the shape changes: defaultMesonSpectrum normalises every shape to the same multiplicities.
 */
export function spectrumShapeVariations(beamEnergyGeV: number): SpectrumShapeVariation[] {
  const tuned = shapeParameters(beamEnergyGeV);
  return [
    { name: 'softer', shape: { ...UNTUNED_BMPT_SHAPE } },
    {
      name: 'harder',
      shape: { alpha: 2 * tuned.alpha - UNTUNED_BMPT_SHAPE.alpha, ptStretch: 2 * tuned.ptStretch - UNTUNED_BMPT_SHAPE.ptStretch },
    },
  ];
}

/** Meson multiplicities per POT: π0 from the photon normalisation, η and η′ by KOTO eq. 14 ratios. */
export function mesonMultiplicitiesPerPot(beamEnergyGeV: number): Record<MixingMeson, number> {
  const nGamma = photonsPerPp(beamEnergyGeV);
  const rEta = KOTO_MESON_RATIOS.eta / KOTO_MESON_RATIOS.pi0;
  const rEtaPrime = KOTO_MESON_RATIOS.etaPrime / KOTO_MESON_RATIOS.pi0;
  const nPi0 = nGamma / (photonsPerMeson('pi0') + rEta * photonsPerMeson('eta') + rEtaPrime * photonsPerMeson('etaPrime'));
  return { pi0: nPi0, eta: rEta * nPi0, etaPrime: rEtaPrime * nPi0 };
}

/** pp kinematics: √s, CM rapidity, for a proton beam of energy E on a proton at rest. */
export function ppKinematics(beamEnergyGeV: number): { sqrtS: number; yCm: number } {
  const mp = MASS_GEV.proton;
  const s = 2 * mp * mp + 2 * mp * beamEnergyGeV;
  const pBeam = Math.sqrt(beamEnergyGeV * beamEnergyGeV - mp * mp);
  const yCm = 0.5 * Math.log((beamEnergyGeV + mp + pBeam) / (beamEnergyGeV + mp - pBeam));
  return { sqrtS: Math.sqrt(s), yCm };
}

/** BMPT-shaped π0 invariant density (arbitrary normalisation) at (x_R, p_T) with tuned shape parameters. */
export function pi0ShapeInvariant(xR: number, ptGeV: number, shape: ShapeParameters): number {
  if (!(xR > 0 && xR < 1)) return 0;
  const p = BMPT_PI_PLUS;
  const pt = ptGeV / shape.ptStretch;
  const aPrime = p.a / xR ** p.gamma;
  const bPrime = (p.a * p.a) / (2 * xR ** p.delta);
  const piPlus = p.A * (1 - xR) ** shape.alpha * (1 + p.B * xR) * xR ** -p.beta * (1 + aPrime * pt + bPrime * pt * pt) * Math.exp(-aPrime * pt);
  const ratio = p.r0 * (1 + xR) ** p.r1; // π⁺/π⁻
  return 0.5 * (piPlus + piPlus / ratio);
}

/** A binned meson spectrum per POT in (lab rapidity, p_T). cellContent[iy·nPt + ipt] = mesons per POT. */
export interface MesonSpectrum {
  meson: MixingMeson;
  massGeV: number;
  beamEnergyGeV: number;
  rapidityEdges: Float64Array;
  ptEdgesGeV: Float64Array;
  cellContent: Float64Array;
  /** Σ cellContent = multiplicity per POT. */
  totalPerPot: number;
}

/**
 * Builds the default spectrum of one meson species (see file header). Grid: 160 bins in CM rapidity
 * over the kinematic range, 100 bins in p_T over [0, 3] GeV (quadratic spacing, finer at low p_T);
 * each cell integrated with 2×2 Gauss points of dn = π f dy dp_T².
 */
export function defaultMesonSpectrum(meson: MixingMeson, beamEnergyGeV: number, shape: ShapeParameters = shapeParameters(beamEnergyGeV)): MesonSpectrum {
  checkBeam(beamEnergyGeV);
  const mass = MESON_MASS_GEV[meson];
  const { sqrtS, yCm } = ppKinematics(beamEnergyGeV);
  const s = sqrtS * sqrtS;
  const eStarMax = (s - RADIAL_SCALING_MBAR_GEV ** 2 + mass * mass) / (2 * sqrtS);
  const yStarMax = Math.acosh(eStarMax / mass);
  const nY = 160;
  const nPt = 100;
  const ptMax = 3;
  const rapidityEdges = new Float64Array(nY + 1);
  for (let i = 0; i <= nY; i++) rapidityEdges[i] = yCm - yStarMax + (2 * yStarMax * i) / nY;
  const ptEdgesGeV = new Float64Array(nPt + 1);
  for (let j = 0; j <= nPt; j++) ptEdgesGeV[j] = ptMax * (j / nPt) ** 2;
  const gp = [0.5 - 0.5 / Math.sqrt(3), 0.5 + 0.5 / Math.sqrt(3)];
  const cellContent = new Float64Array(nY * nPt);
  const dm2 = mass * mass - MASS_GEV.pi0 * MASS_GEV.pi0;
  let total = 0;
  for (let i = 0; i < nY; i++) {
    for (let j = 0; j < nPt; j++) {
      const y0 = rapidityEdges[i] - yCm;
      const dy = rapidityEdges[i + 1] - rapidityEdges[i];
      const pt0 = ptEdgesGeV[j];
      const dpt = ptEdgesGeV[j + 1] - pt0;
      let sum = 0;
      for (const a of gp) {
        for (const b of gp) {
          const yStar = y0 + a * dy;
          const pt = pt0 + b * dpt;
          const mT = Math.sqrt(pt * pt + mass * mass);
          const xR = (mT * Math.cosh(yStar)) / eStarMax;
          // m_T scaling (physics.md §5.3): the η(′) takes the π0 shape at p_T′ with m_T,π(p_T′) = m_T,P(p_T).
          const ptShape = Math.sqrt(pt * pt + dm2);
          sum += pi0ShapeInvariant(xR, ptShape, shape) * Math.PI * 2 * pt; // dn/(dy dp_T) = π f · 2p_T
        }
      }
      const content = (sum / 4) * dy * dpt;
      cellContent[i * nPt + j] = content;
      total += content;
    }
  }
  const target = mesonMultiplicitiesPerPot(beamEnergyGeV)[meson];
  for (let k = 0; k < cellContent.length; k++) cellContent[k] *= target / total;
  return { meson, massGeV: mass, beamEnergyGeV, rapidityEdges, ptEdgesGeV, cellContent, totalPerPot: target };
}
