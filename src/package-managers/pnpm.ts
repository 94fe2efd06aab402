/**
 * pnpm: `pnpm install`/`i`, `pnpm add`, `pnpm update`, `pnpm deploy <dir>`.
 * Facts, with their sources, in `facts` below (docs/package-managers.md#pnpm).
 */
import { resolvePath } from '../paths.js';
import { callOf, definePackageManager } from './answers.js';
import { absolute, cacheRule, commandBase, type OptionSpec, parseOptions, resolveCache } from './common.js';
import { defineTool } from './facts.js';
import type { Destination, Invocation, PackageManager } from './types.js';

const PNPM_IO = 'pnpm/pnpm.io@4096ad3';

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
    '--loglevel',
    '--cache-dir',
  ],
  aliases: { '-C': '--dir', '-F': '--filter' },
};

export const facts = defineTool({
  id: 'pnpm',
  name: 'pnpm',
  programs: ['pnpm'],
  commands: {
    text: '`pnpm install`/`i`, `pnpm add`, `pnpm update`, `pnpm deploy <dir>`',
    source: `${PNPM_IO}:docs/docker.md:95-98`,
  },
  destinations: {
    text: '`<cwd>/node_modules` (`--dir`/`-C`, `--modules-dir`) and its virtual store `node_modules/.pnpm` (`--virtual-store-dir`); `pnpm deploy <dir>`',
    source: `${PNPM_IO}:docs/settings/node-modules.md:9-15`,
  },
  cache: {
    text: 'the store: `--store-dir`, `npm_config_store_dir`/`pnpm_config_store_dir`, `$PNPM_HOME/store`, `$XDG_DATA_HOME/pnpm/store`, else `~/.local/share/pnpm/store`',
    source: [`${PNPM_IO}:docs/settings/store.md`, `${PNPM_IO}:docs/configuring.md:40`],
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
    { path: '~/.local/share/pnpm/store', source: `${PNPM_IO}:docs/settings/store.md` },
    { path: '/pnpm/store', source: `${PNPM_IO}:docs/docker.md:72,95-98` },
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
  locking: [],
  traps: [],
});

export const pnpm: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'pnpm' ? callOf('pnpm', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches: (cmd, ctx, call) => [resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], call))],
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'pnpm') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
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
    const cache = resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], opts));
    return { tool: pnpm, command: cmd, action, destinations: dests, caches: [cache] };
  },
});
