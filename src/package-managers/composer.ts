/**
 * Composer: `composer install`, `update`, `require`, `remove`,
 * `create-project` and `composer global ...`, also as `composer.phar` or
 * `php composer.phar`. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#composer); the cache folder's rules were checked
 * against composer/composer@2e924c1 src/Composer/Factory.php (getHomeDir,
 * getCacheDir, useXdg), the default project folder of create-project against
 * @ddc4580 src/Composer/Command/CreateProjectCommand.php (the package name's
 * second part).
 */
import { basename, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { callOf, definePackageManager, installDefeat, type ToolCall } from './answers.js';
import {
  absolute,
  commandBase,
  dirFromVariable,
  homeOf,
  type OptionSpec,
  parseOptions,
  unknownHome,
} from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const COMPOSER = 'composer/composer@eba7baa';
const FACTORY = 'composer/composer@2e924c1:src/Composer/Factory.php';
const COMPOSER_IMAGE = 'composer/docker@e1056b5:latest/Dockerfile:23-24,86';

/** Commands that write the vendor folder, with Composer's aliases (doc/03-cli.md). */
const INSTALL = new Set([
  'install',
  'i',
  'update',
  'u',
  'upgrade',
  'require',
  'r',
  'remove',
  'rm',
  'uninstall',
  'reinstall',
  'create-project',
]);

/** Options that take a value (doc/03-cli.md, global options and those of the commands above). */
const OPTIONS: OptionSpec = {
  values: [
    '-d',
    '--working-dir',
    '--repository',
    '--repository-url',
    '--add-repository',
    '-s',
    '--stability',
    '--prefer-install',
    '--ignore-platform-req',
    '--apcu-autoloader-prefix',
    '--audit-format',
    '-m',
    '--minimal-changes',
  ],
  aliases: { '-d': '--working-dir' },
};

/** `COMPOSER_CACHE_DIR=/dev/null` turns the cache off (doc/03-cli.md:36-37). */
const DEV_NULL = '/dev/null';

interface ComposerCall {
  args: Word[];
}

function composerCall(cmd: SimpleCommand): ComposerCall | undefined {
  const base = commandBase(cmd.name);
  if (base === 'composer' || base === 'composer.phar') return { args: cmd.argv.slice(1) };
  if (base !== undefined && /^php\d*(\.\d+)?$/.test(base)) {
    // php [-d x=y ...] composer.phar ...
    for (let i = 1; i < cmd.argv.length; i++) {
      const v = cmd.argv[i]?.value;
      if (v === undefined) return undefined;
      if (v === '-d' || v === '-c') {
        i++;
        continue;
      }
      if (v.startsWith('-')) continue;
      const name = basename(v);
      return name === 'composer' || name === 'composer.phar' ? { args: cmd.argv.slice(i + 1) } : undefined;
    }
  }
  return undefined;
}

/** Composer's XDG switch: any `XDG_*` variable set, or `/etc/xdg` present (Factory::useXdg). Known only when a variable is set. */
const XDG_VARS = ['XDG_CONFIG_HOME', 'XDG_CACHE_HOME', 'XDG_DATA_HOME', 'XDG_RUNTIME_DIR', 'XDG_STATE_HOME'];

/** Signs in the stage that `$XDG_CONFIG_HOME/composer` exists (a copied `auth.json`, a config written there). */
const XDG_CONFIG_EVIDENCE = /\.config\/composer|XDG_CONFIG_HOME/;

/**
 * Composer's home (`COMPOSER_HOME`, else `$XDG_CONFIG_HOME/composer` or
 * `~/.config/composer` when XDG is in use and that folder exists, else
 * `~/.composer`): the candidates, most likely first.
 */
function homeCandidates(cmd: SimpleCommand, ctx: ToolContext): string[] | undefined {
  const env = dirFromVariable(cmd, 'COMPOSER_HOME');
  if (env) return 'path' in env ? [env.path] : undefined;
  const home = homeOf(cmd, ctx);
  if (home === undefined) return undefined;
  const xdgConfig = cmd.env('XDG_CONFIG_HOME');
  if (xdgConfig === null) return undefined;
  const xdgHome = resolvePath(
    xdgConfig ? resolvePath(home, xdgConfig) : resolvePath(home, '.config'),
    'composer',
  );
  return [resolvePath(home, '.composer'), xdgHome];
}

/**
 * The cache Composer uses (Factory::getCacheDir): `COMPOSER_CACHE_DIR`, else
 * `$COMPOSER_HOME/cache` when that variable is set, else `~/.composer/cache`
 * when home is `~/.composer` and that folder exists, else the XDG cache
 * (`$XDG_CACHE_HOME/composer` or `~/.cache/composer`) when XDG is in use,
 * else `~/.composer/cache`. Whether XDG is in use depends on `/etc/xdg`, which
 * cannot be seen here; but a cache mount on `~/.composer/cache` creates that
 * folder (and `~/.composer`), which makes Composer pick it either way, unless
 * `~/.config/composer` exists. So `~/.composer/cache` comes first, and the XDG
 * cache gets a mount of its own when the stage suggests `~/.config/composer`
 * exists or sets an `XDG_*` variable.
 */
function composerCaches(cmd: SimpleCommand, ctx: ToolContext): CacheDir[] {
  const override = ctx.cacheDirOverride('composer');
  if (override) return [{ path: override, via: 'configuration' }];
  // `COMPOSER_CACHE_DIR=/dev/null` turns the cache off (finish() reports it): the cache is named as if unset.
  const fromVariable =
    (cmd.env('COMPOSER_CACHE_DIR') === DEV_NULL ? undefined : dirFromVariable(cmd, 'COMPOSER_CACHE_DIR')) ??
    dirFromVariable(cmd, 'COMPOSER_HOME', 'cache');
  if (fromVariable) return [fromVariable];
  const home = homeOf(cmd, ctx);
  if (home === undefined) return [unknownHome(cmd, ctx)];
  const caches: CacheDir[] = [{ path: resolvePath(home, '.composer/cache') }];
  const xdgSet = XDG_VARS.some((v) => cmd.env(v) !== undefined);
  if (xdgSet || XDG_CONFIG_EVIDENCE.test(ctx.stageText())) {
    const xdgCache = dirFromVariable(cmd, 'XDG_CACHE_HOME', 'composer');
    if (xdgCache === undefined) caches.push({ path: resolvePath(home, '.cache/composer') });
    else if ('path' in xdgCache) caches.push(xdgCache);
  }
  return caches;
}

export const facts = defineTool({
  id: 'composer',
  name: 'Composer',
  programs: ['composer', 'composer.phar'],
  commands: {
    text: '`composer install`, `update`, `require`, `remove`, `reinstall`, `create-project`, `composer global ...` (also `composer.phar`, `php composer.phar`)',
    source: `${COMPOSER}:doc/03-cli.md`,
  },
  destinations: {
    text: '`<working dir>/vendor` (working dir: `--working-dir`/`-d`, else WORKDIR and `cd`), or `COMPOSER_VENDOR_DIR`; `COMPOSER_BIN_DIR`; `create-project`: the project folder (the package name when not given); `global`: `$COMPOSER_HOME/vendor` (`~/.composer` or `~/.config/composer`)',
    source: [`${COMPOSER}:doc/06-config.md:1080-1089`, `${COMPOSER}:doc/03-cli.md:1267-1270,1361-1364`],
  },
  cache: {
    text: '`COMPOSER_CACHE_DIR`, else `$COMPOSER_HOME/cache` (`/tmp/cache` in the `composer` image), else `~/.composer/cache` (a mount there makes Composer use it), plus `$XDG_CACHE_HOME/composer` or `~/.cache/composer` when XDG is in use; `--no-cache` and `COMPOSER_CACHE_DIR=/dev/null` turn it off',
    source: [`${FACTORY}`, `${COMPOSER}:doc/03-cli.md:36-37,1272-1281`, COMPOSER_IMAGE],
  },
  caches: [
    {
      name: 'COMPOSER_HOME cache',
      default: '~/.composer/cache',
      env: ['COMPOSER_CACHE_DIR'],
      envBase: [['COMPOSER_HOME', 'cache']],
      home: '.composer/cache',
      images: [{ image: 'composer', path: '/tmp/cache', source: COMPOSER_IMAGE }],
      source: [FACTORY, `${COMPOSER}:doc/03-cli.md:1272-1281`],
    },
    {
      name: 'XDG cache',
      default: '~/.cache/composer',
      xdgCache: 'composer',
      source: FACTORY,
    },
  ],
  knownCaches: [
    { path: '~/.cache/composer', source: FACTORY },
    { path: '~/.composer/cache', source: FACTORY },
    { path: '/tmp/cache', source: COMPOSER_IMAGE },
  ],
  defeats: [
    { kind: 'flag', match: '--no-cache', effect: 'disables', source: `${COMPOSER}:doc/03-cli.md:36-37` },
    {
      kind: 'env',
      match: 'COMPOSER_CACHE_DIR',
      value: { equals: DEV_NULL },
      effect: 'disables',
      source: `${COMPOSER}:doc/03-cli.md:36-37`,
    },
    ...['clear-cache', 'clearcache', 'cc'].map((match) => ({
      kind: 'command' as const,
      match,
      effect: 'empties' as const,
      source: [
        `${COMPOSER}:doc/03-cli.md:1107-1109`,
        `${COMPOSER}:src/Composer/Command/ClearCacheCommand.php:29-30`,
      ],
    })),
  ],
  cacheCommands: [
    {
      match: [...INSTALL, ...[...INSTALL].map((a) => `global ${a}`)],
      source: FACTORY,
    },
  ],
  locking: [],
  traps: [],
});

function composerArgs(cmd: SimpleCommand): ToolCall | undefined {
  const call = composerCall(cmd);
  return call && callOf('composer', parseOptions(call.args, OPTIONS));
}

export const composer: PackageManager = definePackageManager({
  facts,
  call: composerArgs,
  caches(cmd, ctx) {
    const [main, xdg] = composerCaches(cmd, ctx);
    return [main, xdg];
  },
  invocation(cmd, ctx): Invocation | undefined {
    const call = composerCall(cmd);
    if (!call) return undefined;
    const opts = parseOptions(call.args, OPTIONS);
    const [first, second, third] = opts.positionals;
    const global = first === 'global';
    const action = global ? second : first;
    if (action === undefined || !INSTALL.has(action)) return undefined;
    if (global) {
      const homes = homeCandidates(cmd, ctx);
      if (!homes) return undefined;
      return finish(
        cmd,
        ctx,
        opts,
        `global ${action}`,
        homes.flatMap((h) => vendorDestinations(cmd, h, 'the global vendor folder') ?? []),
      );
    }
    const workdir = absolute(cmd, opts.has('--working-dir') ? opts.get('--working-dir') : '.');
    if (workdir === undefined) return undefined;
    if (action === 'create-project') {
      // create-project <package> [<directory>] [<version>]
      if (second === undefined) return undefined;
      let dir = third;
      if (dir === undefined) {
        if (opts.positionals.length >= 3) return undefined;
        const name = second.split(/[:=]/)[0]?.toLowerCase() ?? '';
        dir = name.slice(name.indexOf('/') + 1);
      }
      if (dir === '') return undefined;
      const project = resolvePath(workdir, dir);
      return finish(cmd, ctx, opts, action, [
        { path: project, kind: 'packages', what: 'the project folder' },
      ]);
    }
    const dests = vendorDestinations(cmd, workdir, 'the vendor folder');
    if (!dests) return undefined;
    return finish(cmd, ctx, opts, action, dests);
  },
});

/** The vendor folder and bin folder of a project rooted at `root`. */
function vendorDestinations(cmd: SimpleCommand, root: string, what: string): Destination[] | undefined {
  const vendorEnv = cmd.env('COMPOSER_VENDOR_DIR');
  if (vendorEnv === null) return undefined;
  const vendor = resolvePath(root, vendorEnv || 'vendor');
  const dests: Destination[] = [{ path: vendor, kind: 'packages', what }];
  const binEnv = cmd.env('COMPOSER_BIN_DIR');
  if (binEnv === null) return undefined;
  if (binEnv) dests.push({ path: resolvePath(root, binEnv), kind: 'packages', what: 'the bin folder' });
  return dests;
}

function finish(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
  action: string,
  destinations: Destination[],
): Invocation {
  const defeatedBy = installDefeat(facts, cmd, callOf('composer', opts));
  return { tool: composer, command: cmd, action, destinations, caches: composerCaches(cmd, ctx), defeatedBy };
}
