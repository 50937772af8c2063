/**
 * Builds the kernel's WGSL: injected constants, generated struct declarations, the shader files
 * (one concern each), and the code generated from the scenario's selection. The result is a pure
 * function of its inputs and is used as the pipeline's cache key and label.
 */
import { RunParamsLayout, TallyCellLayout, WidthEntryLayout } from './layouts.ts';
import { compileSelectionToWgsl } from './selection/compile-wgsl.ts';
import { histogramCellCount, regionNames, type Selection } from './selection/types.ts';
import { wgslStructDeclaration } from './struct-layout.ts';
import { wgslConstantBlock } from './wgsl-constants.ts';

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

export function assembleKernelWgsl(sources: ShaderSources, selection: Selection, workgroupSize: number): string {
  const parts = [
    '// alpenglow Monte Carlo kernel (assembled by src/engine/shader-assembly.ts)',
    wgslConstantBlock({ workgroupSize, regionCount: regionNames(selection).length, histogramCellCount: histogramCellCount(selection) }),
    wgslStructDeclaration(RunParamsLayout),
    wgslStructDeclaration(WidthEntryLayout),
    wgslStructDeclaration(TallyCellLayout),
  ];
  for (const file of KERNEL_SHADER_FILES) {
    const text = sources[file];
    if (text === undefined) throw new Error(`shader source '${file}' is missing (looked in shaders/)`);
    parts.push(`// ---- shaders/${file} ----\n${text}`);
  }
  parts.push(compileSelectionToWgsl(selection));
  return parts.join('\n\n');
}
