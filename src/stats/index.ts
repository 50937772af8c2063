/**
 * Statistics library: Poisson CLs limits for counting experiments (physics.md §9;
 * docs/statistics.md). Pure float64 functions; pseudo-experiments are seeded (Philox4x32-10).
 */
export { InvalidStatisticsInput } from './errors.ts';
export {
  logGamma,
  logFactorial,
  logUpperRegularizedGamma,
  poissonCdf,
  poissonLogCdf,
  poissonLogPmf,
  poissonQuantile,
  STANDARD_NORMAL_CDF,
} from './special-functions.ts';
export { philox4x32, fillToyUniforms, uniformFromWords } from './rng.ts';
export {
  DEFAULT_CONFIDENCE_LEVEL,
  classicalUpperLimitSingleRegion,
  clsSingleRegion,
  expectedLimitsSingleRegion,
  poissonAveragedExpectedLimit,
  upperLimitSingleRegion,
  type ConfidenceLevelOption,
  type ExpectedLimitQuantile,
  type ExpectedLimits,
  type SingleRegionExpectedLimits,
} from './single-region.ts';
export {
  DEFAULT_MAX_ENUMERATION_TERMS,
  DEFAULT_TOYS,
  EnumerationBudgetExceeded,
  clsMultiRegion,
  clsMultiRegionEnumerated,
  expectedLimitsMultiRegion,
  testStatisticMultiRegion,
  upperLimitMultiRegion,
  type EnumerationOptions,
  type MultiRegionClsResult,
  type MultiRegionExpectedLimits,
  type MultiRegionExpectedOptions,
  type MultiRegionUpperLimit,
  type MultiRegionUpperLimitOptions,
  type ToyOptions,
} from './multi-region.ts';
export {
  createExclusionEvaluator,
  type ExclusionCounters,
  type ExclusionEvaluator,
  type ExclusionEvaluatorOptions,
  type ExclusionMode,
} from './exclusion-evaluator.ts';
