/**
 * runGrid: `alpenglow grid` as a use case — for each production mode, one table over the (mass,
 * width) grid, built by the one table builder mass by mass with shard order and checkpoint hooks:
 * each finished mass is handed to the store's checkpoint before the next starts, and masses already
 * checkpointed are not recomputed. Where tables and checkpoints live is the GridStore port (files
 * with atomic writes in Node: src/node/grid-store.ts).
 *
 * Reproducibility: every mass runs with its index in the full grid as its Philox mass word and the
 * stream seed of (user seed, mode) (src/app/table-builder.ts), so a resumed run, a sharded run
 * merged, and a single uninterrupted run give the same table bit for bit (same engine kind; for
 * WebGPU, the same adapter type). Browser-safe.
 */
import { REFERENCE_CGG_OVER_FA_PER_GEV, REFERENCE_G_AGAMMA_PER_GEV, isBProductionMode, type TableProductionMode } from '../physics/production.ts';
import type { CompiledScenario } from '../scenarios/compile.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { regionNames } from '../engine/selection/types.ts';
import { formatRangeSpec, InvalidGridRequest, rangeValues, type RangeSpec } from '../tables/grid-spec.ts';
import type { RunIdentity } from '../tables/run-identity.ts';
import { InvalidTableFile, makeTableFile, shardMassIndices, tableFileName, type ShardPosition, type TableFile } from '../tables/table-file.ts';
import { ALPENGLOW_VERSION } from '../version.ts';
import { buildTables, concatenateRows, type MassRow, type ScenarioTarget } from './table-builder.ts';
import type { Engine, ProductionSource, RunHooks } from './ports.ts';

/** The checkpoint of one table: rows finished so far, written one at a time. */
export interface GridCheckpoint {
  readonly completedCount: number;
  get(massGridIndex: number): MassRow | undefined;
  write(row: MassRow): void;
  /** Once the table is written. */
  remove(): void;
}

/** Where table files and checkpoints live. Names are table file names (tableFileName). */
export interface GridStore {
  /** The path shown to users for a table of this name. */
  pathOf(name: string): string;
  /** The complete table of this name, if present (InvalidTableFile when it is damaged). */
  readExisting(name: string): TableFile | null;
  /** Opens (and checks) the checkpoint of a table; refuses one of another run. */
  openCheckpoint(name: string, identity: RunIdentity, allowedMassIndices: ReadonlySet<number>): GridCheckpoint;
  /** A checkpoint left beside a complete table (killed between writing it and cleaning up): removed; returns why not, or null. */
  removeLeftoverCheckpoint(name: string, identity: RunIdentity, allowedMassIndices: ReadonlySet<number>): string | null;
  writeTable(name: string, file: TableFile): void;
}

export interface GridRequest {
  scenario: Scenario;
  scenarioHash: string;
  compiled: CompiledScenario;
  modes: TableProductionMode[];
  masses: RangeSpec;
  widths: RangeSpec;
  samplesPerMass: number;
  seed: number;
  shard: ShardPosition | null;
  engine: Engine;
  production: ProductionSource;
  store: GridStore;
  /** Recorded in the provenance (e.g. the command line). */
  source: string;
  hooks?: RunHooks;
  /** Called after each mass is checkpointed (tests, monitoring). */
  onMassDone?: (mode: TableProductionMode, massGridIndex: number) => void;
}

export interface GridTableOutcome {
  mode: TableProductionMode;
  path: string;
  /** 'written' now, or 'complete' (it already existed with the same settings; nothing was run). */
  status: 'written' | 'complete';
  massesComputed: number;
  massesResumed: number;
  valuesSha256: string;
}

/** The reference coupling the production tables of a mode are normalised to (src/physics/production.ts). */
export function referenceCouplingOf(mode: TableProductionMode): string {
  if (isBProductionMode(mode))
    return `BR(B -> ${mode === 'b-to-k' ? 'K' : 'K*'} a) = 1 (scale N with the model's BR(B -> ${mode === 'b-to-k' ? 'K' : 'K*'} a) from c_WW, arXiv:1611.09355)`;
  return mode.startsWith('primakoff')
    ? `g_agammagamma = ${REFERENCE_G_AGAMMA_PER_GEV} GeV^-1 (scale N with (g_agammagamma / 1 GeV^-1)^2)`
    : `c_GG/f_a = ${REFERENCE_CGG_OVER_FA_PER_GEV * 1000} TeV^-1, KOTO convention (scale N with (c_GG * 1 TeV / f_a)^2)`;
}

interface TablePlan {
  mode: TableProductionMode;
  name: string;
  identity: RunIdentity;
  checkpoint: GridCheckpoint | null;
  existing: TableFile | null;
}

/** Differences between an existing table and the one this run would write (engine kind aside). */
function existingTableDifferences(file: TableFile, identity: RunIdentity): string[] {
  const header = file.header;
  const differences: string[] = [];
  const note = (name: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(`${name}: file has ${JSON.stringify(a)}, this run ${JSON.stringify(b)}`);
  };
  note('alpenglow version', header.provenance.alpenglowVersion, identity.alpenglowVersion);
  note('scenario hash', header.scenario.hash, identity.scenario.hash);
  note('production mode', header.productionMode, identity.productionMode);
  note('regions', header.regionNames, identity.regionNames);
  if (JSON.stringify(header.grid.massesGeV) !== JSON.stringify(identity.grid.massesGeV)) differences.push('masses differ');
  if (JSON.stringify(header.grid.widthsGeV) !== JSON.stringify(identity.grid.widthsGeV)) differences.push('widths differ');
  note('samples per mass', header.samplesPerMass, identity.samplesPerMass);
  note('seed', header.seed, identity.seed);
  note('shard', header.shard, identity.shard);
  return differences;
}

export async function runGrid(request: GridRequest): Promise<GridTableOutcome[]> {
  const { scenario, compiled, engine, shard, store, hooks = {} } = request;
  const log = (line: string) => hooks.onLog?.(line);
  const massesGeV = rangeValues(request.masses);
  const widthsGeV = rangeValues(request.widths);
  const regions = regionNames(compiled.selection);
  const massIndices = shardMassIndices(massesGeV.length, shard);
  const allowed = new Set(massIndices);

  // Plan and check everything before computing anything: a foreign checkpoint or output fails fast.
  const plans: TablePlan[] = request.modes.map((mode) => {
    const name = tableFileName(scenario.name, mode, scenario.channel, shard);
    const identity: RunIdentity = {
      alpenglowVersion: ALPENGLOW_VERSION,
      scenario: { name: scenario.name, hash: request.scenarioHash },
      productionMode: mode,
      channel: compiled.channel.name,
      regionNames: regions,
      grid: { massesGeV, widthsGeV },
      samplesPerMass: request.samplesPerMass,
      seed: request.seed,
      shard,
      engine: engine.kind,
    };
    let existing: TableFile | null;
    try {
      existing = store.readExisting(name);
    } catch (error) {
      if (error instanceof InvalidTableFile) throw new InvalidGridRequest(`${error.message} (output of an earlier run; delete it to regenerate the table)`);
      throw error;
    }
    if (existing) {
      const differences = existingTableDifferences(existing, identity);
      if (differences.length > 0) {
        throw new InvalidGridRequest(
          `${store.pathOf(name)} already exists from a different run (${differences.join('; ')}): delete it or choose another --out`,
        );
      }
      return { mode, name, identity, checkpoint: null, existing };
    }
    return { mode, name, identity, checkpoint: store.openCheckpoint(name, identity, allowed), existing: null };
  });

  const massesToRun = plans.reduce((total, plan) => total + (plan.checkpoint ? massIndices.filter((index) => !plan.checkpoint!.get(index)).length : 0), 0);
  log(
    `grid: ${scenario.name}, ${plans.length} table(s) × ${massIndices.length} masses${shard ? ` (shard ${shard.index}/${shard.count} of ${massesGeV.length})` : ''} × ${widthsGeV.length} widths, ` +
      `${request.samplesPerMass} samples per mass, seed ${request.seed}, engine ${engine.adapter}; ${massesToRun} masses to compute`,
  );

  const trialsPerMass = request.samplesPerMass * widthsGeV.length;
  const trialsTotal = massesToRun * trialsPerMass;
  let trialsBefore = 0;
  const outcomes: GridTableOutcome[] = [];
  for (const plan of plans) {
    if (plan.existing) {
      log(`grid: ${store.pathOf(plan.name)} is already complete (values sha256 ${plan.existing.header.valuesSha256.slice(0, 16)}…): skipped`);
      const problem = store.removeLeftoverCheckpoint(plan.name, plan.identity, allowed);
      if (problem) log(`grid: ${problem}`);
      outcomes.push({
        mode: plan.mode,
        path: store.pathOf(plan.name),
        status: 'complete',
        massesComputed: 0,
        massesResumed: 0,
        valuesSha256: plan.existing.header.valuesSha256,
      });
      continue;
    }
    const checkpoint = plan.checkpoint!;
    const resumed = checkpoint.completedCount;
    if (resumed > 0) log(`grid: ${plan.mode}: resuming, ${resumed} of ${massIndices.length} masses already checkpointed`);
    let computed = 0;
    const target: ScenarioTarget = { scenario, hash: request.scenarioHash, compiled, modes: [plan.mode] };
    const before = trialsBefore;
    const rows = await buildTables({
      scenarios: [target],
      massesGeV,
      widthsGeV,
      samplesPerMass: request.samplesPerMass,
      seed: request.seed,
      engine,
      production: request.production,
      passes: [massIndices],
      known: (_, __, gridIndex) => checkpoint.get(gridIndex),
      onRow: (_, __, gridIndex, row, wasResumed) => {
        if (wasResumed) return;
        checkpoint.write(row);
        computed++;
        request.onMassDone?.(plan.mode, gridIndex);
      },
      hooks: {
        signal: hooks.signal,
        onProgress: (progress) => hooks.onProgress?.({ ...progress, trialsDone: before + progress.trialsDone, trialsTotal }),
      },
    });
    trialsBefore += (massIndices.length - resumed) * trialsPerMass;
    const file = assembleTableFile(
      plan,
      request,
      massIndices.map((index) => rows.get(target, plan.mode, index)!),
    );
    store.writeTable(plan.name, file);
    checkpoint.remove();
    log(
      `grid: wrote ${store.pathOf(plan.name)} (${computed} masses computed now, ${resumed} resumed; values sha256 ${file.header.valuesSha256.slice(0, 16)}…)`,
    );
    outcomes.push({
      mode: plan.mode,
      path: store.pathOf(plan.name),
      status: 'written',
      massesComputed: computed,
      massesResumed: resumed,
      valuesSha256: file.header.valuesSha256,
    });
  }
  return outcomes;
}

/** The grid's table file: the builder's rows (one assembler) with the grid header. */
function assembleTableFile(plan: TablePlan, request: GridRequest, rows: MassRow[]): TableFile {
  const values = concatenateRows(rows);
  const { identity } = plan;
  return makeTableFile(
    {
      scenario: identity.scenario,
      productionMode: plan.mode,
      channel: identity.channel,
      regionNames: identity.regionNames,
      grid: {
        massesGeV: identity.grid.massesGeV,
        widthsGeV: identity.grid.widthsGeV,
        massSpec: formatRangeSpec(request.masses),
        widthSpec: formatRangeSpec(request.widths),
      },
      shard: identity.shard,
      massGridIndices: rows.map((row) => row.massGridIndex),
      samplesPerMass: identity.samplesPerMass,
      seed: identity.seed,
      normalisation: {
        pot: request.scenario.exposure.pot,
        additionalAcceptance: request.scenario.additionalAcceptance.value,
        referenceCoupling: referenceCouplingOf(plan.mode),
      },
      provenance: {
        alpenglowVersion: identity.alpenglowVersion,
        engine: identity.engine,
        adapter: values.adapters.join(' | '),
        wallSeconds: values.wallSeconds,
        createdUtc: new Date().toISOString(),
        source: request.source,
      },
    },
    { yieldPerPotAtReference: values.yieldPerPotAtReference, efficiency: values.efficiency, efficiencyError: values.efficiencyError },
  );
}
