/**
 * Gradle: `gradle`, the wrapper `gradlew`/`./gradlew`. Facts, with their
 * sources, in `facts` below (docs/package-managers.md#gradle).
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  dirFromVariable,
  notStatic,
  type OptionSpec,
  parseOptions,
  unknownHome,
} from './common.js';
import { defineTool } from './facts.js';
import { javaHome, scriptCall, systemProperty } from './java.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const DIRECTORIES = 'https://docs.gradle.org/userguide/gradle_directories.html';
const LAYOUT = 'https://docs.gradle.org/9.9.0/userguide/directory_layout.html';
const GRADLE_IMAGE = 'gradle/docker-gradle@528a647:jdk-lts-and-current-alpine/Dockerfile:11-30,82-88';

/**
 * Tasks that write nothing to `build/`: help and reports, `clean`, `wrapper`,
 * and the usual dependency pre-fetch tasks (they fill the caches, like
 * `go mod download`). Any other task counts as a build.
 */
const NO_OUTPUT_TASKS = new Set([
  'help',
  'tasks',
  'dependencies',
  'dependencyInsight',
  'properties',
  'projects',
  'buildEnvironment',
  'outgoingVariants',
  'resolvableConfigurations',
  'javaToolchains',
  'components',
  'model',
  'dependentComponents',
  'clean',
  'wrapper',
  'init',
  'downloadDependencies',
  'resolveDependencies',
  'resolveAllDependencies',
  'prepareKotlinBuildScriptModel',
]);

const OPTIONS: OptionSpec = {
  values: [
    '-p',
    '--project-dir',
    '-b',
    '--build-file',
    '-c',
    '--settings-file',
    '-g',
    '--gradle-user-home',
    '-x',
    '--exclude-task',
    '-D',
    '--system-prop',
    '-P',
    '--project-prop',
    '-I',
    '--init-script',
    '--include-build',
    '--console',
    '--warning-mode',
    '--max-workers',
    '--priority',
    '--project-cache-dir',
    '-M',
    '--write-verification-metadata',
    '-F',
    '--dependency-verification',
    '--configuration-cache-problems',
    '--tests',
    '--task-graph',
  ],
  aliases: { '--project-dir': '-p', '--build-file': '-b', '--gradle-user-home': '-g', '--system-prop': '-D' },
};

/** Variables whose `-D` options reach the Gradle client JVM (bin/gradle start script). */
const OPTION_VARS = ['GRADLE_OPTS', 'JAVA_OPTS', 'JAVA_TOOL_OPTIONS'];

/**
 * Gradle User Home: `-g`/`--gradle-user-home`, the `gradle.user.home` system
 * property, `GRADLE_USER_HOME`, else `${user.home}/.gradle`. In the gradle image
 * `/root/.gradle` is a link to `/home/gradle/.gradle`; the real folder is used
 * so a mount already on it is recognised.
 */
function gradleUserHome(
  cmd: SimpleCommand,
  ctx: ToolContext,
  words: readonly Word[],
  opts: ReturnType<typeof parseOptions>,
): { path: string; via?: string } | { unknown: string } {
  const known = (p: string | undefined, via: string) =>
    p ? { path: p, via } : { unknown: `${via} names a folder that is not known statically` };
  if (opts.has('-g')) return known(absolute(cmd, opts.get('-g')), '--gradle-user-home');
  const prop = systemProperty(cmd, words, OPTION_VARS, 'gradle.user.home');
  if (prop) return 'unknown' in prop ? prop : known(absolute(cmd, prop.value), prop.via);
  const env = dirFromVariable(cmd, 'GRADLE_USER_HOME');
  if (env) return env;
  const home = javaHome(cmd, ctx, words, OPTION_VARS);
  if (home === null) return notStatic('user.home');
  if (home === undefined) return unknownHome(cmd, ctx);
  const guh = resolvePath(home, '.gradle');
  // docker-gradle: `ln -s /home/gradle/.gradle /root/.gradle`.
  if (guh === '/root/.gradle' && ctx.stage.baseImage?.names.includes('gradle'))
    return { path: '/home/gradle/.gradle' };
  return { path: guh };
}

function gradleCaches(
  cmd: SimpleCommand,
  ctx: ToolContext,
  words: readonly Word[],
  opts: ReturnType<typeof parseOptions>,
  wrapper: boolean,
): CacheDir[] {
  const override = ctx.cacheDirOverride('gradle');
  const guh = gradleUserHome(cmd, ctx, words, opts);
  if ('unknown' in guh) return override ? [{ path: override, via: 'configuration' }] : [guh];
  const via = guh.via ? { via: guh.via } : {};
  const out: CacheDir[] = [
    override ? { path: override, via: 'configuration' } : { path: resolvePath(guh.path, 'caches'), ...via },
  ];
  if (wrapper) out.push({ path: resolvePath(guh.path, 'wrapper'), ...via });
  return out;
}

export const facts = defineTool({
  id: 'gradle',
  name: 'Gradle',
  programs: ['gradle', 'gradlew'],
  commands: {
    text: '`gradle`, `gradlew`/`./gradlew` (also `sh gradlew`) with any task but help and reports, `clean`, `wrapper` and dependency pre-fetch tasks (`build`, `assemble`, `installDist`, `bootJar`, `jar`, `shadowJar`, ...)',
    source: 'https://docs.gradle.org/current/userguide/command_line_interface.html',
  },
  destinations: {
    text: '`build/` of the project as build output: the working folder or `-p`/`--project-dir` (`-b` folder), and `<sub>/build` for a task named with its project path (`:app:bootJar`)',
    source: LAYOUT,
  },
  cache: {
    text: '`$GRADLE_USER_HOME/caches` (downloaded dependencies, takes the rewritten mount), and for the wrapper `$GRADLE_USER_HOME/wrapper` (downloaded Gradle distributions, a mount of its own). Gradle User Home is `-g`/`--gradle-user-home`, `-Dgradle.user.home`, `GRADLE_USER_HOME`, else `${user.home}/.gradle` (`/root/.gradle`; in the gradle image the folder it links to, `/home/gradle/.gradle`). Not all of `~/.gradle`: that would hide `gradle.properties` and `init.d`',
    source: [DIRECTORIES, GRADLE_IMAGE],
  },
  caches: [
    {
      name: 'caches',
      default: '~/.gradle/caches',
      envBase: [['GRADLE_USER_HOME', 'caches']],
      home: '.gradle/caches',
      images: [{ image: 'gradle', path: '/home/gradle/.gradle/caches', source: GRADLE_IMAGE }],
      source: DIRECTORIES,
    },
    {
      name: 'wrapper',
      default: '~/.gradle/wrapper',
      envBase: [['GRADLE_USER_HOME', 'wrapper']],
      home: '.gradle/wrapper',
      source: DIRECTORIES,
    },
  ],
  knownCaches: [
    { path: '~/.gradle/caches', source: DIRECTORIES },
    { path: '~/.gradle/wrapper', source: DIRECTORIES },
  ],
  defeats: [],
  cacheCommands: [
    { match: ['*'], caches: ['caches'], source: DIRECTORIES },
    { match: ['*'], caches: ['wrapper'], programs: ['gradlew'], source: DIRECTORIES },
  ],
  downloadOnly: [
    {
      // `dependencies` resolves every configuration to print it: the usual pre-fetch step of a Dockerfile.
      match: ['dependencies', 'downloadDependencies', 'resolveDependencies', 'resolveAllDependencies'],
      source: 'https://docs.gradle.org/current/userguide/viewing_debugging_dependencies.html',
    },
  ],
  offline: [
    {
      kind: 'flag',
      match: '--offline',
      source:
        'https://docs.gradle.org/current/userguide/command_line_interface.html#sec:command_line_execution_options',
    },
  ],
  locking: [],
  traps: [],
});

export const gradle: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    const call = scriptCall(cmd, ['gradle', 'gradlew']);
    return call && callOf(call.name, parseOptions(call.args, OPTIONS));
  },
  caches(cmd, ctx, call) {
    const words = scriptCall(cmd, ['gradle', 'gradlew'])?.args ?? [];
    const opts = parseOptions(words, OPTIONS);
    const [first, second] = gradleCaches(cmd, ctx, words, opts, call.program === 'gradlew');
    return [first, second];
  },
  invocation(cmd, ctx): Invocation | undefined {
    const call = scriptCall(cmd, ['gradle', 'gradlew']);
    if (!call) return undefined;
    const words = call.args;
    const opts = parseOptions(words, OPTIONS);
    const tasks = opts.positionals;
    if (tasks.length === 0 || tasks.includes(undefined)) return undefined;
    const names = (tasks as string[]).map((t) => t.slice(t.lastIndexOf(':') + 1));
    if (names.every((n) => NO_OUTPUT_TASKS.has(n))) return undefined;
    let project = cmd.cwd;
    if (opts.has('-p')) project = absolute(cmd, opts.get('-p'));
    else if (opts.has('-b')) {
      const file = absolute(cmd, opts.get('-b'));
      project = file && dirname(file);
    }
    if (project === undefined) return undefined;
    const root = project;
    const dests: Destination[] = [
      { path: resolvePath(root, 'build'), kind: 'build', what: 'the build folder' },
    ];
    for (const t of tasks as string[]) {
      // `:app:bootJar` runs in project `:app`, whose folder is `app` by default.
      const path = t.split(':').slice(0, -1).filter(Boolean);
      const name = t.slice(t.lastIndexOf(':') + 1);
      if (path.length === 0 || NO_OUTPUT_TASKS.has(name)) continue;
      const p = resolvePath(root, `${path.join('/')}/build`);
      if (!dests.some((d) => d.path === p))
        dests.push({ path: p, kind: 'build', what: "the subproject's build folder" });
    }
    return {
      tool: gradle,
      command: cmd,
      action: (tasks as string[]).join(' '),
      destinations: dests,
      caches: gradleCaches(cmd, ctx, words, opts, call.name === 'gradlew'),
    };
  },
});
