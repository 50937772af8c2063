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
import { QUANTITIES } from '../engine/selection/quantities.ts';
import { findRegionOverlap } from './region-overlap.ts';

export const SCENARIO_SCHEMA_VERSION = 1;

const finite = z.number().finite();
const positive = finite.positive();
const source = z.string().min(1, 'must cite where the numbers come from');

/** A planar shape in the units of its plane (m on the ECAL; the region's quantities otherwise). */
export const shapeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('disc'), radius: positive, centerX: finite.optional(), centerY: finite.optional() }),
  z.strictObject({ type: z.literal('box'), xMin: finite, xMax: finite, yMin: finite, yMax: finite }).superRefine((box, ctx) => {
    if (!(box.xMin < box.xMax)) ctx.addIssue({ code: 'custom', path: ['xMin'], message: `must be < xMax = ${box.xMax} (got ${box.xMin})` });
    if (!(box.yMin < box.yMax)) ctx.addIssue({ code: 'custom', path: ['yMin'], message: `must be < yMax = ${box.yMax} (got ${box.yMin})` });
  }),
  z.strictObject({ type: z.literal('polygon'), vertices: z.array(z.tuple([finite, finite])).min(3) }),
]);

const areaSchema = z.strictObject({
  include: shapeSchema,
  exclude: z.array(shapeSchema).optional(),
});

function increasingPair(bound: z.ZodNumber) {
  return z.tuple([bound, bound]).superRefine(([lo, hi], ctx) => {
    if (!(lo < hi)) ctx.addIssue({ code: 'custom', message: `must be [low, high] with low < high (got [${lo}, ${hi}])` });
  });
}

const quantityName = z.string().superRefine((name, ctx) => {
  if (!(name in QUANTITIES)) ctx.addIssue({ code: 'custom', message: `must be one of ${Object.keys(QUANTITIES).join(', ')} (got '${name}')` });
});

const cutSchema = z.strictObject({
  quantity: quantityName,
  min: finite.optional(),
  max: finite.optional(),
  source,
}).superRefine((cut, ctx) => {
  if (cut.min === undefined && cut.max === undefined) ctx.addIssue({ code: 'custom', message: `on '${cut.quantity}' needs min, max or both` });
  if (cut.min !== undefined && cut.max !== undefined && !(cut.min < cut.max)) ctx.addIssue({ code: 'custom', path: ['min'], message: `must be < max = ${cut.max} (got ${cut.min})` });
});

const regionSchema = z.strictObject({
  name: z.string().min(1),
  x: quantityName,
  y: quantityName,
  area: areaSchema,
  /** Expected background events at the scenario's POT. */
  backgroundEvents: finite.min(0),
  /** Observed events, or null for a projection (limits then use the expected median). */
  observedEvents: z.number().int().min(0).nullable(),
  source,
});

/** ECAL: exactly one outline (radiusM, halfWidthsM or verticesM), minus optional holes. */
const ecalSchema = z.strictObject({
  zM: finite,
  radiusM: positive.optional(),
  halfWidthsM: z.tuple([positive, positive]).optional(),
  verticesM: z.array(z.tuple([finite, finite])).min(3).optional(),
  holes: z.array(shapeSchema).optional(),
  /** 2: both products must hit the ECAL; 1: at least one (CHARM, NuCal single-photon branches). */
  productsRequired: z.union([z.literal(1), z.literal(2)]),
  source,
}).superRefine((ecal, ctx) => {
  const outlines = ['radiusM', 'halfWidthsM', 'verticesM'].filter((key) => ecal[key as keyof typeof ecal] !== undefined);
  if (outlines.length !== 1) {
    ctx.addIssue({ code: 'custom', message: `needs exactly one outline: radiusM, halfWidthsM or verticesM (got ${outlines.length === 0 ? 'none' : outlines.join(' and ')})` });
  }
});

const channelNames = ['gammaGamma', 'electronPair', 'muonPair'] as const;

export const scenarioSchema = z.strictObject({
  schemaVersion: z.literal(SCENARIO_SCHEMA_VERSION),
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lower-case letters, digits and dashes'),
  experiment: z.string().min(1),
  mode: z.enum(['kaon', 'dump']),
  description: z.string().min(1),
  beam: z.strictObject({
    energyGeV: positive,
    target: z.string().min(1),
    source,
  }),
  exposure: z.strictObject({
    pot: positive,
    /** How backgrounds follow `--pot`: proportional to it, or fixed (background-free searches). */
    backgroundScaling: z.enum(['proportional', 'fixed']),
    source,
  }),
  production: z.strictObject({
    modes: z.array(z.enum(PRODUCTION_MODES as unknown as [string, ...string[]])).min(1),
    /** Angles (to the proton beam) covered by the production tables, rad. */
    thetaRangeRad: increasingPair(finite.min(0)),
    energyRangeGeV: increasingPair(positive).optional(),
    source,
  }),
  detector: z.strictObject({
    /** Production point in the detector frame (z along the detector axis), m. */
    originM: z.tuple([finite, finite, finite]),
    /** Angle between the detector axis and the proton beam, degrees. */
    axisAngleDeg: finite.min(0).max(90),
    fiducial: z.strictObject({ startZM: finite, endZM: finite, source }),
    ecal: ecalSchema,
    source,
  }),
  channel: z.enum(channelNames),
  /** Uniform efficiency of cuts not simulated (shower shape etc.), KOTO's A_add. */
  additionalAcceptance: z.strictObject({ value: finite.gt(0).max(1), source }),
  reconstruction: z.strictObject({ type: z.literal('koto-pi0'), zVertexOriginM: finite, source }).optional(),
  cuts: z.array(cutSchema),
  regions: z.array(regionSchema).min(1),
  notes: z.array(z.string()).optional(),
}).superRefine((scenario, ctx) => {
  const { fiducial, ecal, originM } = scenario.detector;
  if (!(fiducial.endZM > fiducial.startZM)) {
    ctx.addIssue({ code: 'custom', path: ['detector', 'fiducial', 'endZM'], message: `must be > detector.fiducial.startZM = ${fiducial.startZM} (got ${fiducial.endZM})` });
  }
  if (fiducial.startZM < originM[2]) {
    ctx.addIssue({ code: 'custom', path: ['detector', 'fiducial', 'startZM'], message: `lies upstream of the production point z = ${originM[2]} m (got ${fiducial.startZM})` });
  }
  if (fiducial.endZM > ecal.zM || fiducial.startZM >= ecal.zM) {
    ctx.addIssue({ code: 'custom', path: ['detector', 'fiducial'], message: `[${fiducial.startZM}, ${fiducial.endZM}] m lies behind the ECAL at detector.ecal.zM = ${ecal.zM} m: decays there are never seen` });
  }
  const quantities = [...scenario.cuts.map((cut) => cut.quantity), ...scenario.regions.flatMap((region) => [region.x, region.y])];
  scenario.cuts.forEach((cut, index) => {
    if (QUANTITIES[cut.quantity]?.requires === 'koto' && !scenario.reconstruction) {
      ctx.addIssue({ code: 'custom', path: ['cuts', index, 'quantity'], message: `'${cut.quantity}' needs "reconstruction": {"type": "koto-pi0", …}` });
    }
  });
  scenario.regions.forEach((region, index) => {
    for (const axis of ['x', 'y'] as const) {
      const quantity = QUANTITIES[region[axis]];
      if (quantity?.scope === 'product') ctx.addIssue({ code: 'custom', path: ['regions', index, axis], message: `must be an event quantity, not the per-product '${region[axis]}'` });
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
    if (names.has(region.name)) ctx.addIssue({ code: 'custom', path: ['regions', index, 'name'], message: `duplicates regions[${names.get(region.name)}].name (got '${region.name}')` });
    names.set(region.name, index);
  });
  const overlap = findRegionOverlap(scenario.regions);
  if (overlap) {
    ctx.addIssue({
      code: 'custom', path: ['regions', overlap.second],
      message: `overlaps regions[${overlap.first}] ('${scenario.regions[overlap.first].name}') at (${overlap.x}, ${overlap.y}): signal regions must be disjoint`,
    });
  }
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type ScenarioChannel = (typeof channelNames)[number];
export type ScenarioRegion = Scenario['regions'][number];
