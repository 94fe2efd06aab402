/**
 * apt: `apt-get`, `apt` and `aptitude` installs. They install into the root
 * filesystem through dpkg, so the only mount targets that lose an install are
 * system folders (`/usr`, `/etc`, the dpkg database) or folders above them.
 * A cache mount on `/var/cache/apt` or `/var/lib/apt` (or `/var/lib/apt/lists`)
 * is the canonical correct pattern and is never a destination. Facts, with
 * their sources, in `facts` below (docs/package-managers.md#apt).
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { definePackageManager, type ToolCall } from './answers.js';
import { commandBase } from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const REFERENCE = 'moby/buildkit@73ed682:frontend/dockerfile/docs/reference.md:896-912';
const APT = 'Debian/apt@6b12812';
const ACQUIRE_LOCK = `${APT}:apt-pkg/acquire.cc:153-183`;
const DOCKER_CLEAN = 'debuerreotype/debuerreotype@7de510f:scripts/debuerreotype-minimizing-config:87-111';

const COMMANDS = new Set(['apt-get', 'apt', 'aptitude']);

/** Actions that unpack packages into the root filesystem (apt-get(8), apt(8), aptitude(8)). */
const INSTALL = new Set([
  'install',
  'reinstall',
  'upgrade',
  'dist-upgrade',
  'full-upgrade',
  'safe-upgrade',
  'build-dep',
  'satisfy',
]);

/** Options that take a value (apt-get(8) OPTIONS). `-o` is read separately: it may repeat. */
const VALUE_OPTIONS = new Set([
  '-c',
  '--config-file',
  '-t',
  '--target-release',
  '--default-release',
  '-a',
  '--host-architecture',
  '-P',
  '--build-profiles',
]);

/**
 * Where dpkg unpacks packages and keeps its state. `/opt` is left out on
 * purpose: Debian packages install there only rarely (third-party .debs such
 * as Chrome), and a cache mount on `/opt` around an apt install is far more
 * often a mount for something else in the same RUN.
 */
const DESTINATIONS: ReadonlyArray<readonly [string, string]> = [
  ['/usr', 'the installed files'],
  ['/etc', 'configuration files'],
  ['/var/lib/dpkg', 'the dpkg database'],
];

/**
 * apt's download caches, relative to `Dir` (default `/`): `Dir::Cache`
 * (`var/cache/apt`, `.deb` files in `archives/`, `*.bin`) and
 * `Dir::State::Lists` (`var/lib/apt/lists`, relative to `Dir::State`,
 * `var/lib/apt`). reference.md:896-912 mounts `/var/cache/apt` and `/var/lib/apt`.
 */
const CACHE = 'var/cache/apt';
const STATE = 'var/lib/apt';
const LISTS = 'lists';

interface AptCall {
  action: string | undefined;
  /** The words that are not options, in order. */
  positionals: string[];
  /** Options given (without a value). */
  flags: Set<string>;
  /** `-o Key=Value` settings, keys lower-cased (apt configuration keys are case-insensitive). */
  config: Map<string, string | undefined>;
}

/** A word without its first `n` characters (a flag glued to its value). */
function slice(w: Word, n: number): Word {
  return { value: w.value?.slice(n), raw: w.raw.slice(n) };
}

function readCall(cmd: SimpleCommand): AptCall {
  const config = new Map<string, string | undefined>();
  let action: string | undefined;
  const positionals: string[] = [];
  const flags = new Set<string>();
  const words = cmd.argv.slice(1);
  // `Key=Value`; a value not known statically is recorded as undefined, when the key can be read from the raw word.
  const setting = (w: Word | undefined) => {
    const text = w?.value ?? w?.raw;
    const eq = text?.indexOf('=') ?? -1;
    if (text === undefined || eq <= 0) return;
    const key = text.slice(0, eq);
    if (/[$`'"]/.test(key)) return;
    config.set(key.toLowerCase(), w?.value === undefined ? undefined : text.slice(eq + 1));
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const w = word.value ?? word.raw;
    if (w === '-o' || w === '--option') {
      setting(words[++i]);
    } else if (w.startsWith('--option=')) {
      setting(slice(word, '--option='.length));
    } else if (w.startsWith('-o') && !w.startsWith('--')) {
      setting(slice(word, 2));
    } else if (word.value === undefined) {
    } else if (VALUE_OPTIONS.has(w)) {
      i++;
    } else if (!w.startsWith('-')) {
      action ??= w;
      positionals.push(w);
    } else flags.add(w);
  }
  return { action, positionals, flags, config };
}

export const facts = defineTool({
  id: 'apt',
  name: 'apt',
  programs: ['apt-get', 'apt', 'aptitude'],
  commands: {
    text: '`apt-get`, `apt` and `aptitude` `install`, `reinstall`, `upgrade`, `dist-upgrade`/`full-upgrade`, `build-dep`, `satisfy`',
    source: `${APT}:doc/apt-get.8.xml:96`,
  },
  destinations: {
    text: 'the root filesystem: `/usr`, `/etc` and the dpkg database `/var/lib/dpkg` (a mount on one of them or a folder above them loses the install); `/var/cache/apt`, `/var/lib/apt` and `/var/lib/apt/lists` are caches, never destinations',
    source: REFERENCE,
  },
  cache: {
    text: '`/var/cache/apt` and `/var/lib/apt/lists` (moved by `-o Dir=`, `-o Dir::Cache=`, `-o Dir::State::Lists=`); use `sharing=locked`, and in Debian and Ubuntu images remove `/etc/apt/apt.conf.d/docker-clean` and set `Binary::apt::APT::Keep-Downloaded-Packages "true"` or the `.deb` files are deleted after each install',
    source: [REFERENCE, DOCKER_CLEAN],
  },
  caches: [
    { name: 'archives', default: '/var/cache/apt', source: [REFERENCE, `${APT}:doc/apt-get.8.xml:240-245`] },
    { name: 'lists', default: '/var/lib/apt/lists', source: [REFERENCE, `${APT}:doc/apt-get.8.xml:44-45`] },
  ],
  knownCaches: [
    {
      path: '/var/cache/apt',
      source: [REFERENCE, 'docker/docs@0082ac8:content/manuals/build/cache/optimize.md'],
    },
    {
      path: '/var/lib/apt',
      source: [REFERENCE, 'docker/docs@0082ac8:content/manuals/build/cache/optimize.md'],
    },
  ],
  defeats: [
    {
      kind: 'command',
      match: 'clean',
      effect: 'empties',
      caches: ['archives'],
      source: `${APT}:doc/apt-get.8.xml:240-245`,
    },
    ...['autoclean', 'auto-clean'].map((match) => ({
      kind: 'command' as const,
      match,
      effect: 'empties' as const,
      caches: ['archives'],
      source: `${APT}:doc/apt-get.8.xml:247-255`,
    })),
    ...['distclean', 'dist-clean'].map((match) => ({
      kind: 'command' as const,
      match,
      effect: 'empties' as const,
      caches: ['lists'],
      source: `${APT}:doc/apt-get.8.xml:257-262`,
    })),
  ],
  cacheCommands: [
    { match: [...INSTALL], source: [REFERENCE, `${APT}:doc/apt-get.8.xml:96`] },
    { match: ['update'], caches: ['lists'], source: `${APT}:doc/apt-get.8.xml:44-45` },
  ],
  locking: [
    {
      path: '/var/cache/apt',
      why: 'apt locks the archives folder while it downloads; Docker explains `sharing=locked` with "Apt needs exclusive access to its data"',
      source: [REFERENCE, ACQUIRE_LOCK],
    },
    {
      path: '/var/cache/apt/archives',
      why: 'apt takes `archives/lock` while it downloads packages',
      source: ACQUIRE_LOCK,
    },
    {
      path: '/var/lib/apt',
      why: 'apt locks the lists folder while it updates; Docker explains `sharing=locked` with "Apt needs exclusive access to its data"',
      source: [REFERENCE, ACQUIRE_LOCK],
    },
    {
      path: '/var/lib/apt/lists',
      why: 'apt takes `lists/lock` while it updates the package lists',
      source: ACQUIRE_LOCK,
    },
  ],
  traps: [],
});

function aptCall(cmd: SimpleCommand): ToolCall | undefined {
  const base = commandBase(cmd.name);
  if (base === undefined || !COMMANDS.has(base)) return undefined;
  const { positionals, flags } = readCall(cmd);
  return {
    program: base,
    positionals,
    has: (o) => flags.has(o),
    get: (o) => (flags.has(o) ? '' : undefined),
    written: (o) => (flags.has(o) ? o : undefined),
  };
}

/** apt's caches for the command: the archives cache, then the lists; one unknown entry when an `-o Dir` value is not known. */
function aptCaches(ctx: ToolContext, config: AptCall['config']): CacheDir[] {
  // `-o` settings that move the caches; a value that is not known could move them anywhere.
  const setting = (key: string): string | null | undefined =>
    config.has(key) ? (config.get(key) ?? null) : undefined;
  const dir = setting('dir');
  const cacheDir = setting('dir::cache');
  const stateDir = setting('dir::state');
  const listsDir = setting('dir::state::lists');
  if ([dir, cacheDir, stateDir, listsDir].includes(null)) {
    return [{ unknown: 'an apt -o Dir setting is given a value that is not known statically' }];
  }
  const override = ctx.cacheDirOverride('apt');
  const root = resolvePath('/', dir ?? '/');
  const state = resolvePath(root, stateDir ?? STATE);
  return [
    override
      ? { path: override, via: 'configuration' }
      : {
          path: resolvePath(root, cacheDir ?? CACHE),
          ...(cacheDir || dir ? { via: cacheDir ? '-o Dir::Cache' : '-o Dir' } : {}),
        },
    {
      path: resolvePath(state, listsDir ?? LISTS),
      ...(listsDir || stateDir || dir
        ? { via: listsDir ? '-o Dir::State::Lists' : stateDir ? '-o Dir::State' : '-o Dir' }
        : {}),
    },
  ];
}

export const apt: PackageManager = definePackageManager({
  facts,
  call: aptCall,
  caches(cmd, ctx) {
    const caches = aptCaches(ctx, readCall(cmd).config);
    return caches.length === 1 ? [caches[0], caches[0]] : caches;
  },
  invocation(cmd, ctx): Invocation | undefined {
    const base = commandBase(cmd.name);
    if (base === undefined || !COMMANDS.has(base)) return undefined;
    const { action, config } = readCall(cmd);
    if (action === undefined || !INSTALL.has(action)) return undefined;
    const destinations: Destination[] = DESTINATIONS.map(([path, what]) => ({
      path,
      kind: 'packages',
      what,
    }));
    return { tool: apt, command: cmd, action, destinations, caches: aptCaches(ctx, config) };
  },
});
