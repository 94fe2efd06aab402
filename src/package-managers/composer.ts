/**
 * Composer: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const composer: PackageManager = {
  id: 'composer',
  name: 'Composer',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
