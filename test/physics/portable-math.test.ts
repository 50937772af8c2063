/**
 * The portable ln/exp (src/physics/portable-math.ts) against Math.log/Math.exp: within 2 ULP over
 * the positive normal range, exact at the anchor points, and built only from IEEE-exact operations
 * (no Math.* transcendental call in the file), so every JavaScript engine gives the same bits.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { portableExp, portableLog } from '../../src/physics/portable-math.ts';
import { logSpaced } from '../../src/engine/job.ts';

function ulpDistance(value: number, reference: number): number {
  return Math.abs(value - reference) / (Math.abs(reference) * 2 ** -52);
}

describe('portable ln and exp', () => {
  it('agree with Math.log within 2 ULP from 1e-300 to 1e300 (200 000 log-uniform points, fixed seed)', () => {
    let seed = 7;
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 16807) % 2147483647;
      const x = 10 ** ((seed / 2147483647 - 0.5) * 600);
      worst = Math.max(worst, ulpDistance(portableLog(x), Math.log(x)));
    }
    expect(worst).toBeLessThan(2);
  });

  it('agree with Math.exp within 2 ULP over [-690, 690]', () => {
    let seed = 11;
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      seed = (seed * 16807) % 2147483647;
      const x = (seed / 2147483647 - 0.5) * 1380;
      worst = Math.max(worst, ulpDistance(portableExp(x), Math.exp(x)));
    }
    expect(worst).toBeLessThan(2);
  });

  it('are exact at the anchors and handle the ends of the range', () => {
    expect(portableLog(1)).toBe(0);
    expect(portableExp(0)).toBe(1);
    expect(portableLog(2)).toBeCloseTo(Math.LN2, 15);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
    expect(portableExp(1000)).toBe(Infinity);
    expect(portableExp(-1000)).toBe(0);
    expect(portableLog(5e-324)).toBeCloseTo(Math.log(5e-324), 10);
  });

  it('use no engine-specific transcendental function', () => {
    const source = readFileSync(new URL('../../src/physics/portable-math.ts', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(source).not.toMatch(/Math\.(exp|log|pow|expm1|log1p|log2|log10|sinh|cosh|tanh)\b|\*\*/);
  });

  it('log-spaced grids use them: the points are the portable ones, ends exact', () => {
    const grid = logSpaced(1e-7, 1e-1, 241);
    expect(grid[0]).toBe(1e-7);
    expect(grid[240]).toBe(1e-1);
    const step = portableLog(1e-1 / 1e-7) / 240;
    expect(grid[17]).toBe(1e-7 * portableExp(17 * step));
  });
});
