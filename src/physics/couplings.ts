/**
 * ALP models and coupling conventions.
 *
 * Internal convention: KOTO / Aloni–Soreq–Williams (KOTO arXiv:2303.01521 eq. 1 and 4; physics.md §1.1 A):
 *   L ⊃ c_GG α_s/(8π f_a) a GG̃ + c_BB α_Y/(8π f_a) a BB̃ + c_WW α_2/(8π f_a) a WW̃
 *       + Σ_ℓ (c_ℓℓ/2)(∂_μ a/f_a) ℓ̄γ^μγ5ℓ,
 * and below the EW scale c_γγ α/(8π f_a) a FF̃ with tree-level c_γγ = c_BB + c_WW.
 *
 * Converters to ALPINIST / Bauer–Neubert–Thamm C_XX/Λ (arXiv:1708.00443 eq. 1) and to the generic
 * g_aγγ (L = −g/4 a FF̃) are exact (physics.md §1.2):
 *   c_XX/f_a = 32π² C_XX/Λ,   g_aγγ = α c_γγ/(2π f_a) = 16πα C_γγ/Λ.
 */
import { parseDecimal } from './decimal.ts';
import { ALPHA_EM } from './constants.ts';
import { PhysicsInputError, requireFinite, requirePositive } from './errors.ts';

/** 32π², the factor between the KOTO and Bauer normalisations (physics.md §1.2). */
export const KOTO_TO_BAUER_FACTOR = 32 * Math.PI * Math.PI;

/** The KOTO benchmark names ([KOTO] arXiv:2303.01521 §IV: (i) gluon, (ii) hypercharge, (iii) codominance). */
export type BenchmarkName = 'gluon' | 'photon' | 'codominance';

/**
 * An ALP model in the KOTO convention. All couplings dimensionless; faGeV in GeV.
 * cEE, cMuMu are the axial lepton couplings (c_ℓℓ/2)(∂a/f_a) ℓ̄γγ5ℓ (physics.md §2.2).
 */
export interface AlpModelKoto {
  /** Label: 'gluon' | 'photon' | 'codominance' | 'custom:…'. */
  name: string;
  cGG: number;
  cBB: number;
  cWW: number;
  cEE: number;
  cMuMu: number;
  faGeV: number;
  /**
   * Include the loop-induced lepton coupling from c_WW, c_BB (BNT arXiv:1708.00443 via ALPINIST
   * lepton_coupling.g_ee_eff with the ln(m_W²/m_ℓ²) fix; physics.md §2.2). Default true.
   */
  leptonLoop?: boolean;
}

export class UnknownModelError extends PhysicsInputError {
  override name = 'UnknownModelError';
}

function checkModel(model: AlpModelKoto): AlpModelKoto {
  requirePositive('faGeV', model.faGeV);
  for (const key of ['cGG', 'cBB', 'cWW', 'cEE', 'cMuMu'] as const) requireFinite(key, model[key]);
  return model;
}

/**
 * Builds a model from a name and f_a (KOTO convention).
 * - 'gluon': c_GG = 1 (KOTO benchmark i); 'photon': c_BB = 1 (ii); 'codominance': c_BB = c_WW = c_GG = 1 (iii);
 * - 'custom:c_GG,c_BB,c_WW' or 'custom:c_GG,c_BB,c_WW,c_ℓℓ' (c_ℓℓ universal for e and μ).
 * Throws UnknownModelError listing the valid choices.
 */
/** The largest |c_i| a custom model may have (c's are O(1) in every benchmark). */
export const MAX_CUSTOM_COEFFICIENT = 1e6;

export function modelFromName(name: string, faGeV: number): AlpModelKoto {
  requirePositive('faGeV', faGeV);
  const base = { cGG: 0, cBB: 0, cWW: 0, cEE: 0, cMuMu: 0, faGeV };
  switch (name) {
    case 'gluon':
      return checkModel({ ...base, name, cGG: 1 });
    case 'photon':
      return checkModel({ ...base, name, cBB: 1 });
    case 'codominance':
      return checkModel({ ...base, name, cGG: 1, cBB: 1, cWW: 1 });
  }
  if (name.startsWith('custom:')) {
    const parts = name.slice('custom:'.length).split(',');
    if (parts.length < 3 || parts.length > 4) {
      throw new UnknownModelError(`model '${name}': custom needs 3 or 4 comma-separated couplings c_GG,c_BB,c_WW[,c_ll] (got ${parts.length})`);
    }
    const values = parts.map((raw, i) => {
      const value = parseDecimal(raw);
      if (!Number.isFinite(value)) {
        throw new UnknownModelError(`model '${name}': coupling ${['c_GG', 'c_BB', 'c_WW', 'c_ll'][i]} must be a finite number (got '${raw}')`);
      }
      // Widths grow as c²: beyond this the rates leave float64 (Γ = Infinity reached the engine, issue 16).
      if (Math.abs(value) > MAX_CUSTOM_COEFFICIENT) {
        throw new UnknownModelError(`model '${name}': coupling ${['c_GG', 'c_BB', 'c_WW', 'c_ll'][i]} must lie in [-1e6, 1e6] (got '${raw.trim()}')`);
      }
      return value;
    });
    const cLL = values[3] ?? 0;
    return checkModel({ ...base, name, cGG: values[0], cBB: values[1], cWW: values[2], cEE: cLL, cMuMu: cLL });
  }
  throw new UnknownModelError(`unknown model '${name}': valid choices are gluon, photon, codominance, custom:c_GG,c_BB,c_WW[,c_ll]`);
}

/** Tree-level c_γγ = c_BB + c_WW (KOTO eq. 5 without the c_GG terms; physics.md §1.1). */
export function treePhotonCouplingKoto(model: AlpModelKoto): number {
  return model.cBB + model.cWW;
}

/** KOTO c_XX (dimensionless) and f_a → Bauer/ALPINIST C_XX/Λ in GeV⁻¹ (physics.md §1.2: c/f_a = 32π² C/Λ). */
export function kotoToBauerPerGeV(cKoto: number, faGeV: number): number {
  requireFinite('cKoto', cKoto);
  requirePositive('faGeV', faGeV);
  return cKoto / (KOTO_TO_BAUER_FACTOR * faGeV);
}

/** Bauer/ALPINIST C_XX/Λ (GeV⁻¹) → KOTO c_XX/f_a (GeV⁻¹) (physics.md §1.2). */
export function bauerToKotoPerGeV(cOverLambdaPerGeV: number): number {
  requireFinite('cOverLambdaPerGeV', cOverLambdaPerGeV);
  return cOverLambdaPerGeV * KOTO_TO_BAUER_FACTOR;
}

/** KOTO c_γγ and f_a → g_aγγ = α c_γγ/(2π f_a) in GeV⁻¹ (physics.md §1.2; sign kept, irrelevant for rates). */
export function gAgammaFromKoto(cGammaGamma: number, faGeV: number): number {
  requireFinite('cGammaGamma', cGammaGamma);
  requirePositive('faGeV', faGeV);
  return (ALPHA_EM * cGammaGamma) / (2 * Math.PI * faGeV);
}

/** g_aγγ (GeV⁻¹) → KOTO c_γγ/f_a (GeV⁻¹) = 2π g/α (physics.md §1.2). */
export function kotoPerGeVFromGAgamma(gAgammaPerGeV: number): number {
  requireFinite('gAgammaPerGeV', gAgammaPerGeV);
  return (2 * Math.PI * gAgammaPerGeV) / ALPHA_EM;
}

/** Bauer C_γγ/Λ (GeV⁻¹) → g_aγγ = 16πα C_γγ/Λ (GeV⁻¹) (physics.md §1.2; ALPINIST g_gg is NOT g_aγγ). */
export function gAgammaFromBauer(cGammaGammaOverLambdaPerGeV: number): number {
  requireFinite('cGammaGammaOverLambdaPerGeV', cGammaGammaOverLambdaPerGeV);
  return 16 * Math.PI * ALPHA_EM * cGammaGammaOverLambdaPerGeV;
}

/** Model scaled so that c_GG/f_a stays fixed: helper for reference-coupling tables. */
export function gluonCouplingPerGeV(model: AlpModelKoto): number {
  return model.cGG / model.faGeV;
}
