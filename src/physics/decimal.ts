/**
 * Numbers typed by people (flags, model names, page fields, text tables): decimal notation only.
 * `Number()` also reads '0x10', '0b1', '0o7', 'Infinity' and a blank as 0, none of which a physicist
 * means; every text boundary parses through here so they are refused alike. Browser-safe.
 */

/** Optionally signed decimal with an optional exponent: 12, -0.5, .5, 5., 4e19, 1.5E-3. */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The value of a decimal number written as text (surrounding blanks ignored), else NaN. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? Number(trimmed) : Number.NaN;
}
