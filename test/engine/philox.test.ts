import { describe, expect, it } from 'vitest';
import { philox4x32, seedToKey, uniformOpen01 } from '../../src/engine/philox.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { wgslConstantBlock } from '../../src/engine/wgsl-constants.ts';
import { runWordKernel } from '../helpers/gpu.ts';

// Random123 known-answer vectors for philox4x32-10 (kat_vectors: counter[4], key[2] -> output[4]).
const KNOWN_ANSWERS: Array<{ counter: number[]; key: number[]; expected: number[] }> = [
  { counter: [0, 0, 0, 0], key: [0, 0], expected: [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8] },
  { counter: [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff], key: [0xffffffff, 0xffffffff], expected: [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd] },
  { counter: [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344], key: [0xa4093822, 0x299f31d0], expected: [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1] },
];

describe('Philox4x32-10', () => {
  it('TypeScript matches the Random123 known answers', () => {
    for (const { counter, key, expected } of KNOWN_ANSWERS) expect(philox4x32(counter, key)).toEqual(expected);
  });

  it('WGSL matches the known answers and the TypeScript twin on 256 more counters', async () => {
    const cases = [...KNOWN_ANSWERS.map(({ counter, key }) => ({ counter, key }))];
    for (let i = 0; i < 256; i++)
      cases.push({ counter: [(i * 2654435761) >>> 0, i, 7 * i + 1, 0xdeadbeef ^ i], key: [(0x12345678 + i) >>> 0, (0x9abcdef0 - i) >>> 0] });
    const literal = (words: number[]) => words.map((w) => `${w >>> 0}u`).join(', ');
    const code = `${wgslConstantBlock({ workgroupSize: 1, regionCount: 1 })}
${nodeShaderSources()['philox.wgsl']}
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
const COUNTERS = array<vec4<u32>, ${cases.length}>(${cases.map((c) => `vec4<u32>(${literal(c.counter)})`).join(', ')});
const KEYS = array<vec2<u32>, ${cases.length}>(${cases.map((c) => `vec2<u32>(${literal(c.key)})`).join(', ')});
@compute @workgroup_size(1)
fn main() {
  for (var i = 0u; i < ${cases.length}u; i++) {
    let r = philox4x32(COUNTERS[i], KEYS[i]);
    out[4u * i] = r.x; out[4u * i + 1u] = r.y; out[4u * i + 2u] = r.z; out[4u * i + 3u] = r.w;
  }
}`;
    const words = await runWordKernel(code, cases.length * 4);
    cases.forEach((c, i) => {
      const expected = i < KNOWN_ANSWERS.length ? KNOWN_ANSWERS[i].expected : philox4x32(c.counter, c.key);
      expect(Array.from(words.slice(4 * i, 4 * i + 4)), `case ${i}`).toEqual(expected);
    });
  });

  it('maps u32 to the open interval (0, 1) identically in WGSL and TypeScript', async () => {
    const inputs = [0, 1, 511, 512, 0x7fffffff, 0xfffffe00, 0xffffffff, 123456789];
    expect(uniformOpen01(0)).toBeGreaterThan(0);
    expect(uniformOpen01(0xffffffff)).toBeLessThan(1);
    expect(uniformOpen01(0)).toBe(2 ** -24);
    expect(uniformOpen01(0xffffffff)).toBe(1 - 2 ** -24);
    const code = `${wgslConstantBlock({ workgroupSize: 1, regionCount: 1 })}
${nodeShaderSources()['philox.wgsl']}
@group(0) @binding(0) var<storage, read_write> out: array<u32>;
const INPUTS = array<u32, ${inputs.length}>(${inputs.map((w) => `${w}u`).join(', ')});
@compute @workgroup_size(1)
fn main() { for (var i = 0u; i < ${inputs.length}u; i++) { out[i] = bitcast<u32>(uniformOpen01(INPUTS[i])); } }`;
    const words = await runWordKernel(code, inputs.length);
    const asFloat = new Float32Array(words.buffer);
    inputs.forEach((word, i) => expect(asFloat[i]).toBe(uniformOpen01(word)));
  });

  it('splits seeds into key words and rejects non-integers', () => {
    expect(seedToKey(0)).toEqual([0, 0]);
    expect(seedToKey(2 ** 32 + 5)).toEqual([5, 1]);
    expect(() => seedToKey(-1)).toThrow(/seed must be an integer/);
    expect(() => seedToKey(1.5)).toThrow(/seed must be an integer/);
  });
});
