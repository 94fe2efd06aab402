/**
 * add-cache-mounts: the opt-in upgrade. Every RUN that installs, downloads or
 * builds with a known tool gets a cache mount on that tool's download cache,
 * for the user and environment the RUN has, and never on a folder the tool
 * installs into. What would defeat the new mount (a `--no-cache-dir`, a
 * cleanup of the mounted folder, Debian's docker-clean) goes in the same fix.
 */
import type { ToolCacheUse } from '../src/analysis/analysis.js';
import { dockerCleanFor } from '../src/analysis/apt.js';
import { defeatRemoval, rmOperands, rmRemoval } from '../src/analysis/defeats.js';
import { cacheMountFlag, insertFlags, ownerFields, PLAIN_PATH } from '../src/analysis/mounts.js';
import type { Transform, TransformContext, TransformDocs } from '../src/analysis/transform.js';
import type { TextEdit } from '../src/edits.js';
import {
  type Instruction,
  parseJsonArray,
  type RunInstruction,
  type Stage,
} from '../src/model/dockerfile.js';
import { parseImageRef } from '../src/model/images.js';
import { PACKAGE_MANAGERS } from '../src/package-managers/index.js';
import { isWithin, relatePaths } from '../src/paths.js';
import { commandBase, isShellName, type SimpleCommand } from '../src/shell/reader.js';

const ID = 'add-cache-mounts';

/** The folders of each tool's locking facts: a mount there gets `sharing=locked`. */
const LOCKED = PACKAGE_MANAGERS.flatMap((pm) => pm.facts.locking.map((l) => l.path));

/**
 * Where a tool's cache is best mounted when it is not the folder the tool
 * names: apk caches packages only in `/etc/apk/cache` (apk-tools
 * src/database.c `setup_cache`: the cache is used when that folder exists;
 * `/var/cache/apk` alone keeps only indexes). apt's lists are mounted at
 * `/var/lib/apt/lists` (their lock and partial downloads are inside it), not
 * at `/var/lib/apt` as Docker's recipe does: apt also keeps its record of the
 * packages installed only as dependencies there (`extended_states`), which
 * the image needs (`apt-mark showauto`, `apt-get autoremove`).
 */
const MOUNT_AT: Readonly<Record<string, (path: string) => string>> = {
  apk: (p) => (p === '/var/cache/apk' ? '/etc/apk/cache' : p),
};

const DOCS: TransformDocs = {
  whatItDoes: `An upgrade, off by default (\`--enable add-cache-mounts\`, or \`"transforms": {"add-cache-mounts": "on"}\`). For each RUN that installs, downloads or builds with a known tool (pip, uv, Poetry, Pipenv, PDM, conda, npm, Yarn, pnpm, Bun, Go, Cargo, Maven, Gradle, sbt, .NET, Composer, Bundler, RubyGems, apt, apk, dnf, zypper: the [package-manager facts](../package-managers.md)) and has no cache mount on that tool's cache, it adds \`--mount=type=cache,target=C\` for the folder C the tool uses for this RUN's user and environment, after the RUN's other flags.

- It never mounts a folder the install writes into or a build output: only the tool's download and build caches (Cargo's registry and git database, never \`target/\`), so \`cache-mount-install-target\` has nothing to say about what it adds.
- A non-root user's mounts get \`uid=\` and \`gid=\`.
- apt gets \`/var/cache/apt\` and \`/var/lib/apt/lists\` with \`sharing=locked\`, and in Debian and Ubuntu images Docker's recipe against docker-clean at the start of the first such RUN of the stage chain. Docker's own example mounts all of \`/var/lib/apt\`; that also keeps apt's record of the packages installed only as dependencies (\`/var/lib/apt/extended_states\`) out of the image, so \`apt-mark showauto\` and \`apt-get autoremove\` would no longer know them. The lists alone are what is worth caching; apk gets \`/etc/apk/cache\` (where apk keeps packages) and loses \`--no-cache\`.
- What would empty or turn off the new mount is removed in the same fix: \`--no-cache-dir\`, an inline \`PIP_NO_CACHE_DIR=\`, \`npm cache clean\`, \`apt-get clean\`, \`rm -rf /var/lib/apt/lists/*\`, \`apk add --no-cache\`. Cleanup of folders that are not mounted stays.
- No \`id=\` is added: BuildKit keys a cache by its target.`,
  whyItMatters: `Without a cache mount, every change to a lock file or an earlier layer downloads every package again. A cache mount keeps the downloads between builds and never adds them to the image. Done by hand across a fleet, it goes wrong in the ways the other transforms repair: mounts over install folders, root-owned mounts for non-root users, caches emptied by the same RUN, apt without locking.`,
  example: {
    before: `FROM python:3.12-slim
RUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt`,
    after: `FROM python:3.12-slim
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; apt-get update && apt-get install -y --no-install-recommends gcc
WORKDIR /app
COPY requirements.txt .
RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt`,
  },
  fixSafety: `Safe: \`--write --enable add-cache-mounts\` applies it. The image holds the same installed files: a cache mount's contents never reach a layer, and what is removed only touched the mounted folders. One change outlives the RUN: Docker's recipe against docker-clean removes that file for good, so an apt RUN of a later stage or a child image that has no cache mount keeps the packages it downloads (in \`/var/cache/apt/archives\`) unless it cleans them itself.

### Reported, not fixed (one finding per RUN, severity info)

- The tool's cache is itself part of what it installs: Yarn Berry's Plug'n'Play with the global cache (or a nodeLinker this Dockerfile does not show), Poetry's virtualenvs (its \`cache\` and \`artifacts\` folders are mounted instead), Deno's DENO_DIR, PDM's install cache.
- The RUN runs as a non-root user whose uid is not known.
- The cache folder is not known statically, or a later RUN reads the tool's packages straight from it (\`dotnet publish --no-restore\`).
- The RUN only downloads (\`go mod download\`, \`cargo fetch\`, \`pnpm fetch\`, \`mvn dependency:go-offline\`, \`gradle dependencies\`), and a later RUN of the stage family runs something whose use of the tool cannot be read (\`make\`, \`./build.sh\`, \`sh script.sh\`) without a mount of the tool's cache: that RUN would get no mount, so the downloads must stay in this RUN's layer. When every later RUN uses the tool visibly, both get the mount.
- An image of the stage family (this RUN's stage or one built FROM it) starts the tool with its CMD or ENTRYPOINT (\`CMD ["mvn", "spring-boot:run"]\`, \`cargo run\`, \`./gradlew bootRun\`) and reads at run time what this RUN downloads. A CMD that starts the built program (\`java -jar\`, \`npm start\`) does not count.
- A later RUN of the stage family runs the same tool offline (\`cargo build --offline\` or \`--frozen\`, \`pnpm install --offline\`, \`mvn -o\`, \`UV_OFFLINE=1\`: each tool's offline flags are in [the package-manager facts](../package-managers.md)) and reads what this RUN downloads into the image. A RUN that itself works offline gets no mount either. uv's \`--frozen\` is not offline: it only skips checking the lock file.
- A variable set by \`ENV\` turns the cache off.`,
  whenItDoesNotFire: `- The RUN already mounts the tool's cache (or a folder above it), or mounts another folder of the same cache (that is \`cache-mount-wrong-dir\`'s), or mounts an install folder of the tool (\`cache-mount-install-target\`'s). A RUN with a cache mount on any install folder gets no "none is added" report either: \`cache-mount-install-target\` moves or drops that mount first, and what the repaired RUN still lacks is reported then.
- The file's \`# syntax=\` pins a frontend older than 1.2; the stage is built on a Windows image (no \`RUN --mount\`); the RUN's shell is not a POSIX shell.
- ONBUILD triggers: reported, never changed (the image built from it decides).
- No known tool installs, downloads or builds in the RUN.`,
  more: `## Options

\`tools\` limits it to some package-manager ids (\`"transformOptions": {"add-cache-mounts": {"tools": ["pip", "npm", "apt"]}}\`); the ids are in [the package-manager page](../package-managers.md).`,
};

interface Planned {
  tool: string;
  target: string;
  extra: string;
  /** The cache's place in the tool's facts: a tool's mounts are listed in that order. */
  order: number;
}

export const addCacheMounts: Transform<{ tools?: readonly string[] }> = {
  meta: {
    id: ID,
    summary: "Adds cache mounts for each tool's download cache to RUNs that install, download or build.",
    default: 'off',
    fix: 'safe',
    severity: 'info',
    needsShell: true,
    onePerSpan: true,
    messages: {
      addMounts:
        'Without a cache mount, {{tools}} {{verb}} everything again on every build: this RUN now mounts {{targets}} as cache{{s}}, so later builds reuse the downloads.{{notes}}',
      notAdded:
        'Without a cache mount, {{tools}} {{verb}} everything again on every build, and none is added here:{{notes}}',
      onbuild:
        'This ONBUILD RUN runs {{tools}} in every image built FROM this one, with nothing cached; cache mounts are not added to ONBUILD triggers, whose user and environment the child image decides.',
    },
    options: {
      schema: {
        type: 'object',
        properties: {
          tools: {
            type: 'array',
            items: { type: 'string', enum: PACKAGE_MANAGERS.map((pm) => pm.id) },
            uniqueItems: true,
            description: 'Only these package-manager ids (default: every tool the facts know).',
          },
        },
        additionalProperties: false,
      },
      defaults: {},
    },
    docs: DOCS,
  },
  applies: mentionsTool,
  create(context) {
    if (oldFrontend(context.model.directives.get('syntax'))) return;
    const seenDockerClean = new Set<number>();
    for (const run of context.model.runs()) {
      if (windows(run.stage as Stage) || !context.runs.readable(run)) continue;
      plan(context, run, seenDockerClean);
    }
    for (const run of context.model.onbuildRuns()) {
      const tools = toolsOf(context, context.analysis.cacheUses(run));
      if (tools.length === 0) continue;
      context.report({
        messageId: 'onbuild',
        data: { tools: list(tools) },
        start: run.start,
        end: run.start + 7,
      });
    }
  },
};

export default addCacheMounts;

function toolsOf(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  uses: readonly ToolCacheUse[],
): string[] {
  const only = ctx.options.tools;
  return [...new Set(uses.filter((u) => !only || only.includes(u.pm.id)).map((u) => u.pm.name))];
}

function plan(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  run: RunInstruction,
  seen: Set<number>,
): void {
  const { analysis } = ctx;
  const only = ctx.options.tools;
  const uses = analysis.cacheUses(run).filter((u) => !only || only.includes(u.pm.id));
  if (uses.length === 0) return;
  const planned: Planned[] = [];
  const notes: string[] = [];
  const edits: TextEdit[] = [];
  const skippedTools = new Set<string>();
  const existing = run.mounts.filter(
    (m) => m.target !== undefined && m.type !== 'secret' && m.type !== 'ssh',
  );
  const note = (n: string) => {
    if (!notes.includes(n)) notes.push(n);
  };
  // A cache mount on an install folder of the RUN is cache-mount-install-target's to repair (it moves or drops
  // it): what this RUN would not get is said after that repair, on the next pass, not against the mount it replaces.
  const repairedElsewhere = existing.some(
    (m) => m.type === 'cache' && analysis.installsInto(run, m.target as string).length > 0,
  );
  for (const u of uses) {
    const tool = u.pm.name;
    // A command that only reads what an earlier RUN put in the cache folder (`dotnet publish --no-restore`,
    // `mvn -o`) needs that folder as the image has it: a mount there would hide it.
    if (u.pm.readsCache?.(u.cmd) || u.use.offline !== undefined) continue;
    // A mount on an install folder of this command is cache-mount-install-target's to repair.
    if (
      existing.some(
        (m) =>
          m.type === 'cache' &&
          analysis.installsInto(run, m.target as string).some((h) => h.inv.command === u.cmd),
      )
    )
      continue;
    const user = analysis.userOf(run, u.cmd);
    for (const { name, dir } of u.use.named) {
      let paths: string[];
      if ('trap' in dir) {
        if (!dir.safe) {
          note(
            `${tool}'s cache holds what it installs here, so it is not mounted (${firstSentence(dir.trap)}).`,
          );
          skippedTools.add(tool);
          continue;
        }
        paths = dir.safe;
      } else if ('unknown' in dir) {
        // The RUN already mounts a cache folder of the tool: whether it is the right one is the other transforms' to say.
        if (existing.some((m) => m.type === 'cache' && u.pm.cacheFolderOf(m.target as string) !== undefined))
          continue;
        note(`${tool}'s cache folder is not known: ${dir.noMount ?? dir.unknown}.`);
        skippedTools.add(tool);
        continue;
      } else paths = [(MOUNT_AT[u.pm.id] ?? ((p: string) => p))(dir.path)];
      // apt's lists are what a later `apt-get install` reads: mounted only where this RUN updates them before it
      // installs, and no later RUN installs from the lists in the image.
      if (u.pm.id === 'apt' && name === 'lists' && !aptListsSafe(ctx, run)) continue;
      // A RUN that only downloads fills the image for later RUNs: one whose use of the tool is hidden in a script or
      // make gets no mount, and would download everything again without this RUN's layer.
      const hidden = u.use.downloadOnly ? hiddenLater(ctx, run, u) : undefined;
      if (hidden) {
        note(
          `${tool}'s cache is not mounted: this RUN only downloads, and the RUN at line ${hidden.line} runs ${hidden.text}, which may use ${tool} out of sight; it gets no mount, so without this RUN's downloads in the image it would download them all again.`,
        );
        skippedTools.add(tool);
        continue;
      }
      // An image of this stage family that starts the tool (CMD ["mvn", "spring-boot:run"]) reads at run time what
      // this RUN downloads: a mount would keep it out of the image.
      const starter = startsTool(ctx, run, u);
      if (starter) {
        note(
          `${tool}'s cache is not mounted: the ${starter.keyword} at line ${starter.line} starts ${tool} when the image of stage ${starter.stage} runs, and reads what this RUN downloads; kept out of the image, it would be downloaded at every start (and fail offline).`,
        );
        skippedTools.add(tool);
        continue;
      }
      // A later RUN that works offline with the tool's cache needs what this one downloads in the image.
      const offline = offlineLater(ctx, run, u);
      if (offline) {
        note(
          `${tool}'s cache is not mounted: the RUN at line ${offline} runs ${tool} offline and reads what this RUN downloads.`,
        );
        skippedTools.add(tool);
        continue;
      }
      for (const target of paths) {
        // Already mounted (or a folder above it), or part of it mounted, or another folder of the same cache mounted.
        if (existing.some((m) => relatePaths(target, m.target as string) !== 'unrelated')) continue;
        if (existing.some((m) => m.type === 'cache' && u.pm.cacheFolderOf(m.target as string)?.name === name))
          continue;
        if (planned.some((p) => p.target === target)) continue;
        if (analysis.installsInto(run, target).length > 0) continue;
        if (!PLAIN_PATH.test(target)) {
          note(
            `${tool}'s cache ${JSON.stringify(target)} would need quoting in --mount, so it is not mounted.`,
          );
          continue;
        }
        const reader = readsLater(ctx, run, u, target);
        if (reader) {
          note(
            `${tool}'s cache ${target} is not mounted: the RUN at line ${reader} reads packages straight from it.`,
          );
          continue;
        }
        const ids = ownerFields({ uid: undefined, gid: undefined }, user);
        if (ids === undefined) {
          note(
            `${tool} runs as USER ${user.spec}, whose numeric uid is not known, so ${target} is not mounted (a mount it can write needs uid=).`,
          );
          skippedTools.add(tool);
          continue;
        }
        const locked = LOCKED.some((l) => isWithin(l, target) || isWithin(target, l))
          ? ',sharing=locked'
          : '';
        const order = u.pm.facts.caches.findIndex((c) => c.name === name);
        planned.push({ tool, target, extra: `${ids}${locked}`, order });
      }
    }
  }
  if (planned.length === 0) {
    if (notes.length && !repairedElsewhere) report(ctx, run, 'notAdded', [...skippedTools], [], notes);
    return;
  }
  // What the same RUN would do to the new mounts: turn them off or empty them.
  const targets = planned.map((p) => p.target);
  for (const d of analysis.cacheDefeats(run)) {
    // A cleanup counts when it empties a new mount; a flag or variable when it turns off a tool that gets one.
    const covered = (d.defeat.caches ?? []).some(
      (c) => 'path' in c && targets.some((t) => isWithin(c.path, t)),
    );
    const turnsOff = d.defeat.effect === 'disables' && planned.some((p) => p.tool === d.pm.name);
    if (!covered && !turnsOff) continue;
    const removal = defeatRemoval(analysis, run, d);
    if (
      (removal.kind === 'command' || removal.kind === 'flag' || removal.kind === 'assignment') &&
      removal.edit
    ) {
      edits.push(removal.edit);
      note(
        `${d.defeat.what} is removed: it would ${d.defeat.effect === 'empties' ? 'empty' : 'turn off'} the new mount.`,
      );
    } else {
      // Kept (an ENV, an export, a cleanup inside a pipeline): the mount for that tool would stay empty.
      const gone = planned.filter((p) => p.tool === d.pm.name);
      for (const p of gone) planned.splice(planned.indexOf(p), 1);
      note(
        `${d.pm.name}'s cache is not mounted: ${d.defeat.what} ${removal.kind === 'env' ? `(set by the ENV at line ${removal.line}) ` : ''}turns it off, and cannot be removed here.`,
      );
    }
  }
  for (const cmd of ctx.runs.commands(run) ?? []) {
    const ops = rmOperands(cmd, targets);
    if (!ops || ops.inside.length === 0) continue;
    const removal = rmRemoval(cmd, ops);
    if (removal && disjoint(edits, removal)) {
      edits.push(...removal);
      note(`rm of ${ops.inside.map((w) => w.raw).join(' ')} is removed: it would empty the new mount.`);
    }
  }
  if (planned.length === 0) {
    if (!repairedElsewhere) report(ctx, run, 'notAdded', [...skippedTools], [], notes);
    return;
  }
  if (planned.some((p) => p.target === '/var/cache/apt')) {
    const apt = analysis
      .cacheUses(run)
      .find((u) => u.pm.id === 'apt' && u.use.named.some((n) => n.name === 'archives'));
    const stage = (run.stage as Stage).index;
    const chain = analysis.model.chain(run.stage as Stage).map((s) => s.index);
    if (apt && !chain.some((i) => seen.has(i))) {
      const state = dockerCleanFor(analysis, run, apt.cmd.index);
      if (state.state === 'active' && state.edit) {
        edits.push(state.edit);
        seen.add(stage);
        note(
          `Debian's docker-clean is removed first (Docker's recipe), or apt would delete what it downloads.`,
        );
      } else if (state.state === 'active' || state.state === 'unknown') {
        note(
          `If ${state.image} keeps Debian's /etc/apt/apt.conf.d/docker-clean, remove it before apt runs, or /var/cache/apt stays empty.`,
        );
      }
    }
  }
  const firstSeen = (tool: string) => planned.findIndex((p) => p.tool === tool);
  planned.sort((a, b) => firstSeen(a.tool) - firstSeen(b.tool) || a.order - b.order);
  // The flags go after the RUN's other flags; with none, at the start of the command, where Docker's recipe
  // may also go: one insertion, flags first.
  const flags = insertFlags(
    run,
    planned.map((p) => cacheMountFlag(p.target, p.extra)),
  );
  const same = edits.find((e) => e.start === flags.start && e.end === flags.start);
  if (same) same.text = flags.text + same.text;
  else edits.push(flags);
  const tools = [...new Set([...planned.map((p) => p.tool)])];
  report(
    ctx,
    run,
    'addMounts',
    tools,
    planned.map((p) => `${p.target}${p.extra.includes('sharing=locked') ? ' (locked)' : ''}`),
    notes,
    edits,
  );
}

function report(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  run: RunInstruction,
  messageId: string,
  tools: string[],
  targets: string[],
  notes: string[],
  fix?: TextEdit[],
): void {
  const shown = tools.length ? tools : toolsOf(ctx, ctx.analysis.cacheUses(run));
  ctx.report({
    messageId,
    data: {
      tools: list(shown),
      verb: shown.length > 1 ? 'download' : 'downloads',
      targets: list(targets),
      s: targets.length > 1 ? 's' : '',
      notes: notes.map((n) => ` ${n}`).join(''),
    },
    start: run.start,
    end: run.start + 3,
    fix,
  });
}

/** The line of a later RUN of the stage family that reads the tool's packages from this cache without mounting it. */
function readsLater(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  run: RunInstruction,
  u: ToolCacheUse,
  target: string,
): number | undefined {
  const reads = u.pm.readsCache;
  if (!reads) return undefined;
  const stage = run.stage as Stage;
  const family = new Set([stage, ...ctx.model.descendants(stage)]);
  for (const later of ctx.model.runs()) {
    if (later.index <= run.index || !later.stage || !family.has(later.stage)) continue;
    if (later.mounts.some((m) => m.type === 'cache' && m.target !== undefined && isWithin(target, m.target)))
      continue;
    if ((ctx.runs.commands(later) ?? []).some((c) => reads(c))) return ctx.analysis.lineOf(later);
  }
  return undefined;
}

/**
 * May this RUN mount apt's lists? It runs `apt-get update` before its first
 * install, and no later RUN of the stage family installs without updating
 * (it would read the lists the image holds, which the mount kept out).
 */
function aptListsSafe(ctx: TransformContext<{ tools?: readonly string[] }>, run: RunInstruction): boolean {
  const updatesFirst = (r: RunInstruction) => {
    const apt = ctx.analysis.cacheUses(r).filter((u) => u.pm.id === 'apt');
    const update = apt.findIndex((u) => u.use.action === 'update');
    const install = apt.findIndex((u) => u.use.action !== 'update');
    return { update, install, installs: install >= 0, ok: update >= 0 && (install < 0 || update < install) };
  };
  const own = updatesFirst(run);
  if (!own.ok || !own.installs) return false;
  const stage = run.stage as Stage;
  const family = new Set([stage, ...ctx.model.descendants(stage)]);
  for (const later of ctx.model.runs()) {
    if (later.index <= run.index || !later.stage || !family.has(later.stage)) continue;
    const l = updatesFirst(later);
    if (l.installs && !l.ok && !later.mounts.some((m) => m.type === 'cache' && m.target === '/var/lib/apt'))
      return false;
  }
  return true;
}

/** The line of a later RUN of the stage family that runs the same tool offline, reading what its cache holds. */
function offlineLater(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  run: RunInstruction,
  u: ToolCacheUse,
): number | undefined {
  const stage = run.stage as Stage;
  const family = new Set([stage, ...ctx.model.descendants(stage)]);
  for (const later of ctx.model.runs()) {
    if (later.index <= run.index || !later.stage || !family.has(later.stage)) continue;
    for (const v of ctx.analysis.cacheUses(later)) {
      if (v.pm === u.pm && v.use.offline !== undefined) return ctx.analysis.lineOf(later);
    }
  }
  return undefined;
}

/**
 * The words of a CMD or ENTRYPOINT as the program and its arguments: the
 * exec form's array (a shell's `-c` script split on blanks), or the shell
 * form's text split on blanks. A rough reading, enough to name the program.
 */
function startWords(text: string): string[] {
  const json = parseJsonArray(text);
  if (json && isShellName(json[0]) && json[1] === '-c' && json[2] !== undefined) return json[2].split(/\s+/);
  if (json) return json;
  return text.trim().split(/\s+/);
}

/** Does a command line (program and arguments) run one of the tool's commands that use its cache (`mvn spring-boot:run`, `cargo run`)? */
function runsToolCommand(u: ToolCacheUse, words: readonly string[]): boolean {
  let i = 0;
  // `exec mvn ...`, `env X=1 mvn ...`
  while (i < words.length && (words[i] === 'exec' || words[i] === 'env' || /^\w+=/.test(words[i] as string)))
    i++;
  const base = commandBase(words[i])?.replace(/\.(?:cmd|bat|sh)$/, '');
  if (base === undefined || !u.pm.facts.programs.includes(base)) return false;
  const positionals = words.slice(i + 1).filter((w) => !w.startsWith('-'));
  return u.pm.facts.cacheCommands.some((c) =>
    c.match.some((m) => {
      const subs = m.split(' ').filter((w) => w !== '' && !w.startsWith('-'));
      return (
        subs.length > 0 &&
        subs.every((s, k) => (s === '*' ? positionals[k] !== undefined : positionals[k] === s))
      );
    }),
  );
}

/**
 * A stage of the family (this RUN's stage or one built FROM it) whose image
 * starts the tool: its last CMD or ENTRYPOINT (inherited ones included) runs
 * one of the tool's commands that read its cache. A CMD that starts the
 * built program does not count.
 */
function startsTool(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  run: RunInstruction,
  u: ToolCacheUse,
): { keyword: string; line: number; stage: string } | undefined {
  const stage = run.stage as Stage;
  for (const s of [stage, ...ctx.model.descendants(stage)]) {
    let cmd: Instruction | undefined;
    let entrypoint: Instruction | undefined;
    for (const c of ctx.model.chain(s)) {
      for (const ins of c.instructions) {
        if (ins.keyword === 'CMD') cmd = ins;
        else if (ins.keyword === 'ENTRYPOINT') {
          entrypoint = ins;
          cmd = undefined;
        }
      }
    }
    const starts = [entrypoint, cmd].filter((i): i is Instruction => i !== undefined);
    const words = starts.flatMap((i) => startWords(i.args.text));
    const by = starts.find((i) => runsToolCommand(u, startWords(i.args.text)));
    if (by || (entrypoint && cmd && runsToolCommand(u, words))) {
      const at = by ?? (entrypoint as Instruction);
      return { keyword: at.keyword, line: ctx.analysis.lineOf(at), stage: s.name ?? String(s.index) };
    }
  }
  return undefined;
}

/** Programs that run builds the analysis cannot see into. */
const RUNNERS = new Set(['make', 'gmake', 'just', 'task', 'mage']);

/**
 * A command whose work cannot be read: a make-like runner, a script run by
 * its path (`./build.sh`, `scripts/ci`), a shell running a script file
 * (`sh build.sh`; `sh -c '...'` is read as the commands it runs).
 */
function hidesCommands(cmd: SimpleCommand): boolean {
  const name = cmd.name;
  if (name === undefined) return false;
  const base = commandBase(name) as string;
  if (RUNNERS.has(base) || /\.(?:sh|bash)$/.test(base)) return true;
  if (name.includes('/') && !name.startsWith('/')) return true;
  if (isShellName(name)) {
    if (cmd.argv.some((w) => w.value === '-c')) return false;
    return cmd.argv.slice(1).some((w) => w.value === undefined || !w.value.startsWith('-'));
  }
  return false;
}

/**
 * The first later RUN of the stage family that runs something the tool's use
 * of which cannot be seen (`make`, `./build.sh`), and neither uses the tool
 * visibly nor mounts its cache: it would get no mount from this transform.
 */
function hiddenLater(
  ctx: TransformContext<{ tools?: readonly string[] }>,
  run: RunInstruction,
  u: ToolCacheUse,
): { line: number; text: string } | undefined {
  const stage = run.stage as Stage;
  const family = new Set([stage, ...ctx.model.descendants(stage)]);
  const folders = u.use.caches.flatMap((c) => ('path' in c ? [c.path] : []));
  for (const later of ctx.model.runs()) {
    if (later.index <= run.index || !later.stage || !family.has(later.stage)) continue;
    if (ctx.analysis.cacheUses(later).some((v) => v.pm === u.pm)) continue;
    const mounted = later.mounts.some(
      (m) =>
        m.type === 'cache' &&
        m.target !== undefined &&
        (u.pm.cacheFolderOf(m.target) !== undefined ||
          folders.some((f) => relatePaths(f, m.target as string) !== 'unrelated')),
    );
    if (mounted) continue;
    const cmd = (ctx.runs.commands(later) ?? []).find(hidesCommands);
    if (cmd) {
      const text = cmd.argv.map((w) => w.raw).join(' ');
      return { line: ctx.analysis.lineOf(later), text: text.length > 60 ? `${text.slice(0, 57)}...` : text };
    }
  }
  return undefined;
}

/** No edit of `more` overlaps one of `taken`. */
function disjoint(taken: readonly TextEdit[], more: readonly TextEdit[]): boolean {
  return more.every((m) => taken.every((t) => m.end <= t.start || t.end <= m.start));
}

/** `a`, `a and b`, `a, b and c`. */
function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function firstSentence(text: string): string {
  const t = text.replace(/^Not fixed automatically: /, '');
  const end = t.search(/[.;:](\s|$)/);
  return end < 0 ? t : t.slice(0, end);
}

/** `# syntax=docker/dockerfile:1.0`, `1.1` and their experimental tags predate RUN --mount's stable form (1.2). */
function oldFrontend(syntax: string | undefined): boolean {
  if (syntax === undefined) return false;
  const m = /^(?:docker\.io\/)?docker\/dockerfile(?:-upstream)?:(\d+)(?:\.(\d+))?/.exec(syntax.trim());
  if (!m) return false;
  const major = Number(m[1]);
  const minor = m[2] === undefined ? undefined : Number(m[2]);
  return major < 1 || (major === 1 && minor !== undefined && minor < 2);
}

/** A stage chain built on a Windows image: no RUN --mount there. */
function windows(stage: Stage): boolean {
  let s = stage;
  while (s.parent) s = s.parent;
  if (s.image === undefined) return false;
  const ref = parseImageRef(s.image);
  return (
    /(^|\/)windows(\/|$)|nanoserver|servercore/.test(ref.repository) ||
    /nanoserver|servercore|ltsc|windows/i.test(ref.tag ?? '')
  );
}

const PROGRAMS = new RegExp(
  `\\b(?:${[...new Set(PACKAGE_MANAGERS.flatMap((pm) => pm.facts.programs))]
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})\\b`,
);

/** Can the text hold a RUN of a known tool? */
function mentionsTool(text: string): boolean {
  return PROGRAMS.test(text);
}
