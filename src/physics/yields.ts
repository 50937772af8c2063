/**
 * Model-level production yields per POT: the reference-coupling table integrals rescaled to a model
 * (physics.md §8.5 rescaling): Primakoff ∝ g_aγγ(m_a)², mixing ∝ (c_GG · 1 TeV/f_a)².
 */
import { ALPHA_EM } from './constants.ts';
import type { AlpModelKoto } from './couplings.ts';
import { effectivePhotonCouplingAbs2 } from './effective-coupling.ts';
import { type ProductionMode, REFERENCE_CGG_OVER_FA_PER_GEV, REFERENCE_G_AGAMMA_PER_GEV, buildProductionTable } from './production.ts';
import type { MixingOptions } from './mixing.ts';

/** |g_aγγ(m_a)| = α |c_γγ^eff| / (2π f_a) in GeV⁻¹ (physics.md §1.2 with KOTO eq. 5). */
export function gAgammaPerGeV(model: AlpModelKoto, massGeV: number, options: MixingOptions = {}): number {
  return (ALPHA_EM * Math.sqrt(effectivePhotonCouplingAbs2(model, massGeV, options))) / (2 * Math.PI * model.faGeV);
}

export interface ModeYield {
  mode: ProductionMode;
  /** ALPs per POT for the model (all angles and energies). */
  yieldPerPot: number;
  /** ALPs per POT at the table's reference coupling. */
  referenceYieldPerPot: number;
  /** model/reference scale factor. */
  couplingScale: number;
}

/** Yields per POT of each production mode for a model (coarse tables, 6 bins/decade: only integrals are used). */
export function productionYieldsPerPot(model: AlpModelKoto, massGeV: number, beamEnergyGeV: number, target: string): ModeYield[] {
  const modes: ProductionMode[] = ['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing-pi0', 'mixing-eta', 'mixing-etaPrime'];
  const g = gAgammaPerGeV(model, massGeV);
  const gluon = (model.cGG / model.faGeV / REFERENCE_CGG_OVER_FA_PER_GEV) ** 2;
  return modes.map((mode) => {
    const table = buildProductionTable({ mode, massGeV, beamEnergyGeV, target, binsPerDecadeEnergy: 6, binsPerDecadeTheta: 6 });
    const reference = table.yieldPerPot + table.outOfRangeYieldPerPot;
    const couplingScale = mode.startsWith('primakoff') ? (g / REFERENCE_G_AGAMMA_PER_GEV) ** 2 : gluon;
    return { mode, yieldPerPot: reference * couplingScale, referenceYieldPerPot: reference, couplingScale };
  });
}
