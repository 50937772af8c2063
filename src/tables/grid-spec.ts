/**
 * What `alpenglow grid` computes: the (mass, width) grid, the production modes and the shard.
 * Pure functions; the CLI parses flags into these and gives every error the flag's name.
 */
import { parseDecimal } from '../physics/decimal.ts';
import { logSpaced } from '../engine/job.ts';
import { MASS_GEV } from '../physics/constants.ts';
import { TABLE_PRODUCTION_MODES, type TableProductionMode } from '../physics/production.ts';
import type { Scenario } from '../scenarios/schema.ts';
import type { CompiledScenario } from '../scenarios/compile.ts';
import type { ShardPosition } from './table-file.ts';

export class InvalidGridRequest extends Error {
  override name = 'InvalidGridRequest';
  readonly userFacing = true;
}

/** n values log-spaced from lo to hi inclusive (units in the field names of the user). */
export interface RangeSpec {
  lo: number;
  hi: number;
  count: number;
}

/** ALPINIST's width grid: 101 widths log-spaced in [1e-25, 1e-10] GeV (physics.md §8.5). */
export const DEFAULT_WIDTHS: RangeSpec = { lo: 1e-25, hi: 1e-10, count: 101 };
/** ALPINIST's mass-grid density: 201 masses (physics.md §8.5). */
export const DEFAULT_MASS_COUNT = 201;
/** ALPINIST's mass range 10 MeV – 5.31 GeV (physics.md §3.1 item 3), clipped to the channel threshold and the beam. */
export const DEFAULT_MASS_RANGE_GEV: [number, number] = [0.01, 5.31];
/** Default samples per mass: enough for ~0.1 % statistical precision on O(1e-3) efficiencies per cell on a GPU in minutes per table. */
export const DEFAULT_SAMPLES_PER_MASS = 100_000;
export const DEFAULT_SEED = 1;

export function formatRangeSpec(spec: RangeSpec): string {
  return `${spec.lo}:${spec.hi}:${spec.count}`;
}

export function rangeValues(spec: RangeSpec): number[] {
  return logSpaced(spec.lo, spec.hi, spec.count);
}

/** The most points a `lo:hi:n` grid range may have. */
export const MAX_RANGE_POINTS = 100_000;

/** Parses `lo:hi:n` (log-spaced, lo ≤ hi, n ≥ 1; n = 1 needs lo = hi). */
export function parseRangeSpec(flag: string, raw: string, unit: string): RangeSpec {
  const parts = raw.split(':');
  const expected = `--${flag} must be lo:hi:n with 0 < lo ≤ hi in ${unit} and an integer n ≥ 1, log-spaced (e.g. 0.01:5.31:201)`;
  if (parts.length !== 3 || parts.some((part) => part.trim() === '')) throw new InvalidGridRequest(`${expected} (got '${raw}')`);
  const [lo, hi, count] = parts.map(parseDecimal);
  if (!Number.isFinite(lo) || !(lo > 0)) throw new InvalidGridRequest(`${expected}: lo must be a number > 0 (got '${parts[0]}')`);
  if (!Number.isFinite(hi) || !(hi >= lo)) throw new InvalidGridRequest(`${expected}: hi must be a number ≥ lo = ${lo} (got '${parts[1]}')`);
  if (!Number.isInteger(count) || count < 1 || count > MAX_RANGE_POINTS)
    throw new InvalidGridRequest(`${expected}: n must be an integer in [1, ${MAX_RANGE_POINTS}] (got '${parts[2]}')`);
  if (count === 1 && hi !== lo) throw new InvalidGridRequest(`--${flag} ${raw}: one point needs lo = hi`);
  if (count > 1 && hi === lo) throw new InvalidGridRequest(`--${flag} ${raw}: ${count} points need lo < hi`);
  return { lo, hi, count };
}

/** Lowest mass the channel can decay at, GeV. */
export function channelThresholdGeV(compiled: CompiledScenario): number {
  return compiled.channel.daughterMassesGeV[0] + compiled.channel.daughterMassesGeV[1];
}

/**
 * Default masses: 201 log-spaced in [10 MeV, 5.31 GeV], the low end raised to 1.01 × the channel
 * threshold (μμ) and the high end lowered to 0.95 × (E_beam − m_p) for low-energy beams.
 */
export function defaultMassSpec(scenario: Scenario, compiled: CompiledScenario): RangeSpec {
  const lo = Math.max(DEFAULT_MASS_RANGE_GEV[0], 1.01 * channelThresholdGeV(compiled));
  const hi = Math.min(DEFAULT_MASS_RANGE_GEV[1], 0.95 * (scenario.beam.energyGeV - MASS_GEV.proton));
  if (!(hi > lo))
    throw new InvalidGridRequest(
      `scenario ${scenario.name}: no default mass range (channel threshold ${channelThresholdGeV(compiled)} GeV, beam ${scenario.beam.energyGeV} GeV); give --masses`,
    );
  return { lo, hi, count: DEFAULT_MASS_COUNT };
}

/** Checks that every mass can be produced and can decay into the scenario's channel. */
export function checkMassRange(spec: RangeSpec, scenario: Scenario, compiled: CompiledScenario): void {
  const threshold = channelThresholdGeV(compiled);
  if (!(spec.lo > threshold)) {
    throw new InvalidGridRequest(
      `--masses starts at ${spec.lo} GeV, at or below the ${compiled.channel.name} threshold ${threshold} GeV of scenario ${scenario.name}`,
    );
  }
  const limit = scenario.beam.energyGeV - MASS_GEV.proton;
  if (!(spec.hi < limit))
    throw new InvalidGridRequest(`--masses ends at ${spec.hi} GeV, above what a ${scenario.beam.energyGeV} GeV beam can produce (< ${limit.toFixed(3)} GeV)`);
}

/** Parses `i/n`: shard i (1-based, 1 ≤ i ≤ n) of n, for a grid of `massCount` masses. */
export function parseShard(raw: string, massCount: number): ShardPosition {
  const match = /^(\d+)\/(\d+)$/.exec(raw.trim());
  if (!match) throw new InvalidGridRequest(`--shard must be i/n with 1 ≤ i ≤ n (1-based, e.g. 1/8; got '${raw}')`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) throw new InvalidGridRequest(`--shard ${raw}: n must be ≥ 1`);
  if (index < 1 || index > count) {
    throw new InvalidGridRequest(
      `--shard ${raw}: i must be in 1…${count} (shards are numbered from 1${index === 0 ? '; for a 0-based array index use i = index + 1' : ''})`,
    );
  }
  if (count > massCount) throw new InvalidGridRequest(`--shard ${raw}: the grid has only ${massCount} masses, so at most ${massCount} shards`);
  return { index, count };
}

/**
 * `--production all|primakoff|mixing|b|<mode>[,…]`: all = the scenario's modes; primakoff / mixing /
 * b = the scenario's modes of that family (b: the B → K(*) a modes, tables per unit BR); a mode name =
 * that mode (any of TABLE_PRODUCTION_MODES).
 */
export function selectProductionModes(scenario: Scenario, raw: string, _notes: string[] = []): TableProductionMode[] {
  const scenarioModes = scenario.production.modes as TableProductionMode[];
  const chosen: TableProductionMode[] = [];
  for (const item of raw.split(',').map((part) => part.trim())) {
    let modes: TableProductionMode[];
    if (item === 'all') modes = scenarioModes;
    else if (item === 'primakoff' || item === 'mixing' || item === 'b') {
      const prefix = item === 'b' ? 'b-to-' : item;
      modes = scenarioModes.filter((mode) => mode.startsWith(prefix));
      if (modes.length === 0)
        throw new InvalidGridRequest(`--production ${item}: scenario ${scenario.name} has no ${item} modes (it has ${scenarioModes.join(', ')})`);
    } else if ((TABLE_PRODUCTION_MODES as readonly string[]).includes(item)) modes = [item as TableProductionMode];
    else
      throw new InvalidGridRequest(
        `--production must be all, primakoff, mixing, b or a mode (${TABLE_PRODUCTION_MODES.join(', ')}), comma-separated (got '${item}')`,
      );
    for (const mode of modes) if (!chosen.includes(mode)) chosen.push(mode);
  }
  return chosen;
}
