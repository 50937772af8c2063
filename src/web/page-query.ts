/**
 * The page's state in its URL, with the query names of `alpenglow limits` flags, and the equivalent
 * command line. Pure functions (no DOM): main.ts reads the controls into a PageQuery, writes it to
 * the address bar, and applies a parsed one to the controls on load.
 *
 * CLI flags: scenario, model, masses, couplings, samples, seed, pot, max-added-masses, widths
 * (`alpenglow limits --widths`, as `grid --widths`). Page-only: background (per-scenario background
 * scale, no CLI flag), marker (coupling of the marker, GeV⁻¹), view, figure, bands, heat.
 * `pot` is one number for every scenario (as --pot) or a comma list in the order of `scenario`, an
 * empty entry meaning that scenario's own exposure; `background` likewise (1 = as in the file).
 */
import { parseDecimal } from '../physics/decimal.ts';
import { COUPLINGS_PER_DECADE } from '../app/run-limits.ts';
import { DEFAULT_MAX_ADDED_MASSES } from '../app/mass-refinement.ts';

export type ViewName = 'mass' | 'plane' | 'histogram';
export type FigureMode = 'paper' | 'explore';

export interface PageQuery {
  /** Scenario names, as --scenario a,b. */
  scenarios: string[];
  /** As --model: gluon, photon, codominance or custom:c_GG,c_BB,c_WW,c_ll. */
  model: string;
  masses: { lo: number; hi: number; count: number };
  /** The coupling axis range; the page uses COUPLINGS_PER_DECADE points per decade (the n of --couplings follows). */
  couplings: [number, number];
  samples: number;
  seed: number;
  maxAddedMasses: number;
  /** 'auto' (derived as `alpenglow limits` does) or lo:hi:n. */
  widths: string;
  /** Per scenario (same order): POT, or undefined for the scenario's own exposure. */
  pot: Array<number | undefined>;
  /** Per scenario: background scale (1 = as in the scenario file). */
  background: number[];
  marker?: number;
  view?: ViewName;
  figure?: FigureMode;
  bands?: boolean;
  heat?: number;
}

/** Numbers as the CLI reads them: shortest round-trip text, exponent without '+' (a '+' in a query is a space). */
export function formatQueryNumber(value: number): string {
  const magnitude = Math.abs(value);
  const text = magnitude !== 0 && (magnitude >= 1e5 || magnitude < 1e-3) ? value.toExponential() : String(value);
  return text.replace('e+', 'e');
}

/** The coupling axis of the page's range as --couplings lo:hi:n (n at COUPLINGS_PER_DECADE per decade, as the page's runLimits calls use). */
export function couplingsFlag([lo, hi]: [number, number]): string {
  const n = Math.max(2, Math.round(Math.log10(hi / lo) * COUPLINGS_PER_DECADE) + 1);
  return `${formatQueryNumber(lo)}:${formatQueryNumber(hi)}:${n}`;
}

function massesFlag(masses: PageQuery['masses']): string {
  return `${formatQueryNumber(masses.lo)}:${formatQueryNumber(masses.hi)}:${masses.count}`;
}

function perScenarioList(values: Array<number | undefined>, neutral: number | undefined): string | null {
  if (values.every((value) => value === neutral)) return null;
  if (values.length > 1 && values.every((value) => value === values[0])) return formatQueryNumber(values[0]!);
  return values.map((value) => (value === neutral || value === undefined ? '' : formatQueryNumber(value))).join(',');
}

/** The query string (without '?') of a page state; ',' and ':' stay readable. */
export function formatPageQuery(query: PageQuery): string {
  const entries: Array<[string, string]> = [
    ['scenario', query.scenarios.join(',')],
    ['model', query.model],
    ['masses', massesFlag(query.masses)],
    ['couplings', couplingsFlag(query.couplings)],
    ['samples', String(query.samples)],
    ['seed', String(query.seed)],
  ];
  const pot = perScenarioList(query.pot, undefined);
  if (pot !== null) entries.push(['pot', pot]);
  const background = perScenarioList(query.background, 1);
  if (background !== null) entries.push(['background', background]);
  if (query.maxAddedMasses !== DEFAULT_MAX_ADDED_MASSES) entries.push(['max-added-masses', String(query.maxAddedMasses)]);
  if (query.widths.trim() !== 'auto') entries.push(['widths', query.widths.trim()]);
  if (query.marker !== undefined) entries.push(['marker', formatQueryNumber(Number(query.marker.toPrecision(4)))]);
  if (query.view && query.view !== 'mass') entries.push(['view', query.view]);
  if (query.figure && query.figure !== 'paper') entries.push(['figure', query.figure]);
  if (query.bands === false) entries.push(['bands', 'off']);
  if (query.heat) entries.push(['heat', String(query.heat)]);
  return entries.map(([key, value]) => `${key}=${encodeURIComponent(value).replace(/%2C/g, ',').replace(/%3A/g, ':')}`).join('&');
}

/** What a URL sets (only the parameters present), and one message per parameter it could not use. */
export interface ParsedQuery {
  values: Partial<PageQuery>;
  errors: string[];
}

const KNOWN = new Set([
  'scenario',
  'model',
  'masses',
  'couplings',
  'samples',
  'seed',
  'pot',
  'background',
  'max-added-masses',
  'widths',
  'marker',
  'view',
  'figure',
  'bands',
  'heat',
]);

/**
 * Reads a query string (as in location.search). Each parameter is validated here, once, and a bad
 * one is reported naming it and the value (`URL parameter samples must be an integer ≥ 1 (got 'x')`)
 * and otherwise ignored; `scenarioNames` are the names the page offers.
 */
export function parsePageQuery(search: string, scenarioNames: readonly string[]): ParsedQuery {
  const params = new URLSearchParams(search.startsWith('?') ? search.slice(1) : search);
  const values: Partial<PageQuery> = {};
  const errors: string[] = [];
  const fail = (name: string, what: string, raw: string) => errors.push(`URL parameter ${name} ${what} (got '${raw}')`);
  const positive = (name: string, raw: string): number | null => {
    const value = parseDecimal(raw);
    if (!Number.isFinite(value) || !(value > 0)) {
      fail(name, 'must be a number > 0', raw);
      return null;
    }
    return value;
  };
  const integer = (name: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number | null => {
    const value = parseDecimal(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      fail(name, `must be an integer in [${min}, ${max}]`, raw);
      return null;
    }
    return value;
  };
  for (const key of params.keys())
    if (!KNOWN.has(key)) errors.push(`URL parameter ${key} is not one the page knows (ignored); known: ${[...KNOWN].join(', ')}`);
  const get = (name: string): string | null => params.get(name);

  const scenario = get('scenario');
  let scenarioCount = 0;
  if (scenario !== null) {
    const names = scenario
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const unknown = names.filter((name) => !scenarioNames.includes(name));
    if (names.length === 0) fail('scenario', 'must name at least one scenario', scenario);
    else if (unknown.length > 0)
      fail('scenario', `names scenarios the page does not offer: ${unknown.join(', ')} (offered: ${scenarioNames.join(', ')})`, scenario);
    else {
      values.scenarios = names;
      scenarioCount = names.length;
    }
  }
  const model = get('model');
  if (model !== null) {
    if (/^(gluon|photon|codominance)$/.test(model) || /^custom:[^,]+,[^,]+,[^,]+(,[^,]+)?$/.test(model)) values.model = model;
    else fail('model', 'must be gluon, photon, codominance or custom:c_GG,c_BB,c_WW[,c_ll]', model);
  }
  const masses = get('masses');
  if (masses !== null) {
    const parts = masses.split(':');
    const lo = parseDecimal(parts[0] ?? '');
    const hi = parseDecimal(parts[1] ?? '');
    const count = parseDecimal(parts[2] ?? '');
    if (parts.length !== 3 || !(lo > 0) || !(hi > 0) || !Number.isInteger(count) || count < 1 || (count > 1 && !(hi > lo)))
      fail('masses', 'must be lo:hi:n in GeV with 0 < lo < hi and n ≥ 1', masses);
    else values.masses = { lo, hi, count };
  }
  const couplings = get('couplings');
  if (couplings !== null) {
    const parts = couplings.split(':');
    const lo = parseDecimal(parts[0] ?? '');
    const hi = parseDecimal(parts[1] ?? '');
    if ((parts.length !== 2 && parts.length !== 3) || !(lo > 0) || !(hi > lo) || !Number.isFinite(hi))
      fail('couplings', 'must be lo:hi[:n] in GeV^-1 with 0 < lo < hi', couplings);
    else values.couplings = [lo, hi];
  }
  const samples = get('samples');
  if (samples !== null) values.samples = integer('samples', samples, 1) ?? undefined;
  const seed = get('seed');
  if (seed !== null) values.seed = integer('seed', seed, 0, 0xffffffff) ?? undefined;
  const added = get('max-added-masses');
  if (added !== null) values.maxAddedMasses = integer('max-added-masses', added, 0) ?? undefined;
  const widths = get('widths');
  if (widths !== null) {
    const [lo, hi, count] = widths.split(':').map(parseDecimal);
    if (widths === 'auto' || (widths.split(':').length === 3 && lo > 0 && hi > lo && Number.isFinite(hi) && Number.isInteger(count) && count >= 2))
      values.widths = widths;
    else fail('widths', "must be 'auto' or lo:hi:n in GeV with 0 < lo < hi and n ≥ 2", widths);
  }
  const perScenario = (name: string, neutral: number | undefined): Array<number | undefined> | undefined => {
    const raw = get(name);
    if (raw === null) return undefined;
    const items = raw.split(',');
    const count = scenarioCount || (values.scenarios?.length ?? 1);
    if (items.length !== 1 && items.length !== count) {
      fail(name, `must be one number or one per scenario (${count})`, raw);
      return undefined;
    }
    const parsed = items.map((item) => (item.trim() === '' ? neutral : (positive(name, item.trim()) ?? Number.NaN)));
    if (parsed.some((value) => Number.isNaN(value))) return undefined;
    return items.length === 1 ? Array.from({ length: count }, () => parsed[0]) : parsed;
  };
  const pot = perScenario('pot', undefined);
  if (pot) values.pot = pot;
  const background = perScenario('background', 1);
  if (background) values.background = background.map((value) => value ?? 1);
  const marker = get('marker');
  if (marker !== null) values.marker = positive('marker', marker) ?? undefined;
  const view = get('view');
  if (view !== null) {
    if (view === 'mass' || view === 'plane' || view === 'histogram') values.view = view;
    else fail('view', 'must be mass, plane or histogram', view);
  }
  const figure = get('figure');
  if (figure !== null) {
    if (figure === 'paper' || figure === 'explore') values.figure = figure;
    else fail('figure', 'must be paper or explore', figure);
  }
  const bands = get('bands');
  if (bands !== null) {
    if (bands === 'on' || bands === 'off') values.bands = bands === 'on';
    else fail('bands', 'must be on or off', bands);
  }
  const heat = get('heat');
  if (heat !== null) values.heat = integer('heat', heat, 0) ?? undefined;
  for (const key of Object.keys(values) as Array<keyof PageQuery>) if (values[key] === undefined) delete values[key];
  return { values, errors };
}

export interface CliContext {
  /** The engine the page ran on: reference → `--engine reference` (then the CLI gives the same numbers to round-off). */
  engineKind: 'webgpu' | 'reference';
  /** Scenarios whose tables were loaded from files (the command reads them with --tables). */
  fileScenarios: string[];
}

/**
 * `alpenglow limits` command(s) that reproduce the page's run: one command when every scenario has
 * the same exposure (as --pot is one number), else one per scenario; loaded table files add a
 * `--tables` command; a background scale, which has no flag, is said in a comment line.
 */
export function cliCommand(query: PageQuery, context: CliContext): string {
  const common = [`--model ${query.model}`, `--couplings ${couplingsFlag(query.couplings)}`];
  const run = [`--masses ${massesFlag(query.masses)}`, `--samples ${query.samples}`, `--seed ${query.seed}`];
  if (query.maxAddedMasses !== DEFAULT_MAX_ADDED_MASSES) run.push(`--max-added-masses ${query.maxAddedMasses}`);
  if (query.widths.trim() !== 'auto') run.push(`--widths ${query.widths.trim()}`);
  if (context.engineKind === 'reference') run.push('--engine reference');
  const groups: Array<{ names: string[]; pot: number | undefined }> = [];
  const potOf = (index: number) => query.pot[index];
  if (query.scenarios.every((_, index) => potOf(index) === potOf(0))) groups.push({ names: query.scenarios, pot: potOf(0) });
  else query.scenarios.forEach((name, index) => groups.push({ names: [name], pot: potOf(index) }));
  const potFlag = (pot: number | undefined) => (pot === undefined ? [] : [`--pot ${formatQueryNumber(pot)}`]);
  const lines = groups.map((group) =>
    [
      'alpenglow limits',
      `--scenario ${group.names.join(',')}`,
      ...common,
      ...run,
      ...potFlag(group.pot),
      `--out out/limits${groups.length > 1 ? `-${group.names[0]}` : ''}`,
    ].join(' '),
  );
  for (const name of context.fileScenarios) {
    const index = query.scenarios.indexOf(name);
    const words = [
      'alpenglow limits',
      `--scenario ${name}`,
      ...common,
      ...potFlag(index >= 0 ? potOf(index) : undefined),
      '--tables DIR',
      `--out out/limits-${name}-tables`,
    ];
    lines.push(`${words.join(' ')}   # DIR: the folder of the loaded table files`);
  }
  query.scenarios.forEach((name, index) => {
    const scale = query.background[index] ?? 1;
    if (scale !== 1)
      lines.push(
        `# ${name}: background × ${formatQueryNumber(scale)} has no flag: copy scenarios/${name}.json, multiply every regions[].backgroundEvents by ${formatQueryNumber(scale)}, set observedEvents to null, and give the copy to --scenario`,
      );
  });
  return lines.join('\n');
}
