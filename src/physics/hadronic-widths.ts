/**
 * Hadronic ALP widths for the gluon coupling, as "reduced widths" T(m) in eV at the ALPINIST
 * normalisation C_GG/Λ = 1/TeV (Bauer convention; equivalently f_a/c_GG = 3.166 GeV in KOTO units;
 * physics.md §2.5). Γ(c_GG, f_a) = T × [c_GG·(1000 GeV)/(32π² f_a)]² (physics.md §2.5).
 *
 * alpenglow may not ship ALPINIST's digitised tables. The built-in model is therefore assembled from
 * (physics.md §2.3–2.6; accuracy and range in docs/physics-model.md):
 * 1. the sample values quoted in physics.md §2.5 (read from ALPINIST's digitisation of Aloni–Soreq–
 *    Williams arXiv:1811.03474) at 12 nodes 0.30 … 2.99 GeV, per channel, and 7 more around the η pole;
 * 2. between nodes, the ratio T_c/Σ_P|θ̂_aP(m)|² is interpolated log-log, where P are the mesons that carry
 *    the channel (η for 3π, η′ for ππη, η and η′ for ππγ), so the η and η′ poles appear in the hadronic
 *    width as they do in c_γγ^eff; the "other hadrons" remainder (KKπ, 4π, ππη′, …) is interpolated directly;
 * 3. near thresholds, the LO-ChPT a→3π phase-space shape (physics.md §2.3) or a (m − m_thr)² rise;
 * 4. above 3 GeV, a → gg (physics.md §2.6, UNVERIFIED formula, LO α_s running).
 * Every channel is masked by its kinematic threshold (physics.md §2.5 note; ALPINIST bug B10).
 */
import { ALPHA_S_MZ, HEAVY_QUARK_THRESHOLD_GEV, MASS_GEV } from './constants.ts';
import { cAbs2 } from './complex.ts';
import { KOTO_TO_BAUER_FACTOR } from './couplings.ts';
import { PhysicsInputError, requirePositive } from './errors.ts';
import { integrateSqrtEndpoints, kallen } from './kinematics.ts';
import { type MixingMeson, mixingAngleKoto, quarkKappas } from './mixing.ts';

export type HadronicChannel = '3pi0' | 'pipipi0' | 'pipigamma' | 'pipieta' | 'otherHadrons' | 'gg' | 'userTable';

/** C_GG/Λ of the reduced widths, GeV⁻¹ (ALPINIST normalisation, physics.md §2.5). */
export const REDUCED_WIDTH_C_OVER_LAMBDA_PER_GEV = 1e-3;

/** A hadronic width model: reduced widths T_c(m) in eV at C_GG/Λ = 1/TeV, one entry per open channel. */
export interface HadronicWidthModel {
  name: string;
  reducedWidthsEv(massGeV: number): Partial<Record<HadronicChannel, number>>;
}

/** Factor Γ/T for KOTO couplings: [c_GG·1000 GeV/(32π² f_a)]² × 1e-9 GeV/eV (physics.md §2.5). */
export function reducedWidthScaleGeVPerEv(cGG: number, faGeV: number): number {
  const cOverLambda = cGG / (KOTO_TO_BAUER_FACTOR * faGeV);
  return (cOverLambda / REDUCED_WIDTH_C_OVER_LAMBDA_PER_GEV) ** 2 * 1e-9;
}

// ---------------------------------------------------------------------------------------------
// LO ChPT a → 3π (physics.md §2.3, derived there; structure of BNT arXiv:1708.00443)
// ---------------------------------------------------------------------------------------------

/** g_00(r), r = m_π²/m_a² (physics.md §2.3; g(0) = 1, includes the 1/3! for identical pions). */
export function phaseSpaceG00(r: number): number {
  const zMax = (1 - Math.sqrt(r)) ** 2;
  if (!(zMax > 4 * r)) return 0;
  const integral = integrateSqrtEndpoints((z) => Math.sqrt(Math.max(0, 1 - (4 * r) / z)) * Math.sqrt(Math.max(0, kallen(1, z, r))), 4 * r, zMax);
  return (2 / (1 - r) ** 2) * integral;
}

/** g_+−(r) (physics.md §2.3; g(0) = 1). */
export function phaseSpaceGPlusMinus(r: number): number {
  const zMax = (1 - Math.sqrt(r)) ** 2;
  if (!(zMax > 4 * r)) return 0;
  const integral = integrateSqrtEndpoints((z) => Math.sqrt(Math.max(0, 1 - (4 * r) / z)) * (z - r) ** 2 * Math.sqrt(Math.max(0, kallen(1, z, r))), 4 * r, zMax);
  return (12 / (1 - r) ** 2) * integral;
}

/**
 * LO ChPT Γ(a → πππ) in GeV, KOTO convention, isospin limit with m_π = m_π0 (physics.md §2.3):
 * Γ = m_a m_π⁴ c_GG² (κ_u − κ_d)² g_ab(m_π²/m_a²) / (12288 π³ f_π² f_a²). For phase-space tests and
 * threshold shapes only (physics.md §2.3: "use the tabulated widths for physics").
 */
export function threePionWidthLoChptGeV(channel: '3pi0' | 'pipipi0', massGeV: number, cGG: number, faGeV: number): number {
  requirePositive('massGeV', massGeV);
  requirePositive('faGeV', faGeV);
  const mPi = MASS_GEV.pi0;
  if (!(massGeV > 3 * mPi)) return 0;
  const k = quarkKappas();
  const r = (mPi * mPi) / (massGeV * massGeV);
  const g = channel === '3pi0' ? phaseSpaceG00(r) : phaseSpaceGPlusMinus(r);
  const fPi = 0.093; // f_π, physics.md §0 / §2.3
  return (massGeV * mPi ** 4 * cGG * cGG * (k.up - k.down) ** 2 * g) / (12288 * Math.PI ** 3 * fPi * fPi * faGeV * faGeV);
}

// ---------------------------------------------------------------------------------------------
// a → gg above 3 GeV (physics.md §2.6; BNT arXiv:1708.00443 from memory, UNVERIFIED)
// ---------------------------------------------------------------------------------------------

/** One-loop α_s(μ) from α_s(m_Z) with n_f thresholds at m_b and m_c (PDG inputs in constants.ts). */
export function alphaSOneLoop(muGeV: number): number {
  requirePositive('muGeV', muGeV);
  const b0 = (nf: number): number => (33 - 2 * nf) / (12 * Math.PI);
  let invAlpha = 1 / ALPHA_S_MZ;
  let mu0: number = MASS_GEV.z;
  const steps: [number, number][] = [
    [HEAVY_QUARK_THRESHOLD_GEV.bottom, 5],
    [HEAVY_QUARK_THRESHOLD_GEV.charm, 4],
    [0, 3],
  ];
  for (const [threshold, nf] of steps) {
    const target = Math.max(muGeV, threshold);
    if (target < mu0) {
      invAlpha += b0(nf) * Math.log((target * target) / (mu0 * mu0));
      mu0 = target;
    }
    if (muGeV >= threshold) break;
  }
  if (!(invAlpha > 0)) throw new PhysicsInputError(`muGeV = ${muGeV} is below the Landau pole of one-loop α_s`);
  return 1 / invAlpha;
}

/** Reduced width of a → gg in eV at C_GG/Λ = 1/TeV: 32π α_s² m³ (C/Λ)² [1 + (83/4) α_s/π] (physics.md §2.6). */
export function gluonGluonReducedWidthEv(massGeV: number): number {
  const as = alphaSOneLoop(massGeV);
  const c = REDUCED_WIDTH_C_OVER_LAMBDA_PER_GEV;
  return 32 * Math.PI * as * as * massGeV ** 3 * c * c * (1 + ((83 / 4) * as) / Math.PI) * 1e9;
}

// ---------------------------------------------------------------------------------------------
// Built-in model from the physics.md §2.5 sample values
// ---------------------------------------------------------------------------------------------

/**
 * Node masses and sample values, eV at C_GG/Λ = 1/TeV: physics.md §2.5 table (ALPINIST digitisation of
 * arXiv:1811.03474), plus seven nodes around the η pole (0.52–0.535 and 0.56–0.58 GeV, issue 15) read
 * from the same ALPINIST files (widths/integrated/digitized_width_{total,2Gamma,3Pi0,3Pi,2PiGamma}.dat),
 * each interpolated there in T/|θ̂_aη|² between its two neighbouring points. Nodes stay ≥ 8 MeV from
 * m_η: closer in, the digitised curves disagree with each other by up to ×3 (docs/physics-model.md).
 */
const NODE_MASS_GEV = [0.3, 0.4, 0.45, 0.5, 0.52, 0.53, 0.535, 0.56, 0.565, 0.57, 0.58, 0.6, 0.7, 0.8, 0.9, 1.0, 1.5, 2.0, 2.99];
const NODE_T_TOTAL = [6.87e-2, 0.303, 1.01, 5.52, 18.8, 48.8, 89.3, 110, 55.7, 34.0, 18.7, 6.98, 2.04, 3.07, 204, 6.21e3, 2.82e5, 2.21e5, 3.45e5];
const NODE_T_GAMMA_GAMMA = [6.93e-2, 0.312, 0.767, 3.16, 8.85, 19.7, 32.1, 29.0, 18.6, 10.5, 4.59, 1.29, 0.017, 1.16, 25.7, 50.7, 7.5, 0.35, 0.17];
const NODE_T_CHANNEL: Record<'3pi0' | 'pipipi0' | 'pipigamma' | 'pipieta', number[]> = {
  '3pi0': [0, 0, 0.157, 1.85, 6.61, 17.2, 34.1, 41.9, 21.2, 12.7, 6.05, 2.21, 0.05, 0.24, 6.7, 0, 0, 0, 0],
  pipipi0: [0, 0, 0.079, 1.19, 4.39, 11.5, 23.0, 28.4, 14.3, 8.63, 4.09, 1.5, 0.174, 0.73, 6.9, 0, 0, 0, 0],
  pipigamma: [5e-6, 7.9e-4, 8.0e-3, 0.19, 1.06, 3.52, 9.05, 15.2, 8.83, 6.01, 3.76, 2.42, 1.85, 1.14, 152, 1.27e3, 1.18e3, 137, 11],
  pipieta: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 74, 4.93e3, 2.47e5, 4.36e4, 8.9e3],
};

/** Kinematic thresholds, GeV (physics.md §0 masses). */
export const HADRONIC_THRESHOLD_GEV: Record<Exclude<HadronicChannel, 'userTable'>, number> = {
  '3pi0': 3 * MASS_GEV.pi0,
  pipipi0: 2 * MASS_GEV.piCharged + MASS_GEV.pi0,
  pipigamma: 2 * MASS_GEV.piCharged,
  pipieta: 2 * MASS_GEV.pi0 + MASS_GEV.eta,
  // KKπ is the lightest mode the "other" remainder needs (2m_K + m_π); the tables put it at ≈ 0 at 1.0 GeV.
  otherHadrons: 1.0,
  gg: 3.0,
};

/** Upper mass of the 3π channels: ALPINIST masks them above m_η′ (physics.md §2.5 notes). */
const THREE_PION_MAX_MASS_GEV = MASS_GEV.etaPrime;
/** Above this mass the built-in model switches to a → gg (physics.md §2.6). */
export const GLUON_GLUON_FROM_GEV = 3.0;

/**
 * Mesons whose mixing carries each channel: 3π through the η; ππη through the η′; ππγ through both
 * (η → π⁺π⁻γ and η′ → π⁺π⁻γ), so that it has the η pole too (issue 15: the η′ alone gave ππγ × 1/50 at 0.54 GeV).
 */
const CARRIERS: Record<'3pi0' | 'pipipi0' | 'pipigamma' | 'pipieta', readonly MixingMeson[]> = {
  '3pi0': ['eta'],
  pipipi0: ['eta'],
  pipigamma: ['eta', 'etaPrime'],
  pipieta: ['etaPrime'],
};

/** Σ_P |θ̂_aP|² over the carriers, at c_GG = 1 and f_a = 1 TeV (the pole factor T_c is divided by). */
function carrierAbs2(mesons: readonly MixingMeson[], massGeV: number): number {
  let sum = 0;
  for (const meson of mesons) sum += cAbs2(mixingAngleKoto(meson, massGeV, 1, 1000));
  return sum;
}

interface NodeChannels {
  channels: Record<'3pi0' | 'pipipi0' | 'pipigamma' | 'pipieta' | 'otherHadrons', number[]>;
}

/**
 * Per-node channel values made consistent with the digitised total: where Σ channels exceeds
 * T_total − T_γγ the channels are scaled down to it; where it falls short the remainder is
 * "otherHadrons" (from 1.0 GeV; below, the channels are scaled up); where T_total − T_γγ ≤ 0
 * (digitisation noise at 0.3–0.4 GeV) the channel sum is kept.
 */
function buildNodes(): NodeChannels {
  const keys = ['3pi0', 'pipipi0', 'pipigamma', 'pipieta'] as const;
  const channels = { '3pi0': [] as number[], pipipi0: [] as number[], pipigamma: [] as number[], pipieta: [] as number[], otherHadrons: [] as number[] };
  for (let i = 0; i < NODE_MASS_GEV.length; i++) {
    const sum = keys.reduce((s, k) => s + NODE_T_CHANNEL[k][i], 0);
    const hadronic = NODE_T_TOTAL[i] - NODE_T_GAMMA_GAMMA[i];
    let scale = 1;
    let other = 0;
    // Below the "other" threshold (1.0 GeV) a shortfall cannot go to "otherHadrons": scale up (0.58 GeV node, +1.5 %).
    const noRemainder = NODE_MASS_GEV[i] < HADRONIC_THRESHOLD_GEV.otherHadrons;
    if (hadronic > 0 && (sum > hadronic || noRemainder)) scale = hadronic / sum;
    else if (hadronic > sum) other = hadronic - sum;
    for (const k of keys) channels[k].push(NODE_T_CHANNEL[k][i] * scale);
    channels.otherHadrons.push(other);
  }
  return { channels };
}

const NODES = buildNodes();

function findSegment(massGeV: number): number {
  for (let i = 0; i < NODE_MASS_GEV.length - 1; i++) if (massGeV <= NODE_MASS_GEV[i + 1]) return i;
  return NODE_MASS_GEV.length - 2;
}

function logLogInterp(m: number, m0: number, m1: number, y0: number, y1: number): number {
  const t = Math.log(m / m0) / Math.log(m1 / m0);
  return Math.exp(Math.log(y0) + t * (Math.log(y1) - Math.log(y0)));
}

function firstPositiveNode(values: number[]): number {
  return values.findIndex((v) => v > 0);
}

function lastPositiveNode(values: number[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (values[i] > 0) return i;
  return -1;
}

/** Threshold shape between the threshold and the first node (ratio to its value at the node). */
function thresholdShape(channel: keyof NodeChannels['channels'], massGeV: number, nodeMassGeV: number): number {
  const thr = HADRONIC_THRESHOLD_GEV[channel];
  if (channel === '3pi0' || channel === 'pipipi0') {
    const lo = (m: number): number => threePionWidthLoChptGeV(channel, m, 1, 1);
    return lo(massGeV) / lo(nodeMassGeV);
  }
  if (channel === 'pipigamma') {
    // ππγ near threshold ~ P-wave ππ pair: β_π³ with β_π² = 1 − 4m_π²/m² (documented approximation).
    const beta3 = (m: number): number => Math.max(0, 1 - (thr * thr) / (m * m)) ** 1.5;
    return beta3(massGeV) / beta3(nodeMassGeV);
  }
  // three-body S-wave near threshold: Γ ∝ (m − m_thr)² (documented approximation).
  return ((massGeV - thr) / (nodeMassGeV - thr)) ** 2;
}

/** Built-in reduced width of one channel, eV at C_GG/Λ = 1/TeV; 0 below threshold and outside range. */
function builtInChannelEv(channel: keyof NodeChannels['channels'], massGeV: number): number {
  if (!(massGeV > HADRONIC_THRESHOLD_GEV[channel])) return 0;
  if (massGeV > GLUON_GLUON_FROM_GEV) return 0;
  if ((channel === '3pi0' || channel === 'pipipi0') && massGeV > THREE_PION_MAX_MASS_GEV) return 0;
  const values = NODES.channels[channel];
  const carrier = channel === 'otherHadrons' ? undefined : CARRIERS[channel];
  const ratioAt = (i: number): number => (carrier ? values[i] / carrierAbs2(carrier, NODE_MASS_GEV[i]) : values[i]);
  const carrierHere = carrier ? carrierAbs2(carrier, massGeV) : 1;
  const first = firstPositiveNode(values);
  const last = lastPositiveNode(values);
  if (first < 0) return 0;
  if (massGeV <= NODE_MASS_GEV[first]) {
    return carrierHere * ratioAt(first) * thresholdShape(channel, massGeV, NODE_MASS_GEV[first]);
  }
  if (massGeV > NODE_MASS_GEV[last]) {
    if (channel === '3pi0' || channel === 'pipipi0') {
      // 0.9 GeV … m_η′: continue with the LO phase-space shape (physics.md §2.3).
      return carrierHere * ratioAt(last) * thresholdShape(channel, massGeV, NODE_MASS_GEV[last]);
    }
    // 2.99 … 3.0 GeV: continue the last log-log segment.
    return carrierHere * logLogInterp(massGeV, NODE_MASS_GEV[last - 1], NODE_MASS_GEV[last], ratioAt(last - 1), ratioAt(last));
  }
  const i = findSegment(massGeV);
  const y0 = ratioAt(i);
  const y1 = ratioAt(i + 1);
  if (y0 > 0 && y1 > 0) return carrierHere * logLogInterp(massGeV, NODE_MASS_GEV[i], NODE_MASS_GEV[i + 1], y0, y1);
  // A zero node inside the channel's range (otherHadrons at 1.0 GeV): rise from the threshold.
  return carrierHere * y1 * thresholdShape(channel, massGeV, NODE_MASS_GEV[i + 1]);
}

/** The built-in hadronic model (see file header; accuracy in docs/physics-model.md). */
export const builtInHadronicModel: HadronicWidthModel = {
  name: 'built-in (physics.md §2.5 sample values + LO ChPT thresholds + a→gg above 3 GeV)',
  reducedWidthsEv(massGeV: number) {
    requirePositive('massGeV', massGeV);
    const out: Partial<Record<HadronicChannel, number>> = {};
    if (massGeV > GLUON_GLUON_FROM_GEV) {
      out.gg = gluonGluonReducedWidthEv(massGeV);
      return out;
    }
    for (const channel of ['3pi0', 'pipipi0', 'pipigamma', 'pipieta', 'otherHadrons'] as const) {
      const value = builtInChannelEv(channel, massGeV);
      if (value > 0) out[channel] = value;
    }
    return out;
  },
};

/** The physics.md §2.5 node values after consistency scaling (for docs and tests). */
export function builtInNodeTable(): { massGeV: number[]; channels: Record<string, number[]>; totalMinusGammaGamma: number[] } {
  return {
    massGeV: [...NODE_MASS_GEV],
    channels: Object.fromEntries(Object.entries(NODES.channels).map(([k, v]) => [k, [...v]])),
    totalMinusGammaGamma: NODE_T_TOTAL.map((t, i) => t - NODE_T_GAMMA_GAMMA[i]),
  };
}

// ---------------------------------------------------------------------------------------------
// User-supplied table (two columns: m [GeV], Γ_had [eV] at C_GG/Λ = 1/TeV; physics.md §2.5)
// ---------------------------------------------------------------------------------------------

/** A hadronic total width table: m strictly increasing, Γ ≥ 0, eV at C_GG/Λ = 1/TeV. */
export interface ReducedWidthTable {
  massGeV: ArrayLike<number>;
  widthEv: ArrayLike<number>;
  /** Where the table came from (file name), for messages. */
  source: string;
}

/**
 * Model from a user table of the hadronic total width. Linear interpolation in m (as ALPINIST
 * Load_digitized), masked below `thresholdGeV` (default 3m_π0, physics.md §2.5 notes). Masses
 * outside the table range throw (no silent zero; ALPINIST bug B11).
 */
export function tableHadronicModel(table: ReducedWidthTable, thresholdGeV = 3 * MASS_GEV.pi0): HadronicWidthModel {
  const n = table.massGeV.length;
  if (n < 2 || table.widthEv.length !== n) {
    throw new PhysicsInputError(`${table.source}: width table needs ≥ 2 rows with one width per mass (got ${n} masses, ${table.widthEv.length} widths)`);
  }
  const mMin = table.massGeV[0];
  const mMax = table.massGeV[n - 1];
  return {
    name: `user table ${table.source}`,
    reducedWidthsEv(massGeV: number) {
      requirePositive('massGeV', massGeV);
      if (!(massGeV > thresholdGeV)) return {};
      if (massGeV > mMax || massGeV < mMin) {
        throw new PhysicsInputError(`massGeV = ${massGeV} is outside the width table ${table.source} (${mMin} … ${mMax} GeV)`);
      }
      let i = 0;
      while (i < n - 2 && massGeV > table.massGeV[i + 1]) i++;
      const t = (massGeV - table.massGeV[i]) / (table.massGeV[i + 1] - table.massGeV[i]);
      const value = table.widthEv[i] + t * (table.widthEv[i + 1] - table.widthEv[i]);
      return value > 0 ? { userTable: value } : {};
    },
  };
}
