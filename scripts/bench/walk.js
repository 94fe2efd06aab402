// The file discovery the bench's baselines share: fast-glob with the built
// tool's name patterns (src/discover.ts) and the options of its folder walk,
// without its .gitignore handling (the bench tree has no .gitignore files).
// The harness checks that every command counts the same files.
'use strict';
const path = require('node:path');
const fg = require('fast-glob');
const { DOCKERFILE_PATTERNS } = require('../../dist/src/discover.js');

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

module.exports = { walk };
