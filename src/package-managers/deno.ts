/**
 * Deno: `deno cache`, `deno install` (local, Deno 2), `deno add`,
 * `deno install -g` (and Deno 1's `deno install <url>`), `deno compile`.
 * Facts, with their sources, in `facts` below (docs/package-managers.md#deno);
 * checked against
 * - denoland/deno_cache_dir rs_lib/src/deno_dir.rs (resolve_deno_dir):
 *   `DENO_DIR`, else the OS cache dir (`$XDG_CACHE_HOME`, else `$HOME/.cache`)
 *   joined with `deno`, else `$HOME/.deno`.
 * - denoland/deno cli/tools/installer.rs (get_installer_bin_dir,
 *   get_installer_root): `--root`, else `DENO_INSTALL_ROOT`, else `$HOME/.deno`;
 *   the shims go to `<root>/bin` (a root already ending in `bin` is used as is).
 * - denoland/deno cli/tools/installer.rs (infer_name_from_url): `deno compile`
 *   without `--output` names the program after the entry file's stem, or its
 *   folder for `main`, `mod`, `index` and `cli`.
 * - denoland/deno_docker debian.dockerfile: `ENV DENO_DIR /deno-dir/`,
 *   `ENV DENO_INSTALL_ROOT /usr/local` (in images.ts).
 *
 * DENO_DIR is both the download cache and the module cache `deno run` loads
 * remote modules (https:, jsr:, and npm: without a node_modules folder) and
 * their compiled form from. `deno cache`, `deno install` and `deno add` exist
 * to fill it for later runs, so for them DENO_DIR is a destination and
 * mounting it is the trap. Only `deno compile`, which embeds what it needs in
 * the program, uses DENO_DIR as a pure download cache; a `deno cache` or
 * `deno install` followed by `deno compile` in the same RUN fills it for that
 * compile only.
 */
import { basename, dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  homeOf,
  type OptionSpec,
  type ParsedOptions,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const DENO_DOCKER = 'denoland/deno_docker@b7864b7:debian.dockerfile:25-31';
const DENO_DIR_SOURCES = [
  'https://github.com/justjavac/deno_cache_dir',
  'https://docs.rs/crate/deno_cli/0.18.4/source/deno_dir.rs',
];

export const facts = defineTool({
  id: 'deno',
  name: 'Deno',
  programs: ['deno'],
  commands: {
    text: '`deno cache`, `deno install` (local; Deno 1 and `-g` install globally), `deno add`, `deno install -g`, `deno compile`',
    source: 'https://docs.deno.com/runtime/reference/cli/',
  },
  destinations: {
    text: "DENO_DIR, the module cache `deno run` loads from (`deno cache`, `deno install`, `deno add`, unless `deno compile` follows in the same RUN); `<cwd>/node_modules` (`deno install`, `deno add`, `--node-modules-dir`, `nodeModulesDir`), `<cwd>/vendor` (`--vendor`); global: `<root>/bin` (`--root`, `DENO_INSTALL_ROOT`, else `~/.deno`; `/usr/local/bin` in `denoland/deno`); `deno compile`: the `--output` file, else the entry's name in cwd (build output)",
    source: [DENO_DOCKER, 'https://docs.deno.com/runtime/reference/cli/install/'],
  },
  cache: {
    text: 'DENO_DIR: `DENO_DIR` (`/deno-dir` in `denoland/deno`), `$XDG_CACHE_HOME/deno`, else `~/.cache/deno`. A download cache only for `deno compile`; for the other commands it holds the result, so a mount on it is reported with advice',
    source: [...DENO_DIR_SOURCES, DENO_DOCKER],
  },
  caches: [
    {
      name: 'DENO_DIR',
      default: '~/.cache/deno',
      env: ['DENO_DIR'],
      xdgCache: 'deno',
      images: [{ image: 'denoland/deno', path: '/deno-dir', source: DENO_DOCKER }],
      source: DENO_DIR_SOURCES,
    },
  ],
  knownCaches: [],
  defeats: [
    {
      kind: 'flag',
      match: '--reload',
      effect: 'disables',
      source: 'https://github.com/denoland/manual/blob/v1.31.3/basics/modules/reloading_modules.md',
    },
    {
      kind: 'command',
      match: 'clean',
      effect: 'empties',
      source: 'https://docs.deno.com/runtime/reference/cli/clean',
    },
  ],
  cacheCommands: [
    {
      match: ['cache', 'install', 'add', 'compile', 'run', 'test'],
      source: [
        'https://github.com/denoland/manual/blob/v1.31.3/basics/modules/reloading_modules.md',
        ...DENO_DIR_SOURCES,
      ],
    },
  ],
  locking: [],
  traps: [
    {
      what: '`DENO_DIR` is also the module cache `deno run` loads remote modules from: an image that runs pre-cached modules loses them when it is a cache mount',
      mentionedBy: /deno/i,
      relocatedBy: /DENO_DIR|XDG_CACHE_HOME/i,
      source: [DENO_DOCKER, 'https://github.com/denoland/docs/pull/3034'],
    },
  ],
});

const OPTIONS: OptionSpec = {
  values: [
    '-c',
    '--config',
    '--import-map',
    '--cert',
    '--root',
    '-n',
    '--name',
    '-o',
    '--output',
    '--target',
    '--include',
    '--exclude',
    '--icon',
    '--location',
    '--seed',
    '--ext',
    '-e',
    '--entrypoint',
    '-L',
    '--log-level',
  ],
  aliases: {
    '-c': '--config',
    '-n': '--name',
    '-o': '--output',
    '-g': '--global',
    '-r': '--reload',
    '-e': '--entrypoint',
  },
};

/** Entry files named like this give their folder's name to the compiled program (infer_name_from_url). */
const GENERIC_STEMS = new Set(['main', 'mod', 'index', 'cli']);

const TRAP = (denoDir: string | { unknown: string }) =>
  `Not fixed automatically: Deno's only cache, DENO_DIR (${typeof denoDir === 'string' ? denoDir : `not known here: ${denoDir.unknown}`}), is also the module cache deno run loads from, so it cannot be mounted instead. Drop this mount so the layer keeps what was installed; to cache downloads as well, make the project self-contained first (\`"nodeModulesDir": "auto"\` and \`"vendor": true\` in deno.json) or run deno compile in the same RUN, after which DENO_DIR is only a download cache.`;

/**
 * DENO_DIR for the command, or why it is not known. Without the tool id: the
 * configured cache folder names the cache to mount, not the module cache a
 * destination names.
 */
function denoDir(cmd: SimpleCommand, ctx: ToolContext): string | { unknown: string } {
  const dir = resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], undefined, false));
  return 'path' in dir ? dir.path : dir;
}

/** DENO_DIR as the cache to mount: the configured folder, else DENO_DIR. */
function dirCacheOf(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  const dir = denoDir(cmd, ctx);
  const override = ctx.cacheDirOverride('deno');
  return override !== undefined
    ? { path: override, via: 'configuration' }
    : typeof dir === 'string'
      ? { path: dir }
      : dir;
}

/** Deno 1 when the official image's tag says so: its `deno install <url>` installs globally. */
function isDeno1(ctx: ToolContext): boolean {
  const tag = ctx.stage.baseImageTag;
  return Boolean(ctx.stage.baseImage?.names.includes('denoland/deno') && tag && /(?:^|-)v?1\.\d/.test(tag));
}

/** Does the same RUN run `deno compile` after this command? */
function compiledLater(cmd: SimpleCommand, ctx: ToolContext): boolean {
  const { run } = ctx;
  // The stage text ends with this RUN's text.
  const text = ctx.stageText();
  const runText = text.slice(text.length - (run.end - run.start));
  return /\bdeno\s+compile\b/.test(runText.slice(Math.max(0, cmd.end - run.start)));
}

function compileOutput(cmd: SimpleCommand, opts: ParsedOptions): string | undefined {
  if (opts.has('--output')) return absolute(cmd, opts.get('--output'));
  const entry = opts.positionals[1];
  if (entry === undefined) return undefined;
  const url = /^[a-z][a-z0-9+.-]*:/i.test(entry);
  if (url && !/^(https?|file):/.test(entry)) return undefined; // jsr:/npm: names follow other rules
  const path = url ? entry.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/, '') : absolute(cmd, entry);
  if (!path) return undefined;
  let stem = basename(path).replace(/\.[^.]*$/, '');
  if (GENERIC_STEMS.has(stem)) stem = basename(dirname(path));
  if (!stem || cmd.cwd === undefined) return undefined;
  return resolvePath(cmd.cwd, stem);
}

function nodeModulesDir(opts: ParsedOptions, ctx: ToolContext): boolean {
  if (opts.has('--node-modules-dir')) return !/^(none|false)$/.test(opts.get('--node-modules-dir') ?? '');
  return /"?nodeModulesDir"?\s*:\s*"?(auto|manual|true)/.test(ctx.stageText());
}

export const deno: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'deno' ? callOf('deno', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches: (cmd, ctx) => [dirCacheOf(cmd, ctx)],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'deno') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action !== 'cache' && action !== 'install' && action !== 'add' && action !== 'compile')
      return undefined;
    const dir = denoDir(cmd, ctx);
    const dirCache = dirCacheOf(cmd, ctx);
    const defeatedBy = installDefeat(facts, cmd, callOf('deno', opts));
    if (action === 'compile') {
      const out = compileOutput(cmd, opts);
      if (!out) return undefined;
      return {
        tool: deno,
        command: cmd,
        action,
        destinations: [{ path: out, kind: 'build', what: 'the compiled program' }],
        caches: [dirCache],
        defeatedBy,
      };
    }
    const dests: Destination[] = [];
    const global =
      action === 'install' && (opts.has('--global') || (isDeno1(ctx) && opts.positionals.length > 1));
    if (global) {
      const rootFlag = opts.has('--root') ? opts.get('--root') : undefined;
      const rootEnv = cmd.env('DENO_INSTALL_ROOT');
      if (rootFlag === undefined && rootEnv === null) return undefined;
      const home = homeOf(cmd, ctx);
      const root = opts.has('--root')
        ? absolute(cmd, rootFlag)
        : rootEnv
          ? absolute(cmd, rootEnv)
          : home && resolvePath(home, '.deno');
      if (!root) return undefined;
      dests.push({
        path: basename(root) === 'bin' ? root : resolvePath(root, 'bin'),
        kind: 'packages',
        what: 'the installed command',
      });
    } else {
      if (cmd.cwd === undefined) return undefined;
      if (action !== 'cache' || nodeModulesDir(opts, ctx)) {
        dests.push({ path: resolvePath(cmd.cwd, 'node_modules'), kind: 'packages', what: 'node_modules' });
      }
      if (opts.has('--vendor') && !/^false$/.test(opts.get('--vendor') ?? '')) {
        dests.push({ path: resolvePath(cmd.cwd, 'vendor'), kind: 'packages', what: 'the vendor folder' });
      }
    }
    const forCompile = compiledLater(cmd, ctx);
    if (!forCompile && typeof dir === 'string') {
      dests.push({ path: dir, kind: 'packages', what: 'DENO_DIR, the module cache Deno runs from' });
    }
    if (dests.length === 0) return undefined;
    const caches: CacheDir[] = forCompile ? [dirCache] : [{ trap: TRAP(dir) }];
    return { tool: deno, command: cmd, action, destinations: dests, caches, defeatedBy };
  },
});
