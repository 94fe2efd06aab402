/**
 * Helpers for the tests that take the tool the ways users take it: the npm
 * tarball, a global install of it, the pre-commit hooks, the GitHub Action.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ensureBuilt, ROOT, tempDir } from './cli.js';

export const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  bin: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts: Record<string, string>;
};
export const TARBALL_NAME = `${PACKAGE.name}-${PACKAGE.version}.tgz`;

/**
 * The environment without what `npm test` puts there for its own scripts
 * (npm_config_*, npm_package_*, npm_lifecycle_*...): a child npm would take them
 * for settings of its own.
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  return { ...env, NO_COLOR: '1', ...extra };
}

export interface Proc {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function exec(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {},
): Proc {
  const r = spawnSync(command, [...args], {
    cwd: options.cwd,
    env: options.env ?? cleanEnv(),
    input: options.input ?? '',
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `npm pack` of this checkout (built first) into a new folder: the folder, the tarball and npm's stdout. */
export function packTarball(): { dir: string; tarball: string; stdout: string; stderr: string } {
  ensureBuilt();
  const dir = tempDir('dfcm-pack-');
  const r = exec('npm', ['pack', '--pack-destination', dir], { cwd: ROOT });
  if (r.status !== 0) throw new Error(`npm pack failed (${r.status}):\n${r.stderr}`);
  return { dir, tarball: path.join(dir, TARBALL_NAME), stdout: r.stdout, stderr: r.stderr };
}

/**
 * Installs a Debian package when the command it provides is missing (CI starts
 * from a clean machine; the tests run as root there, as e2e/setup.sh does).
 */
export function ensureDebianPackage(pkg: string, command: string): void {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status === 0) return;
  const env = { ...cleanEnv(), DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', pkg], { env, encoding: 'utf8' });
  if (install.status !== 0 || spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) {
    throw new Error(
      `installing Debian's ${pkg} failed (apt-get update: ${update.status}, install: ${install.status}):\n${install.stderr}`,
    );
  }
}

/** Every file under `dir`, as paths relative to it with `/`. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (abs: string, rel: string) => {
    for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) visit(path.join(abs, e.name), r);
      else out.push(r);
    }
  };
  visit(dir, '');
  return out.sort();
}
