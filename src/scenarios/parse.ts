/**
 * Parse and validate one scenario (browser-safe: no file system). `label` names the file in
 * every error line. The scenario hash (SHA-256 of the canonical JSON of the validated scenario)
 * goes into the provenance of every table and limit made from it, so a table from another
 * scenario, or from an edited one, is recognised and refused.
 */
import { InvalidScenario, formatIssues } from './errors.ts';
import { scenarioSchema, type Scenario } from './schema.ts';

/**
 * A scenario file may name its JSON Schema (`"$schema": "../schemas/scenario.schema.json"`, for
 * editors); it is not part of the scenario, so it is dropped before validation and never enters the hash.
 */
function withoutSchemaReference(data: unknown, label: string): unknown {
  if (!data || typeof data !== 'object' || Array.isArray(data) || !('$schema' in data)) return data;
  const { $schema, ...scenario } = data as Record<string, unknown>;
  if (typeof $schema !== 'string')
    throw new InvalidScenario(label, [`$schema must be a string (the path or URL of a JSON Schema; got ${JSON.stringify($schema)})`]);
  return scenario;
}

export function parseScenario(data: unknown, label: string): Scenario {
  const result = scenarioSchema.safeParse(withoutSchemaReference(data, label), { reportInput: true });
  if (!result.success) throw new InvalidScenario(label, formatIssues(result.error.issues));
  return result.data;
}

export function parseScenarioText(text: string, label: string): Scenario {
  let data: unknown;
  try {
    // A UTF-8 byte-order mark (editors on Windows write one) is not JSON: skip it.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new InvalidScenario(label, [`is not valid JSON: ${(error as Error).message}`]);
  }
  return parseScenario(data, label);
}

/** JSON with object keys sorted, so equal scenarios hash equal whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export async function scenarioHash(scenario: Scenario): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(scenario));
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes);
  return `sha256:${[...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
