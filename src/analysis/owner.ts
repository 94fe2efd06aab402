/**
 * Who may write a cache mount. BuildKit creates a cache mount's folder owned
 * by `uid`/`gid` (0 when not given) with the permission bits of `mode` (0755
 * when not given), and a process writes into a folder when the bits for it
 * (owner, group or others) include both write and search (`w` and `x`).
 */
import type { UserInfo } from '../model/commands.js';
import type { Mount, RunInstruction } from '../model/dockerfile.js';
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
