/**
 * RubyGems: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const gem: PackageManager = {
  id: 'gem',
  name: 'RubyGems',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
