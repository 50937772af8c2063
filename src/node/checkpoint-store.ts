/**
 * Checkpoints of `alpenglow grid` (Node): one directory per output table,
 *   <out>/.alpenglow-checkpoints/<table file name>/run.json          what run this is (identity)
 *   <out>/.alpenglow-checkpoints/<table file name>/mass-00042.json   one finished mass (grid index 42)
 * Every file is written atomically (temporary + fsync + rename, src/node/atomic-file.ts), so after
 * kill -9 each mass is either fully recorded or absent: a restart recomputes exactly the absent
 * masses and never adds a mass twice. A mass is computed in one engine run from its own Philox
 * counters (grid index), so recomputing it gives the same numbers bit for bit.
 *
 * A checkpoint from another run (scenario hash, mode, grid, samples, seed, shard, engine kind or
 * alpenglow version differ) or a damaged one (bad JSON, checksum mismatch) is refused with a
 * message naming the file and the difference; it is never silently used or overwritten.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { canonicalJson } from '../scenarios/parse.ts';
import { float64Sha256, sha256Hex } from '../tables/sha256.ts';
import { removeStaleTemporaries, writeFileAtomic } from './atomic-file.ts';
import type { RunIdentity } from '../tables/run-identity.ts';
import type { ShardPosition } from '../tables/table-file.ts';
import type { MassRow } from '../app/table-builder.ts';

export const CHECKPOINT_FORMAT = 'alpenglow-grid-checkpoint';
export const CHECKPOINT_VERSION = 1;
export const CHECKPOINT_DIR_NAME = '.alpenglow-checkpoints';

export type { RunIdentity } from '../tables/run-identity.ts';

/** One finished mass as checkpointed: the table builder's row (src/app/table-builder.ts). */
export type MassResult = MassRow;

export class CheckpointRefused extends Error {
  override name = 'CheckpointRefused';
  readonly userFacing = true;
}

export function checkpointDirectory(outDir: string, tableFileName: string): string {
  return join(outDir, CHECKPOINT_DIR_NAME, tableFileName);
}

export function identitySha256(identity: RunIdentity): string {
  return sha256Hex(new TextEncoder().encode(canonicalJson(identity)));
}

function massValuesSha256(mass: Pick<MassResult, 'massGeV' | 'yieldPerPotAtReference' | 'efficiency' | 'efficiencyError'>): string {
  return float64Sha256([[mass.massGeV, mass.yieldPerPotAtReference], mass.efficiency, mass.efficiencyError]);
}

function describeList(values: readonly number[]): string {
  return values.length === 0 ? 'none' : `${values.length} values ${values[0]} … ${values[values.length - 1]}`;
}

/** Human-readable differences between two identities ("seed: checkpoint 1, this run 2"). */
export function identityDifferences(stored: RunIdentity, current: RunIdentity): string[] {
  const differences: string[] = [];
  const compare = (name: string, a: unknown, b: unknown, show: (value: unknown) => string = (value) => JSON.stringify(value)) => {
    if (canonicalJson(a) !== canonicalJson(b)) differences.push(`${name}: checkpoint has ${show(a)}, this run ${show(b)}`);
  };
  compare('alpenglow version', stored.alpenglowVersion, current.alpenglowVersion);
  compare('scenario', stored.scenario?.name, current.scenario.name);
  compare('scenario hash (the scenario file was edited)', stored.scenario?.hash, current.scenario.hash);
  compare('production mode', stored.productionMode, current.productionMode);
  compare('channel', stored.channel, current.channel);
  compare('signal regions', stored.regionNames, current.regionNames);
  compare('masses', stored.grid?.massesGeV, current.grid.massesGeV, (value) => describeList((value as number[]) ?? []));
  compare('widths', stored.grid?.widthsGeV, current.grid.widthsGeV, (value) => describeList((value as number[]) ?? []));
  compare('samples per mass', stored.samplesPerMass, current.samplesPerMass);
  compare('seed', stored.seed, current.seed);
  compare('shard', stored.shard, current.shard, (value) => (value ? `${(value as ShardPosition).index}/${(value as ShardPosition).count}` : 'none'));
  compare('engine', stored.engine, current.engine);
  return differences;
}

function massFileName(massGridIndex: number): string {
  return `mass-${String(massGridIndex).padStart(5, '0')}.json`;
}

const MASS_FILE = /^mass-(\d{5,})\.json$/;

/** The checkpoint of one table: opened (and fully checked) before any work starts. */
export class CheckpointStore {
  private readonly completed = new Map<number, MassResult>();
  private readonly identityHash: string;

  private constructor(
    readonly dir: string,
    readonly identity: RunIdentity,
  ) {
    this.identityHash = identitySha256(identity);
  }

  /**
   * Opens `dir` for `identity`: creates it (with run.json) when absent, otherwise checks run.json
   * and every mass file, refusing a foreign or damaged checkpoint.
   */
  static open(dir: string, identity: RunIdentity, allowedMassIndices: ReadonlySet<number>): CheckpointStore {
    const store = new CheckpointStore(dir, identity);
    const runFile = join(dir, 'run.json');
    const restart = `Resume with the original flags, choose another --out, or delete ${dir} to start this table over.`;
    if (!existsSync(runFile)) {
      if (existsSync(dir) && readdirSync(dir).some((name) => MASS_FILE.test(name))) {
        throw new CheckpointRefused(`checkpoint ${dir} has mass files but no run.json: it is damaged. Delete ${dir} to start this table over.`);
      }
      mkdirSync(dir, { recursive: true });
      removeStaleTemporaries(dir);
      writeFileAtomic(
        runFile,
        `${JSON.stringify({ format: CHECKPOINT_FORMAT, formatVersion: CHECKPOINT_VERSION, identity, identitySha256: store.identityHash })}\n`,
      );
      return store;
    }
    removeStaleTemporaries(dir);
    const run = readJson(runFile);
    if (run.format !== CHECKPOINT_FORMAT)
      throw new CheckpointRefused(`${runFile} is not an alpenglow grid checkpoint (format ${JSON.stringify(run.format)}). ${restart}`);
    if (run.formatVersion !== CHECKPOINT_VERSION) {
      throw new CheckpointRefused(
        `${runFile} has checkpoint format version ${JSON.stringify(run.formatVersion)}; this alpenglow reads version ${CHECKPOINT_VERSION}. ${restart}`,
      );
    }
    const stored = run.identity as RunIdentity;
    if (!stored || typeof stored !== 'object' || run.identitySha256 !== identitySha256(stored)) {
      throw new CheckpointRefused(`${runFile} is corrupt (its identity does not match its checksum). Delete ${dir} to start this table over.`);
    }
    const differences = identityDifferences(stored, identity);
    if (differences.length > 0) throw new CheckpointRefused(`checkpoint ${dir} belongs to a different run (${differences.join('; ')}). ${restart}`);

    for (const name of readdirSync(dir).sort()) {
      if (name === 'run.json') continue;
      const match = MASS_FILE.exec(name);
      if (!match) throw new CheckpointRefused(`checkpoint ${dir} contains an unexpected file '${name}'. Remove it, or delete ${dir} to start this table over.`);
      const path = join(dir, name);
      const mass = store.checkMassFile(path, Number(match[1]), allowedMassIndices);
      store.completed.set(mass.massGridIndex, mass);
    }
    return store;
  }

  private checkMassFile(path: string, indexFromName: number, allowed: ReadonlySet<number>): MassResult {
    const corrupt = (why: string) =>
      new CheckpointRefused(
        `checkpoint file ${path} is corrupt (${why}). Delete that file to recompute this mass, or delete ${this.dir} to start this table over.`,
      );
    const data = readJson(path);
    if (data.format !== `${CHECKPOINT_FORMAT}-mass` || data.formatVersion !== CHECKPOINT_VERSION)
      throw corrupt(`format ${JSON.stringify(data.format)} version ${JSON.stringify(data.formatVersion)}`);
    if (data.identitySha256 !== this.identityHash) {
      throw new CheckpointRefused(
        `checkpoint file ${path} belongs to a different run than ${join(this.dir, 'run.json')}: it was copied in from elsewhere. Delete it to recompute this mass.`,
      );
    }
    const mass = data.mass as MassResult;
    const cells = this.identity.grid.widthsGeV.length * this.identity.regionNames.length;
    if (!mass || mass.massGridIndex !== indexFromName) throw corrupt(`it does not hold mass index ${indexFromName}`);
    if (!allowed.has(mass.massGridIndex))
      throw corrupt(
        `mass index ${mass.massGridIndex} is not computed by this run${this.identity.shard ? ` (shard ${this.identity.shard.index}/${this.identity.shard.count})` : ''}`,
      );
    if (mass.massGeV !== this.identity.grid.massesGeV[mass.massGridIndex]) throw corrupt(`mass ${mass.massGeV} GeV is not grid mass ${mass.massGridIndex}`);
    if (!Array.isArray(mass.efficiency) || mass.efficiency.length !== cells || !Array.isArray(mass.efficiencyError) || mass.efficiencyError.length !== cells) {
      throw corrupt(`expected ${cells} cells`);
    }
    if (data.valuesSha256 !== massValuesSha256(mass)) throw corrupt('values checksum mismatch');
    return mass;
  }

  has(massGridIndex: number): boolean {
    return this.completed.has(massGridIndex);
  }

  get(massGridIndex: number): MassResult | undefined {
    return this.completed.get(massGridIndex);
  }

  get completedCount(): number {
    return this.completed.size;
  }

  /** Records one finished mass (atomically). */
  write(mass: MassResult): void {
    const record = {
      format: `${CHECKPOINT_FORMAT}-mass`,
      formatVersion: CHECKPOINT_VERSION,
      identitySha256: this.identityHash,
      valuesSha256: massValuesSha256(mass),
      mass,
    };
    writeFileAtomic(join(this.dir, massFileName(mass.massGridIndex)), `${JSON.stringify(record)}\n`);
    this.completed.set(mass.massGridIndex, mass);
  }

  /** Deletes the checkpoint once its table file is safely written. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    const parent = dirname(this.dir);
    if (basename(parent) === CHECKPOINT_DIR_NAME) {
      try {
        rmdirSync(parent); // only succeeds when no other table's checkpoint is left
      } catch {
        // not empty: other tables are still in progress
      }
    }
  }
}

function readJson(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CheckpointRefused(`checkpoint file ${path} cannot be read: ${(error as Error).message}`);
  }
  try {
    const value = JSON.parse(text);
    if (!value || typeof value !== 'object' || Array.isArray(value)) throw new Error('not a JSON object');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new CheckpointRefused(
      `checkpoint file ${path} is corrupt (not valid JSON: ${(error as Error).message}). Delete that file to recompute it, or delete its directory to start this table over.`,
    );
  }
}
