/**
 * apk: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const apk: PackageManager = {
  id: 'apk',
  name: 'apk',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
