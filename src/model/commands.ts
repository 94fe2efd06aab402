/**
 * The commands each RUN executes and the user it executes them as, read on
 * demand and kept per model: a transform asks only for the RUNs it looks at.
 */

import type { TextEdit } from '../edits.js';
import {
  commandBase,
  isShellName,
  type ShellReader,
  type ShellStart,
  type SimpleCommand,
} from '../shell/reader.js';
import {
  type BuildEnv,
  type DockerfileModel,
  type Instruction,
  lookupIn,
  type RunInstruction,
  type Stage,
} from './dockerfile.js';

export interface UserInfo {
  /** USER as written (`node`, `1000:1000`); `root` when none is set. */
  spec: string;
  root: boolean;
  uid: number | undefined;
  gid: number | undefined;
  home: string | undefined;
}

const ROOT: UserInfo = { spec: 'root', root: true, uid: 0, gid: 0, home: '/root' };

export class RunReader {
  private readonly cache = new Map<RunInstruction, SimpleCommand[] | null>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly shell: () => ShellReader,
  ) {}

  /** Whether the body of a RUN is shell script this tool can read (a POSIX shell, not PowerShell or cmd). */
  readable(run: RunInstruction): boolean {
    if (run.exec) return true;
    return isShellName(run.env.shell[0]);
  }

  /** The commands a RUN executes, in order; null when its body cannot be read. */
  commands(run: RunInstruction): SimpleCommand[] | null {
    let cmds = this.cache.get(run);
    if (cmds === undefined) {
      cmds = this.read(run);
      this.cache.set(run, cmds);
    }
    return cmds;
  }

  private read(run: RunInstruction): SimpleCommand[] | null {
    if (!this.readable(run)) return null;
    const start = this.shellStart(run);
    if (run.exec) return this.shell().readArgv(run.exec, start, [run.command.offset(0), run.command.end]);
    const text = run.command.text;
    if (run.heredocs.length) {
      const first = run.heredocs[0];
      // `RUN <<EOF` or `RUN <<EOF bash -e`: the heredoc body is the script.
      const m = /^\s*<<-?\s*(["']?)([A-Za-z0-9_.-]+)\1(\s+(\S+)(\s+-\S+)*)?\s*$/.exec(text);
      if (m && first && m[2] === first.name) {
        const interpreter = m[4];
        if (interpreter !== undefined && !isShellName(interpreter)) return [];
        const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(first.content);
        if (shebang) {
          const prog = shebang[1]?.endsWith('/env') ? shebang[2] : shebang[1];
          if (!isShellName(prog)) return [];
        }
        return this.shell().read(first.content, start, (i) => first.contentStart + i);
      }
    }
    const cmds = this.shell().read(text, start, (i) => run.command.offset(i));
    for (const cmd of cmds) if (cmd.removal) cmd.removal = keepComments(this.model, run, cmd.removal);
    return cmds;
  }

  shellStart(run: RunInstruction): ShellStart {
    const lookup = lookupIn(run.env);
    const user = this.userOf(run);
    return {
      cwd: run.env.workdir,
      env: (name) => {
        const v = lookup(name);
        if (name === 'HOME' && v === undefined) return user.home ?? null;
        return v;
      },
      unsetByDefault: lookup.unsetByDefault,
      // The home folder from the user's account, whatever ENV says of HOME: a wrapper that switches
      // user (`su`, `gosu`) sets HOME from the account.
      home: (spec) =>
        this.resolveUser({ ...run.env, user: spec }, run.stage, accountsBefore(run)).home ?? null,
    };
  }

  /** The user an instruction runs as, with what is known of its ids and HOME. */
  userOf(ins: Instruction): UserInfo {
    const info = this.resolveUser(ins.env, ins.stage, accountsBefore(ins));
    const home = lookupIn(ins.env)('HOME');
    return home === undefined ? info : { ...info, home: home ?? undefined };
  }

  /**
   * The user a command of a RUN runs as: the one a wrapper switched to
   * (`su node -c`, `sudo -u`, `gosu`), else the RUN's. Its home is the HOME
   * the command sees, which the wrapper may have set or left alone
   * (`setpriv --reuid` keeps the caller's).
   */
  userOfCommand(run: RunInstruction, cmd: SimpleCommand): UserInfo {
    const info =
      cmd.user === undefined
        ? this.userOf(run)
        : this.resolveUser({ ...run.env, user: cmd.user }, run.stage, accountsBefore(run));
    const home = cmd.env('HOME');
    if (typeof home === 'string') return { ...info, home };
    return home === null ? { ...info, home: undefined } : info;
  }

  private resolveUser(env: BuildEnv, stage: Stage | undefined, before: number): UserInfo {
    const spec = env.user;
    if (spec === undefined || spec === '') return ROOT;
    const [name = '', group] = spec.split(':');
    let read: Accounts | undefined;
    const accounts = () => {
      read ??= this.accounts(stage, before);
      return read;
    };
    if (name === 'root' || name === '0') {
      const gid = group === undefined ? 0 : groupId(group, stage, accounts);
      return { ...ROOT, spec, gid };
    }
    const known = knownUser(name, stage, accounts);
    const gid = group !== undefined ? groupId(group, stage, accounts) : known?.gid;
    if (/^\d+$/.test(name)) {
      const uid = Number(name);
      return { spec, root: false, uid, gid, home: known?.home };
    }
    return { spec, root: false, uid: known?.uid, gid, home: known?.home };
  }

  /** Users and groups that `useradd`/`groupadd` and kin created in the stage chain before an instruction. */
  private accounts(stage: Stage | undefined, before: number): Accounts {
    const users = new Map<string, Account>();
    const groups = new Map<string, number>();
    const chain = stage ? this.model.chain(stage).reverse() : [];
    for (const s of chain) {
      for (const run of this.accountRuns(s)) {
        if (run.index >= before) break;
        for (const cmd of this.commands(run) ?? []) readAccountCommand(cmd, users, groups);
      }
    }
    return { users, groups };
  }

  private readonly accountRunsByStage = new Map<Stage, RunInstruction[]>();

  /** A stage's RUNs whose text names an account command, found once per stage. */
  private accountRuns(stage: Stage): RunInstruction[] {
    let runs = this.accountRunsByStage.get(stage);
    if (!runs) {
      runs = stage.instructions.filter(
        (ins): ins is RunInstruction =>
          ins.keyword === 'RUN' &&
          /\b(user|group)add\b|\badd(user|group)\b/.test(
            (ins as RunInstruction).command.text +
              (ins as RunInstruction).heredocs.map((h) => h.content).join('\n'),
          ),
      );
      this.accountRunsByStage.set(stage, runs);
    }
    return runs;
  }
}

/**
 * The instruction index before which a stage's account commands count: an
 * `ONBUILD RUN` trigger runs after the whole stage, in the image built FROM it.
 */
function accountsBefore(ins: Instruction): number {
  return (ins as RunInstruction).onbuild ? Number.POSITIVE_INFINITY : ins.index;
}

type Account = { uid?: number; gid?: number; home?: string };
interface Accounts {
  users: Map<string, Account>;
  groups: Map<string, number>;
}

function groupId(group: string, stage: Stage | undefined, accounts: () => Accounts): number | undefined {
  if (/^\d+$/.test(group)) return Number(group);
  if (group === 'root') return 0;
  return accounts().groups.get(group) ?? knownUser(group, stage, accounts)?.gid;
}

/** A user from `useradd`/`adduser` in this stage chain, or from the base image. */
function knownUser(name: string, stage: Stage | undefined, accounts: () => Accounts): Account | undefined {
  const { users } = accounts();
  if (/^\d+$/.test(name)) {
    for (const u of users.values()) if (u.uid === Number(name)) return u;
    for (const u of Object.values(stage?.baseImage?.users ?? {})) if (u.uid === Number(name)) return u;
    return undefined;
  }
  return users.get(name) ?? stage?.baseImage?.users?.[name];
}

const num = (v: string | undefined): number | undefined =>
  v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;

/** Reads `useradd`, `adduser`, `groupadd` and `addgroup` (shadow-utils, Debian and BusyBox spellings). */
function readAccountCommand(
  cmd: SimpleCommand,
  users: Map<string, Account>,
  groups: Map<string, number>,
): void {
  const name = commandBase(cmd.name);
  if (!name || !/^(useradd|adduser|groupadd|addgroup)$/.test(name)) return;
  const words = cmd.argv.slice(1).map((w) => w.value);
  // Options that take a value, per command; long options may also use `--opt=value`.
  const valueOptions: Record<string, string[]> = {
    useradd: [
      '-u',
      '--uid',
      '-g',
      '--gid',
      '-d',
      '--home-dir',
      '-s',
      '--shell',
      '-c',
      '--comment',
      '-G',
      '--groups',
      '-k',
      '--skel',
      '-e',
      '-f',
      '-K',
      '-p',
      '--password',
      '-b',
      '--base-dir',
      '-R',
      '--root',
      '-Z',
    ],
    adduser: [
      '-u',
      '--uid',
      '-G',
      '--gid',
      '--ingroup',
      '-h',
      '--home',
      '-s',
      '--shell',
      '-g',
      '--gecos',
      '-k',
      '--firstuid',
      '--lastuid',
      '--conf',
      '--comment',
    ],
    groupadd: ['-g', '--gid', '-K', '-p', '-R'],
    addgroup: ['-g', '--gid', '--conf'],
  };
  const takes = valueOptions[name] ?? [];
  const opts = new Map<string, string | undefined>();
  const positionals: Array<string | undefined> = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w?.startsWith('-') && w.length > 1) {
      const eq = w.indexOf('=');
      if (w.startsWith('--') && eq > 0) opts.set(w.slice(0, eq), w.slice(eq + 1));
      else if (takes.includes(w)) opts.set(w, words[++i]);
      else opts.set(w, '');
      continue;
    }
    positionals.push(w);
  }
  const login = positionals[0];
  if (login === undefined) return;
  if (name === 'groupadd' || (name === 'addgroup' && positionals.length === 1)) {
    const gid = num(opts.get('-g') ?? opts.get('--gid'));
    if (gid !== undefined) groups.set(login, gid);
    return;
  }
  if (name === 'addgroup' || (name === 'adduser' && positionals.length > 1)) return; // adding a user to a group
  const uid = num(opts.get('-u') ?? opts.get('--uid'));
  let gid: number | undefined;
  const groupOpt =
    name === 'useradd'
      ? (opts.get('-g') ?? opts.get('--gid'))
      : (opts.get('--gid') ?? opts.get('--ingroup') ?? opts.get('-G'));
  if (groupOpt !== undefined) gid = num(groupOpt) ?? groups.get(groupOpt);
  const home =
    name === 'useradd' ? (opts.get('-d') ?? opts.get('--home-dir')) : (opts.get('--home') ?? opts.get('-h'));
  users.set(login, { uid, gid, home: home ?? `/home/${login}` });
}

/**
 * A command's removal that spans comment lines inside the RUN's line
 * continuation keeps them: those lines are not part of the script (BuildKit
 * drops them before joining the lines), so the shell reader's edit runs over
 * them. Removing the RUN's last command ends the instruction before them and
 * leaves them as comments of their own (without their continuation mark,
 * meaningless there); removing an earlier one keeps them inside the
 * continuation, before the next command.
 */
function keepComments(model: DockerfileModel, run: RunInstruction, edit: TextEdit): TextEdit {
  const doc = model.text;
  const removed = doc.slice(edit.start, edit.end);
  if (!removed.includes('\n')) return edit;
  const lines = removed.split('\n');
  const middle = lines.slice(1, -1).map((l) => l.replace(/\r$/, ''));
  const comments = middle.filter((l) => /^[ \t]*#/.test(l));
  if (comments.length === 0) return edit;
  const eol = removed.includes('\r\n') ? '\r\n' : '\n';
  const esc = model.escape;
  const restOfLine = doc.slice(edit.end, lineEnd(doc, edit.end));
  const last = edit.end >= run.end || (/^[ \t]*\r?$/.test(restOfLine) && lineEnd(doc, edit.end) >= run.end);
  if (last) {
    const bare = comments.map((c) =>
      c.replace(new RegExp(`[ \\t]*${esc === '`' ? '`' : '\\\\'}[ \\t]*$`), ''),
    );
    return { ...edit, text: `${edit.text}${eol}${bare.join(eol)}` };
  }
  const indent = /^[ \t]*/.exec(lines[lines.length - 1] as string)?.[0] ?? '';
  return { ...edit, text: `${edit.text}${esc}${eol}${comments.join(eol)}${eol}${indent}` };
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}
