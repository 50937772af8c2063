/** alpenglow's version, recorded in every table and limit file (kept equal to package.json by test/scenarios/shipped.test.ts). */
export const ALPENGLOW_VERSION = '0.1.0';
