/**
 * Adaptive mass refinement: where neighbouring scan masses disagree, the Monte Carlo runs masses
 * between them, so interpolation in mass (src/limits/rescale.ts, bilinear in ln m) never invents
 * exclusion where the signal changes abruptly (a threshold, a mass where nothing is produced or
 * nothing passes). Two neighbours disagree when
 *   - one has an excluded coupling interval and the other none (the exclusion ends between them), or
 *   - the Monte Carlo found no signal at one and some at the other, or
 *   - both exclude but a lower or upper edge moves by more than its MC band (the spread of the
 *     edge under the signal shifted by ±1 MC standard error, at either mass) and by more than
 *     EDGE_STEP_DECADES: steps that large are not resolved by interpolation.
 * The added mass is the log-midpoint; neighbours within 0.5 % in mass are not split further. Each has a fixed Philox mass word computed from its
 * position (a dyadic fraction between two grid masses), so its numbers depend neither on the
 * order of refinement nor on the cap. Browser-safe, pure.
 */
import type { CouplingInterval } from '../limits/contours.ts';
import type { MassIntervals } from '../limits/compute.ts';

/** Default cap on masses added per scenario (--max-added-masses). */
export const DEFAULT_MAX_ADDED_MASSES = 12;
/** Finest refinement: 2^-MAX_LEVEL of a grid interval (the mass word keeps 12 fraction bits). */
export const MAX_REFINEMENT_LEVEL = 12;
/** Edge steps between neighbours below this (decades of coupling) are left to interpolation. */
export const EDGE_STEP_DECADES = 0.5;
/** Neighbours closer than this (relative mass difference) are left as they are: finer than any mass resolution the limits need. */
export const MIN_RELATIVE_MASS_STEP = 0.005;
/** Grid masses whose index fits the refinement mass word (19 bits). */
export const MAX_REFINABLE_GRID_MASSES = 1 << 19;

/** A scan mass: a grid mass (fraction 0) or an added one at grid position index + numerator / 2^level. */
export interface ScanMass {
  massGeV: number;
  /** Grid interval [index, index + 1] it lies in (its own index for a grid mass). */
  index: number;
  numerator: number;
  level: number;
}

/** The Philox mass word: the grid index for grid masses; 2^31 | index · 2^12 | fraction · 2^12 for added ones. */
export function massCounterWord(mass: ScanMass): number {
  if (mass.level === 0) return mass.index;
  if (mass.index >= MAX_REFINABLE_GRID_MASSES || mass.level > MAX_REFINEMENT_LEVEL)
    throw new RangeError(`no refinement mass word for grid index ${mass.index} at level ${mass.level}`);
  return (0x80000000 + mass.index * 4096 + mass.numerator * 2 ** (MAX_REFINEMENT_LEVEL - mass.level)) >>> 0;
}

export function gridScanMasses(massesGeV: number[]): ScanMass[] {
  return massesGeV.map((massGeV, index) => ({ massGeV, index, numerator: 0, level: 0 }));
}

/** The log-midpoint of two neighbouring scan masses, on the dyadic grid between their grid masses. */
export function midpoint(a: ScanMass, b: ScanMass, gridMassesGeV: number[]): ScanMass | null {
  const level = Math.max(a.level, b.level) + 1;
  if (level > MAX_REFINEMENT_LEVEL) return null;
  const position = (mass: ScanMass) => mass.index * 2 ** level + mass.numerator * 2 ** (level - mass.level);
  const sum = position(a) + position(b);
  if (sum % 2 !== 0) return null;
  const at = sum / 2;
  const index = Math.floor(at / 2 ** level);
  const numerator = at - index * 2 ** level;
  if (numerator === 0 || index + 1 >= gridMassesGeV.length) return null;
  const lo = Math.log(gridMassesGeV[index]);
  const hi = Math.log(gridMassesGeV[index + 1]);
  // Reduce the fraction so each mass has one (index, numerator, level).
  let n = numerator;
  let l = level;
  while (n % 2 === 0) {
    n /= 2;
    l--;
  }
  return { massGeV: Math.exp(lo + (numerator / 2 ** level) * (hi - lo)), index, numerator: n, level: l };
}

function edgeSpreadDecades(intervals: MassIntervals, edge: 'lower' | 'upper'): number {
  const first = (list: CouplingInterval[]) => (list.length > 0 ? list[edge === 'lower' ? 0 : list.length - 1][edge] : undefined);
  const values = [first(intervals.nominal), first(intervals.mcMinus1Sigma), first(intervals.mcPlus1Sigma)].filter(
    (value): value is number => value !== undefined,
  );
  if (values.length < 2) return 0;
  return Math.log10(Math.max(...values) / Math.min(...values));
}

export type Disagreement = 'exclusion-ends' | 'edge-step' | null;

/**
 * Why two neighbouring scan masses disagree (null: interpolation between them is trusted). A mass
 * without signal next to one with too little signal to exclude anything is no disagreement: whatever
 * lies between, nothing there is excluded at these settings.
 */
export function disagreement(a: MassIntervals, b: MassIntervals): Disagreement {
  const excludesA = a.nominal.length > 0;
  const excludesB = b.nominal.length > 0;
  if (excludesA !== excludesB) return 'exclusion-ends';
  if (!excludesA) return null;
  for (const edge of ['lower', 'upper'] as const) {
    const pick = (list: CouplingInterval[]) => list[edge === 'lower' ? 0 : list.length - 1][edge];
    const step = Math.abs(Math.log10(pick(a.nominal) / pick(b.nominal)));
    const band = Math.max(edgeSpreadDecades(a, edge), edgeSpreadDecades(b, edge));
    if (step > band && step > EDGE_STEP_DECADES) return 'edge-step';
  }
  return null;
}

/** Midpoints to run next: one per disagreeing neighbour pair (ascending mass), at most `budget`. */
export function nextRefinement(
  masses: ScanMass[],
  summaries: MassIntervals[],
  gridMassesGeV: number[],
  budget: number,
): { add: ScanMass[]; unresolved: [number, number][] } {
  const add: ScanMass[] = [];
  const unresolved: [number, number][] = [];
  for (let i = 0; i + 1 < masses.length; i++) {
    if (disagreement(summaries[i], summaries[i + 1]) === null) continue;
    const closeEnough = masses[i + 1].massGeV / masses[i].massGeV - 1 < MIN_RELATIVE_MASS_STEP;
    const middle = closeEnough ? null : midpoint(masses[i], masses[i + 1], gridMassesGeV);
    if (middle && add.length < budget) add.push(middle);
    else unresolved.push([masses[i].massGeV, masses[i + 1].massGeV]);
  }
  return { add, unresolved };
}
