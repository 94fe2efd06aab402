/**
 * Reads RUN bodies into simple commands with tree-sitter-bash: argv words with
 * quoting removed and variables expanded where their values are known, the
 * inline `VAR=x` prefixes, the working directory (`cd` changes it for the
 * commands after it; a subshell or pipeline element keeps its own) and the
 * exported environment (`export`, `. venv/bin/activate`).
 */
import type { Node, Parser as TsParser } from 'web-tree-sitter';
import { resolvePath } from '../paths.js';
import { type Lookup, processWord } from './expand.js';
import { getParser } from './loader.js';

/** A variable's value: a string, `null` when set to something unknown, `undefined` when not set. */
export type Value = string | null | undefined;

export interface Word {
  /** The word after quote removal and expansion; undefined when it depends on something unknown. */
  value: string | undefined;
  /** The word as written. */
  raw: string;
}

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
  /** Another user the command runs as (`sudo -u`, `gosu`, `su`), when one is named. */
  user: string | undefined;
  /** Order of the command in the RUN, from 0. */
  index: number;
  /** Document span of the command. */
  start: number;
  end: number;
}

/** What the RUN starts with. */
export interface ShellStart {
  cwd: string | undefined;
  /** The RUN's environment: ENV and ARG values, and HOME for the RUN's user. */
  env(name: string): Value;
  /** Whether a variable `env` gives as `null` is unset in the default build (an ARG without a default). */
  unsetByDefault?(name: string): boolean;
}

interface Var {
  value: string | null;
  exported: boolean;
}

class State {
  constructor(
    readonly start: ShellStart,
    public cwd: string | undefined,
    readonly vars: Map<string, Var | null>,
    public dirStack: Array<string | undefined> = [],
  ) {}

  copy(): State {
    return new State(this.start, this.cwd, new Map(this.vars), [...this.dirStack]);
  }

  /** Value visible to expansion in the shell. */
  lookup(name: string): Value {
    if (this.vars.has(name)) {
      const v = this.vars.get(name);
      return v === null ? undefined : v?.value;
    }
    return this.start.env(name);
  }

  /** Value visible to a child process. */
  exported(name: string): Value {
    if (this.vars.has(name)) {
      const v = this.vars.get(name);
      if (v === null) return undefined;
      if (v?.exported) return v.value;
    }
    return this.start.env(name);
  }

  set(name: string, value: string | null, exported?: boolean): void {
    const prev = this.vars.get(name);
    const wasExported = prev ? prev.exported : this.start.env(name) !== undefined;
    this.vars.set(name, { value, exported: exported ?? wasExported });
  }
}

/** Maps a script offset to a document offset. */
export type OffsetMap = (i: number) => number;

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function isShellName(name: string | undefined): boolean {
  if (!name) return false;
  return SHELLS.has(commandBase(name) as string);
}

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
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'variable_assignment') {
        const name = c.childForFieldName('name')?.text;
        const v = c.childForFieldName('value');
        if (name) prefix.set(name, v ? (this.evalWord(v, st) ?? null) : '');
      } else if (c.type === 'command_name') {
        const w = c.namedChild(0) ?? c;
        words.push({ value: this.evalWord(w, st), raw: w.text });
      } else if (c.type.endsWith('_redirect') || c.type === 'herestring_redirect') {
      } else {
        words.push({ value: this.evalWord(c, st), raw: c.text });
      }
    }
    if (words.length === 0) {
      // `A=1 B=2` alone sets shell variables.
      for (const [k, v] of prefix) st.set(k, v);
      return;
    }
    this.emit(words, prefix, st, [map(node.startIndex), map(node.endIndex)], out, depth);
  }

  /** Takes wrappers off, records the command and applies its effect on the shell state. */
  private emit(
    argv: Word[],
    prefix: Map<string, string | null>,
    st: State,
    span: [number, number],
    out: SimpleCommand[],
    depth: number,
  ): void {
    let words = argv;
    let user: string | undefined;
    const env = new Map(prefix);
    for (let guard = 0; guard < 8; guard++) {
      const unwrapped = unwrap(words, env);
      if (!unwrapped) break;
      words = unwrapped.argv;
      if (unwrapped.user !== undefined) user = unwrapped.user;
      if (unwrapped.script !== undefined) {
        const sub = st.copy();
        for (const [k, v] of env) sub.set(k, v, true);
        this.readInto(unwrapped.script, sub, () => span[0], out, depth + 1);
        return;
      }
    }
    const name = words[0]?.value;
    const snapshot = st.copy();
    out.push({
      argv: words,
      name,
      cwd: st.cwd,
      env: (n) => (env.has(n) ? env.get(n) : snapshot.exported(n)),
      user,
      index: out.length,
      start: span[0],
      end: span[1],
    });
    this.effect(words, st);
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

interface Unwrapped {
  argv: Word[];
  user?: string;
  /** A script run by `sh -c` or `su -c`. */
  script?: string;
}

const value = (w: Word | undefined): string | undefined => w?.value;
/** The last path component of a command name (`/usr/bin/pip3` -> `pip3`). */
export function commandBase(name: string | undefined): string | undefined {
  return name === undefined ? undefined : name.slice(name.lastIndexOf('/') + 1);
}

/** Options of wrapper commands that take a value. */
const WRAPPER_VALUE_OPTIONS: Record<string, string[]> = {
  env: ['-u', '--unset', '-C', '--chdir', '-S', '--split-string'],
  sudo: [
    '-u',
    '--user',
    '-g',
    '--group',
    '-C',
    '-D',
    '--chdir',
    '-h',
    '--host',
    '-p',
    '--prompt',
    '-r',
    '-t',
    '-T',
    '-U',
  ],
  nice: ['-n', '--adjustment'],
  timeout: ['-s', '--signal', '-k', '--kill-after'],
  runuser: ['-u', '--user', '-g', '--group', '-G', '-s', '--shell', '-c', '--command'],
  ionice: ['-c', '--class', '-n', '--classdata', '-p', '-P', '-u'],
  stdbuf: ['-i', '-o', '-e'],
};

function skipOptions(
  argv: Word[],
  from: number,
  cmd: string,
): { index: number; options: Map<string, string> } {
  const takes = WRAPPER_VALUE_OPTIONS[cmd] ?? [];
  const options = new Map<string, string>();
  let i = from;
  while (i < argv.length) {
    const v = value(argv[i]);
    if (v === undefined || !v.startsWith('-') || v === '-') break;
    if (v === '--') {
      i++;
      break;
    }
    const eq = v.indexOf('=');
    const name = eq > 0 ? v.slice(0, eq) : v;
    if (eq > 0) options.set(name, v.slice(eq + 1));
    else if (takes.includes(name)) {
      options.set(name, value(argv[i + 1]) ?? '');
      i++;
    } else options.set(name, '');
    i++;
  }
  return { index: i, options };
}

function unwrap(argv: Word[], env: Map<string, string | null>): Unwrapped | undefined {
  const cmd = commandBase(value(argv[0]));
  switch (cmd) {
    case 'env': {
      let { index } = skipOptions(argv, 1, 'env');
      while (index < argv.length) {
        const v = value(argv[index]);
        const m = v === undefined ? null : /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(v);
        if (!m) break;
        env.set(m[1] as string, m[2] as string);
        index++;
      }
      return index < argv.length ? { argv: argv.slice(index) } : undefined;
    }
    case 'sudo': {
      const { index, options } = skipOptions(argv, 1, 'sudo');
      return index < argv.length
        ? { argv: argv.slice(index), user: options.get('-u') ?? options.get('--user') }
        : undefined;
    }
    case 'exec':
    case 'command':
    case 'builtin':
    case 'time':
    case 'nohup':
    case 'setsid':
    case 'nice':
    case 'ionice':
    case 'stdbuf':
    case 'unbuffer': {
      const { index } = skipOptions(argv, 1, cmd);
      return index < argv.length ? { argv: argv.slice(index) } : undefined;
    }
    case 'timeout': {
      const { index } = skipOptions(argv, 1, 'timeout');
      return index + 1 < argv.length ? { argv: argv.slice(index + 1) } : undefined;
    }
    case 'gosu':
    case 'su-exec':
      return argv.length > 2 ? { argv: argv.slice(2), user: value(argv[1]) } : undefined;
    case 'runuser': {
      const { index, options } = skipOptions(argv, 1, 'runuser');
      const script = options.get('-c') ?? options.get('--command');
      if (script !== undefined) return { argv, script, user: options.get('-u') ?? value(argv[index]) };
      return index < argv.length ? { argv: argv.slice(index), user: options.get('-u') } : undefined;
    }
    case 'su': {
      let user: string | undefined;
      let script: string | undefined;
      for (let i = 1; i < argv.length; i++) {
        const v = value(argv[i]);
        if (v === '-c' || v === '--command') script = value(argv[++i]);
        else if (v?.startsWith('--command=')) script = v.slice('--command='.length);
        else if (v !== undefined && !v.startsWith('-')) user ??= v;
      }
      return script === undefined ? undefined : { argv, script, user };
    }
    default: {
      if (!isShellName(cmd)) return undefined;
      // sh -c 'script' [name args...]; sh -e -c ...; bash -lc ...
      for (let i = 1; i < argv.length; i++) {
        const v = value(argv[i]);
        if (v === undefined || !v.startsWith('-')) return undefined;
        if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) {
          const s = value(argv[i + 1]);
          return s === undefined ? undefined : { argv, script: s };
        }
      }
      return undefined;
    }
  }
}
