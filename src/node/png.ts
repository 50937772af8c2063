/**
 * SVG → PNG with resvg (Node only: @resvg/resvg-js is a native module). System fonts are loaded
 * so the text of the plots renders (DejaVu/Liberation on Debian); `scale` multiplies the SVG's
 * own width for a sharper image. `text` adds PNG tEXt chunks (keyword → Latin-1 text; the
 * provenance goes in as JSON with non-ASCII characters \u-escaped), right after the header chunk.
 */
import { Resvg } from '@resvg/resvg-js';
import { pngWithTextChunks } from '../formats/png-text.ts';

export { pngTextChunks } from '../formats/png-text.ts';

export function svgToPng(svg: string, options: { scale?: number; text?: Record<string, string> } = {}): Buffer {
  const scale = options.scale ?? 1;
  const widthMatch = /<svg[^>]*\swidth="([\d.]+)"/.exec(svg);
  const width = widthMatch ? Number(widthMatch[1]) : undefined;
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    ...(width && scale !== 1 ? { fitTo: { mode: 'width' as const, value: Math.round(width * scale) } } : {}),
  });
  const png = resvg.render().asPng();
  return options.text ? withTextChunks(png, options.text) : png;
}

/** The PNG with tEXt chunks inserted after IHDR (src/formats/png-text.ts). */
export function withTextChunks(png: Buffer, text: Record<string, string>): Buffer {
  const out = pngWithTextChunks(png, text);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}
