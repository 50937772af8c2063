/**
 * B → K a and B → K* a two-body decays (physics.md §6).
 *
 * Amplitudes as coded in ALPINIST (exotic_functions.alp_production_BRs, ds_production_BRs.M_BP/M_BV),
 * with an effective flavour-changing coupling g_bs in GeV⁻¹:
 *   |M(B → K a)|²  = |g_bs|² (m_B² − m_K²)² f₀²(m_a²) / 4
 *   |M(B → K* a)|² = |g_bs|² λ(m_B², m_K*², m_a²) A₀²(m_a²) / 4
 *   Γ(B → X a)     = |M|² λ^{1/2}(m_B², m_X², m_a²) / (16π m_B³)
 * Form factors: Ball–Zwicky light-cone sum rules as coded in ALPINIST (physics.md §6).
 *
 * The decays are two-body: in the B rest frame the ALP has the fixed momentum
 * p* = λ^{1/2}(m_B², m_X², m_a²)/(2 m_B) and (B being spinless) an isotropic direction, so the
 * form factors change the rates, never the ALP kinematics.
 */
import { CKM_MAGNITUDE, FERMI_CONSTANT_PER_GEV2, HBAR_GEV_S, MASS_GEV, UP_TYPE_QUARK_MASS_GEV } from './constants.ts';
import { type AlpModelKoto, KOTO_TO_BAUER_FACTOR } from './couplings.ts';
import { PhysicsInputError, requireFinite, requirePositive } from './errors.ts';
import { kallen, twoBodyMomentumGeV } from './kinematics.ts';

/** Which B meson: charged (B±) or neutral (B0, B̄0). */
export type BMesonSpecies = 'charged' | 'neutral';
export const B_MESON_SPECIES: readonly BMesonSpecies[] = ['charged', 'neutral'];

/** Which recoiling strange meson: K (pseudoscalar) or K*(892) (vector). */
export type BRecoil = 'K' | 'Kstar';
export const B_RECOILS: readonly BRecoil[] = ['K', 'Kstar'];

/** B masses, GeV (physics.md §0). */
export const B_MASS_GEV: Readonly<Record<BMesonSpecies, number>> = { charged: MASS_GEV.bCharged, neutral: MASS_GEV.b0 };

/**
 * Recoil masses, GeV. K±, K0 and K*±(892) from physics.md §0. physics.md §0 lists no K*0 mass; the
 * K*±(892) value is used for both species (PDG m_K*0 = 0.8955 GeV differs by 4 MeV: a 0.1 % change
 * of p* at m_a = 1 GeV, negligible here).
 */
export const RECOIL_MASS_GEV: Readonly<Record<BRecoil, Readonly<Record<BMesonSpecies, number>>>> = {
  K: { charged: MASS_GEV.kaonCharged, neutral: MASS_GEV.kaon0 },
  Kstar: { charged: MASS_GEV.kStarCharged, neutral: MASS_GEV.kStarCharged },
};

/** B lifetimes τ(B±) = 1.638 ps, τ(B0) = 1.519 ps (ALPINIST constants; physics.md §0). */
export const B_LIFETIME_S: Readonly<Record<BMesonSpecies, number>> = { charged: 1.638e-12, neutral: 1.519e-12 };

/** Total B width Γ_B = ħ/τ_B, GeV (physics.md §6). */
export function bTotalWidthGeV(species: BMesonSpecies): number {
  return HBAR_GEV_S / B_LIFETIME_S[species];
}

/** f₀^{B→K}(q²) = 0.330/(1 − q²/37.46), q² in GeV² (Ball–Zwicky as coded in ALPINIST; physics.md §6). */
export function formFactorF0BToK(q2GeV2: number): number {
  return 0.33 / (1 - q2GeV2 / 37.46);
}

/** A₀^{B→K*}(q²) = 1.364/(1 − q²/m_B²) − 0.990/(1 − q²/36.78), q² in GeV² (physics.md §6; m_B = m_B±). */
export function formFactorA0BToKStar(q2GeV2: number): number {
  return 1.364 / (1 - q2GeV2 / (MASS_GEV.bCharged * MASS_GEV.bCharged)) - 0.99 / (1 - q2GeV2 / 36.78);
}

/** Largest ALP mass the decay allows, GeV: m_B − m_X. */
export function bDecayThresholdGeV(recoil: BRecoil, species: BMesonSpecies): number {
  return B_MASS_GEV[species] - RECOIL_MASS_GEV[recoil][species];
}

function checkMass(massAGeV: number, recoil: BRecoil, species: BMesonSpecies): void {
  requirePositive('massGeV', massAGeV);
  if (!B_RECOILS.includes(recoil)) throw new PhysicsInputError(`recoil must be one of ${B_RECOILS.join(', ')} (got '${recoil}')`);
  if (!B_MESON_SPECIES.includes(species)) throw new PhysicsInputError(`B species must be one of ${B_MESON_SPECIES.join(', ')} (got '${species}')`);
}

/**
 * Γ(B → X a) in GeV for the coupling g_bs [GeV⁻¹] (physics.md §6); 0 at and above threshold.
 *   K:  |g|² (m_B² − m_K²)² f₀² λ^{1/2} / (64π m_B³)
 *   K*: |g|² A₀² λ^{3/2} / (64π m_B³)
 */
export function bToRecoilAlpWidthGeV(gbsPerGeV: number, massAGeV: number, recoil: BRecoil, species: BMesonSpecies): number {
  requireFinite('gbsPerGeV', gbsPerGeV);
  checkMass(massAGeV, recoil, species);
  const mB = B_MASS_GEV[species];
  const mX = RECOIL_MASS_GEV[recoil][species];
  if (!(massAGeV < mB - mX)) return 0;
  const q2 = massAGeV * massAGeV;
  const lambda = kallen(mB * mB, mX * mX, q2);
  if (!(lambda > 0)) return 0;
  const g2 = gbsPerGeV * gbsPerGeV;
  if (recoil === 'K') {
    const f0 = formFactorF0BToK(q2);
    return (g2 * (mB * mB - mX * mX) ** 2 * f0 * f0 * Math.sqrt(lambda)) / (64 * Math.PI * mB ** 3);
  }
  const a0 = formFactorA0BToKStar(q2);
  return (g2 * a0 * a0 * lambda ** 1.5) / (64 * Math.PI * mB ** 3);
}

/** BR(B → X a) = Γ/Γ_B for the coupling g_bs [GeV⁻¹] (physics.md §6). */
export function bToRecoilAlpBranchingRatio(gbsPerGeV: number, massAGeV: number, recoil: BRecoil, species: BMesonSpecies): number {
  return bToRecoilAlpWidthGeV(gbsPerGeV, massAGeV, recoil, species) / bTotalWidthGeV(species);
}

/** ALP momentum in the B rest frame, p* = λ^{1/2}(m_B², m_X², m_a²)/(2 m_B), GeV (physics.md §0, §6). */
export function alpMomentumInBRestFrameGeV(massAGeV: number, recoil: BRecoil, species: BMesonSpecies): number {
  checkMass(massAGeV, recoil, species);
  return twoBodyMomentumGeV(B_MASS_GEV[species], RECOIL_MASS_GEV[recoil][species], massAGeV);
}

/**
 * ALPINIST's ratio BR(B → K* a)/BR(B → K a) (load_data.n_events_Bmeson_BR; physics.md §6):
 *   [A₀²/(f₀² (m_B² − m_K²)²)] · λ^{3/2}(B, K*, a)/λ^{1/2}(B, K, a), for equal B lifetimes.
 */
export function kStarToKBranchingRatio(massAGeV: number, species: BMesonSpecies = 'charged'): number {
  const k = bToRecoilAlpWidthGeV(1, massAGeV, 'K', species);
  const kStar = bToRecoilAlpWidthGeV(1, massAGeV, 'Kstar', species);
  if (!(k > 0)) throw new PhysicsInputError(`B → K a is closed at massGeV = ${massAGeV}: the ratio is undefined`);
  return kStar / k;
}

// ---------------------------------------------------------------------------------------------
// b → s a from the ALP–W coupling (docs/physics-model.md "c_WW-only models")
// ---------------------------------------------------------------------------------------------

/** Loop function F(x) = x[1 + x(ln x − 1)]/(1 − x)² of the W–quark loop, x = m_q²/m_W² (arXiv:1611.09355). */
export function wLoopFunction(x: number): number {
  requirePositive('x', x);
  if (Math.abs(x - 1) < 1e-6) return 0.5; // limit x → 1 (removable singularity)
  return (x * (1 + x * (Math.log(x) - 1))) / (1 - x) ** 2;
}

/** α_W = g²/4π with g² = 4√2 G_F m_W² (tree level; g = 0.6529, α_W = 0.03392). */
export function weakFineStructureConstant(): number {
  return (4 * Math.SQRT2 * FERMI_CONSTANT_PER_GEV2 * MASS_GEV.w * MASS_GEV.w) / (4 * Math.PI);
}

/**
 * Loop-induced b → s coupling g_bs in GeV⁻¹ (the g_bs of Γ(B → X a) above) from the W coupling of a KOTO-convention
 * model: Izaguirre–Lin–Shuve arXiv:1611.09355, g_bs = 3√2 G_F m_W² g_aW/(16π²) Σ_{q=u,c,t} V_qb V_qs* F(m_q²/m_W²),
 * with L ⊃ −(g_aW/4) a W W̃. In the Bauer convention (arXiv:1708.00443: g² C_WW (a/Λ) W W̃) g_aW = 4g² C_WW/Λ, so
 * g_bs = 3α_W² (C_WW/Λ) Σ V V F (= ALPINIST bs_coupling.g_bs_eff), and C_WW/Λ = c_WW/(32π² f_a) (couplings.ts).
 * CKM magnitudes as ALPINIST (the u, c terms are 1e-4 of the top term, so their GIM signs do not matter).
 * Only c_WW: the c_GG two-loop (arXiv:2102.04474) and c_BB, c_ℓℓ terms are not included.
 */
export function bsCouplingFromWPerGeV(model: AlpModelKoto): number {
  requireFinite('cWW', model.cWW);
  requirePositive('faGeV', model.faGeV);
  const mW2 = MASS_GEV.w * MASS_GEV.w;
  const v = CKM_MAGNITUDE;
  const q = UP_TYPE_QUARK_MASS_GEV;
  const ckmLoopSum =
    v.ub * v.us * wLoopFunction((q.up * q.up) / mW2) +
    v.cb * v.cs * wLoopFunction((q.charm * q.charm) / mW2) +
    v.tb * v.ts * wLoopFunction((q.top * q.top) / mW2);
  const cWWOverLambda = model.cWW / (KOTO_TO_BAUER_FACTOR * model.faGeV);
  return 3 * weakFineStructureConstant() ** 2 * ckmLoopSum * cWWOverLambda;
}

/** BR(B → X a) of a KOTO-convention model through its c_WW (bsCouplingFromWPerGeV); 0 when c_WW = 0. */
export function bToRecoilAlpBranchingRatioFromW(model: AlpModelKoto, massAGeV: number, recoil: BRecoil, species: BMesonSpecies): number {
  return bToRecoilAlpBranchingRatio(bsCouplingFromWPerGeV(model), massAGeV, recoil, species);
}
