import { describe, expect, it } from 'vitest';
import {
  clsMultiRegion,
  clsSingleRegion,
  createExclusionEvaluator,
  expectedLimitsMultiRegion,
  InvalidStatisticsInput,
  upperLimitMultiRegion,
  upperLimitSingleRegion,
} from '../../src/stats/index.ts';

function expectInvalid(action: () => unknown, argument: string, pattern: RegExp): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(InvalidStatisticsInput);
  const error = caught as InvalidStatisticsInput;
  expect(error.argument).toBe(argument);
  expect(error.userFacing).toBe(true);
  expect(error.message).toMatch(pattern);
}

describe('InvalidStatisticsInput', () => {
  it('names negative and non-finite expectations with index and value', () => {
    expectInvalid(() => clsMultiRegion([1, 2], [0.5, -1], [0, 0], { seed: 1 }), 'background', /^background\[1\] must be a finite number ≥ 0 \(got -1\)$/);
    expectInvalid(() => clsMultiRegion([1, NaN], [0.5, 1], [0, 0], { seed: 1 }), 'signal', /signal\[1\].*\(got NaN\)/);
    expectInvalid(() => clsMultiRegion([Infinity], [0.5], [0], { seed: 1 }), 'signal', /signal\[0\].*\(got Infinity\)/);
    expectInvalid(() => clsSingleRegion(-0.5, 1, 0), 'signal', /signal must be a finite number ≥ 0 \(got -0.5\)/);
  });

  it('names non-integer and negative observed counts', () => {
    expectInvalid(() => clsMultiRegion([1, 2], [1, 1], [0, 1.5], { seed: 1 }), 'observed', /observed\[1\] must be a non-negative integer count \(got 1.5\)/);
    expectInvalid(() => upperLimitSingleRegion(-1, 1), 'observed', /observed must be a non-negative integer count \(got -1\)/);
    expectInvalid(() => createExclusionEvaluator({ background: [1], observed: ['2' as unknown as number] }), 'observed', /got '2'/);
  });

  it('reports length mismatches and empty arrays', () => {
    expectInvalid(() => clsMultiRegion([1, 2], [1, 1, 1], [0, 0], { seed: 1 }), 'background', /background has 3 regions but signal has 2/);
    expectInvalid(() => upperLimitMultiRegion([1], [1], [0, 0], { seed: 1 }), 'observed', /observed has 2 regions but signalShape has 1/);
    expectInvalid(() => clsMultiRegion([], [], [], { seed: 1 }), 'signal', /at least one region/);
  });

  it('checks seeds, toys, confidence level and method', () => {
    expectInvalid(() => clsMultiRegion([1], [1], [1], { seed: -1 }), 'seed', /seed must be an integer in \[0, 2\^32 − 1\] \(got -1\)/);
    expectInvalid(() => clsMultiRegion([1], [1], [1], { seed: 2 ** 32 }), 'seed', /got 4294967296/);
    expectInvalid(() => clsMultiRegion([1], [1], [1], { seed: 1, toys: 0 }), 'toys', /toys must be an integer/);
    expectInvalid(() => upperLimitSingleRegion(1, 1, { confidenceLevel: 90 }), 'confidenceLevel', /strictly between 0 and 1.*\(got 90\)/);
    expectInvalid(
      () => upperLimitMultiRegion([1], [1], [1], { seed: 1, method: 'asimov' as 'toys' }),
      'method',
      /method must be 'toys' or 'enumeration' \(got 'asimov'\)/,
    );
    expectInvalid(() => upperLimitMultiRegion([0, 0], [1, 1], [1, 1], { seed: 1 }), 'signalShape', /at least one region with signal > 0/);
    expectInvalid(() => expectedLimitsMultiRegion([1], [1], undefined as unknown as { seed: number }), 'options', /explicit u32 seed/);
  });
});
