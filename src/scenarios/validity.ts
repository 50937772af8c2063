/**
 * Where the physics behind a scenario is validated, and what happens outside (issue 15 "Bad input"):
 * nothing is extrapolated silently.
 *
 * - Beam energy, meson-based modes: the built-in meson spectra are tuned at 30, 70 and 400 GeV and
 *   interpolated in ln E between (physics.md §3.3, §5; docs/physics-model.md); 120 GeV is checked
 *   against ALPINIST's 120 GeV Pythia photon table (docs/scenarios.md). Outside [30, 400] GeV the
 *   schema refuses the file (schema.ts).
 * - Beam energy, 'primakoff-beam-photons': the proton's photon flux is normalised per POT with the
 *   target's inelastic cross section, taken as energy independent from 30 to 800 GeV, the range of
 *   the σ_pp table of physics.md §4.4 (targets.ts inelasticCrossSectionBarn). Outside: refused.
 * - ALP masses and the hadronic width: the built-in width model follows the data-driven reduced
 *   widths up to 3 GeV (physics.md §2.5, nodes 0.3–2.99 GeV); above, it switches to the perturbative
 *   a → gg estimate (physics.md §2.6, UNVERIFIED; docs/physics-model.md: order of magnitude only).
 *   Limits at such masses for a gluon-coupled model are computed but warned about (massRangeWarnings).
 * - B → K(*) a production of a coupling model: the physics library gives a loop-induced b → s coupling
 *   from c_WW (b-meson-decays.ts bsCouplingFromWPerGeV, arXiv:1611.09355). The 400 GeV dump scenarios
 *   list the 'b-to-k'/'b-to-kstar' modes, and runs of models with c_WW ≠ 0 include them; runs of
 *   models without a g_bs skip them (bModesForModel). Limits of a c_WW ≠ 0 model whose tables have no
 *   B mode although the beam makes B mesons (σ_bb̄ > 0, b-meson-production.ts) leave that production
 *   out, so they are conservative; warned about (bToKProductionWarnings).
 */
import { MESON_SPECTRA_BEAM_RANGE_GEV } from '../physics/meson-spectra.ts';
import { GLUON_GLUON_FROM_GEV } from '../physics/hadronic-widths.ts';
import { bsCouplingFromWPerGeV } from '../physics/b-meson-decays.ts';
import { B_PRODUCTION_MODES, sigmaBbNb } from '../physics/b-meson-production.ts';

/** Beam energies of the meson-based production modes, GeV (the built-in spectra's tuned range). */
export const MESON_MODES_BEAM_RANGE_GEV = MESON_SPECTRA_BEAM_RANGE_GEV;

/** Beam energies of 'primakoff-beam-photons', GeV: the σ_pp / σ_inel range of physics.md §4.4. */
export const BEAM_PHOTON_BEAM_RANGE_GEV = [30, 800] as const;

/** Above this ALP mass the built-in hadronic width is the perturbative a → gg estimate, GeV. */
export const DATA_DRIVEN_WIDTH_MAX_MASS_GEV = GLUON_GLUON_FROM_GEV;

function showMasses(massesGeV: readonly number[]): string {
  const shown = massesGeV.slice(0, 4).map((m) => String(Number(m.toPrecision(4))));
  return `${shown.join(', ')}${massesGeV.length > 4 ? `, … (${massesGeV.length} masses)` : ''}`;
}

/**
 * Warnings for scan masses outside the range where the built-in width model follows data: one line
 * naming the masses, empty when none (or when the model has no gluon coupling, whose hadronic
 * width vanishes in the built-in model).
 */
export function massRangeWarnings(massesGeV: readonly number[], gluonCoupled: boolean): string[] {
  if (!gluonCoupled) return [];
  const above = massesGeV.filter((m) => m > DATA_DRIVEN_WIDTH_MAX_MASS_GEV);
  if (above.length === 0) return [];
  return [
    `mass ${showMasses(above)} GeV lies above ${DATA_DRIVEN_WIDTH_MAX_MASS_GEV} GeV, the end of the data-driven hadronic widths (physics.md §2.5): ` +
      'there the built-in width is the perturbative a → gg estimate, good to an order of magnitude only (docs/physics-model.md), and so are the lifetimes behind these limits',
  ];
}

/** The dimensionless couplings of a model (KOTO convention), as the limits and the plane carry them. */
export interface ModelCouplings {
  cGG: number;
  cBB: number;
  cWW: number;
  cLL: number;
}

/**
 * Whether the physics library gives the model a loop-induced b → s coupling g_bs ≠ 0
 * (bsCouplingFromWPerGeV: only c_WW enters; the c_GG and c_BB terms are not implemented).
 */
export function hasLoopInducedBsCoupling(couplings: ModelCouplings): boolean {
  const gbsPerGeV = bsCouplingFromWPerGeV({
    name: 'validity',
    cGG: couplings.cGG,
    cBB: couplings.cBB,
    cWW: couplings.cWW,
    cEE: couplings.cLL,
    cMuMu: couplings.cLL,
    faGeV: 1,
  });
  return gbsPerGeV !== 0;
}

/**
 * The production modes a coupling-model run of a scenario needs: all of them for a model with a
 * loop-induced g_bs (hasLoopInducedBsCoupling), else all but the B → K(*) a modes, whose tables the
 * model would scale by 0 (so no engine time is spent on them and no zero table claims they ran).
 */
export function bModesForModel<Mode extends string>(modes: readonly Mode[], couplings: ModelCouplings): Mode[] {
  if (hasLoopInducedBsCoupling(couplings)) return [...modes];
  return modes.filter((mode) => !(B_PRODUCTION_MODES as readonly string[]).includes(mode));
}

/**
 * Warnings for a model with a loop-induced b → s coupling (hasLoopInducedBsCoupling) whose limits
 * count no 'b-to-k' or 'b-to-kstar' table (`modesRun`: the modes of the tables behind the limits;
 * default the scenario's) although the beam makes B mesons (σ_bb̄(E_beam) > 0): B → K(*) a is then
 * left out of the signal, and for c_WW-only models it is the dominant production at 400 GeV
 * (docs/physics-model.md "c_WW-only models"), so the limits are conservative. Where the B modes do
 * run for a model that mixes c_WW with c_GG or c_BB, the line says instead that g_bs holds the c_WW
 * term only. One line, empty otherwise. `subject` starts the line: what has c_WW ≠ 0 ("model 'custom:0,0,1'", 'this plane').
 */
export function bToKProductionWarnings(
  scenario: { name: string; beam: { energyGeV: number }; production: { modes: readonly string[] } },
  couplings: ModelCouplings,
  subject: string,
  modesRun: readonly string[] = scenario.production.modes,
): string[] {
  if (!hasLoopInducedBsCoupling(couplings)) return [];
  const isB = (mode: string) => (B_PRODUCTION_MODES as readonly string[]).includes(mode);
  if (modesRun.some(isB)) {
    if (couplings.cGG === 0 && couplings.cBB === 0) return [];
    return [
      `${subject} has c_WW ≠ 0 together with ${couplings.cGG !== 0 ? 'c_GG' : 'c_BB'} ≠ 0: its B → K(*) a production uses the one-loop c_WW term of g_bs only (arXiv:1611.09355); ` +
        'the c_GG (two-loop, arXiv:2102.04474) and c_BB terms are not included, and the renormalisation-group values for such mixtures (arXiv:2110.10698, used by ALPINIST for codominance) are much smaller, so the B share of these limits is uncertain by up to its size ' +
        '(docs/physics-model.md "c_WW-only models"; docs/validation.md §4: SHADOWS codominance upper edges move ×1.3 with it)',
    ];
  }
  const sigmaNb = sigmaBbNb(scenario.beam.energyGeV);
  if (!(sigmaNb > 0)) return [];
  const where = scenario.production.modes.some(isB)
    ? `the tables of scenario '${scenario.name}' have no ${B_PRODUCTION_MODES.join('/')} table (made for a model with c_WW = 0, or a table directory without them; rerun for this model or add them with alpenglow grid)`
    : `scenario '${scenario.name}' (${scenario.beam.energyGeV} GeV beam, σ_bb̄ = ${Number(sigmaNb.toPrecision(3))} nb) has no ${B_PRODUCTION_MODES.join('/')} production mode`;
  return [
    `${subject} has c_WW ≠ 0, which gives B → K(*) a through the W loop (arXiv:1611.09355), but ${where}: ` +
      `these limits count only ${modesRun.join(', ')} and are conservative (for c_WW-only models at 400 GeV B → K(*) a is the dominant production; docs/physics-model.md "c_WW-only models")`,
  ];
}
