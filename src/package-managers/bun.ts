/**
 * Bun: `bun install`/`i`, `bun add`/`a`, `bun update`, `bun remove`/`rm`,
 * `bun ci`, and their `-g` forms. Facts, with their sources, in `facts`
 * below (docs/package-managers.md#bun); checked against oven-sh/bun:
 * - src/install/PackageManager (fetchCacheDirectoryPath): the cache is
 *   `BUN_INSTALL_CACHE_DIR`, else `--cache-dir` or bunfig `install.cache.dir`,
 *   else `$BUN_INSTALL/install/cache`, else `$XDG_CACHE_HOME/.bun/install/cache`,
 *   else `$HOME/.bun/install/cache` (the variable beats the flag).
 * - src/install/PackageManager/PackageManagerOptions.zig (openGlobalDir,
 *   openGlobalBinDir): global packages in `BUN_INSTALL_GLOBAL_DIR`, else
 *   `$BUN_INSTALL/install/global`, else `($XDG_CACHE_HOME or $HOME)/.bun/install/global`;
 *   their bins in `BUN_INSTALL_BIN`, else `$BUN_INSTALL/bin`, else `($XDG_CACHE_HOME or $HOME)/.bun/bin`.
 * - src/install/PackageManager/CommandLineArguments.zig: `--no-cache` only
 *   ignores the manifest cache ("Ignore manifest cache entirely"), so it does
 *   not turn the package cache off; `--linker isolated` keeps packages in
 *   `node_modules/.bun`.
 * - oven/bun image (oven-sh/bun dockerhub/*): newer tags set
 *   `ENV BUN_INSTALL_BIN=/usr/local/bin` ("Ensure `bun install -g` works").
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, type ToolCall } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  homeOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const CACHE_DOCS = 'https://bun.sh/docs/pm/global-cache.md';

const INSTALL = new Set(['install', 'i', 'add', 'a', 'update', 'remove', 'rm', 'ci']);

const OPTIONS: OptionSpec = {
  values: [
    '--cwd',
    '--cache-dir',
    '-c',
    '--config',
    '--backend',
    '--registry',
    '--concurrent-scripts',
    '--network-concurrency',
    '--omit',
    '--linker',
    '--minimum-release-age',
    '--cpu',
    '--os',
    '--ca',
    '--cafile',
    '--filter',
    '-F',
  ],
  aliases: { '-g': '--global', '-c': '--config', '-F': '--filter' },
};

/** Bins of `bun install -g` in the oven/bun image (see above); older tags leave BUN_INSTALL_BIN unset. */
const IMAGE_BIN = '/usr/local/bin';

type Where = string | null | undefined;

/** A folder from BUN_INSTALL_* rules: the variable, `$BUN_INSTALL/<sub>`, else `($XDG_CACHE_HOME or $HOME)/.bun/<sub>`. */
function bunFolder(cmd: SimpleCommand, ctx: ToolContext, variable: string, sub: string): Where {
  const own = cmd.env(variable);
  if (own === null) return null;
  if (own) return absolute(cmd, own) ?? null;
  const install = cmd.env('BUN_INSTALL');
  if (install === null) return null;
  if (install) {
    const base = absolute(cmd, install);
    return base === undefined ? null : resolvePath(base, sub);
  }
  const xdg = cmd.env('XDG_CACHE_HOME');
  if (xdg === null) return null;
  const base = xdg ? absolute(cmd, xdg) : homeOf(cmd, ctx);
  return base === undefined ? null : resolvePath(base, `.bun/${sub}`);
}

export const facts = defineTool({
  id: 'bun',
  name: 'Bun',
  programs: ['bun'],
  commands: {
    text: '`bun install`/`i`, `bun add`/`a`, `bun update`, `bun remove`/`rm`, `bun ci`; `-g`/`--global`',
    source: 'https://bun.sh/docs/cli/install',
  },
  destinations: {
    text: '`<cwd>/node_modules` (`--cwd`; with `--linker isolated` also `node_modules/.bun`); global: `BUN_INSTALL_GLOBAL_DIR`, else `$BUN_INSTALL/install/global`, else `~/.bun/install/global`, and the bins in `BUN_INSTALL_BIN`, else `$BUN_INSTALL/bin`, else `~/.bun/bin` (`/usr/local/bin` in newer `oven/bun` images); `$XDG_CACHE_HOME` replaces `~`',
    source: ['https://github.com/oven-sh/bun/issues/5636', 'oven-sh/bun@0c532ea:dockerhub/debian/Dockerfile'],
  },
  cache: {
    text: '`BUN_INSTALL_CACHE_DIR`, `--cache-dir`, `$BUN_INSTALL/install/cache`, `$XDG_CACHE_HOME/.bun/install/cache`, else `~/.bun/install/cache` (`/root/.bun/install/cache` as root)',
    source: [CACHE_DOCS, 'https://github.com/oven-sh/bun/pull/38382'],
  },
  caches: [
    {
      default: '~/.bun/install/cache',
      flag: '--cache-dir',
      env: ['BUN_INSTALL_CACHE_DIR'],
      envBase: [['BUN_INSTALL', 'install/cache']],
      xdgCache: '.bun/install/cache',
      home: '.bun/install/cache',
      source: [CACHE_DOCS, 'https://github.com/oven-sh/bun/pull/38382'],
    },
  ],
  knownCaches: [{ path: '~/.bun/install/cache', source: CACHE_DOCS }],
  defeats: [
    {
      kind: 'command',
      match: 'pm cache rm',
      effect: 'empties',
      source: ['https://bun.com/docs/pm/global-cache', 'https://bun.sh/docs/install/cache'],
    },
  ],
  cacheCommands: [{ match: [...INSTALL], source: CACHE_DOCS }],
  locking: [],
  traps: [],
});

/** BUN_INSTALL_CACHE_DIR beats `--cache-dir` (fetchCacheDirectoryPath), unlike resolveCache's usual order. */
function bunCache(cmd: SimpleCommand, ctx: ToolContext, opts: Pick<ToolCall, 'has' | 'get'>): CacheDir {
  const variable = cmd.env('BUN_INSTALL_CACHE_DIR');
  const flagFirst = variable === undefined || variable === '';
  return resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], flagFirst ? opts : undefined));
}

export const bun: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'bun' ? callOf('bun', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches: (cmd, ctx, call) => [bunCache(cmd, ctx, call)],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'bun') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    let dests: Destination[];
    if (opts.has('--global')) {
      const global = bunFolder(cmd, ctx, 'BUN_INSTALL_GLOBAL_DIR', 'install/global');
      const bin = bunFolder(cmd, ctx, 'BUN_INSTALL_BIN', 'bin');
      if (!global || !bin) return undefined;
      dests = [
        { path: resolvePath(global, 'node_modules'), kind: 'packages', what: 'the global packages' },
        { path: bin, kind: 'packages', what: 'the global bin folder' },
      ];
      const image = ctx.stage.baseImage?.names.includes('oven/bun');
      if (image && cmd.env('BUN_INSTALL_BIN') === undefined && cmd.env('BUN_INSTALL') === undefined) {
        dests.push({ path: IMAGE_BIN, kind: 'packages', what: 'the global bin folder' });
      }
    } else {
      const root = absolute(cmd, opts.has('--cwd') ? opts.get('--cwd') : '.');
      if (!root) return undefined;
      const modules = resolvePath(root, 'node_modules');
      dests = [{ path: modules, kind: 'packages', what: 'node_modules' }];
      const isolated =
        opts.get('--linker') === 'isolated' || /linker\s*=\s*["']isolated["']/.test(ctx.stageText());
      if (isolated)
        dests.push({ path: resolvePath(modules, '.bun'), kind: 'packages', what: 'the package store' });
    }
    const cache = bunCache(cmd, ctx, opts);
    return { tool: bun, command: cmd, action, destinations: dests, caches: [cache] };
  },
});
