/**
 * The CLI's surface (issue 13): every command's --help is generated from the option table its
 * parser uses, every command takes --json, `alpenglow --version` and `--cite` answer, and
 * CITATION.cff at the repository root is what `--cite` prints.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { citationCff } from '../../src/cli/citation.ts';
import { flagLabel, formatFlags, parseFlags } from '../../src/cli/flags.ts';
import { COMMANDS } from '../../src/cli/main.ts';
import { runCli } from '../helpers/cli.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const scratch = mkdtempSync(join(tmpdir(), 'alpenglow-cli-surface-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('option tables and --help', () => {
  for (const command of COMMANDS) {
    it(`${command.name}: --help lists exactly the flags its parser accepts, --json among them`, async () => {
      const flags = command.flags;
      expect(flags, `${command.name} has no option table`).toBeDefined();
      const names = Object.keys(flags!);
      expect(names).toContain('json');
      const { code, stdout } = await runCli([command.name, '--help']);
      expect(code).toBe(0);
      // Every flag of the table is listed with its value placeholder and description (limits lists two tables: coupling models, bk:).
      for (const [name, spec] of Object.entries(flags!)) {
        expect(stdout, `--${name}`).toContain(flagLabel(name, spec));
        expect(stdout, `--${name}`).toContain(spec.description.split('\n')[0]);
      }
      if (command.name !== 'limits') expect(stdout).toContain(formatFlags(flags!));
      // Every --flag the help text mentions is one the parser knows (plus --help itself) …
      const mentioned = new Set([...stdout.matchAll(/(?<![\w-])--([a-z][a-z0-9-]*)/g)].map((match) => match[1]));
      mentioned.delete('help');
      expect([...mentioned].filter((name) => !names.includes(name))).toEqual([]);
      // … and the parser accepts every flag of the table, and nothing else.
      for (const [name, spec] of Object.entries(flags!)) {
        const argv = spec.type === 'boolean' ? [`--${name}`] : [`--${name}`, 'x'];
        expect(parseFlags(flags!, argv, { positionals: true }).values[name], name).toBe(spec.type === 'boolean' ? true : 'x');
      }
      expect(() => parseFlags(flags!, ['--no-such-flag'], { positionals: true })).toThrow(/no-such-flag/);
    });
  }
});

describe('--version and --cite', () => {
  const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;

  it('--version prints the package version (text and JSON)', async () => {
    expect(await runCli(['--version'])).toMatchObject({ code: 0, stdout: `alpenglow ${version}\n` });
    expect(JSON.parse((await runCli(['--version', '--json'])).stdout)).toEqual({ name: 'alpenglow', version });
    expect((await runCli(['--version', 'extra'])).code).toBe(2);
  });

  it('--cite prints BibTeX and the CITATION.cff of the repository root', async () => {
    const file = readFileSync(join(ROOT, 'CITATION.cff'), 'utf8');
    expect(file).toBe(citationCff()); // regenerate: npx tsx -e "import('./src/cli/citation.ts').then((m) => process.stdout.write(m.citationCff()))" > CITATION.cff
    expect(file).toMatch(/^cff-version: 1\.2\.0\n/);
    expect(file).toContain(`version: "${version}"`);
    const { code, stdout } = await runCli(['--cite']);
    expect(code).toBe(0);
    expect(stdout).toContain('@software{alpenglow,');
    expect(stdout).toContain('eprint        = {2303.01521}');
    expect(stdout).toContain(file);
    const json = JSON.parse((await runCli(['--cite', '--json'])).stdout);
    expect(json.citationCff).toBe(file);
    expect(json.bibtex).toContain(`version = {${version}}`);
  });
});

describe('--json on the commands that printed only text before', () => {
  it('import --json prints {table, masses, widths}; export --json {format, input, files, text}', async () => {
    const input = join(scratch, 'tiny.dat');
    const lines = ['# m [GeV]  Gamma [GeV]  N'];
    for (const m of [0.1, 0.2]) for (const width of [1e-20, 1e-18, 1e-16]) lines.push(`${m} ${width} ${m * 10}`);
    writeFileSync(input, `${lines.join('\n')}\n`);
    const out = join(scratch, 'tiny.table.json');
    const { code, stdout, stderr } = await runCli(['import', input, '--scenario', 'koto-step2', '--production', 'mixing', '--out', out, '--json']);
    expect(code, stderr).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ table: out, masses: 2, widths: 3 });
    // export --json: the text goes into the JSON instead of stdout, or the written files are listed.
    const exported = await runCli(['export', '--format', 'alpinist', out, '--json']);
    expect(exported.code, exported.stderr).toBe(0);
    const report = JSON.parse(exported.stdout);
    expect(report).toMatchObject({ format: 'alpinist', input: out, files: [] });
    expect(report.text.split('\n').filter((line: string) => line !== '' && !line.startsWith('#'))).toHaveLength(6);
    const file = join(scratch, 'tiny.dat.out');
    expect(JSON.parse((await runCli(['export', '--format', 'alpinist', out, '--out', file, '--json'])).stdout)).toEqual({
      format: 'alpinist',
      input: out,
      files: [file],
    });
  });

  it('an error under --json is JSON on stdout too', async () => {
    const { code, stdout } = await runCli(['merge', join(scratch, 'missing'), '--json']);
    expect(code).toBe(2);
    expect(JSON.parse(stdout).error).toMatchObject({ command: 'merge', kind: 'input', exitCode: 2 });
  });
});
