/**
 * The NA62 dump statements of the seeds (Panichi 2024 §4, Fig. 5; docs/na62.md): the 2021 data
 * (1.4e17 POT) "extend the exclusion limits from previous experiments" for B → K(*) a, a → μμ and
 * a → ee. Checked against the one previous experiment frozen here, ALPINIST's CHARM contours (same
 * K + r K* definition): alpenglow's observed NA62 limits (frozen run of
 * validation/scripts/bk-vs-alpinist.ts, rescaled from the expected-median s_up to the observed one)
 * exclude lifetimes of 60–100 ps where CHARM excludes nothing, and lie below CHARM at τ = 1 ns, for
 * m = 0.22–0.30 GeV. The seed's μμ mass bound (M_a < 280 MeV) involves other experiments and is
 * not checked.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { upperLimitSingleRegion } from '../../src/stats/single-region.ts';
import { contourLowerEdge } from '../../validation/lib/bk-comparison.ts';

const reference = JSON.parse(readFileSync('validation/reference/alpinist/bk-contours.json', 'utf8'));
const frozen = JSON.parse(readFileSync('validation/results/bk-vs-alpinist.json', 'utf8'));
type Point = { tauPs: number; alpenglow: number | null };

describe('NA62 2021 dump data extend CHARM (seeds: Panichi 2024 §4)', () => {
  it('at τ = 63–100 ps NA62 excludes BR×BR < 1e-5 where CHARM excludes nothing; at 1 ns NA62 is below CHARM', async () => {
    for (const [scenarioName, channel] of [
      ['na62-dump-mumu', 'mumu'],
      ['na62-dump-ee', 'ee'],
    ] as const) {
      const region = (await loadScenario(scenarioName)).scenario.regions[0];
      const observedSignalLimit = upperLimitSingleRegion(region.observedEvents!, region.backgroundEvents);
      for (const comparison of frozen.comparisons.filter((c: { channel: string }) => c.channel === channel)) {
        const charm = reference.contours.find(
          (c: { experiment: string; channel: string; massGeV: number }) =>
            c.experiment === 'CHARM' && c.channel === channel && c.massGeV === comparison.massGeV,
        );
        const observedOverMedian = observedSignalLimit / comparison.signalEventsUpperLimit;
        const at = (tauPs: number) => comparison.points.find((p: Point) => Math.abs(p.tauPs / tauPs - 1) < 0.05);
        for (const tauPs of [63.1, 100]) {
          const p = at(tauPs);
          expect(contourLowerEdge(charm.tauPsBrDecay, p.tauPs), `${channel} ${comparison.massGeV} τ = ${tauPs} ps`).toBeNull();
          expect(p.alpenglow * observedOverMedian).toBeLessThan(1e-5);
        }
        const p = at(1000);
        expect(p.alpenglow * observedOverMedian).toBeLessThan(contourLowerEdge(charm.tauPsBrDecay, p.tauPs)!);
      }
    }
  });
});
