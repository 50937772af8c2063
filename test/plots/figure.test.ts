/**
 * The one figure renderer (src/plots/figure.ts): frame, tick labels at the positions the axes
 * give, one legend row per entry, layer paths whose coordinates map through the axes, rasters,
 * and the heat map and web plot built on it. Positions are checked against the axis maps written
 * out here (log10 and linear interpolation), not against the renderer's own scales.
 */
import { describe, expect, it } from 'vitest';
import { figureGeometry, figureSvg, linearAxisTicks, type Figure } from '../../src/plots/figure.ts';
import { heatmapSvg, linearTicks } from '../../src/plots/heatmap.ts';
import { invertPosition, plotSvg, type PlotSpec } from '../../src/web/plot.ts';

/** paper style, no title: plot area x 100…376, y 24…222 (margins left 100, right 24, top 24, bottom 78). */
const PLOT = { left: 100, right: 376, top: 24, bottom: 222 };
const logX = (v: number) => PLOT.left + ((Math.log10(v) + 3) / 4) * (PLOT.right - PLOT.left); // x domain 1e-3 … 1e1
const logY = (v: number) => PLOT.bottom - ((Math.log10(v) + 6) / 4) * (PLOT.bottom - PLOT.top); // y domain 1e-6 … 1e-2

function smallFigure(): Figure {
  return {
    width: 400,
    height: 300,
    x: { scale: 'log', domain: [1e-3, 10], label: 'm_{a} [GeV]' },
    y: { scale: 'log', domain: [1e-6, 1e-2], label: 'g [GeV^{-1}]' },
    layers: [
      {
        kind: 'area',
        polygons: [
          [
            [
              [1e-2, 1e-5],
              [1, 1e-5],
              [1, 1e-3],
            ],
          ],
        ],
        fill: '#0072B2',
        opacity: 0.2,
        testId: 'area',
      },
      {
        kind: 'line',
        lines: [
          [
            [1e-2, 1e-5],
            [1, 1e-3],
          ],
        ],
        stroke: '#D55E00',
        width: 2,
        dash: '6 3',
        testId: 'line',
      },
      {
        kind: 'band',
        upper: [
          [1e-3, 1e-3],
          [10, 1e-3],
        ],
        lower: [
          [1e-3, 1e-4],
          [10, 1e-4],
        ],
        fill: '#00CC44',
        opacity: 0.5,
        testId: 'band',
      },
    ],
    legend: {
      entries: [
        { label: 'excluded', swatch: { kind: 'area', fill: '#0072B2', opacity: 0.2 } },
        { label: 'edge', swatch: { kind: 'line', stroke: '#D55E00', width: 2, dash: '6 3' } },
        { label: '±1σ', swatch: { kind: 'area', fill: '#00CC44', opacity: 0.5 } },
      ],
    },
  };
}

/** Vertices of an SVG path made of M, L and Z commands. */
function vertices(d: string): Array<[number, number]> {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

function pathOf(svg: string, testId: string): string {
  const match = new RegExp(`data-testid="${testId}"[^>]* d="([^"]+)"`).exec(svg);
  if (!match) throw new Error(`no path ${testId}`);
  return match[1];
}

/** Text elements as { x, y, size, text }. */
function texts(svg: string): Array<{ x: number; y: number; text: string }> {
  return [...svg.matchAll(/<text x="(-?[\d.]+)" y="(-?[\d.]+)"[^>]*>([^<]*)<\/text>/g)].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));
}

describe('figure renderer', () => {
  const svg = figureSvg(smallFigure());

  it('draws the frame around the plot area, clipped data inside', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="400" height="300" viewBox="0 0 400 300"/);
    expect(svg).toContain(
      `<rect data-frame="plot" x="${PLOT.left}" y="${PLOT.top}" width="${PLOT.right - PLOT.left}" height="${PLOT.bottom - PLOT.top}" fill="none"`,
    );
    expect(svg).toContain(`<clipPath id="plot-area"><rect x="${PLOT.left}" y="${PLOT.top}" width="276" height="198"/></clipPath>`);
    const g = figureGeometry(smallFigure());
    expect([g.left, g.right, g.top, g.bottom]).toEqual([PLOT.left, PLOT.right, PLOT.top, PLOT.bottom]);
  });

  it('puts decade tick labels where the log axes map them', () => {
    const labels = texts(svg);
    const xLabels = labels.filter((t) => t.y === PLOT.bottom + 26);
    expect(xLabels.map((t) => t.text)).toEqual(['10⁻³', '10⁻²', '10⁻¹', '1', '10']);
    xLabels.forEach((t, k) => expect(t.x).toBeCloseTo(logX(10 ** (k - 3)), 2));
    expect(xLabels.map((t) => t.x)).toEqual([100, 169, 238, 307, 376]);
    const yLabels = labels.filter((t) => t.x === PLOT.left - 10);
    expect(yLabels.map((t) => t.text)).toEqual(['10⁻⁶', '10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²']);
    yLabels.forEach((t, k) => expect(t.y - 6).toBeCloseTo(logY(10 ** (k - 6)), 2));
    // upright y: the larger value is higher on the page
    expect(yLabels[4].y).toBeLessThan(yLabels[0].y);
    // minor ticks (2…9 × decade) are drawn but not labelled: 4 decades × 8 on x
    const tickPath = /<path d="([^"]+)" stroke="#000" stroke-width="1.2"/.exec(svg)![1];
    expect((tickPath.match(/M/g) ?? []).length).toBe(2 * (5 + 4 * 8) + 2 * (5 + 4 * 8));
  });

  it('one legend row per entry, with the entry swatch', () => {
    const rows = [...svg.matchAll(/<g data-legend-entry="(\d+)">(.*?)<\/g>/g)];
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => /<text[^>]*>(.*)<\/text>/.exec(row[2])![1])).toEqual(['excluded', 'edge', '±1σ']);
    expect(rows[0][2]).toMatch(/<rect [^>]*fill="#0072B2" fill-opacity="0.2"/);
    expect(rows[1][2]).toMatch(/<path [^>]*stroke="#D55E00" stroke-width="2" stroke-dasharray="6 3"/);
    expect(rows[2][2]).toMatch(/<rect [^>]*fill="#00CC44" fill-opacity="0.5"/);
    expect(svg).toContain('data-legend="inside"');
  });

  it('layer paths map data coordinates through the axes', () => {
    const expected = (points: Array<[number, number]>) => points.map(([a, b]) => [logX(a), logY(b)]);
    const check = (d: string, points: Array<[number, number]>) => {
      const got = vertices(d);
      const want = expected(points);
      expect(got).toHaveLength(want.length);
      got.forEach(([x, y], i) => {
        expect(x).toBeCloseTo(want[i][0], 1);
        expect(y).toBeCloseTo(want[i][1], 1);
      });
    };
    check(pathOf(svg, 'line'), [
      [1e-2, 1e-5],
      [1, 1e-3],
    ]);
    expect(pathOf(svg, 'line')).toBe('M169,172.5L307,73.5');
    check(pathOf(svg, 'area'), [
      [1e-2, 1e-5],
      [1, 1e-5],
      [1, 1e-3],
    ]);
    expect(pathOf(svg, 'area')).toMatch(/Z$/);
    check(pathOf(svg, 'band'), [
      [1e-3, 1e-3],
      [10, 1e-3],
      [10, 1e-4],
      [1e-3, 1e-4],
    ]);
    expect(svg).toMatch(/data-testid="line"[^>]*stroke-dasharray="6 3"/);
  });

  it('points that do not map (≤ 0 on a log axis) leave gaps, not NaN', () => {
    const figure = smallFigure();
    figure.layers = [
      {
        kind: 'line',
        lines: [
          [
            [1e-2, 1e-5],
            [1e-1, 0],
            [1, 1e-4],
            [10, 1e-3],
          ],
        ],
        stroke: '#000',
        width: 1,
        testId: 'gappy',
      },
    ];
    const d = pathOf(figureSvg(figure), 'gappy');
    expect(d).not.toMatch(/NaN|Infinity/);
    expect(d).toBe(`M${logX(1)},${logY(1e-4)}L${logX(10)},${logY(1e-3)}`);
  });

  it('linear axes: d3 1-2-5 ticks; cells, rules and texts in data coordinates', () => {
    expect(linearAxisTicks([0, 7]).map((t) => t.value)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(linearAxisTicks([0, 0.5], 7).map((t) => t.label)).toEqual(['0', '0.1', '0.2', '0.3', '0.4', '0.5']);
    expect(linearAxisTicks([0, 100], 4).map((t) => t.value)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(linearTicks(2, 7, 6)).toEqual([2, 3, 4, 5, 6, 7]);
    const svgLinear = figureSvg({
      width: 400,
      height: 300,
      x: { scale: 'linear', domain: [0, 2], label: 'x' },
      y: { scale: 'linear', domain: [0, 1], label: { plain: 'p_T' } },
      layers: [
        { kind: 'cells', x: [0, 2, 2], y: [0, 1, 2], colours: ['#111111', null, '#333333', '#444444'] },
        { kind: 'rule', axis: 'y', at: 0.5, colour: '#c00', testId: 'rule' },
        { kind: 'rule', axis: 'y', at: 2, colour: '#c00', testId: 'outside' },
        { kind: 'text', at: [1, 0.5], text: { plain: 'a_b' }, anchor: 'middle' },
      ],
      tickDirection: 'out',
    });
    // outward ticks take 9 px more below the plot: y 24…213. Cell (ix 0, iy 0) at the bottom left,
    // (1, 1) top right (0.4 px overlap); null cells are not drawn
    expect(svgLinear).toContain('<rect x="100" y="118.5" width="138.4" height="94.9" fill="#111111"/>');
    expect(svgLinear).toContain('<rect x="238" y="24" width="138.4" height="94.9" fill="#444444"/>');
    expect((svgLinear.match(/fill="#[1-4]{6}"/g) ?? []).length).toBe(3);
    expect(svgLinear).toContain('data-testid="rule" d="M100,118.5H376"');
    expect(svgLinear).not.toContain('data-testid="outside"');
    expect(svgLinear).toContain('text-anchor="middle" fill="#000">a_b</text>');
    expect(svgLinear).toContain('>p_T</text>');
    // outward ticks on the bottom and left only
    expect(svgLinear).toMatch(/<path d="M100,213v9M169,213v9/);
  });

  it('auto legend: a free corner, or below the plot (the figure grows) when none is free', () => {
    const figure = smallFigure();
    figure.legend!.position = 'auto';
    (figure.layers[0] as { keepClear?: boolean }).keepClear = true;
    const inside = figureSvg(figure);
    expect(inside).toContain('data-legend="inside"');
    const everywhere = smallFigure();
    everywhere.layers = [
      {
        kind: 'area',
        polygons: [
          [
            [
              [1e-3, 1e-6],
              [10, 1e-6],
              [10, 1e-2],
              [1e-3, 1e-2],
            ],
          ],
        ],
        fill: '#000',
        opacity: 0.1,
        keepClear: true,
      },
    ];
    everywhere.legend!.position = 'auto';
    const below = figureSvg(everywhere);
    expect(below).toContain('data-legend="below"');
    expect(below).toMatch(/^<svg[^>]* height="(\d+)"/);
    expect(Number(/^<svg[^>]* height="(\d+)"/.exec(below)![1])).toBeGreaterThan(300);
  });
});

describe('renderers built on it', () => {
  it('heat map: cells, colour bar with decade labels, region boundaries as paths in data coordinates', () => {
    const values = new Float64Array(4 * 2).map((_, i) => 10 ** (i - 6));
    const svg = heatmapSvg({
      title: 'heat',
      xLabel: 'reconstructed z_vtx [m]',
      yLabel: 'p_T [GeV]',
      xBins: [0, 4, 4],
      yBins: [0, 2, 2],
      values,
      colourLabel: 'events per bin',
      regions: [{ label: '1', contains: (x, y) => x > 1 && x < 3 && y > 0.5 && y < 1.5 }],
    });
    expect(svg).toContain('reconstructed z_vtx [m]');
    expect(svg).toContain('data-frame="plot"');
    // max 10, 4 decades: 1e-3 … 10; the cells below 1e-3 keep the background
    expect(svg).toContain('>10⁻³</text>');
    expect(svg).toContain('>&lt; 10⁻³</text>');
    const cells = /<g shape-rendering="crispEdges">(.*?)<\/g>/.exec(svg)![1];
    expect((cells.match(/<rect /g) ?? []).length).toBe(5);
    const boundary = /<path d="([^"]+)" fill="none" stroke="#d7191c"/.exec(svg)![1];
    const g = { left: 100, right: 710 };
    const xs = vertices(boundary).map(([x]) => x);
    // the region's x edges at data 1 and 3 → pixels left + 1/4 and 3/4 of the width (traced pixel by pixel: ±1 px)
    expect(Math.abs(Math.min(...xs) - (g.left + (g.right - g.left) / 4))).toBeLessThanOrEqual(1);
    expect(Math.abs(Math.max(...xs) - (g.left + (3 * (g.right - g.left)) / 4))).toBeLessThanOrEqual(1);
  });

  it('web plot: the page spec renders through it, with its test ids, and pixels invert to data', () => {
    const spec: PlotSpec = {
      width: 900,
      height: 560,
      title: 'ALP',
      x: { domain: [0.01, 1], log: true, label: 'm_{a} [GeV]', decimal: true },
      y: { domain: [1e-7, 1e-1], log: true, label: 'g' },
      heat: {
        href: 'data:image/png;base64,',
        colourBar: {
          title: 'N',
          stops: ['#000000', '#ffffff'],
          ticks: [
            { fraction: 0, label: '1' },
            { fraction: 1, label: '10' },
          ],
        },
      },
      areas: [
        {
          polygons: [
            [
              [
                [0.1, 1e-5],
                [0.5, 1e-5],
                [0.5, 1e-3],
              ],
            ],
          ],
          fill: '#0072B2',
          opacity: 0.12,
          testId: 'excluded-area',
        },
      ],
      curves: [
        {
          lines: [
            [
              [0.1, 1e-5],
              [0.5, 1e-3],
            ],
          ],
          stroke: '#0072B2',
          width: 2.6,
          halo: true,
          testId: 'contour',
          data: { 'data-scenario': 'koto' },
        },
      ],
      guides: [{ y: 1e-4, colour: '#c0392b', testId: 'coupling-marker' }],
      legend: [{ label: 'koto', kind: 'line', colour: '#0072B2' }],
    };
    const svg = plotSvg(spec);
    for (const id of ['heatmap', 'excluded-area', 'contour', 'coupling-marker']) expect(svg).toContain(`data-testid="${id}"`);
    expect(svg).toContain('data-scenario="koto"');
    expect(svg).toMatch(/<clipPath id="clip-[a-z0-9]+">/);
    expect((svg.match(/data-legend-entry/g) ?? []).length).toBe(1);
    const [m, g] = invertPosition(spec, 92 + (900 - 92 - 92) / 2, 560 - 64 - (560 - 64 - 44) / 2)!;
    expect(m).toBeCloseTo(0.1, 10);
    expect(g).toBeCloseTo(1e-4, 10);
    expect(invertPosition(spec, 10, 10)).toBeNull();
  });
});
