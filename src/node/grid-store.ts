/**
 * The GridStore port for Node (src/app/run-grid.ts): table files in the output directory, written
 * atomically, and per-table checkpoints in <out>/.alpenglow-checkpoints (src/node/checkpoint-store.ts).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { GridStore } from '../app/run-grid.ts';
import { CheckpointStore, checkpointDirectory } from './checkpoint-store.ts';
import { readTableFile, writeTableFile } from './table-files.ts';
import { prepareOutputDirectory } from './output-location.ts';

export function directoryGridStore(outDir: string): GridStore {
  prepareOutputDirectory('out', outDir);
  return {
    pathOf: (name) => join(outDir, name),
    readExisting: (name) => (existsSync(join(outDir, name)) ? readTableFile(join(outDir, name), { allowShard: true }) : null),
    openCheckpoint: (name, identity, allowed) => CheckpointStore.open(checkpointDirectory(outDir, name), identity, allowed),
    removeLeftoverCheckpoint: (name, identity, allowed) => {
      const leftover = checkpointDirectory(outDir, name);
      if (!existsSync(leftover)) return null;
      // Killed between writing the table and deleting its checkpoint: the checkpoint is spent.
      try {
        CheckpointStore.open(leftover, identity, allowed).remove();
        return null;
      } catch (error) {
        return `left ${leftover} in place: ${(error as Error).message}`;
      }
    },
    writeTable: (name, file) => writeTableFile(join(outDir, name), file),
  };
}
