/**
 * zypper (openSUSE, SLE): `zypper install` and its relatives. zypper installs
 * into the root filesystem (or `--root`), so the only mount targets that lose
 * an install are system folders (`/usr`, `/etc`, the rpm database) or folders
 * above them. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#zypper); zypper(8) global options `--root`/`-R`
 * ("operate on a different root directory"), `--cache-dir`/`-C` (an
 * alternative directory for all caches), `--pkg-cache-dir`.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import { absolute, commandBase, type OptionSpec, parseOptions } from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const ZYPP_CONF = 'https://man.archlinux.org/man/zypp.conf.5.en.txt';
const ZYPPER = 'https://en.opensuse.org/SDB:Zypper_manual_(plain)';

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

export const facts = defineTool({
  id: 'zypper',
  name: 'zypper',
  programs: ['zypper'],
  commands: {
    text: '`zypper install`/`in`, `update`/`up`, `dist-upgrade`/`dup`, `patch`, `source-install`, `install-new-recommends`',
    source: ZYPPER,
  },
  destinations: {
    text: 'the root filesystem (`--root`/`-R` or `--installroot` moves it): `/usr`, `/etc`, the rpm database `/var/lib/rpm`',
    source: ZYPPER,
  },
  cache: {
    text: '`--cache-dir`/`-C`, `--pkg-cache-dir`, else `/var/cache/zypp` (under `--root`); downloaded RPMs are kept only for repositories with `keeppackages`, metadata always',
    source: [ZYPP_CONF, ZYPPER, 'https://en.opensuse.org/openSUSE:Standards_RepoInfo'],
  },
  caches: [{ default: '/var/cache/zypp', flag: '--cache-dir', source: ZYPP_CONF }],
  knownCaches: [{ path: '/var/cache/zypp', source: ZYPP_CONF }],
  defeats: [
    {
      kind: 'command',
      match: 'clean',
      effect: 'empties',
      source: [ZYPPER, 'https://github.com/hadolint/hadolint/wiki/DL3036'],
    },
  ],
  cacheCommands: [{ match: [...INSTALL, 'refresh', 'ref'], source: [ZYPP_CONF, ZYPPER] }],
  locking: [],
  traps: [],
});

/** The root zypper installs into and the option that gave it; root undefined when not known. */
function rootOf(
  cmd: SimpleCommand,
  opts: ReturnType<typeof parseOptions>,
): { root: string | undefined; rootOpt: string | undefined } {
  const rootOpt = opts.has('--root') ? '--root' : opts.has('--installroot') ? '--installroot' : undefined;
  return { root: rootOpt ? absolute(cmd, opts.get(rootOpt)) : '/', rootOpt };
}

/** The cache: the configured folder, `--cache-dir`/`--pkg-cache-dir`, else `/var/cache/zypp` (under `--root`). */
function zypperCache(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
  root: string,
  rootOpt: string | undefined,
): CacheDir {
  const override = ctx.cacheDirOverride('zypper');
  const flag = opts.has('--cache-dir')
    ? '--cache-dir'
    : opts.has('--pkg-cache-dir')
      ? '--pkg-cache-dir'
      : undefined;
  if (override) return { path: override, via: 'configuration' };
  if (flag) {
    const dir = absolute(cmd, opts.get(flag));
    return dir
      ? { path: dir, via: flag }
      : { unknown: `${flag} is given a value that is not known statically` };
  }
  // --installroot shares the host's repositories and caches; --root keeps everything under the root.
  return { path: resolvePath(rootOpt === '--root' ? root : '/', CACHE) };
}

export const zypper: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'zypper'
      ? callOf('zypper', parseOptions(cmd.argv.slice(1), OPTIONS))
      : undefined,
  caches(cmd, ctx) {
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const { root, rootOpt } = rootOf(cmd, opts);
    return [root === undefined ? undefined : zypperCache(cmd, ctx, opts, root, rootOpt)];
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'zypper') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    const { root, rootOpt } = rootOf(cmd, opts);
    if (root === undefined) return undefined;
    const destinations: Destination[] =
      root === '/'
        ? DESTINATIONS.map(([p, what]) => ({ path: resolvePath('/', p), kind: 'packages', what }))
        : [{ path: root, kind: 'packages', what: `the ${rootOpt} folder` }];
    const cache = zypperCache(cmd, ctx, opts, root, rootOpt);
    return { tool: zypper, command: cmd, action, destinations, caches: [cache] };
  },
});
