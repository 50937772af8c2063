/**
 * The shape every CLI command has. Commands are thin: they parse flags at the boundary, call the
 * library, and print. Errors meant for the user are UsageError (bad flags) or any error whose
 * class sets `userFacing = true`; main.ts prints their message without a stack trace.
 */
export interface CliCommand {
  name: string;
  /** One line for `alpenglow help`. */
  summary: string;
  /** Full usage text for `alpenglow <name> --help`. */
  usage: string;
  run(argv: string[]): Promise<number>;
}

export class UsageError extends Error {
  override name = 'UsageError';
  readonly userFacing = true;
}

/** Parse a finite number from a flag, naming the flag and value on failure. */
export function parseNumberFlag(flag: string, raw: string | undefined, options: { integer?: boolean; min?: number; minExclusive?: number } = {}): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UsageError(`--${flag} must be a finite number (got '${raw}')`);
  if (options.integer && !Number.isInteger(value)) throw new UsageError(`--${flag} must be an integer (got ${raw})`);
  if (options.min !== undefined && value < options.min) throw new UsageError(`--${flag} must be ≥ ${options.min} (got ${raw})`);
  if (options.minExclusive !== undefined && !(value > options.minExclusive)) throw new UsageError(`--${flag} must be > ${options.minExclusive} (got ${raw})`);
  return value;
}
