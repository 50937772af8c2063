/**
 * The signal-distribution view: where the signal of one model point (m_a, g) falls in the plane of
 * the scenario's signal regions — for KOTO the reconstructed (z_vtx, p_T), arXiv:2303.01521 Fig. 4 —
 * with the regions drawn on top. It is `alpenglow events` in the page: the same plane
 * (defaultSignalPlane), the same job per production mode (one mass, the single width Γ_tot(m_a, g),
 * the selection's 2-D histogram, stream seed of (seed, mode), grid index 0) and the same scaling to
 * events: it calls runEvents (src/app/run-events.ts), as the CLI does.
 */
import { runEvents } from '../app/run-events.ts';
import type { ProductionSource } from '../app/ports.ts';
import type { LimitsModel } from '../limits/index.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { defaultSignalPlane, distributionCsv, type SignalDistribution, type SignalPlane } from '../scenarios/signal-distribution.ts';
import { linearRaster, VIRIDIS_STOPS } from './colour.ts';
import { formatNumber, h } from './dom.ts';
import type { EngineChoice } from './engine-choice.ts';
import { plotSvg, type PlotSpec, type Point, type RectLayer } from './plot.ts';

export interface HistogramDependencies {
  engine: () => Promise<EngineChoice>;
  production: ProductionSource;
  onStatus: (text: string) => void;
  seed: () => number;
}

interface HistogramResult {
  scenario: Scenario;
  massGeV: number;
  couplingPerGeV: number;
  widthGeV: number;
  modelKey: string;
  plane: SignalPlane;
  distribution: SignalDistribution;
  adapter: string;
  samples: number;
  seed: number;
}

export interface ChosenPoint {
  massGeV: number;
  couplingPerGeV: number;
}

function modelKey(model: LimitsModel): string {
  return `${model.cGG},${model.cBB},${model.cWW},${model.cLL}`;
}

/** Region outlines in the plane (boxes and polygons; discs are not used in these planes). */
function regionLayer(scenario: Scenario, plane: SignalPlane): RectLayer[] {
  if (!plane.regionsInPlane) return [];
  const boxes: RectLayer['boxes'] = [];
  const polygons: NonNullable<RectLayer['polygons']> = [];
  for (const region of scenario.regions) {
    const shape = region.area.include;
    if (shape.type === 'box') boxes.push({ x0: shape.xMin, x1: shape.xMax, y0: shape.yMin, y1: shape.yMax, label: region.name });
    else if (shape.type === 'polygon') polygons.push({ points: shape.vertices.map(([x, y]) => [x, y] as Point), label: region.name });
  }
  return [{ stroke: '#c0392b', boxes, polygons }];
}

export function histogramView(host: HTMLElement, deps: HistogramDependencies) {
  const button = h('button', { class: 'primary', 'data-testid': 'histogram-run', text: 'Compute distribution' });
  const samplesInput = h('input', {
    type: 'number',
    value: 262144,
    min: 256,
    step: 256,
    class: 'small',
    'data-testid': 'histogram-samples',
    'aria-label': 'samples per production mode',
  });
  const info = h('span', { class: 'muted', text: 'Click a point in the (m_a, g) view to choose it (default: middle table mass at the coupling marker).' });
  const plot = h('div', { class: 'plot', 'data-testid': 'histogram-plot' });
  host.replaceChildren(h('div', { class: 'view-controls' }, button, h('label', { text: 'samples per mode' }), samplesInput, info), plot);

  let result: HistogramResult | null = null;
  let pending: { scenario: Scenario; point: ChosenPoint; model: LimitsModel } | null = null;
  let busy = false;
  let onChange: () => void = () => undefined;

  async function compute(): Promise<void> {
    if (!pending || busy) return;
    const { scenario, point, model } = pending;
    const { massGeV, couplingPerGeV } = point;
    busy = true;
    button.disabled = true;
    deps.onStatus('running');
    try {
      const choice = await deps.engine();
      const samples = Math.max(256, Math.round(Number(samplesInput.value) || 262144));
      const seed = deps.seed();
      const run = await runEvents({
        scenario,
        model,
        massGeV,
        couplingPerGeV,
        samplesPerMass: samples,
        seed,
        engine: choice.engine,
        production: deps.production,
      });
      const { widthGeV, plane, distribution } = run;
      const adapter = run.engine.adapter;
      result = { scenario, massGeV, couplingPerGeV, widthGeV, modelKey: modelKey(model), plane, distribution, adapter, samples, seed };
      deps.onStatus('done');
    } catch (error) {
      deps.onStatus(`error: ${(error as Error).message}`);
    } finally {
      busy = false;
      button.disabled = false;
      onChange();
    }
  }
  button.addEventListener('click', () => void compute());

  function render(
    model: LimitsModel,
    scenario: Scenario | null,
    point: ChosenPoint | null,
    potFactor: number,
  ): { spec: PlotSpec | null; svg: string; csv: string; note: string } {
    if (!scenario || !point) {
      pending = null;
      button.disabled = true;
      plot.replaceChildren(h('p', { class: 'muted', text: 'Run a scan or load tables first: the distribution is computed for a point of the (m_a, g) view.' }));
      return { spec: null, svg: '', csv: '', note: '' };
    }
    pending = { scenario, point, model };
    button.disabled = busy;
    button.textContent = `Compute distribution at m_a = ${formatNumber(point.massGeV, 3)} GeV, g = ${formatNumber(point.couplingPerGeV, 3)} GeV⁻¹`;
    const shown = result && result.scenario.name === scenario.name ? result : null;
    const plane = shown?.plane ?? defaultSignalPlane(scenario, point.massGeV);
    const spec: PlotSpec = {
      width: 920,
      height: 560,
      title: `${scenario.name}: expected signal`,
      subtitle: shown
        ? `m_{a} = ${formatNumber(shown.massGeV, 4)} GeV, g = ${formatNumber(shown.couplingPerGeV, 3)} GeV^{-1}, Γ = ${formatNumber(shown.widthGeV)} GeV · ${shown.samples} samples per mode, seed ${shown.seed} · ${shown.adapter}`
        : plane.description,
      x: { domain: [plane.xBins[0], plane.xBins[1]], log: false, label: plane.xLabel.replace('z_vtx', 'z_{vtx}').replace('p_T', 'p_{T}') },
      y: { domain: [plane.yBins[0], plane.yBins[1]], log: false, label: plane.yLabel.replace('z_vtx', 'z_{vtx}').replace('p_T', 'p_{T}') },
      rects: regionLayer(scenario, plane),
      emptyMessage: shown ? undefined : 'Press “Compute distribution” to run the engine at this point.',
    };
    let csv = '';
    let note = '';
    if (shown) {
      const { distribution } = shown;
      const [, , nx] = shown.plane.xBins;
      const [, , ny] = shown.plane.yBins;
      const cells = distribution.cellEvents.map((value) => value * potFactor);
      const max = Math.max(...cells);
      const values = new Float64Array(nx * ny);
      // engine cell xIndex · yCount + yIndex → raster values[yIndex · nx + xIndex]
      for (let i = 0; i < nx; i++) for (let j = 0; j < ny; j++) values[j * nx + i] = cells[i * ny + j];
      spec.heat = {
        href: linearRaster(values, nx, ny, max),
        colourBar: {
          title: 'expected events per bin',
          stops: VIRIDIS_STOPS,
          ticks: [0, 0.25, 0.5, 0.75, 1].map((fraction) => ({ fraction, label: formatNumber(fraction * max, 2) })),
        },
      };
      const inPlane = cells.reduce((sum, value) => sum + value, 0);
      // Full-precision totals for automation (docs/web.md).
      plot.dataset.planeEvents = String(inPlane);
      plot.dataset.regionEvents = distribution.regionEvents.map((events) => events * potFactor).join(',');
      plot.dataset.mass = String(shown.massGeV);
      plot.dataset.coupling = String(shown.couplingPerGeV);
      const regions = distribution.regionEvents.map(
        (events, r) =>
          `${shown.scenario.regions[r].name}: ${formatNumber(events * potFactor)} ± ${formatNumber(distribution.regionEventsError[r] * potFactor, 2)}`,
      );
      const stale =
        modelKey(model) !== shown.modelKey ||
        Math.abs(point.massGeV / shown.massGeV - 1) > 1e-9 ||
        Math.abs(point.couplingPerGeV / shown.couplingPerGeV - 1) > 1e-9;
      note =
        `N_sig in the histogram range: ${formatNumber(inPlane)}; in the signal regions: ${regions.join(', ')} (exposure × ${formatNumber(potFactor)})` +
        `${stale ? '\nthe chosen point or the model changed since: press Compute for the new point' : ''}`;
      csv =
        `# ${shown.scenario.name} m_a = ${shown.massGeV} GeV, g = ${shown.couplingPerGeV} GeV^-1, Gamma = ${shown.widthGeV} GeV, exposure x ${potFactor}\n` +
        distributionCsv(shown.plane, { ...distribution, cellEvents: cells, cellEventsError: distribution.cellEventsError.map((value) => value * potFactor) });
    }
    const svg = plotSvg(spec);
    plot.innerHTML = svg;
    return { spec, svg, csv, note };
  }

  return {
    render,
    setOnChange(callback: () => void) {
      onChange = callback;
    },
  };
}
