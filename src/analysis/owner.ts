/**
 * Who may write a cache mount. BuildKit creates a cache mount's folder owned
 * by `uid`/`gid` (0 when not given) with the permission bits of `mode` (0755
 * when not given), and a process writes into a folder when the bits for it
 * (owner, group or others) include both write and search (`w` and `x`).
 */
import type { UserInfo } from '../model/commands.js';
import type { Mount, RunInstruction } from '../model/dockerfile.js';
import { absolute, commandBase } from '../package-managers/common.js';
import { isWithin } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { cacheMountMode, mountOption } from './mount-options.js';

/** A cache mount's owner and mode; a field is undefined when its value is not known statically. */
export interface MountOwner {
  uid: number | undefined;
  gid: number | undefined;
  mode: number | undefined;
  /** Whether the mount sets each of them itself. */
  given: { uid: boolean; gid: boolean; mode: boolean };
}

/** The owner and mode BuildKit gives a cache mount's folder. */
export function mountOwner(run: RunInstruction, mount: Mount): MountOwner {
  const id = (key: string): number | undefined => {
    const option = mountOption(run, mount, key);
    if (!option) return 0;
    return option.value !== undefined && /^\d+$/.test(option.value) ? Number(option.value) : undefined;
  };
  return {
    uid: id('uid'),
    gid: id('gid'),
    mode: cacheMountMode(run, mount),
    given: {
      uid: mountOption(run, mount, 'uid') !== undefined,
      gid: mountOption(run, mount, 'gid') !== undefined,
      mode: mountOption(run, mount, 'mode') !== undefined,
    },
  };
}

/** Write and search permission in a class of permission bits (shift 6: owner, 3: group, 0: others). */
const writeSearch = (mode: number, shift: number) => ((mode >> shift) & 0o3) === 0o3;

/**
 * Can a user create files in a folder with this owner and mode? `undefined`
 * when it depends on something not known: the mode, the folder's owner or
 * group, or the user's uid or gid where they decide it. The user is not root.
 */
export function canWrite(
  owner: Pick<MountOwner, 'uid' | 'gid' | 'mode'>,
  user: Pick<UserInfo, 'uid' | 'gid'>,
): boolean | undefined {
  const { mode } = owner;
  if (mode === undefined) return undefined;
  if (writeSearch(mode, 0)) return true;
  if (owner.uid === undefined) return undefined;
  // A user whose uid is not known is still not root: a folder owned by root is not its own.
  if (user.uid === undefined && owner.uid !== 0) return undefined;
  if (user.uid === owner.uid) return writeSearch(mode, 6);
  if (writeSearch(mode, 3)) {
    if (owner.gid === undefined || user.gid === undefined) return undefined;
    if (user.gid === owner.gid) return true;
  }
  return false;
}

/** How the mount's folder is owned, for a message: `owned by root (uid 0) with mode 0755 (BuildKit's default)`. */
export function describeOwner(owner: MountOwner): string {
  const who = owner.uid === 0 ? 'root (uid 0)' : `uid ${owner.uid ?? '?'}`;
  const mode = `0${(owner.mode ?? 0o755).toString(8).padStart(3, '0')}`;
  const defaults = !owner.given.uid && !owner.given.mode ? " (BuildKit's default)" : '';
  return `owned by ${who} with mode ${mode}${defaults}`;
}

/**
 * A command run as root before `before` that hands the folder `target` over
 * to others itself: `chown` or `chmod` of the folder, or of a folder above it
 * with `-R`/`--recursive`. The RUN then makes the mount writable on its own,
 * whatever BuildKit created it as.
 */
export function reownedBefore(
  commands: readonly SimpleCommand[],
  userOf: (cmd: SimpleCommand) => UserInfo,
  target: string,
  before: SimpleCommand,
): SimpleCommand | undefined {
  for (const cmd of commands) {
    if (cmd.index >= before.index) break;
    const name = commandBase(cmd.name);
    if ((name !== 'chown' && name !== 'chmod') || !userOf(cmd).root) continue;
    let recursive = false;
    const operands: Array<string | undefined> = [];
    for (const w of cmd.argv.slice(1)) {
      const v = w.value;
      if (v?.startsWith('--')) recursive ||= v === '--recursive';
      else if (v !== undefined && /^-[A-Za-z]+$/.test(v) && !(name === 'chmod' && /^-[rwxXst]+$/.test(v)))
        recursive ||= v.includes('R');
      else operands.push(v);
    }
    // The first operand is the owner (chown) or the mode (chmod); the others are the files.
    for (const p of operands.slice(1)) {
      const path = absolute(cmd, p);
      if (path === undefined) continue;
      if (path === target || (recursive && isWithin(target, path))) return cmd;
    }
  }
  return undefined;
}
