/**
 * Every `__testfixtures__/<folder>/<case>.input.Dockerfile` runs through the
 * transforms its folder names and must give `<case>.output.Dockerfile` byte
 * for byte (no output file: the input must come back unchanged). A folder
 * named after a transform runs that transform alone; `default-set` runs the
 * transforms on by default, `all-transforms` every transform.
 *
 * `<case>.findings.txt` lists the expected findings, one per line:
 *
 *     LINE:COL [RULE/]MESSAGE_ID fix|report|unsafe[: TEXT]
 *
 * `fix`: the run applies its fix; `report`: it has none; `unsafe`: it has an
 * unsafe fix the run leaves out. RULE is needed in the folders that run
 * several transforms. `: TEXT` asks for that text in the message. A second
 * run over the output must change nothing. `<case>.options.json`, when
 * present, holds the transform's options (`transformOptions` of its folder's
 * transform).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Transform } from '../src/analysis/transform.js';
import { analyze } from '../src/analyze.js';
import type { LocatedFinding } from '../src/types.js';
import { DEFAULT_TRANSFORMS, findTransform, TRANSFORMS } from '../transforms/index.js';

const root = join(__dirname, '..', '__testfixtures__');

const SETS: Record<string, readonly Transform[]> = {
  'default-set': DEFAULT_TRANSFORMS,
  'all-transforms': TRANSFORMS,
};

function transformsOf(folder: string): readonly Transform[] {
  const set = SETS[folder];
  if (set) return set;
  const t = findTransform(folder);
  if (!t)
    throw new Error(
      `__testfixtures__/${folder} names no transform and no set (${Object.keys(SETS).join(', ')})`,
    );
  return [t];
}

const cases: Array<[string, string]> = [];
for (const folder of readdirSync(root)) {
  for (const file of readdirSync(join(root, folder))) {
    const m = /^(.*)\.input\.Dockerfile$/.exec(file);
    if (m) cases.push([folder, m[1] as string]);
  }
}

test('fixtures exist for every transform', () => {
  for (const t of TRANSFORMS) expect(cases.some(([folder]) => folder === t.meta.id)).toBe(true);
});

/** A finding as a findings.txt line; with `want`, the message text it asks for when the message holds it. */
function findingLine(f: LocatedFinding, withRule: boolean, want?: string): string {
  const state = f.fixable ? 'fix' : f.fix?.safety === 'unsafe' ? 'unsafe' : 'report';
  const where = `${f.line}:${f.column} ${withRule ? `${f.ruleId}/` : ''}${f.messageId} ${state}`;
  const text = want === undefined ? undefined : /^\S+ \S+ \S+: (.*)$/.exec(want)?.[1];
  return text !== undefined && f.message.includes(text) ? `${where}: ${text}` : where;
}

describe.each(cases)('%s: %s', (folder, name) => {
  const dir = join(root, folder);
  const input = readFileSync(join(dir, `${name}.input.Dockerfile`), 'utf8');
  const outputPath = join(dir, `${name}.output.Dockerfile`);
  const expected = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : input;
  const transforms = transformsOf(folder);
  const withRule = SETS[folder] !== undefined;
  const optionsPath = join(dir, `${name}.options.json`);
  const options = {
    transforms,
    transformOptions: existsSync(optionsPath)
      ? { [folder]: JSON.parse(readFileSync(optionsPath, 'utf8')) }
      : {},
  };

  test('output matches byte for byte', async () => {
    const result = await analyze(input, options);
    expect(result.output).toBe(expected);
  });

  test('findings match', async () => {
    const findingsPath = join(dir, `${name}.findings.txt`);
    expect(existsSync(findingsPath)).toBe(true);
    const want = readFileSync(findingsPath, 'utf8').split('\n').filter(Boolean);
    const result = await analyze(input, options);
    expect(result.findings.map((f, i) => findingLine(f, withRule, want[i]))).toEqual(want);
  });

  test('the screens change nothing: a full parse finds the same', async () => {
    const screened = await analyze(input, options);
    const full = await analyze(input, { ...options, screen: false });
    expect({ ...screened, passes: 0 }).toEqual({ ...full, passes: 0 });
  });

  test('a second run changes nothing', async () => {
    const again = await analyze(expected, options);
    expect(again.output).toBe(expected);
    expect(again.findings.filter((f) => f.fixable)).toEqual([]);
  });
});
