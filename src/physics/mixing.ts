/**
 * ALP–meson mixing for the gluon coupling (KOTO convention).
 *
 *   θ_aP = (f_π c_GG / f_a) · F(m_a) · (K_aP m_a² + m_aP²) / (m_a² − m_P² + i m_P Γ_P)
 *
 * KOTO arXiv:2303.01521 eq. 3 (same notation as Aloni–Soreq–Williams arXiv:1811.03474 and ALPINIST
 * arXiv:2201.05170); K_aP, m_aP², B₀ and the VMD factor F as in physics.md §3.1. The pole is
 * regulated by a Breit–Wigner width (physics.md §3.1 item 3, fixes ALPINIST bug B9); |θ|² is what
 * production uses, the complex value enters c_γγ^eff (physics.md §1.4). Sign: KOTO eq. 3
 * (θ^ALPINIST = −θ^KOTO). Below ~Γ_P from a pole |θ| can exceed 1: the leading-order formula is
 * meaningless there; do not trust results within a few Γ_P of m_P.
 */
import { DECAY_CONSTANT_GEV, MASS_GEV, MESON_WIDTH_GEV, QUARK_MASS_GEV, THETA_ETA_ETAPRIME_RAD } from './constants.ts';
import { type Complex, cDiv, complex } from './complex.ts';
import { requireFinite, requirePositive } from './errors.ts';

export type MixingMeson = 'pi0' | 'eta' | 'etaPrime';
export const MIXING_MESONS: readonly MixingMeson[] = ['pi0', 'eta', 'etaPrime'];

/** Meson masses used in the mixing denominators, GeV (physics.md §0). */
export const MIXING_MESON_MASS_GEV: Record<MixingMeson, number> = {
  pi0: MASS_GEV.pi0,
  eta: MASS_GEV.eta,
  etaPrime: MASS_GEV.etaPrime,
};

/** κ_q = (1/m_q)/Σ_q'(1/m_q') (physics.md §3.1; PDG 2019 masses give 0.67306, 0.31131, 0.01563). */
export function quarkKappas(): { up: number; down: number; strange: number } {
  const inv = 1 / QUARK_MASS_GEV.up + 1 / QUARK_MASS_GEV.down + 1 / QUARK_MASS_GEV.strange;
  return { up: 1 / QUARK_MASS_GEV.up / inv, down: 1 / QUARK_MASS_GEV.down / inv, strange: 1 / QUARK_MASS_GEV.strange / inv };
}

/** Kinetic mixing K_aP (physics.md §3.1; K_aπ = −0.18088, K_aη = −0.39548, K_aη′ = −0.29319). */
export function kineticMixing(): Record<MixingMeson, number> {
  const k = quarkKappas();
  const c = Math.cos(THETA_ETA_ETAPRIME_RAD);
  const s = Math.sin(THETA_ETA_ETAPRIME_RAD);
  const r3 = Math.sqrt(3);
  const r23 = Math.sqrt(2 / 3);
  return {
    pi0: -(k.up - k.down) / 2,
    eta: -0.5 * ((k.up + k.down) * (c / r3 - r23 * s) - k.strange * ((2 * c) / r3 + r23 * s)),
    etaPrime: -0.5 * ((k.up + k.down) * (s / r3 + r23 * c) - k.strange * ((2 * s) / r3 - r23 * c)),
  };
}

/** B₀ = m_π0²/(m_u + m_d), GeV (physics.md §3.1: 2.6676 GeV). */
export function chiralB0GeV(): number {
  return (MASS_GEV.pi0 * MASS_GEV.pi0) / (QUARK_MASS_GEV.up + QUARK_MASS_GEV.down);
}

/** Mass mixing m_aP², GeV² (physics.md §3.1: 0, +0.003167, +0.008956). */
export function massMixingGeV2(): Record<MixingMeson, number> {
  const sumInv = 1 / QUARK_MASS_GEV.up + 1 / QUARK_MASS_GEV.down + 1 / QUARK_MASS_GEV.strange;
  const b0 = chiralB0GeV();
  return {
    pi0: 0,
    eta: (-Math.sqrt(6) * b0 * Math.sin(THETA_ETA_ETAPRIME_RAD)) / sumInv,
    etaPrime: (Math.sqrt(6) * b0 * Math.cos(THETA_ETA_ETAPRIME_RAD)) / sumInv,
  };
}

/** K_aP and the mass mixing, made once: they depend on constants only (the same numbers each call made before). */
const KINETIC_MIXING = kineticMixing();
const MASS_MIXING_GEV2 = massMixingGeV2();

/**
 * VMD suppression F(m) (Aloni–Soreq–Williams arXiv:1811.03474 via ALPINIST _FVMD; physics.md §3.1):
 * 1 for m ≤ 1.4 GeV, cubic fit on (1.4, 2], (1.4/m)⁴ above.
 */
export function vmdFactor(massGeV: number): number {
  requirePositive('massGeV', massGeV);
  const m = massGeV;
  if (m <= 1.4) return 1;
  if (m <= 2) return 5.7022 * m ** 3 - 29.4815 * m ** 2 + 49.0191 * m - 25.4899;
  return (1.4 / m) ** 4;
}

export interface MixingOptions {
  /** Regulate the pole with m_P² → m_P² − i m_P Γ_P (default true; physics.md §3.1 item 3). */
  regulatePole?: boolean;
}

/**
 * θ_aP per unit c_GG/f_a, i.e. θ for c_GG = 1 and the given f_a, KOTO sign (KOTO eq. 3; physics.md §3.1).
 * Complex because of the Breit–Wigner regulator; use |θ|² for production.
 */
export function mixingAngleKoto(meson: MixingMeson, massGeV: number, cGG: number, faGeV: number, options: MixingOptions = {}): Complex {
  requirePositive('massGeV', massGeV);
  requireFinite('cGG', cGG);
  requirePositive('faGeV', faGeV);
  const m2 = massGeV * massGeV;
  const mP = MIXING_MESON_MASS_GEV[meson];
  const widthGeV = options.regulatePole === false ? 0 : MESON_WIDTH_GEV[meson];
  const numerator = KINETIC_MIXING[meson] * m2 + MASS_MIXING_GEV2[meson];
  const prefactor = ((DECAY_CONSTANT_GEV.pi0 * cGG) / faGeV) * vmdFactor(massGeV);
  // 1/(m² − m_P² + i m_P Γ_P): the regulated propagator.
  return cDiv(complex(prefactor * numerator), complex(m2 - mP * mP, mP * widthGeV));
}

export interface MixingAngles {
  pi0: Complex;
  eta: Complex;
  etaPrime: Complex;
}

/** All three θ_aP for a KOTO-convention gluon coupling c_GG/f_a (KOTO eq. 3). */
export function mixingAnglesKoto(massGeV: number, cGG: number, faGeV: number, options: MixingOptions = {}): MixingAngles {
  return {
    pi0: mixingAngleKoto('pi0', massGeV, cGG, faGeV, options),
    eta: mixingAngleKoto('eta', massGeV, cGG, faGeV, options),
    etaPrime: mixingAngleKoto('etaPrime', massGeV, cGG, faGeV, options),
  };
}

/** f_P used in c_γγ^eff (KOTO eq. 5: f_η ≈ f_π, f_η′ ≈ 73 MeV). */
export function mesonDecayConstantGeV(meson: MixingMeson): number {
  return DECAY_CONSTANT_GEV[meson];
}
