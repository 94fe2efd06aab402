/**
 * The differential check of our patch to dockerfile-ast (patches/): the
 * original library is rebuilt from the patched one by reversing the patch, and
 * both must give the same answers to every question of their API, on any text.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPatch, parsePatch, reversePatch } from 'diff';

// Found from the installed package, so the helper works from a bundle too (npm run corpus).
const INSTALLED = path.dirname(require.resolve('dockerfile-ast/package.json'));
const ROOT = path.resolve(INSTALLED, '..', '..');
const PATCH = path.join(ROOT, 'patches', 'dockerfile-ast+0.7.1.patch');

type Api = typeof import('dockerfile-ast');

/** The patched library, as the build bundles it. */
export function patchedDockerfileAst(): Api {
  return require(path.join(INSTALLED, 'lib', 'main.js')) as Api;
}

/** dockerfile-ast as published: the installed copy with the patch reversed, in node_modules/.cache. */
export function originalDockerfileAst(): Api {
  const out = path.join(ROOT, 'node_modules', '.cache', 'dockerfile-ast-original');
  fs.rmSync(out, { recursive: true, force: true });
  fs.cpSync(path.join(INSTALLED, 'lib'), path.join(out, 'lib'), { recursive: true });
  for (const file of parsePatch(fs.readFileSync(PATCH, 'utf8'))) {
    const rel = (file.newFileName ?? '').replace(/^b\/node_modules\/dockerfile-ast\//, '');
    const patched = fs.readFileSync(path.join(INSTALLED, rel), 'utf8');
    const original = applyPatch(patched, reversePatch(file));
    if (original === false) throw new Error(`the patch to ${rel} does not reverse onto the installed file`);
    fs.writeFileSync(path.join(out, rel), original);
  }
  return require(path.join(out, 'lib', 'main.js')) as Api;
}

/** Whether the installed library carries the patch (a check that the comparison is not of one library with itself). */
export function isPatched(): boolean {
  return fs
    .readFileSync(path.join(INSTALLED, 'lib', 'instruction.js'), 'utf8')
    .includes('computeRawArguments');
}

/** Instructions and their parts are probed for the methods their subclasses have. */
// biome-ignore lint/suspicious/noExplicitAny: the library's subclasses differ in what they offer; each is called where it exists.
type Probe = any;

type Range = { start: { line: number; character: number }; end: { line: number; character: number } } | null;
const r = (x: Range | undefined) => x && [x.start.line, x.start.character, x.end.line, x.end.character];

/** Everything the library answers about a text, as JSON: instructions, arguments, flags, JSON forms, heredocs. */
export function dump(api: Api, text: string): string {
  const df = api.DockerfileParser.parse(text);
  const ins = (i: Probe) => ({
    k: i.getKeyword(),
    range: r(i.getRange()),
    ir: r(i.getInstructionRange()),
    args: i
      .getArguments()
      .map((a: { getValue(): string; getRange(): Range }) => [a.getValue(), r(a.getRange())]),
    raw: i.getRawArguments().map((a: { getValue(): string }) => a.getValue()),
    content: i.getArgumentsContent(),
    flags: i
      .getFlags?.()
      .map((f: Probe) => [
        f.getName(),
        f.getValue(),
        r(f.getRange()),
        f.getOptions().map((o: Probe) => [o.getName(), o.getValue(), r(o.getValueRange())]),
      ]),
    json: i.getJSONStrings?.().map((j: Probe) => [j.getJSONValue(), r(j.getRange())]),
    brackets: i.getOpeningBracket
      ? [r(i.getOpeningBracket()?.getRange()), r(i.getClosingBracket()?.getRange())]
      : null,
    heredocs: i
      .getHeredocs?.()
      .map((h: Probe) => [h.getName(), r(h.getContentRange()), r(h.getDelimiterRange())]),
    variables: i.getVariables().map((v: Probe) => [v.getName(), r(v.getRange())]),
  });
  return JSON.stringify({
    escape: df.getEscapeCharacter(),
    directives: df.getDirectives().map((d) => [d.getName(), d.getValue()]),
    instructions: df.getInstructions().map(ins),
    onbuild: df.getOnbuildTriggers().map(ins),
    comments: df.getComments().map((c) => [c.getContent(), r(c.getRange() as Range)]),
  });
}
