import { describe, expect, it } from 'vitest';
import {
  clsMultiRegion,
  clsMultiRegionEnumerated,
  expectedLimitsMultiRegion,
  testStatisticMultiRegion,
  upperLimitMultiRegion,
} from '../../src/stats/multi-region.ts';
import { clsSingleRegion, upperLimitSingleRegion } from '../../src/stats/single-region.ts';
import { poissonLogPmf } from '../../src/stats/special-functions.ts';

/**
 * Independent brute-force reference (physics.md §9.3): sum the joint Poisson probabilities of all
 * outcomes (n_1..n_k) in the box [0, cutoff]^k with q(n) ≥ q(n_obs), under s+b and under b, where
 * q(n) = 2 Σ_i [s_i − n_i ln(1 + s_i/b_i)] is evaluated directly. All b_i > 0 here (the b = 0
 * case is checked against this with a tiny floor b = 1e-9, physics.md §9.3's alternative).
 * With means ≤ 6 and cutoff 30, the neglected tail per region is < 1e-12.
 */
function bruteForceCls(signal: number[], background: number[], observed: number[], cutoff = 30): number {
  const k = signal.length;
  const q = (counts: number[]) => counts.reduce((sum, n, i) => sum + 2 * (signal[i] - n * Math.log(1 + signal[i] / background[i])), 0);
  const qObserved = q(observed);
  const tolerance = 1e-9 * (1 + Math.abs(qObserved));
  let clsb = 0;
  let clb = 0;
  const counts = new Array<number>(k).fill(0);
  const visit = (index: number) => {
    if (index === k) {
      if (q(counts) >= qObserved - tolerance) {
        let logSb = 0;
        let logB = 0;
        for (let i = 0; i < k; i++) {
          logSb += poissonLogPmf(counts[i], signal[i] + background[i]);
          logB += poissonLogPmf(counts[i], background[i]);
        }
        clsb += Math.exp(logSb);
        clb += Math.exp(logB);
      }
      return;
    }
    for (let n = 0; n <= cutoff; n++) {
      counts[index] = n;
      visit(index + 1);
    }
  };
  visit(0);
  return clsb / clb;
}

// Toy results are compared within K_SIGMA standard errors. The reported error is the binomial error
// of the two tail-fraction estimates propagated to their ratio (docs/statistics.md §5); 4σ makes a
// false failure a < 1e-4 event per comparison, while a wrong statistic or sampler shows up as a
// shift of many σ (σ ≈ 0.001 at 1e5 toys).
const K_SIGMA = 4;

describe('test statistic q (physics.md §9.3)', () => {
  it('matches the formula and is −∞ for an event in a b = 0 region with signal', () => {
    const q = testStatisticMultiRegion([1, 2], [0.5, 3], [1, 0]);
    expect(q).toBeCloseTo(2 * (1 - Math.log(3)) + 2 * 2, 14);
    expect(testStatisticMultiRegion([1, 2], [0, 3], [1, 0])).toBe(-Infinity);
  });
});

describe('clsMultiRegion: one region agrees with the exact single-region CLs', () => {
  for (const [s, b, n] of [
    [3.145, 1.38, 1],
    [4.208, 3.35, 3],
    [6, 10, 12],
  ] as const) {
    it(`s = ${s}, b = ${b}, n = ${n}`, () => {
      const exact = clsSingleRegion(s, b, n);
      const toys = clsMultiRegion([s], [b], [n], { toys: 100_000, seed: 11 });
      expect(toys.method).toBe('toys');
      expect(Math.abs(toys.cls - exact)).toBeLessThan(K_SIGMA * toys.standardError);
      // The error estimate itself is sane: for a ratio of two fractions ~0.1–0.6 at 1e5 toys it is O(1e-3).
      expect(toys.standardError).toBeGreaterThan(1e-4);
      expect(toys.standardError).toBeLessThan(1e-2);
      expect(clsMultiRegionEnumerated([s], [b], [n]).cls).toBeCloseTo(exact, 12);
    });
  }
});

describe('background-free and all-zero shortcuts (physics.md §9.3)', () => {
  it('all b = 0, n = 0: CLs = e^{−Σs} exactly', () => {
    const result = clsMultiRegion([0.7, 1.1, 0.2], [0, 0, 0], [0, 0, 0], { seed: 3 });
    expect(result.cls).toBe(Math.exp(-2));
    expect(result.method).toBe('analytic');
  });

  it('b > 0 but all n = 0: still e^{−Σs} exactly (q_obs is the maximum of q)', () => {
    expect(clsMultiRegion([0.7, 1.1], [0.4, 5], [0, 0], { seed: 3 }).cls).toBe(Math.exp(-1.8));
    expect(bruteForceCls([0.7, 1.1], [0.4, 5], [0, 0])).toBeCloseTo(Math.exp(-1.8), 10);
  });

  it('a b = 0, n = 0 region multiplies CLs by e^{−s_i}', () => {
    const withZero = clsMultiRegionEnumerated([1.5, 2, 0.9], [1, 0, 2], [2, 0, 1]).cls;
    const without = clsMultiRegionEnumerated([1.5, 0.9], [1, 2], [2, 1]).cls;
    expect(withZero).toBeCloseTo(without * Math.exp(-2), 13);
  });

  it('all-zero data: μ_up = ln 10/Σŝ exactly, whatever the backgrounds', () => {
    const limit = upperLimitMultiRegion([1, 3], [0.2, 7], [0, 0], { seed: 1 });
    expect(limit.muUp).toBeCloseTo(Math.log(10) / 4, 15);
    expect(limit.method).toBe('analytic');
  });

  it('single b = 0 region with n = 1 equals the single-region formula (s_up = 3.890)', () => {
    expect(clsMultiRegion([3.89], [0], [1], { seed: 1 }).cls).toBeCloseTo(clsSingleRegion(3.89, 0, 1), 13);
    expect(upperLimitMultiRegion([1], [0], [1], { seed: 1, method: 'enumeration' }).muUp).toBeCloseTo(upperLimitSingleRegion(1, 0), 8);
  });

  it('b = 0 with n > 0 (b → 0 limit) agrees with a brute force using a 1e-9 background floor', () => {
    // The lexicographic ordering (N0 first, docs/statistics.md §3.3) is the ε → 0 limit of the floor;
    // with ε = 1e-9 the difference is O(ε·s) ≈ 1e-9, so agree to 1e-6.
    const signal = [2, 1.5, 1];
    const observed = [1, 1, 0];
    const floored = bruteForceCls(signal, [1e-9, 0.8, 1e-9], observed, 25);
    const exact = clsMultiRegionEnumerated(signal, [0, 0.8, 0], observed).cls;
    expect(Math.abs(exact - floored)).toBeLessThan(1e-6);
    const toys = clsMultiRegion(signal, [0, 0.8, 0], observed, { seed: 5, toys: 100_000 });
    expect(Math.abs(toys.cls - exact)).toBeLessThan(K_SIGMA * toys.standardError);
  });
});

describe('multi-region CLs vs brute-force enumeration of joint outcomes', () => {
  const cases: { signal: number[]; background: number[]; observed: number[] }[] = [
    { signal: [1, 2], background: [0.5, 1.2], observed: [1, 2] },
    { signal: [0.3, 2.5], background: [2, 0.4], observed: [3, 0] },
    { signal: [1, 2, 0.5], background: [0.5, 1.2, 0.3], observed: [1, 2, 0] },
    { signal: [2.2, 0.4, 1.3], background: [3, 1, 0.2], observed: [5, 0, 1] },
  ];
  for (const { signal, background, observed } of cases) {
    it(`s = ${signal}, b = ${background}, n = ${observed}`, () => {
      const reference = bruteForceCls(signal, background, observed);
      // Enumeration sums the same outcomes, pruned below 1e-17: agree to 1e-10.
      expect(clsMultiRegionEnumerated(signal, background, observed).cls).toBeCloseTo(reference, 10);
      const toys = clsMultiRegion(signal, background, observed, { toys: 100_000, seed: 2024 });
      expect(Math.abs(toys.cls - reference)).toBeLessThan(K_SIGMA * toys.standardError);
    });
  }

  it('is deterministic for a seed and changes with the seed', () => {
    const args = [
      [1, 2],
      [0.5, 1.2],
      [1, 2],
    ] as const;
    const a = clsMultiRegion(args[0], args[1], args[2], { toys: 20_000, seed: 9 });
    const b = clsMultiRegion(args[0], args[1], args[2], { toys: 20_000, seed: 9 });
    const c = clsMultiRegion(args[0], args[1], args[2], { toys: 20_000, seed: 10 });
    expect(a).toEqual(b);
    expect(a.cls).not.toBe(c.cls);
  });
});

describe('upperLimitMultiRegion', () => {
  it('one region: toys within 4σ of s_up(3, 3.35) = 4.208; enumeration exact', () => {
    const exact = upperLimitSingleRegion(3, 3.35);
    const toys = upperLimitMultiRegion([1], [3.35], [3], { toys: 100_000, seed: 77 });
    expect(Math.abs(toys.muUp - exact)).toBeLessThan(K_SIGMA * toys.standardError);
    expect(toys.standardError).toBeLessThan(0.05);
    const enumerated = upperLimitMultiRegion([1], [3.35], [3], { seed: 0, method: 'enumeration' });
    expect(enumerated.muUp).toBeCloseTo(exact, 8);
  });

  it('signal shape scales: μ_up(2ŝ) = μ_up(ŝ)/2', () => {
    const a = upperLimitMultiRegion([0.5, 1], [1, 2], [2, 1], { seed: 0, method: 'enumeration' });
    const b = upperLimitMultiRegion([1, 2], [1, 2], [2, 1], { seed: 0, method: 'enumeration' });
    expect(b.muUp).toBeCloseTo(a.muUp / 2, 8);
  });

  it('8 KOTO-like regions: toys agree with exact enumeration within 4σ, CLs(μ_up) = 0.1', () => {
    const shape = [0.3, 0.1, 0.2, 0.05, 0.1, 0.1, 0.1, 0.05];
    const background = [0.05, 0.09, 0.02, 0.11, 0.08, 0.03, 0.02, 0.02];
    const observed = [0, 1, 0, 1, 0, 0, 0, 0];
    const exact = upperLimitMultiRegion(shape, background, observed, { seed: 0, method: 'enumeration' });
    expect(
      clsMultiRegionEnumerated(
        shape.map((s) => s * exact.muUp),
        background,
        observed,
      ).cls,
    ).toBeCloseTo(0.1, 8);
    const toys = upperLimitMultiRegion(shape, background, observed, { seed: 3, toys: 50_000 });
    expect(Math.abs(toys.muUp - exact.muUp)).toBeLessThan(K_SIGMA * toys.standardError);
    // CLs ≥ e^{−μΣŝ} for any data (docs/statistics.md §2), so μ_up ≥ ln 10/Σŝ with Σŝ = 1 here.
    expect(exact.muUp).toBeGreaterThanOrEqual(Math.log(10));
  });
});

describe('expectedLimitsMultiRegion', () => {
  it('one region, b = 0.85: bands equal s_up at the Poisson(0.85) quantiles within toy error', () => {
    // Poisson(0.85) CDF: 0.427, 0.791, 0.945, 0.989 → counts at Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2) are 0, 0, 1, 2, 3.
    // Every band edge p is ≥ 5 binomial σ (M = 2000 pseudo-data) away from a CDF value, so the
    // empirical quantile picks these counts; the μ_up for a count is then a toy estimate whose
    // error we take from upperLimitMultiRegion with the same number of toys.
    const b = 0.85;
    const expected = expectedLimitsMultiRegion([1], [b], { seed: 42, toys: 20_000, pseudoExperiments: 2000 });
    const counts = [0, 0, 1, 2, 3];
    const values = [expected.minus2Sigma, expected.minus1Sigma, expected.median, expected.plus1Sigma, expected.plus2Sigma];
    counts.forEach((n, index) => {
      const exact = upperLimitSingleRegion(n, b);
      if (n === 0) {
        expect(values[index]).toBe(Math.log(10)); // all-zero pseudo-data: exact bound
      } else {
        const { standardError } = upperLimitMultiRegion([1], [b], [n], { seed: 42, toys: 20_000 });
        // +0.5 % for the log-linear interpolation on the 2 % μ grid
        expect(Math.abs(values[index] - exact)).toBeLessThan(K_SIGMA * standardError + 0.005 * exact);
      }
    });
    expect(expected.fractionAllZero).toBeGreaterThan(0.4);
  });

  it('background-free: all bands are ln 10/Σŝ', () => {
    const expected = expectedLimitsMultiRegion([0.5, 1.5], [0, 0], { seed: 1, toys: 1000, pseudoExperiments: 100 });
    for (const value of [expected.minus2Sigma, expected.median, expected.plus2Sigma]) expect(value).toBeCloseTo(Math.log(10) / 2, 15);
  });

  it('bands are ordered for 8 KOTO-like regions', () => {
    const expected = expectedLimitsMultiRegion([0.3, 0.1, 0.2, 0.05, 0.1, 0.1, 0.1, 0.05], [0.05, 0.09, 0.02, 0.11, 0.08, 0.03, 0.02, 0.02], {
      seed: 5,
      toys: 10_000,
      pseudoExperiments: 1000,
    });
    expect(expected.minus2Sigma).toBeCloseTo(Math.log(10), 12); // ≥ 66 % of pseudo-data are all zero (Σb = 0.42)
    expect(expected.median).toBeCloseTo(Math.log(10), 12);
    expect(expected.plus1Sigma).toBeGreaterThan(expected.median);
    expect(expected.plus2Sigma).toBeGreaterThanOrEqual(expected.plus1Sigma);
  });
});
