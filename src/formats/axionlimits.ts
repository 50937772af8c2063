/**
 * Two-column limit curves, the form AxionLimits (github.com/cajohare/AxionLimits, limit_data/) and
 * FORESEE (github.com/KlingFelix/FORESEE) keep existing bounds in:
 * - writer: a limit of limits.json as a closed polygon (polygons.ts), `#` header with title, units,
 *   coupling convention and provenance; AxionLimits: m_a in eV, FORESEE: m_a in GeV; coupling
 *   g_aγγ [GeV⁻¹] where the model fixes c_γγ^eff (coupling-axis.ts), else the KOTO c/f_a [GeV⁻¹].
 *   Several disjoint excluded regions are separate polygons, each after a `# region k` line and
 *   separated by a blank line (numpy.loadtxt and gnuplot skip or split on it; AxionLimits itself
 *   keeps one region per file).
 * - reader (overlays of existing bounds): `#` lines are comments (the first one is the title),
 *   blank lines end a polygon, every other line is exactly two positive finite numbers separated
 *   by spaces, tabs or one comma; anything else is refused naming the file and line.
 * Browser-safe.
 */
import { parseDecimal } from '../physics/decimal.ts';
import type { LimitsJson } from '../limits/compute.ts';
import { describeCouplingAxis, fixedPhotonCoupling, type CouplingAxis } from './coupling-axis.ts';
import { exclusionOutlines, type Point } from './polygons.ts';
import { provenanceLines, type OutputProvenance } from './provenance.ts';

export type TwoColumnFlavour = 'axionlimits' | 'foresee';

const EV_PER_GEV = 1e9;

export class OverlayFileError extends Error {
  override name = 'OverlayFileError';
  /** A refusal of user input: the CLI prints the message and exits 2. */
  readonly userFacing = true;
}

/** The coupling axis an AxionLimits/FORESEE export uses for a model: g_aγγ when c_γγ^eff is fixed and non-zero, else KOTO c/f_a. */
export function twoColumnAxis(limits: Pick<LimitsJson, 'modelCouplings'>): CouplingAxis {
  const c = fixedPhotonCoupling(limits.modelCouplings);
  return c !== undefined && c !== 0 ? 'gagg' : 'koto';
}

export interface TwoColumnOptions {
  flavour: TwoColumnFlavour;
  provenance: OutputProvenance;
  /** Coupling axis; default twoColumnAxis(limits). `gagg` for a model that does not fix c_γγ^eff is refused naming `where`. */
  axis?: CouplingAxis;
  /** Names the flag in refusals (default "--format <flavour>"). */
  where?: string;
}

/** The nominal limit of one limits.json object as AxionLimits (eV) or FORESEE (GeV) text. */
export function twoColumnText(limits: LimitsJson, options: TwoColumnOptions): string {
  const where = options.where ?? `--format ${options.flavour}`;
  const axis = describeCouplingAxis(limits, options.axis ?? twoColumnAxis(limits), where);
  const massFactor = options.flavour === 'axionlimits' ? EV_PER_GEV : 1;
  const massUnit = options.flavour === 'axionlimits' ? 'eV' : 'GeV';
  const outlines = exclusionOutlines(limits.contours.nominal);
  const exteriors = outlines.filter((o) => o.ring === 0);
  const holes = outlines.length - exteriors.length;
  const basis = limits.basis === 'observed' ? 'observed' : 'expected median';
  const lines = [
    `# ${limits.scenario}: ${Math.round(limits.cl * 100)}% CL (CLs) excluded, ${basis}, ALP model ${limits.model} (alpenglow)`,
    `# m_a [${massUnit}]  ${axis.name} [GeV^-1]`,
    `# coupling convention: ${axis.convention}`,
    `# model couplings: c_GG = ${limits.modelCouplings.c_GG}, c_BB = ${limits.modelCouplings.c_BB}, c_WW = ${limits.modelCouplings.c_WW}, c_ll = ${limits.modelCouplings.c_ll}; POT ${limits.pot.toExponential()}`,
    `# closed polygon${exteriors.length > 1 ? 's' : ''}: from the lowest mass along the lower edge, back along the upper edge, first point repeated`,
    ...(holes > 0 ? [`# ${holes} allowed island(s) inside the excluded area are not drawn here (see contour-polygons.csv)`] : []),
    ...provenanceLines(options.provenance).map((line) => `# ${line}`),
  ];
  if (exteriors.length === 0) lines.push('# nothing excluded in the scanned range');
  exteriors.forEach((outline, index) => {
    if (exteriors.length > 1) {
      if (index > 0) lines.push('');
      lines.push(`# region ${index + 1}`);
    }
    for (const [m, g] of outline.points) lines.push(`${m * massFactor}\t${g * axis.factor}`);
  });
  return `${lines.join('\n')}\n`;
}

export interface OverlayCurve {
  /** The file's first comment line, else the file name. */
  title: string;
  file: string;
  /** Polygons of [massGeV, coupling] points (blank lines in the file separate them). */
  polygons: Point[][];
}

/**
 * Reads an AxionLimits (m in eV) or FORESEE (m in GeV) two-column file. `file` names it in errors;
 * the coupling column is returned as written (AxionLimits: g_aγγ in GeV⁻¹).
 */
export function parseTwoColumn(text: string, file: string, flavour: TwoColumnFlavour): OverlayCurve {
  const massDivisor = flavour === 'axionlimits' ? EV_PER_GEV : 1;
  let title: string | undefined;
  const polygons: Point[][] = [[]];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    const where = `${file}:${index + 1}`;
    if (line.startsWith('#')) {
      if (title === undefined) title = line.replace(/^#+\s*/, '');
      return;
    }
    if (line === '') {
      if (polygons[polygons.length - 1].length > 0) polygons.push([]);
      return;
    }
    const fields = line.split(/\s*,\s*|\s+/);
    if (fields.length !== 2)
      throw new OverlayFileError(`${where}: expected two numeric columns (mass, coupling), got ${fields.length} field(s): '${line.slice(0, 60)}'`);
    const [mass, coupling] = fields.map((field, column) => {
      const value = parseDecimal(field);
      const name = column === 0 ? 'mass' : 'coupling';
      if (!Number.isFinite(value)) throw new OverlayFileError(`${where}: ${name} '${field}' is not a number`);
      if (!(value > 0)) throw new OverlayFileError(`${where}: ${name} must be > 0 (got ${field})`);
      return value;
    });
    polygons[polygons.length - 1].push([mass / massDivisor, coupling]);
  });
  const kept = polygons.filter((polygon) => polygon.length > 0);
  if (kept.length === 0 || kept.every((polygon) => polygon.length < 2))
    throw new OverlayFileError(`${file}: no curve (needs at least two data lines of two positive numbers)`);
  return { title: title ?? file, file, polygons: kept };
}

/**
 * What an overlay file's columns mean:
 * - `axionlimits`: m_a [eV], g_aγγ [GeV⁻¹] (AxionLimits limit_data/AxionPhoton);
 * - `foresee`: m_a [GeV], the plotted axis's own coupling;
 * - `foresee-gluon`: m_a [GeV], FORESEE ALP-g's g_agg [GeV⁻¹], defined by L ⊃ −(g_s²/8) g_agg a G G̃,
 *   so c_GG/f_a = 4π² g_agg (physics.md §3.1, FORESEE cross-check).
 */
export type OverlayKind = 'axionlimits' | 'foresee' | 'foresee-gluon';

export const OVERLAY_KINDS: readonly OverlayKind[] = ['axionlimits', 'foresee', 'foresee-gluon'];

/** The mass unit of an overlay kind. */
export function overlayFlavour(kind: OverlayKind): TwoColumnFlavour {
  return kind === 'axionlimits' ? 'axionlimits' : 'foresee';
}

/** A `# overlay: <kind>` comment line declares the kind inside the file (used when no prefix is given). */
export function declaredOverlayKind(text: string): OverlayKind | undefined {
  const match = /^#\s*overlay:\s*([\w-]+)\s*$/m.exec(text);
  return match && (OVERLAY_KINDS as readonly string[]).includes(match[1]) ? (match[1] as OverlayKind) : undefined;
}

/**
 * An overlay curve on a figure's coupling axis. AxionLimits files (g_aγγ) are drawn as is on the
 * g_aγγ axis and divided by the model's g_aγγ-per-(1/f_a) factor on the KOTO axis (refused, naming
 * `where`, when the model does not fix c_γγ^eff). FORESEE files are in the figure's own coupling.
 * FORESEE ALP-g files (g_agg) go onto the KOTO axis 1/f_a as 4π² g_agg / c_GG; refused on the g_aγγ
 * axis and for models without a gluon coupling.
 */
export function overlayOnAxis(
  curve: OverlayCurve,
  kind: OverlayKind,
  limits: Pick<LimitsJson, 'model' | 'modelCouplings' | 'coupling'>,
  axis: CouplingAxis,
  where: string,
): { label: string; polygons: Point[][] } {
  let factor = 1;
  if (kind === 'axionlimits' && axis === 'koto') {
    try {
      factor = 1 / describeCouplingAxis(limits, 'gagg', where).factor;
    } catch (error) {
      throw new OverlayFileError(
        `${where}: ${curve.file} is an AxionLimits file (g_aγγ) and cannot be drawn on the c/f_a axis of model '${limits.model}': ${(error as Error).message.replace(/^[^:]*: /, '')}; give it as foresee:${curve.file} if it holds c/f_a values`,
      );
    }
  }
  if (kind === 'foresee-gluon') {
    if (axis !== 'koto') throw new OverlayFileError(`${where}: ${curve.file} holds the gluon coupling g_agg and cannot be drawn on a g_aγγ axis`);
    const cGG = limits.modelCouplings.c_GG;
    if (cGG === 0) throw new OverlayFileError(`${where}: ${curve.file} holds the gluon coupling g_agg, but model '${limits.model}' has c_GG = 0`);
    factor = (4 * Math.PI * Math.PI) / Math.abs(cGG);
  }
  return { label: curve.title, polygons: curve.polygons.map((polygon) => polygon.map(([m, g]) => [m, g * factor] as Point)) };
}
