/**
 * The job files of docs/cluster.md, taken from the page itself: every fenced code block whose
 * preceding paragraph starts with a file name in backticks and ends with ':' (e.g. "`submit.sh`:").
 * The cluster tests run these, so the page cannot drift from what is tested.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const CLUSTER_DOC = new URL('../../docs/cluster.md', import.meta.url);

export function clusterDocFiles(): Map<string, string> {
  const lines = readFileSync(CLUSTER_DOC, 'utf8').split('\n');
  const files = new Map<string, string>();
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('```')) continue;
    const end = lines.indexOf('```', i + 1);
    if (end < 0) throw new Error(`docs/cluster.md: unclosed code block at line ${i + 1}`);
    // The paragraph right before the block.
    let j = i - 1;
    while (j >= 0 && lines[j].trim() === '') j--;
    const last = j;
    while (j > 0 && lines[j - 1].trim() !== '') j--;
    const name = /^`([\w.-]+\.[\w]+)`/.exec(lines[j] ?? '')?.[1];
    if (name && lines[last]?.trimEnd().endsWith(':')) {
      if (files.has(name)) throw new Error(`docs/cluster.md: two code blocks for ${name}`);
      files.set(name, `${lines.slice(i + 1, end).join('\n')}\n`);
    }
    i = end;
  }
  return files;
}

/** Writes the named files into dir (scripts executable) and returns their paths. */
export function writeDocFiles(dir: string, names: string[]): Record<string, string> {
  const files = clusterDocFiles();
  mkdirSync(dir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const name of names) {
    const text = files.get(name);
    if (text === undefined) throw new Error(`docs/cluster.md has no code block for ${name} (found: ${[...files.keys()].join(', ')})`);
    const path = join(dir, name);
    writeFileSync(path, text);
    if (/\.(sh|sbatch)$/.test(name)) chmodSync(path, 0o755);
    paths[name] = path;
  }
  return paths;
}
