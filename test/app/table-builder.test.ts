/**
 * The one table builder (src/app/table-builder.ts): the same rows whatever the mass order, pass
 * structure, resumption or company of other masses (WebGPU-free: the float64 reference engine on
 * toy production tables, koto-step2's detector and cuts); an exactly-zero row, without an engine
 * run, where nothing is produced; the stream-seed policy in every job; one assembler.
 */
import { describe, expect, it } from 'vitest';
import { referenceEngine } from '../../src/app/ports.ts';
import { buildTables, concatenateRows, MAX_USER_SEED, refinementOrder, refinementPasses, streamSeed, type MassRow } from '../../src/app/table-builder.ts';
import { logSpaced } from '../../src/engine/job.ts';
import { functionEngine, kotoStep2Target, toyProduction } from './fixtures.ts';

const MASSES = [0.05, 0.1, 0.2, 0.3, 0.45];
const WIDTHS = logSpaced(1e-20, 1e-14, 5);

function bits(rows: MassRow[]): string {
  return rows
    .map((row) => Array.from(new Uint8Array(new Float64Array([row.yieldPerPotAtReference, ...row.efficiency, ...row.efficiencyError]).buffer)).join(','))
    .join('|');
}

describe('table builder', async () => {
  const target = await kotoStep2Target();
  const base = { scenarios: [target], massesGeV: MASSES, widthsGeV: WIDTHS, samplesPerMass: 3000, seed: 5 };
  const rowsOf = (rows: Awaited<ReturnType<typeof buildTables>>) =>
    target.scenario.production.modes.flatMap((mode) => MASSES.map((_, index) => rows.get(target, mode, index)!));

  it('gives the same rows, bit for bit, in ascending order, coarse-to-fine passes, and masses run alone', async () => {
    const ascending = rowsOf(await buildTables({ ...base, engine: referenceEngine(), production: toyProduction() }));
    expect(Math.max(...ascending.flatMap((row) => row.efficiency))).toBeGreaterThan(0); // not vacuous
    const passes = refinementPasses(refinementOrder(MASSES.length));
    expect(passes.length).toBeGreaterThan(1);
    const progressive = rowsOf(await buildTables({ ...base, engine: referenceEngine(), production: toyProduction(), passes }));
    expect(bits(progressive)).toBe(bits(ascending));
    // Mass 3 on its own (a shard of one): the same row as in the full run.
    const alone = await buildTables({ ...base, engine: referenceEngine(), production: toyProduction(), passes: [[3]] });
    expect(bits(target.scenario.production.modes.map((mode) => alone.get(target, mode, 3)!))).toBe(
      bits(target.scenario.production.modes.map((mode) => ascending[target.scenario.production.modes.indexOf(mode) * MASSES.length + 3])),
    );
  });

  it('runs each mass as its own job with its grid index as mass word and the stream seed of (seed, mode)', async () => {
    const engine = functionEngine(() => 1e-3);
    await buildTables({ ...base, engine, production: toyProduction(), passes: [[4, 0, 2]] });
    const expected = target.scenario.production.modes.flatMap((mode) =>
      [4, 0, 2].map((index) => ({ mass: MASSES[index], word: index, seed: streamSeed(5, mode as never) })),
    );
    expect(engine.jobs.map((job) => ({ mass: job.massesGeV[0], word: job.massGridIndices![0], seed: job.seed }))).toEqual(expected);
    expect(new Set(engine.jobs.map((job) => job.seed)).size).toBe(target.scenario.production.modes.length);
    expect(() => streamSeed(MAX_USER_SEED + 1, 'mixing')).toThrow(/seed must be an integer/);
  });

  it('gives an exactly-zero row without running the engine where nothing is produced', async () => {
    const engine = functionEngine(() => 1e-3);
    const rows = await buildTables({ ...base, engine, production: toyProduction((m) => (m > 0.25 ? 0 : 1e-10)) });
    for (const mode of target.scenario.production.modes) {
      for (const [index, m] of MASSES.entries()) {
        const row = rows.get(target, mode, index)!;
        if (m > 0.25) {
          expect(row.yieldPerPotAtReference).toBe(0);
          expect(row.efficiency.every((value) => value === 0)).toBe(true);
          expect(row.efficiency).toHaveLength(WIDTHS.length * target.scenario.regions.length);
        } else expect(row.efficiency[0]).toBe(1e-3);
      }
    }
    expect(engine.jobs.every((job) => job.massesGeV[0] < 0.25)).toBe(true);
    expect(engine.jobs).toHaveLength(3 * target.scenario.production.modes.length);
  });

  it('does not recompute known rows (resume) and hands every row to onRow once', async () => {
    const first = await buildTables({ ...base, engine: referenceEngine(), production: toyProduction() });
    const engine = functionEngine(() => 1);
    const seen: string[] = [];
    const resumed = await buildTables({
      ...base,
      engine,
      production: toyProduction(),
      known: (_, mode, index) => (index % 2 === 0 ? first.get(target, mode, index) : undefined),
      onRow: (_, mode, index, __, wasResumed) => void seen.push(`${mode}:${index}:${wasResumed}`),
    });
    expect(engine.jobs.map((job) => job.massGridIndices![0]).sort()).toEqual(target.scenario.production.modes.flatMap(() => [1, 3]).sort());
    expect(seen).toHaveLength(MASSES.length * target.scenario.production.modes.length);
    expect(resumed.get(target, target.scenario.production.modes[0], 2)).toBe(first.get(target, target.scenario.production.modes[0], 2));
  });

  it('assembles a MassWidthTable from rows (one assembler), and partial snapshots of finished masses', async () => {
    const snapshots: number[][] = [];
    const rows = await buildTables({
      ...base,
      engine: functionEngine((m, w) => m * 1e3 + w * 1e15),
      production: toyProduction(),
      passes: [[0, 4], [2], [1, 3]],
      onPass: (_, __, partial) => void snapshots.push(partial.tableSet(target).tables[0].massesGeV),
    });
    expect(snapshots).toEqual([[0.05, 0.45], [0.05, 0.2, 0.45], MASSES]);
    const set = rows.tableSet(target);
    expect(set.tables.map((table) => table.productionMode)).toEqual(target.scenario.production.modes);
    const table = set.tables[0];
    const values = concatenateRows(MASSES.map((_, index) => rows.get(target, table.productionMode, index)!));
    expect(table.efficiency).toEqual(values.efficiency);
    expect(table.massesGeV).toEqual(MASSES);
    expect(table.regionNames).toEqual(target.scenario.regions.map((region) => region.name));
    expect(table.provenance.adapter).toBe('test function engine');
  });
});
