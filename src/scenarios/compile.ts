/**
 * Scenario (validated data) → what the engine runs: detector geometry, selection and decay
 * channel. Pure and browser-safe; the same compiled selection feeds the WGSL generator and the
 * float64 reference, so both engines see one definition of the experiment.
 */
import type { DecayChannel, DetectorGeometry } from '../engine/job.ts';
import type { Area, Selection, Shape } from '../engine/selection/types.ts';
import { MASS_GEV } from '../physics/constants.ts';
import type { ProductionRequest, TableProductionMode } from '../physics/production.ts';
import type { Scenario, ScenarioChannel } from './schema.ts';

export interface CompiledScenario {
  geometry: DetectorGeometry;
  selection: Selection;
  channel: DecayChannel;
}

/** Daughter masses of each visible channel (physics.md §0 masses). */
export const CHANNELS: Readonly<Record<ScenarioChannel, DecayChannel>> = {
  gammaGamma: { name: 'gamma gamma', daughterMassesGeV: [0, 0] },
  electronPair: { name: 'e+ e-', daughterMassesGeV: [MASS_GEV.electron, MASS_GEV.electron] },
  muonPair: { name: 'mu+ mu-', daughterMassesGeV: [MASS_GEV.muon, MASS_GEV.muon] },
};

/** The physics-library name of each channel's branching ratio (src/physics/widths.ts). */
export const CHANNEL_BRANCHING: Readonly<Record<ScenarioChannel, 'gammaGamma' | 'ee' | 'mumu'>> = {
  gammaGamma: 'gammaGamma',
  electronPair: 'ee',
  muonPair: 'mumu',
};

export function ecalArea(ecal: Scenario['detector']['ecal']): Area {
  let include: Shape;
  if (ecal.radiusM !== undefined) include = { type: 'disc', radius: ecal.radiusM };
  else if (ecal.halfWidthsM !== undefined) {
    const [hx, hy] = ecal.halfWidthsM;
    include = { type: 'box', xMin: -hx, xMax: hx, yMin: -hy, yMax: hy };
  } else include = { type: 'polygon', vertices: ecal.verticesM!.map(([x, y]) => [x, y] as [number, number]) };
  return { include, exclude: ecal.holes ?? [] };
}

export function compileScenario(scenario: Scenario): CompiledScenario {
  const { detector } = scenario;
  const geometry: DetectorGeometry = {
    originM: [...detector.originM],
    axisAngleRad: (detector.axisAngleDeg * Math.PI) / 180,
    fiducialStartZM: detector.fiducial.startZM,
    fiducialEndZM: detector.fiducial.endZM,
    ecalZM: detector.ecal.zM,
  };
  const selection: Selection = {
    acceptance: { area: ecalArea(detector.ecal), productsRequired: detector.ecal.productsRequired },
    reconstruction: scenario.reconstruction ? { type: 'koto-pi0', zVertexOriginM: scenario.reconstruction.zVertexOriginM } : undefined,
    cuts: scenario.cuts.map(({ quantity, min, max }) => ({ quantity, min, max })),
    regions: scenario.regions.map(({ name, x, y, area }) => ({ name, x, y, area })),
  };
  const spectrometer = scenario.spectrometer;
  if (spectrometer) {
    const { zM, lengthM, fieldT } = spectrometer.magnet;
    const beam = spectrometer.beamLine;
    selection.spectrometer = {
      magnet: { zM, lengthM, fieldT },
      chambers: spectrometer.chambers.map(({ name, zM: z, radiusMinM, radiusMaxM }) => ({ name, zM: z, radiusMinM, radiusMaxM })),
      beamLine: { zM: beam.zM, xM: beam.xM, yM: beam.yM, slopeX: beam.slopeX ?? 0, slopeY: beam.slopeY ?? 0 },
    };
  }
  return { geometry, selection, channel: CHANNELS[scenario.channel] };
}

/** Beam, target and the (θ, E) ranges the production tables of a scenario cover. */
export function scenarioProductionSetup(
  scenario: Scenario,
): Pick<ProductionRequest, 'beamEnergyGeV' | 'thetaRangeRad' | 'energyRangeGeV'> & { target: string } {
  const { beam, production } = scenario;
  return {
    beamEnergyGeV: beam.energyGeV,
    target: beam.target,
    thetaRangeRad: [production.thetaRangeRad[0], production.thetaRangeRad[1]],
    energyRangeGeV: production.energyRangeGeV ? [production.energyRangeGeV[0], production.energyRangeGeV[1]] : undefined,
  };
}

/**
 * The production-table request of a scenario for one mode and mass. Every consumer (CLI, grid,
 * web) builds its tables through this, so a table made in one place is the table made in another.
 */
export function scenarioProductionRequest(scenario: Scenario, mode: TableProductionMode, massGeV: number): ProductionRequest {
  return { mode, massGeV, ...scenarioProductionSetup(scenario) };
}
