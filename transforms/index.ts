/**
 * The transform registry: every transform, in the order they run, and how a
 * run's set is chosen from the defaults, a configuration file and the command
 * line.
 */
import type { Transform } from '../src/analysis/transform.js';
import { addCacheMounts } from './add-cache-mounts.js';
import { cacheMountDefeated } from './cache-mount-defeated.js';
import { cacheMountInstallTarget } from './cache-mount-install-target.js';
import { cacheMountOwner } from './cache-mount-owner.js';
import { cacheMountSharing } from './cache-mount-sharing.js';
import { cacheMountWrongDir } from './cache-mount-wrong-dir.js';

export const TRANSFORMS: readonly Transform[] = [
  cacheMountInstallTarget,
  cacheMountWrongDir,
  cacheMountDefeated,
  cacheMountSharing,
  cacheMountOwner,
  addCacheMounts,
];

/** The recommended set: the transforms on by default. */
export const DEFAULT_TRANSFORMS: readonly Transform[] = TRANSFORMS.filter((t) => t.meta.default === 'on');

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.meta.id === id);
}

/** The ids a message lists when a name matches no transform. */
export const KNOWN_TRANSFORMS = `known: ${TRANSFORMS.map((t) => t.meta.id).join(', ')}`;

export class UnknownTransformError extends Error {
  constructor(readonly id: string) {
    super(`unknown transform '${id}' (${KNOWN_TRANSFORMS})`);
    this.name = 'UnknownTransformError';
  }
}

export interface Selection {
  /** Run only these (`--transform`); the configuration and the defaults are then ignored. */
  only?: readonly string[];
  /** Add these to the set (`--enable`), opt-in ones included. */
  enable?: readonly string[];
  /** Take these out of the set (`--disable`). */
  disable?: readonly string[];
  /** `on`/`off` per id from a configuration file; the defaults fill the rest. */
  config?: Readonly<Record<string, 'on' | 'off'>>;
}

function byId(id: string): Transform {
  const t = findTransform(id);
  if (!t) throw new UnknownTransformError(id);
  return t;
}

/**
 * The transforms a run uses, in registry order: `only` when given, else the
 * defaults as the configuration turns them on and off; then `enable` adds and
 * `disable` removes (the command line wins over the file). Unknown ids throw
 * UnknownTransformError.
 */
export function selectTransforms(selection: Selection = {}): Transform[] {
  const { only = [], enable = [], disable = [], config = {} } = selection;
  for (const id of [...only, ...enable, ...disable, ...Object.keys(config)]) byId(id);
  const chosen = new Set<Transform>(
    only.length ? only.map(byId) : TRANSFORMS.filter((t) => (config[t.meta.id] ?? t.meta.default) === 'on'),
  );
  for (const id of enable) chosen.add(byId(id));
  for (const id of disable) chosen.delete(byId(id));
  return TRANSFORMS.filter((t) => chosen.has(t));
}
