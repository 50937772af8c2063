/**
 * A tEXt chunk in a PNG made by the browser (canvas.toBlob), so the page's PNG export carries its
 * provenance as the CLI's PNGs do (src/node/png.ts): keyword, NUL, Latin-1 text, inserted after IHDR.
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

/** CRC-32 of the PNG specification (ISO 3309), over `bytes`. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** The PNG with a tEXt chunk `keyword` = `text` (characters outside Latin-1 become '?') after its IHDR chunk. */
export function pngWithText(png: Uint8Array, keyword: string, text: string): Uint8Array {
  const latin1 = (value: string) => Uint8Array.from(value, (char) => (char.charCodeAt(0) <= 0xff ? char.charCodeAt(0) : 0x3f));
  const data = new Uint8Array([...latin1(keyword), 0, ...latin1(text)]);
  const chunk = new Uint8Array(12 + data.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, data.length);
  chunk.set(latin1('tEXt'), 4);
  chunk.set(data, 8);
  view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
  const ihdrEnd = 8 + 12 + new DataView(png.buffer, png.byteOffset).getUint32(8); // signature, then IHDR (length, type, data, CRC)
  const out = new Uint8Array(png.length + chunk.length);
  out.set(png.subarray(0, ihdrEnd), 0);
  out.set(chunk, ihdrEnd);
  out.set(png.subarray(ihdrEnd), ihdrEnd + chunk.length);
  return out;
}
