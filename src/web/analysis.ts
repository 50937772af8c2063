/**
 * What the views draw, recomputed on every control change without re-running the MC. The
 * exclusion is runLimits (src/app) on the page's tables — the same contour grid, refinement,
 * MC band and expected band as `alpenglow limits --tables` — plus, for display only, a heat map
 * of N_sig, the coupling–coupling plane at fixed mass and the signal table at the marker.
 */
import { couplingAxis, runLimits } from '../app/run-limits.ts';
import {
  computeCouplingPlane,
  expectedSignal,
  massPhysics,
  POINT_STATUS,
  signalPlane,
  type ContourSet,
  type CouplingPlaneJson,
  type LimitsJson,
  type LimitsModel,
  type MassPhysics,
  type PlaneCoupling,
  type ScenarioTableSet,
  type SignalPlane,
  type SignalPoint,
} from '../limits/index.ts';
import { logSpace, type MassRefinementRecord } from '../limits/compute.ts';

/** Resolution of the heat map (display only; the contours come from runLimits). */
export const HEAT_MASS_POINTS = 160;
export const HEAT_COUPLING_POINTS = 120;

export interface MassPlaneRequest {
  sets: ScenarioTableSet[];
  model: LimitsModel;
  couplingRange: [number, number];
  /** Exposure as a multiple of each scenario's own POT. */
  potFactor: number;
  /** Which set's N_sig the heat map shows. */
  heatIndex: number;
  /** The massRefinement record of each set's run (page runs), so added masses stay marked. */
  refinement?: (MassRefinementRecord | undefined)[];
}

export interface ScenarioExclusion {
  set: ScenarioTableSet;
  /** limits.json of this scenario, as the CLI writes it for the same tables. */
  limits: LimitsJson;
  massRange: [number, number];
  nominal: ContourSet;
  mcLow: ContourSet;
  mcHigh: ContourSet;
  /** Production-systematics ±1σ contours (limits.json contours.systematicMinus1Sigma / Plus1Sigma); null in the first stage. */
  systematic: [ContourSet, ContourSet] | null;
  /** false: the first redraw stage (nominal only; mcLow/mcHigh empty, expected and systematic null). */
  bands: boolean;
  /** Expected-limit contours (single-region scenarios): median, ±1σ and ±2σ by Poisson quantile of b. */
  expected: { median: ContourSet; band1: [ContourSet, ContourSet]; band2: [ContourSet, ContourSet] } | null;
  /** Median relative MC uncertainty of N_sig at heat-map points with 1–10 signal events, or null (set by the views). */
  mcRelativeUncertainty?: number | null;
  /** Fraction of heat-map points outside the simulated (m, Γ) grid (set by the views). */
  unknownFraction?: number;
}

export interface MassPlaneResult {
  masses: number[];
  couplings: number[];
  scenarios: ScenarioExclusion[];
  heat: { plane: SignalPlane; total: Float64Array } | null;
  milliseconds: number;
}

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

function boundaryUncertainty(total: Float64Array, totalError: Float64Array, status: Uint8Array): number | null {
  // The single-region limit is 2.3–4.2 events for the backgrounds of the shipped scenarios: points
  // with 1–10 signal events are those that decide where the contour runs.
  const relative: number[] = [];
  for (let p = 0; p < total.length; p++) {
    if (status[p] === POINT_STATUS.ok && total[p] >= 1 && total[p] <= 10) relative.push(totalError[p] / total[p]);
  }
  if (relative.length === 0) return null;
  relative.sort((a, b) => a - b);
  return relative[Math.floor(relative.length / 2)];
}

function expectedContours(limits: LimitsJson): ScenarioExclusion['expected'] {
  const band = limits.expectedBand;
  const at = (label: string) => band?.find((entry) => entry.label === label)?.contours;
  const [m2, m1, median, p1, p2] = ['-2sigma', '-1sigma', 'median', '+1sigma', '+2sigma'].map(at);
  if (!m2 || !m1 || !median || !p1 || !p2) return null;
  return { median, band1: [m1, p1], band2: [m2, p2] };
}

export interface ScenarioExclusionRequest {
  set: ScenarioTableSet;
  model: LimitsModel;
  couplingRange: [number, number];
  /** Protons on target (undefined: the scenario's own exposure, observed basis where it has counts), as `alpenglow limits --pot`. */
  pot: number | undefined;
  /** The massRefinement record of the set's run (page runs), so added masses stay marked. */
  refinement?: MassRefinementRecord;
  /** false: nominal exclusion and contour only (the fast first redraw stage); true: with the MC and expected bands. */
  bands: boolean;
}

/** The exclusion of one table set: runLimits on its tables, as `alpenglow limits --tables` (the page calls it per set, so a slider of one scenario recomputes only that one). */
export async function scenarioExclusion(request: ScenarioExclusionRequest): Promise<ScenarioExclusion> {
  const { set } = request;
  const { limits } = await runLimits({
    scenarios: [{ scenario: set.scenario, hash: set.scenarioHash }],
    model: request.model,
    couplingsPerGeV: couplingAxis(request.couplingRange[0], request.couplingRange[1]),
    tables: [set],
    pot: request.pot,
    expectedBandContours: request.bands,
    bands: request.bands,
    systematics: request.bands,
    earlierRefinement: [request.refinement],
  });
  const result = limits[0];
  return {
    set,
    limits: result,
    massRange: massRangeOf(set),
    bands: request.bands,
    nominal: result.contours.nominal,
    mcLow: result.contours.mcMinus1Sigma,
    mcHigh: result.contours.mcPlus1Sigma,
    expected: request.bands ? expectedContours(result) : null,
    systematic:
      result.contours.systematicMinus1Sigma && result.contours.systematicPlus1Sigma
        ? [result.contours.systematicMinus1Sigma, result.contours.systematicPlus1Sigma]
        : null,
  };
}

/** The heat-map plane of a set at its own exposure (N_sig ∝ POT: other exposures scale it), cached per set, model and range. */
export interface HeatPlane {
  plane: SignalPlane;
  total: Float64Array;
  totalError: Float64Array;
  /** Fraction of the points outside the simulated (m, Γ) grid. */
  unknownFraction: number;
}

const heatCache = new WeakMap<ScenarioTableSet, Map<string, HeatPlane>>();

export function heatPlane(set: ScenarioTableSet, model: LimitsModel, couplingRange: [number, number]): HeatPlane {
  let perSet = heatCache.get(set);
  if (!perSet) heatCache.set(set, (perSet = new Map()));
  const key = `${model.cGG},${model.cBB},${model.cWW},${model.cLL}|${couplingRange[0]},${couplingRange[1]}`;
  const cached = perSet.get(key);
  if (cached) return cached;
  const range = massRangeOf(set);
  // The heat map of each scenario stays inside its own tables (never extrapolated).
  const masses = range[1] > range[0] ? logSpace(range[0], range[1], HEAT_MASS_POINTS) : [range[0]];
  const couplings = logSpace(couplingRange[0], couplingRange[1], HEAT_COUPLING_POINTS);
  const plane = signalPlane(set, model, masses, couplings, { pot: set.scenario.exposure.pot, physics: physicsFor(set, model, masses) });
  const { total, totalError } = totalSignal(plane);
  const unknown = plane.status.reduce((count, status) => count + (status === POINT_STATUS.ok ? 0 : 1), 0);
  const result = { plane, total, totalError, unknownFraction: unknown / plane.status.length };
  if (perSet.size > 8) perSet.clear();
  perSet.set(key, result);
  return result;
}

const uncertaintyCache = new WeakMap<HeatPlane, Map<number, number | null>>();

/** Median relative MC uncertainty of N_sig at heat-map points with 1–10 signal events at `potFactor` × the scenario's exposure. */
export function heatUncertainty(heat: HeatPlane, potFactor: number): number | null {
  // Kept per plane and exposure: a redraw recomputes it only for the scenario whose exposure moved.
  let perFactor = uncertaintyCache.get(heat);
  if (!perFactor) uncertaintyCache.set(heat, (perFactor = new Map()));
  const known = perFactor.get(potFactor);
  if (known !== undefined) return known;
  if (perFactor.size > 64) perFactor.clear();
  const uncertainty = boundaryUncertainty(
    Float64Array.from(heat.total, (value) => value * potFactor),
    Float64Array.from(heat.totalError, (value) => value * potFactor),
    heat.plane.status,
  );
  perFactor.set(potFactor, uncertainty);
  return uncertainty;
}

/** All sets with their MC and expected bands (what the page shows once its second redraw stage is done); Node tests compare it with the CLI. */
export async function computeMassPlane(request: MassPlaneRequest): Promise<MassPlaneResult> {
  const started = performance.now();
  const usable = request.sets.map((set, index) => ({ set, index })).filter(({ set }) => set.tables[0].massesGeV.length >= 1);
  if (usable.length === 0) return { masses: [], couplings: [], scenarios: [], heat: null, milliseconds: 0 };
  const scenarios: ScenarioExclusion[] = [];
  for (const { set, index } of usable) {
    const pot = request.potFactor === 1 ? undefined : set.scenario.exposure.pot * request.potFactor;
    const exclusion = await scenarioExclusion({
      set,
      model: request.model,
      couplingRange: request.couplingRange,
      pot,
      refinement: request.refinement?.[index],
      bands: true,
    });
    const heat = heatPlane(set, request.model, request.couplingRange);
    scenarios.push({ ...exclusion, mcRelativeUncertainty: heatUncertainty(heat, request.potFactor), unknownFraction: heat.unknownFraction });
  }
  const heat = heatPlane(scenarios[Math.min(request.heatIndex, scenarios.length - 1)].set, request.model, request.couplingRange);
  const scaled = { plane: heat.plane, total: Float64Array.from(heat.total, (value) => value * request.potFactor) };
  return { masses: heat.plane.massesGeV, couplings: heat.plane.couplingsPerGeV, scenarios, heat: scaled, milliseconds: performance.now() - started };
}

export interface SignalRow {
  scenario: string;
  /** Index of the set in the list given to signalRows. */
  setIndex: number;
  point: SignalPoint;
}

/** N_sig at the marker coupling for every table mass of every set (the numbers the e2e test compares with the CLI's). */
export function signalRows(sets: ScenarioTableSet[], model: LimitsModel, couplingPerGeV: number, potFactors: number[]): SignalRow[] {
  const rows: SignalRow[] = [];
  sets.forEach((set, setIndex) => {
    const pot = set.scenario.exposure.pot * potFactors[setIndex];
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
  /** Exposure of each set as a multiple of its scenario's own POT. */
  potFactors: number[];
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
        set,
        massGeV: request.massGeV,
        x: request.x,
        y: request.y,
        xValuesPerGeV: values,
        yValuesPerGeV: values,
        pot: set.scenario.exposure.pot * request.potFactors[index],
        refineSteps: 8,
      }),
    });
  });
  return { planes, milliseconds: performance.now() - started };
}

/**
 * The rings of an excluded area as open polylines without the segments that run along the plot
 * border (they close the area where it leaves the scanned range; they are not exclusion edges).
 */
export function ringsWithoutBorder(
  rings: Array<Array<[number, number]>>,
  xDomain: [number, number],
  yDomain: [number, number],
): Array<Array<[number, number]>> {
  const near = (value: number, edge: number) => Math.abs(value / edge - 1) < 1e-6;
  const onBorder = (a: [number, number], b: [number, number]) =>
    (near(a[0], xDomain[0]) && near(b[0], xDomain[0])) ||
    (near(a[0], xDomain[1]) && near(b[0], xDomain[1])) ||
    (near(a[1], yDomain[0]) && near(b[1], yDomain[0])) ||
    (near(a[1], yDomain[1]) && near(b[1], yDomain[1]));
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
