/**
 * c_WW-only ALPs at CHARM against ALPINIST (validation/scripts/cww-vs-alpinist.ts; docs/validation.md
 * "c_WW only"). Pins (a) what ALPINIST's contours say: at CHARM (400 GeV) its C_WW-only contour lies beyond
 * its C_BB-only one (same c_γγ), the B → K(*) a share; (b) the frozen run: alpenglow custom:0,0,1 with the
 * B modes within ±15 % of ALPINIST's C_WW edges at 0.03–0.2 GeV, and the B modes move alpenglow's edges
 * as they move ALPINIST's; (c) live (float64 reference engine): the lower edge at 0.1 GeV with and without
 * the B modes moves by ALPINIST's factor.
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
  alpenglowWithB: Edges;
  withBOverAlpinistCww: Edges;
  primakoffOnlyOverAlpinistCbb: Edges;
  bEffectAlpenglow: Edges;
  bEffectAlpinist: Edges;
};
const contour = (coupling: string) => reference.contours.find((c: { coupling: string }) => c.coupling === coupling);

describe('ALPINIST CHARM C_WW-only contour (v1.4.0 files)', () => {
  it('reaches beyond the C_BB-only one: lower edge × 0.83 and upper × 1.50 at 0.1 GeV, closing at 0.212 instead of 0.144 GeV', () => {
    const at = (coupling: string, massGeV: number) =>
      contour(coupling).atMasses.find((a: { massGeV: number }) => a.massGeV === massGeV).crossingsCOverLambdaPerGeV as number[];
    expect(at('C_WW', 0.1)).toEqual([6.6749e-6, 5.8564e-5]);
    expect(at('C_BB', 0.1)).toEqual([8.0132e-6, 3.8949e-5]);
    expect(contour('C_WW').largestMassGeV).toBeCloseTo(0.2116, 3);
    expect(contour('C_BB').largestMassGeV).toBeCloseTo(0.1436, 3);
    expect(at('C_BB', 0.15)).toEqual([]);
    expect(at('C_WW', 0.22)).toEqual([]);
  });
});

describe('alpenglow custom:0,0,1 at CHARM vs ALPINIST (frozen run of validation/scripts/cww-vs-alpinist.ts)', () => {
  const rows: Row[] = frozen.rows;
  it('ran the B modes, and the copy without them warned', () => {
    expect(frozen.productionModes.withB).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k', 'b-to-kstar']);
    expect(frozen.productionModes.primakoffOnly).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing']);
    expect(frozen.warnings.withB.some((w: string) => /has c_WW ≠ 0/.test(w))).toBe(false);
    expect(frozen.warnings.primakoffOnly.some((w: string) => /has c_WW ≠ 0/.test(w))).toBe(true);
  });

  it('edges within ±15 % of ALPINIST C_WW at 0.03–0.2 GeV (1/f_a = 32π² C_WW/Λ)', () => {
    const compared = rows.filter((row) => row.alpinistCww !== null);
    expect(compared.map((row) => row.massGeV)).toEqual([0.03, 0.05, 0.1, 0.15, 0.2]);
    for (const row of compared) {
      expect(
        row.alpinistCww!.lower / contour('C_WW').atMasses.find((a: { massGeV: number }) => a.massGeV === row.massGeV).crossingsCOverLambdaPerGeV[0],
      ).toBeCloseTo(SIXTEEN_PI_SQUARED_TIMES_2, 6);
      for (const edge of ['lower', 'upper'] as const) {
        expect(row.withBOverAlpinistCww![edge], `${row.massGeV} ${edge}`).toBeGreaterThan(1 / 1.15);
        expect(row.withBOverAlpinistCww![edge], `${row.massGeV} ${edge}`).toBeLessThan(1.15);
      }
    }
  });

  it('the B modes move the edges as in ALPINIST (C_WW/C_BB) within 0.05, and without them alpenglow is within 10 % of C_BB', () => {
    for (const row of rows.filter((r) => r.bEffectAlpinist !== null)) {
      expect(Math.abs(row.bEffectAlpenglow!.lower - row.bEffectAlpinist!.lower), `${row.massGeV}`).toBeLessThan(0.05);
      expect(Math.abs(row.bEffectAlpenglow!.upper / row.bEffectAlpinist!.upper - 1), `${row.massGeV}`).toBeLessThan(0.1);
      expect(Math.abs(row.primakoffOnlyOverAlpinistCbb!.lower - 1)).toBeLessThan(0.1);
      expect(Math.abs(row.primakoffOnlyOverAlpinistCbb!.upper - 1)).toBeLessThan(0.1);
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
    const alpinist = contour('C_WW').atMasses[2].crossingsCOverLambdaPerGeV[0] / contour('C_BB').atMasses[2].crossingsCOverLambdaPerGeV[0];
    expect(alpinist).toBeCloseTo(0.833, 3);
    expect(Math.abs(withB / primakoffOnly - alpinist)).toBeLessThan(0.035);
    expect(withB / (contour('C_WW').atMasses[2].crossingsCOverLambdaPerGeV[0] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeGreaterThan(0.8);
    expect(withB / (contour('C_WW').atMasses[2].crossingsCOverLambdaPerGeV[0] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeLessThan(1.25);
  }, 180_000);
});
