/**
 * Gradle: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const gradle: PackageManager = {
  id: 'gradle',
  name: 'Gradle',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
