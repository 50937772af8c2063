/**
 * A detector selection as data: acceptance areas, interval cuts on named quantities, an optional
 * reconstruction, and signal regions. src/engine/selection/compile-wgsl.ts turns it into WGSL at
 * pipeline creation; compile-ts.ts turns it into the equivalent float64 evaluator used by the
 * reference engine. Scenario files (src/scenarios/) describe selections in exactly this shape.
 */

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
}

export const ALL_REGION_NAME = 'all';

export function regionNames(selection: Selection): string[] {
  return selection.regions.length === 0 ? [ALL_REGION_NAME] : selection.regions.map((region) => region.name);
}
