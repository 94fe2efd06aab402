/**
 * Cargo: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const cargo: PackageManager = {
  id: 'cargo',
  name: 'Cargo',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
