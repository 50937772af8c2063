/**
 * Weighted meson samples and their photon decays (physics.md §5.4, §7.1): two-body decays
 * isotropic in the rest frame, boosted to the lab. Used to build the photon spectrum for Primakoff
 * production from the default spectra or from user meson lists.
 */
import { PhysicsInputError } from './errors.ts';
import { MESON_MASS_GEV, type MesonSpectrum, PHOTON_DECAY_MODES } from './meson-spectra.ts';
import type { MixingMeson } from './mixing.ts';
import { Xoshiro128 } from './rng.ts';

/** Weighted mesons: transverse momentum, lab rapidity, weight (mesons per POT). Azimuth is uniform. */
export interface WeightedMesons {
  meson: MixingMeson;
  massGeV: number;
  ptGeV: Float64Array;
  rapidity: Float64Array;
  weight: Float64Array;
}

/** Weighted photons: momentum, polar angle to the beam (rad), weight (photons per POT). */
export interface WeightedPhotons {
  pGeV: Float64Array;
  thetaRad: Float64Array;
  weight: Float64Array;
}

/** Jittered samples of a binned spectrum: samplesPerCell uniform points per non-empty cell, weight = content/samplesPerCell. */
export function sampleMesonSpectrum(spectrum: MesonSpectrum, samplesPerCell: number, seed: number): WeightedMesons {
  const rng = new Xoshiro128(seed);
  const nY = spectrum.rapidityEdges.length - 1;
  const nPt = spectrum.ptEdgesGeV.length - 1;
  let nonEmpty = 0;
  for (let k = 0; k < spectrum.cellContent.length; k++) if (spectrum.cellContent[k] > 0) nonEmpty++;
  const n = nonEmpty * samplesPerCell;
  const out: WeightedMesons = {
    meson: spectrum.meson,
    massGeV: spectrum.massGeV,
    ptGeV: new Float64Array(n),
    rapidity: new Float64Array(n),
    weight: new Float64Array(n),
  };
  let k = 0;
  for (let i = 0; i < nY; i++) {
    for (let j = 0; j < nPt; j++) {
      const content = spectrum.cellContent[i * nPt + j];
      if (!(content > 0)) continue;
      for (let s = 0; s < samplesPerCell; s++) {
        out.rapidity[k] = spectrum.rapidityEdges[i] + rng.uniform() * (spectrum.rapidityEdges[i + 1] - spectrum.rapidityEdges[i]);
        // uniform in p_T² inside the cell keeps the 2p_T Jacobian of the cell content
        const a = spectrum.ptEdgesGeV[j] ** 2;
        const b = spectrum.ptEdgesGeV[j + 1] ** 2;
        out.ptGeV[k] = Math.sqrt(a + rng.uniform() * (b - a));
        out.weight[k] = content / samplesPerCell;
        k++;
      }
    }
  }
  return out;
}

/**
 * Decays every meson sample once per photon mode (weight × BR), isotropically in the rest frame, and
 * boosts the photons to the lab (physics.md §5.4, §7.1 item 5). One-photon modes are γ + X with a
 * fixed recoil mass: E* = (M² − m_X²)/(2M).
 */
export function decayMesonsToPhotons(mesons: WeightedMesons, seed: number): WeightedPhotons {
  const rng = new Xoshiro128(seed);
  const modes = PHOTON_DECAY_MODES[mesons.meson];
  const perMeson = modes.reduce((s, m) => s + m.photons, 0);
  const n = mesons.weight.length * perMeson;
  const out: WeightedPhotons = { pGeV: new Float64Array(n), thetaRad: new Float64Array(n), weight: new Float64Array(n) };
  const m = mesons.massGeV;
  let k = 0;
  for (let i = 0; i < mesons.weight.length; i++) {
    const pt = mesons.ptGeV[i];
    const mT = Math.sqrt(pt * pt + m * m);
    const e = mT * Math.cosh(mesons.rapidity[i]);
    const bx = pt / e;
    const bz = (mT * Math.sinh(mesons.rapidity[i])) / e;
    const b2 = bx * bx + bz * bz;
    const gamma = e / m;
    for (const mode of modes) {
      const eStar = (m * m - mode.recoilMassGeV ** 2) / (2 * m);
      const cosT = 2 * rng.uniform() - 1;
      const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
      const phi = 2 * Math.PI * rng.uniform();
      for (let side = 0; side < mode.photons; side++) {
        const sign = side === 0 ? 1 : -1;
        const px = sign * eStar * sinT * Math.cos(phi);
        const py = sign * eStar * sinT * Math.sin(phi);
        const pz = sign * eStar * cosT;
        const bp = bx * px + bz * pz;
        const factor = b2 > 0 ? ((gamma - 1) * bp) / b2 + gamma * eStar : 0;
        const lx = px + factor * bx;
        const ly = py;
        const lz = pz + factor * bz;
        const p = Math.hypot(lx, ly, lz);
        out.pGeV[k] = p;
        out.thetaRad[k] = Math.atan2(Math.hypot(lx, ly), lz);
        out.weight[k] = mesons.weight[i] * mode.br;
        k++;
      }
    }
  }
  return out;
}

/** Concatenates photon sets. */
export function concatPhotons(sets: WeightedPhotons[]): WeightedPhotons {
  const n = sets.reduce((s, x) => s + x.weight.length, 0);
  const out: WeightedPhotons = { pGeV: new Float64Array(n), thetaRad: new Float64Array(n), weight: new Float64Array(n) };
  let k = 0;
  for (const set of sets) {
    out.pGeV.set(set.pGeV, k);
    out.thetaRad.set(set.thetaRad, k);
    out.weight.set(set.weight, k);
    k += set.weight.length;
  }
  return out;
}

/** Photon count, ⟨p⟩ and ⟨p_T⟩ of a weighted photon set (the physics.md §3.3 figures). */
export function photonMoments(photons: WeightedPhotons): { photonsPerPot: number; meanPGeV: number; meanPtGeV: number } {
  let w = 0;
  let wp = 0;
  let wpt = 0;
  for (let i = 0; i < photons.weight.length; i++) {
    w += photons.weight[i];
    wp += photons.weight[i] * photons.pGeV[i];
    wpt += photons.weight[i] * photons.pGeV[i] * Math.sin(photons.thetaRad[i]);
  }
  if (!(w > 0)) throw new PhysicsInputError('photon set is empty: no photons to take moments of');
  return { photonsPerPot: w, meanPGeV: wp / w, meanPtGeV: wpt / w };
}

/** Mesons of one species from explicit momenta (user lists): p_T, rapidity from (px, py, pz). */
export function mesonsFromMomenta(meson: MixingMeson, px: ArrayLike<number>, py: ArrayLike<number>, pz: ArrayLike<number>, weightEach: number): WeightedMesons {
  const m = MESON_MASS_GEV[meson];
  const n = px.length;
  const out: WeightedMesons = { meson, massGeV: m, ptGeV: new Float64Array(n), rapidity: new Float64Array(n), weight: new Float64Array(n).fill(weightEach) };
  for (let i = 0; i < n; i++) {
    const pt = Math.hypot(px[i], py[i]);
    const mT = Math.sqrt(pt * pt + m * m);
    out.ptGeV[i] = pt;
    out.rapidity[i] = Math.asinh(pz[i] / mT);
  }
  return out;
}
