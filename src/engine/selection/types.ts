/**
 * A detector selection as data: acceptance areas, interval cuts on named quantities, an optional
 * reconstruction, and signal regions. src/engine/selection/compile-wgsl.ts turns it into WGSL at
 * pipeline creation; compile-ts.ts turns it into the equivalent float64 evaluator used by the
 * reference engine. Scenario files (src/scenarios/) describe selections in exactly this shape.
 */
import type { Spectrometer } from '../charged-tracks.ts';

/** A planar shape; coordinates in the units of the plane it lives in (m at the ECAL). */
export type Shape =
  | { type: 'disc'; radius: number; centerX?: number; centerY?: number }
  | { type: 'box'; xMin: number; xMax: number; yMin: number; yMax: number }
  | { type: 'polygon'; vertices: Array<[number, number]> };

/** Inside `include` and outside every `exclude` shape (beam holes, inner cuts). */
export interface Area {
  include: Shape;
  exclude?: Shape[];
}

/** Keeps a trial when min < quantity < max (each bound optional, strict inequalities). */
export interface Cut {
  quantity: string;
  min?: number;
  max?: number;
}

export interface SignalRegion {
  name: string;
  /** Quantities spanning the plane the region is drawn in, e.g. koto.zVtxM and koto.pTGeV. */
  x: string;
  y: string;
  area: Area;
}

export interface KotoPi0Reconstruction {
  type: 'koto-pi0';
  /** z_vtx = (z_ECAL − d) − zVertexOriginM: KOTO measures z_vtx from 21 m (Step 1) or 44 m (Step 2). */
  zVertexOriginM: number;
}

/** Equal-width bins on [lo, hi): [lo, hi, count]. */
export type BinSpec = [number, number, number];

/**
 * An optional 2-D histogram of the selected trials (those passing acceptance, cuts and
 * reconstruction, whatever their signal region) in the plane of two event quantities: e.g. the
 * expected signal distribution in (z_vtx, p_T), KOTO arXiv:2303.01521 Fig. 4. The cell of a trial
 * is computed arithmetically, cell = xIndex · yCount + yIndex (no search over cells); trials
 * outside [lo, hi) on either axis are in no cell.
 */
export interface Histogram2D {
  x: string;
  y: string;
  xBins: BinSpec;
  yBins: BinSpec;
}

export interface Selection {
  /** ECAL acceptance; without it every decay in the fiducial volume counts (decay-only studies). */
  acceptance?: {
    area: Area;
    /** 2: both products must hit the acceptance; 1: at least one. */
    productsRequired: 1 | 2;
  };
  reconstruction?: KotoPi0Reconstruction;
  cuts: Cut[];
  /** First matching region wins; none given means one region named 'all'. */
  regions: SignalRegion[];
  /** Tally the selected trials on a grid as well (the region tallies are unchanged). */
  histogram?: Histogram2D;
  /**
   * Charged tracks through straw chambers and a dipole (src/engine/charged-tracks.ts): applied
   * before everything else; the rest of the selection then sees the tracks after the magnet.
   */
  spectrometer?: Spectrometer;
}

/** Cells of the selection's histogram (0 without one). */
export function histogramCellCount(selection: Selection): number {
  return selection.histogram ? selection.histogram.xBins[2] * selection.histogram.yBins[2] : 0;
}

/** Largest histogram the engine accepts (tally memory per batch and width grows with it). */
export const MAX_HISTOGRAM_CELLS = 16384;

export const ALL_REGION_NAME = 'all';

export function regionNames(selection: Selection): string[] {
  return selection.regions.length === 0 ? [ALL_REGION_NAME] : selection.regions.map((region) => region.name);
}
