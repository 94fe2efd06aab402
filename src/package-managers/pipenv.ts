/**
 * Pipenv: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const pipenv: PackageManager = {
  id: 'pipenv',
  name: 'Pipenv',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
