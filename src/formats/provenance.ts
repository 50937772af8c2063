/**
 * Provenance of every output file (CLI and page): what made it, from what, when. One record, written
 * in the form each format tolerates (docs/formats.md): a `provenance` object in JSON, `#` lines in
 * AxionLimits/FORESEE text, qualifiers and a comment in HEPData YAML, an SVG <metadata> element, a
 * PNG tEXt chunk (src/node/png.ts), and a `provenance.json` sidecar beside CSV files (CSV readers
 * choke on comment lines). Browser-safe.
 */
import { ALPENGLOW_VERSION } from '../version.ts';
import type { LimitsJson } from '../limits/compute.ts';

export interface TableChecksum {
  /** The file as given (path on the command line, name in the page). */
  file: string;
  sha256: string;
}

export interface OutputProvenance {
  software: 'alpenglow';
  version: string;
  /** The command line (CLI) or the page state (web) that made the output. */
  command: string;
  /** ISO 8601 UTC. */
  createdAt: string;
  seed: number | null;
  samples: number | null;
  adapter: string;
  engine: string;
  scenarios: { name: string; hash: string; productionModes: string[] }[];
  /** Checksums of the table files read (`--tables`); empty when the engine ran. */
  tableFiles: TableChecksum[];
}

export interface ProvenanceContext {
  command: string;
  createdAt: string;
  tableFiles?: TableChecksum[];
}

function modesOf(limits: LimitsJson): string[] {
  const declared = (limits.provenance as { productionModes?: unknown }).productionModes;
  if (Array.isArray(declared) && declared.every((mode) => typeof mode === 'string')) return declared as string[];
  return [...new Set(limits.provenance.tables.map((table) => table.productionMode))];
}

function joined<T>(values: T[]): T | string | null {
  const unique = [...new Set(values)];
  if (unique.length === 0) return null;
  return unique.length === 1 ? unique[0] : unique.join(' | ');
}

/** The provenance of outputs made from one or more limits.json objects. */
export function provenanceFromLimits(limitsList: LimitsJson[], context: ProvenanceContext): OutputProvenance {
  const seed = joined(limitsList.map((l) => l.provenance.seed));
  const samples = joined(limitsList.map((l) => l.provenance.samples));
  return {
    software: 'alpenglow',
    version: limitsList[0]?.provenance.version ?? ALPENGLOW_VERSION,
    command: context.command,
    createdAt: context.createdAt,
    seed: typeof seed === 'number' ? seed : null,
    samples: typeof samples === 'number' ? samples : null,
    adapter: String(joined(limitsList.map((l) => l.provenance.adapter)) ?? ''),
    engine: String(joined(limitsList.map((l) => l.provenance.engine)) ?? ''),
    scenarios: limitsList.map((l) => ({ name: l.scenario, hash: l.provenance.scenarioHash, productionModes: modesOf(l) })),
    tableFiles: context.tableFiles ?? [],
  };
}

/** `key: value` lines (for `#` headers), one scenario and one table file per line. */
export function provenanceLines(provenance: OutputProvenance): string[] {
  const lines = [
    `software: alpenglow ${provenance.version}`,
    `command: ${provenance.command}`,
    `created: ${provenance.createdAt}`,
    `seed: ${provenance.seed ?? 'mixed (see limits.json)'}`,
    `samples: ${provenance.samples ?? 'mixed (see limits.json)'}`,
    `engine: ${provenance.engine}; adapter: ${provenance.adapter}`,
  ];
  for (const s of provenance.scenarios) lines.push(`scenario: ${s.name}; hash ${s.hash}; production modes ${s.productionModes.join(', ')}`);
  for (const t of provenance.tableFiles) lines.push(`table file: ${t.file}; sha256 ${t.sha256}`);
  return lines.map((line) => line.replace(/[\r\n]+/g, ' '));
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The SVG with its provenance as JSON in a <metadata> element (first child of <svg>), which
 * browsers and resvg ignore when drawing.
 */
export function svgWithProvenance(svg: string, provenance: OutputProvenance): string {
  const open = /<svg\b[^>]*>/.exec(svg);
  if (!open) throw new RangeError('svgWithProvenance: no <svg> element');
  const at = open.index + open[0].length;
  const metadata = `\n<metadata id="alpenglow-provenance">${escapeXml(JSON.stringify(provenance))}</metadata>`;
  return svg.slice(0, at) + metadata + svg.slice(at);
}

/** The provenance JSON of an SVG written by svgWithProvenance, or undefined. */
export function provenanceOfSvg(svg: string): OutputProvenance | undefined {
  const match = /<metadata id="alpenglow-provenance">([\s\S]*?)<\/metadata>/.exec(svg);
  if (!match) return undefined;
  return JSON.parse(match[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as OutputProvenance;
}

/** A provenance record from plain facts (plane.json, events and the page, which have no limits.json). */
export function provenanceRecord(
  facts: Omit<OutputProvenance, 'software' | 'version' | 'tableFiles'> & { version?: string; tableFiles?: TableChecksum[] },
): OutputProvenance {
  return { software: 'alpenglow', version: facts.version ?? ALPENGLOW_VERSION, ...facts, tableFiles: facts.tableFiles ?? [] };
}
