/**
 * The one figure renderer: a plain-data description of a plot (two axes, layers, legend, colour
 * bar, texts) → an SVG document string. Browser-safe (no node: imports, no DOM); every figure of
 * the project goes through it: the CLI exclusion and coupling-plane plots (exclusion.ts), the
 * signal heat map (heatmap.ts), the model-independent figure (model-independent.ts) and the web
 * app's plots (src/web/plot.ts), so frame, ticks, legend and paths look and behave alike.
 *
 * Axes are d3-scale scales (log or linear); linear ticks are d3's 1-2-5 ticks, log ticks are the
 * decade/minor ticks of exclusion-axes.ts (logTicks). Paths are d3-shape lines (2 decimals).
 *
 * Drawing order: plot-area background, raster layers (`cells`, `image`), grid, the other layers in
 * the order given (clipped to the plot area), empty-plot message, ticks, frame, tick labels, axis
 * titles, colour bar, legend, footnotes.
 *
 * Text: every text field is rich text — `_x`, `_{xy}` subscripts and `^x`, `^{xy}` superscripts
 * (see richText) — unless given as `{ plain: '…' }`, which is written as is (escaped).
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { curveLinearClosed, line as d3Line } from 'd3-shape';
import { escapeXml, logTicks, px, richText, type Tick } from './exclusion-axes.ts';

export type Point = [number, number];

/** Rich text (`_{sub}`, `^{sup}`) or `{ plain }` text written verbatim. */
export type FigureText = string | { plain: string };

export interface FigureAxis {
  scale: 'log' | 'linear';
  /** Data range [low, high] (log axes: 0 < low < high). */
  domain: [number, number];
  label: FigureText;
  /** Log axes: decade labels as plain numbers (0.01, 0.1, 1) instead of powers of ten. */
  decimal?: boolean;
  /** Linear axes: about how many ticks (default 6); d3's 1-2-5 steps. */
  ticks?: number;
}

/** Filled polygons [exterior, …holes] in data coordinates, even–odd; `fill: 'none'` for outlines. */
export interface AreaLayer {
  kind: 'area';
  polygons: Point[][][];
  fill: string;
  opacity?: number;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
  /** The automatic legend placement keeps clear of these polygons. */
  keepClear?: boolean;
  testId?: string;
  data?: Record<string, string>;
}

/** Polylines (or closed rings) in data coordinates; points that do not map are gaps. */
export interface LineLayer {
  kind: 'line';
  lines: Point[][];
  closed?: boolean;
  stroke: string;
  width: number;
  /** stroke-dasharray, e.g. "8 5". */
  dash?: string;
  linecap?: 'butt' | 'round' | 'square';
  opacity?: number;
  /** White outline under the line, so it reads on a heat map. */
  halo?: boolean;
  testId?: string;
  data?: Record<string, string>;
}

/** The area between two curves (e.g. ±1σ bands): upper, then lower reversed, closed. */
export interface BandLayer {
  kind: 'band';
  upper: Point[];
  lower: Point[];
  fill: string;
  opacity?: number;
  testId?: string;
}

/**
 * Heat-map cells on a regular grid of the data axes: x bins [low, high, count], y bins likewise;
 * `colours[ix · yCount + iy]` (null: not drawn, the background shows).
 */
export interface CellsLayer {
  kind: 'cells';
  x: [number, number, number];
  y: [number, number, number];
  colours: Array<string | null>;
  testId?: string;
}

/** An image (e.g. a canvas raster as a data URL) stretched over the whole plot area. */
export interface ImageLayer {
  kind: 'image';
  href: string;
  testId?: string;
}

export interface MarkerLayer {
  kind: 'markers';
  points: Array<{ at: Point; label?: FigureText }>;
  colour: string;
  radius?: number;
}

export interface TextLayer {
  kind: 'text';
  at: Point;
  text: FigureText;
  colour?: string;
  size?: number;
  anchor?: 'start' | 'middle' | 'end';
  bold?: boolean;
  /** White outline behind the glyphs. */
  halo?: boolean;
  /** Pixel offsets from `at`. */
  dx?: number;
  dy?: number;
}

/** A line across the whole plot at x = at (axis 'x') or y = at (axis 'y'); skipped outside the domain. */
export interface RuleLayer {
  kind: 'rule';
  axis: 'x' | 'y';
  at: number;
  colour: string;
  width?: number;
  dash?: string;
  label?: FigureText;
  testId?: string;
}

export type FigureLayer = AreaLayer | LineLayer | BandLayer | CellsLayer | ImageLayer | MarkerLayer | TextLayer | RuleLayer;

export type LegendSwatch =
  | { kind: 'area'; fill: string; opacity: number; stroke?: string; strokeWidth?: number }
  | { kind: 'line'; stroke: string; width: number; dash?: string; linecap?: 'butt' | 'round' | 'square' };

/** One legend row; without a swatch the row is a note (text only). */
export interface LegendEntry {
  label: FigureText;
  swatch?: LegendSwatch;
}

export type LegendPosition = 'auto' | 'top-right' | 'top-left' | 'bottom-right' | 'bottom-left' | 'below';

export interface FigureLegend {
  entries: LegendEntry[];
  /**
   * 'auto': the plot corner that hides the least of the `keepClear` areas and fewest of their
   * vertices, or below the plot (the figure grows) when every corner would hide some. 'below':
   * under the axis title, full plot width (the figure grows). Default 'top-right'.
   */
  position?: LegendPosition;
}

export interface ColourBar {
  title: FigureText;
  /** Colours from the bottom to the top of the bar, evenly spaced. */
  stops: string[];
  /** Labelled ticks at fractions 0 (bottom) … 1 (top) of the bar. */
  ticks: Array<{ fraction: number; label: FigureText }>;
  /** A swatch under the bar for values below the scale. */
  under?: { colour: string; label: FigureText };
}

export interface FigureMargin {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export interface Figure {
  width: number;
  /** Height without a legend below the plot (that one adds its own height). */
  height: number;
  /** 'paper' (CLI figures, ≥ 8 pt printed 12 cm wide) or 'screen' (the web page). Default 'paper'. */
  style?: 'paper' | 'screen';
  title?: FigureText;
  /** Lines under the title (wrapped to the plot width). */
  subtitle?: FigureText[];
  x: FigureAxis;
  y: FigureAxis;
  layers: FigureLayer[];
  legend?: FigureLegend;
  colourBar?: ColourBar;
  /** Small lines under the x-axis title (wrapped to the plot width). */
  footnotes?: FigureText[];
  /** Text in the middle of the plot area (nothing to draw yet). */
  emptyMessage?: FigureText;
  /** Plot-area background (default none: the white page). */
  background?: string;
  /** Grid at the major ticks, under the data: colour and opacity, or false (default light grey). */
  grid?: { colour: string; opacity?: number } | false;
  /** Ticks inside the frame on all four sides (default) or outside on the bottom and left. */
  tickDirection?: 'in' | 'out';
  /** Overrides of the computed margins (pixels). */
  margin?: Partial<FigureMargin>;
  /** id of the clip path (unique per page when several figures are inlined). Default 'plot-area'. */
  clipId?: string;
}

/** Sizes of one style. */
interface StyleSizes {
  title: number;
  subtitle: number;
  subtitleStep: number;
  titleY: number;
  subtitleY: number;
  axisTitle: number;
  tickLabel: number;
  minorTickLabel: number;
  tickMajor: number;
  tickMinor: number;
  tickStroke: [string, number];
  frameWidth: number;
  xTickLabelOffset: number;
  yTickLabelOffset: [number, number];
  xTitleOffset: number;
  yTitleX: number;
  footnote: number;
  footnoteStep: number;
  legend: number;
  legendRow: number;
  legendSwatch: [number, number];
  legendInset: number;
  barGap: number;
  barWidth: number;
  barTick: number;
  barTitle: number;
  barTitleInset: number;
  small: number;
  margin: { left: number; right: number; rightWithBar: number; topNoTitle: number; topTitle: number; afterSubtitle: number; bottom: number };
}

const STYLES: Record<'paper' | 'screen', StyleSizes> = {
  paper: {
    title: 20,
    subtitle: 15,
    subtitleStep: 19,
    titleY: 32,
    subtitleY: 54,
    axisTitle: 20,
    tickLabel: 18,
    minorTickLabel: 16,
    tickMajor: 9,
    tickMinor: 5,
    tickStroke: ['#000', 1.2],
    frameWidth: 1.5,
    xTickLabelOffset: 26,
    yTickLabelOffset: [10, 6],
    xTitleOffset: 58,
    yTitleX: 28,
    footnote: 13,
    footnoteStep: 18,
    legend: 17,
    legendRow: 26,
    legendSwatch: [34, 16],
    legendInset: 12,
    barGap: 30,
    barWidth: 22,
    barTick: 14,
    barTitle: 15,
    barTitleInset: 36,
    small: 14,
    margin: { left: 100, right: 24, rightWithBar: 150, topNoTitle: 24, topTitle: 52, afterSubtitle: 18, bottom: 78 },
  },
  screen: {
    title: 17,
    subtitle: 13,
    subtitleStep: 16,
    titleY: 26,
    subtitleY: 47,
    axisTitle: 15,
    tickLabel: 13,
    minorTickLabel: 13,
    tickMajor: 7,
    tickMinor: 4,
    tickStroke: ['#222', 1],
    frameWidth: 1.2,
    xTickLabelOffset: 20,
    yTickLabelOffset: [8, 4.5],
    xTitleOffset: 46,
    yTitleX: 24,
    footnote: 12,
    footnoteStep: 16,
    legend: 13,
    legendRow: 20,
    legendSwatch: [26, 12],
    legendInset: 10,
    barGap: 18,
    barWidth: 14,
    barTick: 11,
    barTitle: 13,
    barTitleInset: 8,
    small: 12,
    margin: { left: 92, right: 20, rightWithBar: 92, topNoTitle: 16, topTitle: 44, afterSubtitle: 15, bottom: 64 },
  },
};

const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** A data → pixel map with its inverse. */
export interface AxisScale {
  (value: number): number;
  invert(pixel: number): number;
  domain: [number, number];
  range: [number, number];
}

export function axisScale(axis: FigureAxis, range: [number, number]): AxisScale {
  const [d0, d1] = axis.domain;
  if (axis.scale === 'log' && !(d0 > 0 && d1 > d0 && Number.isFinite(d1))) throw new RangeError(`log axis needs 0 < low < high (got [${d0}, ${d1}])`);
  if (axis.scale === 'linear' && !(Number.isFinite(d0) && Number.isFinite(d1) && d1 !== d0))
    throw new RangeError(`linear axis needs a finite, non-empty domain (got [${d0}, ${d1}])`);
  const d3 = axis.scale === 'log' ? scaleLog().domain(axis.domain).range(range) : scaleLinear().domain(axis.domain).range(range);
  const scale = ((value: number) => d3(value)) as AxisScale;
  scale.invert = (pixel: number) => d3.invert(pixel);
  scale.domain = axis.domain;
  scale.range = range;
  return scale;
}

/** Ticks of a linear axis: d3's "nice" 1, 2 or 5 × 10^k steps, about `count` of them, all labelled. */
export function linearAxisTicks(domain: [number, number], count = 6): Tick[] {
  const [lo, hi] = domain[0] <= domain[1] ? domain : [domain[1], domain[0]];
  return scaleLinear()
    .domain([lo, hi])
    .ticks(count)
    .map((value) => {
      const rounded = Number(value.toPrecision(12));
      return { value: rounded, major: true, label: String(Number(rounded.toPrecision(6))) };
    });
}

export function axisTicks(axis: FigureAxis): Tick[] {
  return axis.scale === 'log' ? logTicks(axis.domain, { decimal: axis.decimal }) : linearAxisTicks(axis.domain, axis.ticks);
}

/** Splits text at spaces so that each line fits `widthPx` (DejaVu Sans averages about 0.5 em per glyph). */
export function wrapText(text: string, widthPx: number, fontSize: number): string[] {
  const maxChars = Math.max(10, Math.floor(widthPx / (0.52 * fontSize)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > maxChars) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function wrapFigureText(text: FigureText, widthPx: number, fontSize: number): FigureText[] {
  if (typeof text === 'string') return wrapText(text, widthPx, fontSize);
  return wrapText(text.plain, widthPx, fontSize).map((plain) => ({ plain }));
}

/** SVG markup of a text field at `fontSize`. */
export function textMarkup(text: FigureText, fontSize: number): string {
  return typeof text === 'string' ? richText(text, fontSize) : escapeXml(text.plain);
}

function textLength(text: FigureText): number {
  return (typeof text === 'string' ? text.replace(/[_^]\{([^}]*)\}/g, '$1').replace(/[_^](.)/g, '$1') : text.plain).length;
}

export interface FigureGeometry {
  width: number;
  /** Total height, a legend below the plot included. */
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  x: AxisScale;
  y: AxisScale;
  subtitle: FigureText[];
  footnotes: FigureText[];
}

function sizes(figure: Figure): StyleSizes {
  return STYLES[figure.style ?? 'paper'];
}

/** Plot area and scales of a figure (without the legend, which may grow the figure: see figureSvg). */
export function figureGeometry(figure: Figure): FigureGeometry {
  const s = sizes(figure);
  const m = s.margin;
  const left = figure.margin?.left ?? m.left;
  const right = figure.width - (figure.margin?.right ?? (figure.colourBar ? m.rightWithBar : m.right));
  const textWidth = right - left;
  const subtitle = (figure.subtitle ?? []).flatMap((line) => wrapFigureText(line, textWidth, s.subtitle));
  const footnotes = (figure.footnotes ?? []).flatMap((line) => wrapFigureText(line, textWidth, s.footnote));
  const topAuto = !figure.title ? m.topNoTitle : subtitle.length === 0 ? m.topTitle : s.subtitleY + s.subtitleStep * (subtitle.length - 1) + m.afterSubtitle;
  const top = figure.margin?.top ?? topAuto;
  const outward = figure.tickDirection === 'out' ? s.tickMajor : 0;
  const bottomMargin = figure.margin?.bottom ?? m.bottom + outward + (footnotes.length > 0 ? 8 + s.footnoteStep * footnotes.length : 0);
  const bottom = figure.height - bottomMargin;
  return {
    width: figure.width,
    height: figure.height,
    left,
    right,
    top,
    bottom,
    x: axisScale(figure.x, [left, right]),
    y: axisScale(figure.y, [bottom, top]),
    subtitle,
    footnotes,
  };
}

/** Pixel runs of a polyline: points that do not map (≤ 0 on a log axis, NaN) split it. */
function pixelRuns(points: Point[], g: FigureGeometry): Point[][] {
  const runs: Point[][] = [[]];
  for (const [a, b] of points) {
    const x = g.x(a);
    const y = g.y(b);
    if (Number.isFinite(x) && Number.isFinite(y)) runs[runs.length - 1].push([x, y]);
    else if (runs[runs.length - 1].length > 0) runs.push([]);
  }
  return runs.filter((run) => run.length >= 2);
}

/** SVG path data of polylines (or closed rings) in data coordinates, via d3-shape (2 decimals). */
function pathOf(lines: Point[][], g: FigureGeometry, closed: boolean): string {
  const generator = d3Line<Point>().digits(2);
  if (closed) generator.curve(curveLinearClosed);
  return lines
    .flatMap((points) => pixelRuns(points, g))
    .map((run) => generator(run) ?? '')
    .join('');
}

function dataAttributes(testId: string | undefined, data: Record<string, string> | undefined): string {
  const parts: string[] = [];
  if (testId) parts.push(` data-testid="${escapeXml(testId)}"`);
  for (const [key, value] of Object.entries(data ?? {})) parts.push(` ${key}="${escapeXml(value)}"`);
  return parts.join('');
}

const dashAttribute = (dash: string | undefined) => (dash ? ` stroke-dasharray="${dash}"` : '');

function layerMarkup(layer: FigureLayer, g: FigureGeometry, s: StyleSizes): string[] {
  const { left, right, top, bottom } = g;
  switch (layer.kind) {
    case 'cells': {
      const [xLo, xHi, nx] = layer.x;
      const [yLo, yHi, ny] = layer.y;
      if (layer.colours.length !== nx * ny) throw new RangeError(`cells layer needs ${nx * ny} colours (got ${layer.colours.length})`);
      const xEdge = Array.from({ length: nx + 1 }, (_, i) => g.x(xLo + (i / nx) * (xHi - xLo)));
      const yEdge = Array.from({ length: ny + 1 }, (_, j) => g.y(yLo + (j / ny) * (yHi - yLo)));
      const cells: string[] = [];
      for (let ix = 0; ix < nx; ix++) {
        for (let iy = 0; iy < ny; iy++) {
          const colour = layer.colours[ix * ny + iy];
          if (!colour) continue;
          const x0 = Math.min(xEdge[ix], xEdge[ix + 1]);
          const y0 = Math.min(yEdge[iy], yEdge[iy + 1]);
          // Slight overlap hides anti-aliasing seams between neighbouring cells.
          cells.push(
            `<rect x="${px(x0)}" y="${px(y0)}" width="${px(Math.abs(xEdge[ix + 1] - xEdge[ix]) + 0.4)}" height="${px(Math.abs(yEdge[iy + 1] - yEdge[iy]) + 0.4)}" fill="${colour}"/>`,
          );
        }
      }
      return [`<g${dataAttributes(layer.testId, undefined)} shape-rendering="crispEdges">${cells.join('')}</g>`];
    }
    case 'image':
      return [
        `<image${dataAttributes(layer.testId, undefined)} x="${px(left)}" y="${px(top)}" width="${px(right - left)}" height="${px(bottom - top)}" preserveAspectRatio="none" href="${layer.href}" xlink:href="${layer.href}" style="image-rendering:pixelated"/>`,
      ];
    case 'area': {
      const d = layer.polygons.map((polygon) => pathOf(polygon, g, true)).join('');
      if (!d) return [];
      const stroke = layer.stroke
        ? ` stroke="${layer.stroke}" stroke-width="${layer.strokeWidth ?? 1}"${dashAttribute(layer.dash)} stroke-linejoin="round"`
        : ' stroke="none"';
      const opacity = layer.fill !== 'none' && layer.opacity !== undefined ? ` fill-opacity="${layer.opacity}"` : '';
      return [`<path${dataAttributes(layer.testId, layer.data)} d="${d}" fill="${layer.fill}"${opacity} fill-rule="evenodd"${stroke}/>`];
    }
    case 'band': {
      if (layer.upper.length < 2 || layer.lower.length < 2) return [];
      const d = pathOf([[...layer.upper, ...[...layer.lower].reverse()]], g, true);
      return d
        ? [
            `<path${dataAttributes(layer.testId, undefined)} d="${d}" fill="${layer.fill}" fill-opacity="${layer.opacity ?? 1}" fill-rule="evenodd" stroke="none"/>`,
          ]
        : [];
    }
    case 'line': {
      const d = pathOf(layer.lines, g, layer.closed ?? false);
      if (!d) return [];
      const cap = layer.linecap ?? 'round';
      const opacity = layer.opacity !== undefined ? ` opacity="${layer.opacity}"` : '';
      const out: string[] = [];
      if (layer.halo)
        out.push(
          `<path d="${d}" fill="none" stroke="#ffffff" stroke-opacity="0.85" stroke-width="${layer.width + 3}"${dashAttribute(layer.dash)} stroke-linejoin="round" stroke-linecap="${cap}"/>`,
        );
      out.push(
        `<path${dataAttributes(layer.testId, layer.data)} d="${d}" fill="none" stroke="${layer.stroke}" stroke-width="${layer.width}" stroke-linejoin="round" stroke-linecap="${cap}"${dashAttribute(layer.dash)}${opacity}/>`,
      );
      return out;
    }
    case 'rule': {
      const axis = layer.axis === 'x' ? g.x : g.y;
      const [lo, hi] = axis.domain[0] <= axis.domain[1] ? axis.domain : [axis.domain[1], axis.domain[0]];
      if (!(layer.at >= lo && layer.at <= hi)) return [];
      const at = axis(layer.at);
      const d = layer.axis === 'y' ? `M${px(left)},${px(at)}H${px(right)}` : `M${px(at)},${px(top)}V${px(bottom)}`;
      const out = [
        `<path${dataAttributes(layer.testId, undefined)} d="${d}" stroke="${layer.colour}" stroke-width="${layer.width ?? 1.5}"${dashAttribute(layer.dash ?? '2 3')}/>`,
      ];
      if (layer.label) {
        out.push(
          layer.axis === 'y'
            ? `<text x="${px(right - 8)}" y="${px(at - 6)}" font-size="${s.small}" text-anchor="end" fill="${layer.colour}" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">${textMarkup(layer.label, s.small)}</text>`
            : `<text x="${px(at + 5)}" y="${px(top + 14)}" font-size="${s.small}" fill="${layer.colour}" stroke="#ffffff" stroke-width="3" stroke-opacity="0.85" paint-order="stroke">${textMarkup(layer.label, s.small)}</text>`,
        );
      }
      return out;
    }
    case 'markers':
      return layer.points.flatMap((point) => {
        const X = g.x(point.at[0]);
        const Y = g.y(point.at[1]);
        if (!Number.isFinite(X) || !Number.isFinite(Y)) return [];
        const out = [`<circle cx="${px(X)}" cy="${px(Y)}" r="${layer.radius ?? 5}" fill="none" stroke="${layer.colour}" stroke-width="2"/>`];
        if (point.label)
          out.push(`<text x="${px(X + 8)}" y="${px(Y - 8)}" font-size="${s.small}" fill="${layer.colour}">${textMarkup(point.label, s.small)}</text>`);
        return out;
      });
    case 'text': {
      const X = g.x(layer.at[0]) + (layer.dx ?? 0);
      const Y = g.y(layer.at[1]) + (layer.dy ?? 0);
      if (!Number.isFinite(X) || !Number.isFinite(Y)) return [];
      const size = layer.size ?? s.small;
      const anchor = layer.anchor && layer.anchor !== 'start' ? ` text-anchor="${layer.anchor}"` : '';
      const bold = layer.bold ? ' font-weight="bold"' : '';
      const halo = layer.halo ? ' stroke="#ffffff" stroke-width="3" paint-order="stroke"' : '';
      return [
        `<text x="${px(X)}" y="${px(Y)}" font-size="${size}"${anchor}${bold} fill="${layer.colour ?? '#000'}"${halo}>${textMarkup(layer.text, size)}</text>`,
      ];
    }
  }
}

/** Even–odd point-in-polygon over rings in pixel coordinates. */
function insideRings(rings: Point[][], x0: number, y0: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > y0 !== yj > y0 && x0 < ((xj - xi) * (y0 - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

interface LegendBox {
  x: number;
  y: number;
  width: number;
  height: number;
  below: boolean;
}

function placeLegend(figure: Figure, legend: FigureLegend, g: FigureGeometry, s: StyleSizes): LegendBox {
  const { left, right, top, bottom } = g;
  const [swatchWidth] = s.legendSwatch;
  const content = Math.max(...legend.entries.map((entry) => (entry.swatch ? swatchWidth + 10 : 0) + 0.56 * s.legend * textLength(entry.label)));
  const position = legend.position ?? 'top-right';
  const height = legend.entries.length * s.legendRow + 12;
  const belowY = figure.height + 2;
  if (position === 'below') return { x: left, y: belowY, width: right - left, height, below: true };
  const width = Math.min(right - left - 20, 2 * s.legendInset + content);
  const inset = s.legendInset;
  const corners: Record<Exclude<LegendPosition, 'auto' | 'below'>, Point> = {
    'top-right': [right - width - inset, top + inset],
    'top-left': [left + inset, top + inset],
    'bottom-right': [right - width - inset, bottom - height - inset],
    'bottom-left': [left + inset, bottom - height - inset],
  };
  if (position !== 'auto') {
    const [x, y] = corners[position];
    return { x, y, width, height, below: false };
  }
  const ringsPx = figure.layers
    .filter((layer): layer is AreaLayer => layer.kind === 'area' && layer.keepClear === true)
    .map((layer) => layer.polygons.flat(1).map((ring) => ring.map(([a, b]) => [g.x(a), g.y(b)] as Point)));
  const vertices = ringsPx.flat(2);
  const score = ([cx, cy]: Point) => {
    let hidden = 0;
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 6; j++) {
        const sx = cx + ((i + 0.5) / 12) * width;
        const sy = cy + ((j + 0.5) / 6) * height;
        if (ringsPx.some((rings) => insideRings(rings, sx, sy))) hidden++;
      }
    }
    const covered = vertices.reduce((count, [vx, vy]) => count + (vx >= cx && vx <= cx + width && vy >= cy && vy <= cy + height ? 1 : 0), 0);
    return { area: hidden / 72, covered };
  };
  let best = corners['top-right'];
  let bestScore = { area: Infinity, covered: Infinity };
  for (const corner of [corners['top-right'], corners['top-left'], corners['bottom-right'], corners['bottom-left']]) {
    const value = score(corner);
    if (value.area + value.covered / 50 < bestScore.area + bestScore.covered / 50) {
      best = corner;
      bestScore = value;
    }
  }
  if (bestScore.area > 0.04 || bestScore.covered > 3) return { x: left, y: belowY, width, height, below: true };
  return { x: best[0], y: best[1], width, height, below: false };
}

function swatchMarkup(swatch: LegendSwatch, x: number, rowTop: number, s: StyleSizes): string {
  const [w, h] = s.legendSwatch;
  const y = rowTop + (s.legendRow - h) / 2;
  if (swatch.kind === 'area') {
    const stroke = swatch.stroke ? ` stroke="${swatch.stroke}" stroke-width="${swatch.strokeWidth ?? 2}"` : '';
    return `<rect x="${px(x)}" y="${px(y)}" width="${w}" height="${h}" fill="${swatch.fill}" fill-opacity="${swatch.opacity}"${stroke}/>`;
  }
  const cap = swatch.linecap ? ` stroke-linecap="${swatch.linecap}"` : '';
  return `<path d="M${px(x)},${px(rowTop + s.legendRow / 2)}h${w}" stroke="${swatch.stroke}" stroke-width="${swatch.width}"${dashAttribute(swatch.dash)}${cap}/>`;
}

function legendMarkup(legend: FigureLegend, box: LegendBox, s: StyleSizes): string {
  const out = [`<g font-size="${s.legend}" data-legend="${box.below ? 'below' : 'inside'}">`];
  out.push(
    `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.width)}" height="${px(box.height)}" rx="3" fill="#ffffff" fill-opacity="0.9" stroke="#888" stroke-width="1"/>`,
  );
  const [swatchWidth] = s.legendSwatch;
  legend.entries.forEach((entry, row) => {
    const rowTop = box.y + 6 + row * s.legendRow;
    const baseline = rowTop + s.legendRow / 2 + 0.36 * s.legend;
    const swatchX = box.x + s.legendInset;
    const textX = entry.swatch ? swatchX + swatchWidth + 10 : swatchX;
    out.push(
      `<g data-legend-entry="${row}">${entry.swatch ? swatchMarkup(entry.swatch, swatchX, rowTop, s) : ''}<text x="${px(textX)}" y="${px(baseline)}">${textMarkup(entry.label, s.legend)}</text></g>`,
    );
  });
  out.push('</g>');
  return out.join('');
}

/** The figure as an SVG document string. */
export function figureSvg(figure: Figure): string {
  const s = sizes(figure);
  const g = figureGeometry(figure);
  const { left, right, top, bottom, width } = g;
  const legend = figure.legend && figure.legend.entries.length > 0 ? figure.legend : undefined;
  const legendBox = legend ? placeLegend(figure, legend, g, s) : undefined;
  const height = legendBox?.below ? figure.height + legendBox.height + 10 : figure.height;
  const clipId = figure.clipId ?? 'plot-area';
  const plotWidth = px(right - left);
  const plotHeight = px(bottom - top);
  const hasImage = figure.layers.some((layer) => layer.kind === 'image');
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg"${hasImage ? ' xmlns:xlink="http://www.w3.org/1999/xlink"' : ''} width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
  );
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="${clipId}"><rect x="${px(left)}" y="${px(top)}" width="${plotWidth}" height="${plotHeight}"/></clipPath></defs>`);
  const centre = px((left + right) / 2);
  if (figure.title)
    out.push(`<text x="${centre}" y="${s.titleY}" font-size="${s.title}" text-anchor="middle" font-weight="bold">${textMarkup(figure.title, s.title)}</text>`);
  g.subtitle.forEach((line, index) => {
    out.push(
      `<text x="${centre}" y="${s.subtitleY + s.subtitleStep * index}" font-size="${s.subtitle}" fill="#444" text-anchor="middle">${textMarkup(line, s.subtitle)}</text>`,
    );
  });
  if (figure.background) out.push(`<rect x="${px(left)}" y="${px(top)}" width="${plotWidth}" height="${plotHeight}" fill="${figure.background}"/>`);

  // ticks and grid
  const tickDirection = figure.tickDirection ?? 'in';
  const grid: string[] = [];
  const ticks: string[] = [];
  const labels: string[] = [];
  const outward = tickDirection === 'out' ? s.tickMajor : 0;
  for (const tick of axisTicks(figure.x)) {
    const at = g.x(tick.value);
    if (!Number.isFinite(at)) continue;
    const X = px(at);
    const length = tick.major ? s.tickMajor : s.tickMinor;
    if (tick.major) grid.push(`M${X},${px(top)}V${px(bottom)}`);
    ticks.push(tickDirection === 'in' ? `M${X},${px(bottom)}v${-length}M${X},${px(top)}v${length}` : `M${X},${px(bottom)}v${length}`);
    if (tick.label)
      labels.push(
        `<text x="${X}" y="${px(bottom + s.xTickLabelOffset + outward)}" font-size="${tick.major ? s.tickLabel : s.minorTickLabel}" text-anchor="middle">${escapeXml(tick.label)}</text>`,
      );
  }
  for (const tick of axisTicks(figure.y)) {
    const at = g.y(tick.value);
    if (!Number.isFinite(at)) continue;
    const Y = px(at);
    const length = tick.major ? s.tickMajor : s.tickMinor;
    if (tick.major) grid.push(`M${px(left)},${Y}H${px(right)}`);
    ticks.push(tickDirection === 'in' ? `M${px(left)},${Y}h${length}M${px(right)},${Y}h${-length}` : `M${px(left)},${Y}h${-length}`);
    if (tick.label)
      labels.push(
        `<text x="${px(left - s.yTickLabelOffset[0] - outward)}" y="${px(at + s.yTickLabelOffset[1])}" font-size="${tick.major ? s.tickLabel : s.minorTickLabel}" text-anchor="end">${escapeXml(tick.label)}</text>`,
      );
  }

  // data: rasters, grid, the rest in order
  out.push(`<g clip-path="url(#${clipId})">`);
  const rasters = figure.layers.filter((layer) => layer.kind === 'cells' || layer.kind === 'image');
  for (const layer of rasters) out.push(...layerMarkup(layer, g, s));
  if (figure.grid !== false && grid.length > 0) {
    const gridStyle = figure.grid ?? { colour: '#e3e3e3' };
    out.push(
      `<path d="${grid.join('')}" stroke="${gridStyle.colour}"${gridStyle.opacity !== undefined ? ` stroke-opacity="${gridStyle.opacity}"` : ''} stroke-width="1" fill="none"/>`,
    );
  }
  for (const layer of figure.layers) if (layer.kind !== 'cells' && layer.kind !== 'image') out.push(...layerMarkup(layer, g, s));
  if (figure.emptyMessage)
    out.push(
      `<text x="${centre}" y="${px((top + bottom) / 2)}" font-size="${s.axisTitle}" fill="#666" text-anchor="middle">${textMarkup(figure.emptyMessage, s.axisTitle)}</text>`,
    );
  out.push('</g>');

  // frame, ticks, labels
  const [tickColour, tickWidth] = s.tickStroke;
  out.push(`<path d="${ticks.join('')}" stroke="${tickColour}" stroke-width="${tickWidth}" fill="none"/>`);
  out.push(
    `<rect data-frame="plot" x="${px(left)}" y="${px(top)}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="${tickColour}" stroke-width="${s.frameWidth}"/>`,
  );
  out.push(...labels);
  out.push(
    `<text x="${centre}" y="${px(bottom + s.xTitleOffset + outward)}" font-size="${s.axisTitle}" text-anchor="middle">${textMarkup(figure.x.label, s.axisTitle)}</text>`,
  );
  out.push(
    `<text x="0" y="0" transform="translate(${s.yTitleX},${px((top + bottom) / 2)}) rotate(-90)" font-size="${s.axisTitle}" text-anchor="middle">${textMarkup(figure.y.label, s.axisTitle)}</text>`,
  );

  // colour bar
  const bar = figure.colourBar;
  if (bar) {
    const barX = right + s.barGap;
    const gradientId = `${clipId}-bar`;
    const stops = bar.stops.map((colour, i) => `<stop offset="${px((100 * i) / Math.max(1, bar.stops.length - 1))}%" stop-color="${colour}"/>`).join('');
    out.push(`<defs><linearGradient id="${gradientId}" x1="0" y1="1" x2="0" y2="0">${stops}</linearGradient></defs>`);
    out.push(
      `<rect x="${px(barX)}" y="${px(top)}" width="${s.barWidth}" height="${plotHeight}" fill="url(#${gradientId})" stroke="${tickColour}" stroke-width="1"/>`,
    );
    for (const tick of bar.ticks) {
      const Y = bottom - tick.fraction * (bottom - top);
      out.push(
        `<path d="M${px(barX + s.barWidth)},${px(Y)}h5" stroke="${tickColour}"/><text x="${px(barX + s.barWidth + 8)}" y="${px(Y + 0.36 * s.barTick)}" font-size="${s.barTick}">${textMarkup(tick.label, s.barTick)}</text>`,
      );
    }
    out.push(
      `<text x="0" y="0" transform="translate(${px(width - s.barTitleInset)},${px((top + bottom) / 2)}) rotate(-90)" font-size="${s.barTitle}" text-anchor="middle">${textMarkup(bar.title, s.barTitle)}</text>`,
    );
    if (bar.under) {
      out.push(
        `<rect x="${px(barX)}" y="${px(bottom + 14)}" width="${s.barWidth}" height="14" fill="${bar.under.colour}" stroke="${tickColour}" stroke-width="1"/>`,
      );
      out.push(`<text x="${px(barX + s.barWidth + 6)}" y="${px(bottom + 26)}" font-size="${s.footnote}">${textMarkup(bar.under.label, s.footnote)}</text>`);
    }
  }

  g.footnotes.forEach((line, index) => {
    out.push(
      `<text x="${px(left)}" y="${px(bottom + s.xTitleOffset + outward + 26 + s.footnoteStep * index)}" font-size="${s.footnote}" fill="#333">${textMarkup(line, s.footnote)}</text>`,
    );
  });
  if (legend && legendBox) out.push(legendMarkup(legend, legendBox, s));
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
