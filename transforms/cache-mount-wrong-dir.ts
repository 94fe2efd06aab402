/**
 * cache-mount-wrong-dir: a cache mount sits on a cache folder of a tool, but
 * the tool in that RUN keeps its cache somewhere else (another user's HOME, a
 * variable, a flag or the image's own setup points elsewhere). The build
 * works and nothing is cached. The fix moves the mount to the folder the tool
 * uses.
 */
import { namesPath, type ToolCacheUse } from '../src/analysis/analysis.js';
import {
  appendFields,
  cacheId,
  fieldOf,
  ownerFields,
  PLAIN_PATH,
  removeMount,
  retarget as retargetEdits,
} from '../src/analysis/mounts.js';
import { mayHaveCacheMount } from '../src/analysis/screens.js';
import type { Transform, TransformContext, TransformDocs } from '../src/analysis/transform.js';
import type { TextEdit } from '../src/edits.js';
import type { Mount, RunInstruction } from '../src/model/dockerfile.js';
import { PACKAGE_MANAGERS } from '../src/package-managers/index.js';
import type { CacheDir, PackageManager } from '../src/package-managers/types.js';
import { relatePaths, resolvePath } from '../src/paths.js';

const joinPath = (dir: string, rest: string) => (rest ? resolvePath(dir, rest) : dir);

const ID = 'cache-mount-wrong-dir';

const DOCS: TransformDocs = {
  whatItDoes: `Finds a \`RUN --mount=type=cache\` whose target is a cache folder of a package manager (by the [package-manager facts](../package-managers.md)) while the same tool, run in that RUN, keeps its cache in another folder, and nothing else in the RUN uses the mounted one. The fix sets the mount's target to the folder the tool really uses, as a literal absolute path, and keeps every other option; when the RUN's user is not root it adds \`uid=\` and \`gid=\` so that user can write there. When another mount of the RUN already covers that folder, the mount on the wrong folder is removed instead.

It also removes a second cache mount on a folder another cache mount of the RUN already covers, when it is the same cache (same id and options): it caches nothing more, and two repairs that move two mounts to one cache folder leave such a pair. A second mount on the same folder with another cache id is reported: it hides the first.

Typical causes of a mount on the wrong folder: the RUN's user differs from the folder's owner (\`/root/.cache/pip\` under \`USER app\`, whose HOME is \`/home/app\`); a variable, flag or configuration moves the cache (\`PIP_CACHE_DIR\`, \`--cache-dir\`, \`npm_config_cache\`, \`YARN_CACHE_FOLDER\`, \`UV_CACHE_DIR\`, \`GOMODCACHE\`, \`GOCACHE\`, \`CARGO_HOME\`, \`COMPOSER_CACHE_DIR\`, \`--store-dir\`); Yarn 1 run as root keeps its cache in \`/usr/local/share/.cache/yarn\`, not \`/root/.cache/yarn\`; the composer image sets \`COMPOSER_HOME=/tmp\`, so Composer's cache is \`/tmp/cache\`.`,
  whyItMatters: `Nothing fails, so nothing tells: the build passes, every build downloads everything again, and the cache mount holds an empty folder. The time the mount was meant to save is lost on every build of every branch.`,
  example: {
    before: `FROM python:3.12-slim
RUN useradd --create-home --uid 1001 app
USER app
RUN --mount=type=cache,target=/root/.cache/pip \\
      pip install --user -r requirements.txt`,
    after: `FROM python:3.12-slim
RUN useradd --create-home --uid 1001 app
USER app
RUN --mount=type=cache,target=/home/app/.cache/pip,uid=1001 \\
      pip install --user -r requirements.txt`,
  },
  fixSafety: `Safe: \`--write\` applies it, and a dry run shows it as a diff. The mount stays a cache mount of the same tool; only the folder it covers changes (plus \`uid=\`/\`gid=\` for a non-root user), so the image is the same and the downloads are cached.

### Reported, not fixed

- The folder the tool uses is not known statically (a variable without a known value, a HOME that is not known).
- The RUN's user is not root and its numeric uid is not known (no \`useradd -u\`, not a user of a known base image): a mount it can write needs \`uid=\`.
- Several commands of the tool in the RUN use different folders for the same cache.
- The target value is split across lines, or the folder holds characters that need quoting.`,
  whenItDoesNotFire: `- The mount is not \`type=cache\`, is read-only, or its target is not known.
- Something in the RUN uses the mounted folder: a tool whose cache is there or below it, or a command that names a path inside it.
- The mounted folder is no tool's cache folder (\`cache-mount-install-target\` looks at mounts over install folders).
- No command of that tool runs in the RUN, or it turns its cache off (\`cache-mount-defeated\` owns that case).
- The tool's command uses the same folder: a mount on the right folder for a non-root user without \`uid=\` is \`cache-mount-owner\`'s.`,
};

export const cacheMountWrongDir: Transform = {
  meta: {
    id: ID,
    summary: 'A cache mount covers a cache folder the tool in that RUN does not use, so nothing is cached.',
    default: 'on',
    fix: 'safe',
    severity: 'warning',
    needsShell: true,
    messages: {
      retarget:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN uses {{cache}} ({{why}}): nothing is cached and every build downloads again. Mount {{cache}} instead{{owner}}.',
      removeMount:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN uses {{cache}} ({{why}}), which the mount on {{other}} already covers: this one caches nothing and is removed.',
      unknownUid:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN uses {{cache}} ({{why}}): nothing is cached. Not fixed automatically: it runs as USER {{user}}, whose numeric uid is not known, and a cache mount it can write needs uid=. Mount {{cache}} with uid=<uid>,gid=<gid>.',
      cacheUnknown:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN does not use it: {{reason}}, so nothing is cached. Not fixed automatically: mount the folder {{tool}} uses here.',
      severalFolders:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN uses {{caches}}: nothing is cached there. Not fixed automatically: mount the folders the commands use.',
      splitTarget:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN uses {{cache}} ({{why}}): nothing is cached. Not fixed automatically: the target value is split across lines. Mount {{cache}} instead.',
      duplicate:
        'This RUN already mounts a cache on {{target}} (the mount at column {{column}}), the same cache: this second mount adds nothing and is removed.',
      duplicateOtherCache:
        'This RUN already mounts a cache on {{target}} (the mount at column {{column}}); this second mount on the same folder uses another cache ({{ids}}) and hides the first. Not fixed automatically: keep one of them.',
      needsQuoting:
        'The cache mount on {{target}} is a folder where {{tool}} can keep its {{cacheName}}, but {{tool}} in this RUN uses {{cache}} ({{why}}): nothing is cached. Not fixed automatically: write the mount as --mount=type=cache,"target={{cache}}".',
    },
    docs: DOCS,
  },
  applies: mayHaveCacheMount,
  create(context) {
    for (const run of context.model.runs()) {
      if (!run.mounts.some((m) => m.type === 'cache')) continue;
      duplicates(context, run);
      const uses = context.analysis.cacheUses(run);
      if (uses.length === 0) continue;
      for (const mount of run.mounts) {
        if (mount.type !== 'cache' || mount.readOnly || mount.target === undefined) continue;
        check(context, run, mount, uses);
      }
    }
  },
};

export default cacheMountWrongDir;

/**
 * A second cache mount on the folder another cache mount of the RUN already
 * covers exactly (written so, or left by two repairs that moved two mounts to
 * the same cache folder): the same cache is removed; another cache is reported.
 */
function duplicates(ctx: TransformContext, run: RunInstruction): void {
  const seen: Mount[] = [];
  for (const m of run.mounts) {
    if (m.type !== 'cache' || m.target === undefined) continue;
    const first = seen.find((x) => x.target === m.target);
    if (!first) {
      seen.push(m);
      continue;
    }
    const column = ctx.model.position(first.flag.start).column;
    const same =
      cacheId(first) === cacheId(m) &&
      first.uid === m.uid &&
      first.gid === m.gid &&
      (fieldOf(first, 'sharing')?.value ?? 'shared') === (fieldOf(m, 'sharing')?.value ?? 'shared') &&
      first.readOnly === m.readOnly;
    const data = { target: m.target, column, ids: `id ${cacheId(m)} against ${cacheId(first)}` };
    if (same) {
      ctx.report({
        messageId: 'duplicate',
        data,
        start: m.flag.start,
        end: m.flag.end,
        fix: [removeMount(ctx.model.text, m, ctx.model.escape)],
      });
    } else ctx.report({ messageId: 'duplicateOtherCache', data, start: m.flag.start, end: m.flag.end });
  }
}

/** The folders of one cache that the commands of a tool use, and the commands. */
interface Use {
  dir: CacheDir;
  use: ToolCacheUse;
}

function check(
  ctx: TransformContext,
  run: RunInstruction,
  mount: Mount,
  uses: readonly ToolCacheUse[],
): void {
  const target = mount.target as string;
  // Something in the RUN uses the mounted folder: a tool's cache there, above or below it, or a command naming it.
  const used = uses.some((u) =>
    u.use.caches.some((c) => 'path' in c && relatePaths(c.path, target) !== 'unrelated'),
  );
  if (used || (ctx.runs.commands(run) ?? []).some((c) => namesPath(c, target))) return;
  for (const pm of PACKAGE_MANAGERS) {
    const kind = pm.cacheFolderOf(target);
    if (!kind) continue;
    const own = uses.filter((u) => u.pm === pm);
    // A command that turns the cache off is cache-mount-defeated's case.
    if (own.length === 0 || own.some((u) => u.use.defeatedBy !== undefined)) return;
    // A folder the facts do not tie to one of the tool's several caches (`~/.cargo/git` with a registry and a git
    // cache) cannot be matched to the folder the tool uses instead.
    if (kind.name === undefined && pm.facts.caches.length > 1) return;
    const same: Use[] = [];
    for (const u of own) {
      const hit =
        u.use.named.find((n) => n.name === kind.name) ??
        (kind.name === undefined ? u.use.named[0] : undefined);
      if (hit && !('trap' in hit.dir)) same.push({ dir: hit.dir, use: u });
    }
    if (same.length === 0) return; // the tool here does not use that cache at all: nothing to move
    if (!certain(ctx, run, target, same)) return;
    report(ctx, run, mount, pm, kind, same);
    return;
  }
}

/**
 * Is it certain that the tool does not use the mounted folder? The folder it
 * uses comes from a flag, a variable or the configuration, or from its
 * defaults in an image the tool knows; a default in an image the tool does
 * not know may be moved by that image's own environment (GOPATH, CARGO_HOME).
 * A folder that is not known statically is certain only for a non-root user
 * and a mount in root's or another user's home, which that user cannot use.
 */
function certain(ctx: TransformContext, run: RunInstruction, target: string, same: Use[]): boolean {
  const stage = run.stage as NonNullable<RunInstruction['stage']>;
  const knownImage = stage.baseImage !== undefined || stage.startEnv.envComplete || chainRootIsScratch(stage);
  for (const u of same) {
    if ('unknown' in u.dir) {
      const user = ctx.analysis.userOf(run, u.use.cmd);
      if (user.root || !/^\/(root|home\/[^/]+)(\/|$)/.test(target)) return false;
      if (user.home !== undefined && (target === user.home || target.startsWith(`${user.home}/`)))
        return false;
      continue;
    }
    if (!('via' in u.dir && u.dir.via !== undefined) && !knownImage) return false;
  }
  return true;
}

function chainRootIsScratch(stage: NonNullable<RunInstruction['stage']>): boolean {
  let s = stage;
  while (s.parent) s = s.parent;
  return s.image === 'scratch';
}

function report(
  ctx: TransformContext,
  run: RunInstruction,
  mount: Mount,
  pm: PackageManager,
  kind: { name: string | undefined; rest: string },
  same: Use[],
): void {
  const target = mount.target as string;
  const first = same[0] as Use;
  const user = ctx.analysis.userOf(run, first.use.cmd);
  const base = {
    target,
    tool: pm.name,
    cacheName: kind.name ?? 'cache',
  };
  const at = (messageId: string, data: Record<string, string> = {}, fix?: TextEdit[]) =>
    ctx.report({ messageId, data: { ...base, ...data }, start: mount.flag.start, end: mount.flag.end, fix });
  const unknown = same.find((u) => 'unknown' in u.dir);
  if (unknown && 'unknown' in unknown.dir) {
    at('cacheUnknown', { reason: unknown.dir.unknown });
    return;
  }
  // A mount on a folder inside the cache (`~/.cargo/registry/index`) moves to the same place inside the new one.
  const paths = [...new Set(same.map((u) => ('path' in u.dir ? joinPath(u.dir.path, kind.rest) : '')))];
  if (paths.length > 1) {
    at('severalFolders', { caches: paths.join(' and ') });
    return;
  }
  const cache = paths[0] as string;
  const why = reason(first, user.root ? undefined : user.spec);
  const other = ctx.analysis.cacheMountCovering(run, cache);
  if (other && other !== mount) {
    at('removeMount', { cache, why, other: other.target as string }, [
      removeMount(ctx.model.text, mount, ctx.model.escape),
    ]);
    return;
  }
  const field = mount.targetField;
  if (!PLAIN_PATH.test(cache)) at('needsQuoting', { cache, why });
  else if (!field?.editable) at('splitTarget', { cache, why });
  else retarget(field);
  return;

  function retarget(field: NonNullable<Mount['targetField']>): void {
    // Every command that uses the new folder must be able to write it.
    const users = new Set(same.map((u) => ctx.analysis.userOf(run, u.use.cmd).spec));
    const ids = ownerFields(mount, user);
    if (ids === undefined || users.size > 1) {
      at('unknownUid', { cache, why, user: user.spec });
      return;
    }
    const edits: TextEdit[] = retargetEdits(mount, field, cache);
    if (ids) edits.push(appendFields(mount, ids));
    at('retarget', { cache, why, owner: ids ? ` (owned by uid ${user.uid})` : '' }, edits);
  }
}

/** Why the tool uses its folder: the variable or flag that moves it, or the user it runs as. */
function reason(u: Use, nonRootUser: string | undefined): string {
  const via = 'via' in u.dir ? u.dir.via : undefined;
  if (via === 'configuration') return 'the configuration file sets it';
  if (via) return via.startsWith('-') ? `the ${via} flag sets it` : `${via} sets it`;
  if (nonRootUser) return `it runs as USER ${nonRootUser}`;
  return 'its default for this user and image';
}
