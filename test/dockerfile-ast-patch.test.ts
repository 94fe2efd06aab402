/**
 * Our patch to dockerfile-ast (patches/dockerfile-ast+0.7.1.patch: each
 * instruction tokenised once, the JSON form read on first use, no throw-away
 * instruction built to look for heredocs) changes no answer: the original,
 * rebuilt by reversing the patch, and the patched library give the same dump
 * for every Dockerfile in the repository and for texts made to reach the
 * patched code. `npm run corpus` runs the same comparison over a corpus.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dump, isPatched, originalDockerfileAst, patchedDockerfileAst } from './helpers/dockerfile-ast.js';

const ROOT = path.resolve(__dirname, '..');

function* dockerfiles(dir: string): Generator<string> {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && e.name !== 'node_modules') yield* dockerfiles(p);
    else if (e.isFile() && /dockerfile|containerfile/i.test(e.name)) yield p;
  }
}

const TEXTS: Array<[string, string]> = [
  [
    'JSON forms',
    'FROM x\nCMD ["a", "b\\"c"]\nENTRYPOINT []\nSHELL [ ]\nRUN ["sh", "-c", "echo"]\nHEALTHCHECK CMD ["x"]\n',
  ],
  ['flags before JSON', 'FROM x\nRUN --mount=type=cache,target=/a --network=none ["pip", "install", "x"]\n'],
  [
    'heredocs',
    'FROM x\nRUN <<EOF\necho a\nEOF\nCOPY <<-"A" <<B /dst\n\tx\n\tA\ny\nB\nONBUILD RUN <<E\nz\nE\n',
  ],
  ['no heredoc in other keywords', 'FROM x\nENV A="<<EOF"\nLABEL x=<<y\nCMD echo <<EOF\n'],
  [
    'continuations and comments',
    'FROM x\nRUN a \\\n  # c\n  b \\\n\n  c\nRUN --mount=type=cache,\\\ntarget=/x true\n',
  ],
  ['backtick escape', '# escape=`\nFROM x\nRUN a `\n  b\nCOPY C:\\a C:\\b\n'],
  ['CRLF', 'FROM x\r\nRUN a \\\r\n  b\r\nCMD ["x"]\r\n'],
  ['empty arguments', 'FROM\nRUN\nCMD\nONBUILD\n'],
];

const original = originalDockerfileAst();
const patched = patchedDockerfileAst();

test('the installed dockerfile-ast carries the patch', () => {
  expect(isPatched()).toBe(true);
  expect(original).not.toBe(patched);
});

test.each(TEXTS)('%s: the same answers', (_name, text) => {
  expect(dump(patched, text)).toBe(dump(original, text));
});

const files = ['__testfixtures__', 'examples', 'e2e'].flatMap((d) => [...dockerfiles(path.join(ROOT, d))]);

test('every Dockerfile of the repository: the same answers', () => {
  expect(files.length).toBeGreaterThan(300);
  const different = files.filter((f) => {
    const text = fs.readFileSync(f, 'utf8');
    return dump(patched, text) !== dump(original, text);
  });
  expect(different).toEqual([]);
});
