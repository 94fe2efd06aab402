/**
 * uv: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const uv: PackageManager = {
  id: 'uv',
  name: 'uv',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
