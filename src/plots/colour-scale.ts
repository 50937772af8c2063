/**
 * The heat-map colour scale: viridis (perceptually uniform, colour-blind safe; the matplotlib
 * colormap by van der Walt & Smith), sampled at 9 stops and interpolated linearly in RGB. Used by
 * the SVG heat maps of the CLI and by the web app's canvas rasters.
 */
export const VIRIDIS_STOPS = ['#440154', '#472d7b', '#3b528b', '#2c728e', '#21918c', '#28ae80', '#5ec962', '#addc30', '#fde725'];

const STOP_RGB = VIRIDIS_STOPS.map((hex) => [1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)));

/** RGB (0–255) of t ∈ [0, 1] (clamped). */
export function viridisRgb(t: number): [number, number, number] {
  const clamped = Math.min(Math.max(t, 0), 1) * (STOP_RGB.length - 1);
  const index = Math.min(Math.floor(clamped), STOP_RGB.length - 2);
  const f = clamped - index;
  const a = STOP_RGB[index];
  const b = STOP_RGB[index + 1];
  return [0, 1, 2].map((c) => Math.round(a[c] + f * (b[c] - a[c]))) as [number, number, number];
}

/** The same colour as "#rrggbb". */
export function viridisHex(t: number): string {
  return `#${viridisRgb(t)
    .map((c) => c.toString(16).padStart(2, '0'))
    .join('')}`;
}
