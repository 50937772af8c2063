/**
 * src/formats: closed polygons, CSV quoting, the g_aγγ axis (physics.md §1.2), the AxionLimits /
 * FORESEE writer and overlay reader, provenance in SVG and PNG, and the paper figure mode.
 */
import { describe, expect, it } from 'vitest';
import { computeLimits, logSpace, type LimitsJson } from '../../src/limits/index.ts';
import { closedOutline, exclusionOutlines } from '../../src/formats/polygons.ts';
import { contourLongCsv, contourPolygonsCsv, csvTable } from '../../src/formats/csv.ts';
import { describeCouplingAxis } from '../../src/formats/coupling-axis.ts';
import { overlayOnAxis, parseTwoColumn, twoColumnText } from '../../src/formats/axionlimits.ts';
import { provenanceFromLimits, provenanceOfSvg, svgWithProvenance } from '../../src/formats/provenance.ts';
import { pngTextChunks, svgToPng } from '../../src/node/png.ts';
import { limitsSvg } from '../../src/plots/exclusion.ts';
import { realisticSet, syntheticScenario } from '../limits/synthetic.ts';

/** A small RFC 4180 reader for the checks (no CSV parser package is installed): rows of cells, or objects with `columns`. */
function parse(text: string, options: { columns?: boolean } = {}): Array<string[] & Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  if (!options.columns) return rows as Array<string[] & Record<string, string>>;
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]]))) as Array<string[] & Record<string, string>>;
}

const couplings = logSpace(1e-7, 1e-1, 61);
const photon = computeLimits({ set: realisticSet(), model: 'photon', couplingsPerGeV: couplings, contourMassCount: 40, refineSteps: 8 });
const gluon = computeLimits({ set: realisticSet(), model: 'gluon', couplingsPerGeV: couplings, contourMassCount: 40, refineSteps: 8 });
const provenance = provenanceFromLimits([photon], {
  command: 'alpenglow limits --model photon',
  createdAt: '2026-01-01T00:00:00.000Z',
  tableFiles: [{ file: 't/a.table.json', sha256: 'ab'.repeat(32) }],
});

/** α/(2π) with α = 1/137.035999 (physics.md §1.2: g_aγγ = α c_γγ/(2π f_a)). */
const ALPHA_OVER_TWO_PI = 1 / 137.035999 / (2 * Math.PI);

describe('closed polygons', () => {
  it('start at the lowest mass, walk the lower edge first, repeat the first point', () => {
    // a clockwise ring (upper edge first) that does not start at the lowest mass
    const ring: [number, number][] = [
      [0.2, 1e-3],
      [0.3, 1e-5],
      [0.1, 1e-5],
      [0.1, 1e-3],
      [0.2, 1e-3],
    ];
    const outline = closedOutline(ring);
    expect(outline[0]).toEqual([0.1, 1e-5]);
    expect(outline[1]).toEqual([0.3, 1e-5]); // along the lower edge to higher mass
    expect(outline[outline.length - 1]).toEqual(outline[0]);
    expect(outline).toHaveLength(5);
  });

  it('every contour ring of a real limit comes out closed and starting at its lowest mass', () => {
    const outlines = exclusionOutlines(photon.contours.nominal);
    expect(outlines.length).toBeGreaterThan(0);
    for (const { points } of outlines) {
      expect(points[0]).toEqual(points[points.length - 1]);
      expect(points[0][0]).toBe(Math.min(...points.map(([m]) => m)));
    }
  });
});

describe('CSV', () => {
  it('quotes names with commas; an RFC 4180 reader reads back the same cells', () => {
    const text = csvTable(['scenario', 'massGeV'], [['KOTO, step 2 "b"', 0.1]]);
    expect(text).toBe('scenario,massGeV\n"KOTO, step 2 ""b""",0.1\n');
    expect(parse(text)).toEqual([
      ['scenario', 'massGeV'],
      ['KOTO, step 2 "b"', '0.1'],
    ]);
  });

  it('contour.csv keeps its header; contour-polygons.csv rings are closed; gagg scales the coupling column', () => {
    expect(contourLongCsv([photon]).split('\n')[0]).toBe('scenario,curve,edge,segment,point,massGeV,couplingPerGeV');
    const rows = parse(contourPolygonsCsv([photon]), { columns: true }) as Record<string, string>[];
    const ring = rows.filter((r) => r.curve === 'nominal' && r.polygon === '0' && r.ring === '0');
    expect(ring[0].massGeV).toBe(ring[ring.length - 1].massGeV);
    expect(ring[0].couplingPerGeV).toBe(ring[ring.length - 1].couplingPerGeV);
    const gagg = parse(contourPolygonsCsv([photon], 'gagg'), { columns: true }) as Record<string, string>[];
    expect(Object.keys(gagg[0])).toContain('gAgammaPerGeV');
    expect(Number(gagg[0].gAgammaPerGeV) / Number(rows[0].couplingPerGeV)).toBeCloseTo(ALPHA_OVER_TWO_PI, 12);
  });
});

describe('g_aγγ axis (physics.md §1.2)', () => {
  it('photon model (c_BB = 1): g_aγγ = α/(2π) · 1/f_a; custom c_BB = 2, c_WW = 1: three times that', () => {
    expect(describeCouplingAxis(photon, 'gagg', 'x').factor).toBeCloseTo(ALPHA_OVER_TWO_PI, 15);
    const custom = { ...photon, model: 'custom:0,2,1', modelCouplings: { c_GG: 0, c_BB: 2, c_WW: 1, c_ll: 0 } };
    expect(describeCouplingAxis(custom, 'gagg', 'x').factor).toBeCloseTo(3 * ALPHA_OVER_TWO_PI, 15);
  });

  it('refuses models whose c_γγ^eff depends on the mass or vanishes, naming the flag', () => {
    expect(() => describeCouplingAxis(gluon, 'gagg', '--coupling-axis gagg')).toThrow(
      /^--coupling-axis gagg: model 'gluon' has c_GG = 1, so c_γγ\^eff depends on the mass/,
    );
    const dark = { ...photon, model: 'custom:0,1,-1', modelCouplings: { c_GG: 0, c_BB: 1, c_WW: -1, c_ll: 1 } };
    expect(() => describeCouplingAxis(dark, 'gagg', '--coupling-axis gagg')).toThrow(/c_γγ = c_BB \+ c_WW = 0/);
  });
});

describe('AxionLimits / FORESEE text', () => {
  it('writes eV and g_aγγ (photon model) with a # header, and reads back the same polygon in GeV', () => {
    const text = twoColumnText(photon, { flavour: 'axionlimits', provenance });
    expect(text).toMatch(/^# synthetic: 90% CL \(CLs\) excluded/);
    expect(text).toContain('# m_a [eV]  g_aγγ [GeV^-1]');
    expect(text).toContain('# command: alpenglow limits --model photon');
    expect(text).toContain(`# table file: t/a.table.json; sha256 ${'ab'.repeat(32)}`);
    const back = parseTwoColumn(text, 'x.txt', 'axionlimits');
    const outline = exclusionOutlines(photon.contours.nominal)[0].points;
    expect(back.polygons[0]).toHaveLength(outline.length);
    back.polygons[0].forEach(([m, g], i) => {
      expect(m).toBeCloseTo(outline[i][0], 12);
      expect(g / (outline[i][1] * ALPHA_OVER_TWO_PI)).toBeCloseTo(1, 12);
    });
    const foresee = twoColumnText(photon, { flavour: 'foresee', provenance });
    expect(foresee).toContain('# m_a [GeV]  g_aγγ [GeV^-1]');
    expect(parseTwoColumn(foresee, 'f.txt', 'foresee').polygons[0][0][0]).toBeCloseTo(outline[0][0], 12);
  });

  it('gluon model: c_GG/f_a column (c_γγ^eff not fixed)', () => {
    expect(twoColumnText(gluon, { flavour: 'axionlimits', provenance })).toContain('# m_a [eV]  c_GG/f_a [GeV^-1]');
  });

  it('overlay files: blank lines split polygons; bad lines are refused with file and line', () => {
    const curve = parseTwoColumn('# BaBar\n1e8 1e-3\n2e8 2e-3\n\n3e8 1e-4\n4e8 2e-4\n', 'b.txt', 'axionlimits');
    expect(curve.title).toBe('BaBar');
    expect(curve.polygons).toEqual([
      [
        [0.1, 1e-3],
        [0.2, 2e-3],
      ],
      [
        [0.3, 1e-4],
        [0.4, 2e-4],
      ],
    ]);
    expect(() => parseTwoColumn('# x\n1 2\n3 4 5\n', 'b.txt', 'axionlimits')).toThrow(/^b\.txt:3: expected two numeric columns/);
    expect(() => parseTwoColumn('1 2\n3 -4\n', 'b.txt', 'axionlimits')).toThrow(/^b\.txt:2: coupling must be > 0 \(got -4\)/);
    expect(() => parseTwoColumn('1 2\nabc 4\n', 'b.txt', 'foresee')).toThrow(/^b\.txt:2: mass 'abc' is not a number/);
    expect(() => parseTwoColumn('# only a title\n', 'b.txt', 'foresee')).toThrow(/^b\.txt: no curve/);
  });

  it('AxionLimits overlays go onto the c/f_a axis of the photon model by 2π/α, and are refused for the gluon model', () => {
    const curve = parseTwoColumn('1e8 1e-6\n2e8 2e-6\n', 'b.txt', 'axionlimits');
    const onKoto = overlayOnAxis(curve, 'axionlimits', photon, 'koto', '--overlay b.txt');
    expect(onKoto.polygons[0][0][1]).toBeCloseTo(1e-6 / ALPHA_OVER_TWO_PI, 12);
    expect(overlayOnAxis(curve, 'axionlimits', photon, 'gagg', '--overlay b.txt').polygons[0][0][1]).toBe(1e-6);
    expect(() => overlayOnAxis(curve, 'axionlimits', gluon, 'koto', '--overlay b.txt')).toThrow(/^--overlay b\.txt: b\.txt is an AxionLimits file \(g_aγγ\)/);
  });
});

describe('provenance in figures', () => {
  it('SVG <metadata> and PNG tEXt carry the provenance JSON', () => {
    const svg = svgWithProvenance(limitsSvg([photon], { mode: 'paper' }), provenance);
    expect(provenanceOfSvg(svg)).toEqual(provenance);
    const png = svgToPng(svg, { text: { 'alpenglow-provenance': JSON.stringify(provenance), Software: 'alpenglow test' } });
    const chunks = pngTextChunks(png);
    expect(JSON.parse(chunks['alpenglow-provenance'])).toEqual(provenance);
    expect(chunks.Software).toBe('alpenglow test');
  });
});

describe('paper figure mode', () => {
  const observed = computeLimits({
    set: realisticSet(syntheticScenario({ name: 'observed one', regions: [{ backgroundEvents: 0.1, observedEvents: 0 }] })),
    model: 'photon',
    couplingsPerGeV: couplings,
    contourMassCount: 40,
    refineSteps: 8,
  });
  const bound = {
    label: 'BeamDump (AxionLimits)',
    polygons: [
      [
        [0.05, 1e-4],
        [0.5, 1e-4],
        [0.5, 1e-3],
        [0.05, 1e-3],
      ] as [number, number][],
    ],
  };

  it('observed filled, projection dashed outline, bound grey, legend below; explore keeps the MC band', () => {
    const svg = limitsSvg([photon, observed], { mode: 'paper', bounds: [bound] });
    expect(svg).toContain('data-curve="observed"');
    expect(svg).toMatch(/data-curve="projection"[^>]*stroke-dasharray="9 5"/);
    expect(svg).toMatch(/data-bound="BeamDump \(AxionLimits\)"[^>]*fill="#9a9a9a"/);
    expect(svg).toContain('data-legend="below"');
    expect(svg).not.toContain('MC statistical');
    const explore = limitsSvg([photon, observed], { mode: 'explore' });
    expect(explore).toContain('MC statistical ±1σ');
  });

  it('gagg axis: label g_aγγ and the y range scaled by α/(2π)', () => {
    const svg = limitsSvg([photon], { mode: 'paper', axis: 'gagg' });
    expect(svg).toContain('aγγ</tspan>');
    expect(() => limitsSvg([gluon], { axis: 'gagg' })).toThrow(/c_γγ\^eff depends on the mass/);
  });
});

export type { LimitsJson };

describe('band.csv of limits --model bk: through csv-stringify', () => {
  it('writes plain names unquoted (the bytes of the hand-joined writer it replaced) and quotes a scenario name with a comma', async () => {
    const { runModelIndependentLimits } = await import('../../src/cli/commands/limits-model-independent.ts');
    const { loadScenario } = await import('../../src/node/scenario-files.ts');
    const { modelIndependentBandCsv } = await import('../../src/formats/csv.ts');
    const [result] = await runModelIndependentLimits({
      scenarios: [await loadScenario('na62-dump-mumu')],
      model: 'bk:0.25',
      lifetimesS: [1e-12, 1e-10, 1e-8],
      samples: 4000,
      seed: 3,
      projectionPot: 1e18,
      engine: 'reference',
      quiet: true,
    });
    const text = modelIndependentBandCsv([result]);
    expect(text.split('\n')[0]).toBe(
      'scenario,mode,mass_GeV,tau_s,ctau_m,upper_limit,expected_minus2sigma,expected_minus1sigma,expected_median,expected_plus1sigma,expected_plus2sigma,projection_pot,projection_minus1sigma,projection_median,projection_plus1sigma',
    );
    expect(text).not.toContain('"');
    expect(text).toBe(
      `${parse(text)
        .map((row: string[]) => row.join(','))
        .join('\n')}\n`,
    );
    const renamed = { ...result, scenario: 'NA62, dump (μμ)' };
    const rows = parse(modelIndependentBandCsv([renamed]));
    expect(rows[1][0]).toBe('NA62, dump (μμ)');
    expect(rows[1]).toHaveLength(rows[0].length);
  });
});
