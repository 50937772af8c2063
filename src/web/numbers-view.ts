/** The table of expected signal at the coupling marker, one row per table mass of every shown set. */
import { couplingAxisLabel, type LimitsModel } from '../limits/index.ts';
import { signalRows, type SignalRow } from './analysis.ts';
import { formatNumber, h } from './dom.ts';
import type { Source } from './state.ts';

export function numbersView(all: Source[], model: LimitsModel, g: number, factors: number[]): { element: HTMLElement; rows: SignalRow[] } {
  if (all.length === 0) return { element: h('p', { class: 'muted', text: 'No tables yet.' }), rows: [] };
  const rows = signalRows(
    all.map((source) => source.set),
    model,
    g,
    factors,
  );
  const regionNames = all[0].set.scenario.regions.map((region) => region.name);
  const table = h(
    'table',
    { 'data-testid': 'signal-table' },
    h('thead', {}, h('tr', {}, ...['scenario', 'source', 'm_a [GeV]', 'Γ_tot [GeV]', 'BR', 'N_sig', '± MC', 'status'].map((text) => h('th', { text })))),
  );
  const body = h('tbody');
  for (const row of rows) {
    const source = all[row.setIndex];
    const point = row.point;
    body.append(
      h(
        'tr',
        {
          'data-testid': 'signal-row',
          'data-scenario': row.scenario,
          'data-origin': source.origin,
          'data-mass': String(point.massGeV),
          'data-coupling': String(point.couplingPerGeV),
          'data-total': String(point.total),
          'data-total-error': String(point.totalError),
          'data-status': point.statusName,
        },
        h('td', { text: row.scenario }),
        h('td', { text: source.origin }),
        h('td', { text: formatNumber(point.massGeV, 4) }),
        h('td', { text: formatNumber(point.totalWidthGeV) }),
        h('td', { text: formatNumber(point.branchingRatio) }),
        h('td', { class: 'num', text: formatNumber(point.total, 4) }),
        h('td', { class: 'num', text: formatNumber(point.totalError, 2) }),
        h('td', { text: point.statusName }),
      ),
    );
  }
  table.append(body);
  const element = h(
    'div',
    {},
    h('p', {
      class: 'muted',
      text: `g = ${formatNumber(g, 4)} GeV⁻¹ (${couplingAxisLabel(model)}), regions: ${regionNames.join(', ')}; numbers update with every slider move.`,
    }),
    table,
  );
  return { element, rows };
}
