/**
 * End-to-end: the repository's own Dockerfile (the tool as a container image), built by the
 * real BuildKit engine on the local node:20-bookworm-slim that e2e/setup.sh makes, then run as
 * its users run it: `docker run --rm -v "$PWD:/src" -w /src IMAGE --check .` on a fixture
 * repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { docker, engine, REPO_DIR, removeImages, STATE_DIR } from './docker';

const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const TAG = `codemod-e2e/dockerfile-codemod:${RUN_ID}`;
const FIXTURES = path.join(REPO_DIR, '__testfixtures__', 'cache-mount-install-target');
const BROKEN = fs.readFileSync(path.join(FIXTURES, 'seed-pip-target.input.Dockerfile'), 'utf8');
const FIXED = fs.readFileSync(path.join(FIXTURES, 'seed-pip-target.output.Dockerfile'), 'utf8');
const CLEAN = fs.readFileSync(path.join(FIXTURES, 'already-correct.input.Dockerfile'), 'utf8');
const PKG = JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};

let buildLog = '';
const dirs: string[] = [];

/** A fixture repository the container's user (uid 1000) can read: mkdtemp makes 0700 folders. */
function fixtureRepo(tree: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(STATE_DIR, 'image-fixture-'));
  dirs.push(dir);
  fs.chmodSync(dir, 0o755);
  for (const [rel, text] of Object.entries(tree)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    fs.writeFileSync(file, text, { mode: 0o644 });
  }
  return dir;
}

/** `docker run --rm -v "$DIR:/src" -w /src IMAGE ARGS`, without network. */
function runTool(dir: string, args: readonly string[], runOptions: readonly string[] = []) {
  return docker([
    'run',
    '--rm',
    '--network=none',
    ...runOptions,
    '-v',
    `${dir}:/src`,
    '-w',
    '/src',
    TAG,
    ...args,
  ]);
}

beforeAll(() => {
  const r = docker([
    'build',
    '--progress=plain',
    `--network=${engine().network}`,
    '-f',
    path.join(REPO_DIR, 'Dockerfile'),
    '-t',
    TAG,
    REPO_DIR,
  ]);
  buildLog = `${r.stdout}${r.stderr}`;
  fs.writeFileSync(path.join(STATE_DIR, 'build-dockerfile-codemod-image.log'), buildLog);
  if (r.status !== 0)
    throw new Error(`building the repository's Dockerfile failed:\n${buildLog.slice(-4000)}`);
});

afterAll(() => {
  removeImages([TAG]);
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the repository's Dockerfile", () => {
  test('builds on node:20-bookworm-slim, with npm packages from a cache mount', () => {
    expect(buildLog).toMatch(/FROM docker\.io\/library\/node:20-bookworm-slim|\[pack \d\/\d\] FROM/);
    expect(buildLog).toMatch(/npm pack --pack-destination \/pack/);
    expect(buildLog).toMatch(/npm install --global --omit=dev .*\/pack\/dockerfile-codemod-\*\.tgz/);
  });

  test('runs as the non-root user node, and the tool is the entry point', () => {
    const inspect = docker([
      'image',
      'inspect',
      '-f',
      '{{.Config.User}} {{json .Config.Entrypoint}} {{.Config.WorkingDir}}',
      TAG,
    ]);
    expect(inspect.stdout.trim()).toBe('node ["dockerfile-codemod"] /src');
    const id = docker(['run', '--rm', '--network=none', '--entrypoint', 'id', TAG, '-u']);
    expect(id.stdout.trim()).toBe('1000');
    const version = docker(['run', '--rm', '--network=none', TAG, '--version']);
    expect(version).toMatchObject({ status: 0, stdout: `${PKG.version}\n` });
  });

  test('holds the package and its runtime dependencies, no dev dependency and no tarball', () => {
    const script =
      'cd /usr/local/lib/node_modules/dockerfile-codemod/node_modules && ls -d * @*/* 2>/dev/null; echo ---; ' +
      'find / -xdev -name "dockerfile-codemod-*.tgz"';
    // As root, so that find reads every folder.
    const r = docker([
      'run',
      '--rm',
      '--network=none',
      '--user',
      '0',
      '--entrypoint',
      'sh',
      TAG,
      '-c',
      script,
    ]);
    expect(r.status).toBe(0);
    const [installed = '', tarballs = ''] = r.stdout.split('---\n');
    const names = installed.split('\n').filter(Boolean);
    for (const dep of Object.keys(PKG.dependencies)) expect([dep, names.includes(dep)]).toEqual([dep, true]);
    expect(names.filter((n) => n in PKG.devDependencies)).toEqual([]);
    expect(tarballs.trim()).toBe('');
  });

  test('docker run --rm -v "$PWD:/src" -w /src IMAGE --check . reports a broken repository and exits 1', () => {
    const dir = fixtureRepo({ 'svc/Dockerfile': BROKEN, Dockerfile: CLEAN, 'README.md': 'x\n' });
    const r = runTool(dir, ['--check', '.']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(
      /^svc\/Dockerfile:4:5 cache-mount-install-target Packages pip installs into \/pip-packages/,
    );
    expect(r.stderr).toContain('2 files: 1 would change, 1 unchanged, 1 with findings, 0 errors');
    expect(fs.readFileSync(path.join(dir, 'svc', 'Dockerfile'), 'utf8')).toBe(BROKEN);
  });

  test('exits 0 on a clean repository, and --write with --user repairs the files', () => {
    const clean = fixtureRepo({ Dockerfile: CLEAN });
    expect(runTool(clean, ['--check', '.'])).toMatchObject({ status: 0, stdout: '' });
    // The files belong to the user who runs the container (--user "$(id -u):$(id -g)").
    const dir = fixtureRepo({ 'svc/Dockerfile': BROKEN });
    for (const p of [dir, path.join(dir, 'svc'), path.join(dir, 'svc', 'Dockerfile')])
      fs.chownSync(p, 1000, 1000);
    const r = runTool(dir, ['--write', '.'], ['--user', '1000:1000']);
    expect(r.stderr).toContain('1 file: 1 changed');
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'svc', 'Dockerfile'), 'utf8')).toBe(FIXED);
  });
});
