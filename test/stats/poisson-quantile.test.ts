/**
 * Issue 16: poissonQuantile returns for any background (it looped forever once b passed ~1e16:
 * `--pot 1e308`, `backgroundEvents 1e308`), and the expected-band quantile levels are the
 * one-sided Φ(±1), Φ(±2) (the two-sided 0.317 in place of Φ(−1) collapsed the −1σ band onto the
 * median at b = 1.38, the `npm start` default, and no test noticed).
 */
import { describe, expect, it } from 'vitest';
import { inverseStandardNormal, POISSON_NORMAL_APPROXIMATION_MEAN, poissonQuantile, STANDARD_NORMAL_CDF } from '../../src/stats/special-functions.ts';

describe('poissonQuantile for huge backgrounds', () => {
  for (const b of [1e16, 1e17, 1e20, 1e100, 1e308]) {
    it(`b = ${b}: returns at once, median = b, −1σ ≈ b − √b`, () => {
      const started = Date.now();
      expect(poissonQuantile(0.5, b)).toBe(b);
      const minus = poissonQuantile(STANDARD_NORMAL_CDF.minus1Sigma, b);
      expect(Number.isFinite(minus)).toBe(true);
      if (b < 1e30) expect((minus - b) / Math.sqrt(b)).toBeCloseTo(-1, 5);
      expect(Date.now() - started).toBeLessThan(100);
    });
  }

  it('the normal approximation joins the exact quantile at its threshold (within one count)', () => {
    for (const p of Object.values(STANDARD_NORMAL_CDF)) {
      const below = poissonQuantile(p, POISSON_NORMAL_APPROXIMATION_MEAN);
      const above = poissonQuantile(p, POISSON_NORMAL_APPROXIMATION_MEAN * (1 + 1e-15));
      expect(Math.abs(above - below)).toBeLessThanOrEqual(2);
    }
  });

  it('refuses a non-finite mean instead of looping', () => {
    expect(() => poissonQuantile(0.5, Infinity)).toThrow('poissonQuantile needs a finite mean ≥ 0 (got Infinity)');
    expect(() => poissonQuantile(0.5, Number.NaN)).toThrow('poissonQuantile needs a finite mean ≥ 0 (got NaN)');
  });
});

describe('expected-band quantile levels', () => {
  it('are Φ(−2), Φ(−1), 1/2, Φ(+1), Φ(+2) (one-sided)', () => {
    expect(inverseStandardNormal(STANDARD_NORMAL_CDF.minus2Sigma)).toBeCloseTo(-2, 4);
    expect(inverseStandardNormal(STANDARD_NORMAL_CDF.minus1Sigma)).toBeCloseTo(-1, 7);
    expect(STANDARD_NORMAL_CDF.median).toBe(0.5);
    expect(inverseStandardNormal(STANDARD_NORMAL_CDF.plus1Sigma)).toBeCloseTo(1, 7);
    expect(inverseStandardNormal(STANDARD_NORMAL_CDF.plus2Sigma)).toBeCloseTo(2, 4);
  });

  it('give the counts 0, 0, 1, 3, 4 at b = 1.38 (the −1σ count is below the median)', () => {
    expect(
      [
        STANDARD_NORMAL_CDF.minus2Sigma,
        STANDARD_NORMAL_CDF.minus1Sigma,
        STANDARD_NORMAL_CDF.median,
        STANDARD_NORMAL_CDF.plus1Sigma,
        STANDARD_NORMAL_CDF.plus2Sigma,
      ].map((p) => poissonQuantile(p, 1.38)),
    ).toEqual([0, 0, 1, 3, 4]);
  });
});
