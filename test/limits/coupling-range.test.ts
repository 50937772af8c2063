/**
 * Issue 15 §2: the coupling range comes from the physics. NuCal (70 GeV protons on iron, decay
 * volume from 64 m) in the gluon model at m_a = 50 MeV has its upper edge near 0.13 GeV⁻¹, above
 * the default scan's top (0.1): the default scan grows by decades until the edge closes; an explicit
 * --couplings that stops below the edge reports no edge there (null plus the bound), in limits.json
 * and in the text output. The survival cap (src/limits/survival-cap.ts) is checked against the
 * engine: at Γ ≥ Γ_cap/2 the simulated efficiency is already below e^{−40}.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { referenceEngine } from '../../src/app/ports.ts';
import { buildTables } from '../../src/app/table-builder.ts';
import { cachedProductionSource } from '../../src/node/production-cache.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { logSpace } from '../../src/limits/compute.ts';
import { SURVIVAL_CAP_EXPONENT, survivalCapWidthGeV } from '../../src/limits/survival-cap.ts';
import { HBAR_C_GEV_M } from '../../src/physics/constants.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-coupling-range-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stdout = '';
beforeEach(() => {
  stdout = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});
afterEach(() => vi.restoreAllMocks());

const COMMON = ['limits', '--scenario', 'nucal', '--model', 'gluon', '--masses', '0.05', '--samples', '5000', '--seed', '2', '--engine', 'reference'];

describe('coupling range from the physics (NuCal, gluon, 50 MeV)', () => {
  it('the default scan extends past 0.1 GeV^-1 until the upper edge closes (0.13–0.5 GeV^-1)', async () => {
    const out = join(dir, 'default');
    expect(await main([...COMMON, '--out', out])).toBe(0);
    const limits = JSON.parse(readFileSync(join(out, 'limits.json'), 'utf8'));
    expect(limits.exclusion).toHaveLength(1);
    const [entry] = limits.exclusion;
    expect(entry.upperCoupling).toBeGreaterThan(0.13);
    expect(entry.upperCoupling).toBeLessThan(0.5);
    expect(entry).not.toHaveProperty('upperCouplingBoundPerGeV');
    for (const band of [limits.mcBand.minus1Sigma, limits.mcBand.plus1Sigma]) expect(band[0].upperCoupling).toBeGreaterThan(0.1);
    expect(limits.couplingRange).toMatchObject({ lowPerGeV: 1e-7, requestedHighPerGeV: 0.1 });
    // --systematics is on by default: the band brackets the nominal lower edge
    expect(limits.systematicBand.plus1Sigma[0].lowerCoupling).toBeLessThanOrEqual(entry.lowerCoupling);
    expect(limits.systematicBand.minus1Sigma[0].lowerCoupling).toBeGreaterThanOrEqual(entry.lowerCoupling);
    expect(limits.systematics.variations.length).toBeGreaterThan(0);
    expect(limits.couplingRange.highPerGeV).toBeGreaterThan(entry.upperCoupling);
    // the same density as the default axis (40 per decade)
    expect(limits.couplingRange.points).toBe(Math.round(Math.log10(limits.couplingRange.highPerGeV / 1e-7) * 40) + 1);
    expect(stdout).toMatch(/0\.05000\s+3\.\d\de-4\s+1\.\d\de-1/);
  }, 60_000);

  it('an explicit --couplings below the edge gives null plus the bound, and the text says so', async () => {
    const out = join(dir, 'narrow');
    expect(await main([...COMMON, '--couplings', '1e-7:1e-1:241', '--systematics', 'off', '--out', out])).toBe(0);
    const limits = JSON.parse(readFileSync(join(out, 'limits.json'), 'utf8'));
    expect(limits.couplingRange).toEqual({ lowPerGeV: 1e-7, highPerGeV: 0.1, points: 241 });
    expect(limits).not.toHaveProperty('systematicBand');
    expect(limits.exclusion).toHaveLength(1);
    expect(limits.exclusion[0]).toMatchObject({ massGeV: 0.05, upperCoupling: null, upperCouplingBoundPerGeV: 0.1 });
    expect(limits.exclusion[0].lowerCoupling).toBeGreaterThan(1e-4);
    expect(stdout).toMatch(/0\.05000\s+3\.\d\de-4\s+>1\.00e-1/);
    expect(stdout).not.toMatch(/\s1\.00e-1\s*$/m);
  }, 60_000);
});

describe('survival cap', () => {
  it('Γ_cap = K E_beam ħc / (m L0), and the engine agrees: ε < e^-40 from Γ_cap/2 on', async () => {
    const { scenario, hash } = await loadScenario('nucal');
    const massGeV = 0.05;
    const cap = survivalCapWidthGeV(scenario, massGeV);
    expect(cap / ((SURVIVAL_CAP_EXPONENT * 70 * HBAR_C_GEV_M) / (massGeV * 64))).toBeCloseTo(1, 12);
    const widths = logSpace(cap / 2, cap, 3);
    const rows = await buildTables({
      scenarios: [{ scenario, hash }],
      massesGeV: [massGeV],
      widthsGeV: widths,
      samplesPerMass: 3000,
      seed: 1,
      engine: referenceEngine(),
      production: cachedProductionSource({ dir: join(dir, 'cache') }),
    });
    for (const mode of scenario.production.modes) {
      const row = rows.get({ scenario, hash }, mode, 0)!;
      expect(row.yieldPerPotAtReference).toBeGreaterThan(0);
      for (const value of row.efficiency) expect(value).toBeLessThan(Math.exp(-40));
    }
  }, 60_000);
});

describe('--systematics', () => {
  it('takes on or off only (exit 2 naming the flag)', async () => {
    let stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
    expect(await main([...COMMON, '--systematics', 'maybe', '--out', join(dir, 'bad')])).toBe(2);
    expect(stderr).toMatch(/--systematics must be on or off \(got 'maybe'\)/);
  });
});
