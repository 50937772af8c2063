/**
 * Issue 15 "Bad input": ALP masses beyond the data-driven hadronic widths (above 3 GeV, physics.md
 * §2.5–2.6) are computed but warned about, naming the masses; beam energies outside the spectra's
 * or the beam-photon yield's range are refused by the schema (bad-fixtures.test.ts).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.ts';
import type { AlpModelKoto } from '../../src/physics/couplings.ts';
import { totalWidthGeV } from '../../src/physics/widths.ts';
import { DATA_DRIVEN_WIDTH_MAX_MASS_GEV, massRangeWarnings } from '../../src/scenarios/validity.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-validity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('masses beyond the data-driven hadronic widths', () => {
  it('warn for gluon-coupled models above 3 GeV only, naming the masses', () => {
    expect(DATA_DRIVEN_WIDTH_MAX_MASS_GEV).toBe(3);
    expect(massRangeWarnings([0.1, 1, 2.99, 3], true)).toEqual([]);
    const [line, ...rest] = massRangeWarnings([0.5, 3.5, 4.25], true);
    expect(rest).toEqual([]);
    expect(line).toMatch(/^mass 3\.5, 4\.25 GeV lies above 3 GeV, the end of the data-driven hadronic widths \(physics\.md §2\.5\): .*a → gg estimate/);
    // Without a gluon coupling the built-in hadronic width is zero: nothing to warn about.
    expect(massRangeWarnings([3.5, 4.25], false)).toEqual([]);
  });

  it('the switch the warning names is where the built-in width changes model (a step, not a smooth continuation)', () => {
    const gluon: AlpModelKoto = { name: 'gluon', cGG: 1, cBB: 0, cWW: 0, cEE: 0, cMuMu: 0, faGeV: 1000 };
    const below = totalWidthGeV(gluon, 2.999);
    const above = totalWidthGeV(gluon, 3.001);
    expect(above / below).toBeGreaterThan(1.05);
  });

  it('limits.json carries the warning for a gluon model scanned above 3 GeV', async () => {
    const out = join(dir, 'dune-gluon');
    const { code, stdout, stderr } = await runCli([
      'limits',
      '--scenario',
      'dune-nd',
      '--model',
      'gluon',
      '--masses',
      '2,3.5',
      '--samples',
      '1000',
      '--engine',
      'reference',
      '--max-added-masses',
      '0',
      '--couplings',
      '1e-7:1e-1:31',
      '--out',
      out,
      '--json',
    ]);
    expect(code, stderr).toBe(0);
    const [limits] = [JSON.parse(stdout)].flat();
    expect(limits.warnings.filter((w: string) => w.includes('data-driven hadronic widths'))).toEqual([
      expect.stringMatching(/^mass 3\.5 GeV lies above 3 GeV/),
    ]);
  });

  it('plane.json carries it when c_GG is an axis at a mass above 3 GeV, and not for c_BB × c_WW', async () => {
    const run = (x: string, y: string) =>
      runCli([
        'plane',
        '--scenario',
        'dune-nd',
        '--mass',
        '3.5',
        '--x',
        x,
        '--y',
        y,
        '--range',
        '1e-6:1e-2:5',
        '--samples',
        '500',
        '--engine',
        'reference',
        '--out',
        join(dir, `plane-${x}-${y}`),
        '--json',
      ]);
    const gluon = await run('c_GG', 'c_BB');
    expect(gluon.code, gluon.stderr).toBe(0);
    expect(JSON.parse(gluon.stdout).warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^mass 3\.5 GeV lies above 3 GeV/)]));
    const electroweak = await run('c_BB', 'c_WW');
    expect(electroweak.code, electroweak.stderr).toBe(0);
    expect(JSON.parse(electroweak.stdout).warnings.some((w: string) => w.includes('data-driven hadronic widths'))).toBe(false);
  });
});
