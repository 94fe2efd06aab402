/**
 * The fix loop of analyze(): fixes of several transforms applied together,
 * overlapping ones deferred to the next pass, identical edits merged, unsafe
 * fixes applied only when asked, and the faults it refuses (a repair whose own
 * edits overlap, a repaired text that no longer parses, repairs that never
 * settle) with a FileError of their kind, the file left as it is. The
 * transforms here are fakes, so each case is made on purpose; the CLI cases
 * run the real transforms beside a fake through an in-process main().
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Transform, TransformContext } from '../src/analysis/transform.js';
import { analyze, FileError, MAX_PASSES } from '../src/analyze.js';
import type { Io } from '../src/cli/main.js';
import type { TextEdit } from '../src/edits.js';
import type { Mount } from '../src/model/dockerfile.js';
import type { FileErrorKind, FixSafety } from '../src/types.js';
import { fixtureInput, fixtureOutput, readBytes, removeTempDirs, tempDir, writeTree } from './helpers/cli.js';

afterAll(removeTempDirs);

const TEXT = 'FROM node:20\nWORKDIR /app\nRUN --mount=type=cache,target=/app/node_modules npm ci\n';
const TARGET = '/app/node_modules';

interface FakeFinding {
  start: number;
  end: number;
  fix?: TextEdit[];
  safety?: FixSafety;
  messageId?: string;
}

function fake(
  id: string,
  find: (context: TransformContext) => FakeFinding[],
  extra: Partial<Transform['meta']> = {},
): Transform {
  return {
    meta: {
      id,
      summary: `fake ${id}`,
      default: 'on',
      fix: 'safe',
      severity: 'warning',
      needsShell: false,
      messages: { found: `${id} found {{what}}`, other: 'other' },
      docs: {
        whatItDoes: '',
        whyItMatters: '',
        example: { before: '' },
        fixSafety: '',
        whenItDoesNotFire: '',
      },
      ...extra,
    },
    applies: (text) => text.includes('--mount'),
    create(context) {
      for (const f of find(context)) {
        context.report({
          messageId: f.messageId ?? 'found',
          data: { what: 'it' },
          start: f.start,
          end: f.end,
          fix: f.fix && (f.safety ? { edits: f.fix, safety: f.safety } : f.fix),
        });
      }
    },
  };
}

function firstCacheMount(context: TransformContext): Mount | undefined {
  for (const r of context.model.runs()) for (const m of r.mounts) if (m.type === 'cache') return m;
  return undefined;
}

/** A finding on the first cache mount's flag carrying `edits` (computed from the text it is given). */
function onMount(
  id: string,
  edits: (context: TransformContext, mount: Mount) => TextEdit[],
  safety?: FixSafety,
): Transform {
  return fake(id, (context) => {
    const m = firstCacheMount(context);
    if (!m) return [];
    const e = edits(context, m);
    return [{ start: m.flag.start, end: m.flag.end, fix: e.length ? e : undefined, safety }];
  });
}

/** Moves the mount off node_modules; nothing to do once the target is no longer node_modules. */
const retarget = onMount('retarget', (_c, m) => {
  const f = m.targetField;
  if (!f || f.value !== TARGET) return [];
  return [{ start: f.valueStart, end: f.valueEnd, text: '/root/.npm' }];
});

/** Appends an option to the first cache mount that lacks it: an insertion at the mount's end. */
const addOption = (id: string, key: string, value: string, safety?: FixSafety) =>
  fake(id, (context) => {
    const m = firstCacheMount(context);
    if (!m || m.fields.some((f) => f.key === key)) return [];
    return [
      {
        start: m.flag.start,
        end: m.flag.end,
        fix: [{ start: m.appendAt, end: m.appendAt, text: `,${key}=${value}` }],
        safety,
      },
    ];
  });

const insertBeforeRun = (id: string, text: string) =>
  fake(id, (context) => {
    const run = context.model.runs()[0];
    if (!run || context.model.text.includes(text)) return [];
    return [{ start: run.start, end: run.end, fix: [{ start: run.start, end: run.start, text }] }];
  });

async function fileError(p: Promise<unknown>): Promise<FileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
    return e as FileError;
  }
  throw new Error('analyze() resolved; a FileError was expected');
}

describe('the fix loop', () => {
  test('a retarget and an option added at the end of the same value both land, in one pass', async () => {
    const r = await analyze(TEXT, { transforms: [retarget, addOption('lock', 'sharing', 'locked')] });
    expect(r.output).toBe(TEXT.replace(TARGET, '/root/.npm,sharing=locked'));
    expect(r.passes).toBe(2);
    expect(r.findings.map((f) => [f.ruleId, f.fixable, f.pass])).toEqual([
      ['lock', true, undefined],
      ['retarget', true, undefined],
    ]);
  });

  test('two insertions at one point: the second waits for the next pass, then lands after the first', async () => {
    const r = await analyze(TEXT, {
      transforms: [addOption('uid', 'uid', '1000'), addOption('lock', 'sharing', 'locked')],
    });
    expect(r.output).toBe(TEXT.replace(TARGET, `${TARGET},uid=1000,sharing=locked`));
    expect(r.passes).toBe(3);
    // Both were found on the input; the deferred one keeps its first-pass span and edits.
    expect(r.findings.map((f) => [f.ruleId, f.fixable, f.pass, f.fix?.edits[0]?.text])).toEqual([
      ['lock', true, undefined, ',sharing=locked'],
      ['uid', true, undefined, ',uid=1000'],
    ]);
  });

  test('overlapping fixes: the one that starts first lands; the other is asked again on the new text', async () => {
    // `whole` replaces the whole flag while it still targets node_modules: once `retarget` moved it, it has nothing to do.
    const whole = onMount('whole', (_c, m) =>
      m.targetField?.value === TARGET
        ? [{ start: m.flag.start, end: m.flag.end, text: '--mount=type=tmpfs,target=/t' }]
        : [],
    );
    const r = await analyze(TEXT, { transforms: [retarget, whole] });
    expect(r.output).toBe(
      TEXT.replace('--mount=type=cache,target=/app/node_modules', '--mount=type=tmpfs,target=/t'),
    );
    const r2 = await analyze(TEXT, { transforms: [whole, retarget] });
    expect(r2.output).toBe(r.output);
  });

  test('a finding whose fix another repair made moot is not listed: it is neither fixed nor left', async () => {
    // `drop` removes the whole flag with the blank after it; `lock` appends to the same flag. Once the flag is gone,
    // `lock` finds nothing.
    const drop = onMount('drop', (_c, m) =>
      m.targetField?.value === TARGET ? [{ start: m.flag.start, end: m.flag.end + 1, text: '' }] : [],
    );
    const r = await analyze(TEXT, { transforms: [drop, addOption('lock', 'sharing', 'locked')] });
    expect(r.output).toBe(TEXT.replace('--mount=type=cache,target=/app/node_modules ', ''));
    expect(r.findings.map((f) => [f.ruleId, f.fixable])).toEqual([['drop', true]]);
  });

  test('identical edits from two transforms merge into one', async () => {
    const twin = onMount('retarget-twin', (_c, m) => {
      const f = m.targetField;
      return f && f.value === TARGET ? [{ start: f.valueStart, end: f.valueEnd, text: '/root/.npm' }] : [];
    });
    const r = await analyze(TEXT, { transforms: [retarget, twin] });
    expect(r.output).toBe(TEXT.replace(TARGET, '/root/.npm'));
    expect(r.findings.every((f) => f.fixable)).toBe(true);
  });

  test('a finding that appears only after a repair is listed with its pass, mapped onto the input', async () => {
    const afterRetarget = fake('after', (c) => {
      const m = firstCacheMount(c);
      return m?.target === '/root/.npm' ? [{ start: m.flag.start, end: m.flag.end }] : [];
    });
    const r = await analyze(TEXT, { transforms: [retarget, afterRetarget] });
    const flag = '--mount=type=cache,target=/app/node_modules';
    const after = r.findings.find((f) => f.ruleId === 'after');
    expect(after).toMatchObject({
      pass: 2,
      start: TEXT.indexOf(flag),
      end: TEXT.indexOf(flag) + flag.length,
      line: 3,
    });
    expect(after?.fix).toBeUndefined();
  });

  test('onePerSpan: a later report on a span the transform already reported on is left out; without it, kept', async () => {
    // `summary` retargets the mount and, once that is done, reports on the same flag with nothing to fix.
    const summary = (onePerSpan: boolean) =>
      fake(
        'summary',
        (c) => {
          const m = firstCacheMount(c);
          const f = m?.targetField;
          if (!m || !f) return [];
          if (f.value === TARGET)
            return [
              {
                start: m.flag.start,
                end: m.flag.end,
                fix: [{ start: f.valueStart, end: f.valueEnd, text: '/root/.npm' }],
              },
            ];
          return [{ start: m.flag.start, end: m.flag.end, messageId: 'other' }];
        },
        { onePerSpan },
      );
    const once = await analyze(TEXT, { transforms: [summary(true), retarget] });
    expect(once.output).toBe(TEXT.replace(TARGET, '/root/.npm'));
    expect(once.findings.map((f) => [f.ruleId, f.messageId, f.fixable])).toEqual([
      ['retarget', 'found', true],
      ['summary', 'found', true],
    ]);
    const twice = await analyze(TEXT, { transforms: [summary(false), retarget] });
    expect(twice.findings.map((f) => [f.ruleId, f.messageId, f.fixable, f.pass])).toEqual([
      ['retarget', 'found', true, undefined],
      ['summary', 'found', true, undefined],
      ['summary', 'other', false, 2],
    ]);
  });

  test('unsafe fixes are reported, not applied, unless unsafeFixes is set', async () => {
    const risky = addOption('risky', 'sharing', 'private', 'unsafe');
    const off = await analyze(TEXT, { transforms: [risky] });
    expect(off.output).toBe(TEXT);
    expect(off.findings).toMatchObject([{ ruleId: 'risky', fixable: false, fix: { safety: 'unsafe' } }]);
    const on = await analyze(TEXT, { transforms: [risky], unsafeFixes: true });
    expect(on.output).toBe(TEXT.replace(TARGET, `${TARGET},sharing=private`));
    expect(on.findings).toMatchObject([{ ruleId: 'risky', fixable: true, fix: { safety: 'unsafe' } }]);
  });

  test('a good edit: the repaired text and the finding located by line and column, with its message id', async () => {
    const r = await analyze(TEXT, { transforms: [retarget] });
    const flag = '--mount=type=cache,target=/app/node_modules';
    expect(r.findings).toEqual([
      {
        ruleId: 'retarget',
        messageId: 'found',
        severity: 'warning',
        message: 'retarget found it',
        start: TEXT.indexOf(flag),
        end: TEXT.indexOf(flag) + flag.length,
        line: 3,
        column: 5,
        endLine: 3,
        endColumn: 5 + flag.length,
        fixable: true,
        fix: {
          edits: [
            { start: TEXT.indexOf(TARGET), end: TEXT.indexOf(TARGET) + TARGET.length, text: '/root/.npm' },
          ],
          safety: 'safe',
        },
      },
    ]);
  });

  test('findings come back in file order whatever order the transforms give them', async () => {
    const text = `${TEXT}RUN --mount=type=cache,target=/x true\n`;
    const late = fake('late', (c) => {
      const run = c.model.runs()[1];
      return run ? [{ start: run.start, end: run.end }] : [];
    });
    const r = await analyze(text, { transforms: [late, retarget] });
    expect(r.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['retarget', 3, 5],
      ['late', 4, 1],
    ]);
  });

  test('files no transform wants are never parsed, unless screen is false', async () => {
    const seen: string[] = [];
    const spy = fake('spy', (c) => {
      seen.push(c.model.text);
      return [];
    });
    const noMount = 'FROM node:20\nRUN npm ci\n';
    const r = await analyze(noMount, { transforms: [spy] });
    expect([seen, r.passes]).toEqual([[], 0]);
    await analyze(noMount, { transforms: [spy], screen: false });
    expect(seen).toEqual([noMount]);
  });
});

describe('faults: the file is left as it is', () => {
  test('a repair whose own edits overlap: a conflict', async () => {
    const self = onMount('self', (_c, m) => {
      const f = m.targetField as NonNullable<Mount['targetField']>;
      return [
        { start: f.valueStart, end: f.valueEnd, text: '/a' },
        { start: f.valueStart + 1, end: f.valueEnd + 1, text: '/b' },
      ];
    });
    const e = await fileError(analyze(TEXT, { transforms: [self] }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(/a repair's edits overlap .*overlapping edits at offsets/);
    expect(e.message).toContain('the file is left as it is');
  });

  test.each([
    ['a template line', '{% if x %}\n', /unknown instruction '\{%'/],
    ['an unknown instruction', 'BOGUS x\n', /unknown instruction 'BOGUS'/],
  ])('a repair that inserts %s no longer parses: invalid-output', async (_name, text, message) => {
    const e = await fileError(analyze(TEXT, { transforms: [insertBeforeRun('insert', text)] }));
    expect(e.kind).toBe('invalid-output');
    expect(e.message).toMatch(/the repaired text does not parse/);
    expect(e.message).toMatch(message);
  });

  test('repairs that never settle: not-idempotent after the last pass', async () => {
    const always = onMount('always-append', (_c, m) => [
      { start: m.appendAt, end: m.appendAt, text: ',id=again' },
    ]);
    const e = await fileError(analyze(TEXT, { transforms: [always] }));
    expect(e.kind).toBe('not-idempotent');
    expect(e.message).toContain(
      `the repairs do not settle after ${MAX_PASSES} passes (always-append still changes it)`,
    );
  });

  test('a report-only finding on every pass is not a change: the repair stands', async () => {
    const reportAlways = onMount('report', () => []);
    const r = await analyze(TEXT, { transforms: [retarget, reportAlways] });
    expect(r.output).toBe(TEXT.replace(TARGET, '/root/.npm'));
    expect(r.findings.map((f) => [f.ruleId, f.fixable])).toEqual([
      ['report', false],
      ['retarget', true],
    ]);
  });
});

describe('the contract is enforced', () => {
  test('an unknown message id is a bug of the transform', async () => {
    const bad = fake('bad', (_c) => [{ start: 0, end: 1, messageId: 'nope' }], {});
    await expect(analyze(TEXT, { transforms: [bad] })).rejects.toThrow("transform bad has no message 'nope'");
  });

  test('a placeholder without data is a bug of the transform', async () => {
    const bad = fake('bad', () => [{ start: 0, end: 1 }], { messages: { found: 'needs {{missing}}' } });
    await expect(analyze(TEXT, { transforms: [bad] })).rejects.toThrow('bad/found: no value for {{missing}}');
  });

  test('a transform that reads commands without declaring needsShell is told so', async () => {
    const sneaky = fake('sneaky', (c) => {
      c.runs.commands(c.model.runs()[0] as never);
      return [];
    });
    await expect(analyze(TEXT, { transforms: [sneaky] })).rejects.toThrow(
      'transform sneaky reads RUN commands but its meta says needsShell: false',
    );
  });

  test("a fix from a transform whose meta says fix: 'none' is a bug", async () => {
    const liar = fake('liar', (_c) => [{ start: 0, end: 1, fix: [{ start: 0, end: 0, text: '#' }] }], {
      fix: 'none',
    });
    await expect(analyze(TEXT, { transforms: [liar] })).rejects.toThrow("meta says fix: 'none'");
  });
});

describe('the CLI with the real transforms and a fake beside them', () => {
  const BROKEN = fixtureInput('seed-pip-target');
  const FIXED = fixtureOutput('seed-pip-target');

  /** main() from a module registry whose transform list also holds `extra`. */
  function mainWith(extra: Transform): typeof import('../src/cli/main.js').main {
    let main: typeof import('../src/cli/main.js').main | undefined;
    jest.isolateModules(() => {
      jest.doMock('../transforms/index.js', () => {
        const actual = jest.requireActual(
          '../transforms/index.js',
        ) as typeof import('../transforms/index.js');
        const all = [...actual.TRANSFORMS, extra];
        return {
          ...actual,
          TRANSFORMS: all,
          DEFAULT_TRANSFORMS: all,
          findTransform: (id: string) => all.find((t) => t.meta.id === id),
          selectTransforms: () => all,
        };
      });
      main = (require('../src/cli/main.js') as typeof import('../src/cli/main.js')).main;
    });
    jest.dontMock('../transforms/index.js');
    return main as NonNullable<typeof main>;
  }

  function io(cwd: string): { io: Io; out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    const stream = (into: string[]) =>
      ({
        write: (s: string) => {
          into.push(s);
          return true;
        },
      }) as unknown as Io['stdout'];
    return {
      io: {
        stdout: stream(out),
        stderr: stream(err),
        readStdin: async () => '',
        cwd,
        env: { NO_COLOR: '1' },
      },
      out,
      err,
    };
  }

  test('cache-mount-install-target and a transform adding an option at the same point: one --write, then nothing to do', async () => {
    // As USER node the retarget also appends `,uid=1000,gid=1000` at the mount's end, where `lock` appends too.
    const text =
      'FROM node:20\nUSER node\nWORKDIR /home/node/app\nRUN --mount=type=cache,target=/home/node/app/node_modules npm ci\nCMD ["node", "index.js"]\n';
    const dir = tempDir('dfcm-compose-');
    writeTree(dir, { Dockerfile: text });
    const main = mainWith(addOption('lock', 'sharing', 'locked'));
    const first = io(dir);
    expect(await main(['--write', '.'], first.io)).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(
      text.replace(
        '--mount=type=cache,target=/home/node/app/node_modules',
        '--mount=type=cache,target=/home/node/.npm,uid=1000,gid=1000,sharing=locked',
      ),
    );
    const second = io(dir);
    expect(await main(['--check', '.'], second.io)).toBe(0);
    expect(second.out.join('')).toBe('');
  });

  const FAULTY_TEXT = (kind: FileErrorKind) =>
    `FROM node:20\n# fault=${kind}\nWORKDIR /app\nRUN --mount=type=cache,target=/app/node_modules npm ci\n`;

  /** Makes the fault only in files holding `# fault=KIND`, so the other files meet the real transforms alone. */
  const faulty = fake('faulty', (context) => {
    const kind = /# fault=(\S+)/.exec(context.model.text)?.[1];
    const m = firstCacheMount(context);
    if (!kind || !m) return [];
    const f = m.targetField as NonNullable<Mount['targetField']>;
    const run = context.model.runs()[0];
    let edits: TextEdit[] = [];
    if (kind === 'conflict')
      edits = [
        { start: f.valueStart, end: f.valueEnd, text: '/a' },
        { start: f.valueStart + 1, end: f.valueEnd + 1, text: '/b' },
      ];
    else if (kind === 'invalid-output' && run && !context.model.text.includes('{%'))
      edits = [{ start: run.start, end: run.start, text: '{% if x %}\n' }];
    else if (kind === 'not-idempotent') edits = [{ start: m.appendAt, end: m.appendAt, text: ',id=again' }];
    return edits.length ? [{ start: m.flag.start, end: m.flag.end, fix: edits }] : [];
  });

  const REASON = {
    conflict: "a repair's edits overlap",
    'invalid-output': 'the repaired text does not parse',
    'not-idempotent': `the repairs do not settle after ${MAX_PASSES} passes \\(faulty still changes it\\)`,
  } as const;

  test.each(['conflict', 'invalid-output', 'not-idempotent'] as const)(
    '%s: --write exits 2, names the file, leaves its bytes, still fixes the neighbour',
    async (kind) => {
      const dir = tempDir('dfcm-verify-');
      writeTree(dir, { 'bad/Dockerfile': FAULTY_TEXT(kind), 'ok/Dockerfile': BROKEN });
      const before = fs.readFileSync(path.join(dir, 'bad', 'Dockerfile'));
      const main = mainWith(faulty);
      const { io: cliIo, err } = io(dir);
      const status = await main(['--write', '.'], cliIo);
      const stderr = err.join('');
      expect(status).toBe(2);
      expect(stderr).toMatch(
        new RegExp(
          `^bad/Dockerfile: error: internal error: ${REASON[kind]}.*; the file is left as it is$`,
          'm',
        ),
      );
      expect(readBytes(dir, 'bad/Dockerfile').equals(before)).toBe(true);
      expect(readBytes(dir, 'ok/Dockerfile').equals(FIXED)).toBe(true);
      expect(stderr).toMatch(/2 files: 1 changed, 0 unchanged, .*1 error/);
      expect(fs.readdirSync(path.join(dir, 'bad'))).toEqual(['Dockerfile']);
    },
  );
});
