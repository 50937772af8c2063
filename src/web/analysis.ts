/**
 * What the views draw, recomputed on every control change without re-running the MC: the
 * expected-signal plane over (m_a, g), CLs decisions, 90 % CL contours with the MC ±1σ band and the
 * expected-limit band, and the coupling–coupling plane at fixed mass. Everything here is the
 * limits library (src/limits: rescaling, CLs, contours); this file only chooses grids and
 * assembles the pieces for plot.ts.
 */
import {
  classifySignalPlane,
  computeCouplingPlane,
  createSetupEvaluator,
  exclusionContours,
  expectedSignal,
  massPhysics,
  pointDecider,
  POINT_STATUS,
  signalPlane,
  statisticsSetup,
  type CouplingPlaneJson,
  type ExclusionContours,
  type LimitsModel,
  type MassPhysics,
  type PlaneCoupling,
  type ScenarioTableSet,
  type SignalPlane,
  type SignalPoint,
  type StatisticsSetup,
} from '../limits/index.ts';
import { logSpace } from '../limits/compute.ts';
import { STANDARD_NORMAL_CDF, poissonQuantile } from '../stats/index.ts';

/** Grid of the (m_a, g) plane the contours are traced on (bisection refines the vertices). */
export const PLANE_MASS_POINTS = 160;
export const PLANE_COUPLING_POINTS = 120;
/** Bisection steps per contour vertex: 2⁻¹⁰ of a grid step, far below the MC uncertainty. */
const REFINE_STEPS = 10;

export interface MassPlaneRequest {
  sets: ScenarioTableSet[];
  model: LimitsModel;
  couplingRange: [number, number];
  /** Exposure as a multiple of each scenario's own POT. */
  potFactor: number;
  /** Which set's N_sig the heat map shows. */
  heatIndex: number;
}

export interface ScenarioExclusion {
  set: ScenarioTableSet;
  setup: StatisticsSetup;
  massRange: [number, number];
  nominal: ExclusionContours;
  mcLow: ExclusionContours;
  mcHigh: ExclusionContours;
  /** Expected-limit contours (single-region scenarios): ±2σ, ±1σ, median by Poisson quantile of b. */
  expected: { median: ExclusionContours; band1: [ExclusionContours, ExclusionContours]; band2: [ExclusionContours, ExclusionContours] } | null;
  /** Median relative MC uncertainty of N_sig at grid points near the boundary (0.3–3 × the limit), or null. */
  mcRelativeUncertainty: number | null;
  /** Fraction of plane points outside the simulated (m, Γ) grid. */
  unknownFraction: number;
}

export interface MassPlaneResult {
  masses: number[];
  couplings: number[];
  scenarios: ScenarioExclusion[];
  heat: { plane: SignalPlane; total: Float64Array } | null;
  milliseconds: number;
}

/**
 * Physics per mass depends on the model, the masses and the order of the set's production modes
 * (MassPhysics.couplingScaleAtUnit follows the tables): cached across slider moves.
 */
const physicsCache = new Map<string, MassPhysics[]>();

function physicsFor(set: ScenarioTableSet, model: LimitsModel, masses: number[]): MassPhysics[] {
  const modes = set.tables.map((table) => table.productionMode).join(',');
  const key = `${set.scenarioHash}|${modes}|${model.cGG},${model.cBB},${model.cWW},${model.cLL}|${masses[0]},${masses.at(-1)},${masses.length}`;
  let physics = physicsCache.get(key);
  if (!physics) {
    if (physicsCache.size > 64) physicsCache.clear();
    physics = masses.map((m) => massPhysics(set, model, m));
    physicsCache.set(key, physics);
  }
  return physics;
}

function massRangeOf(set: ScenarioTableSet): [number, number] {
  const masses = set.tables[0].massesGeV;
  return [masses[0], masses[masses.length - 1]];
}

const EMPTY: ExclusionContours = { polygons: [], lower: [], upper: [] };

function contoursOf(set: ScenarioTableSet, model: LimitsModel, setup: StatisticsSetup, plane: SignalPlane, masses: number[], couplings: number[], counts: number[] | null, shift: number): ExclusionContours {
  if (masses.length < 2) return EMPTY;
  const evaluator = createSetupEvaluator(setup, counts ?? setup.observed);
  const decisions = classifySignalPlane(plane, evaluator, { errorShift: shift });
  const decide = pointDecider(set, model, setup, evaluator, shift);
  return exclusionContours(masses, couplings, decisions, { decide, refineSteps: REFINE_STEPS });
}

/** N_sig summed over regions per plane point. */
function totalSignal(plane: SignalPlane): { total: Float64Array; totalError: Float64Array } {
  const k = plane.regionNames.length;
  const points = plane.status.length;
  const total = new Float64Array(points);
  const totalError = new Float64Array(points);
  for (let p = 0; p < points; p++) {
    let sum = 0;
    let errorSquared = 0;
    for (let r = 0; r < k; r++) {
      sum += plane.signal[p * k + r];
      errorSquared += plane.signalError[p * k + r] ** 2;
    }
    total[p] = sum;
    totalError[p] = Math.sqrt(errorSquared);
  }
  return { total, totalError };
}

function boundaryUncertainty(plane: SignalPlane): number | null {
  const { total, totalError } = totalSignal(plane);
  // The single-region limit is 2.3–4.2 events for the backgrounds of the shipped scenarios: points
  // with 1–10 signal events are those that decide where the contour runs.
  const relative: number[] = [];
  for (let p = 0; p < total.length; p++) {
    if (plane.status[p] === POINT_STATUS.ok && total[p] >= 1 && total[p] <= 10) relative.push(totalError[p] / total[p]);
  }
  if (relative.length === 0) return null;
  relative.sort((a, b) => a - b);
  return relative[Math.floor(relative.length / 2)];
}

export function computeMassPlane(request: MassPlaneRequest): MassPlaneResult {
  const started = performance.now();
  const usable = request.sets.filter((set) => set.tables[0].massesGeV.length >= 1);
  if (usable.length === 0) return { masses: [], couplings: [], scenarios: [], heat: null, milliseconds: 0 };
  const lo = Math.min(...usable.map((set) => massRangeOf(set)[0]));
  const hi = Math.max(...usable.map((set) => massRangeOf(set)[1]));
  const couplings = logSpace(request.couplingRange[0], request.couplingRange[1], PLANE_COUPLING_POINTS);
  const scenarios: ScenarioExclusion[] = [];
  let heat: MassPlaneResult['heat'] = null;
  let sharedMasses: number[] = hi > lo ? logSpace(lo, hi, PLANE_MASS_POINTS) : [lo];
  usable.forEach((set, index) => {
    const range = massRangeOf(set);
    // Each scenario's plane stays inside its own tables (never extrapolated); the heat map uses the shared axis.
    const masses = range[1] > range[0] ? logSpace(range[0], range[1], PLANE_MASS_POINTS) : [range[0]];
    const pot = set.scenario.exposure.pot * request.potFactor;
    const setup = statisticsSetup(set.scenario, { pot });
    const plane = signalPlane(set, request.model, masses, couplings, { pot, physics: physicsFor(set, request.model, masses) });
    const unknown = plane.status.reduce((count, status) => count + (status === POINT_STATUS.ok ? 0 : 1), 0);
    let expected: ScenarioExclusion['expected'] = null;
    if (setup.regionNames.length === 1) {
      const b = setup.background[0];
      const at = (probability: number) => contoursOf(set, request.model, setup, plane, masses, couplings, [poissonQuantile(probability, b)], 0);
      // Background-only outcomes at the 2.3/15.9/50/84.1/97.7 % count quantiles (docs/statistics.md):
      // band edges are the contours at the outer quantiles (fewer counts → larger excluded area).
      expected = {
        median: at(STANDARD_NORMAL_CDF.median),
        band1: [at(STANDARD_NORMAL_CDF.minus1Sigma), at(STANDARD_NORMAL_CDF.plus1Sigma)],
        band2: [at(STANDARD_NORMAL_CDF.minus2Sigma), at(STANDARD_NORMAL_CDF.plus2Sigma)],
      };
    }
    scenarios.push({
      set,
      setup,
      massRange: range,
      nominal: contoursOf(set, request.model, setup, plane, masses, couplings, null, 0),
      mcLow: contoursOf(set, request.model, setup, plane, masses, couplings, null, -1),
      mcHigh: contoursOf(set, request.model, setup, plane, masses, couplings, null, +1),
      expected,
      mcRelativeUncertainty: boundaryUncertainty(plane),
      unknownFraction: unknown / plane.status.length,
    });
    if (index === Math.min(request.heatIndex, usable.length - 1)) {
      sharedMasses = masses;
      heat = { plane, total: totalSignal(plane).total };
    }
  });
  return { masses: sharedMasses, couplings, scenarios, heat, milliseconds: performance.now() - started };
}

export interface SignalRow {
  scenario: string;
  /** Index of the set in the list given to signalRows. */
  setIndex: number;
  point: SignalPoint;
}

/** N_sig at the marker coupling for every table mass of every set (the numbers the e2e test compares with the CLI's). */
export function signalRows(sets: ScenarioTableSet[], model: LimitsModel, couplingPerGeV: number, potFactor: number): SignalRow[] {
  const rows: SignalRow[] = [];
  sets.forEach((set, setIndex) => {
    const pot = set.scenario.exposure.pot * potFactor;
    for (const massGeV of set.tables[0].massesGeV) {
      rows.push({ scenario: set.scenario.name, setIndex, point: expectedSignal(set, model, massGeV, couplingPerGeV, { pot }) });
    }
  });
  return rows;
}

export interface CouplingPlaneRequest {
  sets: ScenarioTableSet[];
  massGeV: number;
  x: PlaneCoupling;
  y: PlaneCoupling;
  range: [number, number];
  points: number;
  potFactor: number;
}

/** One plane per set whose tables cover the mass; `index` is the set's position in the request. */
export function computeCouplingPlanes(request: CouplingPlaneRequest): { planes: Array<{ index: number; plane: CouplingPlaneJson }>; milliseconds: number } {
  const started = performance.now();
  const values = logSpace(request.range[0], request.range[1], request.points);
  const planes: Array<{ index: number; plane: CouplingPlaneJson }> = [];
  request.sets.forEach((set, index) => {
    const [lo, hi] = massRangeOf(set);
    if (request.massGeV < lo * (1 - 1e-9) || request.massGeV > hi * (1 + 1e-9)) return;
    planes.push({
      index,
      plane: computeCouplingPlane({
        set, massGeV: request.massGeV, x: request.x, y: request.y, xValuesPerGeV: values, yValuesPerGeV: values,
        pot: set.scenario.exposure.pot * request.potFactor, refineSteps: 8,
      }),
    });
  });
  return { planes, milliseconds: performance.now() - started };
}

/**
 * The rings of an excluded area as open polylines without the segments that run along the plot
 * border (they close the area where it leaves the scanned range; they are not exclusion edges).
 */
export function ringsWithoutBorder(rings: Array<Array<[number, number]>>, xDomain: [number, number], yDomain: [number, number]): Array<Array<[number, number]>> {
  const near = (value: number, edge: number) => Math.abs(value / edge - 1) < 1e-6;
  const onBorder = (a: [number, number], b: [number, number]) =>
    (near(a[0], xDomain[0]) && near(b[0], xDomain[0])) || (near(a[0], xDomain[1]) && near(b[0], xDomain[1])) ||
    (near(a[1], yDomain[0]) && near(b[1], yDomain[0])) || (near(a[1], yDomain[1]) && near(b[1], yDomain[1]));
  const lines: Array<Array<[number, number]>> = [];
  for (const ring of rings) {
    let current: Array<[number, number]> = [];
    for (let i = 0; i + 1 < ring.length; i++) {
      if (onBorder(ring[i], ring[i + 1])) {
        if (current.length >= 2) lines.push(current);
        current = [];
        continue;
      }
      if (current.length === 0) current.push(ring[i]);
      current.push(ring[i + 1]);
    }
    if (current.length >= 2) lines.push(current);
  }
  return lines;
}
