/**
 * `alpenglow scenarios`: the shipped scenario files (scenarios/*.json), one line each, validated
 * on the way (a broken shipped file is reported, not skipped).
 */
import { loadScenario, shippedScenarioNames } from '../../node/scenario-files.ts';
import type { CliCommand } from '../command.ts';
import { defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({ json: { ...JSON_FLAG, description: 'print {"scenarios": [{name, experiment, mode, pot, channel, regions, …, file, hash}]}' } });

export const scenariosCommand: CliCommand = {
  name: 'scenarios',
  summary: 'list the shipped experiment scenarios (experiment, mode, POT, channel)',
  flags: FLAGS,
  usage: formatUsage(
    { synopsis: 'alpenglow scenarios [--json]', description: 'Lists the shipped scenario files (scenarios/*.json), validating each on the way.' },
    FLAGS,
  ),
  async run(argv) {
    const { values } = parseFlags(FLAGS, argv);
    const rows = [];
    for (const name of shippedScenarioNames()) {
      const { scenario, file, hash } = await loadScenario(name);
      rows.push({
        name: scenario.name,
        experiment: scenario.experiment,
        mode: scenario.mode,
        pot: scenario.exposure.pot,
        channel: scenario.channel,
        additionalAcceptance: scenario.additionalAcceptance.value,
        regions: scenario.regions.map((region) => ({ name: region.name, backgroundEvents: region.backgroundEvents, observedEvents: region.observedEvents })),
        productionModes: scenario.production.modes,
        description: scenario.description,
        file,
        hash,
      });
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ scenarios: rows }, null, 2)}\n`);
      return 0;
    }
    const nameWidth = Math.max(4, ...rows.map((row) => row.name.length)) + 2;
    const experimentWidth = Math.max(10, ...rows.map((row) => row.experiment.length)) + 2;
    process.stdout.write(
      `${'name'.padEnd(nameWidth)}${'experiment'.padEnd(experimentWidth)}${'mode'.padEnd(6)}${'POT'.padEnd(9)}${'channel'.padEnd(14)}regions (background b, observed n)\n`,
    );
    for (const row of rows) {
      const regions =
        row.regions.length === 1 ? `1 (b = ${row.regions[0].backgroundEvents}, n = ${row.regions[0].observedEvents ?? 'projection'})` : `${row.regions.length}`;
      process.stdout.write(
        `${row.name.padEnd(nameWidth)}${row.experiment.padEnd(experimentWidth)}${row.mode.padEnd(6)}${row.pot.toExponential(1).replace('e+', 'e').padEnd(9)}${row.channel.padEnd(14)}${regions}\n`,
      );
    }
    return 0;
  },
};
