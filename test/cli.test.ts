/**
 * End-to-end tests of the `dockerfile-codemod` executable: it is spawned with
 * node in throw-away git repositories built from the fixtures under
 * __testfixtures__/cache-mount-install-target, and its stdout, stderr, exit
 * code and the files on disk are checked byte for byte.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  type CliResult,
  diffHeaders,
  ensureBuilt,
  findingLines,
  fixtureFindings,
  fixtureInput,
  fixtureOutput,
  git,
  hasFixtureOutput,
  hasSummaryLine,
  makeRepo,
  RULE,
  readBytes,
  removeTempDirs,
  runCli,
  snapshotText,
  type Tree,
  tempDir,
  writeTree,
} from './helpers/cli.js';

jest.setTimeout(30_000);

beforeAll(() => {
  ensureBuilt();
});

afterAll(() => {
  removeTempDirs();
});

/** Where each fixture goes in the multi-file repository. */
const LAYOUT: ReadonlyArray<readonly [file: string, fixture: string]> = [
  ['Dockerfile', 'npm-ci-workdir-node-modules'],
  ['.devcontainer/Dockerfile', 'seed-pip-target'],
  ['services/win/Dockerfile', 'crlf-line-endings'],
  ['services/api/Dockerfile.prod', 'no-final-newline'],
  ['services/py/app.Dockerfile', 'utf8-bom'],
  ['services/multi/Dockerfile', 'pip-and-npm-two-broken-mounts'],
  ['services/ok/Containerfile', 'already-correct'],
];
const CHANGED = LAYOUT.filter(([, fx]) => hasFixtureOutput(fx)).map(([file]) => file);
const UNCHANGED = LAYOUT.filter(([, fx]) => !hasFixtureOutput(fx)).map(([file]) => file);

function layoutTree(): Tree {
  const tree: Tree = { 'README.md': '# not a Dockerfile\n' };
  for (const [file, fixture] of LAYOUT) tree[file] = fixtureInput(fixture);
  return tree;
}

/** The tree the repository must have once every fix is applied. */
function expectedRepairedTree(): Record<string, string> {
  const tree: Record<string, string> = { 'README.md': '# not a Dockerfile\n' };
  for (const [file, fixture] of LAYOUT) tree[file] = fixtureOutput(fixture).toString('latin1');
  return Object.fromEntries(Object.entries(tree).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function describeRun(r: CliResult): string {
  return `exit ${r.status}\n--- stdout\n${r.stdout}\n--- stderr\n${r.stderr}`;
}

function expectExit(r: CliResult, code: number): void {
  if (r.status !== code) throw new Error(`expected exit ${code}, got ${describeRun(r)}`);
}

const BROKEN = 'npm-ci-workdir-node-modules';

describe('dry run over a repository', () => {
  test('prints a diff git applies to give the fixture outputs, and writes nothing', () => {
    // The fixtures used must really be what the layout assumes.
    expect(CHANGED.length).toBe(6);
    expect(UNCHANGED).toEqual(['services/ok/Containerfile']);

    const repo = makeRepo(layoutTree());
    const before = snapshotText(repo);
    const r = runCli(repo, []);
    expectExit(r, 1);

    expect([...diffHeaders(r.stdout)].sort()).toEqual([...CHANGED].sort());
    expect(r.stderr).toMatch(
      /^dockerfile-codemod: 7 files: 6 would change, 1 unchanged, 6 with findings, 0 errors \(/m,
    );
    // The dry run itself changed nothing on disk.
    expect(snapshotText(repo)).toEqual(before);
    expect(git(repo, ['status', '--porcelain']).stdout).toBe('');

    const check = git(repo, ['apply', '--check', '-'], r.stdout, true);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
    git(repo, ['apply', '-'], r.stdout);
    expect(snapshotText(repo)).toEqual(expectedRepairedTree());
  });
});

describe('--write', () => {
  test('gives the same bytes as the applied dry-run diff, keeps file modes, and is idempotent', () => {
    const viaDiff = makeRepo(layoutTree());
    const dry = runCli(viaDiff, []);
    expectExit(dry, 1);
    git(viaDiff, ['apply', '-'], dry.stdout);

    const repo = makeRepo(layoutTree());
    fs.chmodSync(path.join(repo, 'Dockerfile'), 0o640);
    fs.chmodSync(path.join(repo, 'services', 'win', 'Dockerfile'), 0o755);
    const w = runCli(repo, ['--write']);
    expectExit(w, 0);
    expect(w.stdout).toBe('');
    expect(w.stderr).toMatch(/^dockerfile-codemod: 7 files: 6 changed, 1 unchanged, /m);

    const written = snapshotText(repo);
    expect(written).toEqual(snapshotText(viaDiff));
    expect(written).toEqual(expectedRepairedTree());
    expect(fs.statSync(path.join(repo, 'Dockerfile')).mode & 0o7777).toBe(0o640);
    expect(fs.statSync(path.join(repo, 'services', 'win', 'Dockerfile')).mode & 0o7777).toBe(0o755);

    const again = runCli(repo, ['-w']);
    expectExit(again, 0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^dockerfile-codemod: 7 files: 0 changed, 7 unchanged, 0 with findings/m);
    expect(snapshotText(repo)).toEqual(written);

    const dryAfter = runCli(repo, []);
    expectExit(dryAfter, 0);
    expect(dryAfter.stdout).toBe('');
  });
});

describe('--check', () => {
  test('prints one line per finding with the fixture positions and writes nothing', () => {
    const repo = makeRepo(layoutTree());
    const before = snapshotText(repo);
    const r = runCli(repo, ['--check']);
    expectExit(r, 1);
    expect(r.stdout).not.toContain('diff --git');

    const lines = findingLines(r.stdout);
    const expected: string[] = [];
    for (const [file, fixture] of LAYOUT) {
      for (const f of fixtureFindings(fixture)) expected.push(`${file}:${f.at}`);
    }
    expect(expected.length).toBe(7);
    expect(lines.map((l) => `${l.file}:${l.at}`).sort()).toEqual(expected.sort());
    for (const l of lines) {
      expect(l.rule).toBe(RULE);
      expect(l.message.length).toBeGreaterThan(10);
    }
    expect(snapshotText(repo)).toEqual(before);
  });

  test('exits 0 with no output on a repository of correct files', () => {
    const repo = makeRepo({
      Dockerfile: fixtureInput('already-correct'),
      'py/Dockerfile': fixtureOutput('seed-pip-target'),
      'web/Dockerfile': fixtureOutput(BROKEN),
    });
    const r = runCli(repo, ['--check']);
    expectExit(r, 0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^dockerfile-codemod: 3 files: 0 would change, 3 unchanged, 0 with findings/m);
  });

  test('a report-only finding fails --check and a dry run, but --write exits 0 and leaves the file', () => {
    const fixture = 'non-root-unknown-uid-report';
    expect(hasFixtureOutput(fixture)).toBe(false);
    const [finding] = fixtureFindings(fixture);
    expect(finding).toEqual({ at: '9:5', messageId: 'unknownUid', kind: 'report' });
    const input = fixtureInput(fixture);
    const repo = makeRepo({ 'app/Dockerfile': input });
    const expectedPrefix = `app/Dockerfile:${finding?.at} ${RULE} `;

    const check = runCli(repo, ['--check']);
    expectExit(check, 1);
    const lines = check.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.startsWith(expectedPrefix)).toBe(true);

    const dry = runCli(repo, []);
    expectExit(dry, 1);
    expect(dry.stdout).toBe('');
    expect(dry.stderr).toContain(expectedPrefix);

    const w = runCli(repo, ['--write']);
    expectExit(w, 0);
    expect(w.stdout).toBe('');
    expect(w.stderr).toContain(expectedPrefix);
    expect(readBytes(repo, 'app/Dockerfile').equals(input)).toBe(true);
  });
});

describe('standard input', () => {
  /**
   * Each run happens in a folder that also holds a broken Dockerfile, so a CLI
   * that walked "." instead of reading standard input would show (or write) it.
   */
  function stdinFolder(): { dir: string; sentinel: Buffer } {
    const dir = tempDir();
    const sentinel = fixtureInput(BROKEN);
    writeTree(dir, { Dockerfile: sentinel });
    return { dir, sentinel };
  }

  test('"-" prints a diff named by --stdin-filename that applies to the file', () => {
    const { dir, sentinel } = stdinFolder();
    const fixture = 'seed-pip-target';
    const r = runCli(dir, ['-', '--stdin-filename', 'app/Dockerfile'], fixtureInput(fixture));
    expectExit(r, 1);
    expect(diffHeaders(r.stdout)).toEqual(['app/Dockerfile']);
    expect(readBytes(dir, 'Dockerfile').equals(sentinel)).toBe(true);

    const repo = makeRepo({ 'app/Dockerfile': fixtureInput(fixture) });
    git(repo, ['apply', '-'], r.stdout);
    expect(readBytes(repo, 'app/Dockerfile').toString('latin1')).toBe(
      fixtureOutput(fixture).toString('latin1'),
    );
  });

  test('--write - prints exactly the repaired text and touches no file', () => {
    const { dir, sentinel } = stdinFolder();
    const fixture = 'crlf-line-endings';
    const r = runCli(dir, ['--write', '-'], fixtureInput(fixture));
    expectExit(r, 0);
    expect(r.stdoutBytes.toString('latin1')).toBe(fixtureOutput(fixture).toString('latin1'));
    expect(readBytes(dir, 'Dockerfile').equals(sentinel)).toBe(true);
  });

  test('--check - exits 1 with the finding under the stdin name', () => {
    const { dir } = stdinFolder();
    const r = runCli(
      dir,
      ['--check', '-', '--stdin-filename', 'svc/Dockerfile'],
      fixtureInput('seed-pip-target'),
    );
    expectExit(r, 1);
    const lines = findingLines(r.stdout);
    expect(lines.map((l) => `${l.file}:${l.at} ${l.rule}`)).toEqual([`svc/Dockerfile:4:5 ${RULE}`]);
  });

  test('--write - echoes an input that needs no change byte for byte (BOM kept)', () => {
    const { dir, sentinel } = stdinFolder();
    const input = fixtureOutput('utf8-bom');
    expect(input.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    const r = runCli(dir, ['--write', '-'], input);
    expectExit(r, 0);
    expect(r.stdoutBytes.toString('latin1')).toBe(input.toString('latin1'));
    expect(readBytes(dir, 'Dockerfile').equals(sentinel)).toBe(true);
  });
});

describe('a file that cannot be parsed', () => {
  const TEMPLATE = [
    'FROM node:20',
    '{% if x %}',
    'WORKDIR /app',
    'RUN --mount=type=cache,target=/app/node_modules npm ci',
    '{% endif %}',
    '',
  ].join('\n');
  const tree = (): Tree => ({
    'bad/Dockerfile': TEMPLATE,
    'broken/Dockerfile': fixtureInput(BROKEN),
    'good/Dockerfile': fixtureInput('already-correct'),
  });
  const ERROR = /^bad\/Dockerfile: error: line 2: unknown instruction .*\{%/m;

  test('dry run: exit 2, the error on stderr, the other diff still printed', () => {
    const repo = makeRepo(tree());
    const before = snapshotText(repo);
    const r = runCli(repo, []);
    expectExit(r, 2);
    expect(r.stderr).toMatch(ERROR);
    expect(r.stderr).toMatch(/^dockerfile-codemod: 3 files: 1 would change, 1 unchanged, .*, 1 error \(/m);
    expect(diffHeaders(r.stdout)).toEqual(['broken/Dockerfile']);
    expect(snapshotText(repo)).toEqual(before);
    git(repo, ['apply', '-'], r.stdout);
    expect(readBytes(repo, 'broken/Dockerfile').toString('latin1')).toBe(
      fixtureOutput(BROKEN).toString('latin1'),
    );
  });

  test('--write: exit 2, the broken file still fixed, the bad and good files untouched', () => {
    const repo = makeRepo(tree());
    const r = runCli(repo, ['--write']);
    expectExit(r, 2);
    expect(r.stderr).toMatch(ERROR);
    expect(r.stdout).toBe('');
    expect(readBytes(repo, 'broken/Dockerfile').toString('latin1')).toBe(
      fixtureOutput(BROKEN).toString('latin1'),
    );
    expect(readBytes(repo, 'bad/Dockerfile').toString('utf8')).toBe(TEMPLATE);
    expect(readBytes(repo, 'good/Dockerfile').equals(fixtureInput('already-correct'))).toBe(true);
  });
});

describe('discovery', () => {
  let repo: string;
  beforeAll(() => {
    const broken = fixtureInput(BROKEN);
    repo = makeRepo({
      '.gitignore': 'ignored/\n',
      Dockerfile: broken,
      '.devcontainer/Dockerfile': broken,
      'ignored/Dockerfile': broken,
      'nested/.gitignore': 'gen/\n',
      'nested/gen/Dockerfile': broken,
      'nested/kept/Dockerfile': broken,
      'legacy/Dockerfile': broken,
      'node_modules/x/Dockerfile': broken,
      'Dockerfile.md': broken,
      '.dockerignore': broken,
      'svc/api.dockerfile': broken,
      'svc/Containerfile': broken,
      'docs/notes.txt': broken,
    });
    fs.symlinkSync(path.join('..', 'Dockerfile'), path.join(repo, 'svc', 'Dockerfile.link'));
    fs.symlinkSync(path.join('nested', 'kept'), path.join(repo, 'linked'));
  });

  /** The files `--check` reports, one per file (each broken file has exactly one finding). */
  const reported = (r: CliResult): string[] => findingLines(r.stdout).map((l) => l.file);

  const WALKED = [
    '.devcontainer/Dockerfile',
    'Dockerfile',
    'legacy/Dockerfile',
    'nested/kept/Dockerfile',
    'svc/Containerfile',
    'svc/api.dockerfile',
  ];

  test('a walk takes Dockerfile names, honours nested .gitignore files and skips node_modules and links', () => {
    const r = runCli(repo, ['--check', '-q']);
    expectExit(r, 1);
    expect(reported(r)).toEqual(WALKED);
  });

  test('--no-gitignore shows the ignored files, but still not node_modules', () => {
    const r = runCli(repo, ['--check', '-q', '--no-gitignore']);
    expectExit(r, 1);
    expect(reported(r)).toEqual(
      [...WALKED, 'ignored/Dockerfile', 'nested/gen/Dockerfile'].sort((a, b) => (a < b ? -1 : 1)),
    );
  });

  test("--exclude 'legacy/**' leaves that folder out", () => {
    const r = runCli(repo, ['--check', '-q', '--exclude', 'legacy/**']);
    expectExit(r, 1);
    expect(reported(r)).toEqual(WALKED.filter((f) => f !== 'legacy/Dockerfile'));
  });

  test('--exclude given twice leaves out what either glob matches', () => {
    const r = runCli(repo, ['--check', '-q', '--exclude', 'legacy/**', '--exclude', 'svc/**']);
    expectExit(r, 1);
    expect(reported(r)).toEqual(['.devcontainer/Dockerfile', 'Dockerfile', 'nested/kept/Dockerfile']);
  });

  test('an --exclude glob without "/" matches a name at any depth', () => {
    const r = runCli(repo, ['--check', '-q', '--exclude', 'Dockerfile']);
    expectExit(r, 1);
    expect(reported(r)).toEqual(['svc/Containerfile', 'svc/api.dockerfile']);
    const ext = runCli(repo, ['--check', '-q', '--exclude', '*.dockerfile']);
    expectExit(ext, 1);
    expect(reported(ext)).toEqual(WALKED.filter((f) => f !== 'svc/api.dockerfile'));
  });

  test('a glob as a path takes the files it matches; one that matches nothing is an error', () => {
    const r = runCli(repo, ['--check', '-q', 'svc/*', '**/*.Containerfile']);
    expectExit(r, 2);
    expect(reported(r)).toEqual(['svc/Containerfile', 'svc/api.dockerfile']);
    expect(r.stderr).toContain('**/*.Containerfile: error: no Dockerfile found: the glob matches no file');
    const deep = runCli(repo, ['--check', '-q', '.devcontainer/Docker*']);
    expectExit(deep, 1);
    expect(reported(deep)).toEqual(['.devcontainer/Dockerfile']);
  });

  test("a folder listed in the repository's .git/info/exclude is not walked", () => {
    const broken = fixtureInput(BROKEN);
    const excluded = makeRepo({
      Dockerfile: broken,
      'private/Dockerfile': broken,
      'public/Dockerfile': broken,
    });
    fs.appendFileSync(path.join(excluded, '.git', 'info', 'exclude'), '\nprivate/\n');
    const r = runCli(excluded, ['--check', '-q']);
    expectExit(r, 1);
    expect(reported(r)).toEqual(['Dockerfile', 'public/Dockerfile']);
    // Also when the walk starts below the repository root.
    fs.appendFileSync(path.join(excluded, '.git', 'info', 'exclude'), 'public/inner/\n');
    writeTree(excluded, { 'public/inner/Dockerfile': broken });
    const below = runCli(path.join(excluded, 'public'), ['--check', '-q']);
    expectExit(below, 1);
    expect(reported(below)).toEqual(['Dockerfile']);
    // --no-gitignore walks it.
    const all = runCli(excluded, ['--check', '-q', '--no-gitignore']);
    expectExit(all, 1);
    expect(reported(all)).toEqual([
      'Dockerfile',
      'private/Dockerfile',
      'public/Dockerfile',
      'public/inner/Dockerfile',
    ]);
  });

  test('--format text prints one file:line:col line per finding and no diff', () => {
    const r = runCli(repo, ['--format', 'text', '-q']);
    expectExit(r, 1);
    expect(r.stdout).not.toContain('diff --git');
    const lines = findingLines(r.stdout);
    expect(lines.map((l) => l.file)).toEqual(WALKED);
    for (const l of lines) {
      expect(l.at).toBe('4:5');
      expect(l.rule).toBe(RULE);
    }
  });

  test('short flags: -f picks the format, -o writes the report to a file', () => {
    const out = path.join(tempDir(), 'report.json');
    const r = runCli(repo, ['-f', 'json', '-o', out, '-q']);
    expectExit(r, 1);
    expect(r.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    const files: Array<{ path: string; status: string; findings: unknown[] }> = report.files;
    expect(files.filter((f) => f.findings.length > 0).map((f) => f.path)).toEqual(WALKED);
    expect(files.find((f) => f.path === 'svc/Dockerfile.link')?.status).toBe('skipped');
    const text = runCli(repo, ['-f', 'text', '-q', 'svc']);
    expectExit(text, 1);
    expect(findingLines(text.stdout).map((l) => l.file)).toEqual(['svc/Containerfile', 'svc/api.dockerfile']);
  });

  test('explicit files are taken whatever their name; a missing path is an error that stops nothing', () => {
    const r = runCli(repo, ['--check', '-q', 'docs/notes.txt', 'missing/Dockerfile', 'svc/api.dockerfile']);
    expectExit(r, 2);
    expect(reported(r).sort()).toEqual(['docs/notes.txt', 'svc/api.dockerfile']);
    expect(r.stderr).toMatch(/^missing\/Dockerfile: error: no such file/m);
  });
});

describe('usage', () => {
  let repo: string;
  let original: Buffer;
  beforeAll(() => {
    original = fixtureInput(BROKEN);
    repo = makeRepo({
      Dockerfile: original,
      'report/Dockerfile': fixtureInput('non-root-unknown-uid-report'),
    });
  });
  afterEach(() => {
    // No usage test may write anything.
    expect(readBytes(repo, 'Dockerfile').equals(original)).toBe(true);
  });

  test('an unknown option exits 2 with a message on stderr', () => {
    const r = runCli(repo, ['--write', '--bogus-flag']);
    expectExit(r, 2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bogus-flag');
  });

  test('--write with --check exits 2', () => {
    const r = runCli(repo, ['--write', '--check']);
    expectExit(r, 2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/write/);
    expect(r.stderr).toMatch(/check/);
  });

  test('an unknown --transform exits 2 and names it', () => {
    const r = runCli(repo, ['--transform', 'nope']);
    expectExit(r, 2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown transform 'nope'/);
  });

  test('--transform cache-mount-install-target runs that transform', () => {
    const r = runCli(repo, ['--transform', RULE, 'Dockerfile']);
    expectExit(r, 1);
    expect(diffHeaders(r.stdout)).toEqual(['Dockerfile']);
  });

  test('--help exits 0 and prints usage on stdout', () => {
    const r = runCli(repo, ['--help']);
    expectExit(r, 0);
    expect(r.stdout).toContain('dockerfile-codemod [paths..]');
    expect(r.stdout).toContain('--write');
    expect(r.stdout).toContain('--check');
    expect(r.stdout).toContain('--stdin-filename');
    expect(r.stderr).toBe('');
  });

  test('--quiet drops the summary line but keeps the diff and what it cannot fix', () => {
    const loud = runCli(repo, []);
    expectExit(loud, 1);
    expect(hasSummaryLine(loud.stderr)).toBe(true);
    expect(loud.stderr).toContain(`report/Dockerfile:9:5 ${RULE}`);

    const quiet = runCli(repo, ['--quiet']);
    expectExit(quiet, 1);
    expect(hasSummaryLine(quiet.stderr)).toBe(false);
    expect(quiet.stderr.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(new RegExp(`^report/Dockerfile:9:5 ${RULE} `)),
    ]);
    expect(quiet.stdout).toBe(loud.stdout);
    expect(diffHeaders(quiet.stdout)).toEqual(['Dockerfile']);
  });
});
