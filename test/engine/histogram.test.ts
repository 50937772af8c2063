/**
 * The selection's 2-D histogram (Selection.histogram) and the quantities it introduced
 * ('pair.pTGeV', 'accepted.energyMaxGeV', 'accepted.energySumGeV'):
 *  - event level: every quantity's WGSL against its float64 definition on the same f32 events, and
 *    the generated selectTrial (region, cell) against the float64 twin, event by event;
 *  - engine level: GPU histogram against the float64 reference cell by cell (independent seeds,
 *    pulls), Σ cells = the region tally when the grid covers every selected trial, regions not
 *    changed by adding a histogram, and bit-identical histograms for different chunkings.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runOnGpu } from '../../src/engine/gpu-engine.ts';
import { runReference } from '../../src/engine/reference-engine.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { compileSelectionToReference, histogramCellOf, type TrialSelection } from '../../src/engine/selection/compile-ts.ts';
import { kotoReconstruct } from '../../src/engine/selection/koto-reconstruction.ts';
import { QUANTITIES, type EventQuantity, type ProductQuantity, type ReferenceEvent } from '../../src/engine/selection/quantities.ts';
import type { Selection } from '../../src/engine/selection/types.ts';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import { testDevice } from '../helpers/gpu.ts';
import { KOTO_LIKE_SELECTION, kotoLikeJob } from '../helpers/jobs.ts';
import { f32Event, quantitiesOnGpu, selectTrialsOnGpu, type HarnessSetup } from '../helpers/selection-harness.ts';

let acquired: AcquiredDevice;
beforeAll(async () => {
  acquired = await testDevice();
});

/** mulberry32: a small seeded generator for test inputs. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SETUP: HarnessSetup = { ecalZM: 64, daughterMassGeV: [0, 0] };

/** Geometrically consistent random events: vertex in the Step 2 volume, slopes pointing at the hits. */
function randomEvents(count: number, seed: number, setup: HarnessSetup, backwardFraction = 0.05): ReferenceEvent[] {
  const random = rng(seed);
  return Array.from({ length: count }, () => {
    const vz = 45.75 + random() * (setup.ecalZM - 45.75 - 0.5);
    const vx = (random() - 0.5) * 1.2;
    const vy = (random() - 0.5) * 1.2;
    const hits: [[number, number], [number, number]] = [
      [(random() - 0.5) * 3.2, (random() - 0.5) * 3.2],
      [(random() - 0.5) * 3.2, (random() - 0.5) * 3.2],
    ];
    const toEcal = setup.ecalZM - vz;
    return f32Event(
      {
        hit: hits,
        slope: [
          [(hits[0][0] - vx) / toEcal, (hits[0][1] - vy) / toEcal],
          [(hits[1][0] - vx) / toEcal, (hits[1][1] - vy) / toEcal],
        ],
        energy: [0.05 * Math.exp(random() * Math.log(200)), 0.05 * Math.exp(random() * Math.log(200))],
        forward: [random() > backwardFraction, random() > backwardFraction],
        vertex: [vx, vy, vz],
      },
      setup,
    );
  });
}

describe('quantity twins: WGSL definition vs float64 definition on identical f32 events', () => {
  it("agree for every quantity within f32 precision (koto.* within the reconstruction's conditioning)", async () => {
    const setup: HarnessSetup = { ecalZM: 64, daughterMassGeV: [0.1057, 0.1057] };
    const events = randomEvents(2000, 7, setup, 0);
    const random = rng(99);
    const accepted = events.map((): [boolean, boolean] => [random() > 0.3, random() > 0.3]);
    // track.* quantities need a spectrometer (charged tracks); their twins: test/na62/charged-tracks.test.ts.
    const names = Object.keys(QUANTITIES).filter((name) => QUANTITIES[name].requires !== 'track');
    const values = await quantitiesOnGpu(names, events, accepted, setup, 44);
    const perEvent = names.reduce((n, name) => n + (QUANTITIES[name].scope === 'product' ? 2 : 1), 0) + 1;
    let compared = 0;
    // Issue 16: the koto.* comparisons skip events the WGSL reconstruction calls invalid, so an
    // always-invalid WGSL reconstruction passed; the validity flags must agree too.
    let validityAgrees = 0;
    let gpuValid = 0;
    events.forEach((event, e) => {
      const reco = kotoReconstruct(event.hit[0], event.hit[1], event.energy[0], event.energy[1], setup.ecalZM, 44);
      const gpuRecoValid = values[e * perEvent + perEvent - 1] === 1;
      if (gpuRecoValid === (reco !== null)) validityAgrees++;
      if (gpuRecoValid) gpuValid++;
      let k = 0;
      for (const name of names) {
        const quantity = QUANTITIES[name];
        const expected =
          quantity.scope === 'product'
            ? [(quantity as ProductQuantity).reference(event, 0), (quantity as ProductQuantity).reference(event, 1)]
            : [
                (quantity as EventQuantity).requires === 'koto'
                  ? reco
                    ? (quantity as EventQuantity).reference(event, reco, accepted[e])
                    : Number.NaN
                  : (quantity as EventQuantity).reference(event, null, accepted[e]),
              ];
        for (const want of expected) {
          const got = values[e * perEvent + k++];
          if (Number.isNaN(want) || (quantity.requires === 'koto' && !gpuRecoValid)) continue;
          // f32 arithmetic: a few ulp of the inputs (~1e-6 relative). The KOTO reconstruction
          // solves a quadratic whose roots can nearly coincide, so its outputs get 2e-3
          // relative (or 2e-4 absolute for angles/momenta near 0).
          // θ_calo comes from acos, whose f32 error near 0° and 180° is √(2 δcos) ≈ √(2 · 2⁻²³) rad
          // ≈ 0.03°: 0.05° absolute there.
          const [relative, absolute] = name === 'koto.thetaCaloDeg' ? [2e-3, 0.05] : quantity.requires === 'koto' ? [2e-3, 2e-4] : [1e-5, 1e-6];
          expect(Math.abs(got - want), `${name} event ${e}: gpu ${got} reference ${want}`).toBeLessThanOrEqual(relative * Math.abs(want) + absolute);
          compared++;
        }
      }
    });
    expect(compared).toBeGreaterThan(events.length * 20);
    expect(gpuValid).toBeGreaterThan(events.length * 0.2);
    // Only near-degenerate quadratics (discriminant within f32 rounding of 0) may disagree.
    expect(validityAgrees).toBeGreaterThanOrEqual(events.length * 0.995);
  });

  it('accepted.energyMaxGeV is the energy of the one accepted product, or the larger of two (NuCal γγ cut)', () => {
    const [event] = randomEvents(1, 3, SETUP);
    const quantity = QUANTITIES['accepted.energyMaxGeV'] as EventQuantity;
    expect(quantity.reference(event, null, [true, false])).toBe(event.energy[0]);
    expect(quantity.reference(event, null, [false, true])).toBe(event.energy[1]);
    expect(quantity.reference(event, null, [true, true])).toBe(Math.max(...event.energy));
  });

  it('pair.pTGeV equals the parent p_T: a massive pair from a parent of known momentum', () => {
    // Parent along (0.01, -0.02, 1) direction with |p| = 20 GeV, decaying to two muons
    // symmetrically in its rest frame perpendicular to the flight: p_T = |p| sinθ.
    const direction = [0.01, -0.02, 1];
    const norm = Math.hypot(...direction);
    const u = direction.map((c) => c / norm);
    const pParent = 20;
    const mass = 0.5;
    const mMu = 0.1057;
    const pStar = Math.sqrt((mass / 2) ** 2 - mMu ** 2);
    const gamma = Math.hypot(pParent, mass) / mass;
    const betaGamma = pParent / mass;
    // Perpendicular unit vector.
    const perp = [u[1], -u[0], 0].map((c, _i, arr) => c / Math.hypot(...arr));
    const products = [1, -1].map((sign) => {
      const eStar = Math.hypot(pStar, mMu);
      const parallel = betaGamma * eStar; // p* ⊥ flight: longitudinal momentum comes from the boost only
      const energy = gamma * eStar;
      const p = u.map((c, i) => c * parallel + sign * pStar * perp[i]);
      return { energy, p };
    });
    const event: ReferenceEvent = {
      hit: [
        [0, 0],
        [0, 0],
      ],
      slope: products.map(({ p }) => [p[0] / p[2], p[1] / p[2]]) as [[number, number], [number, number]],
      energy: [products[0].energy, products[1].energy],
      forward: [true, true],
      vertex: [0, 0, 50],
      daughterMassGeV: [mMu, mMu],
    };
    const expected = pParent * Math.hypot(u[0], u[1]);
    expect((QUANTITIES['pair.pTGeV'] as EventQuantity).reference(event, null, [true, true])).toBeCloseTo(expected, 12);
  });
});

const HISTOGRAM_SELECTION: Selection = {
  ...KOTO_LIKE_SELECTION,
  histogram: { x: 'koto.zVtxM', y: 'koto.pTGeV', xBins: [0, 20, 40], yBins: [0, 1.5, 30] },
};

describe('selectTrial twins: generated WGSL vs float64, event by event', () => {
  for (const [label, selection] of [
    ['KOTO-like cuts, histogram in (z_vtx, p_T)', HISTOGRAM_SELECTION],
    [
      'one product required, NuCal-like cut on accepted.energyMaxGeV, histogram in (decay z, accepted E_max)',
      {
        acceptance: { productsRequired: 1, area: { include: { type: 'disc', radius: 1.3 } } },
        cuts: [
          { quantity: 'accepted.energyMaxGeV', min: 1 },
          { quantity: 'product.energyGeV', max: 8 },
        ],
        regions: [{ name: 'all', x: 'decay.zM', y: 'accepted.energySumGeV', area: { include: { type: 'box', xMin: 0, xMax: 100, yMin: 0, yMax: 1000 } } }],
        histogram: { x: 'decay.zM', y: 'accepted.energyMaxGeV', xBins: [45, 64, 19], yBins: [0, 10, 25] },
      } satisfies Selection,
    ],
    [
      'histogram-only needs (pair p_T needs both products forward, regions do not)',
      {
        cuts: [{ quantity: 'pair.energySumGeV', min: 0.3 }],
        regions: [{ name: 'all', x: 'decay.zM', y: 'pair.energySumGeV', area: { include: { type: 'box', xMin: 0, xMax: 100, yMin: 0, yMax: 1000 } } }],
        histogram: { x: 'decay.zM', y: 'pair.pTGeV', xBins: [45, 64, 19], yBins: [0, 0.5, 25] },
      } satisfies Selection,
    ],
  ] as Array<[string, Selection]>) {
    it(label, async () => {
      const events = randomEvents(4000, 21, SETUP, 0.1);
      const gpu = await selectTrialsOnGpu(selection, events, SETUP);
      const reference = compileSelectionToReference(selection, SETUP.ecalZM);
      const cellOf = histogramCellOf(selection.histogram!);
      const xQuantity = QUANTITIES[selection.histogram!.x] as EventQuantity;
      const yQuantity = QUANTITIES[selection.histogram!.y] as EventQuantity;
      const out: TrialSelection = { region: -1, cell: -1 };
      let differing = 0;
      let inCells = 0;
      let inRegions = 0;
      events.forEach((event, e) => {
        reference.selectTrial(event, out);
        if (out.cell >= 0) inCells++;
        if (out.region >= 0) inRegions++;
        if (out.region === gpu[e].region && out.cell === gpu[e].cell) return;
        differing++;
        // A disagreement is only allowed for a trial sitting on a boundary within f32 rounding:
        // its histogram coordinates within 1e-4 of a bin edge, or a cut/region boundary.
        const reco = kotoReconstruct(event.hit[0], event.hit[1], event.energy[0], event.energy[1], SETUP.ecalZM, 44);
        const accepted: [boolean, boolean] = [true, true];
        const x = xQuantity.reference(event, reco, accepted);
        const y = yQuantity.reference(event, reco, accepted);
        const nearEdge = [-1e-4, 1e-4].some((d) => cellOf(x * (1 + d), y) !== cellOf(x, y) || cellOf(x, y * (1 + d)) !== cellOf(x, y));
        if (!nearEdge && out.region === gpu[e].region)
          throw new Error(`event ${e}: reference (${out.region}, ${out.cell}) vs gpu (${gpu[e].region}, ${gpu[e].cell}) at x=${x}, y=${y}`);
      });
      // Boundary cases are rare: at most 0.5 % of the events.
      expect(differing).toBeLessThanOrEqual(events.length * 0.005);
      expect(inCells).toBeGreaterThan(100);
      expect(inRegions).toBeGreaterThan(100);
    });
  }
});

describe('engine histogram (GPU hot path vs float64 reference)', () => {
  // A coarser grid than the twin test's 40 × 30 so that 200 000 samples fill ~100 cells to < 25 %
  // relative MC error (the pull test needs Gaussian errors).
  const job = kotoLikeJob({
    selection: { ...KOTO_LIKE_SELECTION, histogram: { x: 'koto.zVtxM', y: 'koto.pTGeV', xBins: [0, 20, 16], yBins: [0, 1.5, 12] } },
    massesGeV: [0.2, 0.4],
    widthsGeV: [1e-19, 1e-16],
    samplesPerMass: 200_000,
  });

  it('agrees cell by cell within k·σ of the combined MC error (independent seeds)', async () => {
    const gpu = await runOnGpu(acquired, job, nodeShaderSources());
    const reference = runReference({ ...job, seed: job.seed + 1000 });
    const g = gpu.histogram!;
    const r = reference.histogram!;
    expect(g.efficiency.length).toBe(2 * 2 * 16 * 12);
    let compared = 0;
    let chiSquare = 0;
    for (let i = 0; i < g.efficiency.length; i++) {
      if (g.efficiencyError[i] > 0.25 * g.efficiency[i] || r.efficiencyError[i] > 0.25 * r.efficiency[i] || !(g.efficiency[i] > 0 && r.efficiency[i] > 0))
        continue;
      const pull = (g.efficiency[i] - r.efficiency[i]) / Math.hypot(g.efficiencyError[i], r.efficiencyError[i]);
      // k = 5: with at most 768 cells compared, P(any |pull| > 5) ≤ 768 · 5.7e-7 ≈ 4e-4.
      expect(Math.abs(pull), `cell ${i}: gpu ${g.efficiency[i]} ref ${r.efficiency[i]}`).toBeLessThanOrEqual(5);
      chiSquare += pull * pull;
      compared++;
    }
    console.log(`[histogram] compared ${compared} cells, χ² = ${chiSquare.toFixed(1)}`);
    expect(compared).toBeGreaterThanOrEqual(60);
    // χ²/M has mean 1 and standard deviation √(2/M) ≈ 0.18 for M = 60 independent cells; 1.6
    // leaves > 3σ for the correlated widths (common random numbers) and still catches a
    // systematic offset of ~0.8σ per cell.
    expect(chiSquare).toBeLessThan(1.6 * compared);
    // The histogram does not change the regions: same job without it, bit for bit.
    const plain = await runOnGpu(acquired, { ...job, selection: KOTO_LIKE_SELECTION }, nodeShaderSources());
    expect(Array.from(gpu.efficiency)).toEqual(Array.from(plain.efficiency));
    expect(Array.from(gpu.efficiencyError)).toEqual(Array.from(plain.efficiencyError));
  });

  it('sums over cells to the single-region tally when the grid covers every selected trial', async () => {
    const covering: Selection = {
      ...KOTO_LIKE_SELECTION,
      regions: [],
      histogram: { x: 'decay.zM', y: 'pair.energySumGeV', xBins: [45, 65, 20], yBins: [0, 40, 16] },
    };
    const small = { ...job, selection: covering, samplesPerMass: 8192 };
    for (const table of [await runOnGpu(acquired, small, nodeShaderSources()), runReference(small)]) {
      const cells = 20 * 16;
      for (let row = 0; row < 4; row++) {
        let sum = 0;
        for (let c = 0; c < cells; c++) sum += table.histogram!.efficiency[row * cells + c];
        const all = table.efficiency[row];
        expect(all).toBeGreaterThan(0);
        // Reference: float64 sums in another order (1e-12). GPU: f32 per-batch partials (1e-5).
        expect(Math.abs(sum - all), `${table.engine.kind} row ${row}`).toBeLessThanOrEqual((table.engine.kind === 'reference' ? 1e-12 : 1e-5) * all);
      }
    }
  });

  it('is bit-identical for different chunkings, workgroup sizes and widths per thread', async () => {
    const small = { ...job, samplesPerMass: 5000 };
    const a = await runOnGpu(acquired, small, nodeShaderSources(), { batchesPerChunk: 1, workgroupSize: 64 });
    const b = await runOnGpu(acquired, small, nodeShaderSources(), { batchesPerChunk: 7, workgroupSize: 8 });
    // Several width slots per thread (one past the end of the grid): each slot fills its own width's
    // histogram cells.
    const c = await runOnGpu(acquired, small, nodeShaderSources(), { batchesPerChunk: 3, workgroupSize: 1, widthsPerThread: 3 });
    expect(a.histogram!.efficiency.some((v) => v > 0)).toBe(true);
    expect(Array.from(b.histogram!.efficiency)).toEqual(Array.from(a.histogram!.efficiency));
    expect(Array.from(b.histogram!.efficiencyError)).toEqual(Array.from(a.histogram!.efficiencyError));
    expect(Array.from(c.histogram!.efficiency)).toEqual(Array.from(a.histogram!.efficiency));
    expect(Array.from(c.histogram!.efficiencyError)).toEqual(Array.from(a.histogram!.efficiencyError));
    expect(Array.from(c.efficiency)).toEqual(Array.from(a.efficiency));
  });

  it('refuses a histogram on a per-product quantity or with a bad bin spec', () => {
    const bad = (histogram: Selection['histogram']) => () => runReference({ ...job, selection: { ...KOTO_LIKE_SELECTION, histogram } });
    expect(bad({ x: 'product.energyGeV', y: 'koto.pTGeV', xBins: [0, 1, 2], yBins: [0, 1, 2] })).toThrow(
      "histogram.x must be an event quantity, not the per-product 'product.energyGeV'",
    );
    expect(bad({ x: 'koto.zVtxM', y: 'koto.pTGeV', xBins: [1, 1, 2], yBins: [0, 1, 2] })).toThrow('histogram.xBins must have lo < hi (got [1, 1])');
    expect(bad({ x: 'koto.zVtxM', y: 'koto.pTGeV', xBins: [0, 1, 2], yBins: [0, 1, 2.5] })).toThrow('histogram.yBins[2] must be an integer ≥ 1 (got 2.5)');
    expect(bad({ x: 'koto.zVtxM', y: 'koto.pTGeV', xBins: [0, 1, 200], yBins: [0, 1, 200] })).toThrow(
      'histogram has 40000 cells, more than the 16384 the engine tallies',
    );
  });
});
