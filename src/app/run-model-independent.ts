/**
 * runModelIndependent: `--model bk:<m_a>` — model-independent B → K(*) a limits versus lifetime for
 * the NA62 dilepton scenarios (docs/na62.md; src/limits/model-independent.ts). The engine runs the
 * scenario's open B modes at the one mass over the widths ħ/τ of the lifetime grid through the one
 * table builder (stream seeds 16, 17; mass word 0). Browser-safe: a user B list arrives as text.
 */
import { HBAR_GEV_S } from '../physics/constants.ts';
import { bDecayThresholdGeV } from '../physics/b-meson-decays.ts';
import {
  B_MODE_RECOIL,
  DEFAULT_B_SPECTRUM,
  buildBAlpTable,
  parseBMesonList,
  type BProductionMode,
  type WeightedBMesons,
} from '../physics/b-meson-production.ts';
import { compileScenario, scenarioProductionSetup } from '../scenarios/compile.ts';
import { LimitsInputError } from '../limits/errors.ts';
import {
  computeModelIndependentLimits,
  parseBkModel,
  scenarioBModes,
  type BModeEfficiency,
  type ModelIndependentLimitsJson,
} from '../limits/model-independent.ts';
import { buildTables, type ScenarioTarget } from './table-builder.ts';
import type { Engine, RunHooks } from './ports.ts';

export interface RunModelIndependentRequest {
  scenarios: ScenarioTarget[];
  /** `bk:<m_a in GeV>`. */
  model: string;
  lifetimesS: number[];
  samplesPerMass: number;
  seed: number;
  pot?: number;
  projectionPot?: number;
  /** A user B list (meson-list format, parseBMesonList): its text and a label (the file name). */
  bSpectrum?: { text: string; label: string; events?: number };
  engine: Engine;
  hooks?: RunHooks;
}

export async function runModelIndependent(request: RunModelIndependentRequest): Promise<ModelIndependentLimitsJson[]> {
  const { massGeV } = parseBkModel(request.model);
  const { hooks } = request;
  const results: ModelIndependentLimitsJson[] = [];
  for (const target of request.scenarios) {
    const { scenario } = target;
    const compiled = target.compiled ?? compileScenario(scenario);
    const [m0, m1] = compiled.channel.daughterMassesGeV;
    if (!(massGeV > m0 + m1))
      throw new LimitsInputError(
        `model ${request.model}: m_a = ${massGeV} GeV is below the ${compiled.channel.name} threshold ${m0 + m1} GeV of scenario '${scenario.name}'`,
      );
    let bMesons: WeightedBMesons[] | undefined;
    let bSpectrum = `parametrised: (1 - |x_F|)^${DEFAULT_B_SPECTRUM.xfExponent} exp(-p_T^2/${DEFAULT_B_SPECTRUM.meanPt2GeV2} GeV^2), sigma_bb = physics.md §6 (src/physics/b-meson-production.ts)`;
    if (request.bSpectrum) {
      const parsed = parseBMesonList(request.bSpectrum.text, request.bSpectrum.label, scenario.beam.energyGeV, scenario.beam.target, request.bSpectrum.events);
      bMesons = parsed.mesons;
      bSpectrum = `user B list ${request.bSpectrum.label}: ${parsed.nEvents} bb events, ${parsed.counts.charged} B±, ${parsed.counts.neutral} B0 (${parsed.skippedOtherPdg} other rows skipped), normalised to sigma_bb of physics.md §6`;
    }
    const open: BProductionMode[] = [];
    for (const mode of scenarioBModes(scenario)) {
      const recoil = B_MODE_RECOIL[mode];
      const threshold = Math.min(bDecayThresholdGeV(recoil, 'charged'), bDecayThresholdGeV(recoil, 'neutral'));
      if (massGeV < threshold) open.push(mode);
      else hooks?.onLog?.(`${scenario.name}: ${mode}: skipped, m_a = ${massGeV} GeV is above the threshold ${threshold.toFixed(4)} GeV`);
    }
    if (open.length === 0)
      throw new LimitsInputError(`model ${request.model}: every B -> K(*) a mode of scenario '${scenario.name}' is closed at m_a = ${massGeV} GeV`);
    const widthsGeV = request.lifetimesS.map((tau) => HBAR_GEV_S / tau);
    hooks?.onLog?.(`${scenario.name}: ${open.join(', ')}: m_a = ${massGeV} GeV, ${widthsGeV.length} lifetimes × ${request.samplesPerMass} samples`);
    const tables = new Map<string, ReturnType<typeof buildBAlpTable>>();
    const started = performance.now();
    const modeTarget: ScenarioTarget = { ...target, compiled, modes: open };
    const rows = await buildTables({
      scenarios: [modeTarget],
      massesGeV: [massGeV],
      widthsGeV,
      samplesPerMass: request.samplesPerMass,
      seed: request.seed,
      engine: request.engine,
      hooks,
      production: ({ mode }) => {
        const table = buildBAlpTable({
          massGeV,
          recoil: B_MODE_RECOIL[mode as BProductionMode],
          ...scenarioProductionSetup(scenario),
          bMesons,
          seed: request.seed,
        });
        tables.set(mode, table);
        return table;
      },
    });
    const efficiencies: BModeEfficiency[] = open.map((mode) => {
      const row = rows.get(modeTarget, mode, 0)!;
      const table = tables.get(mode)!;
      return {
        mode,
        yieldPerPot: table.yieldPerPot,
        outOfRangeYieldPerPot: table.outOfRangeYieldPerPot,
        bMesonsPerPot: table.bMesonsPerPot,
        efficiency: row.efficiency,
        efficiencyError: row.efficiencyError,
      };
    });
    results.push(
      computeModelIndependentLimits({
        scenario,
        scenarioHash: target.hash,
        massGeV,
        lifetimesS: request.lifetimesS,
        regionNames: scenario.regions.map((region) => region.name),
        modes: efficiencies,
        pot: request.pot,
        projectionPot: request.projectionPot,
        bSpectrum,
        provenance: {
          engine: request.engine.kind,
          adapter: rows.get(modeTarget, open[0], 0)!.adapter,
          samplesPerMass: request.samplesPerMass,
          seed: request.seed,
          wallSeconds: (performance.now() - started) / 1000,
        },
      }),
    );
  }
  return results;
}
