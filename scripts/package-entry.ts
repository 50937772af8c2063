/**
 * The npm package's one module, dist/lib/alpenglow.mjs (scripts/build-package.mjs bundles it with
 * esbuild; package.json `exports` "." and bin/alpenglow.js point to it): the CLI's `main` and the
 * library's Node entry points. It sits two levels under the package root, as src/node/*.ts do in a
 * checkout, so shaders/ and scenarios/ are found relative to it in the same way.
 */
export { main, COMMANDS } from '../src/cli/main.ts';
export { runLimits } from '../src/app/run-limits.ts';
export { runPlane } from '../src/app/run-plane.ts';
export { runEvents } from '../src/app/run-events.ts';
export { runGrid } from '../src/app/run-grid.ts';
export { runModelIndependent } from '../src/app/run-model-independent.ts';
export { loadScenario, shippedScenarioNames } from '../src/node/scenario-files.ts';
export { nodeEngine } from '../src/node/engine.ts';
export { cachedProductionSource, defaultProductionCacheDir } from '../src/node/production-cache.ts';
export { ALPENGLOW_VERSION } from '../src/version.ts';
