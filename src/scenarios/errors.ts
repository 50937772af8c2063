/**
 * Turns schema issues into lines a physicist can act on:
 *   scenarios/koto-step2.json: detector.ecal.radiusM must be > 0 (got -1)
 * One line per problem, file first, JSON path, rule, bad value.
 */
import type { z } from 'zod';

export class InvalidScenario extends Error {
  override name = 'InvalidScenario';
  readonly userFacing = true;
  constructor(readonly file: string, readonly problems: string[]) {
    super(problems.map((problem) => `${file}: ${problem}`).join('\n'));
  }
}

export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return `'${value}'`;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** "a string", "an integer", "a list" … for zod's expected-type names. */
function typeName(expected: string): string {
  const names: Record<string, string> = { int: 'an integer', tuple: 'a list', array: 'a list', object: 'an object', number: 'a number', string: 'a string', boolean: 'true or false' };
  return names[expected] ?? `a ${expected}`;
}

function describe(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${issue.minimum} ${Number(issue.minimum) === 1 ? 'entry' : 'entries'} (got ${Array.isArray(input) ? input.length : show(input)})`;
      if (issue.origin === 'string') return `must not be empty (got ${show(input)})`;
      return `must be ${issue.inclusive ? '≥' : '>'} ${issue.minimum} (got ${show(input)})`;
    case 'too_big':
      if (issue.origin === 'array') return `has too many entries (at most ${issue.maximum})`;
      return `must be ${issue.inclusive ? '≤' : '<'} ${issue.maximum} (got ${show(input)})`;
    case 'invalid_type': {
      const expected = typeName(issue.expected);
      if (input === undefined) return `is required (${expected})`;
      return `must be ${expected} (got ${show(input)})`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `must be ${show(issue.values[0])} (got ${show(input)})` : `must be one of ${issue.values.map(show).join(', ')} (got ${show(input)})`;
    case 'unrecognized_keys':
      return `has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `'${key}'`).join(', ')}`;
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
    const path = jsonPath(issue.path);
    const text = describe(issue);
    return path ? `${path} ${text}` : text;
  });
}
