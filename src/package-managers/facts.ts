/**
 * The facts a package-manager module declares about its tool, as data: the
 * commands and install folders it recognises, the cache folders the tool
 * uses and how each is found, the well-known cache folders the screen may
 * pass over, what turns a cache off or empties it, which commands read or
 * write a cache, which caches must be used exclusively, and where a cache is
 * itself part of what the tool installs. Every fact names its source.
 *
 * `docs/package-managers.md` is generated from these facts (`npm run docs`).
 */

/**
 * Where a fact comes from: a documentation URL, or a file in a public
 * repository at a commit, `owner/repo@commit:path`, with `:lines` when known
 * (`947-955`, or several ranges joined by commas: `26,142-182`).
 */
export type Source = string;

/** What every fact carries: one source, or several when it rests on more than one. */
export interface Sourced {
  source: Source | readonly Source[];
}

/** Documentation prose with its sources. */
export interface Prose extends Sourced {
  text: string;
}

/**
 * How a cache folder is found, in the order `resolveCache` (common.ts) reads
 * it: a command-line flag, variables naming the folder, variables naming a
 * folder it lives under, the XDG base folder, HOME, and root's own folder.
 */
export interface CacheRuleFacts {
  /** The flag naming the folder (`--cache-dir`). */
  flag?: string;
  /** Variables naming the folder, in order of precedence. */
  env?: readonly string[];
  /** Variables naming a folder the cache lives under, with the sub-path (`PNPM_HOME` -> `store`). */
  envBase?: ReadonlyArray<readonly [variable: string, sub: string]>;
  /** Sub-folder of `$XDG_CACHE_HOME` (else `~/.cache`). */
  xdgCache?: string;
  /** Sub-folder of `$XDG_DATA_HOME` (else `~/.local/share`). */
  xdgData?: string;
  /** Path under HOME when no XDG rule applies. */
  home?: string;
  /** The folder for uid 0 when nothing moves it (Yarn 1 ignores HOME for root). */
  root?: string;
}

/** Where a known image puts a cache (`/go/pkg/mod` in `golang`). */
export interface ImageCacheFact extends Sourced {
  image: string;
  path: string;
}

/** One cache folder the tool uses. A tool's caches are listed most valuable first. */
export interface CacheFact extends CacheRuleFacts, Sourced {
  /** Which cache, where a tool has several (`module cache`, `build cache`). */
  name?: string;
  /**
   * The folder when nothing moves it, as a pattern: `~` is the user's HOME
   * (`~/.cache/pip`), an absolute path is itself, and `<...>` names a folder
   * that depends on the setup (`<root prefix>/pkgs`). Left out for a cache
   * the tool keeps only when told where (uv's Python downloads).
   */
  default?: string;
  /** Where known images put it. */
  images?: readonly ImageCacheFact[];
}

/**
 * A well-known cache folder that no tool installs into in a standard setup:
 * the screen passes over cache mounts on it (known-caches.ts).
 */
export interface KnownCacheFact extends Sourced {
  /** `~` stands for /root or /home/NAME; the folder matches itself and anything below it. */
  path: string;
  /** Text that shows a tool that can make the folder what it installs: a file that shows it is analysed. */
  unless?: RegExp;
  /** The program the folder belongs to, when it is a companion of this tool rather than the tool itself. */
  program?: string;
}

/**
 * When a variable turns a cache off: `any` value at all (even empty or not
 * known), `on` (not empty and not a false spelling; a value not known counts),
 * `nonEmpty` (a known, non-empty value), `relative` (a known value that is not
 * an absolute path), or one value.
 */
export type DefeatValue = 'any' | 'on' | 'nonEmpty' | 'relative' | { equals: string };

interface DefeatBase extends Sourced {
  /** `disables`: the command does not use the cache; `empties`: it deletes what the cache holds. */
  effect: 'disables' | 'empties';
  /** The caches it affects, by name; all of them when left out. */
  caches?: readonly string[];
  /** The programs it applies to, when the module answers for several (`microdnf`). */
  programs?: readonly string[];
}

/** What turns a cache off or empties it. */
export type DefeatFact =
  /** A flag on a command that uses the cache (`--no-cache-dir`). */
  | (DefeatBase & { kind: 'flag'; match: string })
  /** A variable a command that uses the cache sees (`PIP_NO_CACHE_DIR`). */
  | (DefeatBase & { kind: 'env'; match: string; value: DefeatValue; label?: string })
  /** A command of the tool, as the words after its name (`cache purge`; `-` words are flags it must have). */
  | (DefeatBase & { kind: 'command'; match: string });

/**
 * Commands that read or write a cache: the words after the program's name,
 * alternatives in a list. A word starting with `-` is a flag the command must
 * have; `*` is any first argument; the empty string is the bare program.
 */
export interface CacheCommandFact extends Sourced {
  match: readonly string[];
  /** The caches it uses, by name; all of them when left out. */
  caches?: readonly string[];
  programs?: readonly string[];
}

/**
 * A flag or variable that makes a command of the tool work offline, from what
 * its cache folder already holds: it downloads nothing, and reads what an
 * earlier RUN downloaded there. `includes` matches one word of a variable
 * holding several (`GOFLAGS`).
 */
export type OfflineFact = Sourced & { programs?: readonly string[] } & (
    | { kind: 'flag'; match: string }
    | { kind: 'env'; match: string; value: DefeatValue | { includes: string } }
  );

/** A cache folder the tool must use exclusively (it takes a lock there). */
export interface LockingFact extends Sourced {
  path: string;
  why: string;
}

/** A setup in which the tool's cache is itself part of what it installs. */
export interface TrapFact extends Sourced {
  what: string;
  /** Text of a Dockerfile that shows the trap may apply; the screen then analyses the file. */
  mentionedBy?: RegExp;
  /** Settings that move the cache (or what lives in it) to another folder. */
  relocatedBy?: RegExp;
}

export interface ToolFacts {
  /** Stable id, used in configuration (`cacheDirs`) and messages. */
  id: string;
  /** Display name. */
  name: string;
  /** The program names the module answers for. */
  programs: readonly string[];
  /** The commands it recognises as installs. */
  commands: Prose;
  /** Where those commands install. */
  destinations: Prose;
  /** How the cache that replaces a broken mount is chosen. */
  cache: Prose;
  caches: readonly CacheFact[];
  knownCaches: readonly KnownCacheFact[];
  defeats: readonly DefeatFact[];
  cacheCommands: readonly CacheCommandFact[];
  /**
   * Commands that only fill the cache (`go mod download`, `cargo fetch`): what
   * they download is for later commands, which need it in the image unless
   * they mount the same cache. None when left out.
   */
  downloadOnly?: readonly CacheCommandFact[];
  /** What makes a command work offline, from the cache alone; none when left out. */
  offline?: readonly OfflineFact[];
  locking: readonly LockingFact[];
  traps: readonly TrapFact[];
}

/** Declares a tool's facts (typed; kept as written). */
export function defineTool<const T extends ToolFacts>(facts: T): T {
  return facts;
}

/** The sources of a fact as a list. */
export function sourcesOf(fact: Sourced): readonly Source[] {
  return typeof fact.source === 'string' ? [fact.source] : fact.source;
}

/** A tool's cache fact by name. */
export function cacheNamed(facts: ToolFacts, name: string): CacheFact {
  const c = facts.caches.find((f) => f.name === name);
  if (!c) throw new Error(`${facts.id} has no cache named ${name}`);
  return c;
}

/** A tool's defeat fact by what it matches. */
export function defeatMatching(facts: ToolFacts, match: string): DefeatFact {
  const d = facts.defeats.find((f) => f.match === match);
  if (!d) throw new Error(`${facts.id} has no defeat ${match}`);
  return d;
}
