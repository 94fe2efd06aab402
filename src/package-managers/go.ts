/**
 * Go: `go install`, `go build`, `go mod vendor`. Facts, with their sources,
 * in `facts` below (docs/package-managers.md#go); checked against golang/go
 * (cmd/go/internal/cfg/cfg.go `gopathDir`, cmd/go/internal/cache/default.go,
 * `go help install`, `go help build`).
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { defeatLabel, definePackageManager, envValueDefeats, type ToolCall } from './answers.js';
import { cacheRule, commandBase, homeOf, notStatic, resolveCache, unknownHome } from './common.js';
import { cacheNamed, defeatMatching, defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const GOLANG_IMAGE = 'docker-library/golang@7c8c182:1.26/bookworm/Dockerfile:129-136';
const GO_CACHE = 'https://pkg.go.dev/cmd/go#hdr-Build_and_test_caching';
const GO_MODCACHE = 'https://go.dev/ref/mod#module-cache';
const CLEAN = 'golang/go@03c62d5:src/cmd/go/internal/clean/clean.go';

export const facts = defineTool({
  id: 'go',
  name: 'Go',
  programs: ['go'],
  commands: {
    text: '`go install`, `go build`, `go mod vendor` (`go mod download` and `go get` only fill the module cache)',
    source: [
      'https://pkg.go.dev/cmd/go#hdr-Compile_and_install_packages_and_dependencies',
      'https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies',
    ],
  },
  destinations: {
    text: '`go install`: `GOBIN`, else `$GOPATH/bin` (`/go/bin` in the golang image), else `~/go/bin`; `go build -o PATH`: PATH (a file or, with a trailing `/`, a folder) as build output, `go build` without `-o`: the working folder (`-C` moves it) for a single main package; `go mod vendor`: `./vendor` (`-o` moves it), counted as installed packages because every later `go build` in the module reads it (`-mod=vendor` is the default when `vendor/modules.txt` exists)',
    source: [
      'https://pkg.go.dev/cmd/go#hdr-Compile_and_install_packages_and_dependencies',
      'https://pkg.go.dev/cmd/go#hdr-Compile_packages_and_dependencies',
      GOLANG_IMAGE,
    ],
  },
  cache: {
    text: 'module cache first: `GOMODCACHE`, else `$GOPATH/pkg/mod` (first GOPATH entry; `/go/pkg/mod` in the golang image), else `~/go/pkg/mod`; then the build cache, which gets a mount of its own: `GOCACHE`, else `$XDG_CACHE_HOME/go-build`, else `~/.cache/go-build` (`/root/.cache/go-build` as root). The rewrite uses the module cache because it holds what the network gave (every `go install pkg@version` downloads modules), the build cache only what this machine can compute again. `GOCACHE=off` (or a relative GOCACHE) leaves the build cache out and is named in the message: builds fail with it since Go 1.12',
    source: [GO_MODCACHE, GO_CACHE, 'https://go.dev/src/cmd/go/testdata/script/mod_gomodcache.txt'],
  },
  caches: [
    {
      name: 'module cache',
      default: '~/go/pkg/mod',
      env: ['GOMODCACHE'],
      envBase: [['GOPATH', 'pkg/mod']],
      home: 'go/pkg/mod',
      images: [{ image: 'golang', path: '/go/pkg/mod', source: GOLANG_IMAGE }],
      source: [GO_MODCACHE, 'https://go.dev/src/cmd/go/testdata/script/mod_gomodcache.txt'],
    },
    {
      name: 'build cache',
      default: '~/.cache/go-build',
      env: ['GOCACHE'],
      xdgCache: 'go-build',
      source: GO_CACHE,
    },
  ],
  knownCaches: [
    { path: '~/.cache/go-build', source: GO_CACHE },
    { path: '/go/pkg', source: [GO_MODCACHE, GOLANG_IMAGE] },
    {
      path: '~/.cache/golangci-lint',
      program: 'golangci-lint',
      source: 'https://github.com/golangci/golangci-lint/issues/734',
    },
  ],
  defeats: [
    {
      kind: 'env',
      match: 'GOCACHE',
      value: 'relative',
      label: 'GOCACHE=off',
      effect: 'disables',
      caches: ['build cache'],
      source: [
        'https://go.googlesource.com/go.git/+/f2ec1254ff32fa39f3ce4faf72bbe44eeeeebad9/src/cmd/go/internal/cache/default.go',
        GO_CACHE,
      ],
    },
    {
      kind: 'command',
      match: 'clean -modcache',
      effect: 'empties',
      caches: ['module cache'],
      source: [`${CLEAN}:71-73`, GO_MODCACHE],
    },
    {
      kind: 'command',
      match: 'clean -cache',
      effect: 'empties',
      caches: ['build cache'],
      source: `${CLEAN}:66`,
    },
  ],
  cacheCommands: [
    { match: ['build', 'install', 'test', 'run', 'vet', 'generate'], source: [GO_CACHE, GO_MODCACHE] },
    {
      match: ['mod download', 'mod vendor', 'mod tidy', 'mod verify', 'get'],
      caches: ['module cache'],
      source: GO_MODCACHE,
    },
  ],
  downloadOnly: [
    {
      match: ['mod download'],
      source: 'https://go.dev/ref/mod#go-mod-download',
    },
  ],
  offline: [
    // GOPROXY=off "disallows downloading modules from any source"; -mod=vendor builds from vendor/, not the module cache.
    {
      kind: 'env',
      match: 'GOPROXY',
      value: { equals: 'off' },
      source: 'https://go.dev/ref/mod#environment-variables',
    },
    {
      kind: 'env',
      match: 'GOFLAGS',
      value: { includes: '-mod=vendor' },
      source: 'https://go.dev/ref/mod#vendoring',
    },
  ],
  locking: [],
  traps: [],
});

const GOCACHE_OFF = defeatMatching(facts, 'GOCACHE');

/**
 * Flags of the build commands that take a value (`go help build`, "build flags").
 * Boolean flags (`-a`, `-race`, `-trimpath`, `-v`, `-x`, `-buildvcs`) take none.
 */
const VALUE_FLAGS = new Set([
  'o',
  'C',
  'p',
  'asmflags',
  'buildmode',
  'compiler',
  'gccgoflags',
  'gcflags',
  'installsuffix',
  'ldflags',
  'mod',
  'modfile',
  'overlay',
  'pgo',
  'pkgdir',
  'tags',
  'toolexec',
  'coverpkg',
  'covermode',
]);

/**
 * `go env -w` writes to the go env file, which go reads when the variable is
 * unset (cmd/go/internal/cfg/cfg.go `Getenv` consults "the go/env file").
 * Such a setting earlier in the stage makes these locations unknowable.
 */
const ENV_FILE_WRITE = (name: string) => new RegExp(`\\bgo\\s+env\\s+-w\\b[^\\n]*\\b${name}=`);

interface GoFlags {
  flags: Map<string, string | undefined>;
  positionals: Array<string | undefined>;
}

/**
 * Reads Go's flags: `-flag`, `--flag`, `-flag=value`, `-flag value`. Like
 * Go's flag package, parsing stops at the first argument that is not a flag.
 */
function goFlags(words: readonly Word[]): GoFlags {
  const flags = new Map<string, string | undefined>();
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]?.value;
    if (w === undefined || !w.startsWith('-') || w === '-') break;
    if (w === '--') {
      i++;
      break;
    }
    const body = w.replace(/^--?/, '');
    const eq = body.indexOf('=');
    if (eq >= 0) flags.set(body.slice(0, eq), body.slice(eq + 1));
    else if (VALUE_FLAGS.has(body)) {
      flags.set(body, words[i + 1]?.value);
      i++;
    } else flags.set(body, '');
  }
  return { flags, positionals: words.slice(i).map((w) => w.value) };
}

/** The first entry of GOPATH, as go uses it (`gopathDir`: `filepath.SplitList(GOPATH)[0]`), else `$HOME/go`. */
function gopath(cmd: SimpleCommand, ctx: ToolContext): { path: string; via?: string } | { unknown: string } {
  if (ENV_FILE_WRITE('GOPATH').test(ctx.stageText()))
    return { unknown: 'the stage sets GOPATH with `go env -w`' };
  const v = cmd.env('GOPATH');
  if (v === null) return notStatic('GOPATH');
  if (v !== undefined && v !== '') {
    const first = v.split(':')[0] ?? '';
    return first.startsWith('/')
      ? { path: resolvePath('/', first), via: 'GOPATH' }
      : { unknown: 'GOPATH is not an absolute path' };
  }
  // go/build defaultGOPATH: $HOME/go.
  const home = homeOf(cmd, ctx);
  return home?.startsWith('/') ? { path: resolvePath(home, 'go') } : unknownHome(cmd, ctx);
}

/** `go install` destination: GOBIN, else `$GOPATH/bin`, else `$HOME/go/bin` (`go help install`). */
function gobin(cmd: SimpleCommand, ctx: ToolContext): Destination | undefined {
  if (ENV_FILE_WRITE('GOBIN').test(ctx.stageText())) return undefined;
  const bin = cmd.env('GOBIN');
  if (bin === null) return undefined;
  if (bin !== undefined && bin !== '') {
    // go refers to a relative GOBIN as an error ("GOBIN must be an absolute path").
    return bin.startsWith('/') ? { path: resolvePath('/', bin), kind: 'packages', what: 'GOBIN' } : undefined;
  }
  const gp = gopath(cmd, ctx);
  if ('unknown' in gp) return undefined;
  return {
    path: resolvePath(gp.path, 'bin'),
    kind: 'packages',
    what: gp.via ? '$GOPATH/bin' : '$HOME/go/bin',
  };
}

/** Module cache: GOMODCACHE, else `$GOPATH[0]/pkg/mod` (cfg.go: `envOr("GOMODCACHE", gopathDir("pkg/mod"))`). */
function moduleCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir {
  const override = ctx.cacheDirOverride('go');
  if (override) return { path: override, via: 'configuration' };
  if (ENV_FILE_WRITE('GOMODCACHE').test(ctx.stageText()))
    return { unknown: 'the stage sets GOMODCACHE with `go env -w`' };
  const v = cmd.env('GOMODCACHE');
  if (v === null) return notStatic('GOMODCACHE');
  if (v !== undefined && v !== '') {
    return v.startsWith('/')
      ? { path: resolvePath('/', v), via: 'GOMODCACHE' }
      : { unknown: 'GOMODCACHE is not an absolute path' };
  }
  const gp = gopath(cmd, ctx);
  if ('unknown' in gp) return gp;
  return gp.via
    ? { path: resolvePath(gp.path, 'pkg/mod'), via: 'GOPATH' }
    : { path: resolvePath(gp.path, 'pkg/mod') };
}

/**
 * Build cache: GOCACHE, else `os.UserCacheDir()/go-build` (`$XDG_CACHE_HOME` or
 * `$HOME/.cache`). A GOCACHE of `off` or a relative path disables it, which is
 * fatal for builds since Go 1.12 (cache/default.go: "build cache is disabled by
 * GOCACHE=off, but required as of Go 1.12"; "GOCACHE is not an absolute path").
 */
function buildCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir | 'off' {
  if (ENV_FILE_WRITE('GOCACHE').test(ctx.stageText()))
    return { unknown: 'the stage sets GOCACHE with `go env -w`' };
  if (GOCACHE_OFF.kind === 'env' && envValueDefeats(GOCACHE_OFF.value, cmd.env('GOCACHE'))) return 'off';
  // Not configurable: the configured cache folder names the module cache (the first cache), not this one.
  const c = resolveCache(cmd, ctx, cacheRule(facts, cacheNamed(facts, 'build cache')));
  // A stage FROM scratch has an empty HOME: the location is then unknown, not relative.
  return 'path' in c && !c.path.startsWith('/') ? unknownHome(cmd, ctx) : c;
}

function caches(
  cmd: SimpleCommand,
  ctx: ToolContext,
  build: boolean,
): { caches: CacheDir[]; defeatedBy?: string } {
  const out: CacheDir[] = [moduleCache(cmd, ctx)];
  if (!build) return { caches: out };
  const bc = buildCache(cmd, ctx);
  if (bc === 'off') return { caches: out, defeatedBy: defeatLabel(GOCACHE_OFF) };
  out.push(bc);
  return { caches: out };
}

/** The folder a command works in after `-C dir` (Go 1.20: "-C dir: Change to dir before running the command"). */
function workdir(cmd: SimpleCommand, flags: GoFlags['flags']): string | undefined {
  if (!flags.has('C')) return cmd.cwd;
  const dir = flags.get('C');
  if (dir === undefined || dir === '') return undefined;
  if (dir.startsWith('/')) return resolvePath('/', dir);
  return cmd.cwd === undefined ? undefined : resolvePath(cmd.cwd, dir);
}

function under(dir: string | undefined, p: string): string | undefined {
  if (p.startsWith('/')) return resolvePath('/', p);
  return dir === undefined ? undefined : resolvePath(dir, p);
}

/**
 * A go command: its sub-command words and the flags after them. Go's flag
 * package stops at the first argument that is not a flag, so only the flags
 * right after the sub-command count.
 */
function goCall(cmd: SimpleCommand): ToolCall | undefined {
  if (commandBase(cmd.name) !== 'go') return undefined;
  const words = cmd.argv.slice(1);
  const subs: Array<string | undefined> = [];
  let i = 0;
  while (i < words.length && subs.length < 2 && !(words[i]?.value ?? '-').startsWith('-')) {
    subs.push(words[i]?.value);
    i++;
  }
  // `go mod download`: a second word that is not a known two-word command is an argument.
  if (subs[0] !== 'mod' && subs.length > 1) {
    subs.pop();
    i--;
  }
  const opts = goFlags(words.slice(i));
  const written = new Map<string, string>();
  for (const w of words.slice(i)) {
    const name = w.value?.replace(/^--?/, '').split('=')[0];
    if (name && w.value?.startsWith('-')) written.set(`-${name}`, w.raw);
  }
  return {
    program: 'go',
    positionals: [...subs, ...opts.positionals],
    has: (o) => opts.flags.has(o.replace(/^-/, '')),
    get: (o) => opts.flags.get(o.replace(/^-/, '')),
    written: (o) => written.get(o),
  };
}

export const go: PackageManager = definePackageManager({
  facts,
  call: goCall,
  caches(cmd, ctx) {
    const bc = buildCache(cmd, ctx);
    return [moduleCache(cmd, ctx), bc === 'off' ? undefined : bc];
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'go') return undefined;
    const sub = cmd.argv[1]?.value;
    if (sub === 'install') {
      const dest = gobin(cmd, ctx);
      if (!dest) return undefined;
      return { tool: go, command: cmd, action: 'install', destinations: [dest], ...caches(cmd, ctx, true) };
    }
    if (sub === 'build') {
      const opts = goFlags(cmd.argv.slice(2));
      const dir = workdir(cmd, opts.flags);
      let dest: Destination | undefined;
      if (opts.flags.has('o')) {
        const o = opts.flags.get('o');
        if (o === undefined || o === '' || o === '/dev/null') return undefined;
        // "If the named output is an existing directory or ends with a slash or backslash, then any resulting
        // executables will be written to that directory" (go help build). The path itself covers both: a mount on
        // it or on its folder is an ancestor of what go writes.
        const p = under(dir, o);
        if (!p) return undefined;
        dest = { path: p, kind: 'build', what: 'the -o output' };
      } else {
        // "When compiling multiple packages or a single non-main package, build compiles the packages but
        // discards the resulting object" (go help build).
        const pkgs = opts.positionals.filter((p) => p === undefined || !p.endsWith('.go'));
        if (pkgs.length > 1 || pkgs.some((p) => p === undefined || p.includes('...'))) return undefined;
        if (dir === undefined) return undefined;
        dest = { path: dir, kind: 'build', what: 'the build folder' };
      }
      return { tool: go, command: cmd, action: 'build', destinations: [dest], ...caches(cmd, ctx, true) };
    }
    if (sub === 'mod' && cmd.argv[2]?.value === 'vendor') {
      const opts = goFlags(cmd.argv.slice(3));
      // `go mod vendor -o dir` (Go 1.18); default "vendor" in the main module's folder.
      const out = opts.flags.has('o') ? opts.flags.get('o') : 'vendor';
      const p = out ? under(cmd.cwd, out) : undefined;
      if (!p) return undefined;
      return {
        tool: go,
        command: cmd,
        action: 'mod vendor',
        destinations: [{ path: p, kind: 'packages', what: 'vendor' }],
        ...caches(cmd, ctx, false),
      };
    }
    return undefined;
  },
});
