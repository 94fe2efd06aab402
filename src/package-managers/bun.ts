/**
 * Bun: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const bun: PackageManager = {
  id: 'bun',
  name: 'Bun',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
