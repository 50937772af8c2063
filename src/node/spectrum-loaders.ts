/**
 * Loaders for user-supplied physics inputs (physics.md §3.2, §3.3, §2.5). Each returns plain data that
 * src/physics consumes; every error names the file, the line and the offending value.
 *
 * - photon spectrum table: 3 columns log10(p/GeV), log10(p_T/GeV), dN/(dlog10 p dlog10 p_T) per POT, on a
 *   full rectangular grid, p outer and p_T inner, both strictly increasing (ALPINIST tab_gammas format, §3.3);
 * - meson list: 6 columns event, index, PDG id, px, py, pz [GeV] (ALPINIST tab_mesons format, §3.2);
 *   PDG 111 (π0), 221 (η), 331 (η′) are kept, others counted and skipped;
 * - width table: 2 columns m [GeV], Γ [eV] at C_GG/Λ = 1/TeV (ALPINIST widths/integrated format, §2.5).
 * Lines that are empty or start with '#' are ignored; columns are separated by whitespace or commas.
 */
import { readFileSync } from 'node:fs';
import { type WeightedMesons, type WeightedPhotons, mesonsFromMomenta } from '../physics/meson-decays.ts';
import type { MixingMeson } from '../physics/mixing.ts';
import type { ReducedWidthTable } from '../physics/hadronic-widths.ts';
import { Xoshiro128 } from '../physics/rng.ts';

export class SpectrumFileError extends Error {
  override name = 'SpectrumFileError';
  readonly userFacing = true;
}

interface Row {
  line: number;
  values: number[];
}

function parseColumns(text: string, file: string, columns: number): Row[] {
  const rows: Row[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const trimmed = lines[i].trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const fields = trimmed.split(/[\s,]+/).filter((f) => f !== '');
    if (fields.length !== columns) {
      throw new SpectrumFileError(`${file}:${i + 1}: expected ${columns} columns, got ${fields.length} ('${trimmed}')`);
    }
    const values = fields.map((f, k) => {
      const v = Number(f);
      if (!Number.isFinite(v)) throw new SpectrumFileError(`${file}:${i + 1}: column ${k + 1} is not a finite number (got '${f}')`);
      return v;
    });
    rows.push({ line: i + 1, values });
  }
  if (rows.length === 0) throw new SpectrumFileError(`${file}: no data rows`);
  return rows;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new SpectrumFileError(`${file}: cannot read file (${(error as Error).message})`);
  }
}

/** A photon spectrum table on a (log10 p, log10 p_T) grid; density[ip·nPt + ipt] per POT per dlog10p dlog10pT. */
export interface PhotonSpectrumTable {
  source: string;
  log10P: Float64Array;
  log10Pt: Float64Array;
  density: Float64Array;
}

/** Parses a §3.3 photon table from text (see file header). */
export function parsePhotonSpectrumTable(text: string, file: string): PhotonSpectrumTable {
  const rows = parseColumns(text, file, 3);
  const log10P: number[] = [];
  const log10Pt: number[] = [];
  const density: number[] = [];
  let ptIndex = 0;
  for (const row of rows) {
    const [lp, lpt, rho] = row.values;
    if (rho < 0) throw new SpectrumFileError(`${file}:${row.line}: density must be ≥ 0 (got ${rho})`);
    if (log10P.length === 0 || lp !== log10P[log10P.length - 1]) {
      if (log10P.length > 0 && !(lp > log10P[log10P.length - 1])) {
        throw new SpectrumFileError(`${file}:${row.line}: log10 p must increase block by block (got ${lp} after ${log10P[log10P.length - 1]})`);
      }
      if (log10P.length > 0 && ptIndex !== log10Pt.length) {
        throw new SpectrumFileError(`${file}:${row.line}: block log10 p = ${log10P[log10P.length - 1]} has ${ptIndex} p_T rows, expected ${log10Pt.length}`);
      }
      log10P.push(lp);
      ptIndex = 0;
    }
    if (log10P.length === 1) {
      if (log10Pt.length > 0 && !(lpt > log10Pt[log10Pt.length - 1])) {
        throw new SpectrumFileError(
          `${file}:${row.line}: log10 p_T must be strictly increasing within a block (got ${lpt} after ${log10Pt[log10Pt.length - 1]})`,
        );
      }
      log10Pt.push(lpt);
    } else if (ptIndex >= log10Pt.length || lpt !== log10Pt[ptIndex]) {
      throw new SpectrumFileError(
        `${file}:${row.line}: log10 p_T = ${lpt} does not match the grid of the first block (expected ${log10Pt[ptIndex] ?? 'end of block'})`,
      );
    }
    density.push(rho);
    ptIndex++;
  }
  if (ptIndex !== log10Pt.length) throw new SpectrumFileError(`${file}: last block has ${ptIndex} p_T rows, expected ${log10Pt.length}`);
  if (log10P.length < 2 || log10Pt.length < 2)
    throw new SpectrumFileError(`${file}: grid needs ≥ 2 values on each axis (got ${log10P.length} × ${log10Pt.length})`);
  return { source: file, log10P: Float64Array.from(log10P), log10Pt: Float64Array.from(log10Pt), density: Float64Array.from(density) };
}

/** Loads a §3.3 photon table from disk. */
export function loadPhotonSpectrumTable(file: string): PhotonSpectrumTable {
  return parsePhotonSpectrumTable(readText(file), file);
}

/**
 * Weighted photons from a table: each grid node is the centre of a cell of the local grid spacing
 * (first/last cells use the neighbouring spacing); `samplesPerAxis`² jittered points per non-empty cell,
 * weight = ρ Δlog10p Δlog10pT / samples. Points with p_T ≥ p are dropped (physically empty).
 */
export function photonsFromTable(table: PhotonSpectrumTable, samplesPerAxis = 3, seed = 1): WeightedPhotons {
  const rng = new Xoshiro128(seed);
  const nP = table.log10P.length;
  const nPt = table.log10Pt.length;
  const halfWidths = (axis: Float64Array): [Float64Array, Float64Array] => {
    const lo = new Float64Array(axis.length);
    const hi = new Float64Array(axis.length);
    for (let i = 0; i < axis.length; i++) {
      lo[i] = i > 0 ? (axis[i] - axis[i - 1]) / 2 : (axis[1] - axis[0]) / 2;
      hi[i] = i < axis.length - 1 ? (axis[i + 1] - axis[i]) / 2 : (axis[i] - axis[i - 1]) / 2;
    }
    return [lo, hi];
  };
  const [pLo, pHi] = halfWidths(table.log10P);
  const [tLo, tHi] = halfWidths(table.log10Pt);
  const p: number[] = [];
  const theta: number[] = [];
  const weight: number[] = [];
  const s2 = samplesPerAxis * samplesPerAxis;
  for (let i = 0; i < nP; i++) {
    for (let j = 0; j < nPt; j++) {
      const rho = table.density[i * nPt + j];
      if (!(rho > 0)) continue;
      const w = (rho * (pLo[i] + pHi[i]) * (tLo[j] + tHi[j])) / s2;
      for (let a = 0; a < samplesPerAxis; a++) {
        for (let b = 0; b < samplesPerAxis; b++) {
          const lp = table.log10P[i] - pLo[i] + ((a + rng.uniform()) / samplesPerAxis) * (pLo[i] + pHi[i]);
          const lpt = table.log10Pt[j] - tLo[j] + ((b + rng.uniform()) / samplesPerAxis) * (tLo[j] + tHi[j]);
          const pp = 10 ** lp;
          const pt = 10 ** lpt;
          if (!(pt < pp)) continue;
          p.push(pp);
          theta.push(Math.asin(pt / pp));
          weight.push(w);
        }
      }
    }
  }
  return { pGeV: Float64Array.from(p), thetaRad: Float64Array.from(theta), weight: Float64Array.from(weight) };
}

const PDG_TO_MESON: Record<number, MixingMeson> = { 111: 'pi0', 221: 'eta', 331: 'etaPrime' };

export interface MesonListResult {
  mesons: WeightedMesons[];
  nEvents: number;
  counts: Record<MixingMeson, number>;
  skippedOtherPdg: number;
}

/**
 * Parses a meson list (see file header). Weight per meson = 1/nEvents; nEvents defaults to the number of
 * distinct event ids in the file (pass it explicitly if events without mesons were omitted).
 */
export function parseMesonList(text: string, file: string, nEvents?: number): MesonListResult {
  const rows = parseColumns(text, file, 6);
  const events = new Set<number>();
  const buckets: Record<MixingMeson, { px: number[]; py: number[]; pz: number[] }> = {
    pi0: { px: [], py: [], pz: [] },
    eta: { px: [], py: [], pz: [] },
    etaPrime: { px: [], py: [], pz: [] },
  };
  let skipped = 0;
  for (const row of rows) {
    const [event, , pdg, px, py, pz] = row.values;
    if (!Number.isInteger(event) || event < 0) throw new SpectrumFileError(`${file}:${row.line}: event must be a non-negative integer (got ${event})`);
    if (!Number.isInteger(pdg)) throw new SpectrumFileError(`${file}:${row.line}: PDG id must be an integer (got ${pdg})`);
    events.add(event);
    const meson = PDG_TO_MESON[Math.abs(pdg)];
    if (!meson) {
      skipped++;
      continue;
    }
    buckets[meson].px.push(px);
    buckets[meson].py.push(py);
    buckets[meson].pz.push(pz);
  }
  const n = nEvents ?? events.size;
  if (!(n > 0) || !Number.isInteger(n)) throw new SpectrumFileError(`${file}: nEvents must be a positive integer (got ${n})`);
  const mesons = (Object.keys(buckets) as MixingMeson[])
    .filter((m) => buckets[m].px.length > 0)
    .map((m) => mesonsFromMomenta(m, buckets[m].px, buckets[m].py, buckets[m].pz, 1 / n));
  return {
    mesons,
    nEvents: n,
    counts: { pi0: buckets.pi0.px.length, eta: buckets.eta.px.length, etaPrime: buckets.etaPrime.px.length },
    skippedOtherPdg: skipped,
  };
}

export function loadMesonList(file: string, nEvents?: number): MesonListResult {
  return parseMesonList(readText(file), file, nEvents);
}

/** Parses a 2-column width table (m [GeV] strictly increasing, Γ [eV] ≥ 0). */
export function parseWidthTable(text: string, file: string): ReducedWidthTable {
  const rows = parseColumns(text, file, 2);
  const massGeV: number[] = [];
  const widthEv: number[] = [];
  for (const row of rows) {
    const [m, w] = row.values;
    if (!(m >= 0)) throw new SpectrumFileError(`${file}:${row.line}: mass must be ≥ 0 (got ${m})`);
    if (massGeV.length > 0 && !(m > massGeV[massGeV.length - 1]))
      throw new SpectrumFileError(`${file}:${row.line}: mass must be strictly increasing (got ${m} after ${massGeV[massGeV.length - 1]})`);
    if (w < 0) throw new SpectrumFileError(`${file}:${row.line}: width must be ≥ 0 (got ${w})`);
    massGeV.push(m);
    widthEv.push(w);
  }
  return { massGeV, widthEv, source: file };
}

export function loadWidthTable(file: string): ReducedWidthTable {
  return parseWidthTable(readText(file), file);
}
