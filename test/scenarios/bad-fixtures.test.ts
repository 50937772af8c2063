/**
 * Broken scenario files (test/fixtures/scenarios/*-bad-<reason>.json), one mistake each: every
 * one is refused with exactly one line naming the file, the JSON path, the rule and the bad value.
 * The fixtures are copies of shipped scenarios with a single field changed.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { InvalidScenario } from '../../src/scenarios/errors.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { QUANTITIES } from '../../src/engine/selection/quantities.ts';
import { PRODUCTION_MODES } from '../../src/physics/production.ts';
import { B_PRODUCTION_MODES } from '../../src/physics/b-meson-production.ts';
import { TARGETS } from '../../src/physics/targets.ts';

const DIR = 'test/fixtures/scenarios';
const quoted = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** Fixture → the message after "<file>: ". */
const EXPECTED: Record<string, string> = {
  'koto-step2-bad-unknown-field': "detector.ecal has unknown field 'radius'",
  'koto-step2-bad-negative-radius': 'detector.ecal.radiusM must be > 0 (got -1)',
  'koto-step2-bad-fiducial-behind-detector': 'detector.fiducial [45.75, 70] m lies behind the ECAL at detector.ecal.zM = 64 m: decays there are never seen',
  'koto-step2-bad-overlapping-regions': "regions[1] overlaps regions[0] ('high pT') at (2.164, 0.4031): signal regions must be disjoint",
  'koto-step2-bad-unknown-quantity': `cuts[3].quantity must be one of ${Object.keys(QUANTITIES).join(', ')} (got 'pair.distanceM')`,
  'koto-step2-bad-wrong-schema-version': 'schemaVersion must be 1 (got 2)',
  'koto-step2-bad-missing-source': 'cuts[0].source is required (a string)',
  'koto-step2-bad-min-not-below-max': 'cuts[2].min must be < max = 0.05 (got 0.1)',
  'koto-step2-dump-bad-koto-quantity-without-reconstruction': 'cuts[3].quantity \'koto.pTGeV\' needs "reconstruction": {"type": "koto-pi0", …}',
  'koto-step2-bad-bad-production-mode': `production.modes[0] must be one of ${quoted([...PRODUCTION_MODES, ...B_PRODUCTION_MODES])} (got 'primakoff')`,
  'koto-step2-bad-unknown-target': `beam.target must be one of ${quoted(Object.keys(TARGETS))} (got 'Pb')`,
  'koto-step2-bad-beam-energy-out-of-range':
    "beam.energyGeV must lie in [30, 400] GeV for the built-in meson spectra used by 'primakoff-meson-photons' (got 12)",
  'koto-step2-bad-fiducial-upstream-of-target': 'detector.fiducial.startZM lies upstream of the production point z = 50 m (got 45.75)',
  'koto-step2-bad-fiducial-end-before-start': 'detector.fiducial.endZM must be > detector.fiducial.startZM = 60 (got 50)',
  'koto-step2-bad-two-ecal-outlines': 'detector.ecal needs exactly one outline: radiusM, halfWidthsM or verticesM (got radiusM and halfWidthsM)',
  'koto-step2-bad-unknown-shape-type': "detector.ecal.holes[0].type must be one of 'disc', 'box', 'polygon' (got 'square')",
  'koto-step2-bad-box-min-above-max': 'regions[0].area.include.xMin must be < xMax = 1.75 (got 15)',
  'koto-step2-bad-duplicate-region-names': "regions[1].name duplicates regions[0].name (got 'signal')",
  'koto-step2-bad-negative-background': 'regions[0].backgroundEvents must be ≥ 0 (got -1)',
  'koto-step2-bad-fractional-observed': 'regions[0].observedEvents must be an integer (got 1.5)',
  'koto-step2-bad-per-product-region-axis': "regions[0].x must be an event quantity, not the per-product 'product.energyGeV'",
  'koto-step2-bad-products-required-three': 'detector.ecal.productsRequired must be one of 1, 2 (got 3)',
  'koto-step2-bad-acceptance-above-one': 'additionalAcceptance.value must be ≤ 1 (got 1.3)',
  'koto-step2-bad-bad-name': "name must be lower-case letters, digits and dashes (got 'KOTO Step2')",
  'koto-step2-bad-theta-range-reversed': 'production.thetaRangeRad must be [low, high] with low < high (got [0.12, 0.06])',
  'koto-step2-bad-polygon-two-vertices': 'regions[0].area.include.vertices needs at least 3 entries (got 2)',
  'koto-step2-bad-no-regions': 'regions needs at least 1 entry (got 0)',
  'koto-step2-bad-unknown-mode': "mode must be one of 'kaon', 'dump' (got 'kaon-mode')",
  'koto-step2-bad-pot-zero': 'exposure.pot must be > 0 (got 0)',
  // Issue 16: finite numbers beyond what the float32 engine represents are refused by the schema.
  'koto-step2-bad-radius-beyond-float32': 'detector.ecal.radiusM must lie in (0, 1e15], the range the float32 engine represents (got 1e308)',
  'koto-step2-bad-cut-beyond-float32': 'cuts[0].max must lie in [-1e15, 1e15], the range the float32 engine represents (got 1e308)',
  'koto-step2-bad-origin-beyond-float32': 'detector.originM[0] must lie in [-1e15, 1e15], the range the float32 engine represents (got 1e308)',
  'koto-step2-bad-hole-beyond-float32': 'detector.ecal.holes[0].xMin must lie in [-1e15, 1e15], the range the float32 engine represents (got -1e308)',
  'na62-dump-mumu-bad-magnet-field-beyond-float32': 'spectrometer.magnet.fieldT must lie in [-1e15, 1e15], the range the float32 engine represents (got 1e308)',
  'koto-step2-bad-pot-beyond-limit': 'exposure.pot must be ≤ 1e30 (got 1e308)',
  'koto-step2-bad-theta-above-pi': 'production.thetaRangeRad[1] must lie in (0, π] (got 4)',
  'koto-step2-bad-theta-zero': 'production.thetaRangeRad[0] must be > 0 (got 0)',
  'koto-step2-bad-background-1e999': 'regions[0].backgroundEvents must be a finite number (got a number beyond 1.8e308 like 1e999)',
  'nucal-bad-pair-quantity-with-one-product': "detector.ecal.productsRequired is 1, but 'pair.separationM' needs both products at the ECAL",
  // Issue 15 "Bad input": outside the validated range of the spectra, refused, not extrapolated.
  'dune-nd-bad-beam-energy-above-spectra':
    "beam.energyGeV must lie in [30, 400] GeV for the built-in meson spectra used by 'primakoff-meson-photons' (got 450)",
  'darkquest-bad-beam-photons-energy-above-range':
    "beam.energyGeV must lie in [30, 800] GeV for 'primakoff-beam-photons', the range of the σ_pp and σ_inel values behind its yield per POT (got 1000)",
};

describe('broken scenario files are refused with file, JSON path and bad value', () => {
  it('has at least 20 distinct fixtures, each with its expected message', () => {
    const files = readdirSync(DIR)
      .filter((name) => /-bad-.*\.json$/.test(name))
      .map((name) => name.slice(0, -5))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files).toEqual(expect.arrayContaining(Object.keys(EXPECTED)));
    // Every fixture is covered here (the not-JSON one below).
    expect(files.filter((name) => !(name in EXPECTED))).toEqual(['not-json-bad-syntax']);
  });

  for (const [name, message] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const file = `${DIR}/${name}.json`;
      const error = await loadScenario(file).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(InvalidScenario);
      expect((error as InvalidScenario).userFacing).toBe(true);
      expect((error as Error).message).toBe(`${file}: ${message}`);
    });
  }

  it('not-json-bad-syntax: names the file and says it is not JSON', async () => {
    const file = `${DIR}/not-json-bad-syntax.json`;
    await expect(loadScenario(file)).rejects.toThrow(new RegExp(`^${file}: is not valid JSON: `));
  });

  it('an unknown scenario name lists the shipped ones', async () => {
    await expect(loadScenario('koto-step3')).rejects.toThrow(
      /^koto-step3: no such scenario; shipped scenarios: .*koto-step2.*\(or give a path to a \.json file\)$/,
    );
  });
});
