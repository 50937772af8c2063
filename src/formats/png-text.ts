/**
 * PNG tEXt chunks (PNG specification §11.3.4.3): keyword, NUL, Latin-1 text, each chunk closed by the
 * CRC-32 of its type and data, inserted right after IHDR. One implementation for both faces: the CLI's
 * resvg PNGs (src/node/png.ts) and the page's canvas PNGs (src/web/exports.ts) carry their provenance
 * this way. Characters outside printable ASCII are written as \uXXXX escapes, so JSON stays JSON.
 */
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

/** Text safe for a tEXt chunk: printable ASCII and newlines as they are, every other character as \uXXXX. */
function escapedLatin1(text: string): string {
  return text.replace(/[^\x20-\x7e\n]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const bytesOf = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function textChunk(keyword: string, text: string): Uint8Array {
  if (!/^[\x20-\x7e]{1,79}$/.test(keyword)) throw new RangeError(`PNG tEXt keyword must be 1–79 printable Latin-1 characters (got '${keyword}')`);
  const keywordBytes = bytesOf(keyword);
  const textBytes = bytesOf(escapedLatin1(text));
  const dataLength = keywordBytes.length + 1 + textBytes.length;
  const chunk = new Uint8Array(12 + dataLength);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, dataLength);
  chunk.set(bytesOf('tEXt'), 4);
  chunk.set(keywordBytes, 8);
  chunk.set(textBytes, 8 + keywordBytes.length + 1);
  view.setUint32(8 + dataLength, pngCrc32(chunk.subarray(4, 8 + dataLength)));
  return chunk;
}

/** The PNG with one tEXt chunk per entry of `text` (keyword → text), inserted after its IHDR chunk. */
export function pngWithTextChunks(png: Uint8Array, text: Record<string, string>): Uint8Array {
  if (String.fromCharCode(...png.subarray(12, 16)) !== 'IHDR') throw new RangeError('PNG text: not a PNG with IHDR first');
  const afterHeader = 8 + 4 + 4 + new DataView(png.buffer, png.byteOffset, png.byteLength).getUint32(8) + 4;
  const chunks = Object.entries(text).map(([keyword, value]) => textChunk(keyword, value));
  const out = new Uint8Array(png.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  out.set(png.subarray(0, afterHeader), 0);
  let at = afterHeader;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  out.set(png.subarray(afterHeader), at);
  return out;
}

/** The tEXt chunks of a PNG (keyword → text), for tests and readers; every chunk's CRC is checked. */
export function pngTextChunks(png: Uint8Array): Record<string, string> {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const latin1 = (bytes: Uint8Array) => String.fromCharCode(...bytes);
  const out: Record<string, string> = {};
  for (let at = 8; at + 8 <= png.length; ) {
    const length = view.getUint32(at);
    const type = latin1(png.subarray(at + 4, at + 8));
    if (pngCrc32(png.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length))
      throw new RangeError(`PNG chunk ${type} at byte ${at}: CRC mismatch`);
    if (type === 'tEXt') {
      const data = png.subarray(at + 8, at + 8 + length);
      const zero = data.indexOf(0);
      out[latin1(data.subarray(0, zero))] = latin1(data.subarray(zero + 1));
    }
    at += 12 + length;
  }
  return out;
}
