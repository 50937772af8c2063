/**
 * SVG → PNG with resvg (Node only: @resvg/resvg-js is a native module). System fonts are loaded
 * so the text of the plots renders (DejaVu/Liberation on Debian); `scale` multiplies the SVG's
 * own width for a sharper image. `text` adds PNG tEXt chunks (keyword → Latin-1 text; the
 * provenance goes in as JSON with non-ASCII characters \u-escaped), right after the header chunk.
 */
import { Resvg } from '@resvg/resvg-js';

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

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 of the PNG specification (ISO 3309 polynomial), over chunk type and data. */
export function pngCrc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Text safe for a tEXt chunk: Latin-1 printable, other characters as \uXXXX. */
function latin1(text: string): string {
  return text.replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textChunk(keyword: string, text: string): Buffer {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new RangeError(`PNG tEXt keyword must be 1–79 printable Latin-1 characters (got '${keyword}')`);
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(latin1(text), 'latin1')]);
  const typeAndData = Buffer.concat([Buffer.from('tEXt', 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(pngCrc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** The PNG with tEXt chunks inserted after IHDR (signature 8 bytes + IHDR chunk 25 bytes). */
export function withTextChunks(png: Buffer, text: Record<string, string>): Buffer {
  if (png.subarray(12, 16).toString('latin1') !== 'IHDR') throw new RangeError('withTextChunks: not a PNG with IHDR first');
  const afterHeader = 8 + 4 + 4 + png.readUInt32BE(8) + 4;
  return Buffer.concat([png.subarray(0, afterHeader), ...Object.entries(text).map(([k, v]) => textChunk(k, v)), png.subarray(afterHeader)]);
}

/** The tEXt chunks of a PNG (keyword → text), for tests and readers; every chunk's CRC is checked. */
export function pngTextChunks(png: Buffer): Record<string, string> {
  const out: Record<string, string> = {};
  for (let at = 8; at + 8 <= png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString('latin1');
    if (pngCrc32(png.subarray(at + 4, at + 8 + length)) !== png.readUInt32BE(at + 8 + length))
      throw new RangeError(`PNG chunk ${type} at byte ${at}: CRC mismatch`);
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      const zero = data.indexOf(0);
      out[data.subarray(0, zero).toString('latin1')] = data.subarray(zero + 1).toString('latin1');
    }
    at += 12 + length;
  }
  return out;
}
