/**
 * Errors of the limits library (src/limits). Messages name the input, the bad value and what is
 * expected, e.g. `coupling must be a finite number > 0 GeV^-1 (got -1)`. `userFacing` lets the CLI
 * print the message in one line (exit 2).
 */
export class LimitsInputError extends Error {
  override name = 'LimitsInputError';
  readonly userFacing = true;
}

/** A MassWidthTable that cannot be used for the requested scenario (other scenario, grid, regions). */
export class TableMismatchError extends LimitsInputError {
  override name = 'TableMismatchError';
}

/** Throws LimitsInputError unless `value` is a finite number > 0. `unit` is appended to the message. */
export function requirePositiveFinite(name: string, value: number, unit = ''): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new LimitsInputError(`${name} must be a finite number > 0${unit ? ` ${unit}` : ''} (got ${value})`);
  }
  return value;
}
