/**
 * Turns schema issues into lines a physicist can act on:
 *   scenarios/koto-step2.json: detector.ecal.radiusM must be > 0 (got -1)
 * One line per problem, file first, JSON path, rule, bad value.
 */
import type { z } from 'zod';

/** At most this many problems are listed (then "… and N more problems"), each at most MAX_LINE characters. */
export const MAX_PROBLEMS = 20;
export const MAX_LINE = 1000;

/** Cuts a line to `max` characters (marking the cut) and makes it one line. */
export function shorten(text: string, max = MAX_LINE): string {
  const line = oneLine(text.length > max + 1000 ? text.slice(0, max + 1000) : text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Control characters (newlines included) written as escapes, so one problem is one line. */
function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export class InvalidScenario extends Error {
  override name = 'InvalidScenario';
  readonly userFacing = true;
  readonly problems: string[];
  constructor(
    readonly file: string,
    problems: string[],
  ) {
    const shown = problems.slice(0, MAX_PROBLEMS).map((problem) => shorten(problem));
    if (problems.length > MAX_PROBLEMS) shown.push(`… and ${problems.length - MAX_PROBLEMS} more problems`);
    const label = shorten(file, 200);
    super(shown.map((problem) => `${label}: ${problem}`).join('\n'));
    this.problems = shown;
  }
}

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? shorten(String(key), 40) : `.${shorten(String(key), 40)}`;
    if (out.length > 200) return `${out.slice(0, 199)}…`;
  }
  return out;
}

/** The bad value, short: never more than ~60 characters, never throws (deep nesting, cycles). */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${shorten(value, 60)}'`;
  if (typeof value === 'number') {
    // JSON.parse reads 1e999 as Infinity; JSON.stringify would print it as null.
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return `a number beyond ${value < 0 ? '-' : ''}1.8e308 like ${value < 0 ? '-' : ''}1e999`;
    return (Math.abs(value) >= 1e6 ? value.toExponential() : String(value)).replace('e+', 'e');
  }
  if (value && typeof value === 'object') {
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (size <= 20) {
      try {
        const text = JSON.stringify(value);
        if (text !== undefined) return shorten(text, 60).replace(/…$/, '...');
      } catch {
        // Nested too deeply for JSON.stringify (a RangeError): described below instead.
      }
    }
    return Array.isArray(value) ? `a list of ${value.length} entries` : `an object with ${size} fields`;
  }
  return shorten(String(value), 60);
}

/** "a string", "an integer", "a list" … for zod's expected-type names. */
function typeName(expected: string): string {
  const names: Record<string, string> = {
    int: 'an integer',
    tuple: 'a list',
    array: 'a list',
    object: 'an object',
    number: 'a number',
    string: 'a string',
    boolean: 'true or false',
  };
  return names[expected] ?? `a ${expected}`;
}

function describe(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array')
        return `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'} (got ${Array.isArray(input) ? input.length : show(input)})`;
      if (issue.origin === 'string') return `must not be empty (got ${show(input)})`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum} (got ${show(input)})`;
    case 'too_big':
      if (issue.origin === 'array') return `has too many entries (at most ${issue.maximum})`;
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters (got ${show(input)})`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum} (got ${show(input)})`;
    case 'invalid_type': {
      const expected = typeName(issue.expected);
      if (input === undefined) return `is required (${expected})`;
      if (typeof input === 'number' && issue.expected === 'number') return `must be a finite number (got ${show(input)})`;
      return `must be ${expected} (got ${show(input)})`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${show(issue.values[0])} (got ${show(input)})`
        : `must be one of ${issue.values.map(show).join(', ')} (got ${show(input)})`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys
        .slice(0, 5)
        .map((key) => `'${shorten(key, 40)}'`)
        .join(', ')}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
    case 'invalid_union':
      if ((issue as { note?: string }).note === 'No matching discriminator') {
        // zod puts the discriminator ('type') on the path itself; the input is the whole shape.
        const shapeType = input && typeof input === 'object' ? (input as { type?: unknown }).type : input;
        const prefix = issue.path[issue.path.length - 1] === 'type' ? '' : 'type ';
        return `${prefix}must be one of 'disc', 'box', 'polygon' (got ${show(shapeType)})`;
      }
      return `does not match any allowed form (got ${show(input)})`;
    case 'invalid_format':
      return `${issue.message.replace(/^Invalid string: /, '')} (got ${show(input)})`;
    default:
      return input === undefined || issue.code === 'custom' ? issue.message : `${issue.message} (got ${show(input)})`;
  }
}

export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    let text: string;
    try {
      text = describe(issue);
    } catch {
      text = issue.message;
    }
    const path = jsonPath(issue.path);
    return shorten(path ? `${path} ${text}` : text);
  });
}
