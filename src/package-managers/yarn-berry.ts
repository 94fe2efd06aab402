/**
 * Yarn Berry: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const yarnBerry: PackageManager = {
  id: 'yarn-berry',
  name: 'Yarn Berry',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
