/**
 * ALPINIST's plain event tables (tab_decay/<EXP>/<EXP>_<prod>_<decay>.dat in the ALPINIST
 * repository, read there with numpy.loadtxt): one line per grid point, three columns
 *   m [GeV]   Γ [GeV]   N
 * masses slowest, the widths of one mass on consecutive lines (ALPINIST's loader reshapes to
 * (masses, 101 widths, 3), so its own rescaler expects 101 widths per mass; 201 masses).
 *
 * N is the expected number of events at the production mode's reference coupling before the
 * decay branching ratio (physics.md §8.5: ALPINIST multiplies by (g/g_ref)² and BR afterwards):
 *   N(m, Γ) = POT × A_add × yieldPerPotAtReference(m) × efficiency(m, Γ, region)
 * with POT and A_add the scenario's exposure and additional acceptance recorded in the table
 * (header.normalisation), efficiency = P(decay in the fiducial volume) × P(selection passed) per
 * produced ALP, and the region one signal region or the sum over all (they are disjoint).
 * alpenglow's reference couplings are g_aγγ = 1 GeV⁻¹ (Primakoff) and c_GG/f_a = 1 TeV⁻¹ in the
 * KOTO convention (mixing) — not ALPINIST's θ_aP = 1 for mixing; see docs/tables.md.
 *
 * Browser-safe (text in, text out).
 */
import { parseDecimal } from '../physics/decimal.ts';
import { makeTableFile, rowMassesGeV, type TableFile } from './table-file.ts';
import type { ProductionMode } from '../physics/production.ts';

export class InvalidAlpinistFile extends Error {
  override name = 'InvalidAlpinistFile';
  readonly userFacing = true;
}

/** Region choice for export: a region name or 'all' (sum over the disjoint regions). */
export const ALL_REGIONS = 'all';

export interface AlpinistTable {
  massesGeV: number[];
  widthsGeV: number[];
  /** Index mass · nWidths + width. */
  events: number[];
}

/** N per (mass, width) for one region or all (see the file header for the normalisation). */
export function alpinistEvents(file: TableFile, region: string = ALL_REGIONS): AlpinistTable {
  const { header, values } = file;
  const regions = header.regionNames;
  let chosen: number[];
  if (region === ALL_REGIONS) chosen = regions.map((_, index) => index);
  else {
    const index = regions.indexOf(region);
    if (index < 0)
      throw new InvalidAlpinistFile(`--region must be one of ${regions.map((name) => `'${name}'`).join(', ')} or '${ALL_REGIONS}' (got '${region}')`);
    chosen = [index];
  }
  const massesGeV = rowMassesGeV(header);
  const widthCount = header.grid.widthsGeV.length;
  const scale = header.normalisation.pot * header.normalisation.additionalAcceptance;
  const events: number[] = [];
  for (let row = 0; row < massesGeV.length; row++) {
    const perPot = scale * values.yieldPerPotAtReference[row];
    for (let width = 0; width < widthCount; width++) {
      let sum = 0;
      for (const r of chosen) sum += perPot * values.efficiency[(row * widthCount + width) * regions.length + r];
      events.push(sum);
    }
  }
  return { massesGeV, widthsGeV: [...header.grid.widthsGeV], events };
}

/**
 * The three-column text. Comment lines (#) first: numpy.loadtxt and ALPINIST skip them. Numbers
 * are the shortest decimals that read back to the same float64.
 */
export function formatAlpinist(file: TableFile, region: string = ALL_REGIONS): string {
  const table = alpinistEvents(file, region);
  const { header } = file;
  const lines = [
    `# alpenglow ${header.provenance.alpenglowVersion} export for ALPINIST: columns m [GeV], Gamma [GeV], N (expected events)`,
    `# N = POT x A_add x yield(m) x efficiency(m, Gamma); POT = ${header.normalisation.pot}, A_add = ${header.normalisation.additionalAcceptance}; decay BR not applied`,
    `# reference coupling: ${header.normalisation.referenceCoupling}`,
    `# scenario ${header.scenario.name} (${header.scenario.hash}), production ${header.productionMode}, channel ${header.channel}, region ${region === ALL_REGIONS ? `all (${header.regionNames.join(' + ')})` : region}`,
    `# ${table.massesGeV.length} masses x ${table.widthsGeV.length} widths, widths fastest; ${header.samplesPerMass} samples per mass, seed ${header.seed}, engine ${header.provenance.engine}; table values sha256 ${header.valuesSha256}`,
  ];
  const widthCount = table.widthsGeV.length;
  for (let m = 0; m < table.massesGeV.length; m++) {
    for (let w = 0; w < widthCount; w++) lines.push(`${table.massesGeV[m]}\t${table.widthsGeV[w]}\t${table.events[m * widthCount + w]}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Parses ALPINIST text (whitespace-separated, # comments and blank lines ignored); errors name file and line. */
export function parseAlpinist(text: string, label: string): AlpinistTable {
  const rows: Array<[number, number, number, number]> = [];
  text.split(/\r?\n/).forEach((raw, lineIndex) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/[\s,]+/);
    const where = `${label}:${lineIndex + 1}`;
    if (fields.length !== 3)
      throw new InvalidAlpinistFile(`${where}: expected 3 columns (m [GeV], Gamma [GeV], N), got ${fields.length}: '${line.slice(0, 80)}'`);
    const numbers = fields.map(parseDecimal);
    const names = ['m', 'Gamma', 'N'];
    numbers.forEach((value, i) => {
      if (fields[i] === '' || !Number.isFinite(value)) throw new InvalidAlpinistFile(`${where}: ${names[i]} must be a finite number (got '${fields[i]}')`);
    });
    if (!(numbers[0] > 0)) throw new InvalidAlpinistFile(`${where}: m must be > 0 GeV (got ${fields[0]})`);
    if (!(numbers[1] > 0)) throw new InvalidAlpinistFile(`${where}: Gamma must be > 0 GeV (got ${fields[1]})`);
    if (numbers[2] < 0) throw new InvalidAlpinistFile(`${where}: N must be ≥ 0 (got ${fields[2]})`);
    rows.push([numbers[0], numbers[1], numbers[2], lineIndex + 1]);
  });
  if (rows.length === 0) throw new InvalidAlpinistFile(`${label}: no data lines (expected lines 'm Gamma N')`);
  const firstMass = rows[0][0];
  const widthsGeV: number[] = [];
  for (const row of rows) {
    if (row[0] !== firstMass) break;
    widthsGeV.push(row[1]);
  }
  const widthCount = widthsGeV.length;
  if (rows.length % widthCount !== 0) {
    throw new InvalidAlpinistFile(
      `${label}: ${rows.length} data lines are not a whole number of masses × ${widthCount} widths (the widths of the first mass): the file is truncated or not a rectangular grid`,
    );
  }
  const massesGeV: number[] = [];
  const events: number[] = [];
  rows.forEach(([mass, width, n, line], i) => {
    const widthIndex = i % widthCount;
    if (widthIndex === 0) {
      if (massesGeV.length > 0 && !(mass > massesGeV[massesGeV.length - 1])) {
        throw new InvalidAlpinistFile(
          `${label}:${line}: masses must increase from block to block (got ${mass} GeV after ${massesGeV[massesGeV.length - 1]} GeV)`,
        );
      }
      massesGeV.push(mass);
    }
    if (mass !== massesGeV[massesGeV.length - 1] || width !== widthsGeV[widthIndex]) {
      throw new InvalidAlpinistFile(
        `${label}:${line}: expected m = ${massesGeV[massesGeV.length - 1]}, Gamma = ${widthsGeV[widthIndex]} (every mass must list the same widths, in the same order, widths fastest); got m = ${mass}, Gamma = ${width}`,
      );
    }
    events.push(n);
  });
  for (let i = 1; i < widthCount; i++) {
    if (!(widthsGeV[i] > widthsGeV[i - 1]))
      throw new InvalidAlpinistFile(`${label}: widths must increase within a mass block (got ${widthsGeV[i]} after ${widthsGeV[i - 1]} GeV)`);
  }
  return { massesGeV, widthsGeV, events };
}

export interface AlpinistImportContext {
  scenario: { name: string; hash: string };
  productionMode: ProductionMode;
  channel: string;
  regionName: string;
  pot: number;
  additionalAcceptance: number;
  referenceCoupling: string;
  alpenglowVersion: string;
  source: string;
  createdUtc: string;
}

/**
 * An ALPINIST table as a table file. N cannot be split into yield and efficiency, so the file
 * carries yieldPerPotAtReference = 1 and efficiency = N / (POT × A_add): every reader computing
 * POT × A_add × yield × efficiency gets N back (to rounding, ≤ 1 ulp). Uncertainties are
 * unknown and stored as 0; provenance.engine = 'imported', samplesPerMass = seed = 0.
 */
export function importAlpinist(table: AlpinistTable, context: AlpinistImportContext, label = 'the ALPINIST table'): TableFile {
  const scale = context.pot * context.additionalAcceptance;
  const tooMany = table.events.findIndex((n) => !(n <= scale));
  if (tooMany >= 0) {
    const m = table.massesGeV[Math.floor(tooMany / table.widthsGeV.length)];
    const w = table.widthsGeV[tooMany % table.widthsGeV.length];
    throw new InvalidAlpinistFile(
      `${label}: N = ${table.events[tooMany]} at m = ${m} GeV, Gamma = ${w} GeV is more than POT × A_add = ${scale} of scenario ${context.scenario.name} (an efficiency above 1)`,
    );
  }
  return makeTableFile(
    {
      scenario: context.scenario,
      productionMode: context.productionMode,
      channel: context.channel,
      regionNames: [context.regionName],
      grid: { massesGeV: table.massesGeV, widthsGeV: table.widthsGeV, massSpec: 'as listed', widthSpec: 'as listed' },
      shard: null,
      massGridIndices: table.massesGeV.map((_, index) => index),
      samplesPerMass: 0,
      seed: 0,
      normalisation: { pot: context.pot, additionalAcceptance: context.additionalAcceptance, referenceCoupling: context.referenceCoupling },
      provenance: {
        alpenglowVersion: context.alpenglowVersion,
        engine: 'imported',
        adapter: 'none',
        wallSeconds: 0,
        createdUtc: context.createdUtc,
        source: context.source,
      },
    },
    {
      yieldPerPotAtReference: table.massesGeV.map(() => 1),
      efficiency: table.events.map((n) => n / scale),
      efficiencyError: table.events.map(() => 0),
    },
  );
}
