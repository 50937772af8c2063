/**
 * The quantities a selection may cut on, each defined twice side by side: as a WGSL expression
 * (over `ev: DecayEvent` and, for KOTO quantities, `reco: KotoReconstruction`) and as a float64
 * TypeScript function over the reference engine's event. The two definitions are compared by
 * test/engine/histogram.test.ts ('quantity twins') on random events.
 *
 * Naming: `product.*` apply to each decay product (photon or lepton) separately, `pair.*` to the
 * pair, `accepted.*` to the products inside the ECAL acceptance only (both, where no acceptance is
 * configured), `decay.*` to the true decay point, `koto.*` to the KOTO π0-hypothesis
 * reconstruction (physics.md §7.3), `track.*` to the charged tracks of a selection with a
 * spectrometer (src/engine/charged-tracks.ts; WGSL reads them from `trk: ChargedTracks`). Units are
 * in the names.
 *
 * In WGSL an event quantity may read `ev` (DecayEvent), `reco` (koto only), `accepted0` and
 * `accepted1` (products in acceptance) and `run.daughterMass0GeV`/`run.daughterMass1GeV`.
 */
import type { KotoReco } from './koto-reconstruction.ts';
import type { TrackSummary } from '../charged-tracks.ts';

export interface ReferenceEvent {
  hit: [[number, number], [number, number]];
  slope: [[number, number], [number, number]];
  energy: [number, number];
  forward: [boolean, boolean];
  vertex: [number, number, number];
  /** Masses of the two decay products, GeV (the channel's; run.daughterMass{0,1}GeV in WGSL). */
  daughterMassGeV: [number, number];
  /** Charged-track summary, set by the selection when it has a spectrometer (`track.*` quantities). */
  tracks?: TrackSummary;
}

/** Which products passed the ECAL acceptance (both true without an acceptance). */
export type AcceptedFlags = readonly [boolean, boolean];

/** What a quantity needs before it can be evaluated. */
export type Requirement = 'none' | 'forward' | 'koto' | 'track';

export interface ProductQuantity {
  scope: 'product';
  description: string;
  requires: Requirement;
  wgsl: (index: 0 | 1) => string;
  reference: (event: ReferenceEvent, index: 0 | 1) => number;
}

export interface EventQuantity {
  scope: 'event';
  description: string;
  requires: Requirement;
  wgsl: string;
  reference: (event: ReferenceEvent, reco: KotoReco | null, accepted: AcceptedFlags) => number;
}

export type QuantityDefinition = ProductQuantity | EventQuantity;

const hypot2 = (x: number, y: number): number => Math.sqrt(x * x + y * y);

function openingAngleReference(event: ReferenceEvent): number {
  const [a, b] = event.slope;
  const ax = a[0],
    ay = a[1],
    bx = b[0],
    by = b[1];
  const crossX = ay - by;
  const crossY = bx - ax;
  const crossZ = ax * by - ay * bx;
  return Math.atan2(Math.sqrt(crossX * crossX + crossY * crossY + crossZ * crossZ), ax * bx + ay * by + 1);
}

/**
 * |p_T| of the product pair about the detector axis, GeV: Σ_i p_i (s_x, s_y)/√(1 + s²) with
 * p_i = √(E_i² − m_i²) and s the slope. Equals the parent ALP's p_T (momentum conservation).
 */
function pairTransverseMomentumReference(event: ReferenceEvent): number {
  let px = 0;
  let py = 0;
  for (const i of [0, 1] as const) {
    const [sx, sy] = event.slope[i];
    const momentum = Math.sqrt(Math.max(event.energy[i] * event.energy[i] - event.daughterMassGeV[i] * event.daughterMassGeV[i], 0));
    const perSlope = momentum / Math.sqrt(1 + sx * sx + sy * sy);
    px += perSlope * sx;
    py += perSlope * sy;
  }
  return Math.hypot(px, py);
}

export const QUANTITIES: Readonly<Record<string, QuantityDefinition>> = {
  'product.energyGeV': {
    scope: 'product',
    requires: 'none',
    description: 'energy of each decay product, GeV',
    wgsl: (i) => `ev.energy${i}`,
    reference: (ev, i) => ev.energy[i],
  },
  'product.xM': {
    scope: 'product',
    requires: 'forward',
    description: 'x of each product at the ECAL plane, m',
    wgsl: (i) => `ev.hit${i}.x`,
    reference: (ev, i) => ev.hit[i][0],
  },
  'product.yM': {
    scope: 'product',
    requires: 'forward',
    description: 'y of each product at the ECAL plane, m',
    wgsl: (i) => `ev.hit${i}.y`,
    reference: (ev, i) => ev.hit[i][1],
  },
  'product.radiusM': {
    scope: 'product',
    requires: 'forward',
    description: 'distance of each ECAL hit from the detector axis, m',
    wgsl: (i) => `length(ev.hit${i})`,
    reference: (ev, i) => hypot2(ev.hit[i][0], ev.hit[i][1]),
  },
  'product.minAbsXYM': {
    scope: 'product',
    requires: 'forward',
    description: 'min(|x|, |y|) of each ECAL hit, m (KOTO Table 1)',
    wgsl: (i) => `min(abs(ev.hit${i}.x), abs(ev.hit${i}.y))`,
    reference: (ev, i) => Math.min(Math.abs(ev.hit[i][0]), Math.abs(ev.hit[i][1])),
  },
  'product.maxAbsXYM': {
    scope: 'product',
    requires: 'forward',
    description: 'max(|x|, |y|) of each ECAL hit, m',
    wgsl: (i) => `max(abs(ev.hit${i}.x), abs(ev.hit${i}.y))`,
    reference: (ev, i) => Math.max(Math.abs(ev.hit[i][0]), Math.abs(ev.hit[i][1])),
  },
  'pair.energySumGeV': {
    scope: 'event',
    requires: 'none',
    description: 'E0 + E1, GeV',
    wgsl: '(ev.energy0 + ev.energy1)',
    reference: (ev) => ev.energy[0] + ev.energy[1],
  },
  'pair.energyMinGeV': {
    scope: 'event',
    requires: 'none',
    description: 'min(E0, E1), GeV',
    wgsl: 'min(ev.energy0, ev.energy1)',
    reference: (ev) => Math.min(ev.energy[0], ev.energy[1]),
  },
  'pair.energyMaxGeV': {
    scope: 'event',
    requires: 'none',
    description: 'max(E0, E1), GeV',
    wgsl: 'max(ev.energy0, ev.energy1)',
    reference: (ev) => Math.max(ev.energy[0], ev.energy[1]),
  },
  'pair.energyRatio': {
    scope: 'event',
    requires: 'none',
    description: 'E_low / E_high',
    wgsl: '(min(ev.energy0, ev.energy1) / max(ev.energy0, ev.energy1))',
    reference: (ev) => Math.min(ev.energy[0], ev.energy[1]) / Math.max(ev.energy[0], ev.energy[1]),
  },
  'pair.separationM': {
    scope: 'event',
    requires: 'forward',
    description: 'distance between the two ECAL hits, m',
    wgsl: 'distance(ev.hit0, ev.hit1)',
    reference: (ev) => hypot2(ev.hit[0][0] - ev.hit[1][0], ev.hit[0][1] - ev.hit[1][1]),
  },
  'pair.openingAngleRad': {
    scope: 'event',
    requires: 'forward',
    description: 'lab opening angle between the two products, rad',
    wgsl: 'openingAngleRad(ev)',
    reference: openingAngleReference,
  },
  'pair.pTGeV': {
    scope: 'event',
    requires: 'forward',
    description: 'transverse momentum of the product pair about the detector axis (= the ALP p_T), GeV',
    wgsl: 'pairTransverseMomentumGeV(ev, run.daughterMass0GeV, run.daughterMass1GeV)',
    reference: pairTransverseMomentumReference,
  },
  'accepted.energyMaxGeV': {
    scope: 'event',
    requires: 'none',
    description: 'largest energy among the products inside the ECAL acceptance, GeV (NuCal: the 1-photon E and the 2-photon max(E0, E1) in one quantity)',
    wgsl: 'max(select(0.0, ev.energy0, accepted0), select(0.0, ev.energy1, accepted1))',
    reference: (ev, _reco, accepted) => Math.max(accepted[0] ? ev.energy[0] : 0, accepted[1] ? ev.energy[1] : 0),
  },
  'accepted.energySumGeV': {
    scope: 'event',
    requires: 'none',
    description: 'summed energy of the products inside the ECAL acceptance, GeV',
    wgsl: '(select(0.0, ev.energy0, accepted0) + select(0.0, ev.energy1, accepted1))',
    reference: (ev, _reco, accepted) => (accepted[0] ? ev.energy[0] : 0) + (accepted[1] ? ev.energy[1] : 0),
  },
  'decay.zM': {
    scope: 'event',
    requires: 'none',
    description: 'true decay point z (detector frame), m',
    wgsl: 'ev.vertex.z',
    reference: (ev) => ev.vertex[2],
  },
  'decay.radiusM': {
    scope: 'event',
    requires: 'none',
    description: 'true decay point distance from the detector axis, m',
    wgsl: 'length(ev.vertex.xy)',
    reference: (ev) => hypot2(ev.vertex[0], ev.vertex[1]),
  },
  'koto.distanceM': {
    scope: 'event',
    requires: 'koto',
    description: 'reconstructed distance d from the vertex to the ECAL, m',
    wgsl: 'reco.distanceM',
    reference: (_ev, reco) => reco!.distanceM,
  },
  'koto.zVtxM': {
    scope: 'event',
    requires: 'koto',
    description: 'reconstructed vertex z_vtx = z_ECAL − d − origin, m',
    wgsl: 'KOTO_ZVTX', // substituted by the compiler (needs the configured origin)
    reference: (_ev, reco) => reco!.zVtxM,
  },
  'koto.pTGeV': {
    scope: 'event',
    requires: 'koto',
    description: 'transverse momentum of the reconstructed π0, GeV',
    wgsl: 'reco.pTGeV',
    reference: (_ev, reco) => reco!.pTGeV,
  },
  'koto.rCoeM': {
    scope: 'event',
    requires: 'koto',
    description: 'centre-of-energy radius R_COE, m',
    wgsl: 'reco.rCoeM',
    reference: (_ev, reco) => reco!.rCoeM,
  },
  'koto.thetaCaloDeg': {
    scope: 'event',
    requires: 'koto',
    description: 'azimuthal separation of the clusters about the axis, deg',
    wgsl: 'reco.thetaCaloDeg',
    reference: (_ev, reco) => reco!.thetaCaloDeg,
  },
  'koto.eThetaMinGeVDeg': {
    scope: 'event',
    requires: 'koto',
    description: 'min over photons of E_i[GeV] × θ_i[deg] (angle to the axis)',
    wgsl: 'min(reco.eTheta0, reco.eTheta1)',
    reference: (_ev, reco) => Math.min(reco!.eTheta0, reco!.eTheta1),
  },
  'track.momentumGeV': {
    scope: 'product',
    requires: 'track',
    description: 'momentum |p| of each charged track (product 0 positive, 1 negative), GeV',
    wgsl: (i) => `trk.momentum${i}`,
    reference: (ev, i) => ev.tracks!.momentumGeV[i],
  },
  'track.cdaTaxM': {
    scope: 'event',
    requires: 'track',
    description: 'closest distance of approach between the pair momentum line from the vertex and the proton beam line, m',
    wgsl: 'trk.cdaTaxM',
    reference: (ev) => ev.tracks!.cdaTaxM,
  },
  'track.zTaxM': {
    scope: 'event',
    requires: 'track',
    description: 'z of the beam-line point closest to the pair momentum line (NA62 Z_TAX), m',
    wgsl: 'trk.zTaxM',
    reference: (ev) => ev.tracks!.zTaxM,
  },
  'track.pairMassGeV': {
    scope: 'event',
    requires: 'track',
    description: 'invariant mass of the two tracks, GeV',
    wgsl: 'trk.pairMassGeV',
    reference: (ev) => ev.tracks!.pairMassGeV,
  },
  'track.totalMomentumGeV': {
    scope: 'event',
    requires: 'track',
    description: '|p0 + p1| of the two tracks, GeV',
    wgsl: 'trk.totalMomentumGeV',
    reference: (ev) => ev.tracks!.totalMomentumGeV,
  },
  'track.vertexSlopeFromTaxRad': {
    scope: 'event',
    requires: 'track',
    description: 'transverse distance of the decay vertex from the beam spot at the TAX over its distance in z (cone half-angle about the beam direction), rad',
    wgsl: 'trk.vertexSlopeFromTax',
    reference: (ev) => ev.tracks!.vertexSlopeFromTax,
  },
  'track.openingAngleRad': {
    scope: 'event',
    requires: 'track',
    description: 'opening angle of the tracks at the vertex (before the magnet), rad',
    wgsl: 'trk.openingAngleRad',
    reference: (ev) => ev.tracks!.openingAngleRad,
  },
};

export function quantityNames(): string[] {
  return Object.keys(QUANTITIES);
}
