/**
 * Colour scale of the N_sig heat map: viridis (perceptually uniform, colour-blind safe; the
 * matplotlib colormap by van der Walt & Smith), sampled at 9 stops and interpolated linearly in RGB.
 */
export const VIRIDIS_STOPS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

const STOP_RGB = VIRIDIS_STOPS.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));

/** RGB of t ∈ [0, 1]. */
export function viridis(t: number): [number, number, number] {
  const clamped = Math.min(Math.max(t, 0), 1) * (STOP_RGB.length - 1);
  const index = Math.min(Math.floor(clamped), STOP_RGB.length - 2);
  const f = clamped - index;
  const a = STOP_RGB[index];
  const b = STOP_RGB[index + 1];
  return [0, 1, 2].map((c) => Math.round(a[c] + f * (b[c] - a[c]))) as [number, number, number];
}

export interface LogColourRange {
  /** log10 of the values at the bottom and top of the scale. */
  lo: number;
  hi: number;
}

/**
 * Raster of a (mass × coupling) plane as a PNG data URL: pixel (i, j) is mass i, coupling j
 * (row 0 at the top = largest coupling). `values[j · nx + i]`; NaN marks points outside the tables
 * (light grey), values below the scale are drawn transparent.
 */
export function heatRaster(values: Float64Array, nx: number, ny: number, range: LogColourRange): string {
  const canvas = document.createElement('canvas');
  canvas.width = nx;
  canvas.height = ny;
  const context = canvas.getContext('2d');
  if (!context) return '';
  const image = context.createImageData(nx, ny);
  for (let j = 0; j < ny; j++) {
    const row = ny - 1 - j;
    for (let i = 0; i < nx; i++) {
      const value = values[j * nx + i];
      const at = 4 * (row * nx + i);
      if (Number.isNaN(value)) {
        image.data.set([214, 214, 214, 255], at);
        continue;
      }
      if (!(value > 0) || Math.log10(value) < range.lo) {
        image.data.set([255, 255, 255, 0], at);
        continue;
      }
      const [r, g, b] = viridis((Math.log10(value) - range.lo) / (range.hi - range.lo));
      image.data.set([r, g, b, 255], at);
    }
  }
  context.putImageData(image, 0, 0);
  return canvas.toDataURL('image/png');
}
