/**
 * Float64 kinematics of the NA62 dilepton channels against analytic values:
 * a → ℓ⁺ℓ⁻ (opening angle, momentum balance, pair mass), the dipole kick against p_T = 0.2998·B·L
 * (physics.md §8.3), and the TAX pointing geometry.
 */
import { describe, expect, it } from 'vitest';
import { MASS_GEV } from '../../src/physics/constants.ts';
import {
  GEV_PER_TESLA_METRE,
  type Vec3,
  kickedMomentum,
  openingAngleRad,
  pairMassGeV,
  pointingToBeamLine,
  trackPositionAt,
  transverseKickGeV,
  twoBodyDecayInLab,
} from '../../src/physics/track-kinematics.ts';

/** NA62 dipole, physics.md §8.3: centred at 197.0 m, L = 1.3 m, B = 0.6928 T. */
const NA62_MAGNET = { zM: 197.0, lengthM: 1.3, fieldT: 0.6928 };

const norm = (v: Vec3) => Math.hypot(v[0], v[1], v[2]);

describe('a → ℓ⁺ℓ⁻ two-body kinematics (Källén momentum, physics.md §0, §7.1)', () => {
  const cases = [
    { lepton: 'e', leptonMass: MASS_GEV.electron, alpMass: 0.05, energy: 30 },
    { lepton: 'e', leptonMass: MASS_GEV.electron, alpMass: 0.8, energy: 120 },
    { lepton: 'μ', leptonMass: MASS_GEV.muon, alpMass: 0.25, energy: 40 },
    { lepton: 'μ', leptonMass: MASS_GEV.muon, alpMass: 1.5, energy: 200 },
  ];

  it.each(cases)('a → $lepton⁺$lepton⁻, m_a = $alpMass GeV, E_a = $energy GeV: momentum balance and pair mass', ({ leptonMass, alpMass, energy }) => {
    const p = Math.sqrt(energy * energy - alpMass * alpMass);
    // A flight direction off the axis by a few mrad, like an ALP from the TAX.
    const direction: Vec3 = [0.003, -0.002, Math.sqrt(1 - 0.003 ** 2 - 0.002 ** 2)];
    const parent: Vec3 = [p * direction[0], p * direction[1], p * direction[2]];
    for (const cosStar of [-0.999, -0.5, 0, 0.3, 0.97]) {
      const [a, b] = twoBodyDecayInLab(alpMass, parent, leptonMass, leptonMass, cosStar, 1.1);
      // Four-momentum conservation (float64 rounding on ~100 GeV numbers: 1e-12 relative).
      expect(Math.abs(a.energyGeV + b.energyGeV - energy) / energy).toBeLessThan(1e-12);
      for (const k of [0, 1, 2]) expect(Math.abs(a.momentumGeV[k] + b.momentumGeV[k] - parent[k])).toBeLessThan(1e-12 * energy);
      // Each lepton on its mass shell and the pair on the ALP's.
      expect(Math.abs(a.energyGeV ** 2 - norm(a.momentumGeV) ** 2 - leptonMass ** 2)).toBeLessThan(1e-10 * energy ** 2);
      expect(Math.abs(pairMassGeV(a.energyGeV, a.momentumGeV, b.energyGeV, b.momentumGeV) / alpMass - 1)).toBeLessThan(1e-6);
      // Momenta transverse to the flight direction balance exactly.
      const transverse = (v: Vec3) => {
        const along = v[0] * direction[0] + v[1] * direction[1] + v[2] * direction[2];
        return [v[0] - along * direction[0], v[1] - along * direction[1], v[2] - along * direction[2]];
      };
      const ta = transverse(a.momentumGeV);
      const tb = transverse(b.momentumGeV);
      for (const k of [0, 1, 2]) expect(Math.abs(ta[k] + tb[k])).toBeLessThan(1e-12 * energy);
    }
  });

  it.each(cases)(
    'a → $lepton⁺$lepton⁻, m_a = $alpMass GeV, E_a = $energy GeV: the symmetric decay has the analytic opening angle 2 atan(β_ℓ/(βγ))',
    ({ leptonMass, alpMass, energy }) => {
      const p = Math.sqrt(energy * energy - alpMass * alpMass);
      const [a, b] = twoBodyDecayInLab(alpMass, [0, 0, p], leptonMass, leptonMass, 0, 0.4);
      // θ* = 90°: each lepton has p_T = p* and p_L = βγ E* = (p/m_a)(m_a/2); β_ℓ = 2p*/m_a.
      const betaLepton = Math.sqrt(1 - (4 * leptonMass * leptonMass) / (alpMass * alpMass));
      const expected = 2 * Math.atan(betaLepton / (p / alpMass));
      expect(Math.abs(openingAngleRad(a.momentumGeV, b.momentumGeV) / expected - 1)).toBeLessThan(1e-12);
    },
  );

  it('lepton energies span the analytic range E_± = γ(E* ± β p*) over cos θ* = ±1', () => {
    const alpMass = 0.4;
    const energy = 60;
    const p = Math.sqrt(energy * energy - alpMass * alpMass);
    const gamma = energy / alpMass;
    const beta = p / energy;
    const pStar = Math.sqrt((alpMass / 2) ** 2 - MASS_GEV.muon ** 2);
    const [forward] = twoBodyDecayInLab(alpMass, [0, 0, p], MASS_GEV.muon, MASS_GEV.muon, 1, 0);
    const [backward] = twoBodyDecayInLab(alpMass, [0, 0, p], MASS_GEV.muon, MASS_GEV.muon, -1, 0);
    expect(forward.energyGeV).toBeCloseTo(gamma * (alpMass / 2 + beta * pStar), 9);
    expect(backward.energyGeV).toBeCloseTo(gamma * (alpMass / 2 - beta * pStar), 9);
  });
});

describe('dipole kick (physics.md §8.3: p_T kick = 0.2998 × B[T] × L[m] GeV)', () => {
  it('kick of the NA62 MNP33 parameters is 0.270 GeV, as physics.md §8.3 quotes', () => {
    expect(transverseKickGeV(NA62_MAGNET)).toBeCloseTo(0.2998 * 0.6928 * 1.3, 4);
    expect(Math.abs(transverseKickGeV(NA62_MAGNET) - 0.27)).toBeLessThan(0.0005);
    expect(GEV_PER_TESLA_METRE * 1e9).toBeCloseTo(299792458, 0);
  });

  it.each([5, 20, 75, 300])('a %s GeV track along the axis is deflected by ±k/p_z′ into opposite x for opposite charges', (momentum) => {
    const kick = 0.2998 * NA62_MAGNET.fieldT * NA62_MAGNET.lengthM;
    const vertex: Vec3 = [0.01, -0.02, 150];
    for (const charge of [1, -1] as const) {
      const track = { charge, momentumGeV: [0, 0, momentum] as Vec3, vertexM: vertex };
      const after = kickedMomentum(track, NA62_MAGNET)!;
      // |p| is kept and Δp_x = q k (1e-4 relative: 0.2998 vs 0.299792458).
      expect(norm(after) / momentum).toBeCloseTo(1, 12);
      expect(after[0] / (charge * kick)).toBeCloseTo(1, 4);
      expect(after[1]).toBe(0);
      // STRAW4 at 218.7 m (physics.md §8.3): x = x_vertex + (p_x′/p_z′)(z − z_magnet).
      const [x4, y4] = trackPositionAt(track, 218.7, NA62_MAGNET)!;
      const expected = vertex[0] + ((charge * kick) / Math.sqrt(momentum ** 2 - kick ** 2)) * (218.7 - 197.0);
      expect(Math.abs(x4 - expected)).toBeLessThan(1e-4 * Math.abs(expected - vertex[0]));
      expect(y4).toBe(vertex[1]);
      // Upstream of the magnet the track is straight (STRAW1, 183 m).
      expect(trackPositionAt(track, 183, NA62_MAGNET)).toEqual([vertex[0], vertex[1]]);
    }
  });

  it('a track below the kick momentum curls up in the field and reaches nothing downstream', () => {
    const track = { charge: 1 as const, momentumGeV: [-0.05, 0, 0.1] as Vec3, vertexM: [0, 0, 150] as Vec3 };
    expect(kickedMomentum(track, NA62_MAGNET)).toBeNull();
    expect(trackPositionAt(track, 241.495, NA62_MAGNET)).toBeNull();
    expect(trackPositionAt(track, 183, NA62_MAGNET)).not.toBeNull();
  });
});

describe('pointing back to the TAX', () => {
  // ALPINIST origin (0, −0.022, 23.07) m (physics.md §8.3): the beam line through it, parallel to z.
  const beam = { zM: 23.07, xM: 0, yM: -0.022 };

  it('an ALP line from a point on the beam line has CDA 0 and Z_TAX at that point', () => {
    const origin: Vec3 = [0, -0.022, 30];
    const momentum: Vec3 = [0.12, -0.05, 60];
    const vertex: Vec3 = [origin[0] + (momentum[0] / momentum[2]) * 120, origin[1] + (momentum[1] / momentum[2]) * 120, origin[2] + 120];
    const pointing = pointingToBeamLine(vertex, momentum, beam);
    expect(pointing.cdaM).toBeLessThan(1e-12);
    expect(pointing.zTaxM).toBeCloseTo(30, 9);
  });

  it('an ALP line passing 15 mm beside the beam at z = 25 m has CDA = 15 mm there', () => {
    // Displace the line by 15 mm perpendicular to both the beam (z) and its own transverse slope.
    const slope = [0.002, 0.001];
    const perpendicular = [-slope[1], slope[0]].map((c) => c / Math.hypot(slope[0], slope[1]));
    const start: Vec3 = [0.015 * perpendicular[0], -0.022 + 0.015 * perpendicular[1], 25];
    const vertex: Vec3 = [start[0] + slope[0] * 130, start[1] + slope[1] * 130, 155];
    const pointing = pointingToBeamLine(vertex, [slope[0] * 50, slope[1] * 50, 50], beam);
    expect(pointing.cdaM).toBeCloseTo(0.015, 12);
    expect(pointing.zTaxM).toBeCloseTo(25, 9);
  });

  it('a tilted beam line is followed: the beam frame drifts with the beam slope', () => {
    const tilted = { ...beam, slopeX: 0.001 };
    const origin: Vec3 = [0.001 * (40 - 23.07), -0.022, 40];
    const vertex: Vec3 = [origin[0] + 0.003 * 100, origin[1] + 0.0005 * 100, 140];
    const pointing = pointingToBeamLine(vertex, [0.003 * 80, 0.0005 * 80, 80], tilted);
    expect(pointing.cdaM).toBeLessThan(1e-12);
    expect(pointing.zTaxM).toBeCloseTo(40, 9);
  });
});
