/**
 * Mass–coupling edges: alpenglow's limits.json against ALPINIST's contours at one mass.
 * ALPINIST's axis is C/Λ (Bauer convention), alpenglow's 1/f_a with c = 1: 1/f_a = 32π² C/Λ (physics.md §1.2).
 */
import type { LimitsJson } from '../../src/limits/compute.ts';

export const SIXTEEN_PI_SQUARED_TIMES_2 = 32 * Math.PI ** 2;

/**
 * The exposure that puts a scenario on ALPINIST's convention of the compared contour (undefined: the
 * scenario's own). ALPINIST draws a contour where its table (made at the table POT of ExpParameters.C)
 * reaches the plot threshold of plot_exclusion.py; with alpenglow's 2.3-event threshold (0 observed,
 * no background) that is the exposure table POT × 2.3 / threshold (v1.3.0 lines in the reference's
 * `conventions`):
 * - KOTOdump: 2.2e17 POT at 0.23 events ("x10 statistics") = 2.2e18;
 * - NA62: 1e19 at 0.46 (commented "5E19") = 5e19, not the scenario's 1e18;
 * - SHiP: 1e20 at 1.15 ("2E20") = 2e20, not the scenario's 6e20 (and the BDF layout: ALPINIST_LAYOUTS);
 * - SHADOWS: 1e19 at 0.46 ("5E19") = 5e19, not the scenario's 1e19;
 * - DUNE: 1.1e21 at 0.23 ("x10 statistics") = 1.1e22, ten years instead of the scenario's one;
 * - DarkQuest: 1.44e18 at 10 events = 3.312e17.
 * KOTOpnn (koto-step1-2015) is drawn at 2.3 events ("already scaled") at the scenario's 2.2e19 and
 * observed counts, so it runs as it is.
 */
export const POT_FOR_ALPINIST_CONVENTION: Record<string, number | undefined> = {
  'koto-step1-dump': 2.2e18,
  'na62-dump': 5e19,
  ship: 2e20,
  shadows: 5e19,
  'dune-nd': 1.1e22,
  darkquest: 1.44e18 * (2.3 / 10),
};

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

/**
 * The layout an ALPINIST contour was drawn with, where it differs from the alpenglow scenario (the
 * v1.3.0 ExpParameters.C block of that experiment; lines in the reference's `conventions`). The
 * comparison runs the scenario as it is and, beside it, this variant, to tell layout from physics.
 */
export const ALPINIST_LAYOUTS: Record<string, { description: string; edit: (scenario: Record<string, any>) => void }> = {
  ship: {
    description:
      'BDF layout of ALPINIST v1.3.0 "SHiP" (expNum 3): decays from 45 m to the ECAL at 105.66 m (ZFVIn = 45, ZLKR = zStraw4 + 0.5 = ZFVIn + 60.66), ECAL |x| < 5 m, |y| < 2.5 m, E_0 + E_1 > 3 GeV',
    edit: (s) => {
      s.detector.fiducial = { ...s.detector.fiducial, startZM: 45, endZM: 105.66 };
      s.detector.ecal = { ...s.detector.ecal, zM: 105.66, halfWidthsM: [5, 2.5] };
      s.cuts = [...s.cuts, { quantity: 'pair.energySumGeV', min: 3, source: 'ALPINIST v1.3.0 SHiP twoPhotonCondition' }];
      s.regions[0].area.include = { ...s.regions[0].area.include, xMin: 44.5, xMax: 106.16 };
    },
  },
  shadows: {
    description:
      'ALPINIST v1.3.0 "SHADOWS": detector axis through the TAX, tilted 62.4 mrad from the beam (ThetaBeamEuler = 0.0624188; ECAL centre 2.25 m off the beam line at 36 m) instead of parallel to the beam 2.5 m to its side',
    edit: (s) => {
      s.detector.originM = [0, -0.022, 23.07];
      s.detector.axisAngleDeg = (0.0624188 * 180) / Math.PI;
    },
  },
};

/**
 * Setups whose edges need more Monte Carlo samples than the comparison's base count (--samples, 50 000
 * per mass and mode): the factor multiplies it; a 'scenario/model' key wins over the scenario's. The
 * KOTO Step-1 kaon-mode selections pass few ALPs (8 small (z_vtx, p_T) regions, the E·θ cut), and the
 * SHADOWS upper edges rest on the rare high-momentum ALPs 30–110 mrad off axis. At the base count their
 * edges moved by up to 2× with the mass list (each mass draws its own stream): koto-step1-future's gluon
 * upper edge at 0.2 GeV was 0.50× ALPINIST's with 50 000 samples and 0.96× with 400 000. The photon
 * model's thin islands there need more still: koto-step1-future's island at 0.1 GeV appears only at
 * 1 600 000 (docs/validation.md §1).
 */
export const SAMPLE_FACTOR_FOR_COMPARISON: Record<string, number | undefined> = {
  'koto-step1-future': 8,
  'koto-step1-2015': 8,
  shadows: 8,
  'koto-step1-future/photon': 32,
  'koto-step1-2015/photon': 32,
};

/** The sample factor of one compared contour (1 where none is set). */
export function sampleFactor(scenario: string, model: string): number {
  return SAMPLE_FACTOR_FOR_COMPARISON[`${scenario}/${model}`] ?? SAMPLE_FACTOR_FOR_COMPARISON[scenario] ?? 1;
}
