/**
 * Builds the kernel's WGSL: injected constants, what host and shader share (generated from its one
 * TypeScript definition: struct declarations, bindings, the production-buffer accessors, the tally
 * indexing), the shader files (one concern each), and the code generated from the scenario's
 * selection. The result is a pure function of its inputs and is used as the pipeline's cache key
 * and label.
 */
import { wgslBindingDeclarations } from './bindings.ts';
import { RunParamsLayout, SAMPLE_FLAGS, SampleRecordLayout, TallyCellLayout, WidthEntryLayout } from './layouts.ts';
import { ProductionBufferLayout, wgslWordAccessors } from './production-buffer.ts';
import { compileSelectionToWgsl } from './selection/compile-wgsl.ts';
import { histogramCellCount, regionNames, type Selection } from './selection/types.ts';
import { wgslStructDeclaration } from './struct-layout.ts';
import { wgslTallyIndexing } from './tally-layout.ts';
import { wgslWidthSlots } from './width-slots.ts';
import { wgslConstantBlock } from './wgsl-constants.ts';
import { u32Literal } from './wgsl-literals.ts';

/** The shader files of the Monte Carlo kernel, in the order they are concatenated. */
export const KERNEL_SHADER_FILES = [
  'philox.wgsl',
  'decay-in-volume.wgsl',
  'two-body-decay.wgsl',
  'decay-event.wgsl',
  'koto-reconstruction.wgsl',
  'mc-kernel.wgsl',
] as const;

export type ShaderSources = Readonly<Record<string, string>>;

/**
 * Everything the host and the kernel must agree on, as WGSL generated from the TypeScript
 * definitions (src/engine/layouts.ts, bindings.ts, production-buffer.ts, tally-layout.ts).
 */
export function wgslHostInterface(): string {
  return [
    wgslStructDeclaration(RunParamsLayout),
    wgslStructDeclaration(WidthEntryLayout),
    wgslStructDeclaration(TallyCellLayout),
    wgslStructDeclaration(SampleRecordLayout),
    Object.entries(SAMPLE_FLAGS)
      .map(([name, bit]) => `const ${name}: u32 = ${u32Literal(bit)};`)
      .join('\n'),
    wgslBindingDeclarations(),
    wgslWordAccessors(ProductionBufferLayout),
    wgslTallyIndexing(),
  ].join('\n\n');
}

export function assembleKernelWgsl(sources: ShaderSources, selection: Selection, workgroupSize: number, widthsPerThread = 1): string {
  const parts = [
    '// alpenglow Monte Carlo kernel (assembled by src/engine/shader-assembly.ts)',
    wgslConstantBlock({ workgroupSize, widthsPerThread, regionCount: regionNames(selection).length, histogramCellCount: histogramCellCount(selection) }),
    wgslHostInterface(),
  ];
  for (const file of KERNEL_SHADER_FILES) {
    const text = sources[file];
    if (text === undefined) throw new Error(`shader source '${file}' is missing (looked in shaders/)`);
    parts.push(`// ---- shaders/${file} ----\n${text}`);
  }
  parts.push(wgslWidthSlots(widthsPerThread));
  parts.push(compileSelectionToWgsl(selection));
  return parts.join('\n\n');
}
