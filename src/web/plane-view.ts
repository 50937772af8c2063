/** The coupling–coupling view at fixed mass (the limits library's computeCouplingPlane on the page's tables). */
import type { PlaneCoupling } from '../limits/index.ts';
import { SCENARIO_COLOURS } from '../plots/exclusion.ts';
import { computeCouplingPlanes, ringsWithoutBorder } from './analysis.ts';
import { formatNumber } from './dom.ts';
import { bandPolygons, PLOT_HEIGHT, PLOT_WIDTH } from './mass-view.ts';
import type { AreaLayer, CurveLayer, LegendEntry, PlotSpec } from './plot.ts';
import type { Source } from './state.ts';
import { csvTable, type CsvCell } from '../formats/csv.ts';

export interface PlaneViewInput {
  sources: Source[];
  /** null when nothing is loaded. */
  massGeV: number | null;
  x: PlaneCoupling;
  y: PlaneCoupling;
  range: [number, number];
  /** The sets the limits use (backgrounds scaled as the controls say), one per source. */
  sets: Source['set'][];
  /** Each source's exposure as a multiple of its scenario's own POT. */
  factors: number[];
}

export function planeView(input: PlaneViewInput): { spec: PlotSpec; csv: string; note: string } {
  const {
    x,
    y,
    range: [gLo, gHi],
    massGeV,
  } = input;
  const axis = (name: string) => `${name.replace(/^c_(\w+)$/, 'c_{$1}').replace('c_{ll}', 'c_{ℓℓ}')}/f_{a} [GeV^{-1}]`;
  if (massGeV === null || x === y) {
    return {
      spec: {
        width: PLOT_WIDTH,
        height: PLOT_HEIGHT,
        title: 'Coupling plane at fixed mass',
        x: { domain: [gLo, gHi], log: true, label: axis(x) },
        y: { domain: [gLo, gHi], log: true, label: axis(y) },
        emptyMessage: x === y ? 'choose two different couplings' : 'Press Run (or load table files) first.',
      },
      csv: '',
      note: '',
    };
  }
  const all = input.sources;
  const { planes, milliseconds } = computeCouplingPlanes({ sets: input.sets, massGeV, x, y, range: [gLo, gHi], points: 48, potFactors: input.factors });
  const areas: AreaLayer[] = [];
  const curves: CurveLayer[] = [];
  const legend: LegendEntry[] = [];
  for (const { index, plane } of planes) {
    const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
    areas.push({ polygons: plane.contours.nominal.polygons, fill: colour, opacity: 0.14 });
    areas.push({ polygons: bandPolygons(plane.contours.mcPlus1Sigma, plane.contours.mcMinus1Sigma), fill: colour, opacity: 0.35 });
    const edges = ringsWithoutBorder(plane.contours.nominal.polygons.flat(), [gLo, gHi], [gLo, gHi]);
    curves.push({ lines: edges, stroke: colour, width: 2.4, testId: 'plane-contour', data: { 'data-scenario': plane.scenario } });
    legend.push({ label: `${all[index].label}: ${plane.basis === 'observed' ? 'observed' : 'expected (median)'} 90 % CL`, kind: 'area', colour });
  }
  if (planes.length > 0) legend.push({ label: 'MC statistical ±1σ of the edge', kind: 'band', colour: '#555' });
  const spec: PlotSpec = {
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    title: `m_{a} = ${formatNumber(massGeV, 4)} GeV, other couplings 0`,
    subtitle: `90 % CL CLs exclusion · exposure × ${[...new Set(input.factors.map((factor) => formatNumber(factor)))].join(' / ')}`,
    x: { domain: [gLo, gHi], log: true, label: axis(x) },
    y: { domain: [gLo, gHi], log: true, label: axis(y) },
    areas,
    curves,
    legend,
    emptyMessage: planes.length === 0 ? 'no loaded tables cover this mass' : undefined,
  };
  const warnings = planes.flatMap(({ index, plane }) => plane.warnings.map((warning) => `${all[index].label}: ${warning}`));
  const rows: CsvCell[][] = [];
  for (const { plane } of planes) {
    for (const [curve, set] of [
      ['nominal', plane.contours.nominal],
      ['mc-minus-1sigma', plane.contours.mcMinus1Sigma],
      ['mc-plus-1sigma', plane.contours.mcPlus1Sigma],
    ] as const) {
      set.polygons.flat().forEach((ring, ringIndex) => ring.forEach(([a, b], point) => rows.push([plane.scenario, massGeV, curve, ringIndex, point, a, b])));
    }
  }
  return {
    spec,
    note: `${warnings.join('\n')}${warnings.length ? '\n' : ''}plane: ${milliseconds.toFixed(0)} ms`,
    csv: csvTable(['scenario', 'massGeV', 'curve', 'ring', 'point', `${x}_over_fa_per_GeV`, `${y}_over_fa_per_GeV`], rows),
  };
}
