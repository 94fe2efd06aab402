/**
 * cache-mount-install-target: a RUN's cache mount covers the folder a package
 * manager installs into, so what it installs is never committed to the image.
 * The fix mounts the tool's own download cache instead and keeps the install
 * destination. See docs/rules/cache-mount-install-target.md.
 */
import type { TextEdit } from '../src/edits.js';
import type { UserInfo } from '../src/model/commands.js';
import type {
  CopyInstruction,
  Instruction,
  Mount,
  OtherInstruction,
  RunInstruction,
  Stage,
} from '../src/model/dockerfile.js';
import { absolute } from '../src/package-managers/common.js';
import { createToolContext } from '../src/package-managers/context.js';
import { findInvocation } from '../src/package-managers/index.js';
import { knownCacheTest } from '../src/package-managers/known-caches.js';
import type { CacheDir, Destination, Invocation, ToolContext } from '../src/package-managers/types.js';
import { basename, dirname, isWithin, normalizePath, relatePaths, resolvePath } from '../src/paths.js';
import { copyOperation, isInert } from '../src/shell/commands.js';
import { pathPrefix, type SimpleCommand } from '../src/shell/reader.js';
import type { Finding, Transform, TransformContext } from '../src/transform.js';

const ID = 'cache-mount-install-target';

/** Characters a rewritten target may hold without quoting inside `--mount=`. */
const PLAIN_PATH = /^\/[A-Za-z0-9._/@+~-]*$/;

interface Hit {
  inv: Invocation;
  dest: Destination;
}

/** Installs found by taking the command's unknown working folder to be `cwd`. */
interface Guess {
  cwd: string;
  hits: Hit[];
}

/** Why the installed files are needed after the RUN, and which later mounts read them. */
interface Need {
  reasons: string[];
  remounts: Array<{ run: RunInstruction; mount: Mount }>;
  /** The build output stays only in the cache in the image's last stage: report, do not rewrite. */
  lostBuildOutput: boolean;
  /** RUNs in unrelated stages that read the installed files through the same cache id: a rewrite would starve them. */
  sharedReaders: RunInstruction[];
}

export const cacheMountInstallTarget: Transform = {
  meta: {
    id: ID,
    summary:
      'A cache mount covers the folder a package manager installs into, so the image ships without what it installed.',
    fix: 'safe',
    severity: 'warning',
    docs: `docs/rules/${ID}.md`,
  },
  run(context) {
    return new Analysis(context).findings();
  },
};

export default cacheMountInstallTarget;

class Analysis {
  private readonly used: Set<Stage>;
  private readonly last: Stage | undefined;
  private readonly invocations = new Map<RunInstruction, Invocation[]>();

  constructor(private readonly ctx: TransformContext) {
    this.used = ctx.model.usedStages();
    this.last = ctx.model.stages[ctx.model.stages.length - 1];
  }

  findings(): Finding[] {
    const out: Finding[] = [];
    // Mounts on well-known download caches are passed over: no tool installs there (see known-caches.ts).
    const knownCache = knownCacheTest(this.ctx.model.text);
    for (const run of this.ctx.model.runs()) {
      const mounts = run.mounts.filter(
        (m) => m.type === 'cache' && !m.readOnly && m.target !== undefined && !knownCache(m.target),
      );
      if (mounts.length === 0) continue;
      const invs = this.invocationsOf(run);
      for (const mount of mounts) {
        const hits = coveredInstalls(mount.target as string, invs);
        const guess = hits.length === 0 ? this.guessWorkingFolder(run, mount) : undefined;
        if (hits.length === 0 && !guess) continue;
        const finding = guess ? this.check(run, mount, guess.hits, guess.cwd) : this.check(run, mount, hits);
        if (finding) out.push(finding);
      }
    }
    return out;
  }

  private readonly toolContexts = new Map<RunInstruction, ToolContext>();
  private tools(run: RunInstruction): ToolContext {
    let t = this.toolContexts.get(run);
    if (!t) {
      t = createToolContext(this.ctx.model, this.ctx.runs, run, this.ctx.options);
      this.toolContexts.set(run, t);
    }
    return t;
  }

  private invocationsOf(run: RunInstruction): Invocation[] {
    let invs = this.invocations.get(run);
    if (!invs) {
      const cmds = this.ctx.runs.commands(run) ?? [];
      const tool = this.tools(run);
      invs = [];
      for (const cmd of cmds) {
        const inv = findInvocation(cmd, tool);
        if (inv) invs.push(inv);
      }
      this.invocations.set(run, invs);
    }
    return invs;
  }

  /**
   * A command whose working folder is not known (a base image the tool does not
   * know, `cd` to an unknown folder) may still install exactly into the mount:
   * the nearest folder above the target that, taken as its working folder, makes
   * the tool's destination the target itself (`/src` for `cargo build` under a
   * mount on `/src/target`). Such a finding is reported, never fixed.
   */
  private guessWorkingFolder(run: RunInstruction, mount: Mount): Guess | undefined {
    const target = mount.target as string;
    const unknown = (this.ctx.runs.commands(run) ?? []).filter((c) => c.cwd === undefined);
    if (unknown.length === 0 || target === '/') return undefined;
    const tool = this.tools(run);
    for (let cwd = dirname(target); ; cwd = dirname(cwd)) {
      const hits: Hit[] = [];
      for (const cmd of unknown) {
        const inv = findInvocation({ ...cmd, cwd }, tool);
        const dest = inv?.destinations.find((d) => d.path === target);
        if (inv && dest) hits.push({ inv, dest });
      }
      if (hits.length) return { cwd, hits };
      if (cwd === '/') return undefined;
    }
  }

  private check(run: RunInstruction, mount: Mount, hits: Hit[], guessedCwd?: string): Finding | undefined {
    const target = mount.target as string;
    const hit = hits[0] as Hit;
    const lineOf = (ins: Instruction) => this.ctx.model.position(ins.start).line;
    const what = guessedCwd
      ? `${hit.dest.what}, if the working folder, which this Dockerfile does not show, is ${guessedCwd}`
      : hit.dest.what;
    const label = hit.dest.path.endsWith(what) ? '' : ` (${what})`;
    const subject =
      hit.dest.kind === 'build'
        ? `What ${hit.inv.tool.name} writes to ${hit.dest.path}${label}`
        : `Packages ${hit.inv.tool.name} installs into ${hit.dest.path}${label}`;
    const covers = hit.dest.path === target ? '' : ', which covers that folder,';
    const head = `${subject} are discarded after this RUN: the cache mount on ${target}${covers} is never committed to the image`;
    const report = (rest: string): Finding => this.finding(mount, `${head}${rest}`);

    // The destination inside another mount of this RUN (a bind of the context, a tmpfs) never reaches a layer either.
    const enclosing = run.mounts.find(
      (m) =>
        m !== mount &&
        m.target !== undefined &&
        m.type !== 'secret' &&
        m.type !== 'ssh' &&
        isWithin(hit.dest.path, m.target) &&
        !isWithin(m.target, target),
    );
    if (enclosing) {
      if (enclosing.type === 'cache') return undefined; // the outer cache mount gets its own finding
      return report(
        `, and ${hit.dest.path} also lies inside the ${enclosing.type} mount on ${enclosing.target}, so moving the cache mount would not keep them. Not fixed automatically: install outside the ${enclosing.type} mount, or keep this on purpose.`,
      );
    }
    const outerCache = run.mounts.find(
      (m) =>
        m !== mount &&
        m.type === 'cache' &&
        m.target !== undefined &&
        isWithin(target, m.target) &&
        m.target !== target,
    );
    if (outerCache) {
      return report(
        `, and the cache mount on ${outerCache.target} covers it too. Not fixed automatically: mount ${hit.inv.tool.name}'s cache instead of both.`,
      );
    }

    const need = this.need(run, mount, hit);
    if (need.lostBuildOutput) {
      return report(
        ', and this last stage keeps nothing of it. Not fixed automatically: copy the artifact to a folder outside the mount in this RUN.',
      );
    }
    if (need.reasons.length === 0) return undefined; // intentional: nothing reads it after this RUN

    const shown = need.reasons.slice(0, 3);
    if (need.reasons.length > 3) shown.push(`${need.reasons.length - 3} more instructions need them`);
    const consequence = `, and ${shown.join('; ')}.`;
    if (need.sharedReaders.length) {
      const lines = need.sharedReaders.map((r) => lineOf(r)).join(', ');
      return report(
        `${consequence} Not fixed automatically: the RUN at line ${lines} in another stage reads them through the same cache (id ${cacheId(mount)}), and would lose them. Install them in a stage both build on instead.`,
      );
    }
    if (guessedCwd) {
      return report(
        `${consequence} Not fixed automatically: the working folder is a guess. Set WORKDIR ${guessedCwd} (or cd there) before this RUN, and the fix can be made.`,
      );
    }
    const tool = hit.inv.tool.name;
    const text = this.ctx.model.text;
    const coveredBy = (p: string) =>
      run.mounts.find(
        (m) => m !== mount && m.type === 'cache' && m.target !== undefined && isWithin(p, m.target),
      );
    const edits: TextEdit[] = [];
    const notes: string[] = [];
    const cache = hit.inv.caches[0] as CacheDir | undefined;
    if (cache === undefined) {
      // Nothing worth caching (a bundler's output folder): the mount only hides the result.
      edits.push(removeFlag(text, mount, this.ctx.model.escape));
      notes.push(`${tool} keeps no download cache to mount instead, so this mount is removed.`);
    } else {
      if ('trap' in cache) return report(`${consequence} ${cache.trap}`);
      if ('unknown' in cache) return report(`${consequence} Not fixed automatically: ${cache.unknown}.`);
      const cachePath = cache.path;
      if (!PLAIN_PATH.test(cachePath)) {
        return report(
          `${consequence} Not fixed automatically: the cache folder ${cachePath} needs quoting. Mount it instead.`,
        );
      }
      const relation = relatePaths(cachePath, target);
      if (relation === 'same' || relation === 'ancestor') {
        return report(
          `${consequence} ${tool}'s cache ${cachePath} contains this folder; install somewhere else.`,
        );
      }
      const reader = this.laterCacheReader(run, hit, cachePath);
      if (reader) {
        return report(
          `${consequence} Not fixed automatically: the RUN at line ${lineOf(reader)} reads ${tool}'s packages straight from its cache ${cachePath}, so mounting the cache here would hide them from it. Mount ${cachePath} in both RUNs.`,
        );
      }
      const cmdUser: UserInfo = this.tools(run).userOf(hit.inv.command);
      const ids = ownerFields(mount, cmdUser);
      // A new mount has no options yet: it gets the user's ids, or those the broken mount was given.
      const newMountIds = cmdUser.root
        ? ''
        : (ownerFields({ ...mount, uid: undefined, gid: undefined }, cmdUser) ?? copiedIds(mount));
      if (ids === undefined) {
        return report(
          `${consequence} Not fixed automatically: it runs as USER ${cmdUser.spec}, whose numeric uid is not known, and a cache mount for it needs uid=. Mount ${cachePath} with uid=<uid>,gid=<gid>.`,
        );
      }
      const existing = coveredBy(cachePath);
      if (existing) {
        edits.push(removeFlag(text, mount, this.ctx.model.escape));
        const by = existing.target === cachePath ? '' : ` (by the mount on ${existing.target})`;
        notes.push(
          `${tool}'s cache ${cachePath} is already mounted in this RUN${by}, so this mount is removed.`,
        );
      } else {
        const field = mount.targetField;
        if (!field?.editable) {
          return report(
            `${consequence} Not fixed automatically: the target value is split across lines. Mount ${cachePath} instead.`,
          );
        }
        edits.push({ start: field.valueStart, end: field.valueEnd, text: cachePath });
        notes.push(
          `Mount ${tool}'s cache ${cachePath} instead${ids ? ` (owned by uid ${cmdUser.uid})` : ''}.`,
        );
        const idNote = this.idEdit(run, mount, need, edits, cachePath);
        if (idNote) notes.push(idNote);
        // The tool's other caches, and the caches of other tools whose installs the old target covered, get mounts of their own.
        const more: Array<[string, CacheDir]> = [
          ...hit.inv.caches.slice(1).map((c): [string, CacheDir] => [tool, c]),
          ...hits.slice(1).flatMap((h) => h.inv.caches.map((c): [string, CacheDir] => [h.inv.tool.name, c])),
        ];
        const added = new Set([cachePath]);
        let newMounts = '';
        for (const [owner, c] of more) {
          if (!('path' in c) || added.has(c.path) || !PLAIN_PATH.test(c.path) || coveredBy(c.path)) continue;
          if (isWithin(c.path, target) || isWithin(target, c.path)) continue;
          added.add(c.path);
          newMounts += ` --mount=type=cache,target=${c.path}${newMountIds}`;
          notes.push(`${owner}'s cache ${c.path} gets a mount of its own.`);
        }
        // The mount's new ids go after its last option, new mounts after the flag: one edit when that is one place.
        if (mount.appendAt === mount.flag.end) {
          if (ids + newMounts)
            edits.push({ start: mount.flag.end, end: mount.flag.end, text: ids + newMounts });
        } else {
          if (ids) edits.push({ start: mount.appendAt, end: mount.appendAt, text: ids });
          if (newMounts) edits.push({ start: mount.flag.end, end: mount.flag.end, text: newMounts });
        }
      }
    }
    for (const r of need.remounts) edits.push(removeFlag(text, r.mount, this.ctx.model.escape));
    if (need.remounts.length) {
      const many = need.remounts.length > 1;
      const lines = need.remounts.map((r) => lineOf(r.run)).join(', ');
      notes.push(
        `The later RUN${many ? 's' : ''} at line ${lines} that read${many ? '' : 's'} them through the same cache mount lose${many ? '' : 's'} it, so ${many ? 'they see' : 'it sees'} the committed folder.`,
      );
    }
    if (hit.inv.defeatedBy) {
      notes.push(
        `${hit.inv.defeatedBy} turns ${tool}'s cache off, so the new mount only speeds up builds once that goes.`,
      );
    }
    return this.finding(mount, `${head}${consequence} ${notes.join(' ')}`, edits);
  }

  /** A later RUN of this stage family that reads the tool's packages from its cache folder without mounting it. */
  private laterCacheReader(run: RunInstruction, hit: Hit, cachePath: string): RunInstruction | undefined {
    const reads = hit.inv.tool.readsCache;
    if (!reads) return undefined;
    const stage = run.stage as Stage;
    const family = new Set([stage, ...this.ctx.model.descendants(stage)]);
    for (const later of this.ctx.model.runs()) {
      if (later.index <= run.index || !later.stage || !family.has(later.stage)) continue;
      if (
        later.mounts.some(
          (m) => m.type === 'cache' && m.target !== undefined && isWithin(cachePath, m.target),
        )
      )
        continue;
      if ((this.ctx.runs.commands(later) ?? []).some((c) => reads(c))) return later;
    }
    return undefined;
  }

  private finding(mount: Mount, message: string, edits?: TextEdit[]): Finding {
    return {
      ruleId: ID,
      severity: 'warning',
      message,
      start: mount.flag.start,
      end: mount.flag.end,
      fix: edits ? { edits } : undefined,
    };
  }

  /**
   * An explicit id that another RUN mounts on a folder other than the tool's
   * cache (the old folder or any other) must not now name the tool's cache:
   * the two would share one BuildKit cache. It is dropped.
   */
  private idEdit(
    run: RunInstruction,
    mount: Mount,
    need: Need,
    edits: TextEdit[],
    cachePath: string,
  ): string | undefined {
    const field = mount.idField;
    if (!field || mount.id === undefined) return undefined;
    const removed = new Set(need.remounts.map((r) => r.mount));
    // Another mount of that id on any folder but the tool's cache would share one cache with it.
    let shared: { run: RunInstruction; mount: Mount } | undefined;
    for (const r of this.ctx.model.runs()) {
      if (r === run) continue;
      const m = r.mounts.find(
        (x) => x.type === 'cache' && !removed.has(x) && cacheId(x) === mount.id && x.target !== cachePath,
      );
      if (m) {
        shared = { run: r, mount: m };
        break;
      }
    }
    if (!shared) return undefined;
    edits.push(removeField(field));
    const where = shared.mount.target ?? 'a folder';
    return `Its id=${mount.id} is dropped, because the RUN at line ${this.ctx.model.position(shared.run.start).line} still mounts ${where} under that id.`;
  }

  /** Is what the install put into the mount needed after this RUN? docs/rules/cache-mount-install-target.md, "How a finding is decided". */
  private need(run: RunInstruction, mount: Mount, hit: Hit): Need {
    const target = mount.target as string;
    const stage = run.stage as Stage;
    const model = this.ctx.model;
    const line = (ins: Instruction) => model.position(ins.start).line;
    const reasons: string[] = [];
    const remounts: Need['remounts'] = [];
    const kind = hit.dest.kind;
    const copiedOut = this.copiedOut(run, mount, hit);
    const isFinal = stage === this.last || !this.used.has(stage);
    if (kind === 'packages' && isFinal && !copiedOut) {
      reasons.push(
        stage === this.last
          ? 'this is the final image'
          : `stage ${stage.name ?? stage.index} is an image of its own`,
      );
    }
    const family = new Set([stage, ...model.descendants(stage)]);
    // Where a later RUN installs into the target again, what follows it (in its stage and the stages built
    // on that stage) reads that install, which is judged on its own.
    const reinstalled = new Map<Stage, number>();
    const shadowed = (ins: Instruction) => {
      for (let s: Stage | undefined = ins.stage; s && family.has(s); s = s.parent) {
        const at = reinstalled.get(s);
        if (at !== undefined && at < ins.index) return true;
      }
      return false;
    };
    // Later RUNs in this stage and in stages built FROM it.
    for (const ins of model.instructions) {
      if (ins.index <= run.index || !ins.stage || !family.has(ins.stage) || ins.keyword !== 'RUN') continue;
      if (shadowed(ins)) continue;
      const later = ins as RunInstruction;
      // A later install into the target, through the cache or not, is what the instructions after it read.
      if (this.reinstalls(later, target)) {
        reinstalled.set(later.stage as Stage, later.index);
        continue;
      }
      // The same cache: same target and same id (BuildKit's id defaults to the target). A cache mount
      // on the target under another id hides both the cache and the committed folder (handled below).
      const again = later.mounts.find(
        (m) => m.type === 'cache' && m.target === target && cacheId(m) === cacheId(mount),
      );
      if (again) {
        if (this.reads(later, target, kind)) {
          remounts.push({ run: later, mount: again });
          reasons.push(
            `the RUN at line ${line(later)} reads them through the same cache mount, which BuildKit may empty at any time`,
          );
        }
        continue;
      }
      if (
        later.mounts.some((m) => m.target !== undefined && m.type !== 'secret' && isWithin(target, m.target))
      )
        continue;
      // Once the RUN copied them out, a later RUN uses the copy unless it names the folder itself.
      if (this.reads(later, target, copiedOut ? 'build' : kind))
        reasons.push(`the RUN at line ${line(later)} uses them`);
    }
    // COPY --from and RUN --mount=from of this stage or a stage built FROM it.
    for (const ins of model.instructions) {
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const c = ins as CopyInstruction;
        const from = c.from === undefined ? undefined : model.stageByName(c.from);
        if (!from || !family.has(from) || ins.stage === from) continue;
        if (c.sources.some((src) => src === undefined || touches(resolvePath('/', src), target))) {
          reasons.push(`the COPY --from=${c.from} at line ${line(ins)} copies them`);
        }
      } else if (ins.keyword === 'RUN') {
        for (const m of (ins as RunInstruction).mounts) {
          const from = m.from === undefined ? undefined : model.stageByName(m.from);
          if (!from || !family.has(from) || ins.stage === from) continue;
          if (touches(resolvePath('/', m.source ?? '/'), target)) {
            reasons.push(`the RUN at line ${line(ins)} mounts them from stage ${m.from}`);
          }
        }
      }
    }
    // A build output named by the image's command.
    if (kind === 'build') {
      for (const ins of model.instructions) {
        if ((ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') || !ins.stage || !family.has(ins.stage))
          continue;
        const workdir = ins.env.workdir ?? '/';
        if (
          (ins as OtherInstruction).words.some(
            (w) => w !== undefined && /[/.]/.test(w) && isWithin(resolvePath(workdir, w), target),
          )
        ) {
          reasons.push(`the ${ins.keyword} at line ${line(ins)} runs it`);
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
      // Through the same cache at the same folder: one mounted elsewhere under that id is not reading these packages.
      if (
        !other.mounts.some((m) => m.type === 'cache' && cacheId(m) === cacheId(mount) && m.target === target)
      )
        continue;
      if (this.reinstalls(other, target) || !this.reads(other, target, kind)) continue;
      // A reader that a stage it builds on installed for (through the same cache) sees that install instead.
      if (this.servedByOtherInstall(other, run, target, cacheId(mount))) continue;
      sharedReaders.push(other);
    }
    const lostBuildOutput = kind === 'build' && reasons.length === 0 && stage === this.last && !copiedOut;
    return { reasons: unique(reasons), remounts, lostBuildOutput, sharedReaders };
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
    return this.ctx.model
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

  /** The same RUN copies what it installed out of the mount, to a folder outside every mount. */
  private copiedOut(run: RunInstruction, mount: Mount, hit: Hit): boolean {
    const target = mount.target as string;
    const cmds = this.ctx.runs.commands(run) ?? [];
    for (const cmd of cmds) {
      if (cmd.index <= hit.inv.command.index) continue;
      const op = copyOperation(cmd);
      if (!op) continue;
      const readsTarget = op.sources.some((s) => {
        const p = s === undefined ? undefined : absolute(cmd, s);
        return p !== undefined && isWithin(p, target);
      });
      if (!readsTarget) continue;
      if (op.dest === undefined || op.dest === '-') return true;
      const dest = absolute(cmd, op.dest);
      if (dest === undefined) return true;
      if (!run.mounts.some((m) => m.target !== undefined && isWithin(dest, m.target))) return true;
    }
    return false;
  }

  /** The RUN installs into the target again itself (it is then judged on its own). */
  private reinstalls(run: RunInstruction, target: string): boolean {
    return coveredInstalls(target, this.invocationsOf(run)).length > 0;
  }

  /** Does a RUN read what was installed at `target`? */
  private reads(run: RunInstruction, target: string, kind: Destination['kind']): boolean {
    const cmds = this.ctx.runs.commands(run);
    if (cmds === null) return true;
    for (const cmd of cmds) {
      if (namesPath(cmd, target)) return true;
      if (kind === 'packages' && !isInert(cmd)) return true;
    }
    return false;
  }
}

/** BuildKit's id of a cache mount: its id option, else its target as written. */
function cacheId(m: Mount): string | undefined {
  if (m.id !== undefined) return m.id;
  return m.targetValue === undefined ? undefined : normalizePath(m.targetValue);
}

/** Installs whose destination is the mount target or lies below it. */
function coveredInstalls(target: string, invs: Invocation[]): Hit[] {
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

/** A word of the command names the target or a path inside it. */
function namesPath(cmd: SimpleCommand, target: string): boolean {
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

/** The uid=/gid= fields a broken mount already has, for a new mount beside it. */
function copiedIds(mount: Mount): string {
  return `${mount.uid !== undefined ? `,uid=${mount.uid}` : ''}${mount.gid !== undefined ? `,gid=${mount.gid}` : ''}`;
}

/** The `,uid=N,gid=M` fields a non-root user's mount needs; '' when none; undefined when the uid is unknown. */

function ownerFields(mount: Pick<Mount, 'uid' | 'gid'>, user: UserInfo): string | undefined {
  if (user.root) return '';
  if (mount.uid !== undefined) return '';
  if (user.uid === undefined) return undefined;
  let fields = `,uid=${user.uid}`;
  if (user.gid !== undefined && mount.gid === undefined) fields += `,gid=${user.gid}`;
  return fields;
}

/**
 * Removes a whole `--mount=...` flag with the blanks after it. A flag alone on
 * its line goes with its line; a flag ending the RUN line before a line
 * continuation takes the continuation with it, so the next line's text joins
 * the RUN line (`RUN --mount=... \⏎  npm ci` becomes `RUN npm ci`).
 */
function removeFlag(text: string, mount: Mount, escapeChar: string): TextEdit {
  const { start, end } = mount.flag;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const beforeBlank = /^[ \t]*$/.test(text.slice(lineStart, start));
  const esc = escapeChar === '`' ? '`' : '\\\\';
  const restOfLine = new RegExp(`^(${esc})?[ \\t]*(\\r\\n|\\n|\\r)`).exec(text.slice(after));
  if (restOfLine?.[1]) {
    if (beforeBlank) return { start: lineStart, end: after + restOfLine[0].length, text: '' };
    // Only `RUN ` before the flag: join the next line instead of leaving `RUN \`.
    if (!/^[ \t]*run[ \t]+$/i.test(text.slice(lineStart, start))) return { start, end: after, text: '' };
    const next = after + restOfLine[0].length;
    let indentEnd = next;
    while (indentEnd < text.length && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) indentEnd++;
    const c = text[indentEnd];
    if (c !== undefined && c !== '#' && c !== '\n' && c !== '\r') return { start, end: indentEnd, text: '' };
  }
  return { start, end: after, text: '' };
}

/** Removes one `key=value` field of a mount with its separating comma. */
function removeField(field: Mount['fields'][number]): TextEdit {
  if (field.commaBefore !== undefined) return { start: field.commaBefore, end: field.rawEnd, text: '' };
  if (field.commaAfter !== undefined) return { start: field.rawStart, end: field.commaAfter + 1, text: '' };
  return { start: field.rawStart, end: field.rawEnd, text: '' };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
