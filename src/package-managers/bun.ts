/**
 * Bun: `bun install`/`i`, `bun add`/`a`, `bun update`, `bun remove`/`rm`,
 * `bun ci`, and their `-g` forms. Facts: knowledge/package-managers.md
 * section 11, checked against oven-sh/bun:
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
import { absolute, commandBase, homeOf, type OptionSpec, parseOptions, resolveCache } from './common.js';
import type { Destination, Invocation, PackageManager, ToolContext } from './types.js';

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

export const bun: PackageManager = {
  id: 'bun',
  name: 'Bun',
  docs: {
    commands: '`bun install`/`i`, `bun add`/`a`, `bun update`, `bun remove`/`rm`, `bun ci`; `-g`/`--global`',
    destinations:
      '`<cwd>/node_modules` (`--cwd`; with `--linker isolated` also `node_modules/.bun`); global: `BUN_INSTALL_GLOBAL_DIR`, else `$BUN_INSTALL/install/global`, else `~/.bun/install/global`, and the bins in `BUN_INSTALL_BIN`, else `$BUN_INSTALL/bin`, else `~/.bun/bin` (`/usr/local/bin` in newer `oven/bun` images); `$XDG_CACHE_HOME` replaces `~`',
    cache:
      '`BUN_INSTALL_CACHE_DIR`, `--cache-dir`, `$BUN_INSTALL/install/cache`, `$XDG_CACHE_HOME/.bun/install/cache`, else `~/.bun/install/cache` (`/root/.bun/install/cache` as root)',
  },
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
    // The variable beats the flag (fetchCacheDirectoryPath), unlike resolveCache's usual order.
    const variable = cmd.env('BUN_INSTALL_CACHE_DIR');
    const flag =
      opts.has('--cache-dir') && (variable === undefined || variable === '')
        ? { name: '--cache-dir', value: opts.get('--cache-dir') }
        : undefined;
    const cache = resolveCache(cmd, ctx, {
      tool: 'bun',
      flag,
      env: ['BUN_INSTALL_CACHE_DIR'],
      envBase: [['BUN_INSTALL', 'install/cache']],
      xdgCache: '.bun/install/cache',
      home: '.bun/install/cache',
    });
    return { tool: bun, command: cmd, action, destinations: dests, caches: [cache] };
  },
};
