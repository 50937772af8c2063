/** The export buttons: the current view as SVG, PNG (2×, drawn from the SVG) and CSV. */
import { download } from './dom.ts';
import type { Layout } from './layout.ts';
import { allSources, type PageState } from './state.ts';

export function wireExports(layout: Layout, state: PageState): void {
  const baseName = (): string => {
    const names = [...new Set(allSources(state).map((source) => source.set.scenario.name))].join('+') || 'alpenglow';
    return `${names}_${state.view === 'mass' ? 'exclusion' : state.view === 'plane' ? 'coupling-plane' : 'zvtx-pt'}`;
  };
  layout.exportSvg.addEventListener('click', () => {
    if (state.lastSvg) download(`${baseName()}.svg`, new Blob([state.lastSvg], { type: 'image/svg+xml' }));
  });
  layout.exportCsv.addEventListener('click', () => {
    const signal = state.lastRows.map((row) => `${row.scenario},${row.point.massGeV},${row.point.couplingPerGeV},${row.point.totalWidthGeV},${row.point.branchingRatio},${row.point.total},${row.point.totalError},${row.point.statusName}`);
    const text = `${state.lastCsv}\n# expected signal at the coupling marker\nscenario,massGeV,couplingPerGeV,totalWidthGeV,branchingRatio,signalEvents,signalMcError,status\n${signal.join('\n')}\n`;
    download(`${baseName()}.csv`, new Blob([text], { type: 'text/csv' }));
  });
  layout.exportPng.addEventListener('click', async () => {
    const spec = state.lastSpec;
    if (!state.lastSvg || !spec) return;
    const image = new Image();
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(state.lastSvg)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = spec.width * 2;
    canvas.height = spec.height * 2;
    const context = canvas.getContext('2d')!;
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    canvas.toBlob((blob) => {
      if (blob) download(`${baseName()}.png`, blob);
    }, 'image/png');
  });
}
