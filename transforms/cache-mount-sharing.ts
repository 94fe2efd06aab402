/**
 * cache-mount-sharing: a cache mount on a folder where a package manager takes
 * exclusive locks (apt's `/var/cache/apt` and `/var/lib/apt`) is shared
 * between builds that run at once, so one of them fails to take the lock. The
 * fix sets `sharing=locked` (or the option's value) on the mount.
 */
import {
  LOCKING_FOLDERS,
  LOCKING_WORDS,
  type LockingFolder,
  lockingRelation,
} from '../src/analysis/locking.js';
import { mountOption } from '../src/analysis/mount-options.js';
import { appendFields, replaceValue } from '../src/analysis/mounts.js';
import { mayHaveCacheMount } from '../src/analysis/screens.js';
import type { Transform, TransformDocs } from '../src/analysis/transform.js';
import type { RunInstruction } from '../src/model/dockerfile.js';
import { escapeRegExp, normalizePath } from '../src/paths.js';

const ID = 'cache-mount-sharing';

export type SharingOptions = {
  /** The sharing mode the fix sets: `locked` (builds wait for each other) or `private` (each gets its own cache). */
  sharing: 'locked' | 'private';
};

const DOCS: TransformDocs = {
  whatItDoes: `Finds a \`RUN --mount=type=cache\` on a folder where a package manager takes exclusive locks, with no \`sharing\` option or with \`sharing=shared\`, and sets \`sharing=locked\`.

The folders come from the package managers' facts (\`docs/package-managers.md\`, "Needs exclusive use"): apt's \`/var/cache/apt\` and \`/var/lib/apt\`, and the folders inside them where apt keeps its lock files, \`/var/cache/apt/archives\` and \`/var/lib/apt/lists\`. A mount inside one of them fires too, and so does a mount on a folder above one (\`/var/cache\`, \`/var/lib\`, \`/var\`) when the RUN runs the tool that locks (\`apt-get\`, \`apt\`, \`aptitude\`): that mount holds the lock folder as well.

It fires whatever else the RUN does: it needs no apt command in the RUN for the folders themselves (a mount on \`/var/cache/apt\` is for apt), and it does not read the RUN's commands as shell. \`ONBUILD RUN\` triggers are checked and fixed the same way.

The fix adds \`,sharing=locked\` after the mount's last option, or changes the value of \`sharing=shared\` in place; every other byte stays (the option names, their order and quoting, other mounts, line continuations, CRLF line endings).`,
  whyItMatters: `BuildKit shares a cache mount between every build that uses it at the same time unless told otherwise (\`sharing=shared\` is the default). apt takes an exclusive lock in these folders (\`/var/cache/apt/archives/lock\` while it downloads, \`/var/lib/apt/lists/lock\` while it updates the package lists) and fails at once when another process holds it:

\`\`\`
E: Could not get lock /var/lib/apt/lists/lock. It is held by process 0
E: Unable to lock directory /var/lib/apt/lists/
\`\`\`

So two builds that run at once on one builder (a CI matrix, \`docker buildx bake\`, two stages of one build that both install packages) fail at random. With \`sharing=locked\` the second build waits until the first has released the cache; Docker's own example of cache mounts for apt uses it ("Apt needs exclusive access to its data").`,
  example: {
    before: `FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt \\
    --mount=type=cache,target=/var/lib/apt,sharing=shared \\
    apt-get update && apt-get install -y --no-install-recommends gcc
`,
    after: `FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \\
    --mount=type=cache,target=/var/lib/apt,sharing=locked \\
    apt-get update && apt-get install -y --no-install-recommends gcc
`,
  },
  fixSafety: `Safe: \`--write\` applies it, and a dry run shows it as a diff. \`sharing=locked\` changes only what a build does while another build uses the same cache: it waits instead of failing or corrupting the cache. Builds that never overlap behave exactly as before.

With the option \`sharing: "private"\` the fix sets \`sharing=private\` instead: a build that finds the cache in use gets a new, empty cache of its own, so builds never wait, but the concurrent ones download again and keep what they fetched in caches of their own.

### Reported, not fixed

The value of \`sharing=shared\` is split across lines by a line continuation: the finding says what to write.`,
  whenItDoesNotFire: `- The mount already has \`sharing=locked\` or \`sharing=private\` (a private cache is never used by two builds at once, so it needs no lock), whatever the option says.
- The \`sharing\` value is a variable with no known value, or the target is one (\`target=$APT_CACHE\` with no default); a variable whose value is known is read like the literal.
- The mount is not \`type=cache\`, or is read-only.
- The target is a folder above a locking folder (\`/var/cache\`, \`/var\`) and the RUN does not name the tool that locks there (an \`apk\` RUN with a mount on \`/var/cache\` in an Alpine image): such a mount holds no lock folder of a tool the RUN uses.
- The tool's folders are moved elsewhere (\`apt-get -o Dir::State::Lists=/srv/lists\`, an apt.conf file): it reads the mount's target, not the RUN's commands, so a mount on a moved lock folder is not recognised.
- The target is unrelated to every locking folder (\`/var/cache/apk\`, \`/var/cache/dnf\`, \`/root/.cache/pip\`, \`/var/cache/apt-cacher-ng\`): no package manager's facts say that folder must be used by one process at a time.`,
  more: `## The locking folders

From the \`locking\` facts of the package-manager modules (their sources are in \`docs/package-managers.md\`):

${LOCKING_FOLDERS.map(({ pm, fact }) => `- \`${fact.path}\` (${pm.facts.name}): ${fact.why}.`).join('\n')}`,
};

export const cacheMountSharing: Transform<SharingOptions> = {
  meta: {
    id: ID,
    summary:
      "A cache mount on a folder a package manager locks (apt's) is shared between concurrent builds, which then fail to take the lock.",
    default: 'on',
    fix: 'safe',
    severity: 'warning',
    needsShell: false,
    messages: {
      addSharing:
        'The cache mount on {{target}}{{holds}} has no sharing option, so BuildKit shares it between builds that run at once: {{why}}, and a second build that uses this cache at the same time fails with "Could not get lock". Add sharing={{sharing}}.',
      replaceShared:
        'The cache mount on {{target}}{{holds}} has sharing={{current}}, so BuildKit shares it between builds that run at once: {{why}}, and a second build that uses this cache at the same time fails with "Could not get lock". Set sharing={{sharing}}.',
      splitValue:
        'The cache mount on {{target}}{{holds}} has sharing={{current}}, so BuildKit shares it between builds that run at once: {{why}}, and a second build that uses this cache at the same time fails with "Could not get lock". Not fixed automatically: the value is split across lines; write sharing={{sharing}}.',
    },
    options: {
      schema: {
        type: 'object',
        properties: {
          sharing: {
            enum: ['locked', 'private'],
            description:
              'The sharing mode the fix sets. `locked`: a build waits until no other build uses the cache. `private`: a build that finds the cache in use gets a new, empty one of its own and keeps what it downloads there.',
          },
        },
        additionalProperties: false,
      },
      defaults: { sharing: 'locked' },
    },
    docs: DOCS,
  },
  applies: mayHaveLockingMount,
  create(context) {
    const sharing = context.options.sharing;
    const { model } = context;
    for (const run of [...model.runs(), ...model.onbuildRuns()]) {
      for (const mount of run.mounts) {
        if (mount.type !== 'cache' || mount.readOnly || mount.target === undefined) continue;
        const locks = lockFolders(run, mount.target);
        if (!locks) continue;
        const option = mountOption(run, mount, 'sharing');
        const current = option?.value?.toLowerCase();
        if (option && current !== 'shared') continue; // locked, private, or a value not known
        const data = {
          target: mount.target,
          holds: locks.holds,
          why: locks.why,
          sharing,
          current: option?.field.value ?? '',
        };
        const at = { start: mount.flag.start, end: mount.flag.end };
        if (!option) {
          context.report({
            messageId: 'addSharing',
            data,
            ...at,
            fix: [appendFields(mount, `,sharing=${sharing}`)],
          });
        } else if (option.field.editable) {
          context.report({
            messageId: 'replaceShared',
            data,
            ...at,
            fix: [replaceValue(option.field, sharing)],
          });
        } else {
          context.report({ messageId: 'splitValue', data, ...at });
        }
      }
    }
  },
};

export default cacheMountSharing;

/**
 * The locking folders a cache mount on `target` holds, as message parts:
 * `holds` describes how the target relates to them, `why` says what locks
 * there. Undefined when the mount holds none (for a folder above one, none of
 * a tool the RUN names).
 */
function lockFolders(run: RunInstruction, target: string): { holds: string; why: string } | undefined {
  const relation = lockingRelation(target);
  if (!relation) return undefined;
  let { folders, locks } = relation;
  if (relation.kind === 'contains') {
    const body = runText(run);
    folders = folders.filter((f) => namesProgram(body, f));
    locks = locks.filter((f) => namesProgram(body, f));
  }
  const first = folders[0];
  if (!first) return undefined;
  const tool = first.pm.facts.name;
  const why = locks.map((f) => f.fact.why).join('; ');
  if (relation.kind === 'same') return { holds: '', why };
  if (relation.kind === 'inside') return { holds: `, inside ${tool}'s ${first.fact.path},`, why };
  const paths = folders.map((f) => f.fact.path);
  const list = paths.length > 1 ? `${paths.slice(0, -1).join(', ')} and ${paths.at(-1)}` : paths[0];
  return { holds: `, which holds ${tool}'s folder${paths.length > 1 ? 's' : ''} ${list},`, why };
}

/** The text of a RUN after its flags, heredoc bodies included. */
function runText(run: RunInstruction): string {
  return [run.command.text, ...run.heredocs.map((h) => h.content)].join('\n');
}

/** Whether the text names one of the tool's programs as a word (`apt-get`, `/usr/bin/apt`). */
function namesProgram(body: string, folder: LockingFolder): boolean {
  return folder.pm.facts.programs.some((p) =>
    new RegExp(`(?:^|[\\s;&|(\`'"/])${escapeRegExp(p)}(?=$|[\\s;&|)\`'"])`, 'm').test(body),
  );
}

/**
 * Can the text hold a cache mount on a locking folder without sharing=locked
 * or private? It names a locking folder or a tool that locks, and some
 * `--mount=` flag of `type=cache` has no `sharing=locked`/`private` as its
 * last sharing option and a target that is not a literal path unrelated to
 * every locking folder. A flag continued on the next line, or with a variable,
 * is always looked at.
 */
function mayHaveLockingMount(text: string): boolean {
  if (!mayHaveCacheMount(text) || !LOCKING_WORDS.some((w) => text.includes(w))) return false;
  for (const m of text.matchAll(/--mount=(\S*)/gi)) {
    const flag = m[1] ?? '';
    if (flag === '' || /[\\`]$/.test(flag) || flag.includes('$')) return true;
    if (!/type=["']?cache/i.test(flag)) continue;
    const sharing = [...flag.matchAll(/sharing=["']?(\w*)/gi)].at(-1)?.[1]?.toLowerCase();
    if (sharing === 'locked' || sharing === 'private') continue;
    const target = [...flag.matchAll(/(?:target|dst|destination)=["']?([^,"']*)/gi)].at(-1)?.[1];
    if (target?.startsWith('/') && !lockingRelation(normalizePath(target))) continue;
    return true;
  }
  return false;
}
