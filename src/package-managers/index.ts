/** The package managers the transforms know, in the order they are asked. */
import { npm } from './npm.js';
import { pip } from './pip.js';
import { pnpm } from './pnpm.js';
import type { Invocation, PackageManager, ToolContext } from './types.js';
import { yarn } from './yarn.js';

export const PACKAGE_MANAGERS: readonly PackageManager[] = [pip, npm, yarn, pnpm];

export function findInvocation(
  cmd: Parameters<PackageManager['invocation']>[0],
  ctx: ToolContext,
): Invocation | undefined {
  for (const pm of PACKAGE_MANAGERS) {
    const inv = pm.invocation(cmd, ctx);
    if (inv) return inv;
  }
  return undefined;
}

export type * from './types.js';
