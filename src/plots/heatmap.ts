/**
 * Heat map of a 2-D histogram as an SVG string (browser-safe, no DOM; PNG via src/io/png.ts in
 * Node): linear axes with units, a logarithmic colour scale with its legend, optional signal-region
 * boundaries and labels. Used by `alpenglow events` for the expected signal distribution in the
 * (z_vtx, p_T) plane (KOTO arXiv:2303.01521 Fig. 4).
 *
 * Region boundaries are traced from the regions' own inside tests (the engine's point-in-area
 * functions), pixel by pixel of the plot area: whatever the shapes and exclusions, the line is
 * where membership changes, so what is drawn is what the engine counts.
 */
import { viridisHex } from './colour-scale.ts';
import { escapeXml, powerOfTenLabel } from './exclusion-axes.ts';

export interface HeatmapRegion {
  /** Short label drawn inside the region (e.g. "1" or "pT > 0.4 GeV"). */
  label: string;
  contains: (x: number, y: number) => boolean;
}

export interface HeatmapInput {
  title: string;
  /** Lines under the title (wrapped to the plot width). */
  subtitle?: string[];
  xLabel: string;
  yLabel: string;
  /** [lo, hi, count] of each axis; values are indexed xIndex · yCount + yIndex. */
  xBins: [number, number, number];
  yBins: [number, number, number];
  values: ArrayLike<number>;
  /** Legend title of the colour scale, e.g. "expected events per bin". */
  colourLabel: string;
  regions?: HeatmapRegion[];
  /** Lines printed under the plot (small, wrapped to the plot width). */
  footnotes?: string[];
  /** Decades shown on the colour scale below the largest cell (default 4). */
  decades?: number;
  width?: number;
  height?: number;
}

const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';

/** "Nice" linear ticks (steps 1, 2, 2.5 or 5 × 10^k) covering [lo, hi]. */
export function linearTicks(lo: number, hi: number, target = 6): number[] {
  const span = hi - lo;
  if (!(span > 0)) return [lo];
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? 10 * power;
  const ticks: number[] = [];
  for (let value = Math.ceil(lo / step - 1e-9) * step; value <= hi + step * 1e-9; value += step) {
    ticks.push(Math.abs(value) < step * 1e-9 ? 0 : Number(value.toPrecision(12)));
  }
  return ticks;
}

const px = (value: number) => Number(value.toFixed(2));

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

/**
 * Boundary segments between pixels of different region membership (plus the outer edge of any
 * region touching the plot frame is left to the frame). Returns an SVG path in plot coordinates.
 */
function regionBoundaryPath(regions: HeatmapRegion[], toData: (px: number, py: number) => [number, number], widthPx: number, heightPx: number): { path: string; centres: Array<[number, number] | null> } {
  const ids = new Int16Array(widthPx * heightPx);
  const sums = regions.map(() => ({ x: 0, y: 0, n: 0 }));
  for (let j = 0; j < heightPx; j++) {
    for (let i = 0; i < widthPx; i++) {
      const [x, y] = toData(i + 0.5, j + 0.5);
      let id = -1;
      for (let r = 0; r < regions.length; r++) {
        if (regions[r].contains(x, y)) {
          id = r;
          break;
        }
      }
      ids[j * widthPx + i] = id;
      if (id >= 0) {
        sums[id].x += i + 0.5;
        sums[id].y += j + 0.5;
        sums[id].n++;
      }
    }
  }
  const parts: string[] = [];
  // Vertical edges (between columns i-1 and i), merged over consecutive rows.
  for (let i = 1; i < widthPx; i++) {
    let start = -1;
    for (let j = 0; j <= heightPx; j++) {
      const differs = j < heightPx && ids[j * widthPx + i] !== ids[j * widthPx + i - 1];
      if (differs && start < 0) start = j;
      if (!differs && start >= 0) {
        parts.push(`M${i},${start}V${j}`);
        start = -1;
      }
    }
  }
  // Horizontal edges (between rows j-1 and j), merged over consecutive columns.
  for (let j = 1; j < heightPx; j++) {
    let start = -1;
    for (let i = 0; i <= widthPx; i++) {
      const differs = i < widthPx && ids[j * widthPx + i] !== ids[(j - 1) * widthPx + i];
      if (differs && start < 0) start = i;
      if (!differs && start >= 0) {
        parts.push(`M${start},${j}H${i}`);
        start = -1;
      }
    }
  }
  // Labels for regions with enough pixels to hold one, but not for a region covering the whole plot.
  const minimumPixels = 40;
  const total = widthPx * heightPx;
  return { path: parts.join(''), centres: sums.map((s) => (s.n >= minimumPixels && s.n < total ? [s.x / s.n, s.y / s.n] : null)) };
}

export function heatmapSvg(input: HeatmapInput): string {
  const width = input.width ?? 860;
  const height = input.height ?? 640;
  const [xLo, xHi, xCount] = input.xBins;
  const [yLo, yHi, yCount] = input.yBins;
  if (input.values.length !== xCount * yCount) throw new RangeError(`heatmap needs ${xCount * yCount} values (got ${input.values.length})`);
  const textWidth = width - 92 - 24;
  const subtitle = (input.subtitle ?? []).flatMap((line) => wrapText(line, textWidth, 14));
  const footnotes = (input.footnotes ?? []).flatMap((line) => wrapText(line, textWidth, 13));
  const margin = { left: 92, right: 150, top: 56 + 20 * subtitle.length, bottom: 84 + 18 * footnotes.length };
  const plotW = Math.round(width - margin.left - margin.right);
  const plotH = Math.round(height - margin.top - margin.bottom);
  const sx = (x: number) => margin.left + ((x - xLo) / (xHi - xLo)) * plotW;
  const sy = (y: number) => margin.top + plotH - ((y - yLo) / (yHi - yLo)) * plotH;

  let maxValue = 0;
  for (let i = 0; i < input.values.length; i++) if (input.values[i] > maxValue) maxValue = input.values[i];
  const decades = input.decades ?? 4;
  const topExponent = maxValue > 0 ? Math.ceil(Math.log10(maxValue)) : 0;
  const bottomExponent = topExponent - decades;
  const colourOf = (value: number) => viridisHex((Math.log10(value) - bottomExponent) / decades);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${margin.left}" y="30" font-size="19" font-weight="bold">${escapeXml(input.title)}</text>`);
  subtitle.forEach((line, index) => out.push(`<text x="${margin.left}" y="${54 + 20 * index}" font-size="14" fill="#333">${escapeXml(line)}</text>`));
  out.push(`<defs><clipPath id="plot-area"><rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}"/></clipPath></defs>`);
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="#f2f2f2"/>`);

  // Cells: empty cells and cells below the colour range keep the grey background (said in the legend).
  const cellW = plotW / xCount;
  const cellH = plotH / yCount;
  const cells: string[] = [];
  for (let ix = 0; ix < xCount; ix++) {
    for (let iy = 0; iy < yCount; iy++) {
      const value = input.values[ix * yCount + iy];
      if (!(value >= 10 ** bottomExponent)) continue;
      const x = margin.left + ix * cellW;
      const y = margin.top + plotH - (iy + 1) * cellH;
      // Slight overlap hides anti-aliasing seams between neighbouring cells.
      cells.push(`<rect x="${px(x)}" y="${px(y)}" width="${px(cellW + 0.4)}" height="${px(cellH + 0.4)}" fill="${colourOf(value)}"/>`);
    }
  }
  out.push(`<g clip-path="url(#plot-area)" shape-rendering="crispEdges">${cells.join('')}</g>`);

  // Signal regions.
  if (input.regions && input.regions.length > 0) {
    const toData = (pxX: number, pxY: number): [number, number] => [xLo + (pxX / plotW) * (xHi - xLo), yLo + ((plotH - pxY) / plotH) * (yHi - yLo)];
    const { path, centres } = regionBoundaryPath(input.regions, toData, plotW, plotH);
    const transform = `translate(${margin.left},${margin.top})`;
    out.push(`<path d="${path}" transform="${transform}" fill="none" stroke="#ffffff" stroke-width="4" stroke-linecap="square" opacity="0.9"/>`);
    out.push(`<path d="${path}" transform="${transform}" fill="none" stroke="#d7191c" stroke-width="2" stroke-linecap="square"/>`);
    input.regions.forEach((region, index) => {
      const centre = centres[index];
      if (!centre) return;
      const x = margin.left + centre[0];
      const y = margin.top + centre[1];
      out.push(`<text x="${px(x)}" y="${px(y + 5)}" font-size="14" font-weight="bold" text-anchor="middle" fill="#d7191c" stroke="#ffffff" stroke-width="3" paint-order="stroke">${escapeXml(region.label)}</text>`);
    });
  }
  out.push(`<rect x="${margin.left}" y="${margin.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#000" stroke-width="1.2"/>`);

  // Axes.
  for (const tick of linearTicks(xLo, xHi, 8)) {
    const x = px(sx(tick));
    out.push(`<line x1="${x}" y1="${margin.top + plotH}" x2="${x}" y2="${margin.top + plotH + 6}" stroke="#000"/>`);
    out.push(`<text x="${x}" y="${margin.top + plotH + 24}" font-size="15" text-anchor="middle">${tick}</text>`);
  }
  for (const tick of linearTicks(yLo, yHi, 7)) {
    const y = px(sy(tick));
    out.push(`<line x1="${margin.left - 6}" y1="${y}" x2="${margin.left}" y2="${y}" stroke="#000"/>`);
    out.push(`<text x="${margin.left - 10}" y="${y + 5}" font-size="15" text-anchor="end">${tick}</text>`);
  }
  out.push(`<text x="${px(margin.left + plotW / 2)}" y="${margin.top + plotH + 52}" font-size="17" text-anchor="middle">${escapeXml(input.xLabel)}</text>`);
  out.push(`<text transform="translate(28,${px(margin.top + plotH / 2)}) rotate(-90)" font-size="17" text-anchor="middle">${escapeXml(input.yLabel)}</text>`);

  // Colour scale.
  const barX = margin.left + plotW + 30;
  const barW = 22;
  const steps = 64;
  for (let k = 0; k < steps; k++) {
    const y = margin.top + plotH - ((k + 1) / steps) * plotH;
    out.push(`<rect x="${barX}" y="${px(y)}" width="${barW}" height="${px(plotH / steps + 0.5)}" fill="${viridisHex((k + 0.5) / steps)}"/>`);
  }
  out.push(`<rect x="${barX}" y="${margin.top}" width="${barW}" height="${plotH}" fill="none" stroke="#000"/>`);
  for (let e = bottomExponent; e <= topExponent; e++) {
    const y = px(margin.top + plotH - ((e - bottomExponent) / decades) * plotH);
    out.push(`<line x1="${barX + barW}" y1="${y}" x2="${barX + barW + 5}" y2="${y}" stroke="#000"/>`);
    out.push(`<text x="${barX + barW + 8}" y="${y + 5}" font-size="14">${powerOfTenLabel(e)}</text>`);
  }
  out.push(`<text transform="translate(${barX + barW + 62},${px(margin.top + plotH / 2)}) rotate(-90)" font-size="15" text-anchor="middle">${escapeXml(input.colourLabel)}</text>`);
  out.push(`<rect x="${barX}" y="${margin.top + plotH + 14}" width="${barW}" height="14" fill="#f2f2f2" stroke="#000"/>`);
  out.push(`<text x="${barX + barW + 6}" y="${margin.top + plotH + 26}" font-size="13">&lt; ${powerOfTenLabel(bottomExponent)}</text>`);

  footnotes.forEach((line, index) => {
    out.push(`<text x="${margin.left}" y="${margin.top + plotH + 84 + 18 * index}" font-size="13" fill="#333">${escapeXml(line)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
