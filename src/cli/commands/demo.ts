/**
 * `alpenglow demo` (what `npm start` runs): the expected KOTO Step 2 signal for the
 * gluon-dominated benchmark (c_GG only, KOTO arXiv:2303.01521 benchmark (i)) on the shipped
 * scenario scenarios/koto-step2.json, for a few masses and couplings. For each mass the engine runs once with the
 * widths Γ_tot(m, f_a) of the couplings asked for, so no interpolation is involved:
 *   N_sig = POT × A_add × BR(a→γγ) × Σ_modes yield_mode(m, f_a) × efficiency(m, Γ_tot)
 * with efficiency the engine's P(decay in volume) × (selection passed), per produced ALP.
 * Limits (CLs against the 1.38 expected background) are issue 5's `limits` command.
 */
import { parseArgs } from 'node:util';
import type { EngineJob } from '../../engine/job.ts';
import { branchingRatio, modelFromName, totalWidthGeV, type ProductionMode } from '../../physics/index.ts';
import { cachedBuildProductionTable } from '../../node/production-cache.ts';
import { productionCouplingScale } from '../../limits/rescale.ts';
import { CHANNEL_BRANCHING, compileScenario, scenarioProductionRequest } from '../../scenarios/compile.ts';
import { loadScenario } from '../../node/scenario-files.ts';
import { parseNumberFlag, UsageError, type CliCommand } from '../command.ts';
import { acquireForCli, runJob, type EngineChoice } from '../../node/engine.ts';

const DEFAULT_MASSES_GEV = [0.05, 0.1, 0.2, 0.3];
const DEFAULT_FA_OVER_CGG_GEV = [1e2, 3e2, 1e3, 3e3, 1e4, 3e4, 1e5];
/** The shipped scenario the demo runs (scenarios/koto-step2.json). */
const DEMO_SCENARIO = 'koto-step2';

function parseList(flag: string, raw: string | undefined, fallback: number[]): number[] {
  if (raw === undefined) return fallback;
  return raw.split(',').map((item) => parseNumberFlag(flag, item.trim(), { minExclusive: 0 })!);
}

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'KOTO Step 2 expected signal for the gluon-dominated benchmark (what `npm start` runs)',
  usage: 'alpenglow demo [--masses 0.05,0.1,…] [--fa 100,1000,…] [--samples N] [--seed S] [--engine auto|webgpu|reference] [--json]',
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        masses: { type: 'string' }, fa: { type: 'string' }, samples: { type: 'string' }, seed: { type: 'string' },
        engine: { type: 'string', default: 'auto' }, json: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const engine = values.engine as EngineChoice;
    if (!['auto', 'webgpu', 'reference'].includes(engine)) throw new UsageError(`--engine must be auto, webgpu or reference (got '${values.engine}')`);
    const masses = parseList('masses', values.masses, DEFAULT_MASSES_GEV);
    const faValues = parseList('fa', values.fa, DEFAULT_FA_OVER_CGG_GEV);
    const samples = parseNumberFlag('samples', values.samples, { integer: true, min: 1 }) ?? 200_000;
    const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? 1;
    const { scenario } = await loadScenario(DEMO_SCENARIO);
    const compiled = compileScenario(scenario);
    const region = scenario.regions[0];
    const acquired = await acquireForCli(engine);
    const rows: Array<Record<string, number | string>> = [];
    for (const [massIndex, massGeV] of masses.entries()) {
      const models = faValues.map((fa) => modelFromName('gluon', fa));
      const widths = models.map((model) => totalWidthGeV(model, massGeV));
      for (const mode of scenario.production.modes as ProductionMode[]) {
        const { table } = cachedBuildProductionTable(scenarioProductionRequest(scenario, mode, massGeV));
        const job: EngineJob = {
          label: `${scenario.name} ${mode} m=${massGeV}`,
          channel: compiled.channel,
          geometry: compiled.geometry,
          selection: compiled.selection,
          massesGeV: [massGeV],
          widthsGeV: widths,
          samplesPerMass: samples,
          seed: seed + massIndex, // one stream per mass of this list
          production: () => table,
        };
        const result = await runJob(job, acquired, { progress: !values.json });
        models.forEach((model, i) => {
          const yieldForMode = table.yieldPerPot * productionCouplingScale(mode, model, massGeV);
          // One signal region (p_T > 0.4 GeV): efficiency index (mass · nWidths + width) · 1 + 0.
          const signal = scenario.exposure.pot * scenario.additionalAcceptance.value * branchingRatio(model, massGeV, CHANNEL_BRANCHING[scenario.channel]) * yieldForMode * result.efficiency[i];
          rows.push({ massGeV, faOverCggGeV: faValues[i], mode, widthGeV: widths[i], efficiency: result.efficiency[i], efficiencyError: result.efficiencyError[i], signalEvents: signal, engine: result.engine.adapter });
        });
      }
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ scenario: scenario.name, model: 'gluon', pot: scenario.exposure.pot, rows }, null, 2)}\n`);
      return 0;
    }
    process.stdout.write(`\n${scenario.name} (scenarios/${DEMO_SCENARIO}.json): expected signal events, gluon-dominated ALP (c_GG = 1), ${scenario.exposure.pot.toExponential(1)} POT, A_add = ${scenario.additionalAcceptance.value}\n`);
    const box = region.area.include.type === 'box' ? `, ${region.area.include.xMin} < z_vtx < ${region.area.include.xMax} m` : '';
    process.stdout.write(`(signal region ${region.name}${box}; background ${region.backgroundEvents} events)\n\n`);
    process.stdout.write(`${'m_a [GeV]'.padEnd(10)}${'f_a/c_GG [GeV]'.padEnd(16)}${'Γ_tot [GeV]'.padEnd(14)}${'N(Primakoff)'.padEnd(14)}${'N(mixing)'.padEnd(14)}N(total)\n`);
    for (const massGeV of masses) {
      for (const fa of faValues) {
        const cells = rows.filter((row) => row.massGeV === massGeV && row.faOverCggGeV === fa);
        const primakoff = Number(cells.find((row) => row.mode === 'primakoff-meson-photons')?.signalEvents ?? 0);
        const mixing = Number(cells.find((row) => row.mode === 'mixing')?.signalEvents ?? 0);
        process.stdout.write(`${String(massGeV).padEnd(10)}${fa.toExponential(1).padEnd(16)}${Number(cells[0].widthGeV).toExponential(2).padEnd(14)}` +
          `${primakoff.toExponential(2).padEnd(14)}${mixing.toExponential(2).padEnd(14)}${(primakoff + mixing).toExponential(2)}\n`);
      }
    }
    process.stdout.write(`\nengine: ${rows[0]?.engine ?? 'none'}\n`);
    return 0;
  },
};
