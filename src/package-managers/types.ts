/**
 * The questions every package-manager module answers, from the model and one
 * simple command: is this an install, where does it install, where is its
 * download cache for this user and environment, and what defeats that cache.
 */
import type { UserInfo } from '../model/commands.js';
import type { RunInstruction, Stage } from '../model/dockerfile.js';
import type { SimpleCommand } from '../shell/reader.js';
import type { ToolFacts } from './facts.js';

export type DestinationKind =
  /** Installed packages or tools: needed wherever the image runs. */
  | 'packages'
  /** Build output (`target/`, a wheel folder): needed only where something reads it. */
  | 'build'
  /**
   * Packages a tool restores for its own later commands (NuGet's packages
   * folder, which a `--no-restore` build reads): needed only by the commands
   * the tool's `readsCache` recognises and by what names the folder.
   */
  | 'restore';

export interface Destination {
  /** Absolute path; a `*` segment stands for one unknown segment (`python3.*`). */
  path: string;
  kind: DestinationKind;
  /** What lives there, for messages: `node_modules`, `the --target folder`. */
  what: string;
  /**
   * The tool installs there only under a setting the Dockerfile does not show
   * (Yarn's nodeLinker in a .yarnrc.yml copied in): what holds then, and what
   * to do. A finding on it is reported with this text, never fixed.
   */
  condition?: string;
}

export type CacheDir =
  /**
   * The tool's download cache, an absolute literal path. `via` names what set
   * it (`PIP_CACHE_DIR`). `versions` matches the names of sub-folders the tool
   * keeps the cache's contents in, by its layout version (`v10` in pnpm's
   * store): a mount on such a sub-folder is a mount of the cache.
   */
  | { path: string; via?: string; versions?: RegExp }
  /**
   * The cache location cannot be known statically; `unknown` says why, as
   * said of a RUN that mounts a folder of the tool. `noMount` says it of a RUN
   * that mounts none, where the advice differs (nothing to drop).
   */
  | { unknown: string; noMount?: string }
  /** Mounting the tool's cache would create a new bug; `advice` says what to do instead. */
  | {
      trap: string;
      /**
       * Folders inside the trap's folder that hold only downloads and may be
       * mounted on their own (Poetry's `cache` and `artifacts` beside its
       * `virtualenvs`), as absolute paths.
       */
      safe?: string[];
    };

export interface Invocation {
  tool: PackageManager;
  command: SimpleCommand;
  /** The sub-command as the tool names it (`install`, `ci`, `sync`). */
  action: string;
  destinations: Destination[];
  /**
   * Download caches to mount, most valuable first: a rewrite uses the first and
   * gives each other one a mount of its own. Empty when the tool keeps no cache
   * worth mounting (the broken mount is then removed).
   */
  caches: CacheDir[];
  /** A flag or variable on this command that turns the cache off (`--no-cache-dir`). */
  defeatedBy?: string;
}

export interface ToolContext {
  /** The RUN the commands belong to (its mounts, its text). */
  run: RunInstruction;
  stage: Stage;
  /** The user a command runs as (the RUN's USER, or `sudo -u`/`gosu` on the command). */
  userOf(cmd: SimpleCommand): UserInfo;
  /** True when the folder is a Python virtual environment created or activated in this stage chain. */
  isVenv(path: string): boolean;
  /** The commands of the RUN that run before this one, in order (`dotnet restore --packages X` before `dotnet publish --no-restore`). */
  commandsBefore(cmd: SimpleCommand): SimpleCommand[];
  /** Text of the instructions of this stage chain up to and including the RUN, for cheap evidence checks (`.yarnrc.yml` copied in). */
  stageText(): string;
  /** User overrides of cache dirs, per tool id (from configuration). */
  cacheDirOverride(toolId: string): string | undefined;
}

/** What a command does with its tool's cache. */
export interface CacheUse {
  /** The sub-command as the tool names it (`install`, `mod download`, `test`). */
  action: string;
  /** The cache folders it reads or writes, resolved for this command's user and environment. */
  caches: CacheDir[];
  /** The same folders with the name of the cache each one is (`module cache`, `build cache`), where the facts name it. */
  named: Array<{ name: string | undefined; dir: CacheDir }>;
  /** A flag or variable on this command that turns the cache off. */
  defeatedBy?: string;
  /** The flag or variable that makes this command work offline, from what the cache already holds (`--offline`). */
  offline?: string;
  /** The command only fills the cache for later commands (`go mod download`): the tool's `downloadOnly` facts. */
  downloadOnly?: boolean;
}

/** How a command turns its tool's cache off or empties it. */
export interface CacheDefeat {
  /** The flag, variable or command as the Dockerfile writes it (`--no-cache-dir`, `UV_NO_CACHE=1`, `npm cache clean --force`). */
  what: string;
  effect: 'disables' | 'empties';
  /** The cache folders affected, when they can be named. */
  caches?: CacheDir[];
}

export interface PackageManager {
  /** Stable id, used in configuration (`cacheDirs`) and messages. */
  id: string;
  /** Display name. */
  name: string;
  /** What the module knows of its tool, with sources (facts.ts). */
  facts: ToolFacts;
  /** The install this command performs, if it is one of this tool's installs. */
  invocation(cmd: SimpleCommand, ctx: ToolContext): Invocation | undefined;
  /**
   * Whether a later command reads installed packages straight from the tool's
   * cache folder (`dotnet publish --no-restore` reads the NuGet global-packages
   * folder). Such a cache is part of the result and cannot simply be mounted.
   */
  readsCache?(cmd: SimpleCommand): boolean;
  /**
   * For any command of the tool that reads or writes its cache (installs,
   * downloads, builds, tests): the cache folders, resolved as `invocation()`
   * resolves them. Undefined for commands that do not touch the cache.
   */
  cacheUse(cmd: SimpleCommand, ctx: ToolContext): CacheUse | undefined;
  /** When the command turns the cache off or empties it: a flag, a variable it sees, or a cleaning command. */
  cacheDefeat(cmd: SimpleCommand, ctx: ToolContext): CacheDefeat | undefined;
  /** True when an absolute path is one of the tool's cache folders (or inside one) for some user. */
  isCacheFolder(path: string): boolean;
  /**
   * Which of the tool's caches a folder is (or lies in), by the facts' folder
   * patterns: the cache's name (undefined for a tool with one unnamed cache, or
   * a folder the facts do not tie to one of several caches) and the part of
   * the path below the cache's folder (`index` for `~/.cargo/registry/index`);
   * undefined when the folder is none of them.
   */
  cacheFolderOf(path: string): { name: string | undefined; rest: string } | undefined;
}
