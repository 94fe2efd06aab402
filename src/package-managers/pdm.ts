/**
 * PDM: `pdm install`, `pdm sync`, `pdm add`, `pdm update`, `pdm remove` (not
 * with `--no-sync`, `--dry-run`, `--plugins`, `-g`). Facts, with their
 * sources, in `facts` below (docs/package-managers.md#pdm); checked against
 * pdm-project/pdm src/pdm/project/config.py (ConfigItem env vars and
 * defaults, ensure_boolean) and src/pdm/cli/options.py (`--no-cache`,
 * PDM_NO_CACHE).
 *
 * Where it installs: an active venv (VIRTUAL_ENV, unless PDM_IGNORE_ACTIVE_VENV);
 * with `python.use_venv` false (PDM_USE_VENV) the PEP 582 folder
 * `<project>/__pypackages__`; else the venv PDM creates: `<project>/.venv`
 * (`venv.in_project`, PDM_VENV_IN_PROJECT, default true) or
 * `<venv.location>/<name>-<hash>` (default `$XDG_DATA_HOME/pdm/venvs`).
 * `install.cache` has no variable in config.py (PDM_INSTALL_CACHE does not
 * exist); it is read from `pdm config install.cache true` in the stage chain.
 * A copied project `pdm.toml` cannot be read: without a variable deciding the
 * location, the destination is then unknown.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  configFromText,
  homeOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import { absoluteOrHome, destinationInCache, dirFromEnv } from './python.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const PDM = 'pdm-project/pdm@a7e9d00';

const INSTALL = new Set(['install', 'sync', 'add', 'update', 'remove']);

const OPTIONS: OptionSpec = {
  values: [
    '--project',
    '-p',
    '--config',
    '-c',
    '--group',
    '-G',
    '--lockfile',
    '-L',
    '--venv',
    '--skip',
    '-k',
    '--config-setting',
    '-C',
    '--override',
    '--editable',
    '-e',
  ],
  aliases: { '-p': '--project', '-c': '--config', '-g': '--global', '-L': '--lockfile' },
};

export const facts = defineTool({
  id: 'pdm',
  name: 'PDM',
  programs: ['pdm'],
  commands: {
    text: '`pdm install`, `pdm sync`, `pdm add`, `pdm update`, `pdm remove` (not with `--no-sync`, `--dry-run`, `--plugins` or `-g`)',
    source: [
      `${PDM}:src/pdm/cli/commands/install.py`,
      `${PDM}:src/pdm/cli/commands/sync.py`,
      `${PDM}:src/pdm/cli/commands/add.py`,
    ],
  },
  destinations: {
    text: 'the active venv (`VIRTUAL_ENV`, unless `PDM_IGNORE_ACTIVE_VENV`); `PDM_USE_VENV=false` (`python.use_venv`): `<project>/__pypackages__`; else `<project>/.venv` (project = cwd or `-p`/`--project`), or with `PDM_VENV_IN_PROJECT=false` `<venv.location>/*` (default `~/.local/share/pdm/venvs`). `pdm config KEY VALUE` earlier in the stage counts like the variable; a copied `pdm.toml` cannot be read, so without `PDM_VENV_IN_PROJECT` the destination is then unknown and nothing is reported',
    source: [
      `${PDM}:src/pdm/project/config.py:256-271`,
      `${PDM}:docs/usage/venv.md:44-46`,
      `${PDM}:docs/usage/pep582.md:7-18`,
    ],
  },
  cache: {
    text: '`PDM_CACHE_DIR`, `pdm config cache_dir`, `$XDG_CACHE_HOME/pdm`, else `~/.cache/pdm` (`/root/.cache/pdm` as root); `--no-cache`/`PDM_NO_CACHE` defeat it. Reported, not fixed: `install.cache` true (`pdm config install.cache true`), which links the installed packages from `<cache>/packages`',
    source: [`${PDM}:src/pdm/project/config.py:111-116,193-199`, `${PDM}:src/pdm/cli/options.py:157-160`],
  },
  caches: [
    {
      default: '~/.cache/pdm',
      env: ['PDM_CACHE_DIR'],
      xdgCache: 'pdm',
      source: `${PDM}:src/pdm/project/config.py:111-116`,
    },
  ],
  knownCaches: [],
  defeats: [
    {
      kind: 'flag',
      match: '--no-cache',
      effect: 'disables',
      source: `${PDM}:src/pdm/cli/options.py:157-160`,
    },
    {
      kind: 'env',
      match: 'PDM_NO_CACHE',
      value: 'nonEmpty',
      effect: 'disables',
      source: `${PDM}:src/pdm/cli/options.py:157-160`,
    },
    {
      kind: 'command',
      match: 'cache clear',
      effect: 'empties',
      source: `${PDM}:src/pdm/cli/commands/cache.py:20,74-75`,
    },
  ],
  cacheCommands: [
    {
      match: ['install', 'sync', 'add', 'update', 'remove', 'lock'],
      source: `${PDM}:src/pdm/project/config.py:111-116`,
    },
  ],
  locking: [],
  traps: [
    {
      what: '`install.cache` on: the environment only links to the packages in `<cache>/packages`, so a cache mount leaves the links dangling',
      mentionedBy: /pdm/i,
      relocatedBy: /cache_dir|PDM_CACHE_DIR|XDG_CACHE_HOME/i,
      source: [`${PDM}:src/pdm/project/config.py:193-199`, `${PDM}:docs/usage/config.md:247-259`],
    },
  ],
});

/** config.py ensure_boolean: false for an empty value and `false no 0` (any case), else true. */
function pdmBool(v: string): boolean {
  return v !== '' && !/^(false|no|0)$/i.test(v);
}

/** A setting from its variable (when config.py gives it one), else the last `pdm config KEY VALUE` of the stage chain. */
function setting(cmd: SimpleCommand, ctx: ToolContext, key: string, env?: string): string | null | undefined {
  if (env) {
    const v = cmd.env(env);
    if (v !== undefined) return v;
  }
  return configFromText(ctx.stageText(), 'pdm', key);
}

/** A project `pdm.toml` (project configuration) copied into the image: its settings cannot be read. */
const PDM_TOML = /(^|[\s/"'])pdm\.toml\b/m;

function destinations(cmd: SimpleCommand, ctx: ToolContext, project: string): Destination[] | undefined {
  const venv = (path: string): Destination[] => [{ path, kind: 'packages', what: 'the virtual environment' }];
  const useVenv = setting(cmd, ctx, 'python.use_venv', 'PDM_USE_VENV');
  if (useVenv === null) return undefined;
  if (useVenv !== undefined && !pdmBool(useVenv)) {
    // PEP 582: `__pypackages__/<X.Y>/lib` (docs/usage/pep582.md).
    return [
      { path: resolvePath(project, '__pypackages__'), kind: 'packages', what: 'the __pypackages__ folder' },
    ];
  }
  const ignore = cmd.env('PDM_IGNORE_ACTIVE_VENV');
  if (ignore !== null && (ignore === undefined || !pdmBool(ignore))) {
    const active = dirFromEnv(cmd, ctx, 'VIRTUAL_ENV');
    if (active === null) return undefined;
    if (active) return venv(active);
  }
  const inProject = setting(cmd, ctx, 'venv.in_project', 'PDM_VENV_IN_PROJECT');
  if (inProject === null) return undefined;
  // A copied project `pdm.toml` may set venv.in_project (or, rarely, python.use_venv): unknown unless the variable decides.
  if (cmd.env('PDM_VENV_IN_PROJECT') === undefined && PDM_TOML.test(ctx.stageText())) return undefined;
  if (inProject === undefined || pdmBool(inProject)) return venv(resolvePath(project, '.venv'));
  // venv.location: global only, no variable; default platformdirs user_data_dir("pdm")/venvs.
  const location = setting(cmd, ctx, 'venv.location');
  let base: string | null | undefined;
  if (location) base = absoluteOrHome(cmd, ctx, location);
  else {
    const data = dirFromEnv(cmd, ctx, 'XDG_DATA_HOME');
    if (data === null) return undefined;
    const home = homeOf(cmd, ctx);
    base = data ? resolvePath(data, 'pdm/venvs') : home && resolvePath(home, '.local/share/pdm/venvs');
  }
  return base ? venv(resolvePath(base, '*')) : undefined;
}

/** cache_dir: PDM_CACHE_DIR, else `pdm config cache_dir`, else platformdirs user_cache_dir("pdm") (config.py). */
function pdmCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  const configured =
    cmd.env('PDM_CACHE_DIR') === undefined ? configFromText(ctx.stageText(), 'pdm', 'cache_dir') : undefined;
  const rule = cacheRule(facts, facts.caches[0]);
  if (configured !== undefined) rule.flag = { name: 'pdm config cache_dir', value: configured };
  return resolveCache(cmd, ctx, rule);
}

export const pdm: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'pdm' ? callOf('pdm', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches: (cmd, ctx) => [pdmCache(cmd, ctx)],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'pdm') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    for (const f of ['--no-sync', '--dry-run', '--plugins', '--global', '--venv', '--help', '-h'])
      if (opts.has(f)) return undefined;
    const project = absolute(cmd, opts.has('--project') ? opts.get('--project') : '.');
    if (!project) return undefined;
    const dests = destinations(cmd, ctx, project);
    if (!dests) return undefined;
    const cache = pdmCache(cmd, ctx);
    let caches: CacheDir[] = [cache];
    const installCache = setting(cmd, ctx, 'install.cache');
    const inside = destinationInCache(dests, cache);
    if ('path' in cache && installCache !== undefined && installCache !== null && pdmBool(installCache)) {
      // The installed packages live in <cache>/packages and the environment only links to them.
      dests.push({
        path: resolvePath(cache.path, 'packages'),
        kind: 'packages',
        what: 'the packages PDM links from its install cache',
      });
      caches = [
        {
          trap: `Not fixed automatically: install.cache is on, so PDM links the installed packages from ${cache.path}/packages instead of copying them (config.py "Cache wheel installation and only put symlinks in the library root"); mounting the cache would leave them dangling. Turn it off (pdm config install.cache false), then mount ${cache.path}.`,
        },
      ];
    } else if ('path' in cache && inside) {
      caches = [
        {
          trap: `Not fixed automatically: ${inside.path} lies inside PDM's cache ${cache.path}, so mounting the cache would lose it too. Move the environment or the cache (PDM_CACHE_DIR).`,
        },
      ];
    }
    const defeatedBy = installDefeat(facts, cmd, callOf('pdm', opts));
    return { tool: pdm, command: cmd, action, destinations: dests, caches, defeatedBy };
  },
});
