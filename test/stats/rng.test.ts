import { describe, expect, it } from 'vitest';
import { fillToyUniforms, philox4x32, uniformFromWords } from '../../src/stats/rng.ts';

describe('Philox4x32-10', () => {
  // Known-answer vectors from Random123 tests/kat_vectors (the three "philox4x32 10" lines):
  // counter[4] key[2] → output[4]. Exact integer equality: any error in a round or the key schedule changes them.
  const knownAnswers: [number[], number[], number[]][] = [
    [
      [0, 0, 0, 0],
      [0, 0],
      [0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8],
    ],
    [
      [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff],
      [0xffffffff, 0xffffffff],
      [0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd],
    ],
    [
      [0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344],
      [0xa4093822, 0x299f31d0],
      [0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1],
    ],
  ];
  for (const [counter, key, expected] of knownAnswers) {
    it(`matches Random123 for counter ${counter.map((w) => w.toString(16)).join(' ')}`, () => {
      const out = philox4x32(counter[0], counter[1], counter[2], counter[3], key[0], key[1], new Uint32Array(4));
      expect(Array.from(out)).toEqual(expected);
    });
  }

  it('maps words to the open interval (0, 1)', () => {
    expect(uniformFromWords(0, 0)).toBeGreaterThan(0);
    expect(uniformFromWords(0xffffffff, 0xffffffff)).toBeLessThan(1);
  });

  it('is a pure function of (seed, stream, toy) and differs between seeds and streams', () => {
    const a = new Float64Array(5);
    const b = new Float64Array(5);
    fillToyUniforms(7, 1, 123, 5, a);
    fillToyUniforms(7, 1, 123, 5, b);
    expect(Array.from(a)).toEqual(Array.from(b));
    fillToyUniforms(8, 1, 123, 5, b);
    expect(a[0]).not.toBe(b[0]);
    fillToyUniforms(7, 2, 123, 5, b);
    expect(a[0]).not.toBe(b[0]);
  });

  it('gives uniforms with mean 1/2 and variance 1/12 within 5σ', () => {
    // 1e5 draws: σ(mean) = √(1/12/1e5) = 9.1e-4; σ(second moment of U) = √(Var U²/1e5) with Var U² = 4/45 → 9.4e-4.
    const count = 100_000;
    const buffer = new Float64Array(4);
    let sum = 0;
    let sumSquares = 0;
    for (let toy = 0; toy < count / 4; toy++) {
      fillToyUniforms(12345, 0, toy, 4, buffer);
      for (const u of buffer) {
        sum += u;
        sumSquares += u * u;
      }
    }
    expect(Math.abs(sum / count - 0.5)).toBeLessThan(5 * 9.1e-4);
    expect(Math.abs(sumSquares / count - 1 / 3)).toBeLessThan(5 * 9.4e-4);
  });
});
