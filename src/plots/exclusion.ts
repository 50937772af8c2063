/**
 * Exclusion plots as figure descriptions rendered by the one figure renderer (src/plots/figure.ts;
 * browser-safe; PNG via src/node/png.ts in Node):
 * - limitsSvg: the (m_a, coupling) plane of one or more limits.json objects (several scenarios
 *   overlaid), filled 90 % CL excluded area, lower/upper edges drawn, the MC ±1σ band of the edge
 *   as a lighter band;
 * - couplingPlaneSvg: the fixed-mass coupling–coupling plane of one or more plane.json objects.
 * Two looks (FigureMode): 'paper' (exports: observed limits filled, projections as dashed outlines,
 * existing bounds in grey, legend below the plot, no MC band or grid) and 'explore' (the MC band,
 * grid, legend inside). limitsFigure takes a coupling axis (KOTO c/f_a or g_aγγ, formats/coupling-axis.ts)
 * and existing bounds (overlays).
 * Log axes with decade ticks, labelled axes with units, legend in the corner that hides the least
 * excluded area; sized for a paper figure (800 × 600 user units, taller when the legend goes below
 * the plot; 16–20 px text: ≥ 8 pt when printed 12 cm wide).
 */
import type { ContourSet, LimitsJson } from '../limits/compute.ts';
import type { CouplingPlaneJson } from '../limits/plane.ts';
import { describeCouplingAxis, type CouplingAxis } from '../formats/coupling-axis.ts';
import { figureSvg, type Figure, type FigureLayer, type LegendEntry, type Point } from './figure.ts';

/**
 * How an exclusion figure looks:
 * - 'paper' (the default of exported files): filled regions for observed limits, outlines (dashed)
 *   for projections (expected-median basis), existing bounds in grey underneath, legend below the
 *   plot (outside the data), no MC band, no grid, paper-size fonts;
 * - 'explore': every limit filled lightly with its MC ±1σ band, grid, legend in the emptiest corner.
 */
export type FigureMode = 'paper' | 'explore';

export const FIGURE_MODES: readonly FigureMode[] = ['paper', 'explore'];

/** An existing bound drawn under the limits: polygons of [massGeV, coupling on the figure's axis]. */
export interface ExistingBound {
  label: string;
  polygons: Point[][];
}

/** Greys of existing bounds, alternating so neighbouring bounds stay apart. */
export const BOUND_GREYS = ['#9a9a9a', '#c4c4c4', '#7a7a7a', '#b0b0b0'];

/** Colour-blind-safe palette (Okabe & Ito 2008). */
export const SCENARIO_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface ExclusionSeries {
  label: string;
  nominal: ContourSet;
  bandLow?: ContourSet;
  bandHigh?: ContourSet;
  /** Production-systematics band (limits.json contours.systematicMinus1Sigma / systematicPlus1Sigma): its edges drawn dotted. */
  systematicLow?: ContourSet;
  systematicHigh?: ContourSet;
  /** A projection (expected-median basis): drawn as an outline in paper mode. */
  projection?: boolean;
}

export interface ExclusionPlotOptions {
  title?: string;
  xLabel: string;
  yLabel: string;
  xDomain: [number, number];
  yDomain: [number, number];
  /** Decimal tick labels on x (masses in GeV). */
  xDecimal?: boolean;
  width?: number;
  height?: number;
  /** Extra legend line (e.g. the CL and basis). */
  note?: string;
  /** Draw the lower/upper edge polylines (mass plane) instead of the polygon outlines (coupling plane). */
  strokeEdges?: boolean;
  /** Default 'explore'. */
  mode?: FigureMode;
  /** Existing bounds, drawn in grey under the series. */
  bounds?: ExistingBound[];
}

/** The description of an exclusion plot (what exclusionPlotSvg renders). */
export function exclusionFigure(series: ExclusionSeries[], options: ExclusionPlotOptions): Figure {
  if ((options.mode ?? 'explore') === 'paper') return paperFigure(series, options);
  const layers: FigureLayer[] = [];
  const entries: LegendEntry[] = [];
  if (options.note) entries.push({ label: options.note });
  boundLayers(options.bounds ?? [], layers, entries);
  series.forEach((s, index) => {
    const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
    layers.push({ kind: 'area', polygons: s.nominal.polygons, fill: colour, opacity: 0.12, keepClear: true });
    const band = [...(s.bandHigh?.polygons ?? []), ...(s.bandLow?.polygons ?? [])];
    if (band.length > 0) layers.push({ kind: 'area', polygons: band, fill: colour, opacity: 0.3 });
    if (options.strokeEdges) layers.push({ kind: 'line', lines: [...s.nominal.lower, ...s.nominal.upper], stroke: colour, width: 2.5 });
    else layers.push({ kind: 'line', lines: s.nominal.polygons.flat(1), closed: true, stroke: colour, width: 2.5 });
    const systematic = [s.systematicLow, s.systematicHigh].flatMap((set) => (set ? [...set.lower, ...set.upper] : []));
    if (systematic.length > 0) layers.push({ kind: 'line', lines: systematic, stroke: colour, width: 1.2, dash: '2 3' });
    entries.push({ label: { plain: s.label }, swatch: { kind: 'area', fill: colour, opacity: 0.12, stroke: colour, strokeWidth: 2.5 } });
  });
  if (series.some((s) => s.bandLow || s.bandHigh)) entries.push({ label: 'edge: MC statistical ±1σ', swatch: { kind: 'area', fill: '#555', opacity: 0.3 } });
  if (series.some((s) => s.systematicLow || s.systematicHigh))
    entries.push({ label: 'edge: production systematics ±1σ', swatch: { kind: 'line', stroke: '#555', width: 1.2, dash: '2 3' } });
  return logLogFigure(options, layers, { entries, position: 'auto' });
}

/** The (mass, coupling) log–log frame both looks share; `grid: false` only where the look drops the grid. */
function logLogFigure(options: ExclusionPlotOptions, layers: FigureLayer[], legend: Figure['legend'], extra: Partial<Figure> = {}): Figure {
  return {
    width: options.width ?? 800,
    height: options.height ?? 600,
    style: 'paper',
    title: options.title,
    x: { scale: 'log', domain: options.xDomain, label: options.xLabel, decimal: options.xDecimal },
    y: { scale: 'log', domain: options.yDomain, label: options.yLabel },
    layers,
    ...extra,
    legend,
  };
}

function boundLayers(bounds: ExistingBound[], layers: FigureLayer[], entries: LegendEntry[]): void {
  bounds.forEach((bound, index) => {
    const grey = BOUND_GREYS[index % BOUND_GREYS.length];
    layers.push({
      kind: 'area',
      polygons: bound.polygons.map((ring) => [ring]),
      fill: grey,
      opacity: 0.55,
      stroke: '#555555',
      strokeWidth: 0.8,
      data: { 'data-bound': bound.label },
    });
    entries.push({ label: { plain: bound.label }, swatch: { kind: 'area', fill: grey, opacity: 0.55, stroke: '#555555', strokeWidth: 0.8 } });
  });
}

/** The paper look (FigureMode): one renderer, a publishable default. */
function paperFigure(series: ExclusionSeries[], options: ExclusionPlotOptions): Figure {
  const layers: FigureLayer[] = [];
  const entries: LegendEntry[] = [];
  if (options.note) entries.push({ label: options.note });
  boundLayers(options.bounds ?? [], layers, entries);
  series.forEach((s, index) => {
    const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
    const outline = options.strokeEdges ? [...s.nominal.lower, ...s.nominal.upper] : s.nominal.polygons.flat(1);
    if (s.projection) {
      layers.push({
        kind: 'line',
        lines: outline,
        closed: !options.strokeEdges,
        stroke: colour,
        width: 2.5,
        dash: '9 5',
        data: { 'data-curve': 'projection' },
      });
      entries.push({ label: { plain: s.label }, swatch: { kind: 'line', stroke: colour, width: 2.5, dash: '9 5' } });
    } else {
      layers.push({ kind: 'area', polygons: s.nominal.polygons, fill: colour, opacity: 0.45, data: { 'data-curve': 'observed' } });
      layers.push({ kind: 'line', lines: outline, closed: !options.strokeEdges, stroke: colour, width: 2 });
      entries.push({ label: { plain: s.label }, swatch: { kind: 'area', fill: colour, opacity: 0.45, stroke: colour, strokeWidth: 2 } });
    }
  });
  return logLogFigure(options, layers, { entries, position: 'below' }, { grid: false });
}

/** Generic exclusion plot on log–log axes. */
export function exclusionPlotSvg(series: ExclusionSeries[], options: ExclusionPlotOptions): string {
  return figureSvg(exclusionFigure(series, options));
}

function expandDomain([lo, hi]: [number, number]): [number, number] {
  if (hi > lo) return [lo, hi];
  return [lo / 1.5, hi * 1.5];
}

function modelTitle(limits: LimitsJson): string {
  const { c_GG, c_BB, c_WW, c_ll } = limits.modelCouplings;
  const parts = [`c_{GG} = ${c_GG}`, `c_{BB} = ${c_BB}`, `c_{WW} = ${c_WW}`];
  if (c_ll !== 0) parts.push(`c_{ℓℓ} = ${c_ll}`);
  const name = limits.model.startsWith('custom:') ? 'custom' : limits.model;
  return `ALP model ${name}: ${parts.join(', ')}`;
}

export interface LimitsFigureOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Default 'explore' (the CLI's exported files use 'paper'). */
  mode?: FigureMode;
  /** 'koto' (1/f_a with the model's c's, limits.json's axis; default) or 'gagg' (refused where the model does not fix c_γγ^eff). */
  axis?: CouplingAxis;
  /** Existing bounds in (m_a [GeV], coupling on `axis`), drawn in grey underneath. */
  bounds?: ExistingBound[];
  /** Names the flag in a refused axis (default "--coupling-axis gagg"). */
  axisFlag?: string;
}

function scaleContours(set: ContourSet | undefined, factor: number): ContourSet | undefined {
  if (!set || factor === 1) return set;
  const scale = (points: Point[]) => points.map(([m, g]) => [m, g * factor] as Point);
  return { polygons: set.polygons.map((rings) => rings.map(scale)), lower: set.lower.map(scale), upper: set.upper.map(scale) };
}

/** The (m_a, coupling) exclusion figure of one or more limits.json objects (same model). */
export function limitsFigure(limitsList: LimitsJson[], options: LimitsFigureOptions = {}): Figure {
  if (limitsList.length === 0) throw new RangeError('limitsFigure needs at least one limits object');
  const first = limitsList[0];
  const mode = options.mode ?? 'explore';
  const axes = limitsList.map((limits) => describeCouplingAxis(limits, options.axis ?? 'koto', options.axisFlag ?? '--coupling-axis gagg'));
  const massLo = Math.min(...limitsList.map((l) => l.contours.grid.massRangeGeV[0]));
  const massHi = Math.max(...limitsList.map((l) => l.contours.grid.massRangeGeV[1]));
  const couplingLo = Math.min(...limitsList.map((l, i) => l.couplingRange.lowPerGeV * axes[i].factor));
  const couplingHi = Math.max(...limitsList.map((l, i) => l.couplingRange.highPerGeV * axes[i].factor));
  const series: ExclusionSeries[] = limitsList.map((limits, i) => ({
    label: `${limits.scenario} (${limits.basis === 'observed' ? 'observed' : 'expected median'})`,
    nominal: scaleContours(limits.contours.nominal, axes[i].factor)!,
    bandLow: mode === 'paper' ? undefined : scaleContours(limits.contours.mcMinus1Sigma, axes[i].factor),
    bandHigh: mode === 'paper' ? undefined : scaleContours(limits.contours.mcPlus1Sigma, axes[i].factor),
    systematicLow:
      mode === 'paper' || !limits.contours.systematicMinus1Sigma ? undefined : scaleContours(limits.contours.systematicMinus1Sigma, axes[i].factor),
    systematicHigh: mode === 'paper' || !limits.contours.systematicPlus1Sigma ? undefined : scaleContours(limits.contours.systematicPlus1Sigma, axes[i].factor),
    projection: limits.basis !== 'observed',
  }));
  return exclusionFigure(series, {
    title: options.title ?? modelTitle(first),
    xLabel: 'm_{a} [GeV]',
    yLabel: `${axes[0].tex} [GeV^{-1}]`,
    xDomain: expandDomain([massLo, massHi]),
    yDomain: [couplingLo, couplingHi],
    xDecimal: true,
    note: `${Math.round(first.cl * 100)}% CL (CLs) excluded`,
    strokeEdges: true,
    width: options.width,
    height: options.height,
    mode,
    bounds: options.bounds,
  });
}

/** The (m_a, coupling) exclusion plot of one or more limits.json objects (same model) as SVG. */
export function limitsSvg(limitsList: LimitsJson[], options: LimitsFigureOptions = {}): string {
  return figureSvg(limitsFigure(limitsList, options));
}

function couplingTex(name: string): string {
  return `${name.replace(/^c_(\w+)$/, 'c_{$1}').replace('c_ll', 'c_{ℓℓ}')}/f_{a} [GeV^{-1}]`;
}

/** The fixed-mass coupling–coupling plot of one or more plane.json objects (same mass and axes). */
export function couplingPlaneSvg(planes: CouplingPlaneJson[], options: { width?: number; height?: number; title?: string; mode?: FigureMode } = {}): string {
  if (planes.length === 0) throw new RangeError('couplingPlaneSvg needs at least one plane object');
  const first = planes[0];
  const fixed = Object.entries(first.fixedCouplingsPerGeV)
    .filter(([, v]) => v !== 0)
    .map(([k, v]) => `${k.replace(/^c_(\w+)$/, 'c_{$1}')}/f_{a} = ${v} GeV^{-1}`);
  return exclusionPlotSvg(
    planes.map((plane) => ({
      label: `${plane.scenario} (${plane.basis === 'observed' ? 'observed' : 'expected median'})`,
      nominal: plane.contours.nominal,
      bandLow: options.mode === 'paper' ? undefined : plane.contours.mcMinus1Sigma,
      bandHigh: options.mode === 'paper' ? undefined : plane.contours.mcPlus1Sigma,
      projection: plane.basis !== 'observed',
    })),
    {
      title: options.title ?? `m_{a} = ${first.massGeV} GeV${fixed.length ? `, ${fixed.join(', ')}` : ''}, other couplings 0`,
      xLabel: couplingTex(first.x.coupling),
      yLabel: couplingTex(first.y.coupling),
      xDomain: [Math.min(...planes.map((p) => p.x.lowPerGeV)), Math.max(...planes.map((p) => p.x.highPerGeV))],
      yDomain: [Math.min(...planes.map((p) => p.y.lowPerGeV)), Math.max(...planes.map((p) => p.y.highPerGeV))],
      note: `${Math.round(first.cl * 100)}% CL (CLs) excluded`,
      strokeEdges: false,
      width: options.width,
      height: options.height,
      mode: options.mode,
    },
  );
}
