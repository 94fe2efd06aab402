/**
 * Finds the Dockerfiles to work on. Positional paths may be files (taken as
 * they are, whatever their name), directories (walked for Dockerfile names)
 * or globs. Walks honour nested `.gitignore` files (and the repository's
 * `.git/info/exclude`), skip `.git` and `node_modules`, enter hidden folders
 * such as `.devcontainer`, never follow symbolic links, and prune ignored
 * folders before reading them. The result is sorted, so output is stable.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type FastGlob from 'fast-glob';
import type { Ignore } from 'ignore';
import type Picomatch from 'picomatch';

// Loaded on first use: a run over named files never walks a folder.
let fgModule: typeof FastGlob | undefined;
const fg = (): typeof FastGlob => {
  fgModule ??= require('fast-glob') as typeof FastGlob;
  return fgModule;
};
const ignore = (): Ignore => (require('ignore') as () => Ignore)();
const picomatch = (): typeof Picomatch => require('picomatch') as typeof Picomatch;

/** File names taken as Dockerfiles in a walk (matched without regard to case). */
export const DOCKERFILE_PATTERNS = [
  '**/Dockerfile',
  '**/Dockerfile.*',
  '**/*.Dockerfile',
  '**/Containerfile',
  '**/Containerfile.*',
  '**/*.Containerfile',
];

/** `Dockerfile.<ext>` names that are not Dockerfiles: docs, templates, backups, other formats. */
const NOT_DOCKERFILE = new RegExp(
  `\\.(${[
    'dockerignore',
    'containerignore',
    'md',
    'markdown',
    'txt',
    'rst',
    'adoc',
    'html',
    'json',
    'ya?ml',
    'toml',
    'sh',
    'py',
    'lock',
    'patch',
    'diff',
    'log',
    'gz',
    'zip',
    'tar',
    'tgz',
    'png',
    'svg',
    'jpe?g',
    'j2',
    'jinja2?',
    'tmpl',
    'tpl',
    'template',
    'erb',
    'mustache',
    'hbs',
    'ejs',
    'in',
    'orig',
    'rej',
    'bak',
    'swp',
    'swo',
  ].join('|')})$|~$`,
  'i',
);

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);

export interface DiscoverOptions {
  /** Folder that relative paths and --exclude globs are relative to. */
  cwd: string;
  /** Globs of paths to leave out (relative to cwd; a glob without `/` matches a name anywhere). */
  exclude?: readonly string[];
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export interface DiscoverError {
  path: string;
  message: string;
}

export interface Discovered {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Operands that cannot be read, and folders or globs that yield no Dockerfile (with why). */
  errors: DiscoverError[];
  /** Entries with Dockerfile names a walk did not take (symbolic links, folders), with why. */
  skipped: DiscoverError[];
  /** Folders a walk read, with whether they hold a configuration file candidate (so config lookups can skip them). */
  scanned: Map<string, boolean>;
}

/** Names a configuration lookup looks for in each folder. */
export const CONFIG_CANDIDATES = ['.dockerfile-codemod.json', 'package.json'];

export function isDockerfileName(name: string): boolean {
  const lower = name.toLowerCase();
  const matches =
    lower === 'dockerfile' ||
    lower === 'containerfile' ||
    lower.startsWith('dockerfile.') ||
    lower.startsWith('containerfile.') ||
    lower.endsWith('.dockerfile') ||
    lower.endsWith('.containerfile');
  return (
    matches &&
    !(NOT_DOCKERFILE.test(lower) && !lower.endsWith('.dockerfile') && !lower.endsWith('.containerfile'))
  );
}

export function discover(operands: readonly string[], options: DiscoverOptions): Discovered {
  const cwd = path.resolve(options.cwd);
  const found = new Set<string>();
  const errors: DiscoverError[] = [];
  const skipped: DiscoverError[] = [];
  const scanned = new Map<string, boolean>();
  const excluded = globMatcher(options.exclude ?? [], cwd);
  const useGitignore = options.gitignore !== false;
  for (const operand of operands) {
    const abs = path.resolve(cwd, operand);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && fg().isDynamicPattern(operand)) {
        const matches = fg().sync(operand, {
          cwd,
          dot: true,
          absolute: true,
          followSymbolicLinks: false,
          onlyFiles: true,
        });
        const kept = matches.filter((f) => !excluded(f));
        for (const f of kept) found.add(f);
        if (kept.length === 0) {
          const why = matches.length
            ? 'every file it matches is left out by --exclude'
            : 'the glob matches no file';
          errors.push({ path: operand, message: `no Dockerfile found: ${why}` });
        }
        continue;
      }
      errors.push({ path: operand, message: statError(e as NodeJS.ErrnoException) });
      continue;
    }
    if (stat.isDirectory()) {
      const w = excluded(abs) ? { files: [], skipped: [] } : walk(abs, useGitignore, excluded, scanned);
      for (const f of w.files) found.add(f);
      skipped.push(...w.skipped);
      if (w.files.length === 0) {
        const why = emptyWalk(abs, cwd, useGitignore, excluded, w.skipped.length);
        errors.push({ path: operand, message: `no Dockerfile found: ${why}` });
      }
    } else if (stat.isFile()) {
      // A file named on the command line is taken whatever its name; --exclude still leaves it out.
      if (!excluded(abs)) found.add(abs);
      else skipped.push({ path: abs, message: 'left out by --exclude' });
    } else {
      errors.push({ path: operand, message: 'not a regular file or folder' });
    }
  }
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files: [...found].sort(), errors, skipped, scanned };
}

/** Why a walk of a folder found no Dockerfile. */
function emptyWalk(
  dir: string,
  cwd: string,
  useGitignore: boolean,
  excluded: (abs: string) => boolean,
  skippedEntries: number,
): string {
  if (excluded(dir)) return 'the folder is left out by --exclude';
  if (useGitignore) {
    const by = ignoredBy(ancestorIgnores(dir), dir, true);
    if (by) return `the folder is ignored by ${path.relative(cwd, by) || by}; use --no-gitignore to walk it`;
  }
  if (skippedEntries)
    return 'the entries with Dockerfile names are symbolic links or folders, which a walk does not take';
  return `no file in it has a Dockerfile name (${DOCKERFILE_NAMES})`;
}

/** The names a walk takes, for messages. */
export const DOCKERFILE_NAMES =
  'Dockerfile, Dockerfile.*, *.Dockerfile, Containerfile, Containerfile.*, *.Containerfile, in any case';

function statError(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'EACCES':
      return 'permission denied';
    default:
      return e.message;
  }
}

/** `abs` relative to `base` with `/` separators; undefined when it is not inside `base`. */
export function relativeInside(base: string, abs: string): string | undefined {
  const rel = path.relative(base, abs);
  if (rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/**
 * A test for paths against exclude globs written relative to `base` (the
 * working folder, or a configuration file's folder). A glob without `/`
 * matches a name anywhere, also outside `base`.
 */
export function globMatcher(globs: readonly string[], base: string): (abs: string) => boolean {
  if (globs.length === 0) return () => false;
  const matchers = globs.map((g) => ({
    anywhere: !g.includes('/'),
    test: picomatch()(g.replace(/^\.\//, ''), { dot: true, basename: !g.includes('/') }),
  }));
  return (abs) => {
    const rel = relativeInside(base, abs);
    if (rel !== undefined) return matchers.some((m) => m.test(rel));
    const name = path.basename(abs);
    return matchers.some((m) => m.anywhere && m.test(name));
  };
}

/** Ignore rules of one .gitignore (or info/exclude), relative to its folder. */
interface IgnoreFile {
  dir: string;
  /** The file the rules come from. */
  file: string;
  rules: Ignore;
}

/**
 * Walks a folder with fast-glob. Its file-system adapter filters each folder's
 * entries through the .gitignore files that apply, so an ignored folder is
 * never read.
 */
function walk(
  root: string,
  useGitignore: boolean,
  excluded: (abs: string) => boolean,
  scanned: Map<string, boolean>,
): { files: string[]; skipped: DiscoverError[] } {
  const perDir = new Map<string, IgnoreFile[]>();
  const inherited = useGitignore ? ancestorIgnores(root) : [];
  const rulesFor = (dir: string, entries: fs.Dirent[]): IgnoreFile[] => {
    let rules = perDir.get(dir);
    if (rules) return rules;
    const parent = dir === root ? inherited : (perDir.get(path.dirname(dir)) ?? inherited);
    rules = parent;
    if (useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const own = readIgnoreFile(path.join(dir, '.gitignore'), dir);
      if (own) rules = [...parent, own];
    }
    perDir.set(dir, rules);
    return rules;
  };
  const readdirSync = ((dir: fs.PathLike, opts?: unknown) => {
    const entries = fs.readdirSync(dir, opts as { withFileTypes: true }) as fs.Dirent[];
    if (!(opts as { withFileTypes?: boolean } | undefined)?.withFileTypes) return entries;
    const abs = path.resolve(String(dir));
    scanned.set(
      abs,
      entries.some((e) => CONFIG_CANDIDATES.includes(e.name)),
    );
    const rules = rulesFor(abs, entries);
    return entries.filter((e) => {
      if (e.isDirectory() && ALWAYS_SKIPPED.has(e.name)) return false;
      const full = path.join(abs, e.name);
      if (excluded(full)) return false;
      return !isIgnored(rules, full, e.isDirectory());
    });
  }) as typeof fs.readdirSync;
  const entries = fg().sync(DOCKERFILE_PATTERNS, {
    cwd: root,
    absolute: true,
    dot: true,
    caseSensitiveMatch: false,
    followSymbolicLinks: false,
    onlyFiles: false,
    objectMode: true,
    suppressErrors: true,
    // Only the functions fast-glob calls: spreading `fs` would read its deprecated constants (DEP0176 on Node 24).
    fs: {
      lstat: fs.lstat,
      stat: fs.stat,
      lstatSync: fs.lstatSync,
      statSync: fs.statSync,
      readdir: fs.readdir,
      readdirSync,
    },
  });
  const files: string[] = [];
  const skipped: DiscoverError[] = [];
  for (const e of entries) {
    if (!isDockerfileName(e.name)) continue;
    if (e.dirent.isFile()) files.push(e.path);
    else if (e.dirent.isSymbolicLink())
      skipped.push({ path: e.path, message: 'symbolic link, not followed' });
    else if (e.dirent.isDirectory()) skipped.push({ path: e.path, message: 'a folder, not a file' });
  }
  return { files, skipped };
}

function isIgnored(rules: readonly IgnoreFile[], abs: string, isDir: boolean): boolean {
  return ignoredBy(rules, abs, isDir) !== undefined;
}

/** The ignore file whose rule leaves a path out (the last that decides), or undefined. */
function ignoredBy(rules: readonly IgnoreFile[], abs: string, isDir: boolean): string | undefined {
  let by: string | undefined;
  for (const r of rules) {
    let rel = relativeInside(r.dir, abs);
    if (!rel) continue;
    if (isDir) rel += '/';
    const t = r.rules.test(rel);
    if (t.ignored) by = r.file;
    else if (t.unignored) by = undefined;
  }
  return by;
}

function readIgnoreFile(file: string, dir: string): IgnoreFile | undefined {
  try {
    return { dir, file, rules: ignore().add(fs.readFileSync(file, 'utf8')) };
  } catch {
    return undefined;
  }
}

/** .gitignore files between the repository root and the walked folder, and .git/info/exclude. */
function ancestorIgnores(root: string): IgnoreFile[] {
  const chain: string[] = [];
  let repo: string | undefined;
  for (let d = path.dirname(root); ; d = path.dirname(d)) {
    chain.unshift(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      repo = d;
      break;
    }
    if (path.dirname(d) === d) break;
  }
  if (!repo && fs.existsSync(path.join(root, '.git'))) repo = root;
  if (!repo) return [];
  const out: IgnoreFile[] = [];
  const exclude = readIgnoreFile(path.join(repo, '.git', 'info', 'exclude'), repo);
  if (exclude) out.push(exclude);
  for (const d of chain) {
    if (d.length < repo.length) continue;
    const f = readIgnoreFile(path.join(d, '.gitignore'), d);
    if (f) out.push(f);
  }
  return out;
}
