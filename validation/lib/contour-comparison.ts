/**
 * Mass–coupling edges: alpenglow's limits.json against ALPINIST's contours at one mass.
 * ALPINIST's axis is C/Λ (Bauer convention), alpenglow's 1/f_a with c = 1: 1/f_a = 32π² C/Λ (physics.md §1.2).
 */
import type { LimitsJson } from '../../src/limits/compute.ts';

export const SIXTEEN_PI_SQUARED_TIMES_2 = 32 * Math.PI ** 2;

/**
 * The exposure that puts a scenario on ALPINIST's convention of the compared contour (undefined: the
 * scenario's own). KOTOdump: ALPINIST's tables hold 2.2e17 POT and its contour is drawn at 0.23 events
 * (setup.py, "x10 statistics"), i.e. 2.3 events at 2.2e18 POT.
 */
export const POT_FOR_ALPINIST_CONVENTION: Record<string, number | undefined> = { 'koto-step1-dump': 2.2e18 };

/**
 * The lowest lower edge and the highest upper edge of alpenglow's excluded intervals at a scan mass
 * (null: no exclusion). An edge open at the end of the coupling scan (null in limits.json) is NaN, so
 * a comparison with it fails: the scan range, not the physics, would set it.
 */
export function edgesAtMass(limits: LimitsJson, massGeV: number): { lower: number; upper: number } | null {
  const entries = limits.exclusion.filter((entry) => Math.abs(entry.massGeV / massGeV - 1) < 1e-9);
  if (entries.length === 0) return null;
  const lowers = entries.map((e) => e.lowerCoupling ?? Number.NaN);
  const uppers = entries.map((e) => e.upperCoupling ?? Number.NaN);
  return { lower: Math.min(...lowers), upper: Math.max(...uppers) };
}
