/**
 * Fast "excluded at 90 % CL?" decisions for dense (mass, coupling) planes.
 *
 * Built once per scenario (backgrounds b_i and observed counts n_i), then asked for many signal
 * vectors s_i (one per plane point; the signal *shape* varies from point to point). The answer is
 * the exact CLs < 1 − CL decision of the LEP statistic of physics.md §9.3 (see multi-region.ts),
 * not an approximation; speed comes from exact shortcuts and rigorous bounds
 * (docs/statistics.md §6):
 *
 *   mode 'single-region'      k = 1: excluded ⇔ s > s_up(n, b), s_up precomputed (physics.md §9.1).
 *   mode 'all-observed-zero'  every n_i = 0: CLs = e^{−Σ s_i} exactly for any b_i, so
 *                             excluded ⇔ Σ s_i > ln(1/(1 − CL)) = 2.303 (physics.md §9.3).
 *   mode 'multi-region'       per point, in order:
 *     (a) upper bound  CLs ≤ L(s+b)/L(b) at the data = exp(−Σ s_i + Σ n_i ln(1 + s_i/b_i)) = e^{−q_obs/2}:
 *         on {q ≥ q_obs} the ratio P_{s+b}(n)/P_b(n) = e^{−q(n)/2} ≤ e^{−q_obs/2}, so
 *         CLs+b ≤ e^{−q_obs/2} CLb. If it is < 1 − CL the point is excluded.
 *     (b) lower bound  CLs ≥ max(e^{−Σ s_i}, Π_i P(N_i ≤ n_i | s_i + b_i)):
 *         the likelihood ratio is ≥ e^{−Σ s} on every outcome, and the box {N_i ≤ n_i ∀i} lies
 *         inside {q ≥ q_obs} (all w_i ≥ 0) while CLb ≤ 1. If it is ≥ 1 − CL the point is allowed.
 *     (c) otherwise exact CLs by enumeration of outcomes (clsBySplitEnumeration); if that would
 *         exceed `maxEnumerationTerms`, seeded toys (`fallbackToys`, `seed`) decide instead and
 *         the point is counted in `counters.toyFallback`.
 *
 * (a) and (b) are rigorous, so only points near the exclusion boundary reach (c).
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
import { clsBySplitEnumeration, EnumerationBudgetExceeded, splitRegions, TailEnumerator, tieTolerance, ToyEnsemble } from './multi-region.ts';
import { DEFAULT_CONFIDENCE_LEVEL, logClsSingleRegionUnchecked, upperLimitSingleRegionUnchecked } from './single-region.ts';
import { poissonLogCdf } from './special-functions.ts';

export interface ExclusionEvaluatorOptions {
  background: ArrayLike<number>;
  observed: ArrayLike<number>;
  /** Default 0.9: excluded where CLs < 0.1. */
  confidenceLevel?: number;
  /** Per-point enumeration budget before falling back to toys (default 2 000 000 terms). */
  maxEnumerationTerms?: number;
  /** Toys per hypothesis for the rare fallback (default 20 000). */
  fallbackToys?: number;
  /** u32 seed of the fallback toys (default 0). */
  seed?: number;
}

export interface ExclusionCounters {
  /** Points decided by a closed form (single region, all-zero data, no signal). */
  closedForm: number;
  /** Points excluded by the upper bound (a). */
  upperBound: number;
  /** Points allowed by the lower bound (b). */
  lowerBound: number;
  /** Points decided by exact enumeration (c). */
  enumerated: number;
  /** Points decided by toys because enumeration exceeded its budget. */
  toyFallback: number;
}

export type ExclusionMode = 'single-region' | 'all-observed-zero' | 'multi-region';

export interface ExclusionEvaluator {
  readonly regionCount: number;
  readonly confidenceLevel: number;
  readonly mode: ExclusionMode;
  /** s_up(n, b) in single-region mode, Σs threshold ln(1/(1 − CL)) in all-observed-zero mode, else undefined. */
  readonly threshold: number | undefined;
  /** Decision counts since creation (or the last resetCounters()). */
  readonly counters: ExclusionCounters;
  resetCounters(): void;
  /** True when CLs(signal) < 1 − CL. `signal` has one entry per region. */
  isExcluded(signal: ArrayLike<number>): boolean;
  /** CLs value for one point (exact; toys only beyond the enumeration budget). */
  cls(signal: ArrayLike<number>): number;
  /**
   * Decisions for many points at once: `signals` holds point p's region i at [p·k + i]; returns
   * (or fills) one byte per point, 1 = excluded.
   */
  classifyPlane(signals: Float64Array, out?: Uint8Array): Uint8Array;
}

function badSignal(index: number, value: number, regionCount: number, arrayName: string): InvalidStatisticsInput {
  const where = arrayName === 'signals' ? ` (point ${Math.floor(index / regionCount)}, region ${index % regionCount})` : '';
  return new InvalidStatisticsInput(arrayName, `${arrayName}[${index}] must be a finite number ≥ 0 (got ${value})${where}`, {
    index,
    value,
  });
}

export function createExclusionEvaluator(options: ExclusionEvaluatorOptions): ExclusionEvaluator {
  if (options === undefined || options === null || typeof options !== 'object') {
    throw new InvalidStatisticsInput('options', 'createExclusionEvaluator needs { background, observed }', { value: options });
  }
  const background = requireNonNegativeFiniteArray('background', options.background);
  const observed = requireCountArray('observed', options.observed);
  requireSameLength({ name: 'background', length: background.length }, { name: 'observed', length: observed.length });
  const confidenceLevel = requireConfidenceLevel(options.confidenceLevel ?? DEFAULT_CONFIDENCE_LEVEL);
  const maxTerms = requirePositiveInteger('maxEnumerationTerms', options.maxEnumerationTerms ?? 2_000_000);
  const fallbackToys = requirePositiveInteger('fallbackToys', options.fallbackToys ?? 20_000, 5_000_000);
  const seed = requireSeed(options.seed ?? 0);
  const k = background.length;
  const alpha = 1 - confidenceLevel;
  const logAlpha = Math.log(alpha);

  const counters: ExclusionCounters = { closedForm: 0, upperBound: 0, lowerBound: 0, enumerated: 0, toyFallback: 0 };
  let mode: ExclusionMode;
  let threshold: number | undefined;
  if (k === 1) {
    mode = 'single-region';
    threshold = upperLimitSingleRegionUnchecked(observed[0], background[0], confidenceLevel);
  } else if (observed.every((n) => n === 0)) {
    mode = 'all-observed-zero';
    threshold = -logAlpha;
  } else {
    mode = 'multi-region';
    threshold = undefined;
  }

  // Regions with n_i > 0, and whether they have b_i = 0 (then the upper bound does not apply).
  const observedRegions = Int32Array.from(Array.from(observed.keys()).filter((i) => observed[i] > 0));
  const signalScratch = new Float64Array(k);

  // Preallocated work arrays for the allocation-free exact path.
  const enumerator = new TailEnumerator(k);
  const sortedWeights = new Float64Array(k);
  const sortedMeansSb = new Float64Array(k);
  const sortedMeansB = new Float64Array(k);

  /**
   * Exact CLs without allocations for the common case (no background-free region with n > 0 and
   * s > 0): same sum as clsBySplitEnumeration. Returns NaN when that case does not apply.
   * Throws EnumerationBudgetExceeded beyond the budget.
   */
  function fastExactCls(signal: Float64Array): number {
    let count = 0;
    let backgroundFreeSignal = 0;
    let observedStatistic = 0;
    for (let i = 0; i < k; i++) {
      const s = signal[i];
      if (s === 0) continue;
      const b = background[i];
      if (b === 0) {
        if (observed[i] > 0) return NaN;
        backgroundFreeSignal += s; // n = 0 background-free region: factor e^{−s} (physics.md §9.3)
        continue;
      }
      const weight = 2 * Math.log1p(s / b); // w_i of physics.md §9.3
      observedStatistic += weight * observed[i];
      // insertion sort, decreasing weight (the smallest weight goes last, summed in closed form)
      let position = count++;
      while (position > 0 && sortedWeights[position - 1] < weight) {
        sortedWeights[position] = sortedWeights[position - 1];
        sortedMeansSb[position] = sortedMeansSb[position - 1];
        sortedMeansB[position] = sortedMeansB[position - 1];
        position--;
      }
      sortedWeights[position] = weight;
      sortedMeansSb[position] = s + b;
      sortedMeansB[position] = b;
    }
    const [pSb, pB] = enumerator.tails(sortedWeights, sortedMeansSb, sortedMeansB, observedStatistic, tieTolerance(observedStatistic), maxTerms, count);
    return (Math.exp(-backgroundFreeSignal) * pSb) / pB;
  }

  /** Exact (or fallback-toy) CLs for a validated signal vector. */
  function exactCls(signal: Float64Array): number {
    try {
      const fast = fastExactCls(signal);
      if (!Number.isNaN(fast)) {
        counters.enumerated++;
        return fast;
      }
      const result = clsBySplitEnumeration(splitRegions(signal, background, observed), 1, maxTerms);
      counters.enumerated++;
      return result.cls;
    } catch (error) {
      if (!(error instanceof EnumerationBudgetExceeded)) throw error;
      counters.toyFallback++;
      return new ToyEnsemble(splitRegions(signal, background, observed), fallbackToys, seed).cls(1).cls;
    }
  }

  /** Decision for signal values signals[offset .. offset + k) (already validated). */
  function decide(signals: Float64Array, offset: number): boolean {
    let total = 0;
    for (let i = 0; i < k; i++) total += signals[offset + i];
    if (mode === 'single-region') {
      counters.closedForm++;
      return total > threshold!;
    }
    if (mode === 'all-observed-zero' || total === 0) {
      counters.closedForm++;
      return total > -logAlpha;
    }
    // (a) upper bound ln CLs ≤ −Σs + Σ n_i ln(1 + s_i/b_i); unusable if an observed region has b = 0 and s > 0.
    let logUpper = -total;
    let upperUsable = true;
    let anyActiveObserved = false;
    for (let j = 0; j < observedRegions.length; j++) {
      const i = observedRegions[j];
      const s = signals[offset + i];
      if (s === 0) continue;
      anyActiveObserved = true;
      const b = background[i];
      if (b === 0) upperUsable = false;
      else logUpper += observed[i] * Math.log1p(s / b);
    }
    if (!anyActiveObserved) {
      counters.closedForm++;
      return total > -logAlpha; // all active n_i = 0: CLs = e^{−Σs} exactly
    }
    if (upperUsable && logUpper < logAlpha) {
      counters.upperBound++;
      return true;
    }
    // (b) lower bound ln CLs ≥ max(−Σs, Σ_active ln P(N_i ≤ n_i | s_i + b_i)).
    if (-total >= logAlpha) {
      counters.lowerBound++;
      return false;
    }
    let logBox = 0;
    for (let i = 0; i < k && logBox >= logAlpha; i++) {
      const s = signals[offset + i];
      if (s === 0) continue;
      const mean = s + background[i];
      const n = observed[i];
      if (n === 0) logBox -= mean;
      else logBox += poissonLogCdf(n, mean);
    }
    if (logBox >= logAlpha) {
      counters.lowerBound++;
      return false;
    }
    for (let i = 0; i < k; i++) signalScratch[i] = signals[offset + i];
    return exactCls(signalScratch) < alpha;
  }

  function validateOne(signal: ArrayLike<number>): Float64Array {
    if (signal === null || typeof signal !== 'object' || typeof signal.length !== 'number') {
      throw new InvalidStatisticsInput('signal', `signal must be an array of ${k} numbers (got ${String(signal)})`, { value: signal });
    }
    if (signal.length !== k) {
      throw new InvalidStatisticsInput('signal', `signal has ${signal.length} regions but background has ${k}; they must match`, {
        value: signal.length,
      });
    }
    const copy = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      const value = signal[i];
      if (!(typeof value === 'number' && value >= 0 && value < Infinity)) throw badSignal(i, value, k, 'signal');
      copy[i] = value;
    }
    return copy;
  }

  return {
    regionCount: k,
    confidenceLevel,
    mode,
    threshold,
    counters,
    resetCounters() {
      counters.closedForm = counters.upperBound = counters.lowerBound = counters.enumerated = counters.toyFallback = 0;
    },
    isExcluded(signal) {
      return decide(validateOne(signal), 0);
    },
    cls(signal) {
      const values = validateOne(signal);
      if (mode === 'single-region') return Math.exp(logClsSingleRegionUnchecked(values[0], background[0], observed[0]));
      return exactCls(values);
    },
    classifyPlane(signals, out) {
      if (!(signals instanceof Float64Array)) {
        throw new InvalidStatisticsInput('signals', `signals must be a Float64Array (got ${typeof signals})`, { value: signals });
      }
      if (signals.length % k !== 0) {
        throw new InvalidStatisticsInput('signals', `signals length ${signals.length} is not a multiple of the ${k} regions`, {
          value: signals.length,
        });
      }
      const points = signals.length / k;
      const result = out ?? new Uint8Array(points);
      if (result.length < points) {
        throw new InvalidStatisticsInput('out', `out has ${result.length} entries but there are ${points} points`, { value: result.length });
      }
      for (let index = 0; index < signals.length; index++) {
        const value = signals[index];
        if (!(value >= 0 && value < Infinity)) throw badSignal(index, value, k, 'signals');
      }
      if (mode === 'single-region') {
        const limit = threshold!;
        for (let p = 0; p < points; p++) result[p] = signals[p] > limit ? 1 : 0;
        counters.closedForm += points;
        return result;
      }
      if (mode === 'all-observed-zero') {
        const limit = -logAlpha;
        for (let p = 0, offset = 0; p < points; p++, offset += k) {
          let total = 0;
          for (let i = 0; i < k; i++) total += signals[offset + i];
          result[p] = total > limit ? 1 : 0;
        }
        counters.closedForm += points;
        return result;
      }
      for (let p = 0; p < points; p++) result[p] = decide(signals, p * k) ? 1 : 0;
      return result;
    },
  };
}
