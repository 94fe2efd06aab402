/**
 * Yarn Berry (v2+): bare `yarn`, `yarn install`, `yarn add`, `yarn up`,
 * `yarn remove`, `yarn dedupe`, `yarn workspaces focus`; and a `yarn` whose
 * version corepack picks from package.json (Yarn 1 or Berry, unknown here).
 * Facts, with their sources, in `facts` below
 * (docs/package-managers.md#yarn-berry); checked against yarnpkg/berry:
 * - packages/yarnpkg-core/sources/folderUtils.ts: the global folder is
 *   `$XDG_DATA_HOME/yarn/berry`, else `<homedir>/.yarn/berry` (homedir() is $HOME).
 * - packages/yarnpkg-core/sources/Configuration.ts: with `enableGlobalCache`
 *   the cache folder becomes `${globalFolder}/cache`; settings come from
 *   `YARN_<SETTING>` variables and the `.yarnrc.yml` files of the project,
 *   its parent folders and HOME.
 * - packages/yarnpkg-core/sources/Cache.ts: the mirror is `${globalFolder}/cache`,
 *   used when the cache is the project's own `cacheFolder` (enableMirror).
 * - packages/docusaurus/static/configuration/yarnrc.json: nodeLinker (default
 *   pnp), pnpUnpluggedFolder `./.yarn/unplugged`, installStatePath
 *   `./.yarn/install-state.gz`, cacheFolder `./.yarn/cache`, enableGlobalCache
 *   (default true since 4.0; false in 2 and 3).
 */
import type { CopyInstruction, RunInstruction } from '../model/dockerfile.js';
import { basename, isWithin, relatePaths, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  homeOf,
  type ParsedOptions,
  resolveCache,
  truthy,
} from './common.js';
import { stageChain } from './context.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';
import {
  facts as classicFacts,
  parseYarnOptions,
  yarnClassicCache,
  yarnClassicModules,
  yarnGeneration,
} from './yarn.js';

const BERRY = 'yarnpkg/berry@030655f';
const YARNRC = `${BERRY}:packages/docusaurus/static/configuration/yarnrc.json`;
const FOLDERS = 'yarnpkg/berry@0a3ccf9:packages/yarnpkg-core/sources/folderUtils.ts';
const INSTALLS = new Set(['install', 'add', 'up', 'remove', 'dedupe']);

export const facts = defineTool({
  id: 'yarn-berry',
  name: 'Yarn Berry',
  programs: ['yarn'],
  commands: {
    text: 'bare `yarn`, `yarn install`, `yarn add`, `yarn up`, `yarn remove`, `yarn dedupe`, `yarn workspaces focus` when the stage shows Yarn 2+ (`.yarnrc.yml`, `yarn set version`, corepack or npm installing `yarn@2+`, `--immutable` and the other Berry-only flags, `YARN_NODE_LINKER` and other Berry settings); with `corepack enable` and no version evidence the version is unknown and only a fix that suits both (a mount that already covers one of the two caches) is made',
    source: [`${BERRY}:packages/plugin-essentials/sources/commands/install.ts`, YARNRC],
  },
  destinations: {
    text: "nodeLinker `node-modules`/`pnpm` (`YARN_NODE_LINKER`, `yarn config set nodeLinker`, or node_modules mounted or named in the stage): `<cwd>/node_modules`. Plug'n'Play (the default when no `.yarnrc.yml` can be in play): `.pnp.cjs`, `.pnp.loader.mjs`, `.yarn/unplugged`, `.yarn/install-state.gz` and the cache PnP loads packages from: the global cache `<globalFolder>/cache` with `enableGlobalCache` (Yarn 4 default), else `YARN_CACHE_FOLDER` or `./.yarn/cache`",
    source: YARNRC,
  },
  cache: {
    text: '`<globalFolder>/cache`: `$YARN_GLOBAL_FOLDER/cache`, `$XDG_DATA_HOME/yarn/berry/cache`, else `~/.yarn/berry/cache` (`/root/.yarn/berry/cache` as root). With PnP and the global cache on, that cache holds the installed packages: reported (yarnpkg/berry#6499), with the advice `YARN_ENABLE_GLOBAL_CACHE=false` or nodeLinker node-modules',
    source: [YARNRC, FOLDERS, 'https://github.com/yarnpkg/berry/issues/6499'],
  },
  caches: [
    {
      name: 'global cache',
      default: '~/.yarn/berry/cache',
      envBase: [['YARN_GLOBAL_FOLDER', 'cache']],
      xdgData: 'yarn/berry/cache',
      home: '.yarn/berry/cache',
      source: [YARNRC, FOLDERS, 'https://github.com/CircleCI-Public/node-orb/pull/201'],
    },
  ],
  knownCaches: [{ path: '~/.yarn/berry/cache', unless: /yarn/i, source: [YARNRC, FOLDERS] }],
  defeats: [
    {
      kind: 'command',
      match: 'cache clean',
      effect: 'empties',
      source: 'https://yarnpkg.com/cli/cache/clean',
    },
  ],
  cacheCommands: [{ match: ['', ...INSTALLS, 'workspaces focus'], source: YARNRC }],
  locking: [],
  traps: [
    {
      what: "Plug'n'Play (the default nodeLinker) with `enableGlobalCache` (the default since Yarn 4): the program loads its packages straight from the global cache, so a cache mount there loses them",
      mentionedBy: /yarn/i,
      relocatedBy: /YARN_CACHE_FOLDER|YARN_GLOBAL_FOLDER|cacheFolder|globalFolder/i,
      source: [
        'https://github.com/yarnpkg/berry/issues/954',
        'https://github.com/yarnpkg/berry/issues/6499',
        YARNRC,
      ],
    },
  ],
});

type Linker = 'pnp' | 'node-modules' | 'pnpm';

/** `yarn config set nodeLinker X`, `nodeLinker: X` written into a .yarnrc.yml. */
const LINKER_TEXT = /nodeLinker["']?\s*[:=]?\s*["']?(pnp|node-modules|pnpm)\b/g;
const GLOBAL_CACHE_TEXT = /enableGlobalCache["']?\s*[:=]?\s*["']?(true|false)\b/g;
/** A Yarn 2 or 3 release named by corepack, npm or `yarn set version` (enableGlobalCache is off there). */
const MAJOR_TEXT = /(?:yarn@|set\s+version\s+|set-version\s+)v?(\d+)\b/g;
/** Ways files of unknown name reach the image besides COPY: a clone or an unpacked archive. */
const OPAQUE_FILES = /\bgit\s+clone\b|\btar\s+(?:-?\w*x|--extract)|\bunzip\b|\bcurl\b[^\n]*\|\s*tar\b/;

const PNP_TRAP = (cache: string, globalFolder: string) =>
  `Not fixed automatically: with Plug'n'Play (Yarn's default nodeLinker) and enableGlobalCache (on by default since Yarn 4), the installed program loads its packages straight from Yarn's global cache ${cache}, so that cache cannot be mounted instead. Drop this mount; to keep downloads cached, run the install with YARN_ENABLE_GLOBAL_CACHE=false and a cache mount on ${globalFolder} (the project's .yarn/cache is then filled from that mirror and stays in the image), or switch to nodeLinker: node-modules.`;

function lastGroup(re: RegExp, text: string): string | undefined {
  let last: string | undefined;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) last = m[1];
  return last;
}

/** A COPY/ADD source that may be a folder (whose contents land in the destination) or an archive ADD unpacks. */
function mayBeFolder(src: string | undefined, add: boolean): boolean {
  if (src === undefined || /[*?[]/.test(src) || src.endsWith('/')) return true;
  const name = basename(src);
  if (name === '' || name === '.' || name === '..' || !name.includes('.')) return true;
  return add && /\.(tar|tgz|tbz2?|txz|tar\.\w+)$/.test(name);
}

/**
 * Could a `.yarnrc.yml` this Dockerfile does not show be in effect? Yarn reads
 * the ones in the project folder, its parents and HOME; a COPY of a folder (or
 * a bind mount, a clone, an archive) to one of those places may bring one.
 */
function configMayExist(ctx: ToolContext, root: string, home?: string) {
  // An image this tool does not know may bring a ~/.yarnrc.yml or YARN_* settings of its own.
  if (!ctx.stage.baseImage) return true;
  const text = ctx.stageText();
  if (/\.yarnrc/.test(text) || OPAQUE_FILES.test(text)) return true;
  const above = (dest: string, folder: string) => ['same', 'ancestor'].includes(relatePaths(dest, folder));
  const places = (dest: string) => above(dest, root) || (home !== undefined && above(dest, home));
  for (const stage of stageChain(ctx.stage)) {
    for (const ins of stage.instructions) {
      if (stage === ctx.stage && ins.index >= ctx.run.index) break;
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      const c = ins as CopyInstruction;
      if (c.dest === undefined) return true;
      const workdir = ins.env.workdir;
      if (!c.dest.startsWith('/') && workdir === undefined) return true;
      const dest = resolvePath(workdir ?? '/', c.dest);
      if (!places(dest)) continue;
      if (c.sources.some((s) => mayBeFolder(s, ins.keyword === 'ADD'))) return true;
    }
  }
  return ctx.run.mounts.some((m) => m.type === 'bind' && (m.target === undefined || above(m.target, root)));
}

/** Does this stage show that the project uses node_modules (a mount on it, a path naming it)? */
function usesNodeModules(ctx: ToolContext, root: string): boolean {
  const modules = resolvePath(root, 'node_modules');
  if (ctx.run.mounts.some((m) => m.target !== undefined && isWithin(m.target, modules))) return true;
  const texts = stageChain(ctx.stage).flatMap((s) =>
    s.instructions.map((i) =>
      i.keyword === 'RUN'
        ? `${i.args.text}\n${(i as RunInstruction).heredocs.map((h) => h.content).join('\n')}`
        : i.args.text,
    ),
  );
  // A path naming node_modules counts when it can be the project's: relative, or the project's own.
  // An absolute one elsewhere is another install (npm's global /usr/local/lib/node_modules).
  return texts.some((t) => {
    for (const m of t.matchAll(NODE_MODULES_WORD)) {
      const word = m[1] as string;
      if (!word.startsWith('/') || word.includes('$') || isWithin(word, root)) return true;
    }
    return false;
  });
}
/** A word ending in a node_modules path segment (the word itself, without what follows it). */
const NODE_MODULES_WORD = /(?:^|[\s"'=:,[])((?:[^\s"'=:,[\]]*\/)?node_modules)(?=$|[\s/"',\]])/gm;

/** The nodeLinker, or undefined when a config file this Dockerfile does not show may set it. */
function linkerOf(cmd: SimpleCommand, ctx: ToolContext, root: string): Linker | undefined {
  const env = cmd.env('YARN_NODE_LINKER');
  if (env === null) return undefined;
  if (env === 'pnp' || env === 'node-modules' || env === 'pnpm') return env;
  const written = lastGroup(LINKER_TEXT, ctx.stageText());
  if (written) return written as Linker;
  if (usesNodeModules(ctx, root)) return 'node-modules';
  return configMayExist(ctx, root, homeOf(cmd, ctx)) ? undefined : 'pnp';
}

/**
 * The caches Plug'n'Play loads the packages from, as install destinations: the
 * global cache unless enableGlobalCache is off, the project's cache
 * (YARN_CACHE_FOLDER, else .yarn/cache) unless it is on. With `conditions`,
 * each holds only under them (the nodeLinker is not known).
 */
function pnpCaches(
  cmd: SimpleCommand,
  root: string,
  global: CacheDir,
  on: boolean | undefined,
  conditions?: { global: string; local: string },
): Destination[] {
  const out: Destination[] = [];
  if (on !== false && 'path' in global) {
    out.push({
      path: global.path,
      kind: 'packages',
      what: "Yarn's global cache, which Plug'n'Play loads the packages from",
      ...(conditions && { condition: conditions.global }),
    });
  }
  if (on !== true) {
    const folder = cmd.env('YARN_CACHE_FOLDER');
    const local = folder === null ? undefined : absolute(cmd, folder ?? resolvePath(root, '.yarn/cache'));
    if (local) {
      out.push({
        path: local,
        kind: 'packages',
        what: "Yarn's cache folder, which Plug'n'Play loads the packages from",
        ...(conditions && { condition: conditions.local }),
      });
    }
  }
  return out;
}

/** enableGlobalCache: from YARN_ENABLE_GLOBAL_CACHE, a written setting, else the default of the Yarn release in use. */
function globalCacheOn(cmd: SimpleCommand, ctx: ToolContext, root: string): boolean | undefined {
  const env = cmd.env('YARN_ENABLE_GLOBAL_CACHE');
  if (env === null) return undefined;
  if (env !== undefined && env !== '') return truthy(env);
  const text = ctx.stageText();
  const written = lastGroup(GLOBAL_CACHE_TEXT, text);
  if (written) return written === 'true';
  if (configMayExist(ctx, root, homeOf(cmd, ctx))) return undefined;
  const major = Number(lastGroup(MAJOR_TEXT, text) ?? Number.NaN);
  return !(major === 2 || major === 3);
}

/** `<globalFolder>/cache`: the global cache, or the mirror when the project keeps its own cache. */
function berryGlobalCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  return resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0]));
}

function actionOf(opts: ParsedOptions): string | undefined {
  const [first, second] = opts.positionals;
  if (opts.positionals.length === 0) return 'install';
  if (first !== undefined && INSTALLS.has(first)) return first;
  if (first === 'workspaces' && second === 'focus') return 'workspaces focus';
  return undefined;
}

/** Yarn whose version corepack picks from package.json: 1 or Berry, not known here. */
const yarnAnyVersion: PackageManager = definePackageManager({
  facts: { ...classicFacts, name: 'Yarn' },
  call: () => undefined,
  invocation: () => undefined,
});

export const yarnBerry: PackageManager = definePackageManager({
  facts,
  call(cmd, ctx) {
    if (commandBase(cmd.name) !== 'yarn') return undefined;
    const opts = parseYarnOptions(cmd);
    // A `yarn` whose version corepack picks is answered here too.
    return yarnGeneration(opts, cmd, ctx) === 'classic' ? undefined : callOf('yarn', opts);
  },
  caches(cmd, ctx) {
    if (yarnGeneration(parseYarnOptions(cmd), cmd, ctx) === 'berry') return [berryGlobalCache(cmd, ctx)];
    return [
      {
        unknown: "the Yarn version is not known (corepack takes it from package.json's packageManager field)",
      },
    ];
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'yarn') return undefined;
    const opts = parseYarnOptions(cmd);
    const action = actionOf(opts);
    if (action === undefined) return undefined;
    const generation = yarnGeneration(opts, cmd, ctx);
    if (generation === 'classic') return undefined;
    if (generation === undefined) {
      if (action !== 'install' && action !== 'add') return undefined;
      return anyVersion(cmd, ctx, opts, action);
    }
    const root = absolute(cmd, opts.has('--cwd') ? opts.get('--cwd') : '.');
    if (!root) return undefined;
    const linker = linkerOf(cmd, ctx, root);
    const global = berryGlobalCache(cmd, ctx);
    const globalFolder = 'path' in global ? global.path.replace(/\/cache$/, '') : '<globalFolder>';
    const dests: Destination[] = [];
    if (linker !== 'pnp') {
      dests.push({ path: resolvePath(root, 'node_modules'), kind: 'packages', what: 'node_modules' });
    }
    if (linker !== 'node-modules' && linker !== 'pnpm') {
      const unplugged = absolute(cmd, cmd.env('YARN_PNP_UNPLUGGED_FOLDER') ?? undefined);
      const state = absolute(cmd, cmd.env('YARN_INSTALL_STATE_PATH') ?? undefined);
      dests.push(
        { path: resolvePath(root, '.pnp.cjs'), kind: 'packages', what: "the Plug'n'Play loader" },
        { path: resolvePath(root, '.pnp.loader.mjs'), kind: 'packages', what: "the Plug'n'Play loader" },
        {
          path: unplugged ?? resolvePath(root, '.yarn/unplugged'),
          kind: 'packages',
          what: 'the unplugged packages',
        },
        {
          path: state ?? resolvePath(root, '.yarn/install-state.gz'),
          kind: 'packages',
          what: 'the install state',
        },
      );
    }
    let caches: CacheDir[];
    if (linker === undefined) {
      // Plug'n'Play is Yarn's default: unless the config the stage may bring says otherwise, it loads the packages from the cache.
      const on = globalCacheOn(cmd, ctx, root);
      dests.push(
        ...pnpCaches(cmd, root, global, on, {
          global: `this holds under Plug'n'Play, Yarn's default nodeLinker, with enableGlobalCache (on by default since Yarn 4), and a .yarnrc.yml this Dockerfile does not show (copied in with the project) may set either; with nodeLinker: node-modules this cache mount is right. Under Plug'n'Play, drop this mount; to keep downloads cached, run the install with YARN_ENABLE_GLOBAL_CACHE=false and a cache mount on ${globalFolder}`,
          local: `this holds under Plug'n'Play, Yarn's default nodeLinker, with enableGlobalCache off (the default of Yarn 2 and 3), and a .yarnrc.yml this Dockerfile does not show (copied in with the project) may set either; with nodeLinker: node-modules this cache mount is right. Under Plug'n'Play, drop this mount; to keep downloads cached, mount ${'path' in global ? global.path : '<globalFolder>/cache'}, the mirror Yarn fills the project's cache from`,
        }),
      );
      caches = [
        {
          unknown: `Yarn's nodeLinker is not known (a .yarnrc.yml this Dockerfile does not show may set it): with node-modules, mount ${'path' in global ? global.path : "Yarn's global cache"} instead; with Plug'n'Play, the global cache holds the installed packages, so drop this mount`,
          noMount: `Yarn's nodeLinker is not known (a .yarnrc.yml this Dockerfile does not show may set it): with node-modules, a cache mount on ${'path' in global ? global.path : "Yarn's global cache"} would keep the downloads; with Plug'n'Play, that cache holds the installed packages, which must stay in the image`,
        },
      ];
    } else if (linker !== 'pnp') {
      caches = [global];
    } else {
      const on = globalCacheOn(cmd, ctx, root);
      dests.push(...pnpCaches(cmd, root, global, on));
      caches =
        on === false
          ? [global]
          : [{ trap: PNP_TRAP('path' in global ? global.path : '<globalFolder>/cache', globalFolder) }];
    }
    return { tool: yarnBerry, command: cmd, action, destinations: dests, caches };
  },
});

/**
 * `yarn` behind corepack with no version evidence. Both generations install
 * into node_modules (Berry's PnP writes none, so a mount on it means the
 * node-modules linker), but their caches differ: Yarn 1's
 * `/usr/local/share/.cache/yarn` (root) or `~/.cache/yarn`, Berry's
 * `~/.yarn/berry/cache`. When the RUN already mounts a folder holding one of
 * them, dropping the broken mount is right whichever Yarn runs; otherwise the
 * finding is reported with both.
 */
function anyVersion(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ParsedOptions,
  action: string,
): Invocation | undefined {
  const modules = yarnClassicModules(cmd, opts);
  if (!modules) return undefined;
  const candidates = [yarnClassicCache(cmd, ctx, opts), berryGlobalCache(cmd, ctx)];
  const mounted = ctx.run.mounts.filter((m) => m.type === 'cache' && m.target !== undefined);
  const covered = candidates.find(
    (c) =>
      'path' in c &&
      mounted.some((m) => isWithin(c.path, m.target as string) && !isWithin(modules, m.target as string)),
  );
  const [classic, berry] = candidates.map((c) => ('path' in c ? c.path : undefined));
  const caches: CacheDir[] = covered
    ? [covered]
    : [
        {
          unknown: `the Yarn version is not known (corepack takes it from package.json's packageManager field): mount ${classic ?? "Yarn 1's cache"} for Yarn 1, or ${berry ?? "Yarn's global cache"} for Yarn 2+`,
        },
      ];
  return {
    tool: yarnAnyVersion,
    command: cmd,
    action,
    destinations: [{ path: modules, kind: 'packages', what: 'node_modules' }],
    caches,
  };
}
