/**
 * Reading a git clone of ALPINIST (github.com/jjerhot/ALPINIST, BSD-3-Clause) for the freeze scripts:
 * files at a tag, the source record every frozen number carries (repo, tag, commit, path, blob), the
 * numeric rows of its text tables, one quoted source line, and the crossings of a contour file with
 * m = const. Node only (validation/scripts).
 */
import { execFileSync } from 'node:child_process';

export type AlpinistTag = 'v1.3.0' | 'v1.4.0';

export interface AlpinistSource {
  repo: 'jjerhot/ALPINIST';
  tag: AlpinistTag;
  commit: string;
  path: string;
  blob: string;
}

export interface AlpinistGit {
  git: (...args: string[]) => string;
  commits: Record<AlpinistTag, string>;
  show: (tag: AlpinistTag, path: string) => string;
  source: (tag: AlpinistTag, path: string) => AlpinistSource;
  /** The source record of the first line matching `pattern`, with its number and text (up to `maxChars`). */
  lineOf: (tag: AlpinistTag, path: string, pattern: RegExp, maxChars?: number) => AlpinistSource & { line: number; text: string };
}

/** The ALPINIST git directory named by ALPINIST_GIT_DIR (`what` names the script in the error). */
export function alpinistGit(what: string): AlpinistGit {
  const gitDir = process.env.ALPINIST_GIT_DIR;
  if (!gitDir) throw new Error(`${what}: ALPINIST_GIT_DIR must name a git directory of github.com/jjerhot/ALPINIST (got nothing)`);
  const git = (...args: string[]) => execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
  const commitOf = (tag: string) => git('rev-list', '-n', '1', tag).trim();
  const commits: Record<AlpinistTag, string> = { 'v1.3.0': commitOf('v1.3.0'), 'v1.4.0': commitOf('v1.4.0') };
  const show = (tag: AlpinistTag, path: string) => git('show', `${tag}:${path}`);
  const source = (tag: AlpinistTag, path: string): AlpinistSource => ({
    repo: 'jjerhot/ALPINIST',
    tag,
    commit: commits[tag],
    path,
    blob: git('rev-parse', `${tag}:${path}`).trim(),
  });
  const lineOf = (tag: AlpinistTag, path: string, pattern: RegExp, maxChars = Number.POSITIVE_INFINITY) => {
    const lines = show(tag, path).split('\n');
    const index = lines.findIndex((line) => pattern.test(line));
    if (index < 0) throw new Error(`${tag}:${path}: no line matches ${pattern}`);
    return { ...source(tag, path), line: index + 1, text: lines[index].trim().slice(0, maxChars) };
  };
  return { git, commits, show, source, lineOf };
}

/** The numeric rows of an ALPINIST text table or contour file (blank and `#` lines skipped). */
export function numericRows(text: string): number[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/\s+/).map(Number));
}

/**
 * Crossings of a mass–coupling contour file's points (m, y) with m = massGeV, log–log between
 * neighbours, ascending. A file concatenates several paths (plot_exclusion.extract_contour): a step
 * longer than 0.15 decades in m or 0.5 in y joins two paths and is not part of the boundary.
 */
export function crossingsAtMass(points: number[][], massGeV: number): number[] {
  const ys: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const [m0, y0] = points[i];
    const [m1, y1] = points[(i + 1) % points.length];
    if (Math.abs(Math.log10(m1 / m0)) > 0.15 || Math.abs(Math.log10(y1 / y0)) > 0.5) continue;
    if ((m0 - massGeV) * (m1 - massGeV) > 0 || m0 === m1) continue;
    const f = (Math.log(massGeV) - Math.log(m0)) / (Math.log(m1) - Math.log(m0));
    ys.push(Math.exp(Math.log(y0) + f * (Math.log(y1) - Math.log(y0))));
  }
  return ys.sort((a, b) => a - b);
}
