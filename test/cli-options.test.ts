/**
 * --statistics, --exit-zero and --show-config, through the real executable.
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
  tempTree,
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

const project = (tree: Tree) => tempTree(tree, 'dfcm-options-');

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

/** A transform as --show-config lists it when nothing but its default decides it. */
function byDefault(id: string, enabled: boolean, options: Record<string, unknown> = {}) {
  return { id, enabled, source: 'default', options, defaultOptions: options };
}

describe('--show-config', () => {
  const tree: Tree = {
    'package.json': JSON.stringify({ name: 'x', 'dockerfile-codemod': { cacheDirs: { npm: '/cache/npm' } } }),
    'svc/.dockerfile-codemod.json': JSON.stringify({
      transforms: { 'cache-mount-install-target': 'off' },
      exclude: ['legacy/**'],
      cacheDirs: { pip: '/cache/pip' },
    }),
    'svc/Dockerfile': BROKEN,
    'web/Dockerfile': BROKEN,
  };

  test('text: the file that applies, the transforms with their state and what decided it, excludes, cache folders', () => {
    const dir = project(tree);
    const r = runCli(dir, ['--show-config', 'svc/Dockerfile']);
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(
      [
        'Dockerfile: svc/Dockerfile',
        'Configuration: svc/.dockerfile-codemod.json (the nearest above the Dockerfile)',
        'Excluded: no',
        '  exclude (configuration, relative to its folder): legacy/**',
        'Transforms:',
        '  cache-mount-install-target  off  (the configuration file)',
        '  cache-mount-wrong-dir       on   (its default)',
        '  cache-mount-defeated        on   (its default)',
        '  cache-mount-sharing         on   (its default)',
        '    options: {"sharing":"locked"}',
        '  cache-mount-owner           on   (its default)',
        '  add-cache-mounts            off  (its default)',
        'Cache folders: pip /cache/pip',
        'Unsafe fixes: reported; inline directives: honoured; unused directives: not reported',
        '',
      ].join('\n'),
    );
    // A folder stands for its Dockerfile; package.json's key applies to the other folder.
    const web = runCli(dir, ['--show-config', 'web', '--warn-unused-directives']);
    expect(web.stdout).toContain('Dockerfile: web/Dockerfile\n');
    expect(web.stdout).toContain(
      'Configuration: package.json ("dockerfile-codemod" key) (the nearest above the Dockerfile)\n',
    );
    expect(web.stdout).toContain('  cache-mount-install-target  on   (its default)\n');
    expect(web.stdout).toContain('Cache folders: npm /cache/npm\n');
    expect(web.stdout).toContain('unused directives: reported\n');
  });

  test('--format json: the same, with what the command line changes', () => {
    const dir = project(tree);
    const r = runCli(dir, [
      '--show-config',
      'svc/legacy/Dockerfile',
      '--format',
      'json',
      '--enable',
      'cache-mount-install-target',
      '--unsafe-fixes',
    ]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      path: 'svc/legacy/Dockerfile',
      configFile: 'svc/.dockerfile-codemod.json',
      configKey: null,
      configSource: 'nearest',
      excluded: 'config',
      exclude: ['legacy/**'],
      commandLineExclude: [],
      transforms: [
        {
          id: 'cache-mount-install-target',
          enabled: true,
          source: 'command line',
          options: {},
          defaultOptions: {},
        },
        ...['cache-mount-wrong-dir', 'cache-mount-defeated'].map((id) => byDefault(id, true)),
        byDefault('cache-mount-sharing', true, { sharing: 'locked' }),
        byDefault('cache-mount-owner', true),
        byDefault('add-cache-mounts', false),
      ],
      cacheDirs: { pip: '/cache/pip' },
      unsafeFixes: true,
      inlineDirectives: true,
      warnUnusedDirectives: false,
    });
    const none = JSON.parse(
      runCli(dir, ['--show-config', 'svc/Dockerfile', '--no-config', '--exclude', 'svc/**', '-f', 'json'])
        .stdout,
    );
    expect(none).toMatchObject({
      configFile: null,
      configSource: '--no-config',
      excluded: 'command line',
      commandLineExclude: ['svc/**'],
      cacheDirs: {},
    });
    expect(none.transforms.map((t: { id: string; source: string }) => `${t.id} ${t.source}`)).toEqual([
      'cache-mount-install-target default',
      'cache-mount-wrong-dir default',
      'cache-mount-defeated default',
      'cache-mount-sharing default',
      'cache-mount-owner default',
      'add-cache-mounts default',
    ]);
    const named = JSON.parse(
      runCli(dir, [
        '--show-config',
        'web/Dockerfile',
        '--config',
        'svc/.dockerfile-codemod.json',
        '-f',
        'json',
      ]).stdout,
    );
    expect(named).toMatchObject({ configFile: 'svc/.dockerfile-codemod.json', configSource: '--config' });
  });

  test('what it shows is what a run does', () => {
    const dir = project(tree);
    for (const [file, args] of [
      ['svc/Dockerfile', []],
      ['web/Dockerfile', []],
      ['svc/Dockerfile', ['--transform', 'cache-mount-install-target']],
      ['web/Dockerfile', ['--disable', 'cache-mount-install-target']],
    ] as Array<[string, string[]]>) {
      const shown = JSON.parse(runCli(dir, ['--show-config', file, '-f', 'json', ...args]).stdout);
      const run = runCli(dir, ['--check', file, ...args]);
      expect([file, args, shown.transforms[0].enabled]).toEqual([file, args, run.status === 1]);
    }
  });

  test('a broken configuration file, an unknown transform or another path is a usage error; --output takes it', () => {
    const dir = project({ ...tree, 'bad/.dockerfile-codemod.json': '{"exclud": []}' });
    const bad = runCli(dir, ['--show-config', 'bad/Dockerfile']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/configuration .*bad\/\.dockerfile-codemod\.json: exclud: unknown key/);
    expect(runCli(dir, ['--show-config', 'svc/Dockerfile', '--enable', 'nope']).stderr).toMatch(
      /unknown transform 'nope'/,
    );
    expect(runCli(dir, ['--show-config', 'svc/Dockerfile', 'web']).stderr).toContain(
      '--show-config takes one path, and no other',
    );
    expect(runCli(dir, ['--show-config', 'svc/Dockerfile', '-f', 'sarif']).status).toBe(2);
    expect(runCli(dir, ['--show-config']).stderr).toMatch(/--show-config needs a value/);
    const out = runCli(dir, ['--show-config', 'svc/Dockerfile', '--output', 'config.txt']);
    expect([out.status, out.stdout]).toEqual([0, '']);
    expect(fs.readFileSync(path.join(dir, 'config.txt'), 'utf8')).toMatch(/^Dockerfile: svc\/Dockerfile\n/);
  });
});
