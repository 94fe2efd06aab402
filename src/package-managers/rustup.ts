/**
 * rustup: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const rustup: PackageManager = {
  id: 'rustup',
  name: 'rustup',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
