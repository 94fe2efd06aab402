/**
 * Maven: `mvn`, `mvnd`, the wrapper `mvnw`/`./mvnw`. Facts, with their
 * sources, in `facts` below (docs/package-managers.md#maven).
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  dirFromVariable,
  homeOf,
  notStatic,
  type OptionSpec,
  parseOptions,
  unknownHome,
} from './common.js';
import { defineTool } from './facts.js';
import { javaHome, scriptCall, systemProperty } from './java.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const MAVEN_IMAGE = 'carlossg/docker-maven@0170c5b:eclipse-temurin-11-alpine/Dockerfile:13-20';
const LOCAL_REPO =
  'https://maven.apache.org/ref/4.0.0-rc-7/apidocs/org/apache/maven/api/LocalRepository.html';
const REPO_LOCAL_PROPERTY =
  'https://docs.gradle.org/current/kotlin-dsl/gradle/org.gradle.api.artifacts.dsl/-repository-handler/maven-local.html';
const WRAPPER = 'https://maven.apache.org/wrapper/maven-wrapper';

export const facts = defineTool({
  id: 'maven',
  name: 'Maven',
  programs: ['mvn', 'mvnd', 'mvnw'],
  commands: {
    text: '`mvn`, `mvnd`, `mvnw`/`./mvnw` (also `sh mvnw`) with a phase from `generate-sources` on (`compile`, `test`, `package`, `verify`, `install`, `deploy`, `site`) or a plugin goal (`spring-boot:repackage`); not the goals that only fill the local repository (`dependency:go-offline`, `dependency:resolve`) or only print',
    source: 'https://maven.apache.org/guides/introduction/introduction-to-the-lifecycle.html',
  },
  destinations: {
    text: '`target/` of the project as build output: the working folder or the `-f`/`--file` folder, and each `-pl` module folder. `mvn install` also copies the artifact into the local repository, which stays a cache here: a later build finds it there only while that cache lasts',
    source: [
      'https://maven.apache.org/guides/introduction/introduction-to-the-lifecycle.html',
      'https://maven.apache.org/ref/current/maven-model-builder/super-pom.html',
      'https://maven.apache.org/plugins-archives/maven-install-plugin-3.1.2/apidocs/org/apache/maven/plugins/install/package-summary.html',
    ],
  },
  cache: {
    text: 'the local repository: `-Dmaven.repo.local=` (on the command line, `MAVEN_ARGS` or `MAVEN_OPTS`), else `${user.home}/.m2/repository` (`/root/.m2/repository` as root: Java takes user.home from the passwd entry, not HOME; `-Duser.home=` moves it). The repository folder rather than all of `~/.m2`, so a `settings.xml` copied into `~/.m2` is not hidden. With the wrapper, `$MAVEN_USER_HOME/wrapper` (else `~/.m2/wrapper`) gets a mount of its own. A `<localRepository>` written into settings.xml in the stage leaves it unknown',
    source: [LOCAL_REPO, REPO_LOCAL_PROPERTY, WRAPPER, MAVEN_IMAGE],
  },
  caches: [
    {
      name: 'local repository',
      default: '~/.m2/repository',
      home: '.m2/repository',
      source: [LOCAL_REPO, REPO_LOCAL_PROPERTY, 'carlossg/docker-maven@0170c5b:README.md:160-202'],
    },
    {
      name: 'wrapper',
      default: '~/.m2/wrapper',
      envBase: [['MAVEN_USER_HOME', 'wrapper']],
      home: '.m2/wrapper',
      source: WRAPPER,
    },
  ],
  knownCaches: [
    {
      path: '~/.m2',
      source: [LOCAL_REPO, MAVEN_IMAGE, 'docker/docs@0ed6c96:content/guides/java/containerize.md'],
    },
  ],
  defeats: [
    {
      kind: 'command',
      match: 'dependency:purge-local-repository',
      effect: 'empties',
      caches: ['local repository'],
      source:
        'https://maven.apache.org/plugins/maven-dependency-plugin/examples/purging-local-repository.html',
    },
  ],
  cacheCommands: [
    { match: ['*'], caches: ['local repository'], source: LOCAL_REPO },
    { match: ['*'], caches: ['wrapper'], programs: ['mvnw'], source: WRAPPER },
  ],
  downloadOnly: [
    {
      match: [
        'dependency:go-offline',
        'dependency:resolve',
        'dependency:resolve-plugins',
        'de.qaware.maven:go-offline-maven-plugin:resolve-dependencies',
      ],
      source: [
        'https://maven.apache.org/plugins/maven-dependency-plugin/go-offline-mojo.html',
        'https://maven.apache.org/plugins/maven-dependency-plugin/resolve-mojo.html',
      ],
    },
  ],
  offline: [
    { kind: 'flag', match: '-o', source: 'https://maven.apache.org/ref/current/maven-embedder/cli.html' },
    {
      kind: 'flag',
      match: '--offline',
      source: 'https://maven.apache.org/ref/current/maven-embedder/cli.html',
    },
  ],
  locking: [],
  traps: [],
});

/** Lifecycle phases that compile or package into `target/` (everything from generate-sources on, and site). */
const WRITING_PHASES = new Set([
  'generate-sources',
  'process-sources',
  'generate-resources',
  'process-resources',
  'compile',
  'process-classes',
  'generate-test-sources',
  'process-test-sources',
  'generate-test-resources',
  'process-test-resources',
  'test-compile',
  'process-test-classes',
  'test',
  'prepare-package',
  'package',
  'pre-integration-test',
  'integration-test',
  'post-integration-test',
  'verify',
  'install',
  'deploy',
  'site',
]);

/**
 * Plugin goals that only resolve into the local repository or print
 * (`dependency:go-offline`, `dependency:resolve`, go-offline-maven-plugin's
 * `resolve-dependencies`, `help:evaluate`): like `go mod download`, they fill
 * the cache and write nothing to `target/`.
 */
const RESOLVE_ONLY =
  /(^|:)(go-offline|resolve(-[\w-]+)?|sources|tree|list|get|purge-local-repository|analyze(-[\w-]+)?|effective-pom|effective-settings|evaluate|describe|display-[\w-]+|help|clean)$/;

const OPTIONS: OptionSpec = {
  values: [
    '-f',
    '--file',
    '-s',
    '--settings',
    '-gs',
    '--global-settings',
    '-t',
    '--toolchains',
    '-gt',
    '--global-toolchains',
    '-pl',
    '--projects',
    '-rf',
    '--resume-from',
    '-P',
    '--activate-profiles',
    '-T',
    '--threads',
    '-l',
    '--log-file',
    '-b',
    '--builder',
    '-D',
    '--define',
    '-emp',
    '--encrypt-master-password',
    '-ep',
    '--encrypt-password',
  ],
  aliases: { '--file': '-f', '--projects': '-pl', '--define': '-D' },
};

/** Variables whose content Maven reads as options: MAVEN_ARGS (3.9+) before the command line, MAVEN_OPTS for the JVM. */
const OPTION_VARS = ['MAVEN_ARGS', 'MAVEN_OPTS', 'JAVA_TOOL_OPTIONS'];

/** The local repository: `-Dmaven.repo.local`, settings.xml `<localRepository>` (unknown), else `${user.home}/.m2/repository`. */
function localRepository(cmd: SimpleCommand, ctx: ToolContext, words: readonly Word[]): CacheDir {
  const override = ctx.cacheDirOverride('maven');
  if (override) return { path: override, via: 'configuration' };
  const prop = systemProperty(cmd, words, OPTION_VARS, 'maven.repo.local');
  if (prop && 'unknown' in prop) return prop;
  if (prop) {
    const p = absolute(cmd, prop.value);
    return p
      ? { path: p, via: prop.via }
      : { unknown: `${prop.via} names a folder that is not known statically` };
  }
  if (/<localRepository>/.test(ctx.stageText())) {
    return { unknown: 'a settings.xml written in this stage sets <localRepository>' };
  }
  const home = javaHome(cmd, ctx, words, OPTION_VARS);
  if (home === null) return notStatic('user.home');
  if (home === undefined) return unknownHome(cmd, ctx);
  return { path: resolvePath(home, '.m2/repository') };
}

/** The wrapper's Maven distributions: `$MAVEN_USER_HOME/wrapper`, else `$HOME/.m2/wrapper`. */
function wrapperCache(cmd: SimpleCommand, ctx: ToolContext): CacheDir | undefined {
  const env = dirFromVariable(cmd, 'MAVEN_USER_HOME', 'wrapper');
  if (env) return 'path' in env ? env : undefined;
  const home = homeOf(cmd, ctx);
  return home?.startsWith('/') ? { path: resolvePath(home, '.m2/wrapper') } : undefined;
}

export const maven: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    const call = scriptCall(cmd, ['mvn', 'mvnw', 'mvnd']);
    return call && callOf(call.name, parseOptions(call.args, OPTIONS));
  },
  caches(cmd, ctx, call) {
    const words = scriptCall(cmd, ['mvn', 'mvnw', 'mvnd'])?.args ?? [];
    return [localRepository(cmd, ctx, words), call.program === 'mvnw' ? wrapperCache(cmd, ctx) : undefined];
  },
  invocation(cmd, ctx): Invocation | undefined {
    const call = scriptCall(cmd, ['mvn', 'mvnw', 'mvnd']);
    if (!call) return undefined;
    const words = call.args;
    const wrapper = call.name === 'mvnw';
    const opts = parseOptions(words, OPTIONS);
    const goals = opts.positionals;
    if (goals.includes(undefined)) return undefined;
    const writes = (goals as string[]).some((g) =>
      g.includes(':') ? !RESOLVE_ONLY.test(g) : WRITING_PHASES.has(g),
    );
    if (!writes) return undefined;
    let project = cmd.cwd;
    if (opts.has('-f')) {
      const f = absolute(cmd, opts.get('-f'));
      project = f === undefined ? undefined : f.endsWith('.xml') ? dirname(f) : f;
    }
    if (project === undefined) return undefined;
    const dests: Destination[] = [
      { path: resolvePath(project, 'target'), kind: 'build', what: 'the target folder' },
    ];
    // -pl accepts module folders (relative paths) and [groupId]:artifactId; `!`/`-` exclude.
    for (const entry of (opts.get('-pl') ?? '').split(',')) {
      const e = entry.trim();
      if (e === '' || e.includes(':') || /^[!-]/.test(e) || e === '.') continue;
      dests.push({
        path: resolvePath(project, `${e}/target`),
        kind: 'build',
        what: "the module's target folder",
      });
    }
    const caches: CacheDir[] = [localRepository(cmd, ctx, words)];
    if (wrapper) {
      const w = wrapperCache(cmd, ctx);
      if (w) caches.push(w);
    }
    const action = (goals as string[]).join(' ');
    return { tool: maven, command: cmd, action, destinations: dests, caches };
  },
});
