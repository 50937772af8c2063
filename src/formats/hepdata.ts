/**
 * HEPData submission (https://hepdata.net/submission; schemas 1.1.1 of HEPData/hepdata-validator,
 * frozen in test/fixtures/hepdata-schemas/): `submission.yaml` — a first document with the
 * submission-wide comment (provenance), then one document per table — and one YAML data file per
 * curve. A curve is one closed exclusion polygon (polygons.ts) of one scenario: independent
 * variable m_a [GeV], dependent variable the coupling (KOTO c/f_a or g_aγγ, GeV^-1) with
 * qualifiers CL, basis, scenario, model, POT, scenario hash, version, coupling convention.
 * Curves: the nominal limit, its MC ±1σ edges and, where limits.json has them, its production-
 * systematics ±1σ edges. An allowed island inside an excluded region (a hole of the polygon) is a
 * table of its own, named and described as allowed. YAML via the `yaml` package. Browser-safe.
 */
import { stringify } from 'yaml';
import type { ContourSet, LimitsJson } from '../limits/compute.ts';
import { describeCouplingAxis, type CouplingAxis } from './coupling-axis.ts';
import { exclusionOutlines } from './polygons.ts';
import { provenanceLines, type OutputProvenance } from './provenance.ts';

export interface HepdataOptions {
  axis: CouplingAxis;
  provenance: OutputProvenance;
  /** Names the flag in refusals (default "--coupling-axis gagg"). */
  where?: string;
}

/** File name → YAML text. */
export type HepdataFiles = Record<string, string>;

type CurveKey = 'nominal' | 'mcMinus1Sigma' | 'mcPlus1Sigma' | 'systematicMinus1Sigma' | 'systematicPlus1Sigma';
const CURVES: { key: CurveKey; label: string; slug: string; meaning: string }[] = [
  { key: 'nominal', label: '', slug: '', meaning: 'nominal' },
  { key: 'mcMinus1Sigma', label: 'MC -1 sigma', slug: '-mc-minus-1sigma', meaning: "nominal with every region's signal shifted by -1 MC standard error" },
  { key: 'mcPlus1Sigma', label: 'MC +1 sigma', slug: '-mc-plus-1sigma', meaning: "nominal with every region's signal shifted by +1 MC standard error" },
  {
    key: 'systematicMinus1Sigma',
    label: 'syst -1 sigma',
    slug: '-syst-minus-1sigma',
    meaning: 'production yields at their -1 sigma systematic variation (limits.json systematics lists the variations)',
  },
  {
    key: 'systematicPlus1Sigma',
    label: 'syst +1 sigma',
    slug: '-syst-plus-1sigma',
    meaning: 'production yields at their +1 sigma systematic variation (limits.json systematics lists the variations)',
  },
];

const MAX_NAME = 64; // submission_schema.json: name maxLength

function slugOf(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'curve'
  );
}

function tableName(scenario: string, suffix: string): string {
  const room = MAX_NAME - suffix.length;
  const head = scenario.length > room ? `${scenario.slice(0, Math.max(1, room - 1))}…` : scenario;
  return `${head}${suffix}`;
}

function curveTables(
  limits: LimitsJson,
  set: ContourSet,
  curve: (typeof CURVES)[number],
  options: HepdataOptions,
  used: Set<string>,
): { meta: Record<string, unknown>; file: string; data: Record<string, unknown> }[] {
  const axis = describeCouplingAxis(limits, options.axis, options.where ?? '--coupling-axis gagg');
  const basis = limits.basis === 'observed' ? 'observed' : 'expected median';
  const outlines = exclusionOutlines(set);
  const regionCount = outlines.filter((o) => o.ring === 0).length;
  return outlines.map((outline) => {
    const island = outline.ring > 0;
    const region = `${regionCount > 1 ? ` region ${outline.polygon + 1}` : ''}${island ? ` allowed island ${outline.ring}` : ''}`;
    const suffix = ` ${basis}${curve.label ? ` ${curve.label}` : ''}${region}`;
    const name = tableName(limits.scenario, suffix);
    let file = `${slugOf(limits.scenario)}-${slugOf(basis)}${curve.slug}${regionCount > 1 ? `-region-${outline.polygon + 1}` : ''}${island ? `-island-${outline.ring}` : ''}.yaml`;
    for (let k = 2; used.has(file); k++) file = file.replace(/(-\d+)?\.yaml$/, `-${k}.yaml`);
    used.add(file);
    const qualifiers = [
      { name: 'CL', value: `${Math.round(limits.cl * 100)}%` },
      { name: 'statistic', value: 'CLs' },
      { name: 'basis', value: basis },
      { name: 'scenario', value: limits.scenario },
      { name: 'model', value: limits.model },
      {
        name: 'model couplings',
        value: `c_GG=${limits.modelCouplings.c_GG}, c_BB=${limits.modelCouplings.c_BB}, c_WW=${limits.modelCouplings.c_WW}, c_ll=${limits.modelCouplings.c_ll}`,
      },
      { name: 'coupling convention', value: axis.convention },
      { name: 'POT', value: limits.pot },
      { name: 'scenario hash', value: limits.provenance.scenarioHash },
      { name: 'version', value: `alpenglow ${limits.provenance.version}` },
      { name: 'curve', value: curve.meaning },
      { name: 'area', value: island ? 'allowed island inside the excluded region (not excluded)' : 'excluded region' },
    ];
    const data = {
      independent_variables: [{ header: { name: 'm_a', units: 'GeV' }, values: outline.points.map(([m]) => ({ value: m })) }],
      dependent_variables: [{ header: { name: axis.name, units: 'GeV^-1' }, qualifiers, values: outline.points.map(([, g]) => ({ value: g * axis.factor })) }],
    };
    const meta = {
      name,
      description: island
        ? `${Math.round(limits.cl * 100)}% CL (CLs) ${basis} limit of ${limits.scenario} for ALP model ${limits.model}${curve.label ? ` (${curve.label})` : ''}: an allowed (not excluded) island inside excluded region ${outline.polygon + 1}, as a closed polygon in (m_a, ${axis.name}), first point repeated.`
        : `${Math.round(limits.cl * 100)}% CL (CLs) ${basis} exclusion of ${limits.scenario} for ALP model ${limits.model}${curve.label ? ` (${curve.label})` : ''}${region}: closed polygon in (m_a, ${axis.name}), from the lowest mass along the lower edge and back along the upper edge, first point repeated${outlines.length > regionCount ? '; allowed islands inside it are separate tables' : ''}.`,
      keywords: [
        { name: 'observables', values: ['Exclusion limit'] },
        { name: 'phrases', values: ['Axion-like particles', 'Beam dump', 'Monte Carlo'] },
      ],
      data_file: file,
    };
    return { meta, file, data };
  });
}

/** The HEPData files (submission.yaml and the data files) for one or more limits.json objects. */
export function hepdataSubmission(limitsList: LimitsJson[], options: HepdataOptions): HepdataFiles {
  const used = new Set<string>();
  const tables = limitsList.flatMap((limits) =>
    CURVES.flatMap((curve) => {
      const set = limits.contours[curve.key];
      return set ? curveTables(limits, set, curve, options, used) : [];
    }),
  );
  const info = {
    comment: ['Exclusion limits computed with alpenglow (a WebGPU Monte Carlo for axion-like particles).', ...provenanceLines(options.provenance)].join('\n'),
  };
  const documents = [info, ...tables.map((t) => t.meta)].map((doc) => stringify(doc, { lineWidth: 0 }));
  const files: HepdataFiles = { 'submission.yaml': `${documents.join('---\n')}` };
  for (const table of tables) files[table.file] = stringify(table.data, { lineWidth: 0 });
  return files;
}
