/**
 * --jobs: worker threads change how fast a run is, never what it says or
 * writes. Over a tree of a few hundred Dockerfiles (every fixture input, with
 * files that cannot be read, decoded or are too large, empty files, a
 * symbolic link, a folder its configuration excludes and one whose
 * configuration is broken), --jobs 2 and 4 give the bytes --jobs 1 gives, in
 * every mode; a worker that dies ends the run with an internal error.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type FileResult, run, UsageError } from '../src/run.js';
import {
  ensureBuilt,
  fixtureInput,
  removeTempDirs,
  runCli,
  runCliAsUser,
  snapshot,
  tempDir,
  writeTree,
} from './helpers/cli.js';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const ROOT = path.resolve(__dirname, '..');
const FIXTURE_ROOT = path.join(ROOT, '__testfixtures__');
// Runs over a few hundred files, several to a test, on a machine that may be busy.
jest.setTimeout(240_000);

/** Every fixture input under `<transform>/<fixture>/Dockerfile`, and the bad cases beside them. */
function buildTree(dir: string): void {
  const tree: Record<string, string | Buffer> = {};
  for (const transform of fs.readdirSync(FIXTURE_ROOT).sort())
    for (const name of fs.readdirSync(path.join(FIXTURE_ROOT, transform)).sort()) {
      const m = /^(.+)\.input\.Dockerfile$/.exec(name);
      if (m)
        tree[`${transform}/${m[1]}/Dockerfile`] = fs.readFileSync(path.join(FIXTURE_ROOT, transform, name));
    }
  const broken = fixtureInput('seed-pip-target');
  Object.assign(tree, {
    'bad/binary/Dockerfile': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]),
    'bad/utf8/Dockerfile': Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0x0a]),
    'bad/template/Dockerfile': 'FROM x\n{% if y %}\nRUN true\n{% endif %}\n',
    // Over the 0.05 MiB the runs below allow.
    'bad/large/Dockerfile': `${broken.toString('utf8')}${'# padding\n'.repeat(6000)}`,
    'bad/locked/Dockerfile': broken,
    'empty/a/Dockerfile': '',
    'empty/b/Dockerfile': '\n  \n',
    // Its configuration leaves legacy/ out; broken-config/'s cannot be read, so its files are errors.
    'excluding/.dockerfile-codemod.json': JSON.stringify({ exclude: ['legacy/**'] }),
    'excluding/legacy/Dockerfile': broken,
    'excluding/kept/Dockerfile': broken,
    'broken-config/.dockerfile-codemod.json': '{ not json',
    'broken-config/a/Dockerfile': broken,
    'broken-config/b/Dockerfile': broken,
  });
  writeTree(dir, tree);
  fs.symlinkSync(path.join(dir, 'excluding', 'kept', 'Dockerfile'), path.join(dir, 'linked.Dockerfile'));
  // The runs below go as `nobody` when the suite runs as root (root reads anything): everyone may write.
  const open = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isSymbolicLink()) return;
    fs.chmodSync(p, st.isDirectory() ? 0o777 : 0o666);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) open(path.join(p, e));
  };
  open(dir);
  fs.chmodSync(path.join(dir, 'bad', 'locked', 'Dockerfile'), 0o000);
}

/** Output with the run's duration (the summary line's, the JSON report's) taken out. */
const timeless = (s: string) =>
  s.replace(/\(\d+\.\d\ds\)$/m, '(TIME)').replace(/"elapsedMs": ?[\d.e+-]+/g, '"elapsedMs":0');

let tree: string;
beforeAll(() => {
  tree = tempDir('dfcm-jobs-');
  buildTree(tree);
});

const LIMIT = ['--max-file-size', '0.05'];

describe.each([
  ['--check', ['--check']],
  ['the default diff', []],
  ['--format json', ['--format', 'json']],
  ['--format jsonl --enable add-cache-mounts', ['--format', 'jsonl', '--enable', 'add-cache-mounts']],
])('%s', (_name, args) => {
  test('--jobs 2 and --jobs 4 print what --jobs 1 prints, and exit the same', () => {
    const one = runCliAsUser(tree, [...args, ...LIMIT, '--jobs', '1', '.']);
    // The tree holds every kind of result: a run that found no error or no change tests less than it says.
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('bad/locked/Dockerfile: error: cannot read: permission denied');
    expect(one.stderr).toMatch(/bad\/large\/Dockerfile: error: too large/);
    expect(one.stderr).toContain('bad/utf8/Dockerfile: error: not valid UTF-8');
    expect(one.stderr).toContain('empty/a/Dockerfile: skipped: empty file');
    expect(one.stderr).toContain('linked.Dockerfile: skipped: symbolic link, not followed');
    expect(one.stderr).toMatch(/error: configuration .*broken-config\/\.dockerfile-codemod\.json/);
    expect(timeless(one.stdout)).not.toContain('excluding/legacy');
    expect(one.stdout.length).toBeGreaterThan(10_000);
    for (const jobs of ['2', '4']) {
      const r = runCliAsUser(tree, [...args, ...LIMIT, '--jobs', jobs, '.']);
      expect({ status: r.status, stdout: timeless(r.stdout), stderr: timeless(r.stderr) }).toEqual({
        status: one.status,
        stdout: timeless(one.stdout),
        stderr: timeless(one.stderr),
      });
    }
  });
});

describe('--write', () => {
  test('--jobs 2 and --jobs 4 write the bytes --jobs 1 writes, and print the same', () => {
    const runs = ['1', '2', '4'].map((jobs) => {
      const dir = tempDir('dfcm-jobs-write-');
      buildTree(dir);
      const before = snapshot(dir);
      const r = runCliAsUser(dir, ['--write', ...LIMIT, '--jobs', jobs, '.']);
      const after = snapshot(dir);
      const written = [...after].filter(([file, bytes]) => !before.get(file)?.equals(bytes)).length;
      fs.chmodSync(path.join(dir, 'bad', 'locked', 'Dockerfile'), 0o666);
      return {
        status: r.status,
        stdout: r.stdout,
        stderr: timeless(r.stderr),
        files: snapshot(dir),
        written,
      };
    });
    const [one, ...others] = runs;
    if (!one) throw new Error('no run');
    expect(one.status).toBe(2);
    expect(one.written).toBeGreaterThan(100);
    for (const r of others) {
      expect(r.status).toBe(one.status);
      expect(r.stdout).toBe(one.stdout);
      expect(r.stderr).toBe(one.stderr);
      expect(r.written).toBe(one.written);
      expect([...r.files.keys()].sort()).toEqual([...one.files.keys()].sort());
      for (const [file, bytes] of one.files)
        expect({ file, same: r.files.get(file)?.equals(bytes) }).toEqual({ file, same: true });
    }
  });
});

describe('worker threads and the default', () => {
  const CRASH = { DOCKERFILE_CODEMOD_TEST_FAULT: 'worker-crash' };

  test('a worker that dies ends the run with an internal error and exit 2, not a hang', () => {
    const r = runCliAsUser(tree, ['--check', ...LIMIT, '--jobs', '2', '.'], CRASH);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/internal error: .*a worker thread failed: Error: injected worker crash/);
  });

  test.each([
    ['--jobs 1', ['--jobs', '1']],
    ['no --jobs (the default)', []],
  ])('%s starts no worker: the fault that kills workers changes nothing', (_name, extra) => {
    const r = runCliAsUser(tree, ['--check', ...LIMIT, ...extra, '.'], CRASH);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(/^dockerfile-codemod: \d+ files: /m);
  });

  test('a run over one file starts no worker, whatever --jobs says', () => {
    for (const extra of [[], ['--jobs', '4']]) {
      const r = runCliAsUser(tree, ['--check', ...extra, 'excluding/kept/Dockerfile'], CRASH);
      expect(r.status).toBe(1);
      expect(r.stderr).not.toContain('internal error');
    }
  });

  test.each([[['--jobs', '0']], [['--jobs', 'x']], [['--jobs', '1.5']], [['--jobs']], [['-j', '-2']]])(
    '%j is a usage error naming the option',
    (args) => {
      const r = runCli(tree, [...args, '--check', '.']);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(
        'dockerfile-codemod: --jobs needs a whole number of worker threads, 1 or more',
      );
    },
  );
});

describe('the API', () => {
  const strip = (results: FileResult[]) => results.map((r) => JSON.stringify(r));

  test('run() with jobs: 3 reports the results jobs: 1 reports, in the same order', async () => {
    const dir = tempDir('dfcm-jobs-api-');
    buildTree(dir);
    fs.chmodSync(path.join(dir, 'bad', 'locked', 'Dockerfile'), 0o666);
    const order = (jobs: number) => {
      const seen: string[] = [];
      const progress: number[] = [];
      return run(['.'], {
        cwd: dir,
        jobs,
        maxFileSize: 50_000,
        onResult: (r) => {
          seen.push(r.displayPath);
        },
        onProgress: (done) => progress.push(done),
      }).then((result) => ({ result, seen, progress }));
    };
    const one = await order(1);
    const three = await order(3);
    expect(one.seen.length).toBeGreaterThan(200);
    expect(three.seen).toEqual(one.seen);
    expect(three.progress).toEqual(one.progress);
    expect(strip(three.result.results)).toEqual(strip(one.result.results));
    expect({ ...three.result.summary, elapsedMs: 0 }).toEqual({ ...one.result.summary, elapsedMs: 0 });
  });

  test.each([0, -1, 1.5, Number.NaN])('jobs: %p is a UsageError', async (jobs) => {
    await expect(run(['.'], { cwd: tree, jobs })).rejects.toThrow(UsageError);
  });
});
