/**
 * Facts about common commands that are not package managers: which ones
 * plainly do not read installed packages, how copy-like commands name their
 * sources and destination, and which ones only remove or create the paths
 * they name.
 */
import { commandBase, pathPrefix, type SimpleCommand } from './reader.js';

/**
 * Commands that do not run installed packages or project code. A RUN made
 * only of these (outside paths they name) does not need a project's
 * node_modules or site-packages.
 */
export const INERT_COMMANDS = new Set([
  // system package managers and account tools
  'apt-get',
  'apt',
  'apt-cache',
  'apt-key',
  'dpkg',
  'apk',
  'dnf',
  'yum',
  'microdnf',
  'zypper',
  'rpm',
  'useradd',
  'adduser',
  'groupadd',
  'addgroup',
  'usermod',
  'userdel',
  'chpasswd',
  'passwd',
  // shell builtins and coreutils
  'echo',
  'printf',
  'true',
  'false',
  ':',
  'test',
  '[',
  'set',
  'export',
  'unset',
  'cd',
  'pwd',
  'mkdir',
  'rmdir',
  'touch',
  'chmod',
  'chown',
  'chgrp',
  'ln',
  'rm',
  'cp',
  'mv',
  'cat',
  'tee',
  'ls',
  'stat',
  'sleep',
  'date',
  'whoami',
  'id',
  'env',
  'sed',
  'grep',
  'awk',
  'sort',
  'uniq',
  'head',
  'tail',
  'wc',
  'find',
  'which',
  'command',
  // network and archives
  'curl',
  'wget',
  'git',
  'tar',
  'unzip',
  'gzip',
  'gunzip',
  'zip',
  // system setup
  'locale-gen',
  'update-locale',
  'update-ca-certificates',
  'update-alternatives',
  'ldconfig',
  'install',
  'gpg',
  'sha256sum',
  'md5sum',
  'corepack',
]);

export function isInert(cmd: SimpleCommand): boolean {
  const name = cmd.name;
  if (name === undefined) return false;
  return INERT_COMMANDS.has(commandBase(name) as string);
}

/** Options that take a value, per copy-like command. */
const COPY_VALUE_OPTIONS: Record<string, string[]> = {
  cp: ['-t', '--target-directory', '-S', '--suffix', '--reflink', '--sparse', '--preserve', '--no-preserve'],
  mv: ['-t', '--target-directory', '-S', '--suffix'],
  ln: ['-t', '--target-directory', '-S', '--suffix'],
  install: ['-m', '--mode', '-o', '--owner', '-g', '--group', '-t', '--target-directory', '-S', '--suffix'],
  rsync: [
    '-e',
    '--rsh',
    '--exclude',
    '--include',
    '--filter',
    '-f',
    '--chown',
    '--chmod',
    '--exclude-from',
    '--include-from',
    '--files-from',
  ],
};

export interface CopyOperation {
  /**
   * `copy` (`cp`, `install`, `rsync`), `move` (`mv`), `link` (`ln`: the
   * destination is a link to the source, nothing is copied) or `archive`
   * (`tar -c`).
   */
  kind: 'copy' | 'move' | 'link' | 'archive';
  sources: Array<string | undefined>;
  /** Destination; undefined when unknown. */
  dest: string | undefined;
  /** The destination is a folder the sources go into (`-t DIR`, `--target-directory`). */
  intoFolder?: boolean;
}

const COPY_KINDS: Record<string, CopyOperation['kind']> = {
  cp: 'copy',
  install: 'copy',
  rsync: 'copy',
  mv: 'move',
  ln: 'link',
};

/**
 * Reads `cp`, `mv`, `install`, `rsync`, `ln` and `tar` as copies. For `tar`
 * the paths it archives are the sources and the archive (or the pipe) is the
 * destination. Paths are as written (relative ones are relative to the
 * command's working directory; `tar -C DIR` is applied). A relative source
 * of `ln -s` is as the link holds it: relative to the link's folder.
 */
export function copyOperation(cmd: SimpleCommand): CopyOperation | undefined {
  const name = commandBase(cmd.name);
  if (!name) return undefined;
  // Unknown words keep their literal start, so `./target/$(cat f)/app` still reads from ./target.
  const words = cmd.argv.slice(1).map(pathPrefix);
  if (name === 'tar') return tarOperation(words);
  const takes = COPY_VALUE_OPTIONS[name];
  const kind = COPY_KINDS[name];
  if (!takes || !kind) return undefined;
  const positionals: Array<string | undefined> = [];
  let targetDir: string | undefined;
  let hasTargetDir = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w?.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      const opt = eq > 0 ? w.slice(0, eq) : w;
      const val = eq > 0 ? w.slice(eq + 1) : takes.includes(w) ? words[++i] : undefined;
      if (opt === '-t' || opt === '--target-directory') {
        hasTargetDir = true;
        targetDir = val;
      }
      continue;
    }
    positionals.push(w);
  }
  if (hasTargetDir) return { kind, sources: positionals, dest: targetDir, intoFolder: true };
  if (positionals.length < 2) return undefined;
  return { kind, sources: positionals.slice(0, -1), dest: positionals[positionals.length - 1] };
}

/** Commands that only remove or create the paths they name: naming a folder does not read what it holds. */
const PATH_WRITERS = new Set(['rm', 'rmdir', 'mkdir', 'unlink']);

/** The command only removes or creates the paths it names (`rm -rf vendor`, `mkdir -p target`). */
export function onlyWritesPaths(cmd: SimpleCommand): boolean {
  return PATH_WRITERS.has(commandBase(cmd.name) ?? '');
}

function tarOperation(words: Array<string | undefined>): CopyOperation | undefined {
  let create = false;
  let file: string | undefined = '-';
  let dir: string | undefined;
  const sources: Array<string | undefined> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) {
      sources.push(undefined);
      continue;
    }
    if (i === 0 && !w.startsWith('-') && /^[A-Za-z]+$/.test(w)) {
      // Old-style bundled options: `tar czf out.tgz dir`.
      create = w.includes('c');
      if (w.includes('f')) file = words[++i];
      continue;
    }
    if (w === '-C' || w === '--directory') {
      dir = words[++i];
      continue;
    }
    if (w.startsWith('--directory=')) {
      dir = w.slice('--directory='.length);
      continue;
    }
    if (w === '--create') create = true;
    else if (w.startsWith('--file=')) file = w.slice('--file='.length);
    else if (w === '--file') file = words[++i];
    else if (/^-[A-Za-z]+$/.test(w)) {
      if (w.includes('c')) create = true;
      if (w.endsWith('f')) file = words[++i];
    } else if (!w.startsWith('-')) sources.push(dir !== undefined && !w.startsWith('/') ? `${dir}/${w}` : w);
  }
  if (!create) return undefined;
  return { kind: 'archive', sources, dest: file };
}
