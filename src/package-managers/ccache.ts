/**
 * ccache and sccache: compiler caches. They install nothing (the compiler
 * writes its output where the build says), so no command of theirs is an
 * install and `invocation` never answers; a cache mount on their cache folder
 * is the intended use and is never a finding. Facts, with their sources, in
 * `facts` below (docs/package-managers.md#ccache).
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  cacheRule,
  commandBase,
  dirFromVariable,
  homeOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import { cacheNamed, defineTool } from './facts.js';
import type { CacheDir, PackageManager, ToolContext } from './types.js';

const MANUAL = 'ccache/ccache@e573138:doc/manual.adoc';
const SCCACHE = 'https://github.com/randombit/sccache/blob/main/docs/Local.md';

export const facts = defineTool({
  id: 'ccache',
  name: 'ccache, sccache',
  programs: ['ccache', 'sccache'],
  commands: {
    text: 'none: `ccache`, `sccache`, `CC="ccache gcc"`, `RUSTC_WRAPPER=sccache cargo build` install nothing; their cache mounts are always left alone',
    source: [`${MANUAL}:564-582`, SCCACHE],
  },
  destinations: { text: 'none (compiler caches)', source: `${MANUAL}:564-582` },
  cache: {
    text: 'ccache: `CCACHE_DIR`, else `~/.ccache` when that folder exists (a mount there creates it, so it takes effect), else `$XDG_CACHE_HOME/ccache` or `~/.cache/ccache`; sccache: `SCCACHE_DIR`, else `~/.cache/sccache`',
    source: [`${MANUAL}:564-582`, SCCACHE],
  },
  caches: [
    {
      name: 'ccache',
      default: '~/.cache/ccache',
      env: ['CCACHE_DIR'],
      xdgCache: 'ccache',
      source: `${MANUAL}:564-582`,
    },
    {
      name: 'sccache',
      default: '~/.cache/sccache',
      env: ['SCCACHE_DIR'],
      home: '.cache/sccache',
      source: SCCACHE,
    },
  ],
  knownCaches: [
    { path: '~/.cache/ccache', source: `${MANUAL}:564-582` },
    { path: '~/.cache/sccache', source: SCCACHE },
    { path: '~/.ccache', source: `${MANUAL}:564-582` },
  ],
  defeats: [
    {
      kind: 'env',
      match: 'CCACHE_DISABLE',
      value: 'any',
      effect: 'disables',
      caches: ['ccache'],
      programs: ['ccache'],
      source: `${MANUAL}:464-473,794-798`,
    },
    ...['-C', '--clear'].map((match) => ({
      kind: 'command' as const,
      match,
      effect: 'empties' as const,
      caches: ['ccache'],
      programs: ['ccache'],
      source: `${MANUAL}:93-96`,
    })),
  ],
  cacheCommands: [
    // `ccache gcc -c x.c`: a compiler run through the cache.
    { match: ['*'], caches: ['ccache'], programs: ['ccache'], source: `${MANUAL}:564-582` },
    { match: ['*'], caches: ['sccache'], programs: ['sccache'], source: SCCACHE },
  ],
  locking: [],
  traps: [],
});

/** Options of `ccache` and `sccache` themselves; what follows the compiler's name is the compiler's. */
const OPTIONS: OptionSpec = {
  values: ['-d', '--dir', '-M', '--max-size', '-F', '--max-files', '-o', '--set-config'],
};

/**
 * ccache's folder: `CCACHE_DIR`; otherwise `~/.ccache` when that folder
 * exists, which a Dockerfile does not show, else the XDG rule.
 */
function ccacheDir(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  const dir = dirFromVariable(cmd, 'CCACHE_DIR');
  if (dir) return dir;
  const xdg = resolveCache(cmd, ctx, cacheRule(facts, cacheNamed(facts, 'ccache'), undefined, false));
  const home = homeOf(cmd, ctx);
  const legacy = home === undefined ? '~/.ccache' : resolvePath(home, '.ccache');
  return 'path' in xdg ? { unknown: `ccache uses ${legacy} when that folder exists, else ${xdg.path}` } : xdg;
}

export const ccache: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    const base = commandBase(cmd.name);
    if (base !== 'ccache' && base !== 'sccache') return undefined;
    // The compiler's own arguments are not ccache's options.
    const words = cmd.argv.slice(1);
    const compiler = words.findIndex((w) => w.value !== undefined && !w.value.startsWith('-'));
    return callOf(base, parseOptions(compiler < 0 ? words : words.slice(0, compiler + 1), OPTIONS));
  },
  caches: (cmd, ctx) => [
    ccacheDir(cmd, ctx),
    resolveCache(cmd, ctx, cacheRule(facts, cacheNamed(facts, 'sccache'), undefined, false)),
  ],
  invocation: () => undefined,
});
