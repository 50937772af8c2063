/**
 * The conclusions of the KOTO paper (arXiv:2303.01521 §IV, Figs. 5, 6) reproduced by alpenglow's own edges
 * (frozen run of validation/scripts/contours-vs-alpinist.ts, gluon model, the paper's exposures), compared
 * with the two proton-dump experiments simulated here (CHARM, NuCal):
 * - "at Step 1, KOTO cannot probe new regions": Step-1 lower edges (kaon-mode future run, dump mode) lie
 *   above the better of CHARM and NuCal;
 * - "KOTO Step 2 can probe new regions ... with gluonic coupling": its lower edges lie below both;
 * - "the sensitivity at the dump mode is not competitive with that of the kaon mode" (Step 2).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const frozen = JSON.parse(readFileSync('validation/results/contours-vs-alpinist.json', 'utf8'));
function lowerEdge(scenario: string, massGeV: number): number {
  const result = frozen.results.find((r: { scenario: string; model: string }) => r.scenario === scenario && r.model === 'gluon');
  return result.rows.find((row: { massGeV: number }) => row.massGeV === massGeV).alpenglow.lower;
}
const bestOldDump = (massGeV: number) => Math.min(lowerEdge('charm', massGeV), lowerEdge('nucal', massGeV));

describe('KOTO paper statements, gluon benchmark (i), alpenglow alone', () => {
  it('Step 1 (koto-step1-future, koto-step1-dump at 2.2e18 POT) stays above CHARM/NuCal at 0.05–0.2 GeV', () => {
    for (const m of [0.05, 0.1, 0.2]) {
      expect(lowerEdge('koto-step1-future', m), `m = ${m}`).toBeGreaterThan(bestOldDump(m));
      expect(lowerEdge('koto-step1-dump', m), `m = ${m}`).toBeGreaterThan(bestOldDump(m));
    }
  });
  it('Step 2 in kaon mode reaches below CHARM/NuCal at 0.1–0.3 GeV', () => {
    for (const m of [0.1, 0.2, 0.3]) expect(lowerEdge('koto-step2', m), `m = ${m}`).toBeLessThan(bestOldDump(m));
  });
  it('Step 2: the dump mode (2.2e18 POT) is weaker than the kaon mode (6e20 POT) at every mass', () => {
    for (const m of [0.05, 0.1, 0.2, 0.3]) expect(lowerEdge('koto-step2-dump', m), `m = ${m}`).toBeGreaterThan(lowerEdge('koto-step2', m));
  });
});
