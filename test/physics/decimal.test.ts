/**
 * Numbers typed by people are read in decimal notation only (src/physics/decimal.ts), at every text
 * boundary: flags, model names, grid ranges, page fields and URL parameters, text tables.
 */
import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../src/physics/decimal.ts';
import { parseLimitsModel } from '../../src/limits/model.ts';
import { parseRangeSpec } from '../../src/tables/grid-spec.ts';
import { parsePageQuery } from '../../src/web/page-query.ts';
import { runCli } from '../helpers/cli.ts';

describe('parseDecimal', () => {
  it('reads decimal notation, signs, exponents and surrounding blanks', () => {
    expect([' 12 ', '-0.5', '+.5', '5.', '4e19', '1.5E-3', '0'].map(parseDecimal)).toEqual([12, -0.5, 0.5, 5, 4e19, 1.5e-3, 0]);
  });
  it('refuses what Number() would read but nobody means', () => {
    for (const text of ['0x10', '0b1', '0o7', 'Infinity', '', '  ', '1e', '1,5', '1_000', 'NaN']) expect(parseDecimal(text)).toBeNaN();
  });
});

describe('every text boundary refuses hexadecimal', () => {
  it('CLI flags, ranges and counts', async () => {
    for (const [args, message] of [
      [['limits', '--scenario', 'charm', '--model', 'photon', '--max-added-masses=0x10'], "--max-added-masses must be a finite decimal number (got '0x10')"],
      [['limits', '--scenario', 'charm', '--model', 'photon', '--pot', '0x10'], "--pot must be a finite decimal number (got '0x10')"],
      [
        ['limits', '--scenario', 'charm', '--model', 'photon', '--masses', '0.1:0.2:0x10'],
        "--masses: the point count n in lo:hi:n must be an integer ≥ 1 (got '0x10')",
      ],
    ] as const) {
      const run = await runCli([...args]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
  it('model names, grid specs and page URLs', () => {
    expect(() => parseLimitsModel('custom:0x1,0,0')).toThrow(/c_GG must be a finite number \(got '0x1'\)/);
    expect(() => parseRangeSpec('masses', '0.1:0.2:0x10', 'GeV')).toThrow(/n must be an integer/);
    expect(parsePageQuery('?samples=0x10&seed=0b1', ['charm']).errors).toEqual([
      "URL parameter samples must be an integer in [1, 9007199254740991] (got '0x10')",
      "URL parameter seed must be an integer in [0, 4294967295] (got '0b1')",
    ]);
  });
});
