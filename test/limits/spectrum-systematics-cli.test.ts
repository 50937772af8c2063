/**
 * `limits --spectrum-systematics` (docs/cli.md; docs/limits.md §6b): a small NuCal run with the
 * reference engine lists meson-spectrum-shape in limits.json; the flag is refused (exit 2, naming
 * the flags) with --systematics off and with --tables.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = mkdtempSync(join(tmpdir(), 'alpenglow-spectrum-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let stderr = '';
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
});
afterEach(() => vi.restoreAllMocks());

const COMMON = [
  'limits',
  '--scenario',
  'nucal',
  '--model',
  'gluon',
  '--masses',
  '0.05',
  '--couplings',
  '1e-6:1e-1:41',
  '--samples',
  '2000',
  '--seed',
  '2',
  '--engine',
  'reference',
];

describe('limits --spectrum-systematics', () => {
  it('adds meson-spectrum-shape to limits.json systematics, with the alternatives', async () => {
    const out = join(dir, 'run');
    expect(await main([...COMMON, '--spectrum-systematics', '--out', out])).toBe(0);
    const limits = JSON.parse(readFileSync(join(out, 'limits.json'), 'utf8'));
    const shape = limits.systematics.variations.find((variation: { name: string }) => variation.name === 'meson-spectrum-shape');
    expect(shape.alternatives.map((alternative: { name: string }) => alternative.name)).toEqual(['softer', 'harder']);
    expect(shape.alternatives[0]).toMatchObject({ alpha: 3.45, ptStretch: 1 });
    expect(limits.systematics.method).toMatch(/meson-spectrum shape/);
    expect(limits.systematicBand.plus1Sigma.length).toBeGreaterThan(0);
  }, 120_000);

  it('is refused with --systematics off and with --tables (exit 2)', async () => {
    expect(await main([...COMMON, '--spectrum-systematics', '--systematics', 'off', '--out', join(dir, 'off')])).toBe(2);
    expect(stderr).toMatch(/--spectrum-systematics adds to the systematic band: drop --systematics off/);
    stderr = '';
    expect(await main([...COMMON, '--spectrum-systematics', '--tables', dir, '--out', join(dir, 'tables')])).toBe(2);
    expect(stderr).toMatch(/--spectrum-systematics needs engine runs .* --tables/);
  });
});
