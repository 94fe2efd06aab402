/** The ToolContext a package-manager module sees for the commands of one RUN. */
import type { RunReader } from '../model/commands.js';
import { type DockerfileModel, lookupIn, type RunInstruction, type Stage } from '../model/dockerfile.js';
import { basename, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import type { ToolContext } from './types.js';

export function createToolContext(
  model: DockerfileModel,
  runs: RunReader,
  run: RunInstruction,
  options: { cacheDirs?: Readonly<Record<string, string>> },
): ToolContext {
  const stage = run.stage as Stage;
  let venvs: Set<string> | undefined;
  let text: string | undefined;
  return {
    run,
    stage,
    userOf: (cmd) =>
      cmd.user === undefined
        ? runs.userOf(run)
        : runs.userOf({ ...run, env: { ...run.env, user: cmd.user } }),
    isVenv: (path) => {
      if (/^(\.?venv|virtualenv|.*[-_.]venv)$/.test(basename(path))) return true;
      venvs ??= createdVenvs(runs, run);
      return venvs.has(path);
    },
    stageText: () => {
      text ??= stageChain(stage)
        .flatMap((s) => s.instructions.filter((i) => i.index <= run.index))
        .map((i) => model.text.slice(i.start, i.end))
        .join('\n');
      return text;
    },
    cacheDirOverride: (tool) => options.cacheDirs?.[tool],
  };
}

export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | undefined = stage; s; s = s.parent) chain.unshift(s);
  return chain;
}

/** Virtual environments created (`python -m venv`, `virtualenv`, `uv venv`) or named by ENV in this stage chain. */
function createdVenvs(runs: RunReader, run: RunInstruction): Set<string> {
  const out = new Set<string>();
  const venv = lookupIn(run.env)('VIRTUAL_ENV');
  if (typeof venv === 'string' && venv.startsWith('/')) out.add(resolvePath('/', venv));
  for (const s of stageChain(run.stage as Stage)) {
    for (const ins of s.instructions) {
      if (ins.index > run.index || ins.keyword !== 'RUN') continue;
      const r = ins as RunInstruction;
      if (!/venv/.test(r.command.text + r.heredocs.map((h) => h.content).join(''))) continue;
      for (const cmd of runs.commands(r) ?? []) {
        const dir = createdVenv(cmd);
        if (dir) out.add(dir);
      }
    }
  }
  return out;
}

function createdVenv(cmd: SimpleCommand): string | undefined {
  const base = cmd.name?.slice(cmd.name.lastIndexOf('/') + 1) ?? '';
  const args = cmd.argv.slice(1).map((w) => w.value);
  let rest: Array<string | undefined> | undefined;
  if (/^python(\d(\.\d+)?)?$/.test(base)) {
    const m = args.indexOf('-m');
    if (m >= 0 && (args[m + 1] === 'venv' || args[m + 1] === 'virtualenv')) rest = args.slice(m + 2);
  } else if (base === 'virtualenv') rest = args;
  else if (base === 'uv' && args[0] === 'venv') rest = args.slice(1).length ? args.slice(1) : ['.venv'];
  if (!rest) return undefined;
  const dir = rest.find((a) => a === undefined || !a.startsWith('-'));
  if (dir === undefined) return undefined;
  if (dir.startsWith('/')) return resolvePath('/', dir);
  return cmd.cwd === undefined ? undefined : resolvePath(cmd.cwd, dir);
}
