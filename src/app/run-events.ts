/**
 * runEvents: the expected signal distribution of one model point (m_a, coupling) in a 2-D plane of
 * the scenario's quantities (KOTO's z_vtx–p_T by default) and per signal region: one engine job
 * per production mode at Γ_tot of the point, with the histogram selection, under the stream-seed
 * policy (mass word 0). The CLI's `events` and the page's distribution view call this. Browser-safe.
 */
import type { EventTable } from '../engine/event-table.ts';
import { modelAtCoupling, toLimitsModel, type LimitsModel } from '../limits/model.ts';
import { productionCouplingScale } from '../limits/rescale.ts';
import { branchingRatio, isBProductionMode, totalWidthGeV, type AlpModelKoto, type TableProductionMode } from '../physics/index.ts';
import { bModesForModel } from '../scenarios/validity.ts';
import { CHANNEL_BRANCHING, compileScenario, scenarioProductionRequest } from '../scenarios/compile.ts';
import type { Scenario } from '../scenarios/schema.ts';
import {
  defaultSignalPlane,
  selectionWithHistogram,
  signalDistribution,
  type ModeResult,
  type SignalDistribution,
  type SignalPlane,
} from '../scenarios/signal-distribution.ts';
import { LimitsInputError } from '../limits/errors.ts';
import { scenarioJob } from './table-builder.ts';
import type { Engine, ProductionSource, RunHooks } from './ports.ts';

export interface RunEventsRequest {
  scenario: Scenario;
  model: LimitsModel | string;
  massGeV: number;
  couplingPerGeV: number;
  samplesPerMass: number;
  seed: number;
  /** Default: defaultSignalPlane(scenario, massGeV). */
  plane?: SignalPlane;
  engine: Engine;
  production: ProductionSource;
  hooks?: RunHooks;
}

export interface RunEventsResult {
  plane: SignalPlane;
  model: AlpModelKoto;
  widthGeV: number;
  branchingRatio: number;
  results: ModeResult[];
  distribution: SignalDistribution;
  engine: EventTable['engine'];
}

export async function runEvents(request: RunEventsRequest): Promise<RunEventsResult> {
  const { scenario, massGeV, couplingPerGeV, hooks = {} } = request;
  const compiled = compileScenario(scenario);
  const [m0, m1] = compiled.channel.daughterMassesGeV;
  if (!(massGeV > m0 + m1))
    throw new LimitsInputError(`mass ${massGeV} GeV is below the ${compiled.channel.name} threshold ${m0 + m1} GeV of scenario ${scenario.name}`);
  const model = modelAtCoupling(toLimitsModel(request.model), couplingPerGeV);
  const widthGeV = totalWidthGeV(model, massGeV);
  const branching = branchingRatio(model, massGeV, CHANNEL_BRANCHING[scenario.channel]);
  const plane = request.plane ?? defaultSignalPlane(scenario, massGeV);
  const withHistogram = { ...compiled, selection: selectionWithHistogram(compiled, plane) };
  // B → K(*) a modes only for a model with c_WW ≠ 0 (docs/limits.md §2), and only below their thresholds.
  const modes = bModesForModel(scenario.production.modes as TableProductionMode[], toLimitsModel(request.model));
  const results: ModeResult[] = [];
  const started = performance.now();
  for (const [modeIndex, mode] of modes.entries()) {
    const table = await request.production.table(scenarioProductionRequest(scenario, mode, massGeV), hooks.signal);
    if (isBProductionMode(mode) && !(table.yieldPerPot > 0)) continue;
    const job = scenarioJob({
      compiled: withHistogram,
      label: `${scenario.name} events ${mode} m=${massGeV}`,
      mode,
      massesGeV: [massGeV],
      massGridIndices: [0],
      widthsGeV: [widthGeV],
      samplesPerMass: request.samplesPerMass,
      seed: request.seed,
      production: () => table,
    });
    const eventTable = await request.engine.run(job, {
      signal: hooks.signal,
      onProgress: (progress) =>
        hooks.onProgress?.({
          trialsDone: modeIndex * request.samplesPerMass + progress.trialsDone,
          trialsTotal: modes.length * request.samplesPerMass,
          elapsedSeconds: (performance.now() - started) / 1000,
          detail: `${scenario.name} ${mode} m = ${massGeV} GeV`,
        }),
    });
    if (!eventTable.histogram) throw new Error('the engine returned no histogram for the selection');
    results.push({ mode, couplingScale: productionCouplingScale(mode, model, massGeV), table: eventTable });
  }
  const distribution = signalDistribution(results, {
    pot: scenario.exposure.pot,
    additionalAcceptance: scenario.additionalAcceptance.value,
    branchingRatio: branching,
  });
  return { plane, model, widthGeV, branchingRatio: branching, results, distribution, engine: results[0].table.engine };
}
