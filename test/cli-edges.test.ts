/**
 * The command line's edges, where a CI job could pass without checking
 * anything: paths that yield no Dockerfile, options without their value,
 * misspelt options, findings a --write could not repair, directives naming no
 * rule, a broken configuration file, and what --write says it wrote.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { discover } from '../src/discover.js';
import {
  ensureBuilt,
  fixtureInput,
  fixtureOutput,
  makeRepo,
  readBytes,
  removeTempDirs,
  runCli,
  tempDir,
  writeTree,
} from './helpers/cli.js';

jest.setTimeout(30_000);
beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const BROKEN = fixtureInput('seed-pip-target').toString();
const FIXED = fixtureOutput('seed-pip-target');
/** A finding the tool reports but cannot fix (USER with an unknown uid). */
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();

const noStack = (stderr: string) => expect(stderr).not.toMatch(/^\s+at /m);

describe('paths that yield no Dockerfile', () => {
  test('an empty folder named on the command line is an error naming it and why', () => {
    const dir = makeRepo({ 'svc/Dockerfile': BROKEN });
    fs.mkdirSync(path.join(dir, 'empty'));
    const r = runCli(dir, ['--check', 'empty', 'svc']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^empty: error: no Dockerfile found: no file in it has a Dockerfile name \(Dockerfile, /m,
    );
    // The other path is still checked.
    expect(r.stdout).toContain('svc/Dockerfile:');
  });

  test('a glob that matches nothing, or only excluded files, is an error', () => {
    const dir = makeRepo({ 'svc/Dockerfile': BROKEN });
    const none = runCli(dir, ['--check', 'nothing/**/*.Dockerfile']);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain(
      'nothing/**/*.Dockerfile: error: no Dockerfile found: the glob matches no file',
    );
    const excluded = runCli(dir, ['--check', '--exclude', 'svc/**', 'svc/*']);
    expect(excluded.status).toBe(2);
    expect(excluded.stderr).toContain(
      'svc/*: error: no Dockerfile found: every file it matches is left out by --exclude',
    );
  });

  test('a folder an ancestor .gitignore ignores names the file and --no-gitignore', () => {
    const dir = makeRepo({ '.gitignore': 'generated/\n', 'generated/app/Dockerfile': BROKEN });
    const r = runCli(dir, ['--check', 'generated']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'generated: error: no Dockerfile found: the folder is ignored by .gitignore; use --no-gitignore to walk it',
    );
    expect(runCli(dir, ['--check', '--no-gitignore', 'generated']).status).toBe(1);
  });

  test('a folder left out by --exclude says so', () => {
    const dir = makeRepo({ 'legacy/Dockerfile': BROKEN });
    const r = runCli(dir, ['--check', '--exclude', 'legacy', 'legacy']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('legacy: error: no Dockerfile found: the folder is left out by --exclude');
  });

  test('no path given and no Dockerfile in the tree: a warning, exit 0', () => {
    const dir = makeRepo({ 'README.md': '# nothing to see\n' });
    const r = runCli(dir, ['--check']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^dockerfile-codemod: warning: \.: no Dockerfile found: no file in it has a Dockerfile name/m,
    );
    expect(runCli(dir, ['--check', '--quiet']).stderr).toBe('');
  });
});

describe('usage errors: exit 2, a message, no stack trace', () => {
  test.each([
    [['--exclude'], '--exclude needs a value'],
    [['--check', '--exclude'], '--exclude needs a value'],
    [['--exclude', '--check', '.'], '--exclude needs a value'],
    [['--enable'], '--enable needs a value'],
    [['--max-file-size', 'abc', '.'], '--max-file-size needs a positive number of MiB'],
    [['--max-file-size', '-1', '.'], '--max-file-size needs a positive number of MiB'],
    [['--max-file-size', '0', '.'], '--max-file-size needs a positive number of MiB'],
  ])('%j', (args, message) => {
    const dir = makeRepo({ Dockerfile: BROKEN });
    const r = runCli(dir, args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`dockerfile-codemod: ${message}`);
    expect(r.stdout).toBe('');
    noStack(r.stderr);
  });

  test.each([
    [['--wirte'], 'Unknown argument: wirte (did you mean --write?)'],
    [['--chek', '--quite'], 'Unknown arguments: chek, quite (did you mean --check, --quiet?)'],
    [['--exlude', 'x'], 'Unknown argument: exlude (did you mean --exclude?)'],
    [['--unsafe-fix'], 'Unknown argument: unsafe-fix (did you mean --unsafe-fixes?)'],
    [['--zzzzzzzzzz'], 'Unknown argument: zzzzzzzzzz\n'],
  ])('an unknown option %j suggests the nearest one when there is one', (args, message) => {
    const dir = makeRepo({ Dockerfile: BROKEN });
    const r = runCli(dir, args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(message);
    noStack(r.stderr);
  });
});

describe('what --write could not repair', () => {
  test('is printed even with --quiet; --fail-on-report makes the run fail', () => {
    const dir = makeRepo({ 'a/Dockerfile': REPORT_ONLY, 'b/Dockerfile': BROKEN });
    const quiet = runCli(dir, ['--write', '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toMatch(/^a\/Dockerfile:\d+:\d+ cache-mount-install-target .*uid/m);
    expect(quiet.stderr).not.toContain('wrote');
    expect(readBytes(dir, 'b/Dockerfile').equals(FIXED)).toBe(true);
    const failing = runCli(dir, ['--write', '--fail-on-report']);
    expect(failing.status).toBe(1);
    expect(failing.stderr).toMatch(/^a\/Dockerfile:\d+:\d+ cache-mount-install-target /m);
  });

  test('--fail-on-report changes nothing when every finding was repaired', () => {
    const dir = makeRepo({ Dockerfile: BROKEN });
    expect(runCli(dir, ['--write', '--fail-on-report']).status).toBe(0);
  });

  test('--write lists the files it wrote, unless --quiet', () => {
    const dir = makeRepo({ 'a/Dockerfile': BROKEN, 'b/Dockerfile': BROKEN, 'c/Dockerfile': 'FROM alpine\n' });
    const r = runCli(dir, ['--write']);
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n').filter((l) => l.startsWith('wrote '))).toEqual([
      'wrote a/Dockerfile',
      'wrote b/Dockerfile',
    ]);
  });
});

test('a directive naming no rule is reported, naming it', () => {
  const dir = makeRepo({
    Dockerfile: `FROM python:3.12\n# dockerfile-codemod ignore=cache-mount-install-targte reason=typo\n${BROKEN.split('\n').slice(1).join('\n')}`,
  });
  const r = runCli(dir, ['--check']);
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(
    /^Dockerfile:2:1 invalid-directive this directive names 'cache-mount-install-targte', which is not a rule of dockerfile-codemod \(known: cache-mount-install-target/m,
  );
});

test('a broken configuration file is reported once; the Dockerfiles it governs count as errors', () => {
  const dir = makeRepo({
    'svc/.dockerfile-codemod.json': '{ "transforms": { "nope": "on" } }',
    'svc/a/Dockerfile': BROKEN,
    'svc/b/Dockerfile': BROKEN,
    'svc/c/Dockerfile': BROKEN,
    'ok/Dockerfile': BROKEN,
  });
  const r = runCli(dir, ['--check']);
  expect(r.status).toBe(2);
  const lines = r.stderr.split('\n').filter((l) => l.includes('nope'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^dockerfile-codemod: error: configuration .*svc\/\.dockerfile-codemod\.json: transforms\.nope: unknown transform .*the Dockerfiles it governs are not processed$/,
  );
  expect(r.stderr).toMatch(/4 files: .* 3 errors/);
  expect(r.stdout).toContain('ok/Dockerfile:');
});

test("discovery hands fast-glob only the fs functions it calls, never fs's deprecated constants (DEP0176 on Node 24)", () => {
  const dir = tempDir('dfcm-dep-');
  writeTree(dir, {
    'a/Dockerfile': BROKEN,
    'b/Containerfile': BROKEN,
    '.gitignore': 'c/\n',
    'c/Dockerfile': BROKEN,
  });
  const adapters: Array<Record<string, unknown>> = [];
  let found: string[] = [];
  jest.isolateModules(() => {
    const real = jest.requireActual('fast-glob') as typeof import('fast-glob');
    jest.doMock('fast-glob', () => ({
      ...real,
      sync: (patterns: string[], options: { fs?: Record<string, unknown> }) => {
        if (options.fs) adapters.push(options.fs);
        return real.sync(patterns, options as never);
      },
      isDynamicPattern: real.isDynamicPattern,
    }));
    const { discover: isolated } = require('../src/discover.js') as { discover: typeof discover };
    found = isolated(['.'], { cwd: dir }).files.map((f) => path.relative(dir, f));
  });
  jest.dontMock('fast-glob');
  expect(found).toEqual(['a/Dockerfile', 'b/Containerfile']);
  expect(adapters).toHaveLength(1);
  const keys = Object.keys(adapters[0] as object).sort();
  expect(keys).toEqual(['lstat', 'lstatSync', 'readdir', 'readdirSync', 'stat', 'statSync']);
  for (const k of keys) expect(typeof (adapters[0] as Record<string, unknown>)[k]).toBe('function');
});
