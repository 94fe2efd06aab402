/**
 * pnpm: `pnpm install`/`i`, `pnpm add`, `pnpm update`, `pnpm deploy <dir>`,
 * and their global forms (`pnpm add -g`). Facts, with their sources, in
 * `facts` below (docs/package-managers.md#pnpm); checked against pnpm/pnpm:
 * - config/config/src/dirs.ts (`getDataDir`): the pnpm home folder is
 *   `$PNPM_HOME`, else `$XDG_DATA_HOME/pnpm`, else `~/.local/share/pnpm`.
 * - config/config/src/index.ts (pnpm 10): a global install goes to
 *   `<global-dir or pnpm home/global>/5` (LAYOUT_VERSION) and its bins to
 *   `global-bin-dir`, else `$PNPM_HOME`; pnpm 11 (pnpm11/config/reader):
 *   `<global dir>/v11/<group>` and `<pnpm home>/bin`, and its global installs
 *   link into the store's `links` folder (the global virtual store).
 * - store/store-path/src/index.ts: the store keeps its files in a sub-folder
 *   named by STORE_VERSION (`v3` in pnpm 7 to 9, `v10`, `v11`); a relative
 *   store-dir is relative to the project, `~/` to HOME.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  dirFromVariable,
  envOf,
  homeOf,
  notStatic,
  type OptionSpec,
  type ParsedOptions,
  parseOptions,
  resolveCache,
  textBefore,
  unknownHome,
} from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const PNPM_IO = 'pnpm/pnpm.io@4096ad3';
/** pnpm 9.15.0, 10.34.5 and the pnpm 11 sources. */
const PNPM_9 = 'pnpm/pnpm@ac15953';
const PNPM_10 = 'pnpm/pnpm@702ad5f';
const PNPM_11 = 'pnpm/pnpm@36e5ae6';

const INSTALL = new Set(['install', 'i', 'add', 'update', 'up', 'upgrade', 'install-test', 'it', 'deploy']);

const OPTIONS: OptionSpec = {
  values: [
    '--store-dir',
    '--virtual-store-dir',
    '--modules-dir',
    '--dir',
    '-C',
    '--filter',
    '-F',
    '--reporter',
    '--registry',
    '--workspace-concurrency',
    '--network-concurrency',
    '--child-concurrency',
    '--lockfile-dir',
    '--global-dir',
    '--global-bin-dir',
    '--loglevel',
    '--cache-dir',
  ],
  aliases: { '-C': '--dir', '-F': '--filter', '-g': '--global' },
};

/** A global pnpm install in a Dockerfile's text (`pnpm add -g turbo`). */
const GLOBAL_INSTALL = /\bpnpm\s+(?:add|install|i|update|up)\b[^\n]*\s(?:-g|--global)\b/;

/** The names of the store's versioned sub-folders (STORE_VERSION). */
const STORE_VERSIONS = /^v\d+$/;

export const facts = defineTool({
  id: 'pnpm',
  name: 'pnpm',
  programs: ['pnpm'],
  commands: {
    text: '`pnpm install`/`i`, `pnpm add`, `pnpm update`, `pnpm deploy <dir>`; with `-g`/`--global`, global installs',
    source: [`${PNPM_IO}:docs/docker.md:95-98`, `${PNPM_IO}:docs/global-packages.md`],
  },
  destinations: {
    text: '`<cwd>/node_modules` (`--dir`/`-C`, `--modules-dir`) and its virtual store `node_modules/.pnpm` (`--virtual-store-dir`); `pnpm deploy <dir>`. Global installs (`-g`): pnpm 10 and older `<global dir>/5/node_modules` and the global bin folder (`--global-bin-dir`, else `$PNPM_HOME`); pnpm 11 `<global dir>/v11` and `<pnpm home>/bin`. The global dir is `--global-dir`, else `<pnpm home>/global`; the pnpm home is `$PNPM_HOME`, else `$XDG_DATA_HOME/pnpm`, else `~/.local/share/pnpm`. Both forms when the version is not known',
    source: [
      `${PNPM_IO}:docs/settings/node-modules.md:9-15`,
      `${PNPM_10}:config/config/src/index.ts:331-342`,
      `${PNPM_10}:config/config/src/dirs.ts:44-60`,
      `${PNPM_10}:packages/constants/src/index.ts:8`,
      `${PNPM_11}:pnpm11/config/reader/src/index.ts:427-438`,
      `${PNPM_11}:pnpm11/core/constants/src/index.ts:10`,
    ],
  },
  cache: {
    text: 'the store: `--store-dir`, `npm_config_store_dir`/`pnpm_config_store_dir`, a store-dir the stage writes before the install (`pnpm config set store-dir`, `npm config set store-dir`, `store-dir=` into an `.npmrc`, `storeDir:` into pnpm-workspace.yaml; relative to the project, `~/` for HOME), `$PNPM_HOME/store`, `$XDG_DATA_HOME/pnpm/store`, else `~/.local/share/pnpm/store`. Its files live in a versioned sub-folder (`v3` for pnpm 7 to 9, `v10`, `v11`): a mount on that sub-folder is a mount of the store. A global install takes the store only with pnpm 10 or older: pnpm 11 links global packages into the store (`<store>/links`), so it is reported, and so is an unknown version',
    source: [
      `${PNPM_IO}:docs/settings/store.md`,
      `${PNPM_IO}:docs/configuring.md:40`,
      `${PNPM_9}:store/store-path/src/index.ts:12,37-42`,
      `${PNPM_10}:packages/constants/src/index.ts:9`,
      `${PNPM_11}:pnpm11/installing/deps-installer/src/install/extendInstallOptions.ts:466-475`,
    ],
  },
  caches: [
    {
      name: 'store',
      default: '~/.local/share/pnpm/store',
      flag: '--store-dir',
      env: ['pnpm_config_store_dir', 'PNPM_CONFIG_STORE_DIR', 'npm_config_store_dir', 'NPM_CONFIG_STORE_DIR'],
      envBase: [['PNPM_HOME', 'store']],
      xdgData: 'pnpm/store',
      images: [
        { image: 'pnpm (PNPM_HOME=/pnpm)', path: '/pnpm/store', source: `${PNPM_IO}:docs/docker.md:72` },
      ],
      source: [
        `${PNPM_IO}:docs/settings/store.md`,
        `${PNPM_IO}:docs/configuring.md:40`,
        'https://pnpm.io/10.x/configuring',
      ],
    },
  ],
  knownCaches: [
    {
      path: '~/.local/share/pnpm/store',
      unless: GLOBAL_INSTALL,
      source: `${PNPM_IO}:docs/settings/store.md`,
    },
    { path: '/pnpm/store', unless: GLOBAL_INSTALL, source: `${PNPM_IO}:docs/docker.md:72,95-98` },
    { path: '~/.cache/pnpm', source: `${PNPM_IO}:docs/settings/other.md:149-158` },
  ],
  defeats: [
    { kind: 'command', match: 'store prune', effect: 'empties', source: 'https://pnpm.io/cli/store' },
  ],
  cacheCommands: [
    {
      match: [...INSTALL, 'fetch'],
      source: [`${PNPM_IO}:docs/settings/store.md`, 'https://pnpm.io/cli/fetch'],
    },
  ],
  downloadOnly: [{ match: ['fetch'], source: 'https://pnpm.io/cli/fetch' }],
  offline: [
    // "pnpm will use only packages already available in the store"; `--prefer-offline` still downloads.
    { kind: 'flag', match: '--offline', source: 'https://pnpm.io/cli/install#--offline' },
  ],
  locking: [],
  traps: [
    {
      what: 'pnpm 11 global installs (`pnpm add -g`) link their packages into the global virtual store `<store>/v11/links`, so a cache mount on the store loses them',
      mentionedBy: GLOBAL_INSTALL,
      source: [
        `${PNPM_IO}:docs/global-virtual-store.md`,
        `${PNPM_11}:pnpm11/config/reader/src/index.ts:480-482`,
        `${PNPM_11}:pnpm11/installing/deps-installer/src/install/extendInstallOptions.ts:466-475`,
      ],
    },
  ],
});

/**
 * A store-dir the stage writes before the command: `pnpm config set
 * store-dir X` (any options, `key=value` too), `npm config set store-dir X`,
 * a `store-dir=X` line of an .npmrc, `storeDir: X` in pnpm-workspace.yaml.
 */
const STORE_DIR_TEXT =
  /\b(p?npm)\s+config\s+(?:-{1,2}[\w-]+(?:[= ][^\s-]\S*)?\s+)*set\s+(?:-{1,2}[\w-]+(?:[= ][^\s-]\S*)?\s+)*store[-_]dir(?:\s*=\s*|\s+)["']?([^\s"'&;|)\\]+)|(?<![-\w])store-dir\s*=\s*["']?([^\s"'&;|)\\]+)|\bstoreDir:\s*["']?([^\s"'&;|)\\]+)/g;

/** A pnpm release named by corepack, npm or a version pin (`pnpm@10.4.1`). */
const MAJOR_TEXT = /\bpnpm@v?(\d+)\b/g;

/**
 * The last store-dir the stage writes before the command, as written. pnpm 11
 * reads only authentication settings from .npmrc files, so there an .npmrc
 * line, or `npm config set` (which writes ~/.npmrc), does not count.
 */
function writtenStoreDir(
  ctx: ToolContext,
  cmd: SimpleCommand,
  major: number | undefined,
): string | undefined {
  let last: string | undefined;
  for (const m of textBefore(ctx, cmd).matchAll(STORE_DIR_TEXT)) {
    const npmrc = m[1] === 'npm' || m[3] !== undefined;
    if (npmrc && major !== undefined && major >= 11) continue;
    last = m[2] ?? m[3] ?? m[4];
  }
  return last;
}

/** The major version of pnpm the stage installs or pins, when it shows one. */
function majorOf(ctx: ToolContext): number | undefined {
  let last: string | undefined;
  for (const m of ctx.stageText().matchAll(MAJOR_TEXT)) last = m[1];
  return last === undefined ? undefined : Number(last);
}

/**
 * The store for this command: the flag and the variables first, then a
 * store-dir the stage writes, then PNPM_HOME, XDG_DATA_HOME and HOME. The
 * store's contents live in a versioned sub-folder of it.
 */
function store(cmd: SimpleCommand, ctx: ToolContext, opts: ParsedOptions): CacheDir {
  const rule = cacheRule(facts, facts.caches[0], opts);
  const set = (c: CacheDir): CacheDir => ('path' in c ? { ...c, versions: STORE_VERSIONS } : c);
  const moved = rule.flag || ctx.cacheDirOverride('pnpm') || envOf(cmd, ...(rule.env ?? []));
  const written = moved ? undefined : writtenStoreDir(ctx, cmd, majorOf(ctx));
  if (written === undefined) return set(resolveCache(cmd, ctx, rule));
  if (written.includes('$') || written.includes('`')) return notStatic('store-dir');
  if (written === '~' || written.startsWith('~/')) {
    const home = homeOf(cmd, ctx);
    return home === undefined
      ? unknownHome(cmd, ctx)
      : set({ path: resolvePath(home, written.slice(2)), via: 'store-dir' });
  }
  const project = absolute(cmd, opts.has('--dir') ? opts.get('--dir') : '.');
  const path = written.startsWith('/') ? resolvePath('/', written) : project && resolvePath(project, written);
  return path
    ? set({ path, via: 'store-dir' })
    : { unknown: 'store-dir is relative to a working folder that is not known' };
}

/** The pnpm home folder: PNPM_HOME, else `$XDG_DATA_HOME/pnpm`, else `~/.local/share/pnpm`. */
function pnpmHome(cmd: SimpleCommand, ctx: ToolContext): string | undefined {
  for (const [name, sub] of [
    ['PNPM_HOME', '.'],
    ['XDG_DATA_HOME', 'pnpm'],
  ] as const) {
    const dir = dirFromVariable(cmd, name, sub);
    if (dir) return 'path' in dir ? dir.path : undefined;
  }
  const home = homeOf(cmd, ctx);
  return home && resolvePath(home, '.local/share/pnpm');
}

/**
 * Where a global install goes: the global packages folder of pnpm 10 and
 * older (`<global dir>/5/node_modules`) and of pnpm 11 (`<global dir>/v11`),
 * and their bin folders, as far as the version the stage shows allows.
 */
function globalDestinations(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ParsedOptions,
  major: number | undefined,
): Destination[] | undefined {
  const home = pnpmHome(cmd, ctx);
  const fromEnv = envOf(cmd, 'pnpm_config_global_dir', 'npm_config_global_dir');
  const globalDir = opts.has('--global-dir')
    ? absolute(cmd, opts.get('--global-dir'))
    : fromEnv
      ? absolute(cmd, fromEnv.value ?? undefined)
      : home && resolvePath(home, 'global');
  if (globalDir === undefined) return undefined;
  const binDir = opts.has('--global-bin-dir') ? absolute(cmd, opts.get('--global-bin-dir')) : undefined;
  const dests: Destination[] = [];
  if (major === undefined || major <= 10) {
    dests.push({
      path: resolvePath(globalDir, '5/node_modules'),
      kind: 'packages',
      what: 'global node_modules',
    });
    const pnpmHomeVar = cmd.env('PNPM_HOME');
    const bin = binDir ?? (typeof pnpmHomeVar === 'string' ? absolute(cmd, pnpmHomeVar) : undefined);
    if (bin) dests.push({ path: bin, kind: 'packages', what: 'the global bin folder' });
  }
  if (major === undefined || major >= 11) {
    dests.push({ path: resolvePath(globalDir, 'v11'), kind: 'packages', what: 'the global packages' });
    const bin = binDir ?? (home && resolvePath(home, 'bin'));
    if (bin) dests.push({ path: bin, kind: 'packages', what: 'the global bin folder' });
  }
  // pnpm 11 links the packages into the global virtual store, inside the store.
  const s = store(cmd, ctx, opts);
  if (major !== undefined && major >= 11 && 'path' in s)
    dests.push({
      path: resolvePath(s.path, 'v11/links'),
      kind: 'packages',
      what: 'the global virtual store',
    });
  return dests;
}

/** The store for a global install: the store for pnpm 10 and older; pnpm 11 links what it installs into it. */
function globalCache(cmd: SimpleCommand, ctx: ToolContext, opts: ParsedOptions, major: number | undefined) {
  const s = store(cmd, ctx, opts);
  if (major !== undefined && major <= 10) return s;
  const links = 'path' in s ? `${s.path}/v11/links` : "the store's links folder";
  if (major !== undefined)
    return {
      trap: `Not fixed automatically: pnpm 11 links globally installed packages into its store (${links}), so mounting the store would lose them too. Drop this mount.`,
    };
  const at = 'path' in s ? ` ${s.path}` : '';
  return {
    unknown: `the pnpm version is not known: with pnpm 10 or older, mount the store${at} instead; pnpm 11 links globally installed packages into that store (${links}), so there drop this mount`,
    noMount: `the pnpm version is not known: with pnpm 10 or older, a cache mount on the store${at} would keep the downloads; pnpm 11 links globally installed packages into that store (${links}), which must then stay in the image`,
  };
}

export const pnpm: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'pnpm' ? callOf('pnpm', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches: (cmd, ctx) => [store(cmd, ctx, parseOptions(cmd.argv.slice(1), OPTIONS))],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'pnpm') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    if (opts.has('--global') && action !== 'deploy') {
      const major = majorOf(ctx);
      const dests = globalDestinations(cmd, ctx, opts, major);
      if (!dests) return undefined;
      return {
        tool: pnpm,
        command: cmd,
        action,
        destinations: dests,
        caches: [globalCache(cmd, ctx, opts, major)],
      };
    }
    const dir = absolute(cmd, opts.has('--dir') ? opts.get('--dir') : '.');
    let dests: Destination[] = [];
    if (action === 'deploy') {
      const target = absolute(cmd, opts.positionals[1]);
      if (!target) return undefined;
      dests = [{ path: target, kind: 'packages', what: 'the deploy folder' }];
    } else {
      const modules = opts.has('--modules-dir')
        ? absolute(cmd, opts.get('--modules-dir'))
        : dir && resolvePath(dir, 'node_modules');
      if (!modules) return undefined;
      const virtualStore = opts.has('--virtual-store-dir')
        ? absolute(cmd, opts.get('--virtual-store-dir'))
        : resolvePath(modules, '.pnpm');
      dests = [{ path: modules, kind: 'packages', what: 'node_modules' }];
      if (virtualStore) dests.push({ path: virtualStore, kind: 'packages', what: 'the virtual store' });
    }
    return { tool: pnpm, command: cmd, action, destinations: dests, caches: [store(cmd, ctx, opts)] };
  },
});
