import { describe, expect, it } from 'vitest';
import {
  classicalUpperLimitSingleRegion,
  clsSingleRegion,
  expectedLimitsSingleRegion,
  poissonAveragedExpectedLimit,
  upperLimitSingleRegion,
} from '../../src/stats/single-region.ts';
import { logGamma, poissonCdf, poissonLogCdf, poissonQuantile } from '../../src/stats/special-functions.ts';

describe('special functions', () => {
  it('logGamma matches exact factorials and Γ(1/2) = √π to 1e-14 relative', () => {
    // ln 10! = ln 3628800; ln 20! = ln 2432902008176640000 (exact integers, double-rounded).
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 13);
    expect(logGamma(21) / Math.log(2432902008176640000) - 1).toBeLessThan(1e-14);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // Γ(1) = Γ(2) = 1.
    expect(Math.abs(logGamma(1))).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(2))).toBeLessThan(1e-14);
  });

  it('Poisson CDF from the incomplete gamma agrees with the direct finite sum', () => {
    // The two code paths (finite sum for n ≤ 30, incomplete gamma above) must agree where both are valid:
    // compare the gamma path at n = 40 with a log-space finite sum (rounding ~1e-15 relative per term).
    for (const mean of [0.5, 10, 39.5, 45, 120]) {
      const n = 40;
      let logTerm = -mean;
      let logSum = logTerm;
      for (let k = 1; k <= n; k++) {
        logTerm += Math.log(mean / k);
        logSum = Math.max(logSum, logTerm) + Math.log1p(Math.exp(-Math.abs(logSum - logTerm)));
      }
      expect(Math.abs(poissonLogCdf(n, mean) - logSum)).toBeLessThan(1e-12 * Math.max(1, Math.abs(logSum)));
    }
  });

  it('handles large counts without overflow (n = b = 1e6: CDF ≈ 1/2 + 1/(3√(2πb)) by the Edgeworth correction)', () => {
    // Poisson(b) at n = b: P(N ≤ b) = 1/2 + 2/(3√(2π b)) − ... to O(1/b); for b = 1e6 that is 0.500266.
    // Continuity-corrected normal: Φ(0.5/√b) = 0.5 + 0.5/√(2π b) = 0.5001995; with the skewness term +1/(6√(2πb)) → 0.500266.
    const value = poissonCdf(1e6, 1e6);
    expect(value).toBeGreaterThan(0.5002);
    expect(value).toBeLessThan(0.5004);
    expect(Number.isFinite(poissonLogCdf(100, 1e6))).toBe(true);
    expect(poissonLogCdf(100, 1e6)).toBeLessThan(-9e5);
  });

  it('poissonQuantile is the smallest n with CDF ≥ p', () => {
    // Poisson(1.38): CDF(0) = 0.2516, CDF(1) = 0.5988 → median 1 (physics.md §9.2).
    expect(poissonQuantile(0.5, 1.38)).toBe(1);
    expect(poissonQuantile(0.5, 3.35)).toBe(3);
    for (const mean of [0.1, 2.7, 55, 4000]) {
      for (const p of [0.02275, 0.5, 0.9772]) {
        const n = poissonQuantile(p, mean);
        expect(poissonCdf(n, mean)).toBeGreaterThanOrEqual(p);
        if (n > 0) expect(poissonCdf(n - 1, mean)).toBeLessThan(p);
      }
    }
  });
});

describe('single-region CLs (physics.md §9.1)', () => {
  it('n = 0 gives CLs = e^{−s} for any b', () => {
    for (const background of [0, 0.42, 10, 1e4]) expect(clsSingleRegion(1.7, background, 0)).toBeCloseTo(Math.exp(-1.7), 15);
  });

  it('equals the ratio of finite sums for small n (definition, physics.md §9.1)', () => {
    const s = 2.2;
    const b = 1.1;
    const n = 3;
    const cdf = (mean: number) => {
      let term = Math.exp(-mean);
      let sum = term;
      for (let k = 1; k <= n; k++) sum += term *= mean / k;
      return sum;
    };
    expect(clsSingleRegion(s, b, n)).toBeCloseTo(cdf(s + b) / cdf(b), 14);
  });

  // physics.md §9.1 table, given to 3 decimals → absolute tolerance 1e-3 (half a unit in the last digit is 5e-4;
  // 1e-3 leaves room for the table's own rounding direction).
  const table: [number, number, number][] = [
    [0, 0, 2.303],
    [0, 5, 2.303],
    [0, 1000, 2.303],
    [1, 0, 3.89],
    [1, 0.3, 3.637],
    [1, 1.38, 3.145],
    [2, 3.35, 3.43],
    [3, 3.35, 4.208],
  ];
  for (const [n, b, expected] of table) {
    it(`s_up(n = ${n}, b = ${b}) = ${expected}`, () => {
      const limit = upperLimitSingleRegion(n, b);
      expect(Math.abs(limit - expected)).toBeLessThan(1e-3);
      // The root itself is solved to ~1e-14: CLs there equals 0.1.
      expect(clsSingleRegion(limit, b, n)).toBeCloseTo(0.1, 12);
    });
  }

  it('n = 0 limit is exactly ln 10 at 90 % CL and ln 20 at 95 % CL', () => {
    expect(upperLimitSingleRegion(0, 3)).toBe(Math.log(10));
    expect(upperLimitSingleRegion(0, 3, { confidenceLevel: 0.95 })).toBeCloseTo(Math.log(20), 14);
  });

  it('large n and b: finite, CLs(s_up) = 0.1, and close to the Gaussian estimate', () => {
    // For n = b = 1e5 the CLs limit is ≈ √b·z with CLs ≈ [1 − Φ(s/√b)]/(1/2) = 0.1 → s/√b ≈ Φ⁻¹(0.95) = 1.645: s ≈ 520.
    // Poisson skewness shifts this by O(1) events: accept ±3 %.
    const limit = upperLimitSingleRegion(100_000, 100_000);
    expect(clsSingleRegion(limit, 100_000, 100_000)).toBeCloseTo(0.1, 9);
    expect(Math.abs(limit / (1.6449 * Math.sqrt(1e5)) - 1)).toBeLessThan(0.03);
  });

  it('s_up(n, b) is non-decreasing in n (needed for the expected-limit convention)', () => {
    for (const b of [0, 0.5, 3.35, 40]) {
      let previous = 0;
      for (let n = 0; n <= 80; n++) {
        const limit = upperLimitSingleRegion(n, b);
        expect(limit).toBeGreaterThanOrEqual(previous);
        previous = limit;
      }
    }
  });

  it('classical limit: 2.303 − b for n = 0 (can be negative), and ≤ the CLs limit', () => {
    expect(classicalUpperLimitSingleRegion(0, 1)).toBeCloseTo(Math.log(10) - 1, 14);
    expect(classicalUpperLimitSingleRegion(0, 3)).toBeLessThan(0);
    // n = 1, b = 0: both coincide (CLb = 1), 3.890.
    expect(classicalUpperLimitSingleRegion(1, 0)).toBeCloseTo(upperLimitSingleRegion(1, 0), 10);
    expect(classicalUpperLimitSingleRegion(3, 3.35)).toBeLessThan(upperLimitSingleRegion(3, 3.35));
  });
});

describe('single-region expected limits', () => {
  it('median for b = 1.38 is s_up(1, 1.38) = 3.145 and for b = 3.35 is s_up(3, 3.35) = 4.208 (physics.md §9.2)', () => {
    expect(expectedLimitsSingleRegion(1.38).median).toBeCloseTo(upperLimitSingleRegion(1, 1.38), 14);
    expect(Math.abs(expectedLimitsSingleRegion(3.35).median - 4.208)).toBeLessThan(1e-3);
  });

  it('bands use the Poisson quantiles at Φ(±1), Φ(±2) and are ordered', () => {
    const expected = expectedLimitsSingleRegion(3.35);
    // Poisson(3.35) CDF: 0.0351, 0.1526, 0.3494, 0.5692, 0.7533, 0.8767, 0.9455, 0.9785
    // → quantile counts 0 (p = 2.275 %), 2 (p = 15.87 %, since CDF(1) = 0.1526 < p), 3, 5 (84.13 %), 7 (97.72 %).
    expect(expected.quantiles.map((q) => q.observed)).toEqual([0, 2, 3, 5, 7]);
    expect(expected.minus2Sigma).toBeCloseTo(Math.log(10), 14);
    expect(expected.minus2Sigma).toBeLessThanOrEqual(expected.minus1Sigma);
    expect(expected.minus1Sigma).toBeLessThanOrEqual(expected.median);
    expect(expected.median).toBeLessThanOrEqual(expected.plus1Sigma);
    expect(expected.plus1Sigma).toBeLessThanOrEqual(expected.plus2Sigma);
  });

  it('Poisson-averaged expected limits reproduce physics.md §9.2 (3.63 for b = 1.38, 4.72 for b = 3.35)', () => {
    // Quoted to 2 decimals → tolerance 0.006 (half a unit plus rounding slack).
    expect(Math.abs(poissonAveragedExpectedLimit(1.38) - 3.63)).toBeLessThan(0.006);
    expect(Math.abs(poissonAveragedExpectedLimit(3.35) - 4.72)).toBeLessThan(0.006);
  });

  it('background-free: every band is ln 10', () => {
    const expected = expectedLimitsSingleRegion(0);
    expect(expected.median).toBe(Math.log(10));
    expect(expected.plus2Sigma).toBe(Math.log(10));
  });
});
