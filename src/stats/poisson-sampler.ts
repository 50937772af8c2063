/**
 * Poisson sampling by inversion of a tabulated CDF (Devroye, "Non-Uniform Random Variate
 * Generation", 1986, §X.3: sequential / binary-search inversion). Inversion is used on purpose:
 * for a fixed uniform u the sampled count is non-decreasing in the mean, so toys reused across
 * signal strengths ("common random numbers") change smoothly and CLs(μ) estimated from one toy
 * ensemble is a well-behaved function of μ for root finding.
 */
import { poissonCdf, poissonLogPmf } from './special-functions.ts';

/** Table limits: mean ± (14√mean + 30) holds all but < 1e-40 of the probability. */
function tableRange(mean: number): [number, number] {
  const spread = 14 * Math.sqrt(mean);
  const low = Math.max(0, Math.floor(mean - spread - 5));
  const high = Math.ceil(mean + spread + 30);
  return [low, high];
}

/** Reusable inverse-CDF table for one Poisson mean. */
export class PoissonInverseTable {
  private cumulative = new Float64Array(64);
  private size = 0;
  private offset = 0;

  /** Rebuilds the table for `mean` (≥ 0). */
  setMean(mean: number): void {
    if (mean === 0) {
      this.offset = 0;
      this.size = 1;
      this.cumulative[0] = 1;
      return;
    }
    const [low, high] = tableRange(mean);
    const size = high - low + 1;
    if (this.cumulative.length < size) this.cumulative = new Float64Array(size);
    let running = low === 0 ? 0 : poissonCdf(low - 1, mean);
    for (let index = 0; index < size; index++) {
      running += Math.exp(poissonLogPmf(low + index, mean));
      this.cumulative[index] = running;
    }
    this.cumulative[size - 1] = 1; // the neglected upper tail (< 1e-40) goes to the last entry
    this.offset = low;
    this.size = size;
  }

  /** Smallest n with CDF(n) ≥ u, for u in (0, 1). */
  sample(u: number): number {
    const cumulative = this.cumulative;
    if (this.size <= 24) {
      let index = 0;
      while (cumulative[index] < u) index++;
      return this.offset + index;
    }
    let low = -1;
    let high = this.size - 1;
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (cumulative[middle] >= u) high = middle;
      else low = middle;
    }
    return this.offset + high;
  }
}
