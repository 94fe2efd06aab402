#!/usr/bin/env node
// Compiles src/ and transforms/ to dist/ (the API, with type declarations),
// bundles the command line into dist/cli.js, and copies the bash grammar next
// to them, so the installed package never needs tree-sitter-bash (a dev
// dependency with a native build step) at run time.
'use strict';
const { execFileSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = join(require.resolve('typescript/package.json'), '..', 'bin', 'tsc');
execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
// Dependencies the CLI requires only on some paths (walking a folder, printing a diff): left out of
// the bundle and loaded from node_modules when needed, so a run over named files does not compile them.
const LAZY = ['fast-glob', 'picomatch', 'ignore', 'diff', 'ajv'];
// The command line as one bundle: a run starts by loading one file instead of a hundred modules.
// web-tree-sitter stays outside (it finds its own .wasm next to itself) and loads only when needed.
require('esbuild').buildSync({
  entryPoints: [join(dist, 'src', 'cli', 'main.js')],
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
// The bundle's content hash: bin/load-cli.js keys its V8 code cache by it without hashing the bundle on each run.
const bundleHash = createHash('sha256')
  .update(readFileSync(join(dist, 'cli.js')))
  .digest('hex');
writeFileSync(join(dist, 'cli.buildid'), `${bundleHash.slice(0, 24)}\n`);
mkdirSync(join(dist, 'vendor'), { recursive: true });
copyFileSync(
  require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'),
  join(dist, 'vendor', 'tree-sitter-bash.wasm'),
);
