/**
 * How to take out of a RUN what turns a tool's cache off or empties it: a
 * flag on the command, an inline `VAR=x` assignment, a cleanup command, or
 * the paths of an `rm` inside a cache folder. Shared by the transform that
 * repairs a defeated cache mount and the one that adds cache mounts (which
 * must not add a mount the same RUN then defeats).
 */
import type { TextEdit } from '../edits.js';
import type { RunInstruction } from '../model/dockerfile.js';
import { absolute, commandBase } from '../package-managers/common.js';
import { stageChain } from '../package-managers/context.js';
import { relatePaths } from '../paths.js';
import { pathPrefix, type SimpleCommand, type Word } from '../shell/reader.js';
import type { Analysis, ToolCacheDefeat } from './analysis.js';
import { globBase } from './apt.js';

/** What a defeat is, and the edit that takes it out when there is one. */
export type DefeatRemoval =
  | {
      kind: 'command' | 'flag' | 'assignment';
      span: { start: number; end: number };
      edit: TextEdit | undefined;
    }
  /** A variable set by an ENV instruction: it applies to every later RUN, so it is not this RUN's to remove. */
  | { kind: 'env'; name: string; line: number }
  /** A variable exported earlier in the RUN. */
  | { kind: 'exported'; name: string };

/** The edit that takes a defeat out of its command, or why it cannot be. */
export function defeatRemoval(analysis: Analysis, run: RunInstruction, d: ToolCacheDefeat): DefeatRemoval {
  const { cmd, defeat } = d;
  const whole = { start: cmd.start, end: cmd.end };
  if (defeat.what === cmd.argv.map((w) => w.raw).join(' ')) {
    return { kind: 'command', span: whole, edit: cmd.removal };
  }
  const i = cmd.argv.findIndex((w) => w.raw === defeat.what || w.value === defeat.what);
  if (i > 0) {
    const word = cmd.argv[i] as Word;
    const prev = cmd.argv[i - 1] as Word;
    if (word.start === undefined || word.end === undefined || prev.end === undefined) {
      return { kind: 'flag', span: whole, edit: undefined };
    }
    return {
      kind: 'flag',
      span: { start: word.start, end: word.end },
      edit: { start: prev.end, end: word.end, text: '' },
    };
  }
  const name = defeat.what.split('=')[0] as string;
  const inline = cmd.assignments?.find((a) => a.name === name);
  if (inline) {
    const next = cmd.assignments?.find((a) => a.start > inline.start)?.start ?? cmd.argv[0]?.start;
    const span = { start: inline.start, end: inline.end };
    return {
      kind: 'assignment',
      span,
      edit: next === undefined ? undefined : { start: inline.start, end: next, text: '' },
    };
  }
  const line = envLine(analysis, run, name);
  return line === undefined ? { kind: 'exported', name } : { kind: 'env', name, line };
}

/** The line of the last ENV of the stage chain that sets a variable before a RUN. */
function envLine(analysis: Analysis, run: RunInstruction, name: string): number | undefined {
  let line: number | undefined;
  const sets = new RegExp(`(^|\\s)${name.replace(/[^A-Za-z0-9_]/g, '')}(=|\\s)`);
  for (const s of stageChain(run.stage as NonNullable<RunInstruction['stage']>)) {
    for (const ins of s.instructions) {
      if (ins.index >= run.index) break;
      if (ins.keyword === 'ENV' && sets.test(ins.args.text)) line = analysis.lineOf(ins);
    }
  }
  return line;
}

/** An `rm` command's operands, split by where they lie against some folders. */
export interface RmOperands {
  /** Operands at or inside one of the folders, with the first folder they hit. */
  inside: Word[];
  folder: string | undefined;
  /** An operand above one of the folders (`/tmp/*` with `/tmp/cache`): it removes other files too. */
  around: { word: Word; folder: string } | undefined;
  /** Every operand. */
  all: Word[];
}

/** The operands of an `rm` command against some folders; undefined for any other command. */
export function rmOperands(cmd: SimpleCommand, folders: readonly string[]): RmOperands | undefined {
  if (commandBase(cmd.name) !== 'rm') return undefined;
  const all: Word[] = [];
  let options = true;
  for (const w of cmd.argv.slice(1)) {
    if (options && w.value === '--') {
      options = false;
      continue;
    }
    if (options && w.value?.startsWith('-')) continue;
    all.push(w);
  }
  const inside: Word[] = [];
  let folder: string | undefined;
  let around: RmOperands['around'];
  for (const w of all) {
    const p = pathPrefix(w);
    const path = p === undefined ? undefined : absolute(cmd, globBase(p));
    if (path === undefined) continue;
    for (const f of folders) {
      const r = relatePaths(path, f);
      if (r === 'same' || r === 'inside') {
        inside.push(w);
        folder ??= f;
        break;
      }
      if (r === 'ancestor') around ??= { word: w, folder: f };
    }
  }
  return { inside, folder, around, all };
}

/**
 * The edits that take the operands inside the folders out of an `rm`: the
 * whole command when nothing else is left; undefined when that cannot be
 * done on its own.
 */
export function rmRemoval(cmd: SimpleCommand, ops: RmOperands): TextEdit[] | undefined {
  if (ops.inside.length === ops.all.length) return cmd.removal ? [cmd.removal] : undefined;
  const edits: TextEdit[] = [];
  for (const w of ops.inside) {
    const prev = cmd.argv[cmd.argv.indexOf(w) - 1];
    if (w.end === undefined || prev?.end === undefined) return undefined;
    edits.push({ start: prev.end, end: w.end, text: '' });
  }
  return edits;
}
