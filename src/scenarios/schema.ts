/**
 * The one schema every scenario file (scenarios/*.json) is validated against. Version 1.
 *
 * A scenario is data: beam, exposure, production modes, detector geometry, selection, signal
 * regions with their backgrounds and observed counts. Every number that comes from a paper or
 * a code carries a `source` string on the object that holds it (JSON has no comments).
 * Unknown fields are rejected everywhere (strict objects), so a typo never silently does nothing.
 *
 * Errors are reported by src/scenarios/errors.ts as `<file>: <json.path> must be … (got …)`.
 * Cross-field rules (fiducial volume in front of the ECAL, regions not overlapping, quantities
 * that exist) live in `superRefine` here, so there is exactly one place that says what is valid.
 */
import { z } from 'zod';
import { PRODUCTION_MODES } from '../physics/production.ts';
import { B_PRODUCTION_MODES } from '../physics/b-meson-production.ts';
import { MESON_SPECTRA_BEAM_RANGE_GEV } from '../physics/meson-spectra.ts';
import { TARGETS } from '../physics/targets.ts';
import { QUANTITIES } from '../engine/selection/quantities.ts';
import { findRegionOverlap } from './region-overlap.ts';
import { BEAM_PHOTON_BEAM_RANGE_GEV } from './validity.ts';
import { ENGINE_VALUE_LIMIT } from '../engine/wgsl-literals.ts';

export const SCENARIO_SCHEMA_VERSION = 1;

/** The largest exposure a scenario (or `--pot`) may state: 1e30 protons on target. */
export const MAX_POT = 1e30;

/** A number as the user would write it: 1e308, not 1e+308. */
export function showNumber(value: number): string {
  return (Math.abs(value) >= 1e6 ? value.toExponential() : String(value)).replace('e+', 'e');
}

interface Bounds {
  /** Lower bound, inclusive unless `above`. */
  min?: number;
  above?: boolean;
  max?: number;
  /** The allowed range as the message states it (default: the engine's float32 range). */
  range?: string;
}

const LIMIT = ENGINE_VALUE_LIMIT;

/**
 * A finite number within `bounds` and within what the float32 engine represents (±1e15 unless
 * `bounds.max` says otherwise). Exactly one problem is reported per field: the bound the user
 * broke, or the range, e.g. `detector.ecal.radiusM must lie in (0, 1e15], the range the float32
 * engine represents (got 1e308)`.
 */
function bounded(bounds: Bounds = {}) {
  const lo = bounds.min ?? -LIMIT;
  const hi = bounds.max ?? LIMIT;
  const range =
    bounds.range ??
    `${bounds.above ? '(' : '['}${showNumber(lo)}, ${showNumber(hi)}]${bounds.max === undefined ? ', the range the float32 engine represents' : ''}`;
  return z.number().superRefine((value, ctx) => {
    let message: string | undefined;
    if (bounds.min !== undefined && (bounds.above ? !(value > bounds.min) : !(value >= bounds.min)))
      message = `must be ${bounds.above ? '>' : '≥'} ${showNumber(bounds.min)}`;
    else if (value < lo || value > hi)
      message = bounds.max !== undefined && bounds.range === undefined ? `must be ≤ ${showNumber(hi)}` : `must lie in ${range}`;
    if (message) ctx.addIssue({ code: 'custom', message: `${message} (got ${showNumber(value)})` });
  });
}

const finite = bounded();
const positive = bounded({ min: 0, above: true });
const nonNegative = bounded({ min: 0 });
const source = z.string().min(1, 'must cite where the numbers come from');

/** A planar shape in the units of its plane (m on the ECAL; the region's quantities otherwise). */
export const shapeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('disc'), radius: positive, centerX: finite.optional(), centerY: finite.optional() }),
  z.strictObject({ type: z.literal('box'), xMin: finite, xMax: finite, yMin: finite, yMax: finite }).superRefine((box, ctx) => {
    if (!(box.xMin < box.xMax))
      ctx.addIssue({ code: 'custom', path: ['xMin'], message: `must be < xMax = ${showNumber(box.xMax)} (got ${showNumber(box.xMin)})` });
    if (!(box.yMin < box.yMax))
      ctx.addIssue({ code: 'custom', path: ['yMin'], message: `must be < yMax = ${showNumber(box.yMax)} (got ${showNumber(box.yMin)})` });
  }),
  z.strictObject({ type: z.literal('polygon'), vertices: z.array(z.tuple([finite, finite])).min(3) }),
]);

const areaSchema = z.strictObject({
  include: shapeSchema,
  exclude: z.array(shapeSchema).optional(),
});

function increasingPair(bound: z.ZodType<number>) {
  return z.tuple([bound, bound]).superRefine(([lo, hi], ctx) => {
    if (!(lo < hi)) ctx.addIssue({ code: 'custom', message: `must be [low, high] with low < high (got [${lo}, ${hi}])` });
  });
}

const quantityName = z.string().superRefine((name, ctx) => {
  if (!(name in QUANTITIES)) ctx.addIssue({ code: 'custom', message: `must be one of ${Object.keys(QUANTITIES).join(', ')} (got '${name}')` });
});

const cutSchema = z
  .strictObject({
    quantity: quantityName,
    min: finite.optional(),
    max: finite.optional(),
    source,
  })
  .superRefine((cut, ctx) => {
    if (cut.min === undefined && cut.max === undefined) ctx.addIssue({ code: 'custom', message: `on '${cut.quantity}' needs min, max or both` });
    if (cut.min !== undefined && cut.max !== undefined && !(cut.min < cut.max))
      ctx.addIssue({ code: 'custom', path: ['min'], message: `must be < max = ${showNumber(cut.max)} (got ${showNumber(cut.min)})` });
  });

const regionSchema = z.strictObject({
  name: z.string().min(1).max(80),
  x: quantityName,
  y: quantityName,
  area: areaSchema,
  /** Expected background events at the scenario's POT. */
  backgroundEvents: nonNegative,
  /** Observed events, or null for a projection (limits then use the expected median). */
  observedEvents: z.number().int().min(0).nullable(),
  source,
});

/** ECAL: exactly one outline (radiusM, halfWidthsM or verticesM), minus optional holes. */
const ecalSchema = z
  .strictObject({
    zM: finite,
    radiusM: positive.optional(),
    halfWidthsM: z.tuple([positive, positive]).optional(),
    verticesM: z
      .array(z.tuple([finite, finite]))
      .min(3)
      .optional(),
    holes: z.array(shapeSchema).optional(),
    /** 2: both products must hit the ECAL; 1: at least one (CHARM, NuCal single-photon branches). */
    productsRequired: z.literal([1, 2]),
    source,
  })
  .superRefine((ecal, ctx) => {
    const outlines = ['radiusM', 'halfWidthsM', 'verticesM'].filter((key) => ecal[key as keyof typeof ecal] !== undefined);
    if (outlines.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `needs exactly one outline: radiusM, halfWidthsM or verticesM (got ${outlines.length === 0 ? 'none' : outlines.join(' and ')})`,
      });
    }
  });

const channelNames = ['gammaGamma', 'electronPair', 'muonPair'] as const;

export const scenarioSchema = z
  .strictObject({
    schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
    name: z
      .string()
      .max(64)
      .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
    experiment: z.string().min(1),
    mode: z.enum(['kaon', 'dump']),
    description: z.string().min(1),
    beam: z.strictObject({
      energyGeV: positive,
      /** Target material known to the physics library (src/physics/targets.ts, physics.md §4.1). */
      target: z.enum(Object.keys(TARGETS) as [string, ...string[]]),
      source,
    }),
    exposure: z.strictObject({
      pot: bounded({ min: 0, above: true, max: MAX_POT }),
      /** How backgrounds follow `--pot`: proportional to it, or fixed (background-free searches). */
      backgroundScaling: z.enum(['proportional', 'fixed']),
      source,
    }),
    production: z.strictObject({
      /** Coupling-model modes (src/physics/production.ts) and the per-BR B → K(*) a modes (b-meson-production.ts). */
      modes: z.array(z.enum([...PRODUCTION_MODES, ...B_PRODUCTION_MODES] as unknown as [string, ...string[]])).min(1),
      /** Angles (to the proton beam) covered by the production tables, rad. */
      thetaRangeRad: z
        .tuple([bounded({ min: 0, above: true, max: Math.PI, range: '(0, π]' }), bounded({ min: 0, above: true, max: Math.PI, range: '(0, π]' })])
        .superRefine(([lo, hi], ctx) => {
          if (!(lo < hi)) ctx.addIssue({ code: 'custom', message: `must be [low, high] with low < high (got [${lo}, ${hi}])` });
        }),
      energyRangeGeV: increasingPair(positive).optional(),
      source,
    }),
    detector: z.strictObject({
      /** Production point in the detector frame (z along the detector axis), m. */
      originM: z.tuple([finite, finite, finite]),
      /** Angle between the detector axis and the proton beam, degrees. */
      axisAngleDeg: bounded({ min: 0, max: 90 }),
      fiducial: z.strictObject({ startZM: finite, endZM: finite, source }),
      ecal: ecalSchema,
      source,
    }),
    channel: z.enum(channelNames),
    /** Uniform efficiency of cuts not simulated (shower shape etc.), KOTO's A_add. */
    additionalAcceptance: z.strictObject({ value: bounded({ min: 0, above: true, max: 1 }), source }),
    reconstruction: z.strictObject({ type: z.literal('koto-pi0'), zVertexOriginM: finite, source }).optional(),
    /** Charged tracks (src/engine/charged-tracks.ts): straw chambers, one dipole, the beam line for TAX pointing. */
    spectrometer: z
      .strictObject({
        magnet: z.strictObject({ zM: finite, lengthM: positive, fieldT: finite, source }),
        chambers: z.array(z.strictObject({ name: z.string().min(1), zM: finite, radiusMinM: nonNegative, radiusMaxM: positive, source })).min(1),
        beamLine: z.strictObject({ zM: finite, xM: finite, yM: finite, slopeX: finite.optional(), slopeY: finite.optional(), source }),
        source,
      })
      .optional(),
    cuts: z.array(cutSchema),
    regions: z.array(regionSchema).min(1),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((scenario, ctx) => {
    const { fiducial, ecal, originM } = scenario.detector;
    // Every mode except Primakoff on beam photons draws from the built-in meson spectra (physics.md §5).
    const [beamLow, beamHigh] = MESON_SPECTRA_BEAM_RANGE_GEV;
    const mesonModes = scenario.production.modes.filter((mode) => mode !== 'primakoff-beam-photons' && (PRODUCTION_MODES as readonly string[]).includes(mode));
    if (mesonModes.length > 0 && (scenario.beam.energyGeV < beamLow || scenario.beam.energyGeV > beamHigh)) {
      ctx.addIssue({
        code: 'custom',
        path: ['beam', 'energyGeV'],
        message: `must lie in [${beamLow}, ${beamHigh}] GeV for the built-in meson spectra used by '${mesonModes[0]}' (got ${scenario.beam.energyGeV})`,
      });
    } else if (scenario.production.modes.includes('primakoff-beam-photons')) {
      // The beam-photon yield per POT divides by σ_inel, taken as energy independent over 30–800 GeV (validity.ts).
      const [photonLow, photonHigh] = BEAM_PHOTON_BEAM_RANGE_GEV;
      if (scenario.beam.energyGeV < photonLow || scenario.beam.energyGeV > photonHigh) {
        ctx.addIssue({
          code: 'custom',
          path: ['beam', 'energyGeV'],
          message: `must lie in [${photonLow}, ${photonHigh}] GeV for 'primakoff-beam-photons', the range of the σ_pp and σ_inel values behind its yield per POT (got ${scenario.beam.energyGeV})`,
        });
      }
    }
    if (!(fiducial.endZM > fiducial.startZM)) {
      ctx.addIssue({
        code: 'custom',
        path: ['detector', 'fiducial', 'endZM'],
        message: `must be > detector.fiducial.startZM = ${fiducial.startZM} (got ${fiducial.endZM})`,
      });
    }
    if (fiducial.startZM < originM[2]) {
      ctx.addIssue({
        code: 'custom',
        path: ['detector', 'fiducial', 'startZM'],
        message: `lies upstream of the production point z = ${originM[2]} m (got ${fiducial.startZM})`,
      });
    }
    if (fiducial.endZM > ecal.zM || fiducial.startZM >= ecal.zM) {
      ctx.addIssue({
        code: 'custom',
        path: ['detector', 'fiducial'],
        message: `[${fiducial.startZM}, ${fiducial.endZM}] m lies behind the ECAL at detector.ecal.zM = ${ecal.zM} m: decays there are never seen`,
      });
    }
    const quantities = [...scenario.cuts.map((cut) => cut.quantity), ...scenario.regions.flatMap((region) => [region.x, region.y])];
    quantities.forEach((name) => {
      if (QUANTITIES[name]?.requires === 'track' && !scenario.spectrometer) {
        ctx.addIssue({ code: 'custom', path: ['spectrometer'], message: `is needed by '${name}' (charged tracks)` });
      }
    });
    const spectrometer = scenario.spectrometer;
    if (spectrometer) {
      if (scenario.channel === 'gammaGamma')
        ctx.addIssue({ code: 'custom', path: ['spectrometer'], message: `needs a charged channel (electronPair or muonPair), got '${scenario.channel}'` });
      spectrometer.chambers.forEach((chamber, index) => {
        if (!(chamber.radiusMaxM > chamber.radiusMinM))
          ctx.addIssue({
            code: 'custom',
            path: ['spectrometer', 'chambers', index, 'radiusMaxM'],
            message: `must be > radiusMinM = ${chamber.radiusMinM} (got ${chamber.radiusMaxM})`,
          });
      });
      const firstPlane = Math.min(spectrometer.magnet.zM, ...spectrometer.chambers.map((chamber) => chamber.zM));
      if (!(fiducial.endZM <= firstPlane)) {
        ctx.addIssue({
          code: 'custom',
          path: ['detector', 'fiducial', 'endZM'],
          message: `must not lie behind the first spectrometer plane at z = ${firstPlane} m (got ${fiducial.endZM})`,
        });
      }
    }
    scenario.cuts.forEach((cut, index) => {
      if (QUANTITIES[cut.quantity]?.requires === 'koto' && !scenario.reconstruction) {
        ctx.addIssue({ code: 'custom', path: ['cuts', index, 'quantity'], message: `'${cut.quantity}' needs "reconstruction": {"type": "koto-pi0", …}` });
      }
    });
    scenario.regions.forEach((region, index) => {
      for (const axis of ['x', 'y'] as const) {
        const quantity = QUANTITIES[region[axis]];
        if (quantity?.scope === 'product')
          ctx.addIssue({ code: 'custom', path: ['regions', index, axis], message: `must be an event quantity, not the per-product '${region[axis]}'` });
        if (quantity?.requires === 'koto' && !scenario.reconstruction) {
          ctx.addIssue({ code: 'custom', path: ['regions', index, axis], message: `'${region[axis]}' needs "reconstruction": {"type": "koto-pi0", …}` });
        }
      }
    });
    if (ecal.productsRequired === 1) {
      quantities.forEach((name) => {
        const quantity = QUANTITIES[name];
        if (quantity && quantity.scope === 'event' && quantity.requires !== 'none') {
          ctx.addIssue({ code: 'custom', path: ['detector', 'ecal', 'productsRequired'], message: `is 1, but '${name}' needs both products at the ECAL` });
        }
      });
    }
    const names = new Map<string, number>();
    scenario.regions.forEach((region, index) => {
      if (names.has(region.name))
        ctx.addIssue({
          code: 'custom',
          path: ['regions', index, 'name'],
          message: `duplicates regions[${names.get(region.name)}].name (got '${region.name}')`,
        });
      names.set(region.name, index);
    });
    const overlap = findRegionOverlap(scenario.regions);
    if (overlap) {
      ctx.addIssue({
        code: 'custom',
        path: ['regions', overlap.second],
        message: `overlaps regions[${overlap.first}] ('${scenario.regions[overlap.first].name}') at (${overlap.x}, ${overlap.y}): signal regions must be disjoint`,
      });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioChannel = (typeof channelNames)[number];
export type ScenarioRegion = Scenario['regions'][number];
