/**
 * RubyGems: `gem install` and `gem update`. Facts, with their sources, in
 * `facts` below (docs/package-managers.md#gem); where gems go was checked
 * against rubygems/rubygems@b9648c7 lib/rubygems/defaults.rb: `default_dir`
 * is `<rubylibprefix>/gems/<ruby_version>`; `user_dir` is
 * `~/.gem/ruby/<ruby_version>` when `~/.gem` exists, else
 * `$XDG_DATA_HOME/gem/ruby/<ruby_version>` (`~/.local/share/gem/...`). A
 * gem's `.gem` file is kept in `<install dir>/cache`.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import { absolute, commandBase, homeOf, type OptionSpec, parseOptions } from './common.js';
import { rootImage, rootImageName } from './context.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const DEFAULTS = 'rubygems/rubygems@b9648c7:lib/rubygems/defaults.rb';
const RUBY_IMAGE = 'docker-library/ruby@d55e25a:3.3/bookworm/Dockerfile:11-12,101-108';

/**
 * Where RubyGems installs when GEM_HOME is not set, by how Ruby was installed:
 * the official `ruby` image and images built on it (`/usr/local/bundle`, its
 * GEM_HOME), Ruby built from source into /usr/local, Debian and Ubuntu's
 * `ruby` package (`/var/lib/gems/X.Y.0`), Alpine's (`/usr/lib/ruby/gems/X.Y.0`),
 * Fedora's (`/usr/share/gems`, `/usr/local/share/gems` for root installs).
 * `*` stands for the Ruby ABI version (`3.3.0`) when the image does not say.
 */
const DEFAULT_GEM_DIRS = [
  '/usr/local/bundle',
  '/usr/local/lib/ruby/gems/*',
  '/var/lib/gems/*',
  '/usr/lib/ruby/gems/*',
  '/usr/share/gems',
  '/usr/local/share/gems',
];

/**
 * Ruby's ABI version (`RbConfig::CONFIG["ruby_version"]`, `3.3.0`) from the tag
 * of a `ruby` image (`ruby:3.3-slim`, `public.ecr.aws/docker/library/ruby:3.0`);
 * undefined for other images or tags without a minor version.
 */
export function rubyAbiVersion(ctx: ToolContext): string | undefined {
  const ref = rootImage(ctx.stage);
  if (ref?.repository.split('/').pop() !== 'ruby') return undefined;
  const m = ref.tag ? /^(\d+)\.(\d+)(?:[.\-_]|$)/.exec(ref.tag) : null;
  return m ? `${m[1]}.${m[2]}.0` : undefined;
}

/** GEM_HOME as the command sees it: a path, `null` when set to something unknown, undefined when unset. */
export function gemHome(cmd: SimpleCommand): string | null | undefined {
  const v = cmd.env('GEM_HOME');
  if (v === undefined || v === '') return undefined;
  if (v === null) return null;
  return absolute(cmd, v) ?? null;
}

/** Why a gem directory's cache cannot be named when GEM_HOME is not known. */
export function unknownGemDir(ctx: ToolContext, tool: string): CacheDir {
  const image = ctx.stage.image ? ` in ${rootImageName(ctx.stage) ?? ''}` : '';
  return {
    unknown: `the gem directory (GEM_HOME) is not known${image}, so neither is ${tool}'s download cache, <gem dir>/cache (/usr/local/bundle/cache in images built on the official ruby image)`,
  };
}

/** The default gem folders with the Ruby version filled in when known. */
export function defaultGemDirs(ctx: ToolContext): string[] {
  const v = rubyAbiVersion(ctx);
  return DEFAULT_GEM_DIRS.map((d) => (v ? d.replace('*', v) : d));
}

const OPTIONS: OptionSpec = {
  values: [
    '-i',
    '--install-dir',
    '-n',
    '--bindir',
    '-v',
    '--version',
    '--platform',
    '-s',
    '--source',
    '-p',
    '--http-proxy',
    '--build-root',
    '-g',
    '--file',
    '--document',
    '-P',
    '--trust-policy',
    '--target-rbconfig',
    '--config-file',
  ],
  aliases: { '-i': '--install-dir', '-n': '--bindir', '-g': '--file' },
};

const INSTALL = new Set(['install', 'i', 'update']);

export const facts = defineTool({
  id: 'gem',
  name: 'RubyGems',
  programs: ['gem'],
  commands: {
    text: '`gem install` (`gem i`), `gem update` (not `gem update --system`)',
    source: 'https://guides.rubygems.org/command-reference/#gem-install',
  },
  destinations: {
    text: '`--install-dir`/`-i`, else `--user-install` (`~/.gem/ruby/X.Y.0` or `~/.local/share/gem/ruby/X.Y.0`), else `GEM_HOME` (`/usr/local/bundle` in the `ruby` image), else the default gem folder (`/var/lib/gems/X.Y.0`, `/usr/lib/ruby/gems/X.Y.0`, `/usr/local/lib/ruby/gems/X.Y.0`, ...); `--bindir`/`-n`',
    source: [DEFAULTS, RUBY_IMAGE, 'https://guides.rubygems.org/command-reference/#gem-install'],
  },
  cache: {
    text: '`<install dir>/cache` (`/usr/local/bundle/cache` in the `ruby` image): a cache inside the install folder',
    source: [DEFAULTS, RUBY_IMAGE],
  },
  caches: [
    {
      name: 'gem cache',
      default: '<install dir>/cache',
      images: [{ image: 'ruby', path: '/usr/local/bundle/cache', source: RUBY_IMAGE }],
      source: [DEFAULTS, 'rubygems/rubygems@69ec4a3:bundler/lib/bundler/source/rubygems.rb:429-456'],
    },
  ],
  knownCaches: [],
  defeats: [],
  cacheCommands: [{ match: [...INSTALL], source: DEFAULTS }],
  locking: [],
  traps: [],
});

export const gem: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    const base = commandBase(cmd.name);
    if (base === undefined || !/^gem\d*(\.\d+)?$/.test(base)) return undefined;
    return callOf('gem', parseOptions(cmd.argv.slice(1), OPTIONS));
  },
  invocation(cmd, ctx): Invocation | undefined {
    const base = commandBase(cmd.name);
    if (base === undefined || !/^gem\d*(\.\d+)?$/.test(base)) return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const action = opts.positionals[0];
    if (action === undefined || !INSTALL.has(action)) return undefined;
    if (action === 'update' && opts.has('--system')) return undefined;
    const override = ctx.cacheDirOverride('gem');
    const withCache = (dirs: Destination[], cache: CacheDir): Invocation => ({
      tool: gem,
      command: cmd,
      action,
      destinations: [...dirs, ...bindir(cmd, opts)],
      caches: [override ? { path: override, via: 'configuration' } : cache],
    });
    if (opts.has('--install-dir')) {
      const dir = absolute(cmd, opts.get('--install-dir'));
      if (!dir) return undefined;
      return withCache([{ path: dir, kind: 'packages', what: 'the --install-dir folder' }], {
        path: resolvePath(dir, 'cache'),
      });
    }
    if (opts.has('--user-install')) {
      const home = homeOf(cmd, ctx);
      if (home === undefined) return undefined;
      const version = rubyAbiVersion(ctx) ?? '*';
      const data = cmd.env('XDG_DATA_HOME');
      const dataHome =
        typeof data === 'string' && data ? absolute(cmd, data) : resolvePath(home, '.local/share');
      const dirs = [resolvePath(home, `.gem/ruby/${version}`)];
      if (dataHome) dirs.push(resolvePath(dataHome, `gem/ruby/${version}`));
      // A cache mount under ~/.gem creates ~/.gem, which makes RubyGems pick ~/.gem/ruby/X.Y.0.
      const cache: CacheDir =
        version === '*'
          ? {
              unknown:
                'the Ruby version, which names the --user-install folder, is not known from the base image',
            }
          : { path: resolvePath(home, `.gem/ruby/${version}/cache`) };
      return withCache(
        dirs.map((path) => ({ path, kind: 'packages', what: 'the user gem folder' })),
        cache,
      );
    }
    const home = gemHome(cmd);
    if (home === null) return undefined;
    if (home)
      return withCache([{ path: home, kind: 'packages', what: 'GEM_HOME' }], {
        path: resolvePath(home, 'cache'),
      });
    return withCache(
      defaultGemDirs(ctx).map((path) => ({ path, kind: 'packages', what: 'the gem folder' })),
      unknownGemDir(ctx, 'RubyGems'),
    );
  },
});

function bindir(cmd: SimpleCommand, opts: ReturnType<typeof parseOptions>): Destination[] {
  if (!opts.has('--bindir')) return [];
  const dir = absolute(cmd, opts.get('--bindir'));
  return dir ? [{ path: dir, kind: 'packages', what: 'the --bindir folder' }] : [];
}
