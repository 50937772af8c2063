/**
 * c_WW-only ALPs against ALPINIST (validation/scripts/cww-vs-alpinist.ts; docs/validation.md "c_WW only").
 * Pins (a) what ALPINIST's contours say: at 400 GeV its C_WW-only contours reach beyond its C_BB-only ones
 * (same c_γγ), the B → K(*) a share; (b) the frozen run: alpenglow custom:0,0,1 with the B modes at CHARM,
 * the NA62 dump and SHADOWS (ALPINIST's layout and exposure conventions) against ALPINIST's C_WW edges,
 * and the B modes moving alpenglow's lower edges as they move ALPINIST's; (c) live (float64 reference
 * engine): the CHARM lower edge at 0.1 GeV with and without the B modes moves by ALPINIST's factor.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src/app/ports.ts';
import { runLimits } from '../../src/app/run-limits.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { modelAtCoupling, parseLimitsModel } from '../../src/limits/model.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { buildProductionTable } from '../../src/physics/production.ts';
import { totalWidthGeV } from '../../src/physics/widths.ts';
import { parseScenario, scenarioHash } from '../../src/scenarios/parse.ts';
import { edgesAtMass, SIXTEEN_PI_SQUARED_TIMES_2 } from '../../validation/lib/contour-comparison.ts';

const reference = JSON.parse(readFileSync('validation/reference/alpinist/cww-edges.json', 'utf8'));
const frozen = JSON.parse(readFileSync('validation/results/cww-vs-alpinist.json', 'utf8'));
type Edges = { lower: number; upper: number } | null;
type Row = {
  massGeV: number;
  alpinistCww: Edges;
  alpinistCbb: Edges;
  withBOverAlpinistCww: Edges;
  primakoffOnlyOverAlpinistCbb: Edges;
  bEffectAlpenglow: Edges;
  bEffectAlpinist: Edges;
};
const contour = (experiment: string, coupling: string) =>
  reference.contours.find((c: { experiment: string; coupling: string }) => c.experiment === experiment && c.coupling === coupling);
const crossingsAt = (experiment: string, coupling: string, massGeV: number): number[] =>
  contour(experiment, coupling).atMasses.find((a: { massGeV: number }) => a.massGeV === massGeV).crossingsCOverLambdaPerGeV;
/** The rows compared: each setup on ALPINIST's layout where it has one (SHADOWS), else as shipped. */
const comparedRows = (scenario: string): Row[] => {
  const result = frozen.results.find((r: { scenario: string }) => r.scenario === scenario);
  return (result.alpinistLayout ?? result).rows;
};

describe('ALPINIST C_WW-only contours (v1.4.0 files = v1.3.0 blobs)', () => {
  it('CHARM: lower edge × 0.83 and upper × 1.50 of the C_BB-only contour at 0.1 GeV, closing at 0.212 instead of 0.144 GeV', () => {
    expect(crossingsAt('CHARM', 'C_WW', 0.1)).toEqual([6.6749e-6, 5.8564e-5]);
    expect(crossingsAt('CHARM', 'C_BB', 0.1)).toEqual([8.0132e-6, 3.8949e-5]);
    expect(contour('CHARM', 'C_WW').largestMassGeV).toBeCloseTo(0.2116, 3);
    expect(contour('CHARM', 'C_BB').largestMassGeV).toBeCloseTo(0.1436, 3);
    expect(crossingsAt('CHARM', 'C_BB', 0.15)).toEqual([]);
    expect(crossingsAt('CHARM', 'C_WW', 0.22)).toEqual([]);
  });

  it('NA62 and SHADOWS: B → K(*) a extends the reach from 1.14 to 1.69 GeV and from 0.74 to 3.02 GeV', () => {
    expect(contour('NA62', 'C_WW').largestMassGeV).toBeCloseTo(1.69, 2);
    expect(contour('NA62', 'C_BB').largestMassGeV).toBeCloseTo(1.14, 2);
    expect(contour('SHADOWS', 'C_WW').largestMassGeV).toBeCloseTo(3.02, 2);
    expect(contour('SHADOWS', 'C_BB').largestMassGeV).toBeCloseTo(0.737, 2);
    for (const c of reference.contours) expect(c.source.sameBlobInV130, c.source.path).toBe(true);
  });
});

describe('alpenglow custom:0,0,1 vs ALPINIST (frozen run of validation/scripts/cww-vs-alpinist.ts)', () => {
  it('ran the B modes, and the copies without them warned', () => {
    expect(frozen.results.map((r: { scenario: string }) => r.scenario)).toEqual(['charm', 'na62-dump', 'shadows']);
    for (const result of frozen.results) {
      expect(result.productionModes.withB, result.scenario).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k', 'b-to-kstar']);
      expect(result.productionModes.primakoffOnly, result.scenario).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']);
      expect(
        result.warnings.withB.some((w: string) => /has c_WW ≠ 0/.test(w)),
        result.scenario,
      ).toBe(false);
      expect(
        result.warnings.primakoffOnly.some((w: string) => /has c_WW ≠ 0/.test(w)),
        result.scenario,
      ).toBe(true);
    }
  });

  it('lower edges within ±12 % and upper edges within ±25 % of ALPINIST C_WW (1/f_a = 32π² C_WW/Λ), CHARM upper ±12 %', () => {
    const expectedMasses: Record<string, number[]> = { charm: [0.03, 0.05, 0.1, 0.15, 0.2], 'na62-dump': [0.1, 0.3, 1, 1.5], shadows: [0.1, 0.3, 1, 2] };
    for (const [scenario, masses] of Object.entries(expectedMasses)) {
      const rows = comparedRows(scenario).filter((row) => row.alpinistCww !== null);
      expect(rows.map((row) => row.massGeV)).toEqual(masses);
      for (const row of rows) {
        const where = `${scenario} ${row.massGeV} GeV`;
        const experiment = frozen.results.find((r: { scenario: string }) => r.scenario === scenario).alpinist;
        expect(row.alpinistCww!.lower / crossingsAt(experiment, 'C_WW', row.massGeV)[0]).toBeCloseTo(SIXTEEN_PI_SQUARED_TIMES_2, 6);
        expect(Math.abs(Math.log(row.withBOverAlpinistCww!.lower)), where).toBeLessThan(Math.log(1.12));
        expect(Math.abs(Math.log(row.withBOverAlpinistCww!.upper)), where).toBeLessThan(Math.log(scenario === 'charm' ? 1.12 : 1.25));
      }
    }
  });

  it('the B modes move the lower edges as in ALPINIST (C_WW/C_BB) within 0.07; without them the lower edges are within 10 % of C_BB', () => {
    for (const scenario of ['charm', 'na62-dump', 'shadows']) {
      for (const row of comparedRows(scenario).filter((r) => r.bEffectAlpinist !== null)) {
        const where = `${scenario} ${row.massGeV} GeV`;
        expect(Math.abs(row.bEffectAlpenglow!.lower - row.bEffectAlpinist!.lower), where).toBeLessThan(0.07);
        expect(Math.abs(row.primakoffOnlyOverAlpinistCbb!.lower - 1), where).toBeLessThan(0.1);
        if (scenario === 'charm') {
          expect(Math.abs(row.bEffectAlpenglow!.upper / row.bEffectAlpinist!.upper - 1), where).toBeLessThan(0.1);
          expect(Math.abs(row.primakoffOnlyOverAlpinistCbb!.upper - 1), where).toBeLessThan(0.1);
        }
      }
    }
  });
});

describe('live: the B modes at CHARM, 0.1 GeV (float64 reference engine)', () => {
  it('move the lower edge by ALPINIST C_WW/C_BB = 0.833 (± 0.035)', async () => {
    const loaded = await loadScenario('charm');
    const withoutB = parseScenario(
      { ...structuredClone(loaded.scenario), production: { ...loaded.scenario.production, modes: loaded.scenario.production.modes.slice(0, 3) } },
      'charm (no B modes)',
    );
    const model = parseLimitsModel('custom:0,0,1');
    const couplings = logSpace(1e-3, 1e-2, 41);
    const widths = logSpace(totalWidthGeV(modelAtCoupling(model, 8e-4), 0.1), totalWidthGeV(modelAtCoupling(model, 1.2e-2), 0.1), 19);
    const lowerEdge = async (scenario: typeof loaded.scenario, hash: string) => {
      const { limits } = await runLimits({
        scenarios: [{ scenario, hash }],
        model,
        couplingsPerGeV: couplings,
        massesGeV: [0.1],
        widthsGeV: widths,
        samplesPerMass: 40_000,
        seed: 2,
        engine: referenceEngine(),
        production: { table: (request) => buildProductionTable(request) },
        maxAddedMasses: 0,
        bands: false,
      });
      return edgesAtMass(limits[0], 0.1)!.lower;
    };
    const withB = await lowerEdge(loaded.scenario, loaded.hash);
    const primakoffOnly = await lowerEdge(withoutB, await scenarioHash(withoutB));
    const alpinist = crossingsAt('CHARM', 'C_WW', 0.1)[0] / crossingsAt('CHARM', 'C_BB', 0.1)[0];
    expect(alpinist).toBeCloseTo(0.833, 3);
    expect(Math.abs(withB / primakoffOnly - alpinist)).toBeLessThan(0.035);
    expect(withB / (crossingsAt('CHARM', 'C_WW', 0.1)[0] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeGreaterThan(0.8);
    expect(withB / (crossingsAt('CHARM', 'C_WW', 0.1)[0] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeLessThan(1.25);
  }, 180_000);
});
