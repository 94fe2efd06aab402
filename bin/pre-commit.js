#!/usr/bin/env node
'use strict';
// dockerfile-codemod-pre-commit [options] FILES...: the same as
// `dockerfile-codemod --write --fail-on-report --quiet [options] FILES...`, which is what the
// repair hook of .pre-commit-hooks.yaml runs. It repairs the files, prints every finding it
// could not repair as `file:line:col rule-id message` on stderr, and exits 0 when none remains
// (pre-commit still fails the commit when a file was repaired), 1 when one does, 2 for a file
// that could not be read, parsed or written, or a usage error.
//
// pre-commit does not need it (it runs the hook's `entry` with its arguments); it stays for hooks
// and scripts that name it.
process.argv.splice(2, 0, '--write', '--fail-on-report', '--quiet');
require('./dockerfile-codemod.js');
