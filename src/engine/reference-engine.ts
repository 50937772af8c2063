/**
 * The float64 reference engine: the same algorithm and physics as the WGSL kernel, written
 * independently in plain TypeScript with float64 arithmetic and the standard library's expm1 and
 * log1p. Tests compare the two; it is also the engine of last resort where no WebGPU adapter
 * exists (slow: about 1e6–1e7 trials/s on one core).
 *
 * Deliberate differences from the shader, so that a shared mistake is unlikely:
 *  - the decay is built in a frame where the ALP moves along +z, boosted with the textbook
 *    formulas, then rotated onto the flight direction (the shader boosts along an orthonormal basis);
 *  - the decay probability uses expm1/log1p directly (the shader uses series and log-space f32).
 * Random numbers come from the same Philox4x32-10 streams, so with equal seeds the production
 * draws coincide; the decay azimuth convention differs, so events are statistically, not
 * individually, equal.
 */
import { HBAR_C_GEV_M } from '../physics/constants.ts';
import { productionYieldPerPot } from '../physics/production-table.ts';
import type { EventTable } from './event-table.ts';
import { MassAccumulator } from './event-table.ts';
import { massCounterWord, productionFor, validateJob, type EngineJob } from './job.ts';
import { DRAW_DECAY, DRAW_PRODUCTION, philox4x32, seedToKey, uniformOpen01 } from './philox.ts';
import { cumulativeBounds, samplingEdges, selectBin } from './production-sampling.ts';
import { LOG_WEIGHT_FLOOR } from './wgsl-constants.ts';
import { compileSelectionToReference, type TrialSelection } from './selection/compile-ts.ts';
import type { ReferenceEvent } from './selection/quantities.ts';
import { histogramCellCount, regionNames } from './selection/types.ts';
import { tallyCellIndex, tallyGeometry } from './tally-layout.ts';
import { finishTable, type EngineProgress } from './gpu-engine.ts';

type Vec3 = [number, number, number];

/** Rest-frame momentum of a two-body decay, p* = λ^½(M², m₀², m₁²)/(2M) (physics.md §0). */
export function twoBodyMomentumGeV(parentGeV: number, mass0GeV: number, mass1GeV: number): number {
  const a = parentGeV * parentGeV;
  const b = mass0GeV * mass0GeV;
  const c = mass1GeV * mass1GeV;
  const kallen = a * a + b * b + c * c - 2 * (a * b + a * c + b * c);
  return Math.sqrt(Math.max(kallen, 0)) / (2 * parentGeV);
}

/** Rotates a vector given in a frame whose z axis is `direction` (polar θ, azimuth φ) into the lab. */
function rotateFromFlightFrame(v: Vec3, cosTheta: number, sinTheta: number, cosPhi: number, sinPhi: number): Vec3 {
  // R = R_z(φ) R_y(θ): columns are the images of x̂, ŷ, ẑ.
  const x = cosTheta * v[0] + sinTheta * v[2];
  const z = -sinTheta * v[0] + cosTheta * v[2];
  return [cosPhi * x - sinPhi * v[1], sinPhi * x + cosPhi * v[1], z];
}

export interface ReferenceRunOptions {
  onProgress?: (progress: EngineProgress) => void;
  signal?: AbortSignal;
}

export function runReference(job: EngineJob, options: ReferenceRunOptions = {}): EventTable {
  validateJob(job);
  const regions = regionNames(job.selection);
  const widthCount = job.widthsGeV.length;
  // Tally cells per (mass, width): the regions, then the histogram cells (if any), as on the GPU.
  const tally = tallyGeometry(widthCount, { regionCount: regions.length, histogramCellCount: histogramCellCount(job.selection) });
  const cellsPerWidth = tally.cellsPerWidth;
  const selection = compileSelectionToReference(job.selection, job.geometry.ecalZM);
  const key = seedToKey(job.seed);
  const geometry = job.geometry;
  const [originX, originY, originZ] = geometry.originM;
  const cosAxis = Math.cos(geometry.axisAngleRad);
  const sinAxis = Math.sin(geometry.axisAngleRad);
  const startAlongAxis = Math.max(geometry.fiducialStartZM - originZ, 0);
  const endAlongAxis = geometry.fiducialEndZM - originZ;
  const [mass0, mass1] = job.channel.daughterMassesGeV;
  const widthOverHbarC = job.widthsGeV.map((width) => width / HBAR_C_GEV_M);

  const efficiency = new Float64Array(job.massesGeV.length * widthCount * cellsPerWidth);
  const efficiencyError = new Float64Array(efficiency.length);
  const yieldPerPot: number[] = [];
  const trialsTotal = job.massesGeV.length * job.samplesPerMass * widthCount;
  const started = performance.now();
  let trialsDone = 0;

  const event: ReferenceEvent = {
    hit: [
      [0, 0],
      [0, 0],
    ],
    slope: [
      [0, 0],
      [0, 0],
    ],
    energy: [0, 0],
    forward: [false, false],
    vertex: [0, 0, 0],
    daughterMassGeV: [mass0, mass1],
  };
  const selected: TrialSelection = { region: -1, cell: -1 };

  job.massesGeV.forEach((massGeV, massIndex) => {
    const table = productionFor(job, massIndex);
    const massWord = massCounterWord(job, massIndex);
    yieldPerPot.push(productionYieldPerPot(table));
    const { bounds, searchLength } = cumulativeBounds(table);
    const energyEdges = samplingEdges(table.energyEdgesGeV, table.energyAxisLog);
    const thetaEdges = samplingEdges(table.thetaEdgesRad, table.thetaAxisLog);
    const thetaBins = thetaEdges.length - 1;
    const accumulator = new MassAccumulator(widthCount, cellsPerWidth);
    const pStar = twoBodyMomentumGeV(massGeV, mass0, mass1);
    const eStar: [number, number] = [Math.hypot(pStar, mass0), Math.hypot(pStar, mass1)];

    for (let sample = 0; sample < job.samplesPerMass; sample++) {
      if ((sample & 0xffff) === 0 && options.signal?.aborted) throw new Error('run stopped before it finished; no table was produced');
      const production = philox4x32([sample, massWord, DRAW_PRODUCTION, 0], key);
      const decay = philox4x32([sample, massWord, DRAW_DECAY, 0], key);
      const bin = selectBin(bounds, searchLength, production[0]);
      const energyBin = Math.floor(bin / thetaBins);
      const thetaBin = bin % thetaBins;
      const lerp = (edges: Float64Array, index: number, u: number) => edges[index] + (edges[index + 1] - edges[index]) * u;
      let energy = lerp(energyEdges, energyBin, uniformOpen01(production[1]));
      if (table.energyAxisLog) energy = Math.exp(energy);
      let theta = lerp(thetaEdges, thetaBin, uniformOpen01(production[2]));
      if (table.thetaAxisLog) theta = Math.exp(theta);
      const phi = 2 * Math.PI * uniformOpen01(production[3]);
      const momentum = Math.sqrt((energy - massGeV) * (energy + massGeV));
      if (!(momentum > 0)) continue;

      // Flight direction: production frame, then about x by the detector-axis angle.
      const beamFrame: Vec3 = [Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)];
      const direction: Vec3 = [beamFrame[0], beamFrame[1] * cosAxis - beamFrame[2] * sinAxis, beamFrame[1] * sinAxis + beamFrame[2] * cosAxis];
      if (!(direction[2] > 0)) continue;
      const dirCosTheta = direction[2];
      const dirSinTheta = Math.hypot(direction[0], direction[1]);
      const dirPhi = Math.atan2(direction[1], direction[0]);
      const dirCosPhi = Math.cos(dirPhi);
      const dirSinPhi = Math.sin(dirPhi);

      // Rest-frame decay with the ALP along +z, boost along z, rotate onto the flight direction.
      const cosStar = 2 * uniformOpen01(decay[0]) - 1;
      const sinStar = Math.sqrt(Math.max(0, 1 - cosStar * cosStar));
      const phiStar = 2 * Math.PI * uniformOpen01(decay[1]);
      const gamma = energy / massGeV;
      const betaGamma = momentum / massGeV;
      for (const index of [0, 1] as const) {
        const sign = index === 0 ? 1 : -1;
        const px = sign * pStar * sinStar * Math.cos(phiStar);
        const py = sign * pStar * sinStar * Math.sin(phiStar);
        const pz = sign * pStar * cosStar;
        const labPz = gamma * pz + betaGamma * eStar[index];
        const labE = gamma * eStar[index] + betaGamma * pz;
        const lab = rotateFromFlightFrame([px, py, labPz], dirCosTheta, dirSinTheta, dirCosPhi, dirSinPhi);
        event.energy[index] = labE;
        event.forward[index] = lab[2] > 0;
        event.slope[index][0] = event.forward[index] ? lab[0] / lab[2] : 0;
        event.slope[index][1] = event.forward[index] ? lab[1] / lab[2] : 0;
      }

      const uPosition = uniformOpen01(decay[2]);
      const l1 = startAlongAxis / direction[2];
      const l2 = endAlongAxis / direction[2];
      const inverseBetaGamma = massGeV / momentum;
      for (let w = 0; w < widthCount; w++) {
        const inverseDecayLength = widthOverHbarC[w] * inverseBetaGamma;
        // P = e^{−l₁/λ} (1 − e^{−(l₂−l₁)/λ}) with 1 − e^{−b} = −expm1(−b) (physics.md §7.1).
        const decayFraction = -Math.expm1(-(l2 - l1) * inverseDecayLength);
        const logWeight = -l1 * inverseDecayLength + Math.log(decayFraction);
        if (!(logWeight > LOG_WEIGHT_FLOOR)) continue;
        // l = l₁ − λ ln(1 − u (1 − e^{−(l₂−l₁)/λ})) via log1p.
        const path = l1 - Math.log1p(-uPosition * decayFraction) / inverseDecayLength;
        const vx = originX + direction[0] * path;
        const vy = originY + direction[1] * path;
        const vz = originZ + direction[2] * path;
        const toEcal = geometry.ecalZM - vz;
        event.vertex[0] = vx;
        event.vertex[1] = vy;
        event.vertex[2] = vz;
        for (const index of [0, 1] as const) {
          event.hit[index][0] = vx + event.slope[index][0] * toEcal;
          event.hit[index][1] = vy + event.slope[index][1] * toEcal;
        }
        selection.selectTrial(event, selected);
        if (selected.region >= 0) accumulator.addLogWeight(tallyCellIndex(tally, w, 'region', selected.region), logWeight);
        if (selected.cell >= 0) accumulator.addLogWeight(tallyCellIndex(tally, w, 'histogram', selected.cell), logWeight);
      }
      trialsDone += widthCount;
      if (options.onProgress && (sample & 0xfffff) === 0xfffff) {
        options.onProgress({
          massIndex,
          massCount: job.massesGeV.length,
          massGeV,
          samplesDoneThisMass: sample + 1,
          samplesPerMass: job.samplesPerMass,
          trialsDone,
          trialsTotal,
          elapsedSeconds: (performance.now() - started) / 1000,
        });
      }
    }
    accumulator.finish(job.samplesPerMass, efficiency, efficiencyError, massIndex);
  });

  return finishTable(job, regions, yieldPerPot, { efficiency, efficiencyError }, { kind: 'reference', adapter: 'float64 reference (TypeScript, CPU)' });
}
