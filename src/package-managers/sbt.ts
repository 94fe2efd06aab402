/**
 * sbt: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const sbt: PackageManager = {
  id: 'sbt',
  name: 'sbt',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
