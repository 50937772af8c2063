/**
 * Selection → WGSL. Emits `fn selectRegion(ev: DecayEvent) -> i32` (region index, or −1 when the
 * trial fails) plus one inside-test function per area. Thresholds become f32 literals; the
 * generated text is deterministic, so it doubles as the pipeline cache key.
 */
import { f32Literal } from '../wgsl-literals.ts';
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
      return `(${point}.x > ${f32Literal(shape.xMin, `${what}.xMin`)} && ${point}.x < ${f32Literal(shape.xMax, `${what}.xMax`)} && ` +
        `${point}.y > ${f32Literal(shape.yMin, `${what}.yMin`)} && ${point}.y < ${f32Literal(shape.yMax, `${what}.yMax`)})`;
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
  const shapes: Array<[Shape, string]> = [[area.include, `${what}.include`], ...(area.exclude ?? []).map((shape, index): [Shape, string] => [shape, `${what}.exclude[${index}]`])];
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

function eventExpression(name: string, selection: Selection): string {
  const quantity = QUANTITIES[name] as EventQuantity;
  if (quantity.wgsl === 'KOTO_ZVTX') {
    return `(run.ecalZM - reco.distanceM - ${f32Literal(selection.reconstruction!.zVertexOriginM, 'reconstruction.zVertexOriginM')})`;
  }
  return quantity.wgsl;
}

/** The generated WGSL for a selection (it reads `run.ecalZM` from the kernel's uniform). */
export function compileSelectionToWgsl(selection: Selection): string {
  validateSelection(selection);
  const out: string[] = ['// ---- generated from the scenario selection (src/engine/selection/compile-wgsl.ts) ----'];
  const areas: Array<[string, Area, string]> = [];
  if (selection.acceptance) areas.push(['insideAcceptance', selection.acceptance.area, 'acceptance.area']);
  selection.regions.forEach((region, index) => areas.push([`insideRegion${index}`, region.area, `regions[${index}].area`]));
  for (const [name, area, what] of areas) out.push(...areaFunctions(name, area, what));

  const body: string[] = [];
  const acceptance = selection.acceptance;
  if (acceptance) {
    body.push('let accepted0 = ev.forward0 && insideAcceptance(ev.hit0);');
    body.push('let accepted1 = ev.forward1 && insideAcceptance(ev.hit1);');
    body.push(acceptance.productsRequired === 2
      ? 'if (!(accepted0 && accepted1)) { return -1; }'
      : 'if (!(accepted0 || accepted1)) { return -1; }');
  } else {
    body.push('let accepted0 = true;', 'let accepted1 = true;');
  }

  const needsKoto = usesKoto(selection);
  const productCuts = selection.cuts.filter((cut) => QUANTITIES[cut.quantity].scope === 'product');
  const eventCuts = selection.cuts.filter((cut) => QUANTITIES[cut.quantity].scope === 'event');
  const eventNeedsForward = eventCuts.some((cut) => QUANTITIES[cut.quantity].requires !== 'none') ||
    selection.regions.some((region) => [region.x, region.y].some((q) => QUANTITIES[q].requires !== 'none')) || needsKoto;
  if (eventNeedsForward) body.push('if (!(ev.forward0 && ev.forward1)) { return -1; }');

  for (const cut of productCuts) {
    const quantity = QUANTITIES[cut.quantity];
    if (quantity.scope !== 'product') continue;
    const what = `cuts[${selection.cuts.indexOf(cut)}]`;
    for (const index of [0, 1] as const) {
      const guard = quantity.requires === 'forward' ? `ev.forward${index} && ` : '';
      body.push(`if (accepted${index} && !(${guard}${intervalTest(quantity.wgsl(index), cut, what)})) { return -1; }`);
    }
  }
  // Cheap cuts first: the reconstruction (square roots, acos, atan2) runs only for trials that
  // survive every cut that does not need it. compile-ts.ts keeps the same order.
  const eventCut = (cut: Cut) => `if (!(${intervalTest(eventExpression(cut.quantity, selection), cut, `cuts[${selection.cuts.indexOf(cut)}]`)})) { return -1; }`;
  for (const cut of eventCuts.filter((c) => QUANTITIES[c.quantity].requires !== 'koto')) body.push(eventCut(cut));
  if (needsKoto) body.push('let reco = kotoReconstruct(ev);', 'if (!reco.valid) { return -1; }');
  for (const cut of eventCuts.filter((c) => QUANTITIES[c.quantity].requires === 'koto')) body.push(eventCut(cut));
  if (selection.regions.length === 0) {
    body.push('return 0;');
  } else {
    selection.regions.forEach((region, index) => {
      body.push(`if (insideRegion${index}(vec2<f32>(${eventExpression(region.x, selection)}, ${eventExpression(region.y, selection)}))) { return ${index}; }`);
    });
    body.push('return -1;');
  }
  out.push(`fn selectRegion(ev: DecayEvent) -> i32 {\n${body.map((line) => `  ${line}`).join('\n')}\n}`);
  return out.join('\n\n');
}

export function usesKoto(selection: Selection): boolean {
  const names = [...selection.cuts.map((cut) => cut.quantity), ...selection.regions.flatMap((region) => [region.x, region.y])];
  return names.some((name) => QUANTITIES[name]?.requires === 'koto');
}
