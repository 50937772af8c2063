/**
 * Hadronic widths across the η pole (issue 15): between the nodes the built-in model interpolates
 * T_c/Σ_P|θ̂_aP|², which is smooth across the pole, so it follows ALPINIST's a → 3π curves there.
 * Reference points: ALPINIST widths/integrated/digitized_width_3Pi0.dat and _3Pi.dat (eV at C_GG/Λ = 1/TeV),
 * read at their own masses (jjerhot/ALPINIST, commit 53441e5).
 */
import { describe, expect, it } from 'vitest';
import { builtInHadronicModel, builtInNodeTable } from '../../src/physics/hadronic-widths.ts';

const ALPINIST_3PI0: [number, number][] = [
  [0.52694, 12.308],
  [0.53094, 19.287],
  [0.53494, 33.823],
  [0.53894, 72.387],
  [0.54094, 121.38],
  [0.54294, 242.18],
  [0.54494, 693.06],
  [0.54694, 7033.9],
  [0.54894, 5139.6],
  [0.55094, 635.98],
  [0.55294, 235.16],
  [0.55494, 121.71],
  [0.55894, 50.151],
  [0.56294, 27.267],
];
const ALPINIST_PIPIPI0: [number, number][] = [
  [0.52812, 9.3285],
  [0.53212, 15.071],
  [0.53612, 27.748],
  [0.54012, 65.205],
  [0.54412, 284.49],
  [0.54812, 59811.7],
  [0.55212, 225.82],
  [0.55612, 60.733],
  [0.56012, 27.81],
];

describe('hadronic widths across the η pole (issue 15)', () => {
  it('the model reproduces its nodes: channel values and T_total − T_γγ at every node from 0.45 GeV', () => {
    const nodes = builtInNodeTable();
    expect(nodes.massGeV).toEqual(expect.arrayContaining([0.52, 0.53, 0.535, 0.56, 0.565, 0.57, 0.58]));
    for (let i = 0; i < nodes.massGeV.length; i++) {
      const m = nodes.massGeV[i];
      if (m < 0.45 || m > 2.99) continue;
      const widths = builtInHadronicModel.reducedWidthsEv(m);
      for (const channel of ['3pi0', 'pipipi0', 'pipigamma'] as const) {
        const node = nodes.channels[channel][i];
        if (node > 0) expect(Math.abs((widths[channel] ?? 0) / node - 1)).toBeLessThan(1e-9);
      }
      const sum = Object.values(widths).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum / nodes.totalMinusGammaGamma[i] - 1)).toBeLessThan(1e-9);
    }
  });

  it('between the nodes, a → 3π follows ALPINIST 3Pi0/3Pi within −20 %/+10 % up to the pole', () => {
    // The band: the node channels are scaled down by 9–14 % to the digitised T_total − T_γγ (docs/physics-model.md),
    // plus ≤ 5 % from interpolating a smooth ratio. Before issue 15 (nodes at 0.5 and 0.6 GeV only) the ratio was 0.65
    // at 0.54 GeV.
    for (const [reference, channel] of [
      [ALPINIST_3PI0, '3pi0'],
      [ALPINIST_PIPIPI0, 'pipipi0'],
    ] as const) {
      for (const [m, t] of reference) {
        const ratio = (builtInHadronicModel.reducedWidthsEv(m)[channel] ?? 0) / t;
        expect(ratio, `${channel} at ${m} GeV`).toBeGreaterThan(0.8);
        expect(ratio, `${channel} at ${m} GeV`).toBeLessThan(1.1);
      }
    }
  });

  it('a → ππγ has the η pole (η → π⁺π⁻γ): 23 eV at 0.54 GeV, ALPINIST 2PiGamma 19.7–27.8 eV at 0.5399–0.5407 GeV', () => {
    const t = builtInHadronicModel.reducedWidthsEv(0.54).pipigamma ?? 0;
    expect(t).toBeGreaterThan(19.7 * 0.8);
    expect(t).toBeLessThan(27.8 * 1.2);
  });
});
