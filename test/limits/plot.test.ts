/**
 * Exclusion plots (src/plots/exclusion*.ts) and PNG rendering (src/node/png.ts): tick placement and
 * labels on log axes, the content of the SVG (labels, legend, one area per scenario), and a PNG of
 * the requested size. The picture itself is checked by eye (docs/limits.md §8).
 */
import { describe, expect, it } from 'vitest';
import { computeLimits, logSpace } from '../../src/limits/index.ts';
import { svgToPng } from '../../src/node/png.ts';
import { logScale, logTicks, numberLabel, powerOfTenLabel, richText } from '../../src/plots/exclusion-axes.ts';
import { limitsSvg } from '../../src/plots/exclusion.ts';
import { realisticSet, syntheticScenario } from './synthetic.ts';

describe('log axes', () => {
  it('decade ticks, labels, and scale', () => {
    const ticks = logTicks([1e-7, 1e-1]);
    expect(ticks.filter((t) => t.major).map((t) => t.value)).toEqual(
      [1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1].map((_v, i) => ticks.filter((t) => t.major)[i].value),
    );
    expect(ticks.filter((t) => t.major).map((t) => t.label)).toEqual(['10⁻⁷', '10⁻⁶', '10⁻⁵', '10⁻⁴', '10⁻³', '10⁻²', '10⁻¹']);
    expect(ticks.filter((t) => !t.major)).toHaveLength(6 * 8);
    expect(
      logTicks([0.01, 1], { decimal: true })
        .filter((t) => t.label)
        .map((t) => t.label),
    ).toEqual(['0.01', '0.1', '1']);
    // a short axis labels its minor ticks
    expect(
      logTicks([0.1, 0.3], { decimal: true })
        .filter((t) => t.label)
        .map((t) => t.label),
    ).toEqual(['0.1', '0.2', '0.3']);
    expect(powerOfTenLabel(-12)).toBe('10⁻¹²');
    expect(numberLabel(2e-6)).toBe('2×10⁻⁶');
    const scale = logScale([1e-6, 1e-2], [0, 400]);
    expect(scale(1e-4)).toBeCloseTo(200, 12);
    expect(() => logScale([0, 1], [0, 1])).toThrow(/log axis needs 0 < low < high/);
  });

  it('sub- and superscripts become tspans, text is escaped', () => {
    const text = richText('c_{GG}/f_a [GeV^{-1}] <&>', 20);
    expect(text).toContain('<tspan dy="6" font-size="14">GG</tspan>');
    expect(text).toContain('font-size="14">−1</tspan>');
    expect(text).toContain('&lt;&amp;&gt;');
  });
});

describe('exclusion plot', () => {
  const a = computeLimits({ set: realisticSet(), model: 'gluon', couplingsPerGeV: logSpace(1e-7, 1e-1, 61), contourMassCount: 40, refineSteps: 8 });
  const b = computeLimits({
    set: realisticSet(syntheticScenario({ name: 'other', regions: [{ backgroundEvents: 0.1, observedEvents: 0 }] })),
    model: 'gluon',
    couplingsPerGeV: logSpace(1e-7, 1e-1, 61),
    contourMassCount: 40,
    refineSteps: 8,
  });
  const svg = limitsSvg([a, b]);

  it('has labelled axes with units, a legend entry per scenario, filled areas and edges', () => {
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="800" height="\d+"/);
    expect(svg).toContain('m<tspan dy="6" font-size="14">a</tspan>');
    expect(svg).toContain('[GeV]');
    expect(svg).toContain('[GeV</tspan><tspan dy="-8" font-size="14">−1</tspan>');
    expect(svg).toContain('synthetic (expected median)');
    expect(svg).toContain('other (observed)');
    expect(svg).toContain('90% CL (CLs) excluded');
    expect(svg).toContain('10⁻⁴');
    expect((svg.match(/fill-rule="evenodd"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect((svg.match(/stroke-width="2.5" stroke-linejoin="round"/g) ?? []).length).toBe(2);
  });

  it('renders to a PNG at twice the SVG width', () => {
    const png = svgToPng(svg, { scale: 2 });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1600); // IHDR width
    expect(png.length).toBeGreaterThan(20_000);
  });
});
