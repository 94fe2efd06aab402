/**
 * The folders in which a package manager takes exclusive locks (apt's
 * `/var/cache/apt` and `/var/lib/apt`), gathered from the `locking` facts of
 * every package-manager module, and how a cache mount's target relates to
 * them. A cache mount on such a folder that two builds share at once makes
 * one of them fail to take the lock.
 */
import type { LockingFact } from '../package-managers/facts.js';
import { PACKAGE_MANAGERS } from '../package-managers/index.js';
import type { PackageManager } from '../package-managers/types.js';
import { basename, isWithin, relatePaths } from '../paths.js';

/** One locking fact and the tool it belongs to. */
export interface LockingFolder {
  pm: PackageManager;
  fact: LockingFact;
}

/** Every locking fact of every package manager, in the modules' order. */
export const LOCKING_FOLDERS: readonly LockingFolder[] = PACKAGE_MANAGERS.flatMap((pm) =>
  pm.facts.locking.map((fact) => ({ pm, fact })),
);

/** How a cache mount's target relates to the locking folders. */
export interface LockingRelation {
  /** `same`: the target is a locking folder; `inside`: it lies inside one; `contains`: it is a folder above some. */
  kind: 'same' | 'inside' | 'contains';
  /** The folders in question: the target itself; the innermost one that holds it; the outermost ones below it. */
  folders: LockingFolder[];
  /**
   * Where the locks are taken: the innermost locking folders at or below the
   * target (`/var/cache/apt/archives` for `/var/cache/apt`), or, for a target
   * inside a locking folder, that folder.
   */
  locks: LockingFolder[];
}

export function lockingRelation(
  target: string,
  folders: readonly LockingFolder[] = LOCKING_FOLDERS,
): LockingRelation | undefined {
  let own: LockingFolder | undefined;
  let holder: LockingFolder | undefined;
  const covered: LockingFolder[] = [];
  for (const f of folders) {
    const r = relatePaths(target, f.fact.path);
    if (r === 'same') own ??= f;
    if (r === 'same' || r === 'ancestor') covered.push(f);
    if (r === 'inside' && (!holder || holder.fact.path.length < f.fact.path.length)) holder = f;
  }
  const strictlyInside = (f: LockingFolder, g: LockingFolder) =>
    f.fact.path !== g.fact.path && isWithin(f.fact.path, g.fact.path);
  const locks = covered.filter((f) => !covered.some((g) => strictlyInside(g, f)));
  if (own) return { kind: 'same', folders: [own], locks };
  if (holder) return { kind: 'inside', folders: [holder], locks: [holder] };
  const outermost = covered.filter((f) => !covered.some((g) => strictlyInside(f, g)));
  return outermost.length ? { kind: 'contains', folders: outermost, locks } : undefined;
}

/**
 * Words whose absence from a Dockerfile's text rules out every finding on a
 * locking folder: the programs of the tools that lock, and the last segment
 * of each locking folder (a target at or inside one names it, even through a
 * variable's value).
 */
export const LOCKING_WORDS: readonly string[] = [
  ...new Set(LOCKING_FOLDERS.flatMap(({ pm, fact }) => [...pm.facts.programs, basename(fact.path)])),
];
