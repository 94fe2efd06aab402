/**
 * ccache and sccache: compiler caches. They install nothing (the compiler
 * writes its output where the build says), so no command of theirs is an
 * install and `invocation` never answers; a cache mount on their cache folder
 * is the intended use and is never a finding. The module exists so the
 * rule's table documents where their caches live. Facts:
 * knowledge/package-managers.md section 24 (ccache/ccache@e573138
 * doc/manual.adoc:564-582; sccache docs/Local.md).
 */
import type { PackageManager } from './types.js';

export const ccache: PackageManager = {
  id: 'ccache',
  name: 'ccache, sccache',
  docs: {
    commands:
      'none: `ccache`, `sccache`, `CC="ccache gcc"`, `RUSTC_WRAPPER=sccache cargo build` install nothing; their cache mounts are always left alone',
    destinations: 'none (compiler caches)',
    cache:
      'ccache: `CCACHE_DIR`, else `~/.ccache` when that folder exists (a mount there creates it, so it takes effect), else `$XDG_CACHE_HOME/ccache` or `~/.cache/ccache`; sccache: `SCCACHE_DIR`, else `~/.cache/sccache`',
  },
  invocation: () => undefined,
};
