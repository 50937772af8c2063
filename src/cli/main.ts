/**
 * The alpenglow command line: `npm run -s alpenglow -- <command> [flags]` or the `alpenglow` bin.
 * Commands are thin layers over the library (src/); user errors print one line, no stack trace.
 */
import { benchCommand } from './commands/bench.ts';
import { checkCommand } from './commands/check.ts';
import { devicesCommand } from './commands/devices.ts';
import { physicsCommand } from './commands/physics.ts';
import { gridCommand } from './commands/grid.ts';
import { mergeCommand } from './commands/merge.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { scenariosCommand } from './commands/scenarios.ts';
import { eventsCommand } from './commands/events.ts';
import { serveCommand } from './commands/serve.ts';
import { limitsCommand } from './commands/limits.ts';
import { planeCommand } from './commands/plane.ts';
import type { CliCommand } from './command.ts';
import { EXIT_CODES } from './exit-codes.ts';
import { citationBibtex, citationCff } from './citation.ts';
import { ALPENGLOW_VERSION } from '../version.ts';

export const COMMANDS: CliCommand[] = [
  devicesCommand,
  checkCommand,
  benchCommand,
  physicsCommand,
  gridCommand,
  mergeCommand,
  exportCommand,
  importCommand,
  scenariosCommand,
  eventsCommand,
  serveCommand,
  limitsCommand,
  planeCommand,
];

function help(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 2;
  return [
    'usage: alpenglow <command> [flags]   (alpenglow <command> --help for its flags)',
    '       alpenglow --version [--json]      alpenglow --cite [--json]',
    '',
    'commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
  ].join('\n');
}

/** `alpenglow --version` and `alpenglow --cite` (each with an optional --json and nothing else). */
function globalFlag(name: string, rest: string[]): number {
  const json = rest.includes('--json');
  const extra = rest.find((arg) => arg !== '--json');
  if (extra !== undefined) {
    process.stderr.write(`alpenglow ${name}: unexpected argument '${extra}' (only --json may follow)\n`);
    return EXIT_CODES.input;
  }
  if (name === '--version') {
    process.stdout.write(json ? `${JSON.stringify({ name: 'alpenglow', version: ALPENGLOW_VERSION })}\n` : `alpenglow ${ALPENGLOW_VERSION}\n`);
  } else if (json) {
    process.stdout.write(`${JSON.stringify({ version: ALPENGLOW_VERSION, bibtex: citationBibtex(), citationCff: citationCff() }, null, 2)}\n`);
  } else {
    process.stdout.write(`# BibTeX\n\n${citationBibtex()}\n\n# CITATION.cff (Citation File Format 1.2.0)\n\n${citationCff()}`);
  }
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    process.stdout.write(`${help()}\n`);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-V' || name === '--cite') return globalFlag(name === '-V' ? '--version' : name, rest);
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (!command) {
    process.stderr.write(`alpenglow: unknown command '${name}'. Commands: ${COMMANDS.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    const err = error as Error & { userFacing?: boolean; code?: string };
    const kind = errorKind(err);
    if (kind === 'internal') throw error;
    process.stderr.write(`alpenglow ${name}: ${err.message}\n`);
    if (rest.includes('--json'))
      process.stdout.write(`${JSON.stringify({ error: { command: name, kind, exitCode: EXIT_CODES[kind], message: err.message } })}\n`);
    return EXIT_CODES[kind];
  }
}

export { EXIT_CODES };
export type ErrorKind = Exclude<keyof typeof EXIT_CODES, 'ok'>;

export function errorKind(err: Error & { userFacing?: boolean; code?: string }): ErrorKind {
  if (err.name === 'DeviceLostError' || err.name === 'AbortError') return 'device';
  if (err.name === 'WriteFailed' || err.name === 'NoWebGpuAdapter' || err.name === 'NoHardwareAdapter') return 'environment';
  // parseArgs reports unknown/ill-formed flags with ERR_PARSE_ARGS_* codes: user errors too.
  if (err.userFacing || err.code?.startsWith('ERR_PARSE_ARGS') || err.name === 'PhysicsInputError' || err.name === 'InvalidProductionTable') return 'input';
  return 'internal';
}

// bin/alpenglow.js imports this module and calls main() itself: only a direct `tsx src/cli/main.ts` runs it here.
const invokedDirectly = process.argv[1] && /src[\\/]cli[\\/]main\.ts$/.test(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`alpenglow: internal error: ${(error as Error).stack ?? error}\n`);
      process.exitCode = 1;
    },
  );
}
