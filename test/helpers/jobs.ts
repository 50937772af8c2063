/** Engine jobs shared by the engine tests. */
import type { EngineJob } from '../../src/engine/job.ts';
import { monoenergeticTable } from '../../src/engine/toy-production.ts';

// The KOTO-like toy job and selection are the engine self-check's (src/engine/cross-check.ts), so the
// tests and `alpenglow check` on a GPU node run the same jobs.
export { KOTO_LIKE_SELECTION, kotoLikeJob, PHOTONS } from '../../src/engine/cross-check.ts';
import { PHOTONS } from '../../src/engine/cross-check.ts';

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
