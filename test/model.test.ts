import { RunReader } from '../src/model/commands.js';
import { DockerfileModel, type RunInstruction } from '../src/model/dockerfile.js';
import { joinInstruction } from '../src/model/logical.js';
import { processWord } from '../src/shell/expand.js';

const runs = (text: string) => new DockerfileModel(text).runs();
const firstRun = (text: string): RunInstruction => {
  const r = runs(text)[0];
  if (!r) throw new Error('no RUN');
  return r;
};

describe('logical lines', () => {
  test('joins continuations, drops comment and empty lines, keeps offsets', () => {
    const doc = 'RUN pip install \\\n  # a comment \\\n\n   --target=/x uwsgi\nRUN next';
    const { line } = joinInstruction(doc, 0, '\\');
    expect(line.text).toBe('RUN pip install    --target=/x uwsgi');
    const i = line.text.indexOf('--target');
    expect(doc.slice(line.offset(i), line.offset(i) + 8)).toBe('--target');
  });

  test('backtick escape and CRLF', () => {
    const doc = 'RUN a `\r\n  b\r\nRUN c';
    const { line } = joinInstruction(doc, 0, '`');
    expect(line.text).toBe('RUN a   b');
  });

  test('a trailing escape after blanks continues the line', () => {
    const { line } = joinInstruction('RUN a \\   \n b', 0, '\\');
    expect(line.text).toBe('RUN a  b');
  });
});

describe('words', () => {
  const env: Record<string, string | null> = { A: 'x', EMPTY: '', UNKNOWN: null };
  const lookup = (n: string) => (n in env ? env[n] : undefined);
  test.each([
    ['$A/y', 'x/y'],
    ['${A}/y', 'x/y'],
    ['"$A y"', 'x y'],
    ["'$A'", '$A'],
    ['${NOPE:-/def}', '/def'],
    ['${EMPTY:-/def}', '/def'],
    ['${EMPTY-/def}', ''],
    ['${A:+set}', 'set'],
    ['a\\ b', 'a b'],
  ])('%s -> %s', (raw, want) => {
    expect(processWord(raw, lookup)).toBe(want);
  });
  test('unknown values make the word unknown', () => {
    expect(processWord('$UNKNOWN/x', lookup)).toBeUndefined();
    expect(processWord('$NOT_DECLARED', lookup)).toBeUndefined();
  });
});

describe('mount flags', () => {
  test('options in any order, aliases of target, exact value spans', () => {
    const text = 'FROM x\nWORKDIR /app\nRUN --mount=dst=node_modules,type=cache,id=a,sharing=locked npm ci\n';
    const m = firstRun(text).mounts[0];
    expect(m?.type).toBe('cache');
    expect(m?.target).toBe('/app/node_modules');
    expect(m?.id).toBe('a');
    const f = m?.targetField;
    expect(f && text.slice(f.valueStart, f.valueEnd)).toBe('node_modules');
  });

  test('quoted values keep their quotes outside the value span', () => {
    const text = 'FROM x\nRUN --mount=type=cache,target="/root/.npm" --mount="type=cache,target=/q" npm ci\n';
    const [a, b] = firstRun(text).mounts;
    expect(a?.target).toBe('/root/.npm');
    expect(text.slice(a?.targetField?.valueStart, a?.targetField?.valueEnd)).toBe('/root/.npm');
    expect(b?.target).toBe('/q');
    // A field appended to a fully quoted flag goes before its closing quote.
    expect(text[b?.appendAt ?? 0]).toBe('"');
  });

  test('several flags over continuation lines with a comment between them', () => {
    const text =
      'FROM x\nRUN --mount=type=cache,target=/a \\\n    # why\n    --mount=type=bind,source=x,target=/b \\\n    --network=none pip install x\n';
    const r = firstRun(text);
    expect(r.mounts.map((m) => [m.type, m.target])).toEqual([
      ['cache', '/a'],
      ['bind', '/b'],
    ]);
    expect(r.flags).toHaveLength(3);
    expect(r.command.text.trim()).toBe('pip install x');
  });

  test('--mount text inside the command is not a flag', () => {
    const r = firstRun('FROM x\nRUN echo "--mount=type=cache,target=/x" && npm ci\n');
    expect(r.mounts).toEqual([]);
  });

  test('a value split by a continuation is not editable', () => {
    const m = firstRun('FROM x\nRUN --mount=type=cache,target=/ro\\\not/x pip install x\n').mounts[0];
    expect(m?.target).toBe('/root/x');
    expect(m?.targetField?.editable).toBe(false);
  });

  test('variables in targets resolve from ARG and ENV; unknown ones stay unknown', () => {
    const text =
      'ARG BASE=/g\nFROM x\nARG BASE\nARG P=/pkgs\nENV C=$P/c\nARG U\nRUN --mount=type=cache,target=$C --mount=type=cache,target=${BASE}/b --mount=type=cache,target=$U pip install x\n';
    expect(firstRun(text).mounts.map((m) => m.target)).toEqual(['/pkgs/c', '/g/b', undefined]);
  });
});

describe('ENV and ARG with several assignments', () => {
  const envAt = (text: string) => {
    const r = new DockerfileModel(text).runs().at(-1);
    if (!r) throw new Error('no RUN');
    return (name: string) => (r.env.env.has(name) ? r.env.env.get(name) : r.env.args.get(name));
  };

  test.each([
    ['ENV A=/new B=$A/y', '/old/y'],
    ['ENV A=/new B=${A}/y', '/old/y'],
    ['ENV A=/new B="$A/y"', '/old/y'],
    ['ENV A=/new \\\n    B=${A:-/unset}/y', '/old/y'],
    ['ENV B=$A/y A=/new', '/old/y'],
  ])('one ENV: %s sees the A from before it', (line, want) => {
    const env = envAt(`FROM scratch\nENV A=/old\n${line}\nRUN true\n`);
    expect(env('B')).toBe(want);
    expect(env('A')).toBe('/new');
  });

  test('a variable unset before the ENV expands to nothing where the environment is complete', () => {
    const env = envAt(
      'FROM scratch\nENV CACHE=/c NPM_CONFIG_CACHE=$CACHE/npm DEST=/pkgs PIP_TARGET=${DEST}\nRUN true\n',
    );
    expect(env('NPM_CONFIG_CACHE')).toBe('/npm');
    expect(env('PIP_TARGET')).toBe('');
  });

  test('and is unknown where the base image may set it', () => {
    const env = envAt('FROM python:3.12-slim\nENV DEST=/pkgs PIP_TARGET=${DEST}\nRUN true\n');
    expect(env('DEST')).toBe('/pkgs');
    expect(env('PIP_TARGET')).toBeNull();
  });

  test('the next ENV instruction sees the new values', () => {
    const env = envAt('FROM scratch\nENV A=/x B=/y\nENV C=$A$B\nRUN true\n');
    expect(env('C')).toBe('/x/y');
  });

  test.each([
    ['ARG A=1 B=$A', '1'],
    ['ARG A=1 B=${A}/x', '1/x'],
    ['ARG A=0\nARG A=1 B=$A', '1'],
  ])('one ARG: %s sees the ones before it', (lines, want) => {
    const env = envAt(`FROM scratch\n${lines}\nRUN true\n`);
    expect(env('B')).toBe(want);
  });

  test('global ARGs see the ones before them too', () => {
    const m = new DockerfileModel('ARG A=/a B=$A/b\nFROM scratch\n');
    expect(m.globalArgs.get('B')).toBe('/a/b');
  });
});

describe('ARG without a default: the default build, where it is unset', () => {
  const targetOf = (text: string) => firstRun(text).mounts[0]?.targetValue;

  test.each([
    ['${X:-/pkgs}', '/pkgs'],
    ['${X-/pkgs}', '/pkgs'],
    ['/pkgs${X:+/x}', '/pkgs'],
    ['/pkgs${X+/x}', '/pkgs'],
    ['${X:-${Y:-/pkgs}}', '/pkgs'],
    ['$X', undefined],
    ['${X}', undefined],
    ['/pkgs/$X', undefined],
    ['${X:?needed}', undefined],
  ])('ARG X, ARG Y: %s in a mount is %s', (value, want) => {
    expect(targetOf(`FROM scratch\nARG X\nARG Y\nRUN --mount=type=cache,target=${value} true\n`)).toBe(want);
  });

  test('a global ARG without a default, declared again in the stage, is unset too', () => {
    expect(targetOf('ARG X\nFROM scratch\nARG X\nRUN --mount=type=cache,target=${X:-/pkgs} true\n')).toBe(
      '/pkgs',
    );
  });

  test('a global ARG with a default gives the stage ARG its value', () => {
    expect(targetOf('ARG X=/g\nFROM scratch\nARG X\nRUN --mount=type=cache,target=${X:-/pkgs} true\n')).toBe(
      '/g',
    );
  });

  test('ARG X again without a default keeps the value the stage gave it', () => {
    expect(targetOf('FROM scratch\nARG X=/s\nARG X\nRUN --mount=type=cache,target=${X:-/pkgs} true\n')).toBe(
      '/s',
    );
  });

  test('an ARG whose default is not known is not unset', () => {
    expect(
      targetOf('FROM python:3\nARG X=$FROM_THE_IMAGE\nRUN --mount=type=cache,target=${X:-/pkgs} true\n'),
    ).toBeUndefined();
  });

  test('an ENV of the same name wins over the unset ARG', () => {
    expect(targetOf('FROM scratch\nARG X\nENV X=/e\nRUN --mount=type=cache,target=${X:-/pkgs} true\n')).toBe(
      '/e',
    );
  });

  test('ENV and WORKDIR built from the fallback, and FROM lines', () => {
    const m = new DockerfileModel(
      'ARG TAG\nFROM python:${TAG:-3.12-slim}\nARG DIR\nENV APP=${DIR:-/srv/app}\nWORKDIR $APP\nRUN true\n',
    );
    expect(m.stages[0]?.image).toBe('python:3.12-slim');
    expect(m.runs()[0]?.env.env.get('APP')).toBe('/srv/app');
    expect(m.runs()[0]?.env.workdir).toBe('/srv/app');
  });

  test('a new stage starts without the ARGs of the one before', () => {
    expect(
      targetOf(
        'FROM scratch AS a\nARG X\nFROM a\nARG X=/b\nRUN --mount=type=cache,target=${X:-/pkgs} true\n',
      ),
    ).toBe('/b');
  });
});

describe('ONBUILD RUN triggers', () => {
  const triggers = (text: string) => new DockerfileModel(text).onbuildRuns();
  const only = (text: string): RunInstruction => {
    const t = triggers(text);
    expect(t).toHaveLength(1);
    return t[0] as RunInstruction;
  };

  test('a trigger is a RUN with onbuild set, its mounts at their offsets in the ONBUILD line; not among runs()', () => {
    const text =
      'FROM node:20\nWORKDIR /app\nONBUILD RUN --mount=type=cache,target=/app/node_modules npm ci\nRUN true\n';
    const m = new DockerfileModel(text);
    const [t] = m.onbuildRuns();
    expect(t).toMatchObject({ keyword: 'RUN', onbuild: true });
    expect(m.runs().map((r) => r.command.text)).toEqual(['true']);
    expect(m.instructions.map((i) => i.keyword)).toEqual(['WORKDIR', 'ONBUILD', 'RUN']);
    const mount = t?.mounts[0];
    expect(mount).toMatchObject({ type: 'cache', target: '/app/node_modules' });
    expect(text.slice(t?.flags[0]?.start, t?.flags[0]?.end)).toBe(
      '--mount=type=cache,target=/app/node_modules',
    );
    const f = mount?.targetField;
    expect(f && text.slice(f.valueStart, f.valueEnd)).toBe('/app/node_modules');
    expect(t?.command.text).toBe('npm ci');
    expect(text.slice(t?.start, t?.end)).toBe(
      'ONBUILD RUN --mount=type=cache,target=/app/node_modules npm ci',
    );
    // The span edits the ONBUILD line in place.
    const edited = `${text.slice(0, f?.valueStart)}/root/.npm${text.slice(f?.valueEnd)}`;
    expect(edited).toContain('ONBUILD RUN --mount=type=cache,target=/root/.npm npm ci\n');
  });

  test.each([
    ['onbuild run --mount=type=cache,target=node_modules npm ci', '/app/node_modules'],
    ['ONBUILD   RUN \\\n    --mount=type=cache,dst="node_modules" \\\n    npm ci', '/app/node_modules'],
    ["ONBUILD RUN --mount='type=cache,target=/app/node_modules' npm ci", '/app/node_modules'],
    ['ONBUILD RUN --mount=type=cache,target=$CACHE_ROOT/nm npm ci', '/c/nm'],
    ['ONBUILD RUN --mount=type=cache,target=$FROM_ARG/nm npm ci', undefined],
    ['ONBUILD RUN --mount=type=cache,target=${FROM_ARG:-/d}/nm npm ci', '/d/nm'],
  ])('%s: target %s', (line, target) => {
    const t = only(`FROM node:20\nARG FROM_ARG\nENV CACHE_ROOT=/c\nWORKDIR /app\n${line}\n`);
    expect(t.mounts[0]?.target).toBe(target);
    const f = t.mounts[0]?.targetField;
    expect(f?.editable).toBe(true);
  });

  test('the environment is the image the stage ends with: later ENV, USER and WORKDIR count; ARGs do not', () => {
    const t = only(
      'FROM node:20\nARG A=/a\nENV E=/e1\nWORKDIR /app\nONBUILD RUN npm ci\nENV E=/e2\nUSER node\nWORKDIR srv\nSHELL ["/bin/bash", "-c"]\n',
    );
    expect(t.env.workdir).toBe('/app/srv');
    expect(t.env.user).toBe('node');
    expect(t.env.env.get('E')).toBe('/e2');
    expect(t.env.args.size).toBe(0);
    expect(t.env.shell).toEqual(['/bin/bash', '-c']);
  });

  test('exec form, several triggers in document order, other triggers left out', () => {
    const t = triggers(
      'FROM a AS one\nONBUILD COPY . /app\nONBUILD RUN ["npm", "ci"]\nFROM b\nONBUILD RUN pip install x\nONBUILD ADD x y\n',
    );
    expect(t.map((r) => [r.exec ?? r.command.text, r.stage?.index])).toEqual([
      [['npm', 'ci'], 0],
      ['pip install x', 1],
    ]);
  });
});

describe('stages and environment', () => {
  test('ENV, USER and WORKDIR flow into stages built FROM a parent', () => {
    const m = new DockerfileModel(
      'FROM python:3.12-slim AS base\nENV PIP_CACHE_DIR=/c\nWORKDIR /app\nUSER 1000\nFROM base AS next\nWORKDIR sub\nRUN pip install x\n',
    );
    const r = m.runs()[0];
    expect(r?.env.env.get('PIP_CACHE_DIR')).toBe('/c');
    expect(r?.env.workdir).toBe('/app/sub');
    expect(r?.env.user).toBe('1000');
    expect(m.stages[1]?.parent).toBe(m.stages[0]);
    expect(m.stages[1]?.pythonVersion).toBe('3.12');
  });

  test.each([
    ['FROM registry.example.com/team/builder:1', undefined],
    ['FROM registry.example.com/team/builder:1\nWORKDIR src', undefined],
    ['FROM registry.example.com/team/builder:1\nWORKDIR /src', '/src'],
    ['FROM debian:bookworm', '/'],
    ['FROM docker.io/library/ubuntu:24.04', '/'],
    ['FROM golang:1.23', '/go'],
    ['FROM php:8.3', '/'],
    ['FROM php:8.3-fpm-alpine', '/var/www/html'],
    ['FROM php:apache', '/var/www/html'],
    ['FROM scratch', '/'],
  ])('WORKDIR at a RUN after "%s" is %s (an image not listed may set any)', (from, workdir) => {
    const m = new DockerfileModel(`${from}\nRUN true\n`);
    expect(m.runs()[0]?.env.workdir).toBe(workdir);
  });

  describe('base images named by digest or with --platform', () => {
    const DIGEST = `sha256:${'0123456789abcdef'.repeat(4)}`;
    /** No shell is read here: who a RUN runs as comes from the model alone. */
    const reader = (m: DockerfileModel) =>
      new RunReader(m, () => {
        throw new Error('the shell reader is not needed');
      });

    test.each([`node:20@${DIGEST}`, `node@${DIGEST}`, `docker.io/library/node:20-bookworm@${DIGEST}`])(
      'FROM %s: the node image facts apply, so USER node has its uid and home',
      (image) => {
        const m = new DockerfileModel(`FROM ${image}\nUSER node\nRUN npm ci\n`);
        const stage = m.stages[0];
        expect(stage?.baseImage?.users?.node).toEqual({ uid: 1000, gid: 1000, home: '/home/node' });
        const run = m.runs()[0] as RunInstruction;
        expect(run.env.user).toBe('node');
        expect(reader(m).userOf(run)).toEqual({
          spec: 'node',
          root: false,
          uid: 1000,
          gid: 1000,
          home: '/home/node',
        });
        expect(reader(m).shellStart(run).env('HOME')).toBe('/home/node');
      },
    );

    test('the tag before the digest is the tag', () => {
      const m = new DockerfileModel(`FROM python:3.12-slim@${DIGEST}\nRUN pip install x\n`);
      expect(m.stages[0]?.baseImageTag).toBe('3.12-slim');
      expect(m.stages[0]?.pythonVersion).toBe('3.12');
    });

    test('FROM --platform=$BUILDPLATFORM golang:1.23 AS b: WORKDIR /go and GOPATH /go', () => {
      const m = new DockerfileModel('FROM --platform=$BUILDPLATFORM golang:1.23 AS b\nRUN go build ./...\n');
      const stage = m.stages[0];
      expect(stage?.name).toBe('b');
      expect(stage?.image).toBe('golang:1.23');
      expect(stage?.baseImageTag).toBe('1.23');
      const run = m.runs()[0] as RunInstruction;
      expect(run.env.workdir).toBe('/go');
      expect(run.env.env.get('GOPATH')).toBe('/go');
      expect(reader(m).userOf(run).home).toBe('/root');
    });
  });

  test('ARG does not cross stages; ENV wins over ARG', () => {
    const m = new DockerfileModel('FROM a AS one\nARG X=1\nENV Y=2\nFROM one\nARG Y=3\nRUN echo $X $Y\n');
    const r = m.runs()[0];
    expect(r?.env.args.has('X')).toBe(false);
    expect(r?.env.env.get('Y')).toBe('2');
  });

  test('used stages: FROM, COPY --from, --mount=from', () => {
    const m = new DockerfileModel(
      'FROM a AS one\nFROM b AS two\nFROM c AS three\nFROM one\nCOPY --from=two /x /x\nRUN --mount=type=bind,from=three,target=/t true\n',
    );
    expect([...m.usedStages()].map((s) => s.name).sort()).toEqual(['one', 'three', 'two']);
  });

  test('exec form, heredoc and the escape directive', () => {
    const m = new DockerfileModel(
      '# escape=`\nFROM x\nRUN ["pip", "install", "x"]\nRUN <<EOF\nnpm ci\nEOF\nRUN a `\n  b\n',
    );
    const [exec, heredoc, cont] = m.runs();
    expect(m.escape).toBe('`');
    expect(exec?.exec).toEqual(['pip', 'install', 'x']);
    expect(heredoc?.heredocs[0]?.content).toBe('npm ci');
    expect(cont?.command.text).toBe('a   b');
  });

  test('a BOM before the first line does not hide the directives or instructions', () => {
    const m = new DockerfileModel('\uFEFF# escape=`\nFROM x\nRUN a\n');
    expect(m.escape).toBe('`');
    expect(m.runs()).toHaveLength(1);
  });

  test('errors: unknown instruction, instruction before FROM, unterminated heredoc, nothing at all', () => {
    expect(new DockerfileModel('FROM x\n{% if a %}\n').errors[0]?.message).toMatch(/unknown instruction/);
    expect(new DockerfileModel('RUN x\nFROM y\n').errors[0]?.message).toMatch(/before the first FROM/);
    expect(new DockerfileModel('FROM x\nRUN <<EOF\nnpm ci\n').errors[0]?.message).toMatch(/not terminated/);
    expect(new DockerfileModel('# just a comment\n').errors[0]?.message).toMatch(/no instructions/);
    expect(new DockerfileModel('FROM x\nRUN a\n').errors).toEqual([]);
  });

  test('COPY --from sources and destination, expanded', () => {
    const m = new DockerfileModel('FROM a AS b\nFROM c\nARG D=/dst\nCOPY --from=b --chown=1:1 /x /y $D\n');
    const copy = m.instructions.find((i) => i.keyword === 'COPY');
    expect(copy).toMatchObject({ from: 'b', sources: ['/x', '/y'], dest: '/dst' });
  });
});
