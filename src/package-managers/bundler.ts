/**
 * Bundler: `bundle install` (and bare `bundle`), `bundle update`, `bundle add`.
 * Where the gems go is Bundler's `path` setting, read the way
 * Bundler::Settings#path reads it: the command's own flags, then the app's
 * local config, then `BUNDLE_*` variables, then the user's global config;
 * `deployment` means `vendor/bundle` when no level sets a path; with no path at
 * all Bundler 2 and 4 install into the system gem folder (GEM_HOME). The
 * config is what `bundle config set path X` (or `bundle config path X`,
 * `bundle install --path X`) wrote earlier in the stage chain or earlier in
 * the same RUN. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#bundler); the order of the settings was checked
 * against rubygems/rubygems@9635a2f bundler/lib/bundler/settings.rb (`[]` and `path`:
 * temporary > local > env > global; `Path#path` appends
 * `Bundler.ruby_scope`, `ruby/X.Y.0`, to an explicit path),
 * @19b49bb bundler/lib/bundler/source/rubygems.rb (`fetch_gem`: downloads to
 * `download_cache_path(spec) || "#{Bundler.rubygems.gem_dir}/cache"`, the
 * global gem cache `Bundler.user_cache/gems/<slug>` when `global_gem_cache`),
 * @001070c bundler/lib/bundler/man/bundle-config.1.ronn (`bundle config set`
 * writes the local config when run inside an app; `BUNDLE_USER_CACHE`,
 * `BUNDLE_USER_HOME`); ruby/rubygems#9698 (the `.bundle` default path moved to
 * Bundler 5).
 */
import type { RunInstruction, Stage } from '../model/dockerfile.js';
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  commandBase,
  dirFromVariable,
  homeOf,
  notStatic,
  type OptionSpec,
  parseOptions,
  truthy,
  unknownHome,
} from './common.js';
import { stageChain } from './context.js';
import { defineTool } from './facts.js';
import { defaultGemDirs, gemHome, rubyAbiVersion, unknownGemDir } from './gem.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const RUBYGEMS = 'rubygems/rubygems@69ec4a3';
const RUBY_IMAGE = 'docker-library/ruby@d55e25a:3.3/bookworm/Dockerfile:11-12,101-108';

const INSTALL = new Set(['install', 'i', 'update', 'add']);

const OPTIONS: OptionSpec = {
  values: [
    '--path',
    '--gemfile',
    '-j',
    '--jobs',
    '--retry',
    '--without',
    '--with',
    '--shebang',
    '--trust-policy',
    '--target-rbconfig',
    '--source',
    '--group',
    '-g',
    '--version',
    '-v',
    '--require',
    '--git',
    '--github',
    '--branch',
    '--ref',
    '--glob',
  ],
};

/** Settings that decide the bundle path, and the global gem cache switch. */
type Key = 'path' | 'path.system' | 'disable_shared_gems' | 'deployment' | 'global_gem_cache';
const KEYS = new Set<string>([
  'path',
  'path.system',
  'disable_shared_gems',
  'deployment',
  'global_gem_cache',
]);

/** A setting's value at one level (absent from the level's map when not set there): a string, or `UNKNOWN` when set to something not known statically. */
const UNKNOWN = Symbol('unknown');
type Value = string | typeof UNKNOWN;
type Level = Map<Key, Value>;

interface ConfigWrite {
  scope: 'local' | 'global';
  key: Key;
  /** undefined: the key is removed (`bundle config unset`). */
  value: Value | undefined;
}

export const facts = defineTool({
  id: 'bundler',
  name: 'Bundler',
  programs: ['bundle', 'bundler'],
  commands: {
    text: '`bundle install` (bare `bundle`, `bundle check || bundle install`), `bundle update`, `bundle add`; the path set by `bundle config set path X` (or `bundle config path X`, `bundle install --path X`) earlier in the stage or the same RUN',
    source: `${RUBYGEMS}:bundler/lib/bundler/man/bundle-config.1.ronn:139-214`,
  },
  destinations: {
    text: 'the bundle path: `--path`, the local config, `BUNDLE_PATH`, the global config (`<path>/ruby/X.Y.0`, relative paths from the Gemfile folder), `BUNDLE_DEPLOYMENT`/`--deployment`: `vendor/bundle/ruby/X.Y.0`; otherwise `GEM_HOME` (`/usr/local/bundle` in the `ruby` image)',
    source: [`${RUBYGEMS}:bundler/lib/bundler/man/bundle-config.1.ronn:139-214`, RUBY_IMAGE],
  },
  cache: {
    text: '`<bundle path>/cache`, inside the destination (`/usr/local/bundle/cache` in the `ruby` image, `<path>/ruby/X.Y.0/cache` for a custom path, the Ruby version read from the image tag); with `BUNDLE_GLOBAL_GEM_CACHE=true`: `BUNDLE_USER_CACHE` or `~/.bundle/cache`. `/root/.gem` is not where Bundler keeps gems in the `ruby` image',
    source: [
      `${RUBYGEMS}:bundler/lib/bundler/source/rubygems.rb:429-456,485-501`,
      `${RUBYGEMS}:bundler/lib/bundler/man/bundle-config.1.ronn:390-402`,
      RUBY_IMAGE,
    ],
  },
  caches: [
    {
      name: 'gem cache',
      default: '<bundle path>/cache',
      images: [{ image: 'ruby', path: '/usr/local/bundle/cache', source: RUBY_IMAGE }],
      source: `${RUBYGEMS}:bundler/lib/bundler/source/rubygems.rb:429-456,485-501`,
    },
    {
      name: 'global gem cache',
      default: '~/.bundle/cache',
      env: ['BUNDLE_USER_CACHE'],
      envBase: [['BUNDLE_USER_HOME', 'cache']],
      home: '.bundle/cache',
      source: [
        `${RUBYGEMS}:bundler/lib/bundler/man/bundle-config.1.ronn:390-402`,
        `${RUBYGEMS}:bundler/lib/bundler/source.rb:78-86`,
      ],
    },
  ],
  knownCaches: [],
  defeats: [],
  cacheCommands: [
    {
      match: ['', ...INSTALL],
      source: `${RUBYGEMS}:bundler/lib/bundler/source/rubygems.rb:429-456,485-501`,
    },
  ],
  locking: [],
  traps: [],
});

export const bundler: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    const base = commandBase(cmd.name);
    if (base !== 'bundle' && base !== 'bundler') return undefined;
    return callOf(base, parseOptions(cmd.argv.slice(1), OPTIONS));
  },
  invocation(cmd, ctx): Invocation | undefined {
    const base = commandBase(cmd.name);
    if (base !== 'bundle' && base !== 'bundler') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const first = opts.positionals[0];
    const action = first === undefined && opts.positionals.length === 0 ? 'install' : first;
    if (action === undefined || !INSTALL.has(action)) return undefined;

    // The Gemfile's folder is Bundler's root: relative paths and the local config belong to it.
    const gemfile = opts.has('--gemfile') ? opts.get('--gemfile') : cmd.env('BUNDLE_GEMFILE');
    if (gemfile === null) return undefined;
    // Unknown when the working folder is: it matters only for a relative bundle path.
    const root = gemfile ? absolute(cmd, dirname(gemfile)) : absolute(cmd, '.');

    const levels = settingLevels(cmd, ctx, opts);
    const path = bundlePath(levels);
    if (path === UNKNOWN) return undefined;
    const version = rubyAbiVersion(ctx);

    let destinations: Destination[];
    let cache: CacheDir;
    if (path.system) {
      const home = gemHome(cmd);
      if (home === null) return undefined;
      if (home) {
        destinations = [{ path: home, kind: 'packages', what: 'GEM_HOME, the bundle path' }];
        cache = { path: resolvePath(home, 'cache') };
      } else {
        destinations = defaultGemDirs(ctx).map((p) => ({
          path: p,
          kind: 'packages',
          what: 'the gem folder',
        }));
        cache = unknownGemDir(ctx, 'Bundler');
      }
    } else {
      if (root === undefined && !path.explicit.startsWith('/')) return undefined;
      const explicit = resolvePath(root ?? '/', path.explicit);
      const scoped = resolvePath(explicit, `ruby/${version ?? '*'}`);
      destinations = [{ path: scoped, kind: 'packages', what: 'the bundle path' }];
      const user = userCache(cmd, ctx);
      cache = version
        ? { path: resolvePath(scoped, 'cache') }
        : {
            unknown: `the Ruby version is not known from the base image, and Bundler keeps downloaded gems in ${explicit}/ruby/<version>/cache${'path' in user ? ` (or set BUNDLE_GLOBAL_GEM_CACHE=true and mount ${user.path})` : ''}`,
          };
    }

    const override = ctx.cacheDirOverride('bundler');
    if (override) cache = { path: override, via: 'configuration' };
    else {
      const global = lookup(levels, 'global_gem_cache');
      if (global === UNKNOWN) cache = notStatic('BUNDLE_GLOBAL_GEM_CACHE');
      else if (global !== undefined && truthy(global)) cache = userCache(cmd, ctx);
    }
    return { tool: bundler, command: cmd, action, destinations, caches: [cache] };
  },
});

/** `Bundler.user_cache`: `BUNDLE_USER_CACHE`, else `BUNDLE_USER_HOME/cache`, else `~/.bundle/cache`. */
function userCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  const fromVariable =
    dirFromVariable(cmd, 'BUNDLE_USER_CACHE') ?? dirFromVariable(cmd, 'BUNDLE_USER_HOME', 'cache');
  if (fromVariable) return fromVariable;
  const home = homeOf(cmd, ctx);
  return home
    ? { path: resolvePath(home, '.bundle/cache'), via: 'BUNDLE_GLOBAL_GEM_CACHE' }
    : unknownHome(cmd, ctx);
}

/** The settings levels, highest first: the command's flags, the local config, the environment, the global config. */
function settingLevels(cmd: SimpleCommand, ctx: ToolContext, opts: ReturnType<typeof parseOptions>): Level[] {
  const temporary: Level = new Map();
  if (opts.has('--path')) temporary.set('path', opts.get('--path') ?? UNKNOWN);
  if (opts.has('--system')) temporary.set('path.system', 'true');
  if (opts.has('--deployment')) temporary.set('deployment', 'true');
  const env: Level = new Map();
  for (const key of KEYS) {
    const name = `BUNDLE_${key.replace('.', '__').toUpperCase()}`;
    const v = cmd.env(name);
    if (v === undefined || v === '') continue;
    env.set(key as Key, v === null ? UNKNOWN : v);
  }
  const local: Level = new Map();
  const global: Level = new Map();
  if (cmd.env('BUNDLE_IGNORE_CONFIG') === undefined) {
    for (const w of configWrites(cmd, ctx)) {
      const level = w.scope === 'global' ? global : local;
      if (w.value === undefined) level.delete(w.key);
      else level.set(w.key, w.value);
    }
  }
  return [temporary, local, env, global];
}

function lookup(levels: Level[], key: Key): Value | undefined {
  for (const level of levels) if (level.has(key)) return level.get(key);
  return undefined;
}

/** Settings#path: the first level that sets `path`, `path.system` or `disable_shared_gems` decides; then `deployment`. */
function bundlePath(
  levels: Level[],
): { system: true } | { system: false; explicit: string } | typeof UNKNOWN {
  for (const level of levels) {
    const path = level.get('path');
    const system = level.get('path.system');
    const shared = level.get('disable_shared_gems');
    if (path === undefined && system === undefined && shared === undefined) continue;
    if (system === UNKNOWN || shared === UNKNOWN) return UNKNOWN;
    if (
      (system !== undefined && truthy(system)) ||
      (shared !== undefined && /^(false|f|no|n|0)$/i.test(shared))
    )
      return { system: true };
    if (path === UNKNOWN) return UNKNOWN;
    if (path !== undefined) return { system: false, explicit: path };
  }
  const deployment = lookup(levels, 'deployment');
  if (deployment === UNKNOWN) return UNKNOWN;
  if (deployment !== undefined && truthy(deployment)) return { system: false, explicit: 'vendor/bundle' };
  return { system: true };
}

/**
 * The config writes made before this command in its stage chain: `bundle
 * config [set|unset] [--local|--global] NAME [VALUE]`, the Bundler 1 form
 * `bundle config NAME VALUE` and the remembered `bundle install --path X`,
 * `--deployment`, `--system`. Read from the RUN text, since earlier RUNs are
 * not commands the module sees.
 */
function configWrites(cmd: SimpleCommand, ctx: ToolContext): ConfigWrite[] {
  const writes: ConfigWrite[] = [];
  for (const run of runsBefore(ctx.stage, cmd.start)) {
    for (const seg of segments(run.text)) {
      if (run.limit !== undefined && run.offset(seg.start) >= run.limit) break;
      writes.push(...parseConfig(seg.words, cmd));
    }
  }
  return writes;
}

interface RunText {
  text: string;
  offset(i: number): number;
  /** Only text before this document offset counts (the current RUN). */
  limit: number | undefined;
}

function runsBefore(stage: Stage, at: number): RunText[] {
  const out: RunText[] = [];
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if (ins.keyword !== 'RUN' || ins.start > at) continue;
      const run = ins as RunInstruction;
      const current = at < run.end;
      out.push({
        text: run.command.text,
        offset: (i) => run.command.offset(i),
        limit: current ? at : undefined,
      });
      for (const h of run.heredocs) {
        out.push({ text: h.content, offset: (i) => h.contentStart + i, limit: current ? at : undefined });
      }
    }
  }
  return out;
}

/** Splits shell text into simple commands at `&&`, `||`, `;`, `|`, newlines and parentheses, keeping quotes. */
function segments(text: string): Array<{ start: number; words: string[] }> {
  const out: Array<{ start: number; words: string[] }> = [];
  let words: string[] = [];
  let word = '';
  let inWord = false;
  let start = 0;
  const endWord = () => {
    if (inWord) words.push(word);
    word = '';
    inWord = false;
  };
  const endSegment = (next: number) => {
    endWord();
    if (words.length) out.push({ start, words });
    words = [];
    start = next;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      const end = close < 0 ? text.length : close;
      word += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[i + 1];
      inWord = true;
      i++;
    } else if (c === ' ' || c === '\t') endWord();
    else if (c === '\n' || c === ';' || c === '(' || c === ')') endSegment(i + 1);
    else if ((c === '&' || c === '|') && text[i + 1] === c) {
      endSegment(i + 2);
      i++;
    } else if (c === '|') endSegment(i + 1);
    else if (c === '#' && !inWord) {
      const nl = text.indexOf('\n', i);
      i = (nl < 0 ? text.length : nl) - 1;
    } else {
      word += c;
      inWord = true;
    }
  }
  endSegment(text.length);
  return out;
}

/** `$NAME` and `${NAME}` from what the install command sees; undefined when unknown. */
function expand(word: string, cmd: SimpleCommand): string | undefined {
  let unknown = false;
  const out = word.replace(/\$(?:\{(\w+)\}|(\w+))/g, (_m, a: string | undefined, b: string | undefined) => {
    const v = cmd.env((a ?? b) as string);
    if (typeof v !== 'string') unknown = true;
    return typeof v === 'string' ? v : '';
  });
  return unknown || out.includes('$') || out.includes('`') ? undefined : out;
}

function parseConfig(all: string[], cmd: SimpleCommand): ConfigWrite[] {
  let i = 0;
  while (
    i < all.length &&
    (/^\w+=/.test(all[i] as string) || ['sudo', 'exec', 'env', 'command'].includes(all[i] as string))
  )
    i++;
  const words = all.slice(i);
  const base = commandBase(words[0]);
  if (base !== 'bundle' && base !== 'bundler') return [];
  if (words[1] === 'install') {
    const writes: ConfigWrite[] = [];
    for (let j = 2; j < words.length; j++) {
      const w = words[j] as string;
      if (w === '--path' || w.startsWith('--path=')) {
        const raw = w === '--path' ? words[++j] : w.slice('--path='.length);
        const v = raw === undefined ? undefined : expand(raw, cmd);
        writes.push({ scope: 'local', key: 'path', value: v ?? UNKNOWN });
      } else if (w === '--deployment') writes.push({ scope: 'local', key: 'deployment', value: 'true' });
      else if (w === '--system') writes.push({ scope: 'local', key: 'path.system', value: 'true' });
    }
    return writes;
  }
  if (words[1] !== 'config') return [];
  // Without --local/--global, `bundle config set` writes the app's local config when run inside an app
  // (bundle-config(1) as of @001070c; Bundler 2.x before that wrote the global config, which BUNDLE_PATH overrides).
  let scope: ConfigWrite['scope'] = 'local';
  let remove = false;
  const rest: string[] = [];
  for (const w of words.slice(2)) {
    if (w === '--global') scope = 'global';
    else if (w === '--local') scope = 'local';
    else if (w === '--delete') remove = true;
    else if (w.startsWith('--')) continue;
    else rest.push(w);
  }
  let sub = rest[0];
  if (sub === 'set' || sub === 'unset' || sub === 'get' || sub === 'list') rest.shift();
  else sub = undefined;
  if (sub === 'get' || sub === 'list') return [];
  const name = rest[0]?.toLowerCase();
  if (name === undefined || !KEYS.has(name)) return [];
  const key = name as Key;
  if (sub === 'unset' || remove) return [{ scope, key, value: undefined }];
  const raw = rest[1];
  if (raw === undefined) return [];
  return [{ scope, key, value: expand(raw, cmd) ?? UNKNOWN }];
}
