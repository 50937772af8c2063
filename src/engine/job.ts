/**
 * What one engine run computes: for every mass of the grid and every width, the mean over produced
 * ALPs of (probability to decay in the fiducial volume) × (selection passed), per signal region.
 * Both engines (WebGPU and the float64 reference) take the same EngineJob and return the same
 * EventTable shape, so they can be compared cell by cell.
 */
import type { ProductionTable } from '../physics/production-table.ts';
import { validateProductionTable } from '../physics/production-table.ts';
import { portableExp, portableLog } from '../physics/portable-math.ts';
import { validateSelection } from './selection/validate.ts';
import type { Selection } from './selection/types.ts';
import { BATCH_SIZE } from './wgsl-constants.ts';

export interface DetectorGeometry {
  /** Production point (target) in the detector frame, m. */
  originM: [number, number, number];
  /** Angle between the detector axis and the proton beam, rad (KOTO: 16° Step 1, 5° Step 2). */
  axisAngleRad: number;
  fiducialStartZM: number;
  fiducialEndZM: number;
  ecalZM: number;
}

export interface DecayChannel {
  name: string;
  /** Masses of the two decay products, GeV ([0, 0] for γγ). */
  daughterMassesGeV: [number, number];
}

export interface EngineJob {
  label: string;
  geometry: DetectorGeometry;
  selection: Selection;
  channel: DecayChannel;
  massesGeV: number[];
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
  /**
   * Index of each mass in its full grid, used as the second Philox counter word (default: its
   * position here). Giving the grid index lets a shard, or a run in any mass order, reproduce a
   * mass of a larger grid bit for bit.
   */
  massGridIndices?: number[];
  /** Production table for one mass; called once per mass, in grid order, so tables stream. */
  production: (massGeV: number, massIndex: number) => ProductionTable;
}

export class InvalidJob extends Error {
  override name = 'InvalidJob';
  readonly userFacing = true;
}

/** Largest sample count per mass: sample indices are u32 and batches must not overflow them. */
export const MAX_SAMPLES_PER_MASS = 0xffffffff - BATCH_SIZE;

function checkPositiveList(values: readonly number[], name: string, unit: string): void {
  if (values.length === 0) throw new InvalidJob(`${name} is empty: give at least one value in ${unit}`);
  values.forEach((value, index) => {
    if (!Number.isFinite(value) || !(value > 0)) throw new InvalidJob(`${name}[${index}] must be a finite number > 0 ${unit} (got ${value})`);
  });
}

export function validateJob(job: EngineJob): void {
  checkPositiveList(job.massesGeV, 'masses', 'GeV');
  checkPositiveList(job.widthsGeV, 'widths', 'GeV');
  if (!Number.isInteger(job.samplesPerMass) || job.samplesPerMass < 1 || job.samplesPerMass > MAX_SAMPLES_PER_MASS) {
    throw new InvalidJob(`samples per mass must be an integer in [1, ${MAX_SAMPLES_PER_MASS}] (got ${job.samplesPerMass})`);
  }
  if (!Number.isSafeInteger(job.seed) || job.seed < 0) throw new InvalidJob(`seed must be an integer in [0, 2^53) (got ${job.seed})`);
  const g = job.geometry;
  for (const key of ['axisAngleRad', 'fiducialStartZM', 'fiducialEndZM', 'ecalZM'] as const) {
    if (!Number.isFinite(g[key])) throw new InvalidJob(`geometry.${key} must be finite (got ${g[key]})`);
  }
  g.originM.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new InvalidJob(`geometry.originM[${index}] must be finite (got ${value})`);
  });
  if (!(g.fiducialEndZM > g.fiducialStartZM)) {
    throw new InvalidJob(`geometry.fiducialEndZM must be > fiducialStartZM (got ${g.fiducialEndZM} ≤ ${g.fiducialStartZM})`);
  }
  if (!(g.fiducialStartZM >= g.originM[2])) {
    throw new InvalidJob(`geometry.fiducialStartZM must not lie upstream of the production point z = ${g.originM[2]} m (got ${g.fiducialStartZM})`);
  }
  if (g.fiducialEndZM > g.ecalZM) {
    throw new InvalidJob(`geometry.fiducialEndZM = ${g.fiducialEndZM} m lies behind the ECAL at ${g.ecalZM} m: decays there cannot be seen`);
  }
  const [m0, m1] = job.channel.daughterMassesGeV;
  if (!(m0 >= 0 && m1 >= 0 && Number.isFinite(m0) && Number.isFinite(m1))) {
    throw new InvalidJob(`channel.daughterMassesGeV must be finite and ≥ 0 (got [${m0}, ${m1}])`);
  }
  job.massesGeV.forEach((mass, index) => {
    if (mass <= m0 + m1) throw new InvalidJob(`masses[${index}] = ${mass} GeV is below the ${job.channel.name} threshold ${m0 + m1} GeV`);
  });
  if (job.massGridIndices) {
    if (job.massGridIndices.length !== job.massesGeV.length) {
      throw new InvalidJob(`massGridIndices has ${job.massGridIndices.length} entries for ${job.massesGeV.length} masses`);
    }
    job.massGridIndices.forEach((value, index) => {
      if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new InvalidJob(`massGridIndices[${index}] must be a u32 (got ${value})`);
    });
  }
  validateSelection(job.selection);
}

/** The Philox mass word for position `massIndex` of the job. */
export function massCounterWord(job: EngineJob, massIndex: number): number {
  return job.massGridIndices?.[massIndex] ?? massIndex;
}

/** Fetches and checks the production table for one mass. */
export function productionFor(job: EngineJob, massIndex: number): ProductionTable {
  const massGeV = job.massesGeV[massIndex];
  const table = job.production(massGeV, massIndex);
  validateProductionTable(table, `production table for m = ${massGeV} GeV`);
  if (Math.abs(table.massGeV - massGeV) > 1e-12 * massGeV) {
    throw new InvalidJob(`production table for m = ${massGeV} GeV was made for m = ${table.massGeV} GeV`);
  }
  return table;
}

/** n log-spaced values from lo to hi inclusive (n = 1 gives lo). */
export function logSpaced(lo: number, hi: number, n: number): number[] {
  if (!(lo > 0) || !(hi >= lo) || !Number.isInteger(n) || n < 1) {
    throw new InvalidJob(`log-spaced range needs 0 < lo ≤ hi and an integer count ≥ 1 (got ${lo}:${hi}:${n})`);
  }
  if (n === 1) return [lo];
  // Portable ln/exp (src/physics/portable-math.ts): the page and the CLI get the same points to the bit.
  const step = portableLog(hi / lo) / (n - 1);
  return Array.from({ length: n }, (_, i) => (i === n - 1 ? hi : lo * portableExp(step * i)));
}
