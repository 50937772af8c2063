/**
 * Exclusion plots as SVG (browser-safe; PNG via src/io/png.ts in Node):
 * - limitsSvg: the (m_a, coupling) plane of one or more limits.json objects (several scenarios
 *   overlaid), filled 90 % CL excluded area, lower/upper edges drawn, the MC ±1σ band of the edge
 *   as a lighter band;
 * - couplingPlaneSvg: the fixed-mass coupling–coupling plane of one or more plane.json objects.
 * Log axes with decade ticks, labelled axes with units, legend; sized for a paper figure
 * (800 × 600 user units, taller when the legend goes below the plot; 16–20 px text: ≥ 8 pt when
 * printed 12 cm wide).
 */
import type { ContourSet, LimitsJson } from '../limits/compute.ts';
import type { CouplingPlaneJson } from '../limits/plane.ts';
import type { Point } from '../limits/contours.ts';
import { escapeXml, logScale, logTicks, px, richText, type LogScale } from './exclusion-axes.ts';

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

const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

function ringPath(ring: Point[], x: LogScale, y: LogScale): string {
  if (ring.length < 2) return '';
  return `M${ring.map(([a, b]) => `${px(x(a))},${px(y(b))}`).join('L')}Z`;
}

function polygonsPath(set: ContourSet | undefined, x: LogScale, y: LogScale): string {
  if (!set) return '';
  return set.polygons.map((polygon) => polygon.map((ring) => ringPath(ring, x, y)).join('')).join('');
}

function polylinePath(lines: Point[][], x: LogScale, y: LogScale): string {
  return lines.filter((line) => line.length >= 2).map((line) => `M${line.map(([a, b]) => `${px(x(a))},${px(y(b))}`).join('L')}`).join('');
}

interface LegendPlacement {
  lines: { colour: string; text: string }[];
  hasBand: boolean;
  rowHeight: number;
  width: number;
  height: number;
  x: number;
  y: number;
  /** Below the plot (the figure grows) because every corner would hide excluded area. */
  below: boolean;
}

/** Even–odd point-in-polygon over all rings of a series' polygons (pixel coordinates). */
function insideRings(rings: [number, number][][], px0: number, py0: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i];
      const [xj, yj] = ring[j];
      if (yi > py0 !== yj > py0 && px0 < ((xj - xi) * (py0 - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/**
 * Legend in the plot corner that hides the least excluded area and fewest contour vertices; below
 * the plot when every corner would hide more than 4 % of its box.
 */
function placeLegend(series: ExclusionSeries[], options: ExclusionPlotOptions, x: LogScale, y: LogScale, frame: { plotLeft: number; plotRight: number; plotTop: number; plotBottom: number; height: number }): LegendPlacement {
  const { plotLeft, plotRight, plotTop, plotBottom, height } = frame;
  const lines = series.map((s, index) => ({ colour: SCENARIO_COLOURS[index % SCENARIO_COLOURS.length], text: s.label }));
  const hasBand = series.some((s) => s.bandLow || s.bandHigh);
  const rows = lines.length + (hasBand ? 1 : 0) + (options.note ? 1 : 0);
  const rowHeight = 26;
  const width = Math.min(plotRight - plotLeft - 20, 14 + 44 + 9.5 * Math.max(...lines.map((l) => l.text.length), hasBand ? 30 : 0, options.note ? options.note.length : 0));
  const boxHeight = rows * rowHeight + 12;
  const ringsPx = series.map((s) => s.nominal.polygons.flat(1).map((ring) => ring.map(([a, b]) => [x(a), y(b)] as [number, number])));
  const vertices = ringsPx.flat(2);
  const corners: [number, number][] = [
    [plotRight - width - 12, plotTop + 12],
    [plotLeft + 12, plotTop + 12],
    [plotRight - width - 12, plotBottom - boxHeight - 12],
    [plotLeft + 12, plotBottom - boxHeight - 12],
  ];
  const score = ([cx, cy]: [number, number]) => {
    let hidden = 0;
    const samples = 12 * 6;
    for (let i = 0; i < 12; i++) {
      for (let j = 0; j < 6; j++) {
        const sx = cx + ((i + 0.5) / 12) * width;
        const sy = cy + ((j + 0.5) / 6) * boxHeight;
        if (ringsPx.some((rings) => insideRings(rings, sx, sy))) hidden++;
      }
    }
    const covered = vertices.reduce((count, [vx, vy]) => count + (vx >= cx && vx <= cx + width && vy >= cy && vy <= cy + boxHeight ? 1 : 0), 0);
    return { area: hidden / samples, covered };
  };
  let best = corners[0];
  let bestScore = { area: Infinity, covered: Infinity };
  for (const corner of corners) {
    const value = score(corner);
    if (value.area + value.covered / 50 < bestScore.area + bestScore.covered / 50) {
      best = corner;
      bestScore = value;
    }
  }
  const below = bestScore.area > 0.04 || bestScore.covered > 3;
  if (below) return { lines, hasBand, rowHeight, width, height: boxHeight, x: plotLeft, y: height + 2, below };
  return { lines, hasBand, rowHeight, width, height: boxHeight, x: best[0], y: best[1], below };
}

/** Generic exclusion plot on log–log axes. */
export function exclusionPlotSvg(series: ExclusionSeries[], options: ExclusionPlotOptions): string {
  const width = options.width ?? 800;
  const height = options.height ?? 600;
  const margin = { left: 100, right: 24, top: options.title ? 52 : 24, bottom: 78 };
  const plotLeft = margin.left;
  const plotRight = width - margin.right;
  const plotTop = margin.top;
  const plotBottom = height - margin.bottom;
  const x = logScale(options.xDomain, [plotLeft, plotRight]);
  const y = logScale(options.yDomain, [plotBottom, plotTop]);
  const legend = placeLegend(series, options, x, y, { plotLeft, plotRight, plotTop, plotBottom, height });
  const totalHeight = legend.below ? height + legend.height + 8 : height;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalHeight}" viewBox="0 0 ${width} ${totalHeight}" font-family="${FONT}">`);
  out.push(`<rect width="${width}" height="${totalHeight}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="plot-area"><rect x="${plotLeft}" y="${plotTop}" width="${px(plotRight - plotLeft)}" height="${px(plotBottom - plotTop)}"/></clipPath></defs>`);
  if (options.title) out.push(`<text x="${px((plotLeft + plotRight) / 2)}" y="32" font-size="20" text-anchor="middle" font-weight="bold">${richText(options.title, 20)}</text>`);

  // grid and ticks
  const xTicks = logTicks(options.xDomain, { decimal: options.xDecimal });
  const yTicks = logTicks(options.yDomain);
  const grid: string[] = [];
  const ticks: string[] = [];
  const labels: string[] = [];
  for (const tick of xTicks) {
    const X = px(x(tick.value));
    if (tick.major) grid.push(`M${X},${plotTop}V${plotBottom}`);
    const length = tick.major ? 9 : 5;
    ticks.push(`M${X},${plotBottom}v${-length}M${X},${plotTop}v${length}`);
    if (tick.label) labels.push(`<text x="${X}" y="${plotBottom + 26}" font-size="${tick.major ? 18 : 16}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of yTicks) {
    const Y = px(y(tick.value));
    if (tick.major) grid.push(`M${plotLeft},${Y}H${plotRight}`);
    const length = tick.major ? 9 : 5;
    ticks.push(`M${plotLeft},${Y}h${length}M${plotRight},${Y}h${-length}`);
    if (tick.label) labels.push(`<text x="${plotLeft - 10}" y="${px(y(tick.value) + 6)}" font-size="${tick.major ? 18 : 16}" text-anchor="end">${escapeXml(tick.label)}</text>`);
  }
  out.push(`<path d="${grid.join('')}" stroke="#e3e3e3" stroke-width="1" fill="none"/>`);

  // data
  out.push('<g clip-path="url(#plot-area)">');
  series.forEach((s, index) => {
    const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
    const area = polygonsPath(s.nominal, x, y);
    if (area) out.push(`<path d="${area}" fill="${colour}" fill-opacity="0.12" fill-rule="evenodd" stroke="none"/>`);
    const band = polygonsPath(s.bandHigh, x, y) + polygonsPath(s.bandLow, x, y);
    if (band) out.push(`<path d="${band}" fill="${colour}" fill-opacity="0.3" fill-rule="evenodd" stroke="none"/>`);
    if (options.strokeEdges) {
      const edges = polylinePath([...s.nominal.lower, ...s.nominal.upper], x, y);
      if (edges) out.push(`<path d="${edges}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round" stroke-linecap="round"/>`);
    } else if (area) {
      out.push(`<path d="${area}" fill="none" stroke="${colour}" stroke-width="2.5" stroke-linejoin="round"/>`);
    }
  });
  out.push('</g>');

  // frame, ticks, labels
  out.push(`<path d="${ticks.join('')}" stroke="#000" stroke-width="1.2" fill="none"/>`);
  out.push(`<rect x="${plotLeft}" y="${plotTop}" width="${px(plotRight - plotLeft)}" height="${px(plotBottom - plotTop)}" fill="none" stroke="#000" stroke-width="1.5"/>`);
  out.push(...labels);
  out.push(`<text x="${px((plotLeft + plotRight) / 2)}" y="${height - 18}" font-size="20" text-anchor="middle">${richText(options.xLabel, 20)}</text>`);
  const yMid = (plotTop + plotBottom) / 2;
  out.push(`<text x="0" y="0" transform="translate(28,${px(yMid)}) rotate(-90)" font-size="20" text-anchor="middle">${richText(options.yLabel, 20)}</text>`);

  // legend
  const { lines: legendLines, hasBand, rowHeight, width: legendWidth, height: legendHeight } = legend;
  const [legendX, legendY] = [legend.x, legend.y];
  out.push(`<g font-size="17"><rect x="${px(legendX)}" y="${legendY}" width="${px(legendWidth)}" height="${legendHeight}" fill="#ffffff" fill-opacity="0.9" stroke="#888" stroke-width="1"/>`);
  let row = 0;
  const rowY = () => legendY + 8 + row * rowHeight;
  if (options.note) {
    out.push(`<text x="${px(legendX + 12)}" y="${px(rowY() + 18)}">${richText(options.note, 17)}</text>`);
    row++;
  }
  for (const line of legendLines) {
    const top = rowY() + 5;
    out.push(`<rect x="${px(legendX + 12)}" y="${px(top)}" width="34" height="16" fill="${line.colour}" fill-opacity="0.12" stroke="${line.colour}" stroke-width="2.5"/>`);
    out.push(`<text x="${px(legendX + 56)}" y="${px(top + 14)}">${escapeXml(line.text)}</text>`);
    row++;
  }
  if (hasBand) {
    const top = rowY() + 5;
    out.push(`<rect x="${px(legendX + 12)}" y="${px(top)}" width="34" height="16" fill="#555" fill-opacity="0.3"/>`);
    out.push(`<text x="${px(legendX + 56)}" y="${px(top + 14)}">edge: MC statistical ±1σ</text>`);
    row++;
  }
  out.push('</g>');
  out.push('</svg>');
  return `${out.join('\n')}\n`;
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
