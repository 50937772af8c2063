/**
 * Files through the file input or dropped anywhere on the page: table files from `alpenglow grid`
 * (with the scenario .json they were made from, if it is not shipped), and existing bounds as
 * AxionLimits (m_a in eV, g_aγγ) or FORESEE (m_a in GeV, the plot's coupling) two-column text files
 * (.txt, .dat, .csv; a `# overlay: foresee` line or a name containing "foresee" marks FORESEE), drawn in grey.
 */
import { declaredOverlayKind, parseTwoColumn, overlayFlavour, type OverlayKind } from '../formats/axionlimits.ts';
import { h } from './dom.ts';
import type { Layout } from './layout.ts';
import type { PageState } from './state.ts';
import { loadTableFiles, type KnownScenario } from './table-files.ts';

export function wireFileDrop(root: HTMLElement, layout: Layout, state: PageState, known: KnownScenario[], onChange: () => void): void {
  const { fileInput, fileMessages, clearFiles, dropZone } = layout;
  async function loadFiles(list: FileList | File[]): Promise<void> {
    const all = Array.from(list);
    if (all.length === 0) return;
    const overlayMessages: string[] = [];
    const files = all.filter((file) => file.name.toLowerCase().endsWith('.json'));
    for (const file of all.filter((candidate) => !candidate.name.toLowerCase().endsWith('.json'))) {
      try {
        const text = await file.text();
        const kind: OverlayKind = declaredOverlayKind(text) ?? (/foresee/i.test(file.name) ? 'foresee' : 'axionlimits');
        const curve = parseTwoColumn(text, file.name, overlayFlavour(kind));
        state.overlays = [...state.overlays.filter((overlay) => overlay.curve.file !== file.name), { curve, kind }];
        overlayMessages.push(
          `${file.name}: existing bound '${curve.title}' (${kind}, ${curve.polygons.reduce((n, polygon) => n + polygon.length, 0)} points), drawn in grey`,
        );
      } catch (error) {
        overlayMessages.push(`✗ ${(error as Error).message}`);
      }
    }
    for (const file of files) {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
      state.tableFiles = [
        ...state.tableFiles.filter((entry) => entry.file !== file.name),
        { file: file.name, sha256: Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('') },
      ];
    }
    const loaded =
      files.length > 0
        ? await loadTableFiles(
            files.map((file) => ({ name: file.name, text: () => file.text() })),
            known,
          )
        : { scenarios: [], sets: [], messages: [] };
    known.push(...loaded.scenarios.filter((entry) => !known.some((k) => k.hash === entry.hash)));
    for (const set of loaded.sets) {
      state.fileSources = state.fileSources.filter((source) => source.set.scenarioHash !== set.scenarioHash);
      state.fileSources.push({ set, label: `${set.scenario.name} (file)`, origin: 'file' });
    }
    fileMessages.replaceChildren(
      ...[...loaded.messages, ...overlayMessages].map((message) => h('li', { class: message.startsWith('✗') ? 'bad' : '', text: message })),
    );
    clearFiles.hidden = state.fileSources.length === 0 && state.overlays.length === 0;
    onChange();
    fileMessages.dataset.loaded = String(state.fileSources.length);
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
    state.fileSources = [];
    state.overlays = [];
    state.tableFiles = [];
    fileMessages.replaceChildren();
    clearFiles.hidden = true;
    onChange();
  });
}
