/** Literals for generated WGSL. Numbers are rounded to f32 first so the shader and any host-side
 * mirror of a threshold see the same value. */
/**
 * The magnitude every scenario number that reaches the float32 engine (geometry, cuts, region
 * shapes, fields) must stay within: squares and sums of such numbers stay finite in f32 (max
 * 3.4e38). The scenario schema enforces it, so a shader never sees Infinity.
 */
export const ENGINE_VALUE_LIMIT = 1e15;

export class InvalidShaderValue extends Error {
  override name = 'InvalidShaderValue';
}

export function f32Literal(value: number, what = 'value'): string {
  if (!Number.isFinite(value)) throw new InvalidShaderValue(`${what} must be finite to enter a shader (got ${value})`);
  const rounded = Math.fround(value);
  if (rounded === 0) return '0.0f';
  // toPrecision(9) round-trips every f32; WGSL accepts "1.5e-7f", "2f", "0.25f".
  const text = Number(rounded.toPrecision(9)).toString();
  return `${text}f`;
}

export function u32Literal(value: number, what = 'value'): string {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new InvalidShaderValue(`${what} must be a u32 (got ${value})`);
  return `${value}u`;
}
