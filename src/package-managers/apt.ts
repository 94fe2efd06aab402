/**
 * apt: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const apt: PackageManager = {
  id: 'apt',
  name: 'apt',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
