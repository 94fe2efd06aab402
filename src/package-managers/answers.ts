/**
 * The questions every package-manager module answers from its facts
 * (facts.ts): which commands use the cache, what turns it off or empties
 * it, and whether a folder is one of the tool's caches. A module supplies
 * only what needs code: how to read its command line (`call`), how to
 * resolve its cache folders (`caches`) and its installs (`invocation`).
 */
import { escapeRegExp, normalizePath } from '../paths.js';
import type { SimpleCommand, Value } from '../shell/reader.js';
import { falsy, type ParsedOptions } from './common.js';
import type { CacheFact, DefeatFact, DefeatValue, OfflineFact, ToolFacts } from './facts.js';
import type { CacheDefeat, CacheDir, CacheUse, Invocation, PackageManager, ToolContext } from './types.js';

/** A command of the tool as its module reads it. */
export interface ToolCall {
  /** The program the command runs (`pip`, `microdnf`, `mvnw`). */
  program: string;
  /** Its sub-command words and other arguments, in order; undefined where not known. */
  positionals: ReadonlyArray<string | undefined>;
  /** Is this option given (by its canonical name)? */
  has(option: string): boolean;
  /** The option's value (`''` for a flag), undefined when not given or not known. */
  get(option: string): string | undefined;
  /** The word that gave an option, as written. */
  written(option: string): string | undefined;
}

/** A call from options read by `parseOptions`. */
export function callOf(program: string, opts: ParsedOptions): ToolCall {
  return { program, positionals: opts.positionals, has: opts.has, get: opts.get, written: opts.written };
}

export interface ManagerSpec {
  facts: ToolFacts;
  /** The command as one of this tool's commands (any sub-command), or undefined when it is not the tool. */
  call(cmd: SimpleCommand, ctx: ToolContext): ToolCall | undefined;
  /**
   * The tool's cache folders for this command, one entry per `facts.caches`
   * entry in the same order (undefined where one does not apply). Without it,
   * only installs answer `cacheUse`.
   */
  caches?(cmd: SimpleCommand, ctx: ToolContext, call: ToolCall): ReadonlyArray<CacheDir | undefined>;
  invocation(cmd: SimpleCommand, ctx: ToolContext): Invocation | undefined;
  readsCache?(cmd: SimpleCommand): boolean;
}

/** A package manager whose new questions are answered from its facts. */
export function definePackageManager(spec: ManagerSpec): PackageManager {
  const pm: PackageManager = {
    id: spec.facts.id,
    name: spec.facts.name,
    facts: spec.facts,
    invocation: (cmd, ctx) => spec.invocation(cmd, ctx),
    cacheUse: (cmd, ctx) => cacheUse(spec, cmd, ctx),
    cacheDefeat: (cmd, ctx) => cacheDefeat(spec, cmd, ctx),
    isCacheFolder: cacheFolderTest(spec.facts),
    cacheFolderOf: cacheFolderNamer(spec.facts),
  };
  if (spec.readsCache) pm.readsCache = spec.readsCache;
  return pm;
}

/**
 * Does a command match one of the words of a fact (`cache purge`,
 * `clean -modcache`, `*`, `` for the bare program)? Returns the matched
 * sub-command as the tool names it, or undefined.
 */
export function matchWords(match: string, call: ToolCall): string | undefined {
  const words = match.split(' ').filter(Boolean);
  const subs = words.filter((w) => !w.startsWith('-'));
  const flags = words.filter((w) => w.startsWith('-'));
  if (words.length === 0) return call.positionals.length === 0 ? '' : undefined;
  const got: string[] = [];
  for (let i = 0; i < subs.length; i++) {
    if (i >= call.positionals.length) return undefined;
    const p = call.positionals[i];
    if (subs[i] !== '*' && p !== subs[i]) return undefined;
    got.push(p ?? '?');
  }
  if (!flags.every((f) => call.has(f))) return undefined;
  return got.join(' ');
}

const forProgram = (programs: readonly string[] | undefined, call: ToolCall) =>
  programs === undefined || programs.includes(call.program);

/** The entries of a module's aligned cache list that the named caches select (all when no names), without repeats. */
export function selectCaches(
  facts: ToolFacts,
  aligned: ReadonlyArray<CacheDir | undefined>,
  names?: readonly string[],
): CacheDir[] {
  const out: CacheDir[] = [];
  const seen = new Set<string>();
  facts.caches.forEach((f: CacheFact, i) => {
    if (names && (f.name === undefined || !names.includes(f.name))) return;
    const c = aligned[i];
    if (!c) return;
    const key = JSON.stringify(c);
    if (seen.has(key)) return;
    seen.add(key);
    out.push(c);
  });
  return out;
}

/** Does a variable's value, as the command sees it, turn the cache off? */
export function envValueDefeats(rule: DefeatValue, v: Value | undefined): boolean {
  if (v === undefined) return false;
  if (rule === 'any') return true;
  if (rule === 'on') return v === null || (v !== '' && !falsy(v));
  if (typeof v !== 'string' || v === '') return false;
  if (rule === 'nonEmpty') return true;
  if (rule === 'relative') return !v.startsWith('/');
  return v === rule.equals;
}

/** How a defeat is named in a message: the flag, the variable, or `VARIABLE=value`. */
export function defeatLabel(d: DefeatFact): string {
  if (d.kind !== 'env') return d.match;
  if (d.label !== undefined) return d.label;
  return typeof d.value === 'object' ? `${d.match}=${d.value.equals}` : d.match;
}

/** Does a flag or variable defeat apply to this command? */
function applies(d: DefeatFact, cmd: SimpleCommand, call: ToolCall): boolean {
  if (!forProgram(d.programs, call)) return false;
  if (d.kind === 'flag') return call.has(d.match);
  if (d.kind === 'env') return envValueDefeats(d.value, cmd.env(d.match));
  return false;
}

/**
 * The flag or variable on an install that turns off the cache a rewrite
 * mounts (the first cache): the first such defeat in the facts, named as
 * `Invocation.defeatedBy` names it.
 */
export function installDefeat(facts: ToolFacts, cmd: SimpleCommand, call: ToolCall): string | undefined {
  const first = facts.caches[0]?.name;
  const d = facts.defeats.find(
    (f) =>
      f.kind !== 'command' &&
      (f.caches === undefined || (first !== undefined && f.caches.includes(first))) &&
      applies(f, cmd, call),
  );
  return d && defeatLabel(d);
}

/** Does an offline fact apply to this command? Its flag as written, or `VARIABLE=value`; undefined when not. */
function offlineBy(o: OfflineFact, cmd: SimpleCommand, call: ToolCall): string | undefined {
  if (!forProgram(o.programs, call)) return undefined;
  if (o.kind === 'flag') return call.has(o.match) ? (call.written(o.match) ?? o.match) : undefined;
  const v = cmd.env(o.match);
  const on =
    typeof o.value === 'object' && 'includes' in o.value
      ? typeof v === 'string' && v.split(/\s+/).includes(o.value.includes)
      : envValueDefeats(o.value, v);
  return on ? (typeof v === 'string' ? `${o.match}=${v}` : o.match) : undefined;
}

/** The flag or variable that makes the command work from its cache alone, by the facts. */
export function offlineFlag(facts: ToolFacts, cmd: SimpleCommand, call: ToolCall): string | undefined {
  for (const o of facts.offline ?? []) {
    const by = offlineBy(o, cmd, call);
    if (by !== undefined) return by;
  }
  return undefined;
}

function cacheUse(spec: ManagerSpec, cmd: SimpleCommand, ctx: ToolContext): CacheUse | undefined {
  const call = spec.call(cmd, ctx);
  if (!call) return undefined;
  const inv = spec.invocation(cmd, ctx);
  if (inv) {
    if (inv.caches.length === 0) return undefined;
    // An install's caches are named by the entry of the module's aligned list that resolves to the same folder.
    const aligned = spec.caches?.(cmd, ctx, call) ?? [];
    const nameOf = (c: CacheDir) => {
      const i = aligned.findIndex((a) => a !== undefined && JSON.stringify(a) === JSON.stringify(c));
      return i < 0
        ? spec.facts.caches.length === 1
          ? spec.facts.caches[0]?.name
          : undefined
        : spec.facts.caches[i]?.name;
    };
    const use: CacheUse = {
      action: inv.action,
      caches: inv.caches,
      named: inv.caches.map((dir) => ({ name: nameOf(dir), dir })),
    };
    if (inv.defeatedBy !== undefined) use.defeatedBy = inv.defeatedBy;
    const offline = offlineFlag(spec.facts, cmd, call);
    if (offline !== undefined) use.offline = offline;
    return use;
  }
  if (!spec.caches) return undefined;
  // Every entry that matches adds its caches (`./mvnw package` uses the local repository and the wrapper's).
  let action: string | undefined;
  let names: string[] | undefined = [];
  for (const entry of spec.facts.cacheCommands) {
    if (!forProgram(entry.programs, call)) continue;
    const matched = entry.match.map((alt) => matchWords(alt, call)).find((a) => a !== undefined);
    if (matched === undefined) continue;
    action ??= matched;
    if (entry.caches === undefined) names = undefined;
    else if (names !== undefined) names.push(...entry.caches);
  }
  if (action === undefined) return undefined;
  const aligned = spec.caches(cmd, ctx, call);
  const caches = selectCaches(spec.facts, aligned, names);
  if (caches.length === 0) return undefined;
  const named = caches.map((dir) => {
    const i = aligned.findIndex((a) => a !== undefined && JSON.stringify(a) === JSON.stringify(dir));
    return { name: spec.facts.caches[i]?.name, dir };
  });
  const use: CacheUse = { action, caches, named };
  if (
    (spec.facts.downloadOnly ?? []).some(
      (d) => forProgram(d.programs, call) && d.match.some((m) => matchWords(m, call) !== undefined),
    )
  )
    use.downloadOnly = true;
  const defeatedBy = installDefeat(spec.facts, cmd, call);
  if (defeatedBy !== undefined) use.defeatedBy = defeatedBy;
  const offline = offlineFlag(spec.facts, cmd, call);
  if (offline !== undefined) use.offline = offline;
  return use;
}

const notTrap = (c: CacheDir) => !('trap' in c);

function cacheDefeat(spec: ManagerSpec, cmd: SimpleCommand, ctx: ToolContext): CacheDefeat | undefined {
  const call = spec.call(cmd, ctx);
  if (!call) return undefined;
  const named = (names: readonly string[] | undefined) =>
    spec.caches ? selectCaches(spec.facts, spec.caches(cmd, ctx, call), names).filter(notTrap) : [];
  const result = (what: string, d: DefeatFact, caches: CacheDir[]): CacheDefeat =>
    caches.length ? { what, effect: d.effect, caches } : { what, effect: d.effect };
  for (const d of spec.facts.defeats) {
    if (d.kind !== 'command' || !forProgram(d.programs, call)) continue;
    if (matchWords(d.match, call) === undefined) continue;
    return result(cmd.argv.map((w) => w.raw).join(' '), d, named(d.caches));
  }
  const use = cacheUse(spec, cmd, ctx);
  if (!use) return undefined;
  for (const d of spec.facts.defeats) {
    if (d.kind === 'command' || !applies(d, cmd, call)) continue;
    let what = d.match;
    if (d.kind === 'flag') what = call.written(d.match) ?? d.match;
    else {
      const v = cmd.env(d.match);
      if (typeof v === 'string') what = `${d.match}=${v}`;
    }
    // Where the command's caches are traps (the install lives in them), the folders are still named.
    const used = use.caches.filter(notTrap);
    return result(what, d, d.caches || used.length === 0 ? named(d.caches) : used);
  }
  return undefined;
}

/** `~` in a fact's folder pattern stands for any home folder: /root or /home/NAME. */
export function patternRegExp(pattern: string): string {
  return escapeRegExp(pattern).replace(/^~/, '(?:/root|/home/[^/]+)');
}

/** The literal folders a tool's facts name as its caches, as patterns. */
export function cacheFolderPatterns(facts: ToolFacts): string[] {
  const out: string[] = [];
  for (const c of facts.caches) {
    for (const p of [c.default, c.root, ...(c.images ?? []).map((i) => i.path)]) {
      if (p !== undefined && !p.includes('<') && !out.includes(p)) out.push(p);
    }
  }
  for (const k of facts.knownCaches) {
    if (k.program === undefined && !out.includes(k.path)) out.push(k.path);
  }
  return out;
}

function cacheFolderTest(facts: ToolFacts): (path: string) => boolean {
  const patterns = cacheFolderPatterns(facts);
  if (patterns.length === 0) return () => false;
  const re = new RegExp(`^(?:${patterns.map(patternRegExp).join('|')})(?:/|$)`);
  return (path) => path.startsWith('/') && re.test(normalizePath(path));
}

/** Which named cache of the tool a folder is or lies in, by each cache fact's folder patterns. */
function cacheFolderNamer(
  facts: ToolFacts,
): (path: string) => { name: string | undefined; rest: string } | undefined {
  const source = (p: string) => `^(${patternRegExp(p)})(?:/(.*))?$`;
  const perCache = facts.caches.map((c) => ({
    name: c.name,
    patterns: [c.default, c.root, ...(c.images ?? []).map((i) => i.path)]
      .filter((p): p is string => p !== undefined && !p.includes('<'))
      .map((p) => new RegExp(source(p))),
  }));
  const known = facts.knownCaches
    .filter((k) => k.program === undefined)
    .map((k) => new RegExp(source(k.path)));
  const any = cacheFolderTest(facts);
  return (path) => {
    if (!any(path)) return undefined;
    const p = normalizePath(path);
    for (const c of perCache) {
      for (const re of c.patterns) {
        const m = re.exec(p);
        if (m) return { name: c.name, rest: m[2] ?? '' };
      }
    }
    for (const re of known) {
      const m = re.exec(p);
      if (m) return { name: facts.caches.length === 1 ? facts.caches[0]?.name : undefined, rest: m[2] ?? '' };
    }
    return undefined;
  };
}
