/**
 * The pre-commit hooks with the real pre-commit (Debian's, installed here when
 * missing): `pre-commit try-repo` installs each hook from a hooks tree made of
 * the npm package (scripts/hooks-tree.js) and runs it on the Dockerfiles staged
 * in a temporary repository. Also the `dockerfile-codemod-pre-commit`
 * executable, which runs what the repair hook runs.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BIN,
  fixtureInput,
  fixtureOutput,
  git,
  makeRepo,
  ROOT,
  removeTempDirs,
  tempDir,
  writeTree,
} from './helpers/cli.js';
import { cleanEnv, ensureDebianPackage, exec, listFiles, PACKAGE, packTarball } from './helpers/package.js';

const BROKEN = fixtureInput('seed-pip-target').toString();
const FIXED = fixtureOutput('seed-pip-target').toString();
const CLEAN = fixtureInput('already-correct').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();
const WRAPPER = path.join(ROOT, 'bin', 'pre-commit.js');

afterAll(removeTempDirs);

describe('bin/pre-commit.js (dockerfile-codemod --write --fail-on-report --quiet)', () => {
  const wrapper = (cwd: string, args: string[]) => exec(process.execPath, [WRAPPER, ...args], { cwd });

  test('repairs, prints nothing and exits 0 when every finding had a fix', () => {
    const dir = tempDir();
    writeTree(dir, { 'app/Dockerfile': BROKEN, Dockerfile: CLEAN });
    expect(wrapper(dir, ['app/Dockerfile', 'Dockerfile'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8')).toBe(FIXED);
  });

  test('exits 1 and prints the finding while one without a fix remains, after repairing the rest', () => {
    const dir = tempDir();
    writeTree(dir, { 'app/Dockerfile': BROKEN, 'jobs/Dockerfile': REPORT_ONLY });
    const r = wrapper(dir, ['app/Dockerfile', 'jobs/Dockerfile']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /^jobs\/Dockerfile:9:5 cache-mount-install-target Packages pip installs .*uid=<uid>,gid=<gid>\.\n$/,
    );
    expect(r.stdout).toBe('');
    // The same as the command line with those options.
    writeTree(dir, { 'app/Dockerfile': BROKEN });
    expect(
      exec(
        process.execPath,
        [BIN, '--write', '--fail-on-report', '--quiet', 'app/Dockerfile', 'jobs/Dockerfile'],
        { cwd: dir },
      ),
    ).toEqual(r);
    expect(fs.readFileSync(path.join(dir, 'app', 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(fs.readFileSync(path.join(dir, 'jobs', 'Dockerfile'), 'utf8')).toBe(REPORT_ONLY);
  });

  test("passes the tool's errors and exit code 2 through, and other options to the tool", () => {
    const dir = tempDir();
    writeTree(dir, {
      'tpl/Dockerfile': 'FROM x\n{% if y %}\nRUN --mount=type=cache,target=/p pip install --target=/p y\n',
    });
    const r = wrapper(dir, ['tpl/Dockerfile']);
    expect(r).toMatchObject({ status: 2, stdout: '' });
    expect(r.stderr).toMatch(/^tpl\/Dockerfile: error: line 2: unknown instruction/);
    expect(wrapper(dir, ['--bogus', 'tpl/Dockerfile'])).toMatchObject({ status: 2, stdout: '' });
    writeTree(dir, { 'jobs/Dockerfile': REPORT_ONLY });
    expect(wrapper(dir, ['--exclude', 'jobs/**', 'jobs/Dockerfile'])).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });
});

describe('pre-commit try-repo', () => {
  let tree: string;
  let home: string;
  beforeAll(() => {
    ensureDebianPackage('pre-commit', 'pre-commit');
    const { tarball } = packTarball();
    tree = path.join(tempDir('dfcm-hooks-'), 'tree');
    const made = exec(process.execPath, [path.join(ROOT, 'scripts', 'hooks-tree.js'), tarball, tree]);
    expect(made.stderr).toBe('');
    expect(made.status).toBe(0);
    home = tempDir('dfcm-pre-commit-home-');
  }, 120_000);

  /** pre-commit as a user runs it: its own cache folder; node and npm found on PATH (language_version system). */
  const tryRepo = (repo: string, hook: string) =>
    spawnSync('pre-commit', ['try-repo', tree, hook], {
      cwd: repo,
      encoding: 'utf8',
      env: cleanEnv({ PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' }),
    });

  const stagedRepo = () => {
    const repo = makeRepo({ Dockerfile: CLEAN, 'README.md': 'x\n' });
    writeTree(repo, { 'app/Dockerfile': BROKEN, 'jobs/Dockerfile': REPORT_ONLY });
    git(repo, ['add', 'app/Dockerfile', 'jobs/Dockerfile']);
    return repo;
  };

  test('the hooks tree is the package with no dev dependency and no script', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(tree, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
    expect(pkg.dependencies).toEqual(PACKAGE.dependencies);
    expect(git(tree, ['tag']).stdout).toBe(`v${PACKAGE.version}\n`);
    expect(fs.existsSync(path.join(tree, '.pre-commit-hooks.yaml'))).toBe(true);
  });

  test('dockerfile-codemod-check reports the staged Dockerfiles and fails, changing nothing', () => {
    const repo = stagedRepo();
    const r = tryRepo(repo, 'dockerfile-codemod-check');
    expect(r.stdout).toMatch(/^dockerfile-codemod \(check only\)\.+Failed$/m);
    expect(r.stdout).toMatch(
      /^app\/Dockerfile:4:5 cache-mount-install-target Packages pip installs into \/pip-packages/m,
    );
    expect(r.stdout).toMatch(/^jobs\/Dockerfile:9:5 cache-mount-install-target /m);
    expect(r.status).toBe(1);
    expect(fs.readFileSync(path.join(repo, 'app', 'Dockerfile'), 'utf8')).toBe(BROKEN);
  }, 120_000);

  test('dockerfile-codemod repairs the staged Dockerfile, fails while a report remains, then passes', () => {
    const repo = stagedRepo();
    const r = tryRepo(repo, 'dockerfile-codemod');
    expect(r.stdout).toMatch(/^dockerfile-codemod\.+Failed$/m);
    expect(r.stdout).toContain('- files were modified by this hook');
    expect(r.stdout).toMatch(/^jobs\/Dockerfile:9:5 cache-mount-install-target .*uid=<uid>,gid=<gid>\.$/m);
    expect(r.status).toBe(1);
    expect(fs.readFileSync(path.join(repo, 'app', 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(fs.readFileSync(path.join(repo, 'jobs', 'Dockerfile'), 'utf8')).toBe(REPORT_ONLY);

    // The report alone still fails the commit (nothing was modified this time).
    git(repo, ['add', 'app/Dockerfile']);
    const report = tryRepo(repo, 'dockerfile-codemod');
    expect(report.stdout).toMatch(/^dockerfile-codemod\.+Failed$/m);
    expect(report.stdout).not.toContain('files were modified');
    expect(report.stdout).toMatch(/^jobs\/Dockerfile:9:5 cache-mount-install-target /m);
    expect(report.status).toBe(1);
  }, 180_000);

  test("from a configuration at the tree's tag: the hook passes on repaired files, and its environment holds no dev dependency", () => {
    const repo = makeRepo({ 'README.md': 'x\n' });
    writeTree(repo, {
      'app/Dockerfile': FIXED,
      '.pre-commit-config.yaml': `repos:\n  - repo: ${tree}\n    rev: v${PACKAGE.version}\n    hooks:\n      - id: dockerfile-codemod\n`,
    });
    git(repo, ['add', '-A']);
    const r = spawnSync('pre-commit', ['run'], {
      cwd: repo,
      encoding: 'utf8',
      env: cleanEnv({ PRE_COMMIT_HOME: home, PRE_COMMIT_COLOR: 'never' }),
    });
    expect(r.stdout).toMatch(/^dockerfile-codemod\.+Passed$/m);
    expect(r.status).toBe(0);
    const files = listFiles(home);
    expect(
      files.filter((f) => f.endsWith(`/node_modules/${PACKAGE.name}/package.json`)).length,
    ).toBeGreaterThan(0);
    const dev = Object.keys(PACKAGE.devDependencies);
    const present = files
      .map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\/package\.json$/.exec(f)?.[1])
      .filter((n): n is string => n !== undefined && dev.includes(n));
    expect([...new Set(present)]).toEqual([]);
  }, 120_000);
});

test('the hooks run the executable the package installs, the repair hook with --fail-on-report', () => {
  const hooks = fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const entries = [...hooks.matchAll(/^\s+entry: (.+)$/gm)].map((m) => m[1]);
  expect(entries).toEqual([
    'dockerfile-codemod --write --fail-on-report --quiet',
    'dockerfile-codemod --check',
  ]);
  for (const e of entries) expect(Object.keys(PACKAGE.bin)).toContain(e?.split(' ')[0]);
  expect(PACKAGE.bin['dockerfile-codemod-pre-commit']).toBe('bin/pre-commit.js');
  expect(fs.existsSync(BIN)).toBe(true);
});
