/**
 * Exclusion edges of the seed setups against ALPINIST's published mass–coupling contours at the exact
 * masses (validation/scripts/contours-vs-alpinist.ts; docs/validation.md). Compared only where ALPINIST
 * is right: no KOTO Step-1 masses in 0.26–0.45 GeV (mixing boost defect), no KOTO Step-2 photon model
 * (empty photon-from-meson tables). Frozen alpenglow run pinned at ±30 %; one setup recomputed live.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { couplingAxis, runLimits } from '../../src/app/run-limits.ts';
import { referenceEngine } from '../../src/app/ports.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { edgesAtMass, SIXTEEN_PI_SQUARED_TIMES_2 } from '../../validation/lib/contour-comparison.ts';

const reference = JSON.parse(readFileSync('validation/reference/alpinist/mass-coupling-edges.json', 'utf8'));
const frozen = JSON.parse(readFileSync('validation/results/contours-vs-alpinist.json', 'utf8'));
const TOLERANCE = 1.3;
/**
 * Not explained yet (docs/validation.md §1): koto-step1-future's upper edges at 0.2 GeV lie 0.5–0.7× ALPINIST's,
 * its gluon lower edge at 0.05 GeV 0.76×,
 * and ALPINIST's thin photon-model island at 0.1 GeV has no alpenglow counterpart. Pinned in their own
 * bands so a change shows; its other edges are inside ±30 %.
 */
const OPEN_DISCREPANCIES: Record<string, [number, number]> = {
  'koto-step1-future/gluon/0.05/lower': [0.6, 0.9],
  'koto-step1-future/gluon/0.2/upper': [0.4, 0.7],
  'koto-step1-future/codominance/0.2/upper': [0.5, 0.85],
  'koto-step1-future/photon/0.1': [0, Number.POSITIVE_INFINITY],
};
type Row = {
  massGeV: number;
  alpinist: { lower: number; upper: number } | null;
  alpenglow: { lower: number; upper: number } | null;
  lowerRatio: number | null;
  upperRatio: number | null;
};

describe('alpenglow vs ALPINIST mass–coupling contours (frozen run)', () => {
  it('covers every compared contour and mass of the reference, none in the defect regions', () => {
    expect(frozen.results.map((r: { scenario: string; model: string }) => `${r.scenario}/${r.model}`)).toEqual(
      reference.contours.map((c: { scenario: string; model: string }) => `${c.scenario}/${c.model}`),
    );
    for (const r of frozen.results) {
      if (r.scenario.startsWith('koto-step1')) for (const row of r.rows) expect(row.massGeV < 0.26 || row.massGeV > 0.45).toBe(true);
      if (r.scenario.startsWith('koto-step2')) expect(r.model).not.toBe('photon');
    }
  });
  it('an exclusion exists at the same masses, and every lower and upper edge agrees within ±30 % (documented exceptions aside)', () => {
    let compared = 0;
    for (const r of frozen.results) {
      for (const row of r.rows as Row[]) {
        const where = `${r.scenario}/${r.model}/${row.massGeV}`;
        if (where in OPEN_DISCREPANCIES) continue;
        expect(row.alpenglow === null, where).toBe(row.alpinist === null);
        if (!row.alpinist || !row.alpenglow) continue;
        const ratios = { lower: row.alpenglow.lower / row.alpinist.lower, upper: row.alpenglow.upper / row.alpinist.upper };
        for (const [edge, ratio] of Object.entries(ratios)) {
          const [low, high] = OPEN_DISCREPANCIES[`${where}/${edge}`] ?? [1 / TOLERANCE, TOLERANCE];
          expect(ratio, `${where} ${edge}`).toBeGreaterThan(low);
          expect(ratio, `${where} ${edge}`).toBeLessThan(high);
        }
        compared++;
      }
    }
    expect(compared).toBe(39);
  });
  it('the open discrepancies are few and all in koto-step1-future (ALPINIST KOTOexclPnn)', () => {
    expect(Object.keys(OPEN_DISCREPANCIES).every((key) => key.startsWith('koto-step1-future/'))).toBe(true);
    const island = frozen.results
      .find((r: { scenario: string; model: string }) => r.scenario === 'koto-step1-future' && r.model === 'photon')
      .rows.find((row: Row) => row.massGeV === 0.1);
    // ALPINIST's island at 0.1 GeV spans only a factor 1.4 in coupling; alpenglow excludes nothing there.
    expect(island.alpinist.upper / island.alpinist.lower).toBeLessThan(1.5);
    expect(island.alpenglow).toBeNull();
  });
});

describe('one setup recomputed live (float64 reference engine)', () => {
  it('charm, photon model, m = 0.1 GeV: both edges within ±30 % of ALPINIST', async () => {
    const loaded = await loadScenario('charm');
    const {
      limits: [limits],
    } = await runLimits({
      scenarios: [{ scenario: loaded.scenario, hash: loaded.hash }],
      model: 'photon',
      couplingsPerGeV: couplingAxis(1e-4, 1, 20),
      massesGeV: [0.1],
      samplesPerMass: 20_000,
      seed: 3,
      engine: referenceEngine(),
      production: cachedProductionSource(),
      maxAddedMasses: 0,
      widthsPerDecade: 4,
    });
    const alpinist = reference.contours
      .find((c: { scenario: string; model: string }) => c.scenario === 'charm' && c.model === 'photon')
      .atMasses.find((a: { massGeV: number }) => a.massGeV === 0.1).crossingsCOverLambdaPerGeV;
    const edges = edgesAtMass(limits, 0.1)!;
    expect(edges.lower / (alpinist[0] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeGreaterThan(1 / TOLERANCE);
    expect(edges.lower / (alpinist[0] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeLessThan(TOLERANCE);
    expect(edges.upper / (alpinist[alpinist.length - 1] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeGreaterThan(1 / TOLERANCE);
    expect(edges.upper / (alpinist[alpinist.length - 1] * SIXTEEN_PI_SQUARED_TIMES_2)).toBeLessThan(TOLERANCE);
  }, 120_000);
});
