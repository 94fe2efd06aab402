/**
 * apt: `apt-get`, `apt` and `aptitude` installs. They install into the root
 * filesystem through dpkg, so the only mount targets that lose an install are
 * system folders (`/usr`, `/etc`, the dpkg database) or folders above them.
 * A cache mount on `/var/cache/apt` or `/var/lib/apt` (or `/var/lib/apt/lists`)
 * is the canonical correct pattern and is never a destination. Facts:
 * knowledge/package-managers.md section 19 and 0.6-0.7 (moby/buildkit@73ed682
 * frontend/dockerfile/docs/reference.md:896-912; debuerreotype@7de510f
 * scripts/debuerreotype-minimizing-config:87-111).
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { commandBase } from './common.js';
import type { CacheDir, Destination, Invocation, PackageManager } from './types.js';

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
    } else if (!w.startsWith('-') && action === undefined) {
      action = w;
    }
  }
  return { action, config };
}

export const apt: PackageManager = {
  id: 'apt',
  name: 'apt',
  docs: {
    commands:
      '`apt-get`, `apt` and `aptitude` `install`, `reinstall`, `upgrade`, `dist-upgrade`/`full-upgrade`, `build-dep`, `satisfy`',
    destinations:
      'the root filesystem: `/usr`, `/etc` and the dpkg database `/var/lib/dpkg` (a mount on one of them or a folder above them loses the install); `/var/cache/apt`, `/var/lib/apt` and `/var/lib/apt/lists` are caches, never destinations',
    cache:
      '`/var/cache/apt` and `/var/lib/apt/lists` (moved by `-o Dir=`, `-o Dir::Cache=`, `-o Dir::State::Lists=`); use `sharing=locked`, and in Debian and Ubuntu images remove `/etc/apt/apt.conf.d/docker-clean` and set `Binary::apt::APT::Keep-Downloaded-Packages "true"` or the `.deb` files are deleted after each install',
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
    // `-o` settings that move the caches; a value that is not known could move them anywhere.
    const setting = (key: string): string | null | undefined =>
      config.has(key) ? (config.get(key) ?? null) : undefined;
    const dir = setting('dir');
    const cacheDir = setting('dir::cache');
    const stateDir = setting('dir::state');
    const listsDir = setting('dir::state::lists');
    if ([dir, cacheDir, stateDir, listsDir].includes(null)) {
      const unknown: CacheDir = {
        unknown: 'an apt -o Dir setting is given a value that is not known statically',
      };
      return { tool: apt, command: cmd, action, destinations, caches: [unknown] };
    }
    const override = ctx.cacheDirOverride('apt');
    const root = resolvePath('/', dir ?? '/');
    const state = resolvePath(root, stateDir ?? STATE);
    const caches: CacheDir[] = [
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
    return { tool: apt, command: cmd, action, destinations, caches };
  },
};
