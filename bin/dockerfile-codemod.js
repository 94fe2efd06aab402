#!/usr/bin/env node
'use strict';
// Thin launcher: the bundled CLI lives in dist/cli.js (built by `npm run build`, run on install by `prepare`).
const { main } = require('../dist/cli.js');

process.stdout.on('error', (err) => {
  // `dockerfile-codemod | head` closes the pipe early; that is not an error of ours.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`dockerfile-codemod: internal error: ${err?.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
