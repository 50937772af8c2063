/**
 * The expected signal distribution of one ALP model point in a plane of two event quantities,
 * e.g. KOTO's (z_vtx, p_T) plane (arXiv:2303.01521 Fig. 4). Browser-safe: the engine runs
 * elsewhere (CLI or web worker); this module chooses the plane, builds the histogram selection,
 * and turns per-mode engine tables into events:
 *
 *   N(cell) = POT × A_add × BR(channel) × Σ_modes S_mode(m, couplings) × yield_mode(m) × ε_mode(m, Γ_tot, cell)
 *
 * with S_mode the coupling scale of the production mode relative to its table's reference coupling
 * (src/limits/rescale.ts productionCouplingScale) and ε the engine's per-ALP efficiency
 * (P(decay in volume) × selected × in cell). The MC errors of the modes add in quadrature.
 */
import type { EventTable } from '../engine/event-table.ts';
import type { Histogram2D, Selection } from '../engine/selection/types.ts';
import type { CompiledScenario } from './compile.ts';
import type { Scenario } from './schema.ts';
import { MASS_GEV } from '../physics/constants.ts';

export class InvalidPlane extends Error {
  override name = 'InvalidPlane';
  readonly userFacing = true;
}

export interface SignalPlane extends Histogram2D {
  xLabel: string;
  yLabel: string;
  /** One sentence saying which plane is drawn and why. */
  description: string;
  /** Whether the scenario's signal regions live in this plane (so their boundaries can be drawn). */
  regionsInPlane: boolean;
}

export const DEFAULT_X_BINS = 40;
export const DEFAULT_Y_BINS = 30;

/** A round upper bound: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above `value`. */
export function roundUp(value: number): number {
  if (!(value > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const mantissa = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value * (1 - 1e-12)) ?? 10;
  return Number((mantissa * power).toPrecision(6));
}

/**
 * The plane `alpenglow events` draws by default (override the ranges with --x-bins/--y-bins):
 *  - KOTO kaon mode (π0 reconstruction): reconstructed z_vtx and p_T, the plane of the signal
 *    regions. z_vtx up to L = z_ECAL − z_vtx origin (6 m Step 1, 20 m Step 2); from below the
 *    z_vtx cut if there is one, else from L − dz_max m_a/m_π0 (the smallest z_vtx of
 *    arXiv:2303.01521 eq. 10, dz_max = z_ECAL − fiducial start), but not below −2L. p_T up to
 *    2 m_π0 R_ECAL / D_min, the bound of eq. 12 for ρ_a ≤ R_ECAL with D_min the cluster-separation cut;
 *  - two products required at the ECAL, no reconstruction: the true decay z over the decay volume
 *    and the pair p_T about the detector axis, up to a round number above
 *    E_beam × (largest ECAL radius)/(ECAL distance from the target);
 *  - one product suffices (CHARM, NuCal): the pair p_T needs both products, so the true decay z
 *    and the visible (in-acceptance) energy, up to twice a per-product energy cut where there is
 *    one (CHARM: 2 × 50 GeV), else E_beam / 2.
 */
export function defaultSignalPlane(scenario: Scenario, massGeV: number): SignalPlane {
  const { detector } = scenario;
  const regionPlane = (x: string, y: string) => scenario.regions.every((region) => region.x === x && region.y === y);
  const outerRadius =
    detector.ecal.radiusM ??
    (detector.ecal.halfWidthsM ? Math.hypot(...detector.ecal.halfWidthsM) : Math.max(...detector.ecal.verticesM!.map(([x, y]) => Math.hypot(x, y))));
  if (scenario.reconstruction) {
    const length = detector.ecal.zM - scenario.reconstruction.zVertexOriginM;
    const zCut = scenario.cuts.find((cut) => cut.quantity === 'koto.zVtxM' && cut.min !== undefined);
    const smallestZ = length - (detector.ecal.zM - detector.fiducial.startZM) * Math.max(1, massGeV / MASS_GEV.pi0);
    const xLow = zCut ? Math.floor(zCut.min!) : smallestZ >= 0 ? 0 : Math.max(-2 * length, -roundUp(-smallestZ));
    const separation = scenario.cuts.find((cut) => cut.quantity === 'pair.separationM' && cut.min !== undefined)?.min;
    const pTHigh = separation ? roundUp((2 * MASS_GEV.pi0 * outerRadius) / separation) : 1.2;
    return {
      x: 'koto.zVtxM',
      y: 'koto.pTGeV',
      xBins: [xLow, roundUp(length), DEFAULT_X_BINS],
      yBins: [0, pTHigh, DEFAULT_Y_BINS],
      xLabel: 'reconstructed z_vtx [m]',
      yLabel: 'reconstructed p_T(π⁰) [GeV]',
      description: 'reconstructed vertex z_vtx and p_T under the π0 hypothesis (KOTO reconstruction, physics.md §7.3)',
      regionsInPlane: regionPlane('koto.zVtxM', 'koto.pTGeV'),
    };
  }
  const zBins: [number, number, number] = [detector.fiducial.startZM, detector.fiducial.endZM, DEFAULT_X_BINS];
  if (detector.ecal.productsRequired === 2) {
    const reach = detector.ecal.zM - detector.originM[2];
    return {
      x: 'decay.zM',
      y: 'pair.pTGeV',
      xBins: zBins,
      yBins: [0, roundUp((scenario.beam.energyGeV * outerRadius) / reach), DEFAULT_Y_BINS],
      xLabel: 'true decay z along the detector axis [m]',
      yLabel: 'pair p_T about the detector axis [GeV]',
      description: 'no π0 reconstruction in this scenario: true decay z and the p_T of the decay-product pair (= the ALP p_T) about the detector axis',
      regionsInPlane: regionPlane('decay.zM', 'pair.pTGeV'),
    };
  }
  const energyCut = scenario.cuts.find((cut) => cut.quantity === 'product.energyGeV' && cut.max !== undefined)?.max;
  return {
    x: 'decay.zM',
    y: 'accepted.energySumGeV',
    xBins: zBins,
    yBins: [0, roundUp(energyCut ? 2 * energyCut : scenario.beam.energyGeV / 2), DEFAULT_Y_BINS],
    xLabel: 'true decay z along the detector axis [m]',
    yLabel: 'visible energy (products in acceptance) [GeV]',
    description: 'no π0 reconstruction and one product may miss the calorimeter: true decay z and the energy of the products in acceptance',
    regionsInPlane: regionPlane('decay.zM', 'accepted.energySumGeV'),
  };
}

/** Parses "lo:hi:count" for --x-bins / --y-bins. */
export function parseBinSpec(flag: string, raw: string): [number, number, number] {
  const parts = raw.split(':').map((part) => Number(part.trim()));
  if (parts.length !== 3 || parts.some((value) => !Number.isFinite(value)) || !(parts[0] < parts[1]) || !Number.isInteger(parts[2]) || parts[2] < 1) {
    throw new InvalidPlane(`--${flag} must be lo:hi:count with lo < hi and an integer count ≥ 1 (got '${raw}')`);
  }
  return parts as [number, number, number];
}

/** The compiled selection plus the histogram of the plane (the regions are unchanged). */
export function selectionWithHistogram(compiled: CompiledScenario, plane: Histogram2D): Selection {
  return { ...compiled.selection, histogram: { x: plane.x, y: plane.y, xBins: [...plane.xBins], yBins: [...plane.yBins] } };
}

export interface ModeResult {
  mode: string;
  /** S_mode: coupling scale relative to the table's reference coupling. */
  couplingScale: number;
  /** The engine's table for one mass and one width (Γ_tot of the model), with a histogram. */
  table: EventTable;
}

export interface SignalDistribution {
  /** Events per cell, index xIndex · yCount + yIndex. */
  cellEvents: Float64Array;
  cellEventsError: Float64Array;
  regionEvents: number[];
  regionEventsError: number[];
  /** Per mode: events in all regions together. */
  modeEvents: Array<{ mode: string; events: number; eventsError: number }>;
}

/** Combines per-mode engine tables (one mass, one width each) into expected events. */
export function signalDistribution(
  results: ModeResult[],
  normalisation: { pot: number; additionalAcceptance: number; branchingRatio: number },
): SignalDistribution {
  if (results.length === 0) throw new RangeError('signalDistribution needs at least one production mode');
  const cells = results[0].table.histogram!.efficiency.length;
  const regionCount = results[0].table.regionNames.length;
  const cellEvents = new Float64Array(cells);
  const cellVariance = new Float64Array(cells);
  const regionEvents = new Array<number>(regionCount).fill(0);
  const regionVariance = new Array<number>(regionCount).fill(0);
  const modeEvents: SignalDistribution['modeEvents'] = [];
  const base = normalisation.pot * normalisation.additionalAcceptance * normalisation.branchingRatio;
  for (const { mode, couplingScale, table } of results) {
    if (table.massesGeV.length !== 1 || table.widthsGeV.length !== 1 || !table.histogram) {
      throw new RangeError(`signalDistribution expects one mass, one width and a histogram per mode (mode ${mode})`);
    }
    const factor = base * couplingScale * table.yieldPerPot[0];
    const histogram = table.histogram;
    for (let c = 0; c < cells; c++) {
      cellEvents[c] += factor * histogram.efficiency[c];
      cellVariance[c] += (factor * histogram.efficiencyError[c]) ** 2;
    }
    let modeTotal = 0;
    let modeVariance = 0;
    for (let r = 0; r < regionCount; r++) {
      regionEvents[r] += factor * table.efficiency[r];
      regionVariance[r] += (factor * table.efficiencyError[r]) ** 2;
      modeTotal += factor * table.efficiency[r];
      modeVariance += (factor * table.efficiencyError[r]) ** 2;
    }
    modeEvents.push({ mode, events: modeTotal, eventsError: Math.sqrt(modeVariance) });
  }
  return {
    cellEvents,
    cellEventsError: cellVariance.map(Math.sqrt),
    regionEvents,
    regionEventsError: regionVariance.map(Math.sqrt),
    modeEvents,
  };
}

/** CSV of the cells: bin edges, expected events and MC error; one row per cell. */
export function distributionCsv(plane: SignalPlane, distribution: SignalDistribution): string {
  const [xLo, xHi, xCount] = plane.xBins;
  const [yLo, yHi, yCount] = plane.yBins;
  const xStep = (xHi - xLo) / xCount;
  const yStep = (yHi - yLo) / yCount;
  const edge = (value: number) => Number(value.toPrecision(10));
  const lines = [`${plane.x}_low,${plane.x}_high,${plane.y}_low,${plane.y}_high,events,events_error`];
  for (let ix = 0; ix < xCount; ix++) {
    for (let iy = 0; iy < yCount; iy++) {
      const c = ix * yCount + iy;
      lines.push(
        [
          edge(xLo + ix * xStep),
          edge(xLo + (ix + 1) * xStep),
          edge(yLo + iy * yStep),
          edge(yLo + (iy + 1) * yStep),
          distribution.cellEvents[c].toPrecision(6),
          distribution.cellEventsError[c].toPrecision(3),
        ].join(','),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
