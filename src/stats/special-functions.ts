/**
 * Special functions for Poisson statistics, float64, written for this project.
 *
 * - logGamma: Stirling series with upward recurrence (Abramowitz & Stegun 6.1.40/6.1.41).
 * - logUpperRegularizedGamma: ln Q(a, x), Q = Γ(a, x)/Γ(a), by the power series of P(a, x)
 *   for x < a + 1 and the Legendre continued fraction of Q(a, x) for x ≥ a + 1
 *   (A&S 6.5.29 and 6.5.31; evaluated with the modified Lentz method, Numerical Recipes 3rd ed. §6.2).
 *   The prefactor x^a e^{−x}/Γ(a) is kept in log space, so tiny tails never underflow.
 * - Poisson CDF: P(N ≤ n | μ) = Q(n + 1, μ) (A&S 6.5.13 / 26.4.21), used by the CLs formula of
 *   physics.md §9.1.
 *
 * Accuracy: relative ~1e-14 for ln Q when a·ln a ≲ 1e4; for very large a the log-prefactor is a
 * difference of numbers of size a·ln a, so the relative error of Q grows like 1e-16·a·ln a
 * (1e-9 at a = 1e7).
 */

const HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

/** Stirling-series coefficients B_{2k}/(2k(2k−1)) for lnΓ (A&S 6.1.41): 1/12, −1/360, 1/1260, −1/1680, 1/1188, −691/360360. */
const STIRLING_COEFFICIENTS = [1 / 12, -1 / 360, 1 / 1260, -1 / 1680, 1 / 1188, -691 / 360360];

/** Below this argument the recurrence Γ(x+1) = xΓ(x) shifts x up before the Stirling series (truncation error < 3e-16 there). */
const STIRLING_THRESHOLD = 15;

/** ln Γ(x) for x > 0 (A&S 6.1.40 with the series 6.1.41; recurrence A&S 6.1.15 for x < 15). */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0 (got ${x})`);
  let shift = 0;
  let product = 1;
  let shifted = x;
  while (shifted < STIRLING_THRESHOLD) {
    product *= shifted;
    shifted += 1;
    shift++;
  }
  const inverse = 1 / shifted;
  const inverseSquared = inverse * inverse;
  let series = 0;
  let power = inverse;
  for (const coefficient of STIRLING_COEFFICIENTS) {
    series += coefficient * power;
    power *= inverseSquared;
  }
  const stirling = (shifted - 0.5) * Math.log(shifted) - shifted + HALF_LOG_TWO_PI + series;
  return shift === 0 ? stirling : stirling - Math.log(product);
}

const LOG_FACTORIAL_TABLE_SIZE = 256;
const LOG_FACTORIAL_TABLE = (() => {
  const table = new Float64Array(LOG_FACTORIAL_TABLE_SIZE);
  for (let n = 2; n < LOG_FACTORIAL_TABLE_SIZE; n++) table[n] = logGamma(n + 1);
  return table;
})();

/** ln n! for integer n ≥ 0 (table for n < 256, lnΓ(n + 1) above). */
export function logFactorial(n: number): number {
  return n < LOG_FACTORIAL_TABLE_SIZE ? LOG_FACTORIAL_TABLE[n] : logGamma(n + 1);
}

/** Relative convergence target of the series and continued fraction. */
const SERIES_EPSILON = 1e-16;
const TINY = 1e-300;

function iterationLimit(a: number): number {
  // Both expansions need O(√a) terms when x ≈ a; this leaves a wide margin.
  return 1000 + Math.ceil(50 * Math.sqrt(a));
}

/**
 * ln Q(a, x) with Q(a, x) = Γ(a, x)/Γ(a) the regularised upper incomplete gamma function, a > 0, x ≥ 0.
 * Power series for P when x < a + 1 (A&S 6.5.29), Legendre continued fraction for Q otherwise (A&S 6.5.31).
 */
export function logUpperRegularizedGamma(a: number, x: number): number {
  if (!(a > 0) || !Number.isFinite(a)) throw new RangeError(`logUpperRegularizedGamma needs a finite a > 0 (got ${a})`);
  if (!(x >= 0)) throw new RangeError(`logUpperRegularizedGamma needs x ≥ 0 (got ${x})`);
  if (x === 0) return 0;
  if (x === Infinity) return -Infinity;
  const logPrefactor = -x + a * Math.log(x) - logGamma(a);
  const limit = iterationLimit(a);
  if (x < a + 1) {
    // P(a, x) = e^{−x} x^a / Γ(a + 1) · Σ_k x^k / ((a+1)…(a+k)); Q = 1 − P (P ≲ 0.7 here, no cancellation).
    let term = 1 / a;
    let sum = term;
    let denominator = a;
    for (let iteration = 0; iteration < limit; iteration++) {
      denominator += 1;
      term *= x / denominator;
      sum += term;
      if (term < sum * SERIES_EPSILON) {
        const lower = Math.exp(logPrefactor) * sum;
        return Math.log1p(-lower);
      }
    }
    throw new Error(`logUpperRegularizedGamma series did not converge for a = ${a}, x = ${x}`);
  }
  // Continued fraction Q(a, x) = e^{−x} x^a / Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)), modified Lentz.
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < limit; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < SERIES_EPSILON) return logPrefactor + Math.log(h);
  }
  throw new Error(`logUpperRegularizedGamma continued fraction did not converge for a = ${a}, x = ${x}`);
}

/** ln Pois(n | μ) = n ln μ − μ − ln n!  (μ = 0: 0 for n = 0, −∞ otherwise). */
export function poissonLogPmf(n: number, mean: number): number {
  if (mean === 0) return n === 0 ? 0 : -Infinity;
  return n * Math.log(mean) - mean - logFactorial(n);
}

/** Direct summation is used for small n: e^{−μ} Σ_{k≤n} μ^k/k! (physics.md §9.1) is exact to rounding there. */
const DIRECT_SUM_MAX_COUNT = 30;

/**
 * ln P(N ≤ n | μ) = ln Q(n + 1, μ) for integer n ≥ 0, μ ≥ 0 (physics.md §9.1; A&S 26.4.21).
 * Small n and moderate μ use the finite sum; everything else the incomplete gamma function,
 * so large n and μ (10⁶ and beyond) neither overflow nor underflow.
 */
export function poissonLogCdf(n: number, mean: number): number {
  if (mean === 0) return 0;
  if (n <= DIRECT_SUM_MAX_COUNT && mean < 500) {
    let term = 1;
    let sum = 1;
    for (let k = 1; k <= n; k++) {
      term *= mean / k;
      sum += term;
    }
    return Math.log(sum) - mean;
  }
  return logUpperRegularizedGamma(n + 1, mean);
}

/** P(N ≤ n | μ). */
export function poissonCdf(n: number, mean: number): number {
  return Math.exp(poissonLogCdf(n, mean));
}

/**
 * Lower quantile of Poisson(μ): the smallest integer n with P(N ≤ n | μ) ≥ p, 0 < p < 1.
 * This is the convention used for expected limits (docs/statistics.md).
 */
/** Above this mean poissonQuantile uses the Cornish–Fisher normal approximation (error ≪ 1 count relative to √b). */
export const POISSON_NORMAL_APPROXIMATION_MEAN = 1e9;

/** Φ⁻¹(p), Acklam's rational approximation (relative error < 1.2e-9). */
export function inverseStandardNormal(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`inverseStandardNormal needs 0 < p < 1 (got ${p})`);
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549671010243001, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) => (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

export function poissonQuantile(probability: number, mean: number): number {
  if (!(probability > 0 && probability < 1)) throw new RangeError(`poissonQuantile needs 0 < p < 1 (got ${probability})`);
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new RangeError(`poissonQuantile needs a finite mean ≥ 0 (got ${mean})`);
  if (mean === 0) return 0;
  if (mean > POISSON_NORMAL_APPROXIMATION_MEAN) {
    // Exact bisection over the CDF costs O(√b) per step and loses integer resolution above 2^53 (it
    // never returned for b ≳ 1e16, issue 16); here a Poisson is normal to far below one count in √b.
    const z = inverseStandardNormal(probability);
    return Math.max(0, Math.ceil(mean + z * Math.sqrt(mean) + (z * z - 1) / 6 - 0.5));
  }
  const logProbability = Math.log(probability);
  let low = -1; // invariant: CDF(low) < p (CDF(−1) = 0)
  let high = Math.ceil(mean + 20 * Math.sqrt(mean) + 40); // CDF(high) ≥ p for any p < 1 − 1e-40
  while (poissonLogCdf(high, mean) < logProbability && Number.isFinite(high * 2)) high *= 2;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    // Above 2^53 neighbouring doubles are more than 1 apart: the bisection has reached the
    // resolution of the numbers (b ≳ 1e16; it looped forever there before, issue 16).
    if (middle <= low || middle >= high) break;
    if (poissonLogCdf(middle, mean) >= logProbability) high = middle;
    else low = middle;
  }
  return high;
}

/** Standard normal CDF values at ±1σ, ±2σ (Φ(z) = erfc(−z/√2)/2; A&S 26.2), used for the expected-limit bands. */
export const STANDARD_NORMAL_CDF = {
  minus2Sigma: 0.022750131948179195,
  minus1Sigma: 0.15865525393145707,
  median: 0.5,
  plus1Sigma: 0.8413447460685429,
  plus2Sigma: 0.9772498680518208,
} as const;
