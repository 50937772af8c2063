/** What the page holds between redraws: the table sets it shows and the last drawn view. */
import type { ScenarioTableSet } from '../limits/index.ts';
import type { MassRefinementRecord } from '../limits/compute.ts';
import type { MassPlaneResult, SignalRow } from './analysis.ts';
import type { ViewName } from './layout.ts';
import type { PlotSpec } from './plot.ts';
import type { OverlayCurve, OverlayKind } from '../formats/axionlimits.ts';
import type { TableChecksum } from '../formats/provenance.ts';

export interface Source {
  set: ScenarioTableSet;
  /** Legend label: scenario name and where the tables came from. */
  label: string;
  origin: 'run' | 'file';
  /** For a page run: its massRefinement record (which masses the refinement added). */
  refinement?: MassRefinementRecord;
}

export interface ChosenPoint {
  massGeV: number;
  couplingPerGeV: number;
}

export interface PageState {
  view: ViewName;
  runSources: Source[];
  fileSources: Source[];
  chosenPoint: ChosenPoint | null;
  lastSpec: PlotSpec | null;
  lastSvg: string;
  lastCsv: string;
  lastMassResult: MassPlaneResult | null;
  lastRows: SignalRow[];
  /** Existing bounds dropped as AxionLimits/FORESEE two-column files, drawn in grey. */
  overlays: Array<{ curve: OverlayCurve; kind: OverlayKind }>;
  /** sha256 of every loaded table file (export provenance). */
  tableFiles: TableChecksum[];
}

export function newPageState(): PageState {
  return {
    view: 'mass',
    runSources: [],
    fileSources: [],
    chosenPoint: null,
    lastSpec: null,
    lastSvg: '',
    lastCsv: '',
    lastMassResult: null,
    lastRows: [],
    overlays: [],
    tableFiles: [],
  };
}

export function allSources(state: PageState): Source[] {
  return [...state.runSources, ...state.fileSources];
}

export function runSourcesOf(sets: ScenarioTableSet[], refinement: MassRefinementRecord[] = []): Source[] {
  return sets.map((set, index) => ({ set, label: `${set.scenario.name} (this run)`, origin: 'run' as const, refinement: refinement[index] }));
}
