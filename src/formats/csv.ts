/**
 * CSV tables written with csv-stringify (quotes fields that contain commas, quotes or line breaks:
 * scenario and region names may). One table per file, a header row, no comment lines: the
 * provenance goes into a `provenance.json` sidecar (provenance.ts). Browser-safe.
 */
import { stringify } from 'csv-stringify/sync';
import type { LimitsJson } from '../limits/compute.ts';
import type { ModelIndependentLimitsJson } from '../limits/model-independent.ts';
import { describeCouplingAxis, type CouplingAxis } from './coupling-axis.ts';
import { exclusionOutlines } from './polygons.ts';

export type CsvCell = string | number | null;

/** One CSV table: header row, then the rows; numbers as JavaScript writes them (round-trip exact). */
export function csvTable(header: string[], rows: CsvCell[][]): string {
  return stringify([header, ...rows.map((row) => row.map((cell) => (cell === null ? '' : typeof cell === 'number' ? String(cell) : cell)))], {
    record_delimiter: 'unix',
  });
}

const CURVES = [
  ['nominal', 'nominal'],
  ['mc-minus-1sigma', 'mcMinus1Sigma'],
  ['mc-plus-1sigma', 'mcPlus1Sigma'],
] as const;

/** The coupling column name: couplingPerGeV (KOTO 1/f_a) or gAgammaPerGeV. */
export function couplingColumn(axis: CouplingAxis): string {
  return axis === 'gagg' ? 'gAgammaPerGeV' : 'couplingPerGeV';
}

/**
 * contour.csv (long form): one row per point of the lower and upper edges,
 * `scenario,curve,edge,segment,point,massGeV,couplingPerGeV` (or gAgammaPerGeV with axis gagg).
 */
export function contourLongCsv(limitsList: LimitsJson[], axis: CouplingAxis = 'koto'): string {
  const rows: CsvCell[][] = [];
  for (const limits of limitsList) {
    const { factor } = describeCouplingAxis(limits, axis, '--coupling-axis gagg');
    for (const [curve, key] of CURVES) {
      for (const edge of ['lower', 'upper'] as const) {
        limits.contours[key][edge].forEach((line, segment) =>
          line.forEach(([m, g], point) => rows.push([limits.scenario, curve, edge, segment, point, m, g * factor])),
        );
      }
    }
  }
  return csvTable(['scenario', 'curve', 'edge', 'segment', 'point', 'massGeV', couplingColumn(axis)], rows);
}

/**
 * contour-polygons.csv: the excluded regions as closed polygons (polygons.ts), one row per vertex,
 * `scenario,curve,polygon,ring,point,massGeV,couplingPerGeV`; ring 0 is a region's outline, ring ≥ 1
 * an allowed island inside it; the last point of each ring repeats its first.
 */
export function contourPolygonsCsv(limitsList: LimitsJson[], axis: CouplingAxis = 'koto'): string {
  const rows: CsvCell[][] = [];
  for (const limits of limitsList) {
    const { factor } = describeCouplingAxis(limits, axis, '--coupling-axis gagg');
    for (const [curve, key] of CURVES) {
      for (const outline of exclusionOutlines(limits.contours[key])) {
        outline.points.forEach(([m, g], point) => rows.push([limits.scenario, curve, outline.polygon, outline.ring, point, m, g * factor]));
      }
    }
  }
  return csvTable(['scenario', 'curve', 'polygon', 'ring', 'point', 'massGeV', couplingColumn(axis)], rows);
}

/**
 * band.csv of `limits --model bk:` (columns: scenario, mode, mass, τ, cτ, the observed-basis limit,
 * expected median ±1σ ±2σ, projection median ±1σ; six significant digits), written with csv-stringify so
 * scenario names with commas stay one field. Empty cells: no limit (null, or BR×BR above 1).
 */
export function modelIndependentBandCsv(results: ModelIndependentLimitsJson[]): string {
  const header = [
    'scenario',
    'mode',
    'mass_GeV',
    'tau_s',
    'ctau_m',
    'upper_limit',
    'expected_minus2sigma',
    'expected_minus1sigma',
    'expected_median',
    'expected_plus1sigma',
    'expected_plus2sigma',
    'projection_pot',
    'projection_minus1sigma',
    'projection_median',
    'projection_plus1sigma',
  ];
  const f = (value: number | null | undefined) => (value === null || value === undefined || !Number.isFinite(value) ? null : value.toPrecision(6));
  const rows: CsvCell[][] = [];
  for (const result of results) {
    for (const mode of result.modes) {
      for (const point of mode.points) {
        rows.push([
          result.scenario,
          mode.mode,
          result.massGeV,
          point.tauS.toPrecision(6),
          point.ctauM.toPrecision(6),
          f(point.upperLimit),
          f(point.expected?.minus2Sigma),
          f(point.expected?.minus1Sigma),
          f(point.expected?.median),
          f(point.expected?.plus1Sigma),
          f(point.expected?.plus2Sigma),
          result.projection.pot,
          f(point.projection?.minus1Sigma),
          f(point.projection?.median),
          f(point.projection?.plus1Sigma),
        ]);
      }
    }
  }
  return csvTable(header, rows);
}
