/**
 * Maven: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const maven: PackageManager = {
  id: 'maven',
  name: 'Maven',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
