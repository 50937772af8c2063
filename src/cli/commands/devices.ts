import { parseArgs } from 'node:util';
import { adapterLabel } from '../../engine/device.ts';
import { acquireNodeDevice, listNodeAdapters } from '../../node/dawn-device.ts';
import type { CliCommand } from '../command.ts';

export const devicesCommand: CliCommand = {
  name: 'devices',
  summary: 'list the WebGPU adapters found, their backend and limits, and which one runs',
  usage: 'alpenglow devices [--json]',
  async run(argv) {
    const { values } = parseArgs({ args: argv, options: { json: { type: 'boolean', default: false } }, strict: true });
    const adapters = await listNodeAdapters();
    let selected: string | null = null;
    let problem: string | null = null;
    try {
      const acquired = await acquireNodeDevice('auto');
      selected = adapterLabel(acquired.adapter);
      acquired.device.destroy();
    } catch (error) {
      problem = (error as Error).message;
    }
    if (values.json) {
      process.stdout.write(`${JSON.stringify({ adapters, selected, fallback: selected ? null : 'float64 reference engine', problem }, null, 2)}\n`);
      return 0;
    }
    if (adapters.length === 0) process.stdout.write('No WebGPU adapter found.\n');
    for (const adapter of adapters) {
      process.stdout.write(`${adapterLabel(adapter)}\n`);
      for (const [key, value] of Object.entries(adapter.limits)) process.stdout.write(`    ${key.padEnd(36)} ${value}\n`);
    }
    process.stdout.write(selected ? `\nRuns on: ${selected}\n` : `\nRuns on: the float64 reference engine (${problem})\n`);
    return 0;
  },
};
