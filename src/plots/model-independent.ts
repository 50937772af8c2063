/**
 * The model-independent B → K(*) a figure (issue #8): excluded BR×BR band versus τ_a at one mass,
 * as a description for the one figure renderer (src/plots/figure.ts).
 */
import type { BProductionMode } from '../physics/b-meson-production.ts';
import type { LimitPoint, ModelIndependentLimitsJson } from '../limits/model-independent.ts';
import type { ExpectedLimits } from '../stats/index.ts';
import { figureSvg, type Figure, type FigureLayer, type LegendEntry, type Point } from './figure.ts';

const MODE_COLOURS: Record<BProductionMode, string> = { 'b-to-k': '#0072B2', 'b-to-kstar': '#D55E00' };

/**
 * The description of the excluded BR×BR band versus τ_a at one mass (the seeds' Fig. 5 kind):
 * shaded excluded region above the observed-basis limit of each B mode, the expected median with
 * ±1σ (green) and ±2σ (yellow) bands for the first mode, and the projection's expected median
 * (dotted). The legend sits below the x axis: the excluded region fills the top of the plot and the
 * curves its middle, so no corner inside the frame is reliably free.
 */
export function modelIndependentFigure(result: ModelIndependentLimitsJson): Figure {
  const taus = result.modes[0]?.points.map((point) => point.tauS) ?? [1e-12, 1e-6];
  const xDomain: [number, number] = [taus[0], taus[taus.length - 1]];
  const values = result.modes
    .flatMap((mode) => mode.points.flatMap((point) => [point.upperLimit, point.expected?.minus2Sigma, point.projection?.median, point.projection?.minus1Sigma]))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  const lowest = values.length > 0 ? Math.min(...values) : 1e-10;
  const yDomain: [number, number] = [10 ** Math.floor(Math.log10(lowest) - 0.5), 1];
  // Values far outside the plot are drawn at its edge (clipped), so the curves keep their shape.
  const clamp = (v: number) => Math.min(Math.max(v, yDomain[0] / 10), yDomain[1] * 10);
  const series = (points: LimitPoint[], pick: (point: LimitPoint) => number | null | undefined): Point[] =>
    points
      .map((point) => [point.tauS, pick(point)] as [number, number | null | undefined])
      .filter((p): p is [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]) && p[1] > 0)
      .map(([t, v]) => [t, clamp(v)]);
  const layers: FigureLayer[] = [];
  const entries: LegendEntry[] = [];
  const first = result.modes[0];
  if (first) {
    const e = (key: keyof ExpectedLimits) => series(first.points, (point) => point.expected?.[key]);
    layers.push({ kind: 'band', upper: e('plus2Sigma'), lower: e('minus2Sigma'), fill: '#FFE600', opacity: 0.85 });
    layers.push({ kind: 'band', upper: e('plus1Sigma'), lower: e('minus1Sigma'), fill: '#00CC44', opacity: 0.7 });
  }
  const channelLabel = result.channel === 'muonPair' ? 'μ^+μ^-' : result.channel === 'electronPair' ? 'e^+e^-' : result.channel;
  for (const mode of result.modes) {
    const colour = MODE_COLOURS[mode.mode];
    const observed = series(mode.points, (point) => point.upperLimit);
    if (observed.length >= 2) {
      const above = yDomain[1] * 100;
      layers.push({
        kind: 'area',
        polygons: [[[[observed[0][0], above], ...observed, [observed[observed.length - 1][0], above]]]],
        fill: colour,
        opacity: 0.16,
      });
      layers.push({ kind: 'line', lines: [observed], stroke: colour, width: 2.6, linecap: 'butt' });
    }
    const label = `${mode.decay.replace('->', '→')}: excluded (${result.basis === 'observed' ? 'observed' : 'expected median'})`;
    entries.push({ label: { plain: label }, swatch: { kind: 'area', fill: colour, opacity: 0.16, stroke: colour, strokeWidth: 2.6 } });
  }
  if (first) {
    const median = { stroke: '#000', width: 1.8, dash: '8 5', linecap: 'butt' as const };
    const projection = { stroke: '#6a3d9a', width: 2.4, dash: '2 4', linecap: 'round' as const };
    layers.push({ kind: 'line', lines: [series(first.points, (point) => point.expected?.median)], ...median });
    layers.push({ kind: 'line', lines: [series(first.points, (point) => point.projection?.median)], ...projection });
    const bandsOpen = first.points.some((point) => point.expected && point.expected.plus2Sigma > point.expected.minus2Sigma * (1 + 1e-9));
    const bandText = bandsOpen ? '(±1σ green, ±2σ yellow)' : '(±1σ, ±2σ equal it: b ≪ 1)';
    entries.push({ label: { plain: `expected median, ${first.decay.replace('->', '→')} ${bandText}` }, swatch: { kind: 'line', ...median } });
    entries.push({ label: { plain: `projection ${result.projection.pot.toExponential(0)} POT, expected median` }, swatch: { kind: 'line', ...projection } });
  }
  return {
    width: 900,
    height: 626,
    style: 'paper',
    title: `${result.scenario}: m_a = ${result.massGeV} GeV, a → ${channelLabel}`,
    subtitle: [
      {
        plain: `${Math.round(result.cl * 100)} % CL CLs, ${result.pot.toExponential(2)} POT (${result.basis}); projection ${result.projection.pot.toExponential(0)} POT`,
      },
    ],
    x: { scale: 'log', domain: xDomain, label: 'ALP lifetime τ_a [s]' },
    y: { scale: 'log', domain: yDomain, label: `BR(B → K^{(*)}a) × BR(a → ${channelLabel})` },
    layers,
    legend: { entries, position: 'below' },
    margin: { left: 104, right: 28 },
  };
}

/** The figure of modelIndependentFigure as an SVG string. */
export function modelIndependentSvg(result: ModelIndependentLimitsJson): string {
  return figureSvg(modelIndependentFigure(result));
}
