/**
 * Poetry: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const poetry: PackageManager = {
  id: 'poetry',
  name: 'Poetry',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
