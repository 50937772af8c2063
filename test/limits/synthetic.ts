/**
 * Synthetic scenarios and MassWidthTables for the limits tests and bench (no engine run): the
 * efficiency is given as a function of (m, Γ, region), so expected values are known exactly.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TABLE_FORMAT, TABLE_FORMAT_VERSION, type MassWidthTable } from '../../src/tables/mass-width-table.ts';
import type { ProductionMode } from '../../src/physics/index.ts';
import type { ScenarioTableSet } from '../../src/limits/rescale.ts';
import type { Scenario, ScenarioRegion } from '../../src/scenarios/schema.ts';

export const KOTO_STEP2: Scenario = JSON.parse(readFileSync(fileURLToPath(new URL('../../scenarios/koto-step2.json', import.meta.url)), 'utf8'));

export const SYNTHETIC_HASH = 'sha256:synthetic-test-scenario';

/** koto-step2 with replaced regions (background, observed) and production modes. */
export function syntheticScenario(
  options: {
    regions?: { backgroundEvents: number; observedEvents: number | null }[];
    modes?: ProductionMode[];
    name?: string;
    backgroundScaling?: 'proportional' | 'fixed';
  } = {},
): Scenario {
  const template = KOTO_STEP2.regions[0];
  const regions: ScenarioRegion[] = (options.regions ?? [{ backgroundEvents: 1.38, observedEvents: null }]).map((region, index) => ({
    ...template,
    name: `region ${index}`,
    area: { include: { type: 'box', xMin: 1.75 + index, xMax: 2.75 + index, yMin: 0.4, yMax: 1000 } },
    backgroundEvents: region.backgroundEvents,
    observedEvents: region.observedEvents,
  }));
  return {
    ...KOTO_STEP2,
    name: options.name ?? 'synthetic',
    exposure: { ...KOTO_STEP2.exposure, backgroundScaling: options.backgroundScaling ?? 'proportional' },
    production: { ...KOTO_STEP2.production, modes: options.modes ?? ['primakoff-meson-photons', 'mixing'] },
    regions,
  };
}

export interface SyntheticTableSpec {
  mode: ProductionMode;
  massesGeV: number[];
  widthsGeV: number[];
  efficiency: (massGeV: number, widthGeV: number, region: number) => number;
  /** Default 1 % of the efficiency. */
  efficiencyError?: (massGeV: number, widthGeV: number, region: number) => number;
  yieldPerPot: (massGeV: number) => number;
}

export function syntheticTable(scenario: Scenario, hash: string, spec: SyntheticTableSpec): MassWidthTable {
  const efficiency: number[] = [];
  const efficiencyError: number[] = [];
  for (const m of spec.massesGeV) {
    for (const w of spec.widthsGeV) {
      scenario.regions.forEach((_, r) => {
        const e = spec.efficiency(m, w, r);
        efficiency.push(e);
        efficiencyError.push(spec.efficiencyError ? spec.efficiencyError(m, w, r) : 0.01 * e);
      });
    }
  }
  return {
    format: TABLE_FORMAT,
    formatVersion: TABLE_FORMAT_VERSION,
    scenario: { name: scenario.name, hash },
    productionMode: spec.mode,
    channel: scenario.channel,
    massesGeV: [...spec.massesGeV],
    widthsGeV: [...spec.widthsGeV],
    regionNames: scenario.regions.map((region) => region.name),
    samplesPerMass: 1000,
    seed: 7,
    yieldPerPotAtReference: spec.massesGeV.map(spec.yieldPerPot),
    efficiency,
    efficiencyError,
    provenance: { alpenglowVersion: 'test', engine: 'reference', adapter: 'synthetic', wallSeconds: 0 },
  };
}

export function logGrid(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (i === 0 ? lo : i === n - 1 ? hi : lo * (hi / lo) ** (i / (n - 1))));
}

/** ħc in GeV·m (physics.md §0). */
const HBAR_C_GEV_M = 1.973269804e-16;

/**
 * A decay-in-volume efficiency like a real table: ALPs of momentum pGeV decay between lo and hi
 * metres with probability e^{−lo/λ} − e^{−hi/λ}, λ = (p/m) ħc/Γ, times a geometric acceptance.
 */
export function decayInVolumeEfficiency(pGeV = 10, loM = 45, hiM = 64, acceptance = 0.05): (m: number, w: number, r: number) => number {
  return (m, w, r) => {
    const lambda = (pGeV / m) * (HBAR_C_GEV_M / w);
    return (acceptance / (r + 1)) * (Math.exp(-loM / lambda) - Math.exp(-hiM / lambda));
  };
}

/** A realistic-looking set: decay-in-volume efficiency, yields falling with mass. */
export function realisticSet(scenario: Scenario = syntheticScenario(), options: { masses?: number; widths?: number } = {}): ScenarioTableSet {
  const massesGeV = logGrid(0.01, 1, options.masses ?? 25);
  const widthsGeV = logGrid(1e-26, 1e-6, options.widths ?? 161);
  const tables = scenario.production.modes.map((mode) =>
    syntheticTable(scenario, SYNTHETIC_HASH, {
      mode: mode as ProductionMode,
      massesGeV,
      widthsGeV,
      efficiency: decayInVolumeEfficiency(),
      efficiencyError: (m, w, r) => 0.03 * decayInVolumeEfficiency()(m, w, r),
      yieldPerPot: (m) => (mode.startsWith('primakoff') ? 2e-4 * (0.05 / m) ** 1.5 : 1e-10 * (m / 0.1)),
    }),
  );
  return { scenario, scenarioHash: SYNTHETIC_HASH, tables };
}
