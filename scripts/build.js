#!/usr/bin/env node
// Compiles src/ and transforms/ to dist/ (type declarations, and the modules
// the repository's own scripts and tests load), bundles the command line and
// the programmatic API into one file, dist/cli.js, and copies the bash grammar
// next to it, so the installed package never needs tree-sitter-bash (a dev
// dependency with a native build step) at run time.
//
// The npm package ships the bundle, dist/api.js (the package entry, which
// loads the bundle), the grammar and the type declarations; not the compiled
// modules under dist/src/ and dist/transforms/, which the bundle already holds.
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
// Our fixes to dependencies (patches/, made with patch-package; dockerfile-ast's tokenising once per
// instruction) are applied before the bundle takes them in. Applying them again changes nothing.
execFileSync(process.execPath, [require.resolve('patch-package/index.js'), '--error-on-fail'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
rmSync(dist, { recursive: true, force: true });
const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
mkdirSync(join(dist, 'vendor'), { recursive: true });
copyFileSync(
  require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
  join(dist, 'vendor', 'tree-sitter-bash.wasm'),
);

// The API's exports, named one by one: esbuild then lists them in the bundle in the form
// Node's ES module loader reads, so `import { run } from 'dockerfile-codemod'` works too.
const apiNames = Object.keys(require(join(dist, 'src', 'api.js')))
  .filter((name) => name !== '__esModule')
  .sort();
const entry = [
  `export { ${apiNames.join(', ')} } from './src/api.js';`,
  // The command line's modules (yargs among them) initialise on the first call, so a
  // program that only uses the API never runs them.
  'export function main(argv, io) {',
  "  return require('./src/cli/main.js').main(argv, io);",
  '}',
  // Started as a worker thread of a run with --jobs (src/jobs.ts), the bundle serves files.
  "if (process.argv[2] === '--dockerfile-codemod-worker') require('./src/run.js').serveWorker();",
].join('\n');

// Dependencies the CLI requires only on some paths (walking a folder, printing a diff, the language
// server): left out of the bundle and loaded from node_modules when needed, so a run over named files
// does not compile them. (vscode-languageserver in the bundle cost a --version run about 3 ms with the
// code cache and 10 ms without, though only `lsp` requires it.)
const LAZY = ['fast-glob', 'picomatch', 'ignore', 'diff', 'ajv', 'vscode-languageserver'];
// One bundle: a run starts by loading one file instead of a hundred modules.
// web-tree-sitter stays outside (it finds its own .wasm next to itself) and loads only when needed.
require('esbuild').buildSync({
  stdin: { contents: entry, resolveDir: dist, sourcefile: 'entry.js', loader: 'js' },
  outfile: join(dist, 'cli.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['web-tree-sitter', 'tree-sitter-bash/*', ...LAZY],
  // The same files Node's require() loads: without this, esbuild picks the ESM builds of
  // vscode-languageserver-types and -textdocument ("module" condition) and reaches their
  // exports through getters on dockerfile-ast's hot path.
  conditions: [],
  logLevel: 'warning',
});
// The package entry (package.json "main" and "exports"): the API from the same bundle the
// command line runs. Its types are dist/src/api.d.ts.
writeFileSync(
  join(dist, 'api.js'),
  "'use strict';\n// The programmatic API: the bundle the command line runs (types: src/api.d.ts).\nmodule.exports = require('./cli.js');\n",
);
// The bundle's content hash: bin/load-cli.js keys its V8 code cache by it without hashing the bundle on each run.
const bundleHash = createHash('sha256')
  .update(readFileSync(join(dist, 'cli.js')))
  .digest('hex');
writeFileSync(join(dist, 'cli.buildid'), `${bundleHash.slice(0, 24)}\n`);
