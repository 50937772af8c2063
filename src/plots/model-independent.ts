/**
 * The model-independent B → K(*) a figure (issue #8): excluded BR×BR band versus τ_a at one mass.
 */
import { B_PRODUCTION_MODES, type BProductionMode } from '../physics/b-meson-production.ts';
import type { LimitPoint, ModelIndependentLimitsJson } from '../limits/model-independent.ts';
import type { ExpectedLimits } from '../stats/index.ts';
import { escapeXml, logScale, logTicks, px, richText } from './exclusion-axes.ts';

const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
const MODE_COLOURS: Record<BProductionMode, string> = { 'b-to-k': '#0072B2', 'b-to-kstar': '#D55E00' };

/**
 * The excluded BR×BR band versus τ_a at one mass (the seeds' Fig. 5 kind): shaded excluded region
 * above the observed-basis limit of each B mode, the expected median with ±1σ (green) and ±2σ
 * (yellow) bands for the first mode, and the projection's expected median (dotted).
 */
export function modelIndependentSvg(result: ModelIndependentLimitsJson): string {
  const width = 900;
  const height = 760;
  // The legend sits below the x axis: the excluded region fills the top of the plot and the curves
  // its middle, so no corner inside the frame is reliably free.
  const margin = { left: 104, right: 28, top: 60, bottom: 212 };
  const plotLeft = margin.left;
  const plotRight = width - margin.right;
  const plotTop = margin.top;
  const plotBottom = height - margin.bottom;
  const taus = result.modes[0]?.points.map((point) => point.tauS) ?? [1e-12, 1e-6];
  const xDomain: [number, number] = [taus[0], taus[taus.length - 1]];
  const values = result.modes.flatMap((mode) => mode.points.flatMap((point) => [point.upperLimit, point.expected?.minus2Sigma, point.projection?.median, point.projection?.minus1Sigma]))
    .filter((v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0);
  const lowest = values.length > 0 ? Math.min(...values) : 1e-10;
  const yDomain: [number, number] = [10 ** Math.floor(Math.log10(lowest) - 0.5), 1];
  const x = logScale(xDomain, [plotLeft, plotRight]);
  const y = logScale(yDomain, [plotBottom, plotTop]);
  const clampY = (v: number) => y(Math.min(Math.max(v, yDomain[0] / 10), yDomain[1] * 10));
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`);
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="plot-area"><rect x="${plotLeft}" y="${plotTop}" width="${px(plotRight - plotLeft)}" height="${px(plotBottom - plotTop)}"/></clipPath></defs>`);
  const channelLabel = result.channel === 'muonPair' ? 'μ^+μ^-' : result.channel === 'electronPair' ? 'e^+e^-' : result.channel;
  out.push(`<text x="${px((plotLeft + plotRight) / 2)}" y="30" font-size="20" text-anchor="middle" font-weight="bold">${richText(`${result.scenario}: m_a = ${result.massGeV} GeV, a → ${channelLabel}`, 20)}</text>`);
  out.push(`<text x="${px((plotLeft + plotRight) / 2)}" y="52" font-size="15" text-anchor="middle">${escapeXml(`${Math.round(result.cl * 100)} % CL CLs, ${result.pot.toExponential(2)} POT (${result.basis}); projection ${result.projection.pot.toExponential(0)} POT`)}</text>`);

  const grid: string[] = [];
  const ticks: string[] = [];
  const labels: string[] = [];
  for (const tick of logTicks(xDomain)) {
    const X = px(x(tick.value));
    if (tick.major) grid.push(`M${X},${plotTop}V${plotBottom}`);
    ticks.push(`M${X},${plotBottom}v${tick.major ? -9 : -5}M${X},${plotTop}v${tick.major ? 9 : 5}`);
    if (tick.label) labels.push(`<text x="${X}" y="${plotBottom + 26}" font-size="${tick.major ? 18 : 15}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of logTicks(yDomain)) {
    const Y = px(y(tick.value));
    if (tick.major) grid.push(`M${plotLeft},${Y}H${plotRight}`);
    ticks.push(`M${plotLeft},${Y}h${tick.major ? 9 : 5}M${plotRight},${Y}h${tick.major ? -9 : -5}`);
    if (tick.label) labels.push(`<text x="${plotLeft - 10}" y="${px(y(tick.value) + 6)}" font-size="${tick.major ? 18 : 15}" text-anchor="end">${escapeXml(tick.label)}</text>`);
  }
  out.push(`<path d="${grid.join('')}" stroke="#e3e3e3" stroke-width="1" fill="none"/>`);
  out.push('<g clip-path="url(#plot-area)">');

  const series = (points: LimitPoint[], pick: (point: LimitPoint) => number | null | undefined): Array<[number, number]> =>
    points.map((point) => [point.tauS, pick(point)] as [number, number | null | undefined]).filter((p): p is [number, number] => typeof p[1] === 'number' && Number.isFinite(p[1]) && p[1] > 0);
  const line = (pts: Array<[number, number]>) => (pts.length < 2 ? '' : `M${pts.map(([t, v]) => `${px(x(t))},${px(clampY(v))}`).join('L')}`);
  const areaBetween = (upper: Array<[number, number]>, lower: Array<[number, number]>) => {
    if (upper.length < 2 || lower.length < 2) return '';
    return `M${upper.map(([t, v]) => `${px(x(t))},${px(clampY(v))}`).join('L')}L${[...lower].reverse().map(([t, v]) => `${px(x(t))},${px(clampY(v))}`).join('L')}Z`;
  };
  const first = result.modes[0];
  if (first) {
    const e = (key: keyof ExpectedLimits) => series(first.points, (point) => point.expected?.[key]);
    const outer = areaBetween(e('plus2Sigma'), e('minus2Sigma'));
    const inner = areaBetween(e('plus1Sigma'), e('minus1Sigma'));
    if (outer) out.push(`<path d="${outer}" fill="#FFE600" fill-opacity="0.85" stroke="none"/>`);
    if (inner) out.push(`<path d="${inner}" fill="#00CC44" fill-opacity="0.7" stroke="none"/>`);
  }
  result.modes.forEach((mode) => {
    const colour = MODE_COLOURS[mode.mode];
    const observed = series(mode.points, (point) => point.upperLimit);
    if (observed.length >= 2) {
      const top = y(yDomain[1]) - 20;
      const area = `M${px(x(observed[0][0]))},${px(top)}L${observed.map(([t, v]) => `${px(x(t))},${px(clampY(v))}`).join('L')}L${px(x(observed[observed.length - 1][0]))},${px(top)}Z`;
      out.push(`<path d="${area}" fill="${colour}" fill-opacity="0.16" stroke="none"/>`);
      out.push(`<path d="${line(observed)}" fill="none" stroke="${colour}" stroke-width="2.6" stroke-linejoin="round"/>`);
    }
  });
  if (first) {
    out.push(`<path d="${line(series(first.points, (point) => point.expected?.median))}" fill="none" stroke="#000" stroke-width="1.8" stroke-dasharray="8 5"/>`);
    out.push(`<path d="${line(series(first.points, (point) => point.projection?.median))}" fill="none" stroke="#6a3d9a" stroke-width="2.4" stroke-dasharray="2 4" stroke-linecap="round"/>`);
  }
  out.push('</g>');
  out.push(`<path d="${ticks.join('')}" stroke="#000" stroke-width="1.2" fill="none"/>`);
  out.push(`<rect x="${plotLeft}" y="${plotTop}" width="${px(plotRight - plotLeft)}" height="${px(plotBottom - plotTop)}" fill="none" stroke="#000" stroke-width="1.5"/>`);
  out.push(...labels);
  out.push(`<text x="${px((plotLeft + plotRight) / 2)}" y="${plotBottom + 56}" font-size="20" text-anchor="middle">${richText('ALP lifetime τ_a [s]', 20)}</text>`);
  const yLabel = `BR(B → K^{(*)}a) × BR(a → ${channelLabel})`;
  out.push(`<text x="0" y="0" transform="translate(30,${px((plotTop + plotBottom) / 2)}) rotate(-90)" font-size="20" text-anchor="middle">${richText(yLabel, 20)}</text>`);

  // Legend: one row per entry below the axis title.
  const entries: Array<{ draw: string; text: string }> = [];
  for (const mode of result.modes) {
    const colour = MODE_COLOURS[mode.mode];
    const label = `${mode.decay.replace('->', '→')}: excluded (${result.basis === 'observed' ? 'observed' : 'expected median'})`;
    entries.push({ draw: `<rect x="0" y="-9" width="34" height="14" fill="${colour}" fill-opacity="0.16" stroke="${colour}" stroke-width="2.6"/>`, text: label });
  }
  if (first) {
    const bandsOpen = first.points.some((point) => point.expected && point.expected.plus2Sigma > point.expected.minus2Sigma * (1 + 1e-9));
    const bandText = bandsOpen ? '(±1σ green, ±2σ yellow)' : '(±1σ, ±2σ equal it: b ≪ 1)';
    entries.push({ draw: '<path d="M0,-2H34" stroke="#000" stroke-width="1.8" stroke-dasharray="8 5"/>', text: `expected median, ${first.decay.replace('->', '→')} ${bandText}` });
    entries.push({ draw: '<path d="M0,-2H34" stroke="#6a3d9a" stroke-width="2.4" stroke-dasharray="2 4" stroke-linecap="round"/>', text: `projection ${result.projection.pot.toExponential(0)} POT, expected median` });
  }
  const rowHeight = 24;
  const rows = entries.length;
  const legendY = plotBottom + 76;
  out.push(`<rect x="${plotLeft}" y="${legendY}" width="${px(plotRight - plotLeft)}" height="${rows * rowHeight + 12}" fill="#ffffff" stroke="#999"/>`);
  entries.forEach((entry, index) => {
    const ex = plotLeft + 10;
    const ey = legendY + 22 + index * rowHeight;
    out.push(`<g transform="translate(${px(ex)},${ey})">${entry.draw}<text x="44" y="4" font-size="15">${escapeXml(entry.text)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
