/**
 * Effective photon coupling, KOTO convention (KOTO arXiv:2303.01521 eq. 5; BNT arXiv:1708.00443 eq. 22;
 * ALPINIST photon_coupling.g_gg_eff; physics.md §1.4):
 *
 *   c_γγ^eff(m_a) = c_BB + c_WW − c_GG [ 1.92·χ(m_a) + 2 Σ_P (f_a/f_P) θ̂_aP(m_a) ]
 *
 * χ = 1 for m_a ≤ m_η′ and 0 above (ALPINIST _chiC convention, physics.md §1.4); θ̂_aP includes the
 * VMD factor F(m_a) and the Breit–Wigner regulator (mixing.ts), so the result is complex; rates use
 * |c_γγ^eff|². The optional HEAD loop terms (physics.md §1.4 last bullet) are not included.
 */
import type { AlpModelKoto } from './couplings.ts';
import { CHIRAL_PHOTON_COEFFICIENT, MASS_GEV } from './constants.ts';
import { type Complex, cAbs2 } from './complex.ts';
import { MIXING_MESONS, type MixingOptions, mesonDecayConstantGeV, mixingAngleKoto } from './mixing.ts';
import { requirePositive } from './errors.ts';

/** Complex c_γγ^eff (KOTO eq. 5). */
export function effectivePhotonCouplingComplex(model: AlpModelKoto, massGeV: number, options: MixingOptions = {}): Complex {
  requirePositive('massGeV', massGeV);
  let re = model.cBB + model.cWW;
  let im = 0;
  if (model.cGG !== 0) {
    const chiral = massGeV <= MASS_GEV.etaPrime ? CHIRAL_PHOTON_COEFFICIENT : 0;
    let mixRe = 0;
    let mixIm = 0;
    for (const meson of MIXING_MESONS) {
      // θ̂ per unit c_GG: evaluate at c_GG = 1 with the model's f_a, then (f_a/f_P) θ̂ is f_a-independent.
      const theta = mixingAngleKoto(meson, massGeV, 1, model.faGeV, options);
      const scale = model.faGeV / mesonDecayConstantGeV(meson);
      mixRe += scale * theta.re;
      mixIm += scale * theta.im;
    }
    re -= model.cGG * (chiral + 2 * mixRe);
    im -= model.cGG * 2 * mixIm;
  }
  return { re, im };
}

/**
 * c_γγ^eff as a real number: the real part (equal to the unregulated KOTO eq. 5 away from the
 * poles, where the imaginary part is < 1e-3 relative). Use |c|² via effectivePhotonCouplingAbs2 for rates.
 */
export function effectivePhotonCoupling(model: AlpModelKoto, massGeV: number, options: MixingOptions = {}): number {
  return effectivePhotonCouplingComplex(model, massGeV, options).re;
}

/** |c_γγ^eff|² (KOTO eq. 5, 7). */
export function effectivePhotonCouplingAbs2(model: AlpModelKoto, massGeV: number, options: MixingOptions = {}): number {
  return cAbs2(effectivePhotonCouplingComplex(model, massGeV, options));
}
