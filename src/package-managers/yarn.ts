/**
 * Yarn classic (v1): bare `yarn`, `yarn install`, `yarn add`, `yarn global
 * add`. Facts: knowledge/package-managers.md section 8 (yarnpkg/yarn
 * src/util/user-home-dir.js, root-user.js, user-dirs.js, constants.js).
 */
import { resolvePath } from '../paths.js';
import {
  absolute,
  commandBase,
  envOf,
  homeOf,
  type OptionSpec,
  parseOptions,
  resolveCache,
} from './common.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

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
  ],
};

/** Signs that the yarn in this stage is Yarn Berry (v2+), whose cache rules differ. */
const BERRY_FLAGS = ['--immutable', '--immutable-cache', '--check-cache', '--mode', '--inline-builds'];
const BERRY_ENV = [
  'YARN_NODE_LINKER',
  'YARN_ENABLE_GLOBAL_CACHE',
  'YARN_ENABLE_IMMUTABLE_INSTALLS',
  'YARN_GLOBAL_FOLDER',
];
const BERRY_TEXT =
  /\.yarnrc\.yml|yarn\s+set\s+version|(?:corepack\s+(?:prepare|use|install)|yarn@)\s*(?:yarn@)?(?:berry|stable|canary|[2-9])/;

export function isBerry(
  opts: ReturnType<typeof parseOptions>,
  cmd: Parameters<PackageManager['invocation']>[0],
  ctx: ToolContext,
): boolean {
  if (BERRY_FLAGS.some((f) => opts.has(f))) return true;
  if (BERRY_ENV.some((e) => cmd.env(e) !== undefined)) return true;
  return BERRY_TEXT.test(ctx.stageText());
}

/** Yarn 1 puts root's cache under /usr/local/share (src/util/user-home-dir.js: ROOT_USER ? '/usr/local/share'). */
function yarnCache(
  cmd: Parameters<PackageManager['invocation']>[0],
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): CacheDir {
  const flag = opts.has('--cache-folder')
    ? { name: '--cache-folder', value: opts.get('--cache-folder') }
    : undefined;
  return resolveCache(cmd, ctx, {
    tool: 'yarn',
    flag,
    env: ['YARN_CACHE_FOLDER'],
    xdgCache: 'yarn',
    root: '/usr/local/share/.cache/yarn',
  });
}

export const yarn: PackageManager = {
  id: 'yarn',
  name: 'Yarn 1',
  docs: {
    commands:
      'bare `yarn`, `yarn install`, `yarn add`, `yarn global add` (Yarn 1; Yarn Berry is recognised by `.yarnrc.yml`, `yarn set version`, corepack or its flags, and left to its own rules)',
    destinations:
      '`<cwd>/node_modules` (`--cwd`), `--modules-folder`; `yarn global add`: `$XDG_DATA_HOME/yarn/global` or `~/.config/yarn/global`',
    cache:
      '`--cache-folder`, `YARN_CACHE_FOLDER`, `$XDG_CACHE_HOME/yarn`; as root `/usr/local/share/.cache/yarn`, else `~/.cache/yarn`',
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'yarn') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const [first, second] = opts.positionals;
    let action: string;
    let dests: Destination[] | undefined;
    const cwd = absolute(cmd, opts.has('--cwd') ? opts.get('--cwd') : '.');
    if (first === undefined && opts.positionals.length === 0) action = 'install';
    else if (first === 'install' || first === 'add') action = first;
    else if (first === 'global' && second === 'add') action = 'global add';
    else return undefined;
    if (isBerry(opts, cmd, ctx)) return undefined;
    if (action === 'global add') {
      const data = envOf(cmd, 'XDG_DATA_HOME');
      const user = ctx.userOf(cmd);
      const base =
        data?.value != null
          ? resolvePath(data.value, 'yarn')
          : user.root
            ? '/usr/local/share/.config/yarn'
            : homeOf(cmd, ctx) && resolvePath(homeOf(cmd, ctx) as string, '.config/yarn');
      if (!base) return undefined;
      dests = [{ path: resolvePath(base, 'global'), kind: 'packages', what: 'the global folder' }];
    } else {
      const modules = opts.has('--modules-folder')
        ? absolute(cmd, opts.get('--modules-folder'))
        : cwd && resolvePath(cwd, 'node_modules');
      if (!modules) return undefined;
      dests = [{ path: modules, kind: 'packages', what: 'node_modules' }];
    }
    return { tool: yarn, command: cmd, action, destinations: dests, caches: [yarnCache(cmd, ctx, opts)] };
  },
};
