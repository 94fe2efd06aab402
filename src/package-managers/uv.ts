/**
 * uv: `uv sync` (and `uv run`, `uv add`, `uv remove`, which sync the project
 * environment first), `uv pip install`/`uv pip sync`, `uv tool install`,
 * `uv python install`. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#uv); where folders are found was checked against
 * astral-sh/uv crates/uv-static/src/env_vars.rs, crates/uv-dirs/src/lib.rs and
 * crates/uv-python/src/managed.rs.
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat, type ToolCall } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  falsy,
  homeOf,
  notStatic,
  type OptionSpec,
  parseOptions,
  resolveCache,
  truthy,
} from './common.js';
import { defineTool } from './facts.js';
import { destinationInCache, dirFromEnv, interpreterSite } from './python.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const UV = 'astral-sh/uv@26a9dd4';

/** uv's link mode set to anything but a copying mode (symlink, or a value the text does not show). */
const UV_LINKS = /(?:UV_LINK_MODE|link-mode)(?![ \t]*[= ][ \t]*["']?(?:copy|clone|hardlink)\b)/;

/** Options that take a value, global and per sub-command (uv-cli src/lib.rs); unknown ones count as flags. */
export const OPTIONS: OptionSpec = {
  values: [
    '--directory',
    '--project',
    '--cache-dir',
    '--config-file',
    '--color',
    '--python',
    '-p',
    '--python-preference',
    '--python-platform',
    '--python-version',
    '--target',
    '-t',
    '--prefix',
    '--link-mode',
    '--requirement',
    '--requirements',
    '-r',
    '--constraint',
    '--constraints',
    '-c',
    '--override',
    '--overrides',
    '--build-constraint',
    '--build-constraints',
    '-b',
    '--editable',
    '-e',
    '--extra',
    '--group',
    '--only-group',
    '--no-group',
    '--package',
    '--index',
    '--default-index',
    '--index-url',
    '-i',
    '--extra-index-url',
    '--find-links',
    '-f',
    '--index-strategy',
    '--keyring-provider',
    '--resolution',
    '--prerelease',
    '--fork-strategy',
    '--exclude-newer',
    '--config-setting',
    '-C',
    '--no-binary-package',
    '--no-build-package',
    '--refresh-package',
    '--reinstall-package',
    '--upgrade-package',
    '-P',
    '--no-install-package',
    '--allow-insecure-host',
    '--script',
    '--with',
    '--with-requirements',
    '--with-editable',
    '--from',
    '--env-file',
    '--install-dir',
    '--out-dir',
    '-o',
    '--exclude',
    '--torch-backend',
    '--output-format',
    '--bounds',
    '--marker',
    '--prompt',
  ],
  aliases: {
    '-p': '--python',
    '-t': '--target',
    '-n': '--no-cache',
    '-o': '--out-dir',
  },
};

export const facts = defineTool({
  id: 'uv',
  name: 'uv',
  programs: ['uv'],
  commands: {
    text: '`uv sync`, `uv run`, `uv add`, `uv remove` (they sync the project environment; not with `--no-sync`, `--frozen` for add/remove, `--dry-run`); `uv pip install`, `uv pip sync`; `uv tool install`/`upgrade`; `uv python install`',
    source: [`${UV}:docs/concepts/projects/config.md:162-173`, `${UV}:docs/pip/environments.md:95-116`],
  },
  destinations: {
    text: "project environment: `<project>/.venv` (project = cwd, `--directory`, `--project`), `UV_PROJECT_ENVIRONMENT` (relative to the project), `VIRTUAL_ENV` with `--active`; `uv pip`: `--target`/`-t`, `--prefix`, `--python`/`-p`/`UV_PYTHON` naming a venv or interpreter, `--system`/`UV_SYSTEM_PYTHON` (the interpreter's site-packages, `/usr/local/lib/pythonX.Y/site-packages` in the official image), else `VIRTUAL_ENV`, `CONDA_PREFIX` or `<cwd>/.venv`; `uv tool install`: `UV_TOOL_DIR` (else `$XDG_DATA_HOME/uv/tools`, `~/.local/share/uv/tools`) and `UV_TOOL_BIN_DIR` (else `$XDG_BIN_HOME`, `~/.local/bin`); `uv python install`: `--install-dir`, `UV_PYTHON_INSTALL_DIR` (else `~/.local/share/uv/python`) and `UV_PYTHON_BIN_DIR`",
    source: [
      `${UV}:docs/concepts/projects/config.md:162-173`,
      `${UV}:docs/pip/environments.md:95-116`,
      `${UV}:crates/uv-cli/src/lib.rs:2066-2089`,
      `${UV}:crates/uv-static/src/env_vars.rs:436-465`,
    ],
  },
  cache: {
    text: '`--cache-dir`, `UV_CACHE_DIR`, `$XDG_CACHE_HOME/uv`, else `~/.cache/uv` (`/root/.cache/uv` as root); `uv python install`: `UV_PYTHON_CACHE_DIR` if set, else no cache (the mount is removed). `--no-cache` (`-n`, and its alias `--no-cache-dir`) and `UV_NO_CACHE` defeat it. Reported, not fixed: `UV_LINK_MODE=symlink` (the environment would link into the mount; use `UV_LINK_MODE=copy`)',
    source: [`${UV}:docs/concepts/cache.md:185-198`, `${UV}:docs/guides/integration/docker.md:353-378`],
  },
  caches: [
    {
      name: 'download cache',
      default: '~/.cache/uv',
      flag: '--cache-dir',
      env: ['UV_CACHE_DIR'],
      xdgCache: 'uv',
      source: `${UV}:docs/concepts/cache.md:185-198`,
    },
    {
      name: 'Python downloads',
      env: ['UV_PYTHON_CACHE_DIR'],
      source: `${UV}:docs/guides/integration/docker.md:369-378`,
    },
  ],
  knownCaches: [{ path: '~/.cache/uv', unless: UV_LINKS, source: `${UV}:docs/concepts/cache.md:185-198` }],
  defeats: [
    {
      kind: 'flag',
      match: '--no-cache',
      effect: 'disables',
      caches: ['download cache'],
      source: `${UV}:docs/concepts/cache.md:26,189`,
    },
    {
      // A hidden alias of `--no-cache`, for pip's spelling (clap `alias = "no-cache-dir"` on `no_cache`).
      kind: 'flag',
      match: '--no-cache-dir',
      effect: 'disables',
      caches: ['download cache'],
      source: 'https://github.com/astral-sh/uv/blob/d0d0b85/crates/uv-cache/src/cli.rs',
    },
    {
      kind: 'env',
      match: 'UV_NO_CACHE',
      value: 'on',
      effect: 'disables',
      caches: ['download cache'],
      source: [`${UV}:docs/concepts/cache.md:26,189`, `${UV}:docs/guides/integration/docker.md:366-367`],
    },
    {
      kind: 'command',
      match: 'cache clean',
      effect: 'empties',
      caches: ['download cache'],
      source: `${UV}:docs/concepts/cache.md:142-182`,
    },
    {
      // A plain prune keeps what may still be used; `--ci` drops every pre-built wheel, to be downloaded again.
      kind: 'command',
      match: 'cache prune --ci',
      effect: 'empties',
      caches: ['download cache'],
      source: `${UV}:docs/concepts/cache.md:142-182`,
    },
  ],
  cacheCommands: [
    {
      match: [
        'sync',
        'run',
        'add',
        'remove',
        'lock',
        'pip install',
        'pip sync',
        'pip compile',
        'tool install',
        'tool upgrade',
        'tool run',
      ],
      caches: ['download cache'],
      source: `${UV}:docs/concepts/cache.md:185-198`,
    },
    {
      match: ['python install'],
      caches: ['Python downloads'],
      source: `${UV}:docs/guides/integration/docker.md:369-378`,
    },
  ],
  offline: [
    // `--offline` disables network access; `--frozen` only uses the lock file without checking it, and downloads.
    {
      kind: 'flag',
      match: '--offline',
      source: [
        'https://docs.astral.sh/uv/reference/cli/#uv-sync--offline',
        'https://docs.astral.sh/uv/concepts/projects/sync',
      ],
    },
    {
      kind: 'env',
      match: 'UV_OFFLINE',
      value: 'on',
      source: 'https://docs.astral.sh/uv/reference/environment/#uv_offline',
    },
  ],
  locking: [],
  traps: [
    {
      what: "`UV_LINK_MODE=symlink` (or `--link-mode symlink`): the installed packages are links into uv's cache, so a cache mount leaves them dangling",
      mentionedBy: UV_LINKS,
      relocatedBy: /UV_CACHE_DIR|XDG_CACHE_HOME/i,
      source: [
        `${UV}:docs/guides/integration/docker.md:353-364`,
        'https://docs.astral.sh/uv/reference/settings/#link-mode',
      ],
    },
  ],
});

/** `UV_LINK_MODE=symlink` / `--link-mode symlink`: installed files are links into the cache (docs/reference/settings.md link-mode). */
const SYMLINK_TRAP = (cache: string) =>
  `Not fixed automatically: uv's link mode is symlink, so the installed packages are links into its cache ${cache}; mounting that cache would leave them dangling. Set UV_LINK_MODE=copy (docs/guides/integration/docker.md) and mount ${cache} instead.`;

function uvCache(cmd: SimpleCommand, ctx: ToolContext, opts: Pick<ToolCall, 'has' | 'get'>): CacheDir {
  return resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], opts));
}

/** Python downloads are cached only with UV_PYTHON_CACHE_DIR (docs/guides/integration/docker.md, env_vars.rs). */
function pythonCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir | undefined {
  const dir = dirFromEnv(cmd, ctx, 'UV_PYTHON_CACHE_DIR');
  return dir === null
    ? notStatic('UV_PYTHON_CACHE_DIR')
    : dir
      ? { path: dir, via: 'UV_PYTHON_CACHE_DIR' }
      : undefined;
}

/** The options of a uv command (those of `uv run` end where the command it runs starts). */
function uvOptions(cmd: SimpleCommand): ReturnType<typeof parseOptions> {
  const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
  return opts.positionals[0] === 'run'
    ? parseOptions(cmd.argv.slice(1, runCommandIndex(cmd.argv)), OPTIONS)
    : opts;
}

/** `uv pip install`: --target, --prefix, --system, --python, else the discovered venv (docs/pip/environments.md). */
function pipDestinations(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Destination[] | undefined {
  if (opts.has('--target')) {
    const p = absolute(cmd, opts.get('--target'));
    return p ? [{ path: p, kind: 'packages', what: 'the --target folder' }] : undefined;
  }
  if (opts.has('--prefix')) {
    const p = absolute(cmd, opts.get('--prefix'));
    return p ? [{ path: p, kind: 'packages', what: 'the --prefix folder' }] : undefined;
  }
  const python = opts.has('--python') ? opts.get('--python') : cmd.env('UV_PYTHON');
  if (python === null || (python === undefined && opts.has('--python'))) return undefined;
  const system = opts.has('--system') || truthy(cmd.env('UV_SYSTEM_PYTHON'));
  // A request such as `3.12`, `python3.12` or `cpython@3.12` only picks the version.
  const isPath = python !== undefined && (python.includes('/') || python.startsWith('.'));
  const version = python !== undefined && !isPath ? /3\.\d+/.exec(python)?.[0] : undefined;
  if (python !== undefined && isPath) {
    // An interpreter path or a venv folder: `--python /opt/venv/bin/python`, `--python /opt/venv`.
    const exe = absolute(cmd, python);
    if (!exe) return undefined;
    const bin = dirname(exe);
    const env = /\/bin\/python[\d.]*$/.test(exe)
      ? dirname(bin)
      : /\/python[\d.]*$/.test(exe)
        ? undefined
        : exe;
    if (env === undefined) return undefined;
    if (env === '/' || /^\/(usr(\/local)?)$/.test(env)) return interpreterSite(ctx);
    return [{ path: env, kind: 'packages', what: 'the virtual environment' }];
  }
  // --system: the first interpreter on PATH, skipping those in virtual environments (docs/pip/environments.md).
  if (system) return interpreterSite(ctx, version);
  // Discovery: VIRTUAL_ENV, then CONDA_PREFIX, then .venv in the working folder (or a parent).
  for (const name of ['VIRTUAL_ENV', 'CONDA_PREFIX']) {
    const dir = dirFromEnv(cmd, ctx, name);
    if (dir === null) return undefined;
    if (dir) return [{ path: dir, kind: 'packages', what: 'the virtual environment' }];
  }
  const dot = absolute(cmd, '.venv');
  return dot ? [{ path: dot, kind: 'packages', what: 'the virtual environment' }] : undefined;
}

/** The project environment `uv sync` (and `uv run`, `uv add`) writes (docs/concepts/projects/config.md "Project environment path"). */
function projectEnvironment(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Destination[] | undefined {
  const directory = opts.has('--directory') ? absolute(cmd, opts.get('--directory')) : absolute(cmd, '.');
  if (!directory) return undefined;
  const project = opts.has('--project')
    ? opts.get('--project') && resolvePath(directory, opts.get('--project') as string)
    : directory;
  if (!project) return undefined;
  const active = opts.has('--active') || truthy(cmd.env('UV_ACTIVE'));
  if (active) {
    const venv = dirFromEnv(cmd, ctx, 'VIRTUAL_ENV');
    if (venv === null) return undefined;
    if (venv) return [{ path: venv, kind: 'packages', what: 'the virtual environment' }];
  }
  const env = cmd.env('UV_PROJECT_ENVIRONMENT');
  if (env === null) return undefined;
  if (env !== undefined && env !== '') {
    // A relative path resolves against the workspace root (here: the project folder); an absolute one is used as is.
    return [{ path: resolvePath(project, env), kind: 'packages', what: 'the project environment' }];
  }
  return [{ path: resolvePath(project, '.venv'), kind: 'packages', what: 'the project environment' }];
}

/** `user_executable_directory()` (crates/uv-dirs): the override variable, $XDG_BIN_HOME, $XDG_DATA_HOME/../bin, ~/.local/bin. */
function executableDir(cmd: SimpleCommand, ctx: ToolContext, override: string): string | null | undefined {
  for (const name of [override, 'XDG_BIN_HOME']) {
    const v = cmd.env(name);
    if (v === null) return null;
    if (v?.startsWith('/')) return resolvePath('/', v);
  }
  const data = cmd.env('XDG_DATA_HOME');
  if (data === null) return null;
  if (data?.startsWith('/')) return resolvePath(data, '../bin');
  const home = homeOf(cmd, ctx);
  return home === undefined ? undefined : resolvePath(home, '.local/bin');
}

/** uv's state folder (`user_state_dir()`, crates/uv-dirs): $XDG_DATA_HOME/uv, else ~/.local/share/uv. */
function stateDir(cmd: SimpleCommand, ctx: ToolContext, sub: string): string | null | undefined {
  const data = cmd.env('XDG_DATA_HOME');
  if (data === null) return null;
  if (data?.startsWith('/')) return resolvePath(data, `uv/${sub}`);
  const home = homeOf(cmd, ctx);
  return home === undefined ? undefined : resolvePath(home, `.local/share/uv/${sub}`);
}

function toolDestinations(cmd: SimpleCommand, ctx: ToolContext): Destination[] | undefined {
  // UV_TOOL_DIR (env_vars.rs), else the state folder's `tools`.
  const dir = dirFromEnv(cmd, ctx, 'UV_TOOL_DIR') ?? stateDir(cmd, ctx, 'tools');
  const bin = executableDir(cmd, ctx, 'UV_TOOL_BIN_DIR');
  if (!dir || !bin) return undefined;
  return [
    { path: dir, kind: 'packages', what: "uv's tool environments" },
    { path: bin, kind: 'packages', what: "uv's tool executables" },
  ];
}

function pythonDestinations(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Destination[] | undefined {
  // managed.rs from_settings(): --install-dir, UV_PYTHON_INSTALL_DIR, the state folder's `python`.
  // `-i` is --install-dir here (elsewhere --index-url).
  const flag = opts.has('--install-dir') ? '--install-dir' : opts.has('-i') ? '-i' : undefined;
  const dir = flag
    ? absolute(cmd, opts.get(flag))
    : (dirFromEnv(cmd, ctx, 'UV_PYTHON_INSTALL_DIR') ?? stateDir(cmd, ctx, 'python'));
  if (!dir) return undefined;
  const dests: Destination[] = [{ path: dir, kind: 'packages', what: "uv's managed Python installations" }];
  const noBin = opts.has('--no-bin') || falsy(cmd.env('UV_PYTHON_INSTALL_BIN'));
  if (!noBin) {
    const bin = executableDir(cmd, ctx, 'UV_PYTHON_BIN_DIR');
    if (bin) dests.push({ path: bin, kind: 'packages', what: "uv's Python executables" });
  }
  return dests;
}

/** Index in argv of the command `uv run` runs (the first positional after `run`), or argv's length. */
function runCommandIndex(argv: SimpleCommand['argv']): number {
  const values = new Set(OPTIONS.values);
  let seenRun = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]?.value;
    if (w === '--') return seenRun ? i : argv.length;
    if (w?.startsWith('-')) {
      if (values.has(w)) i++;
      continue;
    }
    if (seenRun) return i;
    if (w === 'run') seenRun = true;
  }
  return argv.length;
}

export const uv: PackageManager = definePackageManager({
  facts,
  call: (cmd) => (commandBase(cmd.name) === 'uv' ? callOf('uv', uvOptions(cmd)) : undefined),
  caches: (cmd, ctx, call) => [uvCache(cmd, ctx, call), pythonCache(cmd, ctx)],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'uv') return undefined;
    // `uv run [opts] CMD ARGS`: what follows the command belongs to it, not to uv.
    const opts = uvOptions(cmd);
    const [first, second] = opts.positionals;
    if (opts.has('--dry-run') || opts.has('--help') || opts.has('-h')) return undefined;
    let action: string;
    let dests: Destination[] | undefined;
    let links = true;
    if (first === 'pip' && (second === 'install' || second === 'sync')) {
      action = `pip ${second}`;
      dests = pipDestinations(cmd, ctx, opts);
    } else if (first === 'sync' || first === 'run' || first === 'add' || first === 'remove') {
      action = first;
      if (opts.has('--no-sync') || truthy(cmd.env('UV_NO_SYNC'))) return undefined;
      if ((first === 'add' || first === 'remove') && (opts.has('--frozen') || truthy(cmd.env('UV_FROZEN'))))
        return undefined;
      // A PEP 723 script's environment lives in the cache; `--no-project`/`--isolated` use a throwaway one.
      if (opts.has('--script') || opts.has('--no-project') || opts.has('--isolated')) return undefined;
      dests = projectEnvironment(cmd, ctx, opts);
    } else if (first === 'tool' && (second === 'install' || second === 'upgrade')) {
      action = `tool ${second}`;
      dests = toolDestinations(cmd, ctx);
    } else if (first === 'python' && second === 'install') {
      action = 'python install';
      links = false;
      dests = pythonDestinations(cmd, ctx, opts);
    } else return undefined;
    if (!dests) return undefined;

    let caches: CacheDir[];
    if (!links) {
      const python = pythonCache(cmd, ctx);
      caches = python ? [python] : [];
    } else {
      const cache = uvCache(cmd, ctx, opts);
      const linkMode = opts.has('--link-mode') ? opts.get('--link-mode') : cmd.env('UV_LINK_MODE');
      const inside = destinationInCache(dests, cache);
      if ('path' in cache && linkMode === 'symlink') {
        // The installed files are links into the cache: the cache holds them, so a mount on it loses them.
        dests = [
          ...dests,
          { path: cache.path, kind: 'packages', what: 'the packages uv links from its cache' },
        ];
        caches = [{ trap: SYMLINK_TRAP(cache.path) }];
      } else if ('path' in cache && inside) {
        caches = [
          {
            trap: `Not fixed automatically: ${inside.path} lies inside uv's cache ${cache.path}, so mounting the cache would lose it too. Install outside the cache, or move the cache with UV_CACHE_DIR.`,
          },
        ];
      } else caches = [cache];
    }
    const defeatedBy = installDefeat(facts, cmd, callOf('uv', opts));
    return { tool: uv, command: cmd, action, destinations: dests, caches, defeatedBy };
  },
});
