/**
 * Equivalent-photon flux of the beam proton and Primakoff production from it (physics.md §4.4).
 *
 * Flux (Budnev et al., Phys. Rep. 15 (1975) 181, as coded in ALPINIST gamma_p_Budnev and used by
 * ALPtraum arXiv:1512.03069; physics.md §4.4):
 *   f_γ(x, q_t²) = dN/(dx dq_t²) = (α/π) [ (1−x) q_t² D / E_t² + x² C/2 ] / (x E_t²)
 * with E_t² = q_t² + x² m_p², Q_i² = E_t²/(1−x), G² = (1 + Q_i²/0.71)⁻⁴, C = μ_p² G²,
 * D = (4m_p² G² + Q_i² μ_p² G²)/(4m_p² + Q_i²), and ALPINIST's validity cut f = 0 if E_t² + x > 1
 * (GeV², dimensionally ad hoc; ALPINIST bug-list B14, kept for reproducibility).
 *
 * Cross section (ALPINIST dsigma_pN_alt, φ over [0, 2π] with the /8π prefactor; physics.md §4.4, B15):
 *   d²σ/(dE_a dθ_a) = [g² α Z² sinθ_a E_a² / (8π E_beam)] ∫dq_t² ∫_0^{2π}dφ f_γ(x, q_t²) F²(Q²) Δ²/Q⁴
 * Δ² = q_t² + E_a²θ_a² − 2 q_t E_a θ_a cos φ, Q² = Δ² + m_a⁴/(4E_a²), Q² ∈ [1e-10, q²_max].
 */
import {
  ALPHA_EM,
  GEV_MINUS2_IN_BARN,
  MASS_GEV,
  PROTON_DIPOLE_LAMBDA2_GEV2,
  PROTON_MU_SQUARED,
  SIGMA_PA_A_EXPONENT,
  SIGMA_PP_MB_BY_BEAM_GEV,
} from './constants.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import { gaussLegendre } from './kinematics.ts';
import { helmFormFactor } from './primakoff.ts';
import { type TargetMaterial, helmQ2MaxGeV2 } from './targets.ts';

/** Budnev f_γ(x, q_t²) = dN/(dx dq_t²) in GeV⁻² (physics.md §4.4). */
export function budnevFlux(x: number, qt2GeV2: number): number {
  if (!(x > 0 && x < 1) || !(qt2GeV2 >= 0)) return 0;
  const mp = MASS_GEV.proton;
  const et2 = qt2GeV2 + x * x * mp * mp;
  if (et2 + x > 1) return 0; // ALPINIST/ALPtraum validity cut (B14)
  const qi2 = et2 / (1 - x);
  const g2 = (1 + qi2 / PROTON_DIPOLE_LAMBDA2_GEV2) ** -4;
  const c = PROTON_MU_SQUARED * g2;
  const d = (4 * mp * mp * g2 + qi2 * PROTON_MU_SQUARED * g2) / (4 * mp * mp + qi2);
  return ((ALPHA_EM / Math.PI) * (((1 - x) * qt2GeV2 * d) / et2 + (x * x * c) / 2)) / (x * et2);
}

/** x dN/dx = x ∫ f_γ dq_t² (physics.md §4.4 check values: 0.0259, 0.0151, 0.0074, 0.0044, 0.0010 at x = 0.001, 0.01, 0.05, 0.1, 0.3). */
export function budnevXdNdx(x: number): number {
  if (!(x > 0 && x < 1)) throw new PhysicsInputError(`x must lie in (0, 1) (got ${x})`);
  const mp = MASS_GEV.proton;
  const qt2Max = 1 - x - x * x * mp * mp;
  if (!(qt2Max > 0)) return 0;
  // integrate in ln q_t² from 1e-14 GeV² (the integrand ∝ q_t² below x²m_p², negligible there)
  const lo = Math.log(1e-14);
  const hi = Math.log(qt2Max);
  const n = 2000;
  const h = (hi - lo) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const qt2 = Math.exp(lo + i * h);
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * budnevFlux(x, qt2) * qt2;
  }
  return (x * sum * h) / 3;
}

/** σ_pp (mb) at the beam energy, linear in ln E between the physics.md §4.4 points, clamped at the ends. */
export function sigmaPpMb(beamEnergyGeV: number): number {
  requirePositive('beamEnergyGeV', beamEnergyGeV);
  const pts = SIGMA_PP_MB_BY_BEAM_GEV;
  if (beamEnergyGeV <= pts[0][0]) return pts[0][1];
  for (let i = 0; i < pts.length - 1; i++) {
    if (beamEnergyGeV <= pts[i + 1][0]) {
      const t = Math.log(beamEnergyGeV / pts[i][0]) / Math.log(pts[i + 1][0] / pts[i][0]);
      return pts[i][1] + t * (pts[i + 1][1] - pts[i][1]);
    }
  }
  return pts[pts.length - 1][1];
}

/**
 * ALPINIST's σ_pA = σ_pp A^0.77 in barn (physics.md §4.4: Cu 400 GeV 0.975 b; Au 30 GeV 2.24 b). Not
 * used for normalisation any more: it is 27–32 % above the measured inelastic cross section (Au
 * 2.24 vs 1.67 b); yields per POT divide by targets.ts inelasticCrossSectionBarn (issue 15,
 * docs/physics-model.md "σ_inel"). Kept to compare with ALPINIST.
 */
export function sigmaPABarn(target: TargetMaterial, beamEnergyGeV: number): number {
  return sigmaPpMb(beamEnergyGeV) * 1e-3 * target.a ** SIGMA_PA_A_EXPONENT;
}

const GL_PSI = gaussLegendre(32);
const GL_LNDELTA = gaussLegendre(64);

/**
 * d²σ(pA → aX)/(dE_a dθ_a) in barn/(GeV·rad) for g_aγγ = 1 GeV⁻¹ (physics.md §4.4), Helm FF only.
 * Evaluated in the momentum-transfer plane: with **q**_t = **p**_T,a − **Δ**, dq_t² dφ = 2 d²q_t = 2Δ dΔ dψ,
 * so ∫dq_t²∫_0^{2π}dφ f F² Δ²/Q⁴ = 2∫dΔ Δ³ F²/Q⁴ ∫_0^{2π}dψ f(p_T² + Δ² − 2p_TΔ cosψ). Δ from
 * √max(0, 1e-10 − m⁴/4E²) (Q² ≥ 1e-10) to δ = √(q²_max − m⁴/4E²), Gauss–Legendre in ln Δ and ψ.
 * This is the same integral as ALPINIST's (q_t, φ) form, but resolves the Δ → 0 peak.
 */
export function beamPrimakoffDSigmaBarn(target: TargetMaterial, beamEnergyGeV: number, massGeV: number, alpEnergyGeV: number, thetaRad: number): number {
  if (!(alpEnergyGeV > massGeV) || !(alpEnergyGeV < beamEnergyGeV)) return 0;
  const integral = beamPrimakoffTransverseIntegral(target, beamEnergyGeV, massGeV, alpEnergyGeV, alpEnergyGeV * thetaRad);
  return beamPrimakoffPrefactor(target, beamEnergyGeV, alpEnergyGeV, thetaRad) * integral * GEV_MINUS2_IN_BARN;
}

/** g²αZ² sinθ_a E_a²/(8π E_beam) for g = 1 GeV⁻¹ (physics.md §4.4, φ over [0, 2π]). */
export function beamPrimakoffPrefactor(target: TargetMaterial, beamEnergyGeV: number, alpEnergyGeV: number, thetaRad: number): number {
  return (ALPHA_EM * target.z ** 2 * Math.sin(thetaRad) * alpEnergyGeV ** 2) / (8 * Math.PI * beamEnergyGeV);
}

/**
 * I(E_a, p_T) = ∫dq_t² ∫_0^{2π}dφ f_γ(x, q_t²) F²(Q²) Δ²/Q⁴ in GeV⁻² with p_T = E_aθ_a (see beamPrimakoffDSigmaBarn).
 */
export function beamPrimakoffTransverseIntegral(target: TargetMaterial, beamEnergyGeV: number, massGeV: number, alpEnergyGeV: number, ptGeV: number): number {
  if (!(alpEnergyGeV > massGeV) || !(alpEnergyGeV < beamEnergyGeV)) return 0;
  const x = alpEnergyGeV / beamEnergyGeV;
  const q2Max = helmQ2MaxGeV2(target);
  const q2Long = massGeV ** 4 / (4 * alpEnergyGeV * alpEnergyGeV);
  if (!(q2Max > q2Long)) return 0;
  const deltaMax = Math.sqrt(q2Max - q2Long);
  const deltaMin = Math.max(Math.sqrt(Math.max(0, 1e-10 - q2Long)), deltaMax * 1e-7);
  const pt = ptGeV;
  const lnLo = Math.log(deltaMin);
  const lnHi = Math.log(deltaMax);
  let outer = 0;
  for (let i = 0; i < GL_LNDELTA.nodes.length; i++) {
    const delta = Math.exp(lnLo + ((lnHi - lnLo) * (GL_LNDELTA.nodes[i] + 1)) / 2);
    const d2 = delta * delta;
    const q2 = d2 + q2Long;
    const ff = helmFormFactor(target, q2);
    let inner = 0;
    for (let j = 0; j < GL_PSI.nodes.length; j++) {
      const psi = (Math.PI * (GL_PSI.nodes[j] + 1)) / 2;
      inner += GL_PSI.weights[j] * budnevFlux(x, pt * pt + d2 - 2 * pt * delta * Math.cos(psi));
    }
    inner *= Math.PI; // (π/2)·Σ over [0, π], ×2 for [0, 2π]
    // dΔ = Δ d(lnΔ): integrand 2 Δ³ F²/Q⁴ × Δ
    outer += GL_LNDELTA.weights[i] * 2 * d2 * d2 * ((ff * ff) / (q2 * q2)) * inner;
  }
  return (outer * (lnHi - lnLo)) / 2;
}
