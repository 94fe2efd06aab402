/** Every transform, in the order they run. */
import type { Transform } from '../src/transform.js';
import { cacheMountInstallTarget } from './cache-mount-install-target.js';

export const TRANSFORMS: readonly Transform[] = [cacheMountInstallTarget];

export function findTransform(id: string): Transform | undefined {
  return TRANSFORMS.find((t) => t.meta.id === id);
}

/** The ids a message lists when a name matches no transform. */
export const KNOWN_TRANSFORMS = `known: ${TRANSFORMS.map((t) => t.meta.id).join(', ')}`;
