/**
 * σ_inel(pA) = A/(N_A λ_I) with the PDG nuclear interaction length (issue 15, docs/physics-model.md
 * "σ_inel"): the normalisation of the beam-photon Primakoff yield and of bb̄ pairs per POT.
 */
import { describe, expect, it } from 'vitest';
import { bbPairsPerPot } from '../../src/physics/b-meson-production.ts';
import { sigmaPABarn } from '../../src/physics/photon-flux.ts';
import { TARGETS, inelasticCrossSectionBarn } from '../../src/physics/targets.ts';

describe('inelastic proton–nucleus cross section from the PDG λ_I', () => {
  it('Au 1.667 b, Cu 0.769 b, Fe 0.704 b, W 1.591 b (A/(N_A λ_I), 0.1 %)', () => {
    // A/(6.02214e23 × λ_I) with A and λ_I of targets.ts: 197/(N_A 196.3), 63.546/(N_A 137.3), 56/(N_A 132.1), 183.84/(N_A 191.9)
    const expected: [keyof typeof TARGETS, number][] = [
      ['Au', 1.6665],
      ['Cu', 0.76855],
      ['Fe', 0.70393],
      ['W', 1.5908],
    ];
    for (const [symbol, barn] of expected) expect(Math.abs(inelasticCrossSectionBarn(TARGETS[symbol]) / barn - 1)).toBeLessThan(1e-3);
  });

  it('is 26–32 % below ALPINIST σ_pp A^0.77 for the scenario targets (Au 30, Fe 70, Cu 400 GeV)', () => {
    const ratio = (symbol: keyof typeof TARGETS, e: number): number => sigmaPABarn(TARGETS[symbol], e) / inelasticCrossSectionBarn(TARGETS[symbol]);
    expect(ratio('Au', 30)).toBeCloseTo(2.243 / 1.6665, 2);
    expect(ratio('Fe', 70)).toBeGreaterThan(1.2);
    expect(ratio('Cu', 400)).toBeCloseTo(0.975 / 0.76855, 2);
  });

  it('grows smoothly with A: σ_inel ∝ A^α with α between 0.6 and 0.8 between neighbours (1.70 b for Au would give α = 0.98 from W)', () => {
    const order = ['Be', 'C', 'Fe', 'Cu', 'Mo', 'W', 'Au'] as const;
    for (let i = 0; i + 1 < order.length; i++) {
      const a = TARGETS[order[i]];
      const b = TARGETS[order[i + 1]];
      const alpha = Math.log(inelasticCrossSectionBarn(b) / inelasticCrossSectionBarn(a)) / Math.log(b.a / a.a);
      expect(alpha).toBeGreaterThan(0.6);
      expect(alpha).toBeLessThan(0.8);
    }
  });

  it('bb̄ pairs per POT = A σ_bb̄/σ_inel: Cu at 400 GeV 63.546 × 2.63 nb / 0.76855 b = 2.175e-7', () => {
    expect(bbPairsPerPot(400, 'Cu') / ((63.546 * 2.63e-9) / 0.76855)).toBeCloseTo(1, 3);
  });
});
