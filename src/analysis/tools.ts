/**
 * The ToolContext a package-manager module sees for the commands of one RUN:
 * the user each command runs as, the virtual environments of the stage chain,
 * the text of the chain so far, and the configured cache folders.
 */
import type { RunReader } from '../model/commands.js';
import { type DockerfileModel, lookupIn, type RunInstruction, type Stage } from '../model/dockerfile.js';
import { absolute, commandBase, type OptionSpec, parseOptions } from '../package-managers/common.js';
import { stageChain } from '../package-managers/context.js';
import type { ToolContext } from '../package-managers/types.js';
import { OPTIONS as UV_OPTIONS } from '../package-managers/uv.js';
import { basename, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';

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
    userOf: (cmd) => runs.userOfCommand(run, cmd),
    commandsBefore: (cmd) => (runs.commands(run) ?? []).filter((c) => c.index < cmd.index),
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

/** Virtual environments created (`python -m venv`, `virtualenv`, `uv venv`) or named by ENV in this stage chain. */
function createdVenvs(runs: RunReader, run: RunInstruction): Set<string> {
  const out = new Set<string>();
  const venv = lookupIn(run.env)('VIRTUAL_ENV');
  if (typeof venv === 'string' && venv.startsWith('/')) out.add(resolvePath('/', venv));
  for (const s of stageChain(run.stage as Stage)) {
    for (const ins of s.instructions) {
      if (ins.index > run.index || ins.keyword !== 'RUN') continue;
      const r = ins as RunInstruction;
      if (!/venv|virtualenv/.test(r.command.text + r.heredocs.map((h) => h.content).join(''))) continue;
      for (const cmd of runs.commands(r) ?? []) {
        const dir = createdVenv(cmd);
        if (dir) out.add(dir);
      }
    }
  }
  return out;
}

/** Options that take a value: `python -m venv` (Lib/venv/__init__.py) and virtualenv (`virtualenv --help`). */
const VENV_OPTIONS: OptionSpec = { values: ['--prompt'] };
const VIRTUALENV_OPTIONS: OptionSpec = {
  values: [
    '-p',
    '--python',
    '--prompt',
    '--app-data',
    '--discovery',
    '--try-first-with',
    '--creator',
    '--seeder',
    '--extra-search-dir',
    '--pip',
    '--setuptools',
    '--wheel',
    '--activators',
  ],
};

/** The folder a `python -m venv DIR`, `virtualenv DIR` or `uv venv [DIR]` creates. */
function createdVenv(cmd: SimpleCommand): string | undefined {
  const base = commandBase(cmd.name) ?? '';
  const args = cmd.argv.slice(1);
  if (/^python(\d(\.\d+)?)?$/.test(base)) {
    const m = args.findIndex((w) => w.value === '-m');
    const module = m < 0 ? undefined : args[m + 1]?.value;
    if (module !== 'venv' && module !== 'virtualenv') return undefined;
    const opts = parseOptions(args.slice(m + 2), module === 'venv' ? VENV_OPTIONS : VIRTUALENV_OPTIONS);
    return absolute(cmd, opts.positionals[0]);
  }
  if (base === 'virtualenv') return absolute(cmd, parseOptions(args, VIRTUALENV_OPTIONS).positionals[0]);
  if (base !== 'uv') return undefined;
  const opts = parseOptions(args, UV_OPTIONS);
  if (opts.positionals[0] !== 'venv') return undefined;
  // `uv venv` without a path creates `.venv`; `--directory` moves the folder relative paths start from.
  const dir = opts.positionals.length > 1 ? opts.positionals[1] : '.venv';
  if (!opts.has('--directory')) return absolute(cmd, dir);
  const from = absolute(cmd, opts.get('--directory'));
  return from === undefined || dir === undefined ? undefined : resolvePath(from, dir);
}
