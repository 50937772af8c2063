/**
 * Primakoff production γ A → a A on a nucleus, generic coupling g_aγγ (L = −g/4 a FF̃), in barn.
 *
 *   dσ/dΩ = (g² α Z²/8π) F²(q²) E p³ sin²θ / q⁴,   q² = (E − p)² + 2Ep(1 − cosθ)
 *
 * (Raffelt's formula; FASER arXiv:1806.02348 eq. 6; physics.md §4.2) with the Helm nuclear form factor
 * (ALPtraum arXiv:1512.03069 via ALPINIST; physics.md §4.2), optionally times the atomic screening
 * factor [a²q²/(1 + a²q²)]² with a = 111 Z^{−1/3}/m_e (Tsai; Bjorken et al. arXiv:0906.0580 App. A;
 * physics.md §4.2). Integration in u = ln(1 − cosθ), cut at q² ≤ (4.49/R₁)² as ALPINIST.
 */
import { ALPHA_EM, GEV_MINUS2_IN_BARN, HBAR_C_GEV_FM, MASS_GEV } from './constants.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import { simpson } from './kinematics.ts';
import { HELM_SKIN_FM, type TargetMaterial, helmQ2MaxGeV2, helmRadiusFm } from './targets.ts';

export interface PrimakoffOptions {
  /** Multiply F² by the atomic screening factor (default false = ALPINIST Helm-only). */
  screening?: boolean;
  /** Integration points in u (default 400). */
  nPoints?: number;
}

/** Helm F(q²) = 3 j₁(qR₁)/(qR₁) exp(−q²s²/2) (physics.md §4.2); q² in GeV². */
export function helmFormFactor(target: TargetMaterial, q2GeV2: number): number {
  const r1 = helmRadiusFm(target) / HBAR_C_GEV_FM; // GeV⁻¹
  const s = HELM_SKIN_FM / HBAR_C_GEV_FM;
  const q = Math.sqrt(Math.max(0, q2GeV2));
  const x = q * r1;
  const j1OverX = x < 0.01 ? 1 / 3 - (x * x) / 30 : (Math.sin(x) / (x * x) - Math.cos(x) / x) / x;
  return 3 * j1OverX * Math.exp((-q2GeV2 * s * s) / 2);
}

/** Atomic screening factor [a²q²/(1 + a²q²)]², a = 111 Z^{−1/3}/m_e (physics.md §4.2). */
export function atomicScreeningFactor(target: TargetMaterial, q2GeV2: number): number {
  const a = (111 * Math.cbrt(target.z) ** -1) / MASS_GEV.electron;
  const x = a * a * q2GeV2;
  return (x / (1 + x)) ** 2;
}

function formFactorSquared(target: TargetMaterial, q2: number, screening: boolean): number {
  const f = helmFormFactor(target, q2);
  return f * f * (screening ? atomicScreeningFactor(target, q2) : 1);
}

/** The u = ln(1 − cosθ) range where q² ≤ q²_max, or null if the process is coherence-forbidden. */
function uRange(energyGeV: number, massGeV: number, q2Max: number): { uMin: number; uMax: number; eMinusP: number; p: number } | null {
  const p = Math.sqrt(energyGeV * energyGeV - massGeV * massGeV);
  const eMinusP = (massGeV * massGeV) / (energyGeV + p); // stable E − p (physics.md §4.2)
  const q2Min = eMinusP * eMinusP;
  if (!(q2Max > q2Min)) return null;
  const tMax = Math.min(2, (q2Max - q2Min) / (2 * energyGeV * p));
  const tMin = Math.max((1e-6 * q2Min) / (2 * energyGeV * p), 1e-30);
  if (!(tMax > tMin)) return null;
  return { uMin: Math.log(tMin), uMax: Math.log(tMax), eMinusP, p };
}

/** dσ/du in GeV⁻² per g², u = ln(1 − cosθ): (αZ²/4) F² E p³ t(2 − t) t / q⁴ (from dσ/dΩ above, dΩ = 2π t du). */
function dSigmaDu(target: TargetMaterial, energyGeV: number, p: number, eMinusP: number, u: number, screening: boolean): number {
  const t = Math.exp(u);
  const q2 = eMinusP * eMinusP + 2 * energyGeV * p * t;
  return ((ALPHA_EM * target.z * target.z) / 4) * formFactorSquared(target, q2, screening) * ((energyGeV * p ** 3 * t * (2 - t) * t) / (q2 * q2));
}

/**
 * σ(γA → aA) in barn for g_aγγ = 1 GeV⁻¹ (scale with g²). 0 if E ≤ m or coherence-forbidden
 * (q²_min > q²_max). Reference: Au, 5 GeV, 50 MeV → 2.09e-2 b (physics.md §4.2, §10 item 6).
 */
export function primakoffCrossSectionBarn(target: TargetMaterial, photonEnergyGeV: number, massGeV: number, options: PrimakoffOptions = {}): number {
  requirePositive('photonEnergyGeV', photonEnergyGeV);
  requirePositive('massGeV', massGeV);
  if (!(photonEnergyGeV > massGeV)) return 0;
  const range = uRange(photonEnergyGeV, massGeV, helmQ2MaxGeV2(target));
  if (!range) return 0;
  const screening = options.screening ?? false;
  const integral = simpson((u) => dSigmaDu(target, photonEnergyGeV, range.p, range.eMinusP, u, screening), range.uMin, range.uMax, options.nPoints ?? 400);
  return integral * GEV_MINUS2_IN_BARN;
}

/**
 * Tabulated inverse CDF of the ALP angle θ to the photon, at fixed (E, m): returns θ values at the
 * given quantile levels (physics.md §4.2 sampling recipe: CDF of dσ/du in u, inverted).
 */
export function primakoffAngleQuantilesRad(
  target: TargetMaterial,
  photonEnergyGeV: number,
  massGeV: number,
  levels: ArrayLike<number>,
  options: PrimakoffOptions = {},
): Float64Array {
  if (!(photonEnergyGeV > massGeV)) throw new PhysicsInputError(`photonEnergyGeV must exceed massGeV (got ${photonEnergyGeV} ≤ ${massGeV})`);
  const range = uRange(photonEnergyGeV, massGeV, helmQ2MaxGeV2(target));
  const out = new Float64Array(levels.length);
  if (!range) return out.fill(NaN);
  const screening = options.screening ?? false;
  const n = options.nPoints ?? 400;
  const us = new Float64Array(n + 1);
  const cdf = new Float64Array(n + 1);
  const h = (range.uMax - range.uMin) / n;
  let prev = dSigmaDu(target, photonEnergyGeV, range.p, range.eMinusP, range.uMin, screening);
  us[0] = range.uMin;
  for (let i = 1; i <= n; i++) {
    us[i] = range.uMin + i * h;
    const cur = dSigmaDu(target, photonEnergyGeV, range.p, range.eMinusP, us[i], screening);
    cdf[i] = cdf[i - 1] + 0.5 * (prev + cur) * h; // trapezoid
    prev = cur;
  }
  const total = cdf[n];
  let j = 0;
  for (let k = 0; k < levels.length; k++) {
    const target_ = levels[k] * total;
    while (j < n - 1 && cdf[j + 1] < target_) j++;
    const span = cdf[j + 1] - cdf[j];
    const f = span > 0 ? (target_ - cdf[j]) / span : 0;
    const u = us[j] + f * h;
    out[k] = Math.acos(1 - Math.exp(u));
  }
  return out;
}

/** Small-angle dσ/dθ in barn/rad for g = 1 GeV⁻¹: (αZ²/4) F² E⁴ θ³/q⁴, q² = m⁴/(4E²) + E²θ² (physics.md §4.2). */
export function primakoffDSigmaDThetaSmallAngle(
  target: TargetMaterial,
  photonEnergyGeV: number,
  massGeV: number,
  thetaRad: number,
  options: PrimakoffOptions = {},
): number {
  const e = photonEnergyGeV;
  const q2 = massGeV ** 4 / (4 * e * e) + e * e * thetaRad * thetaRad;
  if (q2 > helmQ2MaxGeV2(target)) return 0;
  return (
    ((ALPHA_EM * target.z ** 2) / 4) * formFactorSquared(target, q2, options.screening ?? false) * ((e ** 4 * thetaRad ** 3) / (q2 * q2)) * GEV_MINUS2_IN_BARN
  );
}
