/**
 * Go: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const go: PackageManager = {
  id: 'go',
  name: 'Go',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
