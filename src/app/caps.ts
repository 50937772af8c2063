/**
 * The caps on every count a user can ask for (issue 16): a run's work and memory stay bounded, and
 * a request beyond a cap is refused up front with a message naming the flag and the cap
 * (docs/limits-and-refusals.md lists them). Browser-safe: the page uses the same numbers.
 */
import { MAX_SAMPLES_PER_MASS } from '../engine/job.ts';
import { MAX_RANGE_POINTS } from '../tables/grid-spec.ts';

export { MAX_SAMPLES_PER_MASS, MAX_RANGE_POINTS };

/** `limits --masses`: scan masses per run (default 25). */
export const MAX_SCAN_MASSES = 2_000;
/** `limits --couplings`: points on the coupling axis (default 241). */
export const MAX_COUPLINGS = 2_000;
/** `plane --range/--x-range/--y-range`: points per axis (default 101). */
export const MAX_PLANE_AXIS_POINTS = 1_000;
/** `--widths-per-decade` (default 8). */
export const MAX_WIDTHS_PER_DECADE = 100;
/** Widths of one run's width grid, whatever the coupling range (grid's `--widths` cap). */
export const MAX_WIDTHS = MAX_RANGE_POINTS;
/** `limits --max-added-masses` (default 12). */
export const MAX_ADDED_MASSES = 1_000;
/** `limits --model bk: --lifetimes`: lifetimes per run (default 57). */
export const MAX_LIFETIMES = 10_000;
/** `events --x-bins/--y-bins`: bins per axis (defaults 40 × 30). */
export const MAX_HISTOGRAM_BINS = 1_000;
/** Couplings c/f_a (GeV⁻¹) a flag may give: f_a from 1 MeV (1e3 GeV⁻¹) to 1e30 GeV. */
export const COUPLING_RANGE_PER_GEV: readonly [number, number] = [1e-30, 1e3];
/** `physics --fa` in GeV: the same range as f_a. */
export const FA_RANGE_GEV: readonly [number, number] = [1e-3, 1e30];
/** `--pot` and `--projection-pot`: protons on target (the scenario schema's bound, MAX_POT). */
export const MAX_POT_FLAG = 1e30;
