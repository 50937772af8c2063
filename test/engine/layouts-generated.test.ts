/**
 * What host and kernel share beyond plain structs, each defined once in TypeScript (issue 12):
 * the bindings (src/engine/bindings.ts), the production buffer (src/engine/production-buffer.ts),
 * the tally buffer (src/engine/tally-layout.ts) and the sample record (src/engine/layouts.ts).
 * The generated WGSL and the packed bytes are pinned here; a GPU round trip then checks that the
 * generated WGSL reads what the host packed and writes what the host reads back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kernelBindGroupEntries, kernelBindGroupLayoutEntries, KERNEL_BINDINGS, wgslBindingDeclarations } from '../../src/engine/bindings.ts';
import type { AcquiredDevice } from '../../src/engine/device.ts';
import { packProductionBuffer } from '../../src/engine/gpu-engine.ts';
import { RunParamsLayout, SAMPLE_FLAGS, SampleRecordLayout, TallyCellLayout, WidthEntryLayout } from '../../src/engine/layouts.ts';
import { packWords, ProductionBufferLayout, wgslWordAccessors, wordOffsets } from '../../src/engine/production-buffer.ts';
import { cumulativeBounds, samplingEdges } from '../../src/engine/production-sampling.ts';
import { assembleKernelWgsl, KERNEL_SHADER_FILES, wgslHostInterface } from '../../src/engine/shader-assembly.ts';
import { packStructArray, packUniform, wgslStructDeclaration, type StructValues } from '../../src/engine/struct-layout.ts';
import { accumulateTallyChunk, tallyCellIndex, tallyGeometry, wgslTallyIndexing } from '../../src/engine/tally-layout.ts';
import { BATCH_SIZE, wgslConstantBlock } from '../../src/engine/wgsl-constants.ts';
import type { ProductionTable } from '../../src/physics/production-table.ts';
import { nodeShaderSources } from '../../src/node/shader-files.ts';
import { testDevice } from '../helpers/gpu.ts';
import { KOTO_LIKE_SELECTION } from '../helpers/jobs.ts';

/** 2 energy bins (linear) × 2 angle bins (log), one empty bin inside and one after the last filled. */
const TINY_TABLE: ProductionTable = {
  massGeV: 0.1,
  mode: 'test',
  energyEdgesGeV: [1, 2, 4],
  thetaEdgesRad: [0.001, 0.01, 0.1],
  energyAxisLog: false,
  thetaAxisLog: true,
  binContent: [1, 0, 3, 0],
  referenceCoupling: 'test',
};

describe('bindings: one table → WGSL declarations, bind group layout, bind group', () => {
  it('pins the generated WGSL declarations', () => {
    expect(wgslBindingDeclarations()).toBe(
      [
        '// per-dispatch parameters (RunParams)',
        '@group(0) @binding(0) var<uniform> run: RunParams;',
        '// production table of this mass (ProductionBufferLayout, src/engine/production-buffer.ts)',
        '@group(0) @binding(1) var<storage, read> production: array<u32>;',
        '// the width grid',
        '@group(0) @binding(2) var<storage, read> widths: array<WidthEntry>;',
        '// per-(batch, width, cell) partial sums (src/engine/tally-layout.ts)',
        '@group(0) @binding(3) var<storage, read_write> tally: array<TallyCell>;',
      ].join('\n'),
    );
  });

  it('pins the bind group layout entries (buffer types and minimum sizes from the struct layouts)', () => {
    expect(kernelBindGroupLayoutEntries()).toEqual([
      { binding: 0, visibility: 4, buffer: { type: 'uniform', minBindingSize: 112 } },
      { binding: 1, visibility: 4, buffer: { type: 'read-only-storage', minBindingSize: 4 } },
      { binding: 2, visibility: 4, buffer: { type: 'read-only-storage', minBindingSize: 4 } },
      { binding: 3, visibility: 4, buffer: { type: 'storage', minBindingSize: 12 } },
    ]);
  });

  it('binds buffers by name at their binding numbers', () => {
    const buffers = { run: 'R', production: 'P', widths: 'W', tally: 'T', readback: 'X' } as unknown as Record<string, GPUBuffer>;
    expect(kernelBindGroupEntries(buffers as never)).toEqual([
      { binding: 0, resource: { buffer: 'R' } },
      { binding: 1, resource: { buffer: 'P' } },
      { binding: 2, resource: { buffer: 'W' } },
      { binding: 3, resource: { buffer: 'T' } },
    ]);
    expect(new Set(KERNEL_BINDINGS.map((entry) => entry.binding)).size).toBe(KERNEL_BINDINGS.length);
  });
});

describe('production buffer: one layout → WGSL accessors and packProductionBuffer', () => {
  it('pins the generated WGSL accessors', () => {
    expect(wgslWordAccessors(ProductionBufferLayout)).toBe(
      [
        '// production: u32 words in sections (generated from src/engine/production-buffer.ts).',
        '// bounds: run.energyBinCount * run.thetaBinCount words, u32; cumulative bin bounds scaled to 2^32, bin iE * thetaBinCount + iTheta',
        'fn productionBound(index: u32) -> u32 {',
        '  return production[index];',
        '}',
        '// energyEdges: run.energyBinCount + 1u words, f32; energy edges in the sampled variable (ln E on a log axis), GeV',
        'fn productionEnergyEdge(index: u32) -> f32 {',
        '  return bitcast<f32>(production[run.energyBinCount * run.thetaBinCount + index]);',
        '}',
        '// thetaEdges: run.thetaBinCount + 1u words, f32; angle edges in the sampled variable (ln theta on a log axis), rad',
        'fn productionThetaEdge(index: u32) -> f32 {',
        '  return bitcast<f32>(production[run.energyBinCount * run.thetaBinCount + run.energyBinCount + 1u + index]);',
        '}',
      ].join('\n'),
    );
  });

  it('computes the host offsets from the same sections', () => {
    expect(wordOffsets(ProductionBufferLayout, { energyBinCount: 2, thetaBinCount: 3 })).toEqual({
      offsets: { bounds: 0, energyEdges: 6, thetaEdges: 9 },
      words: 13,
    });
  });

  it('packs a tiny table into exactly the expected words', () => {
    const { words, searchLength, dimensions } = packProductionBuffer(TINY_TABLE);
    expect(dimensions).toEqual({ energyBinCount: 2, thetaBinCount: 2 });
    expect(searchLength).toBe(3);
    expect(Array.from(words, (word) => `0x${word.toString(16).padStart(8, '0')}`)).toEqual([
      // bounds: ⌊2³² · 1/4⌋, same (empty bin), then 2³² − 1 from the last non-empty bin on
      '0x40000000',
      '0x40000000',
      '0xffffffff',
      '0xffffffff',
      // energy edges 1, 2, 4 GeV as f32
      '0x3f800000',
      '0x40000000',
      '0x40800000',
      // ln θ edges: f32(ln 0.001), f32(ln 0.01), f32(ln 0.1)
      '0xc0dd0c55',
      '0xc0935d8e',
      '0xc0135d8e',
    ]);
  });

  it('refuses missing sections, wrong lengths and non-u32 words', () => {
    const dimensions = { energyBinCount: 1, thetaBinCount: 1 };
    expect(() => packWords(ProductionBufferLayout, dimensions, { bounds: [1], energyEdges: [0, 1] })).toThrow(/no data for section 'thetaEdges'/);
    expect(() => packWords(ProductionBufferLayout, dimensions, { bounds: [1, 2], energyEdges: [0, 1], thetaEdges: [0, 1] })).toThrow(
      /production\.bounds: expected 1 words, got 2/,
    );
    expect(() => packWords(ProductionBufferLayout, dimensions, { bounds: [-1], energyEdges: [0, 1], thetaEdges: [0, 1] })).toThrow(
      /production\.bounds\[0\]: -1 is not a u32/,
    );
  });
});

describe('tally buffer: one layout → WGSL indexing and host read-back', () => {
  it('pins the generated WGSL indexing', () => {
    expect(wgslTallyIndexing()).toBe(
      [
        '// tally: per (batch in chunk, width) the sections below, in order (generated from src/engine/tally-layout.ts).',
        'const TALLY_REGION_OFFSET = 0u; // one cell per signal region, written once at the end of the batch',
        'const TALLY_HISTOGRAM_OFFSET = REGION_COUNT; // one cell per histogram cell, cleared and updated in place',
        'const TALLY_CELLS_PER_WIDTH = REGION_COUNT + HISTOGRAM_CELL_COUNT;',
        'fn tallyBase(batchInChunk: u32, widthIndex: u32) -> u32 {',
        '  return (batchInChunk * run.widthCount + widthIndex) * TALLY_CELLS_PER_WIDTH;',
        '}',
        'fn tallyCell(sums: vec3<f32>) -> TallyCell {',
        '  return TallyCell(sums.x, sums.y, sums.z);',
        '}',
        'fn tallySums(stored: TallyCell) -> vec3<f32> {',
        '  return vec3<f32>(stored.log2Scale, stored.sumWeight, stored.sumWeightSquared);',
        '}',
      ].join('\n'),
    );
  });

  it('gives the host sizes and cell indices', () => {
    const geometry = tallyGeometry(3, { regionCount: 2, histogramCellCount: 4 });
    expect(geometry).toEqual({ widthCount: 3, cellsPerWidth: 6, cellsPerBatch: 18, bytesPerBatch: 216, sectionOffset: { region: 0, histogram: 2 } });
    expect(tallyCellIndex(geometry, 0, 'region', 1)).toBe(1);
    expect(tallyCellIndex(geometry, 2, 'histogram', 3)).toBe(17);
  });

  it('reads back packed cells field by field, batch by batch', () => {
    const geometry = tallyGeometry(2, { regionCount: 1, histogramCellCount: 0 });
    const cells: StructValues[] = [
      { log2Scale: -1, sumWeight: 2, sumWeightSquared: 3 },
      { log2Scale: 4, sumWeight: 5, sumWeightSquared: 6 },
      { log2Scale: 7, sumWeight: 8, sumWeightSquared: 9 },
      { log2Scale: 10, sumWeight: 11, sumWeightSquared: 12 },
    ];
    const seen: number[][] = [];
    accumulateTallyChunk(geometry, packStructArray(TallyCellLayout, cells), 2, { addPartial: (...values) => seen.push(values) });
    // The power-of-two scale reaches the sink as a natural logarithm.
    expect(seen).toEqual([
      [0, -Math.LN2, 2, 3],
      [1, 4 * Math.LN2, 5, 6],
      [0, 7 * Math.LN2, 8, 9],
      [1, 10 * Math.LN2, 11, 12],
    ]);
  });
});

describe('sample record and the assembled kernel', () => {
  it('pins the SampleRecord layout, its flags, and its share of workgroup memory', () => {
    expect(SampleRecordLayout.offsets).toEqual({ directionAndInverseBetaGamma: 0, slopes: 16, energiesAndDraw: 32 });
    expect(SampleRecordLayout.sizeBytes).toBe(48);
    // WebGPU guarantees 16 KiB of workgroup memory (maxComputeWorkgroupStorageSize).
    expect(BATCH_SIZE * SampleRecordLayout.sizeBytes).toBeLessThanOrEqual(16384);
    expect(SAMPLE_FLAGS).toEqual({ SAMPLE_VALID: 1, PRODUCT0_FORWARD: 2, PRODUCT1_FORWARD: 4 });
    expect(wgslHostInterface()).toContain(
      ['const SAMPLE_VALID: u32 = 1u;', 'const PRODUCT0_FORWARD: u32 = 2u;', 'const PRODUCT1_FORWARD: u32 = 4u;'].join('\n'),
    );
  });

  it('injects every generated declaration once, and the shader files declare none of them by hand', () => {
    const sources = nodeShaderSources();
    const wgsl = assembleKernelWgsl(sources, KOTO_LIKE_SELECTION, 64);
    const generated = [
      ...[RunParamsLayout, WidthEntryLayout, TallyCellLayout, SampleRecordLayout].map(wgslStructDeclaration),
      wgslBindingDeclarations(),
      wgslWordAccessors(ProductionBufferLayout),
      wgslTallyIndexing(),
    ];
    for (const text of generated) expect(wgsl.split(text).length - 1).toBe(1);
    const shaderDir = new URL('../../shaders/', import.meta.url);
    expect(
      readdirSync(shaderDir)
        .filter((file) => file.endsWith('.wgsl'))
        .sort(),
    ).toEqual([...KERNEL_SHADER_FILES].sort());
    for (const file of KERNEL_SHADER_FILES) {
      const text = readFileSync(new URL(file, shaderDir), 'utf8');
      expect(text, file).not.toMatch(/@binding|@group/);
      expect(text, file).not.toMatch(/struct (RunParams|WidthEntry|TallyCell|SampleRecord)\b/);
      expect(text, file).not.toMatch(/const (SAMPLE_VALID|PRODUCT[01]_FORWARD|TALLY_\w+)\b/);
      // The buffers are indexed only through the generated accessors and tallyBase.
      expect(text, file).not.toMatch(/production\[|TallyCell\(|\* TALLY_CELLS_PER_WIDTH/);
    }
  });
});

describe('GPU round trip: the generated WGSL reads what the host packs and writes what it reads back', () => {
  let acquired: AcquiredDevice;
  beforeAll(async () => {
    acquired = await testDevice();
  });

  const REGIONS = 2;
  const HISTOGRAM_CELLS = 3;
  const WIDTHS = [0.5, 1.5, 2.5];

  async function dispatch(
    main: string,
    run: StructValues,
    production: Uint32Array<ArrayBuffer>,
    tallyBytes: number,
    workgroups: [number, number],
  ): Promise<ArrayBuffer> {
    const { device } = acquired;
    const code = [wgslConstantBlock({ workgroupSize: 1, regionCount: REGIONS, histogramCellCount: HISTOGRAM_CELLS }), wgslHostInterface(), main].join('\n\n');
    device.pushErrorScope('validation');
    const module = device.createShaderModule({ code });
    const errors = (await module.getCompilationInfo()).messages.filter((message) => message.type === 'error');
    if (errors.length) throw new Error(errors.map((message) => `${message.lineNum}: ${message.message}`).join('\n'));
    const layout = device.createBindGroupLayout({ entries: kernelBindGroupLayoutEntries() });
    const pipeline = device.createComputePipeline({
      layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module, entryPoint: 'main' },
    });
    const make = (size: number, usage: number) => device.createBuffer({ size: Math.max(16, Math.ceil(size / 16) * 16), usage });
    const buffers = {
      run: make(RunParamsLayout.uniformSizeBytes, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST),
      production: make(production.byteLength, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST),
      widths: make(WIDTHS.length * WidthEntryLayout.sizeBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST),
      tally: make(tallyBytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC),
      readback: make(tallyBytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST),
    };
    device.queue.writeBuffer(buffers.run, 0, packUniform(RunParamsLayout, run));
    device.queue.writeBuffer(buffers.production, 0, production);
    device.queue.writeBuffer(
      buffers.widths,
      0,
      packStructArray(
        WidthEntryLayout,
        WIDTHS.map((value) => ({ widthOverHbarCPerM: value })),
      ),
    );
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, device.createBindGroup({ layout, entries: kernelBindGroupEntries(buffers) }));
    pass.dispatchWorkgroups(...workgroups);
    pass.end();
    encoder.copyBufferToBuffer(buffers.tally, 0, buffers.readback, 0, buffers.tally.size);
    device.queue.submit([encoder.finish()]);
    await buffers.readback.mapAsync(GPUMapMode.READ);
    const bytes = buffers.readback.getMappedRange().slice(0, tallyBytes);
    buffers.readback.unmap();
    const error = await device.popErrorScope();
    if (error) throw new Error(error.message);
    for (const buffer of Object.values(buffers)) buffer.destroy();
    return bytes;
  }

  function runParams(overrides: StructValues): StructValues {
    const zero = Object.fromEntries(
      RunParamsLayout.fields.map((field) => [field.name, field.type.startsWith('vec4') ? [0, 0, 0, 0] : field.type.startsWith('vec2') ? [0, 0] : 0]),
    );
    return { ...zero, ...overrides };
  }

  it('production: every section word comes back through its generated accessor', async () => {
    const { words, dimensions } = packProductionBuffer(TINY_TABLE);
    const main = `
@compute @workgroup_size(1)
fn main() {
  var k = 0u;
  for (var i = 0u; i < run.energyBinCount * run.thetaBinCount; i = i + 1u) {
    let bound = productionBound(i);
    tally[k] = tallyCell(vec3<f32>(f32(bound >> 16u), f32(bound & 0xffffu), 0.0));
    k = k + 1u;
  }
  for (var i = 0u; i <= run.energyBinCount; i = i + 1u) {
    tally[k] = tallyCell(vec3<f32>(productionEnergyEdge(i), 0.0, 1.0));
    k = k + 1u;
  }
  for (var i = 0u; i <= run.thetaBinCount; i = i + 1u) {
    tally[k] = tallyCell(vec3<f32>(productionThetaEdge(i), 0.0, 2.0));
    k = k + 1u;
  }
}`;
    const cellCount = words.length;
    const bytes = await dispatch(main, runParams({ ...dimensions, widthCount: WIDTHS.length }), words, cellCount * TallyCellLayout.sizeBytes, [1, 1]);
    const cells = new Float32Array(bytes);
    const read = (k: number) => [cells[3 * k], cells[3 * k + 1], cells[3 * k + 2]];
    const { bounds } = cumulativeBounds(TINY_TABLE);
    const expected = [
      ...Array.from(bounds, (bound) => [Math.floor(bound / 65536), bound % 65536, 0]),
      ...Array.from(samplingEdges(TINY_TABLE.energyEdgesGeV, false), (edge) => [Math.fround(edge), 0, 1]),
      ...Array.from(samplingEdges(TINY_TABLE.thetaEdgesRad, true), (edge) => [Math.fround(edge), 0, 2]),
    ];
    expect(Array.from({ length: cellCount }, (_, k) => read(k))).toEqual(expected);
  });

  it('tally: cells written at tallyBase + section offset arrive at tallyCellIndex with their fields', async () => {
    const batches = 2;
    const geometry = tallyGeometry(WIDTHS.length, { regionCount: REGIONS, histogramCellCount: HISTOGRAM_CELLS });
    // Workgroup (batch, width) tags its cells with (batch, the width entry it read, section/index code).
    const main = `
@compute @workgroup_size(1)
fn main(@builtin(workgroup_id) group: vec3<u32>) {
  let base = tallyBase(group.x, group.y);
  let width = widths[group.y].widthOverHbarCPerM;
  for (var r = 0u; r < REGION_COUNT; r = r + 1u) {
    tally[base + TALLY_REGION_OFFSET + r] = tallyCell(vec3<f32>(f32(group.x), width, f32(r)));
  }
  for (var c = 0u; c < HISTOGRAM_CELL_COUNT; c = c + 1u) {
    tally[base + TALLY_HISTOGRAM_OFFSET + c] = tallyCell(vec3<f32>(f32(group.x), width, 100.0 + f32(c)));
  }
}`;
    const bytes = await dispatch(main, runParams({ widthCount: WIDTHS.length }), new Uint32Array(4), batches * geometry.bytesPerBatch, [
      batches,
      WIDTHS.length,
    ]);
    const seen: number[][] = [];
    accumulateTallyChunk(geometry, bytes, batches, { addPartial: (...values) => seen.push(values) });
    const expected: number[][] = [];
    for (let b = 0; b < batches; b++) {
      const batch: number[][] = [];
      WIDTHS.forEach((width, w) => {
        // The first field (the cell's power-of-two scale) reaches the sink as a natural logarithm.
        for (let r = 0; r < REGIONS; r++) batch[tallyCellIndex(geometry, w, 'region', r)] = [tallyCellIndex(geometry, w, 'region', r), b * Math.LN2, width, r];
        for (let c = 0; c < HISTOGRAM_CELLS; c++)
          batch[tallyCellIndex(geometry, w, 'histogram', c)] = [tallyCellIndex(geometry, w, 'histogram', c), b * Math.LN2, width, 100 + c];
      });
      expected.push(...batch);
    }
    expect(seen).toEqual(expected);
  });
});
