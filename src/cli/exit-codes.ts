/**
 * Exit codes (docs/cli.md "Exit codes"): 0 success; 1 internal error (a bug: stack trace); 2 bad
 * flags or input files; 3 the environment (no WebGPU adapter where one is required; a write failed:
 * disk full, permissions changed); 4 the GPU device was lost or the run aborted. With --json the error is also printed as JSON on stdout.
 */
export const EXIT_CODES = { ok: 0, internal: 1, input: 2, environment: 3, device: 4 } as const;
