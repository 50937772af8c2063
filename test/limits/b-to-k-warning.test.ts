/**
 * Issue 15 §2: a model with a loop-induced b → s coupling (c_WW ≠ 0; b-meson-decays.ts
 * bsCouplingFromWPerGeV, arXiv:1611.09355) on a scenario whose beam makes B mesons but which lists no
 * B → K(*) a production mode (here DarkQuest, 120 GeV, σ_bb̄ = 0.02 nb) leaves out what is, for c_WW-only
 * models at 400 GeV, the dominant production (docs/physics-model.md "c_WW-only models"). The limits are
 * then conservative and must say so: limits.json and plane.json `warnings`, and the text output. The
 * 400 GeV dumps (CHARM, …) list the B modes, so there the warning is gone (test/limits/c-ww-charm.test.ts),
 * unless the tables behind the limits lack them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, smallLimitsRun } from '../helpers/cli.ts';
import { bToKProductionWarnings, hasLoopInducedBsCoupling } from '../../src/scenarios/validity.ts';
import { runLimits } from '../../src/app/run-limits.ts';
import { realisticSet, syntheticScenario } from './synthetic.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-b-to-k-warning-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const W_ONLY = { cGG: 0, cBB: 0, cWW: 1, cLL: 0 };
const charmLike = (modes: string[], energyGeV = 400) => ({ name: 'charm', beam: { energyGeV }, production: { modes } });
const B_WARNING = /has c_WW ≠ 0, which gives B → K\(\*\) a/;

describe('B → K(*) a left out of a coupling model with c_WW ≠ 0', () => {
  it('only c_WW gives the library a loop-induced b → s coupling', () => {
    expect(hasLoopInducedBsCoupling(W_ONLY)).toBe(true);
    expect(hasLoopInducedBsCoupling({ cGG: 1, cBB: 1, cWW: 1, cLL: 0 })).toBe(true);
    expect(hasLoopInducedBsCoupling({ cGG: 1, cBB: 0, cWW: 0, cLL: 0 })).toBe(false);
    expect(hasLoopInducedBsCoupling({ cGG: 0, cBB: 1, cWW: 0, cLL: 1 })).toBe(false);
  });

  it('warns at a 400 GeV beam without B modes, naming model, scenario, σ_bb̄ and the modes counted', () => {
    const [line, ...rest] = bToKProductionWarnings(charmLike(['primakoff-meson-photons', 'mixing']), W_ONLY, "model 'custom:0,0,1'");
    expect(rest).toEqual([]);
    expect(line).toMatch(B_WARNING);
    expect(line).toMatch(/^model 'custom:0,0,1' has c_WW ≠ 0/);
    expect(line).toContain("scenario 'charm' (400 GeV beam, σ_bb̄ = 2.63 nb) has no b-to-k/b-to-kstar production mode");
    expect(line).toContain('count only primakoff-meson-photons, mixing and are conservative');
  });

  it('names the tables when the scenario lists B modes but the limits count none', () => {
    const [line] = bToKProductionWarnings(charmLike(['mixing', 'b-to-k']), W_ONLY, "model 'custom:0,0,1'", ['mixing']);
    expect(line).toMatch(B_WARNING);
    expect(line).toContain("the tables of scenario 'charm' have no b-to-k/b-to-kstar table");
    expect(line).toContain('count only mixing and are conservative');
    expect(bToKProductionWarnings(charmLike(['mixing', 'b-to-k']), W_ONLY, 'm', ['mixing', 'b-to-k'])).toEqual([]);
  });

  it('with the B modes run, says for c_WW mixed with c_GG or c_BB (codominance) that g_bs holds the c_WW term only', () => {
    const [line, ...rest] = bToKProductionWarnings(charmLike(['mixing', 'b-to-k']), { cGG: 1, cBB: 1, cWW: 1, cLL: 0 }, "model 'codominance'");
    expect(rest).toEqual([]);
    expect(line).toContain("model 'codominance' has c_WW ≠ 0 together with c_GG ≠ 0");
    expect(line).toContain('one-loop c_WW term of g_bs only (arXiv:1611.09355)');
    expect(bToKProductionWarnings(charmLike(['mixing', 'b-to-k']), { cGG: 0, cBB: 2, cWW: 1, cLL: 0 }, 'm')[0]).toContain('together with c_BB ≠ 0');
  });

  it('is silent without c_WW, with a B mode, or below the b b̄ threshold (70 GeV)', () => {
    expect(bToKProductionWarnings(charmLike(['mixing']), { cGG: 1, cBB: 1, cWW: 0, cLL: 0 }, 'm')).toEqual([]);
    expect(bToKProductionWarnings(charmLike(['mixing', 'b-to-kstar']), W_ONLY, 'm')).toEqual([]);
    expect(bToKProductionWarnings(charmLike(['primakoff-meson-photons'], 30), W_ONLY, 'm')).toEqual([]);
    expect(bToKProductionWarnings(charmLike(['primakoff-meson-photons'], 70), W_ONLY, 'm')).toEqual([]);
    expect(bToKProductionWarnings(charmLike(['primakoff-meson-photons'], 120), W_ONLY, 'm')).toHaveLength(1);
  });

  it('limits.json and the text output carry it for custom:0,0,1 at DarkQuest, not for the photon model', async () => {
    const run = (model: string) => smallLimitsRun('darkquest', model, dir);
    const wOnly = await run('custom:0,0,1');
    expect(wOnly.code, wOnly.stderr).toBe(0);
    const [limits] = [JSON.parse(wOnly.stdout)].flat();
    expect(limits.warnings.filter((w: string) => B_WARNING.test(w))).toEqual([
      expect.stringMatching(/^model 'custom:0,0,1' has c_WW ≠ 0.*scenario 'darkquest' \(120 GeV beam, σ_bb̄ = 0.02 nb\)/),
    ]);
    expect(wOnly.stderr).toMatch(/darkquest: warning: model 'custom:0,0,1' has c_WW ≠ 0/);
    const photon = await run('photon');
    expect(photon.code, photon.stderr).toBe(0);
    const [photonLimits] = [JSON.parse(photon.stdout)].flat();
    expect(photonLimits.warnings.some((w: string) => B_WARNING.test(w))).toBe(false);
  });

  it('plane.json carries it when c_WW is an axis at DarkQuest, and not for c_GG × c_BB', async () => {
    const run = (x: string, y: string) =>
      runCli([
        'plane',
        '--scenario',
        'darkquest',
        '--mass',
        '0.1',
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
    const electroweak = await run('c_BB', 'c_WW');
    expect(electroweak.code, electroweak.stderr).toBe(0);
    expect(JSON.parse(electroweak.stdout).warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^this plane has c_WW ≠ 0.*scenario 'darkquest'/)]));
    const gluonPhoton = await run('c_GG', 'c_BB');
    expect(gluonPhoton.code, gluonPhoton.stderr).toBe(0);
    expect(JSON.parse(gluonPhoton.stdout).warnings.some((w: string) => B_WARNING.test(w))).toBe(false);
  });

  it("the page's path (runLimits on given tables, bands off) carries it too", async () => {
    const scenario = syntheticScenario();
    const set = realisticSet({ ...scenario, beam: { ...scenario.beam, energyGeV: 400 } }, { masses: 5, widths: 41 });
    const run = async (model: string) =>
      (
        await runLimits({
          scenarios: [{ scenario: set.scenario, hash: set.scenarioHash }],
          model,
          couplingsPerGeV: [1e-6, 1e-4, 1e-2],
          tables: [set],
          bands: false,
        })
      ).limits[0].warnings;
    expect((await run('custom:0,0,1')).filter((w) => B_WARNING.test(w))).toHaveLength(1);
    expect((await run('gluon')).some((w) => B_WARNING.test(w))).toBe(false);
  });
});
