/**
 * Table files dropped on the page or picked with the file input: `alpenglow grid` output
 * (*.table.json, parsed and checksum-verified by src/tables/table-file.ts, the same parser as the CLI)
 * and, for scenarios that are not shipped, the scenario JSON they were made from. Tables are
 * grouped by scenario hash into ScenarioTableSets and checked by the limits library
 * (prepareTableSet: same grid, one table per production mode, regions of the scenario).
 */
import { parseTableFile, tableFromFile } from '../tables/table-file.ts';
import type { MassWidthTable } from '../tables/mass-width-table.ts';
import { inScenarioModeOrder, prepareTableSet, type ScenarioTableSet } from '../limits/rescale.ts';
import { parseScenarioText, scenarioHash } from '../scenarios/parse.ts';
import type { Scenario } from '../scenarios/schema.ts';

export interface KnownScenario {
  scenario: Scenario;
  hash: string;
}

export interface LoadedTables {
  sets: ScenarioTableSet[];
  /** One line per file or problem, for the page. */
  messages: string[];
  /** Scenarios found among the files (to add to the known ones). */
  scenarios: KnownScenario[];
}

function looksLikeScenario(text: string): boolean {
  return /"schemaVersion"\s*:/.test(text.slice(0, 2000)) && !/"alpenglow-table-file"/.test(text.slice(0, 2000));
}

export async function loadTableFiles(files: Array<{ name: string; text: () => Promise<string> }>, known: KnownScenario[]): Promise<LoadedTables> {
  const messages: string[] = [];
  const scenarios: KnownScenario[] = [];
  const tables: Array<{ name: string; table: MassWidthTable }> = [];
  for (const file of files) {
    const text = await file.text();
    try {
      if (looksLikeScenario(text)) {
        const scenario = parseScenarioText(text, file.name);
        scenarios.push({ scenario, hash: await scenarioHash(scenario) });
        messages.push(`${file.name}: scenario '${scenario.name}'`);
      } else {
        const table = tableFromFile(parseTableFile(text, file.name));
        tables.push({ name: file.name, table });
        messages.push(
          `${file.name}: ${table.scenario.name} · ${table.productionMode} · ${table.massesGeV.length} masses × ${table.widthsGeV.length} widths · ${table.samplesPerMass} samples/mass`,
        );
      }
    } catch (error) {
      messages.push(`✗ ${(error as Error).message}`);
    }
  }
  const byHash = new Map<string, Array<{ name: string; table: MassWidthTable }>>();
  for (const entry of tables) {
    const list = byHash.get(entry.table.scenario.hash) ?? [];
    list.push(entry);
    byHash.set(entry.table.scenario.hash, list);
  }
  const sets: ScenarioTableSet[] = [];
  for (const [hash, entries] of byHash) {
    const match = [...scenarios, ...known].find((candidate) => candidate.hash === hash);
    const name = entries[0].table.scenario.name;
    if (!match) {
      const sameName = known.find((candidate) => candidate.scenario.name === name);
      messages.push(
        `✗ ${entries.map((e) => e.name).join(', ')}: made for scenario '${name}' (${hash.slice(0, 19)}…), which is not ${sameName ? 'the shipped version of that scenario (it was edited since): drop the scenario .json the tables were made from too' : 'shipped: drop its scenario .json file together with the tables'}`,
      );
      continue;
    }
    const set: ScenarioTableSet = {
      scenario: match.scenario,
      scenarioHash: hash,
      tables: inScenarioModeOrder(match.scenario, entries, (e) => e.table.productionMode).map((e) => e.table),
    };
    try {
      prepareTableSet(set);
      sets.push(set);
    } catch (error) {
      messages.push(`✗ ${(error as Error).message}`);
    }
  }
  return { sets, messages, scenarios };
}
