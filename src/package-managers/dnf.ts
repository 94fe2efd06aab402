/**
 * dnf: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const dnf: PackageManager = {
  id: 'dnf',
  name: 'dnf',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
