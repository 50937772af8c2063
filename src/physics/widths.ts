/**
 * Partial and total ALP widths, KOTO convention (couplings.ts), in GeV.
 *
 * - a → γγ: Γ = α² m³ |c_γγ^eff|² / (256π³ f_a²) (KOTO arXiv:2303.01521 eq. 7; physics.md §2.1).
 * - a → ℓℓ: Γ = c_ℓℓ² m_ℓ² m β_ℓ / (8π f_a²), β = √(1 − 4m_ℓ²/m²) (BNT arXiv:1708.00443; physics.md §2.2),
 *   with the loop-induced c_ℓℓ from c_WW, c_BB (physics.md §2.2, log fixed per ALPINIST bug B5).
 * - hadronic: a HadronicWidthModel (hadronic-widths.ts), scaled by c_GG²/f_a² (physics.md §2.5). Like
 *   ALPINIST, hadronic widths depend on c_GG only.
 * cτ = ħc/Γ_tot (physics.md §0).
 */
import { ALPHA_EM, HBAR_C_GEV_M, LEPTON_LOOP_UV_SCALE_GEV, MASS_GEV, SIN2_THETA_W } from './constants.ts';
import type { AlpModelKoto } from './couplings.ts';
import { effectivePhotonCouplingAbs2 } from './effective-coupling.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import { type HadronicChannel, type HadronicWidthModel, builtInHadronicModel, reducedWidthScaleGeVPerEv } from './hadronic-widths.ts';

export type DecayChannel = 'gammaGamma' | 'ee' | 'mumu' | HadronicChannel;

export interface WidthOptions {
  /** Hadronic width model (default: builtInHadronicModel). */
  hadronicModel?: HadronicWidthModel;
}

/** Γ(a→γγ) in GeV from |c_γγ^eff|² (KOTO eq. 7). */
export function gammaGammaWidthGeV(model: AlpModelKoto, massGeV: number): number {
  requirePositive('massGeV', massGeV);
  return (ALPHA_EM ** 2 * massGeV ** 3 * effectivePhotonCouplingAbs2(model, massGeV)) / (256 * Math.PI ** 3 * model.faGeV ** 2);
}

/** Γ(a→γγ) in GeV for a given c_γγ (no c_GG terms) — the §10 item 1 check: 6.712e-18 GeV at m = 0.1, c = 1, f_a = 1 TeV. */
export function gammaGammaWidthFromCouplingGeV(cGammaGamma: number, massGeV: number, faGeV: number): number {
  requirePositive('massGeV', massGeV);
  requirePositive('faGeV', faGeV);
  return (ALPHA_EM ** 2 * massGeV ** 3 * cGammaGamma ** 2) / (256 * Math.PI ** 3 * faGeV ** 2);
}

/**
 * c_ℓℓ^eff in KOTO units: c_ℓℓ − (α²/32π²)[6((3/4)c_WW/s_w⁴ + (5/4)c_BB/c_w⁴) ln(Λ²/m_W²) + 12(c_WW + c_BB) ln(m_W²/m_ℓ²)]
 * (physics.md §2.2 in Bauer units, converted with c/f_a = 32π² C/Λ; Λ = 1 TeV as ALPINIST; finite terms dropped as ALPINIST).
 */
export function effectiveLeptonCoupling(model: AlpModelKoto, lepton: 'ee' | 'mumu'): number {
  const tree = lepton === 'ee' ? model.cEE : model.cMuMu;
  if (model.leptonLoop === false || (model.cWW === 0 && model.cBB === 0)) return tree;
  const mLepton = lepton === 'ee' ? MASS_GEV.electron : MASS_GEV.muon;
  const sw2 = SIN2_THETA_W;
  const cw2 = 1 - sw2;
  const mW2 = MASS_GEV.w ** 2;
  const uv = Math.log(LEPTON_LOOP_UV_SCALE_GEV ** 2 / mW2);
  const ir = Math.log(mW2 / (mLepton * mLepton));
  const loop =
    (ALPHA_EM ** 2 / (32 * Math.PI ** 2)) *
    (6 * ((0.75 * model.cWW) / (sw2 * sw2) + (1.25 * model.cBB) / (cw2 * cw2)) * uv + 12 * (model.cWW + model.cBB) * ir);
  return tree - loop;
}

/** Γ(a→ℓℓ) in GeV (physics.md §2.2); 0 below 2m_ℓ (kinematic mask). */
export function leptonWidthGeV(model: AlpModelKoto, massGeV: number, lepton: 'ee' | 'mumu'): number {
  requirePositive('massGeV', massGeV);
  const mLepton = lepton === 'ee' ? MASS_GEV.electron : MASS_GEV.muon;
  if (!(massGeV > 2 * mLepton)) return 0;
  const c = effectiveLeptonCoupling(model, lepton);
  const beta = Math.sqrt(1 - (4 * mLepton * mLepton) / (massGeV * massGeV));
  return (c * c * mLepton * mLepton * massGeV * beta) / (8 * Math.PI * model.faGeV ** 2);
}

/** All non-zero partial widths in GeV, keyed by channel. */
export function partialWidthsGeV(model: AlpModelKoto, massGeV: number, options: WidthOptions = {}): Partial<Record<DecayChannel, number>> {
  requirePositive('massGeV', massGeV);
  const out: Partial<Record<DecayChannel, number>> = { gammaGamma: gammaGammaWidthGeV(model, massGeV) };
  const ee = leptonWidthGeV(model, massGeV, 'ee');
  if (ee > 0) out.ee = ee;
  const mumu = leptonWidthGeV(model, massGeV, 'mumu');
  if (mumu > 0) out.mumu = mumu;
  if (model.cGG !== 0) {
    const hadronic = (options.hadronicModel ?? builtInHadronicModel).reducedWidthsEv(massGeV);
    const scale = reducedWidthScaleGeVPerEv(model.cGG, model.faGeV);
    for (const [channel, t] of Object.entries(hadronic) as [HadronicChannel, number][]) {
      if (t > 0) out[channel] = t * scale;
    }
  }
  return out;
}

/** Sum of the hadronic partial widths, GeV. */
export function hadronicWidthGeV(model: AlpModelKoto, massGeV: number, options: WidthOptions = {}): number {
  const widths = partialWidthsGeV(model, massGeV, options);
  let sum = 0;
  for (const [channel, w] of Object.entries(widths)) if (channel !== 'gammaGamma' && channel !== 'ee' && channel !== 'mumu') sum += w;
  return sum;
}

/** Γ_tot in GeV (physics.md §2.6 recipe with the built-in or a user hadronic model). */
export function totalWidthGeV(model: AlpModelKoto, massGeV: number, options: WidthOptions = {}): number {
  const widths = partialWidthsGeV(model, massGeV, options);
  let sum = 0;
  for (const w of Object.values(widths)) sum += w;
  if (!(sum > 0)) {
    throw new PhysicsInputError(`total width is 0 for model '${model.name}' at massGeV = ${massGeV}: all couplings vanish`);
  }
  return sum;
}

/** BR(a → channel) = Γ_channel/Γ_tot; 0 for closed channels. */
export function branchingRatio(model: AlpModelKoto, massGeV: number, channel: DecayChannel, options: WidthOptions = {}): number {
  const widths = partialWidthsGeV(model, massGeV, options);
  const total = totalWidthGeV(model, massGeV, options);
  return (widths[channel] ?? 0) / total;
}

/** Proper decay length cτ = ħc/Γ_tot in metres (physics.md §0). */
export function properDecayLengthM(model: AlpModelKoto, massGeV: number, options: WidthOptions = {}): number {
  return HBAR_C_GEV_M / totalWidthGeV(model, massGeV, options);
}
