/**
 * pip: `pip`, `pip3`, `pipX.Y`, `python -m pip`, `pythonX.Y -m pip`, or a
 * venv's own `bin/pip`. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#pip).
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  envOf,
  homeOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
  truthy,
} from './common.js';
import { defineTool } from './facts.js';
import { interpreterSite, venvOnPath } from './python.js';
import type { Destination, Invocation, PackageManager, ToolContext } from './types.js';

const PIP = 'pypa/pip@6d30920';

export const facts = defineTool({
  id: 'pip',
  name: 'pip',
  programs: ['pip', 'pip3', 'pipX.Y', 'python -m pip'],
  commands: {
    text: "`pip install`, `pip3`, `pipX.Y`, `python -m pip`, a venv's `bin/pip`; `pip wheel -w`, `pip download -d`",
    source: `${PIP}:src/pip/_internal/commands/install.py`,
  },
  destinations: {
    text: "`--target`/`-t`, `--prefix`, `--root` (and `PIP_TARGET`, `PIP_PREFIX`, `PIP_ROOT`); `--user` (`PYTHONUSERBASE` or `~/.local`); the active venv (a `bin/pip` path, `VIRTUAL_ENV`, `. venv/bin/activate`, a venv leading `PATH`); otherwise the interpreter's site-packages (`/usr/local/lib/pythonX.Y/site-packages` in the official image) and `/usr/local/bin`; `pip wheel -w` / `pip download -d` folders as build output",
    source: [
      `${PIP}:src/pip/_internal/commands/install.py:183-235`,
      `${PIP}:docs/html/topics/configuration.md:220-256`,
      'docker-library/python@4f07059:3.10/bookworm/Dockerfile:10',
    ],
  },
  cache: {
    text: '`--cache-dir`, `PIP_CACHE_DIR`, `$XDG_CACHE_HOME/pip`, else `~/.cache/pip` (`/root/.cache/pip` as root)',
    source: [
      `${PIP}:src/pip/_internal/cli/cmdoptions.py:945-953`,
      `${PIP}:docs/html/topics/caching.md:75-83`,
    ],
  },
  caches: [
    {
      default: '~/.cache/pip',
      flag: '--cache-dir',
      env: ['PIP_CACHE_DIR'],
      xdgCache: 'pip',
      source: [
        `${PIP}:docs/html/topics/caching.md:75-83`,
        `${PIP}:src/pip/_internal/cli/cmdoptions.py:945-953`,
        `${PIP}:docs/html/topics/configuration.md:220-256`,
      ],
    },
  ],
  knownCaches: [
    { path: '~/.cache/pip', source: `${PIP}:docs/html/topics/caching.md:75-83` },
    {
      path: '~/.cache/pre-commit',
      program: 'pre-commit',
      source: 'https://pre-commit.com/#managing-ci-caches',
    },
    {
      path: '~/.cache/huggingface',
      program: 'huggingface_hub',
      source: 'https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables',
    },
  ],
  defeats: [
    {
      kind: 'flag',
      match: '--no-cache-dir',
      effect: 'disables',
      source: [
        `${PIP}:src/pip/_internal/cli/cmdoptions.py:985-992`,
        `${PIP}:docs/html/topics/caching.md:152-154`,
      ],
    },
    {
      kind: 'env',
      match: 'PIP_NO_CACHE_DIR',
      value: 'any',
      effect: 'disables',
      source: `${PIP}:src/pip/_internal/cli/cmdoptions.py:956-982`,
    },
    {
      kind: 'command',
      match: 'cache purge',
      effect: 'empties',
      source: [`${PIP}:src/pip/_internal/commands/cache.py:25-26`, `${PIP}:docs/html/topics/caching.md:144`],
    },
    {
      kind: 'command',
      match: 'cache remove',
      effect: 'empties',
      source: [`${PIP}:src/pip/_internal/commands/cache.py:25-26`, `${PIP}:docs/html/topics/caching.md:140`],
    },
  ],
  cacheCommands: [
    {
      match: ['install', 'download', 'wheel'],
      source: `${PIP}:docs/html/topics/caching.md:7-8`,
    },
  ],
  locking: [],
  traps: [],
});

const OPTIONS: OptionSpec = {
  values: [
    '-t',
    '--target',
    '--prefix',
    '--root',
    '--cache-dir',
    '-r',
    '--requirement',
    '-c',
    '--constraint',
    '-e',
    '--editable',
    '-i',
    '--index-url',
    '--extra-index-url',
    '-f',
    '--find-links',
    '--src',
    '--upgrade-strategy',
    '--progress-bar',
    '--platform',
    '--python-version',
    '--implementation',
    '--abi',
    '--no-binary',
    '--only-binary',
    '--global-option',
    '--config-settings',
    '-C',
    '--log',
    '--proxy',
    '--retries',
    '--timeout',
    '--exists-action',
    '--trusted-host',
    '--cert',
    '--client-cert',
    '--python',
    '--report',
    '--root-user-action',
    '--keyring-provider',
    '--use-feature',
    '--use-deprecated',
    '--group',
    '-d',
    '--dest',
    '-w',
    '--wheel-dir',
  ],
  aliases: { '-t': '--target', '-d': '--dest', '-w': '--wheel-dir' },
};

interface PipCall {
  /** Arguments after `pip` (or after `-m pip`). */
  args: SimpleCommand['argv'];
  /** The venv the executable belongs to (`/opt/venv/bin/pip`). */
  venv: string | undefined;
  /** Python X.Y named by the executable (`pip3.12`, `python3.12`). */
  version: string | undefined;
}

function pipCall(cmd: SimpleCommand): PipCall | undefined {
  const name = cmd.name;
  const m = /^(pip|python)(\d(?:\.\d+)?)?$/.exec(commandBase(name) ?? '');
  if (!name || !m) return undefined;
  const bin = dirname(name);
  const venv =
    name.includes('/') && bin.endsWith('/bin') && !/^\/(usr(\/local)?)?\/bin$/.test(bin)
      ? dirname(bin)
      : undefined;
  const version = m[2]?.includes('.') ? m[2] : undefined;
  if (m[1] === 'pip') return { args: cmd.argv.slice(1), venv, version };
  // python [-u -B -I ...] -m pip ...
  for (let i = 1; i < cmd.argv.length; i++) {
    const v = cmd.argv[i]?.value;
    if (v === '-m' && cmd.argv[i + 1]?.value === 'pip') return { args: cmd.argv.slice(i + 2), venv, version };
    if (v === '-mpip') return { args: cmd.argv.slice(i + 1), venv, version };
    if (v === undefined || !v.startsWith('-') || v === '-c' || v === '-m') return undefined;
  }
  return undefined;
}

function destinations(
  cmd: SimpleCommand,
  ctx: ToolContext,
  call: PipCall,
  opts: ReturnType<typeof parseOptions>,
): Destination[] | undefined {
  for (const [flag, env, what] of [
    ['--target', 'PIP_TARGET', 'the --target folder'],
    ['--prefix', 'PIP_PREFIX', 'the --prefix folder'],
    ['--root', 'PIP_ROOT', 'the --root folder'],
  ] as const) {
    // A value not known statically (`--prefix $T`, `ENV PIP_TARGET=$T`) leaves the destination unknown.
    const v = opts.has(flag) ? opts.get(flag) : cmd.env(env);
    if (v === undefined && !opts.has(flag)) continue;
    const p = absolute(cmd, v ?? undefined);
    return p ? [{ path: p, kind: 'packages', what }] : undefined;
  }
  if (opts.has('--user') || truthy(envOf(cmd, 'PIP_USER')?.value)) {
    const base = envOf(cmd, 'PYTHONUSERBASE');
    if (base) {
      const p = base.value === null ? undefined : absolute(cmd, base.value);
      return p ? [{ path: p, kind: 'packages', what: 'the user site, PYTHONUSERBASE' }] : undefined;
    }
    const home = homeOf(cmd, ctx);
    return home
      ? [{ path: resolvePath(home, '.local'), kind: 'packages', what: 'the user site' }]
      : undefined;
  }
  const venv = call.venv !== undefined ? absolute(cmd, call.venv) : activeVenv(cmd, ctx);
  if (venv) return [{ path: venv, kind: 'packages', what: 'the virtual environment' }];
  return interpreterSite(ctx, call.version);
}

/** The venv a bare `pip` runs in: VIRTUAL_ENV, or a venv whose bin folder leads PATH. */
function activeVenv(cmd: SimpleCommand, ctx: ToolContext): string | undefined {
  const venv = cmd.env('VIRTUAL_ENV');
  if (typeof venv === 'string' && venv) return absolute(cmd, venv);
  return venvOnPath(cmd, ctx);
}

export const pip: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    const call = pipCall(cmd);
    return call && callOf('pip', parseOptions(call.args, OPTIONS));
  },
  caches: (cmd, ctx, call) => [resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], call))],
  invocation(cmd, ctx): Invocation | undefined {
    const call = pipCall(cmd);
    if (!call) return undefined;
    const opts = parseOptions(call.args, OPTIONS);
    const action = opts.positionals[0];
    let dests: Destination[] | undefined;
    if (action === 'install') dests = destinations(cmd, ctx, call, opts);
    else if (action === 'wheel' || action === 'download') {
      const dir = absolute(
        cmd,
        opts.get(action === 'wheel' ? '--wheel-dir' : '--dest') ?? (action === 'wheel' ? '.' : undefined),
      );
      dests = dir
        ? [
            {
              path: dir,
              kind: 'build',
              what: action === 'wheel' ? 'the wheel folder' : 'the download folder',
            },
          ]
        : undefined;
    } else return undefined;
    if (!dests) return undefined;
    const cache = resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], opts));
    const defeatedBy = installDefeat(facts, cmd, callOf('pip', opts));
    return { tool: pip, command: cmd, action, destinations: dests, caches: [cache], defeatedBy };
  },
});
