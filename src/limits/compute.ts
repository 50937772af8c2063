/**
 * computeLimits: tables + model → the limits.json object (docs/limits.md; issue #5 contract:
 * `scenario`, `model`, `basis`, `exclusion` [{ `massGeV`, `lowerCoupling`, `upperCoupling` }],
 * `provenance`). Browser-safe: the CLI and the web app call the same function.
 *
 * Steps: signal plane on a log (m, g) grid (rescale.ts) → CLs decision per point (exclusion.ts) →
 * contours on log axes, split into lower/upper edges, refined by bisection (contours.ts) → per
 * scan mass the excluded coupling intervals (bisection to 2⁻³⁰ of a grid step) → the same with
 * the signal shifted by ±1 MC standard error (the MC band) → for one signal region, the expected
 * ±1σ/±2σ bands from the Poisson quantiles of the background (docs/statistics.md §4).
 */
import { ALPENGLOW_VERSION } from '../version.ts';
import { logSpaced } from '../engine/job.ts';
import { STANDARD_NORMAL_CDF, poissonQuantile, type ExclusionEvaluator } from '../stats/index.ts';
import { LimitsInputError, requirePositiveFinite } from './errors.ts';
import { exclusionContours, excludedIntervals, type ContourOptions, type CouplingInterval, type ExclusionContours, type Point } from './contours.ts';
import { classifySignalPlane, createSetupEvaluator, decideSignal, statisticsSetup, type Decision, type LimitBasis, type StatisticsSetup } from './exclusion.ts';
import { couplingAxisLabel, modelAtCoupling, toLimitsModel, type LimitsModel } from './model.ts';
import { totalWidthGeV } from '../physics/index.ts';
import { scaledSystematicSet, systematicYieldFactors, type SpectrumShapeTables, type SystematicVariationSummary } from './systematics.ts';
import { massPhysics, prepareTableSet, signalFromPhysics, signalPlane, type MassPhysics, type ScenarioTableSet } from './rescale.ts';

export interface ExclusionEntry {
  massGeV: number;
  /**
   * The lower edge (GeV⁻¹); null when the excluded run reaches the lowest scanned coupling or the
   * edge of the simulated width grid: the true edge lies further out and is not reported as one.
   */
  lowerCoupling: number | null;
  /** The upper edge; null as for lowerCoupling at the top of the scan (docs/limits.md §2a). */
  upperCoupling: number | null;
  /** Only with lowerCoupling null: excluded at least down to this coupling (where the scan or the tables end). */
  lowerCouplingBoundPerGeV?: number;
  /** Only with upperCoupling null: excluded at least up to this coupling. */
  upperCouplingBoundPerGeV?: number;
}

/** The entry of one excluded interval: an end that reaches the scan's end or unknown widths is null plus its bound. */
export function exclusionEntry(massGeV: number, interval: CouplingInterval): ExclusionEntry {
  const lowerOpen = interval.lowerAtRangeEnd || interval.lowerNextToUnknown;
  const upperOpen = interval.upperAtRangeEnd || interval.upperNextToUnknown;
  return {
    massGeV,
    lowerCoupling: lowerOpen ? null : interval.lower,
    upperCoupling: upperOpen ? null : interval.upper,
    ...(lowerOpen ? { lowerCouplingBoundPerGeV: interval.lower } : {}),
    ...(upperOpen ? { upperCouplingBoundPerGeV: interval.upper } : {}),
  };
}

/** The interval of an entry (ends at their bounds where open), as refinement compares them. */
export function entryInterval(entry: ExclusionEntry): CouplingInterval {
  return {
    lower: entry.lowerCoupling ?? entry.lowerCouplingBoundPerGeV!,
    upper: entry.upperCoupling ?? entry.upperCouplingBoundPerGeV!,
    lowerAtRangeEnd: entry.lowerCoupling === null,
    upperAtRangeEnd: entry.upperCoupling === null,
    lowerNextToUnknown: false,
    upperNextToUnknown: false,
  };
}

/** The lowest and highest coupling of an entry, edge or bound. */
export function entryCouplingSpan(entry: ExclusionEntry): [number, number] {
  return [entry.lowerCoupling ?? entry.lowerCouplingBoundPerGeV!, entry.upperCoupling ?? entry.upperCouplingBoundPerGeV!];
}

export interface ContourSet {
  /** Filled excluded area, polygons of rings of [massGeV, coupling] points. */
  polygons: Point[][][];
  lower: Point[][];
  upper: Point[][];
}

export interface ExpectedBandEntry {
  label: '-2sigma' | '-1sigma' | 'median' | '+1sigma' | '+2sigma';
  /** Quantile p of the background-only distribution of the limit. */
  probability: number;
  /** The count n_p used (lower p-quantile of Poisson(b)). */
  observedEvents: number;
  exclusion: ExclusionEntry[];
  /** With expectedBandContours: the excluded area if this many events were observed. */
  contours?: ContourSet;
}

export interface LimitsJson {
  scenario: string;
  model: string;
  modelCouplings: { c_GG: number; c_BB: number; c_WW: number; c_ll: number };
  coupling: { convention: 'KOTO c/f_a'; unit: 'GeV^-1'; axis: string; definition: string };
  cl: number;
  basis: LimitBasis;
  basisNote: string;
  pot: number;
  regions: { name: string; backgroundEvents: number; countUsed: number }[];
  /** The coupling axis; requestedHighPerGeV only when runLimits extended the top (extendCouplings) because the excluded region reached it. */
  couplingRange: { lowPerGeV: number; highPerGeV: number; points: number; requestedHighPerGeV?: number };
  /** One entry per excluded interval at each scan mass (a mass may have several). */
  exclusion: ExclusionEntry[];
  /** The same with the signal shifted by −1 / +1 MC standard error of its total (exclusion.ts shiftSignal). */
  mcBand: { minus1Sigma: ExclusionEntry[]; plus1Sigma: ExclusionEntry[] };
  /** Expected-limit band (one signal region only: exact Poisson quantiles). */
  expectedBand?: ExpectedBandEntry[];
  /**
   * Production-systematics band (with systematics on): the exclusion with every mode's yield scaled
   * down (minus1Sigma) and up (plus1Sigma) by the variations of `systematics` combined in quadrature.
   */
  systematicBand?: { minus1Sigma: ExclusionEntry[]; plus1Sigma: ExclusionEntry[] };
  /** What the systematic band varies (docs/limits.md §6b). */
  systematics?: { method: string; variations: SystematicVariationSummary[] };
  contours: {
    grid: { masses: number; couplings: number; massRangeGeV: [number, number] };
    nominal: ContourSet;
    mcMinus1Sigma: ContourSet;
    mcPlus1Sigma: ContourSet;
    systematicMinus1Sigma?: ContourSet;
    systematicPlus1Sigma?: ContourSet;
  };
  /** Scan masses added by adaptive refinement (src/app/mass-refinement.ts), and intervals left unresolved. */
  massRefinement?: MassRefinementRecord;
  warnings: string[];
  provenance: {
    version: string;
    seed: number;
    samples: number;
    adapter: string;
    engine: string;
    scenarioHash: string;
    /** The production modes that ran (one table each), in the scenario's order (issue 15). */
    productionModes: string[];
    tables: {
      productionMode: string;
      samplesPerMass: number;
      seed: number;
      engine: string;
      adapter: string;
      masses: number;
      widths: number;
      widthRangeGeV: [number, number];
    }[];
  };
}

export interface MassRefinementRecord {
  /** Scan masses asked for (or the tables' masses). */
  requestedMassesGeV: number[];
  /** Masses the Monte Carlo ran in addition, where neighbouring scan masses disagreed. */
  addedMassesGeV: number[];
  /** The cap on added masses per scenario (--max-added-masses). */
  maxAddedMasses: number;
  /** Neighbouring masses that still disagree (cap reached, finest level, or no engine to run). */
  unresolvedIntervalsGeV: [number, number][];
  /** Table masses where the Monte Carlo found no signal at all: the contour grid includes them, so no exclusion is drawn across them. */
  zeroSignalMassesGeV: number[];
}

export interface ComputeLimitsInput {
  set: ScenarioTableSet;
  model: LimitsModel | string;
  /** Couplings scanned (GeV⁻¹, strictly increasing, log-spaced recommended). */
  couplingsPerGeV: number[];
  /** Scan masses for `exclusion`; default the table masses. Must lie inside the tables. */
  massesGeV?: number[];
  pot?: number;
  /** Masses of the contour grid, log-spaced over the scan range (default 200). */
  contourMassCount?: number;
  /**
   * Bisection steps for edges (default 20; 0 = grid resolution only). Contour vertices between two
   * contour-grid masses take at most CONTOUR_MASS_REFINE_STEPS of them.
   */
  refineSteps?: number;
  /** Also trace the contours of each expected-band quantile (ExpectedBandEntry.contours). */
  expectedBandContours?: boolean;
  /**
   * false: the nominal exclusion and contour only (mcBand and its contours empty, no expectedBand):
   * the page's first redraw stage, the same nominal numbers as the full computation. Default true.
   */
  bands?: boolean;
  /** Also compute the production-systematics band (systematics.ts; limits.json systematicBand). Default false. */
  systematics?: boolean;
  /** With systematics: tables of the meson-spectrum shape alternatives (engine runs, src/app/spectrum-systematics.ts); their per-cell shifts join the band. */
  spectrumShape?: SpectrumShapeTables;
}

/** limits.json systematics.method: how the band is made. */
export const SYSTEMATICS_METHOD =
  'yield normalisations per (production mode, table mass) varied, engine efficiencies kept; one-sided shifts combined in quadrature in ln(yield), separately up and down';

/** Appended to SYSTEMATICS_METHOD when the meson-spectrum shape is in the band. */
export const SPECTRUM_SHAPE_METHOD =
  'meson-spectrum shape from engine runs on varied spectra (same seed and samples): signal ratio per (mode, mass, width, region) cell, the larger shift each way joins the quadrature per cell';

/** n log-spaced values from lo to hi inclusive. */
export function logSpace(lo: number, hi: number, n: number): number[] {
  requirePositiveFinite('lo', lo);
  requirePositiveFinite('hi', hi);
  if (!Number.isInteger(n) || n < 1) throw new LimitsInputError(`point count must be an integer ≥ 1 (got ${n})`);
  if (n === 1) return [lo];
  if (!(hi > lo)) throw new LimitsInputError(`range must have lo < hi (got ${lo}:${hi})`);
  return logSpaced(lo, hi, n); // the engine's spacing, so scans and grid tables share the same points
}

/** Default width-grid density (points per decade of Γ): ALPINIST uses 101 over 15 decades ≈ 6.7 (physics.md §8.5). */
export const DEFAULT_WIDTHS_PER_DECADE = 8;

/**
 * Log-spaced widths covering Γ_tot(m, g) for every mass in [min, max] of massesGeV and every coupling in [gLo, gHi]
 * (Γ_tot ∝ g², rescale.ts), with one extra step on each side, `perDecade` points per decade; with
 * `capWidthGeV`, no higher than the cap at each mass (where the signal is known to vanish).
 */
export function widthGridFor(
  model: LimitsModel | string,
  massesGeV: number[],
  couplingLoPerGeV: number,
  couplingHiPerGeV: number,
  perDecade = DEFAULT_WIDTHS_PER_DECADE,
  capWidthGeV?: (massGeV: number) => number,
): number[] {
  const limitsModel = toLimitsModel(model);
  requirePositiveFinite('couplings low', couplingLoPerGeV, 'GeV^-1');
  requirePositiveFinite('couplings high', couplingHiPerGeV, 'GeV^-1');
  requirePositiveFinite('widths per decade', perDecade);
  // Γ_tot(m) between the scan masses matters too (contours are drawn there) and can peak between
  // them (η/π⁰ poles of c_γγ^eff, physics.md §1.4): scan a dense log grid as well.
  const sorted = [...massesGeV].sort((a, b) => a - b);
  const dense = sorted.length > 1 && sorted[sorted.length - 1] > sorted[0] ? [...sorted, ...logSpace(sorted[0], sorted[sorted.length - 1], 1000)] : sorted;
  const unitModel = modelAtCoupling(limitsModel, 1);
  const unit = dense.map((m) => totalWidthGeV(unitModel, m));
  const step = 10 ** (1 / perDecade);
  const lo = (Math.min(...unit) * couplingLoPerGeV ** 2) / step;
  // With a cap (the survival cap Γ_cap(m), survival-cap.ts): no mass needs widths above min(Γ_tot(m, g_hi), Γ_cap(m)).
  const needed = dense.map((m, i) => Math.min(unit[i] * couplingHiPerGeV ** 2, capWidthGeV ? capWidthGeV(m) : Number.POSITIVE_INFINITY));
  const hi = Math.max(Math.max(...needed) * step, lo * step * step);
  const n = Math.max(2, Math.ceil(Math.log10(hi / lo) * perDecade) + 1);
  return logSpace(lo, hi, n);
}

/** Ascending union of two ascending lists (values within 1e-12 relative counted once). */
function mergeSorted(a: number[], b: number[]): number[] {
  const all = [...a, ...b].sort((x, y) => x - y);
  return all.filter((value, index) => index === 0 || Math.abs(value - all[index - 1]) > 1e-12 * value);
}

function round(value: number): number {
  return Number(value.toPrecision(6));
}

export function roundContours(contours: ExclusionContours): ContourSet {
  const roundPoint = (p: Point): Point => [round(p[0]), round(p[1])];
  return {
    polygons: contours.polygons.map((polygon) => polygon.map((ring) => ring.map(roundPoint))),
    lower: contours.lower.map((line) => line.map(roundPoint)),
    upper: contours.upper.map((line) => line.map(roundPoint)),
  };
}

/**
 * Bisection steps of a contour vertex that lies between two contour-grid masses (a side of the
 * excluded area): 2⁻⁹ of a grid step, i.e. a relative mass error below 4e-5 at the default 200
 * masses over up to three decades (a tenth of a pixel on a figure, far below the Monte Carlo
 * precision of the edge; coupling-direction vertices and the exclusion table keep refineSteps). Each step
 * there evaluates the physics at a new mass (widths, branching ratio, coupling scales), unlike the
 * coupling-direction steps, which reuse it; capping them keeps a page redraw after a slider move
 * within its time (bench/RESULTS.md) and costs the CLI nothing measurable.
 */
export const CONTOUR_MASS_REFINE_STEPS = 9;

function contourRefinement(decide: (massGeV: number, couplingPerGeV: number) => Decision, refineSteps: number): ContourOptions {
  return refineSteps > 0 ? { decide, refineSteps, xRefineSteps: Math.min(refineSteps, CONTOUR_MASS_REFINE_STEPS) } : {};
}

/** Point decisions at arbitrary (m, g) for bisection, physics cached per mass. */
export function pointDecider(
  set: ScenarioTableSet,
  model: LimitsModel,
  setup: StatisticsSetup,
  evaluator: ExclusionEvaluator,
  errorShift = 0,
): (massGeV: number, couplingPerGeV: number) => Decision {
  const k = setup.regionNames.length;
  const signal = new Float64Array(k);
  const signalError = new Float64Array(k);
  const scratch = new Float64Array(k);
  const cache = new Map<number, MassPhysics>();
  return (massGeV, couplingPerGeV) => {
    let physics = cache.get(massGeV);
    if (!physics) {
      if (cache.size > 4096) cache.clear();
      physics = massPhysics(set, model, massGeV);
      cache.set(massGeV, physics);
    }
    const status = signalFromPhysics(set, physics, couplingPerGeV, setup.pot, signal, signalError);
    return decideSignal(evaluator, status, signal, signalError, errorShift, scratch);
  };
}

function intervalsAtMasses(
  set: ScenarioTableSet,
  model: LimitsModel,
  setup: StatisticsSetup,
  evaluator: ExclusionEvaluator,
  massesGeV: number[],
  couplings: number[],
  errorShift: number,
  refineSteps: number,
): { entries: ExclusionEntry[]; raw: { massGeV: number; interval: CouplingInterval }[] } {
  const decide = pointDecider(set, model, setup, evaluator, errorShift);
  const entries: ExclusionEntry[] = [];
  const raw: { massGeV: number; interval: CouplingInterval }[] = [];
  for (const massGeV of massesGeV) {
    const column = Uint8Array.from(couplings, (g) => decide(massGeV, g));
    for (const interval of excludedIntervals(couplings, column, refineSteps > 0 ? (g) => decide(massGeV, g) : undefined, refineSteps)) {
      entries.push(exclusionEntry(massGeV, interval));
      raw.push({ massGeV, interval });
    }
  }
  return { entries, raw };
}

function checkCouplingAxis(couplings: number[]): void {
  if (!Array.isArray(couplings) || couplings.length < 2)
    throw new LimitsInputError(`couplings must list at least 2 values in GeV^-1 (got ${Array.isArray(couplings) ? couplings.length : typeof couplings})`);
  couplings.forEach((g, index) => {
    requirePositiveFinite(`couplings[${index}]`, g, 'GeV^-1');
    if (index > 0 && !(g > couplings[index - 1]))
      throw new LimitsInputError(`couplings must increase strictly (couplings[${index}] = ${g} after ${couplings[index - 1]})`);
  });
}

/** Scan masses must lie inside the tables (never extrapolated). `flag`: the flag the user typed them with (messages name it). */
export function checkScanMasses(set: ScenarioTableSet, massesGeV: number[], flag?: string): void {
  const tables = prepareTableSet(set);
  const lo = tables.massesGeV[0];
  const hi = tables.massesGeV[tables.massesGeV.length - 1];
  massesGeV.forEach((m, index) => {
    const what = flag ? `${flag} value ${m} GeV` : `masses[${index}] = ${m} GeV`;
    requirePositiveFinite(flag ? `${flag} value` : `masses[${index}]`, m, 'GeV');
    if (m < lo * (1 - 1e-9) || m > hi * (1 + 1e-9)) {
      throw new LimitsInputError(
        `${what} lies outside the tables of scenario '${set.scenario.name}' (${lo} … ${hi} GeV): masses are interpolated, never extrapolated`,
      );
    }
  });
}

/** Cells with ε = 0 whose two width neighbours (same mass and region) are > 0: signs of too few samples. */
export function countIsolatedZeros(set: ScenarioTableSet): number {
  let count = 0;
  for (const table of set.tables) {
    const nW = table.widthsGeV.length;
    const nR = table.regionNames.length;
    for (let m = 0; m < table.massesGeV.length; m++) {
      for (let w = 1; w < nW - 1; w++) {
        for (let r = 0; r < nR; r++) {
          const at = (j: number) => table.efficiency[(m * nW + j) * nR + r];
          if (at(w) === 0 && at(w - 1) > 0 && at(w + 1) > 0) count++;
        }
      }
    }
  }
  return count;
}

/** Table masses where every production mode has ε × Y = 0 at every width and region: the Monte Carlo found no signal there. */
export function zeroSignalTableMasses(set: ScenarioTableSet): number[] {
  const tables = prepareTableSet(set);
  const cells = tables.widthsGeV.length * tables.regionNames.length;
  return tables.massesGeV.filter((_, m) =>
    tables.modes.every((mode) => {
      if (!(mode.yieldPerPot[m] > 0)) return true;
      for (let c = m * cells; c < (m + 1) * cells; c++) if (mode.efficiency[c] > 0) return false;
      return true;
    }),
  );
}

export interface MassIntervals {
  massGeV: number;
  nominal: CouplingInterval[];
  mcMinus1Sigma: CouplingInterval[];
  mcPlus1Sigma: CouplingInterval[];
}

/** Excluded coupling intervals (nominal and MC ±1σ) at given masses: what adaptive mass refinement compares between neighbours. */
export function massIntervals(
  set: ScenarioTableSet,
  model: LimitsModel | string,
  couplingsPerGeV: number[],
  massesGeV: number[],
  options: { pot?: number; refineSteps?: number } = {},
): MassIntervals[] {
  const limitsModel = toLimitsModel(model);
  checkCouplingAxis(couplingsPerGeV);
  checkScanMasses(set, massesGeV);
  const setup = statisticsSetup(set.scenario, { pot: options.pot });
  const evaluator = createSetupEvaluator(setup);
  const refineSteps = options.refineSteps ?? 20;
  const at = (shift: number) => intervalsAtMasses(set, limitsModel, setup, evaluator, massesGeV, couplingsPerGeV, shift, refineSteps).raw;
  const [nominal, minus, plus] = [at(0), at(-1), at(+1)];
  const pick = (raw: { massGeV: number; interval: CouplingInterval }[], massGeV: number) =>
    raw.filter((entry) => entry.massGeV === massGeV).map((entry) => entry.interval);
  return massesGeV.map((massGeV) => ({ massGeV, nominal: pick(nominal, massGeV), mcMinus1Sigma: pick(minus, massGeV), mcPlus1Sigma: pick(plus, massGeV) }));
}

/**
 * The contour grid's masses for sorted scan masses: contourMassCount (default 200) log-spaced over
 * their range, plus the table masses inside it where the MC found no signal (no contour is drawn
 * across them).
 */
function contourGridMasses(set: ScenarioTableSet, scanMasses: number[], contourMassCount?: number): number[] {
  const count = scanMasses.length > 1 ? Math.max(2, contourMassCount ?? 200) : 1;
  const zeroMasses = zeroSignalTableMasses(set).filter((m) => m > scanMasses[0] && m < scanMasses[scanMasses.length - 1]);
  return mergeSorted(logSpace(scanMasses[0], scanMasses[scanMasses.length - 1], count), count > 1 ? zeroMasses : []);
}

export function computeLimits(input: ComputeLimitsInput): LimitsJson {
  const { set } = input;
  const tables = prepareTableSet(set);
  const model = toLimitsModel(input.model);
  const couplings = [...input.couplingsPerGeV];
  checkCouplingAxis(couplings);
  const scanMasses = [...(input.massesGeV ?? tables.massesGeV)].sort((a, b) => a - b);
  if (scanMasses.length === 0) throw new LimitsInputError('masses must list at least one mass in GeV');
  checkScanMasses(set, scanMasses);
  const refineSteps = input.refineSteps ?? 20;
  const setup = statisticsSetup(set.scenario, { pot: input.pot });
  const evaluator = createSetupEvaluator(setup);
  const warnings: string[] = [];

  // Exclusion intervals at the scan masses, nominal and MC ±1σ.
  const bands = input.bands ?? true;
  const nominal = intervalsAtMasses(set, model, setup, evaluator, scanMasses, couplings, 0, refineSteps);
  const noIntervals = { entries: [], raw: [] };
  const minus = bands ? intervalsAtMasses(set, model, setup, evaluator, scanMasses, couplings, -1, refineSteps) : noIntervals;
  const plus = bands ? intervalsAtMasses(set, model, setup, evaluator, scanMasses, couplings, +1, refineSteps) : noIntervals;
  for (const { massGeV, interval } of nominal.raw) {
    if (interval.lowerAtRangeEnd)
      warnings.push(
        `m = ${massGeV} GeV: excluded down to the lowest scanned coupling ${couplings[0]} GeV^-1; the lower edge lies below the range (widen --couplings)`,
      );
    if (interval.upperAtRangeEnd)
      warnings.push(
        `m = ${massGeV} GeV: excluded up to the highest scanned coupling ${couplings.at(-1)} GeV^-1; the upper edge lies above the range (widen --couplings)`,
      );
    if (interval.lowerNextToUnknown || interval.upperNextToUnknown)
      warnings.push(`m = ${massGeV} GeV: the excluded interval reaches the edge of the simulated width grid; that end is not a physics edge`);
  }

  // Contours on a log grid over the scan-mass range.
  const planeMasses = contourGridMasses(set, scanMasses, input.contourMassCount);
  const physics = planeMasses.map((m) => massPhysics(set, model, m));
  const plane = signalPlane(set, model, planeMasses, couplings, { pot: setup.pot, physics });
  // Production systematics: the same computation on tables with scaled yields (systematics.ts).
  const systematic = input.systematics ? systematicYieldFactors(set, input.spectrumShape) : undefined;
  const systematicSide = (side: 'up' | 'down') => {
    const scaled = scaledSystematicSet(set, systematic!, side);
    const entries = intervalsAtMasses(scaled, model, setup, evaluator, scanMasses, couplings, 0, refineSteps).entries;
    const scaledPlane = signalPlane(scaled, model, planeMasses, couplings, { pot: setup.pot, physics });
    const decide = pointDecider(scaled, model, setup, evaluator, 0);
    const contour = roundContours(
      exclusionContours(planeMasses, couplings, classifySignalPlane(scaledPlane, evaluator), contourRefinement(decide, refineSteps)),
    );
    return { entries, contour };
  };
  const systematicDown = systematic ? systematicSide('down') : undefined;
  const systematicUp = systematic ? systematicSide('up') : undefined;
  const contourFor = (shift: number): ContourSet => {
    const decisions = classifySignalPlane(plane, evaluator, { errorShift: shift });
    const decide = pointDecider(set, model, setup, evaluator, shift);
    return roundContours(exclusionContours(planeMasses, couplings, decisions, contourRefinement(decide, refineSteps)));
  };

  // Expected band (one region: exact quantiles of Poisson(b)).
  let expectedBand: ExpectedBandEntry[] | undefined;
  if (bands && setup.regionNames.length === 1) {
    const b = setup.background[0];
    const quantiles: [ExpectedBandEntry['label'], number][] = [
      ['-2sigma', STANDARD_NORMAL_CDF.minus2Sigma],
      ['-1sigma', STANDARD_NORMAL_CDF.minus1Sigma],
      ['median', STANDARD_NORMAL_CDF.median],
      ['+1sigma', STANDARD_NORMAL_CDF.plus1Sigma],
      ['+2sigma', STANDARD_NORMAL_CDF.plus2Sigma],
    ];
    expectedBand = quantiles.map(([label, probability]) => {
      const count = poissonQuantile(probability, b);
      const bandEvaluator = createSetupEvaluator(setup, [count]);
      const exclusion = intervalsAtMasses(set, model, setup, bandEvaluator, scanMasses, couplings, 0, refineSteps).entries;
      if (!input.expectedBandContours) return { label, probability, observedEvents: count, exclusion };
      const decisions = classifySignalPlane(plane, bandEvaluator);
      const decide = pointDecider(set, model, setup, bandEvaluator, 0);
      return {
        label,
        probability,
        observedEvents: count,
        exclusion,
        contours: roundContours(exclusionContours(planeMasses, couplings, decisions, contourRefinement(decide, refineSteps))),
      };
    });
  }

  const isolatedZeros = countIsolatedZeros(set);
  if (isolatedZeros > 0) {
    warnings.push(
      `${isolatedZeros} table cells are 0 between non-zero neighbours along the width axis: MC zeros from too few samples (interpolated linearly there); increase the samples`,
    );
  }
  const engines = [...new Set(set.tables.map((t) => t.provenance.engine))];
  const adapters = [...new Set(set.tables.map((t) => t.provenance.adapter))];
  const seeds = [...new Set(set.tables.map((t) => t.seed))];
  const samples = [...new Set(set.tables.map((t) => t.samplesPerMass))];
  if (seeds.length > 1) warnings.push(`the tables were made with different seeds (${seeds.join(', ')})`);
  if (samples.length > 1) warnings.push(`the tables were made with different sample counts (${samples.join(', ')})`);
  return {
    scenario: set.scenario.name,
    model: model.name,
    modelCouplings: { c_GG: model.cGG, c_BB: model.cBB, c_WW: model.cWW, c_ll: model.cLL },
    coupling: {
      convention: 'KOTO c/f_a',
      unit: 'GeV^-1',
      axis: couplingAxisLabel(model),
      definition: '1/f_a with the model couplings c_GG, c_BB, c_WW fixed (KOTO convention, arXiv:2303.01521 eq. 1); equals c/f_a for the benchmarks',
    },
    cl: setup.confidenceLevel,
    basis: setup.basis,
    basisNote: setup.basisNote,
    pot: setup.pot,
    regions: setup.regionNames.map((name, r) => ({ name, backgroundEvents: setup.background[r], countUsed: setup.observed[r] })),
    couplingRange: { lowPerGeV: couplings[0], highPerGeV: couplings[couplings.length - 1], points: couplings.length },
    exclusion: nominal.entries,
    mcBand: { minus1Sigma: minus.entries, plus1Sigma: plus.entries },
    ...(expectedBand ? { expectedBand } : {}),
    ...(systematic && systematicDown && systematicUp
      ? {
          systematicBand: { minus1Sigma: systematicDown.entries, plus1Sigma: systematicUp.entries },
          systematics: { method: systematic.cells ? `${SYSTEMATICS_METHOD}; ${SPECTRUM_SHAPE_METHOD}` : SYSTEMATICS_METHOD, variations: systematic.variations },
        }
      : {}),
    contours: {
      grid: { masses: planeMasses.length, couplings: couplings.length, massRangeGeV: [planeMasses[0], planeMasses[planeMasses.length - 1]] },
      nominal: contourFor(0),
      mcMinus1Sigma: bands ? contourFor(-1) : { polygons: [], lower: [], upper: [] },
      mcPlus1Sigma: bands ? contourFor(+1) : { polygons: [], lower: [], upper: [] },
      ...(systematicDown && systematicUp ? { systematicMinus1Sigma: systematicDown.contour, systematicPlus1Sigma: systematicUp.contour } : {}),
    },
    warnings,
    provenance: {
      version: ALPENGLOW_VERSION,
      seed: seeds[0],
      samples: samples[0],
      adapter: adapters.join(' | '),
      engine: engines.join(' | '),
      scenarioHash: set.scenarioHash,
      productionModes: set.tables.map((t) => t.productionMode),
      tables: set.tables.map((t) => ({
        productionMode: t.productionMode,
        samplesPerMass: t.samplesPerMass,
        seed: t.seed,
        engine: t.provenance.engine,
        adapter: t.provenance.adapter,
        masses: t.massesGeV.length,
        widths: t.widthsGeV.length,
        widthRangeGeV: [t.widthsGeV[0], t.widthsGeV[t.widthsGeV.length - 1]] as [number, number],
      })),
    },
  };
}
