/**
 * The shipped scenarios (scenarios/*.json), bundled by Vite and validated in the page with the
 * same parseScenario as the CLI. A file that fails validation is reported, not silently dropped.
 */
import { parseScenario, scenarioHash } from '../scenarios/parse.ts';
import type { Scenario } from '../scenarios/schema.ts';
import { PRODUCTION_MODES, type ProductionMode } from '../physics/production.ts';

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
  /** Valid scenarios the page cannot scan in coupling space (B → K(*) a production: model-independent limits only). */
  notOffered: string[];
}

const FILES = import.meta.glob('../../scenarios/*.json', { eager: true, import: 'default' }) as Record<string, unknown>;

export async function loadBundledScenarios(): Promise<BundledScenarios> {
  const scenarios: BundledScenario[] = [];
  const errors: string[] = [];
  const notOffered: string[] = [];
  for (const [path, data] of Object.entries(FILES).sort(([a], [b]) => a.localeCompare(b))) {
    const file = `scenarios/${path.split('/').pop()}`;
    try {
      const scenario = parseScenario(data, file);
      // B → K(*) a modes beside modes at a reference coupling are scaled by c_WW (runLimits); B modes alone are model-independent.
      const couplingModes = scenario.production.modes.some((mode) => PRODUCTION_MODES.includes(mode as ProductionMode));
      if (!couplingModes) {
        notOffered.push(
          `${scenario.name}: B → K(*) a production has no coupling model here; use \`alpenglow limits --scenario ${scenario.name} --model bk:<m_a>\``,
        );
        continue;
      }
      scenarios.push({ scenario, hash: await scenarioHash(scenario), file });
    } catch (error) {
      errors.push((error as Error).message);
    }
  }
  return { scenarios, errors, notOffered };
}
