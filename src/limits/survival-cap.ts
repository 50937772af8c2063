/**
 * The survival cap: the total width above which no ALP of a scenario reaches its decay volume
 * (docs/limits.md §2a). Every coupling-model ALP is made in the target (meson photons, beam photons,
 * meson mixing), travels at least L₀ = fiducial.startZM − originM[z] to the decay volume, and has
 * momentum p < E_beam. Its survival probability to L₀ is
 *
 *   P_surv = exp(−L₀ m Γ / (p ħc)) < exp(−L₀ m Γ / (E_beam ħc)),
 *
 * so for Γ ≥ Γ_cap(m) = K E_beam ħc / (m L₀) every ALP survives with probability < e^{−K}.
 * With K = 100 (e^{−100} ≈ 4e-44) no exposure (≤ 1e30 POT, the schema's cap) times any yield
 * scale reachable by the coupling axis (g ≤ 1e3 GeV⁻¹) gives 1e-10 of an event: past Γ_cap the
 * experiment sees nothing, whatever the tables say. Limits use it twice: the engine's width grid
 * stops there (src/app/run-limits.ts), and a width above both the tables and Γ_cap has zero
 * signal (rescale.ts) instead of 'unknown', so upper edges close. Browser-safe.
 */
import { HBAR_C_GEV_M } from '../physics/constants.ts';
import { totalWidthGeV } from '../physics/index.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { modelAtCoupling, type LimitsModel } from './model.ts';

/** Survival exponent K at the cap: P_surv < e^{−K}. */
export const SURVIVAL_CAP_EXPONENT = 100;

/** ln(Γ_cap · m) in ln(GeV²): Γ_cap(m) = exp(this − ln m). +Infinity when the decay volume starts at the production point (no cap). */
export function logSurvivalCapWidthTimesMass(scenario: Pick<Scenario, 'beam' | 'detector'>): number {
  const distanceM = scenario.detector.fiducial.startZM - scenario.detector.originM[2];
  if (!(distanceM > 0)) return Number.POSITIVE_INFINITY;
  return Math.log((SURVIVAL_CAP_EXPONENT * scenario.beam.energyGeV * HBAR_C_GEV_M) / distanceM);
}

/** Γ_cap(m) in GeV: above it every ALP of the scenario decays before its decay volume (P_surv < e^{−100}). */
export function survivalCapWidthGeV(scenario: Pick<Scenario, 'beam' | 'detector'>, massGeV: number): number {
  return Math.exp(logSurvivalCapWidthTimesMass(scenario) - Math.log(massGeV));
}

/** The coupling (GeV⁻¹, the model's axis) where Γ_tot(m, g) = Γ_cap(m): the highest coupling the scenario can see at m. */
export function survivalCapCouplingPerGeV(scenario: Pick<Scenario, 'beam' | 'detector'>, model: LimitsModel, massGeV: number): number {
  const unitWidth = totalWidthGeV(modelAtCoupling(model, 1), massGeV);
  return Math.sqrt(survivalCapWidthGeV(scenario, massGeV) / unitWidth);
}
