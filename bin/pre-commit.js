#!/usr/bin/env node
'use strict';
// dockerfile-codemod-pre-commit [options] FILES...: the repair hook of .pre-commit-hooks.yaml.
//
// Runs `dockerfile-codemod --write --format json --quiet` on the files, then prints, as
// `file:line:col rule-id message`, every finding the repair could not fix (a report-only
// finding: the fix is not certain, so the tool only says what to do). Exit codes:
//   0  nothing left to report (pre-commit still fails the commit when a file was repaired);
//   1  a report-only finding remains in a file;
//   2  a file could not be read, parsed or written, or a usage error (the tool's own message
//      is passed through on stderr).
// Other options (--exclude, --config, --transform, ...) go to the tool as they are.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const args = process.argv.slice(2);
const cli = spawnSync(
  process.execPath,
  [path.join(__dirname, 'dockerfile-codemod.js'), '--write', '--format', 'json', '--quiet', ...args],
  { encoding: 'utf8', stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 256 * 1024 * 1024 },
);
if (cli.error) {
  process.stderr.write(`dockerfile-codemod-pre-commit: ${cli.error.message}\n`);
  process.exit(2);
}
let report;
try {
  report = JSON.parse(cli.stdout);
} catch {
  // A usage error or --help: no report, and the tool has said why on stderr.
  process.stdout.write(cli.stdout);
  process.exit(cli.status === 0 ? 2 : (cli.status ?? 2));
}
let remaining = 0;
for (const file of report.files) {
  for (const f of file.findings) {
    if (f.fix !== null) continue;
    remaining++;
    const { line, column } = f.range.start;
    process.stdout.write(`${file.path}:${line}:${column} ${f.ruleId} ${f.message}\n`);
  }
}
if (cli.status !== 0) process.exit(cli.status ?? 2);
process.exit(remaining > 0 ? 1 : 0);
