import { describe, expect, it } from 'vitest';
import { RunParamsLayout, TallyCellLayout, WidthEntryLayout } from '../../src/engine/layouts.ts';
import { defineStruct, packStructArray, packUniform, wgslStructDeclaration } from '../../src/engine/struct-layout.ts';

describe('host/shader struct layouts', () => {
  it('follows WGSL alignment rules (vec2 → 8, vec4 → 16, size rounded to the largest alignment)', () => {
    const layout = defineStruct('Probe', [
      { name: 'a', type: 'f32', doc: '' },
      { name: 'b', type: 'vec2<u32>', doc: '' },
      { name: 'c', type: 'u32', doc: '' },
      { name: 'd', type: 'vec4<f32>', doc: '' },
      { name: 'e', type: 'f32', doc: '' },
    ]);
    expect(layout.offsets).toEqual({ a: 0, b: 8, c: 16, d: 32, e: 48 });
    expect(layout.sizeBytes).toBe(64);
  });

  it('pins the RunParams byte layout the kernel reads', () => {
    expect(RunParamsLayout.offsets).toEqual({
      massGeV: 0,
      massIndex: 4,
      seedKey: 8,
      sampleCount: 16,
      firstBatch: 20,
      widthCount: 24,
      energyBinCount: 28,
      thetaBinCount: 32,
      cdfLength: 36,
      energyAxisLog: 40,
      thetaAxisLog: 44,
      daughterMass0GeV: 48,
      daughterMass1GeV: 52,
      originM: 64,
      axisCosSin: 80,
      fiducialStartZM: 88,
      fiducialEndZM: 92,
      ecalZM: 96,
    });
    expect(RunParamsLayout.sizeBytes).toBe(112);
    expect(WidthEntryLayout.sizeBytes).toBe(4);
    expect(TallyCellLayout.sizeBytes).toBe(12);
  });

  it('packs values into exactly the expected bytes', () => {
    const bytes = new DataView(
      packUniform(RunParamsLayout, {
        massGeV: 0.5,
        massIndex: 3,
        seedKey: [0xdeadbeef, 7],
        sampleCount: 1000,
        firstBatch: 2,
        widthCount: 101,
        energyBinCount: 30,
        thetaBinCount: 31,
        cdfLength: 930,
        energyAxisLog: 1,
        thetaAxisLog: 0,
        daughterMass0GeV: 0.105658,
        daughterMass1GeV: 0.105658,
        originM: [0, -0.022, 23.07, 0],
        axisCosSin: [1, 0],
        fiducialStartZM: 102,
        fiducialEndZM: 241.495,
        ecalZM: 241.495,
      }),
    );
    expect(bytes.byteLength).toBe(112);
    expect(bytes.getFloat32(0, true)).toBe(0.5);
    expect(bytes.getUint32(4, true)).toBe(3);
    expect(bytes.getUint32(8, true)).toBe(0xdeadbeef);
    expect(bytes.getUint32(12, true)).toBe(7);
    expect(bytes.getUint32(36, true)).toBe(930);
    expect(bytes.getFloat32(52, true)).toBe(Math.fround(0.105658));
    expect(bytes.getFloat32(68, true)).toBe(Math.fround(-0.022));
    expect(bytes.getFloat32(72, true)).toBe(Math.fround(23.07));
    expect(bytes.getFloat32(96, true)).toBe(Math.fround(241.495));
    const cells = new Float32Array(
      packStructArray(TallyCellLayout, [
        { log2Scale: -1, sumWeight: 2, sumWeightSquared: 3 },
        { log2Scale: 4, sumWeight: 5, sumWeightSquared: 6 },
      ]),
    );
    expect(Array.from(cells)).toEqual([-1, 2, 3, 4, 5, 6]);
  });

  it('emits the WGSL declaration from the same definition', () => {
    const text = wgslStructDeclaration(TallyCellLayout);
    expect(text).toMatch(/^struct TallyCell \{\n {2}log2Scale: f32, .*\n {2}sumWeight: f32, .*\n {2}sumWeightSquared: f32, .*\n\}$/);
  });

  it('refuses missing fields and values that are not u32', () => {
    expect(() => packUniform(TallyCellLayout, { log2Scale: 0, sumWeight: 1 })).toThrow(/no value for field 'sumWeightSquared'/);
    expect(() =>
      packUniform(RunParamsLayout, {
        ...Object.fromEntries(RunParamsLayout.fields.map((f) => [f.name, f.type.startsWith('vec4') ? [0, 0, 0, 0] : f.type.startsWith('vec2') ? [0, 0] : 0])),
        massIndex: -1,
      }),
    ).toThrow(/massIndex: -1 is not a u32/);
  });
});
