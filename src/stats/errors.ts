/**
 * Input validation for the statistics library (src/stats).
 *
 * Every public entry point validates its arguments once, at the boundary, and throws
 * InvalidStatisticsInput whose message names the argument, the index (for arrays) and the bad
 * value, e.g. `background[3] must be finite and ≥ 0 (got -1)`. Internal helpers then work on
 * validated Float64Array / Int32Array copies and never re-check.
 */

/** Thrown for any invalid argument of a src/stats function. `userFacing` lets the CLI print it without a stack. */
export class InvalidStatisticsInput extends Error {
  override name = 'InvalidStatisticsInput';
  readonly userFacing = true;
  /** The argument name as the caller sees it (e.g. 'background'). */
  readonly argument: string;
  /** Array index of the bad element, when the argument is an array. */
  readonly index: number | undefined;
  /** The offending value (or array length for length errors). */
  readonly value: unknown;

  constructor(argument: string, message: string, details: { index?: number; value?: unknown } = {}) {
    super(message);
    this.argument = argument;
    this.index = details.index;
    this.value = details.value;
  }
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `array of length ${value.length}`;
  return typeof value;
}

function elementName(argument: string, index: number | undefined): string {
  return index === undefined ? argument : `${argument}[${index}]`;
}

/** A finite number ≥ 0 (expected signal or background counts). */
export function requireNonNegativeFinite(argument: string, value: unknown, index?: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidStatisticsInput(argument, `${elementName(argument, index)} must be a finite number ≥ 0 (got ${describeValue(value)})`, { index, value });
  }
  return value;
}

/** A non-negative integer event count (observed data). */
export function requireCount(argument: string, value: unknown, index?: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidStatisticsInput(argument, `${elementName(argument, index)} must be a non-negative integer count (got ${describeValue(value)})`, {
      index,
      value,
    });
  }
  return value;
}

function requireArrayLike(argument: string, values: unknown): ArrayLike<unknown> {
  const isArrayLike = Array.isArray(values) || (ArrayBuffer.isView(values) && !(values instanceof DataView));
  if (!isArrayLike) {
    throw new InvalidStatisticsInput(argument, `${argument} must be an array of numbers (got ${describeValue(values)})`, {
      value: values,
    });
  }
  const array = values as ArrayLike<unknown>;
  if (array.length === 0) {
    throw new InvalidStatisticsInput(argument, `${argument} must contain at least one region (got an empty array)`, {
      value: 0,
    });
  }
  return array;
}

/** Validated copy of an array of finite, non-negative expectations (signal or background per region). */
export function requireNonNegativeFiniteArray(argument: string, values: unknown): Float64Array {
  const array = requireArrayLike(argument, values);
  const copy = new Float64Array(array.length);
  for (let index = 0; index < array.length; index++) copy[index] = requireNonNegativeFinite(argument, array[index], index);
  return copy;
}

/** Validated copy of an array of observed counts per region. */
export function requireCountArray(argument: string, values: unknown): Int32Array {
  const array = requireArrayLike(argument, values);
  const copy = new Int32Array(array.length);
  for (let index = 0; index < array.length; index++) {
    const count = requireCount(argument, array[index], index);
    if (count > 0x7fffffff) {
      throw new InvalidStatisticsInput(argument, `${argument}[${index}] must be < 2^31 (got ${count})`, { index, value: count });
    }
    copy[index] = count;
  }
  return copy;
}

/** All region arrays must have the same length; names the first mismatching argument. */
export function requireSameLength(reference: { name: string; length: number }, ...others: { name: string; length: number }[]): void {
  for (const other of others) {
    if (other.length !== reference.length) {
      throw new InvalidStatisticsInput(other.name, `${other.name} has ${other.length} regions but ${reference.name} has ${reference.length}; they must match`, {
        value: other.length,
      });
    }
  }
}

/** Confidence level strictly between 0 and 1 (0.9 for the 90 % CL limits of physics.md §9). */
export function requireConfidenceLevel(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value >= 1) {
    throw new InvalidStatisticsInput('confidenceLevel', `confidenceLevel must be a number strictly between 0 and 1, e.g. 0.9 (got ${describeValue(value)})`, {
      value,
    });
  }
  return value;
}

/** Seeds are explicit u32 (style.md point 7). */
export function requireSeed(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new InvalidStatisticsInput('seed', `seed must be an integer in [0, 2^32 − 1] (got ${describeValue(value)})`, { value });
  }
  return value >>> 0;
}

/** A positive integer option (number of toys, pseudo-experiments, enumeration budget). */
export function requirePositiveInteger(argument: string, value: unknown, maximum = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > maximum) {
    throw new InvalidStatisticsInput(argument, `${argument} must be an integer in [1, ${maximum}] (got ${describeValue(value)})`, { value });
  }
  return value;
}
