/**
 * 90 % CL exclusion per (mass, coupling) point: CLs(signal) < 0.1 with the scenario's backgrounds
 * and counts (physics.md §9; docs/statistics.md), decided by src/stats createExclusionEvaluator
 * (exact decisions; closed forms for one region or all-zero counts).
 *
 * Basis (docs/limits.md §4):
 * - 'observed' when every signal region has observedEvents and the exposure is the scenario's own.
 * - 'expected-median' otherwise (projections, or `--pot` ≠ the scenario's POT, where the recorded
 *   counts no longer apply). Each region's count is set to the lower median of Poisson(b_i), the
 *   smallest n with P(N ≤ n | b_i) ≥ 0.5 (docs/statistics.md §4). For one region this is exactly
 *   the median expected limit (b = 1.38 → n = 1 → s_up = 3.145, ALPINIST's KOTO2pnn 3.14,
 *   physics.md §9.2); for several regions it is the "per-region median data set", an
 *   approximation of the median of the combined limit (exact when Σb < ln 2, where every median
 *   is 0 and the all-zero outcome has probability ≥ 1/2).
 *
 * Backgrounds follow the exposure as the scenario says (exposure.backgroundScaling):
 * 'proportional' → b_i × POT/POT_scenario, 'fixed' → b_i.
 * Browser-safe.
 */
import { createExclusionEvaluator, poissonQuantile, STANDARD_NORMAL_CDF, type ExclusionEvaluator } from '../stats/index.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { LimitsInputError, requirePositiveFinite } from './errors.ts';
import { POINT_STATUS, type SignalPlane } from './rescale.ts';

export const CONFIDENCE_LEVEL = 0.9;

export type LimitBasis = 'observed' | 'expected-median';

export interface StatisticsSetup {
  basis: LimitBasis;
  /** Why this basis (one sentence, for limits.json). */
  basisNote: string;
  regionNames: string[];
  /** Expected background per region at `pot`. */
  background: number[];
  /** Counts the CLs uses: observed, or per-region Poisson medians for 'expected-median'. */
  observed: number[];
  pot: number;
  confidenceLevel: number;
}

const POT_TOLERANCE = 1e-12;

/** Backgrounds, counts and basis of a scenario at an exposure (default the scenario's own). */
export function statisticsSetup(scenario: Scenario, options: { pot?: number } = {}): StatisticsSetup {
  const scenarioPot = scenario.exposure.pot;
  const pot = options.pot === undefined ? scenarioPot : requirePositiveFinite('pot', options.pot, 'protons on target');
  const sameExposure = Math.abs(pot - scenarioPot) <= POT_TOLERANCE * scenarioPot;
  const scale = scenario.exposure.backgroundScaling === 'proportional' ? pot / scenarioPot : 1;
  const background = scenario.regions.map((region) => region.backgroundEvents * scale);
  const allObserved = scenario.regions.every((region) => region.observedEvents !== null);
  const regionNames = scenario.regions.map((region) => region.name);
  if (allObserved && sameExposure) {
    return {
      basis: 'observed',
      basisNote: 'CLs with the observed counts of every signal region',
      regionNames,
      background,
      observed: scenario.regions.map((region) => region.observedEvents as number),
      pot,
      confidenceLevel: CONFIDENCE_LEVEL,
    };
  }
  const why = allObserved
    ? `the exposure ${pot} POT differs from the scenario's ${scenarioPot} POT, so its observed counts do not apply`
    : 'the scenario is a projection (no observed counts)';
  const single = scenario.regions.length === 1;
  return {
    basis: 'expected-median',
    basisNote: `${why}; counts set to the lower median of Poisson(b) per region (${single ? 'exact median expected limit for one region' : 'per-region median data set, an approximation of the combined median for several regions'})`,
    regionNames,
    background,
    observed: background.map((b) => poissonQuantile(STANDARD_NORMAL_CDF.median, b)),
    pot,
    confidenceLevel: CONFIDENCE_LEVEL,
  };
}

/** The exclusion evaluator of a setup (build once per scenario and exposure; reused for every point). */
export function createSetupEvaluator(setup: StatisticsSetup, observed: number[] = setup.observed): ExclusionEvaluator {
  return createExclusionEvaluator({ background: setup.background, observed, confidenceLevel: setup.confidenceLevel });
}

/** Decision codes of exclusion grids. */
export const ALLOWED = 0;
export const EXCLUDED = 1;
/** Outside the simulated (m, Γ) grid: no decision. */
export const UNKNOWN = 2;
export type Decision = typeof ALLOWED | typeof EXCLUDED | typeof UNKNOWN;

export interface ExclusionOptions {
  /** Signal shifted by this many MC standard errors (each region; clamped at 0): the MC band uses ±1. */
  errorShift?: number;
  /** Reused output buffer. */
  out?: Uint8Array;
  /** Reused scratch buffer for shifted signals. */
  scratch?: Float64Array;
}

/**
 * One decision per plane point (same order as the plane): EXCLUDED, ALLOWED, or UNKNOWN where the
 * point lies outside the tables (plane.status ≠ ok).
 */
export function classifySignalPlane(plane: SignalPlane, evaluator: ExclusionEvaluator, options: ExclusionOptions = {}): Uint8Array {
  const points = plane.status.length;
  const k = plane.regionNames.length;
  if (evaluator.regionCount !== k) throw new LimitsInputError(`the evaluator has ${evaluator.regionCount} regions but the signal plane has ${k}`);
  const shift = options.errorShift ?? 0;
  let signals = plane.signal;
  if (shift !== 0) {
    signals = options.scratch && options.scratch.length === plane.signal.length ? options.scratch : new Float64Array(plane.signal.length);
    for (let p = 0; p < points; p++) shiftSignal(plane.signal, plane.signalError, shift, signals, p * k, k);
  }
  const out = options.out ?? new Uint8Array(points);
  evaluator.classifyPlane(signals, out);
  for (let p = 0; p < points; p++) if (plane.status[p] !== POINT_STATUS.ok) out[p] = UNKNOWN;
  return out;
}

/**
 * The signal of one point shifted by `shift` MC standard errors of its total (the MC band, docs/limits.md §6):
 * each region r moves by shift · σ_r · √(Σσ²)/Σσ, so the regions move in proportion to their errors and
 * the total moves by shift · √(Σ σ_r²). Disjoint regions share no sample (their MC errors are
 * independent, slightly anti-correlated), so the total's error is the quadrature sum, not Σσ_r: a
 * coherent shift of every region by its own σ_r overstated the band of multi-region scenarios
 * (KOTO Step-1, 8 regions: 43 % against 20 % of N at the lower edge with 4e5 samples). Clamped at 0.
 */
export function shiftSignal(
  signal: ArrayLike<number>,
  signalError: ArrayLike<number>,
  shift: number,
  out: Float64Array,
  offset: number,
  regions: number,
): void {
  let sum = 0;
  let sumSquares = 0;
  for (let r = 0; r < regions; r++) {
    const error = signalError[offset + r];
    sum += error;
    sumSquares += error * error;
  }
  const scale = sum > 0 ? Math.sqrt(sumSquares) / sum : 1;
  for (let r = 0; r < regions; r++) out[offset + r] = Math.max(signal[offset + r] + shift * scale * signalError[offset + r], 0);
}

/** Decision for one signal vector with its status. */
export function decideSignal(
  evaluator: ExclusionEvaluator,
  status: number,
  signal: Float64Array,
  signalError: Float64Array,
  errorShift = 0,
  scratch = new Float64Array(signal.length),
): Decision {
  if (status !== POINT_STATUS.ok) return UNKNOWN;
  shiftSignal(signal, signalError, errorShift, scratch, 0, signal.length);
  return evaluator.isExcluded(scratch) ? EXCLUDED : ALLOWED;
}
