/**
 * The one table builder: every face that turns a scenario into (mass, width) tables — `limits`,
 * `plane`, `grid`, the model-independent B path and the page's progressive scan — runs this
 * per-mass loop, this stream-seed policy and this assembler (docs/architecture.md).
 *
 * Reproducibility: each mass runs as its own engine job with its Philox mass word (its index in
 * the full grid, or the refinement word of an added mass, src/app/mass-refinement.ts) and the
 * stream seed of (user seed, production mode), so a mass's numbers do not depend on which other
 * masses run, in which order, pass, shard or session: resumed, sharded and progressive runs give
 * the same rows bit for bit as one uninterrupted run (same engine kind and adapter type).
 * A mass where the production table is empty (no ALPs produced, e.g. above the photon energies)
 * gets an exactly-zero row without running the engine. Browser-safe.
 */
import type { EngineJob } from '../engine/job.ts';
import type { EventTable } from '../engine/event-table.ts';
import { RunAborted } from '../engine/gpu-engine.ts';
import type { ProductionTable } from '../physics/production-table.ts';
import { PRODUCTION_MODES, type ProductionMode } from '../physics/production.ts';
import { B_PRODUCTION_MODES, type BProductionMode } from '../physics/b-meson-production.ts';
import { CHANNELS, compileScenario, scenarioProductionRequest, type CompiledScenario } from '../scenarios/compile.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { regionNames as selectionRegionNames } from '../engine/selection/types.ts';
import { TABLE_FORMAT, TABLE_FORMAT_VERSION, type MassWidthTable } from '../tables/mass-width-table.ts';
import type { ScenarioTableSet } from '../limits/rescale.ts';
import { ALPENGLOW_VERSION } from '../version.ts';
import type { Engine, ProductionSource, ProductionWithYield, RunHooks } from './ports.ts';

/**
 * User seeds live in [0, 2^32); the production mode picks the high key word, so modes draw
 * independent streams: coupling modes 1…6 (PRODUCTION_MODES order), B → K(*) a modes 16, 17.
 */
export const MAX_USER_SEED = 0xffffffff;

export function streamSeed(userSeed: number, mode: ProductionMode | BProductionMode): number {
  if (!Number.isInteger(userSeed) || userSeed < 0 || userSeed > MAX_USER_SEED) {
    throw new RangeError(`seed must be an integer in [0, ${MAX_USER_SEED}] (got ${userSeed})`);
  }
  const bIndex = B_PRODUCTION_MODES.indexOf(mode as BProductionMode);
  const stream = bIndex >= 0 ? 16 + bIndex : PRODUCTION_MODES.indexOf(mode as ProductionMode) + 1;
  return userSeed + stream * 0x100000000;
}

export interface ScenarioJobRequest {
  compiled: CompiledScenario;
  label: string;
  mode: ProductionMode | BProductionMode;
  /** The masses to run now, and their Philox mass words (their indices in the full grid). */
  massesGeV: number[];
  massGridIndices: number[];
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
  production: (massGeV: number) => ProductionTable;
}

/** The engine job of (scenario, mode, masses) under the stream-seed policy. */
export function scenarioJob(request: ScenarioJobRequest): EngineJob {
  return {
    label: request.label,
    geometry: request.compiled.geometry,
    selection: request.compiled.selection,
    channel: request.compiled.channel,
    massesGeV: request.massesGeV,
    massGridIndices: request.massGridIndices,
    widthsGeV: request.widthsGeV,
    samplesPerMass: request.samplesPerMass,
    seed: streamSeed(request.seed, request.mode),
    production: (massGeV) => request.production(massGeV),
  };
}

/** One finished mass of one production mode: a row of a MassWidthTable (and a checkpoint record). */
export interface MassRow {
  /** The Philox mass word the row was run with (its index in the full grid). */
  massGridIndex: number;
  massGeV: number;
  yieldPerPotAtReference: number;
  /** (width, region) cells, width-major, as in MassWidthTable. */
  efficiency: number[];
  efficiencyError: number[];
  adapter: string;
  wallSeconds: number;
}

/** Cells of one mass of an engine table, in MassWidthTable order. */
export function massSlice(table: EventTable, massIndex: number): { efficiency: number[]; efficiencyError: number[] } {
  const cells = table.widthsGeV.length * table.regionNames.length;
  return {
    efficiency: Array.from(table.efficiency.subarray(massIndex * cells, (massIndex + 1) * cells)),
    efficiencyError: Array.from(table.efficiencyError.subarray(massIndex * cells, (massIndex + 1) * cells)),
  };
}

/** A scenario the builder runs: the validated scenario and its hash (provenance and table identity). */
export interface ScenarioTarget {
  scenario: Scenario;
  hash: string;
  /** Default: the scenario's production modes (coupling modes or B modes alike). */
  modes?: readonly (ProductionMode | BProductionMode)[];
  /** Default: compileScenario(scenario). */
  compiled?: CompiledScenario;
}

export interface TableBuildRequest {
  scenarios: ScenarioTarget[];
  /** The full mass grid (GeV). */
  massesGeV: number[];
  /** Philox mass word per grid mass (default: its grid index). */
  massCounterWords?: number[];
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
  engine: Engine;
  /** Production tables: a source of scenario production requests, or a function of (scenario, mode, mass) (B modes). */
  production: ProductionSource | ProductionFunction;
  /** With a ProductionSource: the request of (scenario, mode, mass); default scenarioProductionRequest. */
  productionRequest?: ProductionRequestFor;
  /** Grid indices to run, pass by pass (default: one pass over every mass, ascending). */
  passes?: number[][];
  /** Rows already done (a checkpoint): not recomputed, handed to onRow with resumed = true. */
  known?: (scenario: ScenarioTarget, mode: string, gridIndex: number) => MassRow | undefined;
  /** After each row (checkpoints, progressive drawing). */
  onRow?: (scenario: ScenarioTarget, mode: string, gridIndex: number, row: MassRow, resumed: boolean) => void | Promise<void>;
  /** After each pass (snapshots for progressive drawing). */
  onPass?: (passIndex: number, passCount: number, rows: TableRows) => void | Promise<void>;
  hooks?: RunHooks;
}

/** Rows by scenario (hash), mode and grid index; assembles tables of any subset of finished masses. */
export class TableRows {
  private readonly rows = new Map<string, Map<string, Array<MassRow | undefined>>>();

  constructor(
    readonly request: Pick<TableBuildRequest, 'scenarios' | 'massesGeV' | 'widthsGeV' | 'samplesPerMass' | 'seed'> & {
      engine: Pick<Engine, 'kind' | 'adapter'>;
    },
  ) {
    for (const target of request.scenarios) {
      this.rows.set(target.hash, new Map(modesOf(target).map((mode) => [mode, new Array<MassRow | undefined>(request.massesGeV.length)])));
    }
  }

  set(target: ScenarioTarget, mode: string, gridIndex: number, row: MassRow): void {
    this.rows.get(target.hash)!.get(mode)![gridIndex] = row;
  }

  get(target: ScenarioTarget, mode: string, gridIndex: number): MassRow | undefined {
    return this.rows.get(target.hash)?.get(mode)?.[gridIndex];
  }

  /** Grid indices (ascending) where every mode of the scenario has its row. */
  finishedIndices(target: ScenarioTarget): number[] {
    const modes = [...this.rows.get(target.hash)!.values()];
    return this.request.massesGeV.map((_, index) => index).filter((index) => modes.every((rows) => rows[index] !== undefined));
  }

  /** The scenario's tables over the given finished grid indices (default: all finished), ascending mass. */
  tableSet(target: ScenarioTarget, indices = this.finishedIndices(target)): ScenarioTableSet {
    const sorted = [...indices].sort((a, b) => this.request.massesGeV[a] - this.request.massesGeV[b]);
    const tables = modesOf(target).map((mode) =>
      assembleMassWidthTable({
        scenario: target.scenario,
        scenarioHash: target.hash,
        mode,
        widthsGeV: this.request.widthsGeV,
        samplesPerMass: this.request.samplesPerMass,
        seed: this.request.seed,
        engineKind: this.request.engine.kind,
        rows: sorted.map((index) => {
          const row = this.get(target, mode, index);
          if (!row) throw new Error(`internal: ${target.scenario.name} ${mode} has no row for mass ${this.request.massesGeV[index]} GeV`);
          return row;
        }),
      }),
    );
    return { scenario: target.scenario, scenarioHash: target.hash, tables };
  }
}

function modesOf(target: ScenarioTarget): string[] {
  return [...(target.modes ?? target.scenario.production.modes)];
}

export interface AssembleRequest {
  scenario: Scenario;
  scenarioHash: string;
  mode: string;
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
  engineKind: 'webgpu' | 'reference';
  /** In table order (ascending mass). */
  rows: MassRow[];
}

/** The table values of rows in order: what MassWidthTable and the grid's table files hold. */
export function concatenateRows(rows: readonly MassRow[]): {
  yieldPerPotAtReference: number[];
  efficiency: number[];
  efficiencyError: number[];
  adapters: string[];
  wallSeconds: number;
} {
  const yieldPerPotAtReference: number[] = [];
  const efficiency: number[] = [];
  const efficiencyError: number[] = [];
  const adapters: string[] = [];
  let wallSeconds = 0;
  for (const row of rows) {
    yieldPerPotAtReference.push(row.yieldPerPotAtReference);
    for (const value of row.efficiency) efficiency.push(value);
    for (const value of row.efficiencyError) efficiencyError.push(value);
    if (!adapters.includes(row.adapter)) adapters.push(row.adapter);
    wallSeconds += row.wallSeconds;
  }
  return { yieldPerPotAtReference, efficiency, efficiencyError, adapters, wallSeconds };
}

/** The one assembler: rows of one (scenario, mode) → MassWidthTable. */
export function assembleMassWidthTable(request: AssembleRequest): MassWidthTable {
  const values = concatenateRows(request.rows);
  return {
    format: TABLE_FORMAT,
    formatVersion: TABLE_FORMAT_VERSION,
    scenario: { name: request.scenario.name, hash: request.scenarioHash },
    productionMode: request.mode as MassWidthTable['productionMode'],
    channel: CHANNELS[request.scenario.channel].name,
    massesGeV: request.rows.map((row) => row.massGeV),
    widthsGeV: [...request.widthsGeV],
    regionNames: request.scenario.regions.map((region) => region.name),
    samplesPerMass: request.samplesPerMass,
    seed: request.seed,
    yieldPerPotAtReference: values.yieldPerPotAtReference,
    efficiency: values.efficiency,
    efficiencyError: values.efficiencyError,
    provenance: { alpenglowVersion: ALPENGLOW_VERSION, engine: request.engineKind, adapter: values.adapters.join(' | '), wallSeconds: values.wallSeconds },
  };
}

export type ProductionFunction = (item: { target: ScenarioTarget; mode: string; massGeV: number }) => ProductionWithYield | Promise<ProductionWithYield>;

/** The production request of (scenario, mode, mass). */
export type ProductionRequestFor = (target: ScenarioTarget, mode: string, massGeV: number) => Parameters<ProductionSource['table']>[0];

const defaultRequestFor: ProductionRequestFor = (target, mode, massGeV) => scenarioProductionRequest(target.scenario, mode as ProductionMode, massGeV);

interface WorkItem {
  target: ScenarioTarget;
  compiled: CompiledScenario;
  mode: string;
  gridIndex: number;
}

/**
 * Runs the per-mass loop over every scenario × mode × mass of the plan (pass by pass), and returns
 * the rows. One production table is requested ahead of the running engine job, so a worker or a
 * cache can prepare it meanwhile; memory holds two masses' work at a time.
 */
export async function buildTables(request: TableBuildRequest): Promise<TableRows> {
  const { massesGeV, widthsGeV, engine, hooks = {} } = request;
  const counterWords = request.massCounterWords ?? massesGeV.map((_, index) => index);
  if (counterWords.length !== massesGeV.length) throw new Error(`internal: ${counterWords.length} mass counter words for ${massesGeV.length} masses`);
  const passes = request.passes ?? [massesGeV.map((_, index) => index)];
  const rows = new TableRows({ ...request, engine });
  const compiled = new Map(request.scenarios.map((target) => [target.hash, target.compiled ?? compileScenario(target.scenario)]));
  for (const target of request.scenarios) {
    const expected = selectionRegionNames(compiled.get(target.hash)!.selection);
    const declared = target.scenario.regions.map((region) => region.name);
    if (JSON.stringify(expected) !== JSON.stringify(declared))
      throw new Error(`internal: scenario ${target.scenario.name} compiles to regions ${expected.join(', ')}, declares ${declared.join(', ')}`);
  }
  const requestFor = request.productionRequest ?? defaultRequestFor;
  // async: a source that throws synchronously rejects here, where the table is awaited.
  const produce = async (item: WorkItem): Promise<ProductionWithYield> => {
    const massGeV = massesGeV[item.gridIndex];
    if (typeof request.production === 'function') return request.production({ target: item.target, mode: item.mode, massGeV });
    return request.production.table(requestFor(item.target, item.mode, massGeV), hooks.signal);
  };

  // Every (pass, scenario, mode, mass) in run order; rows already known are handed over first.
  const work: WorkItem[][] = passes.map((pass) =>
    request.scenarios.flatMap((target) =>
      modesOf(target).flatMap((mode) => pass.map((gridIndex) => ({ target, compiled: compiled.get(target.hash)!, mode, gridIndex }))),
    ),
  );
  const trialsPerMass = request.samplesPerMass * widthsGeV.length;
  let trialsTotal = 0;
  for (const pass of work) {
    for (const item of pass) {
      const known = request.known?.(item.target, item.mode, item.gridIndex);
      if (known) {
        rows.set(item.target, item.mode, item.gridIndex, known);
        await request.onRow?.(item.target, item.mode, item.gridIndex, known, true);
      } else trialsTotal += trialsPerMass;
    }
  }
  const started = performance.now();
  let trialsDone = 0;
  const report = (detail: string, running: number) =>
    hooks.onProgress?.({ trialsDone: trialsDone + running, trialsTotal, elapsedSeconds: (performance.now() - started) / 1000, detail });
  const pending = work.flat().filter((item) => !rows.get(item.target, item.mode, item.gridIndex));
  const ahead = new Map<WorkItem, Promise<ProductionWithYield>>();
  const fetch = (item: WorkItem | undefined) => {
    if (!item || ahead.has(item)) return;
    const promise = produce(item);
    promise.catch(() => undefined); // awaited (and reported) where it is used
    ahead.set(item, promise);
  };
  let position = 0;
  for (const [passIndex, pass] of work.entries()) {
    for (const item of pass) {
      if (rows.get(item.target, item.mode, item.gridIndex)) continue;
      if (hooks.signal?.aborted) throw new RunAborted('run stopped');
      const massGeV = massesGeV[item.gridIndex];
      const detail = `${item.target.scenario.name} ${item.mode} m = ${massGeV.toPrecision(4)} GeV`;
      report(detail, 0);
      const rowStarted = performance.now();
      fetch(item);
      const productionPromise = ahead.get(item)!;
      ahead.delete(item);
      fetch(pending[position + 1]);
      position++;
      const production = await productionPromise;
      let row: MassRow;
      if (production.yieldPerPot > 0) {
        const job = scenarioJob({
          compiled: item.compiled,
          label: `${item.target.scenario.name} ${item.mode} m=${massGeV}`,
          mode: item.mode as ProductionMode,
          massesGeV: [massGeV],
          massGridIndices: [counterWords[item.gridIndex]],
          widthsGeV,
          samplesPerMass: request.samplesPerMass,
          seed: request.seed,
          production: () => production,
        });
        const result = await engine.run(job, { signal: hooks.signal, onProgress: (progress) => report(detail, progress.trialsDone) });
        const slice = massSlice(result, 0);
        row = {
          massGridIndex: counterWords[item.gridIndex],
          massGeV,
          yieldPerPotAtReference: result.yieldPerPot[0],
          ...slice,
          adapter: result.engine.adapter,
          wallSeconds: 0,
        };
      } else {
        const cells = widthsGeV.length * item.target.scenario.regions.length;
        row = {
          massGridIndex: counterWords[item.gridIndex],
          massGeV,
          yieldPerPotAtReference: 0,
          efficiency: new Array(cells).fill(0),
          efficiencyError: new Array(cells).fill(0),
          adapter: engine.adapter,
          wallSeconds: 0,
        };
      }
      row.wallSeconds = (performance.now() - rowStarted) / 1000;
      rows.set(item.target, item.mode, item.gridIndex, row);
      trialsDone += trialsPerMass;
      report(detail, 0);
      await request.onRow?.(item.target, item.mode, item.gridIndex, row, false);
    }
    await request.onPass?.(passIndex, work.length, rows);
  }
  return rows;
}

/** Grid positions in coarse-to-fine order: 0, n−1, then midpoints of ever smaller intervals (the page's progressive scan). */
export function refinementOrder(count: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const order = [0, count - 1];
  const seen = new Set(order);
  let intervals: Array<[number, number]> = [[0, count - 1]];
  while (intervals.length > 0) {
    const next: Array<[number, number]> = [];
    for (const [lo, hi] of intervals) {
      if (hi - lo < 2) continue;
      const mid = Math.floor((lo + hi) / 2);
      if (!seen.has(mid)) {
        seen.add(mid);
        order.push(mid);
      }
      next.push([lo, mid], [mid, hi]);
    }
    intervals = next;
  }
  return order;
}

/** A coarse-to-fine order cut into passes of 3, 3, 6, 12, 24, … masses. */
export function refinementPasses(order: readonly number[]): number[][] {
  const passes: number[][] = [];
  let size = 3;
  for (let at = 0; at < order.length; ) {
    passes.push(order.slice(at, at + size));
    at += size;
    if (passes.length >= 2) size *= 2;
  }
  return passes;
}
