/**
 * Every `__testfixtures__/<transform>/<case>.input.Dockerfile` runs through
 * that transform alone and must give `<case>.output.Dockerfile` byte for byte
 * (no output file: the input must come back unchanged). `<case>.findings.txt`
 * lists the expected findings as `LINE:COL fix|report`; a report may add
 * `: TEXT`, which its message must contain (what the user is told to do). A
 * second run over the output must change nothing.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analyze.js';
import { findTransform } from '../transforms/index.js';

const root = join(__dirname, '..', '__testfixtures__');

const cases: Array<[string, string]> = [];
for (const transform of readdirSync(root)) {
  for (const file of readdirSync(join(root, transform))) {
    const m = /^(.*)\.input\.Dockerfile$/.exec(file);
    if (m) cases.push([transform, m[1] as string]);
  }
}

test('fixtures exist', () => {
  expect(cases.length).toBeGreaterThan(0);
});

describe.each(cases)('%s: %s', (transformId, name) => {
  const dir = join(root, transformId);
  const input = readFileSync(join(dir, `${name}.input.Dockerfile`), 'utf8');
  const outputPath = join(dir, `${name}.output.Dockerfile`);
  const expected = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : input;
  const found = findTransform(transformId);
  if (!found) throw new Error(`no transform named ${transformId} for __testfixtures__/${transformId}`);
  const transform = found;

  test('output matches byte for byte', async () => {
    const result = await analyze(input, { transforms: [transform] });
    expect(result.output).toBe(expected);
  });

  test('findings match', async () => {
    const findingsPath = join(dir, `${name}.findings.txt`);
    expect(existsSync(findingsPath)).toBe(true);
    const want = readFileSync(findingsPath, 'utf8').split('\n').filter(Boolean);
    const result = await analyze(input, { transforms: [transform] });
    const got = result.findings.map((f, i) => {
      const where = `${f.line}:${f.column} ${f.fixable ? 'fix' : 'report'}`;
      // A line with `: TEXT` asks for that text in the message; show it as written when it is there.
      const text = /^\S+ report: (.*)$/.exec(want[i] ?? '')?.[1];
      return text !== undefined && f.message.includes(text) ? `${where}: ${text}` : where;
    });
    expect(got).toEqual(want);
  });

  test('skipping files whose mounts are all well-known caches changes nothing', async () => {
    const screened = await analyze(input, { transforms: [transform] });
    const full = await analyze(input, { transforms: [transform], screen: false });
    expect(screened).toEqual(full);
  });

  test('a second run changes nothing', async () => {
    const again = await analyze(expected, { transforms: [transform] });
    expect(again.output).toBe(expected);
    expect(again.findings.filter((f) => f.fixable)).toEqual([]);
  });
});
