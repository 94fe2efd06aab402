/**
 * conda: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const conda: PackageManager = {
  id: 'conda',
  name: 'conda',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
