/**
 * The meson → ALP map of ALPINIST's mixing production (ALP_production/modes/mixing.py, v1.3.0 and
 * v1.4.0), written anew to show its defect: for an ALP of lab energy E_a at lab angle θ_a, the parent
 * meson's lab momentum follows from a one-dimensional boost of |p| with the frame's (γ, β),
 *   p* = γ p_a − γβ E_a,   p_P = γ p* + γβ √(p*² + m_P²),   sin θ_P = sin θ_a · p_a / p_P,
 * and the ALP gets the meson density at (E_P, θ_P); sin θ_P > 1 means no parent, weight 0.
 * v1.3.0 boosts with the beam proton's velocity (γ = E_beam/m_p ≈ 32 at 30 GeV), v1.4.0 with the
 * pp centre of mass (pp_beta: γ = √((E_beam + m_p)/(2 m_p)) ≈ 4.05).
 */
import { MASS_GEV } from '../../src/physics/constants.ts';

export interface BoostFrame { gamma: number; beta: number }

/** v1.3.0: the beam proton at `beamMomentumGeV`. */
export function beamProtonFrame(beamMomentumGeV: number): BoostFrame {
  const energy = Math.hypot(beamMomentumGeV, MASS_GEV.proton);
  const beta = beamMomentumGeV / energy;
  return { beta, gamma: 1 / Math.sqrt(1 - beta * beta) };
}

/** v1.4.0: the pp centre of mass (beam on a proton at rest). */
export function ppCentreOfMassFrame(beamMomentumGeV: number): BoostFrame {
  const beta = beamMomentumGeV / (Math.hypot(beamMomentumGeV, MASS_GEV.proton) + MASS_GEV.proton);
  return { beta, gamma: 1 / Math.sqrt(1 - beta * beta) };
}

/** The parent meson's lab angle for an ALP (E_a, θ_a), or null where the map has no parent (weight 0). */
export function parentMesonAngleRad(frame: BoostFrame, alpEnergyGeV: number, alpThetaRad: number, alpMassGeV: number, mesonMassGeV: number): number | null {
  if (!(alpEnergyGeV > alpMassGeV)) return null;
  const { gamma, beta } = frame;
  const pA = Math.sqrt(alpEnergyGeV ** 2 - alpMassGeV ** 2);
  const pStar = gamma * pA - gamma * beta * alpEnergyGeV;
  const pMeson = gamma * pStar + gamma * beta * Math.sqrt(pStar ** 2 + mesonMassGeV ** 2);
  const sine = Math.abs((Math.sin(alpThetaRad) * pA) / Math.max(pMeson, 1e-6));
  return sine <= 1 ? Math.asin(sine) : null;
}

/** Fraction of ALP energies (log grid over [lo, hi] GeV) at θ_a whose parent exists. */
export function mappedFraction(frame: BoostFrame, alpThetaRad: number, alpMassGeV: number, mesonMassGeV: number, energyRangeGeV: [number, number], count = 200): number {
  let mapped = 0;
  for (let i = 0; i < count; i++) {
    const energy = energyRangeGeV[0] * (energyRangeGeV[1] / energyRangeGeV[0]) ** ((i + 0.5) / count);
    if (parentMesonAngleRad(frame, energy, alpThetaRad, alpMassGeV, mesonMassGeV) !== null) mapped++;
  }
  return mapped / count;
}
