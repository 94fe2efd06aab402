/**
 * Yarn classic (v1): bare `yarn`, `yarn install`, `yarn add`, `yarn global
 * add`. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#yarn).
 *
 * Which Yarn a stage runs is decided here for both modules (`yarnGeneration`):
 * this module answers only for Yarn 1; Yarn Berry, and a `yarn` whose version
 * corepack picks from package.json, are answered by yarn-berry.ts.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, type ToolCall } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  dirFromVariable,
  homeOf,
  type OptionSpec,
  type ParsedOptions,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const YARN = 'yarnpkg/yarn@c2dda50';
const WEBSITE = 'yarnpkg/website@080285c';
/** Text that shows Yarn: Yarn Berry's Plug'n'Play reads packages from a cache, so Yarn's caches may be what it installs. */
const YARN_TEXT = /yarn/i;

export const facts = defineTool({
  id: 'yarn',
  name: 'Yarn 1',
  programs: ['yarn'],
  commands: {
    text: 'bare `yarn`, `yarn install`, `yarn add`, `yarn global add` (Yarn 1: flags Yarn Berry refuses, `yarn global`, yarn installed from npm, or no corepack; Yarn Berry and a corepack-chosen version have their own rules)',
    source: [
      `${WEBSITE}:lang/en/docs/cli/install.md:70`,
      'yarnpkg/berry@030655f:packages/plugin-essentials/sources/commands/install.ts',
    ],
  },
  destinations: {
    text: '`<cwd>/node_modules` (`--cwd`), `--modules-folder`; `yarn global add`: `$XDG_DATA_HOME/yarn/global` or `~/.config/yarn/global`',
    source: [
      `${WEBSITE}:lang/en/docs/cli/install.md:70`,
      `${YARN}:src/constants.js:62-84`,
      `${YARN}:src/util/user-dirs.js`,
    ],
  },
  cache: {
    text: '`--cache-folder`, `YARN_CACHE_FOLDER`, `$XDG_CACHE_HOME/yarn`; as root `/usr/local/share/.cache/yarn`, else `~/.cache/yarn`',
    source: [
      `${YARN}:src/util/user-dirs.js:26-37`,
      `${YARN}:src/util/user-home-dir.js`,
      `${YARN}:src/util/root-user.js`,
      `${WEBSITE}:lang/en/docs/cli/cache.md:33-48`,
    ],
  },
  caches: [
    {
      default: '~/.cache/yarn',
      flag: '--cache-folder',
      env: ['YARN_CACHE_FOLDER'],
      xdgCache: 'yarn',
      root: '/usr/local/share/.cache/yarn',
      source: [
        `${YARN}:src/util/user-dirs.js:26-37`,
        `${YARN}:src/util/user-home-dir.js`,
        `${YARN}:src/util/root-user.js`,
        `${WEBSITE}:lang/en/docs/cli/cache.md:33-48`,
      ],
    },
  ],
  knownCaches: [
    { path: '~/.cache/yarn', unless: YARN_TEXT, source: `${YARN}:src/util/user-dirs.js:26-37` },
    {
      path: '/usr/local/share/.cache/yarn',
      unless: YARN_TEXT,
      source: [`${YARN}:src/util/user-home-dir.js`, `${YARN}:src/util/root-user.js`],
    },
  ],
  defeats: [
    {
      kind: 'command',
      match: 'cache clean',
      effect: 'empties',
      source: [`${WEBSITE}:lang/en/docs/cli/cache.md:26`, 'https://classic.yarnpkg.com/en/docs/cli/cache'],
    },
  ],
  cacheCommands: [
    {
      match: ['', 'install', 'add', 'upgrade', 'remove', 'global add'],
      source: 'https://classic.yarnpkg.com/en/docs/cli/cache',
    },
  ],
  offline: [
    // Yarn 1: "trigger an error if any required dependencies are not available in local cache".
    {
      kind: 'flag',
      match: '--offline',
      source: 'https://classic.yarnpkg.com/en/docs/cli/install#toc-yarn-install-offline',
    },
  ],
  locking: [],
  traps: [],
});

const OPTIONS: OptionSpec = {
  values: [
    '--modules-folder',
    '--cache-folder',
    '--preferred-cache-folder',
    '--cwd',
    '--network-timeout',
    '--network-concurrency',
    '--mutex',
    '--registry',
    '--global-folder',
    '--link-folder',
    '--prefix',
    '--use-yarnrc',
    '--otp',
    // Yarn Berry's own options that take a value, so their values are not read as sub-commands.
    '--mode',
  ],
};

/**
 * Flags only Yarn Berry's `yarn install` knows (yarnpkg/berry
 * packages/plugin-essentials/sources/commands/install.ts: --immutable,
 * --immutable-cache, --refresh-lockfile, --check-cache, --check-resolutions,
 * --inline-builds, --mode).
 */
const BERRY_FLAGS = [
  '--immutable',
  '--immutable-cache',
  '--refresh-lockfile',
  '--check-cache',
  '--check-resolutions',
  '--inline-builds',
  '--mode',
];

/**
 * Flags Yarn Berry rejects (same install.ts: --production, --ignore-engines,
 * --prefer-offline, --cache-folder and --non-interactive report an error;
 * the others are not options of Berry's install or add at all, which clipanion
 * refuses). `--frozen-lockfile`, `--network-timeout`, `--silent` and
 * `--registry` are accepted by Yarn 4 and tell nothing.
 */
const CLASSIC_FLAGS = [
  '--production',
  '--prod',
  '--ignore-engines',
  '--prefer-offline',
  '--cache-folder',
  '--non-interactive',
  '--modules-folder',
  '--pure-lockfile',
  '--no-lockfile',
  '--ignore-scripts',
  '--ignore-optional',
  '--ignore-platform',
  '--link-duplicates',
  '--flat',
  '--har',
  '--check-files',
  '--offline',
  '--network-concurrency',
  '--no-bin-links',
  '--mutex',
  '--global-folder',
  '--link-folder',
  '--preferred-cache-folder',
  '--use-yarnrc',
  '--no-default-rc',
  '--ignore-workspace-root-check',
  '-W',
];

/** Settings only Yarn Berry reads (`YARN_<SETTING>`, yarnpkg/berry yarnrc.json). */
const BERRY_ENV = [
  'YARN_NODE_LINKER',
  'YARN_ENABLE_GLOBAL_CACHE',
  'YARN_ENABLE_IMMUTABLE_INSTALLS',
  'YARN_ENABLE_MIRROR',
  'YARN_GLOBAL_FOLDER',
  'YARN_COMPRESSION_LEVEL',
  'YARN_CHECKSUM_BEHAVIOR',
  'YARN_NPM_REGISTRY_SERVER',
  'YARN_NPM_AUTH_TOKEN',
  'YARN_ENABLE_TELEMETRY',
  'YARN_ENABLE_INLINE_BUILDS',
  'YARN_PNP_UNPLUGGED_FOLDER',
  'YARN_INSTALL_STATE_PATH',
  'YARN_NM_MODE',
  'YARN_RC_FILENAME',
];

/**
 * Text of the stage that shows Yarn Berry: its config file, its version
 * switch, a corepack or npm install of Yarn 2+, its release file, its
 * settings and its commands (`yarn workspaces focus`, `yarn dlx`).
 */
const BERRY_TEXT = new RegExp(
  [
    String.raw`\.yarnrc\.yml`,
    String.raw`yarn\s+set\s+version\s+(?!classic\b|v?1[.\s]|v?1$)\S`,
    String.raw`yarn\s+policies\s+set-version\s+(?:berry|stable|canary|v?[2-9])`,
    'yarn@(?:berry|stable|canary|v?[2-9])',
    String.raw`\.yarn/releases`,
    String.raw`\byarnPath\b`,
    String.raw`\bnodeLinker\b`,
    String.raw`\benableGlobalCache\b`,
    String.raw`yarn\s+workspaces\s+focus`,
    String.raw`yarn\s+dlx\b`,
  ].join('|'),
  'gm',
);

/** Text that shows Yarn 1: a switch back to classic, `yarn@1`, or yarn installed from npm (whose `yarn` package is 1.x). */
const CLASSIC_TEXT = new RegExp(
  [
    String.raw`yarn\s+set\s+version\s+(?:classic\b|v?1[.\s]|v?1$)`,
    String.raw`yarn\s+policies\s+set-version\s+v?1\b`,
    String.raw`yarn@(?:classic\b|v?1\b)`,
    String.raw`\bnpm\s+(?:install|i|add)\s[^\n;&|]*?(?:-g|--global)\b[^\n;&|]*?\byarn(?![@\w-])`,
    String.raw`\bnpm\s+(?:install|i|add)\s[^\n;&|]*?\byarn(?![@\w-])[^\n;&|]*?\s(?:-g|--global)\b`,
    String.raw`yarn\s+global\s+add\b`,
  ].join('|'),
  'gm',
);

/** Corepack in use: its `yarn` shim picks the version from package.json's `packageManager` field. */
const COREPACK = /\bcorepack\s+(?:enable|prepare|install|use)\b/;

/** The last position in `text` where `re` matches, or -1. */
function lastMatch(re: RegExp, text: string): number {
  let last = -1;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    last = m.index;
    if (m[0] === '') re.lastIndex++;
  }
  return last;
}

type YarnGeneration = 'classic' | 'berry';

/**
 * The Yarn a command runs, from the strongest evidence down: flags only one
 * generation accepts, `yarn global` (gone in Berry), Berry-only settings in
 * the environment, then the stage's text (the later of the two kinds of
 * evidence wins). With corepack and no evidence the version is package.json's
 * business: undefined. Without corepack, `yarn` is Yarn 1 (the node images up
 * to 24 bundle it, nodejs/docker-node README; npm's `yarn` package is 1.x).
 */
export function yarnGeneration(
  opts: ParsedOptions,
  cmd: SimpleCommand,
  ctx: ToolContext,
): YarnGeneration | undefined {
  const [first, second] = opts.positionals;
  if (BERRY_FLAGS.some((f) => opts.has(f))) return 'berry';
  if (first === 'workspaces' && (second === 'focus' || second === 'foreach')) return 'berry';
  if (first === 'up' || first === 'dlx' || first === 'dedupe') return 'berry';
  if (CLASSIC_FLAGS.some((f) => opts.has(f))) return 'classic';
  if (first === 'global' && second === 'add') return 'classic';
  if (BERRY_ENV.some((e) => cmd.env(e) !== undefined)) return 'berry';
  const text = ctx.stageText();
  const berry = lastMatch(BERRY_TEXT, text);
  const classic = lastMatch(CLASSIC_TEXT, text);
  if (berry >= 0 || classic >= 0) return berry > classic ? 'berry' : 'classic';
  return COREPACK.test(text) ? undefined : 'classic';
}

export function parseYarnOptions(cmd: SimpleCommand): ParsedOptions {
  return parseOptions(cmd.argv.slice(1), OPTIONS);
}

/** Yarn 1 puts root's cache under /usr/local/share (src/util/user-home-dir.js: ROOT_USER ? '/usr/local/share'). */
export function yarnClassicCache(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: Pick<ParsedOptions, 'has' | 'get'>,
): CacheDir {
  return resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], opts));
}

/** Yarn 1's node_modules for an install in the command's folder (`--cwd`, `--modules-folder`). */
export function yarnClassicModules(cmd: SimpleCommand, opts: ParsedOptions): string | undefined {
  if (opts.has('--modules-folder')) return absolute(cmd, opts.get('--modules-folder'));
  const cwd = absolute(cmd, opts.has('--cwd') ? opts.get('--cwd') : '.');
  return cwd && resolvePath(cwd, 'node_modules');
}

/**
 * Yarn 1's data folder, which holds the global folder (src/util/user-dirs.js
 * getDataDir): `$XDG_DATA_HOME/yarn`, else `<user home>/.config/yarn`, the
 * user home being `/usr/local/share` for root. Undefined when not known.
 */
function globalBase(cmd: SimpleCommand, ctx: ToolContext): string | undefined {
  const data = dirFromVariable(cmd, 'XDG_DATA_HOME', 'yarn');
  if (data) return 'path' in data ? data.path : undefined;
  if (ctx.userOf(cmd).root) return '/usr/local/share/.config/yarn';
  const home = homeOf(cmd, ctx);
  return home && resolvePath(home, '.config/yarn');
}

/** A `yarn` command of Yarn 1. */
function classicCall(cmd: SimpleCommand, ctx: ToolContext): ToolCall | undefined {
  if (commandBase(cmd.name) !== 'yarn') return undefined;
  const opts = parseYarnOptions(cmd);
  return yarnGeneration(opts, cmd, ctx) === 'classic' ? callOf('yarn', opts) : undefined;
}

export const yarn: PackageManager = definePackageManager({
  facts,
  call: classicCall,
  caches: (cmd, ctx, call) => [yarnClassicCache(cmd, ctx, call)],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'yarn') return undefined;
    const opts = parseYarnOptions(cmd);
    const [first, second] = opts.positionals;
    let action: string;
    let dests: Destination[] | undefined;
    if (first === undefined && opts.positionals.length === 0) action = 'install';
    else if (first === 'install' || first === 'add') action = first;
    else if (first === 'global' && second === 'add') action = 'global add';
    else return undefined;
    if (yarnGeneration(opts, cmd, ctx) !== 'classic') return undefined;
    if (action === 'global add') {
      const base = globalBase(cmd, ctx);
      if (!base) return undefined;
      dests = [{ path: resolvePath(base, 'global'), kind: 'packages', what: 'the global folder' }];
    } else {
      const modules = yarnClassicModules(cmd, opts);
      if (!modules) return undefined;
      dests = [{ path: modules, kind: 'packages', what: 'node_modules' }];
    }
    return {
      tool: yarn,
      command: cmd,
      action,
      destinations: dests,
      caches: [yarnClassicCache(cmd, ctx, opts)],
    };
  },
});
