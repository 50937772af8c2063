/**
 * Entry point of the offline bundle's CLI (scripts/bundle.mjs bundles it with esbuild into
 * alpenglow/lib/src/cli/alpenglow.mjs, run by the carried Node runtime through alpenglow/bin/alpenglow).
 */
import { main } from '../src/cli/main.ts';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`alpenglow: internal error: ${(error as Error).stack ?? error}\n`);
    process.exitCode = 1;
  },
);
