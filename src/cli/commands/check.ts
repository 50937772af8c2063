/**
 * `alpenglow check [--adapter A] [--json]`: the engine's self-check on this machine's WebGPU adapter
 * (src/engine/cross-check.ts, the same jobs and tolerances as test/engine/cross-check.test.ts): WGSL
 * against the float64 reference, determinism, no NaN/Inf. For GPU nodes without the test suite
 * (bench/device-check.sh runs it from the offline bundle). Exit 0 passed, 1 failed, 2 no adapter.
 */
import { adapterLabel } from '../../engine/device.ts';
import { CROSS_CHECK_TOLERANCES, engineCrossCheck } from '../../engine/cross-check.ts';
import { acquireNodeDevice } from '../../node/dawn-device.ts';
import { parseAdapterFlag } from '../../node/engine.ts';
import { nodeShaderSources } from '../../node/shader-files.ts';
import { UsageError, type CliCommand } from '../command.ts';
import { ADAPTER_FLAG, defineFlags, formatUsage, JSON_FLAG, parseFlags } from '../flags.ts';

const FLAGS = defineFlags({
  adapter: ADAPTER_FLAG,
  json: { ...JSON_FLAG, description: 'print the report (agreement, deterministic, finite, passed, seconds, adapter, tolerances)' },
});

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'engine self-check on this adapter: WGSL vs the float64 reference, determinism, no NaN',
  flags: FLAGS,
  usage: formatUsage(
    {
      synopsis: 'alpenglow check [--adapter auto|hardware|software] [--json]',
      description: `Runs the engine's cross-check (the test suite's jobs and tolerances) on the WebGPU adapter: a KOTO-like
toy job on the WGSL engine and on the float64 reference with independent seeds, every cell within
${CROSS_CHECK_TOLERANCES.maxAbsPull} sigma and chi^2 < ${CROSS_CHECK_TOLERANCES.chiSquarePerCell} per cell over at least ${CROSS_CHECK_TOLERANCES.minCells} cells; bit-identical results
across chunkings, workgroup sizes and mass orders; no NaN or Inf for m = 1 MeV-3 GeV, widths 1e-25-1e-10 GeV.`,
      footer: 'Exit 0 when all pass, 1 when one fails, 3 when no (hardware, with --adapter hardware) adapter exists.',
    },
    FLAGS,
  ),
  async run(argv) {
    const { values, positionals } = parseFlags(FLAGS, argv, { positionals: true });
    if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see alpenglow check --help)`);
    const acquired = await acquireNodeDevice(parseAdapterFlag(values.adapter, 'webgpu'));
    const label = adapterLabel(acquired.adapter);
    process.stderr.write(`alpenglow: running on ${label}\n`);
    try {
      const report = await engineCrossCheck(acquired, nodeShaderSources());
      if (values.json) {
        process.stdout.write(`${JSON.stringify({ ...report, adapter: label, tolerances: CROSS_CHECK_TOLERANCES }, null, 2)}\n`);
      } else {
        const a = report.agreement;
        const mark = (ok: boolean) => (ok ? 'pass' : 'FAIL');
        process.stdout.write(`adapter           ${label}\n`);
        process.stdout.write(
          `WGSL vs float64   ${mark(a.passed)}: ${a.compared} cells, max |pull| ${a.maxAbsPull.toFixed(2)} (≤ ${CROSS_CHECK_TOLERANCES.maxAbsPull}), chi^2 ${a.chiSquare.toFixed(1)} (< ${CROSS_CHECK_TOLERANCES.chiSquarePerCell * a.compared})\n`,
        );
        process.stdout.write(`determinism       ${mark(report.deterministic)}: chunkings, workgroup sizes, mass order bit-identical\n`);
        process.stdout.write(`finite            ${mark(report.finite)}: no NaN/Inf on m = 1 MeV-3 GeV x widths 1e-25-1e-10 GeV\n`);
        process.stdout.write(`result            ${report.passed ? 'passed' : 'FAILED'} in ${report.seconds.toFixed(1)} s\n`);
      }
      return report.passed ? 0 : 1;
    } finally {
      acquired.device.destroy();
    }
  },
};
