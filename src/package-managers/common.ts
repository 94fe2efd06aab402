/**
 * Helpers the package-manager modules share: reading a tool's options from
 * argv, and resolving cache locations from flags, variables and HOME.
 */
import { escapeRegExp, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import type { CacheFact, ToolFacts } from './facts.js';
import type { ToolContext } from './types.js';

export interface OptionSpec {
  /** Options that take a value (`--target`, `-t`). */
  values: readonly string[];
  /** Aliases, short or misspelt, mapped to their canonical name (`-t` -> `--target`). */
  aliases?: Readonly<Record<string, string>>;
}

export interface ParsedOptions {
  /** Positional words (values; undefined where unknown). */
  positionals: Array<string | undefined>;
  /** Options by canonical name: the last value given (`''` for a flag), undefined when unknown. */
  options: Map<string, string | undefined>;
  has(name: string): boolean;
  get(name: string): string | undefined;
  /** The word that gave an option (its last occurrence), as written. */
  written(name: string): string | undefined;
}

/** Reads GNU/Python-style options: `--opt=value`, `--opt value`, `-o value`, `-ovalue`. */
export function parseOptions(words: readonly Word[], spec: OptionSpec): ParsedOptions {
  const values = new Set(spec.values);
  const aliases = spec.aliases ?? {};
  const canonical = (n: string) => aliases[n] ?? n;
  const options = new Map<string, string | undefined>();
  const written = new Map<string, string>();
  const positionals: Array<string | undefined> = [];
  let onlyPositionals = false;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]?.value;
    if (onlyPositionals || w === undefined || !w.startsWith('-') || w === '-') {
      positionals.push(w);
      continue;
    }
    if (w === '--') {
      onlyPositionals = true;
      continue;
    }
    const raw = words[i]?.raw ?? w;
    const eq = w.indexOf('=');
    if (w.startsWith('--') && eq > 0) {
      options.set(canonical(w.slice(0, eq)), w.slice(eq + 1));
      written.set(canonical(w.slice(0, eq)), raw);
      continue;
    }
    if (values.has(w)) {
      options.set(canonical(w), words[i + 1]?.value);
      written.set(canonical(w), raw);
      i++;
      continue;
    }
    // A short option with its value attached: `-t/dir`.
    if (!w.startsWith('--') && w.length > 2 && values.has(w.slice(0, 2))) {
      options.set(canonical(w.slice(0, 2)), w.slice(2));
      written.set(canonical(w.slice(0, 2)), raw);
      continue;
    }
    options.set(canonical(w), '');
    written.set(canonical(w), raw);
  }
  return {
    positionals,
    options,
    has: (n) => options.has(n),
    get: (n) => options.get(n),
    written: (n) => written.get(n),
  };
}

export { commandBase } from '../shell/reader.js';

/** A variable the command sees, or undefined; `null` when set to an unknown value. */
export function envOf(
  cmd: SimpleCommand,
  ...names: string[]
): { name: string; value: string | null } | undefined {
  for (const name of names) {
    const v = cmd.env(name);
    if (v !== undefined) return { name, value: v };
  }
  return undefined;
}

/** An absolute path from a value that may be relative to the command's working directory. */
export function absolute(cmd: SimpleCommand, p: string | undefined): string | undefined {
  if (p === undefined || p === '') return undefined;
  if (p.startsWith('/')) return resolvePath('/', p);
  return cmd.cwd === undefined ? undefined : resolvePath(cmd.cwd, p);
}

/**
 * HOME for the command, or undefined when it cannot be known: not known, or
 * not an absolute path (a stage FROM scratch sets no HOME at all).
 */
export function homeOf(cmd: SimpleCommand, ctx: ToolContext): string | undefined {
  const h = cmd.user !== undefined ? ctx.userOf(cmd).home : (cmd.env('HOME') ?? ctx.userOf(cmd).home);
  return typeof h === 'string' && h.startsWith('/') ? h : undefined;
}

export interface CacheRule {
  /**
   * Tool id whose configured cache folder (`cacheDirs`) replaces the answer;
   * left out for a tool's second cache, which that setting does not name.
   */
  tool?: string;
  /** A command-line flag naming the cache, already read. */
  flag?: { name: string; value: string | undefined };
  /** Variables that name the cache folder, in order of precedence. */
  env?: readonly string[];
  /** Variables naming a folder the cache lives under, with the sub-path (`PNPM_HOME` -> `store`). */
  envBase?: ReadonlyArray<readonly [string, string]>;
  /** Sub-folder of `$XDG_CACHE_HOME` (or `$HOME/.cache` when unset). */
  xdgCache?: string;
  /** Sub-folder of `$XDG_DATA_HOME` (or `$HOME/.local/share` when unset). */
  xdgData?: string;
  /** Path under HOME, when no XDG rule applies. */
  home?: string;
  /** The cache folder for uid 0 when no flag or variable moves it (Yarn 1 ignores HOME for root). */
  root?: string;
}

/**
 * The rule `resolveCache` follows for one of a tool's caches, from its facts:
 * the flag's value read from the command's options, and the configured cache
 * folder (`cacheDirs`) honoured for the tool's first cache only.
 */
export function cacheRule(
  facts: ToolFacts,
  cache: CacheFact | undefined,
  opts?: { has(name: string): boolean; get(name: string): string | undefined },
  configurable = cache === facts.caches[0],
): CacheRule {
  if (!cache) throw new Error(`${facts.id}: no such cache`);
  const rule: CacheRule = {};
  if (configurable) rule.tool = facts.id;
  if (cache.flag !== undefined && opts?.has(cache.flag)) {
    rule.flag = { name: cache.flag, value: opts.get(cache.flag) };
  }
  if (cache.env) rule.env = cache.env;
  if (cache.envBase) rule.envBase = cache.envBase;
  if (cache.xdgCache !== undefined) rule.xdgCache = cache.xdgCache;
  if (cache.xdgData !== undefined) rule.xdgData = cache.xdgData;
  if (cache.home !== undefined) rule.home = cache.home;
  if (cache.root !== undefined) rule.root = cache.root;
  return rule;
}

/** What a cache folder is when a variable that names it has a value the Dockerfile does not show. */
export function notStatic(name: string): { unknown: string } {
  return { unknown: `${name} is set to a value that is not known statically` };
}

/** What a folder under HOME is when the home folder of the command's user is not known. */
export function unknownHome(cmd: SimpleCommand, ctx: ToolContext): { unknown: string } {
  const why = `the home folder of USER ${ctx.userOf(cmd).spec} is not known`;
  const h = cmd.user === undefined ? cmd.env('HOME') : undefined;
  if (h === '') return { unknown: `${why}, as HOME is not set` };
  if (typeof h === 'string' && !h.startsWith('/'))
    return { unknown: `${why}, as HOME (${h}) is not an absolute path` };
  return { unknown: why };
}

/**
 * The folder a variable the command sees names (with a sub-path), taken as
 * is: a relative value is relative to the working folder. Undefined when the
 * variable is unset or empty; unknown when its value, or the working folder
 * a relative value depends on, is not known.
 */
export function dirFromVariable(
  cmd: SimpleCommand,
  name: string,
  sub = '.',
): { path: string; via: string } | { unknown: string } | undefined {
  const v = cmd.env(name);
  if (v === undefined || v === '') return undefined;
  if (v === null) return notStatic(name);
  const p = absolute(cmd, v);
  return p
    ? { path: resolvePath(p, sub), via: name }
    : { unknown: `${name} is relative to a working folder that is not known` };
}

/** Resolves a cache folder by a tool's rules, in order: configuration, flag, variables, XDG, HOME. */
export function resolveCache(
  cmd: SimpleCommand,
  ctx: ToolContext,
  rule: CacheRule,
): { path: string; via?: string } | { unknown: string } {
  const override = rule.tool === undefined ? undefined : ctx.cacheDirOverride(rule.tool);
  if (override) return { path: override, via: 'configuration' };
  if (rule.flag) {
    const p = absolute(cmd, rule.flag.value);
    return p
      ? { path: p, via: rule.flag.name }
      : { unknown: `${rule.flag.name} is given a value that is not known statically` };
  }
  const variables: Array<readonly [string, string]> = [
    ...(rule.env ?? []).map((name) => [name, '.'] as const),
    ...(rule.envBase ?? []),
  ];
  if (rule.xdgCache !== undefined) variables.push(['XDG_CACHE_HOME', rule.xdgCache]);
  else if (rule.xdgData !== undefined) variables.push(['XDG_DATA_HOME', rule.xdgData]);
  for (const [name, sub] of variables) {
    const dir = dirFromVariable(cmd, name, sub);
    if (dir) return dir;
  }
  if (rule.root !== undefined && ctx.userOf(cmd).root) return { path: rule.root };
  const home = homeOf(cmd, ctx);
  const rel =
    rule.home ?? (rule.xdgCache !== undefined ? `.cache/${rule.xdgCache}` : `.local/share/${rule.xdgData}`);
  if (home === undefined) return unknownHome(cmd, ctx);
  return { path: resolvePath(home, rel) };
}

/** True for the boolean spellings tools accept as "on". */
export function truthy(v: string | null | undefined): boolean {
  return v !== undefined && v !== null && /^(1|true|yes|on)$/i.test(v);
}

/** True for the boolean spellings tools accept as "off"; false for any other value, and for an unset or unknown one. */
export function falsy(v: string | null | undefined): boolean {
  return v !== undefined && v !== null && /^(0|false|no|off)$/i.test(v);
}

/**
 * The text of the stage chain up to a command: the instructions before its
 * RUN and the RUN's own text before the command, where settings the command
 * sees may be written (`pnpm config set store-dir /x && pnpm install`).
 */
export function textBefore(ctx: ToolContext, cmd: SimpleCommand): string {
  const text = ctx.stageText();
  const run = ctx.run;
  // stageText ends with the RUN's own text (its document span).
  const cut = text.length - (run.end - run.start) + (cmd.start - run.start);
  return cmd.start >= run.start && cmd.start <= run.end ? text.slice(0, cut) : text;
}

/** The last value a `TOOL config KEY VALUE` command in the stage chain gave a setting (`poetry config virtualenvs.create false`). */
export function configFromText(text: string, tool: string, key: string): string | undefined {
  const esc = escapeRegExp(key);
  const re = new RegExp(
    `\\b${tool}\\s+config\\s+(?:--(?:local|global)\\s+|-[lg]\\s+)?${esc}\\s+["']?([^\\s"'&;|]+)`,
    'g',
  );
  let last: string | undefined;
  for (const m of text.matchAll(re)) last = m[1];
  return last;
}
