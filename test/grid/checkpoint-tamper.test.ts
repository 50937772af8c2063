/**
 * Issue 16 (surviving mutation): a checkpoint mass file whose numbers were edited inside valid JSON
 * must be refused on resume, whichever hashed number was touched (mass, yield, efficiency,
 * efficiencyError); only the non-hashed adapter and wall time may differ.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointRefused, CheckpointStore } from '../../src/node/checkpoint-store.ts';
import type { RunIdentity } from '../../src/tables/run-identity.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-checkpoint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const identity: RunIdentity = {
  alpenglowVersion: '0.1.0',
  scenario: { name: 'koto-step2', hash: 'sha256:test' },
  productionMode: 'mixing',
  channel: 'gamma gamma',
  regionNames: ['r'],
  grid: { massesGeV: [0.1, 0.2], widthsGeV: [1e-20, 1e-18] },
  samplesPerMass: 10,
  seed: 1,
  shard: null,
  engine: 'reference',
};
const allowed = new Set([0, 1]);

function checkpointWithOneMass(name: string): string {
  const checkpoint = join(dir, name);
  CheckpointStore.open(checkpoint, identity, allowed).write({
    massGridIndex: 1,
    massGeV: 0.2,
    yieldPerPotAtReference: 3e-9,
    efficiency: [0.25, 0.5],
    efficiencyError: [0.01, 0.02],
    adapter: 'cpu',
    wallSeconds: 1,
  });
  return checkpoint;
}

describe('checkpoint numbers are covered by the mass file checksum', () => {
  it('an untouched checkpoint resumes', () => {
    expect(CheckpointStore.open(checkpointWithOneMass('clean'), identity, allowed).completedCount).toBe(1);
  });

  const edits: Array<[string, (text: string) => string]> = [
    ['yieldPerPotAtReference', (text) => text.replace('"yieldPerPotAtReference":3e-9', '"yieldPerPotAtReference":3.0001e-9')],
    ['efficiency', (text) => text.replace('"efficiency":[0.25,0.5]', '"efficiency":[0.25,0.51]')],
    ['efficiencyError', (text) => text.replace('"efficiencyError":[0.01,0.02]', '"efficiencyError":[0.01,0.03]')],
  ];
  for (const [field, edit] of edits) {
    it(`an edited ${field} is refused, naming the file`, () => {
      const checkpoint = checkpointWithOneMass(`edited-${field}`);
      const file = join(checkpoint, 'mass-00001.json');
      const text = readFileSync(file, 'utf8');
      const edited = edit(text);
      expect(edited).not.toBe(text);
      writeFileSync(file, edited);
      expect(() => CheckpointStore.open(checkpoint, identity, allowed)).toThrow(CheckpointRefused);
      expect(() => CheckpointStore.open(checkpoint, identity, allowed)).toThrow(
        `checkpoint file ${file} is corrupt (values checksum mismatch). Delete that file to recompute this mass, or delete ${checkpoint} to start this table over.`,
      );
    });
  }
});
