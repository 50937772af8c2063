/**
 * The output side shared by `limits`, `plane`, `events` and `export` (docs/formats.md): the
 * provenance of this invocation (command line, time, table-file checksums), figures as SVG with a
 * <metadata> provenance element and PNG with tEXt chunks, the `provenance.json` sidecar beside CSV
 * files, and `--overlay` files read as existing bounds.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { MAX_TABLE_BYTES, readRegularFile } from '../node/input-files.ts';
import { svgToPng } from '../node/png.ts';
import { TABLE_FILE_SUFFIX } from '../tables/table-file.ts';
import { svgWithProvenance, type OutputProvenance, type TableChecksum } from '../formats/provenance.ts';
import { declaredOverlayKind, OverlayFileError, overlayFlavour, overlayOnAxis, parseTwoColumn, type OverlayKind } from '../formats/axionlimits.ts';
import { describeCouplingAxis, parseCouplingAxis, type CouplingAxis } from '../formats/coupling-axis.ts';
import { contourLongCsv, contourPolygonsCsv } from '../formats/csv.ts';
import { FIGURE_MODES, limitsSvg, type ExistingBound, type FigureMode } from '../plots/exclusion.ts';
import type { LimitsJson } from '../limits/compute.ts';
import { couplingAxisLabel, type LimitsModel } from '../limits/model.ts';
import { UsageError } from './command.ts';

/** Overlay files (two-column text): at most this many bytes each. */
export const MAX_OVERLAY_BYTES = 4 << 20;
/** At most this many overlay files. */
export const MAX_OVERLAYS = 32;

const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/** `alpenglow <command> <args…>` as typed (words quoted where a shell would need it). */
export function commandLine(command: string, argv: string[]): string {
  return ['alpenglow', command, ...argv].map(shellWord).join(' ');
}

/** Now in ISO 8601 UTC, or SOURCE_DATE_EPOCH (seconds) when set, for reproducible outputs. */
export function creationTime(): string {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000).toISOString();
  return new Date().toISOString();
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** SHA-256 of every complete table file in DIR (what `--tables DIR` reads). */
export function tableChecksums(dir: string): TableChecksum[] {
  const names = readdirSync(dir)
    .filter((name) => name.endsWith(TABLE_FILE_SUFFIX) && !name.includes('.shard-'))
    .sort();
  return names.map((name) => ({ file: join(dir, name), sha256: sha256Hex(readRegularFile(join(dir, name), MAX_TABLE_BYTES, 'table files')) }));
}

/** `STEM.svg` (provenance in <metadata>) and `STEM.png` (provenance in tEXt chunks), PNG at twice the SVG width. */
export function figureFiles(stem: string, svg: string, provenance: OutputProvenance): Record<string, string | Buffer> {
  const text = { Software: `alpenglow ${provenance.version}`, 'Creation Time': provenance.createdAt, 'alpenglow-provenance': JSON.stringify(provenance) };
  return { [`${stem}.svg`]: svgWithProvenance(svg, provenance), [`${stem}.png`]: svgToPng(svg, { scale: 2, text }) };
}

/** provenance.json: the provenance once more, with the SHA-256 of every file written beside it. */
export function provenanceSidecar(provenance: OutputProvenance, files: Record<string, string | Buffer>): string {
  const checksums = Object.fromEntries(Object.entries(files).map(([name, content]) => [name, sha256Hex(content)]));
  return `${JSON.stringify({ ...provenance, files: checksums }, null, 2)}\n`;
}

/** One `--overlay` entry: `[axionlimits:|foresee:|foresee-gluon:]FILE`; without a prefix the file's `# overlay: <kind>` line, else axionlimits. */
export function parseOverlayEntry(entry: string): { kind: OverlayKind | undefined; path: string } {
  const match = /^(axionlimits|foresee-gluon|foresee):(.*)$/.exec(entry);
  if (match) return { kind: match[1] as OverlayKind, path: match[2] };
  return { kind: undefined, path: entry };
}

/** `--overlay FILE[,…]` → existing bounds on the figure's axis; errors name the flag, file and line. */
export function readOverlays(
  raw: string | undefined,
  limits: Pick<LimitsJson, 'model' | 'modelCouplings' | 'coupling'>,
  axis: CouplingAxis,
  flag = '--overlay',
): ExistingBound[] {
  if (raw === undefined) return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new UsageError(`${flag} needs at least one file (got '${raw}')`);
  if (entries.length > MAX_OVERLAYS) throw new UsageError(`${flag}: at most ${MAX_OVERLAYS} files (got ${entries.length})`);
  return entries.map((entry) => {
    const { kind: prefixKind, path } = parseOverlayEntry(entry);
    let text: string;
    try {
      text = readRegularFile(path, MAX_OVERLAY_BYTES, 'overlay files').toString('utf8');
    } catch (error) {
      throw new OverlayFileError(`${flag} ${path}: ${(error as Error).message}`);
    }
    const kind = prefixKind ?? declaredOverlayKind(text) ?? 'axionlimits';
    const curve = parseTwoColumn(text, path, overlayFlavour(kind));
    if (curve.title === path) curve.title = basename(path).replace(/\.(txt|dat|csv)$/, '');
    return overlayOnAxis(curve, kind, limits, axis, `${flag} ${entry}`);
  });
}

/** `--figure paper|explore` (default paper). */
export function parseFigureFlag(raw: string | undefined): FigureMode {
  if (raw === undefined) return 'paper';
  if ((FIGURE_MODES as readonly string[]).includes(raw)) return raw as FigureMode;
  throw new UsageError(`--figure must be one of ${FIGURE_MODES.join(', ')} (got '${raw}')`);
}

/** What limits.json says about a model, before any run: enough to check `--coupling-axis` and `--overlay` up front. */
export function modelDescription(model: LimitsModel): Pick<LimitsJson, 'model' | 'modelCouplings' | 'coupling'> {
  return {
    model: model.name,
    modelCouplings: { c_GG: model.cGG, c_BB: model.cBB, c_WW: model.cWW, c_ll: model.cLL },
    coupling: { convention: 'KOTO c/f_a', unit: 'GeV^-1', axis: couplingAxisLabel(model), definition: '' },
  };
}

/** `--coupling-axis koto|gagg`, refused (naming the flag) where the model does not fix c_γγ^eff. */
export function parseCouplingAxisFlag(raw: string | undefined, model: LimitsModel): CouplingAxis {
  let axis: CouplingAxis;
  try {
    axis = parseCouplingAxis(raw);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  describeCouplingAxis(modelDescription(model), axis, `--coupling-axis ${raw}`);
  return axis;
}

export interface LimitsOutputOptions {
  provenance: OutputProvenance;
  figure: FigureMode;
  axis: CouplingAxis;
  overlays: ExistingBound[];
}

/** limits.json with the invocation's provenance added to each object's `provenance`. */
export function limitsWithProvenance(results: LimitsJson[], provenance: OutputProvenance): LimitsJson[] {
  return results.map((limits, index) => ({
    ...limits,
    provenance: {
      ...limits.provenance,
      command: provenance.command,
      createdAt: provenance.createdAt,
      productionModes: provenance.scenarios[index]?.productionModes ?? [],
      tableFiles: provenance.tableFiles,
    },
  }));
}

/**
 * The files of `alpenglow limits`: limits.json, contour.csv (long), contour-polygons.csv (closed
 * polygons), exclusion.svg/png (the figure in `figure` mode on `axis`, overlays in grey) and
 * provenance.json (with the checksums of the others).
 */
export function limitsOutputFiles(results: LimitsJson[], options: LimitsOutputOptions): Record<string, string | Buffer> {
  const stamped = limitsWithProvenance(results, options.provenance);
  const files: Record<string, string | Buffer> = {
    'limits.json': `${JSON.stringify(stamped.length === 1 ? stamped[0] : stamped, null, 2)}\n`,
    'contour.csv': contourLongCsv(results, options.axis),
    'contour-polygons.csv': contourPolygonsCsv(results, options.axis),
    ...figureFiles('exclusion', limitsSvg(results, { mode: options.figure, axis: options.axis, bounds: options.overlays }), options.provenance),
  };
  files['provenance.json'] = provenanceSidecar(options.provenance, files);
  return files;
}
