/**
 * The (mass, width) table of one (scenario, production mode, channel): what the engine produces
 * and what everything downstream reads (rescaling, limits, the grid files of `alpenglow grid`,
 * the web app). Values are per produced ALP at the reference coupling of the production mode:
 *
 *   N_sig(m, Γ, region) = POT × (coupling/reference)² × yieldPerPotAtReference[m]
 *                         × efficiency[m, Γ, region] × BR(channel) × A_add
 *
 * (the coupling factor and BR are src/limits' business). Browser-safe.
 */
import type { EngineJob } from '../engine/job.ts';
import type { EventTable } from '../engine/event-table.ts';
import type { CompiledScenario } from '../scenarios/compile.ts';
import type { ProductionTable } from '../physics/production-table.ts';
import { PRODUCTION_MODES, type ProductionMode } from '../physics/production.ts';
import { B_PRODUCTION_MODES, type BProductionMode } from '../physics/b-meson-production.ts';

export const TABLE_FORMAT = 'alpenglow-mass-width-table';
export const TABLE_FORMAT_VERSION = 1;

export interface MassWidthTable {
  format: typeof TABLE_FORMAT;
  formatVersion: typeof TABLE_FORMAT_VERSION;
  scenario: { name: string; hash: string };
  /** A physics production mode, or 'imported' for tables read from other tools. */
  productionMode: ProductionMode | 'imported';
  channel: string;
  massesGeV: number[];
  widthsGeV: number[];
  regionNames: string[];
  samplesPerMass: number;
  seed: number;
  /** ALPs per POT produced at the mode's reference coupling (within the table's angle range), per mass. */
  yieldPerPotAtReference: number[];
  /** Index (mass · nWidths + width) · nRegions + region: mean of P(decay in volume) × pass. */
  efficiency: number[];
  efficiencyError: number[];
  provenance: { alpenglowVersion: string; engine: 'webgpu' | 'reference' | 'imported'; adapter: string; wallSeconds: number };
}

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
  /** The masses to run now, and their indices in the full grid (Philox counter word: shards and resumed runs reproduce them bit for bit). */
  massesGeV: number[];
  massGridIndices: number[];
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
  production: (massGeV: number) => ProductionTable;
}

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

/** Cells of one mass of an engine table, in MassWidthTable order. */
export function massSlice(table: EventTable, massIndex: number): { efficiency: number[]; efficiencyError: number[] } {
  const cells = table.widthsGeV.length * table.regionNames.length;
  return {
    efficiency: Array.from(table.efficiency.subarray(massIndex * cells, (massIndex + 1) * cells)),
    efficiencyError: Array.from(table.efficiencyError.subarray(massIndex * cells, (massIndex + 1) * cells)),
  };
}

export function tableIndex(table: Pick<MassWidthTable, 'widthsGeV' | 'regionNames'>, massIndex: number, widthIndex: number, regionIndex: number): number {
  return (massIndex * table.widthsGeV.length + widthIndex) * table.regionNames.length + regionIndex;
}

export interface RunScenarioTableRequest extends Omit<ScenarioJobRequest, 'massGridIndices' | 'label' | 'mode'> {
  mode: ProductionMode;
  scenario: { name: string; hash: string };
  channelName: string;
  alpenglowVersion: string;
  runJob: (job: EngineJob) => Promise<EventTable>;
  /** Called after each mass with the finished row (progressive drawing, checkpoints). */
  onMass?: (massIndex: number) => void;
}

/** Runs the engine mass by mass (tables stream; memory stays per mass) and assembles the table. */
export async function runScenarioTable(request: RunScenarioTableRequest): Promise<MassWidthTable> {
  const started = performance.now();
  const efficiency: number[] = [];
  const efficiencyError: number[] = [];
  const yieldPerPot: number[] = [];
  let regionNames: string[] = [];
  let engine: EventTable['engine'] = { kind: 'reference', adapter: 'none' };
  for (const [massIndex, massGeV] of request.massesGeV.entries()) {
    const job = scenarioJob({ ...request, label: `${request.scenario.name} ${request.mode} m=${massGeV}`, massesGeV: [massGeV], massGridIndices: [massIndex] });
    const result = await request.runJob(job);
    const slice = massSlice(result, 0);
    efficiency.push(...slice.efficiency);
    efficiencyError.push(...slice.efficiencyError);
    yieldPerPot.push(result.yieldPerPot[0]);
    regionNames = result.regionNames;
    engine = result.engine;
    request.onMass?.(massIndex);
  }
  return {
    format: TABLE_FORMAT,
    formatVersion: TABLE_FORMAT_VERSION,
    scenario: request.scenario,
    productionMode: request.mode,
    channel: request.channelName,
    massesGeV: [...request.massesGeV],
    widthsGeV: [...request.widthsGeV],
    regionNames,
    samplesPerMass: request.samplesPerMass,
    seed: request.seed,
    yieldPerPotAtReference: yieldPerPot,
    efficiency,
    efficiencyError,
    provenance: { alpenglowVersion: request.alpenglowVersion, engine: engine.kind, adapter: engine.adapter, wallSeconds: (performance.now() - started) / 1000 },
  };
}
