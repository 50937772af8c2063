/**
 * B → K(*) a model-independent limits: alpenglow against ALPINIST's tauX–BRdecay contours, with every
 * convention made explicit (docs/validation.md "B → K(*) a").
 *
 * ALPINIST's contour (v1.3.0 = v1.4.0 files): BR(a → ℓℓ) at which N = 164.29 events in its NA62 tables,
 * which hold 1e19 POT (ALP_decay ExpParameters.C; plot_exclusion.py 'NA62': 164.28571429 "1.4E17"),
 * i.e. 2.3 events at 1.4e17 POT; N sums B → K a at BR = 1 and B → K* a at BR = ALPINIST's K*-to-K ratio;
 * σ_bb̄ = 1.866 nb (Pythia, ExpParameters.C) where alpenglow uses 2.63 nb (arXiv:2407.08673).
 * alpenglow "as ALPINIST": y(τ) = s_up / (S_K(τ) + r(m) S_K*(τ)) at 1.4e17 POT, S the expected signal
 * per unit BR×BR, r = kStarToKBranchingRatio (ALPINIST's formula).
 */
import type { ModelIndependentLimitsJson } from '../../src/limits/model-independent.ts';
import { kStarToKBranchingRatio } from '../../src/physics/b-meson-decays.ts';

export const ALPINIST_CONTOUR_POT = 1.4e17;
export const ALPINIST_NA62_TABLE_POT = 1e19;
export const ALPINIST_NA62_PLOT_THRESHOLD = 164.28571429;
export const ALPINIST_SIGMA_BB_NB = 1.866;
export const ALPENGLOW_SIGMA_BB_NB = 2.63;
export const PS = 1e-12;

/** The lowest BRdecay of a closed contour (tau in ps, BRdecay) at tau: min over the segments that cross it (log–log). */
export function contourLowerEdge(points: number[][], tauPs: number): number | null {
  let best: number | null = null;
  for (let i = 0; i < points.length; i++) {
    const [t0, y0] = points[i];
    const [t1, y1] = points[(i + 1) % points.length];
    if ((t0 - tauPs) * (t1 - tauPs) > 0 || t0 === t1) continue;
    const f = (Math.log(tauPs) - Math.log(t0)) / (Math.log(t1) - Math.log(t0));
    const y = Math.exp(Math.log(y0) + f * (Math.log(y1) - Math.log(y0)));
    if (best === null || y < best) best = y;
  }
  return best;
}

/** The strongest (lowest) BRdecay of a contour and its tau. */
export function contourMinimum(points: number[][]): { tauPs: number; brDecay: number } {
  const [tauPs, brDecay] = points.reduce((a, b) => (b[1] < a[1] ? b : a));
  return { tauPs, brDecay };
}

export interface BkComparisonPoint {
  tauPs: number;
  /** alpenglow K + r K* at 1.4e17 POT and s_up of the expected median (2.30 for b = 0.016). */
  alpenglow: number | null;
  /** The same with ALPINIST's σ_bb̄ (× 2.63/1.866). */
  alpenglowSigmaBbMatched: number | null;
  alpinist: number | null;
  /** alpenglow's own 1e18-POT projection for B → K a alone (what the CLI prints). */
  alpenglowProjectionKOnly: number | null;
}

/**
 * ALPINIST's edge from its NA62 event table instead of the drawn contour (m = 0.26–0.30 GeV have no NA62
 * contour file): BRdecay = 164.29 / (N per unit BRdecay at 1e19 POT), log–log in tau; null outside the table.
 */
export function tableEdgeFunction(eventsPerUnitBrDecay: number[][]): (tauPs: number) => number | null {
  return (tauPs) => {
    for (let i = 0; i + 1 < eventsPerUnitBrDecay.length; i++) {
      const [t0, n0] = eventsPerUnitBrDecay[i];
      const [t1, n1] = eventsPerUnitBrDecay[i + 1];
      if (tauPs < t0 || tauPs > t1) continue;
      const f = (Math.log(tauPs) - Math.log(t0)) / (Math.log(t1) - Math.log(t0));
      return ALPINIST_NA62_PLOT_THRESHOLD / Math.exp(Math.log(n0) + f * (Math.log(n1) - Math.log(n0)));
    }
    return null;
  };
}

/** Combines the two B modes of a limits object (run at pot = 1.4e17) as ALPINIST does and compares with ALPINIST's edge. */
export function compareWithAlpinist(limits: ModelIndependentLimitsJson, alpinistEdge: (tauPs: number) => number | null): { kStarOverK: number; points: BkComparisonPoint[] } {
  const r = kStarToKBranchingRatio(limits.massGeV);
  const k = limits.modes.find((mode) => mode.mode === 'b-to-k');
  const kStar = limits.modes.find((mode) => mode.mode === 'b-to-kstar');
  if (!k || !kStar || limits.pot !== ALPINIST_CONTOUR_POT || limits.signalEventsUpperLimit === null) throw new Error(`internal: ${limits.scenario} bk:${limits.massGeV} needs both B modes at ${ALPINIST_CONTOUR_POT} POT`);
  const sUp = limits.signalEventsUpperLimit;
  const points = k.points.map((point, i) => {
    const signal = point.signalPerUnitBr + r * kStar.points[i].signalPerUnitBr;
    const alpenglow = signal > 0 ? sUp / signal : null;
    return {
      tauPs: point.tauS / PS,
      alpenglow,
      alpenglowSigmaBbMatched: alpenglow === null ? null : (alpenglow * ALPENGLOW_SIGMA_BB_NB) / ALPINIST_SIGMA_BB_NB,
      alpinist: alpinistEdge(point.tauS / PS),
      alpenglowProjectionKOnly: point.projection?.median ?? null,
    };
  });
  return { kStarOverK: r, points };
}
