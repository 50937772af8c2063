/**
 * Between the page's controls and its URL: the current state as a PageQuery (page-query.ts), written
 * to the address bar with history.replaceState (no history entry per slider move), and a parsed
 * query applied to the controls on load. The equivalent CLI command is shown next to the exports.
 */
import type { BundledScenario } from './bundled-scenarios.ts';
import type { ControlReaders } from './controls.ts';
import { logSlider } from './controls.ts';
import type { ExposureControls } from './exposure-controls.ts';
import type { Layout } from './layout.ts';
import { cliCommand, formatPageQuery, type PageQuery } from './page-query.ts';
import type { PageState } from './state.ts';

function numberOr(raw: string, fallback: number): number {
  const value = Number(raw);
  return raw.trim() !== '' && Number.isFinite(value) ? value : fallback;
}

/** The page's state as a query (from the raw control values: a field being edited does not block the URL). */
export function readPageQuery(layout: Layout, read: ControlReaders, exposures: ExposureControls, state: PageState): PageQuery {
  const scenarios = read.selectedScenarios().map((entry) => entry.scenario.name);
  let couplings: [number, number] = [1e-8, 1e-2];
  let marker: number | undefined;
  try {
    couplings = read.couplingRange();
    marker = read.markerCoupling();
  } catch {
    // an invalid coupling range is shown under its field; the URL keeps the default
  }
  return {
    scenarios,
    model: read.modelText(),
    masses: {
      lo: numberOr(layout.massLo.value, 0.02),
      hi: numberOr(layout.massHi.value, 0.5),
      count: Math.max(1, Math.round(numberOr(layout.massCount.value, 16))),
    },
    couplings,
    samples: Math.max(1, Math.round(numberOr(layout.samples.value, 16384))),
    seed: Math.max(0, Math.round(numberOr(layout.seed.value, 1))),
    maxAddedMasses: Math.max(0, Math.round(numberOr(layout.maxAddedMasses.value, 12))),
    widths: layout.widths.value.trim() || 'auto',
    pot: scenarios.map((name) => exposures.setting(name).pot),
    background: scenarios.map((name) => exposures.setting(name).backgroundScale),
    marker,
    view: state.view,
    figure: layout.figureMode.value as PageQuery['figure'],
    bands: layout.bandsBox.checked,
    heat: Number(layout.heatSelect.value || 0),
  };
}

/** Writes the query to the address bar (with updateAddress) and the CLI command box. */
export function writePageQuery(query: PageQuery, layout: Layout, engineKind: 'webgpu' | 'reference', state: PageState, updateAddress = true): void {
  const search = `?${formatPageQuery(query)}`;
  if (updateAddress && location.search !== search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
  const fileScenarios = [...new Set(state.fileSources.map((source) => source.set.scenario.name))];
  layout.cliCommand.textContent =
    query.scenarios.length === 0 && fileScenarios.length === 0 ? 'choose a scenario' : cliCommand(query, { engineKind, fileScenarios });
}

/** Sets the controls from a parsed query (only what it carries). */
export function applyPageQuery(values: Partial<PageQuery>, layout: Layout, bundled: BundledScenario[], exposures: ExposureControls): void {
  if (values.scenarios) {
    for (const option of Array.from(layout.scenarioSelect.options)) {
      const entry = bundled.find((candidate) => candidate.hash === option.value);
      option.selected = entry !== undefined && values.scenarios.includes(entry.scenario.name);
    }
    values.scenarios.forEach((name, index) => exposures.set(name, { pot: values.pot?.[index], backgroundScale: values.background?.[index] ?? 1 }));
  }
  if (values.model) {
    const custom = values.model.startsWith('custom:');
    layout.modelSelect.value = custom ? 'custom' : values.model;
    layout.customBox.hidden = !custom;
    if (custom) {
      const numbers = values.model.slice('custom:'.length).split(',');
      (['cGG', 'cBB', 'cWW', 'cLL'] as const).forEach((key, index) => {
        const value = numbers[index] ?? '0';
        layout.customInputs[key].number.value = value;
        layout.customInputs[key].slider.value = value;
      });
    }
  }
  if (values.masses) {
    layout.massLo.value = String(values.masses.lo);
    layout.massHi.value = String(values.masses.hi);
    layout.massCount.value = String(values.masses.count);
  }
  if (values.couplings) {
    layout.couplingLo.value = String(values.couplings[0]);
    layout.couplingHi.value = String(values.couplings[1]);
  }
  if (values.samples !== undefined) layout.samples.value = String(values.samples);
  if (values.seed !== undefined) layout.seed.value = String(values.seed);
  if (values.maxAddedMasses !== undefined) layout.maxAddedMasses.value = String(values.maxAddedMasses);
  if (values.widths !== undefined) layout.widths.value = values.widths;
  if (values.figure) layout.figureMode.value = values.figure;
  if (values.bands !== undefined) layout.bandsBox.checked = values.bands;
  if (values.marker !== undefined) {
    const range: [number, number] = [Number(layout.couplingLo.value), Number(layout.couplingHi.value)];
    layout.couplingMarker.value = logSlider(Math.min(Math.max(values.marker, range[0]), range[1]), range);
  }
}
