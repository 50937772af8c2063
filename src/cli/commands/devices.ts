import { EXIT_CODES } from '../exit-codes.ts';
import { adapterLabel } from '../../engine/device.ts';
import { acquireNodeDevice, listNodeAdapters, NoHardwareAdapter } from '../../node/dawn-device.ts';
import { parseAdapterFlag } from '../../node/engine.ts';
import type { CliCommand } from '../command.ts';
import { ADAPTER_FLAG, defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({ adapter: ADAPTER_FLAG, json: { ...JSON_FLAG, description: 'print {adapters, selected, fallback, problem}' } });

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list the WebGPU adapters found, their backend and limits, and which one runs',
  flags: FLAGS,
  usage: formatUsage(
    { synopsis: 'alpenglow devices [--adapter auto|hardware|software] [--json]', footer: 'Exit 3 with --adapter hardware when no GPU adapter exists.' },
    FLAGS,
  ),
  async run(argv) {
    const { values } = parseFlags(FLAGS, argv);
    const preference = parseAdapterFlag(values.adapter, 'webgpu');
    const adapters = await listNodeAdapters();
    let selected: string | null = null;
    let problem: string | null = null;
    let missingHardware = false;
    try {
      const acquired = await acquireNodeDevice(preference);
      selected = adapterLabel(acquired.adapter);
      acquired.device.destroy();
    } catch (error) {
      problem = (error as Error).message;
      if (error instanceof NoHardwareAdapter) missingHardware = true;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ adapters, selected, fallback: selected ? null : 'float64 reference engine', problem }, null, 2)}\n`);
      return missingHardware ? EXIT_CODES.environment : 0;
    }
    if (adapters.length === 0) process.stdout.write('No WebGPU adapter found.\n');
    for (const adapter of adapters) {
      process.stdout.write(`${adapterLabel(adapter)}\n`);
      for (const [key, value] of Object.entries(adapter.limits)) process.stdout.write(`    ${key.padEnd(36)} ${value}\n`);
    }
    if (missingHardware) {
      process.stderr.write(`alpenglow devices: ${problem}\n`);
      return EXIT_CODES.environment;
    }
    process.stdout.write(selected ? `\nRuns on: ${selected}\n` : `\nRuns on: the float64 reference engine (${problem})\n`);
    return 0;
  },
};
