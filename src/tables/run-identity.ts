/**
 * What identifies one table-generation run (`alpenglow grid`): everything that must be equal for two
 * sessions, shards or checkpoints to be parts of one run. Browser-safe.
 */
import type { ShardPosition } from './table-file.ts';

/** Everything that must be equal for two sessions to be parts of one run. */
export interface RunIdentity {
  alpenglowVersion: string;
  scenario: { name: string; hash: string };
  productionMode: string;
  channel: string;
  regionNames: string[];
  grid: { massesGeV: number[]; widthsGeV: number[] };
  samplesPerMass: number;
  seed: number;
  shard: ShardPosition | null;
  engine: 'webgpu' | 'reference';
}
