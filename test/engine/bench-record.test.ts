/** `bench --record` puts its row at the end of the engine table, not after later sections. */
import { describe, expect, it } from 'vitest';
import { median, withEngineRow } from '../../src/cli/commands/bench.ts';

const HEADER = '| date | adapter | trials/s (WebGPU) | trials/s (float64 ref) | ratio | trials | gpuBytes |';

describe('bench --record', () => {
  it('inserts after the last engine row, before the next section', () => {
    const text = ['# Benchmark results', '', HEADER, '|---|---|---|---|---|---|---|', '| old |', '', '## Grid', '| grid row |', ''].join('\n');
    const lines = withEngineRow(text, '| new |').split('\n');
    expect(lines.indexOf('| new |')).toBe(lines.indexOf('| old |') + 1);
    expect(lines.indexOf('## Grid')).toBeGreaterThan(lines.indexOf('| new |'));
    expect(lines.filter((line) => line === '| grid row |')).toHaveLength(1);
  });

  it('creates the table when the file has none', () => {
    const lines = withEngineRow('', '| new |').split('\n');
    expect(lines.indexOf(HEADER)).toBeGreaterThan(-1);
    expect(lines.indexOf('| new |')).toBe(lines.indexOf(HEADER) + 2);
  });
});

describe('bench --repeat', () => {
  it('reports the median of the rounds (mean of the middle two for an even count), whatever their order', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([10, 1, 4, 2])).toBe(3);
    expect(median([7])).toBe(7);
  });
});
