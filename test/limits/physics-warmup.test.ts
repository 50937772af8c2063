/**
 * contourPhysicsWarmup (src/limits/compute.ts): evaluates the per-mass physics of the contour
 * bisection's first levels ahead (the page does it while idle). It must visit exactly the tree
 * logBisectionTree gives on the contour grid, step in chunks, and leave the limits unchanged.
 */
import { describe, expect, it } from 'vitest';
import { computeLimits, contourPhysicsWarmup, logSpace } from '../../src/limits/index.ts';
import { realisticSet, syntheticScenario } from './synthetic.ts';

describe('contourPhysicsWarmup', () => {
  const couplings = logSpace(1e-7, 1e-1, 61);
  const run = (set: ReturnType<typeof realisticSet>) => computeLimits({ set, model: 'gluon', couplingsPerGeV: couplings, contourMassCount: 40, bands: false });

  it('evaluates (2^levels − 1) masses per contour-grid step, in chunks, and returns the count', () => {
    const set = realisticSet(syntheticScenario({ name: 'warm' }));
    const steps = contourPhysicsWarmup(set, 'gluon', { contourMassCount: 40, levels: 3, chunk: 10 });
    let yields = 0;
    let result = steps.next();
    while (!result.done) {
      yields++;
      result = steps.next();
    }
    expect(result.value).toBe(7 * 39);
    expect(yields).toBe(Math.floor((7 * 39) / 10));
  });

  it('leaves the limits bit for bit as without it', () => {
    const cold = run(realisticSet(syntheticScenario({ name: 'cold' })));
    const set = realisticSet(syntheticScenario({ name: 'cold' }));
    for (const _ of contourPhysicsWarmup(set, 'gluon', { contourMassCount: 40 }));
    expect(run(set)).toEqual(cold);
  });
});
