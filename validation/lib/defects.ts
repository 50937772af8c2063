/**
 * The two ALPINIST v1.3.0 defects (docs/validation.md "ALPINIST defects"), computed from the frozen
 * ALPINIST subsets and alpenglow's production library. Shared by validation/scripts/alpinist-defects.ts
 * and test/validation/alpinist-defects.test.ts.
 */
import { buildProductionTable } from '../../src/physics/production.ts';
import { MASS_GEV } from '../../src/physics/constants.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { scenarioProductionSetup } from '../../src/scenarios/compile.ts';
import { beamProtonFrame, mappedFraction, ppCentreOfMassFrame } from './alpinist-mixing-map.ts';

/** KOTO Step 1: the K_L beam line leaves the target at 16° (arXiv:2303.01521). */
export const KOTO_ANGLE_RAD = (16 * Math.PI) / 180;
/** ALP energies that can pass the KOTO photon cuts (E₁ + E₂ > 0.65 GeV, E_i < 2 GeV). */
export const KOTO_ALP_ENERGY_GEV: [number, number] = [0.65, 4];
export const KOTO_BEAM_GEV = 30;

/** Fraction of KOTO ALP energies at 16° that the mixing map gives a π0 parent, v1.3.0 (beam frame) and v1.4.0 (pp CM). */
export function mixingMapFractions(massGeV: number): { v130: number; v140: number } {
  return {
    v130: mappedFraction(beamProtonFrame(KOTO_BEAM_GEV), KOTO_ANGLE_RAD, massGeV, MASS_GEV.pi0, KOTO_ALP_ENERGY_GEV),
    v140: mappedFraction(ppCentreOfMassFrame(KOTO_BEAM_GEV), KOTO_ANGLE_RAD, massGeV, MASS_GEV.pi0, KOTO_ALP_ENERGY_GEV),
  };
}

/** alpenglow's π0-mixing ALPs per POT (reference coupling) in the scenario's angle range. */
export function alpenglowPi0MixingYield(scenario: Scenario, massGeV: number): number {
  return buildProductionTable({ mode: 'mixing-pi0', massGeV, ...scenarioProductionSetup(scenario) }).yieldPerPot;
}

/** alpenglow's Primakoff yield from meson-decay photons per POT (g_aγγ = 1/GeV) in the scenario's angle range. */
export function alpenglowMesonPhotonYield(scenario: Scenario, massGeV: number): number {
  return buildProductionTable({ mode: 'primakoff-meson-photons', massGeV, ...scenarioProductionSetup(scenario) }).yieldPerPot;
}

/** The frozen v1.3.0 table value at the tabulated mass nearest to massGeV. */
export function nearestTabulated(massGeVEvents: number[][], massGeV: number): [number, number] {
  return massGeVEvents.reduce((a, b) => (Math.abs(Math.log(b[0] / massGeV)) < Math.abs(Math.log(a[0] / massGeV)) ? b : a)) as [number, number];
}
