/** Runs the CLI in-process with stdout and stderr captured (restored afterwards). */
import { vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

export async function runCli(args: string[]): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const errorSpy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => ((stderr += String(chunk)), true));
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => ((stdout += String(chunk)), true));
  try {
    return { code: await main(args), stderr, stdout };
  } finally {
    errorSpy.mockRestore();
    outSpy.mockRestore();
  }
}

/**
 * A small, fast `alpenglow limits --json` run (float64 reference engine, masses 0.1 and 0.3 GeV,
 * 1000 samples, no added masses, 31 couplings) of a scenario and model, writing under `outDir`.
 */
export function smallLimitsRun(scenario: string, model: string, outDir: string): Promise<{ code: number; stderr: string; stdout: string }> {
  return runCli([
    'limits',
    '--scenario',
    scenario,
    '--model',
    model,
    '--masses',
    '0.1,0.3',
    '--samples',
    '1000',
    '--engine',
    'reference',
    '--max-added-masses',
    '0',
    '--couplings',
    '1e-7:1e-1:31',
    '--out',
    `${outDir}/limits-${model.replace(/[^a-z0-9]/g, '-')}`,
    '--json',
  ]);
}
