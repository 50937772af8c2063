/**
 * The CLI side of issue 13's formats, end to end in-process: `limits --tables` writes
 * contour-polygons.csv, provenance in every output (limits.json, SVG metadata, PNG tEXt,
 * provenance.json with the table-file checksums), the g_aγγ axis and overlays; `export --format
 * hepdata|axionlimits|foresee` reads that limits.json; bad overlays and a g_aγγ axis the model
 * does not allow exit 2 naming the file and line or the flag. The shipped data/bounds files parse.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { main } from '../../src/cli/main.ts';
import { makeTableFile, serializeTableFile, tableFileName } from '../../src/tables/table-file.ts';
import { loadScenario } from '../../src/node/scenario-files.ts';
import { pngTextChunks } from '../../src/node/png.ts';
import { provenanceOfSvg } from '../../src/formats/provenance.ts';
import { declaredOverlayKind, overlayFlavour, parseTwoColumn } from '../../src/formats/axionlimits.ts';
import { modelDescription, readOverlays } from '../../src/cli/outputs.ts';
import { parseLimitsModel } from '../../src/limits/model.ts';
import { decayInVolumeEfficiency, logGrid } from '../limits/synthetic.ts';

const BOUNDS = resolve(import.meta.dirname, '../../data/bounds');
const dir = mkdtempSync(join(tmpdir(), 'alpenglow-formats-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const tables = join(dir, 'tables');
const out = join(dir, 'limits');

beforeAll(async () => {
  const quiet = [
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true)),
  ];
  const loaded = await loadScenario('koto-step2');
  const masses = logGrid(0.05, 0.3, 6);
  const widths = logGrid(1e-28, 1e-8, 121);
  const efficiency = decayInVolumeEfficiency();
  mkdirSync(tables, { recursive: true });
  for (const mode of loaded.scenario.production.modes) {
    const values = {
      yieldPerPotAtReference: masses.map((m) => (mode === 'mixing' ? 2e-10 : 1e-4 * (0.05 / m))),
      efficiency: masses.flatMap((m) => widths.map((w) => efficiency(m, w, 0))),
      efficiencyError: masses.flatMap((m) => widths.map((w) => 0.02 * efficiency(m, w, 0))),
    };
    const file = makeTableFile(
      {
        scenario: { name: 'koto-step2', hash: loaded.hash },
        productionMode: mode as 'mixing',
        channel: 'gamma gamma',
        regionNames: loaded.scenario.regions.map((r) => r.name),
        grid: { massesGeV: masses, widthsGeV: widths, massSpec: 'test', widthSpec: 'test' },
        shard: null,
        massGridIndices: masses.map((_, i) => i),
        samplesPerMass: 5000,
        seed: 3,
        normalisation: { pot: 6e20, additionalAcceptance: 0.73, referenceCoupling: 'test' },
        provenance: {
          alpenglowVersion: 'test',
          engine: 'reference',
          adapter: 'synthetic values',
          wallSeconds: 0,
          createdUtc: '2026-01-01T00:00:00Z',
          source: 'test/formats/cli.test.ts',
        },
      },
      values,
    );
    writeFileSync(join(tables, tableFileName('koto-step2', mode, 'gammaGamma', null)), serializeTableFile(file));
  }
  writeFileSync(join(dir, 'own.foresee.txt'), '# own curve\n0.06 1e-4\n0.2 1e-4\n0.2 1e-3\n');
  const code = await main([
    'limits',
    '--scenario',
    'koto-step2',
    '--model',
    'photon',
    '--tables',
    tables,
    '--couplings',
    '1e-7:1e-1:121',
    '--out',
    out,
    '--coupling-axis',
    'gagg',
    '--overlay',
    `${join(BOUNDS, 'beam-dump.txt')},foresee:${join(dir, 'own.foresee.txt')}`,
  ]);
  for (const spy of quiet) spy.mockRestore();
  if (code !== 0) throw new Error(`limits exited ${code}: ${stderr}`);
});

describe('limits outputs', () => {
  it('writes the polygon CSV beside the long one, the figure with overlays on the g_aγγ axis, and provenance everywhere', () => {
    for (const name of ['limits.json', 'contour.csv', 'contour-polygons.csv', 'exclusion.svg', 'exclusion.png', 'provenance.json'])
      expect(existsSync(join(out, name))).toBe(true);
    expect(readFileSync(join(out, 'contour-polygons.csv'), 'utf8').split('\n')[0]).toBe('scenario,curve,polygon,ring,point,massGeV,gAgammaPerGeV');
    const provenance = JSON.parse(readFileSync(join(out, 'provenance.json'), 'utf8'));
    expect(provenance.command).toMatch(/^alpenglow limits --scenario koto-step2 --model photon --tables \S+ .*--coupling-axis gagg --overlay /);
    expect(provenance).toMatchObject({ software: 'alpenglow', seed: 3, samples: 5000, adapter: 'synthetic values' });
    expect(provenance.scenarios[0].productionModes.length).toBeGreaterThan(0);
    expect(provenance.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const names = readdirSync(tables).sort();
    expect(provenance.tableFiles.map((t: { file: string }) => t.file)).toEqual(names.map((name) => join(tables, name)));
    for (const t of provenance.tableFiles) expect(t.sha256).toBe(createHash('sha256').update(readFileSync(t.file)).digest('hex'));
    for (const name of ['limits.json', 'contour.csv', 'contour-polygons.csv', 'exclusion.svg', 'exclusion.png']) {
      expect(provenance.files[name]).toBe(
        createHash('sha256')
          .update(readFileSync(join(out, name)))
          .digest('hex'),
      );
    }
    const limits = JSON.parse(readFileSync(join(out, 'limits.json'), 'utf8'));
    expect(limits.provenance).toMatchObject({ command: provenance.command, createdAt: provenance.createdAt, tableFiles: provenance.tableFiles });
    const svg = readFileSync(join(out, 'exclusion.svg'), 'utf8');
    expect(provenanceOfSvg(svg)).toMatchObject({ command: provenance.command, tableFiles: provenance.tableFiles });
    expect(svg).toContain('data-bound="Beam dumps (AxionLimits compilation)"');
    expect(svg).toContain('data-bound="own curve"');
    expect(svg).toContain('data-legend="below"');
    expect(svg).toContain('aγγ</tspan>');
    expect(JSON.parse(pngTextChunks(readFileSync(join(out, 'exclusion.png')))['alpenglow-provenance'])).toMatchObject({ command: provenance.command });
  });
});

describe('export from limits.json', () => {
  it('hepdata: submission.yaml and one table per curve', async () => {
    const target = join(dir, 'hepdata');
    expect(await main(['export', '--format', 'hepdata', join(out, 'limits.json'), '--out', target])).toBe(0);
    const documents = parseAllDocuments(readFileSync(join(target, 'submission.yaml'), 'utf8')).map((d) => d.toJS());
    expect(documents[0].comment).toMatch(/command: alpenglow limits .*; then alpenglow export --format hepdata/);
    for (const doc of documents.slice(1)) expect(existsSync(join(target, doc.data_file))).toBe(true);
    expect(readdirSync(target)).toHaveLength(documents.length);
  });

  it('axionlimits (eV, g_aγγ) and foresee (GeV) to stdout', async () => {
    expect(await main(['export', '--format', 'axionlimits', join(out, 'limits.json')])).toBe(0);
    expect(stdout).toContain('# m_a [eV]  g_aγγ [GeV^-1]');
    const curve = parseTwoColumn(stdout, 'stdout', 'axionlimits');
    stdout = '';
    expect(await main(['export', '--format', 'foresee', join(out, 'limits.json')])).toBe(0);
    expect(parseTwoColumn(stdout, 'stdout', 'foresee').polygons[0][0][0]).toBeCloseTo(curve.polygons[0][0][0], 12);
  });

  it('a file that is not limits.json is refused naming the file and field', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ scenario: 'x', model: 'photon' }));
    expect(await main(['export', '--format', 'axionlimits', bad])).toBe(2);
    expect(stderr).toBe(`alpenglow export: ${bad}: modelCouplings must be c_GG, c_BB, c_WW, c_ll numbers (is this a limits.json of alpenglow limits?)\n`);
  });
});

describe('bad input exits 2 naming the file, line or flag', () => {
  const base = ['limits', '--scenario', 'koto-step2', '--tables', 'unused', '--out', join(dir, 'never')];

  it('an overlay line that is not two positive numbers', async () => {
    const file = join(dir, 'bad-overlay.txt');
    writeFileSync(file, '# bad\n1e8 1e-3\n2e8 -1e-3\n');
    expect(await main([...base, '--model', 'photon', '--overlay', file])).toBe(2);
    expect(stderr).toBe(`alpenglow limits: ${file}:3: coupling must be > 0 (got -1e-3)\n`);
  });

  it('a g_aγγ axis or an AxionLimits overlay for the gluon model', async () => {
    expect(await main([...base, '--model', 'gluon', '--coupling-axis', 'gagg'])).toBe(2);
    expect(stderr).toMatch(/^alpenglow limits: --coupling-axis gagg: model 'gluon' has c_GG = 1, so c_γγ\^eff depends on the mass/);
    stderr = '';
    expect(await main([...base, '--model', 'gluon', '--overlay', join(BOUNDS, 'babar.txt')])).toBe(2);
    expect(stderr).toMatch(/^alpenglow limits: --overlay \S+babar\.txt: \S+babar\.txt is an AxionLimits file \(g_aγγ\)/);
  });

  it('every shipped bound parses (AxionLimits, or the kind its # overlay: line declares) with a title', () => {
    const files = readdirSync(BOUNDS).filter((name) => name.endsWith('.txt'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const name of files) {
      const text = readFileSync(join(BOUNDS, name), 'utf8');
      const curve = parseTwoColumn(text, name, overlayFlavour(declaredOverlayKind(text) ?? 'axionlimits'));
      expect(curve.title).not.toBe(name);
      expect(curve.polygons[0].length).toBeGreaterThan(10);
    }
  });

  it("FORESEE ALP-g bounds (g_agg, declared in the file) go onto the gluon model's c_GG/f_a axis as 4π² g_agg, and are refused elsewhere", () => {
    const file = join(BOUNDS, 'na62-kpix-gluon.txt');
    const [bound] = readOverlays(file, modelDescription(parseLimitsModel('gluon')), 'koto');
    expect(bound.label).toBe('NA62 K⁺ → π⁺ X (FORESEE ALP-g; arXiv:2103.15389)');
    expect(bound.polygons[0][0]).toEqual([0.00029955814776479184, 4 * Math.PI ** 2 * 3.865398901416926e-7]);
    const [twice] = readOverlays(file, modelDescription(parseLimitsModel('custom:2,0,0')), 'koto');
    expect(twice.polygons[0][0][1]).toBeCloseTo(2 * Math.PI ** 2 * 3.865398901416926e-7, 18);
    expect(() => readOverlays(file, modelDescription(parseLimitsModel('photon')), 'koto')).toThrow(
      /^--overlay \S+: \S+ holds the gluon coupling g_agg, but model 'photon' has c_GG = 0/,
    );
    expect(() => readOverlays(file, modelDescription(parseLimitsModel('photon')), 'gagg')).toThrow(/cannot be drawn on a g_aγγ axis/);
    // a prefix overrides the declaration: as axionlimits the masses are read in eV
    const [asEv] = readOverlays(`axionlimits:${join(BOUNDS, 'beam-dump.txt')}`, modelDescription(parseLimitsModel('photon')), 'gagg');
    expect(asEv.polygons[0][0][0]).toBeCloseTo(9.102702628864836e-9, 20);
  });
});

describe('plane and events outputs carry the provenance too', () => {
  it('plane: plane.json provenance.command, plane.svg metadata, plane.png tEXt, provenance.json', async () => {
    const target = join(dir, 'plane');
    expect(
      await main([
        'plane',
        '--scenario',
        'koto-step2',
        '--mass',
        '0.2',
        '--x',
        'c_GG',
        '--y',
        'c_BB',
        '--range',
        '1e-6:1e-2:9',
        '--samples',
        '500',
        '--engine',
        'reference',
        '--out',
        target,
      ]),
    ).toBe(0);
    const provenance = JSON.parse(readFileSync(join(target, 'provenance.json'), 'utf8'));
    expect(provenance).toMatchObject({
      software: 'alpenglow',
      seed: 1,
      samples: 500,
      engine: 'reference',
      command: expect.stringMatching(/^alpenglow plane --scenario koto-step2 /),
    });
    expect(JSON.parse(readFileSync(join(target, 'plane.json'), 'utf8')).provenance.command).toBe(provenance.command);
    expect(provenanceOfSvg(readFileSync(join(target, 'plane.svg'), 'utf8'))?.command).toBe(provenance.command);
    expect(JSON.parse(pngTextChunks(readFileSync(join(target, 'plane.png')))['alpenglow-provenance']).command).toBe(provenance.command);
  });

  it('events: STEM.provenance.json beside the CSV, SVG metadata, PNG tEXt', async () => {
    const target = join(dir, 'events');
    expect(
      await main([
        'events',
        '--scenario',
        'koto-step2',
        '--model',
        'gluon',
        '--mass',
        '0.3',
        '--coupling',
        '1e-5',
        '--samples',
        '3000',
        '--seed',
        '4',
        '--engine',
        'reference',
        '--out',
        target,
        '--json',
      ]),
    ).toBe(0);
    const files = JSON.parse(stdout).files as Record<string, string>;
    const provenance = JSON.parse(readFileSync(files.provenance, 'utf8'));
    expect(provenance).toMatchObject({
      seed: 4,
      samples: 3000,
      engine: 'reference',
      scenarios: [{ name: 'koto-step2' }],
      command: expect.stringMatching(/^alpenglow events /),
    });
    expect(provenance.files[files.csv.split('/').pop()!]).toBe(createHash('sha256').update(readFileSync(files.csv)).digest('hex'));
    expect(provenanceOfSvg(readFileSync(files.svg, 'utf8'))?.command).toBe(provenance.command);
    expect(JSON.parse(pngTextChunks(readFileSync(files.png))['alpenglow-provenance']).seed).toBe(4);
  });
  it('limits --model bk: limits.json provenance.command, SVG metadata, PNG tEXt, provenance.json', async () => {
    const target = join(dir, 'bk');
    expect(
      await main([
        'limits',
        '--scenario',
        'na62-dump-mumu',
        '--model',
        'bk:0.25',
        '--lifetimes',
        '1e-12:1e-8:5',
        '--samples',
        '4000',
        '--engine',
        'reference',
        '--out',
        target,
      ]),
    ).toBe(0);
    const provenance = JSON.parse(readFileSync(join(target, 'provenance.json'), 'utf8'));
    expect(provenance).toMatchObject({
      seed: 1,
      samples: 4000,
      command: expect.stringMatching(/^alpenglow limits --scenario na62-dump-mumu --model bk:0\.25 /),
    });
    expect(JSON.parse(readFileSync(join(target, 'limits.json'), 'utf8')).provenance.command).toBe(provenance.command);
    expect(provenanceOfSvg(readFileSync(join(target, 'exclusion.svg'), 'utf8'))?.command).toBe(provenance.command);
    expect(JSON.parse(pngTextChunks(readFileSync(join(target, 'exclusion.png')))['alpenglow-provenance']).command).toBe(provenance.command);
    expect(provenance.files['band.csv']).toBe(
      createHash('sha256')
        .update(readFileSync(join(target, 'band.csv')))
        .digest('hex'),
    );
  });
});
