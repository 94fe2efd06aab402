/**
 * Deno: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const deno: PackageManager = {
  id: 'deno',
  name: 'Deno',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
