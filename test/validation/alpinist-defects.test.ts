/**
 * The two ALPINIST v1.3.0 defects, where alpenglow is right (docs/validation.md "ALPINIST defects"):
 * 1. mixing.py boosts the meson → ALP map with the beam proton (γ ≈ 32 at 30 GeV) instead of the pp
 *    centre of mass (γ ≈ 4.06, v1.4.0 pp_beta): at KOTO's 16° no π0 parent exists for m ≳ 0.29 GeV,
 *    and its own KOTO Step-1 π0-mixing table collapses there; alpenglow's yield stays smooth.
 * 2. its KOTO Step-2 photon-from-meson Primakoff tables hold only zeros; alpenglow's yield is not zero.
 * The alpenglow numbers are computed live (production library, < 2 s).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/node/scenario-files.ts';
import type { Scenario } from '../../src/scenarios/schema.ts';
import { beamProtonFrame, ppCentreOfMassFrame } from '../../validation/lib/alpinist-mixing-map.ts';
import { alpenglowMesonPhotonYield, alpenglowPi0MixingYield, mixingMapFractions, nearestTabulated } from '../../validation/lib/defects.ts';

const boost = JSON.parse(readFileSync('validation/reference/alpinist/koto-mixing-boost.json', 'utf8'));
const zeros = JSON.parse(readFileSync('validation/reference/alpinist/koto2-photon-from-meson.json', 'utf8'));
let step1: Scenario;
let step2: Scenario;
beforeAll(async () => {
  step1 = (await loadScenario('koto-step1-2015')).scenario;
  step2 = (await loadScenario('koto-step2')).scenario;
});

describe('defect 1: the mixing boost (ALPINIST v1.3.0 mixing.py)', () => {
  it('the frozen lines: v1.3.0 boosts with the beam proton, v1.4.0 with the pp centre of mass', () => {
    expect(boost.v130.text).toMatch(/beam_beta = f\.beta_lor\(setup\.p_beam\[self\.exp\],np\.sqrt\(setup\.p_beam\[self\.exp\]\*\*2\+c\.m_p\*\*2\)\)$/);
    expect(boost.v140.text).toMatch(/pp_beta = .*\+c\.m_p\)$/);
    expect(beamProtonFrame(30).gamma).toBeCloseTo(31.99, 2);
    expect(ppCentreOfMassFrame(30).gamma).toBeCloseTo(4.06, 2);
  });
  it('at 16° and 0.65–4 GeV the v1.3.0 map has no π0 parent for 0.29–0.6 GeV; the v1.4.0 map keeps ≥ 20 %', () => {
    for (const m of [0.15, 0.2, 0.24]) expect(mixingMapFractions(m)).toEqual({ v130: 1, v140: 1 });
    for (const m of [0.3, 0.35, 0.4, 0.45, 0.5, 0.6]) {
      const { v130, v140 } = mixingMapFractions(m);
      expect(v130, `m = ${m}`).toBe(0);
      expect(v140, `m = ${m}`).toBeGreaterThan(0.2);
    }
  });
  it("ALPINIST v1.3.0's own KOTO Step-1 π0-mixing table collapses where its map fails; alpenglow's yield does not", () => {
    const table: number[][] = boost.kotoStep1Pi0MixingEventsSummedOverWidths.massGeVEvents;
    const [, at02] = nearestTabulated(table, 0.2);
    const [, at03] = nearestTabulated(table, 0.3);
    const [, at04] = nearestTabulated(table, 0.4);
    expect(at03 / at02).toBeLessThan(0.01);
    expect(at04 / at02).toBeLessThan(0.02);
    const y02 = alpenglowPi0MixingYield(step1, 0.2);
    const y03 = alpenglowPi0MixingYield(step1, 0.3);
    const y04 = alpenglowPi0MixingYield(step1, 0.4);
    expect(y03).toBeGreaterThan(0);
    // Smooth in mass: |θ_aπ|² and phase space change slowly away from the π0 pole.
    expect(y03 / y02).toBeGreaterThan(0.2);
    expect(y04 / y03).toBeGreaterThan(0.5);
    // The ratio of ratios is the defect: > 20× at 0.3 GeV.
    expect(y03 / y02 / (at03 / at02)).toBeGreaterThan(20);
  });
});

describe('defect 2: KOTO Step-2 photon-from-meson tables of ALPINIST v1.3.0 are all zeros', () => {
  it('20301 rows, no non-zero entry, in both the pnn and dump tables (same content, sha256 recorded)', () => {
    const byName = Object.fromEntries(zeros.tables.map((t: { name: string }) => [t.name, t]));
    for (const name of ['KOTO2pnn_photonfrommeson_2Gamma', 'KOTO2dump_photonfrommeson_2Gamma']) {
      expect(byName[name].rows).toBe(20301);
      expect(byName[name].nonZero).toBe(0);
      expect(byName[name].sha256).toBe('4e6ef60260a882e9291ced5bf562e333e023a2bb7f17f7047b7a29065a229662');
    }
    // Its beam-photon tables and the Step-1 dump photon-from-meson table are filled.
    expect(byName.KOTO2pnn_primakoff_2Gamma.nonZero).toBeGreaterThan(1000);
    expect(byName.KOTO2dump_primakoff_2Gamma.nonZero).toBeGreaterThan(1000);
    expect(byName.KOTOdump_photonfrommeson_2Gamma.nonZero).toBeGreaterThan(1000);
  });
  it("alpenglow's meson-photon Primakoff yield for koto-step2 is non-zero at 0.05–0.4 GeV", () => {
    for (const m of [0.05, 0.1, 0.4]) expect(alpenglowMesonPhotonYield(step2, m), `m = ${m}`).toBeGreaterThan(1e-6);
  });
});
