/**
 * pnpm: `pnpm install`/`i`, `pnpm add`, `pnpm update`, `pnpm deploy <dir>`.
 * Facts: knowledge/package-managers.md section 10 (pnpm.io docs/settings
 * node-modules.md and store.md, docs/docker.md).
 */
import { resolvePath } from '../paths.js';
import { absolute, commandBase, type OptionSpec, parseOptions, resolveCache } from './common.js';
import type { Destination, Invocation, PackageManager } from './types.js';

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

export const pnpm: PackageManager = {
  id: 'pnpm',
  name: 'pnpm',
  docs: {
    commands: '`pnpm install`/`i`, `pnpm add`, `pnpm update`, `pnpm deploy <dir>`',
    destinations:
      '`<cwd>/node_modules` (`--dir`/`-C`, `--modules-dir`) and its virtual store `node_modules/.pnpm` (`--virtual-store-dir`); `pnpm deploy <dir>`',
    cache:
      'the store: `--store-dir`, `npm_config_store_dir`/`pnpm_config_store_dir`, `$PNPM_HOME/store`, `$XDG_DATA_HOME/pnpm/store`, else `~/.local/share/pnpm/store`',
  },
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
    const flag = opts.has('--store-dir')
      ? { name: '--store-dir', value: opts.get('--store-dir') }
      : undefined;
    const cache = resolveCache(cmd, ctx, {
      tool: 'pnpm',
      flag,
      env: ['pnpm_config_store_dir', 'PNPM_CONFIG_STORE_DIR', 'npm_config_store_dir', 'NPM_CONFIG_STORE_DIR'],
      envBase: [['PNPM_HOME', 'store']],
      xdgData: 'pnpm/store',
    });
    return { tool: pnpm, command: cmd, action, destinations: dests, caches: [cache] };
  },
};
