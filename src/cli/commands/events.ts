/**
 * `alpenglow events`: the expected signal distribution of one ALP model point in a scenario's
 * plane (KOTO kaon mode: reconstructed z_vtx × p_T, arXiv:2303.01521 Fig. 4), computed by the
 * engine's histogram (WGSL hot path, or the float64 reference), plus the expected counts in each
 * signal region. Writes CSV, SVG and PNG; prints the counts (or JSON with --json).
 *
 *   N(cell) = POT × A_add × BR(channel) × Σ_modes S_mode × yield_mode(m) × ε_mode(m, Γ_tot, cell)
 *
 * (src/scenarios/signal-distribution.ts). For each production mode the engine runs once at the
 * exact Γ_tot of the model, so no table interpolation is involved.
 */
import { join, resolve } from 'node:path';
import { areaContains } from '../../engine/selection/compile-ts.ts';
import { cachedProductionSource } from '../../node/production-cache.ts';
import { progressBarHooks } from '../../node/progress-bar.ts';
import { writeFileAtomic } from '../../node/atomic-file.ts';
import { prepareOutputDirectory } from '../../node/output-location.ts';
import { runEvents } from '../../app/run-events.ts';
import { provenanceRecord } from '../../formats/provenance.ts';
import { commandLine, creationTime, figureFiles, provenanceSidecar } from '../outputs.ts';
import { parseLimitsModel, MODEL_CHOICES } from '../../limits/model.ts';
import { heatmapSvg } from '../../plots/heatmap.ts';
import { CHANNELS, compileScenario } from '../../scenarios/compile.ts';
import { loadScenario } from '../../node/scenario-files.ts';
import { defaultSignalPlane, distributionCsv, parseBinSpec } from '../../scenarios/signal-distribution.ts';
import { parseEngine, parseNumberFlag, parseSamplesFlag, UsageError, type CliCommand } from '../command.ts';
import { COUPLING_RANGE_PER_GEV, MAX_HISTOGRAM_BINS } from '../../app/caps.ts';
import { ENGINE_VALUE_LIMIT } from '../../engine/wgsl-literals.ts';
import { nodeEngine, parseAdapterFlag } from '../../node/engine.ts';
import { ADAPTER_FLAG, defineFlags, ENGINE_FLAG, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({
  scenario: { type: 'string', value: '<name|file.json>', description: 'shipped scenario name or scenario JSON file (required)' },
  model: { type: 'string', value: `<${MODEL_CHOICES}>`, description: 'the ALP model (required)' },
  mass: { type: 'string', value: '<GeV>', description: 'ALP mass in GeV (required)' },
  coupling: {
    type: 'string',
    value: '<c/f_a in GeV^-1>',
    description: `coupling 1/f_a with the model's c's fixed, in [${COUPLING_RANGE_PER_GEV[0]}, ${COUPLING_RANGE_PER_GEV[1]}] GeV^-1 (required)`,
  },
  samples: { type: 'string', value: 'N', description: 'ALP samples per production mode (default 2000000)' },
  seed: { type: 'string', value: 'S', description: 'u32 seed (default 1)' },
  out: { type: 'string', value: 'DIR', description: 'output directory (default alpenglow-events)' },
  'x-bins': { type: 'string', value: 'lo:hi:n', description: "bins of the plane's x axis (default: the scenario's plane)" },
  'y-bins': { type: 'string', value: 'lo:hi:n', description: "bins of the plane's y axis (default: the scenario's plane)" },
  engine: { ...ENGINE_FLAG, default: 'auto' },
  adapter: ADAPTER_FLAG,
  json: { ...JSON_FLAG, description: 'print the counts, per region and mode, and the file paths as JSON (docs/cli.md)' },
});

const USAGE_TEXT = {
  synopsis: `alpenglow events --scenario <name|file.json> --model <${MODEL_CHOICES}> --mass <GeV> --coupling <c/f_a in GeV^-1>
                 [--samples N] [--seed S] [--out DIR] [--x-bins lo:hi:n] [--y-bins lo:hi:n]
                 [--engine auto|webgpu|reference] [--adapter auto|hardware|software] [--json]`,
  description:
    "The expected signal distribution of one model point in the scenario's plane and the expected events per signal region:\nwrites <stem>.csv, .svg, .png and .provenance.json to --out.",
};
const USAGE = formatUsage(USAGE_TEXT, FLAGS);

/** "0.3" → "0.3", 1e-5 → "1e-05" style kept short for file names. */
function fileNumber(value: number): string {
  return String(Number(value.toPrecision(4))).replace('+', '');
}

function formatNumber(value: number, digits: number): string {
  return value !== 0 && (Math.abs(value) < 1e-3 || Math.abs(value) >= 1e5) ? value.toExponential(digits - 1) : value.toPrecision(digits);
}

function formatCount(value: number, error: number): string {
  if (value === 0) return '0';
  return `${formatNumber(value, 3)} ± ${formatNumber(error, 2)}`;
}

export const eventsCommand: CliCommand = {
  name: 'events',
  summary: 'expected signal distribution in the (z_vtx, p_T) plane and per-region counts for one model point (CSV, SVG, PNG)',
  flags: FLAGS,
  usage: USAGE,
  async run(argv) {
    const { values } = parseFlags(FLAGS, argv);
    for (const flag of ['scenario', 'model', 'mass', 'coupling'] as const) {
      if (values[flag] === undefined) throw new UsageError(`--${flag} is required\nusage: ${USAGE_TEXT.synopsis}`);
    }
    const engine = parseEngine(values.engine);
    const adapter = parseAdapterFlag(values.adapter, engine);
    const massGeV = parseNumberFlag('mass', values.mass, { minExclusive: 0 })!;
    const couplingPerGeV = parseNumberFlag('coupling', values.coupling, { minExclusive: 0 })!;
    if (couplingPerGeV < COUPLING_RANGE_PER_GEV[0] || couplingPerGeV > COUPLING_RANGE_PER_GEV[1]) {
      throw new UsageError(`--coupling must lie in [${COUPLING_RANGE_PER_GEV[0]}, ${COUPLING_RANGE_PER_GEV[1]}] GeV^-1 (got ${values.coupling})`);
    }
    const samples = parseSamplesFlag(values.samples, 2_000_000);
    const seed = parseNumberFlag('seed', values.seed, { integer: true, min: 0 }) ?? 1;
    if (seed > 0xffffffff) throw new UsageError(`--seed must be ≤ ${0xffffffff} (got ${values.seed})`);
    prepareOutputDirectory('out', values.out ?? 'alpenglow-events');

    const { scenario, file, hash } = await loadScenario(values.scenario!);
    const [m0, m1] = compileScenario(scenario).channel.daughterMassesGeV;
    if (!(massGeV > m0 + m1))
      throw new UsageError(`--mass ${massGeV} GeV is below the ${CHANNELS[scenario.channel].name} threshold ${m0 + m1} GeV of scenario ${scenario.name}`);
    const limitsModel = parseLimitsModel(values.model!);
    const defaults = defaultSignalPlane(scenario, massGeV);
    const plane = {
      ...defaults,
      xBins: values['x-bins'] ? parseBinSpec('x-bins', values['x-bins']) : defaults.xBins,
      yBins: values['y-bins'] ? parseBinSpec('y-bins', values['y-bins']) : defaults.yBins,
    };
    for (const [flag, bins] of [
      ['x-bins', plane.xBins],
      ['y-bins', plane.yBins],
    ] as const) {
      if (bins[2] > MAX_HISTOGRAM_BINS) throw new UsageError(`--${flag}: at most ${MAX_HISTOGRAM_BINS} bins (got ${bins[2]})`);
      if (Math.abs(bins[0]) > ENGINE_VALUE_LIMIT || Math.abs(bins[1]) > ENGINE_VALUE_LIMIT)
        throw new UsageError(`--${flag}: lo and hi must lie in [-1e15, 1e15], the range the float32 engine represents (got '${values[flag]}')`);
    }
    const hooks = progressBarHooks({ quiet: values.json });
    const run = await runEvents({
      scenario,
      model: limitsModel,
      massGeV,
      couplingPerGeV,
      samplesPerMass: samples,
      seed,
      plane,
      engine: await nodeEngine(engine, adapter),
      production: cachedProductionSource(),
      hooks,
    });
    hooks.bar?.finish();
    const { model, widthGeV, distribution, results } = run;
    const branching = run.branchingRatio;
    const inPlane = distribution.cellEvents.reduce((sum, value) => sum + value, 0);
    const inRegions = distribution.regionEvents.reduce((sum, value) => sum + value, 0);

    const outDir = resolve(values.out ?? 'alpenglow-events');
    const stem = `${scenario.name}-${limitsModel.name.replace(/[^a-zA-Z0-9.,-]/g, '_')}-m${fileNumber(massGeV)}-g${fileNumber(couplingPerGeV)}`;
    const files = {
      csv: join(outDir, `${stem}.csv`),
      svg: join(outDir, `${stem}.svg`),
      png: join(outDir, `${stem}.png`),
      provenance: join(outDir, `${stem}.provenance.json`),
    };
    const provenance = provenanceRecord({
      command: commandLine('events', argv),
      createdAt: creationTime(),
      seed,
      samples,
      adapter: results[0].table.engine.adapter,
      engine: results[0].table.engine.kind,
      scenarios: [{ name: scenario.name, hash, productionModes: results.map((result) => result.mode) }],
    });
    const contents: Record<string, string | Buffer> = { [`${stem}.csv`]: distributionCsv(plane, distribution) };

    const regionLabel = (index: number) => (scenario.regions.length > 1 ? String(index + 1) : scenario.regions[index].name);
    const regionWord = scenario.regions.length > 1 ? `the ${scenario.regions.length} signal regions` : `the signal region (${scenario.regions[0].name})`;
    const svg = heatmapSvg({
      title: `${scenario.name}: expected ALP → γγ signal, ${limitsModel.name} model`,
      subtitle: [
        `m_a = ${massGeV} GeV, coupling ${formatNumber(couplingPerGeV, 3)} GeV⁻¹ (f_a = ${formatNumber(model.faGeV, 3)} GeV), Γ_tot = ${widthGeV.toExponential(2)} GeV`,
        `${formatNumber(inRegions, 3)} expected events in ${regionWord}; ${formatNumber(inPlane, 3)} selected in the plotted range`,
      ],
      xLabel: plane.xLabel,
      yLabel: plane.yLabel,
      xBins: plane.xBins,
      yBins: plane.yBins,
      values: distribution.cellEvents,
      colourLabel: 'expected events per bin',
      regions: plane.regionsInPlane ? scenario.regions.map((region, index) => ({ label: regionLabel(index), contains: areaContains(region.area) })) : [],
      footnotes: [
        `${scenario.exposure.pot.toExponential(1).replace('e+', 'e')} POT, A_add = ${scenario.additionalAcceptance.value}, BR(γγ) = ${branching.toPrecision(3)}; production: ${scenario.production.modes.join(' + ')}.`,
        `${samples.toExponential(1).replace('e+', 'e')} ALP samples per mode, seed ${seed}, ${results[0].table.engine.kind} engine.`,
        plane.regionsInPlane
          ? `Red: signal-region boundaries of ${scenario.name} (${scenario.regions.length > 1 ? 'numbered as in the scenario file' : 'one region'}).`
          : `Plane: ${plane.description}. The signal region is defined in another plane and not drawn.`,
      ],
    });
    Object.assign(contents, figureFiles(stem, svg, provenance));
    contents[`${stem}.provenance.json`] = provenanceSidecar(provenance, contents);
    for (const [name, content] of Object.entries(contents)) writeFileAtomic(join(outDir, name), content);

    const regions = scenario.regions.map((region, index) => ({
      name: region.name,
      events: distribution.regionEvents[index],
      eventsError: distribution.regionEventsError[index],
      backgroundEvents: region.backgroundEvents,
      observedEvents: region.observedEvents,
    }));
    if (values.json) {
      process.stdout.write(
        `${JSON.stringify(
          {
            scenario: scenario.name,
            scenarioFile: file,
            scenarioHash: hash,
            model: { name: limitsModel.name, cGG: model.cGG, cBB: model.cBB, cWW: model.cWW, faGeV: model.faGeV },
            massGeV,
            couplingPerGeV,
            widthGeV,
            branchingRatio: branching,
            pot: scenario.exposure.pot,
            additionalAcceptance: scenario.additionalAcceptance.value,
            samples,
            seed,
            engine: results[0].table.engine,
            plane: {
              x: plane.x,
              y: plane.y,
              xLabel: plane.xLabel,
              yLabel: plane.yLabel,
              xBins: plane.xBins,
              yBins: plane.yBins,
              description: plane.description,
            },
            regions,
            regionEventsTotal: inRegions,
            planeEventsTotal: inPlane,
            modes: results.map((result, index) => ({
              mode: result.mode,
              couplingScale: result.couplingScale,
              yieldPerPotAtReference: result.table.yieldPerPot[0],
              regionEfficiency: Array.from(result.table.efficiency),
              events: distribution.modeEvents[index].events,
              eventsError: distribution.modeEvents[index].eventsError,
            })),
            files,
          },
          null,
          2,
        )}\n`,
      );
      return 0;
    }
    process.stdout.write(
      `\n${scenario.name} (${file}): ${limitsModel.name} ALP, m_a = ${massGeV} GeV, coupling = ${formatNumber(couplingPerGeV, 4)} GeV⁻¹ (f_a = ${formatNumber(model.faGeV, 4)} GeV)\n`,
    );
    process.stdout.write(
      `Γ_tot = ${widthGeV.toExponential(3)} GeV, BR(${scenario.channel}) = ${branching.toPrecision(4)}, ${scenario.exposure.pot.toExponential(2)} POT, A_add = ${scenario.additionalAcceptance.value}\n\n`,
    );
    process.stdout.write(`expected signal events per region (± MC error)       background   observed\n`);
    regions.forEach((region) => {
      process.stdout.write(
        `  ${region.name.padEnd(40)}${formatCount(region.events, region.eventsError).padEnd(22)}${String(region.backgroundEvents).padEnd(13)}${region.observedEvents ?? 'projection'}\n`,
      );
    });
    process.stdout.write(`  ${'all regions'.padEnd(40)}${inRegions.toPrecision(3)}\n`);
    for (const mode of distribution.modeEvents) process.stdout.write(`    from ${mode.mode}: ${formatCount(mode.events, mode.eventsError)}\n`);
    process.stdout.write(
      `\nplane: ${plane.description}\n  ${plane.x} ∈ [${plane.xBins[0]}, ${plane.xBins[1]}) × ${plane.y} ∈ [${plane.yBins[0]}, ${plane.yBins[1]}), ${plane.xBins[2]} × ${plane.yBins[2]} bins; ${inPlane.toPrecision(3)} selected events in range\n`,
    );
    process.stdout.write(
      `\nwrote ${files.csv}\n      ${files.svg}\n      ${files.png}\n      ${files.provenance}\nengine: ${results[0].table.engine.adapter}\n`,
    );
    return 0;
  },
};
