/**
 * npm: `npm install` (and its aliases), `npm ci`, `npm install -g`. Facts:
 * knowledge/package-managers.md section 7 (npm/cli folders.md, config
 * definitions.js, npm-ci.md).
 */
import { resolvePath } from '../paths.js';
import { absolute, commandBase, envOf, type OptionSpec, parseOptions, resolveCache } from './common.js';
import type { Destination, Invocation, PackageManager } from './types.js';

/** Sub-commands that install into node_modules, with npm's own aliases (npm/cli lib/utils/cmd-list.js). */
const INSTALL = new Set([
  'install',
  'i',
  'in',
  'ins',
  'inst',
  'insta',
  'instal',
  'isnt',
  'isnta',
  'isntal',
  'isntall',
  'add',
  'ci',
  'clean-install',
  'ic',
  'install-clean',
  'isntall-clean',
  'install-test',
  'it',
  'install-ci-test',
  'cit',
  'update',
  'up',
  'upgrade',
  'udpate',
]);

const OPTIONS: OptionSpec = {
  values: [
    '--prefix',
    '-C',
    '--cache',
    '--registry',
    '--omit',
    '--include',
    '--workspace',
    '-w',
    '--loglevel',
    '--userconfig',
    '--globalconfig',
    '--tag',
    '--fetch-retries',
    '--fetch-timeout',
    '--install-strategy',
    '--before',
    '--audit-level',
    '--location',
    '--otp',
    '--script-shell',
    '--node-options',
    '--only',
    '--also',
  ],
  aliases: { '-C': '--prefix', '-g': '--global', '-w': '--workspace' },
};

/** Global installs go under the prefix node is installed in: /usr/local in the official image, /usr from distro packages. */
const GLOBAL_PREFIXES = ['/usr/local', '/usr'];

export const npm: PackageManager = {
  id: 'npm',
  name: 'npm',
  docs: {
    commands: '`npm install` (`i`, `add` and the other aliases), `npm ci`, `npm update`, `npm install -g`',
    destinations:
      '`<cwd>/node_modules` (cwd from WORKDIR and `cd`), `--prefix`/`-C` `<dir>/node_modules`; global: `<prefix>/lib/node_modules` and `<prefix>/bin` (`npm_config_prefix`, else `/usr/local` or `/usr`)',
    cache:
      '`--cache`, `npm_config_cache`/`NPM_CONFIG_CACHE`, else `~/.npm` (`/root/.npm` as root, `/home/node/.npm` for `USER node`)',
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'npm') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    const global = opts.has('--global') || opts.get('--location') === 'global';
    let dests: Destination[];
    if (global) {
      const fromEnv = envOf(cmd, 'npm_config_prefix', 'NPM_CONFIG_PREFIX');
      const explicit = opts.has('--prefix')
        ? opts.get('--prefix')
        : fromEnv
          ? (fromEnv.value ?? undefined)
          : null;
      const prefixes = explicit === null ? GLOBAL_PREFIXES : [absolute(cmd, explicit)];
      if (prefixes.includes(undefined)) return undefined;
      dests = (prefixes as string[]).flatMap((p) => [
        { path: resolvePath(p, 'lib/node_modules'), kind: 'packages' as const, what: 'global node_modules' },
        { path: resolvePath(p, 'bin'), kind: 'packages' as const, what: 'the global bin folder' },
      ]);
    } else {
      // Only --prefix on the command line moves the local prefix; npm_config_prefix moves the global one.
      const root = absolute(cmd, opts.has('--prefix') ? opts.get('--prefix') : '.');
      if (!root) return undefined;
      dests = [{ path: resolvePath(root, 'node_modules'), kind: 'packages', what: 'node_modules' }];
    }
    const cacheFlag = opts.has('--cache') ? { name: '--cache', value: opts.get('--cache') } : undefined;
    const cache = resolveCache(cmd, ctx, {
      tool: 'npm',
      flag: cacheFlag,
      env: ['npm_config_cache', 'NPM_CONFIG_CACHE'],
      home: '.npm',
    });
    return { tool: npm, command: cmd, action, destinations: dests, caches: [cache] };
  },
};
