/**
 * Poetry: `poetry install`, `poetry sync`, `poetry add`, `poetry update`,
 * `poetry remove` (not with `--lock`/`--dry-run`; `poetry lock` installs
 * nothing). Facts, with their sources, in `facts` below
 * (docs/package-managers.md#poetry); where the venv goes was checked against
 * python-poetry/poetry src/poetry/utils/env/env_manager.py (EnvManager.get,
 * create_venv, get_system_env) and src/poetry/config/config.py (defaults,
 * POETRY_* variables, boolean_normalizer).
 *
 * Where the venv goes, in Poetry's order (EnvManager.get):
 * 1. an active venv: VIRTUAL_ENV (or CONDA_PREFIX unless CONDA_DEFAULT_ENV=base);
 * 2. `virtualenvs.create` false: the interpreter's own environment (create_venv() checks it before making any venv);
 * 3. `virtualenvs.in-project` true: `<project>/.venv` (also used when that folder exists and the setting is unset);
 * 4. `virtualenvs.path/<name>-<hash>-pyX.Y`, default `{cache-dir}/virtualenvs`: INSIDE the cache.
 * Settings come from POETRY_<KEY> variables (they win), `poetry config KEY VALUE`
 * in the stage chain, or a project `poetry.toml`, whose content cannot be seen:
 * when one is copied in and no variable decides, the destination is unknown.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  configFromText,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import { absoluteOrHome, destinationInCache, dirFromEnv, interpreterSite, venvOnPath } from './python.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const POETRY = 'python-poetry/poetry@f467023';

const INSTALL = new Set(['install', 'sync', 'add', 'update', 'remove']);

const OPTIONS: OptionSpec = {
  values: [
    '--directory',
    '-C',
    '--project',
    '-P',
    '--with',
    '--without',
    '--only',
    '--extras',
    '-E',
    '--group',
    '-G',
    '--source',
    '--python',
    '--platform',
    '--markers',
  ],
  aliases: { '-C': '--directory', '-P': '--project', '-E': '--extras', '-G': '--group' },
};

export const facts = defineTool({
  id: 'poetry',
  name: 'Poetry',
  programs: ['poetry'],
  commands: {
    text: '`poetry install`, `poetry sync`, `poetry add`, `poetry update`, `poetry remove` (not with `--lock` or `--dry-run`; `poetry lock` installs nothing)',
    source: `${POETRY}:docs/cli.md`,
  },
  destinations: {
    text: "the active venv (`VIRTUAL_ENV`, `CONDA_PREFIX`); `POETRY_VIRTUALENVS_IN_PROJECT=true`: `<project>/.venv` (project = cwd, `--directory`/`-C`, `--project`/`-P`); `POETRY_VIRTUALENVS_CREATE=false`: the interpreter's site-packages (or a venv leading `PATH`); `POETRY_VIRTUALENVS_PATH/*`; default `{cache-dir}/virtualenvs/*`. `poetry config virtualenvs.* ...` earlier in the stage counts like the variable; a copied `poetry.toml` cannot be read, so without a variable the destination is then unknown and nothing is reported",
    source: `${POETRY}:docs/configuration.md:497-545,598-604`,
  },
  cache: {
    text: '`POETRY_CACHE_DIR`, `poetry config cache-dir`, `$XDG_CACHE_HOME/pypoetry`, else `~/.cache/pypoetry` (`/root/.cache/pypoetry` as root); `--no-cache` defeats it. Reported, not fixed: a venv inside the cache (the default location), with advice to set `POETRY_VIRTUALENVS_IN_PROJECT=true` or `POETRY_VIRTUALENVS_CREATE=false`, or to mount only `<cache>/cache` and `<cache>/artifacts`',
    source: [`${POETRY}:docs/configuration.md:173-193`, `${POETRY}:src/poetry/config/config.py:282-287`],
  },
  caches: [
    {
      default: '~/.cache/pypoetry',
      env: ['POETRY_CACHE_DIR'],
      xdgCache: 'pypoetry',
      source: [`${POETRY}:docs/configuration.md:173-193`, `${POETRY}:src/poetry/config/config.py:282-287`],
    },
  ],
  knownCaches: [
    { path: '~/.cache/pypoetry/cache', unless: /poetry/i, source: `${POETRY}:docs/configuration.md:173-193` },
    {
      path: '~/.cache/pypoetry/artifacts',
      unless: /poetry/i,
      source: `${POETRY}:docs/configuration.md:173-193`,
    },
  ],
  defeats: [
    { kind: 'flag', match: '--no-cache', effect: 'disables', source: `${POETRY}:docs/cli.md:46` },
    { kind: 'command', match: 'cache clear', effect: 'empties', source: `${POETRY}:docs/cli.md` },
  ],
  cacheCommands: [
    {
      match: ['install', 'sync', 'add', 'update', 'remove', 'lock'],
      source: `${POETRY}:docs/configuration.md:173-193`,
    },
  ],
  locking: [],
  traps: [
    {
      what: 'the default virtualenv location `{cache-dir}/virtualenvs` is inside the cache, so mounting the whole cache folder loses the venv',
      mentionedBy: /poetry/i,
      relocatedBy: /POETRY_CACHE_DIR|POETRY_VIRTUALENVS_PATH|virtualenvs\.path|cache-dir|XDG_CACHE_HOME/i,
      source: `${POETRY}:docs/configuration.md:497-545`,
    },
  ],
});

/** config.py boolean_normalizer: only `true` and `1` (any case) are true. */
function poetryBool(v: string): boolean {
  return /^(true|1)$/i.test(v);
}

/** A setting from POETRY_<KEY>, else the last `poetry config KEY VALUE` of the stage chain; null when set but unknown. */
function setting(cmd: SimpleCommand, ctx: ToolContext, env: string, key: string): string | null | undefined {
  const v = cmd.env(env);
  if (v !== undefined) return v;
  return configFromText(ctx.stageText(), 'poetry', key);
}

/** A project `poetry.toml` (local configuration) copied into the image: its virtualenvs settings cannot be read. */
const POETRY_TOML = /(^|[\s/"'])poetry\.toml\b/m;

function cacheDir(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  // POETRY_CACHE_DIR, else `poetry config cache-dir`, else platformdirs user_cache_dir("pypoetry") (config.py, locations.py).
  const configured =
    cmd.env('POETRY_CACHE_DIR') === undefined
      ? configFromText(ctx.stageText(), 'poetry', 'cache-dir')
      : undefined;
  const rule = cacheRule(facts, facts.caches[0]);
  if (configured !== undefined) rule.flag = { name: 'poetry config cache-dir', value: configured };
  return resolveCache(cmd, ctx, rule);
}

function destinations(
  cmd: SimpleCommand,
  ctx: ToolContext,
  project: string,
  cache: CacheDir,
): Destination[] | undefined {
  const venv = (path: string, what = 'the virtual environment'): Destination[] => [
    { path, kind: 'packages', what },
  ];
  // 1. An active venv (env_manager.py get(): VIRTUAL_ENV, else CONDA_PREFIX unless CONDA_DEFAULT_ENV is base).
  const active = dirFromEnv(cmd, ctx, 'VIRTUAL_ENV');
  if (active === null) return undefined;
  if (active) return venv(active);
  if (cmd.env('CONDA_DEFAULT_ENV') !== 'base') {
    const conda = dirFromEnv(cmd, ctx, 'CONDA_PREFIX');
    if (conda === null) return undefined;
    if (conda) return venv(conda, 'the conda environment');
  }
  const inProject = setting(cmd, ctx, 'POETRY_VIRTUALENVS_IN_PROJECT', 'virtualenvs.in-project');
  const create = setting(cmd, ctx, 'POETRY_VIRTUALENVS_CREATE', 'virtualenvs.create');
  const path = setting(cmd, ctx, 'POETRY_VIRTUALENVS_PATH', 'virtualenvs.path');
  if (inProject === null || create === null || path === null) return undefined;
  // 2. No venv when virtualenvs.create is false (create_venv(): checked before the in-project folder is made):
  //    the interpreter's environment (get_system_env: the base interpreter Poetry runs on).
  if (create !== undefined && !poetryBool(create)) {
    const onPath = venvOnPath(cmd, ctx);
    return onPath ? venv(onPath) : interpreterSite(ctx);
  }
  // 3. In-project venv.
  if (inProject !== undefined && poetryBool(inProject)) return venv(resolvePath(project, '.venv'));
  // A copied poetry.toml may set in-project or create=false: the destination is unknown.
  if (inProject === undefined && POETRY_TOML.test(ctx.stageText())) return undefined;
  // 4. `virtualenvs.path`, default `{cache-dir}/virtualenvs` (config.py default_config).
  if (path !== undefined && path !== '') {
    const base = absoluteOrHome(
      cmd,
      ctx,
      path.replace('{cache-dir}', 'path' in cache ? cache.path : '{cache-dir}'),
    );
    if (!base || base.includes('{')) return undefined;
    return venv(resolvePath(base, '*'));
  }
  if (!('path' in cache)) return undefined;
  return venv(resolvePath(cache.path, 'virtualenvs/*'));
}

function trapAdvice(cache: string, dest: string): string {
  return `Not fixed automatically: Poetry creates its virtualenv ${dest} inside its cache folder ${cache} (virtualenvs.path defaults to {cache-dir}/virtualenvs), so mounting the cache would lose it too. Set POETRY_VIRTUALENVS_IN_PROJECT=true (the venv goes to the project's .venv) or POETRY_VIRTUALENVS_CREATE=false, then mount ${cache}; or mount only ${cache}/cache and ${cache}/artifacts.`;
}

export const poetry: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'poetry'
      ? callOf('poetry', parseOptions(cmd.argv.slice(1), OPTIONS))
      : undefined,
  caches: (cmd, ctx) => [cacheDir(cmd, ctx)],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'poetry') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    if (opts.has('--lock') || opts.has('--dry-run') || opts.has('--help') || opts.has('-h')) return undefined;
    // -C/--directory changes the working folder; -P/--project names the project (Poetry 2).
    const directory = absolute(cmd, opts.has('--directory') ? opts.get('--directory') : '.');
    if (!directory) return undefined;
    const projectArg = opts.has('--project') ? opts.get('--project') : '.';
    if (projectArg === undefined) return undefined;
    const project = resolvePath(directory, projectArg);
    const cache = cacheDir(cmd, ctx);
    const dests = destinations(cmd, ctx, project, cache);
    if (!dests) return undefined;
    const inside = destinationInCache(dests, cache);
    const caches: CacheDir[] =
      inside && 'path' in cache
        ? [
            {
              trap: trapAdvice(cache.path, inside.path),
              // The package cache and the downloaded artifacts sit beside the virtualenvs (docs/configuration.md:173-193).
              safe: [resolvePath(cache.path, 'cache'), resolvePath(cache.path, 'artifacts')],
            },
          ]
        : [cache];
    return {
      tool: poetry,
      command: cmd,
      action,
      destinations: dests,
      caches,
      defeatedBy: installDefeat(facts, cmd, callOf('poetry', opts)),
    };
  },
});
