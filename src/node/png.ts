/**
 * SVG → PNG with resvg (Node only: @resvg/resvg-js is a native module). System fonts are loaded
 * so the text of the plots renders (DejaVu/Liberation on Debian); `scale` multiplies the SVG's
 * own width for a sharper image.
 */
import { Resvg } from '@resvg/resvg-js';

export function svgToPng(svg: string, options: { scale?: number } = {}): Buffer {
  const scale = options.scale ?? 1;
  const widthMatch = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const width = widthMatch ? Number(widthMatch[1]) : undefined;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    ...(width && scale !== 1 ? { fitTo: { mode: 'width' as const, value: Math.round(width * scale) } } : {}),
  });
  return resvg.render().asPng();
}
