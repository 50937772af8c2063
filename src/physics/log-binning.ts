/**
 * Log-binned (E, θ) histograms for production tables: the edges and the filler shared by every
 * production mode (photon/meson modes in production.ts, B → K(*) a in b-meson-production.ts), so
 * all tables bin alike.
 */

/** Edges log-spaced from lo to hi with at least `perDecade` bins per decade (last edge exactly hi). */
export function logEdges(lo: number, hi: number, perDecade: number): Float64Array {
  const n = Math.max(1, Math.ceil(Math.log10(hi / lo) * perDecade));
  const edges = new Float64Array(n + 1);
  for (let i = 0; i <= n; i++) edges[i] = lo * (hi / lo) ** (i / n);
  edges[n] = hi;
  return edges;
}

/** Weights filled into (energy, θ) bins, index i·nθ + j; what falls outside the edges is summed apart. */
export class LogBinnedTable {
  readonly content: Float64Array;
  outOfRange = 0;
  private readonly lnE0: number;
  private readonly lnT0: number;
  private readonly dLnE: number;
  private readonly dLnT: number;
  constructor(
    readonly eEdges: Float64Array,
    readonly tEdges: Float64Array,
  ) {
    this.content = new Float64Array((eEdges.length - 1) * (tEdges.length - 1));
    this.lnE0 = Math.log(eEdges[0]);
    this.lnT0 = Math.log(tEdges[0]);
    this.dLnE = (Math.log(eEdges[eEdges.length - 1]) - this.lnE0) / (eEdges.length - 1);
    this.dLnT = (Math.log(tEdges[tEdges.length - 1]) - this.lnT0) / (tEdges.length - 1);
  }
  fill(energyGeV: number, thetaRad: number, weight: number): void {
    const nE = this.eEdges.length - 1;
    const nT = this.tEdges.length - 1;
    let i = Math.floor((Math.log(energyGeV) - this.lnE0) / this.dLnE);
    let j = Math.floor((Math.log(thetaRad) - this.lnT0) / this.dLnT);
    // guard against rounding at the edges
    if (i >= 0 && i < nE && energyGeV < this.eEdges[i]) i--;
    if (i >= 0 && i < nE && energyGeV >= this.eEdges[i + 1]) i++;
    if (j >= 0 && j < nT && thetaRad < this.tEdges[j]) j--;
    if (j >= 0 && j < nT && thetaRad >= this.tEdges[j + 1]) j++;
    if (i < 0 || i >= nE || j < 0 || j >= nT || !(energyGeV >= this.eEdges[0]) || !(thetaRad >= this.tEdges[0])) {
      this.outOfRange += weight;
      return;
    }
    this.content[i * nT + j] += weight;
  }
}
