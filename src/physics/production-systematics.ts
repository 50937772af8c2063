/**
 * Production systematics (issue 15 §3; docs/limits.md §6b): pure parameter changes of what the ALP
 * yields rest on, each expressed as a yield factor per production mode at one mass (the
 * variation's yield over the nominal one). Only normalisations are varied: the engine's
 * efficiencies (which depend on the spectrum shape) are kept, so a band costs no engine run.
 *
 * Variations (nominal → alternative):
 * - sigma-pA: beam-photon Primakoff per POT divides by the measured σ_inel = A/(N_A λ_I) (PDG; the
 *   default, docs/physics-model.md "σ_inel") → ALPINIST's σ_pp A^0.77 (arXiv:2201.05170; physics.md §4.4).
 *   Exact: the yield is σ(pA → aX)/σ_norm.
 * - sigma-abs: meson-photon Primakoff divides by the photon absorption cross section: XCOM values
 *   (ALPINIST, default) → the pair formula (7/9) A/(N_A X₀) (physics.md §4.1). Exact, as above.
 * - primakoff-screening: Helm form factor alone (ALPINIST, default) → Helm × atomic screening
 *   [a²q²/(1 + a²q²)]² (physics.md §4.2, as FORESEE arXiv:2105.07077). Ratio of σ_Prim at the mean
 *   meson-photon momentum of the beam energy (physics.md §3.3): the normalisation part only.
 * - eta-ratios: η/π0 = 0.105, η′/π0 = 0.0081 (Pythia at 30 GeV, KOTO arXiv:2303.01521 eq. 14) →
 *   η/π0 = 1/30 with η′/η kept (BdNMC's convention, arXiv:1609.01770; physics.md §5.2), at the same
 *   photons per pp (the photon tables fix N_γ, meson-spectra.ts): π0, η, η′ multiplicities and so the
 *   mixing yields move; the meson-photon yield does not. The 'mixing' sum mode moves by the mass-
 *   dependent mix of its π0, η, η′ parts (`mixingPartsPerPot`).
 * - meson-normalisation: light-meson yields × 1.05 (KOTO's measured K_L flux over the Pythia one,
 *   arXiv:2303.01521 App. A eq. 13: 1.05, measured to 1.5 %): the one data check of the soft-QCD
 *   normalisation the spectra rest on, applied to every meson-derived mode (meson photons, mixing).
 *
 * The meson-spectrum shape (SPECTRUM_SHAPE_SYSTEMATIC, opt-in: limits --spectrum-systematics) is not a
 * normalisation: it changes the acceptance, so it needs engine runs on production tables built from
 * the varied spectra (meson-spectra.ts spectrumShapeVariations; src/app/spectrum-systematics.ts) and
 * enters the band per (mode, mass, width, region) cell (src/limits/systematics.ts).
 * Browser-safe.
 */
import { MIXING_MESONS, type MixingMeson } from './mixing.ts';
import { KOTO_MESON_RATIOS, PHOTON_REFERENCE, photonsPerMeson } from './meson-spectra.ts';
import { primakoffCrossSectionBarn } from './primakoff.ts';
import type { ProductionMode } from './production.ts';
import { sigmaPABarn } from './photon-flux.ts';
import { inelasticCrossSectionBarn, photonAbsorptionCrossSectionBarn, resolveTarget, type TargetMaterial } from './targets.ts';

export type ProductionSystematicName = 'sigma-pA' | 'sigma-abs' | 'primakoff-screening' | 'eta-ratios' | 'meson-normalisation';

export interface ProductionSystematic {
  name: ProductionSystematicName;
  /** What is varied, nominal → alternative. */
  description: string;
  /** arXiv numbers / documents the two choices come from. */
  sources: string;
}

export const PRODUCTION_SYSTEMATICS: readonly ProductionSystematic[] = [
  {
    name: 'sigma-pA',
    description: 'beam-photon Primakoff per POT: σ_inel = A/(N_A λ_I) (PDG) → σ_pp A^0.77 (ALPINIST)',
    sources: 'docs/physics-model.md σ_inel; arXiv:2201.05170; physics.md §4.4',
  },
  { name: 'sigma-abs', description: 'meson-photon Primakoff: σ_abs from XCOM (ALPINIST) → pair formula (7/9) A/(N_A X₀)', sources: 'physics.md §4.1' },
  {
    name: 'primakoff-screening',
    description: 'Primakoff form factor: Helm → Helm × atomic screening (normalisation at the mean photon momentum)',
    sources: 'physics.md §4.2; arXiv:2105.07077',
  },
  {
    name: 'eta-ratios',
    description: 'η/π0 = 0.105, η′/π0 = 0.0081 (Pythia, KOTO) → η/π0 = 1/30, η′/η kept (BdNMC), at fixed photons per pp',
    sources: 'arXiv:2303.01521 eq. 14; arXiv:1609.01770; physics.md §3.3, §5.2',
  },
  { name: 'meson-normalisation', description: 'light-meson yields × 1.05 (KOTO measured/Pythia K_L flux)', sources: 'arXiv:2303.01521 App. A eq. 13' },
];

/** The name of the meson-spectrum shape systematic in limits.json systematics.variations. */
export type SpectrumShapeSystematicName = 'meson-spectrum-shape';
/** Every name limits.json systematics.variations may list. */
export type SystematicName = ProductionSystematicName | SpectrumShapeSystematicName;

/**
 * The meson-spectrum shape: tuned BMPT → untuned BMPT (softer) and its mirror about the tuned shape
 * (harder); meson-spectra.ts spectrumShapeVariations says why. Acceptance changes: engine runs.
 */
export const SPECTRUM_SHAPE_SYSTEMATIC: { name: SpectrumShapeSystematicName; description: string; sources: string } = {
  name: 'meson-spectrum-shape',
  description:
    'meson-spectrum shape (acceptance and yield per cell, engine runs): tuned BMPT (α, s_T) → untuned BMPT (α = 3.45, s_T = 1; softer) and its mirror about the tuned shape (harder); the larger shift each way',
  sources: 'hep-ph/0101163; physics.md §3.3, §5.1; docs/physics-model.md',
};

/** The modes whose tables rest on the default meson spectra: what the meson-spectrum shape varies. */
export const SPECTRUM_SHAPE_MODES: readonly ProductionMode[] = ['primakoff-meson-photons', 'mixing', 'mixing-pi0', 'mixing-eta', 'mixing-etaPrime'];

/** η/π0 of the alternative (BdNMC `meson_per_pi0`). */
export const ALTERNATIVE_ETA_PER_PI0 = 1 / 30;
/** KOTO: measured over simulated K_L flux (arXiv:2303.01521 eq. 13). */
export const MESON_NORMALISATION_FACTOR = 1.05;

const MESON_DERIVED: readonly ProductionMode[] = ['primakoff-meson-photons', 'mixing', 'mixing-pi0', 'mixing-eta', 'mixing-etaPrime'];

/** Meson multiplicity factors (alternative / nominal) of the eta-ratios variation at fixed photons per pp. */
export function etaRatioMultiplicityFactors(): Record<MixingMeson, number> {
  const nominal = { eta: KOTO_MESON_RATIOS.eta / KOTO_MESON_RATIOS.pi0, etaPrime: KOTO_MESON_RATIOS.etaPrime / KOTO_MESON_RATIOS.pi0 };
  const scale = ALTERNATIVE_ETA_PER_PI0 / nominal.eta;
  const photonsPerPi0 = (ratios: { eta: number; etaPrime: number }) =>
    photonsPerMeson('pi0') + ratios.eta * photonsPerMeson('eta') + ratios.etaPrime * photonsPerMeson('etaPrime');
  // N_π0 = N_γ / (photons per π0 including its η, η′ companions): fixed N_γ.
  const pi0 = photonsPerPi0(nominal) / photonsPerPi0({ eta: nominal.eta * scale, etaPrime: nominal.etaPrime * scale });
  return { pi0, eta: pi0 * scale, etaPrime: pi0 * scale };
}

/** Mean meson-photon momentum at the beam energy (physics.md §3.3, linear in ln E between the tabulated energies). */
function meanPhotonMomentumGeV(beamEnergyGeV: number): number {
  const table = PHOTON_REFERENCE;
  if (beamEnergyGeV <= table[0].beamEnergyGeV) return table[0].meanPGeV;
  for (let i = 0; i < table.length - 1; i++) {
    if (beamEnergyGeV <= table[i + 1].beamEnergyGeV) {
      const t = Math.log(beamEnergyGeV / table[i].beamEnergyGeV) / Math.log(table[i + 1].beamEnergyGeV / table[i].beamEnergyGeV);
      return table[i].meanPGeV + t * (table[i + 1].meanPGeV - table[i].meanPGeV);
    }
  }
  return table[table.length - 1].meanPGeV;
}

export interface SystematicsInput {
  beamEnergyGeV: number;
  target: string | TargetMaterial;
  massGeV: number;
  /** Only for the 'mixing' sum mode under eta-ratios: its π0, η, η′ parts per POT at this mass (any common normalisation). */
  mixingParts?: Record<MixingMeson, number>;
}

/**
 * The yield factor (alternative / nominal) of one variation for one production mode at one mass.
 * 1 where the variation does not touch the mode (or the mode yields nothing there).
 */
export function productionSystematicFactor(name: ProductionSystematicName, mode: ProductionMode, input: SystematicsInput): number {
  const target = resolveTarget(input.target);
  switch (name) {
    case 'sigma-pA':
      return mode === 'primakoff-beam-photons' ? inelasticCrossSectionBarn(target) / sigmaPABarn(target, input.beamEnergyGeV) : 1;
    case 'sigma-abs':
      return mode === 'primakoff-meson-photons' ? photonAbsorptionCrossSectionBarn(target, 'alpinist') / photonAbsorptionCrossSectionBarn(target, 'pair') : 1;
    case 'primakoff-screening': {
      if (mode !== 'primakoff-meson-photons') return 1;
      const energy = Math.max(meanPhotonMomentumGeV(input.beamEnergyGeV), 2 * input.massGeV);
      const helm = primakoffCrossSectionBarn(target, energy, input.massGeV);
      return helm > 0 ? primakoffCrossSectionBarn(target, energy, input.massGeV, { screening: true }) / helm : 1;
    }
    case 'eta-ratios': {
      const factors = etaRatioMultiplicityFactors();
      if (mode === 'mixing-pi0') return factors.pi0;
      if (mode === 'mixing-eta') return factors.eta;
      if (mode === 'mixing-etaPrime') return factors.etaPrime;
      if (mode !== 'mixing' || !input.mixingParts) return 1;
      const parts = input.mixingParts;
      const total = MIXING_MESONS.reduce((sum, meson) => sum + parts[meson], 0);
      return total > 0 ? MIXING_MESONS.reduce((sum, meson) => sum + factors[meson] * parts[meson], 0) / total : 1;
    }
    case 'meson-normalisation':
      return MESON_DERIVED.includes(mode) ? MESON_NORMALISATION_FACTOR : 1;
  }
}
