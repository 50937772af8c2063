/**
 * B → K(*) a modes in coupling-model runs (docs/limits.md §2): a model without a loop-induced g_bs
 * (c_WW = 0) does not pay for them — no production request, no engine job, no table; a model with
 * c_WW ≠ 0 runs them. The grid path writes their table files and `limits --tables` scales them (and
 * warns, naming the tables, when a c_WW model reads a directory without them). The page offers the
 * scenarios that have B modes beside coupling modes, not those with B modes only.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runLimits } from '../../src/app/run-limits.ts';
import { runPlane } from '../../src/app/run-plane.ts';
import type { ProductionRequest } from '../../src/physics/production.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { loadBundledScenarios } from '../../src/web/bundled-scenarios.ts';
import { runCli } from '../helpers/cli.ts';
import { functionEngine, toyProduction } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-b-modes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const B_WARNING = /has c_WW ≠ 0, which gives B → K\(\*\) a/;

async function charmRun(model: string) {
  const { scenario, hash } = await loadScenario('charm');
  const engine = functionEngine(() => 1e-3);
  const production = toyProduction();
  const modesRequested: string[] = [];
  const source = {
    table(request: ProductionRequest) {
      modesRequested.push(request.mode);
      return production.table(request);
    },
  };
  const { limits } = await runLimits({
    scenarios: [{ scenario, hash }],
    model,
    couplingsPerGeV: [1e-6, 1e-4, 1e-2],
    massesGeV: [0.1, 0.2],
    samplesPerMass: 10,
    engine,
    production: source,
    maxAddedMasses: 0,
    bands: false,
  });
  return { limits: limits[0], jobModes: engine.jobs.map((job) => job.label.split(' ')[1]), modesRequested };
}

describe('coupling-model runs and the B → K(*) a modes', () => {
  it('a model with c_WW = 0 skips them: no production request, no engine job, not in provenance', async () => {
    for (const model of ['gluon', 'photon', 'custom:1,1,0,1']) {
      const { limits, jobModes, modesRequested } = await charmRun(model);
      expect(new Set(jobModes), model).toEqual(new Set(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']));
      expect(
        modesRequested.some((mode) => mode.startsWith('b-to-')),
        model,
      ).toBe(false);
      expect(limits.provenance.productionModes, model).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']);
      expect(
        limits.warnings.some((w: string) => B_WARNING.test(w)),
        model,
      ).toBe(false);
    }
  });

  it('a model with c_WW ≠ 0 runs them at every mass', async () => {
    for (const model of ['custom:0,0,1', 'codominance']) {
      const { limits, jobModes } = await charmRun(model);
      expect(
        jobModes.filter((mode) => mode === 'b-to-k'),
        model,
      ).toHaveLength(2);
      expect(
        jobModes.filter((mode) => mode === 'b-to-kstar'),
        model,
      ).toHaveLength(2);
      expect(limits.provenance.productionModes, model).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k', 'b-to-kstar']);
    }
  });

  it('a plane runs them only where c_WW is an axis or fixed ≠ 0', async () => {
    const { scenario, hash } = await loadScenario('charm');
    const run = async (x: 'c_GG' | 'c_BB' | 'c_WW', y: 'c_GG' | 'c_BB' | 'c_WW') => {
      const engine = functionEngine(() => 1e-3);
      const [plane] = await runPlane({
        scenarios: [{ scenario, hash }],
        massGeV: 0.1,
        x,
        y,
        xValuesPerGeV: [1e-5, 1e-3],
        yValuesPerGeV: [1e-5, 1e-3],
        samplesPerMass: 10,
        engine,
        production: toyProduction(),
      });
      return { jobModes: engine.jobs.map((job) => job.label.split(' ')[1]), plane };
    };
    expect((await run('c_GG', 'c_BB')).jobModes).not.toContain('b-to-k');
    const electroweak = await run('c_BB', 'c_WW');
    expect(electroweak.jobModes).toEqual(expect.arrayContaining(['b-to-k', 'b-to-kstar']));
    expect(electroweak.plane.warnings.some((w: string) => B_WARNING.test(w))).toBe(false);
  });

  it('events runs the open B modes for c_WW ≠ 0 only (4.6 GeV: above B → K* a, below B → K a)', async () => {
    const events = async (model: string, mass: string) => {
      const out = join(dir, `events-${model.replace(/[^a-z0-9]/g, '-')}-${mass}`);
      const run = await runCli([
        'events',
        '--scenario',
        'charm',
        '--model',
        model,
        '--mass',
        mass,
        '--coupling',
        '1e-3',
        '--samples',
        '500',
        '--engine',
        'reference',
        '--out',
        out,
      ]);
      expect(run.code, run.stderr).toBe(0);
      const file = readdirSync(out).find((name) => name.endsWith('.provenance.json'))!;
      return JSON.parse(readFileSync(join(out, file), 'utf8')).scenarios[0].productionModes;
    };
    expect(await events('custom:0,0,1', '4.6')).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k']);
    expect(await events('gluon', '0.1')).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']);
  }, 120_000);

  it('the page offers charm (B modes beside coupling modes), not the B-only NA62 dilepton scenarios', async () => {
    const bundled = await loadBundledScenarios();
    const names = bundled.scenarios.map((entry) => entry.scenario.name);
    expect(names).toEqual(expect.arrayContaining(['charm', 'na62-dump', 'ship', 'shadows']));
    expect(names).not.toContain('na62-dump-ee');
    expect(bundled.notOffered.join('\n')).toMatch(/na62-dump-ee/);
  });

  it('grid writes B table files; limits --tables scales them for c_WW, and warns naming the tables without them', async () => {
    const out = join(dir, 'grid');
    const grid = await runCli([
      'grid',
      '--scenario',
      'charm',
      '--masses',
      '0.1:0.2:2',
      '--widths',
      '1e-20:1e-12:9',
      '--samples',
      '300',
      '--engine',
      'reference',
      '--out',
      out,
      '--progress-interval',
      '1000',
    ]);
    expect(grid.code, grid.stderr).toBe(0);
    const files = readdirSync(out).filter((name) => name.endsWith('.table.json'));
    expect(files).toEqual(expect.arrayContaining(['charm_b-to-k_gammaGamma.table.json', 'charm_b-to-kstar_gammaGamma.table.json']));
    expect(files).toHaveLength(5);
    const limits = async (tables: string, model: string) => {
      const run = await runCli([
        'limits',
        '--scenario',
        'charm',
        '--model',
        model,
        '--tables',
        tables,
        '--couplings',
        '1e-6:1e-1:11',
        '--out',
        join(dir, `limits-${model.replace(/[^a-z0-9]/g, '-')}-${tables.length}`),
        '--json',
      ]);
      expect(run.code, run.stderr).toBe(0);
      return [JSON.parse(run.stdout)].flat()[0];
    };
    const withB = await limits(out, 'custom:0,0,1');
    expect(withB.provenance.productionModes).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k', 'b-to-kstar']);
    expect(withB.warnings.some((w: string) => B_WARNING.test(w))).toBe(false);
    const partial = join(dir, 'no-b');
    mkdirSync(partial);
    for (const name of files.filter((name) => !name.includes('_b-to-'))) copyFileSync(join(out, name), join(partial, name));
    const withoutB = await limits(partial, 'custom:0,0,1');
    expect(withoutB.provenance.productionModes).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']);
    expect(withoutB.warnings.filter((w: string) => B_WARNING.test(w))).toEqual([
      expect.stringContaining("the tables of scenario 'charm' have no b-to-k/b-to-kstar table"),
    ]);
    expect((await limits(partial, 'gluon')).warnings.some((w: string) => B_WARNING.test(w))).toBe(false);
  }, 180_000);
});
