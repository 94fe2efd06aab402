/**
 * sbt: `sbt <tasks>` in batch mode. Facts, with their sources, in `facts`
 * below (docs/package-managers.md#sbt); where coursier's cache is was checked
 * against sbt/sbt main/src/main/scala/sbt/coursierint/LMCoursier.scala
 * (`defaultCacheLocation`: `-Dsbt.coursier.home` + `/cache`, else
 * `COURSIER_CACHE`, else `-Dcoursier.cache`, else coursier's default
 * `~/.cache/coursier/v1` on Linux) and coursier's CoursierPaths
 * (`$XDG_CACHE_HOME/coursier`); the Ivy home is `-Dsbt.ivy.home` (the
 * runner's `-ivy`), else `~/.ivy2`, whose `cache` folder holds downloads.
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  commandBase,
  dirFromVariable,
  notStatic,
  type OptionSpec,
  parseOptions,
  unknownHome,
} from './common.js';
import { defineTool } from './facts.js';
import { javaHome, systemProperty } from './java.js';
import type { CacheDir, Invocation, PackageManager, ToolContext } from './types.js';

const COURSIER = [
  'https://newreleases.io/project/github/sbt/sbt/release/v1.3.12',
  'https://github.com/sbt/sbt/issues/5120',
];
const IVY = 'https://github.com/scala/scala-xml/pull/357';

/**
 * Commands that write nothing to `target/`: `update` only resolves (sbt's
 * `go mod download`), the rest print, reload or clean. Any other task counts.
 */
const NO_OUTPUT = new Set([
  'update',
  'updateClassifiers',
  'updateSbtClassifiers',
  'reload',
  'clean',
  'cleanFiles',
  'help',
  'about',
  'tasks',
  'settings',
  'projects',
  'version',
  'sbtVersion',
  'scalaVersion',
  'exit',
  'shutdown',
  'dependencyTree',
  'evicted',
  'project',
]);

/** Options of the sbt runner script (`sbt --help`) that take a value. */
const OPTIONS: OptionSpec = {
  values: [
    '-mem',
    '--mem',
    '-java-home',
    '--java-home',
    '-sbt-dir',
    '--sbt-dir',
    '-sbt-boot',
    '--sbt-boot',
    '-ivy',
    '--ivy',
    '-sbt-version',
    '--sbt-version',
    '-sbt-jar',
    '--sbt-jar',
    '-jvm-debug',
    '--jvm-debug',
    '-sbt-launch-dir',
    '--sbt-launch-dir',
  ],
};

/** Variables the sbt runner passes to the JVM (`sbt --help`: "JAVA_OPTS", "SBT_OPTS"). */
const OPTION_VARS = ['SBT_OPTS', 'JAVA_OPTS', 'JAVA_TOOL_OPTIONS'];

function coursierCache(
  cmd: SimpleCommand,
  ctx: ToolContext,
  words: readonly Word[],
  home: string | null | undefined,
): CacheDir {
  const override = ctx.cacheDirOverride('sbt');
  if (override) return { path: override, via: 'configuration' };
  const csrHome = systemProperty(cmd, words, OPTION_VARS, 'sbt.coursier.home');
  if (csrHome && 'unknown' in csrHome) return csrHome;
  if (csrHome) {
    const p = absolute(cmd, csrHome.value);
    return p
      ? { path: resolvePath(p, 'cache'), via: csrHome.via }
      : { unknown: `${csrHome.via} is not known statically` };
  }
  const env = dirFromVariable(cmd, 'COURSIER_CACHE');
  if (env) return env;
  const prop = systemProperty(cmd, words, OPTION_VARS, 'coursier.cache');
  if (prop && 'unknown' in prop) return prop;
  if (prop) {
    const p = absolute(cmd, prop.value);
    return p ? { path: p, via: prop.via } : { unknown: `${prop.via} is not known statically` };
  }
  const xdg = cmd.env('XDG_CACHE_HOME');
  if (typeof xdg === 'string' && xdg.startsWith('/'))
    return { path: resolvePath(xdg, 'coursier'), via: 'XDG_CACHE_HOME' };
  if (home === null) return notStatic('user.home');
  if (home === undefined) return unknownHome(cmd, ctx);
  // The whole coursier folder: the v1 download cache and the arc archive cache beside it.
  return { path: resolvePath(home, '.cache/coursier') };
}

/** Ivy's download cache: `<ivy home>/cache`, the Ivy home from `-ivy`, `-Dsbt.ivy.home`, else `~/.ivy2`. */
function ivyCache(
  cmd: SimpleCommand,
  words: readonly Word[],
  opts: ReturnType<typeof parseOptions>,
  home: string | null | undefined,
): CacheDir | undefined {
  for (const o of ['-ivy', '--ivy']) {
    if (opts.has(o)) {
      const p = absolute(cmd, opts.get(o));
      return p ? { path: resolvePath(p, 'cache'), via: o } : undefined;
    }
  }
  const v = systemProperty(cmd, words, OPTION_VARS, 'sbt.ivy.home');
  if (v && 'unknown' in v) return undefined;
  if (v) {
    const p = absolute(cmd, v.value);
    return p ? { path: resolvePath(p, 'cache'), via: v.via } : undefined;
  }
  return typeof home === 'string' ? { path: resolvePath(home, '.ivy2/cache') } : undefined;
}

export const facts = defineTool({
  id: 'sbt',
  name: 'sbt',
  programs: ['sbt'],
  commands: {
    text: '`sbt <tasks>` in batch mode (`compile`, `package`, `assembly`, `stage`, `Universal/packageBin`, ...); not `update` (it only resolves), `clean` or the reporting commands',
    source: 'https://www.scala-sbt.org/1.x/docs/Running.html',
  },
  destinations: {
    text: '`target/` of the build (the working folder) as build output',
    source: 'https://www.scala-sbt.org/1.x/docs/Directories.html',
  },
  cache: {
    text: "coursier's cache first (it downloads nearly everything since sbt 1.3): `-Dsbt.coursier.home=X` (`X/cache`), `COURSIER_CACHE`, `-Dcoursier.cache`, `$XDG_CACHE_HOME/coursier`, else `~/.cache/coursier`; then Ivy's download cache `~/.ivy2/cache` (`-ivy`, `-Dsbt.ivy.home`), with a mount of its own. `~` is Java's user.home (`/root` as root, whatever HOME says). Not all of `~/.sbt` or `~/.ivy2`: they hold global settings, plugins and `publishLocal` output",
    source: [...COURSIER, IVY],
  },
  caches: [
    {
      name: 'coursier',
      default: '~/.cache/coursier',
      env: ['COURSIER_CACHE'],
      xdgCache: 'coursier',
      source: COURSIER,
    },
    { name: 'ivy', default: '~/.ivy2/cache', home: '.ivy2/cache', source: IVY },
  ],
  knownCaches: [
    { path: '~/.cache/coursier', source: COURSIER },
    { path: '~/.ivy2', source: IVY },
  ],
  defeats: [],
  cacheCommands: [{ match: ['*'], source: COURSIER }],
  locking: [],
  traps: [],
});

export const sbt: PackageManager = definePackageManager({
  facts,
  call: (cmd) =>
    commandBase(cmd.name) === 'sbt' ? callOf('sbt', parseOptions(cmd.argv.slice(1), OPTIONS)) : undefined,
  caches(cmd, ctx) {
    const words = cmd.argv.slice(1);
    const home = javaHome(cmd, ctx, words, OPTION_VARS);
    return [coursierCache(cmd, ctx, words, home), ivyCache(cmd, words, parseOptions(words, OPTIONS), home)];
  },
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'sbt') return undefined;
    const words = cmd.argv.slice(1);
    const opts = parseOptions(words, OPTIONS);
    // A token may hold several commands (`"clean; compile"`, `;compile;test`).
    const tasks = opts.positionals;
    if (tasks.length === 0 || tasks.includes(undefined)) return undefined;
    const commands = (tasks as string[])
      .flatMap((t) => t.split(';'))
      .map((t) => t.trim())
      .filter(Boolean)
      .filter((t) => !/^set\s/.test(t));
    const name = (t: string) => (t.split(/\s+/)[0] as string).replace(/^.*[/:]/, '');
    if (commands.length === 0 || commands.every((t) => NO_OUTPUT.has(name(t)))) return undefined;
    const dir = cmd.cwd;
    if (dir === undefined) return undefined;
    const home = javaHome(cmd, ctx, words, OPTION_VARS);
    const caches: CacheDir[] = [coursierCache(cmd, ctx, words, home)];
    const ivy = ivyCache(cmd, words, opts, home);
    if (ivy) caches.push(ivy);
    return {
      tool: sbt,
      command: cmd,
      action: commands.join('; '),
      destinations: [{ path: resolvePath(dir, 'target'), kind: 'build', what: 'the target folder' }],
      caches,
    };
  },
});
