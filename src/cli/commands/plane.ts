/**
 * `alpenglow plane`: the fixed-mass coupling–coupling plane (c_x/f_a vs c_y/f_a, GeV⁻¹, KOTO
 * convention; docs/limits.md §7). Γ_tot and BR change across the plane, so the engine runs at this
 * one mass over a width grid covering Γ_tot of every plane point; each point then reads the table
 * at its own Γ_tot. Writes DIR/plane.json, plane.svg, plane.png.
 */
import { join } from 'node:path';
import { parsePlaneCoupling, PLANE_COUPLINGS, type PlaneCoupling } from '../../limits/plane.ts';
import { planeProductionModes, runPlane } from '../../app/run-plane.ts';
import { cachedProductionSource } from '../../node/production-cache.ts';
import { progressBarHooks } from '../../node/progress-bar.ts';
import { couplingPlaneSvg } from '../../plots/exclusion.ts';
import { provenanceRecord } from '../../formats/provenance.ts';
import { commandLine, creationTime, figureFiles, parseFigureFlag, provenanceSidecar } from '../outputs.ts';
import { parseEngine, parseNumberFlag, UsageError, type CliCommand } from '../command.ts';
import { nodeEngine, parseAdapterFlag } from '../../node/engine.ts';
import { ADAPTER_FLAG, defineFlags, ENGINE_FLAG, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';
import { prepareOutputDirectory } from '../../node/output-location.ts';
import {
  DEFAULT_LIMITS_SAMPLES,
  DEFAULT_LIMITS_SEED,
  loadScenarios,
  parsePotFlag,
  parseSamplesFlag,
  parseValues,
  parseWidthsPerDecade,
  writeOutputs,
} from './limits.ts';
import { COUPLING_RANGE_PER_GEV, MAX_PLANE_AXIS_POINTS } from '../../app/caps.ts';

/** Default axes: c_i/f_a from 10⁻⁷ to 10⁻² GeV⁻¹, 101 log-spaced points (20 per decade). */
export const DEFAULT_PLANE_RANGE = '1e-7:1e-2:101';

/** `--fix c_WW=1e-5,c_ll=0`: other couplings c_i/f_a in GeV⁻¹. */
function parseFixed(raw: string | undefined, x: PlaneCoupling, y: PlaneCoupling): Partial<Record<PlaneCoupling, number>> {
  if (raw === undefined || raw.trim() === '') return {};
  const fixed: Partial<Record<PlaneCoupling, number>> = {};
  for (const item of raw.split(',')) {
    const [name, value] = item.split('=').map((part) => part.trim());
    const coupling = parsePlaneCoupling('fix', name);
    if (coupling === x || coupling === y) throw new UsageError(`--fix ${coupling}: that coupling is already on the ${coupling === x ? 'x' : 'y'} axis`);
    if (value === undefined) throw new UsageError(`--fix must be a list of coupling=value (got '${item}')`);
    const fixedValue = parseNumberFlag('fix', value, { min: 0 })!;
    if (fixedValue > COUPLING_RANGE_PER_GEV[1]) throw new UsageError(`--fix ${coupling} must be ≤ ${COUPLING_RANGE_PER_GEV[1]} GeV^-1 (got ${value})`);
    fixed[coupling] = fixedValue;
  }
  return fixed;
}

const FLAGS = defineFlags({
  scenario: { type: 'string', value: '<name|path>[,more]', description: 'shipped scenario names or scenario JSON files, comma-separated (required)' },
  mass: { type: 'string', value: '<GeV>', description: 'the ALP mass in GeV (required)' },
  x: { type: 'string', value: `<${PLANE_COUPLINGS.join('|')}>`, description: 'coupling on the x axis (required)' },
  y: { type: 'string', value: '<…>', description: 'coupling on the y axis, another one (required)' },
  range: { type: 'string', value: 'lo:hi:n', description: `both axes, c_i/f_a in GeV^-1, lo:hi:n log-spaced or a list (default ${DEFAULT_PLANE_RANGE})` },
  'x-range': { type: 'string', value: 'lo:hi:n', description: 'the x axis (overrides --range)' },
  'y-range': { type: 'string', value: 'lo:hi:n', description: 'the y axis (overrides --range)' },
  fix: { type: 'string', value: 'c_WW=v,…', description: 'other couplings c_i/f_a in GeV^-1 (default 0)' },
  samples: { type: 'string', value: 'N', description: `ALP samples per production mode (default ${DEFAULT_LIMITS_SAMPLES})` },
  seed: { type: 'string', value: 'S', description: `u32 seed (default ${DEFAULT_LIMITS_SEED})` },
  pot: { type: 'string', value: 'N', description: "exposure in protons on target (default the scenario's)" },
  out: { type: 'string', value: 'DIR', description: 'output directory (default out/plane)' },
  json: { ...JSON_FLAG, description: 'also print plane.json to stdout' },
  engine: ENGINE_FLAG,
  adapter: ADAPTER_FLAG,
  'widths-per-decade': { type: 'string', value: 'N', description: 'width-grid density of the engine run' },
  figure: {
    type: 'string',
    value: 'paper|explore',
    description: 'paper (default: observed filled, projections dashed, legend below) or explore (MC band, grid)',
  },
});

export const planeCommand: CliCommand = {
  name: 'plane',
  summary: 'fixed-mass coupling–coupling exclusion plane (e.g. c_GG/f_a vs c_BB/f_a): plane.json/svg/png',
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: [
        `alpenglow plane --scenario <name|path>[,more] --mass <GeV> --x <${PLANE_COUPLINGS.join('|')}> --y <…>`,
        '                [--range lo:hi:n] [--x-range lo:hi:n] [--y-range lo:hi:n] [--fix c_WW=v,…]',
        '                [--samples N] [--seed S] [--pot N] [--out DIR] [--json] [--engine auto|webgpu|reference]',
        '                [--adapter auto|hardware|software] [--widths-per-decade N] [--figure paper|explore]',
      ].join('\n'),
      description: 'The 90 % CL exclusion in the plane of two couplings at one mass: writes plane.json, plane.svg, plane.png and provenance.json to --out.',
    },
    FLAGS,
  ),
  async run(argv) {
    const { values } = parseFlags(FLAGS, argv);
    if (values.mass === undefined) throw new UsageError('--mass is required (GeV)');
    const massGeV = parseNumberFlag('mass', values.mass, { minExclusive: 0 })!;
    const figure = parseFigureFlag(values.figure);
    if (values.x === undefined || values.y === undefined) throw new UsageError(`--x and --y are required: two of ${PLANE_COUPLINGS.join(', ')}`);
    const x = parsePlaneCoupling('x', values.x);
    const y = parsePlaneCoupling('y', values.y);
    if (x === y) throw new UsageError(`--x and --y must be different couplings (both '${x}')`);
    const fixed = parseFixed(values.fix, x, y);
    const range = values.range ?? DEFAULT_PLANE_RANGE;
    const xValues = parseValues(values['x-range'] ? 'x-range' : 'range', values['x-range'] ?? range, 'GeV^-1', {
      increasing: true,
      maxCount: MAX_PLANE_AXIS_POINTS,
      range: COUPLING_RANGE_PER_GEV,
    });
    const yValues = parseValues(values['y-range'] ? 'y-range' : 'range', values['y-range'] ?? range, 'GeV^-1', {
      increasing: true,
      maxCount: MAX_PLANE_AXIS_POINTS,
      range: COUPLING_RANGE_PER_GEV,
    });
    if (xValues.length < 2 || yValues.length < 2) throw new UsageError('each axis needs at least 2 couplings');
    const engine = parseEngine(values.engine);
    const adapter = parseAdapterFlag(values.adapter, engine);
    const samples = parseSamplesFlag(values.samples, DEFAULT_LIMITS_SAMPLES);
    const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? DEFAULT_LIMITS_SEED;
    if (seed > 0xffffffff) throw new UsageError(`--seed must be ≤ ${0xffffffff} (got ${seed})`);
    const pot = parsePotFlag('pot', values.pot);
    const perDecade = parseWidthsPerDecade(values['widths-per-decade']);
    const outDir = values.out ?? 'out/plane';
    prepareOutputDirectory('out', outDir);
    const scenarios = await loadScenarios(values.scenario);

    const hooks = progressBarHooks();
    const planes = await runPlane({
      scenarios: scenarios.map((loaded) => ({ scenario: loaded.scenario, hash: loaded.hash })),
      massGeV,
      x,
      y,
      xValuesPerGeV: xValues,
      yValuesPerGeV: yValues,
      fixed,
      pot,
      samplesPerMass: samples,
      seed,
      widthsPerDecade: perDecade,
      engine: await nodeEngine(engine, adapter),
      production: cachedProductionSource(),
      hooks,
    });
    hooks.bar?.finish();
    const joined = <T>(values: T[]) => [...new Set(values)].join(' | ');
    const provenance = provenanceRecord({
      command: commandLine('plane', argv),
      createdAt: creationTime(),
      seed,
      samples,
      adapter: joined(planes.map((p) => p.provenance.adapter)),
      engine: joined(planes.map((p) => p.provenance.engine)),
      scenarios: scenarios.map((loaded) => ({
        name: loaded.scenario.name,
        hash: loaded.hash,
        productionModes: planeProductionModes({ massGeV, x, y, xValuesPerGeV: xValues, yValuesPerGeV: yValues, fixed }, loaded),
      })),
    });
    const stamped = planes.map((plane) => ({ ...plane, provenance: { ...plane.provenance, command: provenance.command, createdAt: provenance.createdAt } }));
    const json = `${JSON.stringify(stamped.length === 1 ? stamped[0] : stamped, null, 2)}\n`;
    const files: Record<string, string | Buffer> = { 'plane.json': json, ...figureFiles('plane', couplingPlaneSvg(planes, { mode: figure }), provenance) };
    files['provenance.json'] = provenanceSidecar(provenance, files);
    writeOutputs(outDir, files);
    process.stderr.write(
      `alpenglow: wrote ${Object.keys(files)
        .map((name) => join(outDir, name))
        .join(', ')}\n`,
    );
    if (values.json) process.stdout.write(json);
    return 0;
  },
};
