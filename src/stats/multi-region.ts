/**
 * Multi-region CLs combination with the LEP/Tevatron likelihood-ratio test statistic
 * (physics.md §9.3; Read, J. Phys. G 28 (2002) 2693; Junk, NIM A434 (1999) 435, hep-ex/9902006):
 *
 *   L(μ) = Π_i Pois(n_i | μ ŝ_i + b_i)
 *   q(μ) = −2 ln[L(μ)/L(0)] = 2 Σ_i [μ ŝ_i − n_i ln(1 + μ ŝ_i/b_i)]                      (§9.3)
 *   CLs(μ) = CLs+b / CLb = P_μ(q ≥ q_obs) / P_0(q ≥ q_obs)                              (Read eq. 6)
 *
 * Large q is background-like. Writing s_i = μ ŝ_i and w_i = 2 ln(1 + s_i/b_i) ≥ 0,
 * q = 2 Σ s_i − W with W = Σ_i w_i n_i, so "q ≥ q_obs" is "W ≤ W_obs": everything below works with W.
 *
 * Regions are split into
 *   - inactive: s_i = 0 (w_i = 0, they never change q and are dropped, even when n_i > 0);
 *   - background regions P: s_i > 0, b_i > 0 (sampled by toys or enumerated);
 *   - background-free regions Z: s_i > 0, b_i = 0, handled analytically (docs/statistics.md §3.3).
 * For Z, q is the b_i → 0 limit: with S0 = Σ_Z s_i and N0 = Σ_Z n_i, q = −2 N0 ln(1/ε) + finite,
 * so outcomes are ordered first by N0 (more events = more signal-like) and then by the finite part
 * W_fin = W_P + 2 Σ_Z n_i ln s_i. Consequently
 *   N0_obs = 0:  CLs = e^{−S0} · CLs_P            (physics.md §9.3: "multiplies CLs by e^{−μ ŝ_i}")
 *   N0_obs > 0:  CLb = 1 (every background-only outcome has N0 = 0), and
 *                CLs = CLs+b = P(N0 < N0_obs | S0) + Pois(N0_obs | S0) · P(W_fin ≤ W_fin,obs | N0 = N0_obs),
 *                where, given N0, the split over Z is multinomial with probabilities s_i/S0.
 * If every active region has n_i = 0 then {W ≤ W_obs} = {all n_i = 0} and CLs = e^{−Σ s_i} exactly
 * (physics.md §9.3 "Simplifications"), for any backgrounds.
 *
 * Ties: outcomes with W within 1e-9·(1 + |W_obs|) of W_obs count as "at least as background-like"
 * (q ≥ q_obs), so the observed outcome itself is always included, as in the single-region formula.
 */
import {
  InvalidStatisticsInput,
  requireConfidenceLevel,
  requireCountArray,
  requireNonNegativeFiniteArray,
  requirePositiveInteger,
  requireSameLength,
  requireSeed,
} from './errors.ts';
import { PoissonInverseTable } from './poisson-sampler.ts';
import { fillToyUniforms } from './rng.ts';
import { DEFAULT_CONFIDENCE_LEVEL, type ExpectedLimits } from './single-region.ts';
import { poissonCdf, poissonLogPmf, STANDARD_NORMAL_CDF } from './special-functions.ts';

/** Relative tolerance for ties in the test statistic (see module comment). */
export const TIE_RELATIVE_TOLERANCE = 1e-9;
export function tieTolerance(observedStatistic: number): number {
  return TIE_RELATIVE_TOLERANCE * (1 + Math.abs(observedStatistic));
}

/** Toy streams: separate Philox counter spaces so ensembles are statistically independent. */
const STREAM_BACKGROUND_ONLY = 0;
const STREAM_SIGNAL_PLUS_BACKGROUND = 1;
const STREAM_BACKGROUND_FREE_SPLIT = 2;
const STREAM_PSEUDO_DATA = 3;

export const DEFAULT_TOYS = 100_000;

export interface ToyOptions {
  /** Number of pseudo-experiments per hypothesis (default 100 000). */
  toys?: number;
  /** Explicit u32 seed (style.md point 7). */
  seed: number;
  /** Default 0.9. */
  confidenceLevel?: number;
}

export interface MultiRegionClsResult {
  /** CLs = clsb / clb. */
  cls: number;
  /** Toy-statistical standard error of cls (0 when exact). */
  standardError: number;
  /** CLs+b = P_{s+b}(q ≥ q_obs). */
  clsb: number;
  /** CLb = P_b(q ≥ q_obs). */
  clb: number;
  /** 'analytic' (closed form), 'toys' or 'enumeration' (exact sum over outcomes). */
  method: 'analytic' | 'toys' | 'enumeration';
  /** Toys per hypothesis used (0 when none). */
  toys: number;
}

// ---------------------------------------------------------------------------------------------
// Region bookkeeping
// ---------------------------------------------------------------------------------------------

/** Validated inputs split into background (P) and background-free (Z) active regions. */
export interface RegionSplit {
  /** ŝ_i for P regions (the signal passed in, before any μ scaling). */
  signalP: Float64Array;
  backgroundP: Float64Array;
  observedP: Int32Array;
  /** ŝ_i for Z regions (b_i = 0). */
  signalZ: Float64Array;
  observedZ: Int32Array;
  /** Σ_Z ŝ_i. */
  signalZTotal: number;
  /** N0_obs = Σ_Z n_i. */
  observedZTotal: number;
  /** Σ ŝ_i over all active regions. */
  signalTotal: number;
  /** True when every active region has n_i = 0 (CLs = e^{−Σ s} exactly). */
  allActiveObservedZero: boolean;
}

export function validateRegions(
  signal: unknown,
  background: unknown,
  observed: unknown,
  signalName = 'signal',
): { signal: Float64Array; background: Float64Array; observed: Int32Array } {
  const signalArray = requireNonNegativeFiniteArray(signalName, signal);
  const backgroundArray = requireNonNegativeFiniteArray('background', background);
  const observedArray = requireCountArray('observed', observed);
  requireSameLength(
    { name: signalName, length: signalArray.length },
    { name: 'background', length: backgroundArray.length },
    { name: 'observed', length: observedArray.length },
  );
  return { signal: signalArray, background: backgroundArray, observed: observedArray };
}

export function splitRegions(signal: Float64Array, background: Float64Array, observed: Int32Array): RegionSplit {
  const signalP: number[] = [];
  const backgroundP: number[] = [];
  const observedP: number[] = [];
  const signalZ: number[] = [];
  const observedZ: number[] = [];
  for (let index = 0; index < signal.length; index++) {
    if (signal[index] === 0) continue;
    if (background[index] > 0) {
      signalP.push(signal[index]);
      backgroundP.push(background[index]);
      observedP.push(observed[index]);
    } else {
      signalZ.push(signal[index]);
      observedZ.push(observed[index]);
    }
  }
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    signalP: Float64Array.from(signalP),
    backgroundP: Float64Array.from(backgroundP),
    observedP: Int32Array.from(observedP),
    signalZ: Float64Array.from(signalZ),
    observedZ: Int32Array.from(observedZ),
    signalZTotal: sum(signalZ),
    observedZTotal: sum(observedZ),
    signalTotal: sum(signalP) + sum(signalZ),
    allActiveObservedZero: observedP.every((n) => n === 0) && observedZ.every((n) => n === 0),
  };
}

/** w_i = 2 ln(1 + s_i/b_i) for P regions at signal strength μ (physics.md §9.3). */
function statisticWeights(split: RegionSplit, mu: number, out: Float64Array): Float64Array {
  for (let i = 0; i < split.signalP.length; i++) out[i] = 2 * Math.log1p((mu * split.signalP[i]) / split.backgroundP[i]);
  return out;
}

/** 2 Σ_Z n_i ln ŝ_i: the finite background-free part of −q (the ln μ·N0 piece is common to all compared outcomes). */
function backgroundFreeFinitePart(signalZ: Float64Array, counts: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < signalZ.length; i++) if (counts[i] > 0) total += 2 * counts[i] * Math.log(signalZ[i]);
  return total;
}

/**
 * Test statistic q = 2 Σ_i [s_i − n_i ln(1 + s_i/b_i)] (physics.md §9.3) for the given signal,
 * background and counts. Returns −∞ when a region with b_i = 0, s_i > 0 has n_i > 0.
 */
export function testStatisticMultiRegion(signal: ArrayLike<number>, background: ArrayLike<number>, observed: ArrayLike<number>): number {
  const inputs = validateRegions(signal, background, observed);
  let q = 0;
  for (let i = 0; i < inputs.signal.length; i++) {
    const s = inputs.signal[i];
    if (s === 0) continue;
    const b = inputs.background[i];
    const n = inputs.observed[i];
    if (b === 0) {
      if (n > 0) return -Infinity;
      q += 2 * s;
    } else q += 2 * (s - n * Math.log1p(s / b));
  }
  return q;
}

// ---------------------------------------------------------------------------------------------
// Toy ensembles with common random numbers
// ---------------------------------------------------------------------------------------------

/**
 * A fixed set of pseudo-experiments for one region split, reusable at any signal strength μ:
 * background-only counts are drawn once; signal-plus-background counts are drawn by inversion
 * from stored uniforms, so the same toy at a larger μ has counts ≥ those at a smaller μ.
 */
export class ToyEnsemble {
  readonly toys: number;
  private readonly split: RegionSplit;
  private readonly regionCount: number;
  /** Background-only counts, region-major: [region·toys + toy]. */
  private readonly countsBackgroundOnly: Int32Array;
  /** Uniforms for the s+b draws, region-major. */
  private readonly uniformsSignalPlusBackground: Float64Array;
  /** 2 Σ_Z n_i ln ŝ_i per toy for the multinomial split of N0_obs over Z regions (only when N0_obs > 0). */
  private readonly backgroundFreeParts: Float64Array | null;
  private readonly weights: Float64Array;
  private readonly table = new PoissonInverseTable();
  private readonly statisticSignalPlusBackground: Float64Array;
  private readonly statisticBackgroundOnly: Float64Array;

  constructor(split: RegionSplit, toys: number, seed: number) {
    this.split = split;
    this.toys = toys;
    const k = split.signalP.length;
    this.regionCount = k;
    this.weights = new Float64Array(k);
    this.statisticSignalPlusBackground = new Float64Array(toys);
    this.statisticBackgroundOnly = new Float64Array(toys);
    this.countsBackgroundOnly = new Int32Array(k * toys);
    this.uniformsSignalPlusBackground = new Float64Array(k * toys);
    const scratch = new Uint32Array(4);
    const perToy = new Float64Array(Math.max(k, 1));
    for (let toy = 0; toy < toys; toy++) {
      fillToyUniforms(seed, STREAM_SIGNAL_PLUS_BACKGROUND, toy, k, perToy, 0, scratch);
      for (let i = 0; i < k; i++) this.uniformsSignalPlusBackground[i * toys + toy] = perToy[i];
    }
    const uniformsBackgroundOnly = new Float64Array(k * toys);
    for (let toy = 0; toy < toys; toy++) {
      fillToyUniforms(seed, STREAM_BACKGROUND_ONLY, toy, k, perToy, 0, scratch);
      for (let i = 0; i < k; i++) uniformsBackgroundOnly[i * toys + toy] = perToy[i];
    }
    for (let i = 0; i < k; i++) {
      this.table.setMean(split.backgroundP[i]);
      for (let toy = 0; toy < toys; toy++) {
        this.countsBackgroundOnly[i * toys + toy] = this.table.sample(uniformsBackgroundOnly[i * toys + toy]);
      }
    }
    // Multinomial split of N0_obs events over Z regions with probabilities ŝ_i/S0 (independent of μ).
    const zCount = split.signalZ.length;
    if (split.observedZTotal > 0 && zCount > 1) {
      this.backgroundFreeParts = new Float64Array(toys);
      const cumulative = new Float64Array(zCount);
      let running = 0;
      for (let i = 0; i < zCount; i++) cumulative[i] = running += split.signalZ[i] / split.signalZTotal;
      cumulative[zCount - 1] = 1;
      const uniforms = new Float64Array(split.observedZTotal);
      const counts = new Int32Array(zCount);
      for (let toy = 0; toy < toys; toy++) {
        fillToyUniforms(seed, STREAM_BACKGROUND_FREE_SPLIT, toy, split.observedZTotal, uniforms, 0, scratch);
        counts.fill(0);
        for (const u of uniforms) {
          let region = 0;
          while (cumulative[region] < u) region++;
          counts[region]++;
        }
        this.backgroundFreeParts[toy] = backgroundFreeFinitePart(split.signalZ, counts);
      }
    } else this.backgroundFreeParts = null;
  }

  /** W = Σ w_i n_i of every s+b toy at strength μ (written into an internal buffer). */
  private fillSignalPlusBackgroundStatistics(mu: number): Float64Array {
    const { toys, regionCount, split } = this;
    const statistic = this.statisticSignalPlusBackground;
    statistic.fill(0);
    for (let i = 0; i < regionCount; i++) {
      const weight = this.weights[i];
      this.table.setMean(mu * split.signalP[i] + split.backgroundP[i]);
      const base = i * toys;
      for (let toy = 0; toy < toys; toy++) statistic[toy] += weight * this.table.sample(this.uniformsSignalPlusBackground[base + toy]);
    }
    if (this.backgroundFreeParts) for (let toy = 0; toy < toys; toy++) statistic[toy] += this.backgroundFreeParts[toy];
    return statistic;
  }

  private fillBackgroundOnlyStatistics(): Float64Array {
    const { toys, regionCount } = this;
    const statistic = this.statisticBackgroundOnly;
    statistic.fill(0);
    for (let i = 0; i < regionCount; i++) {
      const weight = this.weights[i];
      const base = i * toys;
      for (let toy = 0; toy < toys; toy++) statistic[toy] += weight * this.countsBackgroundOnly[base + toy];
    }
    return statistic;
  }

  /**
   * Per-toy statistics at strength μ, sorted ascending (for reuse with many observed data sets);
   * the caller owns the returned arrays. Background-free regions must have N0_obs = 0 here.
   */
  sortedStatistics(mu: number): { weights: Float64Array; signalPlusBackground: Float64Array; backgroundOnly: Float64Array } {
    statisticWeights(this.split, mu, this.weights);
    const signalPlusBackground = Float64Array.from(this.fillSignalPlusBackgroundStatistics(mu)).sort();
    const backgroundOnly = Float64Array.from(this.fillBackgroundOnlyStatistics()).sort();
    return { weights: Float64Array.from(this.weights), signalPlusBackground, backgroundOnly };
  }

  /** CLs at strength μ for the split's observed counts (module comment for the cases). */
  cls(mu: number): MultiRegionClsResult {
    const split = this.split;
    const toys = this.toys;
    if (split.signalTotal === 0) return { cls: 1, standardError: 0, clsb: 1, clb: 1, method: 'analytic', toys: 0 };
    if (split.allActiveObservedZero) {
      const cls = Math.exp(-mu * split.signalTotal);
      return { cls, standardError: 0, clsb: cls, clb: 1, method: 'analytic', toys: 0 };
    }
    const weights = statisticWeights(split, mu, this.weights);
    let observedStatistic = 0;
    for (let i = 0; i < this.regionCount; i++) observedStatistic += weights[i] * split.observedP[i];
    const zSignal = mu * split.signalZTotal;
    if (split.observedZTotal === 0) {
      const threshold = observedStatistic + tieTolerance(observedStatistic);
      const sb = this.fillSignalPlusBackgroundStatistics(mu);
      const bOnly = this.fillBackgroundOnlyStatistics();
      let countSb = 0;
      let countB = 0;
      for (let toy = 0; toy < toys; toy++) {
        if (sb[toy] <= threshold) countSb++;
        if (bOnly[toy] <= threshold) countB++;
      }
      const factor = Math.exp(-zSignal);
      const pSb = countSb / toys;
      const pB = countB / toys;
      const clsb = factor * pSb;
      if (countB === 0) return { cls: 1, standardError: Infinity, clsb, clb: 0, method: 'toys', toys };
      const cls = clsb / pB;
      // Independent binomial estimates: Var(p̂) = p(1 − p)/T, with p(1 − p) floored at (1/T)(1 − 1/T) so that
      // a zero count still gets an error; delta method for the ratio (docs/statistics.md §5).
      const floor = (1 / toys) * (1 - 1 / toys);
      const varianceSb = Math.max(pSb * (1 - pSb), floor) / toys;
      const varianceB = Math.max(pB * (1 - pB), floor) / toys;
      const standardError = factor * Math.sqrt(varianceSb / (pB * pB) + (pSb * pSb * varianceB) / (pB * pB * pB * pB));
      return { cls, standardError, clsb, clb: pB, method: 'toys', toys };
    }
    // N0_obs > 0: CLb = 1; CLs+b = P(N0 < N0_obs) + Pois(N0_obs) · P(W_fin ≤ W_fin,obs | N0 = N0_obs).
    const less = poissonCdf(split.observedZTotal - 1, zSignal);
    const equal = Math.exp(poissonLogPmf(split.observedZTotal, zSignal));
    if (this.regionCount === 0 && split.signalZ.length === 1) {
      const cls = less + equal;
      return { cls, standardError: 0, clsb: cls, clb: 1, method: 'analytic', toys: 0 };
    }
    observedStatistic += backgroundFreeFinitePart(split.signalZ, split.observedZ);
    const threshold = observedStatistic + tieTolerance(observedStatistic);
    const sb = this.fillSignalPlusBackgroundStatistics(mu);
    let count = 0;
    for (let toy = 0; toy < toys; toy++) if (sb[toy] <= threshold) count++;
    const fraction = count / toys;
    const cls = less + equal * fraction;
    const standardError = equal * Math.sqrt(Math.max(fraction * (1 - fraction), (1 / toys) * (1 - 1 / toys)) / toys);
    return { cls, standardError, clsb: cls, clb: 1, method: 'toys', toys };
  }
}

function resolveToyOptions(options: ToyOptions | undefined): { toys: number; seed: number; confidenceLevel: number } {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new InvalidStatisticsInput('options', 'options must be an object with an explicit u32 seed, e.g. { seed: 1 }', { value: options });
  }
  return {
    toys: requirePositiveInteger('toys', options.toys ?? DEFAULT_TOYS, 50_000_000),
    seed: requireSeed(options.seed),
    confidenceLevel: requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL),
  };
}

/**
 * CLs for the given signal per region (s_i, already including any signal strength), background b_i
 * and observed n_i, from seeded pseudo-experiments (physics.md §9.3). Closed forms are used where
 * they exist (all active n_i = 0; only one background-free region); the result says which.
 */
export function clsMultiRegion(
  signal: ArrayLike<number>,
  background: ArrayLike<number>,
  observed: ArrayLike<number>,
  options: ToyOptions,
): MultiRegionClsResult {
  const inputs = validateRegions(signal, background, observed);
  const { toys, seed } = resolveToyOptions(options);
  const split = splitRegions(inputs.signal, inputs.background, inputs.observed);
  if (split.signalTotal === 0 || split.allActiveObservedZero) return new ToyEnsemble(split, 0, seed).cls(1);
  return new ToyEnsemble(split, toys, seed).cls(1);
}

// ---------------------------------------------------------------------------------------------
// Exact CLs by enumeration of outcomes
// ---------------------------------------------------------------------------------------------

/** Thrown internally when an enumeration would exceed its term budget. */
export class EnumerationBudgetExceeded extends Error {
  override name = 'EnumerationBudgetExceeded';
}

/** Path probabilities below this are pruned (both hypotheses); the neglected mass is ≲ terms·1e-17. */
const ENUMERATION_PRUNE_PROBABILITY = 1e-17;

export const DEFAULT_MAX_ENUMERATION_TERMS = 10_000_000;

/**
 * P_λ(Σ_i w_i n_i ≤ budget) for independent n_i ~ Poisson(λ_i), for two mean vectors at once
 * (s+b and b), by depth-first enumeration over all but the last region and the closed-form
 * Poisson CDF for the last. Regions should be ordered by decreasing w (smallest w last).
 * Returns [P_sb, P_b, terms].
 */
export class TailEnumerator {
  private regionCount: number;
  private weights: Float64Array;
  private meansSb: Float64Array;
  private meansB: Float64Array;
  private expMinusSb: Float64Array;
  private expMinusB: Float64Array;
  private totalSb = 0;
  private totalB = 0;
  private terms = 0;
  private maxTerms = 0;
  private tolerance = 0;

  constructor(regionCount: number) {
    this.regionCount = regionCount;
    this.weights = new Float64Array(regionCount);
    this.meansSb = new Float64Array(regionCount);
    this.meansB = new Float64Array(regionCount);
    this.expMinusSb = new Float64Array(regionCount);
    this.expMinusB = new Float64Array(regionCount);
  }

  /**
   * weights, meansSb, meansB: per region (w > 0), ordered by decreasing weight; `budget` may be
   * negative (probability 0); `tolerance` is the tie tolerance added to the budget. Only the first
   * `regionCount` entries of the arrays are used.
   */
  tails(
    weights: Float64Array,
    meansSb: Float64Array,
    meansB: Float64Array,
    budget: number,
    tolerance: number,
    maxTerms: number,
    regionCount = weights.length,
  ): [number, number, number] {
    if (regionCount > this.expMinusSb.length) {
      this.expMinusSb = new Float64Array(regionCount);
      this.expMinusB = new Float64Array(regionCount);
    }
    this.regionCount = regionCount;
    this.weights = weights;
    this.meansSb = meansSb;
    this.meansB = meansB;
    for (let i = 0; i < this.regionCount; i++) {
      this.expMinusSb[i] = Math.exp(-meansSb[i]);
      this.expMinusB[i] = Math.exp(-meansB[i]);
    }
    this.totalSb = 0;
    this.totalB = 0;
    this.terms = 0;
    this.maxTerms = maxTerms;
    this.tolerance = tolerance;
    if (budget + this.tolerance < 0) return [0, 0, 0];
    if (this.regionCount === 0) return [1, 1, 1];
    this.recurse(0, budget, 1, 1);
    return [this.totalSb, this.totalB, this.terms];
  }

  private recurse(depth: number, remaining: number, pathSb: number, pathB: number): void {
    const weight = this.weights[depth];
    const meanSb = this.meansSb[depth];
    const meanB = this.meansB[depth];
    const maxCount = Math.floor((remaining + this.tolerance) / weight);
    if (depth === this.regionCount - 1) {
      this.terms++;
      this.totalSb += pathSb * cdfCapped(maxCount, meanSb);
      this.totalB += pathB * cdfCapped(maxCount, meanB);
      return;
    }
    let pmfSb = this.expMinusSb[depth];
    let pmfB = this.expMinusB[depth];
    const useLog = meanSb > 600 || meanB > 600; // e^{−λ} would underflow
    for (let n = 0; n <= maxCount; n++) {
      if (++this.terms > this.maxTerms) throw new EnumerationBudgetExceeded(`more than ${this.maxTerms} terms`);
      if (useLog) {
        pmfSb = Math.exp(poissonLogPmf(n, meanSb));
        pmfB = Math.exp(poissonLogPmf(n, meanB));
      } else if (n > 0) {
        pmfSb *= meanSb / n;
        pmfB *= meanB / n;
      }
      const nextSb = pathSb * pmfSb;
      const nextB = pathB * pmfB;
      if (nextSb < ENUMERATION_PRUNE_PROBABILITY && nextB < ENUMERATION_PRUNE_PROBABILITY) {
        if (n > meanSb && n > meanB) break; // past both modes the pmfs only decrease
        continue;
      }
      this.recurse(depth + 1, remaining - n * weight, nextSb, nextB);
    }
  }
}

/** P(N ≤ m | λ), returning 1 once m is far beyond the mean (saves the incomplete gamma there). */
function cdfCapped(maxCount: number, mean: number): number {
  if (maxCount < 0) return 0;
  if (maxCount > mean + 40 * Math.sqrt(mean) + 60) return 1;
  return poissonCdf(maxCount, mean);
}

/** All compositions of `total` into `parts` non-negative integers, each passed to `visit`. */
function forEachComposition(total: number, parts: number, visit: (counts: Int32Array) => void): void {
  const counts = new Int32Array(parts);
  const recurse = (index: number, left: number) => {
    if (index === parts - 1) {
      counts[index] = left;
      visit(counts);
      return;
    }
    for (let n = 0; n <= left; n++) {
      counts[index] = n;
      recurse(index + 1, left - n);
    }
  };
  recurse(0, total);
}

/** Exact CLs (same statistic as the toys) for a validated split at strength μ. */
export function clsBySplitEnumeration(split: RegionSplit, mu: number, maxTerms: number): MultiRegionClsResult & { terms: number } {
  if (split.signalTotal === 0) return { cls: 1, standardError: 0, clsb: 1, clb: 1, method: 'analytic', toys: 0, terms: 0 };
  if (split.allActiveObservedZero) {
    const cls = Math.exp(-mu * split.signalTotal);
    return { cls, standardError: 0, clsb: cls, clb: 1, method: 'analytic', toys: 0, terms: 0 };
  }
  const k = split.signalP.length;
  const order = Array.from({ length: k }, (_, i) => i);
  const weightsUnordered = statisticWeights(split, mu, new Float64Array(k));
  order.sort((a, c) => weightsUnordered[c] - weightsUnordered[a]);
  const weights = new Float64Array(k);
  const meansSb = new Float64Array(k);
  const meansB = new Float64Array(k);
  let observedStatistic = 0;
  order.forEach((region, position) => {
    weights[position] = weightsUnordered[region];
    meansSb[position] = mu * split.signalP[region] + split.backgroundP[region];
    meansB[position] = split.backgroundP[region];
    observedStatistic += weightsUnordered[region] * split.observedP[region];
  });
  const enumerator = new TailEnumerator(k);
  const zSignal = mu * split.signalZTotal;
  if (split.observedZTotal === 0) {
    const [pSb, pB, terms] = enumerator.tails(weights, meansSb, meansB, observedStatistic, tieTolerance(observedStatistic), maxTerms);
    const clsb = Math.exp(-zSignal) * pSb;
    return { cls: clsb / pB, standardError: 0, clsb, clb: pB, method: 'enumeration', toys: 0, terms };
  }
  // N0_obs > 0 (module comment): condition on N0 = N0_obs and sum the multinomial splits over Z.
  const less = poissonCdf(split.observedZTotal - 1, zSignal);
  const equal = Math.exp(poissonLogPmf(split.observedZTotal, zSignal));
  const observedFinite = observedStatistic + backgroundFreeFinitePart(split.signalZ, split.observedZ);
  const zCount = split.signalZ.length;
  const logShares = Array.from(split.signalZ, (s) => Math.log(s / split.signalZTotal));
  const tolerance = tieTolerance(observedFinite);
  let conditional = 0;
  let terms = 0;
  forEachComposition(split.observedZTotal, zCount, (counts) => {
    // Multinomial(N0_obs; ŝ_i/S0) probability of this split.
    let logProbability = logFactorialSmall(split.observedZTotal);
    for (let i = 0; i < zCount; i++) logProbability += counts[i] * logShares[i] - logFactorialSmall(counts[i]);
    const budget = observedFinite - backgroundFreeFinitePart(split.signalZ, counts);
    const [pSb, , used] = enumerator.tails(weights, meansSb, meansB, budget, tolerance, Math.max(1, maxTerms - terms));
    terms += used + 1;
    conditional += Math.exp(logProbability) * pSb;
  });
  const cls = less + equal * conditional;
  return { cls, standardError: 0, clsb: cls, clb: 1, method: 'enumeration', toys: 0, terms };
}

function logFactorialSmall(n: number): number {
  let total = 0;
  for (let k = 2; k <= n; k++) total += Math.log(k);
  return total;
}

export interface EnumerationOptions {
  /** Abort (EnumerationBudgetExceeded) beyond this many enumerated terms; default 10⁷. */
  maxTerms?: number;
}

/**
 * Exact CLs for the LEP statistic by summing over all outcomes with q ≥ q_obs (no toys). Cost
 * grows with the number of such outcomes, i.e. with the observed counts and the number of
 * regions; throws EnumerationBudgetExceeded beyond `maxTerms`.
 */
export function clsMultiRegionEnumerated(
  signal: ArrayLike<number>,
  background: ArrayLike<number>,
  observed: ArrayLike<number>,
  options: EnumerationOptions = {},
): MultiRegionClsResult & { terms: number } {
  const inputs = validateRegions(signal, background, observed);
  const maxTerms = requirePositiveInteger('maxTerms', options.maxTerms ?? DEFAULT_MAX_ENUMERATION_TERMS);
  return clsBySplitEnumeration(splitRegions(inputs.signal, inputs.background, inputs.observed), 1, maxTerms);
}

// ---------------------------------------------------------------------------------------------
// Upper limits on the signal strength
// ---------------------------------------------------------------------------------------------

export interface MultiRegionUpperLimitOptions extends ToyOptions {
  /** 'toys' (default) or 'enumeration' (exact; throws EnumerationBudgetExceeded when too costly). */
  method?: 'toys' | 'enumeration';
  maxTerms?: number;
}

export interface MultiRegionUpperLimit {
  /** Signal-strength multiplier μ_up with CLs(μ_up) = 1 − CL: μ > μ_up is excluded. */
  muUp: number;
  /** Toy-statistical error of μ_up from the delta method σ_CLs / |dCLs/dμ| (0 when exact). */
  standardError: number;
  /** The CLs estimate at μ_up. */
  clsAtLimit: number;
  method: 'analytic' | 'toys' | 'enumeration';
  toys: number;
}

/**
 * μ_up for the signal shape ŝ_i: CLs(μ_up ŝ) = 1 − CL (physics.md §9.3: a point is excluded if
 * CLs(μ = 1) < 0.1, i.e. if μ_up < 1). Since CLs(μ) ≥ e^{−μ Σŝ} for any data (docs/statistics.md
 * §2), μ_up ≥ ln(1/(1 − CL))/Σŝ, with equality when all active n_i = 0. Upper bracket by doubling,
 * then bisection on the toy (common random numbers) or exact CLs.
 */
export function upperLimitMultiRegion(
  signalShape: ArrayLike<number>,
  background: ArrayLike<number>,
  observed: ArrayLike<number>,
  options: MultiRegionUpperLimitOptions,
): MultiRegionUpperLimit {
  const inputs = validateRegions(signalShape, background, observed, 'signalShape');
  const { toys, seed, confidenceLevel } = resolveToyOptions(options);
  const method = options.method ?? 'toys';
  if (method !== 'toys' && method !== 'enumeration') {
    throw new InvalidStatisticsInput('method', `method must be 'toys' or 'enumeration' (got '${String(method)}')`, { value: method });
  }
  const maxTerms = requirePositiveInteger('maxTerms', options.maxTerms ?? DEFAULT_MAX_ENUMERATION_TERMS);
  const split = splitRegions(inputs.signal, inputs.background, inputs.observed);
  if (split.signalTotal === 0) {
    throw new InvalidStatisticsInput('signalShape', 'signalShape must have at least one region with signal > 0 (got all zeros)', {
      value: 0,
    });
  }
  const alpha = 1 - confidenceLevel;
  const lowerBound = -Math.log(alpha) / split.signalTotal;
  if (split.allActiveObservedZero) {
    return { muUp: lowerBound, standardError: 0, clsAtLimit: alpha, method: 'analytic', toys: 0 };
  }
  const ensemble = method === 'toys' ? new ToyEnsemble(split, toys, seed) : null;
  const evaluate = (mu: number): MultiRegionClsResult => (ensemble ? ensemble.cls(mu) : clsBySplitEnumeration(split, mu, maxTerms));
  let low = lowerBound;
  const atBound = evaluate(low);
  if (atBound.cls <= alpha) {
    // Only possible through toy fluctuations: the exact CLs at the bound is ≥ α. Return the bound.
    return { muUp: low, standardError: atBound.standardError, clsAtLimit: atBound.cls, method: atBound.method, toys: atBound.toys };
  }
  let high = 2 * low;
  for (let doublings = 0; evaluate(high).cls > alpha; doublings++) {
    if (doublings > 200) throw new Error(`upperLimitMultiRegion: CLs stays above ${alpha} up to μ = ${high}`);
    low = high;
    high *= 2;
  }
  const relativeTolerance = ensemble ? 1e-6 : 1e-10;
  while (high - low > relativeTolerance * high) {
    const middle = 0.5 * (low + high);
    if (evaluate(middle).cls > alpha) low = middle;
    else high = middle;
  }
  const muUp = 0.5 * (low + high);
  const atLimit = evaluate(muUp);
  let standardError = 0;
  if (ensemble) {
    // Delta method: slope of CLs from the same ensemble at μ_up(1 ± 5 %).
    const step = 0.05 * muUp;
    const slope = (evaluate(muUp + step).cls - evaluate(muUp - step).cls) / (2 * step);
    standardError = slope < 0 ? atLimit.standardError / -slope : Infinity;
  }
  return { muUp, standardError, clsAtLimit: atLimit.cls, method: atLimit.method, toys: atLimit.toys };
}

// ---------------------------------------------------------------------------------------------
// Expected limits
// ---------------------------------------------------------------------------------------------

export interface MultiRegionExpectedOptions {
  seed: number;
  /** Toys per hypothesis for each CLs evaluation (default 20 000). */
  toys?: number;
  /** Background-only pseudo-data sets whose μ_up distribution is summarised (default 2 000). */
  pseudoExperiments?: number;
  confidenceLevel?: number;
  /** Ratio between neighbouring μ grid points (default 1.02). */
  gridRatio?: number;
}

export interface MultiRegionExpectedLimits extends ExpectedLimits {
  pseudoExperiments: number;
  toys: number;
  /** Fraction of pseudo-data sets with all counts 0 (their μ_up is exactly ln(1/α)/Σŝ). */
  fractionAllZero: number;
}

/**
 * Expected limits on μ: quantiles (Φ(−2), Φ(−1), 0.5, Φ(1), Φ(2)) of μ_up over background-only
 * pseudo-data n_i ~ Pois(b_i) (physics.md §9.3 "Expected limit"). Quantile convention: the
 * smallest μ_up with empirical CDF ≥ p (same as the single-region convention).
 *
 * Method: one toy ensemble (common random numbers) is evaluated lazily on a geometric μ grid
 * starting at the exact lower bound ln(1/α)/Σŝ; at each grid point the per-toy statistics are
 * sorted once, so CLs for any pseudo-data set is two binary searches. μ_up is found at the first
 * grid point with CLs ≤ α and interpolated linearly in ln CLs from the previous one (CLs falls
 * roughly exponentially in μ; with the default 2 % spacing the interpolation error is far below
 * the toy error). Pseudo-data with all zeros get the exact bound.
 */
export function expectedLimitsMultiRegion(
  signalShape: ArrayLike<number>,
  background: ArrayLike<number>,
  options: MultiRegionExpectedOptions,
): MultiRegionExpectedLimits {
  const signalArray = requireNonNegativeFiniteArray('signalShape', signalShape);
  const backgroundArray = requireNonNegativeFiniteArray('background', background);
  requireSameLength({ name: 'signalShape', length: signalArray.length }, { name: 'background', length: backgroundArray.length });
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new InvalidStatisticsInput('options', 'options must be an object with an explicit u32 seed, e.g. { seed: 1 }', { value: options });
  }
  const seed = requireSeed(options.seed);
  const toys = requirePositiveInteger('toys', options.toys ?? 20_000, 5_000_000);
  const pseudoExperiments = requirePositiveInteger('pseudoExperiments', options.pseudoExperiments ?? 2_000, 10_000_000);
  const confidenceLevel = requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL);
  const gridRatio = options.gridRatio ?? 1.02;
  if (typeof gridRatio !== 'number' || !(gridRatio > 1 && gridRatio <= 2)) {
    throw new InvalidStatisticsInput('gridRatio', `gridRatio must be a number in (1, 2] (got ${String(gridRatio)})`, { value: gridRatio });
  }
  const split = splitRegions(signalArray, backgroundArray, new Int32Array(signalArray.length));
  if (split.signalTotal === 0) {
    throw new InvalidStatisticsInput('signalShape', 'signalShape must have at least one region with signal > 0 (got all zeros)', {
      value: 0,
    });
  }
  const alpha = 1 - confidenceLevel;
  const logAlpha = Math.log(alpha);
  const lowerBound = -logAlpha / split.signalTotal;
  const k = split.signalP.length;

  // Background-only pseudo-data for the P regions (Z regions always see 0 under b-only).
  const pseudoCounts = new Int32Array(pseudoExperiments * k);
  {
    const uniforms = new Float64Array(Math.max(k, 1));
    const scratch = new Uint32Array(4);
    const tables = Array.from(split.backgroundP, (b) => {
      const t = new PoissonInverseTable();
      t.setMean(b);
      return t;
    });
    for (let m = 0; m < pseudoExperiments; m++) {
      fillToyUniforms(seed, STREAM_PSEUDO_DATA, m, k, uniforms, 0, scratch);
      for (let i = 0; i < k; i++) pseudoCounts[m * k + i] = tables[i].sample(uniforms[i]);
    }
  }

  const ensemble = k > 0 ? new ToyEnsemble(split, toys, seed) : null;
  const grid: { mu: number; weights: Float64Array; signalPlusBackground: Float64Array; backgroundOnly: Float64Array }[] = [];
  const gridPoint = (index: number) => {
    while (grid.length <= index) {
      const mu = lowerBound * gridRatio ** grid.length;
      grid.push({ mu, ...ensemble!.sortedStatistics(mu) });
    }
    return grid[index];
  };
  /** Number of entries ≤ value in an ascending array. */
  const countAtMost = (sorted: Float64Array, value: number) => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (sorted[middle] <= value) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const logClsOnGrid = (index: number, counts: Int32Array, offset: number) => {
    const point = gridPoint(index);
    let observedStatistic = 0;
    for (let i = 0; i < k; i++) observedStatistic += point.weights[i] * counts[offset + i];
    const threshold = observedStatistic + tieTolerance(observedStatistic);
    const countB = countAtMost(point.backgroundOnly, threshold);
    if (countB === 0) return 0; // no b-only toy as background-like: treat as CLs = 1 (cannot exclude)
    const countSb = countAtMost(point.signalPlusBackground, threshold);
    return -point.mu * split.signalZTotal + Math.log(countSb / countB);
  };

  const limits = new Float64Array(pseudoExperiments);
  const cache = new Map<string, number>();
  let allZero = 0;
  for (let m = 0; m < pseudoExperiments; m++) {
    const offset = m * k;
    let zero = true;
    for (let i = 0; i < k; i++) if (pseudoCounts[offset + i] !== 0) zero = false;
    if (zero) {
      limits[m] = lowerBound;
      allZero++;
      continue;
    }
    const key = Array.prototype.join.call(pseudoCounts.subarray(offset, offset + k), ',');
    const cached = cache.get(key);
    if (cached !== undefined) {
      limits[m] = cached;
      continue;
    }
    let previousLogCls = logClsOnGrid(0, pseudoCounts, offset);
    let limit = lowerBound;
    if (previousLogCls > logAlpha) {
      for (let index = 1; ; index++) {
        if (index > 5000) throw new Error(`expectedLimitsMultiRegion: CLs stays above ${alpha} up to μ = ${gridPoint(index - 1).mu}`);
        const logCls = logClsOnGrid(index, pseudoCounts, offset);
        if (logCls <= logAlpha) {
          const muLow = grid[index - 1].mu;
          const muHigh = grid[index].mu;
          limit = Number.isFinite(logCls) ? muLow + ((logAlpha - previousLogCls) * (muHigh - muLow)) / (logCls - previousLogCls) : muLow; // CLs estimate 0 at muHigh: the crossing lies in (muLow, muHigh]; take muLow (conservative by < 1 step)
          break;
        }
        previousLogCls = logCls;
      }
    }
    cache.set(key, limit);
    limits[m] = limit;
  }
  const sorted = Float64Array.from(limits).sort();
  const quantile = (p: number) => sorted[Math.max(0, Math.ceil(p * pseudoExperiments) - 1)];
  return {
    minus2Sigma: quantile(STANDARD_NORMAL_CDF.minus2Sigma),
    minus1Sigma: quantile(STANDARD_NORMAL_CDF.minus1Sigma),
    median: quantile(STANDARD_NORMAL_CDF.median),
    plus1Sigma: quantile(STANDARD_NORMAL_CDF.plus1Sigma),
    plus2Sigma: quantile(STANDARD_NORMAL_CDF.plus2Sigma),
    pseudoExperiments,
    toys,
    fractionAllZero: allZero / pseudoExperiments,
  };
}
