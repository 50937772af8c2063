/**
 * The export menu. Every file carries provenance (src/formats/provenance.ts: version, the page state
 * as its URL and the equivalent CLI command, time, seed, samples, adapter, scenario hashes,
 * production modes, checksums of loaded table files): SVG in <metadata>, PNG in a tEXt chunk, CSV in
 * a provenance.json beside it, HEPData and AxionLimits/FORESEE in their own comment fields.
 *
 * Figure mode (control `figure-mode`, default paper) governs the SVG and PNG of the (m_a, g) view:
 * paper = the CLI's exported look (limitsSvg mode 'paper': filled observed limits, outlined
 * projections, existing bounds in grey, legend outside the data, no heat map or marker); explore =
 * the plot as shown. The other views export as shown. CSV: one table per file (the contours, long
 * form; the closed polygons; the expected signal at the marker).
 */
import { contourLongCsv, contourPolygonsCsv, csvTable } from '../formats/csv.ts';
import { hepdataSubmission } from '../formats/hepdata.ts';
import { twoColumnText } from '../formats/axionlimits.ts';
import { provenanceFromLimits, provenanceRecord, svgWithProvenance, type OutputProvenance, type TableChecksum } from '../formats/provenance.ts';
import { limitsSvg, type ExistingBound } from '../plots/exclusion.ts';
import type { LimitsJson } from '../limits/compute.ts';
import { download } from './dom.ts';
import type { Layout } from './layout.ts';
import { pngWithTextChunks } from '../formats/png-text.ts';
import { allSources, type PageState } from './state.ts';

export interface ExportHooks {
  /** Resolves once the second redraw stage is done (the limits carry their bands). */
  settled: () => Promise<void>;
  /** The page state in words: its URL and the equivalent CLI command. */
  pageState: () => string;
  /** Checksums of the loaded table files. */
  tableFiles: () => TableChecksum[];
  adapter: () => string;
  /** Existing bounds (dropped overlay files) on the view's coupling axis. */
  bounds: () => ExistingBound[];
  onMessage: (text: string) => void;
}

function baseName(state: PageState): string {
  const names = [...new Set(allSources(state).map((source) => source.set.scenario.name))].join('+') || 'alpenglow';
  return `${names}_${state.view === 'mass' ? 'exclusion' : state.view === 'plane' ? 'coupling-plane' : 'zvtx-pt'}`;
}

function shownLimits(state: PageState): LimitsJson[] {
  return (state.lastMassResult?.scenarios ?? []).map((entry) => entry.limits);
}

function provenanceOf(state: PageState, hooks: ExportHooks): OutputProvenance {
  const context = { command: hooks.pageState(), createdAt: new Date().toISOString(), tableFiles: hooks.tableFiles() };
  const limits = shownLimits(state);
  if (limits.length > 0) return provenanceFromLimits(limits, context);
  return provenanceRecord({ ...context, seed: null, samples: null, adapter: hooks.adapter(), engine: '', scenarios: [] });
}

/** The SVG of the current view in the chosen figure mode. */
function figureSvg(state: PageState, layout: Layout, hooks: ExportHooks): string {
  const limits = shownLimits(state);
  if (layout.figureMode.value === 'paper' && state.view === 'mass' && limits.length > 0) {
    return limitsSvg(limits, { mode: 'paper', bounds: hooks.bounds() });
  }
  return state.lastSvg;
}

function svgSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const number = (name: string) => Number(new RegExp(`\\b${name}="([\\d.]+)`).exec(open)?.[1] ?? 0);
  const viewBox = /viewBox="[\d.-]+ [\d.-]+ ([\d.]+) ([\d.]+)"/.exec(open);
  return { width: number('width') || Number(viewBox?.[1] ?? 920), height: number('height') || Number(viewBox?.[2] ?? 600) };
}

export function wireExports(layout: Layout, state: PageState, hooks: ExportHooks): void {
  const guarded = (run: () => Promise<void>) => async () => {
    try {
      await hooks.settled();
      await run();
    } catch (error) {
      hooks.onMessage(`export: ${(error as Error).message}`);
    }
  };
  layout.exportSvg.addEventListener(
    'click',
    guarded(async () => {
      const svg = figureSvg(state, layout, hooks);
      if (svg) download(`${baseName(state)}.svg`, new Blob([svgWithProvenance(svg, provenanceOf(state, hooks))], { type: 'image/svg+xml' }));
    }),
  );
  layout.exportPng.addEventListener(
    'click',
    guarded(async () => {
      const svg = figureSvg(state, layout, hooks);
      if (!svg) return;
      const { width, height } = svgSize(svg);
      const image = new Image();
      image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = width * 2;
      canvas.height = height * 2;
      const context = canvas.getContext('2d')!;
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.scale(2, 2);
      context.drawImage(image, 0, 0, width, height);
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (!blob) return;
      const png = pngWithTextChunks(new Uint8Array(await blob.arrayBuffer()), { 'alpenglow-provenance': JSON.stringify(provenanceOf(state, hooks)) });
      download(`${baseName(state)}.png`, new Blob([png as BlobPart], { type: 'image/png' }));
    }),
  );
  layout.exportCsv.addEventListener(
    'click',
    guarded(async () => {
      const provenance = provenanceOf(state, hooks);
      const base = baseName(state);
      const limits = shownLimits(state);
      if (state.view === 'mass' && limits.length > 0) {
        download(`${base}_contours.csv`, new Blob([contourLongCsv(limits)], { type: 'text/csv' }));
        download(`${base}_polygons.csv`, new Blob([contourPolygonsCsv(limits)], { type: 'text/csv' }));
      } else if (state.lastCsv) {
        download(`${base}.csv`, new Blob([state.lastCsv], { type: 'text/csv' }));
      }
      const signal = csvTable(
        ['scenario', 'massGeV', 'couplingPerGeV', 'totalWidthGeV', 'branchingRatio', 'signalEvents', 'signalMcError', 'status'],
        state.lastRows.map((row) => [
          row.scenario,
          row.point.massGeV,
          row.point.couplingPerGeV,
          row.point.totalWidthGeV,
          row.point.branchingRatio,
          row.point.total,
          row.point.totalError,
          row.point.statusName,
        ]),
      );
      download(`${base}_signal-at-marker.csv`, new Blob([signal], { type: 'text/csv' }));
      download(`${base}_provenance.json`, new Blob([`${JSON.stringify(provenance, null, 2)}\n`], { type: 'application/json' }));
    }),
  );
  layout.exportHepdata.addEventListener(
    'click',
    guarded(async () => {
      const limits = shownLimits(state);
      if (limits.length === 0) throw new Error('no limits to export yet');
      const files = hepdataSubmission(limits, { axis: 'koto', provenance: provenanceOf(state, hooks), where: 'the HEPData export' });
      for (const [name, text] of Object.entries(files)) download(`${baseName(state)}_hepdata_${name}`, new Blob([text], { type: 'application/x-yaml' }));
    }),
  );
  for (const [button, flavour] of [
    [layout.exportAxionLimits, 'axionlimits'],
    [layout.exportForesee, 'foresee'],
  ] as const) {
    button.addEventListener(
      'click',
      guarded(async () => {
        const limits = shownLimits(state);
        if (limits.length === 0) throw new Error('no limits to export yet');
        const provenance = provenanceOf(state, hooks);
        for (const entry of limits) {
          download(
            `${entry.scenario}_${flavour}.txt`,
            new Blob([twoColumnText(entry, { flavour, provenance, where: `the ${flavour === 'axionlimits' ? 'AxionLimits' : 'FORESEE'} export` })], {
              type: 'text/plain',
            }),
          );
        }
      }),
    );
  }
}
