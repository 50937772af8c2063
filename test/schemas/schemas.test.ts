/**
 * schemas/*.schema.json (issue 13): generated from the zod validators by `npm run schemas`
 * (scripts/schemas.ts) and committed; this test regenerates them in memory and fails when the
 * committed files differ, then validates real files against them with ajv: every shipped scenario
 * (each naming the schema in "$schema"), a table file written by `alpenglow import` and a limits.json
 * written by `alpenglow limits`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, describe, expect, it } from 'vitest';
import { generateSchemas } from '../../scripts/schemas.ts';
import { parseScenario, scenarioHash } from '../../src/scenarios/parse.ts';
import { runCli } from '../helpers/cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIOS = join(ROOT, 'scenarios');
const scratch = mkdtempSync(join(tmpdir(), 'alpenglow-schemas-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: false });
const validator = (name: string) => ajv.compile(readJson(join(ROOT, 'schemas', name)));

describe('schemas/', () => {
  it('holds exactly what npm run schemas generates (run it after changing a validator)', () => {
    const generated = generateSchemas();
    expect(readdirSync(join(ROOT, 'schemas')).sort()).toEqual(Object.keys(generated).sort());
    for (const [name, text] of Object.entries(generated))
      expect(readFileSync(join(ROOT, 'schemas', name), 'utf8'), `schemas/${name} is stale: npm run schemas`).toBe(text);
  });

  it('every shipped scenario names the scenario schema in "$schema" and validates against it', () => {
    const validate = validator('scenario.schema.json');
    const files = readdirSync(SCENARIOS).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const data = readJson(join(SCENARIOS, file));
      expect(data.$schema, `scenarios/${file}`).toBe('../schemas/scenario.schema.json');
      expect(validate(data), `scenarios/${file}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it('the scenario schema refuses what the parser refuses', () => {
    const validate = validator('scenario.schema.json');
    const koto = readJson(join(SCENARIOS, 'koto-step2.json'));
    expect(validate({ ...koto, mode: 'collider' })).toBe(false);
    expect(validate({ ...koto, unknownField: 1 })).toBe(false);
    const { name: _name, ...nameless } = koto;
    expect(validate(nameless)).toBe(false);
  });

  it('"$schema" is no part of the scenario: the parser drops it and the hash is unchanged', async () => {
    const { $schema: _schema, ...bare } = readJson(join(SCENARIOS, 'charm.json'));
    const withReference = parseScenario({ ...bare, $schema: '../schemas/scenario.schema.json' }, 'charm.json');
    expect(await scenarioHash(withReference)).toBe(await scenarioHash(parseScenario(bare, 'charm.json')));
    expect(() => parseScenario({ ...bare, $schema: 3 }, 'charm.json')).toThrow(/\$schema must be a string/);
  });

  it('a table file written by alpenglow import validates against the table-file schema', async () => {
    const input = join(scratch, 'tiny.dat');
    const lines: string[] = [];
    for (const m of [0.1, 0.2]) for (const width of [1e-20, 1e-18]) lines.push(`${m} ${width} ${m * 10}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = join(scratch, 'tiny.table.json');
    const result = await runCli(['import', input, '--scenario', 'charm', '--production', 'mixing', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const validate = validator('table-file.schema.json');
    const table = readJson(out);
    expect(validate(table), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ ...table, formatVersion: 1 })).toBe(false);
  });

  it('a limits.json written by alpenglow limits validates against the limits schema', async () => {
    const out = join(scratch, 'limits');
    const result = await runCli([
      'limits',
      '--scenario',
      'charm',
      '--model',
      'photon',
      '--masses',
      '0.1:0.2:2',
      '--samples',
      '1000',
      '--engine',
      'reference',
      '--out',
      out,
    ]);
    expect(result.code, result.stderr).toBe(0);
    const validate = validator('limits.schema.json');
    const limits = readJson(join(out, 'limits.json'));
    expect(validate(limits), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate([limits, limits])).toBe(true); // several scenarios: an array
    expect(validate({ ...limits, exclusion: [{ massGeV: 0.1, lowerCoupling: 'low', upperCoupling: null }] })).toBe(false);
  }, 200_000);
});
