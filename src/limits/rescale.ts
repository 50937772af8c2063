/**
 * From (mass, width) tables to expected signal events at a model point (physics.md §8.5):
 *
 *   N_sig,r(m, g) = POT × A_add × BR(a → channel; m) × Σ_modes S_mode(m, g) × Y_mode(m) × ε_mode,r(m, Γ_tot(m, g))
 *
 * with Y_mode the ALPs per POT at the mode's reference coupling (MassWidthTable
 * yieldPerPotAtReference), ε the engine's P(decay in volume) × (selection passed) for region r, and
 * the coupling scale S (the production tables are made at a reference coupling, src/physics/production.ts):
 *   Primakoff modes  S = (|g_aγγ(m)| / g_ref)²,            g_ref = REFERENCE_G_AGAMMA_PER_GEV
 *   mixing modes     S = ((c_GG/f_a) / (c_GG/f_a)_ref)²,  (c_GG/f_a)_ref = REFERENCE_CGG_OVER_FA_PER_GEV
 *   B → K(*) a modes S = ⟨BR(B → X a)⟩ of the model (tables per unit BR; b-meson-production.ts
 *                    bModeCouplingScale: g_bs from c_WW, arXiv:1611.09355), ∝ (c_WW/f_a)²
 * (physics.md §8.5; |g_aγγ| includes the c_GG terms of KOTO eq. 5, physics.md §1.4).
 *
 * Interpolation (physics.md §8.5, as ALPINIST): bilinear in (ln m, ln Γ). The efficiency is
 * interpolated in ln ε when the four corner cells are all > 0 (exact for power laws ε ∝ m^a Γ^b,
 * e.g. the long-lifetime regime ε ∝ Γ), otherwise linearly in ε. Zeros in a table are mostly MC
 * zeros (no sample passed: an unbiased estimate of a small ε, for which linear weights are the
 * right combination); a ln-ε floor would instead let a zero corner with 1 % weight suppress ε by
 * e^{−7}. Yields are interpolated in (ln m, ln Y), linearly next to a zero. The MC error of a
 * log-interpolated ε is ε × (the relative errors of the corners with the same weights: fully
 * correlated, one sample set per mass); of a linear one, the linearly interpolated error.
 * Points whose mass or Γ_tot lies outside the tables are never extrapolated: they get a status
 * code and zero signal. One exception: a Γ_tot above the tables and at or above the scenario's
 * survival cap Γ_cap(m) (survival-cap.ts: no ALP reaches the decay volume) is a known zero, status ok.
 *
 * Dense planes (signalPlane) use that every width and every production rate of a model with fixed
 * c's scales as 1/f_a² = g² (physics.md §2.1–2.6: Γ_γγ ∝ |c_γγ^eff(m)|²/f_a², Γ_ℓℓ ∝ (c_ℓℓ^eff/f_a)²,
 * Γ_had ∝ (c_GG/f_a)²; production ∝ g_aγγ², θ_aP² ∝ (c_GG/f_a)² or |g_bs|² ∝ (c_WW/f_a)²), so Γ_tot(m, g) = g² Γ_tot(m, 1 GeV⁻¹),
 * S(m, g) = g² S(m, 1 GeV⁻¹) and BR does not depend on g: the physics library is called once per mass.
 * expectedSignal evaluates the physics at f_a = 1/g directly; a test checks that both agree.
 *
 * `pot` rescales the exposure: signal ∝ POT. Backgrounds follow exposure.backgroundScaling (exclusion.ts).
 * Browser-safe.
 */
import type { MassWidthTable } from '../tables/mass-width-table.ts';
import { TABLE_FORMAT, TABLE_FORMAT_VERSION } from '../tables/mass-width-table.ts';
import {
  branchingRatio,
  gAgammaPerGeV,
  partialWidthsGeV,
  PRODUCTION_MODES,
  REFERENCE_CGG_OVER_FA_PER_GEV,
  REFERENCE_G_AGAMMA_PER_GEV,
  totalWidthGeV,
  type AlpModelKoto,
  type ProductionMode,
} from '../physics/index.ts';
import { B_PRODUCTION_MODES, bModeCouplingScale, type BProductionMode } from '../physics/b-meson-production.ts';
import { CHANNEL_BRANCHING } from '../scenarios/compile.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { LimitsInputError, requirePositiveFinite, TableMismatchError } from './errors.ts';
import { modelAtCoupling, toLimitsModel, type LimitsModel } from './model.ts';
import { logSurvivalCapWidthTimesMass } from './survival-cap.ts';

/** The tables of one scenario: one MassWidthTable per production mode, all on one (m, Γ) grid. */
export interface ScenarioTableSet {
  scenario: Scenario;
  /** scenarioHash(scenario) (src/scenarios/parse.ts); every table must carry the same. */
  scenarioHash: string;
  tables: MassWidthTable[];
}

function square(x: number): number {
  return x * x;
}

/**
 * Orders tables (or anything carrying a production mode) as the scenario lists its modes: every face
 * assembles a set in this one order, so sums over modes are the same floating-point sums.
 */
export function inScenarioModeOrder<T>(scenario: Scenario, items: T[], modeOf: (item: T) => string): T[] {
  const rank = (item: T) => {
    const index = scenario.production.modes.indexOf(modeOf(item) as never);
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return items
    .map((item, position) => ({ item, position }))
    .sort((a, b) => rank(a.item) - rank(b.item) || a.position - b.position)
    .map(({ item }) => item);
}

/** Per-point status: where the point lies relative to the simulated grid. */
export const POINT_STATUS = {
  ok: 0,
  massBelowGrid: 1,
  massAboveGrid: 2,
  widthBelowGrid: 3,
  widthAboveGrid: 4,
} as const;
export type PointStatusCode = (typeof POINT_STATUS)[keyof typeof POINT_STATUS];
export const POINT_STATUS_NAMES = [
  'ok',
  'mass below the table grid',
  'mass above the table grid',
  'width below the table grid',
  'width above the table grid',
] as const;

export interface RescaleOptions {
  /** Protons on target; default the scenario's exposure.pot. */
  pot?: number;
}

export interface SignalPoint {
  massGeV: number;
  couplingPerGeV: number;
  totalWidthGeV: number;
  branchingRatio: number;
  status: PointStatusCode;
  statusName: (typeof POINT_STATUS_NAMES)[number];
  /** Expected signal events per region (0 where status ≠ ok). */
  signal: number[];
  /** MC standard error of `signal` per region. */
  signalError: number[];
  total: number;
  totalError: number;
}

export interface SignalPlane {
  massesGeV: number[];
  couplingsPerGeV: number[];
  regionNames: string[];
  pot: number;
  /** Point p = couplingIndex · nMasses + massIndex (mass runs fastest); region r at [p · nRegions + r]. 0 where status ≠ ok. */
  signal: Float64Array;
  signalError: Float64Array;
  /** POINT_STATUS code per point. */
  status: Uint8Array;
}

/** Relative tolerance on grid ends and grid equality (float noise from JSON round trips is far below). */
const GRID_TOLERANCE = 1e-9;

/** A production mode with a coupling rescaling rule: the reference-coupling modes and the B → K(*) a modes. */
export type RescalableMode = ProductionMode | BProductionMode;
const RESCALABLE_MODES: readonly string[] = [...PRODUCTION_MODES, ...B_PRODUCTION_MODES];

interface PreparedMode {
  mode: RescalableMode;
  efficiency: Float64Array;
  logEfficiency: Float64Array;
  efficiencyError: Float64Array;
  /** σ/ε per cell, 0 where ε = 0. */
  relativeError: Float64Array;
  yieldPerPot: Float64Array;
}

export interface PreparedTableSet {
  scenario: Scenario;
  scenarioHash: string;
  regionNames: string[];
  massesGeV: number[];
  widthsGeV: number[];
  /** ln(Γ_cap · m) of the scenario (survival-cap.ts): a width above the tables and above Γ_cap(m) has zero signal, not 'unknown'. */
  logSurvivalCapWidthTimesMass: number;
  logMasses: Float64Array;
  logWidths: Float64Array;
  modes: PreparedMode[];
  additionalAcceptance: number;
  branchingChannel: 'gammaGamma' | 'ee' | 'mumu';
}

const prepared = new WeakMap<ScenarioTableSet, PreparedTableSet>();

function shortHash(hash: string): string {
  return hash.length > 19 ? `${hash.slice(0, 19)}…` : hash;
}

function checkIncreasingPositive(label: string, name: string, values: unknown): number[] {
  if (!Array.isArray(values) || values.length === 0)
    throw new TableMismatchError(`${label}: ${name} must be a non-empty array (got ${JSON.stringify(values)?.slice(0, 40)})`);
  values.forEach((value, index) => {
    if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0))
      throw new TableMismatchError(`${label}: ${name}[${index}] must be a finite number > 0 (got ${value})`);
    if (index > 0 && !(value > values[index - 1]))
      throw new TableMismatchError(`${label}: ${name} must increase strictly (${name}[${index}] = ${value} after ${values[index - 1]})`);
  });
  return values as number[];
}

function sameGrid(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((value, index) => Math.abs(value - b[index]) <= GRID_TOLERANCE * Math.abs(b[index]));
}

function checkCells(label: string, name: string, values: unknown, length: number): number[] {
  if (!Array.isArray(values) || values.length !== length) {
    throw new TableMismatchError(
      `${label}: ${name} must have ${length} entries (masses × widths × regions) (got ${Array.isArray(values) ? values.length : typeof values})`,
    );
  }
  for (let index = 0; index < length; index++) {
    const value = values[index];
    if (typeof value !== 'number' || !(value >= 0 && value < Infinity))
      throw new TableMismatchError(`${label}: ${name}[${index}] must be a finite number ≥ 0 (got ${value})`);
  }
  return values as number[];
}

/**
 * Validates a table set against its scenario and prepares it for fast evaluation (cached per set
 * object). Refuses, naming the table: tables of another scenario (name or hash), other regions,
 * grids differing between tables, production modes missing, duplicated or not in the scenario.
 */
export function prepareTableSet(set: ScenarioTableSet): PreparedTableSet {
  const cached = prepared.get(set);
  if (cached) return cached;
  if (!set || typeof set !== 'object' || !set.scenario || typeof set.scenarioHash !== 'string' || set.scenarioHash === '') {
    throw new LimitsInputError('table set needs { scenario, scenarioHash, tables }');
  }
  const { scenario } = set;
  if (!Array.isArray(set.tables) || set.tables.length === 0)
    throw new LimitsInputError(`scenario '${scenario.name}': no tables given (need one per production mode: ${scenario.production.modes.join(', ')})`);
  const regionNames = scenario.regions.map((region) => region.name);
  const first = set.tables[0];
  const firstLabel = `table 0 (${first?.productionMode})`;
  const massesGeV = checkIncreasingPositive(firstLabel, 'massesGeV', first?.massesGeV);
  const widthsGeV = checkIncreasingPositive(firstLabel, 'widthsGeV', first?.widthsGeV);
  const seenModes = new Set<string>();
  const modes: PreparedMode[] = set.tables.map((table, index) => {
    const label = `table ${index} (${table?.productionMode})`;
    if (!table || table.format !== TABLE_FORMAT || table.formatVersion !== TABLE_FORMAT_VERSION) {
      throw new TableMismatchError(
        `${label}: not a ${TABLE_FORMAT} version ${TABLE_FORMAT_VERSION} table (got format ${table?.format} version ${table?.formatVersion})`,
      );
    }
    if (table.scenario?.name !== scenario.name || table.scenario?.hash !== set.scenarioHash) {
      throw new TableMismatchError(
        `${label} was made for scenario '${table.scenario?.name}' (${shortHash(String(table.scenario?.hash))}), not for the requested '${scenario.name}' (${shortHash(set.scenarioHash)}): rebuild the tables for this scenario`,
      );
    }
    const mode = table.productionMode;
    if (!RESCALABLE_MODES.includes(mode)) {
      throw new TableMismatchError(`${label}: production mode '${mode}' has no coupling rescaling rule; expected one of ${RESCALABLE_MODES.join(', ')}`);
    }
    if (!scenario.production.modes.includes(mode))
      throw new TableMismatchError(`${label}: production mode '${mode}' is not one of the scenario's modes (${scenario.production.modes.join(', ')})`);
    if (seenModes.has(mode)) throw new TableMismatchError(`${label}: a second table for production mode '${mode}'`);
    seenModes.add(mode);
    if (!Array.isArray(table.regionNames) || table.regionNames.length !== regionNames.length || table.regionNames.some((name, r) => name !== regionNames[r])) {
      throw new TableMismatchError(`${label}: regions ${JSON.stringify(table.regionNames)} differ from the scenario's ${JSON.stringify(regionNames)}`);
    }
    const masses = checkIncreasingPositive(label, 'massesGeV', table.massesGeV);
    const widths = checkIncreasingPositive(label, 'widthsGeV', table.widthsGeV);
    if (!sameGrid(masses, massesGeV))
      throw new TableMismatchError(
        `${label}: mass grid (${masses.length} masses, ${masses[0]}…${masses.at(-1)} GeV) differs from ${firstLabel}'s (${massesGeV.length}, ${massesGeV[0]}…${massesGeV.at(-1)} GeV)`,
      );
    if (!sameGrid(widths, widthsGeV))
      throw new TableMismatchError(
        `${label}: width grid (${widths.length} widths, ${widths[0]}…${widths.at(-1)} GeV) differs from ${firstLabel}'s (${widthsGeV.length}, ${widthsGeV[0]}…${widthsGeV.at(-1)} GeV)`,
      );
    const cells = massesGeV.length * widthsGeV.length * regionNames.length;
    const efficiency = Float64Array.from(checkCells(label, 'efficiency', table.efficiency, cells));
    const efficiencyError = Float64Array.from(checkCells(label, 'efficiencyError', table.efficiencyError, cells));
    const yields = checkCells(label, 'yieldPerPotAtReference', table.yieldPerPotAtReference, massesGeV.length);
    const logEfficiency = efficiency.map((value) => (value > 0 ? Math.log(value) : -Infinity));
    const relativeError = efficiency.map((value, cell) => (value > 0 ? efficiencyError[cell] / value : 0));
    return { mode: mode as RescalableMode, efficiency, logEfficiency, efficiencyError, relativeError, yieldPerPot: Float64Array.from(yields) };
  });
  // B → K(*) a tables may be absent: a run for a model with c_WW = 0 skips them (they scale by 0), and a
  // model with c_WW ≠ 0 on tables without them is warned about (scenarios/validity.ts bToKProductionWarnings).
  const missing = scenario.production.modes.filter((mode) => !seenModes.has(mode) && !(B_PRODUCTION_MODES as readonly string[]).includes(mode));
  if (missing.length > 0)
    throw new TableMismatchError(
      `scenario '${scenario.name}': no table for production mode(s) ${missing.join(', ')} (tables cover ${[...seenModes].join(', ')})`,
    );
  const result: PreparedTableSet = {
    scenario,
    scenarioHash: set.scenarioHash,
    regionNames,
    massesGeV: [...massesGeV],
    widthsGeV: [...widthsGeV],
    logSurvivalCapWidthTimesMass: logSurvivalCapWidthTimesMass(scenario),
    logMasses: Float64Array.from(massesGeV, Math.log),
    logWidths: Float64Array.from(widthsGeV, Math.log),
    modes,
    additionalAcceptance: scenario.additionalAcceptance.value,
    branchingChannel: CHANNEL_BRANCHING[scenario.channel],
  };
  prepared.set(set, result);
  return result;
}

/** Coupling scale of a production mode relative to its reference coupling (module comment). */
export function productionCouplingScale(mode: RescalableMode, model: AlpModelKoto, massGeV: number): number {
  // Squares as products, not `** 2`: V8 evaluates `**` through pow, whose last bit differs between
  // versions and JIT tiers, and the page (Chrome) and the CLI (Node) must give the same limits bit for bit.
  if (mode.startsWith('primakoff')) return square(gAgammaPerGeV(model, massGeV) / REFERENCE_G_AGAMMA_PER_GEV);
  if ((B_PRODUCTION_MODES as readonly string[]).includes(mode)) return bModeCouplingScale(model, massGeV, mode as BProductionMode);
  return square(model.cGG / model.faGeV / REFERENCE_CGG_OVER_FA_PER_GEV);
}

/** Position on a log axis: lower index and fraction, or −1 (below) / +1 (above) outside. */
interface AxisPosition {
  index: number;
  fraction: number;
  outside: -1 | 0 | 1;
}

function locate(axis: Float64Array, value: number, hint = 0): AxisPosition {
  const n = axis.length;
  const tolerance = GRID_TOLERANCE;
  if (value < axis[0] - tolerance) return { index: 0, fraction: 0, outside: -1 };
  if (value > axis[n - 1] + tolerance) return { index: n - 1, fraction: 0, outside: 1 };
  if (n === 1) return { index: 0, fraction: 0, outside: 0 };
  let index = Math.min(Math.max(hint, 0), n - 2);
  while (index > 0 && axis[index] > value) index--;
  while (index < n - 2 && axis[index + 1] <= value) index++;
  const fraction = Math.min(Math.max((value - axis[index]) / (axis[index + 1] - axis[index]), 0), 1);
  return { index, fraction, outside: 0 };
}

/** Physics of a model at one mass, at unit coupling g = 1 GeV⁻¹ (everything scales with g², module comment). */
export interface MassPhysics {
  massGeV: number;
  /** Γ_tot(m, g = 1 GeV⁻¹), GeV. */
  widthAtUnitCoupling: number;
  branchingRatio: number;
  /** S_mode(m, g = 1 GeV⁻¹) in the order of the prepared modes. */
  couplingScaleAtUnit: number[];
}

/**
 * Per table set and model: the MassPhysics of every mass asked for so far (a pure function of them), so
 * contour bisection, the MC and expected bands and the page's redraws share one physics call per mass.
 */
const physicsMemo = new WeakMap<MassWidthTable[], Map<string, Map<string, Map<number, MassPhysics>>>>();
/** The memo's key of a model object, made once per object (a string per call would cost as much as a memo hit saves). */
const modelKeys = new WeakMap<LimitsModel, string>();
function modelKey(model: LimitsModel): string {
  let key = modelKeys.get(model);
  if (key === undefined) modelKeys.set(model, (key = `${model.cGG},${model.cBB},${model.cWW},${model.cLL}`));
  return key;
}
const PHYSICS_MEMO_MASSES = 200_000;
const PHYSICS_MEMO_MODELS = 8;

/** Per prepared table set: each mode's coupling-scale kind (every Primakoff mode alike, every mixing mode alike; each B mode its own). */
const modeKindsMemo = new WeakMap<PreparedTableSet, string[]>();
function modeKinds(tables: PreparedTableSet): string[] {
  let kinds = modeKindsMemo.get(tables);
  if (!kinds) {
    kinds = tables.modes.map(({ mode }) => (mode.startsWith('primakoff') ? 'primakoff' : mode.startsWith('mixing') ? 'mixing' : mode));
    modeKindsMemo.set(tables, kinds);
  }
  return kinds;
}

export function massPhysics(set: ScenarioTableSet, model: LimitsModel | string, massGeV: number): MassPhysics {
  const tables = prepareTableSet(set);
  const limitsModel = toLimitsModel(model);
  let perTables = physicsMemo.get(set.tables);
  if (!perTables) physicsMemo.set(set.tables, (perTables = new Map()));
  let perSet = perTables.get(tables.branchingChannel);
  if (!perSet) perTables.set(tables.branchingChannel, (perSet = new Map()));
  const key = modelKey(limitsModel);
  let memo = perSet.get(key);
  if (!memo) {
    if (perSet.size >= PHYSICS_MEMO_MODELS) perSet.clear(); // custom-coupling sliders make a new model per step
    perSet.set(key, (memo = new Map()));
  }
  const known = memo.get(massGeV);
  if (known) return known;
  if (memo.size >= PHYSICS_MEMO_MASSES) memo.clear();
  const koto = modelAtCoupling(limitsModel, 1);
  // One evaluation of the partial widths for Γ_tot and the BR: the same numbers as totalWidthGeV
  // (their sum in the same order) and branchingRatio (Γ_channel / Γ_tot), in a third of the time.
  const widths = partialWidthsGeV(koto, massGeV);
  let total = 0;
  for (const width of Object.values(widths)) total += width;
  if (!(total > 0)) total = totalWidthGeV(koto, massGeV); // throws its message for a model without couplings
  // The coupling scale is one per kind (every Primakoff mode alike, every mixing mode alike; each B mode
  // its own): one physics call per kind.
  const kinds = modeKinds(tables);
  const couplingScaleAtUnit: number[] = [];
  for (let index = 0; index < kinds.length; index++) {
    let first = 0;
    while (kinds[first] !== kinds[index]) first++;
    couplingScaleAtUnit.push(first < index ? couplingScaleAtUnit[first] : productionCouplingScale(tables.modes[index].mode, koto, massGeV));
  }
  const physics: MassPhysics = {
    massGeV,
    widthAtUnitCoupling: total,
    branchingRatio: (widths[tables.branchingChannel] ?? 0) / total,
    couplingScaleAtUnit,
  };
  memo.set(massGeV, physics);
  return physics;
}

/** Yield per POT at the reference coupling, interpolated in (ln m, ln Y) (linear in Y next to a zero). */
function interpolatedYield(mode: PreparedMode, position: AxisPosition): number {
  const { index, fraction } = position;
  const y0 = mode.yieldPerPot[index];
  if (fraction === 0) return y0;
  const y1 = mode.yieldPerPot[index + 1];
  if (y0 > 0 && y1 > 0) return Math.exp((1 - fraction) * Math.log(y0) + fraction * Math.log(y1));
  return (1 - fraction) * y0 + fraction * y1;
}

/**
 * Adds one mode's interpolated efficiency × `factor` to signal[out + r] and (error × factor)² to
 * errorSquared[out + r] for every region. Indices: corners (i0, j0) … (i1, j1).
 */
function addModeSignal(
  tables: PreparedTableSet,
  mode: PreparedMode,
  mass: AxisPosition,
  width: AxisPosition,
  factor: number,
  signal: Float64Array,
  errorSquared: Float64Array,
  out: number,
): void {
  const nW = tables.widthsGeV.length;
  const nR = tables.regionNames.length;
  const i0 = mass.index;
  const i1 = mass.fraction > 0 ? i0 + 1 : i0;
  const j0 = width.index;
  const j1 = width.fraction > 0 ? j0 + 1 : j0;
  const tm = mass.fraction;
  const tw = width.fraction;
  const w00 = (1 - tm) * (1 - tw);
  const w01 = (1 - tm) * tw;
  const w10 = tm * (1 - tw);
  const w11 = tm * tw;
  const c00 = (i0 * nW + j0) * nR;
  const c01 = (i0 * nW + j1) * nR;
  const c10 = (i1 * nW + j0) * nR;
  const c11 = (i1 * nW + j1) * nR;
  const { efficiency, logEfficiency, efficiencyError, relativeError } = mode;
  for (let r = 0; r < nR; r++) {
    const e00 = efficiency[c00 + r];
    const e01 = efficiency[c01 + r];
    const e10 = efficiency[c10 + r];
    const e11 = efficiency[c11 + r];
    let value: number;
    let error: number;
    if (e00 > 0 && e01 > 0 && e10 > 0 && e11 > 0) {
      value = Math.exp(w00 * logEfficiency[c00 + r] + w01 * logEfficiency[c01 + r] + w10 * logEfficiency[c10 + r] + w11 * logEfficiency[c11 + r]);
      error = value * (w00 * relativeError[c00 + r] + w01 * relativeError[c01 + r] + w10 * relativeError[c10 + r] + w11 * relativeError[c11 + r]);
    } else {
      value = w00 * e00 + w01 * e01 + w10 * e10 + w11 * e11;
      error = w00 * efficiencyError[c00 + r] + w01 * efficiencyError[c01 + r] + w10 * efficiencyError[c10 + r] + w11 * efficiencyError[c11 + r];
    }
    signal[out + r] += factor * value;
    errorSquared[out + r] += square(factor * error);
  }
}

function requirePot(set: ScenarioTableSet, options: RescaleOptions): number {
  if (options.pot === undefined) return set.scenario.exposure.pot;
  return requirePositiveFinite('pot', options.pot, 'protons on target');
}

function requireMass(name: string, massGeV: number): number {
  return requirePositiveFinite(name, massGeV, 'GeV');
}

function requireCouplingValue(name: string, couplingPerGeV: number): number {
  return requirePositiveFinite(name, couplingPerGeV, 'GeV^-1');
}

/**
 * Signal of a physics-library model at one mass (any couplings; the width, BR and production scale
 * are evaluated for it directly). Fills signal/signalError per region; zero outside the tables.
 */
export function signalForKotoModel(
  set: ScenarioTableSet,
  koto: AlpModelKoto,
  massGeV: number,
  pot: number,
  signal: Float64Array,
  signalError: Float64Array,
): { status: PointStatusCode; widthGeV: number; branchingRatio: number } {
  const tables = prepareTableSet(set);
  signal.fill(0);
  signalError.fill(0);
  const widthGeV = totalWidthGeV(koto, massGeV);
  const branching = branchingRatio(koto, massGeV, tables.branchingChannel);
  const mass = locate(tables.logMasses, Math.log(massGeV));
  const width = locate(tables.logWidths, Math.log(widthGeV));
  let status: PointStatusCode = POINT_STATUS.ok;
  if (mass.outside < 0) status = POINT_STATUS.massBelowGrid;
  else if (mass.outside > 0) status = POINT_STATUS.massAboveGrid;
  else if (width.outside < 0) status = POINT_STATUS.widthBelowGrid;
  else if (width.outside > 0) status = beyondSurvivalCap(tables, Math.log(widthGeV), Math.log(massGeV)) ? POINT_STATUS.ok : POINT_STATUS.widthAboveGrid;
  if (status === POINT_STATUS.ok && width.outside === 0) {
    for (const mode of tables.modes) {
      const factor = pot * tables.additionalAcceptance * branching * productionCouplingScale(mode.mode, koto, massGeV) * interpolatedYield(mode, mass);
      if (factor > 0) addModeSignal(tables, mode, mass, width, factor, signal, signalError, 0);
    }
  }
  for (let r = 0; r < signalError.length; r++) signalError[r] = Math.sqrt(signalError[r]);
  return { status, widthGeV, branchingRatio: branching };
}

/** Expected signal at one (m, g): the physics library is evaluated directly at f_a = 1/g. */
export function expectedSignal(
  set: ScenarioTableSet,
  model: LimitsModel | string,
  massGeV: number,
  couplingPerGeV: number,
  options: RescaleOptions = {},
): SignalPoint {
  const tables = prepareTableSet(set);
  requireMass('massGeV', massGeV);
  requireCouplingValue('coupling', couplingPerGeV);
  const pot = requirePot(set, options);
  const koto = modelAtCoupling(toLimitsModel(model), couplingPerGeV);
  const nR = tables.regionNames.length;
  const signal = new Float64Array(nR);
  const signalError = new Float64Array(nR);
  const { status, widthGeV, branchingRatio: branching } = signalForKotoModel(set, koto, massGeV, pot, signal, signalError);
  return {
    massGeV,
    couplingPerGeV,
    totalWidthGeV: widthGeV,
    branchingRatio: branching,
    status,
    statusName: POINT_STATUS_NAMES[status],
    signal: Array.from(signal),
    signalError: Array.from(signalError),
    total: signal.reduce((sum, value) => sum + value, 0),
    totalError: Math.sqrt(signalError.reduce((sum, value) => sum + value * value, 0)),
  };
}

function checkAxis(name: string, values: readonly number[], unit: string): Float64Array {
  if (!values || typeof values.length !== 'number' || values.length === 0) throw new LimitsInputError(`${name} must be a non-empty list of numbers in ${unit}`);
  const logs = new Float64Array(values.length);
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    requirePositiveFinite(`${name}[${index}]`, value, unit);
    if (index > 0 && !(value > values[index - 1]))
      throw new LimitsInputError(`${name} must increase strictly (${name}[${index}] = ${value} after ${values[index - 1]})`);
    logs[index] = Math.log(value);
  }
  return logs;
}

/** The common step of a log axis if it is uniform to 1e-9 relative, else 0. */
function uniformLogStep(logAxis: Float64Array): number {
  const n = logAxis.length;
  if (n < 2) return 0;
  const step = (logAxis[n - 1] - logAxis[0]) / (n - 1);
  for (let i = 1; i < n; i++) if (Math.abs(logAxis[i] - logAxis[i - 1] - step) > 1e-9 * Math.abs(step)) return 0;
  return step;
}

export interface SignalPlaneOptions extends RescaleOptions {
  /** Physics per mass, if already computed (massPhysics for every mass, in order): saves the physics calls on redraws. */
  physics?: MassPhysics[];
  /** A previous plane of the same shape whose buffers are overwritten (no allocation on redraws). */
  reuse?: SignalPlane;
}

/** Mass columns processed together, so that the output is written in contiguous runs. */
const MASS_BLOCK = 16;

/**
 * Expected signal on a dense (mass × coupling) grid, both axes strictly increasing. One call of the
 * physics library per mass (g² scaling, module comment); per point only table interpolation.
 *
 * Implementation: for a block of masses, each mode's table is first interpolated in ln m (a column
 * per mass); points are then 1-D interpolations in ln Γ, the same numbers as addModeSignal's. On a
 * log-uniform coupling axis ln Γ advances by a fixed step within a width cell, so ε is carried from
 * one coupling to the next by one multiplication (ε(t + dt) = ε(t) e^{dt Δln ε}; linear cells: one
 * addition) instead of an exp; each new cell restarts from the table.
 */
export function signalPlane(
  set: ScenarioTableSet,
  model: LimitsModel | string,
  massesGeV: readonly number[],
  couplingsPerGeV: readonly number[],
  options: SignalPlaneOptions = {},
): SignalPlane {
  const tables = prepareTableSet(set);
  const logMassAxis = checkAxis('massesGeV', massesGeV, 'GeV');
  const logCouplingAxis = checkAxis('couplingsPerGeV', couplingsPerGeV, 'GeV^-1');
  const pot = requirePot(set, options);
  const limitsModel = toLimitsModel(model);
  const nM = massesGeV.length;
  const nG = couplingsPerGeV.length;
  const nR = tables.regionNames.length;
  const nW = tables.widthsGeV.length;
  const modeCount = tables.modes.length;
  const reuse = options.reuse;
  const fits = reuse && reuse.signal.length === nM * nG * nR && reuse.status.length === nM * nG && reuse.regionNames.length === nR;
  const signal = fits ? reuse.signal : new Float64Array(nM * nG * nR);
  const errorOut = fits ? reuse.signalError : new Float64Array(nM * nG * nR);
  const status = fits ? reuse.status : new Uint8Array(nM * nG);
  const couplingSquared = Float64Array.from(couplingsPerGeV, (g) => g * g);
  const physicsList = options.physics;
  if (physicsList && physicsList.length !== nM) throw new LimitsInputError(`physics has ${physicsList.length} entries for ${nM} masses`);
  const logWidths = tables.logWidths;
  const logWidthLo = logWidths[0] - GRID_TOLERANCE;
  const logWidthHi = logWidths[nW - 1] + GRID_TOLERANCE;
  const uniformCouplingStep = uniformLogStep(logCouplingAxis);
  const columnSize = nW * nR;
  const stateSize = modeCount * nR;
  // per block slot b: columns [b][mode] of size nW · nR, recurrence state [b] of size modes · nR
  const columnLog = new Float64Array(MASS_BLOCK * modeCount * columnSize);
  const columnLinear = new Float64Array(MASS_BLOCK * modeCount * columnSize);
  const columnRelativeError = new Float64Array(MASS_BLOCK * modeCount * columnSize);
  const columnError = new Float64Array(MASS_BLOCK * modeCount * columnSize);
  const factors = new Float64Array(MASS_BLOCK * modeCount);
  const logWidth0 = new Float64Array(MASS_BLOCK);
  const inRange = new Uint8Array(MASS_BLOCK);
  const cellIndex = new Int32Array(MASS_BLOCK);
  const stateCell = new Int32Array(MASS_BLOCK);
  const stateLog = new Uint8Array(MASS_BLOCK * stateSize);
  const stateValue = new Float64Array(MASS_BLOCK * stateSize);
  const stateStep = new Float64Array(MASS_BLOCK * stateSize);
  const stateError = new Float64Array(MASS_BLOCK * stateSize);
  const stateErrorStep = new Float64Array(MASS_BLOCK * stateSize);

  for (let blockStart = 0; blockStart < nM; blockStart += MASS_BLOCK) {
    const blockEnd = Math.min(blockStart + MASS_BLOCK, nM);
    // 1. columns: each mode's table interpolated in ln m at every mass of the block
    for (let i = blockStart; i < blockEnd; i++) {
      const b = i - blockStart;
      const mass = locate(tables.logMasses, logMassAxis[i]);
      cellIndex[b] = 0;
      stateCell[b] = -1;
      if (mass.outside !== 0) {
        inRange[b] = 0;
        const code = mass.outside < 0 ? POINT_STATUS.massBelowGrid : POINT_STATUS.massAboveGrid;
        for (let j = 0; j < nG; j++) {
          status[j * nM + i] = code;
          signal.fill(0, (j * nM + i) * nR, (j * nM + i + 1) * nR);
          errorOut.fill(0, (j * nM + i) * nR, (j * nM + i + 1) * nR);
        }
        continue;
      }
      inRange[b] = 1;
      const physics = physicsList?.[i] ?? massPhysics(set, limitsModel, massesGeV[i]);
      logWidth0[b] = Math.log(physics.widthAtUnitCoupling);
      const base0 = mass.index * columnSize;
      const base1 = (mass.fraction > 0 ? mass.index + 1 : mass.index) * columnSize;
      const tm = mass.fraction;
      for (let m = 0; m < modeCount; m++) {
        const mode = tables.modes[m];
        const factor = pot * tables.additionalAcceptance * physics.branchingRatio * physics.couplingScaleAtUnit[m] * interpolatedYield(mode, mass);
        factors[b * modeCount + m] = factor > 0 ? factor : 0;
        if (!(factor > 0)) continue;
        const offset = (b * modeCount + m) * columnSize;
        for (let c = 0; c < columnSize; c++) {
          const e0 = mode.efficiency[base0 + c];
          const e1 = mode.efficiency[base1 + c];
          columnLinear[offset + c] = (1 - tm) * e0 + tm * e1;
          columnError[offset + c] = (1 - tm) * mode.efficiencyError[base0 + c] + tm * mode.efficiencyError[base1 + c];
          if (e0 > 0 && e1 > 0) {
            columnLog[offset + c] = (1 - tm) * mode.logEfficiency[base0 + c] + tm * mode.logEfficiency[base1 + c];
            columnRelativeError[offset + c] = (1 - tm) * mode.relativeError[base0 + c] + tm * mode.relativeError[base1 + c];
          } else {
            columnLog[offset + c] = -Infinity; // a corner is 0: this cell is interpolated linearly
            columnRelativeError[offset + c] = 0;
          }
        }
      }
    }
    // 2. points, coupling-major so each row of the block is written contiguously
    for (let j = 0; j < nG; j++) {
      const g2 = couplingSquared[j];
      for (let i = blockStart; i < blockEnd; i++) {
        const b = i - blockStart;
        if (inRange[b] === 0) continue;
        const point = j * nM + i;
        const out = point * nR;
        const logWidth = logWidth0[b] + 2 * logCouplingAxis[j];
        if (logWidth < logWidthLo || logWidth > logWidthHi) {
          status[point] =
            logWidth < logWidthLo
              ? POINT_STATUS.widthBelowGrid
              : beyondSurvivalCap(tables, logWidth, logMassAxis[i])
                ? POINT_STATUS.ok
                : POINT_STATUS.widthAboveGrid;
          for (let r = 0; r < nR; r++) signal[out + r] = errorOut[out + r] = 0;
          stateCell[b] = -1;
          continue;
        }
        status[point] = POINT_STATUS.ok;
        // widths increase with g along a column: the cell index only moves up
        let j0 = cellIndex[b];
        while (j0 < nW - 2 && logWidths[j0 + 1] <= logWidth) j0++;
        cellIndex[b] = j0;
        const stateBase = b * stateSize;
        const advance = uniformCouplingStep > 0 && stateCell[b] === j0;
        if (!advance) {
          // entering a cell: interpolate directly, and set up the step to the next coupling
          let tw = nW === 1 ? 0 : (logWidth - logWidths[j0]) / (logWidths[j0 + 1] - logWidths[j0]);
          tw = tw < 0 ? 0 : tw > 1 ? 1 : tw;
          const j1 = nW === 1 ? j0 : j0 + 1;
          const dt = nW === 1 ? 0 : (2 * uniformCouplingStep) / (logWidths[j0 + 1] - logWidths[j0]);
          for (let m = 0; m < modeCount; m++) {
            if (factors[b * modeCount + m] === 0) continue;
            const offset = (b * modeCount + m) * columnSize;
            const c0 = offset + j0 * nR;
            const c1 = offset + j1 * nR;
            for (let r = 0; r < nR; r++) {
              const s = stateBase + m * nR + r;
              const l0 = columnLog[c0 + r];
              const l1 = columnLog[c1 + r];
              if (l0 !== -Infinity && l1 !== -Infinity) {
                stateLog[s] = 1;
                stateValue[s] = Math.exp(l0 + tw * (l1 - l0));
                stateStep[s] = Math.exp(dt * (l1 - l0)); // ε(t + dt) = ε(t) e^{dt Δln ε}
                stateError[s] = columnRelativeError[c0 + r] + tw * (columnRelativeError[c1 + r] - columnRelativeError[c0 + r]);
                stateErrorStep[s] = dt * (columnRelativeError[c1 + r] - columnRelativeError[c0 + r]);
              } else {
                stateLog[s] = 0;
                stateValue[s] = columnLinear[c0 + r] + tw * (columnLinear[c1 + r] - columnLinear[c0 + r]);
                stateStep[s] = dt * (columnLinear[c1 + r] - columnLinear[c0 + r]);
                stateError[s] = columnError[c0 + r] + tw * (columnError[c1 + r] - columnError[c0 + r]);
                stateErrorStep[s] = dt * (columnError[c1 + r] - columnError[c0 + r]);
              }
            }
          }
          stateCell[b] = j0;
        }
        const factorBase = b * modeCount;
        for (let r = 0; r < nR; r++) {
          let sum = 0;
          let sumErrorSquared = 0;
          for (let m = 0, s = stateBase + r; m < modeCount; m++, s += nR) {
            const factor = factors[factorBase + m] * g2;
            if (factor === 0) continue;
            let value = stateValue[s];
            let error = stateError[s];
            const logCell = stateLog[s] === 1;
            if (advance) {
              // next coupling in the same cell (log-uniform coupling axis): t advances by dt
              value = logCell ? value * stateStep[s] : value + stateStep[s];
              error += stateErrorStep[s];
              stateValue[s] = value;
              stateError[s] = error;
            }
            if (!(value > 0)) value = 0;
            const absoluteError = factor * (logCell ? value * error : error);
            sum += factor * value;
            sumErrorSquared += absoluteError * absoluteError;
          }
          signal[out + r] = sum;
          errorOut[out + r] = Math.sqrt(sumErrorSquared);
        }
      }
    }
  }
  return { massesGeV: [...massesGeV], couplingsPerGeV: [...couplingsPerGeV], regionNames: tables.regionNames, pot, signal, signalError: errorOut, status };
}

/**
 * Signal at one coupling from precomputed MassPhysics (g² scaling, module comment); fills
 * signal/signalError (one entry per region) and returns the point status. For bisection along the
 * coupling axis, where the physics of the mass is computed once.
 */
export function signalFromPhysics(
  set: ScenarioTableSet,
  physics: MassPhysics,
  couplingPerGeV: number,
  pot: number,
  signal: Float64Array,
  signalError: Float64Array,
): PointStatusCode {
  const tables = prepareTableSet(set);
  signal.fill(0);
  signalError.fill(0);
  const mass = locate(tables.logMasses, Math.log(physics.massGeV));
  if (mass.outside !== 0) return mass.outside < 0 ? POINT_STATUS.massBelowGrid : POINT_STATUS.massAboveGrid;
  const couplingSquared = couplingPerGeV * couplingPerGeV;
  const logWidth = Math.log(physics.widthAtUnitCoupling * couplingSquared);
  const width = locate(tables.logWidths, logWidth);
  if (width.outside < 0) return POINT_STATUS.widthBelowGrid;
  if (width.outside > 0) return beyondSurvivalCap(tables, logWidth, Math.log(physics.massGeV)) ? POINT_STATUS.ok : POINT_STATUS.widthAboveGrid;
  tables.modes.forEach((mode, m) => {
    const factor =
      pot * tables.additionalAcceptance * physics.branchingRatio * physics.couplingScaleAtUnit[m] * couplingSquared * interpolatedYield(mode, mass);
    if (factor > 0) addModeSignal(tables, mode, mass, width, factor, signal, signalError, 0);
  });
  for (let r = 0; r < signalError.length; r++) signalError[r] = Math.sqrt(signalError[r]);
  return POINT_STATUS.ok;
}

/** Γ at or above the scenario's survival cap Γ_cap(m) (survival-cap.ts): no ALP reaches the decay volume, the signal is exactly 0. */
function beyondSurvivalCap(tables: PreparedTableSet, logWidthGeV: number, logMassGeV: number): boolean {
  return logWidthGeV >= tables.logSurvivalCapWidthTimesMass - logMassGeV;
}

/** The exposure a rescaling uses: options.pot or the scenario's. */
export function exposurePot(set: ScenarioTableSet, options: RescaleOptions = {}): number {
  return requirePot(set, options);
}

/** Table mass range [first, last] in GeV. */
export function tableMassRange(set: ScenarioTableSet): [number, number] {
  const tables = prepareTableSet(set);
  return [tables.massesGeV[0], tables.massesGeV[tables.massesGeV.length - 1]];
}
