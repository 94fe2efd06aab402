/**
 * The analysis every transform shares, computed on demand and kept per
 * Dockerfile: the package-manager invocations of each RUN, the user each
 * command runs as, and the data-flow questions (is what a RUN put in a folder
 * needed after it, and by what; did the RUN copy it out; does a later RUN read
 * it or install it again). Transforms ask; none of them keeps a copy.
 */
import type { RunReader, UserInfo } from '../model/commands.js';
import type {
  CopyInstruction,
  DockerfileModel,
  Instruction,
  Mount,
  OtherInstruction,
  RunInstruction,
  Stage,
} from '../model/dockerfile.js';
import { absolute } from '../package-managers/common.js';
import { findInvocation, PACKAGE_MANAGERS } from '../package-managers/index.js';
import type {
  CacheDefeat,
  CacheUse,
  Destination,
  Invocation,
  PackageManager,
  ToolContext,
} from '../package-managers/types.js';
import { basename, dirname, isWithin, relatePaths, resolvePath } from '../paths.js';
import { type CopyOperation, copyOperation, isInert, onlyWritesPaths } from '../shell/commands.js';
import { commandBase, pathPrefix, type SimpleCommand } from '../shell/reader.js';
import { cacheId } from './mounts.js';
import { createToolContext } from './tools.js';

export interface AnalysisSettings {
  /** Cache folders to use instead of the computed ones, per package-manager id (configuration `cacheDirs`). */
  cacheDirs?: Readonly<Record<string, string>>;
}

/** An install and the destination of it that lies at or under a folder. */
export interface Hit {
  inv: Invocation;
  dest: Destination;
}

/** Why what a RUN put in a folder is needed after it. */
export type NeedReason =
  | { kind: 'final-image' }
  | { kind: 'own-image'; stage: string }
  | { kind: 'later-run'; line: number }
  | { kind: 'remount'; line: number }
  | { kind: 'copy-from'; line: number; from: string }
  | { kind: 'mount-from'; line: number; from: string }
  | { kind: 'command'; line: number; keyword: string };

export interface Need {
  reasons: NeedReason[];
  /** Later RUNs that read the folder through the same cache mount. */
  remounts: Array<{ run: RunInstruction; mount: Mount }>;
  /** The build output stays only in the cache in the image's last stage. */
  lostBuildOutput: boolean;
  /** RUNs in unrelated stages that read the folder through the same cache id. */
  sharedReaders: RunInstruction[];
}

/** A reason as a clause of a message: "the RUN at line 12 uses them". */
export function describeReason(r: NeedReason): string {
  switch (r.kind) {
    case 'final-image':
      return 'this is the final image';
    case 'own-image':
      return `stage ${r.stage} is an image of its own`;
    case 'later-run':
      return `the RUN at line ${r.line} uses them`;
    case 'remount':
      return `the RUN at line ${r.line} reads them through the same cache mount, which BuildKit may empty at any time`;
    case 'copy-from':
      return `the COPY --from=${r.from} at line ${r.line} copies them`;
    case 'mount-from':
      return `the RUN at line ${r.line} mounts them from stage ${r.from}`;
    case 'command':
      return `the ${r.keyword} at line ${r.line} runs it`;
  }
}

/**
 * The reasons as the clause of a message, each kind once: "the RUNs at lines
 * 7 and 9 use them; the COPY --from=build at line 12 copies them". `them` is
 * the pronoun for what was installed (`it` for one build output).
 */
export function describeNeeds(reasons: readonly NeedReason[], them = 'them'): string {
  const groups = new Map<string, { reason: NeedReason; lines: number[] }>();
  for (const r of reasons) {
    const key = 'line' in r ? `${r.kind}:${'from' in r ? r.from : 'keyword' in r ? r.keyword : ''}` : r.kind;
    const g = groups.get(key);
    if (!g) groups.set(key, { reason: r, lines: 'line' in r ? [r.line] : [] });
    else if ('line' in r && !g.lines.includes(r.line)) g.lines.push(r.line);
  }
  return [...groups.values()].map(({ reason, lines }) => needClause(reason, lines, them)).join('; ');
}

/** "line 7", "lines 7 and 9", "lines 7, 9, 11 and 3 others". */
export function linesText(lines: readonly number[]): string {
  if (lines.length === 1) return `line ${lines[0]}`;
  const shown = lines.length > 4 ? lines.slice(0, 3) : lines.slice(0, -1);
  const last = lines.length > 4 ? `${lines.length - 3} others` : String(lines[lines.length - 1]);
  return `lines ${shown.join(', ')} and ${last}`;
}

function needClause(r: NeedReason, lines: readonly number[], them: string): string {
  const many = lines.length > 1;
  const at = linesText(lines);
  switch (r.kind) {
    case 'final-image':
      return 'this is the final image';
    case 'own-image':
      return `stage ${r.stage} is an image of its own`;
    case 'later-run':
      return many ? `the RUNs at ${at} use ${them}` : `the RUN at ${at} uses ${them}`;
    case 'remount':
      return `the RUN${many ? 's' : ''} at ${at} read${many ? '' : 's'} ${them} through the same cache mount, which BuildKit may empty at any time`;
    case 'copy-from':
      return `the COPY --from=${r.from} at ${at} cop${many ? 'y' : 'ies'} ${them}`;
    case 'mount-from':
      return `the RUN${many ? 's' : ''} at ${at} mount${many ? '' : 's'} ${them} from stage ${r.from}`;
    case 'command':
      return `the ${r.keyword} at ${at} run${many ? '' : 's'} ${them}`;
  }
}

/** A copy the install's RUN made of what it installed, out of the mount: source inside the target, and where it went. */
export interface CopyOut {
  /** The path copied, the target or a path inside it. */
  source: string;
  /** Where it went; undefined when not known, or a pipe or an archive. */
  dest: string | undefined;
}

/** Folders a plain PATH lookup finds the image's own interpreter in. */
const SYSTEM_BIN = new Set(['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin']);
/** PATH when nothing sets it (BuildKit's default for Linux). */
const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * The command runs the image's own Python (`python3`, `/usr/local/bin/python3`,
 * `pip`), not the one of this venv: found on PATH before any folder of the
 * venv, with no VIRTUAL_ENV or PYTHONPATH naming the venv. Such a command does
 * not use what was installed into the venv.
 */
export function runsOtherPython(cmd: SimpleCommand, venv: string): boolean {
  const base = commandBase(cmd.name);
  if (base === undefined || !/^(python|pip)(\d+(\.\d+)*)?$/.test(base)) return false;
  const names = (v: string) => {
    const p = absolute(cmd, v);
    return p === undefined || relatePaths(p, venv) !== 'unrelated';
  };
  const active = cmd.env('VIRTUAL_ENV');
  if (active === null || (active && names(active))) return false;
  const pythonPath = cmd.env('PYTHONPATH');
  if (pythonPath === null || pythonPath?.split(':').some((e) => e !== '' && names(e))) return false;
  const name = cmd.name as string;
  if (name.includes('/')) {
    const p = absolute(cmd, name);
    return p !== undefined && !isWithin(p, venv);
  }
  const path = cmd.env('PATH');
  if (path === null) return false;
  for (const entry of (path || DEFAULT_PATH).split(':')) {
    if (entry === '') continue;
    const p = absolute(cmd, entry);
    if (p === undefined || isWithin(p, venv)) return false;
    if (SYSTEM_BIN.has(p)) return true;
  }
  return true;
}

/** A command of a RUN that reads or writes a tool's cache. */
export interface ToolCacheUse {
  pm: PackageManager;
  cmd: SimpleCommand;
  use: CacheUse;
}

/** A command of a RUN that turns a tool's cache off or empties it. */
export interface ToolCacheDefeat {
  pm: PackageManager;
  cmd: SimpleCommand;
  defeat: CacheDefeat;
}

export class Analysis {
  private readonly toolContexts = new Map<RunInstruction, ToolContext>();
  private readonly invocationLists = new Map<RunInstruction, Invocation[]>();
  private readonly cacheUseLists = new Map<RunInstruction, ToolCacheUse[]>();
  private readonly defeatLists = new Map<RunInstruction, ToolCacheDefeat[]>();
  private used: Set<Stage> | undefined;

  constructor(
    readonly model: DockerfileModel,
    readonly runs: RunReader,
    private readonly settings: AnalysisSettings = {},
  ) {}

  /** 1-based line of an instruction. */
  lineOf(ins: Instruction): number {
    return this.model.position(ins.start).line;
  }

  get lastStage(): Stage | undefined {
    return this.model.stages[this.model.stages.length - 1];
  }

  /** Whether a stage ends up as an image someone runs: the last stage, or one no other stage uses. */
  isImage(stage: Stage): boolean {
    this.used ??= this.model.usedStages();
    return stage === this.lastStage || !this.used.has(stage);
  }

  /** What the package-manager modules see of a RUN. */
  tools(run: RunInstruction): ToolContext {
    let t = this.toolContexts.get(run);
    if (!t) {
      t = createToolContext(this.model, this.runs, run, this.settings);
      this.toolContexts.set(run, t);
    }
    return t;
  }

  /** The user a command of a RUN runs as (the RUN's USER, or `su`/`sudo -u` on the command). */
  userOf(run: RunInstruction, cmd?: SimpleCommand): UserInfo {
    return cmd ? this.tools(run).userOf(cmd) : this.runs.userOf(run);
  }

  /** The install a command performs, asking every package-manager module in turn. */
  findInvocation(cmd: SimpleCommand, tool: ToolContext): Invocation | undefined {
    return findInvocation(cmd, tool);
  }

  /** The package-manager installs of a RUN, in order. */
  invocations(run: RunInstruction): Invocation[] {
    let invs = this.invocationLists.get(run);
    if (!invs) {
      const tool = this.tools(run);
      invs = [];
      for (const cmd of this.runs.commands(run) ?? []) {
        const inv = findInvocation(cmd, tool);
        if (inv) invs.push(inv);
      }
      this.invocationLists.set(run, invs);
    }
    return invs;
  }

  /** Every command of a RUN that reads or writes a tool's cache, with the folders it uses, in order. */
  cacheUses(run: RunInstruction): ToolCacheUse[] {
    let uses = this.cacheUseLists.get(run);
    if (!uses) {
      const tool = this.tools(run);
      uses = [];
      for (const cmd of this.runs.commands(run) ?? []) {
        for (const pm of PACKAGE_MANAGERS) {
          const use = pm.cacheUse(cmd, tool);
          if (use) {
            uses.push({ pm, cmd, use });
            break;
          }
        }
      }
      this.cacheUseLists.set(run, uses);
    }
    return uses;
  }

  /** Every command of a RUN that turns a tool's cache off or empties it, in order. */
  cacheDefeats(run: RunInstruction): ToolCacheDefeat[] {
    let list = this.defeatLists.get(run);
    if (!list) {
      const tool = this.tools(run);
      list = [];
      for (const cmd of this.runs.commands(run) ?? []) {
        for (const pm of PACKAGE_MANAGERS) {
          const defeat = pm.cacheDefeat(cmd, tool);
          if (defeat) {
            list.push({ pm, cmd, defeat });
            break;
          }
        }
      }
      this.defeatLists.set(run, list);
    }
    return list;
  }

  /** The RUN's cache mount whose target is `path` or a folder above it (the innermost one). */
  cacheMountCovering(run: RunInstruction, path: string): Mount | undefined {
    let best: Mount | undefined;
    for (const m of run.mounts) {
      if (m.type !== 'cache' || m.target === undefined || !isWithin(path, m.target)) continue;
      if (!best || (best.target as string).length < m.target.length) best = m;
    }
    return best;
  }

  /** Installs of a RUN whose destination is `path` or lies below it, one per install. */
  installsInto(run: RunInstruction, path: string): Hit[] {
    return coveredInstalls(path, this.invocations(run));
  }

  /** The RUN installs into `path` (or below it) itself. */
  reinstalls(run: RunInstruction, path: string): boolean {
    return this.installsInto(run, path).length > 0;
  }

  /**
   * Does a RUN read what was installed at `target`? Unreadable RUNs count as
   * reading it. Restored packages are read by the commands `reader` (the
   * tool's `readsCache`) recognises.
   */
  reads(
    run: RunInstruction,
    target: string,
    kind: Destination['kind'],
    reader?: (cmd: SimpleCommand) => boolean,
  ): boolean {
    const cmds = this.runs.commands(run);
    if (cmds === null) return true;
    for (const cmd of cmds) {
      if (readsPath(cmd, target)) return true;
      if (kind === 'packages' && !isInert(cmd)) return true;
      if (kind === 'restore' && reader?.(cmd)) return true;
    }
    return false;
  }

  /**
   * The same RUN copies what the install put under `target` out of it, after
   * the install, to a folder outside every mount of the RUN.
   */
  copiedOut(run: RunInstruction, target: string, after: SimpleCommand): boolean {
    return this.copiesOut(run, target, after).length > 0;
  }

  /**
   * The copies the same RUN makes, after the install, of what it put under
   * `target`, to folders outside every mount of the RUN (`cp -a target
   * target-release`, `cp target/release/app /usr/local/bin/`, `tar -c`). A
   * link (`ln -s`) copies nothing.
   */
  copiesOut(run: RunInstruction, target: string, after: SimpleCommand): CopyOut[] {
    const out: CopyOut[] = [];
    for (const cmd of this.runs.commands(run) ?? []) {
      if (cmd.index <= after.index) continue;
      const op = copyOperation(cmd);
      if (!op || op.kind === 'link') continue;
      for (const s of op.sources) {
        const source = s === undefined ? undefined : absolute(cmd, s);
        if (source === undefined || !isWithin(source, target)) continue;
        if (op.kind === 'archive' || op.dest === undefined || op.dest === '-') {
          out.push({ source, dest: undefined });
          continue;
        }
        const dest = absolute(cmd, op.dest);
        if (dest === undefined) out.push({ source, dest: undefined });
        else if (!run.mounts.some((m) => m.target !== undefined && isWithin(dest, m.target)))
          out.push({ source, dest: op.intoFolder ? resolvePath(dest, basename(source)) : dest });
      }
    }
    return out;
  }

  /**
   * A later command that puts the copy of the whole target back in its place
   * (`mv target-release target`, `ln -s _vendor vendor`, `cp -a X target`):
   * what the target holds from then on is that copy, not the cache.
   */
  private restores(cmd: SimpleCommand, target: string, copies: readonly CopyOut[]): boolean {
    const op = copyOperation(cmd);
    if (!op || op.kind === 'archive' || op.dest === undefined) return false;
    const dest = absolute(cmd, op.dest);
    if (dest === undefined) return false;
    const whole = copies.filter((c) => c.dest !== undefined && c.source === target).map((c) => c.dest);
    return op.sources.some((s) => {
      const source = s === undefined ? undefined : sourcePath(cmd, op, s, dest);
      if (source === undefined || !whole.includes(source)) return false;
      return (op.intoFolder ? resolvePath(dest, basename(source)) : dest) === target;
    });
  }

  /** The venv a destination lies in (`/opt/venv/lib/python3.12/site-packages` is in `/opt/venv`). */
  private venvOf(run: RunInstruction, path: string): string | undefined {
    const tools = this.tools(run);
    for (let p = path; ; p = dirname(p)) {
      if (tools.isVenv(p)) return p;
      if (p === '/') return undefined;
    }
  }

  /**
   * How a later RUN uses what an install put at `target`: whether it reads
   * it, and whether it puts back a copy the install's RUN made (`copies`),
   * after which its commands read the copy. A command reads the target when
   * it names a path inside it (not only as where a copy goes, or to remove
   * or create it) or, for packages, runs anything but plain system commands
   * and, for a venv, the image's own Python.
   */
  private laterUse(
    run: RunInstruction,
    target: string,
    kind: Destination['kind'],
    venv: string | undefined,
    copies: readonly CopyOut[],
    reader?: (cmd: SimpleCommand) => boolean,
  ): { reads: boolean; restores: boolean } {
    const cmds = this.runs.commands(run);
    if (cmds === null) return { reads: true, restores: false };
    for (const cmd of cmds) {
      if (copies.length && this.restores(cmd, target, copies)) return { reads: false, restores: true };
      if (readsPath(cmd, target)) return { reads: true, restores: false };
      if (kind === 'packages' && !isInert(cmd) && !(venv !== undefined && runsOtherPython(cmd, venv)))
        return { reads: true, restores: false };
      if (kind === 'restore' && reader?.(cmd)) return { reads: true, restores: false };
    }
    return { reads: false, restores: false };
  }

  /** A later RUN of the stage family that reads the tool's packages from its cache folder without mounting it. */
  laterCacheReader(run: RunInstruction, hit: Hit, cachePath: string): RunInstruction | undefined {
    const reads = hit.inv.tool.readsCache;
    if (!reads) return undefined;
    const stage = run.stage as Stage;
    const family = new Set([stage, ...this.model.descendants(stage)]);
    for (const later of this.model.runs()) {
      if (later.index <= run.index || !later.stage || !family.has(later.stage)) continue;
      if (
        later.mounts.some(
          (m) => m.type === 'cache' && m.target !== undefined && isWithin(cachePath, m.target),
        )
      )
        continue;
      // A reader reads the packages where its own cache is: the same folder, or one it cannot name.
      const tool = this.tools(later);
      const readsHere = (c: SimpleCommand) => {
        const first = hit.inv.tool.cacheUse(c, tool)?.caches[0];
        return first === undefined || !('path' in first) || first.path === cachePath;
      };
      if ((this.runs.commands(later) ?? []).some((c) => reads(c) && readsHere(c))) return later;
    }
    return undefined;
  }

  /**
   * Is what an install put into a cache mount needed after its RUN, and by
   * what: the image itself, later RUNs of the stage and the stages built on it,
   * COPY --from and --mount=from of them, the image's command.
   */
  need(run: RunInstruction, mount: Mount, hit: Hit): Need {
    const target = mount.target as string;
    const stage = run.stage as Stage;
    const model = this.model;
    const reasons: NeedReason[] = [];
    const remounts: Need['remounts'] = [];
    const kind = hit.dest.kind;
    const copies = this.copiesOut(run, target, hit.inv.command);
    const copiedOut = copies.length > 0;
    const venv = kind === 'packages' ? this.venvOf(run, hit.dest.path) : undefined;
    const reader = hit.inv.tool.readsCache;
    if (kind === 'packages' && this.isImage(stage) && !copiedOut) {
      reasons.push(
        stage === this.lastStage
          ? { kind: 'final-image' }
          : { kind: 'own-image', stage: stage.name ?? String(stage.index) },
      );
    }
    const family = new Set([stage, ...model.descendants(stage)]);
    // Where a later RUN installs into the target again, or puts back the copy the RUN made of it, what follows
    // (in its stage and the stages built on that stage) reads that install or that copy, not the cache.
    const reinstalled = new Map<Stage, number>();
    const shadowed = (ins: Instruction) => {
      for (let s: Stage | undefined = ins.stage; s && family.has(s); s = s.parent) {
        const at = reinstalled.get(s);
        if (at !== undefined && at < ins.index) return true;
      }
      return false;
    };
    // What a stage of the family holds at its end (COPY --from, --mount=from read that).
    const shadowedAtEnd = (from: Stage) => {
      for (let s: Stage | undefined = from; s && family.has(s); s = s.parent)
        if (reinstalled.has(s)) return true;
      return false;
    };
    for (const ins of model.instructions) {
      if (ins.index <= run.index || !ins.stage || !family.has(ins.stage)) continue;
      if (shadowed(ins)) continue;
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        if (copiedOut && this.copyRestores(ins as CopyInstruction, target, copies, family))
          reinstalled.set(ins.stage, ins.index);
        continue;
      }
      if (ins.keyword !== 'RUN') continue;
      const later = ins as RunInstruction;
      if (this.reinstalls(later, target)) {
        reinstalled.set(later.stage as Stage, later.index);
        continue;
      }
      // The same cache: same target and same id (BuildKit's id defaults to the target). A cache mount
      // on the target under another id hides both the cache and the committed folder.
      const again = later.mounts.find(
        (m) => m.type === 'cache' && m.target === target && cacheId(m) === cacheId(mount),
      );
      if (again) {
        if (this.laterUse(later, target, kind, venv, [], reader).reads) {
          remounts.push({ run: later, mount: again });
          reasons.push({ kind: 'remount', line: this.lineOf(later) });
        }
        continue;
      }
      if (
        later.mounts.some((m) => m.target !== undefined && m.type !== 'secret' && isWithin(target, m.target))
      )
        continue;
      // Once the RUN copied them out, a later RUN uses the copy unless it names the folder itself.
      const use = this.laterUse(later, target, copiedOut ? 'build' : kind, venv, copies, reader);
      if (use.reads) reasons.push({ kind: 'later-run', line: this.lineOf(later) });
      if (use.restores) reinstalled.set(later.stage as Stage, later.index);
    }
    for (const ins of model.instructions) {
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const c = ins as CopyInstruction;
        const from = c.from === undefined ? undefined : model.stageByName(c.from);
        if (!from || !family.has(from) || ins.stage === from || shadowedAtEnd(from)) continue;
        if (c.sources.some((src) => src === undefined || touches(resolvePath('/', src), target))) {
          reasons.push({ kind: 'copy-from', line: this.lineOf(ins), from: c.from as string });
        }
      } else if (ins.keyword === 'RUN') {
        for (const m of (ins as RunInstruction).mounts) {
          const from = m.from === undefined ? undefined : model.stageByName(m.from);
          if (!from || !family.has(from) || ins.stage === from || shadowedAtEnd(from)) continue;
          if (touches(resolvePath('/', m.source ?? '/'), target)) {
            reasons.push({ kind: 'mount-from', line: this.lineOf(ins), from: m.from as string });
          }
        }
      }
    }
    if (kind === 'build') {
      for (const ins of model.instructions) {
        if ((ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') || !ins.stage || !family.has(ins.stage))
          continue;
        if (shadowed(ins)) continue;
        const workdir = ins.env.workdir ?? '/';
        if (
          (ins as OtherInstruction).words.some(
            (w) => w !== undefined && /[/.]/.test(w) && isWithin(resolvePath(workdir, w), target),
          )
        ) {
          reasons.push({ kind: 'command', line: this.lineOf(ins), keyword: ins.keyword });
        }
      }
    }
    // RUNs outside this stage family that read them through the same cache (same id) cannot see this layer.
    // Stages this one is built on ran before it and cannot depend on this install.
    const ancestors = new Set<Stage>();
    for (let p = stage.parent; p; p = p.parent) ancestors.add(p);
    const sharedReaders: RunInstruction[] = [];
    for (const other of model.runs()) {
      if (other === run || (other.stage && (family.has(other.stage) || ancestors.has(other.stage)))) continue;
      if (
        !other.mounts.some((m) => m.type === 'cache' && cacheId(m) === cacheId(mount) && m.target === target)
      )
        continue;
      if (this.reinstalls(other, target) || !this.reads(other, target, kind, reader)) continue;
      if (this.servedByOtherInstall(other, run, target, cacheId(mount))) continue;
      sharedReaders.push(other);
    }
    const lostBuildOutput =
      kind === 'build' && reasons.length === 0 && stage === this.lastStage && !copiedOut;
    return { reasons: uniqueReasons(reasons), remounts, lostBuildOutput, sharedReaders };
  }

  /**
   * A COPY in the stage family that puts the copy the install's RUN made back
   * in the target's place (`COPY --from=build /app/target-release /app/target`).
   */
  private copyRestores(
    c: CopyInstruction,
    target: string,
    copies: readonly CopyOut[],
    family: ReadonlySet<Stage>,
  ): boolean {
    const from = c.from === undefined ? undefined : this.model.stageByName(c.from);
    if (!from || !family.has(from) || c.dest === undefined) return false;
    const workdir = c.env.workdir;
    if (!c.dest.startsWith('/') && workdir === undefined) return false;
    const dest = resolvePath(workdir ?? '/', c.dest);
    const whole = copies.filter((x) => x.dest !== undefined && x.source === target).map((x) => x.dest);
    return (
      dest === target && c.sources.some((src) => src !== undefined && whole.includes(resolvePath('/', src)))
    );
  }

  /** An install into the same target and cache, other than `install`, in the reader's stage chain before it. */
  private servedByOtherInstall(
    reader: RunInstruction,
    install: RunInstruction,
    target: string,
    id: string | undefined,
  ): boolean {
    const chain = new Set<Stage>();
    for (let s = reader.stage; s; s = s.parent) chain.add(s);
    return this.model
      .runs()
      .some(
        (r) =>
          r !== install &&
          r.index < reader.index &&
          r.stage !== undefined &&
          chain.has(r.stage) &&
          r.mounts.some((m) => m.type === 'cache' && cacheId(m) === id) &&
          this.reinstalls(r, target),
      );
  }
}

/** Installs whose destination is the folder or lies below it. */
export function coveredInstalls(target: string, invs: readonly Invocation[]): Hit[] {
  const hits: Hit[] = [];
  for (const inv of invs) {
    for (const dest of inv.destinations) {
      const r = relatePaths(target, dest.path);
      if (r === 'same' || r === 'ancestor') {
        hits.push({ inv, dest });
        break;
      }
    }
  }
  return hits;
}

/** `path` is the target, inside it, or a folder that contains it. */
function touches(path: string, target: string): boolean {
  return relatePaths(path, target) !== 'unrelated';
}

/**
 * The command reads the target: a copy, move or link whose source lies in
 * it, or any other command (but one that only removes or creates paths) that
 * names a path inside it. Where a copy goes is written, not read.
 */
export function readsPath(cmd: SimpleCommand, target: string): boolean {
  const op = copyOperation(cmd);
  if (op && op.kind !== 'archive') {
    const dest = op.dest === undefined ? undefined : absolute(cmd, op.dest);
    return op.sources.some((s) => {
      const p = s === undefined ? undefined : sourcePath(cmd, op, s, dest);
      return p !== undefined && isWithin(p, target);
    });
  }
  if (onlyWritesPaths(cmd)) return false;
  return namesPath(cmd, target);
}

/** A source of a copy as an absolute path; a relative source of a link is relative to the link's folder. */
function sourcePath(
  cmd: SimpleCommand,
  op: CopyOperation,
  s: string,
  dest: string | undefined,
): string | undefined {
  if (
    op.kind !== 'link' ||
    s.startsWith('/') ||
    !cmd.argv.some((w) => /^-[a-z]*s[a-z]*$|^--symbolic$/i.test(w.value ?? ''))
  )
    return absolute(cmd, s);
  if (dest === undefined) return undefined;
  return resolvePath(op.intoFolder ? dest : dirname(dest), s);
}

/** A word of the command names the target or a path inside it. */
export function namesPath(cmd: SimpleCommand, target: string): boolean {
  for (const w of cmd.argv) {
    let v = pathPrefix(w);
    if (v === undefined) continue;
    if (v.startsWith('-')) {
      const eq = v.indexOf('=');
      if (eq < 0) continue;
      v = v.slice(eq + 1);
    }
    if (v === '' || (!v.includes('/') && v !== basename(target))) continue;
    const p = absolute(cmd, v);
    if (p !== undefined && isWithin(p, target)) return true;
  }
  return false;
}

function uniqueReasons(reasons: NeedReason[]): NeedReason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => {
    const key = describeReason(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
