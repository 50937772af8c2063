/**
 * runPlane: the fixed-mass coupling–coupling plane for each scenario (docs/limits.md §7). Γ_tot
 * and BR change across the plane, so the tables hold this one mass over a width grid covering
 * Γ_tot of every plane point (the one table builder); each point reads them at its own Γ_tot.
 * Browser-safe.
 */
import { DEFAULT_WIDTHS_PER_DECADE, logSpace } from '../limits/compute.ts';
import { computeCouplingPlane, couplingPlaneWidthRange, type CouplingPlaneAxes, type CouplingPlaneJson } from '../limits/plane.ts';
import { buildTables, type ScenarioTarget } from './table-builder.ts';
import { DEFAULT_LIMITS_SAMPLES, DEFAULT_LIMITS_SEED } from './run-limits.ts';
import type { Engine, ProductionSource, RunHooks } from './ports.ts';
import type { TableProductionMode } from '../physics/production.ts';
import { bModesForModel, bToKProductionWarnings, massRangeWarnings } from '../scenarios/validity.ts';

export interface RunPlaneRequest extends CouplingPlaneAxes {
  scenarios: ScenarioTarget[];
  pot?: number;
  samplesPerMass?: number;
  seed?: number;
  widthsPerDecade?: number;
  engine: Engine;
  production: ProductionSource;
  hooks?: RunHooks;
}

/** Log-spaced widths covering [lo, hi] with one extra step on each side, `perDecade` per decade. */
export function planeWidthGrid(axes: CouplingPlaneAxes, perDecade = DEFAULT_WIDTHS_PER_DECADE): number[] {
  const [widthLo, widthHi] = couplingPlaneWidthRange(axes);
  const step = 10 ** (1 / perDecade);
  return logSpace(widthLo / step, widthHi * step, Math.max(2, Math.ceil(Math.log10((widthHi * step) / (widthLo / step)) * perDecade) + 1));
}

/** Which couplings are non-zero somewhere on the plane (1) or nowhere (0), for the validity checks. */
function planeCouplingsPresent(axes: CouplingPlaneAxes) {
  const present = (name: 'c_GG' | 'c_WW') => (axes.x === name || axes.y === name || (axes.fixed?.[name] ?? 0) !== 0 ? 1 : 0);
  return { cGG: present('c_GG'), cBB: 0, cWW: present('c_WW'), cLL: 0 };
}

/**
 * The production modes a plane runs for a scenario: B → K(*) a only where c_WW ≠ 0 somewhere on the
 * plane (the loop-induced g_bs; scaled by 0 elsewhere). plane.json's provenance lists these.
 */
export function planeProductionModes(axes: CouplingPlaneAxes, target: Pick<ScenarioTarget, 'scenario' | 'modes'>): TableProductionMode[] {
  return bModesForModel(target.modes ?? (target.scenario.production.modes as TableProductionMode[]), planeCouplingsPresent(axes));
}

export async function runPlane(request: RunPlaneRequest): Promise<CouplingPlaneJson[]> {
  const { scenarios, pot, hooks } = request;
  const axes: CouplingPlaneAxes = {
    massGeV: request.massGeV,
    x: request.x,
    y: request.y,
    xValuesPerGeV: request.xValuesPerGeV,
    yValuesPerGeV: request.yValuesPerGeV,
    fixed: request.fixed,
  };
  const widths = planeWidthGrid(axes, request.widthsPerDecade);
  const [widthLo, widthHi] = couplingPlaneWidthRange(axes);
  hooks?.onLog?.(`Γ_tot over the plane ${widthLo.toExponential(2)} … ${widthHi.toExponential(2)} GeV: ${widths.length} widths`);
  const gluonCoupled = axes.x === 'c_GG' || axes.y === 'c_GG' || (axes.fixed?.c_GG ?? 0) !== 0;
  const planeCouplings = planeCouplingsPresent(axes);
  const targets = scenarios.map((target) => ({ ...target, modes: planeProductionModes(axes, target) }));
  const rows = await buildTables({
    scenarios: targets,
    massesGeV: [request.massGeV],
    widthsGeV: widths,
    samplesPerMass: request.samplesPerMass ?? DEFAULT_LIMITS_SAMPLES,
    seed: request.seed ?? DEFAULT_LIMITS_SEED,
    engine: request.engine,
    production: request.production,
    hooks,
  });
  return targets.map((target) => {
    const plane = computeCouplingPlane({ set: rows.tableSet(target), ...axes, pot });
    plane.warnings.push(...massRangeWarnings([axes.massGeV], gluonCoupled));
    plane.warnings.push(...bToKProductionWarnings(target.scenario, planeCouplings, 'this plane', target.modes));
    for (const warning of plane.warnings) hooks?.onLog?.(`${target.scenario.name}: warning: ${warning}`);
    return plane;
  });
}
