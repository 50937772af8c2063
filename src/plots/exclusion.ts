/**
 * Exclusion plots as figure descriptions rendered by the one figure renderer (src/plots/figure.ts;
 * browser-safe; PNG via src/node/png.ts in Node):
 * - limitsSvg: the (m_a, coupling) plane of one or more limits.json objects (several scenarios
 *   overlaid), filled 90 % CL excluded area, lower/upper edges drawn, the MC ±1σ band of the edge
 *   as a lighter band;
 * - couplingPlaneSvg: the fixed-mass coupling–coupling plane of one or more plane.json objects.
 * Log axes with decade ticks, labelled axes with units, legend in the corner that hides the least
 * excluded area; sized for a paper figure (800 × 600 user units, taller when the legend goes below
 * the plot; 16–20 px text: ≥ 8 pt when printed 12 cm wide).
 */
import type { ContourSet, LimitsJson } from '../limits/compute.ts';
import type { CouplingPlaneJson } from '../limits/plane.ts';
import { figureSvg, type Figure, type FigureLayer, type LegendEntry } from './figure.ts';

/** Colour-blind-safe palette (Okabe & Ito 2008). */
export const SCENARIO_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

export interface ExclusionSeries {
  label: string;
  nominal: ContourSet;
  bandLow?: ContourSet;
  bandHigh?: ContourSet;
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
}

/** The description of an exclusion plot (what exclusionPlotSvg renders). */
export function exclusionFigure(series: ExclusionSeries[], options: ExclusionPlotOptions): Figure {
  const layers: FigureLayer[] = [];
  const entries: LegendEntry[] = [];
  if (options.note) entries.push({ label: options.note });
  series.forEach((s, index) => {
    const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
    layers.push({ kind: 'area', polygons: s.nominal.polygons, fill: colour, opacity: 0.12, keepClear: true });
    const band = [...(s.bandHigh?.polygons ?? []), ...(s.bandLow?.polygons ?? [])];
    if (band.length > 0) layers.push({ kind: 'area', polygons: band, fill: colour, opacity: 0.3 });
    if (options.strokeEdges) layers.push({ kind: 'line', lines: [...s.nominal.lower, ...s.nominal.upper], stroke: colour, width: 2.5 });
    else layers.push({ kind: 'line', lines: s.nominal.polygons.flat(1), closed: true, stroke: colour, width: 2.5 });
    entries.push({ label: { plain: s.label }, swatch: { kind: 'area', fill: colour, opacity: 0.12, stroke: colour, strokeWidth: 2.5 } });
  });
  if (series.some((s) => s.bandLow || s.bandHigh)) entries.push({ label: 'edge: MC statistical ±1σ', swatch: { kind: 'area', fill: '#555', opacity: 0.3 } });
  return {
    width: options.width ?? 800,
    height: options.height ?? 600,
    style: 'paper',
    title: options.title,
    x: { scale: 'log', domain: options.xDomain, label: options.xLabel, decimal: options.xDecimal },
    y: { scale: 'log', domain: options.yDomain, label: options.yLabel },
    layers,
    legend: { entries, position: 'auto' },
  };
}

/** Generic exclusion plot on log–log axes. */
export function exclusionPlotSvg(series: ExclusionSeries[], options: ExclusionPlotOptions): string {
  return figureSvg(exclusionFigure(series, options));
}

function expandDomain([lo, hi]: [number, number]): [number, number] {
  if (hi > lo) return [lo, hi];
  return [lo / 1.5, hi * 1.5];
}

function axisFromModel(limits: LimitsJson): string {
  const label = limits.coupling.axis; // 'c_GG/f_a' or '1/f_a'
  const tex = label.replace(/c_(GG|BB|WW|ℓℓ)/, 'c_{$1}').replace('f_a', 'f_{a}');
  return `${tex} [GeV^{-1}]`;
}

function modelTitle(limits: LimitsJson): string {
  const { c_GG, c_BB, c_WW, c_ll } = limits.modelCouplings;
  const parts = [`c_{GG} = ${c_GG}`, `c_{BB} = ${c_BB}`, `c_{WW} = ${c_WW}`];
  if (c_ll !== 0) parts.push(`c_{ℓℓ} = ${c_ll}`);
  const name = limits.model.startsWith('custom:') ? 'custom' : limits.model;
  return `ALP model ${name}: ${parts.join(', ')}`;
}

/** The (m_a, coupling) exclusion plot of one or more limits.json objects (same model). */
export function limitsSvg(limitsList: LimitsJson[], options: { width?: number; height?: number; title?: string } = {}): string {
  if (limitsList.length === 0) throw new RangeError('limitsSvg needs at least one limits object');
  const first = limitsList[0];
  const massLo = Math.min(...limitsList.map((l) => l.contours.grid.massRangeGeV[0]));
  const massHi = Math.max(...limitsList.map((l) => l.contours.grid.massRangeGeV[1]));
  const couplingLo = Math.min(...limitsList.map((l) => l.couplingRange.lowPerGeV));
  const couplingHi = Math.max(...limitsList.map((l) => l.couplingRange.highPerGeV));
  const series = limitsList.map((limits) => ({
    label: `${limits.scenario} (${limits.basis === 'observed' ? 'observed' : 'expected median'})`,
    nominal: limits.contours.nominal,
    bandLow: limits.contours.mcMinus1Sigma,
    bandHigh: limits.contours.mcPlus1Sigma,
  }));
  return exclusionPlotSvg(series, {
    title: options.title ?? modelTitle(first),
    xLabel: 'm_{a} [GeV]',
    yLabel: axisFromModel(first),
    xDomain: expandDomain([massLo, massHi]),
    yDomain: [couplingLo, couplingHi],
    xDecimal: true,
    note: `${Math.round(first.cl * 100)}% CL (CLs) excluded`,
    strokeEdges: true,
    width: options.width,
    height: options.height,
  });
}

function couplingTex(name: string): string {
  return `${name.replace(/^c_(\w+)$/, 'c_{$1}').replace('c_ll', 'c_{ℓℓ}')}/f_{a} [GeV^{-1}]`;
}

/** The fixed-mass coupling–coupling plot of one or more plane.json objects (same mass and axes). */
export function couplingPlaneSvg(planes: CouplingPlaneJson[], options: { width?: number; height?: number; title?: string } = {}): string {
  if (planes.length === 0) throw new RangeError('couplingPlaneSvg needs at least one plane object');
  const first = planes[0];
  const fixed = Object.entries(first.fixedCouplingsPerGeV).filter(([, v]) => v !== 0).map(([k, v]) => `${k.replace(/^c_(\w+)$/, 'c_{$1}')}/f_{a} = ${v} GeV^{-1}`);
  return exclusionPlotSvg(
    planes.map((plane) => ({
      label: `${plane.scenario} (${plane.basis === 'observed' ? 'observed' : 'expected median'})`,
      nominal: plane.contours.nominal,
      bandLow: plane.contours.mcMinus1Sigma,
      bandHigh: plane.contours.mcPlus1Sigma,
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
    },
  );
}
