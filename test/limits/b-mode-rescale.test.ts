/**
 * B → K(*) a tables (per unit BR(B → X a); b-meson-production.ts) in the coupling-model rescaling
 * (issue 15 §2, step 2's rule): S_B = ⟨BR(B → X a)⟩ over the open B species with their production
 * fractions, BR from the model's loop-induced g_bs (c_WW; arXiv:1611.09355). The signal of a
 * c_WW-only model is then the Primakoff part plus yield × BR of the B part, and the dense plane
 * (S ∝ g²) agrees with the direct evaluation.
 */
import { describe, expect, it } from 'vitest';
import { bModeCouplingScale, B_FRAGMENTATION_FRACTION } from '../../src/physics/b-meson-production.ts';
import { bDecayThresholdGeV, bToRecoilAlpBranchingRatioFromW } from '../../src/physics/b-meson-decays.ts';
import { branchingRatio, gAgammaPerGeV, REFERENCE_G_AGAMMA_PER_GEV, type AlpModelKoto, type ProductionMode } from '../../src/physics/index.ts';
import { expectedSignal, massPhysics, productionCouplingScale, signalPlane } from '../../src/limits/rescale.ts';
import { modelAtCoupling, parseLimitsModel } from '../../src/limits/model.ts';
import { logGrid, SYNTHETIC_HASH, syntheticScenario, syntheticTable } from './synthetic.ts';

const W_ONLY: AlpModelKoto = { name: 'custom:0,0,1', cGG: 0, cBB: 0, cWW: 1, cEE: 0, cMuMu: 0, faGeV: 1000 };

describe('coupling scale of the B → K(*) a modes', () => {
  it('is the fraction-weighted BR(B → X a) of B± and B0 (≈ 5.2e-8 for K at c_WW = 1, f_a = 1 TeV, 0.1 GeV)', () => {
    for (const massGeV of [0.1, 1, 3]) {
      for (const [mode, recoil] of [
        ['b-to-k', 'K'],
        ['b-to-kstar', 'Kstar'],
      ] as const) {
        const charged = bToRecoilAlpBranchingRatioFromW(W_ONLY, massGeV, recoil, 'charged');
        const neutral = bToRecoilAlpBranchingRatioFromW(W_ONLY, massGeV, recoil, 'neutral');
        const f = B_FRAGMENTATION_FRACTION;
        const expected = (f.charged * charged + f.neutral * neutral) / (f.charged + f.neutral);
        expect(bModeCouplingScale(W_ONLY, massGeV, mode)).toBeCloseTo(expected, 20);
        expect(productionCouplingScale(mode, W_ONLY, massGeV)).toBe(bModeCouplingScale(W_ONLY, massGeV, mode));
        expect(neutral).toBeLessThan(charged); // τ(B0) < τ(B±)
      }
    }
    // docs/physics-model.md: BR(B± → K± a) = 5.4e-8; B0 lower by ≈ τ0/τ± = 0.927: mean ≈ 5.2e-8.
    expect(bModeCouplingScale(W_ONLY, 0.1, 'b-to-k')).toBeGreaterThan(5.1e-8);
    expect(bModeCouplingScale(W_ONLY, 0.1, 'b-to-k')).toBeLessThan(5.3e-8);
  });

  it('scales as (c_WW/f_a)², is 0 without c_WW and above both thresholds', () => {
    const s = bModeCouplingScale(W_ONLY, 0.5, 'b-to-kstar');
    expect(bModeCouplingScale({ ...W_ONLY, cWW: 2 }, 0.5, 'b-to-kstar') / s).toBeCloseTo(4, 12);
    expect(bModeCouplingScale({ ...W_ONLY, faGeV: 2000 }, 0.5, 'b-to-kstar') / s).toBeCloseTo(0.25, 12);
    expect(bModeCouplingScale({ ...W_ONLY, cWW: 0, cGG: 1, cBB: 1 }, 0.5, 'b-to-k')).toBe(0);
    const above = Math.max(bDecayThresholdGeV('K', 'charged'), bDecayThresholdGeV('K', 'neutral')) + 1e-3;
    expect(bModeCouplingScale(W_ONLY, above, 'b-to-k')).toBe(0);
  });
});

describe('signal of a c_WW-only model with a B → K a table', () => {
  const modes = ['primakoff-meson-photons', 'mixing', 'b-to-k'] as unknown as ProductionMode[];
  const scenario = syntheticScenario({ modes });
  const massesGeV = logGrid(0.05, 2, 9);
  const widthsGeV = logGrid(1e-26, 1e-6, 41);
  const efficiencyOf: Record<string, number> = { 'primakoff-meson-photons': 0.01, mixing: 0.03, 'b-to-k': 0.02 };
  const yieldOf: Record<string, (m: number) => number> = {
    'primakoff-meson-photons': (m) => 2e-4 * (0.05 / m) ** 1.5,
    mixing: (m) => 1e-10 * (m / 0.1),
    'b-to-k': () => 3e-9, // ALPs per POT per unit BR(B → K a)
  };
  const set = {
    scenario,
    scenarioHash: SYNTHETIC_HASH,
    tables: modes.map((mode) =>
      syntheticTable(scenario, SYNTHETIC_HASH, { mode, massesGeV, widthsGeV, efficiency: () => efficiencyOf[mode], yieldPerPot: yieldOf[mode] }),
    ),
  };

  it('equals POT × A × BR_γγ × (S_Primakoff Y ε + BR(B → K a) Y_B ε_B) at a table mass', () => {
    const massGeV = massesGeV[3];
    const g = 1e-3;
    const koto = modelAtCoupling(parseLimitsModel('custom:0,0,1'), g);
    const point = expectedSignal(set, 'custom:0,0,1', massGeV, g);
    expect(point.statusName).toBe('ok');
    const primakoff = (gAgammaPerGeV(koto, massGeV) / REFERENCE_G_AGAMMA_PER_GEV) ** 2 * yieldOf['primakoff-meson-photons'](massGeV) * 0.01;
    const fromB = bModeCouplingScale(koto, massGeV, 'b-to-k') * 3e-9 * 0.02;
    const expected = scenario.exposure.pot * scenario.additionalAcceptance.value * branchingRatio(koto, massGeV, 'gammaGamma') * (primakoff + fromB);
    expect(fromB).toBeGreaterThan(0);
    expect(point.total / expected - 1).toBeLessThan(1e-9);
    expect(point.total / expected - 1).toBeGreaterThan(-1e-9);
  });

  it('the dense plane (S ∝ g²) agrees with the direct evaluation, and the per-mode scales are the physics', () => {
    const couplings = [1e-5, 1e-4, 1e-3];
    const plane = signalPlane(set, 'custom:0,0,1', massesGeV, couplings);
    couplings.forEach((g, c) =>
      massesGeV.forEach((m, i) => {
        const direct = expectedSignal(set, 'custom:0,0,1', m, g).total;
        const dense = plane.signal[c * massesGeV.length + i];
        expect(Math.abs(dense - direct)).toBeLessThanOrEqual(1e-9 * direct);
      }),
    );
    const codominance = parseLimitsModel('codominance');
    const unit = modelAtCoupling(codominance, 1);
    const physics = massPhysics(set, codominance, 0.3);
    expect(physics.couplingScaleAtUnit).toEqual(modes.map((mode) => productionCouplingScale(mode, unit, 0.3)));
    expect(physics.couplingScaleAtUnit[2]).not.toBe(physics.couplingScaleAtUnit[1]);
  });
});
