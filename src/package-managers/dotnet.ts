/**
 * .NET: not written yet. Facts: knowledge/package-managers.md.
 */
import type { PackageManager } from './types.js';

export const dotnet: PackageManager = {
  id: 'dotnet',
  name: '.NET',
  docs: { commands: '', destinations: '', cache: '' },
  invocation: () => undefined,
};
