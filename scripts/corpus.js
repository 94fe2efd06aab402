#!/usr/bin/env node
// Round trip over a corpus: npm run corpus -- [--all | --enable ID ...] DIR [DIR...]
// Runs the default transforms (every transform with --all, or the defaults plus
// each --enable ID) over every file whose name contains "dockerfile" or
// "containerfile" under the folders (any case), applies the repairs in memory,
// runs again over the result, and checks that no byte outside the repairs
// moved. Prints files, changed, findings (in all and per transform), errors
// (by kind), unstable files and files with moved bytes; exits 1 when a check
// fails or an error is the tool's own (not a problem of the input).
// The round-trip checker lives with the tests (test/helpers/roundtrip.ts); it
// is bundled with esbuild on each run, against the sources.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const args = process.argv.slice(2);
const enable = [];
let all = false;
const dirs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--all') all = true;
  else if (args[i] === '--enable') enable.push(args[++i]);
  else dirs.push(args[i]);
}
if (dirs.length === 0) {
  process.stderr.write('usage: npm run corpus -- [--all | --enable ID ...] DIR [DIR...]\n');
  process.exit(2);
}

// Inside node_modules, so the bundle finds the packages it leaves out.
const cacheDir = path.join(__dirname, '..', 'node_modules', '.cache', 'dockerfile-codemod-corpus');
fs.mkdirSync(cacheDir, { recursive: true });
const bundle = path.join(cacheDir, `roundtrip-${process.pid}.js`);
require('esbuild').buildSync({
  stdin: {
    contents: `
      export { roundTrip } from './test/helpers/roundtrip.ts';
      export { decode } from './src/run.ts';
      export { TRANSFORMS, selectTransforms, findTransform } from './transforms/index.ts';
      export { analyze } from './src/analyze.ts';
      export { dump, originalDockerfileAst, patchedDockerfileAst } from './test/helpers/dockerfile-ast.ts';`,
    resolveDir: path.join(__dirname, '..'),
    loader: 'ts',
  },
  outfile: bundle,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: [
    'web-tree-sitter',
    'tree-sitter-bash/*',
    'fast-glob',
    'picomatch',
    'ignore',
    'diff',
    'lilconfig',
    'ajv',
    // Loaded from node_modules: the differential check compares the installed copy with the original.
    'dockerfile-ast',
    'dockerfile-ast/*',
  ],
  logLevel: 'warning',
});
const {
  roundTrip,
  decode,
  TRANSFORMS,
  selectTransforms,
  findTransform,
  analyze,
  dump,
  originalDockerfileAst,
  patchedDockerfileAst,
} = require(bundle);
// Our patch to dockerfile-ast must change no answer on any file of the corpus.
const astOriginal = originalDockerfileAst();
const astPatched = patchedDockerfileAst();

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile() && /dockerfile|containerfile/i.test(e.name)) yield p;
  }
}

(async () => {
  const transforms = all ? TRANSFORMS : selectTransforms({ enable });
  const started = performance.now();
  const totals = {
    files: 0,
    changed: 0,
    findings: 0,
    errors: 0,
    unstable: 0,
    moved: 0,
    screenMismatch: 0,
    newInstallTarget: 0,
    astDifferent: 0,
  };
  // With add-cache-mounts in the set, what it adds must give cache-mount-install-target nothing new to say.
  const adding = transforms.some((t) => t.meta.id === 'add-cache-mounts');
  const installTarget = [findTransform('cache-mount-install-target')];
  const added = {};
  const byRule = {};
  const byKind = {};
  const problems = [];
  const inputErrors = [];
  for (const dir of dirs) {
    for (const file of [...files(dir)].sort()) {
      totals.files++;
      let text;
      try {
        text = decode(fs.readFileSync(file));
      } catch (e) {
        totals.errors++;
        byKind.input = (byKind.input ?? 0) + 1;
        inputErrors.push(`${file}: ${e.message}`);
        continue;
      }
      if (dump(astPatched, text) !== dump(astOriginal, text)) {
        totals.astDifferent++;
        problems.push(`${file}: the patched dockerfile-ast answers differently from the original`);
      }
      const r = await roundTrip(text, { transforms });
      // Files the transforms' screens pass over must be the ones a full analysis leaves alone.
      if (!transforms.some((t) => t.applies(text))) {
        const full = await roundTrip(text, { transforms, screen: false });
        if (full.changed || full.findings > 0) {
          totals.screenMismatch++;
          problems.push(
            `${file}: skipped by the screens, but a full analysis finds ${full.findings} finding(s)`,
          );
        }
      }
      totals.findings += r.findings;
      for (const [rule, n] of Object.entries(r.byRule)) byRule[rule] = (byRule[rule] ?? 0) + n;
      if (r.changed) totals.changed++;
      if (adding && r.changed && r.output !== undefined) {
        const key = (f) => `${f.messageId} ${f.message.replace(/line \d+/g, 'line N')}`;
        const before = new Set((await analyze(text, { transforms: installTarget })).findings.map(key));
        const after = (await analyze(r.output, { transforms: installTarget })).findings.map(key);
        const fresh = after.filter((k) => !before.has(k));
        if (fresh.length) {
          totals.newInstallTarget += fresh.length;
          problems.push(`${file}: cache-mount-install-target finds what the added mounts made: ${fresh[0]}`);
        }
        for (const m of r.output.matchAll(/--mount=type=cache,target=([^,\s]+)/g)) {
          if (!text.includes(`target=${m[1]}`)) added[m[1]] = (added[m[1]] ?? 0) + 1;
        }
      }
      if (r.error) {
        totals.errors++;
        byKind[r.error.kind] = (byKind[r.error.kind] ?? 0) + 1;
        (r.error.kind === 'input' ? inputErrors : problems).push(
          `${file}: ${r.error.kind}: ${r.error.message}`,
        );
      }
      if (r.unstable) {
        totals.unstable++;
        problems.push(`${file}: a second run changes the repaired text again`);
      }
      if (r.movedAt !== undefined) {
        totals.moved++;
        problems.push(`${file}: bytes moved at offset ${r.movedAt}`);
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const kinds = Object.entries(byKind)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const rows = [
    ['transforms', transforms.map((t) => t.meta.id).join(', ')],
    ['files', totals.files],
    ['changed', totals.changed],
    ['findings', totals.findings],
    ...Object.entries(byRule)
      .sort()
      .map(([rule, n]) => [`  ${rule}`, n]),
    ['errors', `${totals.errors}${kinds ? ` (${kinds})` : ''}`],
    ['unstable', totals.unstable],
    ['moved bytes', totals.moved],
    ['screen misses', totals.screenMismatch],
    ['dockerfile-ast patch diffs', totals.astDifferent],
    ...(adding ? [['new install-target findings', totals.newInstallTarget]] : []),
    ['elapsed', `${seconds}s`],
  ];
  for (const [k, v] of rows) process.stdout.write(`${String(k).padEnd(32)}${v}\n`);
  if (adding) {
    process.stdout.write('\nmounts added, by target:\n');
    for (const [t, n] of Object.entries(added).sort((a, b) => b[1] - a[1]))
      process.stdout.write(`  ${String(n).padStart(5)}  ${t}\n`);
  }
  if (inputErrors.length)
    process.stdout.write(
      `\nerrors in the input (syntax the tool cannot read):\n${inputErrors.map((l) => `  ${l}`).join('\n')}\n`,
    );
  if (problems.length)
    process.stdout.write(`\nproblems of the tool:\n${problems.map((l) => `  ${l}`).join('\n')}\n`);
  fs.rmSync(bundle, { force: true });
  process.exitCode = problems.length ? 1 : 0;
})();
