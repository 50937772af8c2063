/**
 * Issue 16: a model-independent "upper limit" on BR(B → K a) × BR(a → μμ) above 1 (a product of
 * branching ratios) excludes nothing: limits.json, band.csv and the plot report no limit there
 * (the NA62 path wrote 2.5e225 at short lifetimes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { computeModelIndependentLimits, PHYSICAL_BOUND } from '../../src/limits/model-independent.ts';
import { modelIndependentBandCsv } from '../../src/formats/csv.ts';
import { modelIndependentSvg } from '../../src/plots/model-independent.ts';
import { parseScenarioText } from '../../src/scenarios/parse.ts';

const scenario = parseScenarioText(readFileSync('scenarios/na62-dump-mumu.json', 'utf8'), 'na62-dump-mumu.json');

describe('model-independent limits above the physical bound', () => {
  // Three lifetimes: a tiny efficiency (limit ≫ 1), a moderate one (limit < 1), none (no signal).
  const result = computeModelIndependentLimits({
    scenario,
    scenarioHash: 'sha256:test',
    massGeV: 0.5,
    lifetimesS: [1e-13, 1e-10, 1e-8],
    regionNames: scenario.regions.map((region) => region.name),
    modes: [{ mode: 'b-to-k', yieldPerPot: 1e-9, outOfRangeYieldPerPot: 0, bMesonsPerPot: 1e-9, efficiency: [1e-240, 0.2, 0], efficiencyError: [0, 0.01, 0] }],
    bSpectrum: 'test',
    provenance: { engine: 'test', adapter: 'test', samplesPerMass: 1, seed: 1, wallSeconds: 0 },
  });
  const points = result.modes[0].points;

  it('limits.json: null above 1, the limit below it', () => {
    expect(PHYSICAL_BOUND).toBe(1);
    expect(points[0].upperLimit).toBeNull();
    expect(points[0].expected).toBeNull();
    expect(points[1].upperLimit).toBeGreaterThan(0);
    expect(points[1].upperLimit).toBeLessThan(1);
    expect(points[2].upperLimit).toBeNull();
    expect(result.modes[0].best).toEqual({ tauS: 1e-10, upperLimit: points[1].upperLimit });
    expect(JSON.stringify(result)).not.toMatch(/e\+\d{2,}/);
  });

  it('band.csv: an empty cell above 1', () => {
    const rows = modelIndependentBandCsv([result])
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows[0][5]).toBe('');
    expect(Number(rows[1][5])).toBeLessThan(1);
  });

  it('the plot spans no decades above 1', () => {
    const svg = modelIndependentSvg(result);
    expect(svg).not.toMatch(/10<tspan[^>]*>(2\d\d|1\d\d|[2-9]\d)<\/tspan>/);
  });
});
