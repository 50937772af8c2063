/**
 * Fixed-mass (c_GG/f_a, c_BB/f_a) planes against ALPINIST's planes of the KOTO paper (arXiv:2303.01521;
 * validation/scripts/planes-vs-alpinist.ts, docs/validation.md §5). Pins (a) the axis convention of
 * ALPINIST's plane files (C at Λ = 1 TeV, not C/Λ): their C_GG-axis crossings are its mass–coupling gluon
 * edges × 1000; (b) the frozen run: crossings of the rays c_BB = r c_GG within ±30 % of ALPINIST's, the open
 * cases in their own bands, the ALPINIST-defect rays flagged and explained; (c) live (float64 reference
 * engine): runPlane's lower crossing of the ray c_BB = 10 c_GG at CHARM, 0.2 GeV.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src/app/ports.ts';
import { runPlane } from '../../src/app/run-plane.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { buildProductionTable } from '../../src/physics/production.ts';
import { SIXTEEN_PI_SQUARED_TIMES_2 } from '../../validation/lib/contour-comparison.ts';
import { alpinistPlaneDefect, rayCrossings, type ReferencePlane } from '../../validation/lib/plane-comparison.ts';

const reference = JSON.parse(readFileSync('validation/reference/alpinist/coupling-planes.json', 'utf8'));
const frozen = JSON.parse(readFileSync('validation/results/planes-vs-alpinist.json', 'utf8'));
type Edges = { lower: number; upper: number } | null;
type Ray = {
  cbbOverCgg: number;
  alpinist: Edges;
  alpenglow: ({ lower: number; upper: number; crossings: number } | { open: number }) | null;
  ratio: Edges;
  alpinistDefect?: string;
  ratioWithoutMesonPhotons?: Edges;
};
type Result = { scenario: string; massGeV: number; rays: Ray[] };
const results: Result[] = frozen.results;
/** Rays outside ±30 % that are explained but not fixed (docs/validation.md §5), each in its own band. */
const OPEN: Record<string, { lower: [number, number]; upper: [number, number] }> = {
  // 40 MeV sits at the low-mass end of the Step-1 kaon-mode selection: the lower edge falls ×2 per 5 MeV there.
  'koto-step1-future 0.04 0.1': { lower: [0.55, 0.8], upper: [0.85, 1.2] },
  'koto-step1-future 0.04 0.5': { lower: [0.6, 0.85], upper: [0.85, 1.2] },
  'koto-step1-2015 0.04 0.1': { lower: [0.6, 0.9], upper: [0.85, 1.2] },
  // A photon-side island barely above threshold in both codes (ALPINIST spans a factor 1.85 in coupling).
  'koto-step1-2015 0.04 100': { lower: [1, 1.8], upper: [0.65, 1] },
};

describe("ALPINIST's (C_GG, C_BB) plane files (v1.4.0 = v1.3.0 blobs)", () => {
  it('hold C at Λ = 1000 GeV: the C_GG-axis crossings at 0.2 GeV are the mass–coupling gluon edges in C/Λ × 1000 (within 1.5 %)', () => {
    expect(reference.axisConvention.planeRowV130.text).toMatch(/^data_sublist\.append\(\[10\*\*x, 10\*\*y, process/);
    expect(reference.axisConvention.massAxisRowV130.text).toMatch(/10\*\*y\/args\.lam/);
    expect(reference.axisConvention.lambdaDefaultV130.text).toMatch(/default=1000/);
    expect(reference.axisCheck).toHaveLength(7);
    for (const check of reference.axisCheck) {
      for (const i of [0, 1])
        expect(Math.abs(check.planeCggAxisEdgesTimes1eMinus3[i] / check.massCouplingGluonEdgesPerGeV[i] - 1), check.alpinist).toBeLessThan(0.015);
    }
    expect(reference.planes).toHaveLength(21);
    expect(reference.planes.every((p: { sameBlobInV130: boolean }) => p.sameBlobInV130)).toBe(true);
  });
});

describe('alpenglow runPlane vs ALPINIST planes (frozen run of validation/scripts/planes-vs-alpinist.ts)', () => {
  it('covers the 21 planes (7 setups × 40, 200, 400 MeV) and 4 rays each, with the defects flagged where ALPINIST is wrong', () => {
    expect(results.map((r) => `${r.scenario} ${r.massGeV}`)).toEqual(reference.planes.map((p: ReferencePlane) => `${p.scenario} ${p.massGeV}`));
    for (const r of results) {
      expect(r.rays.map((ray) => ray.cbbOverCgg)).toEqual(reference.rays);
      for (const ray of r.rays) expect(ray.alpinistDefect).toBe(alpinistPlaneDefect(r.scenario, r.massGeV, ray.cbbOverCgg));
    }
    const flagged = results.flatMap((r) => r.rays.filter((ray) => ray.alpinistDefect).map((ray) => `${r.scenario} ${r.massGeV} ${ray.cbbOverCgg}`));
    expect(flagged).toHaveLength(12 + 12);
  });

  it('crosses every ray where ALPINIST does and nowhere else, with closed intervals', () => {
    for (const r of results) {
      for (const ray of r.rays) {
        const key = `${r.scenario} ${r.massGeV} ${ray.cbbOverCgg}`;
        expect(ray.alpenglow === null, key).toBe(ray.alpinist === null);
        if (ray.alpenglow) expect('lower' in ray.alpenglow, key).toBe(true);
      }
    }
  });

  it('lowest and highest crossings within ±30 % of ALPINIST on every ray outside the defects, the four open rays in their bands', () => {
    let compared = 0;
    for (const r of results) {
      for (const ray of r.rays) {
        if (ray.alpinistDefect || !ray.ratio) continue;
        const key = `${r.scenario} ${r.massGeV} ${ray.cbbOverCgg}`;
        const band = OPEN[key] ?? { lower: [1 / 1.3, 1.3], upper: [1 / 1.3, 1.3] };
        for (const edge of ['lower', 'upper'] as const) {
          expect(ray.ratio[edge], `${key} ${edge}`).toBeGreaterThan(band[edge][0]);
          expect(ray.ratio[edge], `${key} ${edge}`).toBeLessThan(band[edge][1]);
        }
        compared++;
      }
    }
    expect(compared).toBe(21 * 4 - 24);
  });

  it('KOTO Step 1 at 0.4 GeV (mixing boost): alpenglow reaches lower on every ray (0.5–0.85×), as ALPINIST loses its mixing ALPs', () => {
    for (const r of results.filter((x) => x.scenario.startsWith('koto-step1') && x.massGeV === 0.4)) {
      for (const ray of r.rays.filter((x) => x.ratio)) {
        expect(ray.ratio!.lower, `${r.scenario} ${ray.cbbOverCgg}`).toBeGreaterThan(0.5);
        expect(ray.ratio!.lower, `${r.scenario} ${ray.cbbOverCgg}`).toBeLessThan(0.85);
      }
    }
  });

  it("KOTO Step 2 photon-side rays: without meson-photon Primakoff (as ALPINIST's empty tables) within ±20 %; with it, 0.04 GeV c_BB = 100 c_GG reaches 0.6–0.8× lower", () => {
    for (const r of results.filter((x) => x.scenario.startsWith('koto-step2'))) {
      for (const ray of r.rays.filter((x) => x.alpinistDefect)) {
        for (const edge of ['lower', 'upper'] as const) {
          expect(Math.abs(ray.ratioWithoutMesonPhotons![edge] - 1), `${r.scenario} ${r.massGeV} ${ray.cbbOverCgg} ${edge}`).toBeLessThan(0.2);
        }
      }
    }
    const koto2 = results.find((x) => x.scenario === 'koto-step2' && x.massGeV === 0.04)!.rays.find((ray) => ray.cbbOverCgg === 100)!;
    expect(koto2.ratio!.lower).toBeGreaterThan(0.6);
    expect(koto2.ratio!.lower).toBeLessThan(0.8);
  });
});

describe('live: runPlane at CHARM, 0.2 GeV (float64 reference engine)', () => {
  it('crosses the ray c_BB = 10 c_GG where ALPINIST does (lower crossing within ±20 %)', async () => {
    const plane: ReferencePlane = reference.planes.find((p: ReferencePlane) => p.scenario === 'charm' && p.massGeV === 0.2);
    const alpinist = plane.rays.find((ray) => ray.cbbOverCgg === 10)!.crossingsCggOverLambdaPerGeV[0] * SIXTEEN_PI_SQUARED_TIMES_2;
    expect(alpinist).toBeCloseTo(1.067e-5, 7);
    // A small plane around the crossing: the ray runs along its diagonal, the rest of the boundary is cut off.
    const grid = { xValuesPerGeV: logSpace(alpinist / 3, alpinist * 3, 13), yValuesPerGeV: logSpace((10 * alpinist) / 3, 10 * alpinist * 3, 13) };
    const loaded = await loadScenario('charm');
    const [json] = await runPlane({
      scenarios: [{ scenario: loaded.scenario, hash: loaded.hash }],
      massGeV: 0.2,
      x: 'c_GG',
      y: 'c_BB',
      ...grid,
      samplesPerMass: 20_000,
      seed: 2,
      engine: referenceEngine(),
      production: { table: (request) => buildProductionTable(request) },
    });
    const crossings = rayCrossings(json.contours.nominal.polygons, 10, grid);
    expect(crossings).toHaveLength(1);
    expect(crossings[0] / alpinist).toBeGreaterThan(1 / 1.2);
    expect(crossings[0] / alpinist).toBeLessThan(1.2);
  }, 180_000);
});
