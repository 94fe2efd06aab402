/**
 * Helpers for package-manager module tests: the invocations a module sees in
 * the last RUN of a Dockerfile, with the environment that RUN really has.
 */

import { createToolContext } from '../../src/analysis/tools.js';
import { RunReader } from '../../src/model/commands.js';
import { DockerfileModel } from '../../src/model/dockerfile.js';
import type {
  CacheDefeat,
  CacheUse,
  Invocation,
  PackageManager,
  ToolContext,
} from '../../src/package-managers/types.js';
import { loadShellParser } from '../../src/shell/loader.js';
import { ShellReader, type SimpleCommand } from '../../src/shell/reader.js';

let reader: ShellReader | undefined;

/** Call in beforeAll: loads the shell parser. */
export async function loadReader(): Promise<void> {
  await loadShellParser();
  reader = new ShellReader();
}

/** The commands of the last RUN of a Dockerfile, with the context a module sees them in. */
function lastRun(
  dockerfile: string,
  cacheDirs?: Record<string, string>,
): { cmds: SimpleCommand[]; ctx: ToolContext } {
  const model = new DockerfileModel(dockerfile);
  const shell = reader;
  if (!shell) throw new Error('call loadReader() in beforeAll');
  const runs = new RunReader(model, () => shell);
  const run = model.runs().at(-1);
  if (!run) throw new Error('no RUN');
  const ctx = createToolContext(model, runs, run, { cacheDirs });
  // A RUN the reader cannot read, or reads as empty, would make every "no invocation" case pass.
  const cmds = runs.commands(run);
  if (!cmds?.length) throw new Error(`the last RUN was not read as commands: ${run.command.text}`);
  return { cmds, ctx };
}

/** The invocations `pm` sees in the last RUN of a Dockerfile. */
export function invocations(
  pm: PackageManager,
  dockerfile: string,
  cacheDirs?: Record<string, string>,
): Invocation[] {
  const { cmds, ctx } = lastRun(dockerfile, cacheDirs);
  return cmds.flatMap((c) => pm.invocation(c, ctx) ?? []);
}

/** What each command of the last RUN does with `pm`'s cache (undefined where it does not touch it). */
export function cacheUses(pm: PackageManager, dockerfile: string): Array<CacheUse | undefined> {
  const { cmds, ctx } = lastRun(dockerfile);
  return cmds.map((c) => pm.cacheUse(c, ctx));
}

/** The single command of the last RUN that uses `pm`'s cache, and how; also checks that no other command does. */
export function use(pm: PackageManager, dockerfile: string): CacheUse | undefined {
  const found = cacheUses(pm, dockerfile).filter((u) => u !== undefined);
  if (found.length > 1) throw new Error(`expected at most one ${pm.id} cache use, got ${found.length}`);
  return found[0];
}

/** How the commands of the last RUN turn `pm`'s cache off or empty it (undefined where they do not). */
export function defeat(pm: PackageManager, dockerfile: string): CacheDefeat | undefined {
  const { cmds, ctx } = lastRun(dockerfile);
  const found = cmds.flatMap((c) => pm.cacheDefeat(c, ctx) ?? []);
  if (found.length > 1) throw new Error(`expected at most one ${pm.id} cache defeat, got ${found.length}`);
  return found[0];
}

/** For every install in the last RUN: the caches and defeat `invocation()` gives, and those `cacheUse()` gives. */
export function installsAndUses(
  pm: PackageManager,
  dockerfile: string,
): Array<[Pick<Invocation, 'action' | 'caches' | 'defeatedBy'>, CacheUse | undefined]> {
  const { cmds, ctx } = lastRun(dockerfile);
  return cmds.flatMap((c) => {
    const inv = pm.invocation(c, ctx);
    if (!inv) return [];
    const expected = { action: inv.action, caches: inv.caches, defeatedBy: inv.defeatedBy };
    return [[expected, pm.cacheUse(c, ctx)] as const];
  }) as Array<[Pick<Invocation, 'action' | 'caches' | 'defeatedBy'>, CacheUse | undefined]>;
}

/** The single invocation in the last RUN, flattened for assertions. */
export function one(pm: PackageManager, dockerfile: string, cacheDirs?: Record<string, string>) {
  const invs = invocations(pm, dockerfile, cacheDirs);
  if (invs.length !== 1) throw new Error(`expected one ${pm.id} invocation, got ${invs.length}`);
  const inv = invs[0] as Invocation;
  return {
    action: inv.action,
    dests: inv.destinations.map((d) => d.path),
    kinds: inv.destinations.map((d) => d.kind),
    cache: inv.caches[0],
    caches: inv.caches,
    defeatedBy: inv.defeatedBy,
  };
}
