/**
 * cache-mount-owner: a tool run as a non-root user writes its cache into a
 * cache mount that BuildKit creates owned by root with mode 0755, so the user
 * cannot write it. The fix gives the mount the user's `uid` and `gid`.
 */
import type { ToolCacheUse } from '../src/analysis/analysis.js';
import { fieldOf, replaceValue } from '../src/analysis/mounts.js';
import {
  canWrite,
  describeOwner,
  type MountOwner,
  mountOwner,
  reownedBefore,
} from '../src/analysis/owner.js';
import { mayHaveCacheMount } from '../src/analysis/screens.js';
import type { Transform, TransformContext, TransformDocs } from '../src/analysis/transform.js';
import type { TextEdit } from '../src/edits.js';
import type { UserInfo } from '../src/model/commands.js';
import type { Mount, RunInstruction } from '../src/model/dockerfile.js';
import { IMAGES } from '../src/model/images.js';
import { escapeRegExp, isWithin } from '../src/paths.js';
import type { SimpleCommand } from '../src/shell/reader.js';

const ID = 'cache-mount-owner';

const DOCS: TransformDocs = {
  whatItDoes: `Finds a \`RUN --mount=type=cache\` that a package manager writes its cache into as a user other than root, when the mount does not let that user write: it has no \`uid=\` of that user (or another one) and no \`mode=\` that opens it to the user. The fix adds \`uid=N,gid=M\` with the user's numeric ids, or replaces a wrong \`uid\`/\`gid\` value in place.

The user is the one the command runs as: the RUN's \`USER\` (or the base image's default user), or the user a wrapper in the RUN switches to (\`su app -c\`, \`sudo -u app\`, \`runuser -u app --\`, \`gosu app\`, \`su-exec app\`, \`setpriv --reuid\`). The cache folder is the one the tool uses for that user: under that user's HOME, or where a variable or flag puts it (\`npm_config_cache\`, \`PIP_CACHE_DIR\`, \`--cache-dir\`). A mount fires when that folder lies at or under its target, or when the mount lies inside that folder (\`~/.npm/_cacache\`).

The numeric ids come from \`USER 1001:1001\`, from a user or group created earlier in the stage or the stages it is built on (\`useradd -u\`, \`adduser -u\`, \`groupadd -g\`, \`addgroup -g\`), or from what the tool knows of the base image (\`node\` in the \`node\` image is 1000:1000).`,
  whyItMatters: `BuildKit creates a cache mount's folder owned by root, mode 0755, unless the mount says otherwise. A command that runs as another user cannot create anything in it:

\`\`\`
npm ERR! code EACCES
npm ERR! syscall mkdir
npm ERR! path /home/app/.npm/_cacache
\`\`\`

npm stops the build. pip warns that the cache folder "is not owned or is not writable by the current user", turns its cache off and downloads every package on every build; other tools do one or the other. Either way the mount does nothing useful until it belongs to the user.`,
  example: {
    before: `FROM node:20
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm npm ci
`,
    after: `FROM node:20
USER node
WORKDIR /home/node/app
COPY --chown=node package.json package-lock.json ./
RUN --mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000 npm ci
`,
  },
  fixSafety: `Safe: \`--write\` applies it, and a dry run shows it as a diff. The ids are the user's own, from the Dockerfile or the known base image; a \`uid\`/\`gid\` value the mount already has is replaced in place, and every other byte stays.

BuildKit makes a cache mount with \`uid\`, \`gid\` or \`mode\` from a folder created with them, and keeps it apart from the cache the same target had without them: the first build after the fix starts with an empty cache that belongs to the user, and the old root-owned one is left to BuildKit's garbage collection.

### Reported, not fixed

- The user's numeric uid is not known (\`USER app\` for a user created without \`-u\`, or by a base image the tool does not know), or its gid is not (\`useradd -u 1001 app\` without \`-g\`, \`USER 1001\`): the message names what is missing and what to write.
- Commands that run as different users write the same mount: one owner cannot serve both. Run them as one user, give each its own cache mount, or open the mount with \`mode=0777\`.
- The mount's \`mode\` does not let even its owner write (\`mode=0555\`).
- The \`uid\` or \`gid\` value to replace is split across lines.`,
  whenItDoesNotFire: `- The command runs as root (no \`USER\`, \`USER root\` or \`USER 0\`, \`sudo\` without \`-u\`).
- The mount already lets the user write: a \`uid=\` equal to the user's, or a \`mode=\` that gives others write access (\`mode=0777\`), or group write access with a \`gid=\` equal to the user's group.
- The tool never writes the mount: its cache for that user is elsewhere (a mount on \`/root/.npm\` for a command run as \`node\`). That mount is in the wrong place, which is another problem than its owner.
- The RUN turns the tool's cache off (\`pip install --no-cache-dir\`, \`PIP_NO_CACHE_DIR=1\`): the mount is not used at all.
- The mount covers what the tool installs (\`node_modules\`, site-packages): that is \`cache-mount-install-target\`'s finding, and its fix moves the mount.
- The RUN hands the folder over itself before the tool runs: a \`chown\` or \`chmod\` run as root on the mount's target, or \`-R\` on a folder above it (\`chown node /home/node/.npm && su node -c 'npm ci'\`).
- A value it needs is not known: the mount's \`uid\`, \`gid\` or \`mode\` is a variable without a known value, or a \`uid=\` is set and the user's uid is not known.
- The mount is read-only, or its target is not known, or it starts from another stage's folder (\`from=\`), whose owner is that folder's.
- The RUN's shell is not a POSIX shell, so its commands cannot be read.`,
};

const HEAD =
  '{{tool}} runs as {{user}} and writes its cache {{cache}} into the cache mount on {{target}}, which is {{owned}}: {{user}} cannot write there, so {{consequence}}';

/** What a tool does when it cannot write its cache folder; others are described in general terms. */
const CONSEQUENCES: Readonly<Record<string, string>> = {
  npm: 'npm stops the build with EACCES',
  pip: 'pip warns that the folder is not writable, turns its cache off and downloads every package again on every build',
};
const consequence = (pm: ToolCacheUse['pm']) =>
  CONSEQUENCES[pm.id] ??
  `${pm.facts.name} either fails there or runs without its cache and downloads again on every build`;

export const cacheMountOwner: Transform = {
  meta: {
    id: ID,
    summary:
      'A non-root user writes its cache into a cache mount owned by root, so the build fails or caches nothing.',
    default: 'on',
    fix: 'safe',
    severity: 'warning',
    needsShell: true,
    messages: {
      addOwner: `${HEAD}. The mount gets uid={{uid}},gid={{gid}}.`,
      unknownUid: `${HEAD}. Not fixed automatically: the uid of {{user}} is not known (create the user with useradd -u, or write USER uid:gid). Add uid=<uid of {{user}}>,gid=<its group's gid> to the mount.`,
      unknownGid: `${HEAD}. Not fixed automatically: the gid of {{user}}'s group is not known (create the group with groupadd -g, or write USER {{uid}}:<gid>). Add uid={{uid}},gid=<gid> to the mount.`,
      severalUsers:
        '{{writers}} write into the cache mount on {{target}}, which is {{owned}}: one owner cannot serve them all, so the others fail to write there. Not fixed automatically: run them as one user, give each its own cache mount, or add mode=0777.',
      modeDenies: `${HEAD}. Not fixed automatically: its mode={{mode}} does not let even its owner write. Set uid={{uid}},gid={{gid}} and mode=0755.`,
      splitValue: `${HEAD}. Not fixed automatically: its {{key}} value is split across lines. Write uid={{uid}},gid={{gid}}.`,
    },
    docs: DOCS,
  },
  applies: mayHaveUserCacheMount,
  create(context) {
    const { model } = context;
    for (const run of [...model.runs(), ...model.onbuildRuns()]) checkRun(context, run);
  },
};

export default cacheMountOwner;

/** A non-root command that writes a mount, with the cache folder it writes there. */
interface Writer {
  use: ToolCacheUse;
  user: UserInfo;
  cache: string;
}

function checkRun(context: TransformContext, run: RunInstruction): void {
  const { analysis } = context;
  // A cache mount `from=` another stage starts from that folder, owned as it is there: not known here.
  const mounts = run.mounts.filter(
    (m) => m.type === 'cache' && !m.readOnly && m.target !== undefined && !fieldOf(m, 'from'),
  );
  if (mounts.length === 0) return;
  const writers = new Map<Mount, Writer[]>();
  for (const use of analysis.cacheUses(run)) {
    if (use.use.defeatedBy) continue;
    const user = analysis.userOf(run, use.cmd);
    if (user.root) continue;
    for (const { dir } of use.use.named) {
      if (!('path' in dir)) continue;
      // The innermost mount that holds the cache folder, and any mount inside it: the tool writes them all.
      const written = new Set<Mount>();
      const covering = analysis.cacheMountCovering(run, dir.path);
      if (covering && mounts.includes(covering)) written.add(covering);
      for (const m of mounts) if (isWithin(m.target as string, dir.path)) written.add(m);
      for (const m of written) {
        const list = writers.get(m) ?? [];
        list.push({ use, user, cache: dir.path });
        writers.set(m, list);
      }
    }
  }
  const commands = context.runs.commands(run) ?? [];
  const userOf = (cmd: SimpleCommand) => analysis.userOf(run, cmd);
  for (const [mount, list] of writers) {
    // A mount over what a tool installs is cache-mount-install-target's: its fix moves the mount.
    if (analysis.installsInto(run, mount.target as string).length) continue;
    // The RUN hands the folder over itself (`chown node /home/node/.npm && su node -c 'npm ci'`).
    const first = list.reduce((a, b) => (b.use.cmd.index < a.use.cmd.index ? b : a));
    if (reownedBefore(commands, userOf, mount.target as string, first.use.cmd)) continue;
    const outcome = check(run, mount, list);
    if (outcome) context.report({ ...outcome, start: mount.flag.start, end: mount.flag.end });
  }
}

/** Two users are one when their uids are known and equal, or they are written alike. */
const userKey = (u: UserInfo) => (u.uid !== undefined ? `uid ${u.uid}` : `user ${u.spec}`);

function check(
  run: RunInstruction,
  mount: Mount,
  writers: Writer[],
): { messageId: string; data: Record<string, string | number>; fix?: TextEdit[] } | undefined {
  const owner = mountOwner(run, mount);
  const byUser = new Map<string, Writer>();
  for (const w of writers) if (!byUser.has(userKey(w.user))) byUser.set(userKey(w.user), w);
  const distinct = [...byUser.values()];
  const denied = distinct.filter((w) => canWrite(owner, w.user) === false);
  if (denied.length === 0) return undefined;
  const target = mount.target as string;
  const owned = describeOwner(owner);
  if (distinct.length > 1) {
    const writersText = distinct.map((w) => `${w.use.pm.facts.name} as ${w.user.spec}`);
    const last = writersText.pop();
    return {
      messageId: 'severalUsers',
      data: { writers: `${writersText.join(', ')} and ${last}`, target, owned },
    };
  }
  const w = denied[0] as Writer;
  const { user } = w;
  const head = {
    tool: w.use.pm.facts.name,
    user: user.spec,
    cache: w.cache,
    target,
    owned,
    consequence: consequence(w.use.pm),
  };
  if (user.uid === undefined) return { messageId: 'unknownUid', data: head };
  const gid = user.gid ?? (owner.given.gid ? owner.gid : undefined);
  if (gid === undefined) return { messageId: 'unknownGid', data: { ...head, uid: user.uid } };
  const ids = { ...head, uid: user.uid, gid };
  if (!canWriteOwned(owner, user.uid, gid)) {
    const mode = fieldOf(mount, 'mode')?.value ?? '';
    return { messageId: 'modeDenies', data: { ...ids, mode } };
  }
  const edits: TextEdit[] = [];
  let appended = '';
  for (const [key, value, current] of [
    ['uid', user.uid, owner.given.uid ? owner.uid : undefined],
    ['gid', gid, owner.given.gid ? owner.gid : undefined],
  ] as const) {
    const field = fieldOf(mount, key);
    if (!field) {
      appended += `,${key}=${value}`;
      continue;
    }
    if (current === value) continue;
    if (!field.editable) return { messageId: 'splitValue', data: { ...ids, key } };
    edits.push(replaceValue(field, String(value)));
  }
  if (appended) edits.push({ start: mount.appendAt, end: mount.appendAt, text: appended });
  return { messageId: 'addOwner', data: ids, fix: edits };
}

/** Whether the owner of the folder, once it is this uid and gid, may write it (the mode allows its owner to). */
function canWriteOwned(owner: MountOwner, uid: number, gid: number): boolean {
  return canWrite({ uid, gid, mode: owner.mode }, { uid, gid }) === true;
}

/** Programs that run a command as another user (src/shell/wrappers.ts). */
const SWITCHERS = ['su', 'sudo', 'runuser', 'gosu', 'su-exec', 'setpriv', 'chroot'];
/** Images whose default user is not root (src/model/images.ts). */
const USER_IMAGES = IMAGES.filter((i) => i.user !== undefined).flatMap((i) => i.names);
const NON_ROOT = new RegExp(
  [
    // A USER instruction (ONBUILD ones too) that does not name root.
    '^[ \\t]*(?:onbuild[ \\t]+)?user[ \\t]+(?!(?:root|0)(?::\\S*)?[ \\t]*$)',
    `(?:^|[\\s;&|(\`'"/])(?:${SWITCHERS.map(escapeRegExp).join('|')})(?=$|[\\s;&|)\`'"])`,
    ...USER_IMAGES.map(escapeRegExp),
  ].join('|'),
  'im',
);

/**
 * Can the text hold a cache mount written by a non-root user? A cache mount,
 * and a USER that does not name root, a program that switches user, or an
 * image whose default user is not root.
 */
function mayHaveUserCacheMount(text: string): boolean {
  return mayHaveCacheMount(text) && NON_ROOT.test(text);
}
