/**
 * Signal regions of a scenario must be disjoint: the engine assigns each trial to the first region
 * that contains it, so an overlap would silently move signal from one region to another.
 *
 * The test probes points with the engine's own point-in-area function (same strict inequalities),
 * on a grid built from every boundary coordinate of the two regions: between consecutive boundary
 * values the membership of both areas can only change along slanted polygon edges, which the
 * subdivisions resolve down to 1/SUBDIVISIONS of the cell. Regions drawn in different planes
 * (other x or y quantity) are not compared.
 */
import { areaContains } from '../engine/selection/compile-ts.ts';
import type { Area, Shape } from '../engine/selection/types.ts';

const SUBDIVISIONS = 16;

interface RegionLike {
  x: string;
  y: string;
  area: Area;
}

function shapeBoundaries(shape: Shape): { xs: number[]; ys: number[] } {
  switch (shape.type) {
    case 'disc': {
      const cx = shape.centerX ?? 0;
      const cy = shape.centerY ?? 0;
      return { xs: [cx - shape.radius, cx, cx + shape.radius], ys: [cy - shape.radius, cy, cy + shape.radius] };
    }
    case 'box':
      return { xs: [shape.xMin, shape.xMax], ys: [shape.yMin, shape.yMax] };
    case 'polygon':
      return { xs: shape.vertices.map(([x]) => x), ys: shape.vertices.map(([, y]) => y) };
  }
}

function probeCoordinates(values: number[]): number[] {
  const sorted = [...new Set(values)].sort((a, b) => a - b);
  const probes: number[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    for (let k = 0; k < SUBDIVISIONS; k++) probes.push(sorted[i] + ((k + 0.5) / SUBDIVISIONS) * (sorted[i + 1] - sorted[i]));
  }
  return probes;
}

export function findRegionOverlap(regions: readonly RegionLike[]): { first: number; second: number; x: number; y: number } | null {
  for (let second = 1; second < regions.length; second++) {
    for (let first = 0; first < second; first++) {
      const a = regions[first];
      const b = regions[second];
      if (a.x !== b.x || a.y !== b.y) continue;
      const shapes = [a.area.include, ...(a.area.exclude ?? []), b.area.include, ...(b.area.exclude ?? [])].map(shapeBoundaries);
      const inA = areaContains(a.area);
      const inB = areaContains(b.area);
      const xs = probeCoordinates(shapes.flatMap((s) => s.xs));
      const ys = probeCoordinates(shapes.flatMap((s) => s.ys));
      for (const x of xs) {
        for (const y of ys) {
          if (inA(x, y) && inB(x, y)) return { first, second, x: Number(x.toPrecision(4)), y: Number(y.toPrecision(4)) };
        }
      }
    }
  }
  return null;
}
