#!/usr/bin/env node
'use strict';
// Thin launcher: the bundled CLI lives in dist/cli.js (built by `npm run build`; `npm ci` in a checkout builds it too).

const v8 = require('node:v8');
const V8_FLAGS = [
  // WebAssembly (the bash grammar) compiled by V8's baseline compiler only. The
  // optimising tier would compete with the run for CPU (2 cores measured: the
  // same speed at 40,000 files, faster below) and hold 20 to 60 MB more; a short
  // run would wait for its compile jobs before it can exit. Set here, in the
  // process the command owns, so that the library never changes its host's V8 flags.
  '--liftoff-only',
  // The heap grows by at most 30% between full collections (V8 otherwise lets it
  // grow up to fourfold). A run keeps little alive, so this bounds its peak memory
  // as the tree grows (`npm run bench`: about 150 MB at 40,000 files against 205
  // MB without) at no measurable cost in time.
  '--heap-growing-percent=30',
];
for (const flag of V8_FLAGS) v8.setFlagsFromString(flag);

const { loadCli } = require('./load-cli.js');
const { cli, save } = loadCli(V8_FLAGS);

process.stdout.on('error', (err) => {
  // `dockerfile-codemod | head` closes the pipe early; that is not an error of ours.
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    save();
  },
  (err) => {
    process.stderr.write(`dockerfile-codemod: internal error: ${err?.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
