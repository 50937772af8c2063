/**
 * Canvas rasters of planes for the web views, coloured with the shared viridis scale
 * (src/plots/colour-scale.ts, the same as the CLI's SVG heat maps).
 */
import { viridisRgb, VIRIDIS_STOPS } from '../plots/colour-scale.ts';

export { VIRIDIS_STOPS };

export interface LogColourRange {
  /** log10 of the values at the bottom and top of the scale. */
  lo: number;
  hi: number;
}

type Rgba = readonly [number, number, number, number];

const TRANSPARENT: Rgba = [255, 255, 255, 0];
const OUTSIDE_TABLES: Rgba = [214, 214, 214, 255];

/**
 * PNG data URL of an nx × ny plane: pixel (i, j) shows `values[j · nx + i]`, with row j = 0 at the
 * bottom (largest y at the top), coloured by `colourOf`.
 */
function planeRaster(values: Float64Array, nx: number, ny: number, colourOf: (value: number) => Rgba): string {
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext('2d');
  if (!context) return '';
  const image = context.createImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j;
    for (let i = 0; i < nx; i++) image.data.set(colourOf(values[j * nx + i]), 4 * (row * nx + i));
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}

/**
 * The (mass × coupling) plane on a log colour scale. NaN marks points outside the tables
 * (light grey); values below the scale are transparent.
 */
export function heatRaster(values: Float64Array, nx: number, ny: number, range: LogColourRange): string {
  return planeRaster(values, nx, ny, (value) => {
    if (Number.isNaN(value)) return OUTSIDE_TABLES;
    if (!(value > 0) || Math.log10(value) < range.lo) return TRANSPARENT;
    return [...viridisRgb((Math.log10(value) - range.lo) / (range.hi - range.lo)), 255];
  });
}

/** A histogram on a linear colour scale from 0 to `max`; empty bins are transparent. */
export function linearRaster(values: Float64Array, nx: number, ny: number, max: number): string {
  return planeRaster(values, nx, ny, (value) => (!(value > 0) || !(max > 0) ? TRANSPARENT : [...viridisRgb(value / max), 255]));
}
