/**
 * The page's URL state and its command line (src/web/page-query.ts): a state written to a query and
 * read back is the same state; bad parameters are refused naming the parameter and the value; the
 * CLI command uses `alpenglow limits` flags with the numbers the page uses, and its flags parse with
 * the CLI's own parsers to the page's masses and coupling axis.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { couplingAxis } from '../../src/app/run-limits.ts';
import { parseValues } from '../../src/cli/commands/limits.ts';
import { rangeValues, parseRangeSpec } from '../../src/tables/grid-spec.ts';
import { cliCommand, couplingsFlag, formatPageQuery, parsePageQuery, type PageQuery } from '../../src/web/page-query.ts';

const NAMES = ['koto-step2', 'charm', 'nucal', 'koto-step1-2015'];

const BASE: PageQuery = {
  scenarios: ['koto-step2'],
  model: 'gluon',
  masses: { lo: 0.02, hi: 0.5, count: 16 },
  couplings: [1e-8, 1e-2],
  samples: 16384,
  seed: 1,
  maxAddedMasses: 12,
  widths: 'auto',
  pot: [undefined],
  background: [1],
  marker: 3.98e-5,
  view: 'mass',
  figure: 'paper',
  bands: true,
  heat: 0,
};

describe('page URL state', () => {
  it('round trip: a state written to the query reads back the same (property over scenarios, exposures, models, grids)', () => {
    const positive = fc.double({ min: 1e-3, max: 1e3, noNaN: true }).map((value) => Number(value.toPrecision(3)));
    fc.assert(
      fc.property(
        fc.subarray(NAMES, { minLength: 1 }),
        fc.constantFrom('gluon', 'photon', 'codominance', 'custom:1,0.5,0,0.25'),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 1 << 20 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 0, max: 40 }),
        fc.array(fc.option(positive, { nil: undefined }), { minLength: 4, maxLength: 4 }),
        fc.array(positive, { minLength: 4, maxLength: 4 }),
        fc.constantFrom<'auto' | string>('auto', '1e-22:1e-14:17'),
        fc.constantFrom<PageQuery['view']>('mass', 'plane', 'histogram'),
        fc.constantFrom<PageQuery['figure']>('paper', 'explore'),
        (scenarios, model, count, samples, seed, added, pots, backgrounds, widths, view, figure) => {
          const state: PageQuery = {
            ...BASE,
            scenarios,
            model,
            masses: { lo: 0.02, hi: 0.5, count },
            samples,
            seed,
            maxAddedMasses: added,
            widths,
            view,
            figure,
            pot: pots.slice(0, scenarios.length).map((pot) => (pot === undefined ? undefined : pot * 1e18)),
            background: backgrounds.slice(0, scenarios.length),
          };
          const parsed = parsePageQuery(`?${formatPageQuery(state)}`, NAMES);
          expect(parsed.errors).toEqual([]);
          expect({ ...BASE, ...parsed.values, bands: parsed.values.bands ?? true, heat: parsed.values.heat ?? 0 }).toEqual({
            ...state,
            pot: state.pot.every((pot) => pot === undefined) ? BASE.pot : state.pot,
            background: state.background.every((value) => value === 1) ? BASE.background : state.background,
            view: state.view,
            figure: state.figure,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes the CLI flag names and readable values', () => {
    const query = formatPageQuery({
      ...BASE,
      scenarios: ['charm', 'nucal'],
      model: 'custom:1,0.5,0,0',
      pot: [2.4e18, 2.4e18],
      background: [1, 0.5],
      widths: '1e-22:1e-14:17',
      maxAddedMasses: 0,
    });
    expect(query).toBe(
      'scenario=charm,nucal&model=custom:1,0.5,0,0&masses=0.02:0.5:16&couplings=1e-8:0.01:241&samples=16384&seed=1&pot=2.4e18&background=,0.5&max-added-masses=0&widths=1e-22:1e-14:17&marker=3.98e-5',
    );
  });

  it('refuses bad parameters naming the parameter and the value, and keeps the good ones', () => {
    const parsed = parsePageQuery(
      '?scenario=koto-step2,atlantis&samples=many&seed=-3&masses=0.5:0.02:4&pot=1e20,2e20,3e20&model=axion&figure=poster&zoom=2&couplings=1e-6:1e-2',
      NAMES,
    );
    expect(parsed.values).toEqual({ couplings: [1e-6, 1e-2] });
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        expect.stringContaining('URL parameter scenario names scenarios the page does not offer: atlantis'),
        "URL parameter samples must be an integer in [1, 9007199254740991] (got 'many')",
        "URL parameter seed must be an integer in [0, 4294967295] (got '-3')",
        "URL parameter masses must be lo:hi:n in GeV with 0 < lo < hi and n ≥ 1 (got '0.5:0.02:4')",
        "URL parameter model must be gluon, photon, codominance or custom:c_GG,c_BB,c_WW[,c_ll] (got 'axion')",
        "URL parameter figure must be paper or explore (got 'poster')",
        expect.stringContaining('URL parameter zoom is not one the page knows'),
      ]),
    );
    expect(parsed.errors.some((error) => error.startsWith('URL parameter pot must be one number or one per scenario'))).toBe(true);
  });
});

describe('equivalent CLI command', () => {
  it("one alpenglow limits command with the page run's flags; the CLI parses them to the page's masses and coupling axis", () => {
    const command = cliCommand(
      { ...BASE, scenarios: ['koto-step2', 'charm'], pot: [3e21, 3e21], widths: '1e-22:1e-14:17', maxAddedMasses: 0 },
      { engineKind: 'reference', fileScenarios: [] },
    );
    expect(command).toBe(
      'alpenglow limits --scenario koto-step2,charm --model gluon --couplings 1e-8:0.01:241 --masses 0.02:0.5:16 --samples 16384 --seed 1 --max-added-masses 0 --widths 1e-22:1e-14:17 --engine reference --pot 3e21 --out out/limits',
    );
    const flag = (name: string) => command.split(' ')[command.split(' ').indexOf(`--${name}`) + 1];
    expect(parseValues('couplings', flag('couplings'), 'GeV^-1')).toEqual(couplingAxis(1e-8, 1e-2));
    expect(parseValues('masses', flag('masses'), 'GeV')).toEqual(rangeValues(parseRangeSpec('masses', '0.02:0.5:16', 'GeV')));
    expect(couplingsFlag([1e-7, 1e-1])).toBe('1e-7:0.1:241');
  });

  it('one command per scenario when exposures differ; loaded tables and background scales are said', () => {
    const command = cliCommand(
      { ...BASE, scenarios: ['koto-step2', 'charm'], pot: [undefined, 1e19], background: [1, 0.5] },
      { engineKind: 'webgpu', fileScenarios: ['nucal'] },
    );
    const lines = command.split('\n');
    expect(lines[0]).toBe(
      'alpenglow limits --scenario koto-step2 --model gluon --couplings 1e-8:0.01:241 --masses 0.02:0.5:16 --samples 16384 --seed 1 --out out/limits-koto-step2',
    );
    expect(lines[1]).toBe(
      'alpenglow limits --scenario charm --model gluon --couplings 1e-8:0.01:241 --masses 0.02:0.5:16 --samples 16384 --seed 1 --pot 1e19 --out out/limits-charm',
    );
    expect(lines[2]).toMatch(/^alpenglow limits --scenario nucal --model gluon --couplings 1e-8:0\.01:241 --tables DIR /);
    expect(lines[3]).toMatch(/^# charm: background × 0\.5 has no flag/);
  });
});
