/**
 * Closed exclusion polygons in the form the limit-plot collections use (AxionLimits limit_data,
 * FORESEE bounds): per excluded region, its outline starting at the lowest mass, along the lower
 * edge to the highest mass, back along the upper edge, and the first point repeated. The rings
 * come from limits.json contours (d3 contour rings, [exterior, …holes]); orientation and start
 * point are normalised here in (ln m, ln g), where the plots draw them. Browser-safe.
 */
import type { ContourSet } from '../limits/compute.ts';

export type Point = [number, number];

/** Twice the signed area of a ring in (ln x, ln y); > 0 counter-clockwise with y up. */
function signedLogArea(ring: Point[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[(i + 1) % ring.length];
    sum += Math.log(x0) * Math.log(y1) - Math.log(x1) * Math.log(y0);
  }
  return sum;
}

/** A ring without its repeated last point. */
function openRing(ring: Point[]): Point[] {
  if (ring.length > 1) {
    const [a, b] = [ring[0], ring[ring.length - 1]];
    if (a[0] === b[0] && a[1] === b[1]) return ring.slice(0, -1);
  }
  return ring.slice();
}

/**
 * One ring as a closed outline: counter-clockwise in (ln m, ln g) (so from the lowest-mass point the
 * walk goes along the lower edge first), starting at the lowest mass (lowest coupling on ties),
 * first point repeated at the end.
 */
export function closedOutline(ring: Point[]): Point[] {
  let points = openRing(ring);
  if (points.length < 3) return [];
  if (signedLogArea(points) < 0) points = points.reverse();
  let start = 0;
  points.forEach(([m, g], i) => {
    const [ms, gs] = points[start];
    if (m < ms || (m === ms && g < gs)) start = i;
  });
  const rotated = [...points.slice(start), ...points.slice(0, start)];
  return [...rotated, rotated[0]];
}

export interface ExclusionOutline {
  /** Index of the polygon in the contour set. */
  polygon: number;
  /** 0: the exterior; 1…: holes (allowed islands inside the excluded area). */
  ring: number;
  points: Point[];
}

/** Every ring of a contour set as a closed outline, polygons in order of their lowest mass. */
export function exclusionOutlines(contours: ContourSet): ExclusionOutline[] {
  const polygons = contours.polygons
    .map((rings) => rings.map((ring) => closedOutline(ring)).filter((ring) => ring.length > 0))
    .filter((rings) => rings.length > 0)
    .sort((a, b) => a[0][0][0] - b[0][0][0]);
  return polygons.flatMap((rings, polygon) => rings.map((points, ring) => ({ polygon, ring, points })));
}
