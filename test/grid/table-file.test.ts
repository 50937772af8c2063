/**
 * Table-file format: SHA-256 against known digests, bit-exact round trip of awkward doubles,
 * and refusal (with the path) of truncated, corrupted, foreign-format and shard files.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { float64Sha256, sha256Hex } from '../../src/tables/sha256.ts';
import { makeTableFile, parseTableFile, serializeTableFile, tableFromFile, type TableFileHeader } from '../../src/tables/table-file.ts';
import { readTableFile, writeTableFile } from '../../src/node/table-files.ts';
import { formatDuration, ProgressBar } from '../../src/node/progress-bar.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-table-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Doubles whose decimal forms are easy to get wrong: subnormals, the largest double, 0.1 + 0.2, …
const AWKWARD = [0, 5e-324, 2.2250738585072014e-308, 1e-300, 0.1 + 0.2, 1 / 3, 2 ** 53 + 2, 1.7976931348623157e308, 123456789.12345679, 4.35e-7];
const AWKWARD_PROBABILITIES = [...AWKWARD.filter((value) => value <= 1), 1, 1 - 2 ** -53];

function header(overrides: Partial<TableFileHeader> = {}): Omit<TableFileHeader, 'valuesSha256'> {
  return {
    scenario: { name: 'test', hash: 'sha256:00' },
    productionMode: 'mixing',
    channel: 'gamma gamma',
    regionNames: ['a', 'b'],
    grid: { massesGeV: [0.1, 0.2, 0.3], widthsGeV: [1e-20, 1e-15], massSpec: '0.1:0.3:3', widthSpec: 'listed' },
    shard: null,
    massGridIndices: [0, 1, 2],
    samplesPerMass: 10,
    seed: 1,
    normalisation: { pot: 6e20, additionalAcceptance: 0.73, referenceCoupling: 'test' },
    provenance: { alpenglowVersion: '0.1.0', engine: 'reference', adapter: 'cpu', wallSeconds: 1.5, createdUtc: '2025-01-01T00:00:00Z', source: 'test' },
    ...overrides,
  };
}

function values(rows = 3) {
  const cells = rows * 2 * 2;
  return {
    yieldPerPotAtReference: Array.from({ length: rows }, (_, i) => AWKWARD[(i + 3) % AWKWARD.length]),
    // Efficiencies are probabilities (issue 16: > 1 is refused): the awkward values ≤ 1; the large ones go through the errors.
    efficiency: Array.from({ length: cells }, (_, i) => AWKWARD_PROBABILITIES[i % AWKWARD_PROBABILITIES.length]),
    efficiencyError: Array.from({ length: cells }, (_, i) => AWKWARD[(i * 7) % AWKWARD.length] / 3),
  };
}

describe('sha256', () => {
  it('matches the FIPS 180-4 examples and node:crypto on many lengths', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    for (const length of [1, 55, 56, 63, 64, 65, 119, 120, 1000, 4099]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 131 + length) & 0xff);
      expect(sha256Hex(bytes), `length ${length}`).toBe(createHash('sha256').update(bytes).digest('hex'));
    }
  });

  it('hashes float64 arrays as their little-endian bytes', () => {
    const a = [1.5, -2, 3e-300];
    const b = [AWKWARD[1]];
    const bytes = Buffer.alloc(8 * 4);
    [...a, ...b].forEach((value, i) => bytes.writeDoubleLE(value, 8 * i));
    expect(float64Sha256([a, b])).toBe(createHash('sha256').update(bytes).digest('hex'));
  });
});

describe('table file', () => {
  it('round-trips every value bit for bit through text and through a file', () => {
    const file = makeTableFile(header(), values());
    const parsed = parseTableFile(serializeTableFile(file), 'memory');
    for (const key of ['yieldPerPotAtReference', 'efficiency', 'efficiencyError'] as const) {
      const original = new Float64Array(file.values[key]);
      const read = new Float64Array(parsed.values[key]);
      expect(new Uint8Array(read.buffer)).toEqual(new Uint8Array(original.buffer));
    }
    expect(parsed.header).toEqual(file.header);
    const path = join(dir, 'roundtrip.table.json');
    writeTableFile(path, file);
    const fromDisk = readTableFile(path);
    expect(fromDisk.header.valuesSha256).toBe(file.header.valuesSha256);
    expect(tableFromFile(fromDisk).efficiency).toEqual(file.values.efficiency);
    expect(tableFromFile(fromDisk).massesGeV).toEqual([0.1, 0.2, 0.3]);
  });

  it('refuses a truncated file, naming its path', () => {
    const path = join(dir, 'truncated.table.json');
    writeTableFile(path, makeTableFile(header(), values()));
    const size = readFileSync(path).length;
    for (const keep of [0, 100, Math.floor(size / 2), size - 5]) {
      truncateSync(path, keep);
      expect(() => readTableFile(path), `truncated to ${keep} bytes`).toThrow(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*truncated or corrupt`),
      );
      writeTableFile(path, makeTableFile(header(), values()));
    }
  });

  it('refuses changed digits (checksum), wrong formats, newer versions and shards', () => {
    const text = serializeTableFile(makeTableFile(header(), values()));
    const edited = text.replace('"efficiency": [0,', '"efficiency": [1e-9,');
    expect(edited).not.toBe(text);
    expect(() => parseTableFile(edited, 'edited.table.json')).toThrow(/edited\.table\.json: values checksum mismatch/);
    const shortened = text.replace('"efficiency": [0,', '"efficiency": [');
    expect(() => parseTableFile(shortened, 'short.table.json')).toThrow(/short\.table\.json: values\.efficiency has 11 entries, the header implies 12/);
    expect(() => parseTableFile(text.replace('"formatVersion": 2', '"formatVersion": 3'), 'v3.json')).toThrow(
      /v3\.json: has table format version 3.*newer alpenglow/,
    );
    // Issue 16: version 1 checksums did not cover POT and A_add; such files are refused, saying why.
    expect(() => parseTableFile(text.replace('"formatVersion": 2', '"formatVersion": 1'), 'v1.json')).toThrow(
      'v1.json: has table format version 1; this alpenglow reads version 2 (version 1 checksums do not cover the POT and A_add that export multiplies by: regenerate it with alpenglow grid, or import the ALPINIST text again)',
    );
    expect(() => parseTableFile('{"format":"other"}', 'other.json')).toThrow(/other\.json: is not an alpenglow table file/);
    expect(() => parseTableFile(new Uint8Array([0xff, 0xfe, 0x00]), 'binary.bin')).toThrow(/binary\.bin: is not UTF-8/);
    const badSeed = text.replace('"seed": 1', '"seed": -1');
    expect(() => parseTableFile(badSeed, 'seed.json')).toThrow(/seed\.json: header\.seed must be ≥ 0 \(got -1\)/);

    const shard = makeTableFile(header({ shard: { index: 2, count: 2 }, massGridIndices: [1] }), values(1));
    const shardText = serializeTableFile(shard);
    expect(() => parseTableFile(shardText, 's.json')).toThrow(/s\.json: is shard 2\/2 .*alpenglow merge/);
    expect(parseTableFile(shardText, 's.json', { allowShard: true }).header.shard).toEqual({ index: 2, count: 2 });
    expect(() => makeTableFile(header({ shard: { index: 1, count: 2 }, massGridIndices: [1] }), values(1))).toThrow(/not the masses of that shard/);
  });
});

describe('progress bar', () => {
  it('formats durations and prints plain periodic lines with rate and ETA off a terminal', () => {
    expect(formatDuration(3725)).toBe('1h02m05s');
    expect(formatDuration(65)).toBe('1m05s');
    expect(formatDuration(NaN)).toBe('?');
    let clock = 0;
    const lines: string[] = [];
    const bar = new ProgressBar({
      stream: { write: (text: string) => lines.push(text) },
      totalUnits: 1000,
      unitName: 'trials',
      intervalSeconds: 10,
      now: () => clock,
      tty: false,
    });
    clock = 5;
    bar.update(100, 'm=0.1');
    clock = 8;
    bar.update(200, 'm=0.2'); // within 10 s of the last line: silent
    clock = 20;
    bar.update(400, 'm=0.3');
    expect(lines).toHaveLength(2);
    // 400 trials in 20 s = 20/s; 600 left → 30 s
    expect(lines[1]).toBe('progress: 40.0%  2.00e+1 trials/s  elapsed 20s  ETA 30s  m=0.3\n');
    const ttyOut: string[] = [];
    const tty = new ProgressBar({
      stream: { write: (text: string) => ttyOut.push(text), columns: 200 },
      totalUnits: 10,
      unitName: 'trials',
      now: () => clock,
      tty: true,
    });
    clock = 21;
    tty.update(5);
    expect(ttyOut[0]).toMatch(/^\r\x1b\[2K\[#{12}\.{12}\] 50\.0%/);
  });
});
