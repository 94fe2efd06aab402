/**
 * cache-mount-defeated: a RUN mounts a tool's cache and then turns that cache
 * off or empties it (`pip --no-cache-dir`, `npm cache clean`, `rm -rf` of the
 * mounted folder, Debian's docker-clean for apt). The mount stays empty and
 * every build downloads again. The fix removes the flag, the inline variable
 * or the cleanup, keeping the shell valid.
 */
import type { Analysis, ToolCacheDefeat } from '../src/analysis/analysis.js';
import { APT_ARCHIVES, dockerCleanFor } from '../src/analysis/apt.js';
import { defeatRemoval, rmOperands, rmRemoval } from '../src/analysis/defeats.js';
import { mayHaveCacheMount } from '../src/analysis/screens.js';
import type { Transform, TransformContext, TransformDocs } from '../src/analysis/transform.js';
import type { TextEdit } from '../src/edits.js';
import type { Mount, RunInstruction } from '../src/model/dockerfile.js';
import { absolute, commandBase } from '../src/package-managers/common.js';
import { stageChain } from '../src/package-managers/context.js';
import type { SimpleCommand } from '../src/shell/reader.js';

const ID = 'cache-mount-defeated';

const DOCS: TransformDocs = {
  whatItDoes: `Finds a RUN that mounts a package manager's cache and, in the same RUN or the environment it sees, turns that cache off or deletes what is inside the mount: \`pip --no-cache-dir\`, \`PIP_NO_CACHE_DIR\` (any value), \`uv --no-cache\`, \`UV_NO_CACHE\`, \`npm cache clean\`, \`yarn cache clean\`, \`pnpm store prune\`, \`apk add --no-cache\`, \`apt-get clean\` with \`/var/cache/apt\` mounted, \`rm -rf /var/lib/apt/lists/*\` with \`/var/lib/apt\` mounted, \`conda clean\`, \`go clean -modcache\`, \`composer clear-cache\`, and \`rm -rf\` of the mounted folder; the flags, variables and commands come from the [package-manager facts](../package-managers.md). It also finds apt cache mounts in Debian and Ubuntu images, whose \`/etc/apt/apt.conf.d/docker-clean\` makes apt delete every package it downloads.

The fix removes the flag, the inline \`VAR=x\` assignment, the cleanup command or the path from \`rm\`, and keeps the shell valid: \`a && rm -rf X && b\` becomes \`a && b\`, and a script that would be empty keeps \`true\`. For docker-clean it puts Docker's recipe, \`rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache\`, at the start of the first such RUN of the stage chain; the later apt RUNs of the chain build on it.`,
  whyItMatters: `The cleanup was written to keep the image small, but a cache mount is never part of the image: what the tool keeps there costs the image nothing. Turning the cache off or emptying it only makes every build download everything again, which is what the mount was meant to prevent. Cleanup of folders no mount covers is image hygiene and is left alone.`,
  example: {
    before: `FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \\
      pip install --no-cache-dir -r requirements.txt
FROM debian:12
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
    --mount=type=cache,target=/var/lib/apt,sharing=locked \\
    apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*`,
    after: `FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \\
      pip install -r requirements.txt
FROM debian:12
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
    --mount=type=cache,target=/var/lib/apt,sharing=locked \\
    rm -f /etc/apt/apt.conf.d/docker-clean; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache; apt-get update && apt-get install -y curl`,
  },
  fixSafety: `Safe: \`--write\` applies it, and a dry run shows it as a diff. What is removed only affected the cache mount's contents, which never reach the image; the image holds the same installed files. One change outlives the RUN: Docker's recipe removes docker-clean for good, so an apt RUN of a later stage or a child image that has no cache mount keeps the packages it downloads (in \`/var/cache/apt/archives\`) unless it cleans them itself.

### Reported, not fixed

- The variable that turns the cache off is set by \`ENV\` (it also applies to other RUNs) or exported earlier in the RUN.
- The cleanup cannot be taken out on its own: inside a pipeline, a condition or loop, a \`sh -c\` string, or as the fallback of \`||\`.
- apk: \`--no-cache\` with only \`/var/cache/apk\` mounted and no \`/etc/apk/cache\`: apk caches packages only when \`/etc/apk/cache\` exists (apk-tools src/database.c \`setup_cache\`), so dropping the flag alone would cache indexes but not packages.
- docker-clean in an image the tool does not know (it may not have the file), or in a RUN in the JSON form.`,
  whenItDoesNotFire: `- No cache mount covers the cache the flag, variable or command affects (\`apt-get clean\` with only \`/var/lib/apt\` mounted, \`rm -rf /tmp/*\`): that is image hygiene.
- The cleanup is of a folder outside every cache mount.
- docker-clean is removed before the RUN's apt commands, in this RUN or an earlier RUN of the stage chain; the image has no apt or no docker-clean (Alpine, Fedora, the composer image).`,
};

export const cacheMountDefeated: Transform = {
  meta: {
    id: ID,
    summary: 'A RUN mounts a cache and then turns it off or empties it, so every build downloads again.',
    default: 'on',
    fix: 'safe',
    severity: 'warning',
    needsShell: true,
    messages: {
      removeFlag:
        "{{what}} turns {{tool}}'s cache off, so the cache mount on {{target}} stays empty and every build downloads again. The flag is removed: the mount keeps the cache out of the image anyway.",
      removeAssignment:
        "{{what}} turns {{tool}}'s cache off for this command, so the cache mount on {{target}} stays empty and every build downloads again. The assignment is removed: the mount keeps the cache out of the image anyway.",
      removeCommand:
        "{{what}} empties the cache mount on {{target}}, so the next build finds {{tool}}'s cache empty and downloads again. The command is removed: the mount keeps the cache out of the image anyway.",
      removePaths:
        'rm of {{paths}} deletes what the cache mount on {{target}} holds, so the next build downloads again. {{removed}}: the mount keeps it out of the image anyway.',
      cannotRemovePaths:
        'rm of {{paths}} deletes what the cache mount on {{target}} holds, so the next build downloads again. Not fixed automatically: the command cannot be changed on its own here; remove those paths from it.',
      removesAroundMount:
        'rm of {{paths}} also deletes what the cache mount on {{target}} holds (and fails on the mount itself when it tries to remove it), so the next build downloads again. Not fixed automatically: the path covers other files too; leave {{target}} out of it.',
      setByEnv:
        "{{what}}, set by the ENV at line {{line}}, turns {{tool}}'s cache off, so the cache mount on {{target}} stays empty and every build downloads again. Not fixed automatically: the ENV applies to every later RUN; remove {{name}} there, or set it only on the commands that need it.",
      setInRun:
        "{{what}}, exported earlier in this RUN, turns {{tool}}'s cache off, so the cache mount on {{target}} stays empty and every build downloads again. Not fixed automatically: remove the export.",
      cannotRemove:
        "{{what}} empties or turns off {{tool}}'s cache in the cache mount on {{target}}, so every build downloads again. Not fixed automatically: it cannot be taken out of this RUN on its own; remove it.",
      apkNoLinkedCache:
        "apk add --no-cache turns apk's cache off, so the cache mount on {{target}} stays empty. Not fixed automatically: apk keeps packages in a cache only when /etc/apk/cache exists, so mount /etc/apk/cache (or link it to {{target}}) and drop --no-cache.",
      dockerClean:
        "apt in {{image}} deletes every package it downloads (/etc/apt/apt.conf.d/docker-clean), so the cache mount on {{target}} stays empty and every build downloads again. Docker's recipe is added before this RUN's commands: it removes docker-clean and tells apt to keep downloads, for this RUN and the later ones of the stage.",
      dockerCleanUnknownImage:
        'If {{image}} is built on Debian or Ubuntu, its /etc/apt/apt.conf.d/docker-clean makes apt delete every package it downloads, and the cache mount on {{target}} stays empty. Not fixed automatically: the tool does not know the image. Put rm -f /etc/apt/apt.conf.d/docker-clean before the apt commands if it has that file.',
      dockerCleanJsonForm:
        'apt in {{image}} deletes every package it downloads (/etc/apt/apt.conf.d/docker-clean), so the cache mount on {{target}} stays empty. Not fixed automatically: the RUN is in the JSON form; remove the file in an earlier RUN.',
    },
    docs: DOCS,
  },
  applies: mayHaveCacheMount,
  create(context) {
    const dockerCleanSeen = new Set<string>();
    for (const run of context.model.runs()) {
      const mounts = run.mounts.filter((m) => m.type === 'cache' && !m.readOnly && m.target !== undefined);
      if (mounts.length === 0) continue;
      for (const d of context.analysis.cacheDefeats(run)) toolDefeat(context, run, mounts, d);
      for (const cmd of context.runs.commands(run) ?? []) removedPaths(context, mounts, cmd);
      dockerClean(context, run, mounts, dockerCleanSeen);
    }
  },
};

export default cacheMountDefeated;

/** The mount covering one of the folders, or any mount on one of the tool's cache folders. */
function mountFor(
  analysis: Analysis,
  run: RunInstruction,
  mounts: readonly Mount[],
  d: ToolCacheDefeat,
): Mount | undefined {
  for (const c of d.defeat.caches ?? []) {
    if (!('path' in c)) continue;
    const m = analysis.cacheMountCovering(run, c.path);
    if (m) return m;
  }
  // A flag or variable that turns the tool's cache off defeats a mount on another of its folders too (another
  // user's, say): it goes first, then the folder is looked at. A command that empties one cache empties only that.
  if (d.defeat.effect !== 'disables') return undefined;
  return mounts.find((m) => d.pm.isCacheFolder(m.target as string));
}

function toolDefeat(
  ctx: TransformContext,
  run: RunInstruction,
  mounts: readonly Mount[],
  d: ToolCacheDefeat,
): void {
  const { cmd, defeat, pm } = d;
  // Where the tool's cache is part of what it installs, or its folder is not known, emptying it is not this rule's call.
  const uncertain = ctx.analysis
    .cacheUses(run)
    .some((u) => u.pm === pm && u.use.caches.some((c) => 'trap' in c || 'unknown' in c));
  if (uncertain) return;
  const apk = pm.id === 'apk';
  const mount = apk ? apkMount(ctx, run, mounts) : mountFor(ctx.analysis, run, mounts, d);
  if (!mount) return;
  const data = { what: defeat.what, tool: pm.name, target: mount.target as string };
  const at = (
    messageId: string,
    start: number,
    end: number,
    fix?: TextEdit[],
    extra: Record<string, string | number> = {},
  ) => ctx.report({ messageId, data: { ...data, ...extra }, start, end, fix });
  if (apk && mount.target !== '/etc/apk/cache' && !linksApkCache(ctx, run)) {
    at('apkNoLinkedCache', cmd.start, cmd.end);
    return;
  }
  const removal = defeatRemoval(ctx.analysis, run, d);
  switch (removal.kind) {
    case 'command':
    case 'flag':
    case 'assignment': {
      const { span, edit } = removal;
      const id = { command: 'removeCommand', flag: 'removeFlag', assignment: 'removeAssignment' }[
        removal.kind
      ];
      if (edit) at(id, span.start, span.end, [edit]);
      else at('cannotRemove', span.start, span.end);
      return;
    }
    case 'env':
      at('setByEnv', cmd.start, cmd.end, undefined, { line: removal.line, name: removal.name });
      return;
    case 'exported':
      at('setInRun', cmd.start, cmd.end);
  }
}

/** apk's cache mount: on /etc/apk/cache (where apk looks), or on /var/cache/apk. */
function apkMount(ctx: TransformContext, run: RunInstruction, mounts: readonly Mount[]): Mount | undefined {
  return (
    mounts.find((m) => m.target === '/etc/apk/cache') ??
    ctx.analysis.cacheMountCovering(run, '/var/cache/apk')
  );
}

/** Does the stage chain link /etc/apk/cache to a folder (`ln -s /var/cache/apk /etc/apk/cache`)? */
function linksApkCache(ctx: TransformContext, run: RunInstruction): boolean {
  for (const s of stageChain(run.stage as NonNullable<RunInstruction['stage']>)) {
    for (const ins of s.instructions) {
      if (ins.index > run.index || ins.keyword !== 'RUN') continue;
      for (const cmd of ctx.runs.commands(ins as RunInstruction) ?? []) {
        if (commandBase(cmd.name) !== 'ln') continue;
        const last = cmd.argv[cmd.argv.length - 1];
        if (last?.value !== undefined && absolute(cmd, last.value) === '/etc/apk/cache') return true;
      }
    }
  }
  return false;
}

/**
 * `rm` of paths at or inside a cache mount's target: they go from the
 * command (the command goes when nothing else is left). A path above a
 * mount (`rm -rf /tmp/*` with `/tmp/cache` mounted) also deletes other
 * files, which are the image's business: reported.
 */
function removedPaths(ctx: TransformContext, mounts: readonly Mount[], cmd: SimpleCommand): void {
  const ops = rmOperands(
    cmd,
    mounts.map((m) => m.target as string),
  );
  if (!ops) return;
  const at = { start: cmd.start, end: cmd.end };
  if (ops.inside.length === 0 || ops.folder === undefined) {
    if (ops.around) {
      const data = { paths: ops.around.word.raw, target: ops.around.folder };
      ctx.report({ messageId: 'removesAroundMount', data, ...at });
    }
    return;
  }
  const edits = rmRemoval(cmd, ops);
  const removed =
    ops.inside.length === ops.all.length
      ? 'The command is removed'
      : ops.inside.length > 1
        ? 'Those paths are removed from the command'
        : 'That path is removed from the command';
  const data = { paths: ops.inside.map((w) => w.raw).join(' '), target: ops.folder, removed };
  ctx.report({ messageId: edits ? 'removePaths' : 'cannotRemovePaths', data, ...at, fix: edits });
}

/** Debian's docker-clean with apt's archives mounted, once per stage chain. */
function dockerClean(
  ctx: TransformContext,
  run: RunInstruction,
  mounts: readonly Mount[],
  seen: Set<string>,
): void {
  const mount = ctx.analysis.cacheMountCovering(run, APT_ARCHIVES);
  if (!mount || !mounts.includes(mount)) return;
  const installs = ctx.analysis
    .cacheUses(run)
    .filter((u) => u.pm.id === 'apt' && u.use.named.some((n) => n.name === 'archives') && !u.use.defeatedBy);
  const first = installs[0];
  if (!first) return;
  // Once per stage chain: the first stage whose fix lands covers the stages built on it.
  const chain = stageChain(run.stage as NonNullable<RunInstruction['stage']>);
  if (chain.some((s) => seen.has(String(s.index)))) return;
  const state = dockerCleanFor(ctx.analysis, run, first.cmd.index);
  if (state.state === 'none') return;
  seen.add(String((run.stage as NonNullable<RunInstruction['stage']>).index));
  const data = { image: state.image, target: mount.target as string };
  if (state.state === 'unknown') {
    ctx.report({ messageId: 'dockerCleanUnknownImage', data, start: mount.flag.start, end: mount.flag.end });
    return;
  }
  const fix = state.edit ? [state.edit] : undefined;
  ctx.report({
    messageId: fix ? 'dockerClean' : 'dockerCleanJsonForm',
    data,
    start: mount.flag.start,
    end: mount.flag.end,
    fix,
  });
}
