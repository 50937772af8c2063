/**
 * B production at the NA62 dump and B → K(*) a (physics.md §6), against the formulas of physics.md
 * written out independently here and against analytic two-body spectra.
 */
import { describe, expect, it } from 'vitest';
import {
  B_LIFETIME_S,
  alpMomentumInBRestFrameGeV,
  bToRecoilAlpBranchingRatio,
  bToRecoilAlpWidthGeV,
  formFactorA0BToKStar,
  formFactorF0BToK,
  kStarToKBranchingRatio,
} from '../../src/physics/b-meson-decays.ts';
import {
  BMesonListError,
  bbPairsPerPot,
  bMesonsPerPot,
  buildBAlpTable,
  parametrisedBMesons,
  parseBMesonList,
  sigmaBbNb,
  nucleonCmEnergyGeV,
} from '../../src/physics/b-meson-production.ts';
import { validateProductionTable } from '../../src/physics/production-table.ts';

const M_B = 5.27934; // physics.md §0
const M_K = 0.493677;
const M_KSTAR = 0.89176;
const HBAR = 6.582119569e-25; // GeV s, physics.md §0

describe('B → K(*) a rates (physics.md §6)', () => {
  it('form factors at q² = 0 are the Ball–Zwicky normalisations 0.330 and 1.364 − 0.990', () => {
    expect(formFactorF0BToK(0)).toBeCloseTo(0.33, 12);
    expect(formFactorA0BToKStar(0)).toBeCloseTo(0.374, 12);
  });

  it('Γ(B± → K± a) at m_a → 0 is |g|²(m_B² − m_K²)³ f₀(0)²/(64π m_B³)', () => {
    const g = 1e-7;
    const expected = (g * g * (M_B ** 2 - M_K ** 2) ** 3 * 0.33 ** 2) / (64 * Math.PI * M_B ** 3);
    expect(bToRecoilAlpWidthGeV(g, 1e-6, 'K', 'charged') / expected).toBeCloseTo(1, 9);
  });

  it('Γ(B± → K*± a) at m_a = 1 GeV is |g|² A₀² λ^{3/2}/(64π m_B³), and BR = Γ τ_B/ħ', () => {
    const g = 3e-8;
    const q2 = 1;
    const a0 = 1.364 / (1 - q2 / M_B ** 2) - 0.99 / (1 - q2 / 36.78);
    const lambda = M_B ** 4 + M_KSTAR ** 4 + q2 ** 2 - 2 * (M_B ** 2 * M_KSTAR ** 2 + M_B ** 2 * q2 + M_KSTAR ** 2 * q2);
    const width = (g * g * a0 * a0 * lambda ** 1.5) / (64 * Math.PI * M_B ** 3);
    expect(bToRecoilAlpWidthGeV(g, 1, 'Kstar', 'charged') / width).toBeCloseTo(1, 9);
    expect(bToRecoilAlpBranchingRatio(g, 1, 'Kstar', 'charged') / ((width * B_LIFETIME_S.charged) / HBAR)).toBeCloseTo(1, 9);
  });

  it('the K*/K ratio is ALPINIST’s [A₀²/(f₀²(m_B² − m_K²)²)] λ^{3/2}(B,K*,a)/λ^{1/2}(B,K,a)', () => {
    const m = 0.4;
    const q2 = m * m;
    const lam = (a: number, b: number, c: number) => a * a + b * b + c * c - 2 * (a * b + a * c + b * c);
    const a0 = formFactorA0BToKStar(q2);
    const f0 = formFactorF0BToK(q2);
    const expected = (((a0 * a0) / (f0 * f0 * (M_B ** 2 - M_K ** 2) ** 2)) * lam(M_B ** 2, M_KSTAR ** 2, q2) ** 1.5) / lam(M_B ** 2, M_K ** 2, q2) ** 0.5;
    expect(kStarToKBranchingRatio(m) / expected).toBeCloseTo(1, 10);
  });

  it('closes at the threshold m_B − m_K(*) and refuses bad input', () => {
    expect(bToRecoilAlpWidthGeV(1, M_B - M_K + 1e-6, 'K', 'charged')).toBe(0);
    expect(bToRecoilAlpWidthGeV(1, M_B - M_KSTAR - 1e-3, 'Kstar', 'charged')).toBeGreaterThan(0);
    expect(() => bToRecoilAlpWidthGeV(1, -0.1, 'K', 'charged')).toThrow(/massGeV must be a finite number > 0 \(got -0.1\)/);
    expect(() => bToRecoilAlpWidthGeV(1, 0.1, 'D' as never, 'charged')).toThrow(/recoil must be one of K, Kstar \(got 'D'\)/);
  });
});

describe('B mesons per POT (A σ_bb̄/σ_inel(pA), issue 15; was physics.md §6 σ_bb̄/σ_pp × A^{1/3})', () => {
  it('Cu at 400 GeV: 63.546 × 2.63 nb / σ_inel(Cu) bb̄ pairs per POT, σ_inel = 63.546/(N_A × 137.3 g/cm²)', () => {
    expect(sigmaBbNb(400)).toBeCloseTo(2.63, 12);
    expect(bbPairsPerPot(400, 'Cu') / ((63.546 * 2.63e-9) / (63.546 / (6.02214076e23 * 137.3) / 1e-24))).toBeCloseTo(1, 12);
    // two b hadrons per pair, f(B±) = f(B0) = 0.408
    expect(bMesonsPerPot(400, 'Cu', 'charged') / (2 * 0.408 * bbPairsPerPot(400, 'Cu'))).toBeCloseTo(1, 12);
    expect(sigmaBbNb(70)).toBe(0);
    expect(sigmaBbNb(800)).toBeCloseTo(18.6, 12);
    expect(() => sigmaBbNb(900)).toThrow(/above the largest energy/);
  });

  it('the parametrised spectrum has the requested ⟨p_T²⟩ and ⟨|x_F|⟩ = 1/(n + 2), and its weights sum to the B yield', () => {
    const n = 5;
    const meanPt2 = 2;
    const b = parametrisedBMesons(400, 'Cu', 'neutral', { xfExponent: n, meanPt2GeV2: meanPt2, samples: 40000, seed: 3 });
    const sqrtS = nucleonCmEnergyGeV(400);
    const mp = 0.93827;
    const gamma = (400 + mp) / sqrtS;
    const betaGamma = Math.sqrt(400 ** 2 - mp ** 2) / sqrtS;
    let sumW = 0;
    let pt2 = 0;
    let absXf = 0;
    for (let i = 0; i < b.weight.length; i++) {
      const mt2 = 5.27966 ** 2 + b.pxGeV[i] ** 2 + b.pyGeV[i] ** 2;
      const e = Math.sqrt(mt2 + b.pzGeV[i] ** 2);
      const pL = gamma * b.pzGeV[i] - betaGamma * e; // back to the centre of mass
      sumW += b.weight[i];
      pt2 += b.weight[i] * (b.pxGeV[i] ** 2 + b.pyGeV[i] ** 2);
      absXf += b.weight[i] * Math.abs((2 * pL) / sqrtS);
    }
    expect(sumW / bMesonsPerPot(400, 'Cu', 'neutral')).toBeCloseTo(1, 10);
    // Stratified sampling of 40 000 points: MC error well below 1 % (and the few samples dropped
    // beyond the kinematic limit shift ⟨|x_F|⟩ by < 0.1 %).
    expect(Math.abs(pt2 / sumW / meanPt2 - 1)).toBeLessThan(0.01);
    expect(Math.abs(absXf / sumW / (1 / (n + 2)) - 1)).toBeLessThan(0.01);
  });
});

describe('ALP tables from B → K(*) a', () => {
  const list = (rows: string[]) => rows.join('\n');

  it('B at rest: every ALP has E = √(p*² + m_a²) and the angles are isotropic', () => {
    const m = 0.5;
    const { mesons } = parseBMesonList(list(['# event index pdg px py pz', '0 0 521 0 0 0']), 'rest.txt', 400, 'Cu');
    const table = buildBAlpTable({
      massGeV: m,
      recoil: 'K',
      beamEnergyGeV: 400,
      target: 'Cu',
      bMesons: mesons,
      directionsPerB: 4000,
      binsPerDecadeEnergy: 400,
      thetaRangeRad: [0.01, Math.PI],
    });
    validateProductionTable(table);
    const pStar = alpMomentumInBRestFrameGeV(m, 'K', 'charged');
    const energy = Math.hypot(pStar, m);
    const nT = table.thetaEdgesRad.length - 1;
    // isotropy: between θ = 0.01 and the last bin edge θ_e ≤ π/2 lies (cos 0.01 − cos θ_e)/(1 + cos 0.01)
    // of the in-range ALPs (stratified cos θ*, 4000 directions: error < 0.1 %).
    const edge = Math.max(...Array.from(table.thetaEdgesRad).filter((e) => e <= Math.PI / 2));
    let total = 0;
    let below = 0;
    for (let ie = 0; ie < table.energyEdgesGeV.length - 1; ie++) {
      for (let it = 0; it < nT; it++) {
        const c = table.binContent[ie * nT + it];
        if (c === 0) continue;
        expect(table.energyEdgesGeV[ie]).toBeLessThanOrEqual(energy);
        expect(table.energyEdgesGeV[ie + 1]).toBeGreaterThan(energy);
        total += c;
        if (table.thetaEdgesRad[it + 1] <= edge) below += c;
      }
    }
    // one B per event: the table integrates to bb̄/POT (plus the slice θ < 0.01 out of range)
    expect((total + table.outOfRangeYieldPerPot) / bbPairsPerPot(400, 'Cu')).toBeCloseTo(1, 10);
    expect(table.outOfRangeYieldPerPot / bbPairsPerPot(400, 'Cu')).toBeCloseTo((1 - Math.cos(0.01)) / 2, 4);
    expect(Math.abs(below / total / ((Math.cos(0.01) - Math.cos(edge)) / (1 + Math.cos(0.01))) - 1)).toBeLessThan(0.002);
  });

  it('a moving B gives the flat two-body energy spectrum between γ(E* ∓ βp*)', () => {
    const m = 1.2;
    const pB = 80;
    const { mesons } = parseBMesonList(list(['0 0 -511 0 0 80']), 'moving.txt', 400, 'Cu');
    const table = buildBAlpTable({
      massGeV: m,
      recoil: 'Kstar',
      beamEnergyGeV: 400,
      target: 'Cu',
      bMesons: mesons,
      directionsPerB: 20000,
      thetaRangeRad: [1e-7, Math.PI],
      energyRangeGeV: [1.3, 100],
      binsPerDecadeEnergy: 200,
    });
    const pStar = alpMomentumInBRestFrameGeV(m, 'Kstar', 'neutral');
    const eStar = Math.hypot(pStar, m);
    const gamma = Math.hypot(pB, 5.27966) / 5.27966;
    const beta = pB / Math.hypot(pB, 5.27966);
    const lo = gamma * (eStar - beta * pStar);
    const hi = gamma * (eStar + beta * pStar);
    const nT = table.thetaEdgesRad.length - 1;
    let mean = 0;
    let total = 0;
    for (let ie = 0; ie < table.energyEdgesGeV.length - 1; ie++) {
      let row = 0;
      for (let it = 0; it < nT; it++) row += table.binContent[ie * nT + it];
      if (row === 0) continue;
      expect(table.energyEdgesGeV[ie + 1]).toBeGreaterThan(lo);
      expect(table.energyEdgesGeV[ie]).toBeLessThan(hi);
      mean += row * Math.sqrt(table.energyEdgesGeV[ie] * table.energyEdgesGeV[ie + 1]);
      total += row;
    }
    // ⟨E⟩ = γE* for a flat spectrum; bin-centre rounding on 200 bins/decade: < 0.3 %.
    expect(Math.abs(mean / total / (gamma * eStar) - 1)).toBeLessThan(0.003);
    expect(table.outOfRangeYieldPerPot).toBe(0);
  });

  it('parametrised B spectrum: the table is valid, per unit BR, and needs the channel open', () => {
    const table = buildBAlpTable({ massGeV: 0.3, recoil: 'K', beamEnergyGeV: 400, target: 'Cu', thetaRangeRad: [1e-6, 0.03] });
    validateProductionTable(table);
    expect((table.yieldPerPot + table.outOfRangeYieldPerPot) / table.bMesonsPerPot).toBeCloseTo(1, 10);
    expect(table.bMesonsPerPot / (bMesonsPerPot(400, 'Cu', 'charged') + bMesonsPerPot(400, 'Cu', 'neutral'))).toBeCloseTo(1, 10);
    expect(table.referenceCoupling).toMatch(/BR\(B -> K a\) = 1/);
    expect(() => buildBAlpTable({ massGeV: 4.5, recoil: 'Kstar', beamEnergyGeV: 400, target: 'Cu' })).toThrow(/above the B → Kstar a threshold/);
  });

  it('B lists name the file, line and bad value', () => {
    expect(() => parseBMesonList('0 0 521 1 2', 'b.txt', 400, 'Cu')).toThrow(/b\.txt:1: expected 6 columns/);
    expect(() => parseBMesonList('0 0 521 1 2 x', 'b.txt', 400, 'Cu')).toThrow(/b\.txt:1: column 6 is not a finite number \(got 'x'\)/);
    expect(() => parseBMesonList('# only\n0 0 211 1 2 3', 'b.txt', 400, 'Cu')).toThrow(BMesonListError);
    const parsed = parseBMesonList('0 0 521 0 0 50\n0 1 -521 0 0 40\n1 0 511 0 0 30\n1 1 211 0 0 3', 'b.txt', 400, 'Cu');
    expect(parsed.counts).toEqual({ charged: 2, neutral: 1 });
    expect(parsed.skippedOtherPdg).toBe(1);
    expect(parsed.mesons[0].weight[0] / (bbPairsPerPot(400, 'Cu') / 2)).toBeCloseTo(1, 12);
  });
});
