/** Engine jobs shared by the engine tests. */
import type { EngineJob } from '../../src/engine/job.ts';
import type { Selection } from '../../src/engine/selection/types.ts';
import { logSpaced } from '../../src/engine/job.ts';
import { monoenergeticTable, toyBeamDumpTable } from '../../src/engine/toy-production.ts';

export const PHOTONS = { name: 'gamma gamma', daughterMassesGeV: [0, 0] as [number, number] };

/** KOTO Step 2 geometry (physics.md §7.2) with every kind of cut the engine supports. */
export const KOTO_LIKE_SELECTION: Selection = {
  acceptance: {
    productsRequired: 2,
    area: { include: { type: 'disc', radius: 1.5 }, exclude: [{ type: 'box', xMin: -0.1, xMax: 0.1, yMin: -0.1, yMax: 0.1 }] },
  },
  reconstruction: { type: 'koto-pi0', zVertexOriginM: 44 },
  cuts: [
    { quantity: 'product.energyGeV', min: 0.1 },
    { quantity: 'product.radiusM', max: 1.35 },
    { quantity: 'product.minAbsXYM', min: 0.05 },
    { quantity: 'pair.separationM', min: 0.3 },
    { quantity: 'pair.energySumGeV', min: 0.5 },
    { quantity: 'pair.energyRatio', min: 0.05 },
    { quantity: 'koto.thetaCaloDeg', max: 150 },
    { quantity: 'koto.zVtxM', min: 1.75, max: 15 },
  ],
  regions: [
    { name: 'signal pT > 0.4', x: 'koto.zVtxM', y: 'koto.pTGeV', area: { include: { type: 'box', xMin: 1.75, xMax: 15, yMin: 0.4, yMax: 100 } } },
    { name: 'low pT (polygon)', x: 'koto.zVtxM', y: 'koto.pTGeV', area: { include: { type: 'polygon', vertices: [[1.75, 0], [15, 0], [15, 0.4], [1.75, 0.25]] } } },
  ],
};

export function kotoLikeJob(overrides: Partial<EngineJob> = {}): EngineJob {
  return {
    label: 'koto-like toy',
    channel: PHOTONS,
    // Axis 20 mrad off the beam: exercises the frame rotation while keeping enough ALPs in acceptance.
    geometry: { originM: [0, 0, 0], axisAngleRad: 0.02, fiducialStartZM: 45.75, fiducialEndZM: 64, ecalZM: 64 },
    selection: KOTO_LIKE_SELECTION,
    massesGeV: [0.1, 0.3],
    widthsGeV: logSpaced(1e-20, 1e-14, 7),
    samplesPerMass: 20000,
    seed: 11,
    production: (massGeV) => toyBeamDumpTable(massGeV, { maxEnergyGeV: 30, meanEnergyGeV: 5, typicalPtGeV: 0.06, thetaMaxRad: 0.08 }),
    ...overrides,
  };
}

/** ALPs of one energy along the detector axis, no detector: every decay in the volume counts. */
export function decayOnlyJob(massesGeV: number[], energyGeV: number, widthsGeV: number[], samplesPerMass: number): EngineJob {
  return {
    label: 'decay only',
    channel: PHOTONS,
    geometry: { originM: [0, 0, 0], axisAngleRad: 0, fiducialStartZM: 45.75, fiducialEndZM: 64, ecalZM: 64 },
    selection: { cuts: [], regions: [] },
    massesGeV,
    widthsGeV,
    samplesPerMass,
    seed: 5,
    production: (massGeV) => monoenergeticTable(massGeV, energyGeV),
  };
}
