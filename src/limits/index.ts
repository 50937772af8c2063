/** Limits library (issue #5): rescaling tables to couplings, CLs exclusion, contours. Browser-safe. */
export { LimitsInputError, TableMismatchError } from './errors.ts';
export { MODEL_CHOICES, parseLimitsModel, toLimitsModel, modelAtCoupling, couplingAxisLabel, type LimitsModel } from './model.ts';
export {
  POINT_STATUS,
  POINT_STATUS_NAMES,
  expectedSignal,
  exposurePot,
  massPhysics,
  prepareTableSet,
  productionCouplingScale,
  signalForKotoModel,
  signalFromPhysics,
  signalPlane,
  tableMassRange,
  type MassPhysics,
  type ScenarioTableSet,
  type SignalPlane,
  type SignalPoint,
} from './rescale.ts';
export {
  ALLOWED,
  CONFIDENCE_LEVEL,
  EXCLUDED,
  UNKNOWN,
  classifySignalPlane,
  createSetupEvaluator,
  decideSignal,
  statisticsSetup,
  type Decision,
  type LimitBasis,
  type StatisticsSetup,
} from './exclusion.ts';
export { exclusionContours, excludedIntervals, type CouplingInterval, type ExclusionContours, type Point } from './contours.ts';
export {
  checkScanMasses,
  computeLimits,
  logSpace,
  pointDecider,
  widthGridFor,
  type ComputeLimitsInput,
  type ContourSet,
  type ExclusionEntry,
  type LimitsJson,
} from './compute.ts';
export {
  PLANE_COUPLINGS,
  computeCouplingPlane,
  couplingPlaneWidthRange,
  parsePlaneCoupling,
  planeModel,
  type CouplingPlaneJson,
  type PlaneCoupling,
} from './plane.ts';
