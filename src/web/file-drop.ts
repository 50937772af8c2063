/** Table files from `alpenglow grid` through the file input or dropped anywhere on the page. */
import { h } from './dom.ts';
import type { Layout } from './layout.ts';
import type { PageState } from './state.ts';
import { loadTableFiles, type KnownScenario } from './table-files.ts';

export function wireFileDrop(root: HTMLElement, layout: Layout, state: PageState, known: KnownScenario[], onChange: () => void): void {
  const { fileInput, fileMessages, clearFiles, dropZone } = layout;
  async function loadFiles(list: FileList | File[]): Promise<void> {
    const files = Array.from(list);
    if (files.length === 0) return;
    const loaded = await loadTableFiles(files.map((file) => ({ name: file.name, text: () => file.text() })), known);
    known.push(...loaded.scenarios.filter((entry) => !known.some((k) => k.hash === entry.hash)));
    for (const set of loaded.sets) {
      state.fileSources = state.fileSources.filter((source) => source.set.scenarioHash !== set.scenarioHash);
      state.fileSources.push({ set, label: `${set.scenario.name} (file)`, origin: 'file' });
    }
    fileMessages.replaceChildren(...loaded.messages.map((message) => h('li', { class: message.startsWith('✗') ? 'bad' : '', text: message })));
    clearFiles.hidden = state.fileSources.length === 0;
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
    fileMessages.replaceChildren();
    clearFiles.hidden = true;
    onChange();
  });
}
