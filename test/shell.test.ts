import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunReader } from '../src/model/commands.js';
import { DockerfileModel, type RunInstruction } from '../src/model/dockerfile.js';
import { loadShellParser } from '../src/shell/loader.js';
import { ShellReader, type ShellStart, type SimpleCommand } from '../src/shell/reader.js';

let reader: ShellReader;
beforeAll(async () => {
  await loadShellParser();
  reader = new ShellReader();
});

const start = (env: Record<string, string> = {}, cwd = '/app'): ShellStart => ({
  cwd,
  env: (n) => (n in env ? env[n] : n === 'HOME' ? '/root' : undefined),
});
const read = (script: string, env?: Record<string, string>) => reader.read(script, start(env), (i) => i);
const argv = (c: SimpleCommand | undefined) => c?.argv.map((w) => w.value);

describe('shell reader', () => {
  test('&&, ||, ; and newlines give commands in order', () => {
    const cmds = read('set -eux; apt-get update && pip install a || true\necho done');
    expect(cmds.map((c) => c.name)).toEqual(['set', 'apt-get', 'pip', 'true', 'echo']);
  });

  test('quotes are removed and known variables expanded', () => {
    const [c] = read(`pip install "a b" 'c' d$HOME \${X:-/y} --target=$T`, { T: '/t' });
    expect(argv(c)).toEqual(['pip', 'install', 'a b', 'c', 'd/root', '/y', '--target=/t']);
  });

  test('unknown expansions leave the word unknown', () => {
    const [c] = read('pip install --target=$(pwd)/x $NOPE');
    expect(argv(c)).toEqual(['pip', 'install', undefined, undefined]);
  });

  test('cd changes the working folder for later commands; subshells and pipelines keep their own', () => {
    const cmds = read(
      'cd frontend && npm ci; (cd /other && yarn) | tee log; npm run build; cd ~ && pwd; cd - && ls',
    );
    const cwd = Object.fromEntries(cmds.map((c) => [`${c.name}#${c.index}`, c.cwd]));
    expect(cwd).toEqual({
      'cd#0': '/app',
      'npm#1': '/app/frontend',
      'cd#2': '/app/frontend',
      'yarn#3': '/other',
      'tee#4': '/app/frontend',
      'npm#5': '/app/frontend',
      'cd#6': '/app/frontend',
      'pwd#7': '/root',
      'cd#8': '/root',
      'ls#9': undefined,
    });
  });

  test('VAR=x prefixes, export and activate feed the environment', () => {
    const cmds = read(
      'PIP_TARGET=/t pip install a; export A=1 B; B=2; pip x; . /opt/venv/bin/activate && pip y; C=3 env D=4 pip z',
    );
    const [first, second, third, fourth] = cmds.filter((c) => c.name === 'pip');
    expect(first?.env('PIP_TARGET')).toBe('/t');
    expect(second?.env('PIP_TARGET')).toBeUndefined();
    expect(second?.env('A')).toBe('1');
    expect(second?.env('B')).toBe('2');
    expect(third?.env('VIRTUAL_ENV')).toBe('/opt/venv');
    expect(third?.env('PATH')).toMatch(/^\/opt\/venv\/bin/);
    expect(fourth?.env('C')).toBe('3');
    expect(fourth?.env('D')).toBe('4');
  });

  test('wrappers are taken off: sudo -u, env, exec, sh -c', () => {
    const cmds = read(`sudo -u app -H npm ci && exec env -i X=1 yarn && sh -c "cd /s && pnpm i"`);
    expect(cmds.map((c) => [c.name, c.user, c.cwd])).toEqual([
      ['npm', 'app', '/app'],
      ['yarn', undefined, '/app'],
      ['cd', undefined, '/app'],
      ['pnpm', undefined, '/s'],
    ]);
  });

  test('if, for, case and a heredoc used as data', () => {
    const cmds = read(
      'if [ -f x ]; then yarn; else npm ci; fi\nfor p in a b; do pip install $p; done\ncat <<EOF > /f\nnot a command\nEOF\ncase $X in a) pnpm i;; esac',
    );
    expect(cmds.map((c) => c.name)).toEqual(['yarn', 'npm', 'pip', 'cat', 'pnpm']);
  });

  test('CRLF line endings are read like LF', () => {
    const cmds = read('npm ci \\\r\n  --omit=dev\r\npip install x\r\n');
    expect(argv(cmds[0])).toEqual(['npm', 'ci', '--omit=dev']);
    expect(argv(cmds[1])).toEqual(['pip', 'install', 'x']);
  });

  test('offsets map back into the document', () => {
    const [, c] = reader.read('a; pip install x', start(), (i) => i + 100);
    expect(c?.start).toBe(103);
    expect(c?.end).toBe(116);
  });
});

describe('RUN bodies', () => {
  const commandsOf = (text: string) => {
    const model = new DockerfileModel(text);
    const runs = new RunReader(model, () => reader);
    return model.runs().map((r) => runs.commands(r)?.map((c) => c.name));
  };

  test('shell form, exec form, sh -c in exec form, heredoc script and heredoc data', () => {
    expect(
      commandsOf(
        'FROM x\nRUN cd a && npm ci\nRUN ["pip", "install", "x"]\nRUN ["/bin/sh", "-c", "yarn && pnpm i"]\nRUN <<EOF\nset -e\nnpm ci\nEOF\nRUN python3 <<EOF\nimport os\nEOF\nRUN cat <<EOF > /etc/x && pip install y\ndata\nEOF\n',
      ),
    ).toEqual([['cd', 'npm'], ['pip'], ['yarn', 'pnpm'], ['set', 'npm'], ['python3'], ['cat', 'pip']]);
  });

  test('comment lines inside a continuation do not split a command', () => {
    expect(commandsOf('FROM x\nRUN pip install \\\n  # pinned\n  --target=/x uwsgi\n')).toEqual([['pip']]);
  });

  test('a non-POSIX SHELL is not read', () => {
    expect(commandsOf('FROM x\nSHELL ["powershell", "-Command"]\nRUN npm ci\n')).toEqual([undefined]);
  });
});

describe('wrappers that run a command', () => {
  const cmds = (script: string, env?: Record<string, string>) => read(script, env);
  /** The one command a wrapper runs: its argv, folder and user. */
  const inner = (script: string) => {
    const all = cmds(script);
    expect(all).toHaveLength(1);
    return { argv: argv(all[0]), cwd: all[0]?.cwd, user: all[0]?.user };
  };

  test.each([
    ['xargs pip install --target /deps'],
    ['cat reqs.txt | xargs pip install --target /deps'],
    ['xargs -a reqs.txt pip install --target /deps'],
    ['xargs --arg-file=reqs.txt pip install --target /deps'],
    ['xargs -0 -r pip install --target /deps'],
    ['xargs -n 1 pip install --target /deps'],
    ['xargs -n1 -P4 pip install --target /deps'],
    ['xargs --max-args=1 --no-run-if-empty pip install --target /deps'],
    ['xargs -d "\\n" pip install --target /deps'],
  ])('%s: the tool with its flags, and the arguments read at run time', (script) => {
    const all = cmds(script);
    const pip = all.find((c) => c.name === 'pip');
    expect(argv(pip)).toEqual(['pip', 'install', '--target', '/deps', undefined]);
    expect(pip?.cwd).toBe('/app');
  });

  test.each([
    ['xargs -I{} pip install --target /deps {}', ['pip', 'install', '--target', '/deps', undefined]],
    ['xargs -I {} pip install --target=/deps "{}"', ['pip', 'install', '--target=/deps', undefined]],
    ['xargs -i pip install --target /deps {}', ['pip', 'install', '--target', '/deps', undefined]],
    ['xargs -I% pip install --target /deps pkg==%', ['pip', 'install', '--target', '/deps', undefined]],
    ['xargs --replace=@ pip install -t /deps @', ['pip', 'install', '-t', '/deps', undefined]],
    ['xargs', ['echo', undefined]],
  ])('%s: the replaced words are known at run time only', (script, want) => {
    expect(inner(script).argv).toEqual(want);
  });

  test.each([
    ['find . -name req.txt -exec pip install --target /deps -r {} +'],
    ['find . -name req.txt -exec pip install --target /deps -r {} \\;'],
    ["find . -name req.txt -exec pip install --target /deps -r '{}' ';'"],
    ['find -L /src -type f -ok pip install --target /deps -r {} \\;'],
  ])('%s: the -exec command, {} known at run time only', (script) => {
    expect(inner(script)).toEqual({
      argv: ['pip', 'install', '--target', '/deps', '-r', undefined],
      cwd: '/app',
      user: undefined,
    });
  });

  test('-execdir runs in folders known at run time; each action is a command', () => {
    const all = cmds('find . -name package.json -execdir npm ci \\; -exec pip install -r {} \\; -print');
    expect(all.map((c) => [argv(c), c.cwd])).toEqual([
      [['npm', 'ci'], undefined],
      [['pip', 'install', '-r', undefined], '/app'],
    ]);
  });

  test('find without -exec, and an unterminated -exec, stay find', () => {
    expect(cmds('find . -name "*.pyc" -delete; find . -exec pip install').map((c) => c.name)).toEqual([
      'find',
      'find',
    ]);
  });

  test.each([
    ['env A=1 pip install x', { A: '1', B: 'b' }, '/app'],
    ['env -i A=1 pip install x', { A: '1', B: undefined }, '/app'],
    ['env - A=1 pip install x', { A: '1', B: undefined }, '/app'],
    ['env -u B pip install x', { A: undefined, B: undefined }, '/app'],
    ['env --unset=B A=1 pip install x', { A: '1', B: undefined }, '/app'],
    ['env -C sub pip install x', { A: undefined, B: 'b' }, '/app/sub'],
    ['env --chdir=/srv pip install x', { A: undefined, B: 'b' }, '/srv'],
  ])('%s', (script, vars, cwd) => {
    const [c] = cmds(script, { B: 'b' });
    expect(argv(c)).toEqual(['pip', 'install', 'x']);
    expect({ A: c?.env('A'), B: c?.env('B') }).toEqual(vars);
    expect(c?.cwd).toBe(cwd);
  });

  test.each([
    ['nice -n 5 pip install x'],
    ['nice -n5 pip install x'],
    ['nice -10 pip install x'],
    ['nice --adjustment=5 pip install x'],
    ['time -p pip install x'],
    ['time -f %e -o /tmp/t pip install x'],
    ['command -p pip install x'],
    ['exec -a name pip install x'],
    ['builtin pip install x'],
    ['timeout 60 pip install x'],
    ['timeout -s KILL 5m pip install x'],
    ['timeout --signal=KILL -k 10 5m pip install x'],
    ['nohup pip install x'],
    ['stdbuf -oL pip install x'],
    ['stdbuf -o L -e0 pip install x'],
    ['ionice -c3 pip install x'],
    ['ionice -c 2 -n 7 pip install x'],
    ['chrt 10 pip install x'],
    ['chrt --idle 0 pip install x'],
    ['chrt -b pip install x'],
    ['taskset 0x3 pip install x'],
    ['taskset -c 0,1 pip install x'],
    ['flock /tmp/lock pip install x'],
    ['flock -x -w 30 /tmp/lock pip install x'],
    ["flock -x /tmp/lock -c 'pip install x'"],
    ['setsid -w pip install x'],
    ['nice -n 5 timeout 60 nohup pip install x'],
  ])('%s: pip install x', (script) => {
    expect(inner(script)).toEqual({ argv: ['pip', 'install', 'x'], cwd: '/app', user: undefined });
  });

  test.each([
    ["bash -o pipefail -c 'pip install x | tee log'"],
    ["sh +x -c 'pip install x'"],
    ["bash -O extglob -c 'pip install x'"],
  ])('%s: the script is read', (script) => {
    expect(argv(cmds(script)[0])).toEqual(['pip', 'install', 'x']);
  });

  test.each(['command -v pip', 'command -V pip', 'ionice -p 1', 'chrt -p 1', 'taskset -p 1', 'flock -u 9'])(
    '%s runs nothing',
    (script) => {
      const [c] = cmds(script);
      expect(c?.argv.length).toBeGreaterThan(1);
      expect(['command', 'ionice', 'chrt', 'taskset', 'flock']).toContain(c?.name);
    },
  );

  test('command and exec keep the effect of a builtin on the shell; other wrappers do not', () => {
    const all = cmds('command cd /x && a; nice cd /y && b; builtin cd /z && c');
    expect(all.filter((c) => /^[abc]$/.test(c.name ?? '')).map((c) => c.cwd)).toEqual(['/x', '/x', '/z']);
  });
});

describe('commands run as another user', () => {
  /** The commands of the last RUN, with who runs them, where, and the HOME they see. */
  const seen = (text: string, ...vars: string[]) => {
    const model = new DockerfileModel(text);
    const runs = new RunReader(model, () => reader);
    const run = model.runs().at(-1) as RunInstruction;
    return (runs.commands(run) ?? []).map((c) => {
      const u = runs.userOfCommand(run, c);
      return [c.name, c.user, c.cwd, u.uid, u.home, ...vars.map((v) => c.env(v))];
    });
  };
  const NODE = 'FROM node:20\nWORKDIR /app\nENV NPM_CONFIG_CACHE=/tmp/npm\n';

  test.each([
    [`su node -c 'npm ci'`],
    [`su node -c "npm ci"`],
    [`su -c 'npm ci' node`],
    [`su -s /bin/sh node -c 'npm ci'`],
    [`su --shell=/bin/bash node --command 'npm ci'`],
    [`su node --command='npm ci'`],
    [`su -p -c 'npm ci' node`],
  ])('%s: npm runs as node in the RUN folder, with the RUN environment', (body) => {
    const [npm] = seen(`${NODE}RUN ${body}\n`, 'NPM_CONFIG_CACHE').filter((c) => c[0] === 'npm');
    const home = body.includes('-p ') ? '/root' : '/home/node';
    expect(npm).toEqual(['npm', 'node', '/app', 1000, home, '/tmp/npm']);
  });

  test.each([
    [`su - node -c 'cd app && npm ci'`],
    [`su -l node -c 'cd app && npm ci'`],
    [`su --login node --command='cd app && npm ci'`],
    [`su -lc 'cd app && npm ci' node`],
    [`sudo -iu node sh -c 'cd app && npm ci'`],
    [`runuser -l node -c 'cd app && npm ci'`],
  ])('%s: a login environment starts in HOME and drops the RUN variables', (body) => {
    const cmds = seen(`${NODE}RUN ${body}\n`, 'NPM_CONFIG_CACHE', 'PATH');
    expect(cmds.filter((c) => c[0] !== 'sh')).toEqual([
      ['cd', 'node', '/home/node', 1000, '/home/node', undefined, null],
      ['npm', 'node', '/home/node/app', 1000, '/home/node', undefined, null],
    ]);
  });

  test.each([
    ['sudo -u node -H npm ci', 'node', '/home/node'],
    ['sudo --user=node npm ci', 'node', '/home/node'],
    ["sudo -u '#1000' npm ci", '1000', '/home/node'],
    ['sudo -E npm ci', 'root', '/root'],
    ['runuser -u node -- npm ci', 'node', '/home/node'],
    ['gosu node npm ci', 'node', '/home/node'],
    ["gosu node:node sh -c 'npm ci'", 'node:node', '/home/node'],
    ['su-exec node npm ci', 'node', '/home/node'],
    ['setpriv --reuid=node --regid=node --init-groups --reset-env npm ci', 'node:node', '/home/node'],
    ['setpriv --reuid=1000 --regid=1000 --clear-groups npm ci', '1000:1000', '/root'],
    ['chroot --userspec=node:node / npm ci', 'node:node', '/root'],
  ])('%s: npm runs as %s with HOME %s', (body, user, home) => {
    const npm = seen(`${NODE}RUN ${body}\n`).find((c) => c[0] === 'npm');
    expect(npm?.slice(1, 2)).toEqual([user]);
    expect(npm?.[4]).toBe(home);
  });

  test.each([
    [`su "$APP_USER" -c 'npm ci'`],
    [`su - $APP_USER -c 'npm ci'`],
    ['sudo -u "$APP_USER" npm ci'],
    ['runuser -u $APP_USER -- npm ci'],
    ['gosu $APP_USER npm ci'],
    ['setpriv --reuid=$APP_USER --reset-env npm ci'],
  ])('%s: a user not known runs npm, with a HOME not known', (body) => {
    const npm = seen(`FROM node:20\nARG APP_USER\nRUN ${body}\n`).find((c) => c[0] === 'npm');
    expect(npm?.slice(1)).toEqual(['?', npm?.[2], undefined, undefined]);
  });

  test('USER and LOGNAME hold the login name: not known for a uid or an unknown user; kept for root', () => {
    const users = seen(
      `FROM node:20\nARG U\nRUN su node -c a; gosu 1000 b; su "$U" -c c; su - root -c d; su root -c e\n`,
      'USER',
      'LOGNAME',
    ).map((c) => [c[0], c[5], c[6]]);
    expect(users).toEqual([
      ['a', 'node', 'node'],
      ['b', null, null],
      ['c', null, null],
      ['d', 'root', 'root'],
      ['e', undefined, undefined],
    ]);
  });

  test('sudo without -u runs as root, whatever the USER', () => {
    expect(seen('FROM node:20\nUSER node\nRUN sudo npm ci && npm ci\n')).toEqual([
      ['npm', 'root', '/', 0, '/root'],
      ['npm', undefined, '/', 1000, '/home/node'],
    ]);
  });

  test('ENV HOME does not follow the user su switches to', () => {
    expect(seen(`FROM node:20\nENV HOME=/srv\nRUN su node -c 'npm ci'\n`)).toEqual([
      ['npm', 'node', '/', 1000, '/home/node'],
    ]);
  });

  test('a user from useradd; one whose home is not known leaves HOME unknown', () => {
    expect(
      seen(
        `FROM debian\nRUN useradd -u 1001 -d /srv/w w\nRUN su w -c 'pip install x' && su x -c 'pip install y'\n`,
      ),
    ).toEqual([
      ['pip', 'w', '/', 1001, '/srv/w'],
      ['pip', 'x', '/', undefined, undefined],
    ]);
  });

  test('chroot into another root, su without -c and a shell that is not POSIX are not followed', () => {
    expect(
      seen(
        `FROM node:20\nRUN chroot /mnt npm ci; su node setup.sh; su -s /usr/bin/python3 node -c 'print(1)'\n`,
      ).map((c) => c[0]),
    ).toEqual(['chroot', 'su', 'su']);
  });

  test('the user reaches every command of the script, nested wrappers included', () => {
    expect(
      seen(
        `FROM node:20\nRUN su node -c 'npm ci && (cd sub && yarn) | tee log; sh -c "pnpm i"'; npm ci\n`,
      ).map((c) => [c[0], c[1]]),
    ).toEqual([
      ['npm', 'node'],
      ['cd', 'node'],
      ['yarn', 'node'],
      ['tee', 'node'],
      ['pnpm', 'node'],
      ['npm', undefined],
    ]);
  });
});

describe('ARG without a default in a RUN body', () => {
  const argvOf = (text: string) => {
    const model = new DockerfileModel(text);
    const runs = new RunReader(model, () => reader);
    return runs.commands(model.runs()[0] as RunInstruction)?.map(argv);
  };

  test('the forms that name their unset value take it; a plain expansion stays unknown', () => {
    expect(
      argvOf(
        'FROM python:3.12\nARG X\nRUN pip install --target=${X:-/pkgs} "${X-/b}" /c${X:+/x} $X ${X} "${X:?e}"\n',
      ),
    ).toEqual([['pip', 'install', '--target=/pkgs', '/b', '/c', undefined, undefined, undefined]]);
  });

  test('a value the script gives the variable wins', () => {
    expect(argvOf('FROM python:3.12\nARG X\nRUN X=/s; pip install --target=${X:-/pkgs}\n')).toEqual([
      ['pip', 'install', '--target=/s'],
    ]);
  });

  test('the command sees the ARG as unknown, as before', () => {
    const model = new DockerfileModel('FROM python:3.12\nARG PIP_TARGET\nRUN pip install x\n');
    const [cmd] = new RunReader(model, () => reader).commands(model.runs()[0] as RunInstruction) ?? [];
    expect(cmd?.env('PIP_TARGET')).toBeNull();
  });
});

describe('users', () => {
  const userOf = (text: string) => {
    const model = new DockerfileModel(text);
    const runs = new RunReader(model, () => reader);
    const last = model.runs().at(-1);
    if (!last) throw new Error('no RUN');
    return runs.userOf(last);
  };

  test('the trigger runs as the USER the stage ends with, accounts created after the ONBUILD line included', () => {
    const m = new DockerfileModel(
      'FROM debian\nONBUILD RUN --mount=type=cache,target=/home/app/.npm npm ci\nRUN useradd -u 1001 app\nUSER app\n',
    );
    const runs = new RunReader(m, () => reader);
    const [t] = m.onbuildRuns();
    expect(runs.userOf(t as RunInstruction)).toMatchObject({ spec: 'app', uid: 1001, home: '/home/app' });
  });

  test('root by default; ENV HOME moves HOME', () => {
    expect(userOf('FROM x\nRUN a\n')).toMatchObject({ root: true, uid: 0, home: '/root' });
    expect(userOf('FROM x\nENV HOME=/h\nRUN a\n')).toMatchObject({ root: true, home: '/h' });
  });

  test('node user of the node image', () => {
    expect(userOf('FROM node:20-slim\nUSER node\nRUN a\n')).toMatchObject({
      root: false,
      uid: 1000,
      gid: 1000,
      home: '/home/node',
    });
  });

  test('users from useradd, adduser and groupadd', () => {
    expect(
      userOf('FROM debian\nRUN groupadd -g 1001 app && useradd -m -u 1001 -g app app\nUSER app\nRUN a\n'),
    ).toMatchObject({
      uid: 1001,
      gid: 1001,
      home: '/home/app',
    });
    expect(userOf('FROM alpine\nRUN adduser -D -u 2000 -h /srv/w w\nUSER w:w\nRUN a\n')).toMatchObject({
      uid: 2000,
      home: '/srv/w',
    });
    expect(userOf('FROM debian\nRUN useradd app\nUSER app\nRUN a\n')).toMatchObject({
      uid: undefined,
      home: '/home/app',
    });
    expect(userOf('FROM debian\nUSER 1234:5678\nRUN a\n')).toMatchObject({
      uid: 1234,
      gid: 5678,
      home: undefined,
    });
  });
});

describe('layers', () => {
  test('the shell layer imports nothing from the model above it', () => {
    const dir = join(__dirname, '..', 'src', 'shell');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toContain('expand.ts');
    const upward = files.flatMap((f) => {
      const text = readFileSync(join(dir, f), 'utf8');
      const specs = [...text.matchAll(/(?:from|import|require)\s*\(?\s*'([^']+)'/g)].map(
        (m) => m[1] as string,
      );
      return specs.filter((s) => /(^|\/)model(\/|$)/.test(s)).map((s) => `${f}: ${s}`);
    });
    expect(upward).toEqual([]);
  });
});

describe('edits of commands: word and prefix spans, and taking a command out', () => {
  /** The script with one command taken out by its removal edit. */
  const without = (script: string, name: string, nth = 0): string | undefined => {
    const c = read(script).filter((x) =>
      x.argv
        .map((w) => w.value)
        .join(' ')
        .startsWith(name),
    )[nth];
    const r = c?.removal;
    return r && script.slice(0, r.start) + r.text + script.slice(r.end);
  };

  test.each([
    ['apt-get update && apt-get clean && rm -rf /x', 'apt-get clean', 'apt-get update && rm -rf /x'],
    ['apt-get update && apt-get clean && rm -rf /x', 'rm -rf', 'apt-get update && apt-get clean'],
    ['npm cache clean --force && npm ci', 'npm cache', 'npm ci'],
    ['set -e; npm ci; npm cache clean --force', 'npm cache', 'set -e; npm ci'],
    ['npm ci; npm cache clean --force; echo ok', 'npm cache', 'npm ci; echo ok'],
    ['npm ci && npm cache clean --force || true', 'npm cache', 'npm ci || true'],
    ['npm ci && (npm cache clean --force || true)', 'npm cache', undefined],
    ['npm ci\nnpm cache clean --force\necho ok\n', 'npm cache', 'npm ci\necho ok\n'],
    ['npm cache clean --force', 'npm cache', 'true'],
    ['# tidy\nnpm cache clean --force', 'npm cache', '# tidy\ntrue'],
    ['npm ci && npm cache clean --force 2>/dev/null', 'npm cache', 'npm ci'],
    ['npm ci || npm cache clean --force', 'npm cache', undefined],
    ['npm cache clean --force || true', 'npm cache', 'true'],
    ['npm cache clean --force | tee log', 'npm cache', undefined],
    ['if true; then npm cache clean --force; fi', 'npm cache', undefined],
    ['sudo npm cache clean --force && npm ci', 'npm cache', 'npm ci'],
  ])('%j without %s: %j', (script, name, expected) => {
    expect(without(script, name)).toBe(expected);
  });

  test('words and VAR=x prefixes carry their spans in the script', () => {
    const script = 'PIP_NO_CACHE_DIR=1 pip install --no-cache-dir "a b"';
    const [c] = read(script);
    expect(c?.assignments?.map((a) => script.slice(a.start, a.end))).toEqual(['PIP_NO_CACHE_DIR=1']);
    expect(c?.argv.map((w) => script.slice(w.start as number, w.end as number))).toEqual([
      'pip',
      'install',
      '--no-cache-dir',
      '"a b"',
    ]);
  });

  test('a string run by sh -c has neither spans nor a removal', () => {
    const [c] = read("sh -c 'npm cache clean --force'");
    expect(c?.name).toBe('npm');
    expect([c?.removal, c?.argv[0]?.start, c?.assignments]).toEqual([undefined, undefined, undefined]);
  });

  test('in a RUN joined from several lines the spans are those of the document', async () => {
    const text = 'FROM node:20\nRUN npm ci && \\\n    npm cache clean --force && \\\n    echo ok\n';
    const model = new DockerfileModel(text);
    const runs = new RunReader(model, () => reader);
    const cmds = runs.commands(model.runs()[0] as RunInstruction) ?? [];
    const clean = cmds.find((c) => c.argv[1]?.value === 'cache');
    const r = clean?.removal as NonNullable<SimpleCommand['removal']>;
    expect(text.slice(0, r.start) + r.text + text.slice(r.end)).toBe(
      'FROM node:20\nRUN npm ci && \\\n    echo ok\n',
    );
    expect(text.slice(clean?.argv[3]?.start, clean?.argv[3]?.end)).toBe('--force');
  });
});

test('two commands on lines of their own both go, each with its line', () => {
  const script = 'apt-get install -y curl\napt-get clean\nrm -rf /var/lib/apt/lists/*\n';
  const cmds = read(script);
  const edits = [cmds[1]?.removal, cmds[2]?.removal] as Array<{ start: number; end: number; text: string }>;
  expect(edits.map((e) => script.slice(e.start, e.end))).toEqual([
    'apt-get clean\n',
    'rm -rf /var/lib/apt/lists/*\n',
  ]);
});
