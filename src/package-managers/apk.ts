/**
 * apk (Alpine): `apk add`, `apk upgrade`, `apk fix`. apk installs into the
 * root filesystem (or `--root`/`-p`), so the only mount targets that lose an
 * install are system folders (`/usr`, `/etc`, the package database
 * `/lib/apk`) or folders above them. Facts: knowledge/package-managers.md
 * section 20 (alpinelinux/apk-tools@4856ddf doc/apk-cache.5.scd, apk(8)
 * option table); apk-tools src/database.c: `apk_static_cache_dir =
 * "var/cache/apk"`, `apk_linked_cache_dir = "etc/apk/cache"`, world file
 * `etc/apk/world`, database under `lib/apk/db`.
 */
import { resolvePath } from '../paths.js';
import { absolute, commandBase, type OptionSpec, parseOptions } from './common.js';
import type { CacheDir, Destination, Invocation, PackageManager } from './types.js';

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

export const apk: PackageManager = {
  id: 'apk',
  name: 'apk',
  docs: {
    commands: '`apk add`, `apk upgrade`, `apk fix`',
    destinations:
      'the root filesystem (`--root`/`-p` moves it): `/usr`, `/etc`, `/etc/apk` and the package database `/lib/apk`; `/var/cache/apk` and `/etc/apk/cache` are caches, never destinations',
    cache:
      '`--cache-dir`, else `/var/cache/apk` (packages are cached there only when `/etc/apk/cache` links to it: `ln -s /var/cache/apk /etc/apk/cache`); `--no-cache` turns the cache off',
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'apk') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    const root = opts.has('--root') ? absolute(cmd, opts.get('--root')) : '/';
    if (root === undefined) return undefined;
    const destinations: Destination[] =
      root === '/'
        ? DESTINATIONS.map(([p, what]) => ({ path: resolvePath('/', p), kind: 'packages', what }))
        : [{ path: root, kind: 'packages', what: 'the --root folder' }];
    const override = ctx.cacheDirOverride('apk');
    let cache: CacheDir;
    if (override) cache = { path: override, via: 'configuration' };
    else if (opts.has('--cache-dir')) {
      const dir = absolute(cmd, opts.get('--cache-dir'));
      cache = dir
        ? { path: dir, via: '--cache-dir' }
        : { unknown: '--cache-dir is given a value that is not known statically' };
    } else cache = { path: resolvePath(root, CACHE) };
    return {
      tool: apk,
      command: cmd,
      action,
      destinations,
      caches: [cache],
      defeatedBy: opts.has('--no-cache') ? '--no-cache' : undefined,
    };
  },
};
