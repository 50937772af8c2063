/**
 * Log-axis helpers for the exclusion plots: scale, decade and minor ticks, tick labels, text
 * escaping, and axis titles with sub/superscripts written as SVG tspans. Browser-safe, no DOM.
 * The renderer that uses them is src/plots/figure.ts.
 */
import { scaleLog } from 'd3-scale';

export interface LogScale {
  domain: [number, number];
  range: [number, number];
  (value: number): number;
}

/** A d3 log scale (base 10) with the domain checked. */
export function logScale(domain: [number, number], range: [number, number]): LogScale {
  const [d0, d1] = domain;
  if (!(d0 > 0 && d1 > d0 && Number.isFinite(d1))) throw new RangeError(`log axis needs 0 < low < high (got [${d0}, ${d1}])`);
  const d3 = scaleLog().domain(domain).range(range);
  const scale = ((value: number) => d3(value)) as LogScale;
  scale.domain = domain;
  scale.range = range;
  return scale;
}

export interface Tick {
  value: number;
  major: boolean;
  label?: string;
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** 10^e as "10⁻³" (Unicode superscripts; present in DejaVu/Liberation fonts). */
export function powerOfTenLabel(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${String(exponent)
    .split('')
    .map((c) => SUPERSCRIPT[c] ?? c)
    .join('')}`;
}

/** Plain decimal for values between 1e-3 and 1e4 ("0.05", "200"), else m×10ⁿ. */
export function numberLabel(value: number): string {
  const exponent = Math.floor(Math.log10(value) + 1e-9);
  const mantissa = Math.round(value / 10 ** exponent);
  if (exponent >= -3 && exponent <= 4) return String(Number((mantissa * 10 ** exponent).toPrecision(1)));
  return mantissa === 1 ? powerOfTenLabel(exponent) : `${mantissa}×${powerOfTenLabel(exponent)}`;
}

/**
 * Ticks of a log axis: majors at decades, minors at 2…9 × decade. When fewer than two decades fall
 * in the domain, 2× and 5× are labelled too, so short axes still read. `decimal` labels decades
 * as plain numbers (0.01, 0.1, 1) instead of powers of ten.
 */
export function logTicks(domain: [number, number], options: { decimal?: boolean } = {}): Tick[] {
  const [lo, hi] = domain;
  const ticks: Tick[] = [];
  const eps = 1e-9;
  const first = Math.floor(Math.log10(lo) + eps);
  const last = Math.ceil(Math.log10(hi) - eps);
  let decades = 0;
  for (let e = first; e <= last; e++) if (10 ** e >= lo * (1 - eps) && 10 ** e <= hi * (1 + eps)) decades++;
  const labelMinor = decades < 2;
  // within a factor of ~4 (e.g. 0.1 … 0.3 GeV) label every minor tick, else 2× and 5×
  const labelAllMinor = hi / lo < 4.5;
  const decadeStep = Math.max(1, Math.ceil(decades / 9));
  for (let e = first; e <= last; e++) {
    for (let k = 1; k <= 9; k++) {
      const value = k * 10 ** e;
      if (value < lo * (1 - eps) || value > hi * (1 + eps)) continue;
      if (k === 1) {
        const labelled = e % decadeStep === 0;
        ticks.push({ value, major: true, label: labelled ? (options.decimal ? numberLabel(value) : powerOfTenLabel(e)) : undefined });
      } else {
        ticks.push({ value, major: false, label: labelAllMinor || (labelMinor && (k === 2 || k === 5)) ? numberLabel(value) : undefined });
      }
    }
  }
  return ticks;
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text with `_x` / `_{xy}` subscripts and `^x` / `^{xy}` superscripts as SVG tspans
 * (e.g. "c_{GG}/f_a [GeV^{-1}]"). `fontSize` sets the shift.
 */
export function richText(text: string, fontSize: number): string {
  const parts: string[] = [];
  let index = 0;
  let shift = 0; // current baseline offset, to restore
  const small = Math.round(fontSize * 0.7);
  const pushPlain = (s: string) => {
    if (s) parts.push(shift !== 0 ? `<tspan dy="${-shift}">${escapeXml(s)}</tspan>` : escapeXml(s));
    shift = 0;
  };
  let plain = '';
  while (index < text.length) {
    const c = text[index];
    if ((c === '_' || c === '^') && index + 1 < text.length) {
      let script: string;
      if (text[index + 1] === '{') {
        const end = text.indexOf('}', index + 2);
        script = text.slice(index + 2, end < 0 ? text.length : end);
        index = end < 0 ? text.length : end + 1;
      } else {
        script = text[index + 1];
        index += 2;
      }
      pushPlain(plain);
      plain = '';
      const dy = c === '_' ? Math.round(fontSize * 0.3) : -Math.round(fontSize * 0.4);
      const restore = shift;
      parts.push(`<tspan dy="${dy - restore}" font-size="${small}">${escapeXml(script.replace(/-/g, '−'))}</tspan>`);
      shift = dy;
      continue;
    }
    plain += c;
    index++;
  }
  pushPlain(plain);
  if (shift !== 0) parts.push(`<tspan dy="${-shift}"></tspan>`);
  return parts.join('');
}

/** Number formatting for SVG coordinates (2 decimals). */
export function px(value: number): string {
  return (Math.round(value * 100) / 100).toString();
}
