/**
 * Wrapper commands: commands that run another command (`sudo -u app npm ci`,
 * `su node -c '...'`, `xargs pip install`, `find -exec`), and what they change
 * for it: the user and that user's environment, variables, the working
 * folder, arguments supplied at run time. Options are read as each tool's
 * getopt string says (short bundles such as `-iu app`, attached values,
 * `--opt=value`), so a value is never taken for the command.
 */
import type { Word } from './words.js';

/** The last path component of a command name (`/usr/bin/pip3` -> `pip3`). */
export function commandBase(name: string | undefined): string | undefined {
  return name === undefined ? undefined : name.slice(name.lastIndexOf('/') + 1);
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

export function isShellName(name: string | undefined): boolean {
  if (!name) return false;
  return SHELLS.has(commandBase(name) as string);
}

/**
 * How a wrapper sets up the environment of the user it switches to:
 * - `home`: HOME becomes the user's home folder (and USER and LOGNAME its
 *   name); other variables pass through;
 * - `login`: a login environment: every variable is dropped, HOME, USER,
 *   LOGNAME, SHELL and PATH are set, and the command starts in HOME;
 * - `reset`: the login environment without the change of folder.
 */
export type UserEnv = 'home' | 'login' | 'reset';

/** One command a wrapper runs, and what it changes for it. */
export interface Unwrapped {
  /** The command; unused when `script` is given. */
  argv: Word[];
  /** The command runs in the same shell (`command`, `builtin`, `exec`): what it does to the shell (`cd`) stays. */
  sameShell?: boolean;
  /** The user the command runs as, as written (`app`, `1000:1000`). */
  user?: string;
  /** How the environment is set up for `user`; no change when absent. */
  userEnv?: UserEnv;
  /** The command starts with an empty environment (`env -i`). */
  clearEnv?: boolean;
  /** Variables removed (`env -u NAME`). */
  unset?: string[];
  /** Variables set (`env NAME=value`, `sudo NAME=value`); undefined = a value not known. */
  assign?: Array<[string, string | undefined]>;
  /** Working folder the command starts in (`env -C`, `sudo -D`, `chroot`); null when unknown. */
  cwd?: string | null;
  /** A script the wrapper hands to a shell (`su -c`, `sh -c`, `flock FILE -c`). */
  script?: string;
  /** More commands the same wrapper runs (`find` with several `-exec` actions). */
  also?: Unwrapped[];
}

/** A getopt grammar: which options take a value. */
interface Grammar {
  /** Short options that take a value (getopt's `x:`), attached (`-n5`) or as the next word. */
  short?: string;
  /** Short options whose value is optional and only attached (getopt's `x::`). */
  shortOptional?: string;
  /** Long options (without `--`) that take a value, as `--name=value` or the next word. */
  long?: readonly string[];
  /** GNU getopt's permutation: options may follow operands (su, runuser). Otherwise the first operand ends the options. */
  permute?: boolean;
}

interface Parsed {
  /** Options in order as `-x` or `--name`, with their values (`''` for a flag; undefined when not known). */
  options: Array<[string, string | undefined]>;
  /** Index of the first word after the options (without permutation). */
  next: number;
  /** With permutation: every operand, in order. */
  operands: Word[];
}

function parse(argv: readonly Word[], from: number, g: Grammar): Parsed {
  const options: Parsed['options'] = [];
  const operands: Word[] = [];
  let i = from;
  while (i < argv.length) {
    const w = argv[i] as Word;
    const v = w.value;
    if (v === '--') {
      i++;
      if (g.permute) {
        operands.push(...argv.slice(i));
        i = argv.length;
      }
      break;
    }
    // `--name=$VALUE`: an option whose value is not known.
    const unknownValue = v === undefined ? /^(--[A-Za-z][\w-]*)=/.exec(w.raw) : null;
    if (unknownValue) {
      options.push([unknownValue[1] as string, undefined]);
      i++;
      continue;
    }
    if (v === undefined || !v.startsWith('-') || v === '-') {
      if (!g.permute) break;
      operands.push(w);
      i++;
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq > 0 ? v.slice(2, eq) : v.slice(2);
      if (eq > 0) options.push([`--${name}`, v.slice(eq + 1)]);
      else if (g.long?.includes(name)) {
        options.push([`--${name}`, argv[i + 1]?.value]);
        i++;
      } else options.push([`--${name}`, '']);
      i++;
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const c = v[k] as string;
      if (g.short?.includes(c)) {
        const rest = v.slice(k + 1);
        if (rest) options.push([`-${c}`, rest]);
        else {
          options.push([`-${c}`, argv[i + 1]?.value]);
          i++;
        }
        break;
      }
      if (g.shortOptional?.includes(c)) {
        options.push([`-${c}`, v.slice(k + 1)]);
        break;
      }
      options.push([`-${c}`, '']);
    }
    i++;
  }
  return { options, next: i, operands };
}

/** The last value given to any of the named options; undefined when none was given (or its value is not known). */
function opt(p: Parsed, ...names: string[]): string | undefined {
  let found: string | undefined;
  for (const [n, v] of p.options) if (names.includes(n)) found = v;
  return found;
}

function has(p: Parsed, ...names: string[]): boolean {
  return p.options.some(([n]) => names.includes(n));
}

/** A user named by a word whose value is not known (`su "$APP_USER" -c ...`), as the model writes an unknown USER. */
export const UNKNOWN_USER = '?';

/** The user an option names: undefined when the option is absent, UNKNOWN_USER when its value is not known. */
function userOption(p: Parsed, ...names: string[]): string | undefined {
  return has(p, ...names) ? (opt(p, ...names) ?? UNKNOWN_USER) : undefined;
}

/** The words from `i` on as the command, or undefined when there is none. */
function rest(argv: readonly Word[], i: number, extra: Omit<Unwrapped, 'argv'> = {}): Unwrapped | undefined {
  return i < argv.length ? { ...extra, argv: argv.slice(i) } : undefined;
}

const NAME_VALUE = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

/** `NAME=value` words from `i` on (env, sudo): the assignments and the index after them. */
function assignments(argv: readonly Word[], i: number): { assign: Array<[string, string]>; next: number } {
  const assign: Array<[string, string]> = [];
  let k = i;
  for (; k < argv.length; k++) {
    const m = NAME_VALUE.exec(argv[k]?.value ?? '');
    if (!m) break;
    assign.push([m[1] as string, m[2] as string]);
  }
  return { assign, next: k };
}

/**
 * Grammars, from each tool's getopt string: GNU coreutils (env, nice,
 * timeout, stdbuf, chroot, time), util-linux (su, runuser, setpriv, flock,
 * ionice, chrt, taskset, setsid), findutils (xargs), sudo and bash builtins.
 */
const GRAMMARS: Record<string, Grammar> = {
  env: { short: 'uCS', long: ['unset', 'chdir', 'split-string'] },
  sudo: {
    short: 'aCcDgpRrTtUu',
    shortOptional: 'h',
    long: [
      'auth-type',
      'close-from',
      'login-class',
      'chdir',
      'group',
      'prompt',
      'chroot',
      'role',
      'type',
      'command-timeout',
      'other-user',
      'user',
    ],
  },
  su: {
    short: 'cCgGsw',
    long: ['command', 'session-command', 'group', 'supp-group', 'shell', 'whitelist-environment'],
    permute: true,
  },
  runuser: {
    short: 'cCgGswu',
    long: ['command', 'session-command', 'group', 'supp-group', 'shell', 'whitelist-environment', 'user'],
    permute: true,
  },
  setpriv: {
    long: [
      'reuid',
      'regid',
      'ruid',
      'euid',
      'rgid',
      'egid',
      'groups',
      'inh-caps',
      'ambient-caps',
      'bounding-set',
      'securebits',
      'pdeathsig',
      'selinux-label',
      'apparmor-profile',
      'landlock-access',
      'landlock-rule',
      'seccomp-filter',
      'ptracer',
    ],
  },
  chroot: { long: ['userspec', 'groups'] },
  nice: { short: 'n', long: ['adjustment'] },
  timeout: { short: 'ks', long: ['kill-after', 'signal'] },
  stdbuf: { short: 'ioe', long: ['input', 'output', 'error'] },
  ionice: { short: 'cnpPu', long: ['class', 'classdata', 'pid', 'pgid', 'uid'] },
  chrt: { short: 'DPTUX', long: ['sched-deadline', 'sched-period', 'sched-runtime'] },
  taskset: {},
  flock: { short: 'wE', long: ['wait', 'timeout', 'conflict-exit-code', 'fd'] },
  setsid: {},
  time: { short: 'fo', long: ['format', 'output'] },
  exec: { short: 'a' },
  command: {},
  builtin: {},
  nohup: {},
  unbuffer: {},
  xargs: {
    short: 'aEILnPsd',
    shortOptional: 'eil',
    long: [
      'arg-file',
      'delimiter',
      'max-args',
      'max-lines',
      'max-procs',
      'max-chars',
      'process-slot-var',
      'eof',
    ],
  },
};

/** A word whose value is only known when the command runs (an argument `xargs` or `find` supplies). */
const RUNTIME: Word = { value: undefined, raw: '' };

/** `find`'s `{}` in a word: the word is a path known only at run time. */
function findArgument(w: Word): Word {
  return w.value?.includes('{}') ? { value: undefined, raw: w.raw } : w;
}

/**
 * The command a wrapper runs, or undefined when `argv` is not a wrapper (or
 * runs nothing this reader can follow).
 */
export function unwrap(argv: readonly Word[]): Unwrapped | undefined {
  const cmd = commandBase(argv[0]?.value);
  if (cmd === undefined) return undefined;
  const g = GRAMMARS[cmd];
  switch (cmd) {
    case 'env': {
      const p = parse(argv, 1, g as Grammar);
      // `-S` splits a string into arguments: not followed.
      if (has(p, '-S', '--split-string')) return undefined;
      let next = p.next;
      // A lone `-` right after the options is `-i`.
      const dash = argv[next]?.value === '-';
      if (dash) next++;
      const { assign, next: after } = assignments(argv, next);
      const chdir = opt(p, '-C', '--chdir');
      return rest(argv, after, {
        clearEnv: dash || has(p, '-i', '--ignore-environment'),
        unset: p.options.filter(([n]) => n === '-u' || n === '--unset').map(([, v]) => v ?? ''),
        assign,
        ...(has(p, '-C', '--chdir') ? { cwd: chdir ?? null } : {}),
      });
    }
    case 'sudo': {
      const p = parse(argv, 1, g as Grammar);
      // sudoedit, listing, validating and the version print run no command.
      if (has(p, '-e', '--edit', '-l', '--list', '-v', '--validate', '-V', '--version', '-K'))
        return undefined;
      const { assign, next } = assignments(argv, p.next);
      let user = userOption(p, '-u', '--user') ?? 'root';
      // `-u '#1000'`: a numeric uid.
      if (/^#\d+$/.test(user)) user = user.slice(1);
      const login = has(p, '-i', '--login');
      const chdir = opt(p, '-D', '--chdir');
      // With sudoers' default env_reset, HOME is the target user's (sudoers(5), "Command environment");
      // `-H` asks for it and `-i` gives a login environment in the user's home folder (sudo(8)).
      return rest(argv, next, {
        user,
        userEnv: login ? 'login' : 'home',
        assign,
        ...(has(p, '-D', '--chdir') ? { cwd: chdir ?? null } : {}),
      });
    }
    case 'su':
    case 'runuser':
      return suLike(cmd, argv);
    case 'gosu':
    case 'su-exec':
      // gosu and su-exec both set HOME from the user's passwd entry (tianon/gosu main.go and
      // setup-user.go; ncopa/su-exec su-exec.c).
      return argv.length > 2
        ? { argv: argv.slice(2), user: argv[1]?.value ?? UNKNOWN_USER, userEnv: 'home' }
        : undefined;
    case 'setpriv': {
      const p = parse(argv, 1, g as Grammar);
      if (has(p, '-d', '--dump')) return undefined;
      const uid = userOption(p, '--reuid', '--euid');
      const gid = userOption(p, '--regid', '--egid');
      const extra: Omit<Unwrapped, 'argv'> = {};
      if (uid !== undefined) extra.user = gid !== undefined ? `${uid}:${gid}` : uid;
      // Only `--reset-env` touches the environment (util-linux setpriv.c, do_reset_environ); without it
      // HOME stays the caller's.
      if (has(p, '--reset-env')) {
        extra.user ??= 'root';
        extra.userEnv = 'reset';
      }
      return rest(argv, p.next, extra);
    }
    case 'chroot': {
      const p = parse(argv, 1, g as Grammar);
      const root = argv[p.next]?.value;
      // Only a chroot into `/` keeps paths as written: it is a way to change user.
      if (root === undefined || root.replace(/\/+/g, '/') !== '/') return undefined;
      const spec = userOption(p, '--userspec');
      const user = spec === undefined || spec.startsWith(':') ? undefined : spec;
      return rest(argv, p.next + 1, {
        ...(user !== undefined ? { user } : {}),
        ...(has(p, '--skip-chdir') ? {} : { cwd: '/' }),
      });
    }
    case 'command': {
      const p = parse(argv, 1, g as Grammar);
      // `command -v NAME` and `-V` describe NAME without running it.
      if (has(p, '-v', '-V')) return undefined;
      return rest(argv, p.next, { sameShell: true });
    }
    case 'exec':
    case 'builtin':
      return rest(argv, parse(argv, 1, g as Grammar).next, { sameShell: true });
    case 'nice':
    case 'nohup':
    case 'setsid':
    case 'stdbuf':
    case 'unbuffer':
    case 'time':
      return rest(argv, parse(argv, 1, g as Grammar).next);
    case 'timeout': {
      // timeout [OPTION] DURATION COMMAND [ARG]...
      const p = parse(argv, 1, g as Grammar);
      return rest(argv, p.next + 1);
    }
    case 'ionice': {
      const p = parse(argv, 1, g as Grammar);
      // With -p, -P or -u it changes running processes instead.
      if (has(p, '-p', '--pid', '-P', '--pgid', '-u', '--uid')) return undefined;
      return rest(argv, p.next);
    }
    case 'chrt': {
      const p = parse(argv, 1, g as Grammar);
      if (has(p, '-p', '--pid', '-m', '--max')) return undefined;
      // A priority comes first when it is a number and a command follows (util-linux chrt.c).
      const first = argv[p.next]?.value;
      const skip = first !== undefined && /^\d+$/.test(first) && p.next + 1 < argv.length ? 1 : 0;
      return rest(argv, p.next + skip);
    }
    case 'taskset': {
      // taskset [-a] [-c] MASK COMMAND [ARG]...; -p changes a running process.
      const p = parse(argv, 1, g as Grammar);
      if (has(p, '-p', '--pid')) return undefined;
      return rest(argv, p.next + 1);
    }
    case 'flock': {
      // flock [OPTION] FILE COMMAND [ARG]... or flock [OPTION] FILE -c SCRIPT (util-linux flock.c).
      const p = parse(argv, 1, g as Grammar);
      if (has(p, '-c', '--command', '--fd', '-u', '--unlock')) return undefined;
      const next = p.next + 1;
      const after = argv[next]?.value;
      if (after === '-c' || after === '--command') {
        const script = argv[next + 1]?.value;
        return script === undefined ? undefined : { argv: [], script };
      }
      return rest(argv, next);
    }
    case 'xargs':
      return xargs(argv);
    case 'find':
      return findExec(argv);
    default: {
      if (!isShellName(cmd)) return undefined;
      // sh -c 'script' [name args...]; sh -e -c ...; bash -lc ...; bash -o pipefail -c ...; sh +x -c ...
      for (let i = 1; i < argv.length; i++) {
        const v = argv[i]?.value;
        if (v === undefined || !/^[-+]/.test(v)) return undefined;
        if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(v)) {
          const s = argv[i + 1]?.value;
          return s === undefined ? undefined : { argv: [], script: s };
        }
        // `-o OPTION` and bash's `-O SHOPT` take the next word.
        if (/^[-+][oO]$/.test(v)) i++;
      }
      return undefined;
    }
  }
}

/**
 * util-linux su and runuser (login-utils/su-common.c; BusyBox su reads the
 * same options). `su [options] [-] [USER [ARG...]]`, with `-c SCRIPT` for the
 * user's shell; `runuser -u USER [--] COMMAND` runs a command directly. su
 * sets HOME and SHELL (and USER and LOGNAME for a user other than root)
 * unless `-m`/`-p` keeps the environment; `-`, `-l` or `--login` gives a
 * login environment and starts in the user's home folder.
 */
function suLike(cmd: 'su' | 'runuser', argv: readonly Word[]): Unwrapped | undefined {
  const g = GRAMMARS[cmd] as Grammar;
  const runuserUser = cmd === 'runuser' ? runuserCommand(argv, g) : undefined;
  if (runuserUser) return runuserUser;
  const p = parse(argv, 1, g);
  const operands = [...p.operands];
  let login = has(p, '-l', '--login');
  if (operands[0]?.value === '-') {
    login = true;
    operands.shift();
  }
  const userWord = operands.shift();
  const user = userWord === undefined ? 'root' : (userWord.value ?? UNKNOWN_USER);
  const script = opt(p, '-c', '--command', '-C', '--session-command');
  if (script === undefined) return undefined;
  // A shell given with -s runs the script; one that is not a POSIX shell is not read.
  const shell = opt(p, '-s', '--shell');
  if (has(p, '-s', '--shell') && !isShellName(shell)) return undefined;
  const keep = has(p, '-m', '-p', '--preserve-environment');
  const userEnv: UserEnv | undefined = login ? 'login' : keep ? undefined : 'home';
  return { argv: [], script, user, ...(userEnv ? { userEnv } : {}) };
}

/** `runuser -u USER [--] COMMAND [ARG...]`: options end at the command. */
function runuserCommand(argv: readonly Word[], g: Grammar): Unwrapped | undefined {
  const p = parse(argv, 1, { ...g, permute: false });
  const user = userOption(p, '-u', '--user');
  if (user === undefined) return undefined;
  const keep = has(p, '-m', '-p', '--preserve-environment');
  return rest(argv, p.next, { user, ...(keep ? {} : { userEnv: 'home' as const }) });
}

/**
 * GNU findutils xargs: the command as written (default `echo`) with the
 * arguments read from input appended, or put where `-I R` (`-i`, `--replace`)
 * names R. Those arguments are known only at run time.
 */
function xargs(argv: readonly Word[]): Unwrapped | undefined {
  const p = parse(argv, 1, GRAMMARS.xargs as Grammar);
  // Printing the limits runs nothing.
  if (has(p, '--show-limits')) return undefined;
  let replace: string | undefined;
  for (const [n, v] of p.options) {
    if (n === '-I') replace = v;
    else if (n === '-i' || n === '--replace') replace = v || '{}';
  }
  const words = p.next < argv.length ? argv.slice(p.next) : [{ value: 'echo', raw: 'echo' }];
  if (replace === undefined) return { argv: [...words, RUNTIME] };
  const r = replace;
  return {
    argv: words.map((w, i) =>
      i > 0 && (w.value === undefined || w.value.includes(r)) ? { ...RUNTIME, raw: w.raw } : w,
    ),
  };
}

/**
 * `find ... -exec CMD ARG... ;` (or `{} +`), `-execdir`, `-ok`, `-okdir`:
 * every action's command, with `{}` standing for paths known only at run
 * time. `-execdir` and `-okdir` run in each file's folder.
 */
function findExec(argv: readonly Word[]): Unwrapped | undefined {
  const actions: Unwrapped[] = [];
  for (let i = 1; i < argv.length; i++) {
    const v = argv[i]?.value;
    if (v !== '-exec' && v !== '-execdir' && v !== '-ok' && v !== '-okdir') continue;
    let end = i + 1;
    while (end < argv.length) {
      const e = argv[end]?.value;
      if (e === ';' || (e === '+' && argv[end - 1]?.value === '{}')) break;
      end++;
    }
    if (end >= argv.length) break;
    const words = argv.slice(i + 1, end).map((w, k) => (k === 0 ? w : findArgument(w)));
    if (words.length) actions.push({ argv: words, ...(v.endsWith('dir') ? { cwd: null } : {}) });
    i = end;
  }
  const [first, ...more] = actions;
  return first ? { ...first, ...(more.length ? { also: more } : {}) } : undefined;
}
