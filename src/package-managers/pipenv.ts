/**
 * Pipenv: `pipenv install`, `pipenv sync`, `pipenv update`. Facts, with
 * their sources, in `facts` below (docs/package-managers.md#pipenv); the
 * order of the settings was checked against pypa/pipenv
 * pipenv/environments.py (Setting: PIPENV_CACHE_DIR, PIPENV_VENV_IN_PROJECT,
 * PIPENV_CUSTOM_VENV_NAME, PIPENV_IGNORE_VIRTUALENVS, VIRTUAL_ENV, PIPENV_PIPFILE;
 * get_from_env) and pipenv/utils/shell.py get_workon_home().
 *
 * Where it installs, in Pipenv's order: `--system` (the interpreter on PATH);
 * an active venv (VIRTUAL_ENV, unless PIPENV_IGNORE_VIRTUALENVS); `<project>/.venv`
 * when PIPENV_VENV_IN_PROJECT is true (or that folder exists, which cannot be
 * seen); else `$WORKON_HOME/<name>-<hash>`, WORKON_HOME defaulting to
 * `$XDG_DATA_HOME/virtualenvs` or `~/.local/share/virtualenvs`.
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  falsy,
  homeOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import { destinationInCache, dirFromEnv, interpreterSite, venvOnPath } from './python.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const PIPENV = 'pypa/pipenv@3f1b272';

const INSTALL = new Set(['install', 'sync', 'update']);

const OPTIONS: OptionSpec = {
  values: [
    '--python',
    '--categories',
    '--extra-pip-args',
    '--pypi-mirror',
    '--index',
    '-i',
    '--requirements',
    '-r',
    '--editable',
    '-e',
  ],
};

export const facts = defineTool({
  id: 'pipenv',
  name: 'Pipenv',
  programs: ['pipenv'],
  commands: {
    text: '`pipenv install`, `pipenv sync`, `pipenv update`',
    source: `${PIPENV}:docs/cli.md:52-53`,
  },
  destinations: {
    text: "`--system`: the interpreter's site-packages (`/usr/local/lib/pythonX.Y/site-packages` in the official image; a venv leading `PATH`); the active venv (`VIRTUAL_ENV`, unless `PIPENV_IGNORE_VIRTUALENVS`); `PIPENV_VENV_IN_PROJECT=1`: `<project>/.venv` (project = folder of `PIPENV_PIPFILE`, else cwd); else `$WORKON_HOME/<name>-<hash>` (`PIPENV_CUSTOM_VENV_NAME`), `WORKON_HOME` defaulting to `$XDG_DATA_HOME/virtualenvs` or `~/.local/share/virtualenvs`",
    source: [
      `${PIPENV}:docs/virtualenv.md:25,71-74`,
      `${PIPENV}:docs/configuration.md:49-51`,
      `${PIPENV}:docs/advanced.md:110-135`,
    ],
  },
  cache: {
    text: "`PIPENV_CACHE_DIR`, `$XDG_CACHE_HOME/pipenv`, else `~/.cache/pipenv` (`/root/.cache/pipenv` as root; Pipenv hands it to pip, so pip's own `~/.cache/pip` is not used); `PIP_NO_CACHE_DIR` defeats it",
    source: [
      `${PIPENV}:docs/configuration.md:74,248-251`,
      `${PIPENV}:pipenv/environments.py:109-110`,
      `${PIPENV}:pipenv/utils/pip.py:93`,
    ],
  },
  caches: [
    {
      default: '~/.cache/pipenv',
      env: ['PIPENV_CACHE_DIR'],
      xdgCache: 'pipenv',
      source: [`${PIPENV}:docs/configuration.md:74,248-251`, `${PIPENV}:pipenv/environments.py:109-110`],
    },
  ],
  knownCaches: [{ path: '~/.cache/pipenv', source: `${PIPENV}:docs/configuration.md:74,248-251` }],
  defeats: [
    {
      kind: 'env',
      match: 'PIP_NO_CACHE_DIR',
      value: 'any',
      effect: 'disables',
      source: [
        `${PIPENV}:docs/configuration.md:180`,
        'pypa/pip@6d30920:src/pip/_internal/cli/cmdoptions.py:956-982',
      ],
    },
    {
      kind: 'command',
      match: '--clear',
      effect: 'empties',
      source: [`${PIPENV}:pipenv/cli/options.py:240-247`, `${PIPENV}:pipenv/cli/command.py:775-778`],
    },
  ],
  cacheCommands: [
    { match: ['install', 'sync', 'update', 'lock'], source: `${PIPENV}:pipenv/utils/pip.py:93` },
  ],
  locking: [],
  traps: [],
});

/**
 * get_from_env() through env_to_bool (pipenv/utils/shell.py): `0 false no off` are false; `1 true yes on`
 * true; any other non-empty value is returned as a string and so counts as true; an empty one as unset.
 */
function envBool(v: string | null | undefined): boolean | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return !falsy(v);
}

/** get_from_env("VENV_IN_PROJECT"): PIPENV_VENV_IN_PROJECT, or the negation PIPENV_NO_VENV_IN_PROJECT. */
function venvInProject(cmd: SimpleCommand): boolean | null | undefined {
  const v = cmd.env('PIPENV_VENV_IN_PROJECT');
  if (v === null) return null;
  if (v !== undefined) return envBool(v);
  const no = cmd.env('PIPENV_NO_VENV_IN_PROJECT');
  if (no === null) return null;
  const b = envBool(no);
  return b === undefined ? undefined : !b;
}

function destinations(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Destination[] | undefined {
  const venv = (path: string): Destination[] => [{ path, kind: 'packages', what: 'the virtual environment' }];
  if (opts.has('--system')) {
    const onPath = dirFromEnv(cmd, ctx, 'VIRTUAL_ENV') ?? venvOnPath(cmd, ctx);
    return onPath ? venv(onPath) : interpreterSite(ctx);
  }
  // Setting.PIPENV_VIRTUALENV: VIRTUAL_ENV, unless PIPENV_ACTIVE or PIPENV_IGNORE_VIRTUALENVS is set.
  if (cmd.env('PIPENV_ACTIVE') === undefined && !envBool(cmd.env('PIPENV_IGNORE_VIRTUALENVS'))) {
    const active = dirFromEnv(cmd, ctx, 'VIRTUAL_ENV');
    if (active === null) return undefined;
    if (active) return venv(active);
  }
  // The project is the folder of the Pipfile: PIPENV_PIPFILE, else the working folder (or a parent).
  const pipfile = cmd.env('PIPENV_PIPFILE');
  if (pipfile === null) return undefined;
  const project = pipfile ? absolute(cmd, dirname(pipfile)) : absolute(cmd, '.');
  if (!project) return undefined;
  const inProject = venvInProject(cmd);
  if (inProject === null) return undefined;
  if (inProject) return venv(resolvePath(project, '.venv'));
  // get_workon_home(): WORKON_HOME (expandvars, expanduser), else $XDG_DATA_HOME/virtualenvs, else ~/.local/share/virtualenvs.
  let workon = dirFromEnv(cmd, ctx, 'WORKON_HOME');
  if (workon === undefined) {
    const data = dirFromEnv(cmd, ctx, 'XDG_DATA_HOME');
    if (data === null) return undefined;
    const home = homeOf(cmd, ctx);
    workon = data ? resolvePath(data, 'virtualenvs') : home && resolvePath(home, '.local/share/virtualenvs');
  }
  if (!workon) return undefined;
  const name = cmd.env('PIPENV_CUSTOM_VENV_NAME');
  if (name === null) return undefined;
  return venv(resolvePath(workon, name || '*'));
}

export const pipenv: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'pipenv'
      ? callOf('pipenv', parseOptions(cmd.argv.slice(1), OPTIONS))
      : undefined,
  caches: (cmd, ctx) => [resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0]))],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'pipenv') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    if (opts.has('--dry-run') || opts.has('--help') || opts.has('-h')) return undefined;
    const dests = destinations(cmd, ctx, opts);
    if (!dests) return undefined;
    // Setting.PIPENV_CACHE_DIR: PIPENV_CACHE_DIR, else platformdirs user_cache_dir("pipenv").
    const cache = resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0]));
    const inside = destinationInCache(dests, cache);
    const caches: CacheDir[] =
      inside && 'path' in cache
        ? [
            {
              trap: `Not fixed automatically: ${inside.path} lies inside Pipenv's cache ${cache.path}, so mounting the cache would lose it too. Move the virtualenv (WORKON_HOME or PIPENV_VENV_IN_PROJECT=1) or the cache (PIPENV_CACHE_DIR).`,
            },
          ]
        : [cache];
    return {
      tool: pipenv,
      command: cmd,
      action,
      destinations: dests,
      caches,
      defeatedBy: installDefeat(facts, cmd, callOf('pipenv', opts)),
    };
  },
});
