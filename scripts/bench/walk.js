// The file discovery the bench's baselines share: fast-glob with the name
// patterns and options of the tool's folder walk (src/discover.ts), without
// its .gitignore handling (the bench tree has no .gitignore files). The
// harness checks that DOCKERFILE_PATTERNS still match the built tool's, and
// that every command counts the same files.
'use strict';
const path = require('node:path');
const fg = require('fast-glob');

const DOCKERFILE_PATTERNS = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/*.Containerfile',
];

function walk(root) {
  return fg.sync(DOCKERFILE_PATTERNS, {
    cwd: path.resolve(root),
    absolute: true,
    dot: true,
    caseSensitiveMatch: false,
    followSymbolicLinks: false,
    onlyFiles: true,
    suppressErrors: true,
    ignore: ['**/.git/**', '**/node_modules/**'],
  });
}

module.exports = { DOCKERFILE_PATTERNS, walk };
