/**
 * Fixed-mass (c_GG/f_a, c_BB/f_a) planes: alpenglow's plane.json against ALPINIST's plane contours
 * (reference/alpinist/coupling-planes.json; docs/validation.md "Coupling–coupling planes"). Both are compared
 * where they cross the rays c_BB = r c_GG. ALPINIST's crossings are C_GG/Λ [GeV⁻¹]; alpenglow's c_GG/f_a =
 * 32π² C_GG/Λ (physics.md §1.2).
 */
import { SIXTEEN_PI_SQUARED_TIMES_2 } from './contour-comparison.ts';

/** Samples per mode of the plane comparison (the CLI default): at 5e4, upper crossings moved by up to 20 % between seeds. */
export const PLANE_SAMPLES = 400_000;

/**
 * The sample factor of a plane comparison: 8 for the KOTO Step-1 kaon-mode planes at 40 MeV, else 1. There the
 * selection passes ALPs only just above its low-mass end (ALPINIST's gluon contour closes at 0.035 GeV): with
 * 4e5 samples per mode the koto-step1-2015 plane's crossings moved by up to 9× between seeds 1 and 2, with
 * 3.2e6 by less than 3 % on the gluon-side rays (docs/validation.md §5).
 */
export function planeSampleFactor(scenario: string, massGeV: number): number {
  return (scenario === 'koto-step1-2015' || scenario === 'koto-step1-future') && massGeV < 0.045 ? 8 : 1;
}

export interface ReferencePlane {
  alpinist: string;
  scenario: string;
  massGeV: number;
  source: { repo: string; tag: string; commit: string; path: string; blob: string };
  cggAxisCrossingsCggOverLambdaPerGeV: number[];
  cbbAxisCrossingsCbbOverLambdaPerGeV: number[];
  rays: { cbbOverCgg: number; crossingsCggOverLambdaPerGeV: number[] }[];
}

export interface PlaneGrid {
  xValuesPerGeV: number[];
  yValuesPerGeV: number[];
}

/** Margin of the plane grid beyond ALPINIST's outermost crossings (factor on each side). */
const GRID_MARGIN = 5;

/**
 * The (c_GG/f_a, c_BB/f_a) grid of a comparison: x spans ALPINIST's ray and C_GG-axis crossings, y the c_BB
 * values of its ray crossings, each with a factor 5 to spare; `points` × (`points` + 8) log-spaced points
 * (y spans more decades).
 */
export function planeAxes(plane: ReferencePlane, rays: number[], points: number): PlaneGrid {
  const xs = [...plane.cggAxisCrossingsCggOverLambdaPerGeV, ...plane.rays.flatMap((ray) => ray.crossingsCggOverLambdaPerGeV)].map((c) => c * SIXTEEN_PI_SQUARED_TIMES_2);
  const ys = plane.rays.flatMap((ray) => ray.crossingsCggOverLambdaPerGeV.map((c) => c * SIXTEEN_PI_SQUARED_TIMES_2 * ray.cbbOverCgg));
  const xLo = Math.min(...xs) / GRID_MARGIN;
  const xHi = Math.max(...xs) * GRID_MARGIN;
  const yLo = Math.min(...ys, Math.min(...rays) * xLo * GRID_MARGIN) / GRID_MARGIN;
  const yHi = Math.max(...ys) * GRID_MARGIN;
  return { xValuesPerGeV: logSpaced(xLo, xHi, points), yValuesPerGeV: logSpaced(yLo, yHi, points + 8) };
}

function logSpaced(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Number((lo * (hi / lo) ** (i / (n - 1))).toPrecision(6)));
}

/**
 * Where the rings of the excluded area cross the ray c_BB = r c_GG, as c_GG/f_a (log–log between
 * vertices), ascending. Edges along the grid boundary are not crossings: an exclusion that reaches the
 * boundary on the ray gives one crossing only (open).
 */
export function rayCrossings(polygons: [number, number][][][], cbbOverCgg: number, grid: PlaneGrid): number[] {
  const { xValuesPerGeV: xv, yValuesPerGeV: yv } = grid;
  const bounds = [xv[0], xv[xv.length - 1], yv[0], yv[yv.length - 1]];
  const near = (a: number, b: number) => Math.abs(a / b - 1) < 1e-4;
  const onBoundary = (p: [number, number], q: [number, number]) =>
    (near(p[0], bounds[0]) && near(q[0], bounds[0])) ||
    (near(p[0], bounds[1]) && near(q[0], bounds[1])) ||
    (near(p[1], bounds[2]) && near(q[1], bounds[2])) ||
    (near(p[1], bounds[3]) && near(q[1], bounds[3]));
  const logR = Math.log(cbbOverCgg);
  const xs: number[] = [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 0; i < ring.length; i++) {
        const p = ring[i];
        const q = ring[(i + 1) % ring.length];
        if (onBoundary(p, q)) continue;
        const fp = Math.log(p[1] / p[0]) - logR;
        const fq = Math.log(q[1] / q[0]) - logR;
        if (fp === fq || fp * fq > 0 || fq === 0) continue;
        const t = fp / (fp - fq);
        xs.push(Math.exp(Math.log(p[0]) + t * (Math.log(q[0]) - Math.log(p[0]))));
      }
    }
  }
  return xs.sort((a, b) => a - b);
}

/**
 * Whether ALPINIST's plane is wrong on this ray (docs/validation.md §3), so the ray is flagged, not compared:
 * - KOTO Step 1 (KOTOdump, KOTOpnn, KOTOexclPnn) between 0.26 and 0.45 GeV, any c_GG ≠ 0: the v1.3.0 mixing
 *   boost leaves almost no π⁰-mixing ALP inside KOTO's angles;
 * - KOTO Step 2 (KOTO2pnn, KOTO2dump) on the photon-dominated rays (c_BB ≥ 10 c_GG): its photon-from-meson
 *   Primakoff tables are empty.
 */
export function alpinistPlaneDefect(scenario: string, massGeV: number, cbbOverCgg: number): string | undefined {
  if (scenario.startsWith('koto-step1') && massGeV >= 0.26 && massGeV <= 0.45) return 'mixing boost (ALPINIST v1.3.0 mixing.py, KOTO Step 1, 0.26–0.45 GeV)';
  if (scenario.startsWith('koto-step2') && cbbOverCgg >= 10) return 'empty photon-from-meson tables (ALPINIST v1.3.0 KOTO Step 2)';
  return undefined;
}
