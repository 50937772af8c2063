/**
 * One scan in the page: every selected scenario × its production modes, mass by mass, on the
 * WebGPU engine (or the float64 reference in a worker when the browser has no WebGPU). Each mass
 * is an EngineJob built by the library's scenarioJob with its index in the full mass grid as the
 * Philox counter word, exactly as runScenarioTable (the CLI) builds it, so a mass's numbers do not
 * depend on the order the page runs them in. The page runs masses in a coarse-to-fine order
 * (ends, middle, quarters, …) so the exclusion region appears over the whole range at once and
 * sharpens as the scan proceeds; partial tables hold the masses finished so far.
 */
import type { AcquiredDevice } from '../engine/device.ts';
import type { EventTable } from '../engine/event-table.ts';
import { runOnGpu, RunAborted, type EngineProgress } from '../engine/gpu-engine.ts';
import { TABLE_FORMAT, TABLE_FORMAT_VERSION, type MassWidthTable } from '../tables/mass-width-table.ts';
import { massSlice, scenarioJob } from '../app/table-builder.ts';
import type { ProductionMode } from '../physics/production.ts';
import { CHANNELS, compileScenario, scenarioProductionRequest } from '../scenarios/compile.ts';
import type { ScenarioTableSet } from '../limits/rescale.ts';
import { ALPENGLOW_VERSION } from '../version.ts';
import type { BundledScenario } from './bundled-scenarios.ts';
import type { ComputeClient, ProductionWithYield } from './compute-client.ts';
import { browserShaderSources } from './shader-sources.ts';

export interface ScanPlan {
  scenarios: BundledScenario[];
  massesGeV: number[];
  widthsGeV: number[];
  samplesPerMass: number;
  seed: number;
}

export type ScanEngine =
  | { kind: 'webgpu'; acquired: AcquiredDevice; label: string }
  | { kind: 'reference'; label: string };

export interface ScanProgress {
  /** Masses finished (all scenarios and modes). */
  massesDone: number;
  massCount: number;
  /** (scenario × mode × mass) cells finished and in total. */
  jobsDone: number;
  jobCount: number;
  /** Fraction of all trials done, including the running job. */
  fraction: number;
  currentMassGeV: number | null;
  currentLabel: string;
  elapsedSeconds: number;
  trialsPerSecond: number;
}


/** Grid positions in coarse-to-fine order: 0, n−1, then midpoints of ever smaller intervals. */
export function refinementOrder(count: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [0];
  const order = [0, count - 1];
  const seen = new Set(order);
  let intervals: Array<[number, number]> = [[0, count - 1]];
  while (intervals.length > 0) {
    const next: Array<[number, number]> = [];
    for (const [lo, hi] of intervals) {
      if (hi - lo < 2) continue;
      const mid = Math.floor((lo + hi) / 2);
      if (!seen.has(mid)) {
        seen.add(mid);
        order.push(mid);
      }
      next.push([lo, mid], [mid, hi]);
    }
    intervals = next;
  }
  return order;
}

/** The refinement order cut into passes of 3, 3, 6, 12, 24, … masses. */
export function refinementPasses(order: readonly number[]): number[][] {
  const passes: number[][] = [];
  let size = 3;
  for (let at = 0; at < order.length;) {
    passes.push(order.slice(at, at + size));
    at += size;
    if (passes.length >= 2) size *= 2;
  }
  return passes;
}

/** One mass of an engine table as a single-mass table's arrays. */
function massSliceArrays(table: EventTable, massIndex: number): Pick<EventTable, 'efficiency' | 'efficiencyError'> {
  const cells = table.widthsGeV.length * table.regionNames.length;
  return {
    efficiency: table.efficiency.slice(massIndex * cells, (massIndex + 1) * cells),
    efficiencyError: table.efficiencyError.slice(massIndex * cells, (massIndex + 1) * cells),
  };
}

interface ModeResults {
  mode: ProductionMode;
  /** Per grid mass: the finished single-mass engine table, or undefined. */
  results: Array<EventTable | undefined>;
  adapter: string;
  engineKind: 'webgpu' | 'reference';
}

export class ScanRun {
  private readonly started = performance.now();
  private readonly modeResults: Map<string, ModeResults[]>;
  private readonly productionCache = new Map<string, Promise<ProductionWithYield>>();
  private readonly controller = new AbortController();
  private massesDone = 0;
  private jobsDone = 0;
  private trialsDone = 0;
  readonly order: number[];

  constructor(readonly plan: ScanPlan, readonly engine: ScanEngine, private readonly compute: ComputeClient) {
    this.order = refinementOrder(plan.massesGeV.length);
    this.modeResults = new Map(plan.scenarios.map((entry) => [entry.hash, entry.scenario.production.modes.map((mode) => ({
      mode: mode as ProductionMode,
      results: new Array<EventTable | undefined>(plan.massesGeV.length),
      adapter: engine.label,
      engineKind: engine.kind,
    }))]));
  }

  get jobCount(): number {
    return this.plan.massesGeV.length * this.plan.scenarios.reduce((total, entry) => total + entry.scenario.production.modes.length, 0);
  }

  get trialsTotal(): number {
    return this.jobCount * this.plan.samplesPerMass * this.plan.widthsGeV.length;
  }

  stop(): void {
    this.controller.abort();
    this.compute.terminate(new RunAborted('run stopped'));
  }

  get stopped(): boolean {
    return this.controller.signal.aborted;
  }

  private production(entry: BundledScenario, mode: ProductionMode, massGeV: number): Promise<ProductionWithYield> {
    const request = scenarioProductionRequest(entry.scenario, mode, massGeV);
    const key = JSON.stringify(request);
    let cached = this.productionCache.get(key);
    if (!cached) {
      cached = this.compute.production(request, this.controller.signal);
      this.productionCache.set(key, cached);
    }
    return cached;
  }

  /**
   * Runs the whole plan; `onUpdate` is called after every engine chunk (progress) and after every
   * pass (new masses finished: redraw). Masses run in passes of the refinement order, one engine
   * job per (scenario, mode, pass): each job compiles its pipeline once (seconds on software
   * adapters), and a pass finishes several masses at a time across the whole range.
   */
  async run(onUpdate: (progress: ScanProgress, massFinished: boolean) => void): Promise<void> {
    const { plan } = this;
    const sources = this.engine.kind === 'webgpu' ? browserShaderSources() : null;
    const trialsPerMass = plan.samplesPerMass * plan.widthsGeV.length;
    const report = (currentMassGeV: number | null, currentLabel: string, runningTrials: number, massFinished: boolean) => {
      const elapsedSeconds = (performance.now() - this.started) / 1000;
      const trials = this.trialsDone + runningTrials;
      onUpdate({
        massesDone: this.massesDone, massCount: plan.massesGeV.length, jobsDone: this.jobsDone, jobCount: this.jobCount,
        fraction: trials / this.trialsTotal, currentMassGeV, currentLabel, elapsedSeconds,
        trialsPerSecond: trials / Math.max(elapsedSeconds, 1e-9),
      }, massFinished);
    };
    const passes = refinementPasses(this.order);
    const queueProductions = (pass: number[]) => plan.scenarios.map((entry) => entry.scenario.production.modes.map((mode) =>
      pass.map((index) => {
        const promise = this.production(entry, mode as ProductionMode, plan.massesGeV[index]);
        void promise.catch(() => undefined); // awaited (and reported) where it is used
        return promise;
      })));
    for (const [passIndex, pass] of passes.entries()) {
      const passMasses = pass.map((index) => plan.massesGeV[index]);
      // The worker builds this pass's production tables (cached, so already queued ones are reused),
      // then the next pass's while the GPU works on this one.
      const tables = queueProductions(pass);
      if (passIndex + 1 < passes.length) queueProductions(passes[passIndex + 1]);
      for (const [scenarioIndex, entry] of plan.scenarios.entries()) {
        const compiled = compileScenario(entry.scenario);
        for (const [modeIndex, modeResult] of this.modeResults.get(entry.hash)!.entries()) {
          if (this.stopped) throw new RunAborted('run stopped');
          const running = `${entry.scenario.name} · ${modeResult.mode}`;
          report(passMasses[0], `${running} · production tables`, 0, false);
          const productions = await Promise.all(tables[scenarioIndex][modeIndex]);
          const job = scenarioJob({
            compiled, label: `${entry.scenario.name} ${modeResult.mode} (${pass.length} masses)`, mode: modeResult.mode,
            massesGeV: passMasses, massGridIndices: pass, widthsGeV: plan.widthsGeV, samplesPerMass: plan.samplesPerMass,
            seed: plan.seed, production: (massGeV) => productions[passMasses.indexOf(massGeV)],
          });
          const results: EventTable[] = [];
          if (this.engine.kind === 'webgpu') {
            results.push(await runOnGpu(this.engine.acquired, job, sources!, {
              signal: this.controller.signal,
              onProgress: (progress: EngineProgress) => report(progress.massGeV, running, progress.trialsDone, false),
            }));
          } else {
            // The reference engine in the worker, one mass per call (Stop ends the worker mid-mass).
            let doneBefore = 0;
            for (const [position, massGeV] of passMasses.entries()) {
              const single = { ...job, massesGeV: [massGeV], massGridIndices: [pass[position]] };
              results.push(await this.compute.reference(single, productions[position], (done) => report(massGeV, running, doneBefore + done, false), this.controller.signal));
              doneBefore += trialsPerMass;
            }
          }
          for (const result of results) {
            for (const [position, massGeV] of result.massesGeV.entries()) {
              const gridIndex = plan.massesGeV.indexOf(massGeV);
              modeResult.results[gridIndex] = { ...result, massesGeV: [massGeV], yieldPerPot: [result.yieldPerPot[position]], ...massSliceArrays(result, position) };
            }
            modeResult.adapter = result.engine.adapter;
          }
          this.jobsDone += pass.length;
          this.trialsDone += pass.length * trialsPerMass;
        }
      }
      this.massesDone += pass.length;
      report(null, 'pass finished', 0, true);
    }
  }

  /**
   * The tables of the masses finished so far (ascending mass), one MassWidthTable per scenario ×
   * production mode; a scenario appears once all its modes have at least one common mass.
   */
  snapshot(): ScenarioTableSet[] {
    const { plan } = this;
    const wallSeconds = (performance.now() - this.started) / 1000;
    const sets: ScenarioTableSet[] = [];
    for (const entry of plan.scenarios) {
      const modes = this.modeResults.get(entry.hash)!;
      const finished = plan.massesGeV.map((_, index) => index).filter((index) => modes.every((mode) => mode.results[index] !== undefined));
      if (finished.length === 0) continue;
      const tables = modes.map((mode): MassWidthTable => {
        const efficiency: number[] = [];
        const efficiencyError: number[] = [];
        const yields: number[] = [];
        let regionNames: string[] = [];
        for (const index of finished) {
          const result = mode.results[index]!;
          const slice = massSlice(result, 0);
          efficiency.push(...slice.efficiency);
          efficiencyError.push(...slice.efficiencyError);
          yields.push(result.yieldPerPot[0]);
          regionNames = result.regionNames;
        }
        return {
          format: TABLE_FORMAT,
          formatVersion: TABLE_FORMAT_VERSION,
          scenario: { name: entry.scenario.name, hash: entry.hash },
          productionMode: mode.mode,
          channel: CHANNELS[entry.scenario.channel].name,
          massesGeV: finished.map((index) => plan.massesGeV[index]),
          widthsGeV: [...plan.widthsGeV],
          regionNames,
          samplesPerMass: plan.samplesPerMass,
          seed: plan.seed,
          yieldPerPotAtReference: yields,
          efficiency,
          efficiencyError,
          provenance: { alpenglowVersion: ALPENGLOW_VERSION, engine: mode.engineKind, adapter: mode.adapter, wallSeconds },
        };
      });
      sets.push({ scenario: entry.scenario, scenarioHash: entry.hash, tables });
    }
    return sets;
  }
}
