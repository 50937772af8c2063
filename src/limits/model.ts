/**
 * The ALP model of a limit: fixed dimensionless couplings c_GG, c_BB, c_WW (and c_ℓℓ) in the KOTO
 * convention (arXiv:2303.01521 eq. 1; physics.md §1.1 A) with the overall scale 1/f_a on the
 * coupling axis. A plane point at coupling g (GeV⁻¹) is the model with f_a = 1/g, so for the
 * benchmarks (one c = 1) g is c/f_a in the KOTO convention:
 *   gluon       c_GG = 1                 (KOTO benchmark i)
 *   photon      c_BB = 1                 (ii, hypercharge)
 *   codominance c_GG = c_BB = c_WW = 1   (iii)
 *   custom:c_GG,c_BB,c_WW[,c_ll]
 * Browser-safe.
 */
import { modelFromName, type AlpModelKoto } from '../physics/index.ts';
import { LimitsInputError, requirePositiveFinite } from './errors.ts';

export interface LimitsModel {
  /** The spec as given: 'gluon', 'photon', 'codominance' or 'custom:…'. */
  name: string;
  cGG: number;
  cBB: number;
  cWW: number;
  /** Universal tree-level lepton coupling c_ℓℓ (custom models only; 0 otherwise). */
  cLL: number;
}

export const MODEL_CHOICES = 'gluon, photon, codominance, custom:c_GG,c_BB,c_WW[,c_ll]';

/** Parses `--model`. Unknown names, non-finite couplings and models with every coupling 0 are errors naming the input. */
export function parseLimitsModel(spec: string): LimitsModel {
  if (typeof spec !== 'string' || spec.trim() === '') throw new LimitsInputError(`model must be one of ${MODEL_CHOICES} (got '${spec}')`);
  let koto: AlpModelKoto;
  try {
    koto = modelFromName(spec.trim(), 1);
  } catch (error) {
    const message = (error as Error).message;
    throw new LimitsInputError(message.startsWith('model') ? message : `model: ${message}`);
  }
  const model: LimitsModel = { name: koto.name, cGG: koto.cGG, cBB: koto.cBB, cWW: koto.cWW, cLL: koto.cEE };
  if (model.cGG === 0 && model.cBB === 0 && model.cWW === 0 && model.cLL === 0) {
    throw new LimitsInputError(`model '${spec}': every coupling is 0, so the ALP neither is produced nor decays`);
  }
  return model;
}

/** Accepts a parsed model or a spec string. */
export function toLimitsModel(model: LimitsModel | string): LimitsModel {
  return typeof model === 'string' ? parseLimitsModel(model) : model;
}

/** The physics-library model at coupling g = 1/f_a (GeV⁻¹). */
export function modelAtCoupling(model: LimitsModel, couplingPerGeV: number): AlpModelKoto {
  requirePositiveFinite('coupling', couplingPerGeV, 'GeV^-1');
  return { name: model.name, cGG: model.cGG, cBB: model.cBB, cWW: model.cWW, cEE: model.cLL, cMuMu: model.cLL, faGeV: 1 / couplingPerGeV };
}

/** Human-readable y-axis label of the model's coupling (KOTO convention). */
export function couplingAxisLabel(model: LimitsModel): string {
  const nonZero = (['cGG', 'cBB', 'cWW', 'cLL'] as const).filter((key) => model[key] !== 0);
  const symbol: Record<string, string> = { cGG: 'c_GG', cBB: 'c_BB', cWW: 'c_WW', cLL: 'c_ℓℓ' };
  if (nonZero.length === 1 && model[nonZero[0]] === 1) return `${symbol[nonZero[0]]}/f_a`;
  return '1/f_a';
}
