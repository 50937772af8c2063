/**
 * SVG plots of the page: axes (log or linear), an optional heat-map raster, filled areas,
 * curves and a legend, as one self-contained SVG string (what the page shows is what "Export SVG"
 * writes, and what "Export PNG" rasterises). Tick placement and axis-title markup come from the
 * CLI's plot helpers (src/plots/exclusion-axes.ts) so page and paper figures read alike.
 */
import { escapeXml, logScale, logTicks, px, richText, type Tick } from '../plots/exclusion-axes.ts';

export type Point = [number, number];

export interface Scale {
  (value: number): number;
  domain: [number, number];
}

export interface AxisSpec {
  domain: [number, number];
  log: boolean;
  label: string;
  /** Decimal tick labels on log axes (masses). */
  decimal?: boolean;
}

export interface HeatLayer {
  /** PNG data URL of the raster, drawn over the whole plot area. */
  href: string;
  /** Legend of the colour scale. */
  colourBar?: { title: string; stops: string[]; ticks: Array<{ fraction: number; label: string }> };
}

export interface AreaLayer {
  /** Polygons [exterior, …holes] in data coordinates; filled even-odd (bands: give both edges' areas). */
  polygons: Point[][][];
  fill: string;
  opacity: number;
  testId?: string;
}

export interface CurveLayer {
  /** Polylines (open) or rings (closed) in data coordinates. */
  lines: Point[][];
  closed?: boolean;
  stroke: string;
  width: number;
  dash?: string;
  testId?: string;
  /** White outline under the curve, so it reads on top of the heat map. */
  halo?: boolean;
  /** Extra attributes, e.g. data-scenario. */
  data?: Record<string, string>;
}

export interface LegendEntry {
  label: string;
  kind: 'area' | 'line' | 'dashed' | 'band';
  colour: string;
}

export interface MarkerLayer {
  points: Array<{ at: Point; label?: string }>;
  colour: string;
}

export interface RectLayer {
  /** Axis-aligned boxes in data coordinates (signal regions), drawn as outlines. */
  boxes: Array<{ x0: number; x1: number; y0: number; y1: number; label?: string }>;
  polygons?: Array<{ points: Point[]; label?: string }>;
  stroke: string;
}

export interface PlotSpec {
  width: number;
  height: number;
  title?: string;
  x: AxisSpec;
  y: AxisSpec;
  heat?: HeatLayer;
  areas?: AreaLayer[];
  curves?: CurveLayer[];
  rects?: RectLayer[];
  markers?: MarkerLayer[];
  /** Horizontal guide lines (e.g. the coupling marker), data y. */
  guides?: Array<{ y?: number; x?: number; colour: string; label?: string; testId?: string }>;
  legend?: LegendEntry[];
  /** Text shown in the plot area when there is nothing to draw. */
  emptyMessage?: string;
  /** Extra line under the title (small). */
  subtitle?: string;
}

export interface PlotGeometry {
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: Scale;
  y: Scale;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

function linearScale(domain: [number, number], range: [number, number]): Scale {
  const [d0, d1] = domain;
  const scale = ((value: number) => range[0] + ((value - d0) / (d1 - d0)) * (range[1] - range[0])) as Scale;
  scale.domain = domain;
  return scale;
}

function makeScale(axis: AxisSpec, range: [number, number]): Scale {
  if (axis.log) {
    const scale = logScale(axis.domain, range) as unknown as Scale;
    scale.domain = axis.domain;
    return scale;
  }
  return linearScale(axis.domain, range);
}

/** Ticks of a linear axis at 1, 2 or 5 × 10^k spacing, about 6 labelled. */
function linearTicks(domain: [number, number]): Tick[] {
  const [lo, hi] = domain;
  const raw = (hi - lo) / 6;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((k) => k * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const ticks: Tick[] = [];
  for (let value = Math.ceil(lo / step) * step; value <= hi + step * 1e-9; value += step) {
    const rounded = Number(value.toPrecision(12));
    ticks.push({ value: rounded, major: true, label: String(Number(rounded.toPrecision(6))) });
  }
  return ticks;
}

export function plotGeometry(spec: PlotSpec): PlotGeometry {
  const left = 92;
  const right = spec.width - (spec.heat?.colourBar ? 92 : 20);
  const top = spec.title ? (spec.subtitle ? 62 : 44) : 16;
  const bottom = spec.height - 64;
  return { left, right, top, bottom, x: makeScale(spec.x, [left, right]), y: makeScale(spec.y, [bottom, top]) };
}

function pathOf(lines: Point[][], g: PlotGeometry, closed: boolean): string {
  return lines
    .filter((line) => line.length >= 2)
    .map((line) => `M${line.map(([a, b]) => `${px(g.x(a))},${px(g.y(b))}`).join('L')}${closed ? 'Z' : ''}`)
    .join('');
}

function attributes(data: Record<string, string> | undefined): string {
  if (!data) return '';
  return Object.entries(data).map(([key, value]) => ` ${key}="${escapeXml(value)}"`).join('');
}

/** The plot as an SVG document string. */
export function plotSvg(spec: PlotSpec): string {
  const g = plotGeometry(spec);
  const { left, right, top, bottom } = g;
  const out: string[] = [];
  const clipId = `clip-${Math.random().toString(36).slice(2, 9)}`;
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${spec.width}" height="${spec.height}" viewBox="0 0 ${spec.width} ${spec.height}" font-family="${FONT}">`);
  out.push(`<rect width="${spec.width}" height="${spec.height}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="${clipId}"><rect x="${left}" y="${top}" width="${px(right - left)}" height="${px(bottom - top)}"/></clipPath></defs>`);
  if (spec.title) out.push(`<text x="${px((left + right) / 2)}" y="26" font-size="17" text-anchor="middle" font-weight="600">${richText(spec.title, 17)}</text>`);
  if (spec.subtitle) out.push(`<text x="${px((left + right) / 2)}" y="47" font-size="13" fill="#555" text-anchor="middle">${richText(spec.subtitle, 13)}</text>`);

  const xTicks = spec.x.log ? logTicks(spec.x.domain, { decimal: spec.x.decimal }) : linearTicks(spec.x.domain);
  const yTicks = spec.y.log ? logTicks(spec.y.domain) : linearTicks(spec.y.domain);
  const grid: string[] = [];
  const ticks: string[] = [];
  const labels: string[] = [];
  for (const tick of xTicks) {
    const X = px(g.x(tick.value));
    if (tick.major) grid.push(`M${X},${top}V${bottom}`);
    const length = tick.major ? 7 : 4;
    ticks.push(`M${X},${bottom}v${-length}M${X},${top}v${length}`);
    if (tick.label) labels.push(`<text x="${X}" y="${bottom + 20}" font-size="13" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of yTicks) {
    const Y = px(g.y(tick.value));
    if (tick.major) grid.push(`M${left},${Y}H${right}`);
    const length = tick.major ? 7 : 4;
    ticks.push(`M${left},${Y}h${length}M${right},${Y}h${-length}`);
    if (tick.label) labels.push(`<text x="${left - 8}" y="${px(g.y(tick.value) + 4.5)}" font-size="13" text-anchor="end">${escapeXml(tick.label)}</text>`);
  }

  out.push(`<g clip-path="url(#${clipId})">`);
  if (spec.heat) {
    out.push(`<image data-testid="heatmap" x="${left}" y="${top}" width="${px(right - left)}" height="${px(bottom - top)}" preserveAspectRatio="none" href="${spec.heat.href}" xlink:href="${spec.heat.href}" style="image-rendering:pixelated"/>`);
  }
  out.push(`<path d="${grid.join('')}" stroke="${spec.heat ? '#ffffff' : '#e4e4e4'}" stroke-opacity="${spec.heat ? 0.35 : 1}" stroke-width="1" fill="none"/>`);
  for (const area of spec.areas ?? []) {
    const d = area.polygons.map((polygon) => pathOf(polygon, g, true)).join('');
    if (d) out.push(`<path${area.testId ? ` data-testid="${area.testId}"` : ''} d="${d}" fill="${area.fill}" fill-opacity="${area.opacity}" fill-rule="evenodd" stroke="none"/>`);
  }
  for (const layer of spec.rects ?? []) {
    for (const box of layer.boxes) {
      const x0 = Math.max(g.x(box.x0), left - 2);
      const x1 = Math.min(g.x(box.x1), right + 2);
      const y0 = Math.min(g.y(box.y0), bottom + 2);
      const y1 = Math.max(g.y(box.y1), top - 2);
      out.push(`<rect x="${px(x0)}" y="${px(y1)}" width="${px(x1 - x0)}" height="${px(y0 - y1)}" fill="none" stroke="${layer.stroke}" stroke-width="2" stroke-dasharray="6 3"/>`);
      if (box.label) out.push(`<text x="${px(x0 + 6)}" y="${px(y1 + 16)}" font-size="12" fill="${layer.stroke}">${escapeXml(box.label)}</text>`);
    }
    for (const polygon of layer.polygons ?? []) {
      const d = pathOf([polygon.points], g, true);
      out.push(`<path d="${d}" fill="none" stroke="${layer.stroke}" stroke-width="2" stroke-dasharray="6 3"/>`);
      if (polygon.label && polygon.points.length > 0) {
        const [a, b] = polygon.points[0];
        out.push(`<text x="${px(g.x(a) + 6)}" y="${px(g.y(b) - 6)}" font-size="12" fill="${layer.stroke}">${escapeXml(polygon.label)}</text>`);
      }
    }
  }
  for (const curve of spec.curves ?? []) {
    const d = pathOf(curve.lines, g, curve.closed ?? false);
    if (!d) continue;
    if (curve.halo) out.push(`<path d="${d}" fill="none" stroke="#ffffff" stroke-opacity="0.85" stroke-width="${curve.width + 3}"${curve.dash ? ` stroke-dasharray="${curve.dash}"` : ''} stroke-linejoin="round" stroke-linecap="round"/>`);
    out.push(`<path${curve.testId ? ` data-testid="${curve.testId}"` : ''}${attributes(curve.data)} d="${d}" fill="none" stroke="${curve.stroke}" stroke-width="${curve.width}"${curve.dash ? ` stroke-dasharray="${curve.dash}"` : ''} stroke-linejoin="round" stroke-linecap="round"/>`);
  }
  for (const guide of spec.guides ?? []) {
    const testId = guide.testId ? ` data-testid="${guide.testId}"` : '';
    if (guide.y !== undefined && guide.y >= spec.y.domain[0] && guide.y <= spec.y.domain[1]) {
      const Y = px(g.y(guide.y));
      out.push(`<path${testId} d="M${left},${Y}H${right}" stroke="${guide.colour}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
      if (guide.label) out.push(`<text x="${px(right - 8)}" y="${px(g.y(guide.y) - 6)}" font-size="12" text-anchor="end" fill="${guide.colour}" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">${richText(guide.label, 12)}</text>`);
    }
    if (guide.x !== undefined && guide.x >= spec.x.domain[0] && guide.x <= spec.x.domain[1]) {
      const X = px(g.x(guide.x));
      out.push(`<path${testId} d="M${X},${top}V${bottom}" stroke="${guide.colour}" stroke-width="1.5" stroke-dasharray="2 3"/>`);
      if (guide.label) out.push(`<text x="${px(g.x(guide.x) + 5)}" y="${px(top + 14)}" font-size="12" fill="${guide.colour}">${richText(guide.label, 12)}</text>`);
    }
  }
  for (const layer of spec.markers ?? []) {
    for (const point of layer.points) {
      const X = g.x(point.at[0]);
      const Y = g.y(point.at[1]);
      out.push(`<circle cx="${px(X)}" cy="${px(Y)}" r="5" fill="none" stroke="${layer.colour}" stroke-width="2"/>`);
      if (point.label) out.push(`<text x="${px(X + 8)}" y="${px(Y - 8)}" font-size="12" fill="${layer.colour}">${richText(point.label, 12)}</text>`);
    }
  }
  if (spec.emptyMessage) {
    out.push(`<text x="${px((left + right) / 2)}" y="${px((top + bottom) / 2)}" font-size="15" fill="#666" text-anchor="middle">${escapeXml(spec.emptyMessage)}</text>`);
  }
  out.push('</g>');

  out.push(`<path d="${ticks.join('')}" stroke="#222" stroke-width="1" fill="none"/>`);
  out.push(`<rect x="${left}" y="${top}" width="${px(right - left)}" height="${px(bottom - top)}" fill="none" stroke="#222" stroke-width="1.2"/>`);
  out.push(...labels);
  out.push(`<text x="${px((left + right) / 2)}" y="${spec.height - 18}" font-size="15" text-anchor="middle">${richText(spec.x.label, 15)}</text>`);
  out.push(`<text x="0" y="0" transform="translate(24,${px((top + bottom) / 2)}) rotate(-90)" font-size="15" text-anchor="middle">${richText(spec.y.label, 15)}</text>`);

  const bar = spec.heat?.colourBar;
  if (bar) {
    const barX = right + 18;
    const barWidth = 14;
    const gradientId = `${clipId}-bar`;
    const stops = bar.stops.map((colour, i) => `<stop offset="${px((100 * i) / (bar.stops.length - 1))}%" stop-color="${colour}"/>`).join('');
    out.push(`<defs><linearGradient id="${gradientId}" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient></defs>`);
    out.push(`<rect x="${barX}" y="${top}" width="${barWidth}" height="${px(bottom - top)}" fill="url(#${gradientId})" stroke="#222" stroke-width="0.8"/>`);
    for (const tick of bar.ticks) {
      const Y = bottom - tick.fraction * (bottom - top);
      out.push(`<path d="M${barX + barWidth},${px(Y)}h4" stroke="#222"/><text x="${barX + barWidth + 6}" y="${px(Y + 4)}" font-size="11">${escapeXml(tick.label)}</text>`);
    }
    out.push(`<text x="0" y="0" transform="translate(${spec.width - 8},${px((top + bottom) / 2)}) rotate(-90)" font-size="13" text-anchor="middle">${richText(bar.title, 13)}</text>`);
  }

  const legend = spec.legend ?? [];
  if (legend.length > 0) {
    const rowHeight = 20;
    const legendWidth = Math.min(right - left - 20, 46 + 7.2 * Math.max(...legend.map((entry) => entry.label.length)));
    const legendX = right - legendWidth - 10;
    const legendY = top + 10;
    out.push(`<g font-size="13"><rect x="${px(legendX)}" y="${legendY}" width="${px(legendWidth)}" height="${legend.length * rowHeight + 10}" rx="3" fill="#ffffff" fill-opacity="0.92" stroke="#999" stroke-width="0.8"/>`);
    legend.forEach((entry, row) => {
      const y = legendY + 6 + row * rowHeight;
      if (entry.kind === 'area' || entry.kind === 'band') {
        out.push(`<rect x="${px(legendX + 8)}" y="${px(y + 3)}" width="26" height="12" fill="${entry.colour}" fill-opacity="${entry.kind === 'band' ? 0.35 : 0.18}" stroke="${entry.kind === 'area' ? entry.colour : 'none'}" stroke-width="2"/>`);
      } else {
        out.push(`<path d="M${px(legendX + 8)},${px(y + 9)}h26" stroke="${entry.colour}" stroke-width="2.5"${entry.kind === 'dashed' ? ' stroke-dasharray="5 3"' : ''}/>`);
      }
      out.push(`<text x="${px(legendX + 40)}" y="${px(y + 14)}">${richText(entry.label, 13)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}

/** Data coordinates of a pixel position inside the plot area, or null outside it. */
export function invertPosition(spec: PlotSpec, pixelX: number, pixelY: number): Point | null {
  const g = plotGeometry(spec);
  if (pixelX < g.left || pixelX > g.right || pixelY < g.top || pixelY > g.bottom) return null;
  const invert = (axis: AxisSpec, value: number, r0: number, r1: number) => {
    const t = (value - r0) / (r1 - r0);
    const [d0, d1] = axis.domain;
    return axis.log ? Math.exp(Math.log(d0) + t * (Math.log(d1) - Math.log(d0))) : d0 + t * (d1 - d0);
  };
  return [invert(spec.x, pixelX, g.left, g.right), invert(spec.y, pixelY, g.bottom, g.top)];
}
