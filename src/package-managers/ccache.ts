/**
 * ccache: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const ccache: PackageManager = {
  id: 'ccache',
  name: 'ccache',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
