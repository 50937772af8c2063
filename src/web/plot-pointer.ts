/** Hover (N_sig at the pointer) and click (choose the point of the marker and the distribution view) on the (m_a, g) plot. */
import { expectedSignal, type LimitsModel } from '../limits/index.ts';
import { formatNumber } from './dom.ts';
import type { Layout } from './layout.ts';
import { invertPosition, type Point } from './plot.ts';
import type { PageState } from './state.ts';
import type { Scenario } from '../scenarios/schema.ts';

export function wirePlotPointer(
  layout: Layout,
  state: PageState,
  hooks: { model: () => LimitsModel; potFactor: (scenario: Scenario) => number; onPoint: (at: Point) => void },
): void {
  const { plotHost, tooltip } = layout;
  function dataPosition(event: MouseEvent): Point | null {
    const svg = plotHost.querySelector('svg');
    const spec = state.lastSpec;
    if (!svg || !spec) return null;
    const box = svg.getBoundingClientRect();
    return invertPosition(spec, (event.clientX - box.left) * (spec.width / box.width), (event.clientY - box.top) * (spec.height / box.height));
  }
  plotHost.addEventListener('mousemove', (event) => {
    const result = state.lastMassResult;
    const at = state.view === 'mass' && result && result.scenarios.length > 0 ? dataPosition(event) : null;
    if (!at || !result) {
      tooltip.hidden = true;
      return;
    }
    try {
      const model = hooks.model();
      const rows = result.scenarios.map((entry) => {
        const [lo, hi] = entry.massRange;
        if (at[0] < lo || at[0] > hi) return `${entry.set.scenario.name}: mass outside the tables`;
        const point = expectedSignal(entry.set, model, at[0], at[1], { pot: entry.set.scenario.exposure.pot * hooks.potFactor(entry.set.scenario) });
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
    if (state.view !== 'mass') return;
    const at = dataPosition(event);
    if (at) hooks.onPoint(at);
  });
}
