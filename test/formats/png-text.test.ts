/** PNG provenance chunks of both faces (src/formats/png-text.ts): CRC-32 as the PNG specification defines it, chunk after IHDR, text readable back. */
import { describe, expect, it } from 'vitest';
import { pngCrc32 as crc32, pngWithTextChunks } from '../../src/formats/png-text.ts';

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(ascii(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

describe('PNG tEXt chunk', () => {
  it('CRC-32 of the IEND chunk type is the well-known AE 42 60 82', () => {
    expect(crc32(ascii('IEND'))).toBe(0xae426082);
  });

  it('inserts keyword and text after IHDR; the chunk CRC checks', () => {
    const signature = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);
    const ihdr = chunk('IHDR', new Uint8Array(13));
    const iend = chunk('IEND', new Uint8Array(0));
    const png = new Uint8Array([...signature, ...ihdr, ...iend]);
    const out = pngWithTextChunks(png, { 'alpenglow-provenance': '{"seed":7,"scenario":"koto-step2 · π"}' });
    const view = new DataView(out.buffer);
    const at = 8 + ihdr.length;
    const length = view.getUint32(at);
    expect(String.fromCharCode(...out.subarray(at + 4, at + 8))).toBe('tEXt');
    const data = out.subarray(at + 8, at + 8 + length);
    const nul = data.indexOf(0);
    expect(String.fromCharCode(...data.subarray(0, nul))).toBe('alpenglow-provenance');
    expect(String.fromCharCode(...data.subarray(nul + 1))).toBe('{"seed":7,"scenario":"koto-step2 \\u00b7 \\u03c0"}');
    expect(view.getUint32(at + 8 + length)).toBe(crc32(out.subarray(at + 4, at + 8 + length)));
    expect(out.subarray(0, at)).toEqual(png.subarray(0, at));
    expect(out.subarray(at + 12 + length)).toEqual(iend);
  });
});
