/**
 * One option table per command: the same declaration feeds node:util parseArgs and the `--help`
 * text, so the help can never list a flag the parser refuses, or miss one it accepts
 * (test/package/cli-surface.test.ts checks every command).
 */
import { parseArgs } from 'node:util';

export interface FlagSpec {
  type: 'string' | 'boolean';
  /** Help text. Lines after the first continue the description (indented under it). */
  description: string;
  /** Placeholder of a string flag's value in the help: `--masses lo:hi:n`. */
  value?: string;
  /** parseArgs default of a string flag (boolean flags default to false). */
  default?: string;
}

export type FlagTable = Readonly<Record<string, FlagSpec>>;

type FlagValue<S extends FlagSpec> = S['type'] extends 'boolean' ? boolean : S extends { default: string } ? string : string | undefined;
export type FlagValues<T extends FlagTable> = { -readonly [K in keyof T]: FlagValue<T[K]> };

/** Declares a table with its literal types kept (so parseFlags knows which values may be undefined). */
export function defineFlags<const T extends FlagTable>(table: T): T {
  return table;
}

/** `--json`, declared once for every command. */
export const JSON_FLAG = { type: 'boolean', description: 'print the result as JSON on stdout (errors too: {"error": {…}})' } as const satisfies FlagSpec;

/** `--adapter`, shared by every command that may run the WebGPU engine (parsed by src/node/engine.ts parseAdapterFlag). */
export const ADAPTER_FLAG = {
  type: 'string',
  value: 'auto|hardware|software',
  description:
    "which WebGPU adapter may run: auto (default: a GPU, else Mesa's software adapter),\nhardware (a GPU only: none is an error, exit 3), software (Mesa llvmpipe)",
} as const satisfies FlagSpec;

/** `--engine`, parsed by src/cli/command.ts parseEngine (absent = auto). */
export const ENGINE_FLAG = {
  type: 'string',
  value: 'auto|webgpu|reference',
  description: 'auto (default: WebGPU, else the float64 reference), webgpu, reference',
} as const satisfies FlagSpec;

/** Strict parse of argv against the table; positionals are refused unless `positionals` is set. */
export function parseFlags<T extends FlagTable>(
  table: T,
  argv: string[],
  options: { positionals?: boolean } = {},
): { values: FlagValues<T>; positionals: string[] } {
  const parseOptions: Record<string, { type: 'string' | 'boolean'; default?: string | boolean }> = {};
  for (const [name, spec] of Object.entries(table)) {
    parseOptions[name] =
      spec.type === 'boolean'
        ? { type: 'boolean', default: false }
        : spec.default === undefined
          ? { type: 'string' }
          : { type: 'string', default: spec.default };
  }
  const { values, positionals } = parseArgs({ args: argv, options: parseOptions, strict: true, allowPositionals: options.positionals ?? false });
  return { values: values as FlagValues<T>, positionals };
}

/** `--name value` as the help shows it. */
export function flagLabel(name: string, spec: FlagSpec): string {
  return spec.type === 'string' ? `--${name} ${spec.value ?? 'VALUE'}` : `--${name}`;
}

const MAX_LABEL_COLUMN = 28;

/** The flags section of a help text, one entry per table row, descriptions aligned. */
export function formatFlags(table: FlagTable): string {
  const labels = Object.entries(table).map(([name, spec]) => [flagLabel(name, spec), spec] as const);
  const column = Math.min(MAX_LABEL_COLUMN, Math.max(...labels.map(([label]) => label.length)) + 3);
  const lines: string[] = [];
  for (const [label, spec] of labels) {
    const [first, ...rest] = spec.description.split('\n');
    if (label.length + 3 > column) lines.push(`  ${label}`, `  ${' '.repeat(column)}${first}`);
    else lines.push(`  ${label.padEnd(column)}${first}`);
    for (const line of rest) lines.push(`  ${' '.repeat(column)}${line.trimStart()}`);
  }
  return lines.join('\n');
}

export interface UsageText {
  /** The command line(s): `alpenglow grid --scenario <name|path> --out DIR [flags]`. */
  synopsis: string;
  /** Paragraphs after the synopsis (what the command does). */
  description?: string;
  /** Paragraphs after the flags (output, exit codes). */
  footer?: string;
}

/** A command's `--help`: synopsis, description, then the flags generated from its table. */
export function formatUsage(text: UsageText, table: FlagTable): string {
  const parts = [`usage: ${text.synopsis}`];
  if (text.description) parts.push(text.description);
  parts.push(`flags:\n${formatFlags(table)}`);
  if (text.footer) parts.push(text.footer);
  return parts.join('\n\n');
}
