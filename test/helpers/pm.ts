/**
 * Helpers for package-manager module tests: the invocations a module sees in
 * the last RUN of a Dockerfile, with the environment that RUN really has.
 */

import { createToolContext } from '../../src/analysis/tools.js';
import { RunReader } from '../../src/model/commands.js';
import { DockerfileModel } from '../../src/model/dockerfile.js';
import type { Invocation, PackageManager } from '../../src/package-managers/types.js';
import { loadShellParser } from '../../src/shell/loader.js';
import { ShellReader } from '../../src/shell/reader.js';

let reader: ShellReader | undefined;

/** Call in beforeAll: loads the shell parser. */
export async function loadReader(): Promise<void> {
  await loadShellParser();
  reader = new ShellReader();
}

/** The invocations `pm` sees in the last RUN of a Dockerfile. */
export function invocations(
  pm: PackageManager,
  dockerfile: string,
  cacheDirs?: Record<string, string>,
): Invocation[] {
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
  return cmds.flatMap((c) => pm.invocation(c, ctx) ?? []);
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
