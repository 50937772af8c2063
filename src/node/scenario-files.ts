/**
 * Node-side scenario loading: `--scenario koto-step2` finds scenarios/koto-step2.json in the
 * shipped directory; anything containing a slash or ending in .json is read as a path.
 */
import { readdirSync, existsSync } from 'node:fs';
import { MAX_SCENARIO_BYTES, readRegularFile } from './input-files.ts';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidScenario } from '../scenarios/errors.ts';
import { parseScenarioText, scenarioHash } from '../scenarios/parse.ts';
import type { Scenario } from '../scenarios/schema.ts';

export const SHIPPED_SCENARIO_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../scenarios');

export interface LoadedScenario {
  scenario: Scenario;
  /** The file as the user would name it (relative to the working directory when shorter). */
  file: string;
  hash: string;
}

export function shippedScenarioNames(): string[] {
  return readdirSync(SHIPPED_SCENARIO_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => name.slice(0, -5))
    .sort();
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith('..') ? path : rel;
}

export function resolveScenarioPath(nameOrPath: string): string {
  if (nameOrPath.includes('/') || nameOrPath.endsWith('.json')) return resolve(nameOrPath);
  const shipped = join(SHIPPED_SCENARIO_DIR, `${nameOrPath}.json`);
  if (!existsSync(shipped)) {
    throw new InvalidScenario(nameOrPath, [`no such scenario; shipped scenarios: ${shippedScenarioNames().join(', ')} (or give a path to a .json file)`]);
  }
  return shipped;
}

export async function loadScenario(nameOrPath: string): Promise<LoadedScenario> {
  const path = resolveScenarioPath(nameOrPath);
  const file = displayPath(path);
  let text: string;
  try {
    text = readRegularFile(path, MAX_SCENARIO_BYTES, 'scenario files').toString('utf8');
  } catch (error) {
    throw new InvalidScenario(file, [`cannot be read: ${(error as Error).message}`]);
  }
  const scenario = parseScenarioText(text, file);
  return { scenario, file, hash: await scenarioHash(scenario) };
}
