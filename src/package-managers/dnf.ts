/**
 * dnf, dnf5, yum, microdnf and tdnf installs. They install into the root
 * filesystem (or `--installroot`), so the only mount targets that lose an
 * install are system folders (`/usr`, `/etc`, the rpm database and the
 * package manager's state) or folders above them. Facts, with their sources,
 * in `facts` below (docs/package-managers.md#dnf); dnf(8) `--installroot`:
 * "cachedir, log files, releasever, and gpgkey are taken from or stored in
 * the installroot".
 */

import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { definePackageManager, type ToolCall } from './answers.js';
import { absolute, commandBase } from './common.js';
import { rootImage } from './context.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const DNF5_CACHING = 'https://man.archlinux.org/man/dnf5-caching.7.en.txt';
const DNF_CONF = 'https://dnf.readthedocs.io/en/latest/conf_ref.html';
const MICRODNF = 'rpm-software-management/microdnf@21eb20c:dnf/dnf-main.c';
const TDNF = 'https://github.com/vmware/tdnf/blob/dev/etc/tdnf/tdnf.conf';
const CLEAN = 'https://man.archlinux.org/man/dnf5-clean.8.en';
const PROGRAMS = ['dnf', 'dnf5', 'dnf4', 'dnf-3', 'yum', 'microdnf', 'tdnf'];

/** Which implementation answers to a command name. */
type Flavour = 'dnf4' | 'dnf5' | 'yum' | 'microdnf' | 'tdnf';

/** Each implementation's system cache folder. */
const CACHE: Record<Flavour, string> = {
  // dnf(8)/dnf.conf(5): cachedir default /var/cache/dnf (as root).
  dnf4: '/var/cache/dnf',
  // dnf5-caching(7): system_cachedir /var/cache/libdnf5 (root); ~/.cache/libdnf5 otherwise.
  dnf5: '/var/cache/libdnf5',
  // yum.conf(5): cachedir /var/cache/yum/$basearch/$releasever.
  yum: '/var/cache/yum',
  // microdnf dnf-main.c: CACHEDIR "/var/cache/yum".
  microdnf: '/var/cache/yum',
  // tdnf.conf: cachedir=/var/cache/tdnf.
  tdnf: '/var/cache/tdnf',
};

/** The setopt key that moves the cache, per implementation (dnf5 as root uses system_cachedir). */
const CACHEDIR_KEY: Record<Flavour, string> = {
  dnf4: 'cachedir',
  dnf5: 'system_cachedir',
  yum: 'cachedir',
  microdnf: 'cachedir',
  tdnf: 'cachedir',
};

/** Which cache fact holds each implementation's cache. */
const CACHE_NAME: Record<Flavour, string> = {
  dnf4: 'dnf4 cache',
  dnf5: 'dnf5 cache',
  yum: 'yum cache',
  microdnf: 'yum cache',
  tdnf: 'tdnf cache',
};

/** Actions that install into the root filesystem (dnf(8), yum(8), microdnf --help, tdnf(8)). */
const INSTALL = new Set([
  'install',
  'in',
  'reinstall',
  'update',
  'upgrade',
  'up',
  'update-minimal',
  'upgrade-minimal',
  'downgrade',
  'distro-sync',
  'dsync',
  'distrosync',
  'groupinstall',
  'groupupdate',
  'localinstall',
  'localupdate',
  'builddep',
  'builddeps',
  'swap',
]);
/** Two-word actions: `dnf group install`, `dnf module install`. */
const GROUPS = new Set(['group', 'groups', 'module']);
const GROUP_INSTALL = new Set(['install', 'upgrade', 'update', 'enable']);

/** Options that take a separate value (dnf(8) GENERAL OPTIONS, yum(8), tdnf(8)). */
const VALUE_OPTIONS = new Set([
  '-c',
  '--config',
  '--releasever',
  '--repo',
  '--repoid',
  '--enablerepo',
  '--disablerepo',
  '-x',
  '--exclude',
  '-d',
  '--debuglevel',
  '-e',
  '--errorlevel',
  '--rpmverbosity',
  '--forcearch',
  '--setopt',
  '--installroot',
  '--downloaddir',
  '--destdir',
  '--comment',
  '--color',
  '--advisory',
  '--advisories',
  '--bz',
  '--cve',
  '--sec-severity',
  '--secseverity',
  '--repofrompath',
  '--use-host-config',
]);

/** System folders relative to the root: installed files, configuration, the rpm database and package-manager state. */
const DESTINATIONS: ReadonlyArray<readonly [string, string]> = [
  ['usr', 'the installed files'],
  ['etc', 'configuration files'],
  ['var/lib/rpm', 'the rpm database'],
  ['var/lib/dnf', "dnf's state"],
  ['var/lib/yum', "yum's state"],
];

/**
 * `dnf` and `yum` answer differently per distribution release: Fedora 41
 * replaced dnf4 with dnf5 (yum points at it too); RHEL 8+ and its rebuilds,
 * Amazon Linux 2023 and Fedora up to 40 run dnf4 (`yum` is dnf4); CentOS 7,
 * Amazon Linux 2 and Oracle Linux 7 run yum 3.
 */
function flavourOf(name: string, ctx: ToolContext): Flavour[] {
  if (name === 'dnf5') return ['dnf5'];
  if (name === 'dnf4' || name === 'dnf-3') return ['dnf4'];
  if (name === 'microdnf') return ['microdnf'];
  if (name === 'tdnf') return ['tdnf'];
  const image = rootImage(ctx.stage);
  const segments = image?.repository.split('/') ?? [];
  const repo = segments.at(-1) ?? '';
  const tag = image?.tag ?? 'latest';
  const major = /^(?:centos|stream|el|ol)?(\d+)/.exec(tag)?.[1];
  const n = major === undefined ? undefined : Number(major);
  if (repo === 'fedora') {
    if (n !== undefined && n < 41) return ['dnf4'];
    return ['dnf5'];
  }
  if (['centos', 'oraclelinux', 'amazonlinux'].includes(repo) && n !== undefined && n <= 7) {
    return name === 'yum' ? ['yum'] : ['dnf4'];
  }
  if (
    ['centos', 'rockylinux', 'almalinux', 'oraclelinux', 'amazonlinux'].includes(repo) ||
    segments.some((s) => /^ubi\d/.test(s))
  )
    return ['dnf4'];
  return name === 'yum' ? ['dnf4', 'yum'] : ['dnf4', 'dnf5'];
}

interface Call {
  action: string | undefined;
  /** The words that are not options, in order. */
  positionals: string[];
  /** Options given (without a value). */
  flags: Set<string>;
  installroot: string | null | undefined;
  setopt: Map<string, string | undefined>;
}

function readCall(cmd: SimpleCommand): Call {
  const setopt = new Map<string, string | undefined>();
  let installroot: string | null | undefined;
  const positionals: string[] = [];
  const flags = new Set<string>();
  const words = cmd.argv.slice(1);
  const set = (v: string | undefined) => {
    const eq = v?.indexOf('=') ?? -1;
    if (v !== undefined && eq > 0) setopt.set(v.slice(0, eq).toLowerCase(), v.slice(eq + 1));
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]?.value;
    if (w === undefined) {
      positionals.push('');
      continue;
    }
    if (w === '--installroot') installroot = words[++i]?.value ?? null;
    else if (w.startsWith('--installroot=')) installroot = w.slice('--installroot='.length);
    else if (w === '--setopt') set(words[++i]?.value);
    else if (w.startsWith('--setopt=')) set(w.slice('--setopt='.length));
    else if (VALUE_OPTIONS.has(w)) i++;
    else if (!w.startsWith('-')) positionals.push(w);
    else flags.add(w);
  }
  const [first, second] = positionals;
  let action: string | undefined;
  if (first !== undefined && INSTALL.has(first)) action = first;
  else if (first !== undefined && GROUPS.has(first) && second !== undefined && GROUP_INSTALL.has(second))
    action = `${first} ${second}`;
  return { action, positionals, flags, installroot, setopt };
}

export const facts = defineTool({
  id: 'dnf',
  name: 'dnf',
  programs: PROGRAMS,
  commands: {
    text: '`dnf`, `dnf5`, `yum`, `microdnf` and `tdnf` `install`, `reinstall`, `upgrade`/`update`, `downgrade`, `distro-sync`, `group install`, `module install`, `builddep`',
    source: [
      'https://dnf.readthedocs.io/en/latest/command_ref.html',
      'https://man.archlinux.org/man/dnf5.8.en',
    ],
  },
  destinations: {
    text: 'the root filesystem (`--installroot` moves it): `/usr`, `/etc`, the rpm database `/var/lib/rpm`, `/var/lib/dnf`, `/var/lib/yum`',
    source: 'https://dnf.readthedocs.io/en/latest/command_ref.html',
  },
  cache: {
    text: 'dnf4 `/var/cache/dnf`, dnf5 `/var/cache/libdnf5` (Fedora 41 and later), yum and microdnf `/var/cache/yum`, tdnf `/var/cache/tdnf`; `--setopt=cachedir=` (dnf5: `system_cachedir`) moves it; both dnf caches when the image does not tell which dnf it has. Downloaded packages are kept only with `--setopt=keepcache=1`; metadata is always cached',
    source: [DNF5_CACHING, DNF_CONF, MICRODNF, TDNF],
  },
  caches: [
    { name: 'dnf4 cache', default: CACHE.dnf4, source: DNF_CONF },
    { name: 'dnf5 cache', default: CACHE.dnf5, source: DNF5_CACHING },
    {
      name: 'yum cache',
      default: CACHE.yum,
      source: [MICRODNF, 'https://man7.org/linux/man-pages/man5/yum.conf.5.html'],
    },
    { name: 'tdnf cache', default: CACHE.tdnf, source: TDNF },
  ],
  knownCaches: [
    { path: '/var/cache/dnf', source: DNF_CONF },
    { path: '/var/cache/libdnf5', source: DNF5_CACHING },
    { path: '/var/cache/yum', source: MICRODNF },
  ],
  defeats: [{ kind: 'command', match: 'clean', effect: 'empties', source: CLEAN }],
  cacheCommands: [{ match: [...INSTALL, 'makecache'], source: [DNF5_CACHING, DNF_CONF] }],
  locking: [],
  traps: [],
});

function dnfCall(cmd: SimpleCommand): ToolCall | undefined {
  const name = commandBase(cmd.name);
  if (name === undefined || !PROGRAMS.includes(name)) return undefined;
  const { positionals, flags } = readCall(cmd);
  return {
    program: name,
    positionals,
    has: (o) => flags.has(o),
    get: (o) => (flags.has(o) ? '' : undefined),
    written: (o) => (flags.has(o) ? o : undefined),
  };
}

/** Each implementation's cache for the command, by the name of its cache fact. */
function dnfCaches(
  cmd: SimpleCommand,
  ctx: ToolContext,
  name: string,
  root: string,
  setopt: Map<string, string | undefined>,
): Array<[string, CacheDir]> {
  const out: Array<[string, CacheDir]> = [];
  for (const flavour of flavourOf(name, ctx)) {
    const key = CACHEDIR_KEY[flavour];
    let cache: CacheDir;
    if (setopt.has(key)) {
      const v = absolute(cmd, setopt.get(key));
      cache = v
        ? { path: v, via: `--setopt=${key}` }
        : { unknown: `--setopt=${key} is given a value that is not known statically` };
    } else cache = { path: resolvePath(root, CACHE[flavour].slice(1)) };
    out.push([CACHE_NAME[flavour], cache]);
  }
  return out;
}

export const dnf: PackageManager = definePackageManager({
  facts,
  call: dnfCall,
  caches(cmd, ctx, call) {
    const { installroot, setopt } = readCall(cmd);
    const root = installroot === undefined ? '/' : absolute(cmd, installroot ?? undefined);
    if (root === undefined) return [];
    const override = ctx.cacheDirOverride('dnf');
    const found = new Map(dnfCaches(cmd, ctx, call.program, root, setopt));
    return facts.caches.map((f, i) =>
      override ? (i === 0 ? { path: override, via: 'configuration' } : undefined) : found.get(f.name),
    );
  },
  invocation(cmd, ctx): Invocation | undefined {
    const name = commandBase(cmd.name);
    if (name === undefined || !PROGRAMS.includes(name)) return undefined;
    const { action, installroot, setopt } = readCall(cmd);
    if (action === undefined) return undefined;
    const root = installroot === undefined ? '/' : absolute(cmd, installroot ?? undefined);
    if (root === undefined) return undefined;
    const destinations: Destination[] =
      root === '/'
        ? DESTINATIONS.map(([p, what]) => ({ path: resolvePath('/', p), kind: 'packages', what }))
        : [{ path: root, kind: 'packages', what: 'the --installroot folder' }];
    const override = ctx.cacheDirOverride('dnf');
    const caches: CacheDir[] = override
      ? [{ path: override, via: 'configuration' }]
      : dnfCaches(cmd, ctx, name, root, setopt).map(([, c]) => c);
    return { tool: dnf, command: cmd, action, destinations, caches };
  },
});
