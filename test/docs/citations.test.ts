/**
 * Every `physics.md §X.Y` citation in src/, shaders/, scenarios/ and docs/ resolves: docs/physics.md
 * (the project's physics reference, shipped in the repository) has a heading numbered X.Y. A list
 * (`physics.md §3.2, §3.3`, `(§0, §5.4)`) and a range (`§2.3–2.6`) cite each of their sections.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCANNED = ['src', 'shaders', 'scenarios', 'docs', 'README.md'];
const TEXT_FILE = /\.(ts|wgsl|json|md)$/;

/** Section numbers of the headings of a Markdown text: `## 0. Units` → '0', `### 1.1 Three` → '1.1'. */
export function headingSections(markdown: string): Set<string> {
  const sections = new Set<string>();
  for (const match of markdown.matchAll(/^#{1,6}\s+(\d+(?:\.\d+)*)[.\s]/gm)) sections.add(match[1]);
  return sections;
}

// `§9.x` is a placeholder ("some subsection of §9"), not a citation.
const SECTION = String.raw`§{1,2}\s?(\d+(?:\.\d+)*)(?!\.[a-zA-Z])`;
const CITATION = new RegExp(String.raw`physics\.md[\`'"]?\s*\(?\s*${SECTION}((?:\s*(?:,|/|;|and|or)\s*${SECTION}|\s*[–-]\s*\d+(?:\.\d+)*)*)`, 'g');

/** The sections a text cites as `physics.md §…`, with line numbers. */
export function citedSections(text: string): { section: string; line: number }[] {
  const cited: { section: string; line: number }[] = [];
  for (const match of text.matchAll(CITATION)) {
    const line = text.slice(0, match.index).split('\n').length;
    cited.push({ section: match[1], line });
    for (const more of match[2].matchAll(/(?:§{1,2}\s?|[–-]\s*)(\d+(?:\.\d+)*)/g)) cited.push({ section: more[1], line });
  }
  return cited;
}

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).flatMap((name) => filesUnder(join(path, name)));
}

describe('physics.md citations', () => {
  const sections = headingSections(readFileSync(join(ROOT, 'docs/physics.md'), 'utf8'));

  it('the parser reads headings, lists and ranges', () => {
    expect(headingSections('## 0. Units\n### 1.1 Three conventions\n## Scope\n')).toEqual(new Set(['0', '1.1']));
    expect(citedSections('see physics.md §3.2, §3.3 and §2.5').map((c) => c.section)).toEqual(['3.2', '3.3', '2.5']);
    expect(citedSections('physics.md (§0, §5.4)\nphysics.md §2.3–2.6; physics.md §9.x').map((c) => `${c.section}@${c.line}`)).toEqual([
      '0@1',
      '5.4@1',
      '2.3@2',
      '2.6@2',
    ]);
  });

  it('docs/physics.md numbers its sections 0…11', () => {
    for (const section of ['0', '1.1', '7.2', '9.3', '10', '11']) expect(sections.has(section), section).toBe(true);
  });

  it('every cited section exists in docs/physics.md', () => {
    const unresolved: string[] = [];
    let count = 0;
    for (const top of SCANNED) {
      for (const file of filesUnder(join(ROOT, top)).filter((path) => TEXT_FILE.test(path))) {
        for (const { section, line } of citedSections(readFileSync(file, 'utf8'))) {
          count++;
          if (!sections.has(section)) unresolved.push(`${relative(ROOT, file)}:${line} cites physics.md §${section}`);
        }
      }
    }
    expect(unresolved).toEqual([]);
    expect(count).toBeGreaterThan(300);
  });
});
