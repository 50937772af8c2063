/**
 * The shape of limits.json as `alpenglow limits` writes it (LimitsJson in compute.ts; one object, or
 * an array with several scenarios) and as `limits --model-independent` writes it
 * (ModelIndependentLimitsJson in model-independent.ts). It documents the file for other programs:
 * schemas/limits.schema.json is generated from it (npm run schemas) and
 * test/schemas/schemas.test.ts validates real limits.json files against that. Objects accept fields
 * beyond the ones listed (new outputs add fields; a reader ignores what it does not know).
 */
import { z } from 'zod';

const finite = z.number();
const coupling = finite.positive();
const point = z.tuple([finite, finite]);

const exclusionEntry = z.looseObject({
  massGeV: finite.positive().describe('scan mass, GeV'),
  lowerCoupling: coupling
    .nullable()
    .describe('lower edge of the excluded interval, GeV^-1; null where the excluded run reaches the edge of the scan or of the width grid'),
  upperCoupling: coupling.nullable().describe('upper edge, GeV^-1; null as for lowerCoupling'),
  lowerCouplingBoundPerGeV: coupling.optional().describe('with lowerCoupling null: excluded at least down to this coupling'),
  upperCouplingBoundPerGeV: coupling.optional().describe('with upperCoupling null: excluded at least up to this coupling'),
});

const systematicVariation = z.looseObject({
  name: z
    .string()
    .min(1)
    .describe('sigma-pA, sigma-abs, primakoff-screening, eta-ratios, meson-normalisation; meson-spectrum-shape with --spectrum-systematics'),
  description: z.string(),
  sources: z.string().describe('arXiv numbers / documents of the two choices'),
  yieldFactorRange: point.describe('smallest and largest yield factor (meson-spectrum-shape: signal ratio per cell) over the modes and masses'),
  alternatives: z
    .array(z.looseObject({ name: z.string(), alpha: finite, ptStretch: finite }))
    .optional()
    .describe('meson-spectrum-shape only: the alternative BMPT shapes (exponent α of 1 − x_R, p_T stretch s_T) at the beam energy'),
});

const contourSet = z.looseObject({
  polygons: z.array(z.array(z.array(point))).describe('filled excluded area: polygons of rings of [massGeV, coupling] points'),
  lower: z.array(z.array(point)),
  upper: z.array(z.array(point)),
});

export const modelLimitsJsonSchema = z
  .looseObject({
    scenario: z.string().min(1),
    model: z.string().min(1),
    modelCouplings: z.looseObject({ c_GG: finite, c_BB: finite, c_WW: finite, c_ll: finite }),
    coupling: z.looseObject({ convention: z.string(), unit: z.string(), axis: z.string(), definition: z.string() }),
    cl: finite.gt(0).lt(1).describe('confidence level, 0.9'),
    basis: z.enum(['observed', 'expected-median']),
    basisNote: z.string(),
    pot: finite.positive(),
    regions: z.array(z.looseObject({ name: z.string(), backgroundEvents: finite.min(0), countUsed: finite.min(0) })),
    couplingRange: z.looseObject({ lowPerGeV: coupling, highPerGeV: coupling, points: z.number().int().positive(), requestedHighPerGeV: coupling.optional() }),
    exclusion: z.array(exclusionEntry),
    mcBand: z.looseObject({ minus1Sigma: z.array(exclusionEntry), plus1Sigma: z.array(exclusionEntry) }),
    expectedBand: z
      .array(
        z.looseObject({
          label: z.enum(['-2sigma', '-1sigma', 'median', '+1sigma', '+2sigma']),
          probability: finite.gt(0).lt(1),
          observedEvents: finite.min(0),
          exclusion: z.array(exclusionEntry),
          contours: contourSet.optional(),
        }),
      )
      .optional(),
    systematicBand: z
      .looseObject({ minus1Sigma: z.array(exclusionEntry), plus1Sigma: z.array(exclusionEntry) })
      .optional()
      .describe('production-systematics band (docs/limits.md §6b): yields (and with the spectrum shape, cells) scaled down / up'),
    systematics: z
      .looseObject({ method: z.string(), variations: z.array(systematicVariation) })
      .optional()
      .describe('what systematicBand varies and how the variations combine'),
    contours: z.looseObject({
      grid: z.looseObject({ masses: z.number().int().min(0), couplings: z.number().int().min(0), massRangeGeV: point }),
      nominal: contourSet,
      mcMinus1Sigma: contourSet,
      mcPlus1Sigma: contourSet,
      systematicMinus1Sigma: contourSet.optional(),
      systematicPlus1Sigma: contourSet.optional(),
    }),
    massRefinement: z
      .looseObject({
        requestedMassesGeV: z.array(finite),
        addedMassesGeV: z.array(finite),
        maxAddedMasses: z.number().int().min(0),
        unresolvedIntervalsGeV: z.array(point),
        zeroSignalMassesGeV: z.array(finite),
      })
      .optional(),
    warnings: z.array(z.string()),
    provenance: z.looseObject({
      version: z.string().min(1).describe('alpenglow version'),
      seed: z.number().int().min(0),
      samples: z.number().int().min(0),
      adapter: z.string(),
      engine: z.string(),
      scenarioHash: z.string(),
      productionModes: z.array(z.string()),
      tables: z.array(
        z.looseObject({
          productionMode: z.string(),
          samplesPerMass: z.number().int().min(0),
          seed: z.number().int().min(0),
          engine: z.string(),
          adapter: z.string(),
          masses: z.number().int().min(0),
          widths: z.number().int().min(0),
          widthRangeGeV: point,
        }),
      ),
    }),
  })
  .describe('limits.json of alpenglow limits: the 90% CL exclusion in the (m_a, coupling) plane for one scenario and model');

export const modelIndependentLimitsJsonSchema = z
  .looseObject({
    scenario: z.string().min(1),
    scenarioHash: z.string(),
    model: z.string(),
    massGeV: finite.positive(),
    channel: z.string(),
    quantity: z.string(),
    cl: finite.gt(0).lt(1),
    pot: finite.positive(),
    basis: z.enum(['observed', 'expected-median']),
    basisNote: z.string(),
    additionalAcceptance: finite.gt(0).max(1),
    regions: z.array(z.looseObject({ name: z.string(), backgroundEvents: finite.min(0), observedEvents: finite.min(0).nullable(), countUsed: finite.min(0) })),
    signalEventsUpperLimit: finite.min(0).nullable(),
    projection: z.looseObject({ pot: finite.positive(), regions: z.array(z.looseObject({ name: z.string(), backgroundEvents: finite.min(0) })) }),
    bSpectrum: z.string(),
    modes: z.array(z.looseObject({})),
    provenance: z.looseObject({ alpenglowVersion: z.string().min(1) }),
  })
  .describe('limits.json of alpenglow limits --model-independent: upper limits on BR(B → K(*) a) × BR(a → ℓℓ) against the ALP lifetime');

const oneResult = z.union([modelLimitsJsonSchema, modelIndependentLimitsJsonSchema]);

/** limits.json: one result, or an array of them when several scenarios were given. */
export const limitsJsonSchema = z.union([oneResult, z.array(oneResult).min(1)]).describe('limits.json written by alpenglow limits (docs/cli.md)');
