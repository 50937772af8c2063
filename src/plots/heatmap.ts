/**
 * Heat map of a 2-D histogram as a figure description rendered by the one figure renderer
 * (src/plots/figure.ts; browser-safe, no DOM; PNG via src/node/png.ts in Node): linear axes with units, a logarithmic colour scale with its legend, optional signal-region
 * boundaries and labels. Used by `alpenglow events` for the expected signal distribution in the
 * (z_vtx, p_T) plane (KOTO arXiv:2303.01521 Fig. 4).
 *
 * Region boundaries are traced from the regions' own inside tests (the engine's point-in-area
 * functions), pixel by pixel of the plot area: whatever the shapes and exclusions, the line is
 * where membership changes, so what is drawn is what the engine counts.
 */
import { viridisHex, VIRIDIS_STOPS } from './colour-scale.ts';
import { powerOfTenLabel } from './exclusion-axes.ts';
import { figureGeometry, figureSvg, linearAxisTicks, wrapText, type Figure } from './figure.ts';

export interface HeatmapRegion {
  /** Short label drawn inside the region (e.g. "1" or "pT > 0.4 GeV"). */
  label: string;
  contains: (x: number, y: number) => boolean;
}

const BACKGROUND = '#f2f2f2';
const REGION_COLOUR = '#d7191c';

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

/** "Nice" linear ticks covering [lo, hi]: the figure renderer's d3 ticks (1, 2 or 5 × 10^k steps). */
export function linearTicks(lo: number, hi: number, target = 6): number[] {
  return linearAxisTicks([lo, hi], target).map((tick) => tick.value);
}

export { wrapText };

/**
 * Boundary segments between pixels of different region membership (the outer edge of any region
 * touching the plot frame is left to the frame), in pixels of the plot area, and the pixel centre
 * of each region large enough to hold its label.
 */
function regionBoundaries(
  regions: HeatmapRegion[],
  toData: (px: number, py: number) => [number, number],
  widthPx: number,
  heightPx: number,
): { segments: Array<[[number, number], [number, number]]>; centres: Array<[number, number] | null> } {
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
  const segments: Array<[[number, number], [number, number]]> = [];
  // Vertical edges (between columns i-1 and i), merged over consecutive rows.
  for (let i = 1; i < widthPx; i++) {
    let start = -1;
    for (let j = 0; j <= heightPx; j++) {
      const differs = j < heightPx && ids[j * widthPx + i] !== ids[j * widthPx + i - 1];
      if (differs && start < 0) start = j;
      if (!differs && start >= 0) {
        segments.push([
          [i, start],
          [i, j],
        ]);
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
        segments.push([
          [start, j],
          [i, j],
        ]);
        start = -1;
      }
    }
  }
  // Labels for regions with enough pixels to hold one, but not for a region covering the whole plot.
  const minimumPixels = 40;
  const total = widthPx * heightPx;
  return { segments, centres: sums.map((s) => (s.n >= minimumPixels && s.n < total ? [s.x / s.n, s.y / s.n] : null)) };
}

/** The description of the heat map (what heatmapSvg renders). */
export function heatmapFigure(input: HeatmapInput): Figure {
  const [xLo, xHi, xCount] = input.xBins;
  const [yLo, yHi, yCount] = input.yBins;
  if (input.values.length !== xCount * yCount) throw new RangeError(`heatmap needs ${xCount * yCount} values (got ${input.values.length})`);
  let maxValue = 0;
  for (let i = 0; i < input.values.length; i++) if (input.values[i] > maxValue) maxValue = input.values[i];
  const decades = input.decades ?? 4;
  const topExponent = maxValue > 0 ? Math.ceil(Math.log10(maxValue)) : 0;
  const bottomExponent = topExponent - decades;
  // Empty cells and cells below the colour range keep the grey background (said in the legend).
  const colours = Array.from(input.values, (value) => (value >= 10 ** bottomExponent ? viridisHex((Math.log10(value) - bottomExponent) / decades) : null));
  const figure: Figure = {
    width: input.width ?? 860,
    height: input.height ?? 640,
    style: 'paper',
    title: { plain: input.title },
    subtitle: (input.subtitle ?? []).map((plain) => ({ plain })),
    x: { scale: 'linear', domain: [xLo, xHi], label: { plain: input.xLabel }, ticks: 6 },
    y: { scale: 'linear', domain: [yLo, yHi], label: { plain: input.yLabel }, ticks: 7 },
    layers: [{ kind: 'cells', x: input.xBins, y: input.yBins, colours }],
    colourBar: {
      title: { plain: input.colourLabel },
      stops: VIRIDIS_STOPS,
      ticks: Array.from({ length: decades + 1 }, (_, k) => ({ fraction: k / decades, label: { plain: powerOfTenLabel(bottomExponent + k) } })),
      under: { colour: BACKGROUND, label: { plain: `< ${powerOfTenLabel(bottomExponent)}` } },
    },
    footnotes: (input.footnotes ?? []).map((plain) => ({ plain })),
    background: BACKGROUND,
    grid: false,
    tickDirection: 'out',
  };

  // Signal regions: boundaries traced pixel by pixel of the plot area, drawn in data coordinates.
  if (input.regions && input.regions.length > 0) {
    const g = figureGeometry(figure);
    const widthPx = Math.round(g.right - g.left);
    const heightPx = Math.round(g.bottom - g.top);
    const toData = (pxX: number, pxY: number): [number, number] => [xLo + (pxX / widthPx) * (xHi - xLo), yLo + ((heightPx - pxY) / heightPx) * (yHi - yLo)];
    const { segments, centres } = regionBoundaries(input.regions, toData, widthPx, heightPx);
    const lines = segments.map(([a, b]) => [toData(...a), toData(...b)]);
    figure.layers.push(
      { kind: 'line', lines, stroke: '#ffffff', width: 4, linecap: 'square', opacity: 0.9 },
      { kind: 'line', lines, stroke: REGION_COLOUR, width: 2, linecap: 'square' },
    );
    input.regions.forEach((region, index) => {
      const centre = centres[index];
      if (centre)
        figure.layers.push({
          kind: 'text',
          at: toData(...centre),
          text: { plain: region.label },
          dy: 5,
          size: 14,
          bold: true,
          anchor: 'middle',
          colour: REGION_COLOUR,
          halo: true,
        });
    });
  }
  return figure;
}

export function heatmapSvg(input: HeatmapInput): string {
  return figureSvg(heatmapFigure(input));
}
