/**
 * The meson-spectrum shape systematic (issue 15 §3; docs/limits.md §6b): the two alternative shapes
 * keep every multiplicity (only the shape changes), move ⟨p_γ⟩ and ⟨p_T,γ⟩ the stated way, and the
 * nominal shape given explicitly reproduces the default spectra and tables bit for bit. The
 * production cache keys a varied table apart from the nominal one.
 */
import { describe, expect, it } from 'vitest';
import { productionCacheKey } from '../../src/node/production-cache.ts';
import { photonMoments } from '../../src/physics/meson-decays.ts';
import {
  PHOTON_REFERENCE,
  TUNED_SHAPE,
  UNTUNED_BMPT_SHAPE,
  defaultMesonSpectrum,
  shapeParameters,
  spectrumShapeVariations,
} from '../../src/physics/meson-spectra.ts';
import { MIXING_MESONS } from '../../src/physics/mixing.ts';
import { buildProductionTable, defaultMesons, defaultPhotons } from '../../src/physics/production.ts';

const ENERGIES = PHOTON_REFERENCE.map((ref) => ref.beamEnergyGeV);

describe('spectrumShapeVariations (meson-spectra.ts)', () => {
  it('softer is the untuned BMPT fit, harder its mirror about the tuned shape', () => {
    for (const tuned of TUNED_SHAPE) {
      const [softer, harder] = spectrumShapeVariations(tuned.beamEnergyGeV);
      expect(softer).toEqual({ name: 'softer', shape: { alpha: 3.45, ptStretch: 1 } });
      expect(harder.name).toBe('harder');
      expect(harder.shape.alpha).toBeCloseTo(2 * tuned.alpha - UNTUNED_BMPT_SHAPE.alpha, 12);
      expect(harder.shape.ptStretch).toBeCloseTo(2 * tuned.ptStretch - 1, 12);
    }
  });

  it('only the shape changes: every meson multiplicity and the photons per pp stay (float64 sums, 1e-12)', () => {
    for (const energy of ENERGIES) {
      const nominal = photonMoments(defaultPhotons(energy));
      for (const { shape } of spectrumShapeVariations(energy)) {
        for (const meson of MIXING_MESONS) {
          const varied = defaultMesonSpectrum(meson, energy, shape);
          const reference = defaultMesonSpectrum(meson, energy);
          expect(varied.totalPerPot).toBe(reference.totalPerPot);
          const sum = varied.cellContent.reduce((s, x) => s + x, 0);
          expect(Math.abs(sum / reference.totalPerPot - 1)).toBeLessThan(1e-12);
        }
        expect(Math.abs(photonMoments(defaultPhotons(energy, 1, 2, shape)).photonsPerPot / nominal.photonsPerPot - 1)).toBeLessThan(1e-12);
      }
    }
  });

  it('softer lowers and harder raises ⟨p_γ⟩ (by 4–8 %) and ⟨p_T,γ⟩ (by 7–11 %) at 30, 70, 400 GeV', () => {
    for (const energy of ENERGIES) {
      const nominal = photonMoments(defaultPhotons(energy));
      const [softer, harder] = spectrumShapeVariations(energy).map((variation) => photonMoments(defaultPhotons(energy, 1, 2, variation.shape)));
      // measured shifts (jittered sampling noise ~0.3 %): p −4.2…−7.2 % / +4.1…+7.9 %, p_T −7.5…−10.3 % / +7.3…+10.3 %
      for (const [moment, lo, hi] of [
        ['meanPGeV', 0.035, 0.085],
        ['meanPtGeV', 0.065, 0.115],
      ] as const) {
        const down = 1 - softer[moment] / nominal[moment];
        const up = harder[moment] / nominal[moment] - 1;
        expect(down, `${energy} GeV softer ${moment}`).toBeGreaterThan(lo);
        expect(down, `${energy} GeV softer ${moment}`).toBeLessThan(hi);
        expect(up, `${energy} GeV harder ${moment}`).toBeGreaterThan(lo);
        expect(up, `${energy} GeV harder ${moment}`).toBeLessThan(hi);
      }
    }
  });

  it('the tuned shape given explicitly is the default: same mesons and the same tables, bit for bit', () => {
    const shape = shapeParameters(30);
    const explicit = defaultMesons(30, 1, 2, shape);
    const implicit = defaultMesons(30);
    expect(explicit).not.toBe(implicit); // a separate memo entry, computed anew
    for (let i = 0; i < implicit.length; i++) {
      expect(Array.from(explicit[i].weight)).toEqual(Array.from(implicit[i].weight));
      expect(Array.from(explicit[i].ptGeV)).toEqual(Array.from(implicit[i].ptGeV));
      expect(Array.from(explicit[i].rapidity)).toEqual(Array.from(implicit[i].rapidity));
    }
    const request = { mode: 'mixing' as const, massGeV: 0.2, beamEnergyGeV: 30, target: 'Au' };
    expect(Array.from(buildProductionTable({ ...request, spectrumShape: shape }).binContent)).toEqual(Array.from(buildProductionTable(request).binContent));
  });

  it('a varied mixing table has the same integral (the map is one-to-one) and another (E, θ) distribution', () => {
    const request = { mode: 'mixing' as const, massGeV: 0.2, beamEnergyGeV: 30, target: 'Au' };
    const nominal = buildProductionTable(request);
    const softer = buildProductionTable({ ...request, spectrumShape: spectrumShapeVariations(30)[0].shape });
    const total = (table: typeof nominal) => table.yieldPerPot + table.outOfRangeYieldPerPot;
    expect(Math.abs(total(softer) / total(nominal) - 1)).toBeLessThan(1e-9);
    // mean ALP energy over the table (bin centres in ln E): the softer spectrum gives softer ALPs
    const meanEnergy = (table: typeof nominal) => {
      const nTheta = table.thetaEdgesRad.length - 1;
      let sum = 0;
      for (let i = 0; i < table.binContent.length; i++) {
        const e = Math.floor(i / nTheta);
        sum += table.binContent[i] * Math.sqrt(table.energyEdgesGeV[e] * table.energyEdgesGeV[e + 1]);
      }
      return sum / table.yieldPerPot;
    };
    expect(meanEnergy(softer) / meanEnergy(nominal)).toBeLessThan(0.97);
  });

  it('the production cache keys a varied table apart from the nominal one', () => {
    const request = { mode: 'mixing', massGeV: 0.1, beamEnergyGeV: 30, target: 'Au' };
    const [softer, harder] = spectrumShapeVariations(30);
    const keys = [request, { ...request, spectrumShape: softer.shape }, { ...request, spectrumShape: harder.shape }].map((r) => productionCacheKey(r, 'code'));
    expect(new Set(keys).size).toBe(3);
    expect(productionCacheKey({ ...request, spectrumShape: undefined }, 'code')).toBe(keys[0]); // nominal requests keep their old keys
  });
});
