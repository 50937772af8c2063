/**
 * The spectrometer block inside the Monte Carlo kernel (WGSL) and the float64 reference engine:
 * dilepton kinematics of a → ℓ⁺ℓ⁻ against analytic values (momentum balance, pair mass, TAX pointing,
 * the opening-angle distribution), and the two engines against each other on the NA62 scenarios.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import type { Spectrometer } from '../../src/engine/charged-tracks.ts';
import { runOnGpu } from '../../src/engine/gpu-engine.ts';
import { logSpaced, type EngineJob } from '../../src/engine/job.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { runReference } from '../../src/engine/reference-engine.ts';
import type { Cut, Selection } from '../../src/engine/selection/types.ts';
import type { EventTable } from '../../src/engine/event-table.ts';
import { buildBAlpTable } from '../../src/physics/b-meson-production.ts';
import { MASS_GEV } from '../../src/physics/constants.ts';
import type { ProductionTable } from '../../src/physics/production-table.ts';
import { openingAngleRad, twoBodyDecayInLab } from '../../src/physics/track-kinematics.ts';
import { compileScenario } from '../../src/scenarios/compile.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { testDevice } from '../helpers/gpu.ts';

let acquired: AcquiredDevice;
beforeAll(async () => {
  acquired = await testDevice();
});

/** NA62 dipole and TAX beam line (physics.md §8.3); no chambers, so every forward pair is kept. */
const OPEN_SPECTROMETER: Spectrometer = {
  magnet: { zM: 197.0, lengthM: 1.3, fieldT: 0.6928 },
  chambers: [],
  beamLine: { zM: 23.07, xM: 0, yM: -0.022 },
};
const GEOMETRY = { originM: [0, -0.022, 23.07] as [number, number, number], axisAngleRad: 0, fiducialStartZM: 102, fiducialEndZM: 182, ecalZM: 241.495 };

/** ALPs of one energy (1e-6 relative spread) at 1–2 mrad from the beam (so the TAX pointing is defined). */
function narrowTable(massGeV: number, energyGeV: number): ProductionTable {
  return {
    massGeV,
    mode: 'test',
    energyEdgesGeV: [energyGeV, energyGeV * (1 + 1e-6)],
    thetaEdgesRad: [0.001, 0.002],
    energyAxisLog: false,
    thetaAxisLog: false,
    binContent: [1],
    referenceCoupling: 'test',
  };
}

function job(selection: Selection, leptonMass: number, massGeV: number, energyGeV: number, samples: number, seed: number): EngineJob {
  return {
    label: 'na62 tracks',
    geometry: GEOMETRY,
    selection,
    channel: { name: 'l+ l-', daughterMassesGeV: [leptonMass, leptonMass] },
    massesGeV: [massGeV],
    widthsGeV: [1e-17, 1e-16],
    samplesPerMass: samples,
    seed,
    production: (m) => narrowTable(m, energyGeV),
  };
}

const withCuts = (cuts: Cut[]): Selection => ({ spectrometer: OPEN_SPECTROMETER, cuts, regions: [] });

async function bothEngines(j: EngineJob): Promise<[EventTable, EventTable]> {
  return [await runOnGpu(acquired, j, nodeShaderSources()), runReference(j)];
}

describe.each([
  { channel: 'e+e-', leptonMass: MASS_GEV.electron, massGeV: 0.3, energyGeV: 50 },
  { channel: 'mu+mu-', leptonMass: MASS_GEV.muon, massGeV: 0.5, energyGeV: 80 },
])('a → $channel in the engine (m_a = $massGeV GeV, E_a = $energyGeV GeV)', ({ leptonMass, massGeV, energyGeV }) => {
  const momentum = Math.sqrt(energyGeV ** 2 - massGeV ** 2);

  it('momentum balance: every pair has the ALP mass and momentum and points back to the TAX (both engines)', async () => {
    const open = job(withCuts([]), leptonMass, massGeV, energyGeV, 20000, 3);
    const balanced = job(
      withCuts([
        { quantity: 'track.pairMassGeV', min: massGeV * (1 - 1e-4), max: massGeV * (1 + 1e-4) },
        { quantity: 'track.totalMomentumGeV', min: momentum * (1 - 1e-5), max: momentum * (1 + 1e-5) },
        // The ALP starts on the beam line at z = 23.07 m (origin = beam point): CDA 0, Z_TAX = 23.07 m,
        // up to f32 rounding (μm transverse, cm in Z_TAX for θ_a ≥ 1 mrad).
        { quantity: 'track.cdaTaxM', max: 1e-4 },
        { quantity: 'track.zTaxM', min: 23.07 - 0.1, max: 23.07 + 0.1 },
      ]),
      leptonMass,
      massGeV,
      energyGeV,
      20000,
      3,
    );
    const [gpuOpen, referenceOpen] = await bothEngines(open);
    const [gpuCut, referenceCut] = await bothEngines(balanced);
    for (const [all, cut] of [
      [gpuOpen, gpuCut],
      [referenceOpen, referenceCut],
    ]) {
      expect(all.efficiency[0]).toBeGreaterThan(0.01);
      // The same trials with the same weights must all pass: identical sums.
      for (let w = 0; w < 2; w++) expect(cut.efficiency[w] / all.efficiency[w]).toBeCloseTo(1, 12);
    }
  });

  it('the opening-angle distribution matches the analytic two-body one (both engines)', async () => {
    // Fraction of isotropic decays (cos θ* uniform) with a lab opening angle below α, from the
    // float64 two-body formula on a fine cos θ* grid (independent of both engines).
    const fractionBelow = (alpha: number) => {
      const n = 200000;
      let below = 0;
      for (let i = 0; i < n; i++) {
        const c = -1 + (2 * (i + 0.5)) / n;
        const [a, b] = twoBodyDecayInLab(massGeV, [0, 0, momentum], leptonMass, leptonMass, c, 0);
        if (openingAngleRad(a.momentumGeV, b.momentumGeV) < alpha) below++;
      }
      return below / n;
    };
    const [symmetricA, symmetricB] = twoBodyDecayInLab(massGeV, [0, 0, momentum], leptonMass, leptonMass, 0, 0);
    const thetaSymmetric = openingAngleRad(symmetricA.momentumGeV, symmetricB.momentumGeV);
    // For m_ℓ ≪ m_a the symmetric decay has the smallest opening angle, 2 atan(β_ℓ/βγ) ≈ 2m_a/E_a.
    if (leptonMass === MASS_GEV.electron) {
      expect(thetaSymmetric / (2 * Math.atan(Math.sqrt(1 - (4 * leptonMass ** 2) / massGeV ** 2) / (momentum / massGeV)))).toBeCloseTo(1, 10);
      // massless limit: P(θ < α) = c_α with c_α² = (1 − 2m²/(E²(1 − cos α)))/β²
      const alpha = 1.4 * thetaSymmetric;
      const beta = momentum / energyGeV;
      const analytic = Math.sqrt((1 - (2 * massGeV ** 2) / (energyGeV ** 2 * (1 - Math.cos(alpha)))) / beta ** 2);
      expect(Math.abs(fractionBelow(alpha) - analytic)).toBeLessThan(1e-3);
    }
    const samples = 60000;
    const open = job(withCuts([]), leptonMass, massGeV, energyGeV, samples, 5);
    const [gpuOpen, referenceOpen] = await bothEngines(open);
    for (const factor of [1.2, 2]) {
      const alpha = factor * thetaSymmetric;
      const expected = fractionBelow(alpha);
      const [gpuCut, referenceCut] = await bothEngines(
        job(withCuts([{ quantity: 'track.openingAngleRad', max: alpha }]), leptonMass, massGeV, energyGeV, samples, 5),
      );
      for (const [all, cut] of [
        [gpuOpen, gpuCut],
        [referenceOpen, referenceCut],
      ]) {
        // The decay weight does not depend on the decay angle: the ratio is a binomial fraction of
        // 60 000 samples (σ ≤ 0.002); 5σ.
        expect(Math.abs(cut.efficiency[0] / all.efficiency[0] - expected)).toBeLessThan(0.01);
      }
    }
  });
});

describe('WGSL engine vs float64 reference on the NA62 dump scenarios (B → K a, independent seeds)', () => {
  it.each(['na62-dump-mumu', 'na62-dump-ee'])('%s agrees cell by cell within 4.5σ of the combined MC error', async (name) => {
    const { scenario } = await loadScenario(name);
    const compiled = compileScenario(scenario);
    const masses = [0.25, 0.9];
    const tables = new Map(masses.map((m) => [m, buildBAlpTable({ massGeV: m, recoil: 'K', beamEnergyGeV: 400, target: 'Cu', thetaRangeRad: [1e-6, 0.03] })]));
    const j: EngineJob = {
      label: name,
      geometry: compiled.geometry,
      selection: compiled.selection,
      channel: compiled.channel,
      massesGeV: masses,
      widthsGeV: logSpaced(1e-17, 1e-15, 4),
      samplesPerMass: 100000,
      seed: 7,
      production: (m) => tables.get(m)!,
    };
    const gpu = await runOnGpu(acquired, j, nodeShaderSources());
    const reference = runReference({ ...j, seed: 1007 });
    let compared = 0;
    for (let i = 0; i < gpu.efficiency.length; i++) {
      if (!(gpu.efficiencyError[i] < 0.2 * gpu.efficiency[i]) || !(reference.efficiencyError[i] < 0.2 * reference.efficiency[i])) continue;
      const pull = (gpu.efficiency[i] - reference.efficiency[i]) / Math.hypot(gpu.efficiencyError[i], reference.efficiencyError[i]);
      // 8 cells; Bonferroni P(any |pull| > 4.5) < 1e-4 for independent seeds.
      expect(Math.abs(pull), `cell ${i}: gpu ${gpu.efficiency[i]} ref ${reference.efficiency[i]}`).toBeLessThan(4.5);
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(7);
  });
});
