/**
 * runLimits: scenarios + model → limits.json objects, the same for every face. Builds the tables
 * (or takes given ones), refines the mass grid where neighbouring masses disagree
 * (src/app/mass-refinement.ts; only when an engine can run), then computes limits with the one
 * contour grid, refinement and expected band of src/limits/compute.ts. The CLI's `limits`, and the
 * page on every redraw, call this. Browser-safe.
 */
import {
  computeLimits,
  entryInterval,
  logSpace,
  massIntervals,
  widthGridFor,
  zeroSignalTableMasses,
  DEFAULT_WIDTHS_PER_DECADE,
  type ExclusionEntry,
  type LimitsJson,
  type MassIntervals,
  type MassRefinementRecord,
} from '../limits/compute.ts';
import type { CouplingInterval } from '../limits/contours.ts';
import { LimitsInputError } from '../limits/errors.ts';
import { toLimitsModel, type LimitsModel } from '../limits/model.ts';
import type { ScenarioTableSet } from '../limits/rescale.ts';
import { assembleMassWidthTable, buildTables, refinementOrder, refinementPasses, type TableRows, type ScenarioTarget } from './table-builder.ts';
import { DEFAULT_MAX_ADDED_MASSES, MAX_REFINABLE_GRID_MASSES, gridScanMasses, massCounterWord, nextRefinement, type ScanMass } from './mass-refinement.ts';
import type { Engine, ProductionSource, RunHooks } from './ports.ts';
import { runSpectrumShapeVariations, type SpectrumShapeRunRequest } from './spectrum-systematics.ts';
import type { SpectrumShapeTables } from '../limits/systematics.ts';
import { bModesForModel, bToKProductionWarnings, massRangeWarnings } from '../scenarios/validity.ts';
import { COUPLING_RANGE_PER_GEV } from './caps.ts';
import { survivalCapCouplingPerGeV, survivalCapWidthGeV } from '../limits/survival-cap.ts';
import type { Scenario } from '../scenarios/schema.ts';
import type { TableProductionMode } from '../physics/production.ts';

/** Default scan: 25 log-spaced masses over the KOTO range (10 MeV – 1 GeV; arXiv:2303.01521 Figs. 5, 6). */
export const DEFAULT_MASSES_SPEC = '0.01:1:25';
/** Default couplings 1/f_a: 10⁻⁷ … 10⁻¹ GeV⁻¹ (f_a from 10 GeV to 10⁷ GeV), 241 log-spaced points (40 per decade). */
export const DEFAULT_COUPLINGS_SPEC = '1e-7:1e-1:241';
/** Points per decade of the default coupling axis: the page uses the same density over its range. */
export const COUPLINGS_PER_DECADE = 40;
/**
 * Samples per mass and mode: 4e5 keeps published edges stable to a few percent (KOTO Step-1 2015,
 * gluon, seed-to-seed spread of the 0.1 GeV lower and 0.3 GeV upper edges ≈ ±3 %, against ±10–12 %
 * at 1e5; docs/limits.md §6). A mass's random numbers follow its index in the scan, so this spread
 * is also how much an edge moves with the choice of the other scan masses.
 */
export const DEFAULT_LIMITS_SAMPLES = 400_000;

/** The coupling axis over [lo, hi] at the default density (COUPLINGS_PER_DECADE per decade): 1e-7…1e-1 gives the CLI default. */
export function couplingAxis(lo: number, hi: number, perDecade = COUPLINGS_PER_DECADE): number[] {
  return logSpace(lo, hi, Math.max(2, Math.round(Math.log10(hi / lo) * perDecade) + 1));
}
export const DEFAULT_LIMITS_SEED = 1;

export interface RunLimitsRequest {
  scenarios: ScenarioTarget[];
  model: LimitsModel | string;
  couplingsPerGeV: number[];
  /** Scan masses (ascending). With tables: default the tables' masses. */
  massesGeV?: number[];
  /** Protons on target for every scenario (default each scenario's own; with it the basis is expected-median). */
  pot?: number;
  /** Or: each scenario's own POT times this factor (the page's exposure slider; 1 = the scenario's exposure as is). */
  exposureFactor?: number;
  /** Tables to use instead of running the engine (one set per scenario, same order). */
  tables?: ScenarioTableSet[];
  /** With tables from an earlier runLimits (the page redrawing): its massRefinement records, so added masses stay marked. */
  earlierRefinement?: (MassRefinementRecord | undefined)[];
  /** With an engine: samples per mass, seed, width-grid density. */
  samplesPerMass?: number;
  seed?: number;
  widthsPerDecade?: number;
  /** The width grid of the engine run (default: widthGridFor the model over the coupling axis). */
  widthsGeV?: number[];
  engine?: Engine;
  production?: ProductionSource;
  /** Cap on masses added per scenario by refinement (0 disables it; default 12). */
  maxAddedMasses?: number;
  /** Mass order of the engine run: ascending (default), or coarse-to-fine passes (ends, middle, quarters, …) for progressive drawing. */
  order?: 'ascending' | 'coarse-to-fine';
  /** After each pass and each refinement round: the tables of the masses finished so far (progressive drawing). */
  onSnapshot?: (sets: ScenarioTableSet[]) => void | Promise<void>;
  /** Also trace contours of the expected band (the page draws them; limits.json then carries them). */
  expectedBandContours?: boolean;
  /** Masses of the contour grid (default 200). */
  contourMassCount?: number;
  /**
   * Extend the top of the coupling axis by decades (same density) while an excluded interval (nominal
   * or MC ±1σ) reaches it, up to the scenario's survival cap (src/limits/survival-cap.ts; at most
   * COUPLING_RANGE_PER_GEV's top). With an engine the width grid then covers the cap from the start.
   * The CLI's default scan extends; an explicit --couplings does not (docs/limits.md §2a).
   */
  extendCouplings?: boolean;
  /** Also compute the production-systematics band (limits.json systematicBand; computeLimits `systematics`). Default false; the CLI turns it on. */
  systematics?: boolean;
  /**
   * With systematics and an engine: also the meson-spectrum shape in the band (engine runs of the
   * meson-derived modes on two varied spectra, src/app/spectrum-systematics.ts; the CLI's
   * --spectrum-systematics). Default false: it triples the engine work of those modes.
   */
  spectrumSystematics?: boolean;
  /** The alternative shapes at a beam energy (default meson-spectra.ts spectrumShapeVariations; tests pass others). */
  spectrumShapes?: SpectrumShapeRunRequest['shapes'];
  /** false: nominal exclusion and contour only, no MC or expected band (the page's fast first redraw stage; computeLimits `bands`). */
  bands?: boolean;
  hooks?: RunHooks;
}

export interface RunLimitsResult {
  limits: LimitsJson[];
  /** The tables the limits were computed from (added masses included): the page redraws from these. */
  sets: ScenarioTableSet[];
}

/** The POT a scenario's limits use: --pot, or its own exposure × factor (undefined: its own, observed basis where it has counts). */
function potOf(request: RunLimitsRequest, set: Pick<ScenarioTableSet, 'scenario'>): number | undefined {
  if (request.pot !== undefined) return request.pot;
  if (request.exposureFactor !== undefined && request.exposureFactor !== 1) return set.scenario.exposure.pot * request.exposureFactor;
  return undefined;
}

export async function runLimits(request: RunLimitsRequest): Promise<RunLimitsResult> {
  const model = toLimitsModel(request.model);
  const maxAdded = request.maxAddedMasses ?? DEFAULT_MAX_ADDED_MASSES;
  if (!Number.isInteger(maxAdded) || maxAdded < 0) throw new LimitsInputError(`max added masses must be an integer ≥ 0 (got ${maxAdded})`);
  const couplings = request.couplingsPerGeV;
  const sets: ScenarioTableSet[] = [];
  const records: MassRefinementRecord[] = [];
  const shapeTables: (SpectrumShapeTables | undefined)[] = [];
  if (request.spectrumSystematics && request.tables)
    throw new LimitsInputError(
      'the meson-spectrum systematic needs engine runs on varied spectra: it cannot use given tables (drop --tables or --spectrum-systematics)',
    );
  if (request.spectrumSystematics && !(request.systematics && request.bands !== false))
    throw new LimitsInputError('the meson-spectrum systematic is part of the systematic band: it needs systematics on');
  if (request.tables) {
    if (request.tables.length !== request.scenarios.length)
      throw new Error(`internal: ${request.tables.length} table sets for ${request.scenarios.length} scenarios`);
    for (const [index, set] of request.tables.entries()) {
      const masses = request.massesGeV ?? set.tables[0].massesGeV;
      const earlier = request.earlierRefinement?.[index];
      sets.push(set);
      // unresolvedIntervalsGeV: from the limits' own intervals below (no second pass over the masses).
      records.push({
        requestedMassesGeV: earlier ? earlier.requestedMassesGeV : [...masses],
        addedMassesGeV: earlier ? earlier.addedMassesGeV : [],
        maxAddedMasses: earlier ? earlier.maxAddedMasses : 0,
        unresolvedIntervalsGeV: [],
        zeroSignalMassesGeV: zeroSignalTableMasses(set),
      });
    }
  } else {
    const { engine, production } = request;
    // B → K(*) a tables only for a model with a loop-induced g_bs (c_WW ≠ 0): others would scale them by 0.
    const targets = request.scenarios.map((target) => ({
      ...target,
      modes: bModesForModel(target.modes ?? (target.scenario.production.modes as TableProductionMode[]), model),
    }));
    const empty = targets.find((target) => target.modes.length === 0);
    if (empty)
      throw new LimitsInputError(
        `scenario '${empty.scenario.name}' has only B -> K(*) a production (${empty.scenario.production.modes.join(', ')}), which model '${model.name}' (c_WW = 0) does not give: use --model bk:<m_a in GeV>`,
      );
    if (!engine || !production) throw new Error('internal: runLimits needs tables, or an engine and a production source');
    if (!request.massesGeV || request.massesGeV.length === 0) throw new LimitsInputError('masses must list at least one mass in GeV');
    // Ascending and distinct: a mass's Philox word is its index in this list.
    const masses = [...request.massesGeV].sort((a, b) => a - b).filter((m, i, all) => i === 0 || m > all[i - 1]);
    if (masses.length > MAX_REFINABLE_GRID_MASSES)
      throw new LimitsInputError(`masses: at most ${MAX_REFINABLE_GRID_MASSES} scan masses (got ${masses.length})`);
    // Widths above the survival cap Γ_cap(m) carry no signal (rescale.ts treats them as a known 0): the grid stops there.
    const capWidth = (m: number) => Math.max(...targets.map((target) => survivalCapWidthGeV(target.scenario, m)));
    const topCoupling = request.extendCouplings
      ? Math.max(couplings[couplings.length - 1], ...targets.map((target) => extensionCapPerGeV(target.scenario, model, masses)))
      : couplings[couplings.length - 1];
    const widths = request.widthsGeV ?? widthGridFor(model, masses, couplings[0], topCoupling, request.widthsPerDecade ?? DEFAULT_WIDTHS_PER_DECADE, capWidth);
    if (!request.widthsGeV)
      request.hooks?.onLog?.(
        `width grid: ${widths.length} widths, ${widths[0].toExponential(2)} … ${widths[widths.length - 1].toExponential(2)} GeV (${request.widthsPerDecade ?? DEFAULT_WIDTHS_PER_DECADE} per decade)`,
      );
    const common = {
      massesGeV: masses,
      widthsGeV: widths,
      samplesPerMass: request.samplesPerMass ?? DEFAULT_LIMITS_SAMPLES,
      seed: request.seed ?? DEFAULT_LIMITS_SEED,
      engine,
      production,
      hooks: request.hooks,
    };
    const passes = request.order === 'coarse-to-fine' ? refinementPasses(refinementOrder(masses.length)) : undefined;
    const rows = await buildTables({
      ...common,
      scenarios: targets,
      passes,
      onPass: request.onSnapshot
        ? (_, __, partial) =>
            request.onSnapshot!(targets.filter((target) => partial.finishedIndices(target).length > 0).map((target) => partial.tableSet(target)))
        : undefined,
    });
    for (const [index, target] of targets.entries()) {
      const axis = request.extendCouplings ? extendedCouplingAxis(rows.tableSet(target), model, couplings, masses, potOf(request, target)) : couplings;
      const refined = await refineScenario(target, rows, model, axis, maxAdded, request, common, async (set) => {
        if (request.onSnapshot) await request.onSnapshot([...sets, set, ...targets.slice(index + 1).map((later) => rows.tableSet(later))]);
      });
      sets.push(refined.set);
      records.push(refined.record);
      if (request.spectrumSystematics)
        shapeTables[index] = await runSpectrumShapeVariations({
          ...common,
          target,
          set: refined.set,
          massCounterWords: refined.massCounterWords,
          shapes: request.spectrumShapes,
        });
    }
  }
  const limits = sets.map((set, index) => {
    const record = records[index];
    const scanMasses = request.tables
      ? (request.massesGeV ?? set.tables[0].massesGeV)
      : [...record.requestedMassesGeV, ...record.addedMassesGeV].sort((a, b) => a - b);
    const axis = request.extendCouplings ? extendedCouplingAxis(set, model, couplings, scanMasses, potOf(request, set)) : couplings;
    const result = computeLimits({
      set,
      model,
      couplingsPerGeV: axis,
      massesGeV: request.tables ? request.massesGeV : undefined,
      pot: potOf(request, set),
      expectedBandContours: request.expectedBandContours,
      contourMassCount: request.contourMassCount,
      bands: request.bands,
      systematics: request.systematics && request.bands !== false,
      spectrumShape: shapeTables[index],
    });
    if (request.tables && request.bands !== false) {
      const masses = request.massesGeV ?? set.tables[0].massesGeV;
      record.unresolvedIntervalsGeV = nextRefinement(gridScanMasses(masses), intervalsOf(result, masses), masses, 0).unresolved;
    }
    if (axis.length > couplings.length) {
      result.couplingRange.requestedHighPerGeV = couplings[couplings.length - 1];
      result.warnings.push(
        `couplings extended from ${couplings[couplings.length - 1]} to ${axis[axis.length - 1].toPrecision(3)} GeV^-1 (same density) because the excluded region reached the top of the scan`,
      );
    }
    result.warnings.push(...massRangeWarnings(set.tables[0]?.massesGeV ?? [], model.cGG !== 0));
    result.warnings.push(
      ...bToKProductionWarnings(
        set.scenario,
        model,
        `model '${model.name}'`,
        set.tables.map((table) => table.productionMode),
      ),
    );
    if (record.addedMassesGeV.length > 0 && !request.tables)
      result.warnings.push(
        `${record.addedMassesGeV.length} masses added where neighbouring scan masses disagreed: ${record.addedMassesGeV.map((m) => m.toPrecision(4)).join(', ')} GeV`,
      );
    if (record.unresolvedIntervalsGeV.length > 0) {
      const earlier = request.tables && request.earlierRefinement?.[index];
      const why =
        request.tables && !earlier
          ? 'tables were given, so no masses can be added'
          : `the cap of ${record.maxAddedMasses} added masses was reached or the finest level${earlier ? ' in the run that made these tables' : ''}`;
      result.warnings.push(
        `between ${record.unresolvedIntervalsGeV.map(([a, b]) => `${a.toPrecision(4)}–${b.toPrecision(4)}`).join(', ')} GeV neighbouring masses disagree and ${why}: the limit there comes from interpolation in mass`,
      );
    }
    return { ...result, massRefinement: record };
  });
  return { limits, sets };
}

/**
 * How far the coupling axis may be extended for a scenario: the decade at or above the highest
 * survival-cap coupling over the scan masses (no signal above it, survival-cap.ts), at most the top
 * of COUPLING_RANGE_PER_GEV.
 */
export function extensionCapPerGeV(scenario: Pick<Scenario, 'beam' | 'detector'>, model: LimitsModel, massesGeV: number[]): number {
  const cap = Math.max(...massesGeV.map((m) => survivalCapCouplingPerGeV(scenario, model, m)));
  const decade = Number.isFinite(cap) ? 10 ** Math.ceil(Math.log10(cap) - 1e-9) : Number.POSITIVE_INFINITY;
  return Math.min(COUPLING_RANGE_PER_GEV[1], decade);
}

/**
 * The coupling axis extended upwards by decades (COUPLINGS_PER_DECADE-like density of the given
 * axis) while an excluded interval (nominal or MC ±1σ) at a scan mass reaches its top and the top
 * is below extensionCapPerGeV. Unchanged when nothing reaches the top.
 */
export function extendedCouplingAxis(set: ScenarioTableSet, model: LimitsModel, couplings: number[], massesGeV: number[], pot: number | undefined): number[] {
  const cap = extensionCapPerGeV(set.scenario, model, massesGeV);
  const lo = couplings[0];
  const perDecade = (couplings.length - 1) / Math.log10(couplings[couplings.length - 1] / lo);
  let axis = couplings;
  for (;;) {
    const top = axis[axis.length - 1];
    if (!(top < cap * (1 - 1e-9))) return axis;
    const reaches = massIntervals(set, model, axis, massesGeV, { pot }).some((mass) =>
      [mass.nominal, mass.mcMinus1Sigma, mass.mcPlus1Sigma].some((intervals) => intervals.some((interval) => interval.upperAtRangeEnd)),
    );
    if (!reaches) return axis;
    const hi = Math.min(cap, top * 10);
    axis = logSpace(lo, hi, Math.max(axis.length + 1, Math.round(Math.log10(hi / lo) * perDecade) + 1));
  }
}

/** The per-mass intervals (nominal, MC ∓1σ) of a limits.json, in the form refinement compares. */
function intervalsOf(limits: LimitsJson, massesGeV: number[]): MassIntervals[] {
  const at = (entries: ExclusionEntry[], massGeV: number): CouplingInterval[] => entries.filter((entry) => entry.massGeV === massGeV).map(entryInterval);
  return massesGeV.map((massGeV) => ({
    massGeV,
    nominal: at(limits.exclusion, massGeV),
    mcMinus1Sigma: at(limits.mcBand.minus1Sigma, massGeV),
    mcPlus1Sigma: at(limits.mcBand.plus1Sigma, massGeV),
  }));
}

function summarise(set: ScenarioTableSet, model: LimitsModel, couplings: number[], masses: number[], pot: number | undefined) {
  return massIntervals(set, model, couplings, masses, { pot });
}

async function refineScenario(
  target: ScenarioTarget,
  rows: TableRows,
  model: LimitsModel,
  couplings: number[],
  maxAdded: number,
  request: RunLimitsRequest,
  common: Omit<Parameters<typeof buildTables>[0], 'scenarios'>,
  onRound: (set: ScenarioTableSet) => void | Promise<void>,
): Promise<{ set: ScenarioTableSet; record: MassRefinementRecord; massCounterWords: number[] }> {
  const gridMasses = common.massesGeV;
  let scan: ScanMass[] = gridScanMasses(gridMasses);
  let set = rows.tableSet(target);
  const added: ScanMass[] = [];
  const addedRows = new Map<ScanMass, TableRows>();
  let unresolved: [number, number][] = [];
  for (;;) {
    const summary = summarise(
      set,
      model,
      couplings,
      scan.map((mass) => mass.massGeV),
      potOf(request, set),
    );
    const next = nextRefinement(scan, summary, gridMasses, maxAdded - added.length);
    unresolved = next.unresolved;
    if (next.add.length === 0) break;
    request.hooks?.onLog?.(
      `${target.scenario.name}: adding ${next.add.length} masses where neighbours disagree (${next.add.map((m) => m.massGeV.toPrecision(4)).join(', ')} GeV)`,
    );
    const more = await buildTables({
      ...common,
      scenarios: [target],
      massesGeV: next.add.map((mass) => mass.massGeV),
      massCounterWords: next.add.map(massCounterWord),
    });
    for (const mass of next.add) addedRows.set(mass, more);
    added.push(...next.add);
    scan = [...scan, ...next.add].sort((a, b) => a.massGeV - b.massGeV);
    set = mergedSet(target, rows, addedRows, scan);
    await onRound(set);
  }
  return {
    set,
    record: {
      requestedMassesGeV: [...gridMasses],
      addedMassesGeV: added.map((mass) => mass.massGeV).sort((a, b) => a - b),
      maxAddedMasses: maxAdded,
      unresolvedIntervalsGeV: unresolved,
      zeroSignalMassesGeV: zeroSignalTableMasses(set),
    },
    massCounterWords: scan.map(massCounterWord),
  };
}

/** The scenario's tables over grid and added masses, ascending (the one assembler). */
function mergedSet(target: ScenarioTarget, gridRows: TableRows, addedRows: Map<ScanMass, TableRows>, scan: ScanMass[]): ScenarioTableSet {
  const base = gridRows.tableSet(target);
  const { widthsGeV, samplesPerMass, seed, engine } = gridRows.request;
  const tables = base.tables.map((table) =>
    assembleMassWidthTable({
      scenario: target.scenario,
      scenarioHash: target.hash,
      mode: table.productionMode,
      widthsGeV,
      samplesPerMass,
      seed,
      engineKind: engine.kind,
      rows: scan.map((mass) => {
        const source = addedRows.get(mass);
        if (!source) return gridRows.get(target, table.productionMode, mass.index)!;
        return source.get(target, table.productionMode, source.request.massesGeV.indexOf(mass.massGeV))!;
      }),
    }),
  );
  return { ...base, tables };
}
