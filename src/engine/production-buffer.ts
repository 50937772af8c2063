/**
 * The production buffer (binding `production`, array<u32>), defined once: a list of sections of
 * u32 words, each sized by RunParams counts. From this one definition come
 *  - the WGSL accessors the kernel reads it through (`productionBound(i)`, `productionEnergyEdge(i)`,
 *    `productionThetaEdge(i)`: the section's offset is generated, never written by hand),
 *  - the host packing (packProductionWords, used by packProductionBuffer in src/engine/gpu-engine.ts).
 * Pinned in test/engine/layouts-generated.test.ts.
 */
import { bindingVariable } from './bindings.ts';
import { RunParamsLayout } from './layouts.ts';
import { u32Literal } from './wgsl-literals.ts';

/** The RunParams fields that size the sections (the kernel reads them from the uniform). */
export type ProductionDimension = 'energyBinCount' | 'thetaBinCount';
export type ProductionDimensions = Readonly<Record<ProductionDimension, number>>;

export interface WordSection {
  name: string;
  /** Name of the generated WGSL function `fn accessor(index: u32) -> scalar`. */
  accessor: string;
  /** How the words are read: as u32, or bit-cast to f32. */
  scalar: 'u32' | 'f32';
  /** Words in the section: the product of these dimensions, plus a constant. */
  count: { product: readonly ProductionDimension[]; plus: number };
  doc: string;
}

export interface WordBufferLayout {
  binding: string;
  sections: readonly WordSection[];
}

function defineWordBuffer(binding: string, sections: readonly WordSection[]): WordBufferLayout {
  const names = new Set<string>();
  for (const section of sections) {
    if (names.has(section.name)) throw new Error(`word buffer ${binding}: duplicate section '${section.name}'`);
    names.add(section.name);
    for (const dimension of section.count.product) {
      const field = RunParamsLayout.fields.find((candidate) => candidate.name === dimension);
      if (field?.type !== 'u32') throw new Error(`word buffer ${binding}: dimension '${dimension}' is not a u32 field of RunParams`);
    }
  }
  return { binding, sections };
}

/**
 * The production table of one mass: bin bounds for the integer inverse CDF
 * (src/engine/production-sampling.ts), then the sampling edges of both axes.
 */
export const ProductionBufferLayout = defineWordBuffer(bindingVariable('production'), [
  {
    name: 'bounds',
    accessor: 'productionBound',
    scalar: 'u32',
    count: { product: ['energyBinCount', 'thetaBinCount'], plus: 0 },
    doc: 'cumulative bin bounds scaled to 2^32, bin iE * thetaBinCount + iTheta',
  },
  {
    name: 'energyEdges',
    accessor: 'productionEnergyEdge',
    scalar: 'f32',
    count: { product: ['energyBinCount'], plus: 1 },
    doc: 'energy edges in the sampled variable (ln E on a log axis), GeV',
  },
  {
    name: 'thetaEdges',
    accessor: 'productionThetaEdge',
    scalar: 'f32',
    count: { product: ['thetaBinCount'], plus: 1 },
    doc: 'angle edges in the sampled variable (ln theta on a log axis), rad',
  },
]);

function sectionCount(section: WordSection, dimensions: ProductionDimensions): number {
  return section.count.product.reduce((product, dimension) => product * dimensions[dimension], 1) + section.count.plus;
}

/** Word offset of every section and the total length, for a table of the given dimensions. */
export function wordOffsets(layout: WordBufferLayout, dimensions: ProductionDimensions): { offsets: Record<string, number>; words: number } {
  const offsets: Record<string, number> = {};
  let words = 0;
  for (const section of layout.sections) {
    offsets[section.name] = words;
    words += sectionCount(section, dimensions);
  }
  return { offsets, words };
}

function wgslCount(section: WordSection): string[] {
  const terms: string[] = [];
  const run = bindingVariable('run');
  if (section.count.product.length > 0) terms.push(section.count.product.map((dimension) => `${run}.${dimension}`).join(' * '));
  if (section.count.plus !== 0) terms.push(u32Literal(section.count.plus));
  return terms;
}

/** The WGSL accessor functions of a word buffer. */
export function wgslWordAccessors(layout: WordBufferLayout): string {
  const lines = [`// ${layout.binding}: u32 words in sections (generated from src/engine/production-buffer.ts).`];
  const offsetTerms: string[] = [];
  for (const section of layout.sections) {
    const index = [...offsetTerms, 'index'].join(' + ');
    const word = `${layout.binding}[${index}]`;
    lines.push(
      `// ${section.name}: ${wgslCount(section).join(' + ') || '0u'} words, ${section.scalar}; ${section.doc}`,
      `fn ${section.accessor}(index: u32) -> ${section.scalar} {`,
      `  return ${section.scalar === 'u32' ? word : `bitcast<f32>(${word})`};`,
      '}',
    );
    offsetTerms.push(...wgslCount(section));
  }
  return lines.join('\n');
}

/**
 * Packs the sections into one word array. Every section must be given with exactly its length;
 * u32 sections must hold integers in [0, 2³²), f32 sections are rounded to f32 (as Float32Array does).
 */
export function packWords(
  layout: WordBufferLayout,
  dimensions: ProductionDimensions,
  data: Readonly<Record<string, ArrayLike<number>>>,
): Uint32Array<ArrayBuffer> {
  const { offsets, words } = wordOffsets(layout, dimensions);
  const packed = new Uint32Array(words);
  const asFloat = new Float32Array(packed.buffer);
  for (const section of layout.sections) {
    const values = data[section.name];
    if (values === undefined) throw new Error(`${layout.binding}: no data for section '${section.name}'`);
    const expected = sectionCount(section, dimensions);
    if (values.length !== expected) throw new Error(`${layout.binding}.${section.name}: expected ${expected} words, got ${values.length}`);
    if (section.scalar === 'f32') {
      asFloat.set(values, offsets[section.name]);
    } else {
      if (!(values instanceof Uint32Array)) {
        for (let i = 0; i < values.length; i++) {
          const value = values[i];
          if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) throw new Error(`${layout.binding}.${section.name}[${i}]: ${value} is not a u32`);
        }
      }
      packed.set(values, offsets[section.name]);
    }
  }
  return packed;
}
