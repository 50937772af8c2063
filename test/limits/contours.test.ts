/**
 * Contours and per-mass intervals (src/limits/contours.ts) on a synthetic plane with a known
 * analytic boundary: N(m, g) = A(m) g² e^{−B(m) g²} (long-lifetime rise ∝ g², short-lifetime
 * fall), excluded where N > T = ln 10. With u = B g², u e^{−u} = T B/A, so the edges are
 * u₋ = −W₀(−TB/A) and u₊ = −W₋₁(−TB/A) (Lambert W, computed here by Newton's method).
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED, EXCLUDED, UNKNOWN, exclusionContours, excludedIntervals, logSpace, type Decision } from '../../src/limits/index.ts';

const T = Math.log(10);
const A = (m: number) => 1e10 * m;
const B = (m: number) => 3000 * m * m;
const signal = (m: number, g: number) => A(m) * g * g * Math.exp(-B(m) * g * g);
const decide = (m: number, g: number): Decision => (signal(m, g) > T ? EXCLUDED : ALLOWED);

/** Solves u e^{−u} = c for the root on the given side of u = 1 (Newton in ln u, ~1e-15). */
function rootOfUExpMinusU(c: number, side: 'lower' | 'upper'): number {
  let u = side === 'lower' ? c : Math.log(1 / c) + Math.log(Math.log(1 / c));
  for (let i = 0; i < 100; i++) {
    const f = Math.log(u) - u - Math.log(c); // ln(u e^{−u}) − ln c
    const df = 1 / u - 1;
    const next = u - f / df;
    if (Math.abs(next - u) <= 1e-15 * u) return next;
    u = next > 0 ? next : u / 2;
  }
  return u;
}

function analyticEdges(m: number): [number, number] {
  const c = (T * B(m)) / A(m);
  return [Math.sqrt(rootOfUExpMinusU(c, 'lower') / B(m)), Math.sqrt(rootOfUExpMinusU(c, 'upper') / B(m))];
}

const masses = logSpace(0.05, 1, 120);
const couplings = logSpace(1e-7, 10, 160);
function decisionGrid(decider = decide): Uint8Array {
  const grid = new Uint8Array(masses.length * couplings.length);
  couplings.forEach((g, j) => masses.forEach((m, i) => (grid[j * masses.length + i] = decider(m, g))));
  return grid;
}

describe('analytic boundary A g² e^{−B g²} = ln 10', () => {
  it('the helper roots satisfy the boundary equation', () => {
    for (const m of [0.05, 0.3, 1]) {
      const [lo, hi] = analyticEdges(m);
      expect(signal(m, lo) / T).toBeCloseTo(1, 12);
      expect(signal(m, hi) / T).toBeCloseTo(1, 12);
      expect(hi).toBeGreaterThan(lo * 10);
    }
  });

  it('excludedIntervals: one interval per mass, ends within 1e-6 of the analytic edges', () => {
    for (const m of [0.05, 0.0731, 0.2, 0.55, 1]) {
      const column = Uint8Array.from(couplings, (g) => decide(m, g));
      const intervals = excludedIntervals(couplings, column, (g) => decide(m, g));
      expect(intervals).toHaveLength(1);
      const [lo, hi] = analyticEdges(m);
      expect(Math.abs(intervals[0].lower / lo - 1)).toBeLessThan(1e-6);
      expect(Math.abs(intervals[0].upper / hi - 1)).toBeLessThan(1e-6);
      expect(intervals[0].lowerAtRangeEnd || intervals[0].upperAtRangeEnd).toBe(false);
      // without refinement: within one grid step (log spacing of the coupling axis)
      const coarse = excludedIntervals(couplings, column);
      const step = Math.log(couplings[1] / couplings[0]);
      expect(Math.abs(Math.log(coarse[0].lower / lo))).toBeLessThan(step);
      expect(Math.abs(Math.log(coarse[0].upper / hi))).toBeLessThan(step);
    }
  });

  it('exclusionContours: a single lower and a single upper edge on the analytic curves (refined to 1e-6)', () => {
    const result = exclusionContours(masses, couplings, decisionGrid(), { decide });
    expect(result.polygons).toHaveLength(1);
    expect(result.lower).toHaveLength(1);
    expect(result.upper).toHaveLength(1);
    for (const [edge, index] of [
      [result.lower[0], 0],
      [result.upper[0], 1],
    ] as const) {
      expect(edge.length).toBeGreaterThan(masses.length - 2);
      // ordered by increasing mass, spanning the mass range
      for (let k = 1; k < edge.length; k++) expect(edge[k][0]).toBeGreaterThanOrEqual(edge[k - 1][0]);
      expect(edge[0][0]).toBeCloseTo(masses[0], 10);
      expect(edge[edge.length - 1][0]).toBeCloseTo(masses[masses.length - 1], 10);
      for (const [m, g] of edge) {
        const expected = analyticEdges(m)[index];
        expect(Math.abs(g / expected - 1)).toBeLessThan(1e-6);
      }
    }
  });

  it('without a decider, vertices lie within one grid step of the boundary', () => {
    const result = exclusionContours(masses, couplings, decisionGrid());
    const step = Math.log(couplings[1] / couplings[0]);
    for (const [edge, index] of [
      [result.lower[0], 0],
      [result.upper[0], 1],
    ] as const) {
      for (const [m, g] of edge) expect(Math.abs(Math.log(g / analyticEdges(m)[index]))).toBeLessThan(step);
    }
  });

  it('points outside the tables (UNKNOWN) bound the area but are never reported as edges', () => {
    const cut = 0.4;
    const decider = (m: number, g: number): Decision => (m > cut ? UNKNOWN : decide(m, g));
    const result = exclusionContours(masses, couplings, decisionGrid(decider), { decide: decider });
    expect(result.lower).toHaveLength(1);
    expect(result.upper).toHaveLength(1);
    for (const [m] of [...result.lower[0], ...result.upper[0]]) expect(m).toBeLessThanOrEqual(cut);
    // the polygon still closes (along the unknown side)
    expect(result.polygons[0][0].length).toBeGreaterThan(10);
  });

  it('an interval reaching the scanned range is flagged', () => {
    const short = logSpace(1e-5, 1e-3, 30);
    const column = Uint8Array.from(short, (g) => decide(0.3, g));
    const [interval] = excludedIntervals(short, column, (g) => decide(0.3, g));
    expect(interval.upperAtRangeEnd).toBe(true);
    expect(interval.upper).toBe(1e-3);
    expect(interval.lowerAtRangeEnd).toBe(false);
  });
});

describe('refinement along the mass axis (xRefineSteps)', () => {
  // A steep edge g = c m⁴: it crosses many coupling rows between two masses, so most of its
  // vertices lie on mass-direction grid edges ("side" vertices), at m* = (g / c)^{1/4}.
  const c = 1e-2;
  const steep = (m: number, g: number): Decision => (g > c * m ** 4 ? EXCLUDED : ALLOWED);
  const grid = decisionGrid(steep);
  const massStep = Math.log(masses[1] / masses[0]);
  const sideErrors = (options: { xRefineSteps?: number }) => {
    const result = exclusionContours(masses, couplings, grid, { decide: steep, refineSteps: 20, ...options });
    const errors: number[] = [];
    for (const [m, g] of result.polygons[0][0]) {
      if (couplings.includes(g) && !masses.includes(m)) errors.push(Math.abs(Math.log(m / (g / c) ** 0.25)));
    }
    return errors;
  };

  it('each side vertex lies within 2^-(k+1) of a mass step of the edge, and k bounds the work', () => {
    for (const k of [3, 12]) {
      const errors = sideErrors({ xRefineSteps: k });
      expect(errors.length).toBeGreaterThan(50);
      expect(Math.max(...errors)).toBeLessThanOrEqual(massStep * 2 ** -(k + 1) * (1 + 1e-9));
      // fewer steps really are taken: with k = 3 some vertex is coarser than 20 steps would give
      if (k === 3) expect(Math.max(...errors)).toBeGreaterThan(massStep * 2 ** -12);
    }
  });

  it('without xRefineSteps, side vertices take refineSteps', () => {
    expect(Math.max(...sideErrors({}))).toBeLessThanOrEqual(massStep * 2 ** -21 * (1 + 1e-6));
  });
});
