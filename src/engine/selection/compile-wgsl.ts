/**
 * Selection → WGSL. Emits `fn selectRegion(ev: DecayEvent) -> i32` (region index, or −1 when the
 * trial fails) plus one inside-test function per area. Thresholds become f32 literals; the
 * generated text is deterministic, so it doubles as the pipeline cache key.
 */
import { f32Literal } from '../wgsl-literals.ts';
import { chargedTracksWgsl } from '../charged-tracks.ts';
import { QUANTITIES, type EventQuantity } from './quantities.ts';
import type { Area, Cut, Selection, Shape } from './types.ts';
import { validateSelection } from './validate.ts';

function shapeTest(shape: Shape, point: string, what: string, polygonName: string): string {
  switch (shape.type) {
    case 'disc': {
      const cx = f32Literal(shape.centerX ?? 0, `${what}.centerX`);
      const cy = f32Literal(shape.centerY ?? 0, `${what}.centerY`);
      const r = shape.radius;
      return `(dot(${point} - vec2<f32>(${cx}, ${cy}), ${point} - vec2<f32>(${cx}, ${cy})) < ${f32Literal(r * r, `${what}.radius²`)})`;
    }
    case 'box':
      return (
        `(${point}.x > ${f32Literal(shape.xMin, `${what}.xMin`)} && ${point}.x < ${f32Literal(shape.xMax, `${what}.xMax`)} && ` +
        `${point}.y > ${f32Literal(shape.yMin, `${what}.yMin`)} && ${point}.y < ${f32Literal(shape.yMax, `${what}.yMax`)})`
      );
    case 'polygon':
      return `${polygonName}(${point})`;
  }
}

// Polygons become functions of their own (even-odd crossing rule, one unrolled test per edge),
// named after their area and position in it, so the generated text depends only on the selection.
function polygonFunction(name: string, shape: Extract<Shape, { type: 'polygon' }>, what: string): string {
  const lines: string[] = [`fn ${name}(p: vec2<f32>) -> bool {`, '  var inside = false;'];
  const vertices = shape.vertices;
  for (let i = 0, j = vertices.length - 1; i < vertices.length; j = i++) {
    const [xi, yi] = vertices[i].map((v) => f32Literal(v, `${what}.vertices`));
    const [xj, yj] = vertices[j].map((v) => f32Literal(v, `${what}.vertices`));
    if (Math.fround(vertices[i][1]) === Math.fround(vertices[j][1])) continue; // horizontal edge: never crossed
    lines.push(`  if (((${yi} > p.y) != (${yj} > p.y)) && (p.x < (${xj} - ${xi}) * (p.y - ${yi}) / (${yj} - ${yi}) + ${xi})) { inside = !inside; }`);
  }
  lines.push('  return inside;', '}');
  return lines.join('\n');
}

/** The area's inside-test function, preceded by one function per polygon it uses. */
function areaFunctions(name: string, area: Area, what: string): string[] {
  const shapes: Array<[Shape, string]> = [
    [area.include, `${what}.include`],
    ...(area.exclude ?? []).map((shape, index): [Shape, string] => [shape, `${what}.exclude[${index}]`]),
  ];
  const out: string[] = [];
  const tests = shapes.map(([shape, path], index) => {
    const polygonName = `${name}_polygon${index}`;
    if (shape.type === 'polygon') out.push(polygonFunction(polygonName, shape, path));
    const test = shapeTest(shape, 'p', path, polygonName);
    return index === 0 ? test : `!${test}`;
  });
  out.push(`fn ${name}(p: vec2<f32>) -> bool {\n  return ${tests.join(' && ')};\n}`);
  return out;
}

function intervalTest(expression: string, cut: Cut, what: string): string {
  const parts: string[] = [];
  if (cut.min !== undefined) parts.push(`(${expression} > ${f32Literal(cut.min, `${what}.min`)})`);
  if (cut.max !== undefined) parts.push(`(${expression} < ${f32Literal(cut.max, `${what}.max`)})`);
  return parts.length === 0 ? 'true' : parts.join(' && ');
}

/** WGSL expression of an event quantity inside the generated selection (exported for tests). */
export function eventExpression(name: string, selection: Selection): string {
  const quantity = QUANTITIES[name] as EventQuantity;
  if (quantity.wgsl === 'KOTO_ZVTX') {
    return `(run.ecalZM - reco.distanceM - ${f32Literal(selection.reconstruction!.zVertexOriginM, 'reconstruction.zVertexOriginM')})`;
  }
  return quantity.wgsl;
}

/** Arithmetic cell index of the histogram (O(1) in the number of cells), or −1 outside it. */
function histogramFunction(selection: Selection): string {
  const histogram = selection.histogram!;
  const [xLo, xHi, xCount] = histogram.xBins;
  const [yLo, yHi, yCount] = histogram.yBins;
  const origin = `vec2<f32>(${f32Literal(xLo, 'histogram.xBins[0]')}, ${f32Literal(yLo, 'histogram.yBins[0]')})`;
  const scale = `vec2<f32>(${f32Literal(xCount / (xHi - xLo), 'histogram x scale')}, ${f32Literal(yCount / (yHi - yLo), 'histogram y scale')})`;
  return [
    'fn histogramCell(p: vec2<f32>) -> i32 {',
    `  let f = (p - ${origin}) * ${scale};`,
    `  if (!(f.x >= 0.0 && f.x < ${f32Literal(xCount)} && f.y >= 0.0 && f.y < ${f32Literal(yCount)})) { return -1; }`,
    `  return i32(floor(f.x)) * ${yCount} + i32(floor(f.y));`,
    '}',
  ].join('\n');
}

/**
 * The generated WGSL for a selection (it reads `run.ecalZM` and the daughter masses from the
 * kernel's uniform). It always defines `fn selectTrial(ev: DecayEvent) -> vec2<i32>`:
 * (signal region or −1, histogram cell or −1). Without a histogram this wraps the region-only
 * `selectRegion`, so the region path is the same code as before histograms existed.
 */
export function compileSelectionToWgsl(selection: Selection): string {
  validateSelection(selection);
  const out: string[] = ['// ---- generated from the scenario selection (src/engine/selection/compile-wgsl.ts) ----'];
  const areas: Array<[string, Area, string]> = [];
  if (selection.acceptance) areas.push(['insideAcceptance', selection.acceptance.area, 'acceptance.area']);
  selection.regions.forEach((region, index) => areas.push([`insideRegion${index}`, region.area, `regions[${index}].area`]));
  for (const [name, area, what] of areas) out.push(...areaFunctions(name, area, what));

  const histogram = selection.histogram;
  const fail = 'return vec2<i32>(-1, -1);';
  // A failed cut: with a histogram, an early return; without one, the trial's `passed` flag is
  // cleared and the code runs on (branch-free). Software adapters (llvmpipe) execute both sides of
  // every branch, masking lanes, and each early return adds masks and blends to all the code after
  // it: measured on the bench job (KOTO Step 2), the flag form saves ~0.8 ns of ~8.7 per trial.
  // A trial whose reconstruction is invalid still computes it (NaN or garbage), which no test
  // reads because the flag is false. GPUs run the reconstruction for every trial in this form.
  const failWhen = (condition: string) => (histogram ? `if (${condition}) { ${fail} }` : `passed = passed & !(${condition});`);
  const body: string[] = histogram ? [] : ['var passed = true;'];
  // A spectrometer runs first: the rest of the selection sees the tracks after the magnet as `ev`
  // and the track quantities as `trk` (src/engine/charged-tracks.ts).
  const spectrometer = selection.spectrometer;
  if (spectrometer) {
    out.push(chargedTracksWgsl(spectrometer));
    body.push('let trk = chargedTracks(evIn, run.daughterMass0GeV, run.daughterMass1GeV, run.ecalZM);');
    body.push(failWhen('!trk.valid'));
    body.push('let ev = trk.event;');
  }
  const acceptance = selection.acceptance;
  if (acceptance) {
    body.push('let accepted0 = ev.forward0 && insideAcceptance(ev.hit0);');
    body.push('let accepted1 = ev.forward1 && insideAcceptance(ev.hit1);');
    body.push(failWhen(acceptance.productsRequired === 2 ? '!(accepted0 && accepted1)' : '!(accepted0 || accepted1)'));
  } else {
    body.push('let accepted0 = true;', 'let accepted1 = true;');
  }

  const needsKoto = usesKoto(selection);
  const productCuts = selection.cuts.filter((cut) => QUANTITIES[cut.quantity].scope === 'product');
  const eventCuts = selection.cuts.filter((cut) => QUANTITIES[cut.quantity].scope === 'event');
  const eventNeedsForward =
    eventCuts.some((cut) => QUANTITIES[cut.quantity].requires !== 'none') ||
    selection.regions.some((region) => [region.x, region.y].some((q) => QUANTITIES[q].requires !== 'none')) ||
    needsKoto;
  if (eventNeedsForward) body.push(failWhen('!(ev.forward0 && ev.forward1)'));

  for (const cut of productCuts) {
    const quantity = QUANTITIES[cut.quantity];
    if (quantity.scope !== 'product') continue;
    const what = `cuts[${selection.cuts.indexOf(cut)}]`;
    for (const index of [0, 1] as const) {
      const guard = quantity.requires === 'forward' ? `ev.forward${index} && ` : '';
      body.push(failWhen(`accepted${index} && !(${guard}${intervalTest(quantity.wgsl(index), cut, what)})`));
    }
  }
  // Cheap cuts first: with a histogram (early returns) the reconstruction (square roots, acos,
  // atan2) runs only for trials that survive every cut that does not need it; without one it runs
  // for every trial (see failWhen above). compile-ts.ts keeps the same order.
  const eventCut = (cut: Cut) => failWhen(`!(${intervalTest(eventExpression(cut.quantity, selection), cut, `cuts[${selection.cuts.indexOf(cut)}]`)})`);
  for (const cut of eventCuts.filter((c) => QUANTITIES[c.quantity].requires !== 'koto')) body.push(eventCut(cut));
  if (needsKoto) body.push('let reco = kotoReconstruct(ev);', failWhen('!reco.valid'));
  for (const cut of eventCuts.filter((c) => QUANTITIES[c.quantity].requires === 'koto')) body.push(eventCut(cut));
  const result = (region: string) => (histogram ? `return vec2<i32>(${region}, cell);` : `return ${region};`);
  if (histogram) {
    // The histogram never changes which trials reach the regions: what only it needs (both
    // products forward, a valid reconstruction) guards its own cell instead of failing the trial.
    out.push(histogramFunction(selection));
    const needs = histogramNeeds(selection);
    const cellLine = `cell = histogramCell(vec2<f32>(${eventExpression(histogram.x, selection)}, ${eventExpression(histogram.y, selection)}));`;
    body.push('var cell = -1;');
    const inner = needs.koto && !needsKoto ? ['let reco = kotoReconstruct(ev);', `if (reco.valid) { ${cellLine} }`] : [cellLine];
    if (needs.forward && !eventNeedsForward) body.push('if (ev.forward0 && ev.forward1) {', ...inner.map((line) => `  ${line}`), '}');
    else body.push(...inner);
  }
  const passedAnd = histogram ? '' : 'passed && ';
  if (selection.regions.length === 0) {
    body.push(histogram ? result('0') : 'return select(-1, 0, passed);');
  } else {
    selection.regions.forEach((region, index) => {
      body.push(
        `if (${passedAnd}insideRegion${index}(vec2<f32>(${eventExpression(region.x, selection)}, ${eventExpression(region.y, selection)}))) { ${result(String(index))} }`,
      );
    });
    body.push(result('-1'));
  }
  const bodyText = body.map((line) => `  ${line}`).join('\n');
  const parameter = spectrometer ? 'evIn' : 'ev';
  if (histogram) {
    out.push(`fn selectTrial(${parameter}: DecayEvent) -> vec2<i32> {\n${bodyText}\n}`);
  } else {
    out.push(`fn selectRegion(${parameter}: DecayEvent) -> i32 {\n${bodyText}\n}`);
    out.push('fn selectTrial(ev: DecayEvent) -> vec2<i32> {\n  return vec2<i32>(selectRegion(ev), -1);\n}');
  }
  return out.join('\n\n');
}

/** What the histogram's quantities need beyond the ECAL acceptance. */
export function histogramNeeds(selection: Selection): { forward: boolean; koto: boolean } {
  const names = selection.histogram ? [selection.histogram.x, selection.histogram.y] : [];
  const koto = names.some((name) => QUANTITIES[name].requires === 'koto');
  return { koto, forward: koto || names.some((name) => QUANTITIES[name].requires === 'forward') };
}

/** Whether the cuts or the regions (not the histogram) need the KOTO reconstruction. */
export function usesKoto(selection: Selection): boolean {
  const names = [...selection.cuts.map((cut) => cut.quantity), ...selection.regions.flatMap((region) => [region.x, region.y])];
  return names.some((name) => QUANTITIES[name]?.requires === 'koto');
}
