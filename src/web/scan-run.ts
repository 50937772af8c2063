/**
 * One scan in the page: runLimits (src/app) with the page's engine and worker production source,
 * masses in coarse-to-fine passes (ends, middle, quarters, …) so the exclusion appears over the
 * whole range at once and sharpens; after each pass (and each round of adaptive mass refinement)
 * the tables finished so far are handed to the page to redraw. Stop aborts the run; the masses
 * finished so far stay.
 */
import { runLimits, type RunLimitsResult } from '../app/run-limits.ts';
import type { RunProgress } from '../app/ports.ts';
import type { ScenarioTableSet } from '../limits/rescale.ts';
import type { LimitsModel } from '../limits/model.ts';
import type { ComputeClient } from './compute-client.ts';
import type { BundledScenario } from './bundled-scenarios.ts';
import type { EngineChoice } from './engine-choice.ts';
import type { ProductionSource } from '../app/ports.ts';

export interface ScanPlan {
  scenarios: BundledScenario[];
  model: LimitsModel;
  massesGeV: number[];
  /** undefined: derived from the model, masses and coupling axis, as `alpenglow limits` does. */
  widthsGeV: number[] | undefined;
  couplingsPerGeV: number[];
  samplesPerMass: number;
  seed: number;
  maxAddedMasses: number;
}

export class ScanRun {
  private readonly controller = new AbortController();

  constructor(
    readonly plan: ScanPlan,
    private readonly choice: EngineChoice,
    private readonly production: ProductionSource,
    private readonly compute: ComputeClient,
  ) {}

  stop(): void {
    this.controller.abort();
    if (this.choice.engine.kind === 'reference') this.compute.terminate();
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  run(onSnapshot: (sets: ScenarioTableSet[]) => void, onProgress: (progress: RunProgress) => void): Promise<RunLimitsResult> {
    const { plan } = this;
    return runLimits({
      scenarios: plan.scenarios.map((entry) => ({ scenario: entry.scenario, hash: entry.hash })),
      model: plan.model,
      couplingsPerGeV: plan.couplingsPerGeV,
      massesGeV: plan.massesGeV,
      widthsGeV: plan.widthsGeV,
      samplesPerMass: plan.samplesPerMass,
      seed: plan.seed,
      maxAddedMasses: plan.maxAddedMasses,
      engine: this.choice.engine,
      production: this.production,
      order: 'coarse-to-fine',
      onSnapshot,
      hooks: { signal: this.controller.signal, onProgress },
    });
  }
}
