/**
 * Single-region (counting experiment) Poisson CLs, physics.md §9.1.
 *
 *   CLs(s; n, b) = P(N ≤ n | s + b) / P(N ≤ n | b),  P(N ≤ n | μ) = e^{−μ} Σ_{k≤n} μ^k/k! = Q(n + 1, μ)
 *
 * (Read, J. Phys. G 28 (2002) 2693, eqs. 3–6, with the event count as test statistic;
 * Junk, NIM A434 (1999) 435, hep-ex/9902006.) Ratios are formed in log space via the regularised
 * incomplete gamma function, so n and b of 10⁶ neither overflow nor underflow.
 */
import { requireConfidenceLevel, requireCount, requireNonNegativeFinite } from './errors.ts';
import { poissonLogCdf, poissonLogPmf, poissonQuantile, STANDARD_NORMAL_CDF } from './special-functions.ts';

export interface ConfidenceLevelOption {
  /** Confidence level of the limit; default 0.9 (exclusion where CLs < 1 − 0.9 = 0.1). */
  confidenceLevel?: number;
}

export const DEFAULT_CONFIDENCE_LEVEL = 0.9;

/** CLs for one region (physics.md §9.1; Read 2002 eq. 6). Returns a value in (0, 1]. */
export function clsSingleRegion(signal: number, background: number, observed: number): number {
  requireNonNegativeFinite('signal', signal);
  requireNonNegativeFinite('background', background);
  requireCount('observed', observed);
  return Math.exp(logClsSingleRegionUnchecked(signal, background, observed));
}

/** ln CLs without validation (internal). */
export function logClsSingleRegionUnchecked(signal: number, background: number, observed: number): number {
  if (signal === 0) return 0;
  // n = 0: CLs = e^{−(s+b)}/e^{−b} = e^{−s} exactly, independent of b (physics.md §9.1).
  if (observed === 0) return -signal;
  return poissonLogCdf(observed, signal + background) - poissonLogCdf(observed, background);
}

/**
 * Solves g(x) = 0 for a strictly decreasing g with g(low) > 0, by safeguarded Newton
 * (Newton step, bisection whenever the step leaves the bracket); `derivative` must be < 0.
 * Upper bracket found by doubling from `low`.
 */
function solveDecreasing(g: (x: number) => number, derivative: (x: number) => number, low: number, what: string): number {
  let high = Math.max(2 * low, 1);
  let doublings = 0;
  while (g(high) > 0) {
    low = high;
    high *= 2;
    if (++doublings > 1100) throw new Error(`${what}: no upper bracket found (last tried ${high})`);
  }
  let x = 0.5 * (low + high);
  for (let iteration = 0; iteration < 300; iteration++) {
    const value = g(x);
    if (value === 0) return x;
    if (value > 0) low = x;
    else high = x;
    const slope = derivative(x);
    let next = x - value / slope;
    if (!(next > low && next < high) || !Number.isFinite(next)) next = 0.5 * (low + high);
    if (Math.abs(next - x) <= 1e-14 * Math.max(1, x) || high - low <= 1e-14 * Math.max(1, high)) return next;
    x = next;
  }
  return x;
}

/**
 * Observed CLs upper limit s_up on the signal: CLs(s_up; n, b) = 1 − CL (physics.md §9.1).
 * ln CLs(s) is strictly decreasing in s with d ln CLs/ds = −Pois(n | s+b)/P(N ≤ n | s+b),
 * so safeguarded Newton on ln CLs(s) − ln(1 − CL) converges in a few steps. Since
 * CLs(s) ≥ e^{−s} for every n (the likelihood ratio Pois(k | s+b)/Pois(k | b) = e^{−s}(1 + s/b)^k
 * is ≥ e^{−s} on every outcome; docs/statistics.md §2), s_up ≥ ln(1/(1 − CL)), the start of the bracket.
 * n = 0 gives exactly ln(1/(1 − CL)) = 2.3026 at 90 % CL, whatever b.
 */
export function upperLimitSingleRegion(observed: number, background: number, options: ConfidenceLevelOption = {}): number {
  requireCount('observed', observed);
  requireNonNegativeFinite('background', background);
  const confidenceLevel = requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL);
  return upperLimitSingleRegionUnchecked(observed, background, confidenceLevel);
}

export function upperLimitSingleRegionUnchecked(observed: number, background: number, confidenceLevel: number): number {
  const logAlpha = Math.log(1 - confidenceLevel);
  if (observed === 0) return -logAlpha;
  const logDenominator = poissonLogCdf(observed, background);
  const g = (s: number) => poissonLogCdf(observed, s + background) - logDenominator - logAlpha;
  const slope = (s: number) => -Math.exp(poissonLogPmf(observed, s + background) - poissonLogCdf(observed, s + background));
  return solveDecreasing(g, slope, -logAlpha, `upperLimitSingleRegion(n = ${observed}, b = ${background})`);
}

/**
 * Classical (Neyman) upper limit for comparison (physics.md §9.1): P(N ≤ n | s_up + b) = 1 − CL,
 * i.e. s_up = μ_up(n) − b. It can be negative (n = 0, b > 2.303 at 90 % CL); no clipping is applied.
 */
export function classicalUpperLimitSingleRegion(observed: number, background: number, options: ConfidenceLevelOption = {}): number {
  requireCount('observed', observed);
  requireNonNegativeFinite('background', background);
  const confidenceLevel = requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL);
  const logAlpha = Math.log(1 - confidenceLevel);
  if (observed === 0) return -logAlpha - background;
  const g = (mean: number) => poissonLogCdf(observed, mean) - logAlpha;
  const slope = (mean: number) => -Math.exp(poissonLogPmf(observed, mean) - poissonLogCdf(observed, mean));
  return solveDecreasing(g, slope, -logAlpha, `classicalUpperLimitSingleRegion(n = ${observed})`) - background;
}

/** One expected-limit entry: the Poisson(b) quantile probability, the count there, and s_up for that count. */
export interface ExpectedLimitQuantile {
  /** Probability p of the band edge (Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2)). */
  probability: number;
  /** Smallest n with P(N ≤ n | b) ≥ p. */
  observed: number;
  /** s_up(n, b). */
  upperLimit: number;
}

export interface ExpectedLimits {
  minus2Sigma: number;
  minus1Sigma: number;
  median: number;
  plus1Sigma: number;
  plus2Sigma: number;
}

export interface SingleRegionExpectedLimits extends ExpectedLimits {
  quantiles: ExpectedLimitQuantile[];
}

/**
 * Expected CLs limits under the background-only hypothesis, computed exactly (no toys).
 *
 * Convention (docs/statistics.md §4): s_up(n, b) is non-decreasing in n, so the p-quantile of the
 * distribution of s_up over N ~ Poisson(b) is s_up(n_p, b) with n_p the lower p-quantile of
 * Poisson(b) (smallest n with P(N ≤ n | b) ≥ p). Bands use p = Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2)
 * = 2.275 %, 15.87 %, 50 %, 84.13 %, 97.72 %. physics.md §9.2 calls the median "observe the most
 * likely count" — e.g. b = 1.38 gives n = 1 and 3.145 (ALPINIST's KOTO2pnn 3.14).
 */
export function expectedLimitsSingleRegion(background: number, options: ConfidenceLevelOption = {}): SingleRegionExpectedLimits {
  requireNonNegativeFinite('background', background);
  const confidenceLevel = requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL);
  const probabilities = [
    STANDARD_NORMAL_CDF.minus2Sigma,
    STANDARD_NORMAL_CDF.minus1Sigma,
    STANDARD_NORMAL_CDF.median,
    STANDARD_NORMAL_CDF.plus1Sigma,
    STANDARD_NORMAL_CDF.plus2Sigma,
  ];
  const quantiles = probabilities.map((probability) => {
    const observed = poissonQuantile(probability, background);
    return { probability, observed, upperLimit: upperLimitSingleRegionUnchecked(observed, background, confidenceLevel) };
  });
  return {
    minus2Sigma: quantiles[0].upperLimit,
    minus1Sigma: quantiles[1].upperLimit,
    median: quantiles[2].upperLimit,
    plus1Sigma: quantiles[3].upperLimit,
    plus2Sigma: quantiles[4].upperLimit,
    quantiles,
  };
}

/**
 * Poisson-averaged expected limit Σ_n Pois(n | b) s_up(n, b) (physics.md §9.2 quotes 3.63 for
 * b = 1.38 and 4.72 for b = 3.35). The sum runs over the central range holding all but ~1e-13 of
 * the Poisson probability.
 */
export function poissonAveragedExpectedLimit(background: number, options: ConfidenceLevelOption = {}): number {
  requireNonNegativeFinite('background', background);
  const confidenceLevel = requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL);
  if (background === 0) return upperLimitSingleRegionUnchecked(0, 0, confidenceLevel);
  const first = poissonQuantile(1e-14, background);
  const last = poissonQuantile(1 - 1e-14, background);
  let sum = 0;
  let weight = 0;
  for (let n = first; n <= last; n++) {
    const probability = Math.exp(poissonLogPmf(n, background));
    sum += probability * upperLimitSingleRegionUnchecked(n, background, confidenceLevel);
    weight += probability;
  }
  return sum / weight;
}
