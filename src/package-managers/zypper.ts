/**
 * zypper: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const zypper: PackageManager = {
  id: 'zypper',
  name: 'zypper',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
