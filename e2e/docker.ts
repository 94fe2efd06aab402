/**
 * Small synchronous wrappers around the docker client for the end-to-end suite. The suite
 * runs in band and every step waits for the one before it, so plain spawnSync is enough.
 *
 * The client is Debian's /usr/bin/docker (20.10) with DOCKER_BUILDKIT=1: a newer client
 * earlier in PATH has no buildx and falls back to the legacy builder, which rejects
 * `RUN --mount`. Builds never pass --pull: the base images exist only in the local store.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const E2E_DIR = __dirname;
export const REPO_DIR = path.resolve(__dirname, '..');
export const STATE_DIR = process.env.E2E_STATE_DIR ?? '/var/tmp/dockerfile-codemod-e2e';
export const SETUP_SCRIPT = path.join(E2E_DIR, 'setup.sh');

export interface Proc {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): Proc {
  const r = spawnSync(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 10 * 60 * 1000,
  });
  if (r.error)
    return { status: null, stdout: r.stdout ?? '', stderr: `${r.stderr ?? ''}\n${r.error.message}` };
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** KEY=value lines that setup.sh writes to $E2E_STATE_DIR/env. */
function readEnvFile(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!fs.existsSync(file)) return out;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) out[m[1]] = m[2];
  }
  return out;
}

/** The docker client and the network builds use, as setup.sh recorded them. */
export function engine(): { client: string; network: string } {
  const env = readEnvFile(path.join(STATE_DIR, 'env'));
  return { client: env.DOCKER ?? '/usr/bin/docker', network: env.BUILD_NETWORK ?? 'default' };
}

export function docker(args: readonly string[], timeoutMs?: number): Proc {
  return run(engine().client, args, { env: { DOCKER_BUILDKIT: '1' }, timeoutMs });
}

/** True when a docker daemon answers the client setup.sh uses. */
export function engineAnswers(): boolean {
  const client = engine().client;
  if (!fs.existsSync(client)) return false;
  return run(client, ['version'], { timeoutMs: 10_000 }).status === 0;
}

export interface BuildOptions {
  context: string;
  dockerfile: string;
  tag: string;
  /** Cache-mount namespace: builds with different values never share a cache mount. */
  cacheNamespace: string;
  /** Value of the CACHE_BUST build argument each case declares before its install step. */
  cacheBust: string;
  /** Build only up to this stage. */
  target?: string;
}

export interface Build {
  ok: boolean;
  /** The whole `--progress=plain` output. */
  log: string;
  seconds: number;
  tag: string;
}

function buildArgs(o: BuildOptions): string[] {
  return [
    'build',
    '--progress=plain',
    `--network=${engine().network}`,
    '--build-arg',
    `BUILDKIT_CACHE_MOUNT_NS=${o.cacheNamespace}`,
    '--build-arg',
    `CACHE_BUST=${o.cacheBust}`,
    '-f',
    o.dockerfile,
    '-t',
    o.tag,
    ...(o.target ? ['--target', o.target] : []),
    o.context,
  ];
}

export function build(o: BuildOptions): Build {
  const t0 = Date.now();
  const r = docker(buildArgs(o));
  return { ok: r.status === 0, log: `${r.stdout}${r.stderr}`, seconds: (Date.now() - t0) / 1000, tag: o.tag };
}

/** A build running in the background, its output going to a file that can be read while it runs. */
export interface BackgroundBuild {
  /** The output so far. */
  log(): string;
  done: Promise<Build>;
}

/** Starts a build without waiting for it (a build that holds a cache while another one runs). */
export function startBuild(o: BuildOptions, logFile: string): BackgroundBuild {
  const t0 = Date.now();
  const fd = fs.openSync(logFile, 'w');
  const child = spawn(engine().client, buildArgs(o), {
    env: { ...process.env, DOCKER_BUILDKIT: '1' },
    stdio: ['ignore', fd, fd],
  });
  fs.closeSync(fd);
  const log = () => fs.readFileSync(logFile, 'utf8');
  const done = new Promise<Build>((resolve) => {
    child.on('close', (code) =>
      resolve({ ok: code === 0, log: log(), seconds: (Date.now() - t0) / 1000, tag: o.tag }),
    );
  });
  return { log, done };
}

/**
 * The output of the build's RUN steps, without BuildKit's `#N 1.234 ` prefixes.
 * Only steps that ran print anything: a step taken from the layer cache prints CACHED.
 */
export function stepOutput(log: string): string {
  return log
    .split('\n')
    .map((line) => /^#\d+ \d+\.\d+ (.*)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined)
    .join('\n');
}

/** Runs a shell script in a throw-away container of the image, without network. */
export function inImage(image: string, script: string): Proc {
  return docker(['run', '--rm', '--network=none', image, 'sh', '-c', script]);
}

/** Runs a command in a throw-away container of the image, without network. */
export function runImage(image: string, command: readonly string[]): Proc {
  return docker(['run', '--rm', '--network=none', image, ...command]);
}

/** Entries under a folder of the image: undefined when the folder does not exist. */
export function listFolder(image: string, folder: string): string[] | undefined {
  const r = inImage(image, `[ -d '${folder}' ] || exit 3; cd '${folder}' && find . -mindepth 1 | sort`);
  if (r.status === 3) return undefined;
  if (r.status !== 0) throw new Error(`listing ${folder} in ${image} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

/** Which of the paths are missing from the image. */
export function missingPaths(image: string, paths: readonly string[]): string[] {
  const script = paths.map((p) => `[ -e '${p}' ] || echo '${p}'`).join('; ');
  const r = inImage(image, script);
  if (r.status !== 0) throw new Error(`checking paths in ${image} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}

export function removeImages(tags: readonly string[]): void {
  if (tags.length > 0) docker(['image', 'rm', '-f', ...tags]);
}

/**
 * The files under each path of the image, one line each: `PATH md5` for a file, `PATH -> TARGET`
 * for a symbolic link, `PATH missing` for a path that is not there. Sorted by path.
 */
export function fileSums(image: string, paths: readonly string[]): string[] {
  const quoted = paths.map((p) => `'${p}'`).join(' ');
  const script = `for p in ${quoted}; do
  [ -e "$p" ] || [ -L "$p" ] || { echo "$p missing"; continue; }
  find "$p" \\( -type f -o -type l \\) | LC_ALL=C sort | while IFS= read -r f; do
    if [ -L "$f" ]; then echo "$f -> $(readlink "$f")"; else echo "$f $(md5sum < "$f" | cut -c1-32)"; fi
  done
done`;
  const r = inImage(image, script);
  if (r.status !== 0) throw new Error(`listing ${paths.join(', ')} in ${image} failed: ${r.stderr}`);
  return r.stdout.split('\n').filter(Boolean);
}
