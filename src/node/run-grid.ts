/**
 * `alpenglow grid` as a library call (Node): for each production mode, one table over the
 * (mass, width) grid, computed mass by mass (one engine job per mass, so host memory holds one
 * mass's work at a time), each finished mass checkpointed before the next starts.
 *
 * Reproducibility: every mass runs with massGridIndices = [its index in the full grid] and the
 * stream seed of (user seed, mode) (src/engine/mass-width-table.ts streamSeed), so a mass's numbers
 * do not depend on which other masses run, in which order, in which shard or session. Hence a
 * resumed run, a sharded run merged, and a single uninterrupted run give the same table bit for
 * bit (same engine kind; for WebGPU, the same adapter type).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EngineProgress } from '../engine/gpu-engine.ts';
import type { EngineJob } from '../engine/job.ts';
import type { EventTable } from '../engine/event-table.ts';
import { massSlice, scenarioJob } from '../tables/mass-width-table.ts';
import { regionNames } from '../engine/selection/types.ts';
import { REFERENCE_CGG_OVER_FA_PER_GEV, REFERENCE_G_AGAMMA_PER_GEV, type ProductionMode, type ProductionResult } from '../physics/production.ts';
import { scenarioProductionRequest, type CompiledScenario } from '../scenarios/compile.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { cachedBuildProductionTable } from './production-cache.ts';
import { CheckpointStore, checkpointDirectory, type MassResult, type RunIdentity } from './checkpoint-store.ts';
import { InvalidTableFile, makeTableFile, shardMassIndices, tableFileName, type ShardPosition, type TableFile } from '../tables/table-file.ts';
import { readTableFile, writeTableFile } from './table-files.ts';
import { ALPENGLOW_VERSION } from '../version.ts';
import { ProgressBar, type ProgressStream } from './progress-bar.ts';
import { formatRangeSpec, InvalidGridRequest, rangeValues, type RangeSpec } from '../tables/grid-spec.ts';

export interface GridEngine {
  kind: 'webgpu' | 'reference';
  adapter: string;
  run(job: EngineJob, onProgress: (progress: EngineProgress) => void): Promise<EventTable>;
}

export interface GridRequest {
  scenario: Scenario;
  scenarioHash: string;
  compiled: CompiledScenario;
  modes: ProductionMode[];
  masses: RangeSpec;
  widths: RangeSpec;
  samplesPerMass: number;
  seed: number;
  shard: ShardPosition | null;
  outDir: string;
  engine: GridEngine;
  /** Production table per (mode, mass); default: cachedBuildProductionTable with the scenario's beam, target and ranges. */
  production?: (mode: ProductionMode, massGeV: number) => ProductionResult;
  /** Recorded in the provenance (e.g. the command line). */
  source: string;
  progressStream?: ProgressStream;
  progressIntervalSeconds?: number;
  /** Called after each mass is checkpointed (tests, monitoring). */
  onMassDone?: (mode: ProductionMode, massGridIndex: number) => void;
}

export interface GridTableOutcome {
  mode: ProductionMode;
  path: string;
  /** 'written' now, or 'complete' (it already existed with the same settings; nothing was run). */
  status: 'written' | 'complete';
  massesComputed: number;
  massesResumed: number;
  valuesSha256: string;
}

/** The reference coupling the production tables of a mode are normalised to (src/physics/production.ts). */
export function referenceCouplingOf(mode: ProductionMode): string {
  return mode.startsWith('primakoff')
    ? `g_agammagamma = ${REFERENCE_G_AGAMMA_PER_GEV} GeV^-1 (scale N with (g_agammagamma / 1 GeV^-1)^2)`
    : `c_GG/f_a = ${REFERENCE_CGG_OVER_FA_PER_GEV * 1000} TeV^-1, KOTO convention (scale N with (c_GG * 1 TeV / f_a)^2)`;
}

function defaultProduction(scenario: Scenario): (mode: ProductionMode, massGeV: number) => ProductionResult {
  return (mode, massGeV) => cachedBuildProductionTable(scenarioProductionRequest(scenario, mode, massGeV)).table;
}

interface TablePlan {
  mode: ProductionMode;
  path: string;
  identity: RunIdentity;
  massIndices: number[];
  store: CheckpointStore | null;
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
  const { scenario, compiled, engine, shard } = request;
  const massesGeV = rangeValues(request.masses);
  const widthsGeV = rangeValues(request.widths);
  const regions = regionNames(compiled.selection);
  const production = request.production ?? defaultProduction(scenario);
  const massIndices = shardMassIndices(massesGeV.length, shard);
  const allowed = new Set(massIndices);
  mkdirSync(request.outDir, { recursive: true });

  // Plan and check everything before computing anything: a foreign checkpoint or output fails fast.
  const plans: TablePlan[] = request.modes.map((mode) => {
    const name = tableFileName(scenario.name, mode, scenario.channel, shard);
    const path = join(request.outDir, name);
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
    const checkpointDir = checkpointDirectory(request.outDir, name);
    if (existsSync(path)) {
      let file: TableFile;
      try {
        file = readTableFile(path, { allowShard: true });
      } catch (error) {
        if (error instanceof InvalidTableFile) throw new InvalidGridRequest(`${error.message} (output of an earlier run; delete it to regenerate the table)`);
        throw error;
      }
      const differences = existingTableDifferences(file, identity);
      if (differences.length > 0) {
        throw new InvalidGridRequest(`${path} already exists from a different run (${differences.join('; ')}): delete it or choose another --out`);
      }
      return { mode, path, identity, massIndices, store: null, existing: file };
    }
    return { mode, path, identity, massIndices, store: CheckpointStore.open(checkpointDir, identity, allowed), existing: null };
  });

  const trialsPerMass = request.samplesPerMass * widthsGeV.length;
  const massesToRun = plans.reduce((total, plan) => total + (plan.store ? plan.massIndices.filter((index) => !plan.store!.has(index)).length : 0), 0);
  const bar = new ProgressBar({ stream: request.progressStream, totalUnits: massesToRun * trialsPerMass, unitName: 'trials', intervalSeconds: request.progressIntervalSeconds });
  bar.log(`grid: ${scenario.name}, ${plans.length} table(s) × ${massIndices.length} masses${shard ? ` (shard ${shard.index}/${shard.count} of ${massesGeV.length})` : ''} × ${widthsGeV.length} widths, ` +
    `${request.samplesPerMass} samples per mass, seed ${request.seed}, engine ${engine.adapter}; ${massesToRun} masses to compute`);

  const outcomes: GridTableOutcome[] = [];
  let unitsDone = 0;
  for (const plan of plans) {
    if (plan.existing) {
      bar.log(`grid: ${plan.path} is already complete (values sha256 ${plan.existing.header.valuesSha256.slice(0, 16)}…): skipped`);
      const leftover = checkpointDirectory(request.outDir, tableFileName(scenario.name, plan.mode, scenario.channel, shard));
      if (existsSync(leftover)) {
        // Killed between writing the table and deleting its checkpoint: the checkpoint is spent.
        try {
          CheckpointStore.open(leftover, plan.identity, allowed).remove();
        } catch (error) {
          bar.log(`grid: left ${leftover} in place: ${(error as Error).message}`);
        }
      }
      outcomes.push({ mode: plan.mode, path: plan.path, status: 'complete', massesComputed: 0, massesResumed: 0, valuesSha256: plan.existing.header.valuesSha256 });
      continue;
    }
    const store = plan.store!;
    const resumed = store.completedCount;
    if (resumed > 0) bar.log(`grid: ${plan.mode}: resuming, ${resumed} of ${plan.massIndices.length} masses already checkpointed`);
    let computed = 0;
    for (const massGridIndex of plan.massIndices) {
      if (store.has(massGridIndex)) continue;
      const massGeV = massesGeV[massGridIndex];
      const detail = `${plan.mode} m=${massGeV.toPrecision(4)} GeV (${massGridIndex + 1}/${massesGeV.length})`;
      bar.update(unitsDone, detail);
      const started = performance.now();
      const table = production(plan.mode, massGeV);
      let mass: Omit<MassResult, 'wallSeconds'>;
      if (table.yieldPerPot > 0) {
        const job = scenarioJob({
          compiled, label: `${scenario.name} ${plan.mode} m=${massGeV}`, mode: plan.mode,
          massesGeV: [massGeV], massGridIndices: [massGridIndex], widthsGeV,
          samplesPerMass: request.samplesPerMass, seed: request.seed, production: () => table,
        });
        const unitsBefore = unitsDone;
        const result = await engine.run(job, (progress) => bar.update(unitsBefore + progress.trialsDone, detail));
        if (JSON.stringify(result.regionNames) !== JSON.stringify(regions)) throw new Error(`engine returned regions ${result.regionNames.join(', ')}, expected ${regions.join(', ')}`);
        const slice = massSlice(result, 0);
        mass = { massGridIndex, massGeV, yieldPerPotAtReference: result.yieldPerPot[0], efficiency: slice.efficiency, efficiencyError: slice.efficiencyError, adapter: result.engine.adapter };
      } else {
        // Nothing is produced at this mass (e.g. above the photon energies): the row is exactly zero.
        const cells = widthsGeV.length * regions.length;
        mass = { massGridIndex, massGeV, yieldPerPotAtReference: 0, efficiency: new Array(cells).fill(0), efficiencyError: new Array(cells).fill(0), adapter: engine.adapter };
      }
      store.write({ ...mass, wallSeconds: (performance.now() - started) / 1000 });
      computed++;
      unitsDone += trialsPerMass;
      bar.update(unitsDone, detail);
      request.onMassDone?.(plan.mode, massGridIndex);
    }
    const file = assembleTable(plan, request, store);
    writeTableFile(plan.path, file);
    store.remove();
    bar.log(`grid: wrote ${plan.path} (${computed} masses computed now, ${resumed} resumed; values sha256 ${file.header.valuesSha256.slice(0, 16)}…)`);
    outcomes.push({ mode: plan.mode, path: plan.path, status: 'written', massesComputed: computed, massesResumed: resumed, valuesSha256: file.header.valuesSha256 });
  }
  bar.finish();
  return outcomes;
}

function assembleTable(plan: TablePlan, request: GridRequest, store: CheckpointStore): TableFile {
  const yieldPerPot: number[] = [];
  const efficiency: number[] = [];
  const efficiencyError: number[] = [];
  const adapters: string[] = [];
  let wallSeconds = 0;
  for (const index of plan.massIndices) {
    const mass = store.get(index);
    if (!mass) throw new Error(`internal: mass ${index} missing from the checkpoint`);
    yieldPerPot.push(mass.yieldPerPotAtReference);
    for (const value of mass.efficiency) efficiency.push(value);
    for (const value of mass.efficiencyError) efficiencyError.push(value);
    if (!adapters.includes(mass.adapter)) adapters.push(mass.adapter);
    wallSeconds += mass.wallSeconds;
  }
  const { identity } = plan;
  return makeTableFile({
    scenario: identity.scenario,
    productionMode: plan.mode,
    channel: identity.channel,
    regionNames: identity.regionNames,
    grid: { massesGeV: identity.grid.massesGeV, widthsGeV: identity.grid.widthsGeV, massSpec: formatRangeSpec(request.masses), widthSpec: formatRangeSpec(request.widths) },
    shard: identity.shard,
    massGridIndices: plan.massIndices,
    samplesPerMass: identity.samplesPerMass,
    seed: identity.seed,
    normalisation: { pot: request.scenario.exposure.pot, additionalAcceptance: request.scenario.additionalAcceptance.value, referenceCoupling: referenceCouplingOf(plan.mode) },
    provenance: {
      alpenglowVersion: identity.alpenglowVersion,
      engine: identity.engine,
      adapter: adapters.join(' | '),
      wallSeconds,
      createdUtc: new Date().toISOString(),
      source: request.source,
    },
  }, { yieldPerPotAtReference: yieldPerPot, efficiency, efficiencyError });
}
