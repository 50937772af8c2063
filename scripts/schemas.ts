/**
 * `npm run schemas`: writes the JSON Schemas (draft 2020-12) of alpenglow's file formats into
 * schemas/, generated with zod 4's z.toJSONSchema from the validators the code itself uses:
 *
 *   schemas/scenario.schema.json    scenario files (src/scenarios/schema.ts; "$schema" allowed)
 *   schemas/table-file.schema.json  table files *.table.json (src/tables/table-file.ts)
 *   schemas/limits.schema.json      limits.json (src/limits/limits-json-schema.ts)
 *
 * test/schemas/schemas.test.ts regenerates them in memory and fails when the committed files differ.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { limitsJsonSchema } from '../src/limits/limits-json-schema.ts';
import { scenarioSchema } from '../src/scenarios/schema.ts';
import { TABLE_FILE_FORMAT, TABLE_FILE_VERSION, tableFileHeaderSchema } from '../src/tables/table-file.ts';

const nonNegativeList = z.array(z.number().min(0));

/** The whole table file; the header is the validator readTableFile uses, the values as checkStructure requires them. */
const tableFileSchema = z
  .strictObject({
    format: z.literal(TABLE_FILE_FORMAT),
    formatVersion: z.literal(TABLE_FILE_VERSION),
    header: tableFileHeaderSchema,
    values: z.strictObject({
      yieldPerPotAtReference: nonNegativeList.describe('one per row mass: ALPs per POT at the reference coupling'),
      efficiency: z.array(z.number().min(0).max(1)).describe('row mass × width × region, row-major'),
      efficiencyError: nonNegativeList.describe('MC standard error of each efficiency'),
    }),
  })
  .describe('alpenglow table file (*.table.json): written by alpenglow grid, merge and import (docs/tables.md)');

/** A scenario file: the scenario, plus an optional "$schema" naming this schema (the parser drops it). */
const scenarioFileSchema = scenarioSchema
  .extend({
    $schema: z.string().optional().describe('path or URL of this JSON Schema (for editors); not part of the scenario'),
  })
  .describe('alpenglow scenario file (scenarios/*.json; docs/scenarios.md)');

const SCHEMAS: Record<string, { id: string; schema: z.ZodType; io: 'input' | 'output' }> = {
  'scenario.schema.json': { id: 'scenario', schema: scenarioFileSchema, io: 'input' },
  'table-file.schema.json': { id: 'table-file', schema: tableFileSchema, io: 'output' },
  'limits.schema.json': { id: 'limits', schema: limitsJsonSchema, io: 'output' },
};

/** File name → the schema's text, as schemas/ holds it. */
export function generateSchemas(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, { schema, io }] of Object.entries(SCHEMAS)) {
    const json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'ref' });
    files[name] = `${JSON.stringify({ ...json, title: `alpenglow ${name.replace('.schema.json', '')}` }, null, 2)}\n`;
  }
  return files;
}

export const SCHEMA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../schemas');

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const [name, text] of Object.entries(generateSchemas())) {
    writeFileSync(join(SCHEMA_DIR, name), text);
    process.stdout.write(`${join('schemas', name)}\n`);
  }
}
