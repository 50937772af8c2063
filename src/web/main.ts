/**
 * The alpenglow web app: pick scenarios and a model, run the Monte Carlo on WebGPU in the page,
 * watch the exclusion appear pass by pass, move sliders (coupling marker, exposure, custom
 * couplings, plane mass) and see signal numbers and contours follow without re-running the MC.
 * Tables from `alpenglow grid` can be dropped in and explored without any MC. See docs/web.md.
 *
 * This file only wires: the DOM is layout.ts, control values controls.ts, the run scan-run.ts
 * (runLimits of src/app, as the CLI), the views mass-view.ts, plane-view.ts, numbers-view.ts and
 * histogram-view.ts, and exports, file drop and pointer their own modules.
 */
import './style.css';
import { RunAborted } from '../engine/gpu-engine.ts';
import { rangeValues } from '../tables/grid-spec.ts';
import type { LimitsModel, PlaneCoupling } from '../limits/index.ts';
import { couplingAxis } from '../app/run-limits.ts';
import { loadBundledScenarios } from './bundled-scenarios.ts';
import { ComputeClient } from './compute-client.ts';
import { controlReaders, fromLogSlider, logSlider, type ScanFields } from './controls.ts';
import { formatNumber, h } from './dom.ts';
import { chooseEngine, measureFallbackSpeed, workerProductionSource, type EngineChoice } from './engine-choice.ts';
import { ExposureControls } from './exposure-controls.ts';
import { parsePageQuery } from './page-query.ts';
import { DEFER_MS, ExclusionStore, setWithBackgroundScale, type RedrawRequest } from './redraw.ts';
import { applyPageQuery, readPageQuery, writePageQuery } from './url-sync.ts';
import { wireExports } from './exports.ts';
import { wireFileDrop } from './file-drop.ts';
import { histogramView } from './histogram-view.ts';
import { buildLayout, type ViewName } from './layout.ts';
import { intervalsTable, massView } from './mass-view.ts';
import { numbersView } from './numbers-view.ts';
import { planeView } from './plane-view.ts';
import { plotSvg } from './plot.ts';
import { wirePlotPointer } from './plot-pointer.ts';
import { ScanRun } from './scan-run.ts';
import { allSources, newPageState, runSourcesOf } from './state.ts';
import { updateElement, updateSvg } from './dom-update.ts';
import type { KnownScenario } from './table-files.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { overlayOnAxis } from '../formats/axionlimits.ts';
import type { ExistingBound } from '../plots/exclusion.ts';

async function start(root: HTMLElement): Promise<void> {
  const layout = buildLayout(root);
  const { banner, status, adapter } = layout;
  const state = newPageState();
  const compute = new ComputeClient();
  const production = workerProductionSource(compute);

  const showBanner = (text: string, kind: 'warning' | 'info') => {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  };
  const setStatus = (text: string) => {
    status.textContent = text;
    status.dataset.state = text.startsWith('error') ? 'error' : text;
  };

  const bundled = await loadBundledScenarios();
  const known: KnownScenario[] = bundled.scenarios.map((entry) => ({ scenario: entry.scenario, hash: entry.hash }));
  for (const entry of bundled.scenarios) {
    layout.scenarioSelect.append(
      h('option', { value: entry.hash, text: `${entry.scenario.name} — ${entry.scenario.experiment}`, title: entry.scenario.description }),
    );
  }
  // The KOTO Step 2 projection is the template scenario (scenarios/koto-step2.json): selected first.
  const preferred =
    Array.from(layout.scenarioSelect.options).find((option) => option.textContent?.startsWith('koto-step2 ')) ?? layout.scenarioSelect.options[0];
  if (preferred) preferred.selected = true;
  if (bundled.notOffered.length > 0) console.info(`alpenglow: not offered in the page:\n${bundled.notOffered.join('\n')}`);
  if (bundled.errors.length > 0) showBanner(`Some shipped scenarios failed validation and are not offered:\n${bundled.errors.join('\n')}`, 'warning');
  const read = controlReaders(layout, bundled.scenarios);
  // The URL's state (query names = `alpenglow limits` flags): applied before the first draw.
  const query = parsePageQuery(
    location.search,
    bundled.scenarios.map((entry) => entry.scenario.name),
  );
  const exposures = new ExposureControls(layout.exposureHost, () => {
    scheduleRender();
    scheduleUrl();
  });
  applyPageQuery(query.values, layout, bundled.scenarios, exposures);
  if (query.values.view) state.view = query.values.view;
  if (query.errors.length > 0) showBanner(`Some of the link's settings were not used:\n${query.errors.join('\n')}`, 'warning');
  let engineKind: 'webgpu' | 'reference' = 'webgpu';
  let urlQueued = false;
  // The address bar follows the state once the page was opened with a query or the user changed
  // something (so a bare visit, reloaded, does not start a run); the CLI command always follows.
  let addressFollows = location.search.length > 1;
  const scheduleUrl = (fromUser: unknown = true): void => {
    if (fromUser !== false) addressFollows = true;
    if (urlQueued) return;
    urlQueued = true;
    setTimeout(() => {
      urlQueued = false;
      writePageQuery(readPageQuery(layout, read, exposures, state), layout, engineKind, state, addressFollows);
    }, 50);
  };

  setStatus('idle');
  const engineChoicePromise: Promise<EngineChoice> = chooseEngine(compute).then((choice) => {
    adapter.textContent = choice.engine.kind === 'webgpu' ? choice.engine.adapter : 'no WebGPU: float64 reference engine (CPU)';
    adapter.dataset.kind = choice.engine.kind;
    engineKind = choice.engine.kind === 'webgpu' ? 'webgpu' : 'reference';
    if (choice.fallbackReason) {
      const text = `WebGPU is not available here (${choice.fallbackReason}). Runs use the float64 reference engine in a background worker`;
      const advice =
        'so keep scans small (a few masses, a few thousand samples), or load table files made with `alpenglow grid` and explore them without any Monte Carlo.';
      showBanner(`${text}: measuring its speed… ${advice}`, 'warning');
      if (query.values.samples === undefined) layout.samples.value = '2048';
      if (query.values.masses === undefined) layout.massCount.value = '4';
      if (query.values.maxAddedMasses === undefined) layout.maxAddedMasses.value = '6';
      const probe = bundled.scenarios.find((entry) => entry.scenario.name === 'koto-step2') ?? bundled.scenarios[0];
      if (probe) {
        void measureFallbackSpeed(choice.engine, production, { scenario: probe.scenario, hash: probe.hash })
          .then((trialsPerSecond) => {
            const scanSeconds = (4 * 2048 * 101 * probe.scenario.production.modes.length) / trialsPerSecond;
            banner.dataset.trialsPerSecond = trialsPerSecond.toPrecision(3);
            showBanner(
              `${text}: measured here at ${formatNumber(trialsPerSecond)} trials/s (a GPU through WebGPU gives 10⁸–10¹⁰), so a scan of 4 masses × 101 widths × 2048 samples of ${probe.scenario.name} takes about ${scanSeconds.toFixed(0)} s of engine time. Keep scans small (a few masses, a few thousand samples), or load table files made with \`alpenglow grid\` and explore them without any Monte Carlo.`,
              'warning',
            );
          })
          .catch((error: unknown) => console.warn('alpenglow: could not measure the fallback speed', error));
      }
    }
    scheduleUrl(false);
    void choice.acquired?.lost.then((info) => {
      if (info.reason !== 'destroyed') showBanner(`The GPU device was lost (${info.message || info.reason}). Reload the page to start again.`, 'warning');
    });
    return choice;
  });

  const planeMassRange = (): [number, number] | null => {
    const all = allSources(state);
    if (all.length === 0) return null;
    const lo = Math.min(...all.map((source) => source.set.tables[0].massesGeV[0]));
    const hi = Math.max(...all.map((source) => source.set.tables[0].massesGeV.at(-1)!));
    return [lo, hi > lo ? hi : lo * 1.0000001];
  };

  // ------------------------------------------------------------ render (latest request wins)
  // Two stages (redraw.ts): the nominal exclusion at once, the MC and expected bands once the sliders rest.
  let generation = 0;
  let renderQueued = false;
  let secondStageTimer: ReturnType<typeof setTimeout> | undefined;
  const store = new ExclusionStore();
  // Milliseconds of the steps of the last first-stage redraw, of the last final one, and of the last band computation.
  const timings: { nominal: Record<string, number>; final: Record<string, number>; bands?: number } = { nominal: {}, final: {} };
  let renderAskedAt = 0; // performance.now() of the first change since the last render started
  const scheduleRender = (): void => {
    if (renderQueued) return;
    renderQueued = true;
    renderAskedAt = performance.now();
    // A task, not an animation frame: the redraw starts at once and is painted in the next frame;
    // input events that arrive meanwhile are coalesced into one redraw.
    setTimeout(() => {
      renderQueued = false;
      render().catch((error: unknown) => (layout.plotNote.textContent = `✗ ${(error as Error).message}`));
    }, 0);
  };
  const draw = () => {
    if (!state.lastSpec) return;
    state.lastSvg = plotSvg(state.lastSpec, 'plot-clip');
    // Only what changed (paths, legend, labels): the heat-map image and the axes stay as they are.
    updateSvg(layout.plotHost, state.lastSvg);
  };

  const histogram = histogramView(layout.histogramHost, {
    engine: () => engineChoicePromise,
    production,
    onStatus: setStatus,
    seed: () => {
      const value = Number(layout.seed.value);
      return Number.isInteger(value) && value >= 0 && value <= 0xffffffff ? value : 1;
    },
  });
  histogram.setOnChange(scheduleRender);
  const factorOf = (scenario: Scenario): number => exposures.factor(scenario);
  // exclusion(), limits() and the exports wait for the second redraw stage, so they carry the bands.
  async function settled(): Promise<void> {
    while (renderQueued || (allSources(state).length > 0 && layout.plotHost.dataset.stage !== 'final')) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  /** Dropped bound files on the plot's coupling axis (the first shown limits' model); a file the model cannot show is named. */
  function boundsOnAxis(): { bounds: ExistingBound[]; problems: string[] } {
    const limits = state.lastMassResult?.scenarios[0]?.limits;
    const bounds: ExistingBound[] = [];
    const problems: string[] = [];
    if (!limits) return { bounds, problems };
    for (const { curve, kind } of state.overlays) {
      try {
        bounds.push(overlayOnAxis(curve, kind, limits, 'koto', `bound file ${curve.file}`));
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    return { bounds, problems };
  }

  async function render(): Promise<void> {
    const mine = ++generation;
    const started = performance.now();
    const queuedMs = started - renderAskedAt;
    const range = read.couplingRange();
    const g = read.markerCoupling();
    const model: LimitsModel = read.currentModel();
    const all = allSources(state);
    exposures.show([...read.selectedScenarios().map((entry) => entry.scenario), ...all.map((source) => source.set.scenario)]);
    const factors = all.map((source) => factorOf(source.set.scenario));
    layout.couplingMarkerText.textContent = `g = ${formatNumber(g)} GeV⁻¹`;
    layout.plotHost.hidden = state.view === 'histogram';
    layout.histogramHost.hidden = state.view !== 'histogram';
    layout.planeControls.hidden = state.view !== 'plane';
    const heatIndex = Math.min(Number(layout.heatSelect.value || 0), Math.max(0, all.length - 1));
    const request: RedrawRequest = { sources: all, model, couplingRange: range, exposure: (source) => exposures.setting(source.set.scenario.name) };
    const first = await store.firstStage(request);
    if (mine !== generation) return; // a newer redraw started meanwhile
    const stepTimes: Record<string, number> = { queued: queuedMs, limits: performance.now() - started };
    const overlays = boundsOnAxis();
    const mass = massView({
      bounds: overlays.bounds,
      sources: all,
      exclusions: first.exclusions,
      milliseconds: stepTimes.limits,
      model,
      range,
      marker: g,
      potFactors: factors,
      heatIndex,
      showBands: layout.bandsBox.checked,
      chosenPoint: state.chosenPoint,
    });
    state.lastMassResult = mass.result;
    updateElement(layout.intervals, intervalsTable(mass.result, all));
    layout.uncertaintyText.textContent = mass.uncertainty;
    stepTimes.view = performance.now() - started - stepTimes.limits;
    let view: { spec: typeof mass.spec | null; csv: string; note: string; svg?: string } = mass;
    if (state.view === 'plane') {
      const massRange = planeMassRange();
      const massGeV = massRange ? (massRange[1] > massRange[0] ? fromLogSlider(layout.planeMass.value, massRange) : massRange[0]) : null;
      if (massGeV !== null) layout.planeMassText.textContent = `${formatNumber(massGeV, 4)} GeV`;
      const sets = all.map((source) => setWithBackgroundScale(source.set, exposures.setting(source.set.scenario.name).backgroundScale));
      view = planeView({ sources: all, sets, massGeV, x: layout.planeX.value as PlaneCoupling, y: layout.planeY.value as PlaneCoupling, range, factors });
    } else if (state.view === 'histogram') {
      // The scenario of the heat map, at the clicked point (default: its middle table mass at the marker).
      const source = all[heatIndex];
      const masses = source?.set.tables[0].massesGeV;
      const point = state.chosenPoint ?? (masses ? { massGeV: masses[Math.floor(masses.length / 2)], couplingPerGeV: g } : null);
      view = histogram.render(model, source?.set.scenario ?? null, point, factors[heatIndex] ?? 1);
    }
    state.lastSpec = view.spec;
    state.lastCsv = view.csv;
    layout.plotNote.textContent = [view.note, ...overlays.problems.map((problem) => `✗ ${problem}`)].filter(Boolean).join('\n');
    const beforeSvg = performance.now();
    if (state.view === 'histogram') state.lastSvg = view.svg ?? '';
    else draw();
    stepTimes.svg = performance.now() - beforeSvg;
    const beforeNumbers = performance.now();
    const numbers = numbersView(all, model, g, factors);
    state.lastRows = numbers.rows;
    updateElement(layout.numbers, numbers.element);
    stepTimes.numbers = performance.now() - beforeNumbers;
    stepTimes.total = performance.now() - started;
    timings[first.complete ? 'final' : 'nominal'] = stepTimes;
    layout.plotHost.dataset.rendered = String(mine);
    layout.plotHost.dataset.stage = first.complete ? 'final' : 'nominal';
    clearTimeout(secondStageTimer);
    if (!first.complete) {
      secondStageTimer = setTimeout(() => {
        const stageStarted = performance.now();
        store
          .secondStage(request, () => mine === generation)
          .then((done) => {
            timings.bands = performance.now() - stageStarted;
            if (done) scheduleRender();
          })
          .catch((error: unknown) => (layout.plotNote.textContent = `✗ ${(error as Error).message}`));
      }, DEFER_MS);
    }
  }

  let linkHeat = query.values.heat; // the link's heat-map choice, applied once its source exists
  const refreshHeatChoices = () => {
    const previous = linkHeat !== undefined && linkHeat < allSources(state).length ? String(linkHeat) : layout.heatSelect.value;
    if (previous === String(linkHeat)) linkHeat = undefined;
    layout.heatSelect.replaceChildren(...allSources(state).map((source, index) => h('option', { value: String(index), text: source.label })));
    if (Array.from(layout.heatSelect.options).some((option) => option.value === previous)) layout.heatSelect.value = previous;
  };
  const sourcesChanged = () => {
    refreshHeatChoices();
    scheduleRender();
    scheduleUrl();
  };

  // ------------------------------------------------------------ run
  let run: ScanRun | null = null;
  layout.runButton.addEventListener('click', async () => {
    let fields: ScanFields;
    try {
      fields = read.readScanFields();
    } catch (error) {
      setStatus(`error: ${(error as Error).message}`);
      return;
    }
    const choice = await engineChoicePromise;
    const range = read.couplingRange();
    scheduleUrl();
    layout.runButton.disabled = true;
    layout.stopButton.disabled = false;
    setStatus('running');
    layout.progressBar.value = 0;
    state.runSources = [];
    refreshHeatChoices();
    const current = new ScanRun(
      {
        scenarios: fields.scenarios,
        model: read.currentModel(),
        massesGeV: rangeValues(fields.masses),
        widthsGeV: fields.widths ? rangeValues(fields.widths) : undefined,
        couplingsPerGeV: couplingAxis(range[0], range[1]),
        samplesPerMass: fields.samples,
        seed: fields.seed,
        maxAddedMasses: fields.maxAddedMasses,
      },
      choice,
      production,
      compute,
    );
    run = current;
    const started = performance.now();
    try {
      const result = await current.run(
        (sets) => {
          state.runSources = runSourcesOf(sets);
          sourcesChanged();
        },
        (progress) => {
          layout.progressBar.value = progress.trialsTotal > 0 ? progress.trialsDone / progress.trialsTotal : 0;
          layout.progressText.textContent = `${(100 * Number(layout.progressBar.value)).toFixed(1)} % · ${progress.detail} · ${formatNumber(progress.trialsDone / Math.max(progress.elapsedSeconds, 1e-9))} trials/s · ${((performance.now() - started) / 1000).toFixed(1)} s`;
        },
      );
      state.runSources = runSourcesOf(
        result.sets,
        result.limits.map((limits) => limits.massRefinement!),
      );
      refreshHeatChoices();
      await render();
      const seconds = (performance.now() - started) / 1000;
      const added = result.limits.reduce((count, limits) => count + (limits.massRefinement?.addedMassesGeV.length ?? 0), 0);
      const widthCount = result.sets[0]?.tables[0].widthsGeV.length ?? 0;
      layout.progressText.textContent = `finished ${fields.masses.count} masses${added > 0 ? ` (+${added} added where neighbours disagreed)` : ''} × ${widthCount} widths × ${fields.samples} samples in ${seconds.toFixed(1)} s on ${choice.engine.adapter}`;
      layout.progressText.dataset.seconds = seconds.toFixed(2);
      setStatus('done');
    } catch (error) {
      if (error instanceof RunAborted || current.stopped) {
        setStatus('stopped');
        layout.progressText.textContent = `stopped; ${state.runSources.length > 0 ? 'the masses finished so far are shown' : 'no mass had finished'}`;
      } else {
        setStatus(`error: ${(error as Error).message}`);
        console.error(error);
      }
      scheduleRender();
    } finally {
      if (run === current) run = null;
      layout.runButton.disabled = false;
      layout.stopButton.disabled = true;
    }
  });
  layout.stopButton.addEventListener('click', () => run?.stop());

  // ------------------------------------------------------------ the rest of the wiring
  wireFileDrop(root, layout, state, known, sourcesChanged);
  wireExports(layout, state, {
    settled,
    pageState: () => `page ${location.href}\nsame run: ${layout.cliCommand.textContent ?? ''}`,
    tableFiles: () => state.tableFiles,
    adapter: () => layout.adapter.textContent ?? '',
    bounds: () => boundsOnAxis().bounds,
    onMessage: setStatus,
  });
  wirePlotPointer(layout, state, {
    model: read.currentModel,
    potFactor: factorOf,
    onPoint: (at) => {
      state.chosenPoint = { massGeV: at[0], couplingPerGeV: at[1] };
      layout.couplingMarker.value = logSlider(at[1], read.couplingRange());
      const massRange = planeMassRange();
      if (massRange && massRange[1] > massRange[0]) layout.planeMass.value = logSlider(Math.min(Math.max(at[0], massRange[0]), massRange[1]), massRange);
      scheduleRender();
    },
  });
  for (const [name, button] of Object.entries(layout.tabs) as Array<[ViewName, HTMLButtonElement]>) {
    button.addEventListener('click', () => {
      state.view = name;
      showTab(name);
      scheduleRender();
      scheduleUrl();
    });
  }
  function showTab(name: ViewName): void {
    for (const [other, button] of Object.entries(layout.tabs)) {
      button.classList.toggle('active', other === name);
      button.setAttribute('aria-pressed', String(other === name));
    }
  }
  showTab(state.view);
  layout.modelSelect.addEventListener('change', () => {
    layout.customBox.hidden = layout.modelSelect.value !== 'custom';
    scheduleRender();
    scheduleUrl();
  });
  for (const { slider, number } of Object.values(layout.customInputs)) {
    slider.addEventListener('input', () => {
      number.value = slider.value;
      scheduleRender();
    });
    number.addEventListener('input', () => {
      slider.value = number.value;
      scheduleRender();
    });
  }
  for (const control of [
    layout.couplingMarker,
    layout.couplingLo,
    layout.couplingHi,
    layout.heatSelect,
    layout.bandsBox,
    layout.planeMass,
    layout.planeX,
    layout.planeY,
  ]) {
    control.addEventListener('input', scheduleRender);
    control.addEventListener('change', scheduleRender);
  }
  for (const control of [
    layout.scenarioSelect,
    layout.modelSelect,
    layout.massLo,
    layout.massHi,
    layout.massCount,
    layout.samples,
    layout.seed,
    layout.widths,
    layout.maxAddedMasses,
    layout.couplingLo,
    layout.couplingHi,
    layout.couplingMarker,
    layout.heatSelect,
    layout.bandsBox,
    layout.figureMode,
    ...Object.values(layout.customInputs).flatMap((pair) => [pair.slider, pair.number]),
  ]) {
    control.addEventListener('change', scheduleUrl);
    control.addEventListener('input', scheduleUrl);
  }
  layout.scenarioSelect.addEventListener('change', scheduleRender);
  layout.copyCli.addEventListener('click', () => void navigator.clipboard?.writeText(layout.cliCommand.textContent ?? ''));
  // Keyboard: Enter in a scan field runs.
  for (const input of [layout.massLo, layout.massHi, layout.massCount, layout.samples, layout.seed, layout.widths, layout.maxAddedMasses]) {
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !layout.runButton.disabled) layout.runButton.click();
    });
  }

  // For users' own automation (and the e2e test): the tables, contours and limits behind the current view.
  (window as unknown as { alpenglow: unknown }).alpenglow = {
    tableSets: () =>
      allSources(state).map((source) => ({ origin: source.origin, label: source.label, scenarioHash: source.set.scenarioHash, tables: source.set.tables })),
    /** The (m_a, g) view's 90 % CL contours (data coordinates), one entry per source, in legend order. */
    exclusion: async () => {
      await settled();
      return (state.lastMassResult?.scenarios ?? []).map((entry, index) => ({
        origin: allSources(state)[index]?.origin,
        scenario: entry.set.scenario.name,
        nominal: entry.nominal,
      }));
    },
    /** limits.json of each shown source, as `alpenglow limits --tables` writes it for the same tables. */
    limits: async () => {
      await settled();
      return (state.lastMassResult?.scenarios ?? []).map((entry, index) => ({ origin: allSources(state)[index]?.origin, limits: entry.limits }));
    },
    /** Milliseconds of the steps of the last redraw (bench/web-redraw.ts). */
    lastRedraw: () => structuredClone(timings),
    /** The SVG string of the last drawn view (what "Export SVG" writes in explore mode); the plot shows it, updated in place. */
    shownSvg: () => state.lastSvg,
  };

  await render();
  await engineChoicePromise;
  scheduleUrl(false);
  // A shared link with scenarios restores the run: the same scan with the same seed gives the same results.
  if (query.values.scenarios && query.errors.length === 0) layout.runButton.click();
}

const root = document.getElementById('app');
if (root) {
  start(root).catch((error: unknown) => {
    console.error(error);
    root.append(h('div', { class: 'banner warning', text: `alpenglow could not start: ${(error as Error).message}` }));
  });
}
