/**
 * ALPINIST interoperability: export writes N = POT × A_add × yield × efficiency per (m, Γ) in
 * ALPINIST's three-column layout; import reads it back; the round trip keeps m and Γ exactly
 * and N to within rounding (≤ 2 ulp: N → N/(POT·A_add) → ×POT·A_add); malformed files are
 * refused with file and line.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { alpinistEvents, formatAlpinist, importAlpinist, parseAlpinist } from '../../src/tables/alpinist.ts';
import { makeTableFile, type TableFile } from '../../src/tables/table-file.ts';
import { readTableFile, writeTableFile } from '../../src/node/table-files.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-alpinist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const POT = 6e20;
const A_ADD = 0.73;
const masses = [0.01, 0.0316, 0.1, 0.316];
const widths = [1e-25, 1e-20, 1e-15, 1e-10];

/** A two-region table with values spread over many orders of magnitude (and exact zeros). */
function syntheticTable(): TableFile {
  const yields = [2e-12, 3.3e-11, 0, 7.77e-10];
  const efficiency: number[] = [];
  for (let m = 0; m < masses.length; m++)
    for (let w = 0; w < widths.length; w++)
      for (let r = 0; r < 2; r++) efficiency.push(((m + 1) * (w + 2) * (r + 1)) ** 3 * 1.234567891e-9 * (w === 0 ? 0 : 1));
  return makeTableFile(
    {
      scenario: { name: 'koto-step2', hash: 'sha256:test' },
      productionMode: 'mixing',
      channel: 'gamma gamma',
      regionNames: ['low', 'high'],
      grid: { massesGeV: masses, widthsGeV: widths, massSpec: 'listed', widthSpec: 'listed' },
      shard: null,
      massGridIndices: [0, 1, 2, 3],
      samplesPerMass: 1000,
      seed: 1,
      normalisation: { pot: POT, additionalAcceptance: A_ADD, referenceCoupling: 'c_GG/f_a = 1 TeV^-1' },
      provenance: { alpenglowVersion: '0.1.0', engine: 'reference', adapter: 'cpu', wallSeconds: 0, createdUtc: '2025-01-01T00:00:00Z', source: 'test' },
    },
    { yieldPerPotAtReference: yields, efficiency, efficiencyError: efficiency.map((e) => e / 10) },
  );
}

const ulpClose = (a: number, b: number, ulps: number) => Math.abs(a - b) <= ulps * Number.EPSILON * Math.max(Math.abs(a), Math.abs(b));

describe('ALPINIST export', () => {
  it('writes N = POT × A_add × yield × efficiency, masses slowest, per region or summed', () => {
    const table = syntheticTable();
    const text = formatAlpinist(table, 'all');
    const dataLines = text.split('\n').filter((line) => line && !line.startsWith('#'));
    expect(dataLines).toHaveLength(masses.length * widths.length);
    const [m, w, n] = dataLines[1 * widths.length + 2].split('\t').map(Number);
    expect(m).toBe(masses[1]);
    expect(w).toBe(widths[2]);
    const cell = (r: number) => table.values.efficiency[(1 * widths.length + 2) * 2 + r];
    const expected = POT * A_ADD * table.values.yieldPerPotAtReference[1] * (cell(0) + cell(1));
    expect(Math.abs(n - expected) / expected).toBeLessThan(1e-15);
    const high = alpinistEvents(table, 'high').events[1 * widths.length + 2];
    expect(Math.abs(high - POT * A_ADD * table.values.yieldPerPotAtReference[1] * cell(1)) / high).toBeLessThan(1e-15);
    expect(() => formatAlpinist(table, 'nope')).toThrow(/--region must be one of 'low', 'high' or 'all' \(got 'nope'\)/);
    expect(text.split('\n')[0]).toMatch(/^# alpenglow .* m \[GeV\], Gamma \[GeV\], N/);
  });
});

describe('ALPINIST export/import round trip', () => {
  it('export → import → export keeps m, Γ exactly and N to ≤ 2 ulp', () => {
    const original = syntheticTable();
    const first = parseAlpinist(formatAlpinist(original, 'all'), 'first.dat');
    expect(first.massesGeV).toEqual(masses);
    expect(first.widthsGeV).toEqual(widths);
    const imported = importAlpinist(first, {
      scenario: original.header.scenario,
      productionMode: 'mixing',
      channel: 'gamma gamma',
      regionName: 'all',
      pot: POT,
      additionalAcceptance: A_ADD,
      referenceCoupling: 'x',
      alpenglowVersion: '0.1.0',
      source: 'test',
      createdUtc: '2025-01-01T00:00:00Z',
    });
    const second = parseAlpinist(formatAlpinist(imported, 'all'), 'second.dat');
    expect(second.massesGeV).toEqual(first.massesGeV);
    expect(second.widthsGeV).toEqual(first.widthsGeV);
    first.events.forEach((n, i) => expect(ulpClose(second.events[i], n, 2), `cell ${i}: ${second.events[i]} vs ${n}`).toBe(true));
    expect(first.events.filter((n) => n === 0).length).toBeGreaterThan(0);
    expect(second.events.filter((n) => n === 0).length).toBe(first.events.filter((n) => n === 0).length);
  });

  it('round-trips through the CLI (export --out, import --scenario --production, export)', async () => {
    const tablePath = join(dir, 'koto.table.json');
    writeTableFile(tablePath, syntheticTable());
    const exported = join(dir, 'koto.dat');
    const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['export', '--format', 'alpinist', tablePath, '--region', 'low', '--out', exported])).toBe(0);
      const importedPath = join(dir, 'imported.table.json');
      expect(await main(['import', exported, '--scenario', 'koto-step2', '--production', 'mixing', '--out', importedPath])).toBe(0);
      const imported = readTableFile(importedPath);
      expect(imported.header.provenance.engine).toBe('imported');
      expect(imported.header.regionNames).toEqual(['pT > 0.4 GeV']);
      expect(imported.header.normalisation.pot).toBe(6e20); // from scenarios/koto-step2.json
      const again = join(dir, 'again.dat');
      expect(await main(['export', '--format', 'alpinist', importedPath, '--out', again])).toBe(0);
      const a = parseAlpinist(readFileSync(exported, 'utf8'), exported);
      const b = parseAlpinist(readFileSync(again, 'utf8'), again);
      expect(b.massesGeV).toEqual(a.massesGeV);
      expect(b.widthsGeV).toEqual(a.widthsGeV);
      a.events.forEach((n, i) => expect(ulpClose(b.events[i], n, 2)).toBe(true));
      expect(await main(['export', '--format', 'csv', tablePath])).toBe(2);
    } finally {
      outSpy.mockRestore();
      errSpy.mockRestore();
    }
  });

  it('reads ALPINIST-style text (tabs, 6 digits) and refuses malformed files with file:line', () => {
    const lines: string[] = [];
    for (const m of [0.0001, 0.000104713]) for (const w of [1e-25, 1.41254e-25, 1.99526e-25]) lines.push(`${m}\t${w}\t${m === 0.0001 ? 0 : 3.51234e-7}`);
    const table = parseAlpinist(lines.join('\n'), 'koto.dat');
    expect(table.massesGeV).toEqual([0.0001, 0.000104713]);
    expect(table.widthsGeV).toEqual([1e-25, 1.41254e-25, 1.99526e-25]);
    expect(table.events[5]).toBe(3.51234e-7);
    expect(() => parseAlpinist(lines.slice(0, 5).join('\n'), 'short.dat')).toThrow(/short\.dat: 5 data lines are not a whole number of masses × 3 widths/);
    const swapped = [...lines];
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expect(() => parseAlpinist(swapped.join('\n'), 'swap.dat')).toThrow(/swap\.dat:4: expected m = 0\.000104713, Gamma = 1e-25/);
    expect(() => parseAlpinist('0.1 1e-20', 'two.dat')).toThrow(/two\.dat:1: expected 3 columns/);
    expect(() => parseAlpinist('# only\n0.1 1e-20 -1', 'neg.dat')).toThrow(/neg\.dat:2: N must be ≥ 0/);
    expect(() => parseAlpinist('0.1 1e-20 abc', 'nan.dat')).toThrow(/nan\.dat:1: N must be a finite number \(got 'abc'\)/);
  });
});

describe('import CLI input checks', () => {
  it('needs a valid production mode and a readable file', async () => {
    const file = join(dir, 'tiny.dat');
    writeFileSync(file, '0.1\t1e-20\t1\n');
    const errors: string[] = [];
    const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (errors.push(String(chunk)), true));
    try {
      expect(await main(['import', file, '--scenario', 'koto-step2', '--production', 'axion-magic'])).toBe(2);
      expect(errors.join('')).toMatch(/--production must be one of primakoff-meson-photons, .* \(got 'axion-magic'\)/);
      expect(await main(['import', join(dir, 'missing.dat'), '--scenario', 'koto-step2', '--production', 'mixing'])).toBe(2);
      expect(errors.join('')).toMatch(/missing\.dat: cannot be read/);
    } finally {
      errSpy.mockRestore();
    }
  });
});
