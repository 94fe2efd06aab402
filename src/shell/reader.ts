/**
 * Reads RUN bodies into simple commands with tree-sitter-bash: argv words with
 * quoting removed and variables expanded where their values are known, the
 * inline `VAR=x` prefixes, the working directory (`cd` changes it for the
 * commands after it; a subshell or pipeline element keeps its own) and the
 * exported environment (`export`, `. venv/bin/activate`).
 */
import type { Node, Parser as TsParser } from 'web-tree-sitter';
import type { TextEdit } from '../edits.js';
import { resolvePath } from '../paths.js';
import { type Lookup, processWord } from './expand.js';
import { getParser } from './loader.js';
import type { Word } from './words.js';
import { UNKNOWN_USER, type Unwrapped, type UserEnv, unwrap } from './wrappers.js';

export { commandBase, isShellName } from './wrappers.js';

/** A variable's value: a string, `null` when set to something unknown, `undefined` when not set. */
export type Value = string | null | undefined;

export type { Word } from './words.js';

/**
 * What a word says of a path even when its value is unknown: the value, or
 * the literal text before the first expansion (`./target/$(cat f)/app` ->
 * `./target/`). Undefined when nothing literal comes first.
 */
export function pathPrefix(w: Word): string | undefined {
  if (w.value !== undefined) return w.value;
  const cut = w.raw.search(/[$`]/);
  const literal = (cut < 0 ? w.raw : w.raw.slice(0, cut)).replace(/["'\\]/g, '');
  return literal.includes('/') ? literal : undefined;
}

export interface SimpleCommand {
  /** argv after wrappers such as `env`, `sudo` or `exec` are taken off. */
  argv: Word[];
  /** argv[0]'s value. */
  name: string | undefined;
  /** Working directory of the command; undefined when unknown. */
  cwd: string | undefined;
  /** A variable as the command's process sees it (inline prefixes, exports, the RUN's environment). */
  env(name: string): Value;
  /**
   * Another user the command runs as, as written (`sudo -u app`, `gosu node`,
   * every command of a `su node -c '...'` script); undefined when the RUN's
   * USER runs it. HOME in `env` is that user's wherever the wrapper sets it.
   */
  user: string | undefined;
  /** Order of the command in the RUN, from 0. */
  index: number;
  /** Document span of the command. */
  start: number;
  end: number;
  /**
   * The inline `VAR=x` prefixes with their document spans. Present only where
   * the command's text maps onto the document one to one (not in a `sh -c`
   * string or the JSON form), as are the words' `start` and `end`.
   */
  assignments?: Array<{ name: string; start: number; end: number }>;
  /**
   * The edit that takes the command out of the script and keeps the shell
   * valid (`a && b && c` without `b` is `a && c`; a script of one command
   * becomes `true`). Absent where the command cannot be taken out on its own:
   * inside a pipeline, a condition, a loop, a `sh -c` string, or as the
   * fallback of `||`.
   */
  removal?: TextEdit;
}

/** What the RUN starts with. */
export interface ShellStart {
  cwd: string | undefined;
  /** The RUN's environment: ENV and ARG values, and HOME for the RUN's user. */
  env(name: string): Value;
  /** Whether a variable `env` gives as `null` is unset in the default build (an ARG without a default). */
  unsetByDefault?(name: string): boolean;
  /** The home folder of a user named as written (`node`, `1000`); `null` or absent when not known. */
  home?(user: string): Value;
}

interface Var {
  value: string | null;
  exported: boolean;
}

class State {
  constructor(
    readonly start: ShellStart,
    public cwd: string | undefined,
    public vars: Map<string, Var | null>,
    public dirStack: Array<string | undefined> = [],
    /** The user commands run as, when a wrapper switched to another one (`su node -c '...'`). */
    public user: string | undefined = undefined,
    /** The RUN's environment is not inherited (`env -i`, a login environment). */
    public cleared = false,
  ) {}

  copy(): State {
    return new State(this.start, this.cwd, new Map(this.vars), [...this.dirStack], this.user, this.cleared);
  }

  /** The RUN's environment, unless it was dropped. */
  private inherited(name: string): Value {
    return this.cleared ? undefined : this.start.env(name);
  }

  /** Value visible to expansion in the shell. */
  lookup(name: string): Value {
    if (this.vars.has(name)) {
      const v = this.vars.get(name);
      return v === null ? undefined : v?.value;
    }
    return this.inherited(name);
  }

  /** Value visible to a child process. */
  exported(name: string): Value {
    if (this.vars.has(name)) {
      const v = this.vars.get(name);
      if (v === null) return undefined;
      if (v?.exported) return v.value;
    }
    return this.inherited(name);
  }

  set(name: string, value: string | null, exported?: boolean): void {
    const prev = this.vars.get(name);
    const wasExported = prev ? prev.exported : this.inherited(name) !== undefined;
    this.vars.set(name, { value, exported: exported ?? wasExported });
  }

  /** Drops every variable: the command starts with an empty environment. */
  clear(): void {
    this.vars = new Map();
    this.cleared = true;
  }
}

/** Maps a script offset to a document offset. */
export type OffsetMap = (i: number) => number;

export class ShellReader {
  // Private, so the published type declarations do not pull in web-tree-sitter's.
  private readonly parser: TsParser = getParser();

  /** Reads a script into simple commands, in execution order. */
  read(script: string, start: ShellStart, map: OffsetMap): SimpleCommand[] {
    const out: SimpleCommand[] = [];
    this.readInto(script, new State(start, start.cwd, new Map()), map, out, 0);
    return out;
  }

  /** A command given as argv (the JSON form of RUN). */
  readArgv(argv: string[], start: ShellStart, span: [number, number]): SimpleCommand[] {
    const out: SimpleCommand[] = [];
    const st = new State(start, start.cwd, new Map());
    this.emit(
      argv.map((a) => ({ value: a, raw: a })),
      new Map(),
      st,
      span,
      out,
      0,
    );
    return out;
  }

  private readInto(script: string, st: State, map: OffsetMap, out: SimpleCommand[], depth: number): void {
    if (depth > 4) return;
    // tree-sitter-bash reads a carriage return as part of a word. `\r\n` becomes `\n ` and a lone `\r` a
    // blank, so offsets stay one-to-one and an escaped line break stays a line continuation.
    const text = script.includes('\r') ? script.replace(/\r\n/g, '\n ').replace(/\r/g, ' ') : script;
    const tree = this.parser.parse(text);
    if (!tree) return;
    try {
      this.walk(tree.rootNode, st, map, out, depth);
    } finally {
      tree.delete();
    }
  }

  private walk(node: Node, st: State, map: OffsetMap, out: SimpleCommand[], depth: number): void {
    switch (node.type) {
      case 'comment':
      case 'function_definition':
      case 'heredoc_body':
      case 'test_command':
        return;
      case 'command':
        this.command(node, st, map, out, depth);
        return;
      case 'declaration_command':
        this.declaration(node, st);
        return;
      case 'unset_command':
        for (const c of node.namedChildren) if (c) st.vars.set(c.text, null);
        return;
      case 'variable_assignment':
        this.assign(node, st, undefined);
        return;
      case 'subshell':
        for (const c of node.namedChildren) if (c) this.walk(c, st.copy(), map, out, depth);
        return;
      case 'pipeline': {
        const parts = node.namedChildren.filter((c): c is Node => c !== null);
        // Every element of a pipeline runs in a subshell.
        for (const c of parts) this.walk(c, parts.length > 1 ? st.copy() : st, map, out, depth);
        return;
      }
      case 'redirected_statement': {
        const body = node.childForFieldName('body');
        if (body) this.walk(body, st, map, out, depth);
        return;
      }
      default:
        for (const c of node.namedChildren) if (c) this.walk(c, st, map, out, depth);
    }
  }

  private assign(node: Node, st: State, exported: boolean | undefined): void {
    const name = node.childForFieldName('name')?.text;
    const valueNode = node.childForFieldName('value');
    if (!name) return;
    const value = valueNode ? this.evalWord(valueNode, st) : '';
    st.set(name, value ?? null, exported);
  }

  private declaration(node: Node, st: State): void {
    const kind = node.child(0)?.text;
    let exported = kind === 'export' ? true : undefined;
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'word' && c.text.startsWith('-')) {
        if (c.text.includes('x')) exported = true;
        continue;
      }
      if (c.type === 'variable_assignment') this.assign(c, st, exported);
      else if (c.type === 'variable_name' && exported) {
        const v = st.lookup(c.text);
        st.set(c.text, v ?? null, true);
      }
    }
  }

  private command(node: Node, st: State, map: OffsetMap, out: SimpleCommand[], depth: number): void {
    const prefix = new Map<string, string | null>();
    const words: Word[] = [];
    // Offsets into the document only where the script is the RUN's own text, not a string run by `sh -c`.
    const exact = depth === 0;
    const span = (n: Node) => ({ start: map(n.startIndex), end: map(n.endIndex - 1) + 1 });
    const assignments: NonNullable<SimpleCommand['assignments']> = [];
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        const name = c.childForFieldName('name')?.text;
        const v = c.childForFieldName('value');
        if (name) {
          prefix.set(name, v ? (this.evalWord(v, st) ?? null) : '');
          if (exact) assignments.push({ name, ...span(c) });
        }
      } else if (c.type === 'command_name') {
        const w = c.namedChild(0) ?? c;
        words.push({ value: this.evalWord(w, st), raw: w.text, ...(exact ? span(w) : {}) });
      } else if (c.type.endsWith('_redirect') || c.type === 'herestring_redirect') {
      } else {
        words.push({ value: this.evalWord(c, st), raw: c.text, ...(exact ? span(c) : {}) });
      }
    }
    if (words.length === 0) {
      // `A=1 B=2` alone sets shell variables.
      for (const [k, v] of prefix) st.set(k, v);
      return;
    }
    const edits = exact ? { assignments, removal: removalOf(node, map) } : undefined;
    this.emit(words, prefix, st, [map(node.startIndex), map(node.endIndex)], out, depth, edits);
  }

  /** Takes wrappers off, records the command and applies its effect on the shell state. */
  private emit(
    argv: Word[],
    prefix: Map<string, string | null>,
    st: State,
    span: [number, number],
    out: SimpleCommand[],
    depth: number,
    edits?: Pick<SimpleCommand, 'assignments' | 'removal'>,
  ): void {
    // `A=1 cmd`: the assignments reach the command's environment only.
    let proc = st;
    if (prefix.size) {
      proc = st.copy();
      for (const [k, v] of prefix) proc.set(k, v, true);
    }
    this.emitIn(argv, st, proc, span, out, depth, 0, edits);
  }

  /**
   * Records a command that starts with state `proc`, taking wrappers off
   * first. `shell` is the state of the shell running it, which a builtin
   * (`cd`) changes; undefined once a wrapper runs the command in another
   * process.
   */
  private emitIn(
    words: Word[],
    shell: State | undefined,
    proc: State,
    span: [number, number],
    out: SimpleCommand[],
    depth: number,
    nesting: number,
    edits?: Pick<SimpleCommand, 'assignments' | 'removal'>,
  ): void {
    const unwrapped = nesting < 8 ? unwrap(words) : undefined;
    if (unwrapped) {
      const several = (unwrapped.also?.length ?? 0) > 0;
      for (const u of [unwrapped, ...(unwrapped.also ?? [])]) {
        const next = this.wrapped(u, proc);
        if (u.script !== undefined) this.readInto(u.script, next, () => span[0], out, depth + 1);
        else {
          // A wrapper that runs several commands (`find -exec a \; -exec b \;`) cannot lose one of them alone.
          const kept = several ? { assignments: edits?.assignments } : edits;
          this.emitIn(u.argv, u.sameShell ? shell : undefined, next, span, out, depth, nesting + 1, kept);
        }
      }
      return;
    }
    const snapshot = proc.copy();
    const cmd: SimpleCommand = {
      argv: words,
      name: words[0]?.value,
      cwd: proc.cwd,
      env: (n) => snapshot.exported(n),
      user: proc.user,
      index: out.length,
      start: span[0],
      end: span[1],
    };
    if (edits?.assignments) cmd.assignments = edits.assignments;
    if (edits?.removal) cmd.removal = edits.removal;
    out.push(cmd);
    if (shell) this.effect(words, shell);
  }

  /** The state a wrapped command starts with. */
  private wrapped(u: Unwrapped, proc: State): State {
    const next = proc.copy();
    if (u.clearEnv) next.clear();
    for (const name of u.unset ?? []) next.vars.set(name, null);
    for (const [k, v] of u.assign ?? []) next.set(k, v ?? null, true);
    if (u.cwd !== undefined) {
      const dir = u.cwd;
      next.cwd =
        dir === null || (next.cwd === undefined && !dir.startsWith('/'))
          ? undefined
          : resolvePath(next.cwd ?? '/', dir);
    }
    if (u.user !== undefined) {
      next.user = u.user;
      if (u.userEnv) this.userEnvironment(next, u.user, u.userEnv);
    }
    return next;
  }

  /**
   * The environment a wrapper sets up for the user it switches to. A login
   * environment keeps none of the RUN's variables: its PATH comes from
   * login.defs and the profile scripts, so it is not known.
   */
  private userEnvironment(st: State, user: string, how: UserEnv): void {
    const home = st.start.home?.(user) ?? null;
    const name = user.split(':')[0] ?? '';
    const root = name === 'root' || name === '0';
    // USER and LOGNAME hold the login name, which a uid or an unknown user does not give.
    const loginName = /^\d+$/.test(name) || name === UNKNOWN_USER ? null : name;
    if (how !== 'home') {
      st.clear();
      st.set('PATH', null, true);
      st.set('SHELL', null, true);
    }
    st.set('HOME', home, true);
    if (!root || how !== 'home') {
      st.set('USER', loginName, true);
      st.set('LOGNAME', loginName, true);
    }
    if (how === 'login') st.cwd = home ?? undefined;
  }

  private effect(argv: Word[], st: State): void {
    const name = argv[0]?.value;
    const args = argv.slice(1).filter((w) => !(w.value ?? '').startsWith('-') || w.value === '-');
    switch (name) {
      case 'cd':
      case 'pushd': {
        if (name === 'pushd') st.dirStack.push(st.cwd);
        const dir = args[0];
        if (!dir) st.cwd = st.lookup('HOME') ?? undefined;
        else if (dir.value === undefined || dir.value === '-') st.cwd = undefined;
        else
          st.cwd =
            st.cwd === undefined && !dir.value.startsWith('/')
              ? undefined
              : resolvePath(st.cwd ?? '/', dir.value);
        return;
      }
      case 'popd':
        st.cwd = st.dirStack.length ? st.dirStack.pop() : undefined;
        return;
      case '.':
      case 'source': {
        const file = args[0]?.value;
        const m = file ? /^(.*)\/bin\/activate$/.exec(file) : null;
        if (m && st.cwd !== undefined) {
          const venv = resolvePath(st.cwd, m[1] || '/');
          st.set('VIRTUAL_ENV', venv, true);
          const path = st.lookup('PATH');
          st.set('PATH', `${venv}/bin${path ? `:${path}` : ''}`, true);
        }
        return;
      }
      default:
    }
  }

  /** A word's value after quote removal and expansion; undefined when unknown. */
  private evalWord(node: Node, st: State): string | undefined {
    switch (node.type) {
      case 'word': {
        let t = node.text;
        if (t.startsWith('~') && (t.length === 1 || t[1] === '/')) {
          const home = st.lookup('HOME');
          if (typeof home !== 'string') return undefined;
          t = home + t.slice(1);
        }
        return t.replace(/\\(.)/gs, '$1');
      }
      case 'number':
      case 'variable_name':
        return node.text;
      case 'raw_string':
        return node.text.slice(1, -1);
      case 'ansi_c_string':
        return node.text.slice(2, -1).replace(/\\(.)/gs, (_m, c: string) => ({ n: '\n', t: '\t' })[c] ?? c);
      case 'string':
      case 'translated_string':
      case 'concatenation': {
        let s = '';
        for (const c of node.children) {
          if (!c) continue;
          if (!c.isNamed) {
            if (node.type === 'concatenation') s += c.text;
            continue;
          }
          if (c.type === 'string_content') {
            s += c.text.replace(/\\([$`"\\\n])/g, '$1');
            continue;
          }
          const v = this.evalWord(c, st);
          if (v === undefined) return undefined;
          s += v;
        }
        return s;
      }
      case 'simple_expansion': {
        const name = node.text.slice(1);
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
        const v = st.lookup(name);
        return typeof v === 'string' ? v : undefined;
      }
      case 'expansion': {
        const lookup: Lookup = (n) => st.lookup(n);
        lookup.unsetByDefault = (n) => !st.vars.has(n) && (st.start.unsetByDefault?.(n) ?? false);
        return processWord(node.text, lookup);
      }
      default:
        return undefined;
    }
  }
}

/** Commands that do nothing and succeed: `x || true` may go as a whole. */
const NO_OPS = new Set(['true', ':']);

/**
 * The document edit that takes a command out of its script and keeps the
 * shell valid, or undefined where that cannot be done on its own. `&&` and
 * statement lists lose the command with its operator or terminator; `x || true`
 * goes as a whole; a script left empty keeps `true`.
 */
function removalOf(node: Node, map: OffsetMap): TextEdit | undefined {
  let s: Node = node;
  let p = s.parent;
  if (p?.type === 'redirected_statement') {
    s = p;
    p = s.parent;
  }
  if (!p) return undefined;
  const doc = (from: number, to: number, text = ''): TextEdit => ({
    start: map(from),
    end: to > from ? map(to - 1) + 1 : map(from),
    text,
  });
  if (p.type === 'list') {
    const [left, op, right] = p.children;
    if (!left || !op || !right) return undefined;
    if (s.id === right.id) {
      if (op.type !== '&&') return undefined;
      // tree-sitter-bash hangs a redirection after the last command on the whole list; bash gives it to that command.
      const outer = p.parent;
      const end =
        outer?.type === 'redirected_statement' && outer.childForFieldName('body')?.id === p.id
          ? outer.endIndex
          : s.endIndex;
      return doc(left.endIndex, end);
    }
    if (s.id !== left.id) return undefined;
    if (op.type === '&&') return doc(s.startIndex, right.startIndex);
    const fallback = right.type === 'command' ? right.namedChildren[0]?.text : undefined;
    return fallback !== undefined && NO_OPS.has(fallback) && right.namedChildren.length === 1
      ? removalOf(p, map)
      : undefined;
  }
  if (p.type !== 'program') return undefined;
  const statements = p.namedChildren.filter((c): c is Node => c !== null);
  const i = statements.findIndex((c) => c.id === s.id);
  if (i < 0) return undefined;
  if (statements.every((c, k) => k === i || c.type === 'comment'))
    return doc(s.startIndex, s.endIndex, 'true');
  // A statement on lines of its own goes with them (a heredoc body's line), so that two such removals never meet.
  const text = p.text;
  const from = s.startIndex - p.startIndex;
  let lineStart = from;
  while (lineStart > 0 && text[lineStart - 1] !== '\n') lineStart--;
  let lineEnd = s.endIndex - p.startIndex;
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t' || text[lineEnd] === ';'))
    lineEnd++;
  if (/^[ \t]*$/.test(text.slice(lineStart, from)) && (text[lineEnd] === '\n' || lineEnd === text.length))
    return doc(p.startIndex + lineStart, p.startIndex + Math.min(lineEnd + 1, text.length));
  const next = statements[i + 1];
  if (next) return doc(s.startIndex, next.startIndex);
  const prev = statements[i - 1] as Node;
  return doc(prev.endIndex, s.endIndex);
}
