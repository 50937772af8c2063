/**
 * The fixed-mass coupling–coupling plane (KOTO arXiv:2303.01521 Fig. 6 style): two couplings
 * c_x/f_a and c_y/f_a (GeV⁻¹, KOTO convention) on log axes, the others fixed (default 0). Across
 * the plane Γ_tot, BR and both production rates change, so every point evaluates the physics
 * library for its own model (f_a = 1000 GeV, c_i = (c_i/f_a) × 1000 GeV — every rate depends on
 * c_i/f_a only, rescale.ts) and reads the tables at (m, Γ_tot); the tables hold this one mass.
 * Only positive couplings are drawn (log axes); the relative sign matters through
 * c_γγ^eff = c_BB + c_WW − 1.92 c_GG + … (physics.md §1.4) and is that of the values given.
 * Browser-safe.
 */
import { totalWidthGeV, type AlpModelKoto } from '../physics/index.ts';
import { ALPENGLOW_VERSION } from '../version.ts';
import { LimitsInputError, requirePositiveFinite } from './errors.ts';
import { exclusionContours } from './contours.ts';
import { roundContours, type ContourSet } from './compute.ts';
import { createSetupEvaluator, decideSignal, EXCLUDED, statisticsSetup, UNKNOWN, type Decision, type LimitBasis } from './exclusion.ts';
import { prepareTableSet, signalForKotoModel, type ScenarioTableSet } from './rescale.ts';

export const PLANE_COUPLINGS = ['c_GG', 'c_BB', 'c_WW', 'c_ll'] as const;
export type PlaneCoupling = (typeof PLANE_COUPLINGS)[number];

/** f_a used to turn c_i/f_a into physics-library couplings (any value gives the same rates). */
const PLANE_FA_GEV = 1000;

export function parsePlaneCoupling(flag: string, raw: string): PlaneCoupling {
  if ((PLANE_COUPLINGS as readonly string[]).includes(raw)) return raw as PlaneCoupling;
  throw new LimitsInputError(`--${flag} must be one of ${PLANE_COUPLINGS.join(', ')} (got '${raw}')`);
}

export type CouplingValues = Record<PlaneCoupling, number>;

/** The physics-library model for couplings c_i/f_a (GeV⁻¹). */
export function planeModel(couplingsPerGeV: CouplingValues): AlpModelKoto {
  const c = (name: PlaneCoupling) => couplingsPerGeV[name] * PLANE_FA_GEV;
  return { name: 'plane', cGG: c('c_GG'), cBB: c('c_BB'), cWW: c('c_WW'), cEE: c('c_ll'), cMuMu: c('c_ll'), faGeV: PLANE_FA_GEV };
}

export interface CouplingPlaneAxes {
  massGeV: number;
  x: PlaneCoupling;
  y: PlaneCoupling;
  xValuesPerGeV: number[];
  yValuesPerGeV: number[];
  /** Other couplings c_i/f_a in GeV⁻¹ (default 0). */
  fixed?: Partial<CouplingValues>;
}

function couplingsAt(axes: CouplingPlaneAxes, xValue: number, yValue: number): CouplingValues {
  const values: CouplingValues = { c_GG: 0, c_BB: 0, c_WW: 0, c_ll: 0, ...(axes.fixed ?? {}) };
  values[axes.x] = xValue;
  values[axes.y] = yValue;
  return values;
}

function checkAxes(axes: CouplingPlaneAxes): void {
  requirePositiveFinite('mass', axes.massGeV, 'GeV');
  if (axes.x === axes.y) throw new LimitsInputError(`--x and --y must be different couplings (both '${axes.x}')`);
  for (const [name, values] of [
    ['x', axes.xValuesPerGeV],
    ['y', axes.yValuesPerGeV],
  ] as const) {
    if (!Array.isArray(values) || values.length < 2) throw new LimitsInputError(`${name} axis needs at least 2 couplings in GeV^-1`);
    values.forEach((v, i) => {
      requirePositiveFinite(`${name}[${i}]`, v, 'GeV^-1');
      if (i > 0 && !(v > values[i - 1])) throw new LimitsInputError(`${name} couplings must increase strictly (${name}[${i}] = ${v} after ${values[i - 1]})`);
    });
  }
  for (const [name, value] of Object.entries(axes.fixed ?? {})) {
    if (!(PLANE_COUPLINGS as readonly string[]).includes(name))
      throw new LimitsInputError(`fixed coupling '${name}' must be one of ${PLANE_COUPLINGS.join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new LimitsInputError(`fixed coupling ${name} must be a finite number in GeV^-1 (got ${value})`);
  }
}

/** Smallest and largest Γ_tot over the plane grid (GeV): the engine widths must cover them. */
export function couplingPlaneWidthRange(axes: CouplingPlaneAxes): [number, number] {
  checkAxes(axes);
  let lo = Infinity;
  let hi = 0;
  for (const yValue of axes.yValuesPerGeV) {
    for (const xValue of axes.xValuesPerGeV) {
      const width = totalWidthGeV(planeModel(couplingsAt(axes, xValue, yValue)), axes.massGeV);
      if (width < lo) lo = width;
      if (width > hi) hi = width;
    }
  }
  return [lo, hi];
}

export interface CouplingPlaneJson {
  scenario: string;
  massGeV: number;
  x: { coupling: PlaneCoupling; unit: 'GeV^-1'; lowPerGeV: number; highPerGeV: number; points: number };
  y: { coupling: PlaneCoupling; unit: 'GeV^-1'; lowPerGeV: number; highPerGeV: number; points: number };
  fixedCouplingsPerGeV: CouplingValues;
  coupling: { convention: 'KOTO c/f_a'; unit: 'GeV^-1' };
  cl: number;
  basis: LimitBasis;
  basisNote: string;
  pot: number;
  /** Fraction of grid points excluded (nominal). */
  excludedFraction: number;
  contours: { nominal: ContourSet; mcMinus1Sigma: ContourSet; mcPlus1Sigma: ContourSet };
  warnings: string[];
  provenance: { version: string; seed: number; samples: number; adapter: string; engine: string; scenarioHash: string };
}

export interface CouplingPlaneInput extends CouplingPlaneAxes {
  set: ScenarioTableSet;
  pot?: number;
  refineSteps?: number;
}

/** Exclusion in the (c_x/f_a, c_y/f_a) plane at one mass: decisions on the grid, contours, MC band. */
export function computeCouplingPlane(input: CouplingPlaneInput): CouplingPlaneJson {
  checkAxes(input);
  const { set } = input;
  const tables = prepareTableSet(set);
  const setup = statisticsSetup(set.scenario, { pot: input.pot });
  const evaluator = createSetupEvaluator(setup);
  const k = tables.regionNames.length;
  const nx = input.xValuesPerGeV.length;
  const ny = input.yValuesPerGeV.length;
  const signals = new Float64Array(nx * ny * k);
  const errors = new Float64Array(nx * ny * k);
  const status = new Uint8Array(nx * ny);
  const signal = new Float64Array(k);
  const signalError = new Float64Array(k);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const point = j * nx + i;
      const model = planeModel(couplingsAt(input, input.xValuesPerGeV[i], input.yValuesPerGeV[j]));
      status[point] = signalForKotoModel(set, model, input.massGeV, setup.pot, signal, signalError).status;
      signals.set(signal, point * k);
      errors.set(signalError, point * k);
    }
  }
  const scratch = new Float64Array(k);
  const decisionsFor = (shift: number): Uint8Array => {
    const decisions = new Uint8Array(nx * ny);
    for (let p = 0; p < nx * ny; p++) {
      decisions[p] = decideSignal(evaluator, status[p], signals.subarray(p * k, (p + 1) * k), errors.subarray(p * k, (p + 1) * k), shift, scratch);
    }
    return decisions;
  };
  const deciderFor =
    (shift: number) =>
    (xValue: number, yValue: number): Decision => {
      const result = signalForKotoModel(set, planeModel(couplingsAt(input, xValue, yValue)), input.massGeV, setup.pot, signal, signalError);
      return decideSignal(evaluator, result.status, signal, signalError, shift, scratch);
    };
  const refineSteps = input.refineSteps ?? 20;
  const contoursFor = (shift: number, decisions = decisionsFor(shift)) =>
    roundContours(exclusionContours(input.xValuesPerGeV, input.yValuesPerGeV, decisions, refineSteps > 0 ? { decide: deciderFor(shift), refineSteps } : {}));
  const nominalDecisions = decisionsFor(0);
  const warnings: string[] = [];
  const unknown = nominalDecisions.reduce((count, d) => count + (d === UNKNOWN ? 1 : 0), 0);
  if (unknown > 0) warnings.push(`${unknown} of ${nx * ny} grid points have Γ_tot or the mass outside the tables (not decided; not drawn)`);
  const excluded = nominalDecisions.reduce((count, d) => count + (d === EXCLUDED ? 1 : 0), 0);
  const fixed: CouplingValues = { c_GG: 0, c_BB: 0, c_WW: 0, c_ll: 0, ...(input.fixed ?? {}) };
  delete (fixed as Partial<CouplingValues>)[input.x];
  delete (fixed as Partial<CouplingValues>)[input.y];
  const first = set.tables[0];
  return {
    scenario: set.scenario.name,
    massGeV: input.massGeV,
    x: { coupling: input.x, unit: 'GeV^-1', lowPerGeV: input.xValuesPerGeV[0], highPerGeV: input.xValuesPerGeV[nx - 1], points: nx },
    y: { coupling: input.y, unit: 'GeV^-1', lowPerGeV: input.yValuesPerGeV[0], highPerGeV: input.yValuesPerGeV[ny - 1], points: ny },
    fixedCouplingsPerGeV: fixed,
    coupling: { convention: 'KOTO c/f_a', unit: 'GeV^-1' },
    cl: setup.confidenceLevel,
    basis: setup.basis,
    basisNote: setup.basisNote,
    pot: setup.pot,
    excludedFraction: excluded / (nx * ny),
    contours: { nominal: contoursFor(0, nominalDecisions), mcMinus1Sigma: contoursFor(-1), mcPlus1Sigma: contoursFor(+1) },
    warnings,
    provenance: {
      version: ALPENGLOW_VERSION,
      seed: first.seed,
      samples: first.samplesPerMass,
      adapter: [...new Set(set.tables.map((t) => t.provenance.adapter))].join(' | '),
      engine: [...new Set(set.tables.map((t) => t.provenance.engine))].join(' | '),
      scenarioHash: set.scenarioHash,
    },
  };
}
