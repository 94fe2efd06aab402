/**
 * Helpers for the CLI integration tests: build dist/ when it is stale, spawn
 * the real executable, make throw-away git repositories, read fixtures and
 * snapshot folder trees byte for byte.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'dockerfile-codemod.js');
export const RULE = 'cache-mount-install-target';
export const FIXTURES = path.join(ROOT, '__testfixtures__', RULE);

const BUILT_ENTRY = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

function newestMtime(entry: string): number {
  const st = fs.statSync(entry);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, name)));
  return newest;
}

/** Runs `node scripts/build.js` when dist/ is missing or older than the sources. */
export function ensureBuilt(): void {
  const sources = ['src', 'transforms', 'tsconfig.build.json', 'package.json'].map((p) => path.join(ROOT, p));
  const sourceTime = Math.max(...sources.filter((p) => fs.existsSync(p)).map(newestMtime));
  if (fs.existsSync(BUILT_ENTRY) && fs.statSync(BUILT_ENTRY).mtimeMs >= sourceTime) return;
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.js')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  /** Standard output exactly as written, for byte comparisons. */
  stdoutBytes: Buffer;
}

export function runCli(cwd: string, args: readonly string[], input?: string | Buffer): CliResult {
  return spawnCli(process.execPath, [BIN, ...args], cwd, input, {});
}

const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));

/**
 * The CLI as a user without root's rights: as `nobody` (through util-linux's
 * setpriv) when the tests run as root, who reads and writes anything; as the
 * tests' own user otherwise. `env` is added to the environment either way.
 */
export function runCliAsUser(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): CliResult {
  if (process.getuid?.() !== 0) return spawnCli(process.execPath, [BIN, ...args], cwd, undefined, env);
  if (!SETPRIV)
    throw new Error('these tests run the CLI as nobody when they run as root: install setpriv (util-linux)');
  const asNobody = ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, BIN, ...args];
  return spawnCli(SETPRIV, asNobody, cwd, undefined, env);
}

function spawnCli(
  file: string,
  argv: readonly string[],
  cwd: string,
  input: string | Buffer | undefined,
  env: NodeJS.ProcessEnv,
): CliResult {
  const r = spawnSync(file, argv, {
    cwd,
    input: input ?? '',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return {
    status: r.status,
    stdout: r.stdout.toString('utf8'),
    stderr: r.stderr.toString('utf8'),
    stdoutBytes: r.stdout,
  };
}

export interface GitResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs git in `cwd`; throws unless `allowFailure`. */
export function git(cwd: string, args: readonly string[], input?: string, allowFailure = false): GitResult {
  const r = spawnSync('git', [...args], { cwd, input: input ?? '', encoding: 'utf8' });
  if (r.error) throw r.error;
  if (r.status !== 0 && !allowFailure) {
    throw new Error(`git ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  }
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const tempDirs: string[] = [];

export function tempDir(prefix = 'dfcm-cli-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Relative path (with `/`) -> content. */
export type Tree = Record<string, string | Buffer>;

export function writeTree(dir: string, tree: Tree): void {
  for (const [rel, content] of Object.entries(tree)) {
    const file = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** A fresh temporary folder holding `tree` (removed by removeTempDirs). */
export function tempTree(tree: Tree, prefix?: string): string {
  const dir = tempDir(prefix);
  writeTree(dir, tree);
  return dir;
}

/** A fresh git repository holding `tree`, committed. */
export function makeRepo(tree: Tree): string {
  const dir = tempDir();
  git(dir, ['init', '-q']);
  git(dir, ['config', 'user.name', 'CLI Test']);
  git(dir, ['config', 'user.email', 'cli-test@example.invalid']);
  git(dir, ['config', 'core.autocrlf', 'false']);
  git(dir, ['config', 'commit.gpgsign', 'false']);
  writeTree(dir, tree);
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '--no-verify', '-m', 'fixtures']);
  return dir;
}

/** Every regular file under `dir` (outside .git) as relative path -> bytes. */
export function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const visit = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      if (e.name === '.git' && rel === '') continue;
      const childAbs = path.join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(childAbs, childRel);
      else if (e.isFile()) out.set(childRel, fs.readFileSync(childAbs));
    }
  };
  visit(dir, '');
  return out;
}

/** Snapshot as path -> latin1 text, so jest shows readable diffs and compares every byte. */
export function snapshotText(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of [...snapshot(dir)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out[k] = v.toString('latin1');
  }
  return out;
}

export function readBytes(dir: string, rel: string): Buffer {
  return fs.readFileSync(path.join(dir, ...rel.split('/')));
}

export function fixtureInput(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, `${name}.input.Dockerfile`));
}

export function hasFixtureOutput(name: string): boolean {
  return fs.existsSync(path.join(FIXTURES, `${name}.output.Dockerfile`));
}

/** The expected repaired bytes: the output fixture, or the input when the fixture expects no change. */
export function fixtureOutput(name: string): Buffer {
  const out = path.join(FIXTURES, `${name}.output.Dockerfile`);
  return fs.existsSync(out) ? fs.readFileSync(out) : fixtureInput(name);
}

/** The fixture's expected findings as `LINE:COL` (dropping the fix/report kind). */
export function fixtureFindings(name: string): Array<{ at: string; messageId: string; kind: string }> {
  return fs
    .readFileSync(path.join(FIXTURES, `${name}.findings.txt`), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      // `LINE:COL MESSAGE_ID fix`, `LINE:COL MESSAGE_ID report` or `LINE:COL MESSAGE_ID report: TEXT`.
      const m = /^(\S+) (\S+) (fix|report|unsafe)/.exec(line);
      return { at: m?.[1] ?? '', messageId: m?.[2] ?? '', kind: m?.[3] ?? '' };
    });
}

/** The `a/` paths of every `diff --git a/P b/P` header in a patch. */
export function diffHeaders(patch: string): string[] {
  return [...patch.matchAll(/^diff --git a\/(.+) b\/(.+)$/gm)].map((m) => {
    if (m[1] !== m[2]) throw new Error(`diff header names two paths: ${m[0]}`);
    return m[1] as string;
  });
}

const SUMMARY = /^dockerfile-codemod: \d+ files?: /m;

export function hasSummaryLine(stderr: string): boolean {
  return SUMMARY.test(stderr);
}

/** Parsed `file:line:col rule-id message` lines (all lines must have that shape). */
export function findingLines(
  text: string,
): Array<{ file: string; at: string; rule: string; message: string }> {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const m = /^(.+?):(\d+):(\d+) (\S+) (\S.*)$/.exec(line);
      if (!m) throw new Error(`not a finding line: ${JSON.stringify(line)}`);
      return { file: m[1] as string, at: `${m[2]}:${m[3]}`, rule: m[4] as string, message: m[5] as string };
    });
}
