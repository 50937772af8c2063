/**
 * Physical constants and particle properties, one place for the whole project (CPU and shaders).
 *
 * Units: GeV, metres, seconds. Every value names its source. "physics.md §N" refers to
 * docs/physics.md, which quotes PDG / ALPINIST values with their own sources.
 * Shader code never hard-codes these numbers: they are injected from this module (see
 * src/engine/wgsl-constants.ts).
 */

/** ħc in GeV·m (PDG 2022; physics.md §0). */
export const HBAR_C_GEV_M = 1.973269804e-16;
/** ħ in GeV·s (PDG 2022; physics.md §0). */
export const HBAR_GEV_S = 6.582119569e-25;
/** 1 GeV⁻² in barn (PDG; physics.md §0). */
export const GEV_MINUS2_IN_BARN = 3.893794e-4;
/** Fine-structure constant at q² = 0 (PDG 2022: 1/137.035999). physics.md §0 allows 1/137 (ALPINIST) or this. */
export const ALPHA_EM = 1 / 137.035999;
/** Avogadro constant, mol⁻¹ (CODATA 2018; physics.md §0). */
export const AVOGADRO_PER_MOL = 6.02214076e23;

/** Particle masses in GeV (PDG, as listed in physics.md §0). */
export const MASS_GEV = {
  electron: 0.000511,
  muon: 0.105658,
  tau: 1.77686,
  pi0: 0.13498,
  piCharged: 0.13957,
  eta: 0.54786,
  etaPrime: 0.95778,
  kaonCharged: 0.493677,
  kaon0: 0.497611,
  kStarCharged: 0.89176,
  bCharged: 5.27934,
  b0: 5.27966,
  proton: 0.93827,
  w: 80.379,
  z: 91.1876,
} as const;

// ---------------------------------------------------------------------------------------------
// Added for the CPU physics library (src/physics). Same rule: every value names its source.
// ---------------------------------------------------------------------------------------------

/** ħc in GeV·fm (= HBAR_C_GEV_M × 1e15; physics.md §0). */
export const HBAR_C_GEV_FM = HBAR_C_GEV_M * 1e15;
/** 1 GeV⁻² in millibarn (PDG; physics.md §0). */
export const GEV_MINUS2_IN_MB = 0.3893794;

/** Light-quark MS-bar masses at 2 GeV, GeV (PDG 2019 as used by ALPINIST production / v1.3; physics.md §0, §3.1). */
export const QUARK_MASS_GEV = { up: 2.16e-3, down: 4.67e-3, strange: 0.093 } as const;

/** Pseudoscalar decay constants in the f_π ≈ 93 MeV normalisation, GeV (KOTO arXiv:2303.01521 below eq. 3 and eq. 5; physics.md §0). */
export const DECAY_CONSTANT_GEV = { pi0: 0.093, eta: 0.093, etaPrime: 0.073 } as const;

/** η–η′ mixing angle θ_ηη′ = arcsin(−1/3) (KOTO arXiv:2303.01521 below eq. 3; physics.md §0, §3.1). */
export const THETA_ETA_ETAPRIME_RAD = Math.asin(-1 / 3);

/** Chiral constant in c_γγ^eff = c_γγ − 1.92 c_GG (NLO ChPT, Grilli di Cortona et al. arXiv:1511.02867; KOTO eq. 5; physics.md §1.4). */
export const CHIRAL_PHOTON_COEFFICIENT = 1.92;

/** Total widths of the neutral pseudoscalars used to regulate the mixing poles, GeV (PDG, from memory per physics.md §3.1 item 3). */
export const MESON_WIDTH_GEV = { pi0: 7.7e-9, eta: 1.31e-6, etaPrime: 1.88e-4 } as const;

/**
 * Meson branching ratios, physics.md §0 (ALPINIST constants = PDG 2020 unless noted) and §5.4.
 * Entries marked "memory" are PDG values quoted from memory in physics.md (§0, §5.4): UNVERIFIED.
 */
export const MESON_BR = {
  /** π0 → γγ (ALPINIST constants). */
  pi0ToGammaGamma: 0.98823,
  /** π0 → e⁺e⁻γ Dalitz (physics.md §5.4: 1.17 %; PDG 1.174 %). */
  pi0Dalitz: 0.01174,
  /** η → γγ (ALPINIST constants). */
  etaToGammaGamma: 0.3941,
  /** η → 3π0 (memory, physics.md §0). */
  etaTo3Pi0: 0.326,
  /** η → π⁺π⁻π0 (memory, physics.md §0). */
  etaToPiPiPi0: 0.229,
  /** η → π⁺π⁻γ (memory, physics.md §0). */
  etaToPiPiGamma: 0.042,
  /** η → e⁺e⁻γ (PDG 2020: 0.69 %, memory; not in physics.md tables). */
  etaDalitz: 0.0069,
  /** η′ → γγ (ALPINIST constants). */
  etaPrimeToGammaGamma: 0.0222,
  /** η′ → π⁺π⁻η (ALPINIST constants, PDG 2020). */
  etaPrimeToPiPiEtaCharged: 0.427,
  /** η′ → π0π0η (ALPINIST constants, PDG 2020). */
  etaPrimeToPiPiEtaNeutral: 0.228,
  /** η′ → ρ0γ (incl. non-resonant π⁺π⁻γ) (PDG 2020: 28.9 %, memory; physics.md §5.4 lists the mode). */
  etaPrimeToRhoGamma: 0.289,
  /** η′ → ωγ (PDG 2020: 2.62 %, memory; physics.md §5.4 lists the mode). */
  etaPrimeToOmegaGamma: 0.0262,
} as const;

/** ρ0 and ω masses in GeV, used as the recoil mass of one-photon meson decays (PDG; physics.md §2.4 quotes m_ρ = 0.775). */
export const MASS_RHO0_GEV = 0.775;
export const MASS_OMEGA_GEV = 0.78266;

/** Anomalous-moment-squared μ_p² of the proton used in the Budnev flux (ALPINIST gamma_p_Budnev; physics.md §4.4). */
export const PROTON_MU_SQUARED = 7.78;
/** Dipole form-factor scale Λ² = 0.71 GeV² (physics.md §4.4). */
export const PROTON_DIPOLE_LAMBDA2_GEV2 = 0.71;

/**
 * σ_pp total cross sections used for σ_pA = σ_pp A^0.77, mb, by beam energy in GeV (PDG 2015 fits as
 * quoted in ALPINIST exotic_constants.sigma_pp; physics.md §4.4). Interpolated linearly in ln E.
 */
export const SIGMA_PP_MB_BY_BEAM_GEV: readonly (readonly [number, number])[] = [
  [30, 38.38],
  [70, 38.38],
  [120, 38.54],
  [400, 39.85],
  [800, 41.14],
];
/** Exponent of σ_pA = σ_pp A^0.77 (ALPINIST; physics.md §4.4). */
export const SIGMA_PA_A_EXPONENT = 0.77;

/** Weak mixing: s_w² = 1 − m_W²/m_Z² (on-shell, physics.md §2.2). */
export const SIN2_THETA_W = 1 - (80.379 * 80.379) / (91.1876 * 91.1876);

/** Strong coupling at m_Z (PDG 2022: 0.1179), used for the LO running in Γ(a→gg) (physics.md §2.6). */
export const ALPHA_S_MZ = 0.1179;
/** Charm and bottom MS-bar masses for n_f thresholds of the LO α_s running, GeV (PDG 2022). */
export const HEAVY_QUARK_THRESHOLD_GEV = { charm: 1.27, bottom: 4.18 } as const;

/** Default UV scale Λ for the loop-induced lepton coupling, GeV (ALPINIST default Λ = 1000 GeV; physics.md §1.1 B, §2.2). */
export const LEPTON_LOOP_UV_SCALE_GEV = 1000;

/**
 * Inputs of the W loop that makes b → s a from c_WW (Izaguirre–Lin–Shuve arXiv:1611.09355; b-meson-decays.ts):
 * SU(2) coupling g = 2 m_W (√2 G_F)^{1/2} = 0.6529 (G_F = 1.1663787e-5 GeV⁻², PDG), up-type quark masses
 * (PDG 2024: m_u = 2.16 MeV, m_c = 1.273 GeV, m_t = 172.57 GeV) and CKM magnitudes |V_qb|, |V_qs| (PDG 2018, the
 * values ALPINIST exotic constants use).
 */
export const FERMI_CONSTANT_PER_GEV2 = 1.1663787e-5;
export const UP_TYPE_QUARK_MASS_GEV = { up: 2.16e-3, charm: 1.273, top: 172.57 } as const;
export const CKM_MAGNITUDE = { ub: 0.00361, cb: 0.0405, tb: 0.99917, us: 0.2265, cs: 0.9732, ts: 0.03978 } as const;
