/**
 * HEPData export (src/formats/hepdata.ts) against HEPData's own JSON schemas (version 1.1.1, frozen
 * in test/fixtures/hepdata-schemas/ with their source): the first document of submission.yaml
 * against additional_info_schema, every further one against submission_schema, each data file
 * against data_schema — as hepdata-validator does — plus the content: m_a against the coupling
 * with the qualifiers the issue lists, closed polygons.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { computeLimits, logSpace } from '../../src/limits/index.ts';
import { hepdataSubmission } from '../../src/formats/hepdata.ts';
import { provenanceFromLimits } from '../../src/formats/provenance.ts';
import { realisticSet, syntheticScenario } from '../limits/synthetic.ts';

const SCHEMAS = resolve(import.meta.dirname, '../fixtures/hepdata-schemas/1.1.1');
const BASE = 'https://hepdata.net/submission/schemas/1.1.1/';

function validators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  for (const name of ['additional_resources_schema.json', 'additional_info_schema.json', 'submission_schema.json', 'data_schema.json']) {
    ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, name), 'utf8')));
  }
  const get = (name: string) => ajv.getSchema(`${BASE}${name}`)!;
  return { info: get('additional_info_schema.json'), submission: get('submission_schema.json'), data: get('data_schema.json') };
}

const couplings = logSpace(1e-7, 1e-1, 61);
const photon = computeLimits({
  set: realisticSet(syntheticScenario({ name: 'KOTO, step 2 (test)' })),
  model: 'photon',
  couplingsPerGeV: couplings,
  contourMassCount: 40,
  refineSteps: 8,
});
const observed = computeLimits({
  set: realisticSet(syntheticScenario({ name: 'observed', regions: [{ backgroundEvents: 0.1, observedEvents: 0 }] })),
  model: 'photon',
  couplingsPerGeV: couplings,
  contourMassCount: 40,
  refineSteps: 8,
});
const provenance = provenanceFromLimits([photon, observed], {
  command: 'alpenglow limits --scenario a,b --model photon',
  createdAt: '2026-01-01T00:00:00.000Z',
});

describe('HEPData export', () => {
  const files = hepdataSubmission([photon, observed], { axis: 'gagg', provenance });
  const { info, submission, data } = validators();
  const documents = parseAllDocuments(files['submission.yaml']).map((doc) => doc.toJS());

  it('submission.yaml and every table file are valid against the HEPData schemas', () => {
    expect(documents.length).toBeGreaterThan(2);
    expect(info(documents[0]), JSON.stringify(info.errors)).toBe(true);
    for (const table of documents.slice(1)) {
      expect(submission(table), JSON.stringify(submission.errors)).toBe(true);
      expect(Object.keys(files)).toContain(table.data_file);
      const content = parse(files[table.data_file]);
      expect(data(content), JSON.stringify(data.errors)).toBe(true);
    }
    expect(Object.keys(files)).toHaveLength(documents.length); // submission.yaml + one file per table
  });

  it('one table per curve: m_a [GeV] against g_aγγ [GeV^-1], qualifiers, closed polygon', () => {
    const names = documents.slice(1).map((doc) => doc.name);
    expect(names).toContain('KOTO, step 2 (test) expected median');
    expect(names).toContain('observed observed MC +1 sigma');
    const table = parse(files[documents[1].data_file]);
    expect(table.independent_variables[0].header).toEqual({ name: 'm_a', units: 'GeV' });
    expect(table.dependent_variables[0].header).toEqual({ name: 'g_aγγ', units: 'GeV^-1' });
    const qualifiers = Object.fromEntries(table.dependent_variables[0].qualifiers.map((q: { name: string; value: unknown }) => [q.name, q.value]));
    expect(qualifiers).toMatchObject({
      CL: '90%',
      basis: 'expected median',
      scenario: 'KOTO, step 2 (test)',
      model: 'photon',
      POT: photon.pot,
      'scenario hash': photon.provenance.scenarioHash,
      version: `alpenglow ${photon.provenance.version}`,
    });
    const masses = table.independent_variables[0].values.map((v: { value: number }) => v.value);
    const values = table.dependent_variables[0].values.map((v: { value: number }) => v.value);
    expect(masses[0]).toBe(masses[masses.length - 1]);
    expect(values[0]).toBe(values[values.length - 1]);
    expect(documents[0].comment).toContain('command: alpenglow limits --scenario a,b --model photon');
  });

  it('the schema check can fail: a table without units header name, or a long name, is refused', () => {
    const table = parse(files[documents[1].data_file]);
    delete table.independent_variables[0].header.name;
    expect(data(table)).toBe(false);
    expect(submission({ ...documents[1], name: 'x'.repeat(65) })).toBe(false);
  });
});

describe('HEPData export: systematic curves and allowed islands', () => {
  const withSystematics = computeLimits({
    set: realisticSet(syntheticScenario({ name: 'syst' })),
    model: 'photon',
    couplingsPerGeV: couplings,
    contourMassCount: 40,
    refineSteps: 8,
    systematics: true,
  });
  // An allowed island: a small ring inside the nominal excluded region (a hole of its polygon).
  const [exterior] = withSystematics.contours.nominal.polygons[0];
  const inside = exterior.reduce(([m, g], [pm, pg]) => [m * pm ** (1 / exterior.length), g * pg ** (1 / exterior.length)], [1, 1]);
  const hole = [
    [inside[0] * 0.99, inside[1] * 0.99],
    [inside[0] * 1.01, inside[1] * 0.99],
    [inside[0] * 1.01, inside[1] * 1.01],
    [inside[0] * 0.99, inside[1] * 1.01],
    [inside[0] * 0.99, inside[1] * 0.99],
  ] as [number, number][];
  const withIsland = {
    ...withSystematics,
    contours: {
      ...withSystematics.contours,
      nominal: { ...withSystematics.contours.nominal, polygons: [[exterior, hole], ...withSystematics.contours.nominal.polygons.slice(1)] },
    },
  };
  const files = hepdataSubmission([withIsland], {
    axis: 'koto',
    provenance: provenanceFromLimits([withIsland], { command: 'x', createdAt: '2026-01-01T00:00:00.000Z' }),
  });
  const documents = parseAllDocuments(files['submission.yaml']).map((doc) => doc.toJS());
  const { submission, data } = validators();

  it('the production-systematics ±1σ contours are tables of their own', () => {
    expect(withSystematics.contours.systematicMinus1Sigma?.polygons.length).toBeGreaterThan(0);
    const names = documents.slice(1).map((doc) => doc.name);
    expect(names).toContain('syst expected median syst -1 sigma');
    expect(names).toContain('syst expected median syst +1 sigma');
    const table = parse(files[documents.find((doc) => doc.name === 'syst expected median syst +1 sigma').data_file]);
    const curve = table.dependent_variables[0].qualifiers.find((q: { name: string }) => q.name === 'curve').value;
    expect(curve).toMatch(/\+1 sigma systematic variation/);
  });

  it('an allowed island is a table named and qualified as allowed, valid against the schemas', () => {
    const islandDoc = documents.find((doc) => / allowed island 1$/.test(doc.name));
    expect(islandDoc?.description).toMatch(/allowed \(not excluded\) island/);
    const table = parse(files[islandDoc.data_file]);
    expect(submission(islandDoc), JSON.stringify(submission.errors)).toBe(true);
    expect(data(table), JSON.stringify(data.errors)).toBe(true);
    const area = table.dependent_variables[0].qualifiers.find((q: { name: string }) => q.name === 'area').value;
    expect(area).toMatch(/^allowed island/);
    expect(table.independent_variables[0].values).toHaveLength(5);
    // the exterior of the same curve is still its own table, marked excluded
    const exteriorDoc = documents.find((doc) => doc.name === 'syst expected median');
    const exteriorTable = parse(files[exteriorDoc.data_file]);
    expect(exteriorTable.dependent_variables[0].qualifiers.find((q: { name: string }) => q.name === 'area').value).toBe('excluded region');
  });
});
