/**
 * Error types of the physics library. Messages name the input and the bad value, e.g.
 * `massGeV must be > 0 (got -1)`. `userFacing` lets the CLI print the message without a stack.
 */
export class PhysicsInputError extends Error {
  override name = 'PhysicsInputError';
  readonly userFacing = true;
}

/** Throws PhysicsInputError unless value is a finite number > 0. */
export function requirePositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0)) {
    throw new PhysicsInputError(`${name} must be a finite number > 0 (got ${value})`);
  }
}

/** Throws PhysicsInputError unless value is a finite number. */
export function requireFinite(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new PhysicsInputError(`${name} must be a finite number (got ${value})`);
  }
}

/** Throws PhysicsInputError unless value is a finite number ≥ 0. */
export function requireNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PhysicsInputError(`${name} must be a finite number ≥ 0 (got ${value})`);
  }
}
