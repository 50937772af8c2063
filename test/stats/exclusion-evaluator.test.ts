import { describe, expect, it } from 'vitest';
import { createExclusionEvaluator } from '../../src/stats/exclusion-evaluator.ts';
import { clsMultiRegionEnumerated } from '../../src/stats/multi-region.ts';
import { fillToyUniforms } from '../../src/stats/rng.ts';
import { clsSingleRegion, upperLimitSingleRegion } from '../../src/stats/single-region.ts';

/** Seeded signal vectors spanning the exclusion boundary: log-uniform total in [0.1, 30], random shape. */
function randomSignals(regions: number, points: number, seed: number): Float64Array {
  const signals = new Float64Array(points * regions);
  const uniforms = new Float64Array(regions + 1);
  for (let p = 0; p < points; p++) {
    fillToyUniforms(seed, 0, p, regions + 1, uniforms);
    const total = 0.1 * 300 ** uniforms[regions];
    let norm = 0;
    for (let i = 0; i < regions; i++) norm += uniforms[i] ** 3;
    for (let i = 0; i < regions; i++) signals[p * regions + i] = (total * uniforms[i] ** 3) / norm;
  }
  return signals;
}

describe('createExclusionEvaluator', () => {
  it('single region: excluded ⇔ s > s_up(n, b); cls is the exact formula', () => {
    const evaluator = createExclusionEvaluator({ background: [1.38], observed: [1] });
    expect(evaluator.mode).toBe('single-region');
    expect(evaluator.threshold).toBeCloseTo(upperLimitSingleRegion(1, 1.38), 14);
    expect(evaluator.isExcluded([3.14])).toBe(false);
    expect(evaluator.isExcluded([3.15])).toBe(true);
    expect(evaluator.cls([2.5])).toBeCloseTo(clsSingleRegion(2.5, 1.38, 1), 14);
  });

  it('all observed zero: excluded ⇔ Σs > ln 10, for any backgrounds', () => {
    const evaluator = createExclusionEvaluator({ background: [0.05, 3, 0], observed: [0, 0, 0] });
    expect(evaluator.mode).toBe('all-observed-zero');
    expect(evaluator.isExcluded([1, 1, 0.3])).toBe(false); // Σ = 2.3 < 2.3026
    expect(evaluator.isExcluded([1, 1, 0.31])).toBe(true);
  });

  // Exact decisions must agree with the exact CLs < 0.1 for every point except those whose CLs is
  // within 1e-9 of 0.1 (none occur for random inputs); the bounds must never contradict it.
  const scenarios = [
    { name: 'KOTO-like 8 regions, 2 events', background: [0.05, 0.09, 0.02, 0.11, 0.08, 0.03, 0.02, 0.02], observed: [0, 1, 0, 1, 0, 0, 0, 0] },
    { name: '3 regions with a b = 0 region holding an event', background: [0, 0.8, 2], observed: [1, 1, 3] },
    { name: '4 regions, moderate backgrounds', background: [2, 1, 4, 0.5], observed: [3, 0, 6, 1] },
  ];
  for (const { name, background, observed } of scenarios) {
    it(`multi-region decisions equal exact CLs < 0.1: ${name}`, () => {
      const evaluator = createExclusionEvaluator({ background, observed });
      expect(evaluator.mode).toBe('multi-region');
      const k = background.length;
      const points = 3000;
      const signals = randomSignals(k, points, 17);
      const decisions = evaluator.classifyPlane(signals);
      let excluded = 0;
      for (let p = 0; p < points; p++) {
        const signal = Array.from(signals.subarray(p * k, p * k + k));
        const exact = clsMultiRegionEnumerated(signal, background, observed).cls;
        expect(decisions[p]).toBe(exact < 0.1 ? 1 : 0);
        expect(evaluator.isExcluded(signal)).toBe(exact < 0.1);
        excluded += decisions[p];
      }
      // The random set straddles the boundary, and all three decision paths are exercised.
      expect(excluded).toBeGreaterThan(points * 0.1);
      expect(excluded).toBeLessThan(points * 0.9);
      expect(evaluator.counters.enumerated).toBeGreaterThan(0);
      expect(evaluator.counters.lowerBound).toBeGreaterThan(0);
      expect(evaluator.counters.toyFallback).toBe(0);
    });
  }

  it('upper-bound path is used when b_i > 0 for all observed regions', () => {
    const evaluator = createExclusionEvaluator({ background: [0.05, 0.09, 0.02], observed: [0, 1, 0] });
    expect(evaluator.isExcluded([20, 1, 1])).toBe(true);
    expect(evaluator.counters.upperBound).toBe(1);
  });

  it('cls() agrees with clsMultiRegionEnumerated', () => {
    const background = [2, 1, 4, 0.5];
    const observed = [3, 0, 6, 1];
    const evaluator = createExclusionEvaluator({ background, observed });
    const signal = [1.2, 0.7, 2.1, 1.9];
    expect(evaluator.cls(signal)).toBeCloseTo(clsMultiRegionEnumerated(signal, background, observed).cls, 13);
  });

  it('falls back to seeded toys when the enumeration budget is exceeded, and counts it', () => {
    const background = [2, 1, 4, 0.5];
    const observed = [3, 0, 6, 1];
    const evaluator = createExclusionEvaluator({ background, observed, maxEnumerationTerms: 3, fallbackToys: 20_000, seed: 4 });
    const signal = [1.2, 0.7, 2.1, 1.9];
    const exact = clsMultiRegionEnumerated(signal, background, observed).cls;
    const approx = evaluator.cls(signal);
    expect(evaluator.counters.toyFallback).toBe(1);
    // 20 000 toys: σ(CLs) ≈ CLs·√((1−p)/(pT) + …) ≲ 0.01 here; 0.05 is > 4σ.
    expect(Math.abs(approx - exact)).toBeLessThan(0.05);
  });

  it('rejects bad signals with the index and value', () => {
    const evaluator = createExclusionEvaluator({ background: [1, 2], observed: [1, 0] });
    expect(() => evaluator.isExcluded([1, -2])).toThrow(/signal\[1\] must be a finite number ≥ 0 \(got -2\)/);
    expect(() => evaluator.isExcluded([1])).toThrow(/signal has 1 regions but background has 2/);
    expect(() => evaluator.classifyPlane(new Float64Array([1, 2, NaN, 0]))).toThrow(/signals\[2\].*got NaN.*point 1, region 0/);
    expect(() => evaluator.classifyPlane(new Float64Array(3))).toThrow(/not a multiple of the 2 regions/);
  });
});
