/**
 * Bad input: every case gets a message naming the file and the reason, exit
 * code 2 when it is an error, the other files of the run are still processed,
 * and no file changes that should not.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BIN,
  ensureBuilt,
  fixtureInput,
  fixtureOutput,
  readBytes,
  removeTempDirs,
  runCli,
  runCliAsUser,
  snapshot,
  tempDir,
  writeTree,
} from './helpers/cli.js';

const BROKEN = fixtureInput('seed-pip-target');
const FIXED = fixtureOutput('seed-pip-target');

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

/** A folder with one broken Dockerfile (`ok/Dockerfile`) beside whatever the case adds. */
function folder(extra: Record<string, string | Buffer> = {}): string {
  const dir = tempDir('dfcm-bad-');
  writeTree(dir, { 'ok/Dockerfile': BROKEN, ...extra });
  return dir;
}

/** The broken neighbour was still processed: its diff printed (dry run) or its file fixed (--write). */
function neighbourProcessed(dir: string, stdout: string, write: boolean): void {
  if (write) expect(readBytes(dir, 'ok/Dockerfile').equals(FIXED)).toBe(true);
  else expect(stdout).toContain('diff --git a/ok/Dockerfile b/ok/Dockerfile');
}

describe('unreadable content', () => {
  test.each([
    [
      'a binary file named Dockerfile',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'binary file',
    ],
    [
      'NUL bytes in text',
      Buffer.from('FROM x\nRUN --mount=type=cache,target=/x pip install\0 y\n'),
      'binary file',
    ],
    ['invalid UTF-8', Buffer.from([0x46, 0x52, 0x4f, 0x4d, 0x20, 0xc3, 0x28, 0x0a]), 'not valid UTF-8'],
  ])(
    '%s: exit 2, the reason named, the neighbour still fixed, the file untouched',
    (_name, bytes, reason) => {
      for (const write of [false, true]) {
        const dir = folder({ 'bad/Dockerfile': bytes });
        const r = runCli(dir, write ? ['--write', '.'] : ['.']);
        expect(r.status).toBe(2);
        expect(r.stderr).toContain(`bad/Dockerfile: error: ${reason}`);
        expect(readBytes(dir, 'bad/Dockerfile').equals(bytes)).toBe(true);
        neighbourProcessed(dir, r.stdout, write);
      }
    },
  );

  test.each([
    ['invalid UTF-8', Buffer.from('FROM debian\nRUN echo caf\xe9\n', 'latin1'), 'not valid UTF-8 text'],
    ['NUL bytes', Buffer.from('FROM debian\nRUN echo a\0b\n'), 'binary file'],
  ])(
    '%s on standard input: exit 2, the reason named, nothing echoed by --write -',
    (_name, bytes, reason) => {
      const dir = folder();
      for (const args of [['--write', '-'], ['-'], ['--check', '-', '--stdin-filename', 'svc/Dockerfile']]) {
        const r = runCli(dir, args, bytes);
        expect(r.status).toBe(2);
        const name = args.includes('--stdin-filename') ? 'svc/Dockerfile' : '<stdin>';
        expect(r.stderr).toContain(`${name}: error: ${reason}`);
        expect(r.stdoutBytes.length).toBe(0);
      }
      expect(readBytes(dir, 'ok/Dockerfile').equals(BROKEN)).toBe(true);
    },
  );

  test('an empty file is skipped with a note, not an error', () => {
    const dir = folder({ 'empty/Dockerfile': '' });
    const r = runCli(dir, ['--write', '.']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('empty/Dockerfile: skipped: empty file');
    expect(readBytes(dir, 'empty/Dockerfile').length).toBe(0);
    neighbourProcessed(dir, r.stdout, true);
  });

  test('a 20 MB Dockerfile is refused by default and processed under a higher --max-file-size', () => {
    const big = Buffer.concat([
      Buffer.from('FROM scratch\n'),
      Buffer.alloc(20 * 1024 * 1024, '# padding padding\n'),
    ]);
    const dir = folder({ 'big/Dockerfile': big });
    const r = runCli(dir, ['.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/big\/Dockerfile: error: too large \(20\.0 MiB; the limit is 10\.0 MiB\)/);
    neighbourProcessed(dir, r.stdout, false);
    const raised = runCli(dir, ['--max-file-size', '32', 'big']);
    expect(raised.status).toBe(0);
    expect(raised.stderr).not.toContain(': error:');
    expect(raised.stderr).toContain('1 file: 0 would change, 1 unchanged');
  });

  test('a file with a cache mount that cannot be parsed', () => {
    const bad = 'FROM x\n{% if a %}\nRUN --mount=type=cache,target=/x pip install --target=/x y\n';
    const dir = folder({ 'tpl/Dockerfile': bad });
    const r = runCli(dir, ['--write', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      "tpl/Dockerfile: error: line 2: unknown instruction '{%' (a template, not a Dockerfile?)",
    );
    expect(readBytes(dir, 'tpl/Dockerfile').toString()).toBe(bad);
    neighbourProcessed(dir, r.stdout, true);
  });
});

describe('paths that are not plain files', () => {
  test('a folder named Dockerfile in a walk is noted and skipped', () => {
    const dir = folder({ 'svc/Dockerfile/readme.txt': 'not a Dockerfile\n' });
    const r = runCli(dir, ['.']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('svc/Dockerfile: skipped: a folder, not a file');
    neighbourProcessed(dir, r.stdout, false);
  });

  test('a symbolic link loop: skipped in a walk, an error when named', () => {
    const dir = folder();
    fs.symlinkSync('Dockerfile', path.join(dir, 'ok', 'loop.Dockerfile'));
    fs.symlinkSync('loop.Dockerfile', path.join(dir, 'ok', 'Dockerfile.loop'));
    fs.unlinkSync(path.join(dir, 'ok', 'loop.Dockerfile'));
    fs.symlinkSync('Dockerfile.loop', path.join(dir, 'ok', 'loop.Dockerfile'));
    const walked = runCli(dir, ['.']);
    expect(walked.status).toBe(1);
    expect(walked.stderr).toContain('ok/Dockerfile.loop: skipped: symbolic link, not followed');
    const named = runCli(dir, ['ok/Dockerfile.loop', 'ok/Dockerfile']);
    expect(named.status).toBe(2);
    expect(named.stderr).toContain('ok/Dockerfile.loop: error: symbolic link loop');
    neighbourProcessed(dir, named.stdout, false);
  });

  test('a symbolic link to a file outside the root is never written through', () => {
    const outside = tempDir('dfcm-outside-');
    fs.writeFileSync(path.join(outside, 'Dockerfile'), BROKEN);
    const dir = folder();
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(dir, 'linked.Dockerfile'));
    const walked = runCli(dir, ['--write', '.']);
    expect(walked.status).toBe(0);
    expect(walked.stderr).toContain('linked.Dockerfile: skipped: symbolic link, not followed');
    expect(fs.readFileSync(path.join(outside, 'Dockerfile')).equals(BROKEN)).toBe(true);
    // A fresh folder, so the neighbour the walk above fixed is broken again for the named run.
    const fresh = folder();
    fs.symlinkSync(path.join(outside, 'Dockerfile'), path.join(fresh, 'linked.Dockerfile'));
    const named = runCli(fresh, ['--write', 'linked.Dockerfile', 'ok']);
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(
      /linked\.Dockerfile: error: is a symbolic link to .*outside .*; not written/,
    );
    expect(fs.readFileSync(path.join(outside, 'Dockerfile')).equals(BROKEN)).toBe(true);
    expect(fs.lstatSync(path.join(fresh, 'linked.Dockerfile')).isSymbolicLink()).toBe(true);
    neighbourProcessed(fresh, named.stdout, true);
  });

  test('a path that does not exist is an error; the others are processed', () => {
    const dir = folder();
    const r = runCli(dir, ['missing/Dockerfile', 'ok']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('missing/Dockerfile: error: no such file or folder');
    neighbourProcessed(dir, r.stdout, false);
  });

  test('an unknown option is a usage error and touches nothing', () => {
    const dir = folder();
    const r = runCli(dir, ['--wirte', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Unknown argument: wirte');
    expect(readBytes(dir, 'ok/Dockerfile').equals(BROKEN)).toBe(true);
  });
});

describe('permissions', () => {
  // Root reads and writes anything, so these cases run the CLI as `nobody` when the suite runs as root.
  const shared = () => {
    const dir = folder();
    fs.chmodSync(dir, 0o777);
    for (const d of ['ok']) fs.chmodSync(path.join(dir, d), 0o777);
    fs.chmodSync(path.join(dir, 'ok', 'Dockerfile'), 0o666);
    return dir;
  };

  test('a file without read permission is an error; the others are processed', () => {
    const dir = shared();
    writeTree(dir, { 'locked/Dockerfile': BROKEN });
    fs.chmodSync(path.join(dir, 'locked'), 0o777);
    fs.chmodSync(path.join(dir, 'locked', 'Dockerfile'), 0o000);
    const r = runCliAsUser(dir, ['--write', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('locked/Dockerfile: error: cannot read: permission denied');
    expect(readBytes(dir, 'ok/Dockerfile').equals(FIXED)).toBe(true);
  });

  test('a file without write permission under --write is an error and stays as it was', () => {
    const dir = shared();
    writeTree(dir, { 'ro/Dockerfile': BROKEN });
    fs.chmodSync(path.join(dir, 'ro'), 0o777);
    fs.chmodSync(path.join(dir, 'ro', 'Dockerfile'), 0o444);
    const r = runCliAsUser(dir, ['--write', '.']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ro/Dockerfile: error: cannot write: permission denied');
    expect(readBytes(dir, 'ro/Dockerfile').equals(BROKEN)).toBe(true);
    expect(readBytes(dir, 'ok/Dockerfile').equals(FIXED)).toBe(true);
  });
});

describe('writes that go wrong', () => {
  const withFault = (dir: string, fault: string, args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DOCKERFILE_CODEMOD_TEST_FAULT: fault },
    });
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  };

  test('a file changed between read and write is detected and not overwritten', () => {
    const dir = folder();
    const r = withFault(dir, 'modify-before-write', ['--write', 'ok']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(
      'ok/Dockerfile: error: changed on disk while it was being processed; not written',
    );
    expect(readBytes(dir, 'ok/Dockerfile').toString()).toBe(
      `${BROKEN.toString()}# changed by someone else\n`,
    );
  });

  test('a failure before the rename leaves the old file and no temporary file', () => {
    const dir = folder();
    const r = withFault(dir, 'fail-before-rename', ['--write', 'ok']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('ok/Dockerfile: error: cannot write: injected fault before rename');
    expect([...snapshot(dir).keys()]).toEqual(['ok/Dockerfile']);
    expect(readBytes(dir, 'ok/Dockerfile').equals(BROKEN)).toBe(true);
  });

  test('a process killed half-way through a write leaves the old file whole', () => {
    const dir = folder();
    const r = withFault(dir, 'crash-mid-write', ['--write', 'ok']);
    expect(r.signal).toBe('SIGKILL');
    expect(readBytes(dir, 'ok/Dockerfile').equals(BROKEN)).toBe(true);
    // The half-written temporary file is a hidden sibling no walk takes for a Dockerfile.
    const again = runCli(dir, ['--write', '.']);
    expect(again.status).toBe(0);
    expect(readBytes(dir, 'ok/Dockerfile').equals(FIXED)).toBe(true);
  });
});
