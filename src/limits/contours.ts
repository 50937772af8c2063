/**
 * Exclusion boundaries from a grid of decisions, on log axes (docs/limits.md §5).
 *
 * 1. Marching squares (d3-contour `contours()`, unsmoothed, threshold ½ on the 0/1 excluded grid,
 *    whose pixel coordinates are the grid indices of ln x and ln y) gives closed rings whose
 *    vertices each lie on a grid edge between an excluded and a not-excluded point.
 * 2. Each vertex is moved to the boundary along its grid edge by bisection in ln x or ln y with the
 *    point decision function (if given), so the boundary does not depend on the grid spacing
 *    beyond where the bisection starts.
 * 3. Vertices on coupling-direction edges are classified: excluded above → lower edge (small
 *    coupling, long lifetime), excluded below → upper edge (large coupling, short lifetime).
 *    Segments along the grid border or next to points outside the tables ('unknown') are
 *    'boundary': they are not physics edges and are not reported as such.
 *
 * excludedIntervals does the 1-D version per mass: runs of excluded couplings, ends refined by
 * bisection, with flags where a run reaches the end of the scanned range.
 * Browser-safe.
 */
import { contours } from 'd3-contour';
import { ALLOWED, EXCLUDED, UNKNOWN, type Decision } from './exclusion.ts';

export type Point = [number, number];

/** Point decision in data coordinates (x, y > 0). */
export type Decider = (x: number, y: number) => Decision;

export type EdgeClass = 'lower' | 'upper' | 'side' | 'boundary';

export interface ExclusionContours {
  /** Filled excluded area: polygons, each [exterior ring, …holes], rings closed, in data coordinates. */
  polygons: Point[][][];
  /** Lower (long-lifetime) edges as polylines, x increasing along each when the area is simple. */
  lower: Point[][];
  /** Upper (short-lifetime) edges as polylines. */
  upper: Point[][];
}

export interface ContourOptions {
  /** Refines vertices by bisection; without it vertices sit halfway (in log) between grid points. */
  decide?: Decider;
  /** Bisection steps per vertex (default 30: 2⁻³⁰ of a grid step). */
  refineSteps?: number;
  /** Bisection steps for vertices on x-direction grid edges (default refineSteps). */
  xRefineSteps?: number;
}

interface Vertex {
  point: Point;
  kind: EdgeClass;
}

function checkGrid(x: readonly number[], y: readonly number[], decisions: Uint8Array): void {
  if (x.length < 1 || y.length < 1) throw new RangeError(`contour grid needs at least one point per axis (got ${x.length} × ${y.length})`);
  if (decisions.length !== x.length * y.length) throw new RangeError(`decisions has ${decisions.length} entries for a ${x.length} × ${y.length} grid`);
}

/** Bisection in ln between a (excluded) and b (not) along one axis; returns the boundary value. */
/**
 * Bisection in log scale by geometric means, √a·√b (the log-midpoint): square roots and products are
 * exactly rounded in every JavaScript engine, where Math.exp/Math.log are not, so the page and the
 * CLI bisect to the same edge bit for bit.
 */
function bisectLog(excludedValue: number, otherValue: number, decideAt: (value: number) => Decision, steps: number): number {
  let inside = excludedValue;
  let outside = otherValue;
  for (let step = 0; step < steps; step++) {
    const middle = logMidpoint(inside, outside);
    if (decideAt(middle) === EXCLUDED) inside = middle;
    else outside = middle;
  }
  return logMidpoint(inside, outside);
}

function logMidpoint(a: number, b: number): number {
  return Math.sqrt(a) * Math.sqrt(b);
}

/** Exclusion contours of a decision grid: decisions[j · nx + i] for (x[i], y[j]); both axes strictly increasing. */
export function exclusionContours(x: readonly number[], y: readonly number[], decisions: Uint8Array, options: ContourOptions = {}): ExclusionContours {
  checkGrid(x, y, decisions);
  const nx = x.length;
  const ny = y.length;
  const steps = options.refineSteps ?? 30;
  const xSteps = options.xRefineSteps ?? steps;
  const decide = options.decide;
  const values = new Float64Array(nx * ny);
  for (let index = 0; index < values.length; index++) values[index] = decisions[index] === EXCLUDED ? 1 : 0;
  const generator = contours().size([nx, ny]).smooth(false).thresholds([0.5]);
  const multiPolygon = generator(Array.from(values))[0];
  const at = (i: number, j: number) => decisions[j * nx + i];
  const clampX = (i: number) => x[Math.min(Math.max(i, 0), nx - 1)];
  const clampY = (j: number) => y[Math.min(Math.max(j, 0), ny - 1)];
  const cache = new Map<string, Vertex>();

  function vertex(X: number, Y: number): Vertex {
    const key = `${X},${Y}`;
    const known = cache.get(key);
    if (known) return known;
    let result: Vertex;
    if (Number.isInteger(X)) {
      // between pixels (X − 1, row) and (X, row): a crossing along x
      const row = Math.min(Math.max(Math.floor(Y), 0), ny - 1);
      const left = X - 1;
      const right = X;
      if (left < 0 || right > nx - 1) {
        result = { point: [clampX(left < 0 ? 0 : nx - 1), y[row]], kind: 'boundary' };
      } else {
        const a = at(left, row);
        const b = at(right, row);
        if (a === UNKNOWN || b === UNKNOWN) result = { point: [logMidpoint(x[left], x[right]), y[row]], kind: 'boundary' };
        else {
          const [inside, outside] = a === EXCLUDED ? [x[left], x[right]] : [x[right], x[left]];
          const value = decide ? bisectLog(inside, outside, (xv) => decide(xv, y[row]), xSteps) : logMidpoint(inside, outside);
          result = { point: [value, y[row]], kind: 'side' };
        }
      }
    } else {
      // between pixels (column, Y − 1) and (column, Y): a crossing along y
      const column = Math.min(Math.max(Math.floor(X), 0), nx - 1);
      const below = Y - 1;
      const above = Y;
      if (below < 0 || above > ny - 1) {
        result = { point: [x[column], clampY(below < 0 ? 0 : ny - 1)], kind: 'boundary' };
      } else {
        const a = at(column, below);
        const b = at(column, above);
        if (a === UNKNOWN || b === UNKNOWN) result = { point: [x[column], logMidpoint(y[below], y[above])], kind: 'boundary' };
        else {
          const excludedAbove = b === EXCLUDED;
          const [inside, outside] = excludedAbove ? [y[above], y[below]] : [y[below], y[above]];
          const value = decide ? bisectLog(inside, outside, (yv) => decide(x[column], yv), steps) : logMidpoint(inside, outside);
          result = { point: [x[column], value], kind: excludedAbove ? 'lower' : 'upper' };
        }
      }
    }
    cache.set(key, result);
    return result;
  }

  const polygons: Point[][][] = [];
  const lower: Point[][] = [];
  const upper: Point[][] = [];
  for (const polygon of multiPolygon.coordinates) {
    const rings: Point[][] = [];
    for (const ring of polygon) {
      const vertices = ring.map(([X, Y]) => vertex(X, Y));
      rings.push(vertices.map((v) => [v.point[0], v.point[1]]));
      collectEdges(vertices, lower, upper);
    }
    polygons.push(rings);
  }
  return { polygons, lower, upper };
}

/**
 * Segment classes from the grid (exact, independent of the refinement): a vertex on a
 * coupling-direction grid edge knows whether the excluded point is above it (lower edge) or below
 * (upper edge); a segment takes the class of such an endpoint (two of them in one cell always
 * agree). Segments between two mass-direction crossings (steep parts) are 'side'; a run of them
 * between two segments of the same class takes that class (one steep stretch of one edge), and
 * stays 'side' between a lower and an upper edge (the tip where the two edges meet). Segments
 * touching the grid border or unknown points are 'boundary'.
 */
function segmentClass(a: Vertex, b: Vertex): EdgeClass {
  if (a.kind === 'boundary' || b.kind === 'boundary') return 'boundary';
  if (a.kind === 'lower' || a.kind === 'upper') return a.kind;
  if (b.kind === 'lower' || b.kind === 'upper') return b.kind;
  return 'side';
}

function resolveSideRuns(classes: EdgeClass[]): void {
  const n = classes.length;
  if (classes.every((c) => c === 'side')) return;
  const start = classes.findIndex((c) => c !== 'side');
  for (let step = 1; step <= n; step++) {
    const s = (start + step) % n;
    if (classes[s] !== 'side') continue;
    let end = s;
    let length = 0;
    while (classes[end % n] === 'side' && length < n) {
      end++;
      length++;
    }
    const before = classes[(s + n - 1) % n];
    const after = classes[end % n];
    const edge = (c: EdgeClass) => c === 'lower' || c === 'upper';
    let resolved: EdgeClass = 'side';
    if (before === after && edge(before)) resolved = before;
    else if (edge(before) && after === 'boundary') resolved = before;
    else if (edge(after) && before === 'boundary') resolved = after;
    for (let k = 0; k < length; k++) classes[(s + k) % n] = resolved;
    step += length - 1;
  }
}

/** Splits a closed ring into maximal runs of lower / upper segments (x increasing in each polyline). */
function collectEdges(vertices: Vertex[], lower: Point[][], upper: Point[][]): void {
  // d3 rings repeat the first vertex at the end
  const n = vertices.length - 1;
  if (n < 2) return;
  const classes: EdgeClass[] = [];
  for (let s = 0; s < n; s++) classes.push(segmentClass(vertices[s], vertices[s + 1]));
  resolveSideRuns(classes);
  // start the walk at a segment whose class differs from its predecessor, so runs do not wrap
  let start = classes.findIndex((c, s) => c !== classes[(s + n - 1) % n]);
  if (start < 0) start = 0;
  let run: Point[] | null = null;
  let runClass: EdgeClass | null = null;
  const flush = () => {
    if (run && run.length >= 2 && (runClass === 'lower' || runClass === 'upper')) {
      const ordered = run[0][0] <= run[run.length - 1][0] ? run : [...run].reverse();
      (runClass === 'lower' ? lower : upper).push(ordered);
    }
    run = null;
    runClass = null;
  };
  for (let step = 0; step < n; step++) {
    const s = (start + step) % n;
    const c = classes[s];
    if (c !== runClass) {
      flush();
      runClass = c;
      run = [[...vertices[s].point] as Point];
    }
    run!.push([...vertices[s + 1].point] as Point);
  }
  flush();
}

export interface CouplingInterval {
  lower: number;
  upper: number;
  /** The run reaches the first scanned coupling: the true lower edge lies below the range. */
  lowerAtRangeEnd: boolean;
  /** The run reaches the last scanned coupling. */
  upperAtRangeEnd: boolean;
  /** A neighbour of the run lies outside the tables: that end is not a physics edge. */
  lowerNextToUnknown: boolean;
  upperNextToUnknown: boolean;
}

/**
 * Excluded coupling intervals along one column: decisions[j] for y[j] (strictly increasing);
 * ends refined by bisection with decideAt when given.
 */
export function excludedIntervals(
  y: readonly number[],
  decisions: ArrayLike<number>,
  decideAt?: (yValue: number) => Decision,
  refineSteps = 30,
): CouplingInterval[] {
  if (decisions.length !== y.length) throw new RangeError(`decisions has ${decisions.length} entries for ${y.length} couplings`);
  const intervals: CouplingInterval[] = [];
  let j = 0;
  while (j < y.length) {
    if (decisions[j] !== EXCLUDED) {
      j++;
      continue;
    }
    const first = j;
    while (j + 1 < y.length && decisions[j + 1] === EXCLUDED) j++;
    const last = j;
    j++;
    const refine = (inside: number, outside: number) => (decideAt ? bisectLog(inside, outside, decideAt, refineSteps) : logMidpoint(inside, outside));
    const belowDecision = first > 0 ? decisions[first - 1] : undefined;
    const aboveDecision = last < y.length - 1 ? decisions[last + 1] : undefined;
    intervals.push({
      lower: belowDecision === ALLOWED ? refine(y[first], y[first - 1]) : y[first],
      upper: aboveDecision === ALLOWED ? refine(y[last], y[last + 1]) : y[last],
      lowerAtRangeEnd: first === 0,
      upperAtRangeEnd: last === y.length - 1,
      lowerNextToUnknown: belowDecision === UNKNOWN,
      upperNextToUnknown: aboveDecision === UNKNOWN,
    });
  }
  return intervals;
}
