/**
 * Turning a production table into what the samplers need. Bins are chosen by an inverse CDF on
 * integers: bound[i] = ⌊2³² · (content of bins 0..i) / total⌋, the last non-empty bin's bound
 * forced to 2³² − 1, and a u32 draw picks the first bin whose bound exceeds it. Integer bounds
 * make the GPU and the float64 reference choose the same bin for the same draw, and resolve bins
 * down to 2⁻³² of the total (an f32 CDF would merge bins below ~6e-8).
 */
import type { ProductionTable } from '../physics/production-table.ts';

export interface CumulativeBounds {
  bounds: Uint32Array;
  /** Bins the search covers: up to and including the last non-empty one. */
  searchLength: number;
}

export function cumulativeBounds(table: ProductionTable): CumulativeBounds {
  const content = table.binContent;
  let total = 0;
  let lastNonEmpty = -1;
  for (let i = 0; i < content.length; i++) {
    total += content[i];
    if (content[i] > 0) lastNonEmpty = i;
  }
  const bounds = new Uint32Array(content.length);
  let running = 0;
  for (let i = 0; i < content.length; i++) {
    running += content[i];
    bounds[i] = i >= lastNonEmpty ? 0xffffffff : Math.min(Math.floor((running / total) * 4294967296), 0xffffffff);
  }
  return { bounds, searchLength: lastNonEmpty + 1 };
}

/** The bin a u32 draw selects (same rule as sampleBin in shaders/mc-kernel.wgsl). */
export function selectBin(bounds: Uint32Array, searchLength: number, word: number): number {
  let low = 0;
  let high = searchLength - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (word < bounds[middle]) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Axis edges in the variable sampled uniformly inside a bin (ln x on a log axis). */
export function samplingEdges(edges: ArrayLike<number>, logAxis: boolean): Float64Array {
  return Float64Array.from(edges as ArrayLike<number>, (edge) => (logAxis ? Math.log(edge) : edge));
}
