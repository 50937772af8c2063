/**
 * The (m_a, g) view: the 90 % CL exclusion of every shown table set (runLimits, as the CLI), its MC
 * band and expected band, a heat map of N_sig, the coupling marker; and the table of excluded
 * coupling intervals per mass (the numbers of limits.json `exclusion`).
 */
import { couplingAxisLabel, type LimitsModel } from '../limits/index.ts';
import type { ContourSet } from '../limits/compute.ts';
import { BOUND_GREYS, SCENARIO_COLOURS, type ExistingBound } from '../plots/exclusion.ts';
import { heatPlane, heatUncertainty, type HeatPlane, type MassPlaneResult, type ScenarioExclusion } from './analysis.ts';
import { heatRaster, VIRIDIS_STOPS } from './colour.ts';
import { formatNumber, h } from './dom.ts';
import type { AreaLayer, CurveLayer, LegendEntry, PlotSpec, Point } from './plot.ts';
import type { ChosenPoint, Source } from './state.ts';
import { csvTable, type CsvCell } from '../formats/csv.ts';

const HEAT_RANGE = { lo: -1, hi: 4 };
export const PLOT_WIDTH = 920;
export const PLOT_HEIGHT = 600;

/** Union of polygon lists, for even-odd bands (outer area minus inner area). */
export function bandPolygons(a: { polygons: Point[][][] }, b: { polygons: Point[][][] }): Point[][][] {
  return [...a.polygons, ...b.polygons];
}

export interface MassViewInput {
  /** Existing bounds (dropped files) on the plot's coupling axis, drawn in grey under the limits. */
  bounds: ExistingBound[];
  sources: Source[];
  /** The exclusion of each source (redraw.ts: nominal in the first stage, with bands after). */
  exclusions: ScenarioExclusion[];
  /** How long computing them took (shown in the note). */
  milliseconds: number;
  model: LimitsModel;
  range: [number, number];
  marker: number;
  /** Each source's exposure as a multiple of its scenario's own POT (scales the heat map). */
  potFactors: number[];
  heatIndex: number;
  showBands: boolean;
  chosenPoint: ChosenPoint | null;
}

export interface MassView {
  spec: PlotSpec;
  csv: string;
  note: string;
  uncertainty: string;
  result: MassPlaneResult | null;
}

function exclusionLayers(entry: ScenarioExclusion, colour: string, testIdSuffix: string, showBands: boolean, areas: AreaLayer[], curves: CurveLayer[]): void {
  if (showBands && entry.expected) {
    areas.push({ polygons: bandPolygons(entry.expected.band2[0], entry.expected.band2[1]), fill: '#f2c12e', opacity: 0.55 });
    areas.push({ polygons: bandPolygons(entry.expected.band1[0], entry.expected.band1[1]), fill: '#3aa655', opacity: 0.55 });
  }
  areas.push({ polygons: entry.nominal.polygons, fill: colour, opacity: 0.12, testId: `excluded-area${testIdSuffix}` });
  areas.push({ polygons: bandPolygons(entry.mcHigh, entry.mcLow), fill: colour, opacity: 0.35, testId: `mc-band${testIdSuffix}` });
  if (entry.limits.basis === 'observed' && entry.expected) {
    curves.push({
      lines: [...entry.expected.median.lower, ...entry.expected.median.upper],
      stroke: colour,
      width: 2,
      dash: '7 4',
      halo: true,
      testId: `expected-median${testIdSuffix}`,
    });
  }
  if (showBands && entry.systematic) {
    const lines = entry.systematic.flatMap((set) => [...set.lower, ...set.upper]);
    if (lines.length > 0) curves.push({ lines, stroke: colour, width: 1.2, dash: '2 3', testId: `systematic-band${testIdSuffix}` });
  }
  const edges = [...entry.nominal.lower, ...entry.nominal.upper];
  const data = { 'data-scenario': entry.set.scenario.name };
  if (edges.length > 0) curves.push({ lines: edges, stroke: colour, width: 2.6, halo: true, testId: 'contour', data });
  else if (entry.nominal.polygons.length > 0)
    curves.push({ lines: entry.nominal.polygons.flat(), closed: true, stroke: colour, width: 2.6, halo: true, testId: 'contour', data });
}

function exposureText(all: Source[], factors: number[]): string {
  const shown = [...new Map(all.map((source, index) => [source.set.scenario.name, factors[index]])).entries()];
  if (shown.every(([, factor]) => factor === 1)) return "each scenario's own exposure";
  return shown.map(([name, factor]) => `${name} exposure × ${formatNumber(factor)}`).join(', ');
}

function axisLabels(model: LimitsModel): { yLabel: string; modelText: string } {
  const yLabel = `${couplingAxisLabel(model)
    .replace(/c_(GG|BB|WW|ℓℓ)/, 'c_{$1}')
    .replace('f_a', 'f_{a}')} [GeV^{-1}]`;
  const modelText = model.name.startsWith('custom:')
    ? `custom: c_{GG} = ${model.cGG}, c_{BB} = ${model.cBB}, c_{WW} = ${model.cWW}, c_{ℓℓ} = ${model.cLL}`
    : `${model.name} benchmark`;
  return { yLabel, modelText };
}

let rasterCache: { heat: HeatPlane; href: string } | null = null;

/**
 * The heat map's PNG raster at the scenario's own exposure, made once per plane. Another exposure
 * multiplies every N_sig by the same factor, so the picture stays and the colour bar's labels move
 * (heatTicks): no raster is redrawn on an exposure slider move.
 */
function heatHref(heat: HeatPlane): string {
  if (rasterCache && rasterCache.heat === heat) return rasterCache.href;
  const { plane, total } = heat;
  const values = Float64Array.from(total, (value, p) => (plane.status[p] === 0 ? value : Number.NaN));
  const href = heatRaster(values, plane.massesGeV.length, plane.couplingsPerGeV.length, HEAT_RANGE);
  rasterCache = { heat, href };
  return href;
}

/** Colour-bar ticks at whole decades of N_sig for a raster drawn at factor 1 and shown at `factor` × the exposure. */
export function heatTicks(factor: number): Array<{ fraction: number; label: string }> {
  const shift = Math.log10(factor);
  const ticks: Array<{ fraction: number; label: string }> = [];
  for (let k = Math.ceil(HEAT_RANGE.lo + shift - 1e-9); k <= HEAT_RANGE.hi + shift + 1e-9; k++) {
    ticks.push({ fraction: (k - shift - HEAT_RANGE.lo) / (HEAT_RANGE.hi - HEAT_RANGE.lo), label: formatNumber(10 ** k) });
  }
  return ticks;
}

export function massView(input: MassViewInput): MassView {
  const { sources: all, model, range, marker } = input;
  const { yLabel, modelText } = axisLabels(model);
  if (all.length === 0) {
    return {
      spec: {
        width: PLOT_WIDTH,
        height: PLOT_HEIGHT,
        title: `ALP ${modelText}`,
        x: { domain: [0.01, 1], log: true, label: 'm_{a} [GeV]', decimal: true },
        y: { domain: range, log: true, label: yLabel },
        emptyMessage: 'Press Run (or load table files) to compute the exclusion.',
      },
      csv: '',
      note: '',
      uncertainty: '',
      result: null,
    };
  }
  const heatIndex = Math.min(input.heatIndex, all.length - 1);
  const heats = all.map((source) => heatPlane(source.set, model, range));
  const scenarios = input.exclusions.map(
    (entry, index): ScenarioExclusion => ({
      ...entry,
      mcRelativeUncertainty: heatUncertainty(heats[index], input.potFactors[index]),
      unknownFraction: heats[index].unknownFraction,
    }),
  );
  const heatOf = heats[heatIndex];
  const result: MassPlaneResult = {
    masses: heatOf.plane.massesGeV,
    couplings: heatOf.plane.couplingsPerGeV,
    scenarios,
    heat: { plane: heatOf.plane, total: heatOf.total },
    milliseconds: input.milliseconds,
  };
  const areas: AreaLayer[] = [];
  const curves: CurveLayer[] = [];
  const legend: LegendEntry[] = [];
  input.bounds.forEach((bound, index) => {
    areas.push({ polygons: bound.polygons.map((ring) => [ring]), fill: BOUND_GREYS[index % BOUND_GREYS.length], opacity: 0.55, testId: 'existing-bound' });
    legend.push({ label: bound.label, kind: 'area', colour: BOUND_GREYS[index % BOUND_GREYS.length] });
  });
  result.scenarios.forEach((entry, index) => {
    const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
    exclusionLayers(entry, colour, index === 0 ? '' : `-${index}`, input.showBands, areas, curves);
    legend.push({ label: `${all[index].label}: ${entry.limits.basis === 'observed' ? 'observed' : 'expected (median)'} 90 % CL`, kind: 'line', colour });
  });
  legend.push({ label: 'MC statistical ±1σ of the edge', kind: 'band', colour: '#555' });
  if (input.showBands && result.scenarios.some((entry) => entry.expected)) {
    legend.push({ label: 'expected ±1σ', kind: 'band', colour: '#3aa655' }, { label: 'expected ±2σ', kind: 'band', colour: '#f2c12e' });
  }
  if (input.showBands && result.scenarios.some((entry) => entry.systematic))
    legend.push({ label: 'production systematics ±1σ of the edge', kind: 'dotted', colour: '#555' });
  if (result.scenarios.some((entry) => entry.limits.basis === 'observed' && entry.expected))
    legend.push({ label: 'expected median', kind: 'dashed', colour: '#333' });
  let heat: PlotSpec['heat'];
  if (result.masses.length >= 2) {
    heat = {
      href: heatHref(heatOf),
      colourBar: {
        title: `N_{sig}, ${all[heatIndex].set.scenario.name}`,
        stops: VIRIDIS_STOPS,
        ticks: heatTicks(input.potFactors[heatIndex]),
      },
    };
  }
  const massDomain: [number, number] = result.masses.length >= 2 ? [result.masses[0], result.masses.at(-1)!] : [result.masses[0] / 1.5, result.masses[0] * 1.5];
  const spec: PlotSpec = {
    width: PLOT_WIDTH,
    height: PLOT_HEIGHT,
    title: `ALP ${modelText}`,
    subtitle: `90 % CL CLs exclusion · ${exposureText(all, input.potFactors)} · heat map: expected signal events`,
    x: { domain: massDomain, log: true, label: 'm_{a} [GeV]', decimal: true },
    y: { domain: range, log: true, label: yLabel },
    heat,
    areas,
    curves,
    legend,
    guides: [{ y: marker, colour: '#c0392b', label: `marker g = ${formatNumber(marker)} GeV^{-1}`, testId: 'coupling-marker' }],
    markers: input.chosenPoint ? [{ points: [{ at: [input.chosenPoint.massGeV, input.chosenPoint.couplingPerGeV] }], colour: '#c0392b' }] : [],
    emptyMessage: result.masses.length < 2 ? 'one mass so far: the contour appears after the next pass' : undefined,
  };
  const notes = result.scenarios.map((entry, index) => {
    const mc = entry.mcRelativeUncertainty;
    const table = entry.set.tables[0];
    return (
      `${all[index].label}: ${table.massesGeV.length} masses, ${table.widthsGeV.length} widths, ${table.samplesPerMass} samples/mass; MC uncertainty of N_sig near the edge ${mc === null || mc === undefined ? 'n/a' : `±${(100 * mc).toFixed(1)} %`}` +
      `${entry.unknownFraction! > 0 ? `; ${(100 * entry.unknownFraction!).toFixed(0)} % of the plane lies outside the simulated widths (grey)` : ''}; basis: ${entry.limits.basisNote}` +
      entry.limits.warnings.map((warning) => `\n  warning: ${warning}`).join('')
    );
  });
  const mc = result.scenarios[0]?.mcRelativeUncertainty;
  return {
    spec,
    csv: massCsv(result, all),
    result,
    note: `${notes.join('\n')}\nrescaling + CLs + contours: ${result.milliseconds.toFixed(0)} ms${scenarios.every((entry) => entry.bands) ? '' : ' (nominal exclusion; the MC and expected bands follow when the sliders rest)'}`,
    uncertainty: mc === null || mc === undefined ? '' : `current MC uncertainty of N_sig near the contour: ±${(100 * mc).toFixed(1)} %`,
  };
}

export function massCsv(result: MassPlaneResult, all: Source[]): string {
  const rows: CsvCell[][] = [];
  result.scenarios.forEach((entry, index) => {
    const curves: Array<[string, ContourSet]> = [
      ['nominal', entry.nominal],
      ['mc-minus-1sigma', entry.mcLow],
      ['mc-plus-1sigma', entry.mcHigh],
    ];
    if (entry.expected) curves.push(['expected-median', entry.expected.median]);
    if (entry.systematic) curves.push(['systematic-minus-1sigma', entry.systematic[0]], ['systematic-plus-1sigma', entry.systematic[1]]);
    for (const [curve, contours] of curves) {
      for (const edge of ['lower', 'upper'] as const) {
        contours[edge].forEach((line, segment) =>
          line.forEach(([m, g], point) => rows.push([entry.set.scenario.name, all[index].origin, curve, edge, segment, point, m, g])),
        );
      }
    }
  });
  return csvTable(['scenario', 'source', 'curve', 'edge', 'segment', 'point', 'massGeV', 'couplingPerGeV'], rows);
}

/** The excluded interval(s) per mass of every shown set, as in limits.json `exclusion` (full precision in data attributes). */
export function intervalsTable(result: MassPlaneResult | null, all: Source[]): HTMLElement {
  if (!result || result.scenarios.length === 0) return h('p', { class: 'muted', text: 'No tables yet.' });
  const table = h(
    'table',
    { 'data-testid': 'intervals-table' },
    h('thead', {}, h('tr', {}, ...['scenario', 'source', 'm_a [GeV]', 'lower [GeV⁻¹]', 'upper [GeV⁻¹]', 'note'].map((text) => h('th', { text })))),
  );
  const body = h('tbody');
  result.scenarios.forEach((entry, index) => {
    const added = new Set(entry.limits.massRefinement?.addedMassesGeV ?? []);
    for (const interval of entry.limits.exclusion) {
      body.append(
        h(
          'tr',
          {
            'data-testid': 'interval-row',
            'data-scenario': entry.set.scenario.name,
            'data-origin': all[index].origin,
            'data-mass': String(interval.massGeV),
            'data-lower': String(interval.lowerCoupling),
            'data-upper': String(interval.upperCoupling),
            // an end at the scan's end is null plus the bound it lies beyond (limits.json; docs/limits.md §5)
            ...(interval.lowerCoupling === null ? { 'data-lower-bound': String(interval.lowerCouplingBoundPerGeV) } : {}),
            ...(interval.upperCoupling === null ? { 'data-upper-bound': String(interval.upperCouplingBoundPerGeV) } : {}),
          },
          h('td', { text: entry.set.scenario.name }),
          h('td', { text: all[index].origin }),
          h('td', { text: formatNumber(interval.massGeV, 4) }),
          // An edge at the end of the scan is no edge (null in limits.json): show the bound it lies beyond.
          h('td', {
            class: 'num',
            text: interval.lowerCoupling === null ? `< ${formatNumber(interval.lowerCouplingBoundPerGeV!, 3)}` : formatNumber(interval.lowerCoupling, 3),
          }),
          h('td', {
            class: 'num',
            text: interval.upperCoupling === null ? `> ${formatNumber(interval.upperCouplingBoundPerGeV!, 3)}` : formatNumber(interval.upperCoupling, 3),
          }),
          h('td', { text: added.has(interval.massGeV) ? 'mass added by refinement' : '' }),
        ),
      );
    }
  });
  table.append(body);
  return table;
}
