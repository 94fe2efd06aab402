#!/usr/bin/env node
// Round trip over a corpus: npm run corpus -- DIR [DIR...]
// Runs every transform over every file whose name contains "dockerfile" or
// "containerfile" under the folders (any case), applies the repairs in
// memory, runs again over the result, and checks that no byte outside the
// edited mount flags moved. Prints files, changed, findings, errors (by
// kind), non-idempotent files and files with moved bytes; exits 1 when a
// check fails or an error is the tool's own (not a problem of the input).
// Uses the built code: run `npm run build` first (npm run corpus does).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { roundTrip } = require('../dist/src/roundtrip.js');
const { decode } = require('../dist/src/run.js');
const { onlyKnownCacheMounts } = require('../dist/src/package-managers/known-caches.js');

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  process.stderr.write('usage: npm run corpus -- DIR [DIR...]\n');
  process.exit(2);
}

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (e.isFile() && /dockerfile|containerfile/i.test(e.name)) yield p;
  }
}

(async () => {
  const started = performance.now();
  const totals = {
    files: 0,
    changed: 0,
    findings: 0,
    errors: 0,
    notIdempotent: 0,
    moved: 0,
    screened: 0,
    screenMismatch: 0,
  };
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
      const r = await roundTrip(text);
      if (text.includes('--mount') && onlyKnownCacheMounts(text)) {
        // The screen skipped this file: a full analysis must agree that there is nothing to do.
        totals.screened++;
        const full = await roundTrip(text, { screen: false });
        if (full.changed || full.findings > 0) {
          totals.screenMismatch++;
          problems.push(
            `${file}: skipped by the screen, but a full analysis finds ${full.findings} finding(s)`,
          );
        }
      }
      totals.findings += r.findings;
      if (r.changed) totals.changed++;
      if (r.error) {
        totals.errors++;
        byKind[r.error.kind] = (byKind[r.error.kind] ?? 0) + 1;
        if (r.error.kind === 'not-idempotent') totals.notIdempotent++;
        (r.error.kind === 'input' ? inputErrors : problems).push(
          `${file}: ${r.error.kind}: ${r.error.message}`,
        );
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
    ['files', totals.files],
    ['changed', totals.changed],
    ['findings', totals.findings],
    ['errors', `${totals.errors}${kinds ? ` (${kinds})` : ''}`],
    ['non-idempotent', totals.notIdempotent],
    ['moved bytes', totals.moved],
    ['screened', `${totals.screened} (mismatches: ${totals.screenMismatch})`],
    ['elapsed', `${seconds}s`],
  ];
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(16)}${v}\n`);
  if (inputErrors.length)
    process.stdout.write(
      `\nerrors in the input (syntax the tool cannot read):\n${inputErrors.map((l) => `  ${l}`).join('\n')}\n`,
    );
  if (problems.length)
    process.stdout.write(`\nproblems of the tool:\n${problems.map((l) => `  ${l}`).join('\n')}\n`);
  process.exitCode = problems.length ? 1 : 0;
})();
