/**
 * Adaptive mass refinement (src/app/mass-refinement.ts, used by runLimits on every face): mass words
 * that depend only on a mass's position; the disagreement rules; and, end to end with an engine of
 * known efficiency, that a coarse grid cannot draw exclusion across masses where nothing is
 * produced — the failure the page showed on 4 masses at KOTO Step 2 (issue 12).
 */
import { describe, expect, it } from 'vitest';
import { disagreement, gridScanMasses, massCounterWord, midpoint, nextRefinement, type ScanMass } from '../../src/app/mass-refinement.ts';
import { runLimits } from '../../src/app/run-limits.ts';
import type { CouplingInterval } from '../../src/limits/contours.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { functionEngine, kotoStep2Target, toyProduction } from './fixtures.ts';

const interval = (lower: number, upper: number): CouplingInterval => ({
  lower,
  upper,
  lowerAtRangeEnd: false,
  upperAtRangeEnd: false,
  lowerNextToUnknown: false,
  upperNextToUnknown: false,
});
const summary = (massGeV: number, nominal: CouplingInterval[], band = 1.01) => ({
  massGeV,
  nominal,
  mcMinus1Sigma: nominal.map((entry) => interval(entry.lower * band, entry.upper / band)),
  mcPlus1Sigma: nominal.map((entry) => interval(entry.lower / band, entry.upper * band)),
});

describe('mass words and midpoints', () => {
  const grid = [0.01, 0.1, 1];
  it('grid masses keep their index; added masses get a word from their position only', () => {
    const scan = gridScanMasses(grid);
    expect(scan.map(massCounterWord)).toEqual([0, 1, 2]);
    const half = midpoint(scan[0], scan[1], grid)!;
    expect(half.massGeV).toBeCloseTo(Math.sqrt(0.01 * 0.1), 12);
    expect(massCounterWord(half)).toBe((0x80000000 + 0 * 4096 + 2048) >>> 0);
    const quarter = midpoint(scan[0], half, grid)!;
    const threeQuarters = midpoint(half, scan[1], grid)!;
    expect([quarter, threeQuarters].map((mass) => [mass.index, mass.numerator, mass.level])).toEqual([
      [0, 1, 2],
      [0, 3, 2],
    ]);
    const words = [half, quarter, threeQuarters, midpoint(scan[1], scan[2], grid)!].map(massCounterWord);
    expect(new Set(words).size).toBe(4);
    expect(words.every((word) => word >= 0x80000000 && word <= 0xffffffff)).toBe(true);
    // The same position reached another way has the same word.
    const again = midpoint({ ...scan[0] }, { ...scan[1] }, grid)!;
    expect(massCounterWord(again)).toBe(massCounterWord(half));
  });

  it('stops at the finest level', () => {
    let right: ScanMass = gridScanMasses(grid)[1];
    const left = gridScanMasses(grid)[0];
    for (let level = 1; level <= 12; level++) right = midpoint(left, right, grid)!;
    expect(right.level).toBe(12);
    expect(midpoint(left, right, grid)).toBeNull();
  });
});

describe('disagreement between neighbouring masses', () => {
  it('flags where exclusion ends and edge steps beyond the MC band and half a decade; not zero next to too little signal', () => {
    expect(disagreement(summary(0.1, [interval(1e-5, 1e-2)]), summary(0.2, []))).toBe('exclusion-ends');
    expect(disagreement(summary(0.1, []), summary(0.2, []))).toBeNull();
    expect(disagreement(summary(0.1, [interval(1e-5, 1e-2)]), summary(0.2, [interval(2e-5, 1e-2)]))).toBeNull();
    expect(disagreement(summary(0.1, [interval(1e-5, 1e-2)]), summary(0.2, [interval(1e-4, 1e-2)]))).toBe('edge-step');
    // A step inside a wide MC band is noise, not structure.
    expect(disagreement(summary(0.1, [interval(1e-5, 1e-2)], 100), summary(0.2, [interval(1e-4, 1e-2)], 100))).toBeNull();
  });

  it('adds at most the budget and reports the rest unresolved', () => {
    const grid = [0.1, 0.2, 0.3, 0.4];
    const scan = gridScanMasses(grid);
    const summaries = [summary(0.1, []), summary(0.2, [interval(1e-5, 1e-2)]), summary(0.3, []), summary(0.4, [interval(1e-5, 1e-2)])];
    const next = nextRefinement(scan, summaries, grid, 2);
    expect(next.add.map((mass) => mass.index)).toEqual([0, 1]);
    expect(next.unresolved).toEqual([[0.3, 0.4]]);
  });

  it('does not split neighbours within 0.5 % in mass', () => {
    const grid = [0.1, 0.1004, 0.2];
    const summaries = [summary(0.1, []), summary(0.1004, [interval(1e-5, 1e-2)]), summary(0.2, [interval(1e-5, 1e-2)])];
    const next = nextRefinement(gridScanMasses(grid), summaries, grid, 5);
    expect(next.add).toEqual([]);
    expect(next.unresolved).toEqual([[0.1, 0.1004]]);
  });
});

describe('runLimits never draws exclusion across masses where nothing is produced', async () => {
  const target = await kotoStep2Target();
  // Nothing is produced below 45 MeV; above, a long-lived efficiency that dies at short lifetimes.
  const THRESHOLD = 0.045;
  const production = () => toyProduction((m) => (m < THRESHOLD ? 0 : 1e-12));
  const efficiency = (_m: number, widthGeV: number) => 1e-3 * Math.exp(-widthGeV / 1e-14);
  const couplings = logSpace(1e-7, 1e-1, 121);
  const request = {
    scenarios: [target],
    model: 'gluon',
    couplingsPerGeV: couplings,
    massesGeV: [0.01, 0.1, 1],
    samplesPerMass: 1000,
    seed: 1,
    widthsPerDecade: 4,
  };

  it('with refinement: masses are added between the zero and the excluding mass, and no exclusion is drawn below the last zero', async () => {
    const engine = functionEngine(efficiency);
    const { limits } = await runLimits({ ...request, engine, production: production(), maxAddedMasses: 12 });
    const result = limits[0];
    const record = result.massRefinement!;
    expect(record.addedMassesGeV.length).toBeGreaterThan(3);
    expect(record.addedMassesGeV.length).toBeLessThanOrEqual(12);
    const zeros = record.zeroSignalMassesGeV;
    expect(zeros.length).toBeGreaterThan(1);
    const highestZero = Math.max(...zeros.filter((m) => m < THRESHOLD));
    const lowestSignal = Math.min(...record.addedMassesGeV.concat(request.massesGeV).filter((m) => m >= THRESHOLD));
    // The refinement closes in on the threshold from both sides (to within a factor 1.4 in mass).
    expect(lowestSignal / highestZero).toBeLessThan(1.4);
    expect(result.exclusion.every((entry) => entry.massGeV >= THRESHOLD)).toBe(true);
    // The drawn excluded area stays above the highest mass where the MC found nothing.
    const polygonMasses = result.contours.nominal.polygons.flat(2).map(([m]) => m);
    expect(polygonMasses.length).toBeGreaterThan(0);
    expect(Math.min(...polygonMasses)).toBeGreaterThanOrEqual(highestZero * (1 - 1e-6));
    // Added masses ran with their own mass words (high bit set), grid masses with their index.
    const words = engine.jobs.map((job) => job.massGridIndices![0]);
    const modes = target.scenario.production.modes.length;
    expect(words.filter((word) => word < 3).sort()).toEqual([...Array(modes).fill(1), ...Array(modes).fill(2)]); // 0.01 GeV has no yield: no job
    expect(words.filter((word) => word >= 0x80000000).length).toBe(modes * record.addedMassesGeV.filter((m) => m >= THRESHOLD).length);
  });

  it('without refinement (cap 0) the interval is reported unresolved, with a warning', async () => {
    const { limits } = await runLimits({ ...request, engine: functionEngine(efficiency), production: production(), maxAddedMasses: 0 });
    const record = limits[0].massRefinement!;
    expect(record.addedMassesGeV).toEqual([]);
    expect(record.unresolvedIntervalsGeV).toContainEqual([0.01, 0.1]);
    expect(limits[0].warnings.join('\n')).toMatch(/neighbouring masses disagree/);
    // Even so, the contour grid includes the zero-signal mass: nothing is drawn below 10 MeV… and the
    // interpolation between 0.01 (zero) and 0.1 GeV is what it is: the warning says so.
    expect(record.zeroSignalMassesGeV).toEqual([0.01]);
  });

  it('gives the same limits from the engine and from the tables it made (the page redraws from tables)', async () => {
    const run = await runLimits({ ...request, engine: functionEngine(efficiency), production: production(), maxAddedMasses: 6 });
    const again = await runLimits({ ...request, massesGeV: undefined, tables: run.sets, earlierRefinement: run.limits.map((entry) => entry.massRefinement) });
    expect(again.limits[0].exclusion).toEqual(run.limits[0].exclusion);
    expect(again.limits[0].contours).toEqual(run.limits[0].contours);
    expect(again.limits[0].massRefinement!.addedMassesGeV).toEqual(run.limits[0].massRefinement!.addedMassesGeV);
  });
});

describe('the contour grid includes every mass where the MC found no signal', async () => {
  const target = await kotoStep2Target();
  it('a coarse contour grid cannot bridge a zero-signal table mass', async () => {
    const { limits } = await runLimits({
      scenarios: [target],
      model: 'gluon',
      couplingsPerGeV: logSpace(1e-7, 1e-1, 61),
      massesGeV: [0.01, 0.03, 0.1],
      samplesPerMass: 1000,
      seed: 1,
      widthsPerDecade: 4,
      engine: functionEngine((_m, widthGeV) => 1e-3 * Math.exp(-widthGeV / 1e-14)),
      production: toyProduction((m) => (Math.abs(m - 0.03) < 1e-9 ? 0 : 1e-12)),
      maxAddedMasses: 0,
      contourMassCount: 2,
    });
    const result = limits[0];
    expect(result.massRefinement!.zeroSignalMassesGeV).toEqual([0.03]);
    expect(result.exclusion.map((entry) => entry.massGeV)).toEqual([0.01, 0.1]);
    const rings = result.contours.nominal.polygons.flat();
    expect(rings.length).toBeGreaterThan(0);
    for (const ring of rings) {
      const masses = ring.map(([m]) => m);
      expect(
        Math.min(...masses) >= 0.03 * (1 - 1e-9) || Math.max(...masses) <= 0.03 * (1 + 1e-9),
        `ring spans ${Math.min(...masses)} … ${Math.max(...masses)} GeV`,
      ).toBe(true);
    }
  });
});
