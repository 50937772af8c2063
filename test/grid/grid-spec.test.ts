/**
 * Flag parsing of `alpenglow grid`: ranges, shards, production-mode selection and the default
 * mass range (ALPINIST density, clipped to the channel threshold).
 */
import { describe, expect, it } from 'vitest';
import { checkMassRange, defaultMassSpec, parseRangeSpec, parseShard, rangeValues, selectProductionModes } from '../../src/tables/grid-spec.ts';
import { shardMassIndices } from '../../src/tables/table-file.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { compileScenario, CHANNELS } from '../../src/scenarios/compile.ts';

describe('grid flags', () => {
  it('parses lo:hi:n into log-spaced values and rejects malformed ranges', () => {
    const spec = parseRangeSpec('widths', '1e-25:1e-10:101', 'GeV');
    const values = rangeValues(spec);
    expect(values).toHaveLength(101);
    expect(values[0]).toBe(1e-25);
    expect(values[100]).toBe(1e-10);
    expect(Math.abs(values[50] / 10 ** -17.5 - 1)).toBeLessThan(1e-12);
    expect(() => parseRangeSpec('masses', '0.1:0.05:3', 'GeV')).toThrow(/hi must be a number ≥ lo = 0.1/);
    expect(() => parseRangeSpec('masses', '0.1:1:2.5', 'GeV')).toThrow(/n must be an integer/);
    expect(() => parseRangeSpec('masses', '0.1:1:1', 'GeV')).toThrow(/one point needs lo = hi/);
  });

  it('assigns grid index k to shard (k mod n) + 1, covering every mass exactly once', () => {
    expect(parseShard('2/3', 7)).toEqual({ index: 2, count: 3 });
    const all = [1, 2, 3].flatMap((index) => shardMassIndices(7, { index, count: 3 }));
    expect(all.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(shardMassIndices(7, { index: 3, count: 3 })).toEqual([2, 5]);
  });

  it('selects production modes by family, B → K(*) a modes (tables per unit BR) included', async () => {
    const { scenario } = await loadScenario('koto-step2');
    // koto-step2 sums meson-decay and beam-proton photons (issue 15 §2).
    expect(selectProductionModes(scenario, 'all')).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']);
    expect(selectProductionModes(scenario, 'primakoff')).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons']);
    expect(selectProductionModes(scenario, 'mixing,mixing-eta,mixing')).toEqual(['mixing', 'mixing-eta']);
    const withB = structuredClone(scenario);
    (withB.production.modes as string[]).push('b-to-k');
    expect(selectProductionModes(withB, 'all')).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k']);
    expect(selectProductionModes(withB, 'b,mixing')).toEqual(['b-to-k', 'mixing']);
    expect(selectProductionModes(withB, 'b-to-kstar')).toEqual(['b-to-kstar']);
    expect(() => selectProductionModes(scenario, 'b')).toThrow(/--production b: scenario koto-step2 has no b modes/);
    expect(() => selectProductionModes(scenario, 'b-to-q')).toThrow(/--production must be all, primakoff, mixing, b or a mode/);
  });

  it('defaults to 201 masses in [0.01, 5.31] GeV, raised above the μμ threshold', async () => {
    const { scenario } = await loadScenario('koto-step2');
    const compiled = compileScenario(scenario);
    expect(defaultMassSpec(scenario, compiled)).toEqual({ lo: 0.01, hi: 5.31, count: 201 });
    const muons = { ...compiled, channel: CHANNELS.muonPair };
    const spec = defaultMassSpec(scenario, muons);
    expect(spec.lo).toBeCloseTo(1.01 * 2 * 0.105658, 12);
    expect(() => checkMassRange({ lo: 0.2, hi: 1, count: 3 }, scenario, muons)).toThrow(/at or below the mu\+ mu- threshold/);
  });
});
