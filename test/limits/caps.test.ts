/**
 * Issue 16: every count a user can ask of limits, plane and events is capped, and a request
 * beyond a cap exits 2 at once with one line naming the flag and the cap (src/app/caps.ts);
 * ranges typed as lo:hi:n are named as typed; physics refuses an f_a outside its range.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { MAX_SAMPLES_PER_MASS } from '../../src/app/caps.ts';

// Output checks run before some flag checks, so --out is created: a temporary directory, removed afterwards.
const OUT = join(mkdtempSync(join(tmpdir(), 'alpenglow-caps-')), 'out');
afterAll(() => rmSync(join(OUT, '..'), { recursive: true, force: true }));

const limits = ['limits', '--scenario', 'koto-step2', '--model', 'gluon', '--engine', 'reference', '--out', OUT];
const CASES: Array<[string, string[], string]> = [
  ['limits --masses n = 1e9', [...limits, '--masses', '0.01:1:1e9'], 'alpenglow limits: --masses 0.01:1:1e9: at most 2000 points (got n = 1e9)'],
  [
    'limits --masses list of 2001',
    [...limits, '--masses', Array.from({ length: 2001 }, (_, i) => 0.01 + i * 1e-4).join(',')],
    'alpenglow limits: --masses: at most 2000 values (got 2001)',
  ],
  ['limits --couplings n = 1e7', [...limits, '--couplings', '1e-7:1e-1:1e7'], 'alpenglow limits: --couplings 1e-7:1e-1:1e7: at most 2000 points (got n = 1e7)'],
  [
    'limits --couplings below the coupling range',
    [...limits, '--couplings', '1e-40:1:10'],
    'alpenglow limits: --couplings values must lie in [1e-30, 1000] GeV^-1 (got 1e-40)',
  ],
  ['limits --couplings lo = hi', [...limits, '--couplings', '0.1:0.1:5'], 'alpenglow limits: --couplings 0.1:0.1:5: 5 points need lo < hi'],
  ['limits --widths-per-decade 1e9', [...limits, '--widths-per-decade', '1e9'], 'alpenglow limits: --widths-per-decade must be ≤ 100 (got 1e9)'],
  [
    'limits --samples 1e12',
    [...limits, '--samples', '1e12'],
    `alpenglow limits: --samples must be ≤ ${MAX_SAMPLES_PER_MASS} (the engine's cap per mass; got 1e12)`,
  ],
  ['limits --pot 1e308', [...limits, '--pot', '1e308'], 'alpenglow limits: --pot must be ≤ 1e30 protons on target (got 1e308)'],
  ['limits --max-added-masses 1e6', [...limits, '--max-added-masses', '1e6'], 'alpenglow limits: --max-added-masses must be ≤ 1000 (got 1e6)'],
  [
    'limits --model bk: --lifetimes n = 1e9',
    ['limits', '--scenario', 'na62-dump-mumu', '--model', 'bk:0.5', '--lifetimes', '1e-12:1e-6:1e9', '--out', OUT],
    'alpenglow limits: --lifetimes 1e-12:1e-6:1e9: at most 10000 points (got n = 1e9)',
  ],
  [
    'limits --model bk: --projection-pot 1e308',
    ['limits', '--scenario', 'na62-dump-mumu', '--model', 'bk:0.5', '--projection-pot', '1e308', '--out', OUT],
    'alpenglow limits: --projection-pot must be ≤ 1e30 protons on target (got 1e308)',
  ],
  [
    'plane --range n = 1e6',
    ['plane', '--scenario', 'koto-step2', '--mass', '0.1', '--x', 'c_GG', '--y', 'c_BB', '--range', '1e-7:1e-2:1e6', '--out', OUT],
    'alpenglow plane: --range 1e-7:1e-2:1e6: at most 1000 points (got n = 1e6)',
  ],
  [
    'plane --fix 1e308',
    ['plane', '--scenario', 'koto-step2', '--mass', '0.1', '--x', 'c_GG', '--y', 'c_BB', '--fix', 'c_WW=1e308', '--out', OUT],
    'alpenglow plane: --fix c_WW must be ≤ 1000 GeV^-1 (got 1e308)',
  ],
  [
    'events --x-bins 1e9 bins',
    ['events', '--scenario', 'koto-step2', '--model', 'gluon', '--mass', '0.1', '--coupling', '1e-4', '--x-bins', '0:1:1e9', '--out', OUT],
    'alpenglow events: --x-bins: at most 1000 bins (got 1000000000)',
  ],
  [
    'events --coupling 1e308',
    ['events', '--scenario', 'koto-step2', '--model', 'gluon', '--mass', '0.1', '--coupling', '1e308', '--out', OUT],
    'alpenglow events: --coupling must lie in [1e-30, 1000] GeV^-1 (got 1e308)',
  ],
  [
    'physics --fa 1e-300 (was: exit 0 with null widths)',
    ['physics', '--model', 'gluon', '--mass', '0.1', '--fa', '1e-300'],
    'alpenglow physics: --fa must lie in [0.001, 1e30] GeV (got 1e-300)',
  ],
  [
    'limits --model custom:1e308,0,0 (was: "lo must be a finite number > 0 (got Infinity)")',
    [...limits.filter((arg) => arg !== 'gluon' && arg !== '--model'), '--model', 'custom:1e308,0,0'],
    "alpenglow limits: model 'custom:1e308,0,0': coupling c_GG must lie in [-1e6, 1e6] (got '1e308')",
  ],
  [
    'events --model custom:1e200,0,0 (was: "widths[0] must be a finite number > 0 GeV (got Infinity)")',
    ['events', '--scenario', 'koto-step2', '--model', 'custom:1e200,0,0', '--mass', '0.1', '--coupling', '1e-4', '--out', OUT],
    "alpenglow events: model 'custom:1e200,0,0': coupling c_GG must lie in [-1e6, 1e6] (got '1e200')",
  ],
  ['physics --mass 1e300', ['physics', '--model', 'gluon', '--mass', '1e300', '--fa', '1000'], 'alpenglow physics: --mass must be ≤ 1000 GeV (got 1e300)'],
];

describe('counts and ranges beyond the caps exit 2 at once, naming the flag and the cap', () => {
  for (const [name, args, message] of CASES) {
    it(name, async () => {
      const started = Date.now();
      const run = await runCli(args);
      expect(run).toEqual({ code: 2, stdout: '', stderr: `${message}\n` });
      expect(Date.now() - started).toBeLessThan(3000);
    }, 10_000);
  }
});
