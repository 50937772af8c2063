/**
 * The spectrometer block's WGSL (src/engine/charged-tracks.ts) against its float64 twin on random
 * NA62-like dilepton events, and both against the analytic magnet kick and pair kinematics.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { chargedTracksWgsl, referenceChargedTracks, type Spectrometer, type TrackEventInput } from '../../src/engine/charged-tracks.ts';
import { MASS_GEV } from '../../src/physics/constants.ts';
import { Xoshiro128 } from '../../src/physics/rng.ts';
import { type Vec3, twoBodyDecayInLab } from '../../src/physics/track-kinematics.ts';
import { runKernel } from '../helpers/gpu.ts';
import { type HarnessSetup, f32Event, selectTrialsOnGpu } from '../helpers/selection-harness.ts';
import { compileSelectionToReference } from '../../src/engine/selection/compile-ts.ts';
import { compileScenario } from '../../src/scenarios/compile.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';

/** NA62 in dump mode, physics.md §8.3: STRAW1/4 at 183/218.7 m (0.1 < r < 1 m), dipole at 197 m, TAX at 23.07 m. */
const NA62: Spectrometer = {
  magnet: { zM: 197.0, lengthM: 1.3, fieldT: 0.6928 },
  chambers: [
    { name: 'STRAW1', zM: 183, radiusMinM: 0.1, radiusMaxM: 1.0 },
    { name: 'STRAW4', zM: 218.7, radiusMinM: 0.1, radiusMaxM: 1.0 },
  ],
  beamLine: { zM: 23.07, xM: 0, yM: -0.022 },
};
const LKR_Z_M = 241.495;
const ORIGIN: Vec3 = [0, -0.022, 23.07];
const f = Math.fround;

interface GeneratedEvent {
  input: TrackEventInput;
  masses: [number, number];
  alpMassGeV: number;
  alpMomentumGeV: number;
}

/** Random a → ℓℓ decays in the NA62 decay volume (102–182 m) from the TAX, inputs rounded to f32. */
function generateEvents(count: number, leptonMass: number, seed: number): GeneratedEvent[] {
  const rng = new Xoshiro128(seed);
  const events: GeneratedEvent[] = [];
  while (events.length < count) {
    const alpMass = 0.02 + 0.9 * rng.uniform();
    if (alpMass <= 2 * leptonMass) continue;
    const energy = 5 * Math.exp(Math.log(60) * rng.uniform());
    const theta = 0.006 * Math.sqrt(rng.uniform());
    const phi = 2 * Math.PI * rng.uniform();
    const p = Math.sqrt(energy * energy - alpMass * alpMass);
    const direction: Vec3 = [Math.sin(theta) * Math.cos(phi), Math.sin(theta) * Math.sin(phi), Math.cos(theta)];
    const z = 102 + 80 * rng.uniform();
    const path = (z - ORIGIN[2]) / direction[2];
    const vertex: Vec3 = [f(ORIGIN[0] + direction[0] * path), f(ORIGIN[1] + direction[1] * path), f(z)];
    const [a, b] = twoBodyDecayInLab(
      alpMass,
      [p * direction[0], p * direction[1], p * direction[2]],
      leptonMass,
      leptonMass,
      2 * rng.uniform() - 1,
      2 * Math.PI * rng.uniform(),
    );
    if (!(a.momentumGeV[2] > 0 && b.momentumGeV[2] > 0)) continue;
    const slope = (v: Vec3): [number, number] => [f(v[0] / v[2]), f(v[1] / v[2])];
    const s0 = slope(a.momentumGeV);
    const s1 = slope(b.momentumGeV);
    const toEcal = LKR_Z_M - vertex[2];
    events.push({
      input: {
        hit: [
          [f(vertex[0] + s0[0] * toEcal), f(vertex[1] + s0[1] * toEcal)],
          [f(vertex[0] + s1[0] * toEcal), f(vertex[1] + s1[1] * toEcal)],
        ],
        slope: [s0, s1],
        energy: [f(a.energyGeV), f(b.energyGeV)],
        forward: [true, true],
        vertex,
      },
      masses: [leptonMass, leptonMass],
      alpMassGeV: alpMass,
      alpMomentumGeV: p,
    });
  }
  return events;
}

const OUTPUT_WORDS = 17;

/** Runs `code` (binding 0: input f32 array, binding 1: output u32 array) over `invocations` threads. */
function runWithInput(code: string, input: Float32Array<ArrayBuffer>, outputWords: number, invocations: number): Promise<Uint32Array> {
  return runKernel(code, { input, outputWords, workgroups: Math.ceil(invocations / 64) });
}

/** Runs chargedTracks() on the GPU for the events; returns [valid, 16 f32 outputs] per event. */
async function runWgsl(events: GeneratedEvent[], spectrometer: Spectrometer): Promise<Float32Array[]> {
  const lit = (v: number) => `${Number(Math.fround(v).toPrecision(9))}f`;
  const stride = 15;
  const data = Float32Array.from(
    events.flatMap(({ input, masses }) => [
      ...input.hit[0],
      ...input.hit[1],
      ...input.slope[0],
      ...input.slope[1],
      ...input.energy,
      ...input.vertex,
      ...masses,
    ]),
  );
  const code = [
    readFileSync(new URL('../../shaders/decay-event.wgsl', import.meta.url), 'utf8'),
    chargedTracksWgsl(spectrometer),
    '@group(0) @binding(0) var<storage, read> eventData: array<f32>;',
    '@group(0) @binding(1) var<storage, read_write> out: array<u32>;',
    '@compute @workgroup_size(64)',
    'fn main(@builtin(global_invocation_id) id: vec3<u32>) {',
    `  let i = id.x;`,
    `  if (i >= ${events.length}u) { return; }`,
    `  let b = i * ${stride}u;`,
    '  var ev: DecayEvent;',
    '  ev.hit0 = vec2<f32>(eventData[b], eventData[b + 1u]);',
    '  ev.hit1 = vec2<f32>(eventData[b + 2u], eventData[b + 3u]);',
    '  ev.slope0 = vec2<f32>(eventData[b + 4u], eventData[b + 5u]);',
    '  ev.slope1 = vec2<f32>(eventData[b + 6u], eventData[b + 7u]);',
    '  ev.energy0 = eventData[b + 8u];',
    '  ev.energy1 = eventData[b + 9u];',
    '  ev.forward0 = true;',
    '  ev.forward1 = true;',
    '  ev.vertex = vec3<f32>(eventData[b + 10u], eventData[b + 11u], eventData[b + 12u]);',
    `  let t = chargedTracks(ev, eventData[b + 13u], eventData[b + 14u], ${lit(LKR_Z_M)});`,
    `  let o = i * ${OUTPUT_WORDS}u;`,
    '  out[o] = select(0u, 1u, t.valid);',
    '  let values = array<f32, 16>(t.event.hit0.x, t.event.hit0.y, t.event.hit1.x, t.event.hit1.y, t.event.slope0.x, t.event.slope0.y, t.event.slope1.x, t.event.slope1.y,',
    '    t.momentum0, t.momentum1, t.cdaTaxM, t.zTaxM, t.pairMassGeV, t.totalMomentumGeV, t.openingAngleRad, t.vertexSlopeFromTax);',
    '  for (var k = 0u; k < 16u; k = k + 1u) { out[o + 1u + k] = bitcast<u32>(values[k]); }',
    '}',
  ].join('\n');
  const words = await runWithInput(code, data, events.length * OUTPUT_WORDS, events.length);
  const floats = new Float32Array(words.buffer);
  return events.map((_, i) => {
    const row = floats.slice(i * OUTPUT_WORDS, (i + 1) * OUTPUT_WORDS);
    row[0] = words[i * OUTPUT_WORDS];
    return row;
  });
}

/** Smallest relative distance of a track's chamber radius to an annulus edge (for boundary cases). */
function edgeMargin(event: TrackEventInput, masses: [number, number]): number {
  let margin = Infinity;
  const wide: Spectrometer = { ...NA62, chambers: NA62.chambers.map((c) => ({ ...c, radiusMinM: 0, radiusMaxM: 1e9 })) };
  const result = referenceChargedTracks(wide, event, masses, LKR_Z_M);
  if (!result) return 0;
  for (const chamber of NA62.chambers) {
    for (const [i, sign] of [
      [0, 1],
      [1, -1],
    ] as const) {
      const p = Math.sqrt(event.energy[i] ** 2 - masses[i] ** 2);
      const pz = p / Math.hypot(1, ...event.slope[i]);
      const kick = 0.299792458 * 0.6928 * 1.3;
      const upstream = chamber.zM <= NA62.magnet.zM;
      const sx = upstream ? event.slope[i][0] : (event.slope[i][0] * pz + sign * kick) / pz;
      const xm = event.vertex[0] + event.slope[i][0] * (NA62.magnet.zM - event.vertex[2]);
      const x = upstream ? event.vertex[0] + event.slope[i][0] * (chamber.zM - event.vertex[2]) : xm + sx * (chamber.zM - NA62.magnet.zM);
      const y = event.vertex[1] + event.slope[i][1] * (chamber.zM - event.vertex[2]);
      const r = Math.hypot(x, y);
      margin = Math.min(margin, Math.abs(r / chamber.radiusMinM - 1), Math.abs(r / chamber.radiusMaxM - 1));
    }
  }
  return margin;
}

describe.each([
  { channel: 'e+e-', leptonMass: MASS_GEV.electron, seed: 21 },
  { channel: 'mu+mu-', leptonMass: MASS_GEV.muon, seed: 22 },
])('spectrometer WGSL vs float64 twin ($channel, NA62 geometry)', ({ leptonMass, seed }) => {
  it('agrees on acceptance, kicked hits, momenta, pair mass, opening angle and TAX pointing', async () => {
    const events = generateEvents(4096, leptonMass, seed);
    const gpu = await runWgsl(events, NA62);
    let compared = 0;
    let accepted = 0;
    const worst = { hit: 0, slope: 0, momentum: 0, cda: 0, zTax: 0, mass: 0, total: 0, opening: 0, cone: 0 };
    events.forEach((event, i) => {
      const reference = referenceChargedTracks(NA62, event.input, event.masses, LKR_Z_M);
      const row = gpu[i];
      const valid = row[0] === 1;
      if (valid !== (reference !== null)) {
        // Only a track within f32 rounding of an annulus edge may fall on different sides.
        expect(edgeMargin(event.input, event.masses), `event ${i}`).toBeLessThan(1e-5);
        return;
      }
      compared++;
      if (!reference) return;
      accepted++;
      const ref = reference;
      const positions = [ref.hit[0][0], ref.hit[0][1], ref.hit[1][0], ref.hit[1][1]];
      const slopes = [ref.slope[0][0], ref.slope[0][1], ref.slope[1][0], ref.slope[1][1]];
      positions.forEach((v, k) => (worst.hit = Math.max(worst.hit, Math.abs(row[1 + k] - v))));
      slopes.forEach((v, k) => (worst.slope = Math.max(worst.slope, Math.abs(row[5 + k] - v))));
      ref.summary.momentumGeV.forEach((v, k) => (worst.momentum = Math.max(worst.momentum, Math.abs(row[9 + k] / v - 1))));
      worst.cda = Math.max(worst.cda, Math.abs(row[11] - ref.summary.cdaTaxM));
      worst.zTax = Math.max(worst.zTax, Math.abs(row[12] - ref.summary.zTaxM));
      worst.mass = Math.max(worst.mass, Math.abs(row[13] / ref.summary.pairMassGeV - 1));
      worst.total = Math.max(worst.total, Math.abs(row[14] / ref.summary.totalMomentumGeV - 1));
      worst.opening = Math.max(worst.opening, Math.abs(row[15] / ref.summary.openingAngleRad - 1));
      worst.cone = Math.max(worst.cone, Math.abs(row[16] / ref.summary.vertexSlopeFromTax - 1));
      // Physics of the twin itself: the pair is the ALP (mass and momentum; the inputs carry f32
      // rounding of slopes ~1e-7 relative, which enters m² through the ~m/E opening angle).
      expect(Math.abs(ref.summary.pairMassGeV / event.alpMassGeV - 1)).toBeLessThan(2e-4);
      expect(Math.abs(ref.summary.totalMomentumGeV / event.alpMomentumGeV - 1)).toBeLessThan(1e-6);
      // The ALP comes from the TAX on the beam line: CDA ≈ 0 and Z_TAX = 23.07 m (f32 vertex inputs:
      // ~1e-5 m transverse, amplified by 1/θ_a in Z_TAX).
      expect(ref.summary.cdaTaxM).toBeLessThan(1e-4);
    });
    console.log(`[na62] ${events.length} events, ${compared} compared, ${accepted} accepted; worst |gpu − f64|: ${JSON.stringify(worst)}`);
    expect(compared).toBeGreaterThan(0.99 * events.length);
    expect(accepted).toBeGreaterThan(0.1 * events.length);
    // f32 tolerances: positions ~1 m after ~60 m lever arms (1e-7 relative slopes → ≲ 1e-5 m),
    // momenta and mass to a few f32 ulps, pointing to f32 rounding of the ~130 m back-extrapolation.
    expect(worst.hit).toBeLessThan(2e-5);
    expect(worst.slope).toBeLessThan(1e-7);
    expect(worst.momentum).toBeLessThan(1e-6);
    expect(worst.cda).toBeLessThan(1e-4);
    expect(worst.zTax).toBeLessThan(2e-3);
    expect(worst.mass).toBeLessThan(2e-6);
    expect(worst.total).toBeLessThan(1e-6);
    // WGSL allows atan2 an error of 4096 ulp (2.4e-4 relative); Dawn/llvmpipe shows ~2e-5.
    expect(worst.opening).toBeLessThan(3e-4);
    expect(worst.cone).toBeLessThan(1e-5);
  });
});

describe('magnet kick in the shader against the formula (physics.md §8.3)', () => {
  it('a track along the axis lands at x = ±k/p_z′ (z_LKr − z_magnet) on the LKr plane', async () => {
    const kick = 0.2998 * 0.6928 * 1.3; // physics.md §8.3 form
    const wide: Spectrometer = { ...NA62, chambers: [] };
    const momenta = [5, 20, 80, 250];
    // Two tracks along the detector axis with no opening: the pure kick.
    const events: GeneratedEvent[] = momenta.map((p) => ({
      input: {
        hit: [
          [0, 0],
          [0, 0],
        ],
        slope: [
          [0, 0],
          [0, 0],
        ],
        energy: [f(Math.hypot(p, MASS_GEV.muon)), f(Math.hypot(p, MASS_GEV.muon))],
        forward: [true, true],
        vertex: [0, 0, 150],
      },
      masses: [MASS_GEV.muon, MASS_GEV.muon],
      alpMassGeV: 0,
      alpMomentumGeV: 2 * p,
    }));
    const gpu = await runWgsl(events, wide);
    momenta.forEach((p, i) => {
      const expected = (kick / Math.sqrt(p * p - kick * kick)) * (LKR_Z_M - 197.0);
      expect(gpu[i][0]).toBe(1);
      // 0.2998 vs 0.299792458 (2.5e-5) and f32: 1e-4 relative.
      expect(Math.abs(gpu[i][1] / expected - 1)).toBeLessThan(1e-4);
      expect(Math.abs(gpu[i][3] / -expected - 1)).toBeLessThan(1e-4);
      expect(gpu[i][2]).toBe(0);
      const reference = referenceChargedTracks(wide, events[i].input, events[i].masses, LKR_Z_M)!;
      expect(Math.abs(reference.hit[0][0] / expected - 1)).toBeLessThan(1e-4);
    });
  });
});

describe('generated selection with a spectrometer: WGSL selectTrial vs float64 compile-ts on identical events', () => {
  it.each([
    { name: 'na62-dump-mumu', leptonMass: MASS_GEV.muon },
    { name: 'na62-dump-ee', leptonMass: MASS_GEV.electron },
  ])('$name: same region for every event (straws, magnet, LKr/MUV3 acceptance, cone cut, TAX signal region)', async ({ name, leptonMass }) => {
    const { scenario } = await loadScenario(name);
    const compiled = compileScenario(scenario);
    const setup: HarnessSetup = { ecalZM: compiled.geometry.ecalZM, daughterMassGeV: [leptonMass, leptonMass] };
    const events = generateEvents(3000, leptonMass, 31).map((event) => f32Event(event.input, setup));
    const gpu = await selectTrialsOnGpu(compiled.selection, events, setup);
    const reference = compileSelectionToReference(compiled.selection, setup.ecalZM);
    let inRegion = 0;
    let differing = 0;
    events.forEach((event, i) => {
      const region = reference.selectRegion(event);
      if (region === 0) inRegion++;
      if (region !== gpu[i].region) differing++;
    });
    // Only events within f32 rounding of an acceptance edge may differ (none expected in 3000).
    expect(differing).toBeLessThanOrEqual(2);
    expect(inRegion).toBeGreaterThan(100);
  });
});
