/**
 * The table file: one (scenario, production mode, channel) MassWidthTable on disk, as written by
 * `alpenglow grid`, `merge` and `import` and read by `limits`, `export` and the web app.
 * Browser-safe: `parseTableFile` takes text or bytes; reading from disk is table-file-node.ts.
 *
 * Layout (docs/tables.md): one JSON document
 *   { "format": "alpenglow-table-file", "formatVersion": 1,
 *     "header": { scenario, productionMode, channel, regionNames, grid, shard, massGridIndices,
 *                 samplesPerMass, seed, normalisation, provenance, valuesSha256 },
 *     "values": { yieldPerPotAtReference, efficiency, efficiencyError } }
 * Values are JSON numbers: JavaScript writes the shortest decimal that reads back to the same
 * float64 and JSON.parse reads it back exactly (so does Python's json), so values round-trip bit for bit.
 * `valuesSha256` is the SHA-256 of the little-endian float64 bytes of
 *   row masses ‖ widths ‖ yieldPerPotAtReference ‖ efficiency ‖ efficiencyError ‖ [pot, additionalAcceptance] (version 2),
 * so truncation, corruption and hand edits are detected, and two tables with equal numbers
 * (a resumed run and an uninterrupted one, merged shards and a single run) have equal hashes.
 */
import { z } from 'zod';
import type { MassWidthTable } from './mass-width-table.ts';
import { TABLE_FORMAT, TABLE_FORMAT_VERSION } from './mass-width-table.ts';
import { TABLE_PRODUCTION_MODES, type TableProductionMode } from '../physics/production.ts';
import { formatIssues } from '../scenarios/errors.ts';
import { float64Sha256 } from './sha256.ts';

export const TABLE_FILE_FORMAT = 'alpenglow-table-file';
/** 2: valuesSha256 also covers normalisation.pot and normalisation.additionalAcceptance (export multiplies by them; issue 16). */
export const TABLE_FILE_VERSION = 2;
/** File-name ending of table files (complete and shard files alike). */
export const TABLE_FILE_SUFFIX = '.table.json';

export class InvalidTableFile extends Error {
  override name = 'InvalidTableFile';
  readonly userFacing = true;
  constructor(
    readonly file: string,
    problem: string,
  ) {
    // One line, short: JSON.parse quotes the bad text (newlines and all); a corrupt file can be huge.
    const line = problem.replace(/\s*[\r\n]+\s*/g, ' ');
    super(`${file}: ${line.length > 1000 ? `${line.slice(0, 999)}…` : line}`);
  }
}

export interface ShardPosition {
  /** 1-based shard number, 1 ≤ index ≤ count. */
  index: number;
  count: number;
}

export interface TableFileHeader {
  scenario: { name: string; hash: string };
  productionMode: TableProductionMode | 'imported';
  channel: string;
  regionNames: string[];
  /** The full grid of the run (a shard file holds only some of its masses). */
  grid: { massesGeV: number[]; widthsGeV: number[]; massSpec: string; widthSpec: string };
  /** null for a complete table; which shard of a split run otherwise. */
  shard: ShardPosition | null;
  /** Index into grid.massesGeV of each row of values (0 … n−1 for a complete table). */
  massGridIndices: number[];
  samplesPerMass: number;
  seed: number;
  /** What ALPINIST-style event counts are made of (export --format alpinist): N = pot × additionalAcceptance × yield × efficiency. */
  normalisation: { pot: number; additionalAcceptance: number; referenceCoupling: string };
  provenance: {
    alpenglowVersion: string;
    engine: 'webgpu' | 'reference' | 'imported';
    /** Adapter name; several, joined by ' | ', when shards or resumed sessions ran on different ones. */
    adapter: string;
    /** Engine + production-table time summed over all masses (over all sessions and shards), s. */
    wallSeconds: number;
    createdUtc: string;
    /** Free text: the command or source file it came from. */
    source: string;
  };
  valuesSha256: string;
}

export interface TableFileValues {
  /** Per row. */
  yieldPerPotAtReference: number[];
  /** Index (row · nWidths + width) · nRegions + region. */
  efficiency: number[];
  efficiencyError: number[];
}

export interface TableFile {
  format: typeof TABLE_FILE_FORMAT;
  formatVersion: typeof TABLE_FILE_VERSION;
  header: TableFileHeader;
  values: TableFileValues;
}

const finitePositive = z.number().finite().positive();
export const tableFileHeaderSchema = z.strictObject({
  scenario: z.strictObject({ name: z.string().min(1), hash: z.string().min(1) }),
  productionMode: z.enum(['imported', ...TABLE_PRODUCTION_MODES] as [string, ...string[]]),
  channel: z.string().min(1),
  regionNames: z.array(z.string().min(1)).min(1),
  grid: z.strictObject({
    massesGeV: z.array(finitePositive).min(1),
    widthsGeV: z.array(finitePositive).min(1),
    massSpec: z.string(),
    widthSpec: z.string(),
  }),
  shard: z.strictObject({ index: z.number().int().min(1), count: z.number().int().min(1) }).nullable(),
  massGridIndices: z.array(z.number().int().min(0)),
  samplesPerMass: z.number().int().min(0),
  seed: z.number().int().min(0),
  normalisation: z.strictObject({ pot: finitePositive, additionalAcceptance: z.number().finite().gt(0).max(1), referenceCoupling: z.string() }),
  provenance: z.strictObject({
    alpenglowVersion: z.string().min(1),
    engine: z.enum(['webgpu', 'reference', 'imported']),
    adapter: z.string(),
    wallSeconds: z.number().finite().min(0),
    createdUtc: z.string(),
    source: z.string(),
  }),
  valuesSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits'),
});

/** The masses of the rows of a file (grid masses at massGridIndices). */
export function rowMassesGeV(header: Pick<TableFileHeader, 'grid' | 'massGridIndices'>): number[] {
  return header.massGridIndices.map((index) => header.grid.massesGeV[index]);
}

/** The checksum of the values (see file header); equal numbers ⇔ equal hash. */
export function valuesSha256(header: Pick<TableFileHeader, 'grid' | 'massGridIndices' | 'normalisation'>, values: TableFileValues): string {
  return float64Sha256([
    rowMassesGeV(header),
    header.grid.widthsGeV,
    values.yieldPerPotAtReference,
    values.efficiency,
    values.efficiencyError,
    [header.normalisation.pot, header.normalisation.additionalAcceptance],
  ]);
}

/** Cells per row (widths × regions). */
export function cellsPerRow(header: Pick<TableFileHeader, 'grid' | 'regionNames'>): number {
  return header.grid.widthsGeV.length * header.regionNames.length;
}

/** Builds a table file (computing its checksum) from a header without one. */
export function makeTableFile(header: Omit<TableFileHeader, 'valuesSha256'>, values: TableFileValues): TableFile {
  const full: TableFileHeader = { ...header, valuesSha256: valuesSha256(header, values) };
  const file: TableFile = { format: TABLE_FILE_FORMAT, formatVersion: TABLE_FILE_VERSION, header: full, values };
  checkStructure(file, 'table being written');
  return file;
}

function numberList(values: readonly number[]): string {
  return `[${values.map((value) => JSON.stringify(value)).join(',')}]`;
}

/**
 * The file text: header indented for reading, each values array on one line. Numbers are
 * written with JSON.stringify (shortest round-trip decimal).
 */
export function serializeTableFile(file: TableFile): string {
  const { header, values } = file;
  const lines = [
    '{',
    `  "format": ${JSON.stringify(file.format)},`,
    `  "formatVersion": ${file.formatVersion},`,
    '  "header": {',
    `    "scenario": ${JSON.stringify(header.scenario)},`,
    `    "productionMode": ${JSON.stringify(header.productionMode)},`,
    `    "channel": ${JSON.stringify(header.channel)},`,
    `    "regionNames": ${JSON.stringify(header.regionNames)},`,
    '    "grid": {',
    `      "massSpec": ${JSON.stringify(header.grid.massSpec)},`,
    `      "widthSpec": ${JSON.stringify(header.grid.widthSpec)},`,
    `      "massesGeV": ${numberList(header.grid.massesGeV)},`,
    `      "widthsGeV": ${numberList(header.grid.widthsGeV)}`,
    '    },',
    `    "shard": ${JSON.stringify(header.shard)},`,
    `    "massGridIndices": ${JSON.stringify(header.massGridIndices)},`,
    `    "samplesPerMass": ${header.samplesPerMass},`,
    `    "seed": ${header.seed},`,
    `    "normalisation": ${JSON.stringify(header.normalisation)},`,
    `    "provenance": ${JSON.stringify(header.provenance)},`,
    `    "valuesSha256": ${JSON.stringify(header.valuesSha256)}`,
    '  },',
    '  "values": {',
    `    "yieldPerPotAtReference": ${numberList(values.yieldPerPotAtReference)},`,
    `    "efficiency": ${numberList(values.efficiency)},`,
    `    "efficiencyError": ${numberList(values.efficiencyError)}`,
    '  }',
    '}',
  ];
  return `${lines.join('\n')}\n`;
}

function checkIncreasing(values: readonly number[], name: string, file: string): void {
  for (let i = 1; i < values.length; i++) {
    if (!(values[i] > values[i - 1]))
      throw new InvalidTableFile(file, `${name} must be strictly increasing (${name}[${i - 1}] = ${values[i - 1]}, ${name}[${i}] = ${values[i]})`);
  }
}

function checkValueArray(values: unknown, name: string, length: number, file: string, max = Infinity): asserts values is number[] {
  if (!Array.isArray(values)) throw new InvalidTableFile(file, `values.${name} must be a list of numbers`);
  if (values.length !== length)
    throw new InvalidTableFile(file, `values.${name} has ${values.length} entries, the header implies ${length}: the file is truncated or inconsistent`);
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InvalidTableFile(file, `values.${name}[${i}] must be a finite number ≥ 0 (got ${JSON.stringify(value)})`);
    }
    if (value > max) throw new InvalidTableFile(file, `values.${name}[${i}] must be ≤ ${max} (got ${value}): an efficiency is a probability`);
  }
}

/** Everything but the checksum: header fields, dimensions, grid order, shard rows. */
function checkStructure(file: TableFile, label: string): void {
  const { header, values } = file;
  checkIncreasing(header.grid.massesGeV, 'header.grid.massesGeV', label);
  checkIncreasing(header.grid.widthsGeV, 'header.grid.widthsGeV', label);
  const massCount = header.grid.massesGeV.length;
  const indices = header.massGridIndices;
  indices.forEach((index, row) => {
    if (index >= massCount) throw new InvalidTableFile(label, `header.massGridIndices[${row}] = ${index} is outside the grid of ${massCount} masses`);
    if (row > 0 && !(index > indices[row - 1]))
      throw new InvalidTableFile(label, `header.massGridIndices must be strictly increasing (got ${indices[row - 1]} then ${index})`);
  });
  if (header.shard === null) {
    if (indices.length !== massCount) {
      throw new InvalidTableFile(label, `is marked complete (shard null) but holds ${indices.length} of the grid's ${massCount} masses`);
    }
  } else {
    const { index, count } = header.shard;
    if (index > count) throw new InvalidTableFile(label, `header.shard.index must be ≤ shard.count = ${count} (got ${index})`);
    const expected = shardMassIndices(massCount, header.shard);
    if (expected.length !== indices.length || expected.some((value, i) => value !== indices[i])) {
      throw new InvalidTableFile(
        label,
        `is shard ${index}/${count} but its massGridIndices are not the masses of that shard (grid index ≡ ${index - 1} mod ${count})`,
      );
    }
  }
  const names = new Set(header.regionNames);
  if (names.size !== header.regionNames.length) throw new InvalidTableFile(label, `header.regionNames has duplicates (${header.regionNames.join(', ')})`);
  const cells = indices.length * cellsPerRow(header);
  checkValueArray(values.yieldPerPotAtReference, 'yieldPerPotAtReference', indices.length, label);
  checkValueArray(values.efficiency, 'efficiency', cells, label, 1);
  checkValueArray(values.efficiencyError, 'efficiencyError', cells, label);
}

/** Mass grid indices computed by shard `index`/`count` (1-based): those ≡ index − 1 (mod count). */
export function shardMassIndices(massCount: number, shard: ShardPosition | null): number[] {
  const all = Array.from({ length: massCount }, (_, i) => i);
  return shard === null ? all : all.filter((i) => i % shard.count === shard.index - 1);
}

function decodeText(input: string | Uint8Array | ArrayBuffer, label: string): string {
  if (typeof input === 'string') return input;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch {
    throw new InvalidTableFile(label, 'is not UTF-8 text: not an alpenglow table file, or corrupt');
  }
}

export interface ParseTableOptions {
  /** Accept shard files (merge does; everything else wants complete tables). Default false. */
  allowShard?: boolean;
}

/**
 * Parses and checks a table file. Refuses (InvalidTableFile, message starting with `label`,
 * normally the path) anything truncated, corrupt (checksum), of another format or of a newer
 * format version, and, unless allowShard, shard files that still need `alpenglow merge`.
 */
export function parseTableFile(input: string | Uint8Array | ArrayBuffer, label: string, options: ParseTableOptions = {}): TableFile {
  const text = decodeText(input, label);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const reason = text.trim() === '' ? 'the file is empty' : (error as Error).message;
    throw new InvalidTableFile(
      label,
      `is truncated or corrupt: not valid JSON (${reason}). Regenerate it (alpenglow grid resumes from its checkpoints) or copy it again.`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new InvalidTableFile(label, 'is not an alpenglow table file (not a JSON object)');
  const record = data as Record<string, unknown>;
  if (record.format !== TABLE_FILE_FORMAT) {
    throw new InvalidTableFile(label, `is not an alpenglow table file (format ${JSON.stringify(record.format)}, expected '${TABLE_FILE_FORMAT}')`);
  }
  if (record.formatVersion !== TABLE_FILE_VERSION) {
    const newer = typeof record.formatVersion === 'number' && record.formatVersion > TABLE_FILE_VERSION;
    const older =
      record.formatVersion === 1
        ? ' (version 1 checksums do not cover the POT and A_add that export multiplies by: regenerate it with alpenglow grid, or import the ALPINIST text again)'
        : '';
    throw new InvalidTableFile(
      label,
      `has table format version ${JSON.stringify(record.formatVersion)}; this alpenglow reads version ${TABLE_FILE_VERSION}${newer ? ' (the file was written by a newer alpenglow: upgrade)' : older}`,
    );
  }
  const extra = Object.keys(record).filter((key) => !['format', 'formatVersion', 'header', 'values'].includes(key));
  if (extra.length > 0) throw new InvalidTableFile(label, `has unknown top-level field(s) ${extra.join(', ')}`);
  if (record.header === undefined) throw new InvalidTableFile(label, 'has no header section: not a complete alpenglow table file');
  const parsed = tableFileHeaderSchema.safeParse(record.header, { reportInput: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `header${issue.path.length > 0 ? '.' : ' '}${formatIssues([issue])[0]}`);
    throw new InvalidTableFile(label, problems.join('; '));
  }
  const values = record.values as Record<string, unknown> | undefined;
  if (!values || typeof values !== 'object') throw new InvalidTableFile(label, 'has no values section');
  const file = {
    format: TABLE_FILE_FORMAT,
    formatVersion: TABLE_FILE_VERSION,
    header: parsed.data as TableFileHeader,
    values: values as unknown as TableFileValues,
  } as TableFile;
  checkStructure(file, label);
  const computed = valuesSha256(file.header, file.values);
  if (computed !== file.header.valuesSha256) {
    throw new InvalidTableFile(
      label,
      `values checksum mismatch (header says sha256 ${file.header.valuesSha256.slice(0, 16)}…, the values give ${computed.slice(0, 16)}…): the file is corrupt or was edited. Regenerate it.`,
    );
  }
  if (file.header.shard && !options.allowShard) {
    throw new InvalidTableFile(
      label,
      `is shard ${file.header.shard.index}/${file.header.shard.count} of a split run, not a complete table: combine the shards with \`alpenglow merge\` first`,
    );
  }
  return file;
}

/** The in-memory table of a file (rows = the file's masses). */
export function tableFromFile(file: TableFile): MassWidthTable {
  const { header, values } = file;
  return {
    format: TABLE_FORMAT,
    formatVersion: TABLE_FORMAT_VERSION,
    scenario: { ...header.scenario },
    productionMode: header.productionMode,
    channel: header.channel,
    massesGeV: rowMassesGeV(header),
    widthsGeV: [...header.grid.widthsGeV],
    regionNames: [...header.regionNames],
    samplesPerMass: header.samplesPerMass,
    seed: header.seed,
    yieldPerPotAtReference: [...values.yieldPerPotAtReference],
    efficiency: [...values.efficiency],
    efficiencyError: [...values.efficiencyError],
    provenance: {
      alpenglowVersion: header.provenance.alpenglowVersion,
      engine: header.provenance.engine,
      adapter: header.provenance.adapter,
      wallSeconds: header.provenance.wallSeconds,
    },
  };
}

/** File name of a table: `<scenario>_<mode>_<channel>[.shard-<i>-of-<n>].table.json`. */
export function tableFileName(scenarioName: string, mode: string, channelKey: string, shard: ShardPosition | null): string {
  const base = `${scenarioName}_${mode}_${channelKey.replace(/[^A-Za-z0-9-]+/g, '-')}`;
  return shard ? `${base}.shard-${shard.index}-of-${shard.count}${TABLE_FILE_SUFFIX}` : `${base}${TABLE_FILE_SUFFIX}`;
}
