/**
 * PDM: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const pdm: PackageManager = {
  id: 'pdm',
  name: 'PDM',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
