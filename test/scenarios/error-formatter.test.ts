/**
 * Issue 16: the scenario error formatter itself never throws and keeps messages short (deep
 * nesting, huge strings and keys, thousands of problems), a UTF-8 BOM is accepted, and a number
 * beyond float32 reaches no shader: the CLI refuses it with one line before any engine runs.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { InvalidScenario, MAX_LINE, MAX_PROBLEMS } from '../../src/scenarios/errors.ts';
import { parseScenarioText } from '../../src/scenarios/parse.ts';
import { runCli } from '../helpers/cli.ts';

const BASE = JSON.parse(readFileSync('scenarios/koto-step2.json', 'utf8')) as Record<string, unknown>;
const text = (changes: Record<string, unknown>) => JSON.stringify({ ...BASE, ...changes });

function refusal(source: string): InvalidScenario {
  try {
    parseScenarioText(source, 'f.json');
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidScenario);
    return error as InvalidScenario;
  }
  throw new Error('accepted');
}

describe('the scenario error formatter', () => {
  it('survives a 100 000-deep nesting in a field', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusal(`${JSON.stringify(BASE).slice(0, -1)}, "notes": [${deep}]}`).message).toBe('f.json: notes[0] must be a string (got a list of 1 entries)');
    expect(refusal(`${JSON.stringify(BASE).slice(0, -1)}, "zzz": ${deep}}`).message).toBe("f.json: has unknown field 'zzz'");
  });

  it('cuts a 50 MB string to a short line', () => {
    const message = refusal(text({ experiment: 7, description: 'x'.repeat(50_000_000), mode: 'y'.repeat(50_000_000) })).message;
    expect(message).toBe(`f.json: experiment must be a string (got 7)\nf.json: mode must be one of 'kaon', 'dump' (got '${'y'.repeat(59)}…')`);
    expect(refusal(text({ name: 'x'.repeat(50_000_000) })).message).toBe(`f.json: name must be at most 64 characters (got '${'x'.repeat(59)}…')`);
  });

  it('cuts a huge unknown key and lists at most five unknown keys', () => {
    expect(refusal(text({ ['k'.repeat(1_000_000)]: 1 })).message).toBe(`f.json: has unknown field '${'k'.repeat(39)}…'`);
    const many = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`extra${i}`, i]));
    expect(refusal(text(many)).message).toBe("f.json: has unknown fields 'extra0', 'extra1', 'extra2', 'extra3', 'extra4' and 4 more");
  });

  it(`lists at most ${MAX_PROBLEMS} problems, each at most ${MAX_LINE} characters, one line each`, () => {
    const error = refusal(text({ regions: Array(1000).fill({}) }));
    const lines = error.message.split('\n');
    expect(lines).toHaveLength(MAX_PROBLEMS + 1);
    expect(lines[MAX_PROBLEMS]).toBe('f.json: … and 6980 more problems');
    expect(lines.every((line) => line.length <= MAX_LINE + 10)).toBe(true);
    expect(refusal(text({ experiment: 'a\nb', mode: 'x\ny' })).message).toBe("f.json: mode must be one of 'kaon', 'dump' (got 'x\\ny')");
  });

  it('reports 1e999 as a number beyond float64, not null', () => {
    const source = JSON.stringify(BASE).replace('"additionalAcceptance":{"value":', '"additionalAcceptance":{"value":1e999,"was":');
    expect(refusal(source).message).toBe(
      "f.json: additionalAcceptance.value must be a finite number (got a number beyond 1.8e308 like 1e999)\nf.json: additionalAcceptance has unknown field 'was'",
    );
  });

  it('accepts a UTF-8 byte-order mark', () => {
    expect(parseScenarioText(`\ufeff${JSON.stringify(BASE)}`, 'f.json').name).toBe('koto-step2');
  });
});

describe('a number beyond float32 never reaches the shader', () => {
  it('events --engine webgpu refuses a 1e308 ECAL radius with one line, before any engine work', async () => {
    const file = 'test/fixtures/scenarios/koto-step2-bad-radius-beyond-float32.json';
    const run = await runCli([
      'events',
      '--scenario',
      file,
      '--model',
      'gluon',
      '--mass',
      '0.1',
      '--coupling',
      '1e-4',
      '--samples',
      '100',
      '--engine',
      'webgpu',
      '--out',
      '/nonexistent/never-written',
    ]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `alpenglow events: ${file}: detector.ecal.radiusM must lie in (0, 1e15], the range the float32 engine represents (got 1e308)\n`,
    });
  });
});
