/**
 * The kernel's bind group, defined once. From this one table come
 *  - the WGSL declarations (`@group(0) @binding(n) var<…> name: type;`, src/engine/shader-assembly.ts),
 *  - the GPUBindGroupLayout entries of the pipeline (explicit, not 'auto': a WGSL declaration that
 *    disagrees with the host's buffer type or minimum size fails pipeline creation),
 *  - the bind group entries, by name (src/engine/gpu-engine.ts).
 * Pinned in test/engine/layouts-generated.test.ts.
 */
import { RunParamsLayout, TallyCellLayout, WidthEntryLayout } from './layouts.ts';
import type { StructLayout } from './struct-layout.ts';

/** WebGPU's buffer binding types; each maps to one WGSL address space and access mode. */
export type BufferBindingKind = 'uniform' | 'read-only-storage' | 'storage';

const WGSL_ADDRESS_SPACE: Record<BufferBindingKind, string> = {
  uniform: 'var<uniform>',
  'read-only-storage': 'var<storage, read>',
  storage: 'var<storage, read_write>',
};

/** GPUShaderStage.COMPUTE (WebGPU spec); a literal so this module loads without WebGPU globals. */
const COMPUTE_STAGE = 0x4;

export interface BindingDefinition {
  binding: number;
  /** The WGSL variable name. */
  name: string;
  kind: BufferBindingKind;
  /** A struct (uniform: the struct itself; storage: a runtime-sized array of it), or array<u32>. */
  element: StructLayout | 'u32';
  doc: string;
}

export const KERNEL_BIND_GROUP = 0;

export const KERNEL_BINDINGS = [
  { binding: 0, name: 'run', kind: 'uniform', element: RunParamsLayout, doc: 'per-dispatch parameters (RunParams)' },
  {
    binding: 1,
    name: 'production',
    kind: 'read-only-storage',
    element: 'u32',
    doc: 'production table of this mass (ProductionBufferLayout, src/engine/production-buffer.ts)',
  },
  { binding: 2, name: 'widths', kind: 'read-only-storage', element: WidthEntryLayout, doc: 'the width grid' },
  { binding: 3, name: 'tally', kind: 'storage', element: TallyCellLayout, doc: 'per-(batch, width, cell) partial sums (src/engine/tally-layout.ts)' },
] as const satisfies readonly BindingDefinition[];

export type KernelBindingName = (typeof KERNEL_BINDINGS)[number]['name'];

function bindingByName(name: KernelBindingName): BindingDefinition {
  return KERNEL_BINDINGS.find((entry) => entry.name === name)!;
}

/** The WGSL variable name of a binding (generated code refers to `run.…` through this). */
export function bindingVariable(name: KernelBindingName): string {
  return bindingByName(name).name;
}

function wgslType(definition: BindingDefinition): string {
  const element = definition.element === 'u32' ? 'u32' : definition.element.name;
  return definition.kind === 'uniform' ? element : `array<${element}>`;
}

/** Bytes the binding must at least cover: the uniform struct, or one array element. */
function minBindingSize(definition: BindingDefinition): number {
  if (definition.element === 'u32') return 4;
  return definition.kind === 'uniform' ? definition.element.uniformSizeBytes : definition.element.sizeBytes;
}

export function wgslBindingDeclarations(): string {
  return KERNEL_BINDINGS.map(
    (definition) =>
      `// ${definition.doc}\n@group(${KERNEL_BIND_GROUP}) @binding(${definition.binding}) ${WGSL_ADDRESS_SPACE[definition.kind]} ${definition.name}: ${wgslType(definition)};`,
  ).join('\n');
}

export function kernelBindGroupLayoutEntries(): GPUBindGroupLayoutEntry[] {
  return KERNEL_BINDINGS.map((definition) => ({
    binding: definition.binding,
    visibility: COMPUTE_STAGE,
    buffer: { type: definition.kind, minBindingSize: minBindingSize(definition) },
  }));
}

export function kernelBindGroupEntries(buffers: Readonly<Record<KernelBindingName, GPUBuffer>>): GPUBindGroupEntry[] {
  return KERNEL_BINDINGS.map((definition) => ({ binding: definition.binding, resource: { buffer: buffers[definition.name] } }));
}
