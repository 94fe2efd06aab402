/**
 * Vite: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const vite: PackageManager = {
  id: 'vite',
  name: 'Vite',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
