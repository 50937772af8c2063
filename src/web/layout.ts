/**
 * The page's DOM: every control and view host, created once. No behaviour here: main.ts wires it.
 */
import { PLANE_COUPLINGS } from '../limits/index.ts';
import { DEFAULT_WIDTHS, formatRangeSpec } from '../tables/grid-spec.ts';
import { DEFAULT_MAX_ADDED_MASSES } from '../app/mass-refinement.ts';
import { field, h } from './dom.ts';

export type ViewName = 'mass' | 'plane' | 'histogram';

export function buildLayout(root: HTMLElement) {
  const adapter = h('span', {
    class: 'badge adapter',
    'data-testid': 'adapter',
    text: 'looking for a WebGPU adapter…',
    role: 'status',
    'aria-label': 'adapter',
  });
  // Status changes are announced to screen readers (role=status is a polite live region).
  const status = h('span', { class: 'badge status', 'data-testid': 'status', text: 'loading', role: 'status', 'aria-live': 'polite' });
  const banner = h('div', { class: 'banner', hidden: true, role: 'alert', 'data-testid': 'banner' });
  const header = h(
    'header',
    {},
    h(
      'div',
      { class: 'title' },
      h('h1', { text: 'alpenglow' }),
      h('span', { class: 'subtitle', text: 'axion-like particles at beam dumps and kaon experiments · 90 % CL exclusion explorer' }),
    ),
    h('div', { class: 'badges' }, h('span', { class: 'badge-label', text: 'adapter' }), adapter, h('span', { class: 'badge-label', text: 'status' }), status),
  );

  const scenarioSelect = h('select', { 'data-testid': 'scenario', multiple: true, size: 4 });
  const modelSelect = h('select', { 'data-testid': 'model' });
  for (const [value, label] of [
    ['gluon', 'gluon dominance (c_GG = 1)'],
    ['photon', 'photon dominance (c_BB = 1)'],
    ['codominance', 'codominance (c_GG = c_BB = c_WW = 1)'],
    ['custom', 'custom couplings'],
  ]) {
    modelSelect.append(h('option', { value, text: label }));
  }
  const customInputs: Record<'cGG' | 'cBB' | 'cWW' | 'cLL', { slider: HTMLInputElement; number: HTMLInputElement }> = {} as never;
  const customBox = h('div', { class: 'custom', hidden: true });
  for (const [key, label, initial] of [
    ['cGG', 'c_GG', 1],
    ['cBB', 'c_BB', 0.5],
    ['cWW', 'c_WW', 0],
    ['cLL', 'c_ℓℓ', 0],
  ] as const) {
    const slider = h('input', {
      type: 'range',
      min: -3,
      max: 3,
      step: 0.01,
      value: initial,
      'data-testid': `custom-${key}`,
      'aria-label': `${label} (slider)`,
    });
    const number = h('input', { type: 'number', step: 0.01, value: initial, class: 'small', 'aria-label': label });
    customInputs[key] = { slider, number };
    customBox.append(h('div', { class: 'coupling-row' }, h('span', { class: 'coupling-name', text: label }), slider, number));
  }
  const customError = h('div', { class: 'field-error' });
  customBox.append(customError);

  const massLo = h('input', { type: 'number', value: 0.02, step: 'any', 'data-testid': 'mass-lo', class: 'small', 'aria-label': 'lowest mass in GeV' });
  const massHi = h('input', { type: 'number', value: 0.5, step: 'any', 'data-testid': 'mass-hi', class: 'small', 'aria-label': 'highest mass in GeV' });
  const massCount = h('input', { type: 'number', value: 16, step: 1, min: 1, 'data-testid': 'mass-count', class: 'small', 'aria-label': 'number of masses' });
  const samples = h('input', { type: 'number', value: 16384, step: 256, min: 256, 'data-testid': 'samples' });
  const seed = h('input', { type: 'number', value: 1, step: 1, min: 0, 'data-testid': 'seed' });
  const maxAddedMasses = h('input', { type: 'number', value: DEFAULT_MAX_ADDED_MASSES, step: 1, min: 0, 'data-testid': 'max-added-masses', class: 'small' });
  const widths = h('input', { type: 'text', value: 'auto', 'data-testid': 'widths', placeholder: `auto or lo:hi:n, e.g. ${formatRangeSpec(DEFAULT_WIDTHS)}` });
  const couplingLo = h('input', {
    type: 'number',
    value: 1e-8,
    step: 'any',
    'data-testid': 'coupling-lo',
    class: 'small',
    'aria-label': 'lowest coupling in GeV⁻¹',
  });
  const couplingHi = h('input', {
    type: 'number',
    value: 1e-2,
    step: 'any',
    'data-testid': 'coupling-hi',
    class: 'small',
    'aria-label': 'highest coupling in GeV⁻¹',
  });
  const runButton = h('button', { class: 'primary', 'data-testid': 'run-button', text: 'Run' });
  const stopButton = h('button', { 'data-testid': 'stop-button', text: 'Stop', disabled: true });
  const progressBar = h('progress', { max: 1, value: 0, 'data-testid': 'progress' });
  const progressText = h('div', { class: 'progress-text', 'data-testid': 'progress-text', text: 'no run yet' });
  progressBar.setAttribute('aria-label', 'progress of the run');
  const uncertaintyText = h('div', { class: 'progress-text', 'data-testid': 'mc-uncertainty' });

  const couplingMarker = h('input', { type: 'range', min: 0, max: 1000, value: 600, 'data-testid': 'coupling-slider', 'aria-label': 'coupling marker' });
  const couplingMarkerText = h('span', { class: 'value' });
  /** One row per shown scenario: exposure (POT) and background sliders (exposure-controls.ts). */
  const exposureHost = h('div', { class: 'exposure-rows', 'data-testid': 'exposure-controls' });
  const bandsBox = h('input', { type: 'checkbox', checked: true, 'data-testid': 'show-bands' });
  const heatSelect = h('select', { 'data-testid': 'heat-scenario', 'aria-label': 'heat map of' });

  const fileInput = h('input', {
    type: 'file',
    multiple: true,
    accept: '.json,.txt,.dat,.csv,application/json,text/plain',
    'data-testid': 'table-file',
    'aria-label': 'table, scenario or bound files',
  });
  const dropZone = h(
    'div',
    { class: 'drop-zone', 'data-testid': 'drop-zone' },
    h('strong', { text: 'Table files' }),
    h('span', { text: ' from alpenglow grid (and existing bounds: AxionLimits/FORESEE two-column files): drop here or ' }),
    fileInput,
  );
  const fileMessages = h('ul', { class: 'file-messages', 'data-testid': 'file-messages', role: 'status', 'aria-live': 'polite' });
  const clearFiles = h('button', { text: 'Forget loaded tables', hidden: true });

  const exportSvg = h('button', { text: 'SVG', 'data-testid': 'export-svg' });
  const exportPng = h('button', { text: 'PNG', 'data-testid': 'export-png' });
  const exportCsv = h('button', { text: 'CSV', 'data-testid': 'export-csv' });
  const exportHepdata = h('button', { text: 'HEPData', 'data-testid': 'export-hepdata' });
  const exportAxionLimits = h('button', { text: 'AxionLimits', 'data-testid': 'export-axionlimits' });
  const exportForesee = h('button', { text: 'FORESEE', 'data-testid': 'export-foresee' });
  const figureMode = h('select', { 'data-testid': 'figure-mode' });
  for (const [value, label] of [
    ['paper', 'paper: filled observed, outlined projections, no heat map'],
    ['explore', 'explore: what the page shows'],
  ])
    figureMode.append(h('option', { value, text: label }));
  const cliCommand = h('pre', { class: 'cli-command', 'data-testid': 'cli-command', tabindex: 0, 'aria-label': 'the same run on the command line' });
  const copyCli = h('button', { text: 'Copy', 'data-testid': 'copy-cli' });

  const fieldErrors = {
    scenario: field('Scenarios (ctrl-click for several)', scenarioSelect),
    model: field('Model', modelSelect),
    masses: field('Masses m_a [GeV]: from, to, count (log-spaced)', h('div', { class: 'inline' }, massLo, massHi, massCount)),
    samples: field('Samples per mass', samples, 'produced ALPs per mass and production mode'),
    seed: field('Seed', seed),
    maxAddedMasses: field('Masses added where neighbours disagree (at most)', maxAddedMasses, 'adaptive refinement, as alpenglow limits --max-added-masses'),
    widths: field(
      'Widths Γ [GeV]: auto or lo:hi:n',
      widths,
      'auto: from the model, masses and coupling axis at 8 per decade, as alpenglow limits; lo:hi:n log-spaced as alpenglow grid --widths',
    ),
    couplings: field('Coupling axis [GeV⁻¹]: from, to', h('div', { class: 'inline' }, couplingLo, couplingHi)),
    figureMode: field('Figure mode of the exports', figureMode),
  };

  const controls = h(
    'aside',
    {},
    h(
      'section',
      {},
      h('h2', { text: 'Scan' }),
      fieldErrors.scenario.row,
      fieldErrors.model.row,
      customBox,
      fieldErrors.masses.row,
      h('div', { class: 'two' }, fieldErrors.samples.row, fieldErrors.seed.row),
      fieldErrors.widths.row,
      fieldErrors.maxAddedMasses.row,
      h('div', { class: 'buttons' }, runButton, stopButton),
      progressBar,
      progressText,
      uncertaintyText,
    ),
    h(
      'section',
      {},
      h('h2', { text: 'Explore (no MC re-run)' }),
      fieldErrors.couplings.row,
      h('div', { class: 'field' }, h('label', { for: 'coupling-marker', text: 'Coupling marker' }), couplingMarker, couplingMarkerText),
      h('div', { class: 'field' }, h('span', { class: 'field-title', text: 'Exposure and background per scenario' }), exposureHost),
      h('div', { class: 'field' }, h('label', { for: 'heat-scenario', text: 'Heat map of' }), heatSelect),
      h('label', { class: 'check' }, bandsBox, ' expected-limit band (±1σ, ±2σ)'),
    ),
    h('section', {}, h('h2', { text: 'Load' }), dropZone, fileMessages, clearFiles),
    h(
      'section',
      {},
      h('h2', { text: 'Export view' }),
      fieldErrors.figureMode.row,
      h('div', { class: 'buttons wrap' }, exportSvg, exportPng, exportCsv, exportHepdata, exportAxionLimits, exportForesee),
    ),
    h('section', {}, h('h2', { text: 'Same run on the command line' }), cliCommand, h('div', { class: 'buttons' }, copyCli)),
  );
  couplingMarker.id = 'coupling-marker';
  heatSelect.id = 'heat-scenario';

  const tabs: Record<ViewName, HTMLButtonElement> = {
    mass: h('button', { class: 'tab active', 'data-testid': 'tab-mass', text: 'Exclusion in (m_a, g)' }),
    plane: h('button', { class: 'tab', 'data-testid': 'tab-plane', text: 'Coupling plane at fixed mass' }),
    histogram: h('button', { class: 'tab', 'data-testid': 'tab-histogram', text: 'Signal distribution (KOTO: z_vtx, p_T)' }),
  };
  const planeMass = h('input', { type: 'range', min: 0, max: 1000, value: 500, 'data-testid': 'plane-mass', 'aria-label': 'mass of the coupling plane' });
  const planeMassText = h('span', { class: 'value' });
  const planeX = h('select', { 'data-testid': 'plane-x', 'aria-label': 'x coupling' });
  const planeY = h('select', { 'data-testid': 'plane-y', 'aria-label': 'y coupling' });
  for (const name of PLANE_COUPLINGS) {
    planeX.append(h('option', { value: name, text: `${name}/f_a` }));
    planeY.append(h('option', { value: name, text: `${name}/f_a` }));
  }
  planeX.value = 'c_GG';
  planeY.value = 'c_BB';
  const planeControls = h(
    'div',
    { class: 'view-controls', hidden: true },
    h('label', { text: 'm_a' }),
    planeMass,
    planeMassText,
    h('label', { text: 'x' }),
    planeX,
    h('label', { text: 'y' }),
    planeY,
  );
  const plotHost = h('div', { class: 'plot', 'data-testid': 'plot' });
  const tooltip = h('div', { class: 'tooltip', hidden: true });
  const plotNote = h('div', { class: 'plot-note', 'data-testid': 'plot-note', 'aria-live': 'off' });
  const numbers = h('div', { class: 'numbers', tabindex: 0, 'aria-label': 'expected signal at the coupling marker' });
  const histogramHost = h('div', { class: 'histogram-view', hidden: true });
  const intervals = h('div', { class: 'numbers', 'data-testid': 'excluded-intervals', tabindex: 0, 'aria-label': 'excluded coupling interval per mass' });
  const main = h(
    'main',
    {},
    h('nav', { class: 'tabs', 'aria-label': 'views' }, tabs.mass, tabs.plane, tabs.histogram),
    planeControls,
    h('div', { class: 'plot-wrap' }, plotHost, tooltip, histogramHost),
    plotNote,
    h('h2', { class: 'numbers-title', text: 'Expected signal at the coupling marker' }),
    numbers,
    h('h2', { class: 'numbers-title', text: 'Excluded coupling interval per mass (90 % CL)' }),
    intervals,
  );
  root.replaceChildren(header, banner, h('div', { class: 'layout' }, controls, main));

  return {
    adapter,
    status,
    banner,
    scenarioSelect,
    modelSelect,
    customInputs,
    customBox,
    customError,
    massLo,
    massHi,
    massCount,
    samples,
    seed,
    maxAddedMasses,
    widths,
    couplingLo,
    couplingHi,
    runButton,
    stopButton,
    progressBar,
    progressText,
    uncertaintyText,
    couplingMarker,
    couplingMarkerText,
    exposureHost,
    bandsBox,
    heatSelect,
    fileInput,
    dropZone,
    fileMessages,
    clearFiles,
    exportSvg,
    exportPng,
    exportCsv,
    exportHepdata,
    exportAxionLimits,
    exportForesee,
    figureMode,
    cliCommand,
    copyCli,
    fieldErrors,
    tabs,
    planeMass,
    planeMassText,
    planeX,
    planeY,
    planeControls,
    plotHost,
    tooltip,
    plotNote,
    numbers,
    histogramHost,
    intervals,
  };
}

export type Layout = ReturnType<typeof buildLayout>;
