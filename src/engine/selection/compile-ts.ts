/**
 * Selection → float64 TypeScript evaluator (closures, no code generation), the reference twin of
 * compile-wgsl.ts: same order of checks, same strict inequalities, same first-match regions.
 */
import { kotoReconstruct, type KotoReco } from './koto-reconstruction.ts';
import { QUANTITIES, type EventQuantity, type ProductQuantity, type ReferenceEvent } from './quantities.ts';
import type { Area, Cut, Histogram2D, Selection, Shape } from './types.ts';
import { histogramNeeds, usesKoto } from './compile-wgsl.ts';
import { validateSelection } from './validate.ts';
import { referenceChargedTracks } from '../charged-tracks.ts';

type PointTest = (x: number, y: number) => boolean;

function insidePolygon(vertices: ReadonlyArray<[number, number]>, x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const [xi, yi] = vertices[i];
    const [xj, yj] = vertices[j];
    if (yi === yj) continue;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function shapeContains(shape: Shape): PointTest {
  switch (shape.type) {
    case 'disc': {
      const cx = shape.centerX ?? 0;
      const cy = shape.centerY ?? 0;
      const radiusSq = shape.radius * shape.radius;
      return (x, y) => (x - cx) * (x - cx) + (y - cy) * (y - cy) < radiusSq;
    }
    case 'box':
      return (x, y) => x > shape.xMin && x < shape.xMax && y > shape.yMin && y < shape.yMax;
    case 'polygon':
      return (x, y) => insidePolygon(shape.vertices, x, y);
  }
}

export function areaContains(area: Area): PointTest {
  const include = shapeContains(area.include);
  const excludes = (area.exclude ?? []).map(shapeContains);
  return (x, y) => include(x, y) && !excludes.some((exclude) => exclude(x, y));
}

function inInterval(value: number, cut: Cut): boolean {
  return (cut.min === undefined || value > cut.min) && (cut.max === undefined || value < cut.max);
}

export interface TrialSelection {
  /** Signal region index, or −1 (trial fails the selection, or lies in no region). */
  region: number;
  /** Histogram cell, or −1 (no histogram, trial fails the selection, or lies outside the grid). */
  cell: number;
}

export interface ReferenceSelection {
  /** Region index, or −1 when the trial fails the selection. */
  selectRegion(event: ReferenceEvent): number;
  /** Region and histogram cell, written into `out` (no allocation per trial). */
  selectTrial(event: ReferenceEvent, out: TrialSelection): void;
}

/** Twin of the generated WGSL `histogramCell`: cell = xIndex · yCount + yIndex, or −1 outside. */
export function histogramCellOf(histogram: Histogram2D): (x: number, y: number) => number {
  const [xLo, xHi, xCount] = histogram.xBins;
  const [yLo, yHi, yCount] = histogram.yBins;
  const xScale = xCount / (xHi - xLo);
  const yScale = yCount / (yHi - yLo);
  return (x, y) => {
    const fx = (x - xLo) * xScale;
    const fy = (y - yLo) * yScale;
    if (!(fx >= 0 && fx < xCount && fy >= 0 && fy < yCount)) return -1;
    return Math.floor(fx) * yCount + Math.floor(fy);
  };
}

export function compileSelectionToReference(selection: Selection, ecalZM: number): ReferenceSelection {
  validateSelection(selection);
  const acceptance = selection.acceptance;
  const accept = acceptance ? areaContains(acceptance.area) : null;
  const needsKoto = usesKoto(selection);
  const productCuts = selection.cuts.filter((cut) => QUANTITIES[cut.quantity].scope === 'product');
  const eventCuts = selection.cuts.filter((cut) => QUANTITIES[cut.quantity].scope === 'event');
  // Same order as compile-wgsl.ts: cuts that need no reconstruction first.
  const plainEventCuts = eventCuts.filter((cut) => QUANTITIES[cut.quantity].requires !== 'koto');
  const kotoEventCuts = eventCuts.filter((cut) => QUANTITIES[cut.quantity].requires === 'koto');
  const eventNeedsForward =
    needsKoto ||
    eventCuts.some((cut) => QUANTITIES[cut.quantity].requires !== 'none') ||
    selection.regions.some((region) => QUANTITIES[region.x].requires !== 'none' || QUANTITIES[region.y].requires !== 'none');
  const regions = selection.regions.map((region) => ({
    x: QUANTITIES[region.x] as EventQuantity,
    y: QUANTITIES[region.y] as EventQuantity,
    contains: areaContains(region.area),
  }));
  const zVertexOriginM = selection.reconstruction?.zVertexOriginM ?? 0;
  const histogram = selection.histogram;
  const cellOf = histogram ? histogramCellOf(histogram) : null;
  const histogramX = histogram ? (QUANTITIES[histogram.x] as EventQuantity) : null;
  const histogramY = histogram ? (QUANTITIES[histogram.y] as EventQuantity) : null;
  const needs = histogramNeeds(selection);
  const reconstruct = (event: ReferenceEvent) => kotoReconstruct(event.hit[0], event.hit[1], event.energy[0], event.energy[1], ecalZM, zVertexOriginM);

  const spectrometer = selection.spectrometer;

  function selectTrial(eventIn: ReferenceEvent, out: TrialSelection): void {
    out.region = -1;
    out.cell = -1;
    // Twin of the WGSL: with a spectrometer the rest of the selection sees the kicked tracks.
    let event = eventIn;
    if (spectrometer) {
      const tracks = referenceChargedTracks(spectrometer, eventIn, eventIn.daughterMassGeV, ecalZM);
      if (!tracks) return;
      event = { ...eventIn, hit: tracks.hit, slope: tracks.slope, tracks: tracks.summary };
    }
    let accepted: [boolean, boolean] = [true, true];
    if (accept) {
      accepted = [event.forward[0] && accept(event.hit[0][0], event.hit[0][1]), event.forward[1] && accept(event.hit[1][0], event.hit[1][1])];
      const enough = acceptance!.productsRequired === 2 ? accepted[0] && accepted[1] : accepted[0] || accepted[1];
      if (!enough) return;
    }
    if (eventNeedsForward && !(event.forward[0] && event.forward[1])) return;
    for (const cut of productCuts) {
      const quantity = QUANTITIES[cut.quantity] as ProductQuantity;
      for (const index of [0, 1] as const) {
        if (!accepted[index]) continue;
        if (quantity.requires === 'forward' && !event.forward[index]) return;
        if (!inInterval(quantity.reference(event, index), cut)) return;
      }
    }
    for (const cut of plainEventCuts) {
      if (!inInterval((QUANTITIES[cut.quantity] as EventQuantity).reference(event, null, accepted), cut)) return;
    }
    let reco: KotoReco | null = null;
    if (needsKoto) {
      reco = reconstruct(event);
      if (!reco) return;
    }
    for (const cut of kotoEventCuts) {
      if (!inInterval((QUANTITIES[cut.quantity] as EventQuantity).reference(event, reco, accepted), cut)) return;
    }
    if (cellOf) {
      // Same guards as the WGSL: what only the histogram needs never fails the trial.
      if (!(needs.forward && !eventNeedsForward) || (event.forward[0] && event.forward[1])) {
        const histogramReco = needs.koto && !needsKoto ? reconstruct(event) : reco;
        if (!needs.koto || histogramReco) {
          out.cell = cellOf(histogramX!.reference(event, histogramReco, accepted), histogramY!.reference(event, histogramReco, accepted));
        }
      }
    }
    if (regions.length === 0) {
      out.region = 0;
      return;
    }
    for (let index = 0; index < regions.length; index++) {
      const region = regions[index];
      if (region.contains(region.x.reference(event, reco, accepted), region.y.reference(event, reco, accepted))) {
        out.region = index;
        return;
      }
    }
  }

  const scratch: TrialSelection = { region: -1, cell: -1 };
  return {
    selectTrial,
    selectRegion(event: ReferenceEvent): number {
      selectTrial(event, scratch);
      return scratch.region;
    },
  };
}
