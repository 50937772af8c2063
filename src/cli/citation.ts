/**
 * How to cite alpenglow: one declaration, printed by `alpenglow --cite` as BibTeX and as
 * CITATION.cff (Citation File Format 1.2.0, https://citation-file-format.github.io). The file at the
 * repository root is this text (test/package/cli-surface.test.ts keeps them equal).
 */
import { ALPENGLOW_VERSION } from '../version.ts';

const TITLE = 'alpenglow: a WebGPU Monte Carlo for axion-like particles at beam-dump and kaon experiments';
const AUTHOR = 'The alpenglow developers';
const ABSTRACT =
  'Monte Carlo of long-lived axion-like particles (ALPs) produced in proton beam dumps and kaon decays, ' +
  'with WGSL kernels run through WebGPU and a float64 reference engine, giving 90% CL exclusion limits for KOTO, NA62, CHARM, NuCal and others.';

/** The papers whose physics alpenglow implements: cite them with alpenglow (docs/physics.md §Sources). */
const REFERENCES = [
  {
    key: 'Afik2023koto',
    title: 'Probing long-lived axions at the KOTO experiment',
    authors: ['Afik, Yoav', 'Döbrich, Babette', 'Jerhot, Jan', 'Soreq, Yotam', 'Tobioka, Kohsaku'],
    journal: 'Phys. Rev. D',
    volume: '108',
    pages: '055007',
    year: 2023,
    eprint: '2303.01521',
  },
  {
    key: 'Jerhot2022alpinist',
    title: 'ALPINIST: Axion-Like Particles In Numerous Interactions Simulated and Tabulated',
    authors: ['Jerhot, Jan', 'Döbrich, Babette', 'Ertas, Fatih', 'Kahlhoefer, Felix', 'Spadaro, Tommaso'],
    journal: 'JHEP',
    volume: '07',
    pages: '094',
    year: 2022,
    eprint: '2201.05170',
  },
] as const;

export function citationBibtex(): string {
  const software = `@software{alpenglow,
  author  = {{${AUTHOR}}},
  title   = {{${TITLE}}},
  version = {${ALPENGLOW_VERSION}},
  year    = {2026},
  note    = {Software}
}`;
  const papers = REFERENCES.map(
    (paper) => `@article{${paper.key},
  author        = {${paper.authors.join(' and ')}},
  title         = {{${paper.title}}},
  journal       = {${paper.journal}},
  volume        = {${paper.volume}},
  pages         = {${paper.pages}},
  year          = {${paper.year}},
  eprint        = {${paper.eprint}},
  archivePrefix = {arXiv}
}`,
  );
  return [software, ...papers].join('\n\n');
}

const quote = (text: string) => JSON.stringify(text);

export function citationCff(): string {
  const lines = [
    'cff-version: 1.2.0',
    'message: "If you use alpenglow, please cite it as below, together with the physics papers listed under references."',
    'type: software',
    `title: ${quote(TITLE)}`,
    `version: ${quote(ALPENGLOW_VERSION)}`,
    'authors:',
    `  - name: ${quote(AUTHOR)}`,
    `abstract: ${quote(ABSTRACT)}`,
    'keywords:',
    ...['axion-like particles', 'beam dump', 'Monte Carlo', 'WebGPU', 'KOTO', 'NA62'].map((keyword) => `  - ${quote(keyword)}`),
    'references:',
  ];
  for (const paper of REFERENCES) {
    lines.push(
      '  - type: article',
      `    title: ${quote(paper.title)}`,
      '    authors:',
      ...paper.authors.map((author) => {
        const [family, given] = author.split(', ');
        return `      - family-names: ${quote(family)}\n        given-names: ${quote(given)}`;
      }),
      `    journal: ${quote(paper.journal)}`,
      `    volume: ${quote(paper.volume)}`,
      `    start: ${quote(paper.pages)}`,
      `    year: ${paper.year}`,
      '    identifiers:',
      '      - type: other',
      `        value: ${quote(`arXiv:${paper.eprint}`)}`,
      `    url: ${quote(`https://arxiv.org/abs/${paper.eprint}`)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
