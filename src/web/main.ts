/**
 * The alpenglow web app: pick scenarios and a model, run the Monte Carlo on WebGPU in the page,
 * watch the exclusion appear pass by pass, move sliders (coupling marker, exposure, custom
 * couplings, plane mass) and see signal numbers and contours follow without re-running the MC.
 * Tables from `alpenglow grid` can be dropped in and explored without any MC. See docs/web.md.
 */
import './style.css';
import { RunAborted } from '../engine/gpu-engine.ts';
import { parseRangeSpec, rangeValues, checkMassRange, formatRangeSpec, DEFAULT_WIDTHS, type RangeSpec } from '../tables/grid-spec.ts';
import { couplingAxisLabel, expectedSignal, parseLimitsModel, PLANE_COUPLINGS, type LimitsModel, type PlaneCoupling, type ScenarioTableSet } from '../limits/index.ts';
import { compileScenario } from '../scenarios/compile.ts';
import { SCENARIO_COLOURS } from '../plots/exclusion.ts';
import { computeCouplingPlanes, computeMassPlane, ringsWithoutBorder, signalRows, type MassPlaneResult, type ScenarioExclusion, type SignalRow } from './analysis.ts';
import { loadBundledScenarios, type BundledScenario } from './bundled-scenarios.ts';
import { heatRaster, VIRIDIS_STOPS } from './colour.ts';
import { ComputeClient } from './compute-client.ts';
import { download, field, formatNumber, h } from './dom.ts';
import { chooseEngine, type EngineChoice } from './engine-choice.ts';
import { invertPosition, plotSvg, type AreaLayer, type CurveLayer, type LegendEntry, type PlotSpec, type Point } from './plot.ts';
import { ScanRun, type ScanProgress } from './scan.ts';
import { loadTableFiles, type KnownScenario } from './table-files.ts';
import { histogramView } from './histogram-view.ts';

type ViewName = 'mass' | 'plane' | 'histogram';

interface Source {
  set: ScenarioTableSet;
  /** Legend label: scenario name and where the tables came from. */
  label: string;
  origin: 'run' | 'file';
}

const HEAT_RANGE = { lo: -1, hi: 4 };
const PLOT_WIDTH = 920;
const PLOT_HEIGHT = 600;

class UserInputError extends Error {
  override name = 'UserInputError';
  readonly userFacing = true;
}

function requireNumber(name: string, raw: string, options: { integer?: boolean; min?: number; positive?: boolean } = {}): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new UserInputError(`${name} must be a number (got '${raw}')`);
  if (options.integer && !Number.isInteger(value)) throw new UserInputError(`${name} must be an integer (got ${raw})`);
  if (options.positive && !(value > 0)) throw new UserInputError(`${name} must be > 0 (got ${raw})`);
  if (options.min !== undefined && value < options.min) throw new UserInputError(`${name} must be ≥ ${options.min} (got ${raw})`);
  return value;
}

function logSlider(value: number, [lo, hi]: [number, number]): string {
  return String(Math.round((1000 * Math.log(value / lo)) / Math.log(hi / lo)));
}

function fromLogSlider(position: string, [lo, hi]: [number, number]): number {
  return lo * (hi / lo) ** (Number(position) / 1000);
}

/** Union of polygon lists, for even-odd bands (outer area minus inner area). */
function bandPolygons(a: { polygons: Point[][][] }, b: { polygons: Point[][][] }): Point[][][] {
  return [...a.polygons, ...b.polygons];
}

async function start(root: HTMLElement): Promise<void> {
  // ---------------------------------------------------------------- layout
  const adapter = h('span', { class: 'badge adapter', 'data-testid': 'adapter', text: 'looking for a WebGPU adapter…' });
  const status = h('span', { class: 'badge status', 'data-testid': 'status', text: 'loading' });
  const banner = h('div', { class: 'banner', hidden: true });
  const header = h('header', {},
    h('div', { class: 'title' }, h('h1', { text: 'alpenglow' }), h('span', { class: 'subtitle', text: 'axion-like particles at beam dumps and kaon experiments · 90 % CL exclusion explorer' })),
    h('div', { class: 'badges' }, h('span', { class: 'badge-label', text: 'adapter' }), adapter, h('span', { class: 'badge-label', text: 'status' }), status));

  const scenarioSelect = h('select', { 'data-testid': 'scenario', multiple: true, size: 4 });
  const modelSelect = h('select', { 'data-testid': 'model' });
  for (const [value, label] of [['gluon', 'gluon dominance (c_GG = 1)'], ['photon', 'photon dominance (c_BB = 1)'], ['codominance', 'codominance (c_GG = c_BB = c_WW = 1)'], ['custom', 'custom couplings']]) {
    modelSelect.append(h('option', { value, text: label }));
  }
  const customInputs: Record<'cGG' | 'cBB' | 'cWW' | 'cLL', { slider: HTMLInputElement; number: HTMLInputElement }> = {} as never;
  const customBox = h('div', { class: 'custom', hidden: true });
  for (const [key, label, initial] of [['cGG', 'c_GG', 1], ['cBB', 'c_BB', 0.5], ['cWW', 'c_WW', 0], ['cLL', 'c_ℓℓ', 0]] as const) {
    const slider = h('input', { type: 'range', min: -3, max: 3, step: 0.01, value: initial, 'data-testid': `custom-${key}` });
    const number = h('input', { type: 'number', step: 0.01, value: initial, class: 'small' });
    customInputs[key] = { slider, number };
    customBox.append(h('div', { class: 'coupling-row' }, h('span', { class: 'coupling-name', text: label }), slider, number));
  }
  const customError = h('div', { class: 'field-error' });
  customBox.append(customError);

  const massLo = h('input', { type: 'number', value: 0.02, step: 'any', 'data-testid': 'mass-lo', class: 'small' });
  const massHi = h('input', { type: 'number', value: 0.5, step: 'any', 'data-testid': 'mass-hi', class: 'small' });
  const massCount = h('input', { type: 'number', value: 16, step: 1, min: 1, 'data-testid': 'mass-count', class: 'small' });
  const samples = h('input', { type: 'number', value: 16384, step: 256, min: 256, 'data-testid': 'samples' });
  const seed = h('input', { type: 'number', value: 1, step: 1, min: 0, 'data-testid': 'seed' });
  const widths = h('input', { type: 'text', value: formatRangeSpec(DEFAULT_WIDTHS), 'data-testid': 'widths' });
  const couplingLo = h('input', { type: 'number', value: 1e-8, step: 'any', 'data-testid': 'coupling-lo', class: 'small' });
  const couplingHi = h('input', { type: 'number', value: 1e-2, step: 'any', 'data-testid': 'coupling-hi', class: 'small' });
  const runButton = h('button', { class: 'primary', 'data-testid': 'run-button', text: 'Run' });
  const stopButton = h('button', { 'data-testid': 'stop-button', text: 'Stop', disabled: true });
  const progressBar = h('progress', { max: 1, value: 0, 'data-testid': 'progress' });
  const progressText = h('div', { class: 'progress-text', 'data-testid': 'progress-text', text: 'no run yet' });
  const uncertaintyText = h('div', { class: 'progress-text', 'data-testid': 'mc-uncertainty' });

  const couplingMarker = h('input', { type: 'range', min: 0, max: 1000, value: 600, 'data-testid': 'coupling-slider' });
  const couplingMarkerText = h('span', { class: 'value' });
  const potSlider = h('input', { type: 'range', min: -2, max: 2, step: 0.01, value: 0, 'data-testid': 'pot-slider' });
  const potText = h('span', { class: 'value' });
  const bandsBox = h('input', { type: 'checkbox', checked: true, 'data-testid': 'show-bands' });
  const heatSelect = h('select', { 'data-testid': 'heat-scenario' });

  const fileInput = h('input', { type: 'file', multiple: true, accept: '.json,application/json', 'data-testid': 'table-file' });
  const dropZone = h('div', { class: 'drop-zone', 'data-testid': 'drop-zone' }, h('strong', { text: 'Table files' }), h('span', { text: ' from alpenglow grid: drop here or ' }), fileInput);
  const fileMessages = h('ul', { class: 'file-messages', 'data-testid': 'file-messages' });
  const clearFiles = h('button', { text: 'Forget loaded tables', hidden: true });

  const exportSvg = h('button', { text: 'SVG', 'data-testid': 'export-svg' });
  const exportPng = h('button', { text: 'PNG', 'data-testid': 'export-png' });
  const exportCsv = h('button', { text: 'CSV', 'data-testid': 'export-csv' });

  const fieldErrors = {
    scenario: field('Scenarios (ctrl-click for several)', scenarioSelect),
    model: field('Model', modelSelect),
    masses: field('Masses m_a [GeV]: from, to, count (log-spaced)', h('div', { class: 'inline' }, massLo, massHi, massCount)),
    samples: field('Samples per mass', samples, 'produced ALPs per mass and production mode'),
    seed: field('Seed', seed),
    widths: field('Widths Γ [GeV]: lo:hi:n', widths, 'log-spaced; the CLI grid default covers KOTO'),
    couplings: field('Coupling axis [GeV⁻¹]: from, to', h('div', { class: 'inline' }, couplingLo, couplingHi)),
  };

  const controls = h('aside', {},
    h('section', {}, h('h2', { text: 'Scan' }), fieldErrors.scenario.row, fieldErrors.model.row, customBox, fieldErrors.masses.row, h('div', { class: 'two' }, fieldErrors.samples.row, fieldErrors.seed.row), fieldErrors.widths.row,
      h('div', { class: 'buttons' }, runButton, stopButton), progressBar, progressText, uncertaintyText),
    h('section', {}, h('h2', { text: 'Explore (no MC re-run)' }), fieldErrors.couplings.row,
      h('div', { class: 'field' }, h('label', { text: 'Coupling marker' }), couplingMarker, couplingMarkerText),
      h('div', { class: 'field' }, h('label', { text: 'Exposure' }), potSlider, potText),
      h('div', { class: 'field' }, h('label', { text: 'Heat map of' }), heatSelect),
      h('label', { class: 'check' }, bandsBox, ' expected-limit band (±1σ, ±2σ)')),
    h('section', {}, h('h2', { text: 'Load' }), dropZone, fileMessages, clearFiles),
    h('section', {}, h('h2', { text: 'Export view' }), h('div', { class: 'buttons' }, exportSvg, exportPng, exportCsv)));

  const tabs: Record<ViewName, HTMLButtonElement> = {
    mass: h('button', { class: 'tab active', 'data-testid': 'tab-mass', text: 'Exclusion in (m_a, g)' }),
    plane: h('button', { class: 'tab', 'data-testid': 'tab-plane', text: 'Coupling plane at fixed mass' }),
    histogram: h('button', { class: 'tab', 'data-testid': 'tab-histogram', text: 'Signal distribution (KOTO: z_vtx, p_T)' }),
  };
  const planeMass = h('input', { type: 'range', min: 0, max: 1000, value: 500, 'data-testid': 'plane-mass' });
  const planeMassText = h('span', { class: 'value' });
  const planeX = h('select', { 'data-testid': 'plane-x' });
  const planeY = h('select', { 'data-testid': 'plane-y' });
  for (const name of PLANE_COUPLINGS) {
    planeX.append(h('option', { value: name, text: `${name}/f_a` }));
    planeY.append(h('option', { value: name, text: `${name}/f_a` }));
  }
  planeX.value = 'c_GG';
  planeY.value = 'c_BB';
  const planeControls = h('div', { class: 'view-controls', hidden: true }, h('label', { text: 'm_a' }), planeMass, planeMassText, h('label', { text: 'x' }), planeX, h('label', { text: 'y' }), planeY);
  const plotHost = h('div', { class: 'plot', 'data-testid': 'plot' });
  const tooltip = h('div', { class: 'tooltip', hidden: true });
  const plotNote = h('div', { class: 'plot-note', 'data-testid': 'plot-note' });
  const numbers = h('div', { class: 'numbers' });
  const histogramHost = h('div', { class: 'histogram-view', hidden: true });
  const main = h('main', {},
    h('nav', { class: 'tabs' }, tabs.mass, tabs.plane, tabs.histogram),
    planeControls,
    h('div', { class: 'plot-wrap' }, plotHost, tooltip, histogramHost),
    plotNote,
    h('h2', { class: 'numbers-title', text: 'Expected signal at the coupling marker' }),
    numbers);
  root.replaceChildren(header, banner, h('div', { class: 'layout' }, controls, main));

  // ---------------------------------------------------------------- state
  const bundled = await loadBundledScenarios();
  const known: KnownScenario[] = bundled.scenarios.map((entry) => ({ scenario: entry.scenario, hash: entry.hash }));
  for (const entry of bundled.scenarios) {
    scenarioSelect.append(h('option', { value: entry.hash, text: `${entry.scenario.name} — ${entry.scenario.experiment}`, title: entry.scenario.description }));
  }
  // The KOTO Step 2 projection is the template scenario (scenarios/koto-step2.json): selected first.
  const preferred = Array.from(scenarioSelect.options).find((option) => option.textContent?.startsWith('koto-step2 ')) ?? scenarioSelect.options[0];
  if (preferred) preferred.selected = true;
  if (bundled.notOffered.length > 0) console.info(`alpenglow: not offered in the page:\n${bundled.notOffered.join('\n')}`);
  if (bundled.errors.length > 0) showBanner(`Some shipped scenarios failed validation and are not offered:\n${bundled.errors.join('\n')}`, 'warning');

  let view: ViewName = 'mass';
  let runSources: Source[] = [];
  let fileSources: Source[] = [];
  let run: ScanRun | null = null;
  let lastSpec: PlotSpec | null = null;
  let lastSvg = '';
  let lastCsv = '';
  let lastMassResult: MassPlaneResult | null = null;
  let lastRows: SignalRow[] = [];
  let chosenPoint: { massGeV: number; couplingPerGeV: number } | null = null;
  const compute = new ComputeClient();

  function showBanner(text: string, kind: 'warning' | 'info'): void {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  }

  function setStatus(text: string): void {
    status.textContent = text;
    status.dataset.state = text.startsWith('error') ? 'error' : text;
  }

  // ---------------------------------------------------------------- engine
  setStatus('idle');
  const engineChoicePromise: Promise<EngineChoice> = chooseEngine().then((choice) => {
    adapter.textContent = choice.engine.kind === 'webgpu' ? choice.engine.label : 'no WebGPU: float64 reference engine (CPU)';
    adapter.dataset.kind = choice.engine.kind;
    if (choice.fallbackReason) {
      showBanner(`WebGPU is not available here (${choice.fallbackReason}). Runs use the float64 reference engine in a background worker: it is about 100× slower, so keep scans small (a few masses, a few thousand samples), or load table files made with \`alpenglow grid\` and explore them without any Monte Carlo.`, 'warning');
      samples.value = '2048';
      massCount.value = '4';
    }
    if (choice.engine.kind === 'webgpu') {
      void choice.engine.acquired.lost.then((info) => {
        if (info.reason !== 'destroyed') showBanner(`The GPU device was lost (${info.message || info.reason}). Reload the page to start again.`, 'warning');
      });
    }
    return choice;
  });

  // ---------------------------------------------------------------- controls → values
  function selectedScenarios(): BundledScenario[] {
    return Array.from(scenarioSelect.selectedOptions).map((option) => bundled.scenarios.find((entry) => entry.hash === option.value)!).filter(Boolean);
  }

  function currentModel(): LimitsModel {
    customError.textContent = '';
    if (modelSelect.value !== 'custom') return parseLimitsModel(modelSelect.value);
    const value = (key: keyof typeof customInputs) => Number(customInputs[key].number.value);
    try {
      return parseLimitsModel(`custom:${value('cGG')},${value('cBB')},${value('cWW')},${value('cLL')}`);
    } catch (error) {
      customError.textContent = (error as Error).message;
      throw error;
    }
  }

  function couplingRange(): [number, number] {
    fieldErrors.couplings.error.textContent = '';
    try {
      const lo = requireNumber('coupling from', couplingLo.value, { positive: true });
      const hi = requireNumber('coupling to', couplingHi.value, { positive: true });
      if (!(hi > lo)) throw new UserInputError(`coupling range needs from < to (got ${lo} … ${hi})`);
      return [lo, hi];
    } catch (error) {
      fieldErrors.couplings.error.textContent = (error as Error).message;
      throw error;
    }
  }

  function markerCoupling(): number {
    return fromLogSlider(couplingMarker.value, couplingRange());
  }

  function potFactor(): number {
    return 10 ** Number(potSlider.value);
  }

  function sources(): Source[] {
    return [...runSources, ...fileSources];
  }

  function planeMassRange(): [number, number] | null {
    const all = sources();
    if (all.length === 0) return null;
    const lo = Math.min(...all.map((source) => source.set.tables[0].massesGeV[0]));
    const hi = Math.max(...all.map((source) => source.set.tables[0].massesGeV.at(-1)!));
    return [lo, hi > lo ? hi : lo * 1.0000001];
  }

  // ---------------------------------------------------------------- views
  let renderQueued = false;
  function scheduleRender(): void {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => {
      renderQueued = false;
      try {
        render();
      } catch (error) {
        plotNote.textContent = `✗ ${(error as Error).message}`;
      }
    });
  }

  function refreshHeatChoices(): void {
    const previous = heatSelect.value;
    heatSelect.replaceChildren(...sources().map((source, index) => h('option', { value: String(index), text: source.label })));
    if (Array.from(heatSelect.options).some((option) => option.value === previous)) heatSelect.value = previous;
  }

  function render(): void {
    const [gLo, gHi] = couplingRange();
    const g = markerCoupling();
    couplingMarkerText.textContent = `g = ${formatNumber(g)} GeV⁻¹`;
    const factor = potFactor();
    const firstPot = sources()[0]?.set.scenario.exposure.pot ?? selectedScenarios()[0]?.scenario.exposure.pot;
    potText.textContent = `× ${formatNumber(factor)}${firstPot ? ` (${formatNumber(firstPot * factor)} POT for ${sources()[0]?.set.scenario.name ?? selectedScenarios()[0]?.scenario.name})` : ''}`;
    const model = currentModel();
    plotHost.hidden = view === 'histogram';
    histogramHost.hidden = view !== 'histogram';
    planeControls.hidden = view !== 'plane';
    if (view === 'mass') renderMassView(model, [gLo, gHi], g, factor);
    else if (view === 'plane') renderPlaneView(factor);
    else renderHistogramView(model);
    renderNumbers(model, g, factor);
  }

  function exclusionLayers(entry: ScenarioExclusion, colour: string, testIdSuffix: string, areas: AreaLayer[], curves: CurveLayer[]): void {
    if (bandsBox.checked && entry.expected) {
      areas.push({ polygons: bandPolygons(entry.expected.band2[0], entry.expected.band2[1]), fill: '#f2c12e', opacity: 0.55 });
      areas.push({ polygons: bandPolygons(entry.expected.band1[0], entry.expected.band1[1]), fill: '#3aa655', opacity: 0.55 });
    }
    areas.push({ polygons: entry.nominal.polygons, fill: colour, opacity: 0.12, testId: `excluded-area${testIdSuffix}` });
    areas.push({ polygons: bandPolygons(entry.mcHigh, entry.mcLow), fill: colour, opacity: 0.35, testId: `mc-band${testIdSuffix}` });
    if (entry.setup.basis === 'observed' && entry.expected) {
      curves.push({ lines: [...entry.expected.median.lower, ...entry.expected.median.upper], stroke: colour, width: 2, dash: '7 4', halo: true, testId: `expected-median${testIdSuffix}` });
    }
    const edges = [...entry.nominal.lower, ...entry.nominal.upper];
    const data = { 'data-scenario': entry.set.scenario.name };
    if (edges.length > 0) curves.push({ lines: edges, stroke: colour, width: 2.6, halo: true, testId: 'contour', data });
    else if (entry.nominal.polygons.length > 0) curves.push({ lines: entry.nominal.polygons.flat(), closed: true, stroke: colour, width: 2.6, halo: true, testId: 'contour', data });
  }

  function renderMassView(model: LimitsModel, range: [number, number], marker: number, factor: number): void {
    const all = sources();
    const yLabel = `${couplingAxisLabel(model).replace(/c_(GG|BB|WW|ℓℓ)/, 'c_{$1}').replace('f_a', 'f_{a}')} [GeV^{-1}]`;
    const modelText = model.name.startsWith('custom:') ? `custom: c_{GG} = ${model.cGG}, c_{BB} = ${model.cBB}, c_{WW} = ${model.cWW}, c_{ℓℓ} = ${model.cLL}` : `${model.name} benchmark`;
    if (all.length === 0) {
      lastSpec = {
        width: PLOT_WIDTH, height: PLOT_HEIGHT, title: `ALP ${modelText}`, x: { domain: [0.01, 1], log: true, label: 'm_{a} [GeV]', decimal: true },
        y: { domain: range, log: true, label: yLabel }, emptyMessage: 'Press Run (or load table files) to compute the exclusion.',
      };
      lastMassResult = null;
      drawSpec();
      plotNote.textContent = '';
      lastCsv = '';
      return;
    }
    const heatIndex = Number(heatSelect.value || 0);
    const result = computeMassPlane({ sets: all.map((source) => source.set), model, couplingRange: range, potFactor: factor, heatIndex });
    lastMassResult = result;
    const areas: AreaLayer[] = [];
    const curves: CurveLayer[] = [];
    const legend: LegendEntry[] = [];
    result.scenarios.forEach((entry, index) => {
      const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
      exclusionLayers(entry, colour, index === 0 ? '' : `-${index}`, areas, curves);
      legend.push({ label: `${all[index].label}: ${entry.setup.basis === 'observed' ? 'observed' : 'expected (median)'} 90 % CL`, kind: 'line', colour });
    });
    legend.push({ label: 'MC statistical ±1σ of the edge', kind: 'band', colour: '#555' });
    if (bandsBox.checked && result.scenarios.some((entry) => entry.expected)) {
      legend.push({ label: 'expected ±1σ', kind: 'band', colour: '#3aa655' }, { label: 'expected ±2σ', kind: 'band', colour: '#f2c12e' });
    }
    if (result.scenarios.some((entry) => entry.setup.basis === 'observed' && entry.expected)) legend.push({ label: 'expected median', kind: 'dashed', colour: '#333' });
    let heat: PlotSpec['heat'];
    if (result.heat && result.masses.length >= 2) {
      const { plane, total } = result.heat;
      const values = Float64Array.from(total, (value, p) => (plane.status[p] === 0 ? value : Number.NaN));
      heat = {
        href: heatRaster(values, plane.massesGeV.length, plane.couplingsPerGeV.length, HEAT_RANGE),
        colourBar: {
          title: `N_{sig}, ${all[Math.min(heatIndex, all.length - 1)].set.scenario.name}`,
          stops: VIRIDIS_STOPS,
          ticks: Array.from({ length: HEAT_RANGE.hi - HEAT_RANGE.lo + 1 }, (_, k) => ({ fraction: k / (HEAT_RANGE.hi - HEAT_RANGE.lo), label: formatNumber(10 ** (HEAT_RANGE.lo + k)) })),
        },
      };
    }
    const massDomain: [number, number] = result.masses.length >= 2 ? [result.masses[0], result.masses.at(-1)!] : [result.masses[0] / 1.5, result.masses[0] * 1.5];
    lastSpec = {
      width: PLOT_WIDTH, height: PLOT_HEIGHT,
      title: `ALP ${modelText}`,
      subtitle: `90 % CL CLs exclusion · exposure × ${formatNumber(factor)} · heat map: expected signal events`,
      x: { domain: massDomain, log: true, label: 'm_{a} [GeV]', decimal: true },
      y: { domain: range, log: true, label: yLabel },
      heat, areas, curves, legend,
      guides: [{ y: marker, colour: '#c0392b', label: `marker g = ${formatNumber(marker)} GeV^{-1}`, testId: 'coupling-marker' }],
      markers: chosenPoint ? [{ points: [{ at: [chosenPoint.massGeV, chosenPoint.couplingPerGeV] }], colour: '#c0392b' }] : [],
      emptyMessage: result.masses.length < 2 ? 'one mass so far: the contour appears after the next pass' : undefined,
    };
    drawSpec();
    const notes = result.scenarios.map((entry, index) => {
      const mc = entry.mcRelativeUncertainty;
      return `${all[index].label}: ${entry.set.tables[0].massesGeV.length} masses, ${entry.set.tables[0].widthsGeV.length} widths, ${entry.set.tables[0].samplesPerMass} samples/mass; MC uncertainty of N_sig near the edge ${mc === null ? 'n/a' : `±${(100 * mc).toFixed(1)} %`}` +
        `${entry.unknownFraction > 0 ? `; ${(100 * entry.unknownFraction).toFixed(0)} % of the plane lies outside the simulated widths (grey)` : ''}; basis: ${entry.setup.basisNote}`;
    });
    plotNote.textContent = `${notes.join('\n')}\nrescaling + CLs + contours: ${result.milliseconds.toFixed(0)} ms`;
    const mc = result.scenarios[0]?.mcRelativeUncertainty;
    uncertaintyText.textContent = mc === null || mc === undefined ? '' : `current MC uncertainty of N_sig near the contour: ±${(100 * mc).toFixed(1)} %`;
    lastCsv = massCsv(result, all);
  }

  function massCsv(result: MassPlaneResult, all: Source[]): string {
    const rows = ['scenario,source,curve,edge,segment,point,massGeV,couplingPerGeV'];
    result.scenarios.forEach((entry, index) => {
      const curves: Array<[string, ScenarioExclusion['nominal']]> = [['nominal', entry.nominal], ['mc-minus-1sigma', entry.mcLow], ['mc-plus-1sigma', entry.mcHigh]];
      if (entry.expected) curves.push(['expected-median', entry.expected.median]);
      for (const [curve, contours] of curves) {
        for (const edge of ['lower', 'upper'] as const) {
          contours[edge].forEach((line, segment) => line.forEach(([m, g], point) => rows.push(`${entry.set.scenario.name},${all[index].origin},${curve},${edge},${segment},${point},${m},${g}`)));
        }
      }
    });
    return `${rows.join('\n')}\n`;
  }

  function renderPlaneView(factor: number): void {
    const range = planeMassRange();
    const x = planeX.value as PlaneCoupling;
    const y = planeY.value as PlaneCoupling;
    const [gLo, gHi] = couplingRange();
    const axis = (name: string) => `${name.replace(/^c_(\w+)$/, 'c_{$1}').replace('c_{ll}', 'c_{ℓℓ}')}/f_{a} [GeV^{-1}]`;
    if (!range || x === y) {
      lastSpec = {
        width: PLOT_WIDTH, height: PLOT_HEIGHT, title: 'Coupling plane at fixed mass', x: { domain: [gLo, gHi], log: true, label: axis(x) }, y: { domain: [gLo, gHi], log: true, label: axis(y) },
        emptyMessage: x === y ? 'choose two different couplings' : 'Press Run (or load table files) first.',
      };
      drawSpec();
      plotNote.textContent = '';
      lastCsv = '';
      return;
    }
    const massGeV = range[1] > range[0] ? fromLogSlider(planeMass.value, range) : range[0];
    planeMassText.textContent = `${formatNumber(massGeV, 4)} GeV`;
    const { planes, milliseconds } = computeCouplingPlanes({ sets: sources().map((s) => s.set), massGeV, x, y, range: [gLo, gHi], points: 48, potFactor: factor });
    const areas: AreaLayer[] = [];
    const curves: CurveLayer[] = [];
    const legend: LegendEntry[] = [];
    const all = sources();
    for (const { index, plane } of planes) {
      const colour = SCENARIO_COLOURS[index % SCENARIO_COLOURS.length];
      areas.push({ polygons: plane.contours.nominal.polygons, fill: colour, opacity: 0.14 });
      areas.push({ polygons: bandPolygons(plane.contours.mcPlus1Sigma, plane.contours.mcMinus1Sigma), fill: colour, opacity: 0.35 });
      const edges = ringsWithoutBorder(plane.contours.nominal.polygons.flat(), [gLo, gHi], [gLo, gHi]);
      curves.push({ lines: edges, stroke: colour, width: 2.4, testId: 'plane-contour', data: { 'data-scenario': plane.scenario } });
      legend.push({ label: `${all[index].label}: ${plane.basis === 'observed' ? 'observed' : 'expected (median)'} 90 % CL`, kind: 'area', colour });
    }
    if (planes.length > 0) legend.push({ label: 'MC statistical ±1σ of the edge', kind: 'band', colour: '#555' });
    lastSpec = {
      width: PLOT_WIDTH, height: PLOT_HEIGHT,
      title: `m_{a} = ${formatNumber(massGeV, 4)} GeV, other couplings 0`,
      subtitle: `90 % CL CLs exclusion · exposure × ${formatNumber(factor)}`,
      x: { domain: [gLo, gHi], log: true, label: axis(x) },
      y: { domain: [gLo, gHi], log: true, label: axis(y) },
      areas, curves, legend,
      emptyMessage: planes.length === 0 ? 'no loaded tables cover this mass' : undefined,
    };
    drawSpec();
    const warnings = planes.flatMap(({ index, plane }) => plane.warnings.map((warning) => `${sources()[index].label}: ${warning}`));
    plotNote.textContent = `${warnings.join('\n')}${warnings.length ? '\n' : ''}plane: ${milliseconds.toFixed(0)} ms`;
    const rows = ['scenario,curve,ring,point,xCouplingPerGeV,yCouplingPerGeV'];
    for (const { plane } of planes) {
      for (const [curve, set] of [['nominal', plane.contours.nominal], ['mc-minus-1sigma', plane.contours.mcMinus1Sigma], ['mc-plus-1sigma', plane.contours.mcPlus1Sigma]] as const) {
        set.polygons.flat().forEach((ring, ringIndex) => ring.forEach(([a, b], point) => rows.push(`${plane.scenario},${curve},${ringIndex},${point},${a},${b}`)));
      }
    }
    lastCsv = `# m_a = ${massGeV} GeV; x = ${x}/f_a, y = ${y}/f_a (GeV^-1)\n${rows.join('\n')}\n`;
  }

  const histogram = histogramView(histogramHost, {
    engine: () => engineChoicePromise,
    compute,
    onStatus: (text) => setStatus(text),
    seed: () => {
      const value = Number(seed.value);
      return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : 1;
    },
  });
  histogram.setOnChange(scheduleRender);

  function renderHistogramView(model: LimitsModel): void {
    // The scenario of the heat map, at the clicked point (default: its middle table mass at the marker).
    const all = sources();
    const source = all[Math.min(Number(heatSelect.value || 0), all.length - 1)];
    const masses = source?.set.tables[0].massesGeV;
    const point = chosenPoint ?? (masses ? { massGeV: masses[Math.floor(masses.length / 2)], couplingPerGeV: markerCoupling() } : null);
    const result = histogram.render(model, source?.set.scenario ?? null, point, potFactor());
    lastSpec = result.spec;
    lastSvg = result.svg;
    lastCsv = result.csv;
    plotNote.textContent = result.note;
  }

  function drawSpec(): void {
    if (!lastSpec) return;
    lastSvg = plotSvg(lastSpec);
    plotHost.innerHTML = lastSvg;
  }

  function renderNumbers(model: LimitsModel, g: number, factor: number): void {
    const all = sources();
    if (all.length === 0) {
      numbers.replaceChildren(h('p', { class: 'muted', text: 'No tables yet.' }));
      lastRows = [];
      return;
    }
    lastRows = signalRows(all.map((source) => source.set), model, g, factor);
    const regionNames = all[0].set.scenario.regions.map((region) => region.name);
    const table = h('table', { 'data-testid': 'signal-table' },
      h('thead', {}, h('tr', {}, ...['scenario', 'source', 'm_a [GeV]', 'Γ_tot [GeV]', 'BR', 'N_sig', '± MC', 'status'].map((text) => h('th', { text })))));
    const body = h('tbody');
    lastRows.forEach((row) => {
      const source = all[row.setIndex];
      const point = row.point;
      body.append(h('tr', {
        'data-testid': 'signal-row', 'data-scenario': row.scenario, 'data-origin': source.origin, 'data-mass': String(point.massGeV), 'data-coupling': String(point.couplingPerGeV),
        'data-total': String(point.total), 'data-total-error': String(point.totalError), 'data-status': point.statusName,
      },
      h('td', { text: row.scenario }), h('td', { text: source.origin }), h('td', { text: formatNumber(point.massGeV, 4) }), h('td', { text: formatNumber(point.totalWidthGeV) }),
      h('td', { text: formatNumber(point.branchingRatio) }), h('td', { class: 'num', text: formatNumber(point.total, 4) }), h('td', { class: 'num', text: formatNumber(point.totalError, 2) }),
      h('td', { text: point.statusName })));
    });
    table.append(body);
    numbers.replaceChildren(h('p', { class: 'muted', text: `g = ${formatNumber(g, 4)} GeV⁻¹ (${couplingAxisLabel(model)}), regions: ${regionNames.join(', ')}; numbers update with every slider move.` }), table);
  }

  // ---------------------------------------------------------------- hover and click on the plot
  function dataPosition(event: MouseEvent): Point | null {
    const svg = plotHost.querySelector('svg');
    if (!svg || !lastSpec) return null;
    const box = svg.getBoundingClientRect();
    const scaleX = lastSpec.width / box.width;
    const scaleY = lastSpec.height / box.height;
    return invertPosition(lastSpec, (event.clientX - box.left) * scaleX, (event.clientY - box.top) * scaleY);
  }

  plotHost.addEventListener('mousemove', (event) => {
    if (view !== 'mass' || !lastMassResult || lastMassResult.scenarios.length === 0) {
      tooltip.hidden = true;
      return;
    }
    const at = dataPosition(event);
    if (!at) {
      tooltip.hidden = true;
      return;
    }
    try {
      const model = currentModel();
      const rows = lastMassResult.scenarios.map((entry) => {
        const [lo, hi] = entry.massRange;
        if (at[0] < lo || at[0] > hi) return `${entry.set.scenario.name}: mass outside the tables`;
        const pot = entry.set.scenario.exposure.pot * potFactor();
        const point = expectedSignal(entry.set, model, at[0], at[1], { pot });
        if (point.statusName !== 'ok') return `${entry.set.scenario.name}: ${point.statusName}`;
        return `${entry.set.scenario.name}: N_sig = ${formatNumber(point.total)} ± ${formatNumber(point.totalError, 2)} (Γ = ${formatNumber(point.totalWidthGeV)} GeV)`;
      });
      tooltip.textContent = `m_a = ${formatNumber(at[0], 4)} GeV, g = ${formatNumber(at[1], 3)} GeV⁻¹\n${rows.join('\n')}`;
      tooltip.hidden = false;
      const host = plotHost.getBoundingClientRect();
      tooltip.style.left = `${event.clientX - host.left + 14}px`;
      tooltip.style.top = `${event.clientY - host.top + 14}px`;
    } catch {
      tooltip.hidden = true;
    }
  });
  plotHost.addEventListener('mouseleave', () => {
    tooltip.hidden = true;
  });
  plotHost.addEventListener('click', (event) => {
    if (view !== 'mass') return;
    const at = dataPosition(event);
    if (!at) return;
    chosenPoint = { massGeV: at[0], couplingPerGeV: at[1] };
    const range = couplingRange();
    couplingMarker.value = logSlider(at[1], range);
    const massRange = planeMassRange();
    if (massRange && massRange[1] > massRange[0]) planeMass.value = logSlider(Math.min(Math.max(at[0], massRange[0]), massRange[1]), massRange);
    scheduleRender();
  });

  // ---------------------------------------------------------------- run
  function readPlan(): { scenarios: BundledScenario[]; masses: RangeSpec; widths: RangeSpec; samples: number; seed: number } {
    for (const entry of Object.values(fieldErrors)) entry.error.textContent = '';
    const errors: string[] = [];
    const guard = <T>(target: { error: HTMLElement }, compute: () => T): T | undefined => {
      try {
        return compute();
      } catch (error) {
        target.error.textContent = (error as Error).message;
        errors.push((error as Error).message);
        return undefined;
      }
    };
    const scenarios = guard(fieldErrors.scenario, () => {
      const chosen = selectedScenarios();
      if (chosen.length === 0) throw new UserInputError('choose at least one scenario');
      return chosen;
    });
    const masses = guard(fieldErrors.masses, () => {
      const lo = requireNumber('lowest mass', massLo.value, { positive: true });
      const hi = requireNumber('highest mass', massHi.value, { positive: true });
      const count = requireNumber('mass count', massCount.value, { integer: true, min: 1 });
      const spec = parseRangeSpec('masses', `${lo}:${count === 1 ? lo : hi}:${count}`, 'GeV');
      for (const entry of scenarios ?? []) checkMassRange(spec, entry.scenario, compileScenario(entry.scenario));
      return spec;
    });
    const widthSpec = guard(fieldErrors.widths, () => parseRangeSpec('widths', widths.value.trim(), 'GeV'));
    const sampleCount = guard(fieldErrors.samples, () => requireNumber('samples per mass', samples.value, { integer: true, min: 1 }));
    const seedValue = guard(fieldErrors.seed, () => {
      const value = requireNumber('seed', seed.value, { integer: true, min: 0 });
      if (value > 0xffffffff) throw new UserInputError(`seed must be ≤ ${0xffffffff} (got ${value})`);
      return value;
    });
    guard(fieldErrors.model, () => currentModel());
    if (errors.length > 0) throw new UserInputError(errors[0]);
    return { scenarios: scenarios!, masses: masses!, widths: widthSpec!, samples: sampleCount!, seed: seedValue! };
  }

  function describeProgress(progress: ScanProgress): string {
    const mass = progress.currentMassGeV === null ? '' : ` · m_a = ${formatNumber(progress.currentMassGeV, 3)} GeV`;
    return `${progress.massesDone}/${progress.massCount} masses · ${(100 * progress.fraction).toFixed(1)} %${mass} · ${progress.currentLabel} · ${formatNumber(progress.trialsPerSecond)} trials/s · ${progress.elapsedSeconds.toFixed(1)} s`;
  }

  runButton.addEventListener('click', async () => {
    let plan;
    try {
      plan = readPlan();
    } catch (error) {
      setStatus(`error: ${(error as Error).message}`);
      return;
    }
    const choice = await engineChoicePromise;
    runButton.disabled = true;
    stopButton.disabled = false;
    setStatus('running');
    progressBar.value = 0;
    runSources = [];
    refreshHeatChoices();
    const current = new ScanRun({
      scenarios: plan.scenarios, massesGeV: rangeValues(plan.masses), widthsGeV: rangeValues(plan.widths), samplesPerMass: plan.samples, seed: plan.seed,
    }, choice.engine, compute);
    run = current;
    const started = performance.now();
    try {
      await current.run((progress, massFinished) => {
        progressBar.value = progress.fraction;
        progressText.textContent = describeProgress(progress);
        if (massFinished) {
          runSources = current.snapshot().map((set) => ({ set, label: `${set.scenario.name} (this run)`, origin: 'run' as const }));
          refreshHeatChoices();
          scheduleRender();
        }
      });
      runSources = current.snapshot().map((set) => ({ set, label: `${set.scenario.name} (this run)`, origin: 'run' as const }));
      refreshHeatChoices();
      render();
      const seconds = (performance.now() - started) / 1000;
      progressText.textContent = `finished ${plan.masses.count} masses × ${plan.widths.count} widths × ${plan.samples} samples in ${seconds.toFixed(1)} s on ${choice.engine.label}`;
      progressText.dataset.seconds = seconds.toFixed(2);
      setStatus('done');
    } catch (error) {
      if (error instanceof RunAborted || current.stopped) {
        setStatus('stopped');
        progressText.textContent = `stopped; ${runSources.length > 0 ? 'the masses finished so far are shown' : 'no mass had finished'}`;
      } else {
        setStatus(`error: ${(error as Error).message}`);
        console.error(error);
      }
      scheduleRender();
    } finally {
      if (run === current) run = null;
      runButton.disabled = false;
      stopButton.disabled = true;
    }
  });

  stopButton.addEventListener('click', () => {
    run?.stop();
  });

  // ---------------------------------------------------------------- files
  async function loadFiles(list: FileList | File[]): Promise<void> {
    const files = Array.from(list);
    if (files.length === 0) return;
    const loaded = await loadTableFiles(files.map((file) => ({ name: file.name, text: () => file.text() })), known);
    known.push(...loaded.scenarios.filter((entry) => !known.some((k) => k.hash === entry.hash)));
    for (const set of loaded.sets) {
      fileSources = fileSources.filter((source) => source.set.scenarioHash !== set.scenarioHash);
      fileSources.push({ set, label: `${set.scenario.name} (file)`, origin: 'file' });
    }
    fileMessages.replaceChildren(...loaded.messages.map((message) => h('li', { class: message.startsWith('✗') ? 'bad' : '', text: message })));
    clearFiles.hidden = fileSources.length === 0;
    refreshHeatChoices();
    scheduleRender();
    fileMessages.dataset.loaded = String(fileSources.length);
  }
  fileInput.addEventListener('change', () => {
    if (fileInput.files) void loadFiles(fileInput.files);
  });
  for (const target of [dropZone, root]) {
    target.addEventListener('dragover', (event) => {
      event.preventDefault();
      dropZone.classList.add('dragging');
    });
    target.addEventListener('dragleave', () => dropZone.classList.remove('dragging'));
    target.addEventListener('drop', (event) => {
      event.preventDefault();
      dropZone.classList.remove('dragging');
      if (event.dataTransfer?.files) void loadFiles(event.dataTransfer.files);
    });
  }
  clearFiles.addEventListener('click', () => {
    fileSources = [];
    fileMessages.replaceChildren();
    clearFiles.hidden = true;
    refreshHeatChoices();
    scheduleRender();
  });

  // ---------------------------------------------------------------- exports
  function baseName(): string {
    const names = [...new Set(sources().map((source) => source.set.scenario.name))].join('+') || 'alpenglow';
    return `${names}_${view === 'mass' ? 'exclusion' : view === 'plane' ? 'coupling-plane' : 'zvtx-pt'}`;
  }
  exportSvg.addEventListener('click', () => {
    if (lastSvg) download(`${baseName()}.svg`, new Blob([lastSvg], { type: 'image/svg+xml' }));
  });
  exportCsv.addEventListener('click', () => {
    const signal = lastRows.map((row) => `${row.scenario},${row.point.massGeV},${row.point.couplingPerGeV},${row.point.totalWidthGeV},${row.point.branchingRatio},${row.point.total},${row.point.totalError},${row.point.statusName}`);
    const text = `${lastCsv}\n# expected signal at the coupling marker\nscenario,massGeV,couplingPerGeV,totalWidthGeV,branchingRatio,signalEvents,signalMcError,status\n${signal.join('\n')}\n`;
    download(`${baseName()}.csv`, new Blob([text], { type: 'text/csv' }));
  });
  exportPng.addEventListener('click', async () => {
    if (!lastSvg || !lastSpec) return;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(lastSvg)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = lastSpec.width * 2;
    canvas.height = lastSpec.height * 2;
    const context = canvas.getContext('2d')!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    canvas.toBlob((blob) => {
      if (blob) download(`${baseName()}.png`, blob);
    }, 'image/png');
  });

  // ---------------------------------------------------------------- wiring
  for (const [name, button] of Object.entries(tabs) as Array<[ViewName, HTMLButtonElement]>) {
    button.addEventListener('click', () => {
      view = name;
      for (const other of Object.values(tabs)) other.classList.toggle('active', other === button);
      scheduleRender();
    });
  }
  modelSelect.addEventListener('change', () => {
    customBox.hidden = modelSelect.value !== 'custom';
    scheduleRender();
  });
  for (const { slider, number } of Object.values(customInputs)) {
    slider.addEventListener('input', () => {
      number.value = slider.value;
      scheduleRender();
    });
    number.addEventListener('input', () => {
      slider.value = number.value;
      scheduleRender();
    });
  }
  for (const control of [couplingMarker, potSlider, couplingLo, couplingHi, heatSelect, bandsBox, planeMass, planeX, planeY]) {
    control.addEventListener('input', scheduleRender);
    control.addEventListener('change', scheduleRender);
  }

  // Keyboard: Enter in a scan field runs.
  for (const input of [massLo, massHi, massCount, samples, seed, widths]) {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !runButton.disabled) runButton.click();
    });
  }

  // For users' own automation (and the e2e test): the tables behind the current view.
  (window as unknown as { alpenglow: unknown }).alpenglow = {
    tableSets: () => sources().map((source) => ({ origin: source.origin, label: source.label, scenarioHash: source.set.scenarioHash, tables: source.set.tables })),
    /** The (m_a, g) view's 90 % CL contours (data coordinates), one entry per source, in legend order. */
    exclusion: () => (lastMassResult?.scenarios ?? []).map((entry, index) => ({ origin: sources()[index]?.origin, scenario: entry.set.scenario.name, nominal: entry.nominal })),
  };

  render();
  await engineChoicePromise;
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((error: unknown) => {
    console.error(error);
    root.append(h('div', { class: 'banner warning', text: `alpenglow could not start: ${(error as Error).message}` }));
  });
}
