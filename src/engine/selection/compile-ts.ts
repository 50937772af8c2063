/**
 * Selection → float64 TypeScript evaluator (closures, no code generation), the reference twin of
 * compile-wgsl.ts: same order of checks, same strict inequalities, same first-match regions.
 */
import { kotoReconstruct, type KotoReco } from './koto-reconstruction.ts';
import { QUANTITIES, type EventQuantity, type ProductQuantity, type ReferenceEvent } from './quantities.ts';
import type { Area, Cut, Selection, Shape } from './types.ts';
import { usesKoto } from './compile-wgsl.ts';
import { validateSelection } from './validate.ts';

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

export interface ReferenceSelection {
  /** Region index, or −1 when the trial fails the selection. */
  selectRegion(event: ReferenceEvent): number;
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
  const eventNeedsForward = needsKoto ||
    eventCuts.some((cut) => QUANTITIES[cut.quantity].requires !== 'none') ||
    selection.regions.some((region) => QUANTITIES[region.x].requires !== 'none' || QUANTITIES[region.y].requires !== 'none');
  const regions = selection.regions.map((region) => ({
    x: QUANTITIES[region.x] as EventQuantity,
    y: QUANTITIES[region.y] as EventQuantity,
    contains: areaContains(region.area),
  }));
  const zVertexOriginM = selection.reconstruction?.zVertexOriginM ?? 0;

  return {
    selectRegion(event: ReferenceEvent): number {
      let accepted: [boolean, boolean] = [true, true];
      if (accept) {
        accepted = [
          event.forward[0] && accept(event.hit[0][0], event.hit[0][1]),
          event.forward[1] && accept(event.hit[1][0], event.hit[1][1]),
        ];
        const enough = acceptance!.productsRequired === 2 ? accepted[0] && accepted[1] : accepted[0] || accepted[1];
        if (!enough) return -1;
      }
      if (eventNeedsForward && !(event.forward[0] && event.forward[1])) return -1;
      for (const cut of productCuts) {
        const quantity = QUANTITIES[cut.quantity] as ProductQuantity;
        for (const index of [0, 1] as const) {
          if (!accepted[index]) continue;
          if (quantity.requires === 'forward' && !event.forward[index]) return -1;
          if (!inInterval(quantity.reference(event, index), cut)) return -1;
        }
      }
      for (const cut of plainEventCuts) {
        if (!inInterval((QUANTITIES[cut.quantity] as EventQuantity).reference(event, null), cut)) return -1;
      }
      let reco: KotoReco | null = null;
      if (needsKoto) {
        reco = kotoReconstruct(event.hit[0], event.hit[1], event.energy[0], event.energy[1], ecalZM, zVertexOriginM);
        if (!reco) return -1;
      }
      for (const cut of kotoEventCuts) {
        if (!inInterval((QUANTITIES[cut.quantity] as EventQuantity).reference(event, reco), cut)) return -1;
      }
      if (regions.length === 0) return 0;
      for (let index = 0; index < regions.length; index++) {
        const region = regions[index];
        if (region.contains(region.x.reference(event, reco), region.y.reference(event, reco))) return index;
      }
      return -1;
    },
  };
}
