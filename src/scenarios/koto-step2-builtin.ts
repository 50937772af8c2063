/**
 * The built-in KOTO Step 2 (kaon mode) setup used by `npm start` until scenario files land
 * (issue 4). Every number cites its source: physics.md §7.2 (geometry, ALPINIST ExpParameters.C
 * case 12) and §7.4 / KOTO arXiv:2303.01521 Table 1 (cuts).
 */
import type { DetectorGeometry } from '../engine/job.ts';
import type { Selection } from '../engine/selection/types.ts';

export const KOTO_STEP2 = {
  name: 'koto-step2 (built-in)',
  beamEnergyGeV: 30, // J-PARC main ring protons, physics.md §7.2
  target: 'Au', // T1 gold target, physics.md §7.2
  pot: 6e20, // Step 2 exposure, physics.md §7.4
  additionalAcceptance: 0.73, // A_add for Step 2, physics.md §7.4
  backgroundEvents: 1.38, // expected background in the p_T > 0.4 GeV region, physics.md §9.2
  thetaRangeRad: [0.06, 0.12] as [number, number], // production-table angles around the 5° axis, physics.md §7.2
  geometry: {
    originM: [0, 0, 0], // target at the origin, on the detector axis
    axisAngleRad: (5 * Math.PI) / 180, // 5° between beam and detector axis
    fiducialStartZM: 45.75, // 43 + 1 + 1.75 m
    fiducialEndZM: 64, // = ECAL plane
    ecalZM: 64,
  } satisfies DetectorGeometry,
  selection: {
    acceptance: {
      productsRequired: 2,
      area: {
        include: { type: 'disc', radius: 1.5 }, // 3 m diameter CsI
        exclude: [{ type: 'box', xMin: -0.1, xMax: 0.1, yMin: -0.1, yMax: 0.1 }], // 20 × 20 cm² beam hole
      },
    },
    reconstruction: { type: 'koto-pi0', zVertexOriginM: 44 }, // z_vtx = 0 at 44 m
    cuts: [
      { quantity: 'product.radiusM', max: 1.35 }, // r_i < 1.35 m
      { quantity: 'product.minAbsXYM', min: 0.175 }, // min(|x|,|y|) > 0.175 m (as in ALPINIST/KOTO Table 1)
      { quantity: 'product.energyGeV', min: 0.1 }, // E_i > 0.1 GeV
      { quantity: 'pair.separationM', min: 0.3 }, // D > 0.3 m
      { quantity: 'koto.thetaCaloDeg', max: 150 }, // θ_γ,calo < 150°
      { quantity: 'pair.energySumGeV', min: 0.5 }, // E0 + E1 > 0.5 GeV
    ],
    regions: [
      { name: 'pT > 0.4 GeV', x: 'koto.zVtxM', y: 'koto.pTGeV', area: { include: { type: 'box', xMin: 1.75, xMax: 15, yMin: 0.4, yMax: 1e3 } } },
    ],
  } satisfies Selection,
};
