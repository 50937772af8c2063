/**
 * Node counterpart of the page's first redraw stage (bench/web-redraw.ts): runLimits with
 * `bands: false` on one scenario's tables at a sequence of exposures, as the page does for each
 * slider move. Prints the median and worst time per call and a SHA-256 of all results (to check
 * that a speed change leaves the numbers unchanged, or to see that it changed them).
 * Run: `npx tsx bench/web-redraw.ts` once (it writes the tables), then
 * `npx tsx bench/redraw-limits.ts [--scenario koto-step2] [--model gluon] [--moves 40]`.
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { couplingAxis, runLimits } from '../src/app/run-limits.ts';
import { loadScenario } from '../src/node/scenario-files.ts';
import { readScenarioTables } from '../src/node/table-files.ts';

function flag(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : fallback;
}
const scenarioName = flag('--scenario', 'koto-step2');
const moves = Number(flag('--moves', '40'));
const model = flag('--model', 'gluon');
const root = join(tmpdir(), 'alpenglow-web-redraw-4096');
const folder = readdirSync(root).find((name) => name.startsWith(`${scenarioName}-`));
if (!folder) throw new Error(`no tables for ${scenarioName} under ${root}: run npx tsx bench/web-redraw.ts first`);
const dir = join(root, folder);
const loaded = await loadScenario(join(dir, `${scenarioName}.scenario.json`));
const set = readScenarioTables(dir, loaded);
const basePot = loaded.scenario.exposure.pot;
const hash = createHash('sha256');
const times: number[] = [];
const cpuTimes: number[] = [];
for (let move = 0; move <= moves; move++) {
  const pot = basePot * 10 ** (-1 + (2 * ((move * 7) % moves)) / moves);
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const { limits } = await runLimits({
    scenarios: [{ scenario: set.scenario, hash: set.scenarioHash }],
    model,
    couplingsPerGeV: couplingAxis(1e-7, 1e-1),
    tables: [set],
    pot,
    bands: false,
    expectedBandContours: false,
  });
  if (move > 0) times.push(performance.now() - started);
  const cpu = process.cpuUsage(cpuStarted);
  if (move > 0) cpuTimes.push((cpu.user + cpu.system) / 1000);
  if (process.env.TRACE) console.log(move, pot.toExponential(2), (performance.now() - started).toFixed(1)); // move 0 warms the memo at the start exposure
  hash.update(JSON.stringify(limits[0].contours.nominal));
  hash.update(JSON.stringify(limits[0].exclusion));
}
times.sort((a, b) => a - b);
cpuTimes.sort((a, b) => a - b);
console.log(
  `${scenarioName}, ${model}: ${moves} first-stage runLimits calls, median ${times[Math.floor(times.length / 2)].toFixed(1)} ms, worst ${times.at(-1)?.toFixed(1)} ms (CPU time: median ${cpuTimes[Math.floor(cpuTimes.length / 2)].toFixed(1)} ms, all threads); results sha256 ${hash.digest('hex').slice(0, 16)}`,
);
