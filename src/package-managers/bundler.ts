/**
 * Bundler: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const bundler: PackageManager = {
  id: 'bundler',
  name: 'Bundler',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
