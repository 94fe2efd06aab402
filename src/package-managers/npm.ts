/**
 * npm: `npm install` (and its aliases), `npm ci`, `npm install -g`. Facts,
 * with their sources, in `facts` below (docs/package-managers.md#npm).
 */
import { resolvePath } from '../paths.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  cacheRule,
  commandBase,
  envOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import { defineTool } from './facts.js';
import type { Destination, Invocation, PackageManager } from './types.js';

const NPM = 'npm/cli@780afc5';

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
  aliases: { '-C': '--prefix', '-g': '--global', '-w': '--workspace', '-f': '--force' },
};

export const facts = defineTool({
  id: 'npm',
  name: 'npm',
  programs: ['npm'],
  commands: {
    text: '`npm install` (`i`, `add` and the other aliases), `npm ci`, `npm update`, `npm install -g`',
    source: [
      `${NPM}:docs/lib/content/commands/npm-ci.md`,
      `${NPM}:docs/lib/content/configuring-npm/folders.md`,
    ],
  },
  destinations: {
    text: '`<cwd>/node_modules` (cwd from WORKDIR and `cd`), `--prefix`/`-C` `<dir>/node_modules`; global: `<prefix>/lib/node_modules` and `<prefix>/bin` (`npm_config_prefix`, else `/usr/local` or `/usr`)',
    source: [
      `${NPM}:docs/lib/content/configuring-npm/folders.md`,
      `${NPM}:workspaces/config/lib/definitions/definitions.js:1511-1519`,
    ],
  },
  cache: {
    text: '`--cache`, `npm_config_cache`/`NPM_CONFIG_CACHE`, else `~/.npm` (`/root/.npm` as root, `/home/node/.npm` for `USER node`)',
    source: [
      `${NPM}:workspaces/config/lib/definitions/definitions.js:303-311`,
      `${NPM}:docs/lib/content/using-npm/config.md:29-41`,
    ],
  },
  caches: [
    {
      default: '~/.npm',
      flag: '--cache',
      env: ['npm_config_cache', 'NPM_CONFIG_CACHE'],
      home: '.npm',
      source: [
        `${NPM}:workspaces/config/lib/definitions/definitions.js:303-311`,
        `${NPM}:docs/lib/content/commands/npm-cache.md:32`,
        `${NPM}:docs/lib/content/using-npm/config.md:29-41`,
      ],
    },
  ],
  knownCaches: [
    { path: '~/.npm', source: `${NPM}:workspaces/config/lib/definitions/definitions.js:303-311` },
    {
      path: '~/.cache/node-gyp',
      program: 'node-gyp',
      source: 'https://github.com/nodejs/node-gyp/commit/2b5ce52a26018692e89377b0504e7efa3b4900b6',
    },
  ],
  defeats: [
    {
      kind: 'command',
      match: 'cache clean --force',
      effect: 'empties',
      source: `${NPM}:docs/lib/content/commands/npm-cache.md:20-43`,
    },
  ],
  cacheCommands: [
    {
      match: [...INSTALL],
      source: [
        `${NPM}:docs/lib/content/commands/npm-cache.md:20-43`,
        'docker/docs@0082ac8:content/manuals/build/cache/optimize.md',
      ],
    },
  ],
  offline: [
    // `--prefer-offline` still downloads what the cache lacks.
    { kind: 'flag', match: '--offline', source: 'https://docs.npmjs.com/cli/v10/using-npm/config#offline' },
    {
      kind: 'env',
      match: 'npm_config_offline',
      value: 'on',
      source: 'https://docs.npmjs.com/cli/v10/using-npm/config#environment-variables',
    },
  ],
  locking: [],
  traps: [],
});

/** Global installs go under the prefix node is installed in: /usr/local in the official image, /usr from distro packages. */
const GLOBAL_PREFIXES = ['/usr/local', '/usr'];

export const npm: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'npm' ? callOf('npm', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches: (cmd, ctx, call) => [resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], call))],
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
    const cache = resolveCache(cmd, ctx, cacheRule(facts, facts.caches[0], opts));
    return { tool: npm, command: cmd, action, destinations: dests, caches: [cache] };
  },
});
