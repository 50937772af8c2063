/**
 * SVG plots of the page: axes (log or linear), an optional heat-map raster, filled areas,
 * curves and a legend, as one self-contained SVG string (what the page shows is what "Export SVG"
 * writes, and what "Export PNG" rasterises). A PlotSpec is translated into a description for the
 * one figure renderer of the CLI figures (src/plots/figure.ts, 'screen' style): frame, ticks,
 * legend and paths are drawn there; the heat map is the page's canvas raster (src/web/colour.ts),
 * carried as an image layer.
 */
import { figureGeometry, figureSvg, type AxisScale, type Figure, type FigureAxis, type FigureLayer, type LegendSwatch } from '../plots/figure.ts';

export type Point = [number, number];

export type Scale = AxisScale;

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
  kind: 'area' | 'line' | 'dashed' | 'dotted' | 'band';
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

const LEGEND_SWATCHES: Record<LegendEntry['kind'], (colour: string) => LegendSwatch> = {
  area: (colour) => ({ kind: 'area', fill: colour, opacity: 0.18, stroke: colour, strokeWidth: 2 }),
  band: (colour) => ({ kind: 'area', fill: colour, opacity: 0.35 }),
  line: (colour) => ({ kind: 'line', stroke: colour, width: 2.5 }),
  dashed: (colour) => ({ kind: 'line', stroke: colour, width: 2.5, dash: '5 3' }),
  dotted: (colour) => ({ kind: 'line', stroke: colour, width: 1.2, dash: '2 3' }),
};

function figureAxis(axis: AxisSpec): FigureAxis {
  return { scale: axis.log ? 'log' : 'linear', domain: axis.domain, label: axis.label, decimal: axis.decimal };
}

/** The page's plot as a description for the one figure renderer (src/plots/figure.ts). */
export function plotFigure(spec: PlotSpec, clipId?: string): Figure {
  const layers: FigureLayer[] = [];
  if (spec.heat) layers.push({ kind: 'image', href: spec.heat.href, testId: 'heatmap' });
  for (const area of spec.areas ?? []) layers.push({ kind: 'area', polygons: area.polygons, fill: area.fill, opacity: area.opacity, testId: area.testId });
  for (const layer of spec.rects ?? []) {
    const outline = { kind: 'area' as const, fill: 'none', stroke: layer.stroke, strokeWidth: 2, dash: '6 3' };
    for (const box of layer.boxes) {
      layers.push({
        ...outline,
        polygons: [
          [
            [
              [box.x0, box.y0],
              [box.x1, box.y0],
              [box.x1, box.y1],
              [box.x0, box.y1],
            ],
          ],
        ],
      });
      // The label sits in the box's top-left corner, or the plot's when the box reaches past it.
      const corner: Point = [Math.max(box.x0, spec.x.domain[0]), Math.min(box.y1, spec.y.domain[1])];
      if (box.label) layers.push({ kind: 'text', at: corner, text: { plain: box.label }, dx: 6, dy: 16, colour: layer.stroke });
    }
    for (const polygon of layer.polygons ?? []) {
      layers.push({ ...outline, polygons: [[polygon.points]] });
      if (polygon.label && polygon.points.length > 0)
        layers.push({ kind: 'text', at: polygon.points[0], text: { plain: polygon.label }, dx: 6, dy: -6, colour: layer.stroke });
    }
  }
  for (const curve of spec.curves ?? []) {
    layers.push({
      kind: 'line',
      lines: curve.lines,
      closed: curve.closed,
      stroke: curve.stroke,
      width: curve.width,
      dash: curve.dash,
      halo: curve.halo,
      testId: curve.testId,
      data: curve.data,
    });
  }
  for (const guide of spec.guides ?? []) {
    if (guide.y !== undefined) layers.push({ kind: 'rule', axis: 'y', at: guide.y, colour: guide.colour, label: guide.label, testId: guide.testId });
    if (guide.x !== undefined) layers.push({ kind: 'rule', axis: 'x', at: guide.x, colour: guide.colour, label: guide.label, testId: guide.testId });
  }
  for (const layer of spec.markers ?? []) layers.push({ kind: 'markers', points: layer.points, colour: layer.colour });
  return {
    width: spec.width,
    height: spec.height,
    style: 'screen',
    title: spec.title,
    subtitle: spec.subtitle ? [spec.subtitle] : undefined,
    x: figureAxis(spec.x),
    y: figureAxis(spec.y),
    layers,
    legend:
      spec.legend && spec.legend.length > 0
        ? { entries: spec.legend.map((entry) => ({ label: entry.label, swatch: LEGEND_SWATCHES[entry.kind](entry.colour) })), position: 'top-right' }
        : undefined,
    colourBar: spec.heat?.colourBar,
    emptyMessage: spec.emptyMessage,
    grid: spec.heat ? { colour: '#ffffff', opacity: 0.35 } : { colour: '#e4e4e4' },
    clipId,
  };
}

export function plotGeometry(spec: PlotSpec): PlotGeometry {
  const { left, right, top, bottom, x, y } = figureGeometry(plotFigure(spec));
  return { left, right, top, bottom, x, y };
}

/**
 * The plot as an SVG document string. Several plots share the page, so each needs its own clip-path
 * id: a fixed one per host (so redraws of one plot differ only where the figure does), else a new one.
 */
export function plotSvg(spec: PlotSpec, clipId = `clip-${Math.random().toString(36).slice(2, 9)}`): string {
  return figureSvg(plotFigure(spec, clipId));
}

/** Data coordinates of a pixel position inside the plot area, or null outside it. */
export function invertPosition(spec: PlotSpec, pixelX: number, pixelY: number): Point | null {
  const g = plotGeometry(spec);
  if (pixelX < g.left || pixelX > g.right || pixelY < g.top || pixelY > g.bottom) return null;
  return [g.x.invert(pixelX), g.y.invert(pixelY)];
}
