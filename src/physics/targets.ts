/**
 * Target materials: Z, A, radiation length, nuclear interaction length, photon absorption cross
 * section, Helm radius.
 *
 * σ_abs: ALPINIST exotic_constants.sigma_pgamma (NIST XCOM, "using 4 GeV for KOTO"; physics.md §4.1),
 * or the asymptotic pair cross section (7/9) A/(N_A X₀) with PDG X₀ (physics.md §4.1, §10 item 10).
 * Helm R₁ (Lewin–Smith form as used by ALPINIST Photoproduction_functions.FF and ALPtraum
 * arXiv:1512.03069; physics.md §4.2).
 */
import { AVOGADRO_PER_MOL, HBAR_C_GEV_FM } from './constants.ts';
import { PhysicsInputError } from './errors.ts';

export interface TargetMaterial {
  /** Element symbol used on the CLI. */
  symbol: string;
  z: number;
  /** Mass number (g/mol), physics.md §4.1. */
  a: number;
  /** Radiation length in g/cm² (PDG atomic & nuclear properties). */
  radiationLengthGPerCm2: number;
  /** ALPINIST σ_abs in barn (physics.md §4.1). */
  sigmaAbsAlpinistBarn: number;
  /**
   * Nuclear interaction length λ_I in g/cm² (PDG "Atomic and nuclear properties of materials",
   * pdg.lbl.gov/2023/AtomicNuclearProperties, one page per element): σ_inel(pA) = A/(N_A λ_I).
   */
  nuclearInteractionLengthGPerCm2: number;
}

/**
 * physics.md §4.1 table; X₀ and λ_I from the PDG atomic and nuclear properties tables (2023 edition,
 * pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/<element>.html: beryllium_Be, carbon_graphite,
 * iron_Fe, copper_Cu, molybdenum_Mo, tungsten_W, gold_Au). Where each λ_I was checked, and against
 * what, is in NUCLEAR_INTERACTION_LENGTH_SOURCES below (docs/physics-model.md "σ_inel").
 */
export const TARGETS: Record<string, TargetMaterial> = {
  Be: { symbol: 'Be', z: 4, a: 9.012, radiationLengthGPerCm2: 65.19, sigmaAbsAlpinistBarn: 0.167, nuclearInteractionLengthGPerCm2: 77.8 },
  C: { symbol: 'C', z: 6, a: 12, radiationLengthGPerCm2: 42.7, sigmaAbsAlpinistBarn: 0.35, nuclearInteractionLengthGPerCm2: 85.8 },
  Fe: { symbol: 'Fe', z: 26, a: 56, radiationLengthGPerCm2: 13.84, sigmaAbsAlpinistBarn: 5.1, nuclearInteractionLengthGPerCm2: 132.1 },
  Cu: { symbol: 'Cu', z: 29, a: 63.546, radiationLengthGPerCm2: 12.86, sigmaAbsAlpinistBarn: 6.0, nuclearInteractionLengthGPerCm2: 137.3 },
  Mo: { symbol: 'Mo', z: 42, a: 95, radiationLengthGPerCm2: 9.8, sigmaAbsAlpinistBarn: 12.66, nuclearInteractionLengthGPerCm2: 155.9 },
  W: { symbol: 'W', z: 74, a: 183.84, radiationLengthGPerCm2: 6.76, sigmaAbsAlpinistBarn: 33.1, nuclearInteractionLengthGPerCm2: 191.9 },
  Au: { symbol: 'Au', z: 79, a: 197, radiationLengthGPerCm2: 6.46, sigmaAbsAlpinistBarn: 38.1, nuclearInteractionLengthGPerCm2: 196.3 },
};

/**
 * The page each λ_I is cited from and what it was checked against (issue 15 §1). The PDG pages
 * themselves could not be opened from this project's search tools; where a public code quotes the
 * same PDG value in cm, λ_I = (that length) × (PDG density) is given as the check. test/physics/
 * target-interaction-lengths.test.ts pins every λ_I of TARGETS to the number written here.
 */
export const NUCLEAR_INTERACTION_LENGTH_SOURCES: Record<string, { lambdaIGPerCm2: number; page: string; check: string }> = {
  Be: {
    lambdaIGPerCm2: 77.8,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/beryllium_Be.html',
    check: 'not re-read (PDG page unreachable); no independent copy found',
  },
  C: {
    lambdaIGPerCm2: 85.8,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/carbon_graphite.html',
    check: 'not re-read (PDG page unreachable); no independent copy found',
  },
  Fe: {
    lambdaIGPerCm2: 132.1,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/iron_Fe.html',
    check: '16.77 cm x 7.874 g/cm^3 = 132.05 g/cm^2 (FairShip-lineage shipgen/Pythia8Generator.cxx, SND-LHC/advsndsw 2326845: "Fe: nuclear lambda 16.77 cm")',
  },
  Cu: {
    lambdaIGPerCm2: 137.3,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/copper_Cu.html',
    check: '15.32 cm x 8.96 g/cm^3 = 137.27 g/cm^2 (a Geant4 calorimeter code: "copper absorber: 15.32 cm == 1 l_0")',
  },
  Mo: {
    lambdaIGPerCm2: 155.9,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/molybdenum_Mo.html',
    check:
      '15.25 cm x 10.22 g/cm^3 = 155.86 g/cm^2 (SND-LHC/advsndsw 2326845 shipgen/Pythia8Generator.cxx: "Mo: nuclear lambda 15.25 cm"; PDG density 10.22); the earlier 156.3 was meant as a log-log interpolation in A between Cu and W, which gives 155.85',
  },
  W: {
    lambdaIGPerCm2: 191.9,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/tungsten_W.html',
    check:
      '9.946 cm x 19.3 g/cm^3 = 191.96 g/cm^2 (same Pythia8Generator.cxx); 99.4 mm x 19.3 = 191.8 (an Acts-based tracking code quoting "the PDG values for W")',
  },
  Au: {
    lambdaIGPerCm2: 196.3,
    page: 'pdg.lbl.gov/2023/AtomicNuclearProperties/HTML/gold_Au.html',
    check: 'not re-read (PDG page unreachable); no independent copy found',
  },
};

export class UnknownTargetError extends PhysicsInputError {
  override name = 'UnknownTargetError';
}

/** Looks a target up by symbol (case-insensitive); the error lists the valid choices. */
export function targetByName(name: string): TargetMaterial {
  const key = Object.keys(TARGETS).find((k) => k.toLowerCase() === String(name).toLowerCase());
  if (!key) throw new UnknownTargetError(`unknown target '${name}': valid choices are ${Object.keys(TARGETS).join(', ')}`);
  return TARGETS[key];
}

/** A material given by name ('Au', 'cu', …) or directly. */
export function resolveTarget(target: string | TargetMaterial): TargetMaterial {
  return typeof target === 'string' ? targetByName(target) : target;
}

/** σ_pair ≈ (7/9) A/(N_A X₀) in barn (physics.md §4.1; Cu 6.38 b, Au 39.4 b). */
export function pairCrossSectionBarn(target: TargetMaterial): number {
  return ((7 / 9) * target.a) / (AVOGADRO_PER_MOL * target.radiationLengthGPerCm2) / 1e-24;
}

/**
 * Inelastic proton–nucleus cross section σ_inel = A/(N_A λ_I) in barn, with the PDG nuclear
 * interaction length (high-energy value, taken as energy independent from 30 to 800 GeV; Au 1.667 b,
 * Cu 0.769 b, Mo 1.012 b). The beam-photon Primakoff yield per POT and the bb̄ pairs per POT divide by it
 * (docs/physics-model.md "σ_inel").
 */
export function inelasticCrossSectionBarn(target: TargetMaterial): number {
  return target.a / (AVOGADRO_PER_MOL * target.nuclearInteractionLengthGPerCm2) / 1e-24;
}

export type SigmaAbsChoice = 'alpinist' | 'pair';

/** σ_abs in barn: ALPINIST XCOM values (default, used by the physics.md §4.3 reference yields) or the pair formula. */
export function photonAbsorptionCrossSectionBarn(target: TargetMaterial, choice: SigmaAbsChoice = 'alpinist'): number {
  return choice === 'pair' ? pairCrossSectionBarn(target) : target.sigmaAbsAlpinistBarn;
}

/** Helm skin thickness s = 0.9 fm (physics.md §4.2). */
export const HELM_SKIN_FM = 0.9;

/** Helm R₁ = √[(1.23 A^{1/3} − 0.6)² + (7/3)π²(0.52)² − 5s²] fm (physics.md §4.2; Au 6.72 fm). */
export function helmRadiusFm(target: TargetMaterial): number {
  const c = 1.23 * Math.cbrt(target.a) - 0.6;
  return Math.sqrt(c * c + (7 / 3) * Math.PI ** 2 * 0.52 ** 2 - 5 * HELM_SKIN_FM ** 2);
}

/** q²_max = (4.49/R₁)² in GeV², the first zero of j₁ (ALPINIST cut; physics.md §4.2; Au 0.0174 GeV²). */
export function helmQ2MaxGeV2(target: TargetMaterial): number {
  const r1 = helmRadiusFm(target) / HBAR_C_GEV_FM;
  return (4.49 / r1) ** 2;
}
