/**
 * Charged tracks in the selection: an optional `spectrometer` block of a Selection (NA62-like:
 * straw chambers, one dipole, pointing back to the production target; physics.md §8.3).
 *
 * When a selection has a spectrometer, the products are taken to be a positive (product 0) and a
 * negative (product 1) track and, before anything else in the selection:
 *  - both must move forward and the decay vertex must lie upstream of the magnet;
 *  - each track must cross every chamber inside its annulus radiusMinM < r < radiusMaxM (tracks
 *    are straight upstream of the magnet, kicked by ±0.299792458·B·L GeV in x at its centre, and
 *    straight downstream; src/physics/track-kinematics.ts);
 *  - the event the rest of the selection sees has the ECAL-plane hits and slopes of the tracks
 *    *after* the magnet, so the acceptance area, product.xM/yM/radiusM and pair.separationM refer to
 *    where the tracks really arrive (the LKr or MUV3 plane, whichever the scenario puts there);
 *  - the `track.*` quantities (momenta, TAX pointing, pair mass, opening angle at the vertex) are
 *    available to cuts and signal regions.
 *
 * The WGSL below (generated with the spectrometer's constants as f32 literals) and
 * `referenceChargedTracks` (float64, built on src/physics/track-kinematics.ts with different
 * formulas where it matters: the direct 4-vector pair mass against the shader's cancellation-free
 * form) are twins compared by test/na62/charged-tracks.test.ts.
 */
import { f32Literal } from './wgsl-literals.ts';
import {
  type BeamLine,
  type ChargedTrack,
  type DipoleMagnet,
  type Vec3,
  kickedMomentum,
  openingAngleRad,
  pairMassGeV,
  pointingToBeamLine,
  trackPositionAt,
  transverseKickGeV,
} from '../physics/track-kinematics.ts';

export interface SpectrometerChamber {
  /** Label for messages (e.g. 'STRAW1'). */
  name: string;
  zM: number;
  /** Annulus acceptance about the detector axis, m (physics.md §8.3: 0.1 < r < 1.0 for the NA62 straws). */
  radiusMinM: number;
  radiusMaxM: number;
}

export interface Spectrometer {
  magnet: DipoleMagnet;
  chambers: SpectrometerChamber[];
  /** Proton beam line for the pointing quantities (track.cdaTaxM, track.zTaxM). */
  beamLine: BeamLine;
}

export class InvalidSpectrometer extends Error {
  override name = 'InvalidSpectrometer';
  readonly userFacing = true;
}

function finiteNumber(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new InvalidSpectrometer(`${path} must be a finite number (got ${value})`);
}

/** Structural checks (messages name the JSON-style path and the value). */
export function validateSpectrometer(spectrometer: Spectrometer, path = 'spectrometer'): void {
  const { magnet, chambers, beamLine } = spectrometer;
  finiteNumber(magnet.zM, `${path}.magnet.zM`);
  finiteNumber(magnet.lengthM, `${path}.magnet.lengthM`);
  finiteNumber(magnet.fieldT, `${path}.magnet.fieldT`);
  if (!(magnet.lengthM > 0)) throw new InvalidSpectrometer(`${path}.magnet.lengthM must be > 0 (got ${magnet.lengthM})`);
  if (!Array.isArray(chambers)) throw new InvalidSpectrometer(`${path}.chambers must be an array (got ${typeof chambers})`);
  chambers.forEach((chamber, index) => {
    const at = `${path}.chambers[${index}]`;
    finiteNumber(chamber.zM, `${at}.zM`);
    finiteNumber(chamber.radiusMinM, `${at}.radiusMinM`);
    finiteNumber(chamber.radiusMaxM, `${at}.radiusMaxM`);
    if (!(chamber.radiusMinM >= 0)) throw new InvalidSpectrometer(`${at}.radiusMinM must be ≥ 0 (got ${chamber.radiusMinM})`);
    if (!(chamber.radiusMaxM > chamber.radiusMinM))
      throw new InvalidSpectrometer(`${at}.radiusMaxM must be > radiusMinM = ${chamber.radiusMinM} (got ${chamber.radiusMaxM})`);
  });
  finiteNumber(beamLine.zM, `${path}.beamLine.zM`);
  finiteNumber(beamLine.xM, `${path}.beamLine.xM`);
  finiteNumber(beamLine.yM, `${path}.beamLine.yM`);
  finiteNumber(beamLine.slopeX ?? 0, `${path}.beamLine.slopeX`);
  finiteNumber(beamLine.slopeY ?? 0, `${path}.beamLine.slopeY`);
}

/** What the twins return for one event (besides the kicked ECAL-plane event). */
export interface TrackSummary {
  /** |p| of each track, GeV. */
  momentumGeV: [number, number];
  cdaTaxM: number;
  zTaxM: number;
  /** Invariant mass of the two tracks, GeV. */
  pairMassGeV: number;
  /** |p0 + p1|, GeV. */
  totalMomentumGeV: number;
  /** Opening angle at the vertex (before the magnet), rad. */
  openingAngleRad: number;
  /**
   * Transverse distance of the decay vertex from the beam-line point at the TAX, over its distance
   * in z: |v⊥ − b(z_TAX)|/(z_v − z_TAX). A cone with its tip at the TAX (NA62 e⁺e⁻ decay volume) is a
   * cut on it.
   */
  vertexSlopeFromTax: number;
}

/** WGSL field names of ChargedTracks that the track.* quantities read (as `trk.<field>`). */
export const CHARGED_TRACKS_STRUCT = `struct ChargedTracks {
  valid: bool,
  event: DecayEvent,      // ECAL-plane hits and slopes after the magnet
  momentum0: f32,         // |p| of the positive track, GeV
  momentum1: f32,         // |p| of the negative track, GeV
  cdaTaxM: f32,
  zTaxM: f32,
  pairMassGeV: f32,
  totalMomentumGeV: f32,
  openingAngleRad: f32,
  vertexSlopeFromTax: f32,
}`;

/**
 * The generated WGSL: `fn chargedTracks(evIn: DecayEvent, mass0GeV: f32, mass1GeV: f32, ecalZM: f32)
 * -> ChargedTracks`. Needs DecayEvent (shaders/decay-event.wgsl) in scope.
 */
export function chargedTracksWgsl(spectrometer: Spectrometer): string {
  validateSpectrometer(spectrometer);
  const { magnet, chambers, beamLine } = spectrometer;
  const zMagnet = f32Literal(magnet.zM, 'spectrometer.magnet.zM');
  const kick = f32Literal(transverseKickGeV(magnet), 'spectrometer magnet kick');
  const lines: string[] = [
    CHARGED_TRACKS_STRUCT,
    '',
    '// Momentum vector of a product from its energy, mass and slopes (px/pz, py/pz), GeV.',
    'fn trackMomentumVector(energy: f32, mass: f32, slope: vec2<f32>) -> vec3<f32> {',
    '  let p = sqrt(max((energy - mass) * (energy + mass), 0.0));',
    '  let pz = p / sqrt(1.0 + dot(slope, slope));',
    '  return vec3<f32>(slope * pz, pz);',
    '}',
    '',
    '// ---- generated from the selection spectrometer (src/engine/charged-tracks.ts) ----',
    'fn chargedTracks(evIn: DecayEvent, mass0GeV: f32, mass1GeV: f32, ecalZM: f32) -> ChargedTracks {',
    '  var t: ChargedTracks;',
    '  t.valid = false;',
    '  t.event = evIn;',
    '  let v = evIn.vertex;',
    `  if (!(evIn.forward0 && evIn.forward1) || !(v.z < ${zMagnet})) { return t; }`,
    '  let p0 = trackMomentumVector(evIn.energy0, mass0GeV, evIn.slope0);',
    '  let p1 = trackMomentumVector(evIn.energy1, mass1GeV, evIn.slope1);',
    `  // Thin-lens dipole: p_x += q k with |p| kept, p_z'^2 = p_z^2 - q k (2 p_x + q k); q = +1 for product 0.`,
    `  let kick = ${kick};`,
    '  let pz0Squared = p0.z * p0.z - kick * (2.0 * p0.x + kick);',
    '  let pz1Squared = p1.z * p1.z + kick * (2.0 * p1.x - kick);',
    '  if (!(pz0Squared > 0.0 && pz1Squared > 0.0)) { return t; }',
    '  let after0 = vec2<f32>(p0.x + kick, p0.y) / sqrt(pz0Squared);',
    '  let after1 = vec2<f32>(p1.x - kick, p1.y) / sqrt(pz1Squared);',
    `  let atMagnet0 = v.xy + evIn.slope0 * (${zMagnet} - v.z);`,
    `  let atMagnet1 = v.xy + evIn.slope1 * (${zMagnet} - v.z);`,
  ];
  chambers.forEach((chamber, index) => {
    const what = `spectrometer.chambers[${index}]`;
    const z = f32Literal(chamber.zM, `${what}.zM`);
    const rMin2 = f32Literal(chamber.radiusMinM * chamber.radiusMinM, `${what}.radiusMinM²`);
    const rMax2 = f32Literal(chamber.radiusMaxM * chamber.radiusMaxM, `${what}.radiusMaxM²`);
    const upstream = chamber.zM <= magnet.zM;
    lines.push(`  // ${chamber.name.replace(/[^\w .+-]/g, '')} at z = ${chamber.zM} m (${upstream ? 'upstream' : 'downstream'} of the magnet)`);
    lines.push(`  if (!(v.z < ${z})) { return t; }`);
    const hit = (i: 0 | 1) => (upstream ? `v.xy + evIn.slope${i} * (${z} - v.z)` : `atMagnet${i} + after${i} * (${z} - ${zMagnet})`);
    lines.push(`  let chamber${index}Hit0 = ${hit(0)};`);
    lines.push(`  let chamber${index}Hit1 = ${hit(1)};`);
    for (const i of [0, 1]) {
      lines.push(
        `  if (!(dot(chamber${index}Hit${i}, chamber${index}Hit${i}) > ${rMin2} && dot(chamber${index}Hit${i}, chamber${index}Hit${i}) < ${rMax2})) { return t; }`,
      );
    }
  });
  const bsx = f32Literal(beamLine.slopeX ?? 0, 'spectrometer.beamLine.slopeX');
  const bsy = f32Literal(beamLine.slopeY ?? 0, 'spectrometer.beamLine.slopeY');
  lines.push(
    '  // Hits at the ECAL plane: kicked when the plane lies downstream of the magnet.',
    `  if (ecalZM > ${zMagnet}) {`,
    `    t.event.hit0 = atMagnet0 + after0 * (ecalZM - ${zMagnet});`,
    `    t.event.hit1 = atMagnet1 + after1 * (ecalZM - ${zMagnet});`,
    '    t.event.slope0 = after0;',
    '    t.event.slope1 = after1;',
    '  }',
    '  t.momentum0 = length(p0);',
    '  t.momentum1 = length(p1);',
    '  let total = p0 + p1;',
    '  t.totalMomentumGeV = length(total);',
    '  // Opening angle at the vertex from the slope vectors (s, 1): atan2(|a x b|, a.b), where the',
    '  // cross product holds slope differences (exact in f32 for close tracks, unlike p0 x p1).',
    '  let direction0 = vec3<f32>(evIn.slope0, 1.0);',
    '  let direction1 = vec3<f32>(evIn.slope1, 1.0);',
    '  t.openingAngleRad = atan2(length(cross(direction0, direction1)), dot(direction0, direction1));',
    '  // Pair mass without the (E0 + E1)^2 - |p0 + p1|^2 cancellation:',
    '  // m^2 = m0^2 + m1^2 + 2 [(m0^2 p1^2 + m1^2 p0^2 + m0^2 m1^2)/(E0 E1 + p0 p1) + p0 p1 (1 - cos theta)],',
    '  // with 1 - cos theta = |a x b|^2 / (|a||b| (|a||b| + a.b)) for forward pairs (no atan2: WGSL allows it',
    '  // 4096 ulp) and 1 - a.b/(|a||b|) where cos theta <= 0 (no cancellation there).',
    '  let crossLength = length(cross(direction0, direction1));',
    '  let lengthProduct = length(direction0) * length(direction1);',
    '  let cosineTimesLengths = dot(direction0, direction1);',
    '  var oneMinusCosine = 1.0 - cosineTimesLengths / lengthProduct;',
    '  if (cosineTimesLengths > 0.0) {',
    '    oneMinusCosine = crossLength * crossLength / (lengthProduct * (lengthProduct + cosineTimesLengths));',
    '  }',
    '  let m0Squared = mass0GeV * mass0GeV;',
    '  let m1Squared = mass1GeV * mass1GeV;',
    '  let momentumProduct = t.momentum0 * t.momentum1;',
    '  let restTerm = (m0Squared * t.momentum1 * t.momentum1 + m1Squared * t.momentum0 * t.momentum0 + m0Squared * m1Squared) / (evIn.energy0 * evIn.energy1 + momentumProduct);',
    '  t.pairMassGeV = sqrt(max(m0Squared + m1Squared + 2.0 * (restTerm + momentumProduct * oneMinusCosine), 0.0));',
    '  // Pointing: the total momentum from the vertex against the beam line (in the frame drifting with the beam).',
    `  let beamSlope = vec2<f32>(${bsx}, ${bsy});`,
    `  let beamAtVertex = vec2<f32>(${f32Literal(beamLine.xM, 'spectrometer.beamLine.xM')}, ${f32Literal(beamLine.yM, 'spectrometer.beamLine.yM')}) + beamSlope * (v.z - ${f32Literal(beamLine.zM, 'spectrometer.beamLine.zM')});`,
    '  let offset = v.xy - beamAtVertex;',
    `  t.vertexSlopeFromTax = length(v.xy - vec2<f32>(${f32Literal(beamLine.xM, 'spectrometer.beamLine.xM')}, ${f32Literal(beamLine.yM, 'spectrometer.beamLine.yM')})) / (v.z - ${f32Literal(beamLine.zM, 'spectrometer.beamLine.zM')});`,
    '  let relativeSlope = total.xy / total.z - beamSlope;',
    '  let slopeSquared = dot(relativeSlope, relativeSlope);',
    '  if (slopeSquared > 0.0) {',
    '    t.cdaTaxM = abs(offset.x * relativeSlope.y - offset.y * relativeSlope.x) / sqrt(slopeSquared);',
    '    t.zTaxM = v.z - dot(offset, relativeSlope) / slopeSquared;',
    '  } else {',
    '    t.cdaTaxM = length(offset);',
    '    t.zTaxM = v.z;',
    '  }',
    '  t.valid = true;',
    '  return t;',
    '}',
  );
  return lines.join('\n');
}

/** The minimal event shape the float64 twin reads and writes (a subset of the reference engine's event). */
export interface TrackEventInput {
  hit: [[number, number], [number, number]];
  slope: [[number, number], [number, number]];
  energy: [number, number];
  forward: [boolean, boolean];
  vertex: [number, number, number];
}

export interface ReferenceTracksResult {
  /** ECAL-plane hits after the magnet. */
  hit: [[number, number], [number, number]];
  /** Slopes after the magnet. */
  slope: [[number, number], [number, number]];
  summary: TrackSummary;
}

function momentumVector(energy: number, mass: number, slope: [number, number]): Vec3 {
  const p = Math.sqrt(Math.max(energy * energy - mass * mass, 0));
  const pz = p / Math.sqrt(1 + slope[0] * slope[0] + slope[1] * slope[1]);
  return [slope[0] * pz, slope[1] * pz, pz];
}

/**
 * Float64 twin of the generated WGSL: null where the shader returns valid = false.
 * Product 0 is the positive track, product 1 the negative one.
 */
export function referenceChargedTracks(
  spectrometer: Spectrometer,
  event: TrackEventInput,
  massesGeV: readonly [number, number],
  ecalZM: number,
): ReferenceTracksResult | null {
  const { magnet, chambers, beamLine } = spectrometer;
  const vertex = event.vertex;
  if (!(event.forward[0] && event.forward[1]) || !(vertex[2] < magnet.zM)) return null;
  const tracks: [ChargedTrack, ChargedTrack] = [
    { charge: 1, momentumGeV: momentumVector(event.energy[0], massesGeV[0], event.slope[0]), vertexM: [...vertex] },
    { charge: -1, momentumGeV: momentumVector(event.energy[1], massesGeV[1], event.slope[1]), vertexM: [...vertex] },
  ];
  const after = tracks.map((track) => kickedMomentum(track, magnet));
  if (!after[0] || !after[1]) return null;
  for (const chamber of chambers) {
    if (!(vertex[2] < chamber.zM)) return null;
    for (const track of tracks) {
      const position = trackPositionAt(track, chamber.zM, magnet);
      if (!position) return null;
      const r2 = position[0] * position[0] + position[1] * position[1];
      if (!(r2 > chamber.radiusMinM * chamber.radiusMinM && r2 < chamber.radiusMaxM * chamber.radiusMaxM)) return null;
    }
  }
  const hit: [[number, number], [number, number]] = [[...event.hit[0]], [...event.hit[1]]];
  const slope: [[number, number], [number, number]] = [[...event.slope[0]], [...event.slope[1]]];
  if (ecalZM > magnet.zM) {
    for (const i of [0, 1] as const) {
      const position = trackPositionAt(tracks[i], ecalZM, magnet)!;
      hit[i] = [position[0], position[1]];
      const a = after[i]!;
      slope[i] = [a[0] / a[2], a[1] / a[2]];
    }
  }
  const [p0, p1] = [tracks[0].momentumGeV, tracks[1].momentumGeV];
  const total: Vec3 = [p0[0] + p1[0], p0[1] + p1[1], p0[2] + p1[2]];
  const pointing = pointingToBeamLine(vertex, total, beamLine);
  return {
    hit,
    slope,
    summary: {
      momentumGeV: [Math.hypot(...p0), Math.hypot(...p1)],
      cdaTaxM: pointing.cdaM,
      zTaxM: pointing.zTaxM,
      pairMassGeV: pairMassGeV(event.energy[0], p0, event.energy[1], p1),
      totalMomentumGeV: Math.hypot(...total),
      openingAngleRad: openingAngleRad(p0, p1),
      vertexSlopeFromTax: Math.hypot(vertex[0] - beamLine.xM, vertex[1] - beamLine.yM) / (vertex[2] - beamLine.zM),
    },
  };
}
