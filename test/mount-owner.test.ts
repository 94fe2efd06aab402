/**
 * The analysis helpers of the sharing and owner transforms: how a target
 * relates to the package managers' locking folders, the `sharing`/`mode`
 * options as BuildKit reads them, and who may write a cache mount.
 */
import { LOCKING_FOLDERS, LOCKING_WORDS, lockingRelation } from '../src/analysis/locking.js';
import { cacheMountMode, mountOption } from '../src/analysis/mount-options.js';
import { canWrite, describeOwner, mountOwner, reownedBefore } from '../src/analysis/owner.js';
import { RunReader } from '../src/model/commands.js';
import { DockerfileModel, type Mount, type RunInstruction } from '../src/model/dockerfile.js';
import { PACKAGE_MANAGERS } from '../src/package-managers/index.js';
import { loadShellParser } from '../src/shell/loader.js';
import { ShellReader } from '../src/shell/reader.js';

/** The first mount of the last RUN of a Dockerfile. */
function lastMount(text: string): { run: RunInstruction; mount: Mount } {
  const model = new DockerfileModel(text);
  const run = model.runs().at(-1) ?? model.onbuildRuns().at(-1);
  const mount = run?.mounts[0];
  if (!run || !mount) throw new Error('no RUN with a mount');
  return { run, mount };
}

describe('locking folders', () => {
  test('are the locking facts of every package manager', () => {
    const facts = PACKAGE_MANAGERS.flatMap((pm) => pm.facts.locking.map((f) => `${pm.id} ${f.path}`));
    expect(LOCKING_FOLDERS.map((f) => `${f.pm.id} ${f.fact.path}`)).toEqual(facts);
    expect(facts).toEqual([
      'apt /var/cache/apt',
      'apt /var/cache/apt/archives',
      'apt /var/lib/apt',
      'apt /var/lib/apt/lists',
    ]);
  });

  const paths = (fs: ReadonlyArray<{ fact: { path: string } }>) => fs.map((f) => f.fact.path);
  const relation = (target: string) => {
    const r = lockingRelation(target);
    return r && { kind: r.kind, folders: paths(r.folders), locks: paths(r.locks) };
  };

  test('a locking folder itself: the locks are the innermost folders at or below it', () => {
    expect(relation('/var/cache/apt')).toEqual({
      kind: 'same',
      folders: ['/var/cache/apt'],
      locks: ['/var/cache/apt/archives'],
    });
    expect(relation('/var/lib/apt/lists')).toEqual({
      kind: 'same',
      folders: ['/var/lib/apt/lists'],
      locks: ['/var/lib/apt/lists'],
    });
  });

  test('a folder inside one: the innermost folder that holds it', () => {
    expect(relation('/var/cache/apt/archives/partial')).toEqual({
      kind: 'inside',
      folders: ['/var/cache/apt/archives'],
      locks: ['/var/cache/apt/archives'],
    });
    expect(relation('/var/lib/apt/periodic')).toEqual({
      kind: 'inside',
      folders: ['/var/lib/apt'],
      locks: ['/var/lib/apt'],
    });
  });

  test('a folder above some: the outermost ones below it, and where their locks are', () => {
    expect(relation('/var/cache')).toEqual({
      kind: 'contains',
      folders: ['/var/cache/apt'],
      locks: ['/var/cache/apt/archives'],
    });
    expect(relation('/var')).toEqual({
      kind: 'contains',
      folders: ['/var/cache/apt', '/var/lib/apt'],
      locks: ['/var/cache/apt/archives', '/var/lib/apt/lists'],
    });
    expect(relation('/')?.folders).toEqual(['/var/cache/apt', '/var/lib/apt']);
  });

  test('unrelated folders', () => {
    for (const t of [
      '/var/cache/apk',
      '/var/lib/dpkg',
      '/var/cache/aptly',
      '/root/.cache/pip',
      '/var/lib/apt2',
    ])
      expect([t, relation(t)]).toEqual([t, undefined]);
  });

  test('the screen words name the programs and the last segment of each folder', () => {
    expect([...LOCKING_WORDS].sort()).toEqual(['apt', 'apt-get', 'aptitude', 'archives', 'lists']);
  });
});

describe('mount options', () => {
  test('the last field wins, and a known variable is expanded', () => {
    const { run, mount } = lastMount(
      'FROM debian\nARG S=locked\nRUN --mount=type=cache,target=/var/cache/apt,sharing=shared,sharing=$S true\n',
    );
    expect(mountOption(run, mount, 'sharing')?.value).toBe('locked');
    expect(mountOption(run, mount, 'id')).toBeUndefined();
  });

  test('a variable without a known value', () => {
    const { run, mount } = lastMount(
      'FROM debian\nARG S\nRUN --mount=type=cache,target=/var/cache/apt,sharing=$S true\n',
    );
    const option = mountOption(run, mount, 'sharing');
    expect(option?.field.key).toBe('sharing');
    expect(option?.value).toBeUndefined();
  });

  test('mode is octal, 0755 by default; an unreadable mode is not known', () => {
    const mode = (m: string) =>
      cacheMountMode(
        ...(Object.values(lastMount(`FROM debian\nRUN --mount=type=cache,target=/c${m} true\n`)) as [
          RunInstruction,
          Mount,
        ]),
      );
    expect(mode('')).toBe(0o755);
    expect(mode(',mode=0777')).toBe(0o777);
    expect(mode(',mode=775')).toBe(0o775);
    expect(mode(',mode=1777')).toBe(0o1777);
    expect(mode(',mode=0x1ff')).toBeUndefined();
    expect(mode(',mode=$M')).toBeUndefined();
  });
});

describe('who may write a cache mount', () => {
  const owner = (fields: string) => {
    const { run, mount } = lastMount(`FROM debian\nARG N\nRUN --mount=type=cache,target=/c${fields} true\n`);
    return mountOwner(run, mount);
  };
  const app = { uid: 1001, gid: 1001 };

  test("BuildKit's default: root, 0755", () => {
    const o = owner('');
    expect(o).toEqual({
      uid: 0,
      gid: 0,
      mode: 0o755,
      given: { uid: false, gid: false, mode: false },
    });
    expect(canWrite(o, app)).toBe(false);
    expect(canWrite(o, { uid: undefined, gid: undefined })).toBe(false);
    expect(describeOwner(o)).toBe("owned by root (uid 0) with mode 0755 (BuildKit's default)");
  });

  test('the owner writes when the mode lets it; another uid does not', () => {
    expect(canWrite(owner(',uid=1001'), app)).toBe(true);
    expect(canWrite(owner(',uid=1001,mode=0555'), app)).toBe(false);
    expect(canWrite(owner(',uid=1000,gid=1000'), app)).toBe(false);
    expect(describeOwner(owner(',uid=1000,gid=1000'))).toBe('owned by uid 1000 with mode 0755');
  });

  test('write access for others, or for the group with a matching gid', () => {
    expect(canWrite(owner(',mode=0777'), app)).toBe(true);
    expect(canWrite(owner(',mode=0776'), app)).toBe(false); // write without search
    expect(canWrite(owner(',gid=1001,mode=0775'), app)).toBe(true);
    expect(canWrite(owner(',gid=1000,mode=0775'), app)).toBe(false);
    expect(canWrite(owner(',mode=0775'), { uid: 1001, gid: 0 })).toBe(true);
  });

  test('what depends on a value not known is not known', () => {
    expect(canWrite(owner(',mode=$N'), app)).toBeUndefined();
    expect(canWrite(owner(',uid=$N'), app)).toBeUndefined();
    expect(canWrite(owner(',uid=1000'), { uid: undefined, gid: undefined })).toBeUndefined();
    expect(canWrite(owner(',mode=0775'), { uid: 1001, gid: undefined })).toBeUndefined();
    expect(canWrite(owner(',gid=$N,mode=0775'), app)).toBeUndefined();
  });
});

describe('a RUN that hands the folder over itself', () => {
  beforeAll(loadShellParser);

  /** The command that reowns /home/node/.npm before the RUN's npm command, as its argv text. */
  const reowned = (script: string, user = '') => {
    const model = new DockerfileModel(`FROM node:20\n${user}WORKDIR /home/node\nRUN ${script}\n`);
    const shell = new ShellReader();
    const runs = new RunReader(model, () => shell);
    const run = model.runs().at(-1) as RunInstruction;
    const cmds = runs.commands(run) ?? [];
    const npm = cmds.find((c) => c.name === 'npm');
    if (!npm) throw new Error('no npm command');
    const found = reownedBefore(cmds, (c) => runs.userOfCommand(run, c), '/home/node/.npm', npm);
    return found?.argv.map((w) => w.value).join(' ');
  };

  test('chown or chmod of the folder itself, as root, before the tool', () => {
    expect(reowned('chown node:node /home/node/.npm && su node -c "npm ci"')).toBe(
      'chown node:node /home/node/.npm',
    );
    expect(reowned('chmod 777 .npm && gosu node npm ci')).toBe('chmod 777 .npm');
    expect(reowned('/bin/chown -h node /home/node/.npm/ && gosu node npm ci')).toBe(
      '/bin/chown -h node /home/node/.npm/',
    );
  });

  test('a folder above it counts only with -R', () => {
    expect(reowned('chown -R node /home/node && gosu node npm ci')).toBe('chown -R node /home/node');
    expect(reowned('chown --recursive node /home && gosu node npm ci')).toBe('chown --recursive node /home');
    expect(reowned('chown node /home/node && gosu node npm ci')).toBeUndefined();
    expect(reowned('chmod -w /home/node && gosu node npm ci')).toBeUndefined();
  });

  test('not after the tool, not another folder, not as the user itself', () => {
    expect(reowned('gosu node npm ci && chown -R node /home/node/.npm && true')).toBeUndefined();
    expect(reowned('chown node /home/node/.cache && gosu node npm ci')).toBeUndefined();
    expect(reowned('chmod 777 /home/node/.npm && npm ci', 'USER node\n')).toBeUndefined();
  });
});
