/**
 * cache-mount-defeated: a RUN mounts a tool's cache and then turns that cache
 * off or empties it (`pip --no-cache-dir`, `npm cache clean`, `rm -rf` of the
 * mounted folder, Debian's docker-clean for apt). The mount stays empty and
 * every build downloads again. The fix removes the flag, the inline variable
 * or the cleanup, keeping the shell valid.
 */
import type { Analysis, ToolCacheDefeat } from '../src/analysis/analysis.js';
import { APT_ARCHIVES, dockerCleanFor, globBase } from '../src/analysis/apt.js';
import { mayHaveCacheMount } from '../src/analysis/screens.js';
import type { Transform, TransformContext, TransformDocs } from '../src/analysis/transform.js';
import type { TextEdit } from '../src/edits.js';
import type { Mount, RunInstruction } from '../src/model/dockerfile.js';
import { absolute, commandBase } from '../src/package-managers/common.js';
import { stageChain } from '../src/package-managers/context.js';
import { relatePaths } from '../src/paths.js';
import { pathPrefix, type SimpleCommand, type Word } from '../src/shell/reader.js';

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
  fixSafety: `Safe: \`--write\` applies it, and a dry run shows it as a diff. What is removed only affected the cache mount's contents, which never reach the image; the image stays as it was.

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
  // A cleanup command: taken out of the script.
  if (defeat.what === cmd.argv.map((w) => w.raw).join(' ')) {
    if (cmd.removal) at('removeCommand', cmd.start, cmd.end, [cmd.removal]);
    else at('cannotRemove', cmd.start, cmd.end);
    return;
  }
  // A flag on the command.
  const i = cmd.argv.findIndex((w) => w.raw === defeat.what || w.value === defeat.what);
  if (i > 0) {
    const word = cmd.argv[i] as Word;
    const prev = cmd.argv[i - 1] as Word;
    if (word.start !== undefined && word.end !== undefined && prev.end !== undefined) {
      at('removeFlag', word.start, word.end, [{ start: prev.end, end: word.end, text: '' }]);
    } else at('cannotRemove', cmd.start, cmd.end);
    return;
  }
  // A variable: inline on the command, exported in the RUN, or set by ENV.
  const name = defeat.what.split('=')[0] as string;
  const inline = cmd.assignments?.find((a) => a.name === name);
  if (inline) {
    const next = cmd.assignments?.find((a) => a.start > inline.start)?.start ?? cmd.argv[0]?.start;
    if (next !== undefined) {
      at('removeAssignment', inline.start, inline.end, [{ start: inline.start, end: next, text: '' }]);
      return;
    }
  }
  const env = envLine(ctx, run, name);
  if (env !== undefined) at('setByEnv', cmd.start, cmd.end, undefined, { line: env, name });
  else at('setInRun', cmd.start, cmd.end);
}

/** The line of the ENV instruction of the stage chain that last sets a variable before a RUN. */
function envLine(ctx: TransformContext, run: RunInstruction, name: string): number | undefined {
  let line: number | undefined;
  for (const s of stageChain(run.stage as NonNullable<RunInstruction['stage']>)) {
    for (const ins of s.instructions) {
      if (ins.index >= run.index) break;
      if (ins.keyword === 'ENV' && new RegExp(`(^|\\s)${name}(=|\\s)`).test(ins.args.text))
        line = ctx.analysis.lineOf(ins);
    }
  }
  return line;
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
  if (commandBase(cmd.name) !== 'rm') return;
  const operands: Word[] = [];
  let options = true;
  for (const w of cmd.argv.slice(1)) {
    if (options && w.value === '--') {
      options = false;
      continue;
    }
    if (options && w.value?.startsWith('-')) continue;
    operands.push(w);
  }
  const inside: Word[] = [];
  let target: string | undefined;
  let around: { word: Word; target: string } | undefined;
  for (const w of operands) {
    const p = pathPrefix(w);
    const path = p === undefined ? undefined : absolute(cmd, globBase(p));
    if (path === undefined) continue;
    for (const m of mounts) {
      const r = relatePaths(path, m.target as string);
      if (r === 'same' || r === 'inside') {
        inside.push(w);
        target ??= m.target;
        break;
      }
      if (r === 'ancestor') around ??= { word: w, target: m.target as string };
    }
  }
  if (inside.length === 0 || target === undefined) {
    if (around) {
      ctx.report({
        messageId: 'removesAroundMount',
        data: { paths: around.word.raw, target: around.target },
        start: cmd.start,
        end: cmd.end,
      });
    }
    return;
  }
  const paths = inside.map((w) => w.raw).join(' ');
  const report = (edits: TextEdit[] | undefined, removed: string) =>
    ctx.report({
      messageId: edits ? 'removePaths' : 'cannotRemovePaths',
      data: { paths, target: target as string, removed },
      start: cmd.start,
      end: cmd.end,
      fix: edits,
    });
  if (inside.length === operands.length) {
    report(cmd.removal ? [cmd.removal] : undefined, 'The command is removed');
    return;
  }
  const edits: TextEdit[] = [];
  for (const w of inside) {
    const prev = cmd.argv[cmd.argv.indexOf(w) - 1];
    if (w.end === undefined || prev?.end === undefined) {
      report(undefined, '');
      return;
    }
    edits.push({ start: prev.end, end: w.end, text: '' });
  }
  report(
    edits,
    inside.length > 1 ? 'Those paths are removed from the command' : 'That path is removed from the command',
  );
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
