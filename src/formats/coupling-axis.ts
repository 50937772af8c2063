/**
 * The coupling axis of an exported or plotted limit: the KOTO convention c/f_a (limits.json's own
 * axis, 1/f_a with the model's c's fixed; arXiv:2303.01521 eq. 1) or the photon coupling g_aγγ of
 * the generic convention L ⊃ −(g_aγγ/4) a F F̃ (physics.md §1.1 C).
 *
 * physics.md §1.2 (KOTO convention, α/(8π f_a) normalisation):  g_aγγ = α c_γγ^eff / (2π f_a).
 * c_γγ^eff = c_BB + c_WW − c_GG [1.92 + mixing terms] (physics.md §1.4, arXiv:2303.01521 eq. 5).
 * With c_GG = 0 it is the constant c_BB + c_WW, so 1/f_a → g_aγγ is one factor for every mass and
 * the curve keeps its shape. With c_GG ≠ 0 it depends on the mass, changes sign near the η and η′
 * poles (physics.md §1.4 table) and would fold the curve: refused, as is c_γγ^eff = 0 (no photon
 * coupling to put on the axis). Browser-safe.
 */
import { ALPHA_EM } from '../physics/constants.ts';
import type { LimitsJson } from '../limits/compute.ts';

export type CouplingAxis = 'koto' | 'gagg';

export const COUPLING_AXES: readonly CouplingAxis[] = ['koto', 'gagg'];

export class CouplingAxisError extends Error {
  override name = 'CouplingAxisError';
  /** A refusal of user input: the CLI prints the message and exits 2. */
  readonly userFacing = true;
}

export interface CouplingAxisDescription {
  axis: CouplingAxis;
  /** Multiplies limits.json couplings (1/f_a in GeV⁻¹) to give this axis's values. */
  factor: number;
  /** Plain label ("g_aγγ", "c_GG/f_a"). */
  name: string;
  /** Rich-text label for figures. */
  tex: string;
  unit: 'GeV^-1';
  convention: string;
}

/** c_γγ^eff of a limits.json model when it does not depend on the mass (c_GG = 0), else undefined. */
export function fixedPhotonCoupling(couplings: LimitsJson['modelCouplings']): number | undefined {
  if (couplings.c_GG !== 0) return undefined;
  return couplings.c_BB + couplings.c_WW;
}

/**
 * The axis `axis` for a model; `where` names the flag or field in the refusal
 * (e.g. "--coupling-axis gagg").
 */
export function describeCouplingAxis(
  limits: Pick<LimitsJson, 'model' | 'modelCouplings' | 'coupling'>,
  axis: CouplingAxis,
  where: string,
): CouplingAxisDescription {
  if (axis === 'koto') {
    const tex = `${limits.coupling.axis.replace(/c_(GG|BB|WW|ℓℓ)/, 'c_{$1}').replace('f_a', 'f_{a}')}`;
    return {
      axis,
      factor: 1,
      name: limits.coupling.axis,
      tex,
      unit: 'GeV^-1',
      convention: 'KOTO c/f_a (arXiv:2303.01521 eq. 1): 1/f_a with the model couplings fixed',
    };
  }
  if (axis !== 'gagg') throw new CouplingAxisError(`${where}: the axis must be one of ${COUPLING_AXES.join(', ')} (got '${String(axis)}')`);
  const cGammaGamma = fixedPhotonCoupling(limits.modelCouplings);
  if (cGammaGamma === undefined) {
    throw new CouplingAxisError(
      `${where}: model '${limits.model}' has c_GG = ${limits.modelCouplings.c_GG}, so c_γγ^eff depends on the mass (physics.md §1.4) and g_aγγ is not a fixed multiple of 1/f_a; use the KOTO axis c/f_a`,
    );
  }
  if (cGammaGamma === 0) {
    throw new CouplingAxisError(`${where}: model '${limits.model}' has c_γγ = c_BB + c_WW = 0, so the ALP has no photon coupling to put on a g_aγγ axis`);
  }
  return {
    axis,
    factor: Math.abs((ALPHA_EM * cGammaGamma) / (2 * Math.PI)),
    name: 'g_aγγ',
    tex: 'g_{aγγ}',
    unit: 'GeV^-1',
    convention: `g_aγγ = α|c_γγ|/(2π f_a) with c_γγ = c_BB + c_WW = ${cGammaGamma} (physics.md §1.2; L ⊃ −(g_aγγ/4) a F F̃)`,
  };
}

/** Parses `--coupling-axis`: koto (default) or gagg. */
export function parseCouplingAxis(raw: string | undefined, flag = '--coupling-axis'): CouplingAxis {
  if (raw === undefined) return 'koto';
  if ((COUPLING_AXES as readonly string[]).includes(raw)) return raw as CouplingAxis;
  throw new CouplingAxisError(`${flag} must be one of ${COUPLING_AXES.join(', ')} (got '${raw}')`);
}
