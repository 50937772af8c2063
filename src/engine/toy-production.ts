/**
 * Synthetic production tables for engine tests and the built-in demo, until (and besides) the
 * physics production modes of src/physics. They are not physics: exponential energy spectra and
 * p_T-like angular spectra with the overall yield chosen by the caller.
 */
import type { ProductionTable } from '../physics/production-table.ts';

/** Mono-energetic ALPs along the beam: one bin [E, E(1 + 1e-6)] × [0, 1e-9 rad]. */
export function monoenergeticTable(massGeV: number, energyGeV: number, yieldPerPot = 1): ProductionTable {
  return {
    massGeV,
    mode: 'toy-monoenergetic',
    energyEdgesGeV: [energyGeV, energyGeV * (1 + 1e-6)],
    thetaEdgesRad: [0, 1e-9],
    energyAxisLog: false,
    thetaAxisLog: false,
    binContent: [yieldPerPot],
    referenceCoupling: 'arbitrary (toy)',
  };
}

export interface ToySpectrum {
  /** Highest ALP energy, GeV (the beam energy). */
  maxEnergyGeV: number;
  /** Slope of the exponential energy spectrum, GeV. */
  meanEnergyGeV: number;
  /** Typical transverse momentum, GeV: θ density ∝ θ exp(−E θ / pT) averaged over E. */
  typicalPtGeV: number;
  /** Angular range of the table, rad. */
  thetaMaxRad: number;
  energyBins?: number;
  thetaBins?: number;
  yieldPerPot?: number;
}

/** A smooth beam-dump-like (E, θ) table with log-spaced energy bins and linear angle bins. */
export function toyBeamDumpTable(massGeV: number, spectrum: ToySpectrum): ProductionTable {
  const energyBins = spectrum.energyBins ?? 40;
  const thetaBins = spectrum.thetaBins ?? 40;
  const lowEnergy = Math.max(massGeV * 1.001, Math.min(0.5, spectrum.maxEnergyGeV / 10));
  const energyEdges = Array.from({ length: energyBins + 1 }, (_, i) => lowEnergy * (spectrum.maxEnergyGeV / lowEnergy) ** (i / energyBins));
  const thetaEdges = Array.from({ length: thetaBins + 1 }, (_, i) => (spectrum.thetaMaxRad * i) / thetaBins);
  const content = new Float64Array(energyBins * thetaBins);
  let total = 0;
  for (let e = 0; e < energyBins; e++) {
    const energy = Math.sqrt(energyEdges[e] * energyEdges[e + 1]);
    const energyWeight = Math.exp(-energy / spectrum.meanEnergyGeV) * (energyEdges[e + 1] - energyEdges[e]);
    const thetaScale = spectrum.typicalPtGeV / energy;
    for (let t = 0; t < thetaBins; t++) {
      const theta = 0.5 * (thetaEdges[t] + thetaEdges[t + 1]);
      const value = energyWeight * theta * Math.exp(-theta / thetaScale) * (thetaEdges[t + 1] - thetaEdges[t]);
      content[e * thetaBins + t] = value;
      total += value;
    }
  }
  const yieldPerPot = spectrum.yieldPerPot ?? 1e-6;
  for (let i = 0; i < content.length; i++) content[i] *= yieldPerPot / total;
  return {
    massGeV,
    mode: 'toy-beam-dump',
    energyEdgesGeV: energyEdges,
    thetaEdgesRad: thetaEdges,
    energyAxisLog: true,
    thetaAxisLog: false,
    binContent: content,
    referenceCoupling: 'arbitrary (toy)',
  };
}
