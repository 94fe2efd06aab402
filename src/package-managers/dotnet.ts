/**
 * .NET SDK: `dotnet restore`, `build`, `publish`, `test`, `pack`, `run` write
 * `obj/` and `bin/` under the project folder (and `-o` folders): build output.
 * `dotnet tool install -g`/`--tool-path` installs tools: packages. NuGet keeps
 * downloaded packages in its global-packages folder, which PackageReference
 * builds read directly, and HTTP responses in its http-cache. Facts, with
 * their sources, in `facts` below (docs/package-managers.md#dotnet); the home
 * NuGet uses was checked against NuGet/NuGet.Client
 * src/NuGet.Core/NuGet.Common/PathUtil/NuGetEnvironment.cs: `DOTNET_CLI_HOME`,
 * else `HOME`; the http-cache is `$XDG_DATA_HOME/NuGet/http-cache` (else
 * `~/.local/share/NuGet/http-cache`) on Linux in current NuGet (`v3-cache`
 * in older releases).
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
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

const NUGET_FOLDERS =
  'https://learn.microsoft.com/en-us/nuget/consume-packages/managing-the-global-packages-and-cache-folders';
const LOCALS = 'https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-nuget-locals';
const RESTORE = 'https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-restore';
const SDK_IMAGE = 'dotnet/dotnet-docker@3ed00b6:src/sdk/10.0/noble/amd64/Dockerfile:21-31';

/**
 * Commands that restore and build a project, keeping what they write (dotnet CLI
 * reference). `dotnet test` and `dotnet run` build only to run what they
 * built, so their output is never needed afterwards and they are not installs.
 */
const BUILD = new Set(['restore', 'build', 'publish', 'pack']);
/** Commands whose `--no-restore` or `--no-build` makes them read packages from global-packages. */
const READERS = new Set(['build', 'publish', 'test', 'pack', 'run']);

const OPTIONS: OptionSpec = {
  values: [
    '-o',
    '--output',
    '-c',
    '--configuration',
    '-f',
    '--framework',
    '-r',
    '--runtime',
    '-a',
    '--arch',
    '--os',
    '-s',
    '--source',
    '--packages',
    '-v',
    '--verbosity',
    '--version-suffix',
    '--artifacts-path',
    '--launch-profile',
    '-lp',
    '-e',
    '--environment',
    '-l',
    '--logger',
    '--filter',
    '--settings',
    '--results-directory',
    '-d',
    '--diag',
    '--collect',
    '--configfile',
    '--lock-file-path',
    '--tool-path',
    '--version',
    '--add-source',
    '--tool-manifest',
    '--property',
    '-p',
  ],
  aliases: { '-o': '--output', '-a': '--arch', '-p': '--property' },
};

/** Project files a positional argument may name; anything else is a folder holding one. */
const PROJECT_FILE = /\.(csproj|fsproj|vbproj|proj)$/i;
const SOLUTION_FILE = /\.(sln|slnx|slnf)$/i;

/** An MSBuild property given on the command line (`-p:Name=value`, `/p:Name=value`, `--property:Name=value`). */
function property(cmd: SimpleCommand, name: string): string | null | undefined {
  let found: string | null | undefined;
  const re = new RegExp(`^(?:-|--|/)(?:p|property):${name}=(.*)$`, 'i');
  for (const w of cmd.argv) {
    if (w.value === undefined) {
      if (new RegExp(`${name}=`, 'i').test(w.raw)) found = null;
      continue;
    }
    const m = re.exec(w.value);
    if (m) found = m[1] as string;
  }
  return found;
}

/** The home NuGet uses: `DOTNET_CLI_HOME`, else HOME (NuGetEnvironment.GetHome). */
function nugetHome(cmd: SimpleCommand, ctx: ToolContext): { path: string; via?: string } | undefined {
  const cli = dirFromVariable(cmd, 'DOTNET_CLI_HOME');
  if (cli) return 'path' in cli ? cli : undefined;
  const home = homeOf(cmd, ctx);
  return home ? { path: home } : undefined;
}

/**
 * The packages folder a command is told to restore into (`--packages DIR`,
 * `-p:RestorePackagesPath=DIR`): undefined when it is not told; unknown when
 * the value is not known statically.
 */
function explicitPackages(
  cmd: SimpleCommand,
  opts: ReturnType<typeof parseOptions>,
): { path: string; via: string } | { unknown: string } | undefined {
  if (opts.has('--packages')) {
    const p = absolute(cmd, opts.get('--packages'));
    return p
      ? { path: p, via: '--packages' }
      : { unknown: '--packages is given a value that is not known statically' };
  }
  const prop = property(cmd, 'RestorePackagesPath');
  if (prop === undefined) return undefined;
  const p = prop === null ? undefined : absolute(cmd, prop);
  return p
    ? { path: p, via: 'RestorePackagesPath' }
    : { unknown: 'RestorePackagesPath is given a value that is not known statically' };
}

/** Does the command restore (a build, publish or pack without `--no-restore` or `--no-build`)? */
function restores(cmd: SimpleCommand, action: string | undefined): boolean {
  if (action === undefined || !BUILD.has(action)) return false;
  return (
    action === 'restore' || !cmd.argv.some((w) => w.value === '--no-restore' || w.value === '--no-build')
  );
}

/**
 * global-packages: `--packages`, `-p:RestorePackagesPath=`; for a command that
 * does not restore (`--no-restore`), the folder an earlier restore of the same
 * RUN was told to use, since the build reads the packages where that restore
 * put them (obj/project.assets.json names the folder); then `NUGET_PACKAGES`,
 * else `~/.nuget/packages`.
 */
function globalPackages(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): CacheDir {
  const override = ctx.cacheDirOverride('dotnet');
  if (override) return { path: override, via: 'configuration' };
  const explicit = explicitPackages(cmd, opts);
  if (explicit) return explicit;
  if (!restores(cmd, opts.positionals[0])) {
    for (const before of ctx.commandsBefore(cmd).reverse()) {
      if (commandBase(before.name) !== 'dotnet') continue;
      const o = parseOptions(dotnetArgs(before), OPTIONS);
      const followed = restores(before, o.positionals[0]) ? explicitPackages(before, o) : undefined;
      if (followed) return followed;
    }
  }
  const env = dirFromVariable(cmd, 'NUGET_PACKAGES');
  if (env) return env;
  const home = nugetHome(cmd, ctx);
  if (!home) return unknownHome(cmd, ctx);
  return { path: resolvePath(home.path, '.nuget/packages'), ...(home.via ? { via: home.via } : {}) };
}

/** http-cache: `NUGET_HTTP_CACHE_PATH`, else `$XDG_DATA_HOME/NuGet/http-cache` or `~/.local/share/NuGet/http-cache`. */
function httpCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir | undefined {
  const dir =
    dirFromVariable(cmd, 'NUGET_HTTP_CACHE_PATH') ??
    dirFromVariable(cmd, 'XDG_DATA_HOME', 'NuGet/http-cache');
  if (dir) return 'path' in dir ? dir : undefined;
  const home = nugetHome(cmd, ctx);
  return home ? { path: resolvePath(home.path, '.local/share/NuGet/http-cache') } : undefined;
}

/**
 * The folders a build keeps its result in. With `-o`/`--output` (or
 * `--artifacts-path`) the result goes there and `obj/`, `bin/` only hold
 * intermediates the next build regenerates (the releasesapi sample caches them
 * on purpose). Otherwise: `obj/` (restore) and `bin/` of the project named by
 * the argument (a project file, a solution or a folder), else of the working
 * folder; for a solution or folder also of the projects one level below it.
 */
function buildOutputs(
  cmd: SimpleCommand,
  opts: ReturnType<typeof parseOptions>,
  action: string,
): Destination[] | undefined {
  const out: Destination[] = [];
  for (const flag of ['--output', '--artifacts-path']) {
    if (!opts.has(flag)) continue;
    const dir = absolute(cmd, opts.get(flag));
    if (dir === undefined) return undefined;
    out.push({ path: dir, kind: 'build', what: `the ${flag} folder` });
  }
  if (out.length) return out;
  const args = opts.positionals
    .slice(1)
    .filter((a) => a !== 'true' && a !== 'false' && !/^\/(p|property):/i.test(a ?? ''));
  if (args.length && args[0] === undefined) return undefined;
  const path = absolute(cmd, args[0] ?? '.');
  if (path === undefined) return undefined;
  // The projects of a solution live in folders whose names are not known here. A `*` segment for them would
  // make every cache mount in a child folder of the solution (`node_modules` of a SPA) look like it covers a
  // build folder, so only the solution's own folder is listed: a mount on it, or above it, still counts.
  const dirs = [PROJECT_FILE.test(path) || SOLUTION_FILE.test(path) ? dirname(path) : path];
  // What restore writes (obj/project.assets.json) is what a later `--no-restore` build reads: it is needed like packages.
  if (action === 'restore')
    return dirs.map((d) => ({
      path: resolvePath(d, 'obj'),
      kind: 'packages',
      what: 'the restore output in obj',
    }));
  return dirs.flatMap((d) =>
    ['obj', 'bin'].map((n) => ({ path: resolvePath(d, n), kind: 'build' as const, what: `the ${n} folder` })),
  );
}

export const facts = defineTool({
  id: 'dotnet',
  name: '.NET',
  programs: ['dotnet'],
  commands: {
    text: '`dotnet restore`, `build`, `publish`, `pack` (not `test` and `run`, which only run what they build); `dotnet tool install -g` / `--tool-path`',
    source: [RESTORE, 'docker/docs@0ed6c96:content/guides/dotnet/containerize.md'],
  },
  destinations: {
    text: 'build output: `-o`/`--output` or `--artifacts-path` when given, else `obj/` and `bin/` of the project (the folder of the project or solution argument, else the working folder; `obj/` after `restore` counts as packages, since `--no-restore` builds read it); packages: `~/.dotnet/tools` (`tool install -g`), `--tool-path`; restored packages: the folder a restoring command is told to use (`--packages`, `-p:RestorePackagesPath=`), needed only by later `--no-restore`/`--no-build` commands that read it',
    source: [
      'dotnet/dotnet-docker@3ed00b6:samples/releasesapi/Dockerfile:9-12',
      'https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-tool-install',
      RESTORE,
    ],
  },
  cache: {
    text: 'global-packages: `--packages`, `-p:RestorePackagesPath=`, `NUGET_PACKAGES`, else `~/.nuget/packages` (`DOTNET_CLI_HOME` replaces HOME; `/root/.nuget/packages` as root); then the http-cache `NUGET_HTTP_CACHE_PATH`, else `~/.local/share/NuGet/http-cache`. `build`/`publish`/`test`/`pack`/`run --no-restore` read packages straight from global-packages, so those RUNs need the same mount; after `dotnet restore --packages DIR` in the same RUN they read DIR (obj/project.assets.json names it)',
    source: [NUGET_FOLDERS, RESTORE, SDK_IMAGE],
  },
  caches: [
    {
      name: 'global-packages',
      default: '~/.nuget/packages',
      flag: '--packages',
      env: ['NUGET_PACKAGES'],
      home: '.nuget/packages',
      source: [NUGET_FOLDERS, RESTORE, SDK_IMAGE],
    },
    {
      name: 'http-cache',
      default: '~/.local/share/NuGet/http-cache',
      env: ['NUGET_HTTP_CACHE_PATH'],
      xdgData: 'NuGet/http-cache',
      source: NUGET_FOLDERS,
    },
  ],
  knownCaches: [{ path: '~/.nuget/packages', source: NUGET_FOLDERS }],
  defeats: [
    { kind: 'flag', match: '--no-http-cache', effect: 'disables', caches: ['http-cache'], source: RESTORE },
    {
      kind: 'flag',
      match: '--no-cache',
      effect: 'disables',
      caches: ['http-cache'],
      source: ['https://github.com/dotnet/docs/pull/17978', RESTORE],
    },
    { kind: 'command', match: 'nuget locals all --clear', effect: 'empties', source: LOCALS },
    { kind: 'command', match: 'nuget locals all -c', effect: 'empties', source: LOCALS },
    {
      kind: 'command',
      match: 'nuget locals global-packages --clear',
      effect: 'empties',
      caches: ['global-packages'],
      source: LOCALS,
    },
    {
      kind: 'command',
      match: 'nuget locals global-packages -c',
      effect: 'empties',
      caches: ['global-packages'],
      source: LOCALS,
    },
    {
      kind: 'command',
      match: 'nuget locals http-cache --clear',
      effect: 'empties',
      caches: ['http-cache'],
      source: LOCALS,
    },
    {
      kind: 'command',
      match: 'nuget locals http-cache -c',
      effect: 'empties',
      caches: ['http-cache'],
      source: LOCALS,
    },
  ],
  cacheCommands: [
    {
      match: ['restore', 'build', 'publish', 'pack', 'test', 'run', 'tool install', 'add package'],
      source: [RESTORE, NUGET_FOLDERS],
    },
  ],
  locking: [],
  traps: [],
});

export const dotnet: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    if (commandBase(cmd.name) !== 'dotnet') return undefined;
    return callOf('dotnet', parseOptions(dotnetArgs(cmd), OPTIONS));
  },
  caches(cmd, ctx) {
    const [global, http] = nugetCaches(cmd, ctx, parseOptions(dotnetArgs(cmd), OPTIONS));
    return [global, http];
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'dotnet') return undefined;
    const opts = parseOptions(dotnetArgs(cmd), OPTIONS);
    const [first, second] = opts.positionals;
    if (first === 'tool' && second === 'install') return toolInstall(cmd, ctx, opts);
    if (first === undefined || !BUILD.has(first)) return undefined;
    const destinations = buildOutputs(cmd, opts, first);
    if (destinations === undefined) return undefined;
    // A packages folder the restore is told to use is where it puts the packages: later `--no-restore` builds read them there.
    const told = restores(cmd, first) ? explicitPackages(cmd, opts) : undefined;
    if (told && 'path' in told)
      destinations.push({ path: told.path, kind: 'restore', what: `the ${told.via} folder` });
    return { tool: dotnet, command: cmd, action: first, destinations, caches: nugetCaches(cmd, ctx, opts) };
  },
  readsCache(cmd): boolean {
    if (commandBase(cmd.name) !== 'dotnet') return false;
    const action = cmd.argv.slice(1).find((w) => w.value !== undefined && !w.value.startsWith('-'))?.value;
    if (action === undefined || !READERS.has(action)) return false;
    return cmd.argv.some((w) => w.value === '--no-restore' || w.value === '--no-build');
  },
});

/** The arguments of a dotnet command: those after `--` belong to the program `dotnet run` starts. */
function dotnetArgs(cmd: SimpleCommand): SimpleCommand['argv'] {
  const dashdash = cmd.argv.findIndex((w, i) => i > 0 && w.value === '--');
  return dashdash > 0 ? cmd.argv.slice(1, dashdash) : cmd.argv.slice(1);
}

/** `dotnet tool install -g` installs into `~/.dotnet/tools`; `--tool-path` into that folder; a local tool goes to global-packages. */
function toolInstall(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Invocation | undefined {
  let dest: Destination;
  if (opts.has('--tool-path')) {
    const dir = absolute(cmd, opts.get('--tool-path'));
    if (!dir) return undefined;
    dest = { path: dir, kind: 'packages', what: 'the --tool-path folder' };
  } else if (opts.has('-g') || opts.has('--global')) {
    const home = nugetHome(cmd, ctx);
    if (!home) return undefined;
    dest = {
      path: resolvePath(home.path, '.dotnet/tools'),
      kind: 'packages',
      what: 'the global tools folder',
    };
  } else return undefined;
  return {
    tool: dotnet,
    command: cmd,
    action: 'tool install',
    destinations: [dest],
    caches: nugetCaches(cmd, ctx, opts),
  };
}

/** global-packages first (what restores need most), then the http-cache when global-packages is known. */
function nugetCaches(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): CacheDir[] {
  const caches: CacheDir[] = [globalPackages(cmd, ctx, opts)];
  const http =
    'path' in (caches[0] as CacheDir) && !ctx.cacheDirOverride('dotnet') ? httpCache(cmd, ctx) : undefined;
  if (http) caches.push(http);
  return caches;
}
