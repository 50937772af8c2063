/**
 * The shipped scenarios (scenarios/*.json), bundled by Vite and validated in the page with the
 * same parseScenario as the CLI. A file that fails validation is reported, not silently dropped.
 */
import { parseScenario, scenarioHash } from '../scenarios/parse.ts';
import type { Scenario } from '../scenarios/schema.ts';

export interface BundledScenario {
  scenario: Scenario;
  /** sha256 of the canonical JSON, as in the provenance of CLI tables. */
  hash: string;
  file: string;
}

export interface BundledScenarios {
  scenarios: BundledScenario[];
  /** One line per invalid file: "scenarios/x.json: path must be … (got …)". */
  errors: string[];
}

const FILES = import.meta.glob('../../scenarios/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export async function loadBundledScenarios(): Promise<BundledScenarios> {
  const scenarios: BundledScenario[] = [];
  const errors: string[] = [];
  for (const [path, data] of Object.entries(FILES).sort(([a], [b]) => a.localeCompare(b))) {
    const file = `scenarios/${path.split('/').pop()}`;
    try {
      const scenario = parseScenario(data, file);
      scenarios.push({ scenario, hash: await scenarioHash(scenario), file });
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return { scenarios, errors };
}
