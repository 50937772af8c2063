/**
 * c_WW-only ALPs at CHARM with B → K(*) a production (issue 15 §2; docs/physics-model.md "c_WW-only models").
 *
 * 1. The signal of custom:0,0,1 at m = 0.1 GeV, f_a = 1 TeV, from the tables of the one table builder
 *    (float64 reference engine), equals the sum written out here from the physics library:
 *      N = POT · A · BR_γγ · [ g_aγγ² Σ_Primakoff Y ε + Σ_{X = K, K*} S_X Y_X ε_X ],
 *    with S_X = Σ_s f_s BR(B_s → X a) / Σ_s f_s from bToRecoilAlpBranchingRatioFromW (arXiv:1611.09355),
 *    Y_X the B → X a table of buildBAlpTable (per unit BR) and ε the engine's efficiency at Γ_tot.
 *    The tables and the sum share the engine's ε, so the agreement is exact up to round-off (1e-9).
 * 2. `alpenglow limits --scenario charm --model custom:0,0,1` runs the B modes and no longer warns; the
 *    photon model (c_WW = 0) skips them: no engine run, not in provenance.productionModes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { referenceEngine, type ProductionSource } from '../../src/app/ports.ts';
import { buildTables } from '../../src/app/table-builder.ts';
import { expectedSignal } from '../../src/limits/rescale.ts';
import { modelAtCoupling, parseLimitsModel } from '../../src/limits/model.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { buildProductionTable } from '../../src/physics/production.ts';
import { B_FRAGMENTATION_FRACTION, buildBAlpTable } from '../../src/physics/b-meson-production.ts';
import { B_MESON_SPECIES, bToRecoilAlpBranchingRatioFromW } from '../../src/physics/b-meson-decays.ts';
import { branchingRatio, totalWidthGeV } from '../../src/physics/widths.ts';
import { gAgammaPerGeV } from '../../src/physics/yields.ts';
import { smallLimitsRun } from '../helpers/cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-c-ww-charm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const B_WARNING = /has c_WW ≠ 0, which gives B → K\(\*\) a/;
const MASS_GEV = 0.1;
const COUPLING_PER_GEV = 1e-3; // f_a = 1 TeV

describe('c_WW-only CHARM signal with B → K(*) a', () => {
  it('equals Primakoff + Σ_B POT·A·BR_γγ·S_B·Y_B·ε_B at 0.1 GeV (exact up to round-off)', async () => {
    const { scenario, hash } = await loadScenario('charm');
    expect(scenario.production.modes).toEqual(['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k', 'b-to-kstar']);
    const model = parseLimitsModel('custom:0,0,1');
    const koto = modelAtCoupling(model, COUPLING_PER_GEV);
    const widthGeV = totalWidthGeV(koto, MASS_GEV);
    const production: ProductionSource = { table: (request) => buildProductionTable(request) };
    const rows = await buildTables({
      scenarios: [{ scenario, hash }],
      massesGeV: [MASS_GEV, 0.15],
      widthsGeV: [widthGeV / 3, widthGeV, widthGeV * 3],
      samplesPerMass: 20_000,
      seed: 5,
      engine: referenceEngine(),
      production,
    });
    const set = rows.tableSet({ scenario, hash });
    const computed = expectedSignal(set, model, MASS_GEV, COUPLING_PER_GEV);
    expect(computed.statusName).toBe('ok');

    const pot = scenario.exposure.pot * scenario.additionalAcceptance.value * branchingRatio(koto, MASS_GEV, 'gammaGamma');
    const efficiencyAt = (mode: string) => {
      const table = set.tables.find((t) => t.productionMode === mode)!;
      const cell = (0 * table.widthsGeV.length + 1) * table.regionNames.length; // mass 0.1 GeV, width Γ_tot, region 0
      return { yieldPerPot: table.yieldPerPotAtReference[0], efficiency: table.efficiency[cell] };
    };
    // Primakoff: g_aγγ² (c_γγ = c_WW) × the tables at g = 1 GeV⁻¹; mixing: c_GG = 0, nothing.
    const gAgamma2 = gAgammaPerGeV(koto, MASS_GEV) ** 2;
    let primakoff = 0;
    for (const mode of ['primakoff-meson-photons', 'primakoff-beam-photons']) {
      const { yieldPerPot, efficiency } = efficiencyAt(mode);
      primakoff += pot * gAgamma2 * yieldPerPot * efficiency;
    }
    // B → X a: S_X from the branching ratios (B± and B0 open at 0.1 GeV, equal fractions), Y_X from buildBAlpTable.
    let bPart = 0;
    for (const [mode, recoil] of [
      ['b-to-k', 'K'],
      ['b-to-kstar', 'Kstar'],
    ] as const) {
      const fractions = B_MESON_SPECIES.reduce((sum, species) => sum + B_FRAGMENTATION_FRACTION[species], 0);
      const scale =
        B_MESON_SPECIES.reduce(
          (sum, species) => sum + B_FRAGMENTATION_FRACTION[species] * bToRecoilAlpBranchingRatioFromW(koto, MASS_GEV, recoil, species),
          0,
        ) / fractions;
      expect(scale).toBeGreaterThan(4e-8); // BR ≈ 5–6e-8 at c_WW = 1, f_a = 1 TeV (docs/physics-model.md)
      expect(scale).toBeLessThan(8e-8);
      const direct = buildBAlpTable({
        massGeV: MASS_GEV,
        recoil,
        beamEnergyGeV: scenario.beam.energyGeV,
        target: scenario.beam.target,
        thetaRangeRad: [scenario.production.thetaRangeRad[0], scenario.production.thetaRangeRad[1]],
      });
      const { yieldPerPot, efficiency } = efficiencyAt(mode);
      expect(yieldPerPot / direct.yieldPerPot).toBeCloseTo(1, 12);
      expect(efficiency).toBeGreaterThan(0);
      bPart += pot * scale * direct.yieldPerPot * efficiency;
    }
    expect(efficiencyAt('mixing').yieldPerPot).toBeGreaterThan(0); // the table exists; c_GG = 0 scales it by 0
    expect(Math.abs(computed.total / (primakoff + bPart) - 1)).toBeLessThan(1e-9);
    // Inside CHARM's angles B → K(*) a makes 3× the Primakoff ALPs at 0.1 GeV, but softer ones: after the decay
    // and selection it adds 0.45× the Primakoff signal (seed 5, 2e4 samples; docs/physics-model.md).
    expect(bPart / primakoff).toBeGreaterThan(0.25);
    expect(bPart / primakoff).toBeLessThan(0.9);
  }, 120_000);

  it('`limits --model custom:0,0,1` runs the B modes and drops the warning; `--model photon` skips them', async () => {
    const run = (model: string) => smallLimitsRun('charm', model, dir);
    const wOnly = await run('custom:0,0,1');
    expect(wOnly.code, wOnly.stderr).toBe(0);
    const [limits] = [JSON.parse(wOnly.stdout)].flat();
    const all = ['primakoff-meson-photons', 'primakoff-beam-photons', 'mixing', 'b-to-k', 'b-to-kstar'];
    expect(limits.provenance.productionModes).toEqual(all);
    expect(limits.provenance.tables.map((t: { productionMode: string }) => t.productionMode)).toEqual(all);
    expect(limits.warnings.some((w: string) => B_WARNING.test(w))).toBe(false);
    expect(wOnly.stderr).not.toMatch(B_WARNING);
    const photon = await run('photon');
    expect(photon.code, photon.stderr).toBe(0);
    const [photonLimits] = [JSON.parse(photon.stdout)].flat();
    expect(photonLimits.provenance.productionModes).toEqual(all.slice(0, 3));
    expect(photon.stderr).not.toMatch(/b-to-k/);
  }, 180_000);
});
