/**
 * What the JVM build tools (Maven, Gradle, sbt) share: system properties given
 * on the command line or in an options variable, Java's idea of the home
 * folder, and wrapper scripts run through a shell.
 */
import type { SimpleCommand, Word } from '../shell/reader.js';
import { absolute, commandBase, notStatic } from './common.js';
import type { ToolContext } from './types.js';

/**
 * `-Dkey=value` / `-D key=value` / `--define key=value` in argv and in an
 * options variable (MAVEN_OPTS, GRADLE_OPTS), with what gave it (`-Dkey` or the
 * variable's name). Unknown, naming the variable, when an options variable
 * that comes before any value found is set to a value not known statically.
 */
export function systemProperty(
  cmd: SimpleCommand,
  words: readonly Word[],
  optionVars: readonly string[],
  key: string,
): { value: string; via: string } | { unknown: string } | undefined {
  const fromList = (list: Array<string | undefined>, via: string) => {
    let found: { value: string; via: string } | null | undefined;
    for (let i = 0; i < list.length; i++) {
      let w = list[i];
      if ((w === '-D' || w === '--define') && i + 1 < list.length) w = `-D${list[++i] ?? ''}`;
      if (w === undefined) continue;
      const m = /^-D([^=]+)=(.*)$/.exec(w);
      if (m && m[1] === key) found = { value: m[2] as string, via };
    }
    return found;
  };
  const inArgs = fromList(
    words.map((w) => w.value),
    `-D${key}`,
  );
  if (inArgs) return inArgs;
  for (const name of optionVars) {
    const v = cmd.env(name);
    if (v === undefined || v === '') continue;
    if (v === null) return notStatic(name);
    const inVar = fromList(v.split(/\s+/), name);
    if (inVar) return inVar;
  }
  return undefined;
}

/**
 * Java's `user.home`: OpenJDK reads it from the passwd entry of the user,
 * not from HOME, so root is /root even under `ENV HOME=/app`. For other users
 * the known home is used; `-Duser.home=` overrides.
 */
export function javaHome(
  cmd: SimpleCommand,
  ctx: ToolContext,
  words: readonly Word[],
  optionVars: readonly string[],
): string | null | undefined {
  const prop = systemProperty(cmd, words, optionVars, 'user.home');
  if (prop) return 'unknown' in prop ? null : (absolute(cmd, prop.value) ?? null);
  const user = ctx.userOf(cmd);
  if (user.root) return '/root';
  return user.home?.startsWith('/') ? user.home : undefined;
}

/** The tool and its arguments; `bash mvnw package` and `sh ./gradlew build` name the script as the tool. */
export function scriptCall(
  cmd: SimpleCommand,
  names: readonly string[],
): { name: string; args: Word[] } | undefined {
  const base = commandBase(cmd.name);
  if (base !== undefined && names.includes(base)) return { name: base, args: cmd.argv.slice(1) };
  if (base === 'sh' || base === 'bash') {
    const script = commandBase(cmd.argv[1]?.value);
    if (script !== undefined && names.includes(script)) return { name: script, args: cmd.argv.slice(2) };
  }
  return undefined;
}
