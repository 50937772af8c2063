/**
 * Host/shader struct layouts defined once, in TypeScript (the TypeGPU habit, see ../shared/docs/style.md).
 *
 * A struct is a list of scalar or vector fields. From that one definition we derive
 *  - the WGSL declaration (`struct RunParams { … }`),
 *  - the byte offset of every field under WGSL's alignment rules (WGSL spec §"Alignment and Size":
 *    f32/u32/i32 align 4, vec2 align 8, vec3/vec4 align 16; struct size rounded up to its largest
 *    alignment; uniform-buffer structs also rounded up to 16),
 *  - a packer that writes a value object into an ArrayBuffer.
 * Tests (test/engine/struct-layout.test.ts) pin the exact bytes, so host and shader cannot drift.
 */

export type ScalarType = 'f32' | 'u32' | 'i32';
export type FieldType = ScalarType | 'vec2<f32>' | 'vec4<f32>' | 'vec2<u32>' | 'vec4<u32>';

export interface FieldDefinition {
  name: string;
  type: FieldType;
  /** What the field means, with units. Emitted as a WGSL comment. */
  doc: string;
}

export interface StructLayout {
  name: string;
  fields: readonly FieldDefinition[];
  /** Byte offset of each field, by name. */
  offsets: Readonly<Record<string, number>>;
  /** Size in bytes as WGSL computes it (storage-buffer element stride). */
  sizeBytes: number;
  /** Size rounded up to 16 bytes, as a uniform buffer binding needs. */
  uniformSizeBytes: number;
}

const FIELD_INFO: Record<FieldType, { align: number; size: number; components: number; scalar: ScalarType }> = {
  f32: { align: 4, size: 4, components: 1, scalar: 'f32' },
  u32: { align: 4, size: 4, components: 1, scalar: 'u32' },
  i32: { align: 4, size: 4, components: 1, scalar: 'i32' },
  'vec2<f32>': { align: 8, size: 8, components: 2, scalar: 'f32' },
  'vec4<f32>': { align: 16, size: 16, components: 4, scalar: 'f32' },
  'vec2<u32>': { align: 8, size: 8, components: 2, scalar: 'u32' },
  'vec4<u32>': { align: 16, size: 16, components: 4, scalar: 'u32' },
};

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

export function defineStruct(name: string, fields: readonly FieldDefinition[]): StructLayout {
  const offsets: Record<string, number> = {};
  let offset = 0;
  let maxAlign = 4;
  for (const field of fields) {
    if (field.name in offsets) throw new Error(`struct ${name}: duplicate field '${field.name}'`);
    const info = FIELD_INFO[field.type];
    offset = roundUp(offset, info.align);
    offsets[field.name] = offset;
    offset += info.size;
    maxAlign = Math.max(maxAlign, info.align);
  }
  const sizeBytes = roundUp(offset, maxAlign);
  return { name, fields, offsets, sizeBytes, uniformSizeBytes: roundUp(sizeBytes, 16) };
}

/** The WGSL declaration of a struct layout. */
export function wgslStructDeclaration(layout: StructLayout): string {
  const lines = layout.fields.map((field) => `  ${field.name}: ${field.type}, // ${field.doc}`);
  return `struct ${layout.name} {\n${lines.join('\n')}\n}`;
}

export type StructValues = Record<string, number | readonly number[]>;

/**
 * Writes `values` into `view` at `baseOffset` following the layout. Every field must be given
 * (a missing field is a host bug, not a default); u32 fields must be integers in [0, 2³²).
 */
export function packStruct(layout: StructLayout, values: StructValues, view: DataView, baseOffset = 0): void {
  for (const field of layout.fields) {
    const value = values[field.name];
    if (value === undefined) throw new Error(`struct ${layout.name}: no value for field '${field.name}'`);
    const info = FIELD_INFO[field.type];
    const components = typeof value === 'number' ? [value] : value;
    if (components.length !== info.components) {
      throw new Error(`struct ${layout.name}.${field.name}: expected ${info.components} component(s), got ${components.length}`);
    }
    for (let c = 0; c < info.components; c++) {
      const at = baseOffset + layout.offsets[field.name] + 4 * c;
      const component = components[c];
      if (info.scalar === 'f32') view.setFloat32(at, component, true);
      else if (info.scalar === 'u32') {
        if (!Number.isInteger(component) || component < 0 || component > 0xffffffff) {
          throw new Error(`struct ${layout.name}.${field.name}: ${component} is not a u32`);
        }
        view.setUint32(at, component, true);
      } else {
        if (!Number.isInteger(component) || component < -0x80000000 || component > 0x7fffffff) {
          throw new Error(`struct ${layout.name}.${field.name}: ${component} is not an i32`);
        }
        view.setInt32(at, component, true);
      }
    }
  }
}

/** Packs one struct into a fresh buffer of its uniform size. */
export function packUniform(layout: StructLayout, values: StructValues): ArrayBuffer {
  const buffer = new ArrayBuffer(layout.uniformSizeBytes);
  packStruct(layout, values, new DataView(buffer));
  return buffer;
}

/** Packs an array of structs (storage-buffer layout: stride = sizeBytes). */
export function packStructArray(layout: StructLayout, items: readonly StructValues[]): ArrayBuffer {
  const buffer = new ArrayBuffer(Math.max(layout.sizeBytes * items.length, layout.sizeBytes));
  const view = new DataView(buffer);
  items.forEach((item, index) => packStruct(layout, item, view, index * layout.sizeBytes));
  return buffer;
}
