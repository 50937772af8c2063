/**
 * The page's fast redraw (src/web/redraw.ts) gives the CLI's numbers: the first stage (runLimits with
 * bands: false) has exactly the nominal exclusion and contour of the full computation, the second
 * stage exactly the full limits; the per-mass physics memo of src/limits/rescale.ts returns exactly
 * what the physics library gives; a background scale changes only the backgrounds. Node only (the
 * same browser-safe code the page runs); synthetic tables of test/limits/synthetic.ts.
 */
import { describe, expect, it } from 'vitest';
import { computeLimits } from '../../src/limits/compute.ts';
import { couplingAxis } from '../../src/app/run-limits.ts';
import { massPhysics, productionCouplingScale } from '../../src/limits/rescale.ts';
import { modelAtCoupling, parseLimitsModel } from '../../src/limits/model.ts';
import { branchingRatio, totalWidthGeV, type ProductionMode } from '../../src/physics/index.ts';
import { ExclusionStore, setWithBackgroundScale, type ExposureSetting } from '../../src/web/redraw.ts';
import type { Source } from '../../src/web/state.ts';
import { realisticSet, syntheticScenario } from '../limits/synthetic.ts';

const MODES: ProductionMode[] = ['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing'];

describe('page redraw stages', () => {
  it('massPhysics (one partial-width evaluation, memo) equals totalWidthGeV, branchingRatio and the coupling scales bit for bit', () => {
    const set = realisticSet(syntheticScenario({ modes: MODES }), { masses: 9, widths: 21 });
    for (const name of ['gluon', 'photon', 'codominance', 'custom:0.3,1,-0.5,0.2', 'custom:0,1,0,0']) {
      const model = parseLimitsModel(name);
      const koto = modelAtCoupling(model, 1);
      for (const massGeV of [0.011, 0.05, 0.1349, 0.2, 0.5479, 0.7, 0.99]) {
        for (let repeat = 0; repeat < 2; repeat++) {
          // the second call comes from the memo
          const physics = massPhysics(set, model, massGeV);
          expect(physics.widthAtUnitCoupling).toBe(totalWidthGeV(koto, massGeV));
          expect(physics.branchingRatio).toBe(branchingRatio(koto, massGeV, 'gammaGamma'));
          expect(physics.couplingScaleAtUnit).toEqual(MODES.map((mode) => productionCouplingScale(mode, koto, massGeV)));
        }
      }
    }
  });

  it('first stage = the nominal of the full limits exactly; second stage = the full limits; one source recomputed per slider', async () => {
    const a = realisticSet(syntheticScenario({ name: 'synthetic' }), { masses: 9, widths: 81 });
    const b = realisticSet(syntheticScenario({ name: 'synthetic' }), { masses: 9, widths: 81 });
    const sources: Source[] = [a, b].map((set) => ({ set, label: 'synthetic (file)', origin: 'file' }));
    const model = parseLimitsModel('gluon');
    const range: [number, number] = [1e-8, 1e-2];
    const settings = new Map<Source, ExposureSetting>([
      [sources[0], { pot: undefined, backgroundScale: 1 }],
      [sources[1], { pot: 1.2e21, backgroundScale: 0.5 }],
    ]);
    const request = { sources, model, couplingRange: range, exposure: (source: Source) => settings.get(source)! };
    const store = new ExclusionStore();

    const first = await store.firstStage(request);
    expect(first.complete).toBe(false);
    const full = sources.map((source) => {
      const setting = settings.get(source)!;
      return computeLimits({
        set: setWithBackgroundScale(source.set, setting.backgroundScale),
        model,
        couplingsPerGeV: couplingAxis(...range),
        pot: setting.pot,
        expectedBandContours: true,
        systematics: true,
      });
    });
    first.exclusions.forEach((exclusion, index) => {
      expect(exclusion.bands).toBe(false);
      expect(exclusion.limits.exclusion.length).toBeGreaterThan(0);
      expect(exclusion.limits.exclusion).toEqual(full[index].exclusion);
      expect(exclusion.nominal).toEqual(full[index].contours.nominal);
      expect(exclusion.limits.mcBand.minus1Sigma).toEqual([]);
      expect(exclusion.systematic).toBeNull();
    });

    expect(await store.secondStage(request, () => true)).toBe(true);
    const second = await store.firstStage(request);
    expect(second.complete).toBe(true);
    second.exclusions.forEach((exclusion, index) => {
      expect(exclusion.bands).toBe(true);
      expect(exclusion.limits.exclusion).toEqual(full[index].exclusion);
      expect(exclusion.limits.mcBand).toEqual(full[index].mcBand);
      expect(exclusion.limits.expectedBand?.map((entry) => entry.exclusion)).toEqual(full[index].expectedBand?.map((entry) => entry.exclusion));
      expect(exclusion.limits.contours).toEqual(full[index].contours);
      // the production-systematics band too (drawn dotted on the page, as in the CLI's figure)
      expect(exclusion.limits.systematicBand).toEqual(full[index].systematicBand);
      expect(exclusion.systematic).toEqual([full[index].contours.systematicMinus1Sigma, full[index].contours.systematicPlus1Sigma]);
      expect(exclusion.systematic?.[0].polygons.length).toBeGreaterThan(0);
    });

    // Moving the second source's exposure: the first source's final result is reused (same object), the second starts over.
    settings.set(sources[1], { pot: 2e21, backgroundScale: 0.5 });
    const moved = await store.firstStage(request);
    expect(moved.exclusions[0]).toBe(second.exclusions[0]);
    expect(moved.exclusions[1].bands).toBe(false);
    expect(moved.exclusions[1].limits.pot).toBe(2e21);
  });

  it('a background scale multiplies every region background and switches to the expected-median basis', () => {
    const set = realisticSet(
      syntheticScenario({
        regions: [
          { backgroundEvents: 2, observedEvents: 3 },
          { backgroundEvents: 0.5, observedEvents: 0 },
        ],
      }),
      { masses: 5, widths: 21 },
    );
    const model = parseLimitsModel('gluon');
    const couplings = couplingAxis(1e-8, 1e-2);
    const observed = computeLimits({ set, model, couplingsPerGeV: couplings, bands: false });
    expect(observed.basis).toBe('observed');
    const scaled = computeLimits({ set: setWithBackgroundScale(set, 0.25), model, couplingsPerGeV: couplings, bands: false });
    expect(scaled.basis).toBe('expected-median');
    expect(scaled.regions.map((region) => region.backgroundEvents)).toEqual([0.5, 0.125]);
    expect(setWithBackgroundScale(set, 0.25)).toBe(setWithBackgroundScale(set, 0.25));
    expect(setWithBackgroundScale(set, 1)).toBe(set);
  });
});
