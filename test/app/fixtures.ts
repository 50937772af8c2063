/**
 * Small, fast stand-ins for the app layer's ports: a real scenario (koto-step2) with toy production
 * tables (no physics cost) and, where a test needs a known answer, an engine whose efficiencies are
 * a chosen function of (mass, width) and which records the jobs it ran.
 */
import type { Engine, ProductionSource } from '../../src/app/ports.ts';
import type { EventTable } from '../../src/engine/event-table.ts';
import type { EngineJob } from '../../src/engine/job.ts';
import { regionNames } from '../../src/engine/selection/types.ts';
import { toyBeamDumpTable } from '../../src/engine/toy-production.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import type { ScenarioTarget } from '../../src/app/table-builder.ts';

export async function kotoStep2Target(): Promise<ScenarioTarget> {
  const loaded = await loadScenario('koto-step2');
  return { scenario: loaded.scenario, hash: loaded.hash };
}

/** Toy production tables with a yield per POT of `yieldPerPot(m)` (0: nothing produced at that mass). */
export function toyProduction(yieldPerPot: (massGeV: number) => number = () => 1e-10): ProductionSource & { requests: number } {
  const source = {
    requests: 0,
    table(request: { massGeV: number }) {
      source.requests++;
      const table = toyBeamDumpTable(request.massGeV, { maxEnergyGeV: 8, meanEnergyGeV: 2, typicalPtGeV: 0.25, thetaMaxRad: 0.3 });
      const content = Array.from(table.binContent);
      const total = content.reduce((sum, value) => sum + value, 0);
      const target = yieldPerPot(request.massGeV);
      return { ...table, binContent: content.map((value) => (value * target) / total), yieldPerPot: target };
    },
  };
  return source;
}

/** An engine whose efficiency at (m, Γ) is `efficiency(m, Γ)` in every region, error 1 % of it; it records every job. */
export function functionEngine(efficiency: (massGeV: number, widthGeV: number) => number): Engine & { jobs: EngineJob[] } {
  const jobs: EngineJob[] = [];
  return {
    kind: 'reference',
    adapter: 'test function engine',
    jobs,
    async run(job) {
      jobs.push(job);
      const names = regionNames(job.selection);
      const regions = names.length;
      const cells = job.massesGeV.length * job.widthsGeV.length * regions;
      const values = new Float64Array(cells);
      job.massesGeV.forEach((m, i) =>
        job.widthsGeV.forEach((w, j) => {
          for (let r = 0; r < regions; r++) values[(i * job.widthsGeV.length + j) * regions + r] = efficiency(m, w);
        }),
      );
      const table: EventTable = {
        label: job.label,
        channel: job.channel.name,
        massesGeV: job.massesGeV,
        widthsGeV: job.widthsGeV,
        regionNames: names,
        samplesPerMass: job.samplesPerMass,
        seed: job.seed,
        yieldPerPot: job.massesGeV.map((m, i) => (job.production(m, i) as { yieldPerPot?: number }).yieldPerPot ?? 1),
        efficiency: values,
        efficiencyError: values.map((value) => 0.01 * value),
        engine: { kind: 'reference', adapter: 'test function engine' },
      };
      return table;
    },
  };
}
