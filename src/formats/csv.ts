/**
 * CSV tables written with csv-stringify (quotes fields that contain commas, quotes or line breaks:
 * scenario and region names may). One table per file, a header row, no comment lines: the
 * provenance goes into a `provenance.json` sidecar (provenance.ts). Browser-safe.
 */
import { stringify } from 'csv-stringify/sync';
import type { LimitsJson } from '../limits/compute.ts';
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
