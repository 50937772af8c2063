/**
 * KOTO π0-hypothesis vertex reconstruction in float64 (physics.md §7.3; KOTO arXiv:2303.01521
 * §III.3). Twin of shaders/koto-reconstruction.wgsl.
 *
 * The two clusters at (x_i, y_i) on the ECAL with energies E_i are assumed to come from a π0 on
 * the beam axis a distance d upstream. cos θ_π = 1 − m_π²/(2E₀E₁); requiring the angle between
 * (x₀, y₀, d) and (x₁, y₁, d) to be θ_π gives S u² − B u − C = 0 in u = d², S = sin²θ_π:
 *   B = D² − S (r₀² + r₁²),  Δ = B² + S [4 r₀² r₁² cos²θ_π − (r₀² + r₁² − D²)²],
 *   d = √((B + √Δ) / (2S)).
 */
import { MASS_GEV } from '../../physics/constants.ts';

export interface KotoReco {
  distanceM: number;
  zVtxM: number;
  pTGeV: number;
  rCoeM: number;
  thetaCaloDeg: number;
  eTheta0: number;
  eTheta1: number;
}

const DEGREES_PER_RAD = 180 / Math.PI;

/** Returns null where the π0 hypothesis has no solution (m²/(E₀E₁) > 4, Δ < 0, or B + √Δ ≤ 0). */
export function kotoReconstruct(
  hit0: readonly [number, number],
  hit1: readonly [number, number],
  energy0GeV: number,
  energy1GeV: number,
  ecalZM: number,
  zVertexOriginM: number,
): KotoReco | null {
  const pionMass = MASS_GEV.pi0;
  const r0sq = hit0[0] * hit0[0] + hit0[1] * hit0[1];
  const r1sq = hit1[0] * hit1[0] + hit1[1] * hit1[1];
  const dx = hit0[0] - hit1[0];
  const dy = hit0[1] - hit1[1];
  const separationSq = dx * dx + dy * dy;
  const oneMinusCos = (pionMass * pionMass) / (2 * energy0GeV * energy1GeV);
  if (!(oneMinusCos <= 2)) return null;
  const cosOpening = 1 - oneMinusCos;
  const sinSq = oneMinusCos * (2 - oneMinusCos);
  if (!(sinSq > 0)) return null;
  const rSum = r0sq + r1sq;
  const b = separationSq - sinSq * rSum;
  const twiceDot = rSum - separationSq;
  const discriminant = b * b + sinSq * (4 * r0sq * r1sq * cosOpening * cosOpening - twiceDot * twiceDot);
  if (discriminant < 0) return null;
  const numerator = b + Math.sqrt(discriminant);
  if (!(numerator > 0)) return null;
  const distanceM = Math.sqrt(numerator / (2 * sinSq));

  const energySum = energy0GeV + energy1GeV;
  const coeX = (energy0GeV * hit0[0] + energy1GeV * hit1[0]) / energySum;
  const coeY = (energy0GeV * hit0[1] + energy1GeV * hit1[1]) / energySum;
  const rCoeM = Math.hypot(coeX, coeY);
  const momentum = Math.sqrt(Math.max(energySum * energySum - pionMass * pionMass, 0));
  const r0 = Math.sqrt(r0sq);
  const r1 = Math.sqrt(r1sq);
  const cosCalo = Math.min(1, Math.max(-1, twiceDot / Math.max(2 * r0 * r1, 1e-30)));
  return {
    distanceM,
    zVtxM: ecalZM - distanceM - zVertexOriginM,
    pTGeV: (momentum * rCoeM) / Math.hypot(rCoeM, distanceM),
    rCoeM,
    thetaCaloDeg: Math.acos(cosCalo) * DEGREES_PER_RAD,
    eTheta0: energy0GeV * Math.atan2(r0, distanceM) * DEGREES_PER_RAD,
    eTheta1: energy1GeV * Math.atan2(r1, distanceM) * DEGREES_PER_RAD,
  };
}
