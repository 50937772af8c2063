/**
 * The kernel's width slots, generated for a given number of widths per thread (WIDTHS_PER_THREAD).
 *
 * A thread evaluates each sample it reads from workgroup memory at `widthsPerThread` widths:
 * firstWidth + j·WORKGROUP_SIZE for slot j. Each slot has its own private width value and region
 * sums, named per slot and reached only with constant indices, and the per-sample work is written
 * out once per slot instead of as a loop over j. Mesa's llvmpipe (the software adapter) executes a
 * loop nested in the sample loop, or a private array indexed by a loop variable, several times
 * slower than the straight-line form (measured for issue 14: 31 ns per trial against 11 ns; see
 * docs/engine.md "Where the time goes"), and GPUs are indifferent to the difference.
 *
 * Each slot sums its width over the batch in sample order, as a thread with one width does, so the
 * tables are bit-identical for every widthsPerThread (test/engine/cross-check.test.ts, determinism).
 * Uses the functions clearCells, evaluateTrial and storeCells of shaders/mc-kernel.wgsl.
 */

export function wgslWidthSlots(widthsPerThread: number): string {
  if (!Number.isInteger(widthsPerThread) || widthsPerThread < 1) {
    throw new RangeError(`widthsPerThread must be a positive integer (got ${widthsPerThread})`);
  }
  const slots = Array.from({ length: widthsPerThread }, (_, j) => j);
  const widthIndex = (j: number) => `firstWidth + ${j}u * WORKGROUP_SIZE`;
  const guarded = (j: number, body: string) => `  if (${j}u < widthsHere) {\n    ${body}\n  }`;
  return [
    `// ---- width slots (src/engine/width-slots.ts), WIDTHS_PER_THREAD = ${widthsPerThread} ----`,
    ...slots.map(
      (j) => `var<private> slotWidthOverHbarC${j}: f32;\nvar<private> slotHbarCOverWidth${j}: f32;\nvar<private> slotSums${j}: array<vec3<f32>, REGION_COUNT>;`,
    ),
    '',
    'fn loadWidthSlots(batchInChunk: u32, firstWidth: u32, widthsHere: u32) {',
    ...slots.map((j) =>
      guarded(
        j,
        `slotWidthOverHbarC${j} = widths[${widthIndex(j)}].widthOverHbarCPerM;\n    slotHbarCOverWidth${j} = 1.0 / slotWidthOverHbarC${j};\n    clearCells(&slotSums${j}, tallyBase(batchInChunk, ${widthIndex(j)}));`,
      ),
    ),
    '}',
    '',
    'fn evaluateWidthSlots(sample: SampleInFlight, event: ptr<function, DecayEvent>, batchInChunk: u32, firstWidth: u32, widthsHere: u32) {',
    ...slots.map(
      (j) =>
        `  evaluateTrial(sample, event, slotWidthOverHbarC${j}, slotHbarCOverWidth${j}, ${j}u < widthsHere, &slotSums${j}, tallyBase(batchInChunk, ${widthIndex(j)}));`,
    ),
    '}',
    '',
    'fn storeWidthSlots(batchInChunk: u32, firstWidth: u32, widthsHere: u32) {',
    ...slots.map((j) => guarded(j, `storeCells(&slotSums${j}, tallyBase(batchInChunk, ${widthIndex(j)}));`)),
    '}',
  ].join('\n');
}
