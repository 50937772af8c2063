/**
 * The tally buffer (binding `tally`, array<TallyCell>), defined once. Per chunk it holds, for each
 * batch of the chunk and each width, TALLY_SECTIONS in order: the signal regions, then the
 * histogram cells. From this one definition come
 *  - the WGSL constants and functions the kernel indexes it with (`tallyBase`, `TALLY_*_OFFSET`,
 *    `tallyCell` / `tallySums` between a TallyCell and the kernel's (ln M, S, S2) vec3),
 *  - the host's buffer size, read-back offsets and cell indices (tallyGeometry, accumulateTallyChunk),
 *    shared with the float64 reference engine and splitTallies so both engines index cells alike.
 * Pinned in test/engine/layouts-generated.test.ts.
 */
import { bindingVariable } from './bindings.ts';
import { TallyCellLayout } from './layouts.ts';

export interface TallyCounts {
  regionCount: number;
  histogramCellCount: number;
}

export type TallySectionName = 'region' | 'histogram';

/** Sections of cells per (batch, width), in buffer order. `constant` names the WGSL constant of the count (src/engine/wgsl-constants.ts). */
export const TALLY_SECTIONS = [
  { name: 'region', count: 'regionCount', constant: 'REGION_COUNT', doc: 'one cell per signal region, written once at the end of the batch' },
  { name: 'histogram', count: 'histogramCellCount', constant: 'HISTOGRAM_CELL_COUNT', doc: 'one cell per histogram cell, cleared and updated in place' },
] as const satisfies readonly { name: TallySectionName; count: keyof TallyCounts; constant: string; doc: string }[];

/**
 * The kernel's (ln M, S, S2) vec3 components, by TallyCell field (see "Dynamic range" in
 * shaders/mc-kernel.wgsl).
 */
export const TALLY_SUM_COMPONENTS = { log2Scale: 'x', sumWeight: 'y', sumWeightSquared: 'z' } as const;

export interface TallyGeometry {
  widthCount: number;
  /** Cells per (batch, width): all sections. */
  cellsPerWidth: number;
  /** Cells per batch: widthCount × cellsPerWidth (also the cells of one mass's float64 sums). */
  cellsPerBatch: number;
  bytesPerBatch: number;
  /** First cell of each section within a (batch, width). */
  sectionOffset: Readonly<Record<TallySectionName, number>>;
}

export function tallyGeometry(widthCount: number, counts: TallyCounts): TallyGeometry {
  const sectionOffset = {} as Record<TallySectionName, number>;
  let cellsPerWidth = 0;
  for (const section of TALLY_SECTIONS) {
    sectionOffset[section.name] = cellsPerWidth;
    cellsPerWidth += counts[section.count];
  }
  const cellsPerBatch = widthCount * cellsPerWidth;
  return { widthCount, cellsPerWidth, cellsPerBatch, bytesPerBatch: cellsPerBatch * TallyCellLayout.sizeBytes, sectionOffset };
}

/** Cell of (width, section, index) within one batch; equally the cell of one mass's float64 sums. */
export function tallyCellIndex(geometry: TallyGeometry, widthIndex: number, section: TallySectionName, index: number): number {
  return widthIndex * geometry.cellsPerWidth + geometry.sectionOffset[section] + index;
}

export interface PartialSink {
  addPartial(cell: number, logScale: number, sumWeight: number, sumWeightSquared: number): void;
}

/**
 * Adds a read-back chunk of `batches` batches to `sink`, batch by batch in buffer order (the order
 * that keeps tables independent of the chunking). The kernel's power-of-two scale becomes the
 * sink's natural-log scale here, in float64.
 */
export function accumulateTallyChunk(geometry: TallyGeometry, bytes: ArrayBuffer, batches: number, sink: PartialSink): void {
  const floats = new Float32Array(bytes, 0, (batches * geometry.bytesPerBatch) / 4);
  const stride = TallyCellLayout.sizeBytes / 4;
  const log2Scale = TallyCellLayout.offsets.log2Scale / 4;
  const sumWeight = TallyCellLayout.offsets.sumWeight / 4;
  const sumWeightSquared = TallyCellLayout.offsets.sumWeightSquared / 4;
  for (let b = 0; b < batches; b++) {
    const base = b * geometry.cellsPerBatch * stride;
    for (let cell = 0; cell < geometry.cellsPerBatch; cell++) {
      const at = base + stride * cell;
      sink.addPartial(cell, floats[at + log2Scale] * Math.LN2, floats[at + sumWeight], floats[at + sumWeightSquared]);
    }
  }
}

/** The WGSL side: section offsets, cells per width, the (batch, width) base index and the vec3 conversions. */
export function wgslTallyIndexing(): string {
  const tally = bindingVariable('tally');
  const run = bindingVariable('run');
  const cell = TallyCellLayout.name;
  const lines = [`// ${tally}: per (batch in chunk, width) the sections below, in order (generated from src/engine/tally-layout.ts).`];
  const before: string[] = [];
  for (const section of TALLY_SECTIONS) {
    lines.push(`const TALLY_${section.name.toUpperCase()}_OFFSET = ${before.length ? before.join(' + ') : '0u'}; // ${section.doc}`);
    before.push(section.constant);
  }
  const fields = TallyCellLayout.fields.map((field) => field.name as keyof typeof TALLY_SUM_COMPONENTS);
  if (fields.length !== 3 || !fields.every((field) => field in TALLY_SUM_COMPONENTS)) {
    throw new Error(`TALLY_SUM_COMPONENTS must map every ${cell} field (${fields.join(', ')}) to x, y or z`);
  }
  lines.push(
    `const TALLY_CELLS_PER_WIDTH = ${before.join(' + ')};`,
    `fn tallyBase(batchInChunk: u32, widthIndex: u32) -> u32 {`,
    `  return (batchInChunk * ${run}.widthCount + widthIndex) * TALLY_CELLS_PER_WIDTH;`,
    '}',
    `fn tallyCell(sums: vec3<f32>) -> ${cell} {`,
    `  return ${cell}(${fields.map((field) => `sums.${TALLY_SUM_COMPONENTS[field]}`).join(', ')});`,
    '}',
    `fn tallySums(stored: ${cell}) -> vec3<f32> {`,
    `  return vec3<f32>(${(['x', 'y', 'z'] as const).map((component) => `stored.${fields.find((field) => TALLY_SUM_COMPONENTS[field] === component)}`).join(', ')});`,
    '}',
  );
  return lines.join('\n');
}
