/**
 * --statistics and --exit-zero, through the real executable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ensureBuilt,
  fixtureInput,
  fixtureOutput,
  readBytes,
  removeTempDirs,
  runCli,
  type Tree,
  tempDir,
  writeTree,
} from './helpers/cli.js';

jest.setTimeout(30_000);

const BROKEN = fixtureInput('seed-pip-target').toString();
const FIXED = fixtureOutput('seed-pip-target').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();
const UNPARSEABLE =
  'FROM python:3.12\n{% if x %}\nRUN --mount=type=cache,target=/p pip install --target=/p y\n';
const UNUSED =
  'FROM python:3.12\n# dockerfile-codemod ignore=cache-mount-install-target\nRUN pip install x\n';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

function project(tree: Tree): string {
  const dir = tempDir('dfcm-options-');
  writeTree(dir, tree);
  return dir;
}

/** Three fixable findings, one reported without a fix, two unused directives. */
const COUNTED: Tree = {
  'a/Dockerfile': BROKEN,
  'b/Dockerfile': BROKEN,
  'c/Dockerfile': BROKEN,
  'r/Dockerfile': REPORT_ONLY,
  'u/Dockerfile': UNUSED,
  'v/Dockerfile': UNUSED,
};

describe('--statistics', () => {
  const TABLE = [
    '3  cache-mount-install-target  retarget         (3 fixable)',
    '2  unused-directive            unusedDirective',
    '1  cache-mount-install-target  unknownUid',
    '',
  ].join('\n');

  test('--check: the counts per rule and message id, the most frequent first, instead of the finding lines', () => {
    const dir = project(COUNTED);
    const r = runCli(dir, ['--check', '--statistics', '--warn-unused-directives']);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(TABLE);
    expect(r.stderr).toMatch(/^dockerfile-codemod: 6 files: 3 would change/m);
  });

  test('a dry run prints the table instead of the diff; --write repairs, still lists what it could not repair on stderr', () => {
    const dir = project(COUNTED);
    const dry = runCli(dir, ['--statistics', '--warn-unused-directives']);
    expect([dry.status, dry.stdout]).toEqual([1, TABLE]);
    expect(readBytes(dir, 'a/Dockerfile').toString()).toBe(BROKEN);
    const write = runCli(dir, ['--write', '--statistics', '--warn-unused-directives']);
    expect([write.status, write.stdout]).toEqual([0, TABLE]);
    expect(write.stderr).toMatch(/^r\/Dockerfile:9:5 cache-mount-install-target /m);
    expect(readBytes(dir, 'a/Dockerfile').toString()).toBe(FIXED);
    // Nothing found: no table at all.
    const clean = runCli(dir, ['--check', '--statistics', 'a']);
    expect([clean.status, clean.stdout]).toEqual([0, '']);
  });

  test('--format json has them under "statistics", --format jsonl on the summary line; without the flag, neither', () => {
    const dir = project(COUNTED);
    const rows = [
      { ruleId: 'cache-mount-install-target', messageId: 'retarget', count: 3, fixable: 3 },
      { ruleId: 'unused-directive', messageId: 'unusedDirective', count: 2, fixable: 0 },
      { ruleId: 'cache-mount-install-target', messageId: 'unknownUid', count: 1, fixable: 0 },
    ];
    const json = runCli(dir, ['--format', 'json', '--statistics', '--warn-unused-directives']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).statistics).toEqual(rows);
    const lines = runCli(dir, ['--format', 'jsonl', '--statistics', '--warn-unused-directives']);
    const last = JSON.parse(lines.stdout.trim().split('\n').pop() as string);
    expect(Object.keys(last)).toEqual(['summary', 'statistics']);
    expect(last.statistics).toEqual(rows);
    expect(JSON.parse(runCli(dir, ['--format', 'json']).stdout).statistics).toBeUndefined();
    // --format text: the table instead of the finding lines, as with --check.
    const text = runCli(dir, ['--format', 'text', '--statistics', '--warn-unused-directives']);
    expect(text.stdout).toBe(TABLE);
  });

  test('--output takes the table; a format with a fixed shape, or --write on standard input, is a usage error', () => {
    const dir = project(COUNTED);
    const r = runCli(dir, ['--check', '--statistics', '--output', 'stats.txt']);
    expect([r.status, r.stdout]).toEqual([1, '']);
    expect(fs.readFileSync(path.join(dir, 'stats.txt'), 'utf8')).toMatch(
      /^3 {2}cache-mount-install-target {2}retarget/,
    );
    for (const format of ['sarif', 'github', 'gitlab']) {
      const bad = runCli(dir, ['--statistics', '--format', format]);
      expect([format, bad.status, bad.stdout]).toEqual([format, 2, '']);
      expect(bad.stderr).toContain(
        `--statistics goes with the text output or --format text, json or jsonl, not --format ${format}`,
      );
    }
    const stdin = runCli(dir, ['--write', '--statistics', '-'], BROKEN);
    expect(stdin.status).toBe(2);
    expect(stdin.stderr).toContain('--statistics cannot be combined with --write -');
    // A dry run on standard input counts as files do.
    const dry = runCli(dir, ['--statistics', '-'], BROKEN);
    expect([dry.status, dry.stdout]).toEqual([1, '1  cache-mount-install-target  retarget  (1 fixable)\n']);
  });
});

describe('--exit-zero', () => {
  test('exits 0 when something was found or would change, in every mode and format', () => {
    const dir = project({ 'a/Dockerfile': BROKEN, 'r/Dockerfile': REPORT_ONLY });
    for (const args of [
      [],
      ['--check'],
      ['--format', 'json'],
      ['--format', 'sarif'],
      ['--format', 'gitlab'],
    ]) {
      expect([args, runCli(dir, args).status]).toEqual([args, 1]);
      const r = runCli(dir, [...args, '--exit-zero']);
      expect([args, r.status]).toEqual([args, 0]);
    }
    // The output is the same: only the exit code changes.
    expect(runCli(dir, ['--check', '--exit-zero']).stdout).toBe(runCli(dir, ['--check']).stdout);
  });

  test('still exits 2 for a file that cannot be parsed and for a usage error; --fail-on-report contradicts it', () => {
    const dir = project({ 'a/Dockerfile': BROKEN, 'tpl/Dockerfile': UNPARSEABLE });
    const r = runCli(dir, ['--check', '--exit-zero']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('tpl/Dockerfile: error: line 2');
    expect(runCli(dir, ['--exit-zero', '--bogus']).status).toBe(2);
    const both = runCli(dir, ['--write', '--exit-zero', '--fail-on-report']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/exit-zero and fail-on-report are mutually exclusive/);
    expect(readBytes(dir, 'a/Dockerfile').toString()).toBe(BROKEN);
  });
});
