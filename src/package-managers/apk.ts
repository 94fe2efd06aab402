/**
 * apk (Alpine): `apk add`, `apk upgrade`, `apk fix`. apk installs into the
 * root filesystem (or `--root`/`-p`), so the only mount targets that lose an
 * install are system folders (`/usr`, `/etc`, the package database
 * `/lib/apk`) or folders above them. Facts, with their sources, in `facts`
 * below (docs/package-managers.md#apk); apk-tools src/database.c:
 * `apk_static_cache_dir = "var/cache/apk"`, `apk_linked_cache_dir =
 * "etc/apk/cache"`, world file `etc/apk/world`, database under `lib/apk/db`.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat } from './answers.js';
import { absolute, commandBase, type OptionSpec, parseOptions } from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const APK = 'alpinelinux/apk-tools@4856ddf';
const APK_HEAD = 'alpinelinux/apk-tools@90b974f';

const INSTALL = new Set(['add', 'upgrade', 'fix']);

/** Global and `add` options that take a value (apk(8), apk-add(8)). */
const OPTIONS: OptionSpec = {
  values: [
    '-p',
    '--root',
    '--cache-dir',
    '--cache-max-age',
    '-X',
    '--repository',
    '--repositories-file',
    '--keys-dir',
    '--arch',
    '--progress-fd',
    '--wait',
    '--timeout',
    '-t',
    '--virtual',
    '--from',
  ],
  aliases: { '-p': '--root' },
};

/** System folders relative to the root: the installed files, configuration with the world file, the package database. */
const DESTINATIONS: ReadonlyArray<readonly [string, string]> = [
  ['usr', 'the installed files'],
  ['etc', 'configuration files'],
  ['etc/apk', 'the world file and repositories'],
  ['lib/apk', 'the package database'],
];

/**
 * apk caches packages only when `/etc/apk/cache` exists (usually a symlink to
 * `/var/cache/apk`) or `--cache-dir` is given; the repository indexes always
 * go to the cache folder (apk-cache(5)).
 */
const CACHE = 'var/cache/apk';

export const facts = defineTool({
  id: 'apk',
  name: 'apk',
  programs: ['apk'],
  commands: {
    text: '`apk add`, `apk upgrade`, `apk fix`',
    source: `${APK}:doc/apk-add.8.scd`,
  },
  destinations: {
    text: 'the root filesystem (`--root`/`-p` moves it): `/usr`, `/etc`, `/etc/apk` and the package database `/lib/apk`; `/var/cache/apk` and `/etc/apk/cache` are caches, never destinations',
    source: [`${APK}:doc/apk.8.scd`, `${APK}:doc/apk-cache.5.scd`],
  },
  cache: {
    text: '`--cache-dir`, else `/var/cache/apk` (packages are cached there only when `/etc/apk/cache` links to it: `ln -s /var/cache/apk /etc/apk/cache`); `--no-cache` turns the cache off',
    source: [`${APK}:doc/apk-cache.5.scd`, `${APK}:doc/apk.8.scd:104-105,131-132`],
  },
  caches: [
    {
      default: '/var/cache/apk',
      flag: '--cache-dir',
      source: [`${APK}:doc/apk-cache.5.scd`, `${APK}:doc/apk.8.scd:104-105`],
    },
  ],
  knownCaches: [{ path: '/var/cache/apk', source: `${APK}:doc/apk-cache.5.scd` }],
  defeats: [
    { kind: 'flag', match: '--no-cache', effect: 'disables', source: `${APK}:doc/apk.8.scd:131-132` },
    {
      kind: 'command',
      match: 'cache clean',
      effect: 'empties',
      source: `${APK}:doc/apk-cache.8.scd:9,20-22`,
    },
    {
      kind: 'command',
      match: 'cache purge',
      effect: 'empties',
      source: `${APK_HEAD}:doc/apk-cache.8.scd:13,27-32`,
    },
  ],
  cacheCommands: [
    {
      match: [...INSTALL, 'update', 'cache download', 'cache sync'],
      source: [`${APK}:doc/apk-cache.5.scd`, `${APK}:doc/apk-cache.8.scd:17-18`],
    },
  ],
  locking: [],
  traps: [],
});

/** The root apk installs into: `--root`/`-p`, else `/`; undefined when not known. */
function rootOf(cmd: SimpleCommand, opts: ReturnType<typeof parseOptions>): string | undefined {
  return opts.has('--root') ? absolute(cmd, opts.get('--root')) : '/';
}

/** The cache: the configured folder, `--cache-dir`, else `/var/cache/apk` under the root. */
function apkCache(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
  root: string,
): CacheDir {
  const override = ctx.cacheDirOverride('apk');
  if (override) return { path: override, via: 'configuration' };
  if (opts.has('--cache-dir')) {
    const dir = absolute(cmd, opts.get('--cache-dir'));
    return dir
      ? { path: dir, via: '--cache-dir' }
      : { unknown: '--cache-dir is given a value that is not known statically' };
  }
  return { path: resolvePath(root, CACHE) };
}

export const apk: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'apk' ? callOf('apk', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches(cmd, ctx) {
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const root = rootOf(cmd, opts);
    return [root === undefined ? undefined : apkCache(cmd, ctx, opts, root)];
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'apk') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    const root = rootOf(cmd, opts);
    if (root === undefined) return undefined;
    const destinations: Destination[] =
      root === '/'
        ? DESTINATIONS.map(([p, what]) => ({ path: resolvePath('/', p), kind: 'packages', what }))
        : [{ path: root, kind: 'packages', what: 'the --root folder' }];
    const cache = apkCache(cmd, ctx, opts, root);
    return {
      tool: apk,
      command: cmd,
      action,
      destinations,
      caches: [cache],
      defeatedBy: installDefeat(facts, cmd, callOf('apk', opts)),
    };
  },
});
