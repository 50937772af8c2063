import { parseDecimal } from '../physics/decimal.ts';
import { MAX_POT_FLAG, MAX_SAMPLES_PER_MASS, MAX_WIDTHS_PER_DECADE } from '../app/caps.ts';
import { DEFAULT_WIDTHS_PER_DECADE } from '../limits/compute.ts';
import type { EngineChoice } from '../node/engine.ts';
import type { FlagTable } from './flags.ts';

/**
 * The shape every CLI command has. Commands are thin: they parse flags at the boundary, call the
 * library, and print. Errors meant for the user are UsageError (bad flags) or any error whose
 * class sets `userFacing = true`; main.ts prints their message without a stack trace.
 */
export interface CliCommand {
  name: string;
  /** One line for `alpenglow help`. */
  summary: string;
  /** The command's option table (src/cli/flags.ts): what parseArgs accepts and what --help lists. */
  flags: FlagTable;
  /** Full usage text for `alpenglow <name> --help`, its flags section generated from `flags` (formatUsage). */
  usage: string;
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
  readonly userFacing = true;
}

/** Parse a finite number from a flag, naming the flag and value on failure. */
export function parseNumberFlag(
  flag: string,
  raw: string | undefined,
  options: { integer?: boolean; min?: number; minExclusive?: number } = {},
): number | undefined {
  if (raw === undefined) return undefined;
  const value = parseDecimal(raw);
  if (!Number.isFinite(value)) throw new UsageError(`--${flag} must be a finite decimal number (got '${raw}')`);
  if (options.integer && !Number.isInteger(value)) throw new UsageError(`--${flag} must be an integer (got ${raw})`);
  if (options.min !== undefined && value < options.min) throw new UsageError(`--${flag} must be ≥ ${options.min} (got ${raw})`);
  if (options.minExclusive !== undefined && !(value > options.minExclusive)) throw new UsageError(`--${flag} must be > ${options.minExclusive} (got ${raw})`);
  return value;
}

/** `--samples`: an integer in [1, MAX_SAMPLES_PER_MASS]. */
export function parseSamplesFlag(raw: string | undefined, fallback: number): number {
  const samples = parseNumberFlag('samples', raw, { integer: true, min: 1 }) ?? fallback;
  if (samples > MAX_SAMPLES_PER_MASS) throw new UsageError(`--samples must be ≤ ${MAX_SAMPLES_PER_MASS} (the engine's cap per mass; got ${raw})`);
  return samples;
}

/** `--widths-per-decade`: > 0 and ≤ MAX_WIDTHS_PER_DECADE. */
export function parseWidthsPerDecade(raw: string | undefined): number {
  const perDecade = parseNumberFlag('widths-per-decade', raw, { minExclusive: 0 }) ?? DEFAULT_WIDTHS_PER_DECADE;
  if (perDecade > MAX_WIDTHS_PER_DECADE) throw new UsageError(`--widths-per-decade must be ≤ ${MAX_WIDTHS_PER_DECADE} (got ${raw})`);
  return perDecade;
}

/** `--pot`, `--projection-pot`: > 0 and ≤ MAX_POT_FLAG. */
export function parsePotFlag(flag: string, raw: string | undefined): number | undefined {
  const pot = parseNumberFlag(flag, raw, { minExclusive: 0 });
  if (pot !== undefined && pot > MAX_POT_FLAG)
    throw new UsageError(`--${flag} must be ≤ ${String(MAX_POT_FLAG).replace('e+', 'e')} protons on target (got ${raw})`);
  return pot;
}

/** `--engine`: auto (default), webgpu or reference. */
export function parseEngine(raw: string | undefined): EngineChoice {
  const engine = (raw ?? 'auto') as EngineChoice;
  if (!['auto', 'webgpu', 'reference'].includes(engine)) throw new UsageError(`--engine must be auto, webgpu or reference (got '${raw}')`);
  return engine;
}
