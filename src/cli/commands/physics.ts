/**
 * `alpenglow physics`: ALP coupling/width calculator (and production yields with --beam/--target).
 * Thin layer over src/physics; keys of the --json output are documented in docs/cli.md.
 */
import { type CliCommand, UsageError, parseNumberFlag } from '../command.ts';
import { defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';
import { FA_RANGE_GEV } from '../../app/caps.ts';
import { loadWidthTable } from '../../node/spectrum-loaders.ts';
import {
  type AlpModelKoto,
  type HadronicWidthModel,
  MESON_SPECTRA_BEAM_RANGE_GEV,
  PhysicsInputError,
  TARGETS,
  builtInHadronicModel,
  effectivePhotonCouplingComplex,
  gAgammaPerGeV,
  kotoToBauerPerGeV,
  mixingAnglesKoto,
  modelFromName,
  partialWidthsGeV,
  productionYieldsPerPot,
  properDecayLengthM,
  tableHadronicModel,
  targetByName,
  totalWidthGeV,
} from '../../physics/index.ts';
import { MASS_GEV } from '../../physics/constants.ts';

/** The heaviest ALP the calculator accepts, GeV. */
const MAX_PHYSICS_MASS_GEV = 1000;

/** The path of the first number in `value` that is not finite (JSON would print it as null), or null. */
function firstNonFinite(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || 'value';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNonFinite(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found = firstNonFinite(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}

const FLAGS = defineFlags({
  model: {
    type: 'string',
    value: '<gluon|photon|codominance|custom:c_GG,c_BB,c_WW[,c_ll]>',
    description: 'the ALP model (KOTO convention, arXiv:2303.01521 eq. 1)',
  },
  mass: { type: 'string', value: '<GeV>', description: `ALP mass in GeV (> 0, ≤ ${MAX_PHYSICS_MASS_GEV})` },
  fa: { type: 'string', value: '<GeV>', description: `decay constant f_a in GeV, in [${FA_RANGE_GEV[0]}, ${String(FA_RANGE_GEV[1]).replace('e+', 'e')}]` },
  beam: { type: 'string', value: '<GeV>', description: 'proton beam energy in GeV (with --target: production yields per POT)' },
  target: { type: 'string', value: `<${Object.keys(TARGETS).join('|')}>`, description: 'target material (with --beam)' },
  'width-table': { type: 'string', value: '<file>', description: '2-column table (m [GeV], Γ [eV] at C_GG/Λ = 1/TeV) replacing the built-in hadronic width' },
  json: { ...JSON_FLAG, description: 'print the report as JSON (keys: docs/cli.md)' },
});

const USAGE = formatUsage(
  {
    synopsis: `alpenglow physics --model <gluon|photon|codominance|custom:c_GG,c_BB,c_WW[,c_ll]> --mass <GeV> --fa <GeV>
                         [--beam <GeV> --target <${Object.keys(TARGETS).join('|')}>] [--width-table <file>] [--json]`,
    description: `Prints c_γγ^eff, the ALP–meson mixing angles, each partial width, Γ_tot, BR(γγ) and cτ for an ALP in the
KOTO convention (arXiv:2303.01521 eq. 1). With --beam and --target it also prints the production yield
per POT of each mode (built-in meson spectra: beam ${MESON_SPECTRA_BEAM_RANGE_GEV[0]}–${MESON_SPECTRA_BEAM_RANGE_GEV[1]} GeV).
--width-table replaces the built-in hadronic width by a 2-column table (m [GeV], Γ [eV] at C_GG/Λ = 1/TeV).`,
  },
  FLAGS,
);

export interface PhysicsReport {
  model: { name: string; cGG: number; cBB: number; cWW: number; cLL: number; faGeV: number };
  massGeV: number;
  bauer: { cGGOverLambdaPerGeV: number; cGammaGammaTreeOverLambdaPerGeV: number };
  cGammaGammaEff: { re: number; im: number; abs: number };
  gAgammaPerGeV: number;
  mixingAngles: Record<'pi0' | 'eta' | 'etaPrime', { re: number; im: number; abs: number }>;
  partialWidthsGeV: Record<string, number>;
  totalWidthGeV: number;
  branchingRatios: Record<string, number>;
  brGammaGamma: number;
  ctauM: number;
  hadronicModel: string;
  production?: {
    beamEnergyGeV: number;
    target: string;
    yieldsPerPot: Record<string, number>;
    referenceYieldsPerPot: Record<string, number>;
    totalPerPot: number;
  };
}

/** The library call behind the command (also usable from tests). */
export function physicsReport(
  model: AlpModelKoto,
  massGeV: number,
  hadronicModel: HadronicWidthModel,
  production?: { beamEnergyGeV: number; target: string },
): PhysicsReport {
  const widths = partialWidthsGeV(model, massGeV, { hadronicModel });
  const total = totalWidthGeV(model, massGeV, { hadronicModel });
  const c = effectivePhotonCouplingComplex(model, massGeV);
  const theta = mixingAnglesKoto(massGeV, model.cGG, model.faGeV);
  const angle = (z: { re: number; im: number }) => ({ re: z.re, im: z.im, abs: Math.hypot(z.re, z.im) });
  const report: PhysicsReport = {
    model: { name: model.name, cGG: model.cGG, cBB: model.cBB, cWW: model.cWW, cLL: model.cEE, faGeV: model.faGeV },
    massGeV,
    bauer: {
      cGGOverLambdaPerGeV: kotoToBauerPerGeV(model.cGG, model.faGeV),
      cGammaGammaTreeOverLambdaPerGeV: kotoToBauerPerGeV(model.cBB + model.cWW, model.faGeV),
    },
    cGammaGammaEff: { re: c.re, im: c.im, abs: Math.hypot(c.re, c.im) },
    gAgammaPerGeV: gAgammaPerGeV(model, massGeV),
    mixingAngles: { pi0: angle(theta.pi0), eta: angle(theta.eta), etaPrime: angle(theta.etaPrime) },
    partialWidthsGeV: widths as Record<string, number>,
    totalWidthGeV: total,
    branchingRatios: Object.fromEntries(Object.entries(widths).map(([k, w]) => [k, w / total])),
    brGammaGamma: (widths.gammaGamma ?? 0) / total,
    ctauM: properDecayLengthM(model, massGeV, { hadronicModel }),
    hadronicModel: hadronicModel.name,
  };
  if (production) {
    const yields = productionYieldsPerPot(model, massGeV, production.beamEnergyGeV, production.target);
    report.production = {
      beamEnergyGeV: production.beamEnergyGeV,
      target: production.target,
      yieldsPerPot: Object.fromEntries(yields.map((y) => [y.mode, y.yieldPerPot])),
      referenceYieldsPerPot: Object.fromEntries(yields.map((y) => [y.mode, y.referenceYieldPerPot])),
      totalPerPot: yields.reduce((s, y) => s + y.yieldPerPot, 0),
    };
  }
  return report;
}

function fmt(x: number): string {
  return x === 0 ? '0' : x.toExponential(4);
}

function formatText(r: PhysicsReport): string {
  const lines = [
    `model ${r.model.name}: c_GG = ${r.model.cGG}, c_BB = ${r.model.cBB}, c_WW = ${r.model.cWW}, c_ll = ${r.model.cLL}, f_a = ${r.model.faGeV} GeV (KOTO convention)`,
    `m_a = ${r.massGeV} GeV`,
    `c_γγ^eff = ${r.cGammaGammaEff.re.toFixed(4)}${r.cGammaGammaEff.im !== 0 ? ` ${r.cGammaGammaEff.im >= 0 ? '+' : '−'} ${Math.abs(r.cGammaGammaEff.im).toExponential(2)} i` : ''}   |g_aγγ| = ${fmt(r.gAgammaPerGeV)} GeV⁻¹`,
    `mixing angles (KOTO sign): θ_aπ = ${fmt(r.mixingAngles.pi0.re)}, θ_aη = ${fmt(r.mixingAngles.eta.re)}, θ_aη′ = ${fmt(r.mixingAngles.etaPrime.re)}`,
    'partial widths:',
    ...Object.entries(r.partialWidthsGeV).map(([k, w]) => `  ${k.padEnd(13)} ${fmt(w)} GeV   BR ${fmt(r.branchingRatios[k])}`),
    `Γ_tot = ${fmt(r.totalWidthGeV)} GeV   BR(γγ) = ${fmt(r.brGammaGamma)}   cτ = ${fmt(r.ctauM)} m`,
    `hadronic widths: ${r.hadronicModel}`,
  ];
  if (r.production) {
    lines.push(`production per POT (${r.production.beamEnergyGeV} GeV p on ${r.production.target}):`);
    for (const [mode, y] of Object.entries(r.production.yieldsPerPot)) lines.push(`  ${mode.padEnd(24)} ${fmt(y)}`);
    lines.push(`  ${'total'.padEnd(24)} ${fmt(r.production.totalPerPot)}`);
  }
  return lines.join('\n');
}

export const physicsCommand: CliCommand = {
  name: 'physics',
  summary: 'ALP couplings, mixing angles, widths, cτ and production yields for one model and mass',
  flags: FLAGS,
  usage: USAGE,
  async run(argv: string[]): Promise<number> {
    let parsed: ReturnType<typeof parseFlags<typeof FLAGS>>;
    try {
      parsed = parseFlags(FLAGS, argv);
    } catch (error) {
      throw new UsageError(`${(error as Error).message}\n${USAGE}`);
    }
    const v = parsed.values;
    if (v.model === undefined) throw new UsageError(`--model is required\n${USAGE}`);
    const massGeV = parseNumberFlag('mass', v.mass, { minExclusive: 0 });
    const faGeV = parseNumberFlag('fa', v.fa, { minExclusive: 0 });
    if (massGeV === undefined) throw new UsageError(`--mass is required\n${USAGE}`);
    if (faGeV === undefined) throw new UsageError(`--fa is required\n${USAGE}`);
    if (faGeV < FA_RANGE_GEV[0] || faGeV > FA_RANGE_GEV[1])
      throw new UsageError(`--fa must lie in [${FA_RANGE_GEV[0]}, ${String(FA_RANGE_GEV[1]).replace('e+', 'e')}] GeV (got ${v.fa})`);
    if (massGeV > MAX_PHYSICS_MASS_GEV) throw new UsageError(`--mass must be ≤ ${MAX_PHYSICS_MASS_GEV} GeV (got ${v.mass})`);
    let model: AlpModelKoto;
    try {
      model = modelFromName(v.model, faGeV);
    } catch (error) {
      if (error instanceof PhysicsInputError) throw new UsageError(`--model: ${error.message}`);
      throw error;
    }
    const beamEnergyGeV = parseNumberFlag('beam', v.beam, { minExclusive: 0 });
    if ((beamEnergyGeV === undefined) !== (v.target === undefined)) throw new UsageError('--beam and --target must be given together');
    let production: { beamEnergyGeV: number; target: string } | undefined;
    if (beamEnergyGeV !== undefined && v.target !== undefined) {
      try {
        targetByName(v.target);
      } catch (error) {
        throw new UsageError(`--target: ${(error as Error).message}`);
      }
      const [lo, hi] = MESON_SPECTRA_BEAM_RANGE_GEV;
      if (!(beamEnergyGeV > massGeV + MASS_GEV.proton))
        throw new UsageError(`--beam ${beamEnergyGeV} GeV is below the production threshold for --mass ${massGeV} GeV`);
      if (beamEnergyGeV < lo || beamEnergyGeV > hi)
        throw new UsageError(`--beam must lie in [${lo}, ${hi}] GeV for the built-in meson spectra (got ${beamEnergyGeV})`);
      production = { beamEnergyGeV, target: targetByName(v.target).symbol };
    }
    const hadronicModel = v['width-table'] ? tableHadronicModel(loadWidthTable(v['width-table'])) : builtInHadronicModel;
    const report = physicsReport(model, massGeV, hadronicModel, production);
    const bad = firstNonFinite(report);
    if (bad) throw new UsageError(`--mass ${v.mass} GeV with --fa ${v.fa} GeV gives no finite ${bad} (outside what the width formulas cover)`);
    console.log(v.json ? JSON.stringify(report, null, 2) : formatText(report));
    return 0;
  },
};
