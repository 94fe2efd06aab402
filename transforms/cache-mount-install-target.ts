/**
 * cache-mount-install-target: a RUN's cache mount covers the folder a package
 * manager installs into, so what it installs is never committed to the image.
 * The fix mounts the tool's own download cache instead and keeps the install
 * destination.
 */
import { describeNeeds, type Hit, linesText, type Need } from '../src/analysis/analysis.js';
import {
  appendFields,
  cacheId,
  copiedOwner,
  ownerFields,
  PLAIN_PATH,
  removeField,
  removeMount,
  retarget,
} from '../src/analysis/mounts.js';
import { mayHaveCacheMount } from '../src/analysis/screens.js';
import type { Transform, TransformContext, TransformDocs } from '../src/analysis/transform.js';
import { formatMessage } from '../src/analysis/transform.js';
import type { TextEdit } from '../src/edits.js';
import type { Mount, RunInstruction } from '../src/model/dockerfile.js';
import { knownCacheTest, onlyKnownCacheMounts } from '../src/package-managers/known-caches.js';
import type { CacheDir } from '../src/package-managers/types.js';
import { basename, dirname, isAbsolute, isWithin, relatePaths } from '../src/paths.js';

/** The rule's documentation (`npm run docs` writes docs/rules/cache-mount-install-target.md from it). */
const DOCS: TransformDocs = {
  whatItDoes: `Finds a \`RUN --mount=type=cache\` whose target is the folder a package manager installs into in that RUN (or a folder above it), and moves the mount to the tool's own download cache, keeping the install destination.

BuildKit keeps a cache mount's contents between builds but never commits them to the image: the mount exists only while its RUN runs, and the next instruction sees the folder as it was before (usually empty). Mounting the folder a tool installs into therefore throws the installation away. With the tool's download cache mounted instead, the packages land in the image layer and downloads are still cached between builds.

Only the value of the target option changes. Every other byte stays: the option's name (\`target\`, \`dst\` or \`destination\`), its quotes, the other options (\`id=\`, \`sharing=\`, \`uid=\`) and their order, other mounts, comments, line endings, a BOM and a missing final newline.`,
  whyItMatters: `The bug is silent. The build passes; the image is smaller than it should be; the container fails at start (\`ModuleNotFoundError\`, \`Cannot find module\`) or, worse, a later RUN that mounts the same cache still finds the packages, so the build keeps working until BuildKit evicts the cache. Docker's own documentation states the contract: cache mounts are for performance only, and a build must work with any contents of the cache.`,
  example: {
    before: `FROM python:3.12-slim
RUN --mount=type=cache,target=/pip-packages \\
      pip install --target=/pip-packages uwsgi
ENV PYTHONPATH=/pip-packages
`,
    after: `FROM python:3.12-slim
RUN --mount=type=cache,target=/root/.cache/pip \\
      pip install --target=/pip-packages uwsgi
ENV PYTHONPATH=/pip-packages
`,
  },
  fixSafety: `Safe: \`--write\` applies it, and a dry run shows it as a diff.

- The target's value becomes the tool's cache folder, as a literal absolute path (older BuildKit frontends do not expand variables inside \`--mount\`). A path with blanks is written in double quotes (\`target="/var/cache/npm files"\`): BuildKit's Dockerfile parser drops the quotes and its \`--mount\` reader keeps the blanks.
- When the RUN already mounts that cache (or a folder above it), the broken \`--mount\` flag is removed instead of creating a duplicate; a flag alone on its line goes with its line.
- Later RUNs in the same stage, or in stages built from it, that mount T only to read the installed files lose that mount, so they see the committed folder.
- An explicit \`id=\` is kept, unless another RUN mounts that id on a folder other than the tool's cache (the old folder, or any other); then it is removed, so the tool's cache does not share one BuildKit cache with that folder.
- When the user is not root, the cache folder is under that user's HOME and the mount gets \`uid=\`/\`gid=\` (when it has none) so the user can write to it.
- When one mount covered the installs of two tools, the first tool's cache replaces it and the second gets a mount of its own.

### Reported, not fixed

The finding is printed without an edit when the fix is not certain:

- the RUN runs as a non-root USER whose numeric uid is not known (no \`useradd -u\`, not a user of a known base image), or whose HOME is not known;
- the tool's cache location depends on a value not known statically (an ARG without default, a command substitution);
- the install folder also lies inside another mount of the RUN (a \`bind\` of the build context, a \`tmpfs\`), so moving the cache mount would not keep it (reported only when something needs what was installed);
- the last stage keeps a build output only inside the mount and nothing copies it out;
- a RUN in a stage that does not build on this one mounts the same cache (same id, same folder) to read what was installed: moving the mount would take it away from that RUN;
- the tool installs into the folder only under a setting the Dockerfile does not show (Yarn's nodeLinker and enableGlobalCache when a \`.yarnrc.yml\` may come in with \`COPY . .\`: under Plug'n'Play, the default, the cache holds the packages): the message states the condition and what to do under it;
- the target value is split across lines, or the cache path holds a character no \`--mount\` value carries intact (a comma, a quote, \`$\`, a backslash, \`<\`): the message shows the path quoted;
- the install folder depends on a working folder the Dockerfile does not show (the stage starts FROM an image the tool does not know, which may set any WORKDIR, and has no absolute WORKDIR or \`cd\`), and some folder above the target, taken as the working folder, makes the target exactly the tool's folder (\`/src/target\` for \`cargo build\` with \`/src\`, \`/app/node_modules\` for \`npm ci\` with \`/app\`): the message names that guess.

Under \`--write\` these are printed as warnings and the exit code stays 0; a dry run and \`--check\` exit 1.`,
  whenItDoesNotFire: `- The mount is not \`type=cache\`, is read-only, or its target cannot be resolved (a variable with no known value).
- The target is a well-known download cache that no tool installs into (\`~/.cache/pip\`, \`~/.npm\`, \`/var/cache/apt\` and the others in \`src/package-managers/known-caches.ts\`), except where a tool the file uses can install into it (Yarn's Plug'n'Play cache, Poetry's virtualenvs, uv with \`UV_LINK_MODE=symlink\`). Files whose cache mounts are all of this kind are not parsed at all.
- No package manager in the RUN installs under the target, or the RUN's shell is not a POSIX shell (\`SHELL ["powershell", ...]\`).
- The install folder depends on a working folder that is not known (see the last case above) and no guess makes the target the tool's folder. Known images, whose WORKDIR is known: the distributions (debian, ubuntu, alpine, fedora and the like) and the language images the tool has facts for (\`src/model/images.ts\`).
- Nothing needs the installed files after the RUN (see "intentional" above), including when a later instruction reads only a copy the RUN made.
- An outer cache mount covers this one: the outer mount gets the finding, and once it is fixed the next pass judges this one.
- The Dockerfile has no cache mount at all: such files are read but not parsed.`,
  more: `## How a finding is decided

Let T be a cache mount's target (quotes removed, variables resolved from ARG and ENV, relative paths joined to WORKDIR) and D a folder a package manager installs into in the same RUN (from its flags, environment variables, the working folder after \`cd\`, the user's HOME and the base image).

1. **Candidate** when T is D or a folder above D (\`target=/usr/local/lib/python3.12\` around a plain \`pip install\`). A mount strictly inside D that the tool only uses as a cache (\`node_modules/.cache\`, \`/opt/conda/pkgs\`) is not a candidate.
2. **Needed?** A candidate is a finding only when something needs what the install put there after the RUN:
   - installed packages in a stage that is an image of its own: the last stage, or a stage no other stage builds on (\`FROM\`), copies from (\`COPY --from\`) or mounts from (\`--mount=from=\`);
   - a later RUN in the same stage, or in a stage built \`FROM\` it, that uses them without mounting T (it runs something other than plain system commands such as \`apt-get\` or \`echo\`, or names a path inside T other than as where a copy goes or what \`rm\`/\`mkdir\` removes or creates). For a virtual environment, the image's own Python (\`python3 -c ...\`, \`/usr/local/bin/python3\`, \`pip\`) does not count while no folder of the venv comes first on PATH (\`ENV PATH\`, \`. venv/bin/activate\`) and neither VIRTUAL_ENV nor PYTHONPATH names it;
   - a later RUN that mounts T again, under the same cache id, to read them (\`npm ci\` in one RUN, \`npm run build\` in the next): this works only until BuildKit empties the cache, so it counts. A RUN that mounts T under another id sees neither this cache nor the committed folder, and a later RUN that installs into T again is what the instructions after it read: neither counts;
   - a \`COPY --from\` of the stage (or one built from it) that copies T, something inside T or a folder containing T;
   - for build output (a \`pip wheel -w\` folder), a reference from a later instruction or the image's \`CMD\`/\`ENTRYPOINT\`;
   - for packages a tool restores for its own later commands (the folder \`dotnet restore --packages DIR\` fills), a later command that reads them there (\`dotnet publish --no-restore\`, \`dotnet test --no-build\`); a \`--no-restore\` build in the same RUN reads them from the mount, which is fine.
3. When nothing needs T, the RUN is **intentional** and nothing is reported. The two common forms: a builder stage that installs and builds in one RUN while later stages copy only the build output, and a RUN that copies or moves what it built out of T to a folder outside every mount (\`cp\`, \`mv\`, \`install\`, \`rsync\`, \`tar\`).
4. Once the RUN copied T out to a folder X, later instructions read X. When a later instruction puts X back in T's place (\`mv target-release target\`, \`ln -s _vendor vendor\`, \`cp -a X T\`, \`COPY --from=stage X T\`), what follows it, and a \`COPY --from\` of that stage, reads the copy, not the cache; so does what follows a later RUN that installs into T again.

## ONBUILD RUN

An \`ONBUILD RUN --mount=type=cache,...\` trigger runs in every image built FROM this one, before any instruction of that image: BuildKit prepends the triggers to the child's instructions. Its environment is therefore certain: this image's final ENV, USER, WORKDIR and SHELL, with the accounts its stages created, and none of its ARGs. What the child does afterwards is not known, so:

- packages the trigger installs into the mount count as needed (the child is built to use them), unless the trigger copies them out of the mount; the finding is fixed like a RUN's, with the same checks (a user whose uid or HOME is not known, a cache location not known, a split target);
- a build output the trigger leaves in the mount is reported without a fix;
- a later ONBUILD RUN of the same stage that mounts the same cache to read them loses that mount in the fix.

## Package managers

<!-- package-managers -->

HOME comes from \`ENV HOME\`, else from the user: \`/root\` for root, the home of a user created by \`useradd\`/\`adduser\` earlier in the stage chain, or the home a known base image gives its users (\`node\` in the \`node\` image: \`/home/node\`, uid 1000, gid 1000).`,
};

const ID = 'cache-mount-install-target';

/** The start every message shares: what is lost, and why. */
const HEAD =
  '{{subject}} {{are}} discarded after this RUN: the cache mount on {{target}}{{covers}} is never committed to the image';
const NEEDED = `${HEAD}, and {{needs}}.`;

/** What each kind of finding says after what is lost and what needs it: the fix, or why there is none. */
const TAILS = {
  retarget: "Mount {{tool}}'s cache {{cache}} instead{{owner}}.{{notes}}",
  removeMount: '{{why}}{{notes}}',
  insideOtherMount:
    'Not fixed automatically: {{dest}} also lies inside the {{type}} mount on {{outer}}, so moving the cache mount would not keep {{them}}. Install outside the {{type}} mount.',
  lostBuildOutput: 'Not fixed automatically: copy the artifact to a folder outside the mount in this RUN.',
  sharedCacheReaders:
    'Not fixed automatically: {{readers}} {{them}} through the same cache (id {{id}}), and would lose {{them}}. Install {{them}} in a stage both build on instead.',
  guessedWorkdir:
    'Not fixed automatically: the working folder is a guess. Set WORKDIR {{cwd}} (or cd there) before this RUN, and the fix can be made.',
  cacheIsInstall: '{{trap}}',
  conditional: 'Not fixed automatically: {{condition}}.',
  cacheUnknown: 'Not fixed automatically: {{reason}}.',
  cacheNeedsQuoting:
    "Not fixed automatically: {{tool}}'s cache {{quoted}} holds {{chars}}, which a --mount option cannot carry. Point the cache at another folder.",
  cacheContainsTarget:
    "Not fixed automatically: {{tool}}'s cache {{cache}} contains this folder. Install somewhere else.",
  laterCacheReader:
    "Not fixed automatically: the RUN at line {{line}} reads {{tool}}'s packages straight from its cache {{cache}}, so mounting the cache here would hide them from it. Mount {{cache}} in both RUNs.",
  unknownUid:
    'Not fixed automatically: it runs as USER {{user}}, whose numeric uid is not known, and a cache mount for it needs uid=. Mount {{cache}} with uid=<uid>,gid=<gid>.',
  splitTarget: 'Not fixed automatically: the target value is split across lines. Mount {{cache}} instead.',
} as const;

type Kind = keyof typeof TAILS;

const MESSAGES: Record<Kind | 'onbuild', string> = {
  ...(Object.fromEntries(Object.entries(TAILS).map(([id, tail]) => [id, `${NEEDED} ${tail}`])) as Record<
    Kind,
    string
  >),
  lostBuildOutput: `${HEAD}, and this last stage keeps nothing of it. ${TAILS.lostBuildOutput}`,
  onbuild:
    '{{subject}} {{are}} discarded in every image built FROM this one: the cache mount of this ONBUILD RUN on {{target}}{{covers}} is never committed to that image. {{outcome}}',
};

export const cacheMountInstallTarget: Transform = {
  meta: {
    id: ID,
    summary:
      'A cache mount covers the folder a package manager installs into, so the image ships without what it installed.',
    default: 'on',
    fix: 'safe',
    severity: 'warning',
    needsShell: true,
    messages: MESSAGES,
    docs: DOCS,
  },
  applies: mayHaveUnknownCacheMount,
  create(context) {
    const knownCache = knownCacheTest(context.model.text);
    // ONBUILD RUN triggers are examined as the RUN they become in every image built FROM this one.
    for (const run of [...context.model.runs(), ...context.model.onbuildRuns()]) {
      // Mounts on well-known download caches are passed over: no tool installs there.
      const mounts = run.mounts.filter(
        (m) => m.type === 'cache' && !m.readOnly && m.target !== undefined && !knownCache(m.target),
      );
      for (const mount of mounts) {
        const hits = context.analysis.installsInto(run, mount.target as string);
        const guess = hits.length ? undefined : guessWorkingFolder(context, run, mount);
        const outcome = hits.length
          ? check(context, run, mount, hits)
          : guess && check(context, run, mount, guess.hits, guess.cwd);
        if (outcome) context.report({ ...outcome, start: mount.flag.start, end: mount.flag.end });
      }
    }
  },
};

export default cacheMountInstallTarget;

/**
 * A command whose working folder is not known (a base image the tool does not
 * know, `cd` to an unknown folder) may still install exactly into the mount:
 * the nearest folder above the target that, taken as its working folder, makes
 * the tool's destination the target itself (`/src` for `cargo build` under a
 * mount on `/src/target`). Such a finding is reported, never fixed.
 */
function guessWorkingFolder(
  { analysis, runs }: TransformContext,
  run: RunInstruction,
  mount: Mount,
): { cwd: string; hits: Hit[] } | undefined {
  const target = mount.target as string;
  const unknown = (runs.commands(run) ?? []).filter((c) => c.cwd === undefined);
  if (unknown.length === 0 || target === '/') return undefined;
  const tool = analysis.tools(run);
  for (let cwd = dirname(target); ; cwd = dirname(cwd)) {
    const hits: Hit[] = [];
    for (const cmd of unknown) {
      const inv = analysis.findInvocation({ ...cmd, cwd }, tool);
      const dest = inv?.destinations.find((d) => d.path === target);
      if (inv && dest) hits.push({ inv, dest });
    }
    if (hits.length) return { cwd, hits };
    if (cwd === '/') return undefined;
  }
}

/** What a finding on a mount says, and its fix. */
interface Outcome {
  messageId: string;
  data: Record<string, string | number>;
  fix?: TextEdit[];
}

/** A path as a `--mount` option carries it: as is, in double quotes, or not at all (undefined). */
function mountValue(path: string): string | undefined {
  if (PLAIN_PATH.test(path)) return path;
  return path.startsWith('/') && unquotable(path).length === 0 ? `"${path}"` : undefined;
}

/**
 * The characters of a path BuildKit cannot read intact from a `--mount`
 * value, even in double quotes: the Dockerfile parser drops the quotes, the
 * CSV reader of `--mount` splits at commas, and the expander of the value
 * reads `$`, quotes, the escape characters and `<<`; control characters too.
 */
function unquotable(path: string): string[] {
  return [...new Set([...path].filter((c) => '"\'\\`,$<'.includes(c) || c.charCodeAt(0) < 0x20))];
}

/** Those characters, for a message. */
function unquotableText(path: string): string {
  const chars = unquotable(path).map((c) => JSON.stringify(c));
  return chars.length === 1 ? `the character ${chars[0]}` : `the characters ${chars.join(' and ')}`;
}

/** The finding on a mount that covers these installs; undefined when nothing needs what they installed. */
function check(
  ctx: TransformContext,
  run: RunInstruction,
  mount: Mount,
  hits: Hit[],
  guessedCwd?: string,
): Outcome | undefined {
  const { analysis, model } = ctx;
  const target = mount.target as string;
  const hit = hits[0] as Hit;
  const tool = hit.inv.tool.name;
  const build = hit.dest.kind === 'build';
  const them = build ? 'it' : 'them';
  const what = guessedCwd
    ? `${hit.dest.what}, if the working folder, which this Dockerfile does not show, is ${guessedCwd}`
    : hit.dest.what;
  const label = hit.dest.path.endsWith(what) ? '' : ` (${what})`;
  const head = {
    subject: build
      ? `What ${tool} writes to ${hit.dest.path}${label}`
      : `Packages ${tool} ${hit.dest.kind === 'restore' ? 'restores' : 'installs'} into ${hit.dest.path}${label}`,
    are: build ? 'is' : 'are',
    them,
    target,
    covers: hit.dest.path === target ? '' : ', which covers that folder,',
    tool,
  };

  const found = run.onbuild ? onbuildNeed(ctx, run, mount, hit) : analysis.need(run, mount, hit);
  if (!found) return undefined;
  const need: Need = found;
  // Intentional: nothing reads it after this RUN.
  if (!run.onbuild && need.reasons.length === 0 && !need.lostBuildOutput) return undefined;
  const needs = need.lostBuildOutput
    ? 'this last stage keeps nothing of it'
    : describeNeeds(need.reasons, them);
  const report = (kind: Kind, data: Record<string, string | number> = {}, fix?: TextEdit[]): Outcome => {
    const all = { ...head, needs, ...data };
    if (!run.onbuild) return { messageId: kind, data: all, fix };
    return {
      messageId: 'onbuild',
      data: { ...all, outcome: formatMessage(TAILS[kind], all, `${ID}/${kind}`) },
      fix,
    };
  };

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
    // The outer cache mount gets its own finding; once it is fixed, the next pass judges this one.
    if (enclosing.type === 'cache') return undefined;
    return report('insideOtherMount', {
      dest: hit.dest.path,
      type: enclosing.type,
      outer: enclosing.target as string,
    });
  }
  if (need.lostBuildOutput) return report('lostBuildOutput');
  if (hit.dest.condition) return report('conditional', { condition: hit.dest.condition });
  if (need.sharedReaders.length) {
    const lines = need.sharedReaders.map((r) => analysis.lineOf(r));
    const readers =
      lines.length > 1
        ? `the RUNs at ${linesText(lines)} in other stages read`
        : `the RUN at ${linesText(lines)} in another stage reads`;
    return report('sharedCacheReaders', { readers, id: cacheId(mount) ?? '' });
  }
  if (guessedCwd) return report('guessedWorkdir', { cwd: guessedCwd });

  const text = model.text;
  // A cache is mounted by a mount on it or above it, or on the sub-folder its tool keeps its contents in (`store/v10`).
  const coveredBy = (c: { path: string; versions?: RegExp }) =>
    run.mounts.find(
      (m) =>
        m !== mount &&
        m.type === 'cache' &&
        m.target !== undefined &&
        (isWithin(c.path, m.target) ||
          (c.versions !== undefined && dirname(m.target) === c.path && c.versions.test(basename(m.target)))),
    );
  const edits: TextEdit[] = [];
  const notes: string[] = [];
  // A cache that an install of this RUN puts its packages in (`dotnet restore --packages DIR`) cannot be mounted instead.
  const installed = analysis.invocations(run).flatMap((i) => i.destinations.map((d) => d.path));
  const caches = hit.inv.caches.filter(
    (c) => !('path' in c && installed.some((p) => relatePaths(p, c.path) === 'same')),
  );
  if (caches.length === 0 && hit.inv.caches.length > 0) {
    const c = hit.inv.caches[0] as { path: string };
    return report('cacheContainsTarget', { cache: mountValue(c.path) ?? JSON.stringify(c.path) });
  }
  const cache = caches[0] as CacheDir | undefined;
  if (cache === undefined) {
    // Nothing worth caching (a bundler's output folder): the mount only hides the result.
    edits.push(removeMount(text, mount, model.escape));
    return fixed('removeMount', {
      why: `${tool} keeps no download cache to mount instead, so this mount is removed.`,
    });
  }
  if ('trap' in cache) return report('cacheIsInstall', { trap: cache.trap });
  if ('unknown' in cache) return report('cacheUnknown', { reason: cache.unknown });
  const cachePath = cache.path;
  if (!isAbsolute(cachePath))
    return report('cacheUnknown', { reason: `${tool}'s cache folder is not an absolute path` });
  const value = mountValue(cachePath);
  // In messages the cache is named as a mount option would carry it.
  const shown = value ?? cachePath;
  if (value === undefined)
    return report('cacheNeedsQuoting', {
      quoted: JSON.stringify(cachePath),
      chars: unquotableText(cachePath),
    });
  const relation = relatePaths(cachePath, target);
  if (relation === 'same' || relation === 'ancestor') return report('cacheContainsTarget', { cache: shown });
  const reader = run.onbuild ? undefined : analysis.laterCacheReader(run, hit, cachePath);
  if (reader) return report('laterCacheReader', { cache: shown, line: analysis.lineOf(reader) });
  const user = analysis.userOf(run, hit.inv.command);
  const ids = ownerFields(mount, user);
  if (ids === undefined) return report('unknownUid', { user: user.spec, cache: shown });
  const existing = coveredBy(cache);
  if (existing) {
    edits.push(removeMount(text, mount, model.escape));
    const by = existing.target === cachePath ? '' : ` (by the mount on ${existing.target})`;
    return fixed('removeMount', {
      why: `${tool}'s cache ${shown} is already mounted in this RUN${by}, so this mount is removed.`,
    });
  }
  const field = mount.targetField;
  if (!field?.editable) return report('splitTarget', { cache: shown });
  edits.push(...retarget(mount, field, inQuotes(mount, field.valueStart) ? cachePath : value));
  const idNote = idEdit(ctx, run, mount, need, edits, cachePath);
  if (idNote) notes.push(idNote);
  // A new mount has no options yet: it gets the user's ids, or those the broken mount was given.
  const newMountIds = user.root
    ? ''
    : (ownerFields({ uid: undefined, gid: undefined }, user) ?? copiedOwner(mount));
  // The tool's other caches, and the caches of other tools whose installs the old target covered, get mounts of their own.
  const more: Array<[string, CacheDir]> = [
    ...caches.slice(1).map((c): [string, CacheDir] => [tool, c]),
    ...hits.slice(1).flatMap((h) => h.inv.caches.map((c): [string, CacheDir] => [h.inv.tool.name, c])),
  ];
  const added = new Set([cachePath]);
  const own = new Map<string, string[]>();
  let newMounts = '';
  for (const [owner, c] of more) {
    if (!('path' in c) || added.has(c.path) || !isAbsolute(c.path) || coveredBy(c)) continue;
    if (installed.some((p) => relatePaths(p, c.path) === 'same')) continue;
    const v = mountValue(c.path);
    if (v === undefined || isWithin(c.path, target) || isWithin(target, c.path)) continue;
    added.add(c.path);
    newMounts += ` --mount=type=cache,target=${v}${newMountIds}`;
    own.set(owner, [...(own.get(owner) ?? []), v]);
  }
  if (own.size) {
    const items = [...own].map(
      ([owner, paths]) => `${owner}'s cache${paths.length > 1 ? 's' : ''} ${and(paths)}`,
    );
    const many = own.size > 1 || added.size > 2;
    notes.push(`${and(items)} ${many ? 'get mounts of their' : 'gets a mount of its'} own.`);
  }
  // The mount's new ids go after its last option, new mounts after the flag: one edit when that is one place.
  if (mount.appendAt === mount.flag.end) {
    if (ids + newMounts) edits.push(appendFields(mount, ids + newMounts));
  } else {
    if (ids) edits.push(appendFields(mount, ids));
    if (newMounts) edits.push({ start: mount.flag.end, end: mount.flag.end, text: newMounts });
  }
  return fixed('retarget', { cache: shown, owner: ids ? ` (owned by uid ${user.uid})` : '' });

  /** Reports the fix, with the edits and notes every repair shares: later remounts and a defeated cache. */
  function fixed(kind: Kind, data: Record<string, string | number>): Outcome {
    for (const r of need.remounts) edits.push(removeMount(text, r.mount, model.escape));
    if (need.remounts.length) {
      const many = need.remounts.length > 1;
      const lines = linesText(need.remounts.map((r) => analysis.lineOf(r.run)));
      const keyword = run.onbuild ? 'ONBUILD RUN' : 'RUN';
      notes.push(
        many
          ? `The later ${keyword}s at ${lines} lose their mount of ${target}, so they see the committed folder.`
          : `The later ${keyword} at ${lines} loses its mount of ${target}, so it sees the committed folder.`,
      );
    }
    if (hit.inv.defeatedBy && cache && 'path' in cache) {
      notes.push(
        `${hit.inv.defeatedBy} turns ${tool}'s cache off, so mounting ${mountValue(cache.path) ?? cache.path} only speeds up builds once that goes.`,
      );
    }
    return report(kind, { ...data, notes: notes.map((n) => ` ${n}`).join('') }, edits);
  }
}

/** "a", "a and b", "a, b and c". */
function and(items: readonly string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`
    : (items[0] ?? '');
}

/** The value at a document offset lies inside quotes of its `--mount` word. */
function inQuotes(mount: Mount, offset: number): boolean {
  return mount.flag.quotes.some((q) => q.openAt < offset && offset <= q.closeAt);
}

/**
 * What an ONBUILD RUN trigger's install is needed by. The trigger runs in
 * every image built FROM this one, which this Dockerfile does not show: the
 * packages it installs are what that image is built for, so they count as
 * needed unless the trigger copies them out of the mount; a build output the
 * trigger leaves in the mount is lost. Later triggers of the stage that
 * mount the same cache to read them lose that mount in the fix.
 */
function onbuildNeed(
  { analysis, model }: TransformContext,
  run: RunInstruction,
  mount: Mount,
  hit: Hit,
): Need | undefined {
  const target = mount.target as string;
  if (analysis.copiedOut(run, target, hit.inv.command)) return undefined;
  const remounts: Need['remounts'] = [];
  let read = false;
  const reader = hit.inv.tool.readsCache;
  for (const later of model.onbuildRuns()) {
    if (later.stage !== run.stage || later.index <= run.index) continue;
    const again = later.mounts.find(
      (m) => m.type === 'cache' && m.target === target && cacheId(m) === cacheId(mount),
    );
    const reads = analysis.reads(later, target, hit.dest.kind, reader);
    if (again && reads) remounts.push({ run: later, mount: again });
    read ||= reads;
  }
  // Restored packages serve only the tool's later commands: a later trigger must read them.
  if (hit.dest.kind === 'restore' && !read) return undefined;
  return { reasons: [], remounts, lostBuildOutput: hit.dest.kind === 'build', sharedReaders: [] };
}

/**
 * An explicit id that another RUN mounts on a folder other than the tool's
 * cache (the old folder or any other) must not now name the tool's cache: the
 * two would share one BuildKit cache. It is dropped.
 */
function idEdit(
  { model, analysis }: TransformContext,
  run: RunInstruction,
  mount: Mount,
  need: Need,
  edits: TextEdit[],
  cachePath: string,
): string | undefined {
  const field = mount.idField;
  if (!field || mount.id === undefined) return undefined;
  const removed = new Set(need.remounts.map((r) => r.mount));
  for (const r of [...model.runs(), ...model.onbuildRuns()]) {
    if (r === run) continue;
    const m = r.mounts.find(
      (x) => x.type === 'cache' && !removed.has(x) && cacheId(x) === mount.id && x.target !== cachePath,
    );
    if (!m) continue;
    edits.push(removeField(field));
    return `Its id=${mount.id} is dropped, because the ${r.onbuild ? 'ONBUILD RUN' : 'RUN'} at line ${analysis.lineOf(r)} still mounts ${m.target ?? 'a folder'} under that id.`;
  }
  return undefined;
}

/**
 * Can the text hold a cache mount this transform looks at? A cache mount
 * needs a `--mount` flag with `type=cache`; mounts that all target well-known
 * download caches (as literal paths) are passed over, so such files are never
 * parsed for it.
 */
function mayHaveUnknownCacheMount(text: string): boolean {
  return mayHaveCacheMount(text) && !onlyKnownCacheMounts(text);
}
