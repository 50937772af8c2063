/**
 * Runs generated selection WGSL on given events (no Monte Carlo): the event-level twin check of
 * src/engine/selection/compile-wgsl.ts against compile-ts.ts and of every quantity's WGSL against
 * its float64 definition. Events are passed as f32 so both sides see the same inputs.
 */
import { compileSelectionToWgsl, eventExpression } from '../../src/engine/selection/compile-wgsl.ts';
import { QUANTITIES, type ReferenceEvent } from '../../src/engine/selection/quantities.ts';
import type { Selection } from '../../src/engine/selection/types.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { wgslConstantBlock } from '../../src/engine/wgsl-constants.ts';
import { f32Literal } from '../../src/engine/wgsl-literals.ts';
import { runKernel } from './gpu.ts';

export const FLOATS_PER_EVENT = 16;

export interface HarnessSetup {
  ecalZM: number;
  daughterMassGeV: [number, number];
}

/** Event with every number rounded to f32 (what the shader will read). */
export function f32Event(event: Omit<ReferenceEvent, 'daughterMassGeV'>, setup: HarnessSetup): ReferenceEvent {
  const f = Math.fround;
  return {
    hit: [
      [f(event.hit[0][0]), f(event.hit[0][1])],
      [f(event.hit[1][0]), f(event.hit[1][1])],
    ],
    slope: [
      [f(event.slope[0][0]), f(event.slope[0][1])],
      [f(event.slope[1][0]), f(event.slope[1][1])],
    ],
    energy: [f(event.energy[0]), f(event.energy[1])],
    forward: [event.forward[0], event.forward[1]],
    vertex: [f(event.vertex[0]), f(event.vertex[1]), f(event.vertex[2])],
    daughterMassGeV: [f(setup.daughterMassGeV[0]), f(setup.daughterMassGeV[1])],
  };
}

function packEvents(events: ReferenceEvent[], accepted?: Array<[boolean, boolean]>): Float32Array<ArrayBuffer> {
  const data = new Float32Array(events.length * FLOATS_PER_EVENT);
  events.forEach((ev, i) => {
    data.set(
      [
        ev.hit[0][0],
        ev.hit[0][1],
        ev.hit[1][0],
        ev.hit[1][1],
        ev.slope[0][0],
        ev.slope[0][1],
        ev.slope[1][0],
        ev.slope[1][1],
        ev.energy[0],
        ev.energy[1],
        ev.forward[0] ? 1 : 0,
        ev.forward[1] ? 1 : 0,
        ev.vertex[0],
        ev.vertex[1],
        ev.vertex[2],
        accepted ? (accepted[i][0] ? 1 : 0) + (accepted[i][1] ? 2 : 0) : 0,
      ],
      i * FLOATS_PER_EVENT,
    );
  });
  return data;
}

function preamble(setup: HarnessSetup): string {
  const sources = nodeShaderSources();
  return [
    wgslConstantBlock({ workgroupSize: 64, regionCount: 1 }),
    sources['decay-event.wgsl'],
    sources['koto-reconstruction.wgsl'],
    'struct HarnessRun { ecalZM: f32, daughterMass0GeV: f32, daughterMass1GeV: f32 }',
    `var<private> run: HarnessRun = HarnessRun(${f32Literal(setup.ecalZM)}, ${f32Literal(setup.daughterMassGeV[0])}, ${f32Literal(setup.daughterMassGeV[1])});`,
    '@group(0) @binding(0) var<storage, read> events: array<f32>;',
    '@group(0) @binding(1) var<storage, read_write> results: array<u32>;',
    `fn loadEvent(i: u32) -> DecayEvent {
  let b = i * ${FLOATS_PER_EVENT}u;
  var ev: DecayEvent;
  ev.hit0 = vec2<f32>(events[b], events[b + 1u]);
  ev.hit1 = vec2<f32>(events[b + 2u], events[b + 3u]);
  ev.slope0 = vec2<f32>(events[b + 4u], events[b + 5u]);
  ev.slope1 = vec2<f32>(events[b + 6u], events[b + 7u]);
  ev.energy0 = events[b + 8u];
  ev.energy1 = events[b + 9u];
  ev.forward0 = events[b + 10u] > 0.5;
  ev.forward1 = events[b + 11u] > 0.5;
  ev.vertex = vec3<f32>(events[b + 12u], events[b + 13u], events[b + 14u]);
  return ev;
}`,
  ].join('\n\n');
}

function dispatch(code: string, input: Float32Array<ArrayBuffer>, count: number, wordsPerEvent: number): Promise<Uint32Array> {
  return runKernel(code, { input, outputWords: count * wordsPerEvent, workgroups: Math.ceil(count / 64) });
}

/** (region, cell) from the generated WGSL `selectTrial` for each event. */
export async function selectTrialsOnGpu(selection: Selection, events: ReferenceEvent[], setup: HarnessSetup): Promise<Array<{ region: number; cell: number }>> {
  const code = [
    preamble(setup),
    compileSelectionToWgsl(selection),
    `@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${events.length}u) { return; }
  let selected = selectTrial(loadEvent(id.x));
  results[2u * id.x] = bitcast<u32>(selected.x);
  results[2u * id.x + 1u] = bitcast<u32>(selected.y);
}`,
  ].join('\n\n');
  const words = new Int32Array((await dispatch(code, packEvents(events), events.length, 2)).buffer);
  return events.map((_, i) => ({ region: words[2 * i], cell: words[2 * i + 1] }));
}

/**
 * Every named quantity evaluated by its WGSL definition; product quantities give two values
 * (products 0 and 1), then 1/0 for a valid KOTO reconstruction. zVertexOriginM is for koto.zVtxM.
 */
export async function quantitiesOnGpu(
  names: string[],
  events: ReferenceEvent[],
  accepted: Array<[boolean, boolean]>,
  setup: HarnessSetup,
  zVertexOriginM: number,
): Promise<Float32Array> {
  const selection: Selection = { reconstruction: { type: 'koto-pi0', zVertexOriginM }, cuts: [], regions: [] };
  const expressions = names.flatMap((name) => {
    const quantity = QUANTITIES[name];
    return quantity.scope === 'product' ? [quantity.wgsl(0), quantity.wgsl(1)] : [eventExpression(name, selection)];
  });
  expressions.push('select(0.0, 1.0, reco.valid)'); // last value per event: reconstruction valid
  const code = [
    preamble(setup),
    `@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  if (id.x >= ${events.length}u) { return; }
  let ev = loadEvent(id.x);
  let flags = u32(events[id.x * ${FLOATS_PER_EVENT}u + 15u]);
  let accepted0 = (flags & 1u) != 0u;
  let accepted1 = (flags & 2u) != 0u;
  let reco = kotoReconstruct(ev);
  let base = id.x * ${expressions.length}u;
${expressions.map((expression, k) => `  results[base + ${k}u] = bitcast<u32>(f32(${expression}));`).join('\n')}
}`,
  ].join('\n\n');
  const words = await dispatch(code, packEvents(events, accepted), events.length, expressions.length);
  return new Float32Array(words.buffer, 0, events.length * expressions.length);
}
