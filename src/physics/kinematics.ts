/** Small kinematic helpers (physics.md §0). */

/** Källén function λ(a, b, c) = a² + b² + c² − 2ab − 2ac − 2bc (physics.md §0). */
export function kallen(a: number, b: number, c: number): number {
  return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c;
}

/** Two-body momentum p* = λ^{1/2}(M², m1², m2²)/(2M) in the rest frame of M, GeV; 0 at/below threshold (physics.md §0). */
export function twoBodyMomentumGeV(parentMassGeV: number, m1GeV: number, m2GeV: number): number {
  const l = kallen(parentMassGeV * parentMassGeV, m1GeV * m1GeV, m2GeV * m2GeV);
  if (!(parentMassGeV > m1GeV + m2GeV) || l <= 0) return 0;
  return Math.sqrt(l) / (2 * parentMassGeV);
}

/** sin and cos of φ_i = i·(π/2)/n, i = 0…n, per n (the same numbers every call computed; hadronic widths ask per mass). */
const quarterCircleNodeCache = new Map<number, { sines: Float64Array; cosines: Float64Array }>();
function quarterCircleNodes(n: number): { sines: Float64Array; cosines: Float64Array } {
  let nodes = quarterCircleNodeCache.get(n);
  if (!nodes) {
    const h = Math.PI / 2 / n;
    const sines = new Float64Array(n + 1);
    const cosines = new Float64Array(n + 1);
    for (let i = 0; i <= n; i++) {
      const phi = i * h;
      sines[i] = Math.sin(phi);
      cosines[i] = Math.cos(phi);
    }
    if (quarterCircleNodeCache.size >= 16) quarterCircleNodeCache.clear();
    quarterCircleNodeCache.set(n, (nodes = { sines, cosines }));
  }
  return nodes;
}

/**
 * ∫_a^b f(x) dx for integrands with square-root zeros at both ends: x = a + (b − a) sin²φ,
 * composite Simpson in φ ∈ [0, π/2] with n (even) intervals.
 */
export function integrateSqrtEndpoints(f: (x: number) => number, a: number, b: number, n = 200): number {
  if (!(b > a)) return 0;
  const h = Math.PI / 2 / n;
  const { sines, cosines } = quarterCircleNodes(n);
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const s = sines[i];
    const c = cosines[i];
    const x = a + (b - a) * s * s;
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    sum += w * f(x) * 2 * (b - a) * s * c;
  }
  return (sum * h) / 3;
}

/** Composite Simpson rule on [a, b] with n (even) intervals. */
export function simpson(f: (x: number) => number, a: number, b: number, n = 200): number {
  if (n % 2 === 1) n += 1;
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(a + i * h);
  return (sum * h) / 3;
}

/** Gauss–Legendre nodes and weights on [−1, 1] (Newton iteration on P_n). */
export function gaussLegendre(n: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      const pn = n === 1 ? x : p1;
      const pnm1 = n === 1 ? 1 : p0;
      dp = (n * (x * pn - pnm1)) / (x * x - 1);
      const dx = pn / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-15) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  return { nodes, weights };
}
