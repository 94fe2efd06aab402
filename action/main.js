#!/usr/bin/env node
'use strict';
// The GitHub Action's entry point (action.yml runs it with `node`).
//
// Inputs come from the environment as GitHub passes them: INPUT_PATHS, INPUT_MODE,
// INPUT_FORMAT, INPUT_SARIF-FILE and INPUT_FAIL-ON-REPORT (GitHub keeps the dash of an
// input's name; the underscore spelling is read too). The run goes through the package's
// programmatic API over GITHUB_WORKSPACE; the step then
//   - prints the report in `format` on stdout (github: workflow commands, which GitHub turns
//     into annotations on the pull request's files), and in `diff` mode the diff too;
//   - writes SARIF 2.1.0 to `sarif-file` when it is set;
//   - appends a findings table (file, line, rule, message, fixable) and the counts to
//     $GITHUB_STEP_SUMMARY, within GitHub's 1 MiB per step;
//   - sets the outputs files, changed, findings and errors in $GITHUB_OUTPUT;
//   - exits like the command line (0 nothing to do, or `write` applied every fix; 1 `check`
//     or `diff` found something, or `fail-on-report` and a finding without a fix remains;
//     2 an input is invalid or a file could not be read, parsed or written).
const fs = require('node:fs');
const path = require('node:path');

if (require.main === module) {
  // As bin/dockerfile-codemod.js does for the process it owns: the bash grammar's WebAssembly on
  // V8's baseline compiler only, so the step does not wait at exit for optimising compile jobs.
  require('node:v8').setFlagsFromString('--liftoff-only');
}

const MODES = ['check', 'diff', 'write'];
const FORMATS = ['github', 'text', 'json', 'sarif'];
/** GitHub drops a step summary larger than 1 MiB; the table stops short of it. */
const SUMMARY_LIMIT = 1024 * 1024;
/** Annotations GitHub shows per step, of each kind (warning, error, notice). */
const ANNOTATIONS_PER_KIND = 10;

class InputError extends Error {}

function input(env, name, fallback) {
  const key = `INPUT_${name.toUpperCase()}`;
  const value = env[key] ?? env[key.replace(/-/g, '_')];
  return value === undefined || value.trim() === '' ? fallback : value.trim();
}

function choice(env, name, fallback, choices) {
  const value = input(env, name, fallback).toLowerCase();
  if (!choices.includes(value))
    throw new InputError(`input ${name}: '${value}' is not one of ${choices.join(', ')}`);
  return value;
}

/** The YAML 1.2 core schema's booleans, as GitHub's own actions read them. */
function booleanInput(env, name) {
  const value = input(env, name, 'false');
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input ${name}: '${value}' is not a boolean (true or false)`);
}

/** The action's inputs, checked. Paths are separated by spaces or new lines. */
function readInputs(env) {
  return {
    paths: input(env, 'paths', '.').split(/\s+/).filter(Boolean),
    mode: choice(env, 'mode', 'check', MODES),
    format: choice(env, 'format', 'github', FORMATS),
    sarifFile: input(env, 'sarif-file', ''),
    failOnReport: booleanInput(env, 'fail-on-report'),
  };
}

/** Text for one cell of a Markdown table. */
function cell(s) {
  return String(s).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').replace(/</g, '&lt;');
}

function counts(results, summary) {
  let findings = 0;
  let reportOnly = 0;
  for (const r of results)
    for (const f of r.findings) {
      findings++;
      if (!f.fixable) reportOnly++;
    }
  return { files: summary.files, changed: summary.changed, findings, reportOnly, errors: summary.errors };
}

/**
 * The job summary: the counts, then one table row per finding and per file that could
 * not be processed, stopping before the text would pass `limit` bytes.
 */
function summaryMarkdown(results, summary, mode, limit = SUMMARY_LIMIT) {
  const c = counts(results, summary);
  const changed = mode === 'write' ? 'changed' : 'would change';
  const head = [
    '### dockerfile-codemod',
    '',
    `${c.files} files: ${c.changed} ${changed}, ${summary.unchanged} unchanged; ` +
      `${c.findings} findings (${c.findings - c.reportOnly} fixable, ${c.reportOnly} to fix by hand); ${c.errors} errors.`,
    '',
  ];
  const rows = [];
  for (const r of results) {
    if (r.error !== undefined) rows.push(`| ${cell(r.displayPath)} | | | error: ${cell(r.error)} | |`);
    for (const f of r.findings)
      rows.push(
        `| ${cell(r.displayPath)} | ${f.line} | \`${cell(f.ruleId)}\` | ${cell(f.message)} | ${f.fixable ? 'yes' : 'no'} |`,
      );
  }
  if (rows.length === 0) return `${head.join('\n')}\n`;
  const table = ['| File | Line | Rule | Message | Fixable |', '| --- | ---: | --- | --- | --- |'];
  const lines = [...head, ...table];
  let size = Buffer.byteLength(`${lines.join('\n')}\n`);
  // Room for the note that says how many rows were left out.
  const reserve = 300;
  let shown = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(row) + 1;
    if (size + bytes > limit - reserve) break;
    lines.push(row);
    size += bytes;
    shown++;
  }
  if (shown < rows.length)
    lines.push(
      '',
      `${rows.length - shown} more rows are not shown: GitHub keeps at most 1 MiB of summary per step. ` +
        'The SARIF file (`sarif-file`) or `format: json` lists every finding.',
    );
  return `${lines.join('\n')}\n`;
}

function textLines(results) {
  const out = [];
  for (const r of results) {
    if (r.error !== undefined) out.push(`${r.displayPath}: error: ${r.error}`);
    for (const f of r.findings) out.push(`${r.displayPath}:${f.line}:${f.column} ${f.ruleId} ${f.message}`);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}

/** The diff `dockerfile-codemod` prints in a dry run: `git apply` takes it. */
function diffText(results) {
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = require('diff');
  let out = '';
  for (const r of results) {
    if (r.status !== 'changed' || r.before === undefined || r.after === undefined) continue;
    const a = `a/${r.displayPath}`;
    const b = `b/${r.displayPath}`;
    out += `diff --git ${a} ${b}\n${createTwoFilesPatch(a, b, r.before, r.after, undefined, undefined, {
      context: 3,
      headerOptions: FILE_HEADERS_ONLY,
    })}`;
  }
  return out;
}

/** Runs the action; returns its exit code. `io` stands for the process (tests pass their own). */
async function main(io = { env: process.env, stdout: process.stdout, cwd: process.cwd() }) {
  const { env } = io;
  const print = (s) => io.stdout.write(s);
  const api = require('../dist/api.js');
  let inputs;
  try {
    inputs = readInputs(env);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    print(`::error title=dockerfile-codemod::${e.message}\n`);
    return 2;
  }
  const workspace = path.resolve(io.cwd, env.GITHUB_WORKSPACE || '.');
  let result;
  try {
    result = await api.run(inputs.paths, { cwd: workspace, write: inputs.mode === 'write', keep: 'all' });
  } catch (e) {
    if (!(e instanceof api.UsageError)) throw e;
    print(`::error title=dockerfile-codemod::${e.message}\n`);
    return 2;
  }
  const { results, summary } = result;
  const c = counts(results, summary);

  if (inputs.format === 'github') {
    print(api.githubAnnotations(results));
    const warnings = results.reduce(
      (n, r) => n + r.findings.filter((f) => f.severity === 'warning').length,
      0,
    );
    const errors = results.reduce(
      (n, r) => n + (r.error !== undefined ? 1 : 0) + r.findings.filter((f) => f.severity === 'error').length,
      0,
    );
    if (warnings > ANNOTATIONS_PER_KIND || errors > ANNOTATIONS_PER_KIND)
      print(
        `::notice title=dockerfile-codemod::${c.findings} findings and ${c.errors} errors; GitHub shows ` +
          `${ANNOTATIONS_PER_KIND} annotations of each kind per step: the job summary lists them all.\n`,
      );
  } else if (inputs.format === 'text') print(textLines(results));
  else if (inputs.format === 'json')
    print(`${JSON.stringify(api.jsonReport(results, summary, inputs.mode), null, 2)}\n`);
  else print(`${JSON.stringify(api.sarifReport(results, workspace), null, 2)}\n`);
  if (inputs.mode === 'diff' && (inputs.format === 'github' || inputs.format === 'text')) {
    const diff = diffText(results);
    if (diff) print(`::group::The repair as a diff (git apply takes it)\n${diff}::endgroup::\n`);
  }

  if (inputs.sarifFile) {
    const file = path.resolve(workspace, inputs.sarifFile);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(api.sarifReport(results, workspace), null, 2)}\n`);
  }
  if (env.GITHUB_STEP_SUMMARY)
    fs.appendFileSync(env.GITHUB_STEP_SUMMARY, summaryMarkdown(results, summary, inputs.mode));
  if (env.GITHUB_OUTPUT)
    fs.appendFileSync(
      env.GITHUB_OUTPUT,
      `files=${c.files}\nchanged=${c.changed}\nfindings=${c.findings}\nerrors=${c.errors}\n`,
    );

  if (c.errors > 0) return 2;
  if (inputs.failOnReport && c.reportOnly > 0) return 1;
  if (inputs.mode === 'write') return 0;
  return c.changed > 0 || c.findings > 0 ? 1 : 0;
}

module.exports = { main, summaryMarkdown, readInputs };

if (require.main === module) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stdout.write(`::error title=dockerfile-codemod::internal error: ${err?.message ?? err}\n`);
      process.stderr.write(`${err?.stack ?? err}\n`);
      process.exitCode = 2;
    },
  );
}
