/**
 * Issue 16: a table file is used only if its numbers are plausible (efficiencies are
 * probabilities, yields finite) and untouched: every hashed array is covered by valuesSha256
 * (tampering with any one number is refused). An ALPINIST import with more events than protons on
 * target is refused; a file without a header says so.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { makeTableFile, parseTableFile, serializeTableFile, valuesSha256, type TableFile } from '../../src/tables/table-file.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-plausible-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function table(efficiency = [0.01, 0.02, 0.03, 0.04]): TableFile {
  return makeTableFile(
    {
      scenario: { name: 'koto-step2', hash: 'sha256:test' },
      productionMode: 'mixing',
      channel: 'gamma gamma',
      regionNames: ['r'],
      grid: { massesGeV: [0.1, 0.2], widthsGeV: [1e-20, 1e-18], massSpec: 'listed', widthSpec: 'listed' },
      shard: null,
      massGridIndices: [0, 1],
      samplesPerMass: 10,
      seed: 1,
      normalisation: { pot: 1e20, additionalAcceptance: 1, referenceCoupling: 'c_GG/f_a = 1 TeV^-1' },
      provenance: { alpenglowVersion: '0.1.0', engine: 'reference', adapter: 'cpu', wallSeconds: 0, createdUtc: '2025-01-01T00:00:00Z', source: 'test' },
    },
    { yieldPerPotAtReference: [1e-9, 2e-9], efficiency, efficiencyError: [0.001, 0.002, 0.003, 0.004] },
  );
}

describe('table plausibility', () => {
  it('an efficiency above 1 is refused, naming the file and the entry', async () => {
    const file = join(dir, 'eff.table.json');
    // An edited (or foreign-made) file with a consistent checksum: the checksum alone cannot catch it.
    const edited = table();
    edited.values.efficiency[1] = 1.5;
    edited.header.valuesSha256 = valuesSha256(edited.header, edited.values);
    writeFileSync(file, serializeTableFile(edited));
    expect(await runCli(['export', '--format', 'alpinist', file])).toEqual({
      code: 2,
      stdout: '',
      stderr: `alpenglow export: ${file}: values.efficiency[1] must be ≤ 1 (got 1.5): an efficiency is a probability\n`,
    });
  });

  it('a file without a header says so (was: "header.is required")', async () => {
    const file = join(dir, 'no-header.table.json');
    const data = JSON.parse(serializeTableFile(table())) as Record<string, unknown>;
    delete data.header;
    writeFileSync(file, JSON.stringify(data));
    expect((await runCli(['export', '--format', 'alpinist', file])).stderr).toBe(
      `alpenglow export: ${file}: has no header section: not a complete alpenglow table file\n`,
    );
  });

  it('an ALPINIST import with N = 1e308 (more events than protons on target) is refused', async () => {
    const input = join(dir, 'huge.dat');
    writeFileSync(input, '0.1 1e-20 5\n0.1 1e-18 1e308\n');
    const run = await runCli(['import', input, '--scenario', 'koto-step2', '--production', 'mixing', '--out', join(dir, 'huge.table.json')]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `alpenglow import: ${input}: N = 1e+308 at m = 0.1 GeV, Gamma = 1e-18 GeV is more than POT × A_add = 438000000000000000000 of scenario koto-step2 (an efficiency above 1)\n`,
    });
  });
});

describe('valuesSha256 covers every hashed array', () => {
  const base = table();
  const tamper: Array<[string, (file: TableFile) => void]> = [
    [
      'values.yieldPerPotAtReference',
      (file) => {
        file.values.yieldPerPotAtReference[1] *= 1.0001;
      },
    ],
    [
      'values.efficiency',
      (file) => {
        file.values.efficiency[2] *= 1.0001;
      },
    ],
    [
      'values.efficiencyError',
      (file) => {
        file.values.efficiencyError[3] *= 1.0001;
      },
    ],
    [
      'header.grid.massesGeV',
      (file) => {
        file.header.grid.massesGeV[1] = 0.2001;
      },
    ],
    [
      'header.grid.widthsGeV',
      (file) => {
        file.header.grid.widthsGeV[1] = 1.0001e-18;
      },
    ],
    [
      'header.normalisation.pot (export multiplies by it)',
      (file) => {
        file.header.normalisation.pot *= 1.67e9;
      },
    ],
    [
      'header.normalisation.additionalAcceptance',
      (file) => {
        file.header.normalisation.additionalAcceptance = 0.5;
      },
    ],
  ];
  for (const [name, change] of tamper) {
    it(`an edited number in ${name} is refused`, () => {
      const copy = structuredClone(base);
      change(copy);
      expect(() => parseTableFile(serializeTableFile(copy), 't.json')).toThrow(
        /^t\.json: values checksum mismatch \(header says sha256 [0-9a-f]{16}…, the values give [0-9a-f]{16}…\): the file is corrupt or was edited\. Regenerate it\.$/,
      );
    });
  }
});
