/**
 * The executable's V8 code cache (bin/load-cli.js): written once to the
 * user's cache folder, used after that, replaced when stale or damaged, and
 * never a reason for a run to fail or to print anything.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BIN, ensureBuilt, fixtureInput, ROOT, removeTempDirs, tempDir, writeTree } from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const BROKEN = fixtureInput('seed-pip-target').toString();

function project(): string {
  const dir = tempDir('dfcm-cc-');
  writeTree(dir, { Dockerfile: BROKEN });
  return dir;
}

function runWith(cwd: string, env: Record<string, string | undefined>) {
  const r = spawnSync(process.execPath, [BIN, '--check', 'Dockerfile'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', DOCKERFILE_CODEMOD_NO_CODE_CACHE: undefined, ...env },
  });
  // The summary line's elapsed time varies from run to run.
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.replace(/\(\d+\.\d+s\)/, '(TIME)') };
}

const cacheFiles = (xdg: string) => {
  const dir = path.join(xdg, 'dockerfile-codemod');
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};

const buildId = () => fs.readFileSync(path.join(ROOT, 'dist', 'cli.buildid'), 'utf8').trim();
/** The install's part of a cache file's name: a hash of the bundle's path. */
const place = (root = ROOT) =>
  createHash('sha256')
    .update(path.join(root, 'dist', 'cli.js'))
    .digest('hex')
    .slice(0, 12);

describe('the code cache', () => {
  let expected: ReturnType<typeof runWith>;
  beforeAll(() => {
    expected = runWith(project(), { DOCKERFILE_CODEMOD_NO_CODE_CACHE: '1', XDG_CACHE_HOME: tempDir() });
    expect(expected.status).toBe(1);
    expect(expected.stdout).toContain('cache-mount-install-target');
  });

  test('is written by the first run, for this build only, and used as it is by the next', () => {
    const xdg = tempDir('dfcm-xdg-');
    const dir = project();
    expect(runWith(dir, { XDG_CACHE_HOME: xdg })).toEqual(expected);
    const files = cacheFiles(xdg);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^cli-${place()}-${buildId()}-v\\d+\\.\\d+\\.\\d+-.+\\.v8cache$`));
    const file = path.join(xdg, 'dockerfile-codemod', files[0] as string);
    const before = fs.statSync(file);
    expect(before.size).toBeGreaterThan(100_000);
    expect(before.mode & 0o777).toBe(0o600);
    expect(runWith(dir, { XDG_CACHE_HOME: xdg })).toEqual(expected);
    const after = fs.statSync(file);
    // Accepted by V8: not written again.
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  test('a damaged cache file is rejected and replaced; the run is unaffected', () => {
    const xdg = tempDir('dfcm-xdg-');
    const dir = project();
    runWith(dir, { XDG_CACHE_HOME: xdg });
    const file = path.join(xdg, 'dockerfile-codemod', cacheFiles(xdg)[0] as string);
    const good = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.alloc(good.length, 0x5a));
    expect(runWith(dir, { XDG_CACHE_HOME: xdg })).toEqual(expected);
    expect(fs.readFileSync(file).equals(Buffer.alloc(good.length, 0x5a))).toBe(false);
    expect(cacheFiles(xdg)).toHaveLength(1);
  });

  test('a cache folder that cannot be made changes nothing and prints nothing', () => {
    const blocker = path.join(tempDir('dfcm-xdg-'), 'a-file');
    fs.writeFileSync(blocker, '');
    expect(runWith(project(), { XDG_CACHE_HOME: blocker })).toEqual(expected);
  });

  test('caches of other builds are removed; DOCKERFILE_CODEMOD_NO_CODE_CACHE writes none', () => {
    const xdg = tempDir('dfcm-xdg-');
    const dir = path.join(xdg, 'dockerfile-codemod');
    fs.mkdirSync(dir);
    const old = `cli-${place()}-000000000000000000000000-v20.0.0-x64-old.v8cache`;
    const otherInstall = `cli-0123456789ab-${buildId()}-v20.0.0-x64-old.v8cache`;
    fs.writeFileSync(path.join(dir, otherInstall), 'x');
    fs.writeFileSync(path.join(dir, old), 'x');
    fs.writeFileSync(path.join(dir, 'unrelated.txt'), 'kept');
    expect(runWith(project(), { XDG_CACHE_HOME: xdg, DOCKERFILE_CODEMOD_NO_CODE_CACHE: '1' })).toEqual(
      expected,
    );
    expect(cacheFiles(xdg)).toEqual([otherInstall, old, 'unrelated.txt'].sort());
    expect(runWith(project(), { XDG_CACHE_HOME: xdg })).toEqual(expected);
    const files = cacheFiles(xdg);
    expect(files).not.toContain(old);
    expect(files).toContain('unrelated.txt');
    // Another install's cache is not this run's to remove.
    expect(files).toContain(otherInstall);
    expect(files.filter((f) => f.startsWith(`cli-${place()}-${buildId()}-`))).toHaveLength(1);
  });

  test("two installs of the same build keep caches of their own, so neither shows the other's paths", () => {
    const xdg = tempDir('dfcm-xdg-');
    const copy = tempDir('dfcm-install-');
    fs.cpSync(path.join(ROOT, 'bin'), path.join(copy, 'bin'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'dist'), path.join(copy, 'dist'), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(copy, 'package.json'));
    const dir = project();
    expect(runWith(dir, { XDG_CACHE_HOME: xdg })).toEqual(expected);
    const r = spawnSync(
      process.execPath,
      [path.join(copy, 'bin', 'dockerfile-codemod.js'), '--check', 'Dockerfile'],
      {
        cwd: dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          NO_COLOR: '1',
          DOCKERFILE_CODEMOD_NO_CODE_CACHE: undefined,
          XDG_CACHE_HOME: xdg,
        },
      },
    );
    expect(r.stdout).toBe(expected.stdout);
    expect(
      cacheFiles(xdg)
        .map((f) => f.slice(0, 'cli-'.length + 12))
        .sort(),
    ).toEqual([`cli-${place()}`, `cli-${place(copy)}`].sort());
  });
});
