/**
 * zypper (openSUSE, SLE): `zypper install` and its relatives. zypper installs
 * into the root filesystem (or `--root`), so the only mount targets that lose
 * an install are system folders (`/usr`, `/etc`, the rpm database) or folders
 * above them. Facts: knowledge/package-managers.md section 22 (zypp.conf(5):
 * `cachedir` default `/var/cache/zypp`, `packagesdir` `{cachedir}/packages`,
 * `metadatadir` `{cachedir}/raw`, `solvfilesdir` `{cachedir}/solv`); zypper(8)
 * global options `--root`/`-R` ("operate on a different root directory"),
 * `--cache-dir`/`-C` (an alternative directory for all caches),
 * `--pkg-cache-dir`.
 */
import { resolvePath } from '../paths.js';
import { absolute, commandBase, type OptionSpec, parseOptions } from './common.js';
import type { CacheDir, Destination, Invocation, PackageManager } from './types.js';

/** Commands that install packages, with zypper's own short names (zypper(8)). */
const INSTALL = new Set([
  'install',
  'in',
  'update',
  'up',
  'dist-upgrade',
  'dup',
  'patch',
  'source-install',
  'si',
  'install-new-recommends',
  'inr',
]);

/** Global and install options that take a value (zypper(8)). */
const OPTIONS: OptionSpec = {
  values: [
    '-R',
    '--root',
    '--installroot',
    '-C',
    '--cache-dir',
    '--raw-cache-dir',
    '--solv-cache-dir',
    '--pkg-cache-dir',
    '-D',
    '--reposd-dir',
    '-c',
    '--config',
    '--userdata',
    '-t',
    '--type',
    '-r',
    '--repo',
    '--from',
    '-p',
    '--plus-repo',
    '--plus-content',
    '--download',
    '--auto-agree-with-product-licenses',
  ],
  aliases: { '-R': '--root', '-C': '--cache-dir' },
};

const DESTINATIONS: ReadonlyArray<readonly [string, string]> = [
  ['usr', 'the installed files'],
  ['etc', 'configuration files'],
  ['var/lib/rpm', 'the rpm database'],
];

const CACHE = 'var/cache/zypp';

export const zypper: PackageManager = {
  id: 'zypper',
  name: 'zypper',
  docs: {
    commands:
      '`zypper install`/`in`, `update`/`up`, `dist-upgrade`/`dup`, `patch`, `source-install`, `install-new-recommends`',
    destinations:
      'the root filesystem (`--root`/`-R` or `--installroot` moves it): `/usr`, `/etc`, the rpm database `/var/lib/rpm`',
    cache:
      '`--cache-dir`/`-C`, `--pkg-cache-dir`, else `/var/cache/zypp` (under `--root`); downloaded RPMs are kept only for repositories with `keeppackages`, metadata always',
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'zypper') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    const rootOpt = opts.has('--root') ? '--root' : opts.has('--installroot') ? '--installroot' : undefined;
    const root = rootOpt ? absolute(cmd, opts.get(rootOpt)) : '/';
    if (root === undefined) return undefined;
    const destinations: Destination[] =
      root === '/'
        ? DESTINATIONS.map(([p, what]) => ({ path: resolvePath('/', p), kind: 'packages', what }))
        : [{ path: root, kind: 'packages', what: `the ${rootOpt} folder` }];
    const override = ctx.cacheDirOverride('zypper');
    let cache: CacheDir;
    const flag = opts.has('--cache-dir')
      ? '--cache-dir'
      : opts.has('--pkg-cache-dir')
        ? '--pkg-cache-dir'
        : undefined;
    if (override) cache = { path: override, via: 'configuration' };
    else if (flag) {
      const dir = absolute(cmd, opts.get(flag));
      cache = dir
        ? { path: dir, via: flag }
        : { unknown: `${flag} is given a value that is not known statically` };
    } else {
      // --installroot shares the host's repositories and caches; --root keeps everything under the root.
      cache = { path: resolvePath(rootOpt === '--root' ? root : '/', CACHE) };
    }
    return { tool: zypper, command: cmd, action, destinations, caches: [cache] };
  },
};
