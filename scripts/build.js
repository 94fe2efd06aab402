#!/usr/bin/env node
// Compiles src/ and transforms/ to dist/ and copies the bash grammar next to
// them, so the installed package never needs tree-sitter-bash (a dev
// dependency with a native build step) at run time.
'use strict';
const { execFileSync } = require('node:child_process');
const { copyFileSync, mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const dist = join(root, 'dist');
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
