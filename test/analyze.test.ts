/**
 * The verification analyze() runs on a repair before it hands it back: edits
 * that overlap, a repaired text that no longer parses and a repair a second
 * pass would change again are refused with a FileError of their kind, and the
 * file is left as it is. The transforms here are fakes, so each fault is made
 * on purpose; the CLI case injects one into an in-process run of main().
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, FileError, type FileErrorKind } from '../src/analyze.js';
import type { Io } from '../src/cli/main.js';
import type { TextEdit } from '../src/edits.js';
import type { Mount } from '../src/model/dockerfile.js';
import type { Finding, Transform, TransformContext } from '../src/transform.js';
import { fixtureInput, fixtureOutput, readBytes, removeTempDirs, tempDir, writeTree } from './helpers/cli.js';

afterAll(removeTempDirs);

/** A cache mount on an install folder: neither skipped by the quick test nor by the known-caches screen. */
const TEXT = 'FROM node:20\nWORKDIR /app\nRUN --mount=type=cache,target=/app/node_modules npm ci\n';
const TARGET = '/app/node_modules';

function fake(id: string, run: (context: TransformContext) => Finding[]): Transform {
  return {
    meta: { id, summary: `fake ${id}`, fix: 'safe', severity: 'warning', docs: 'docs/none.md' },
    run,
  };
}

/** The first cache mount of the file, with its target field. */
function firstCacheMount(context: TransformContext): Mount | undefined {
  for (const r of context.model.runs()) for (const m of r.mounts) if (m.type === 'cache') return m;
  return undefined;
}

/** A finding on the first cache mount's flag carrying `edits` (computed from the text it is given). */
function onMount(id: string, edits: (context: TransformContext, mount: Mount) => TextEdit[]): Transform {
  return fake(id, (context) => {
    const m = firstCacheMount(context);
    if (!m) return [];
    const e = edits(context, m);
    return [
      {
        ruleId: id,
        severity: 'warning',
        message: `${id} message`,
        start: m.flag.start,
        end: m.flag.end,
        ...(e.length ? { fix: { edits: e } } : {}),
      },
    ];
  });
}

/** Moves the mount off node_modules; nothing to do once the target is no longer node_modules. */
const retarget = onMount('retarget', (_c, m) => {
  const f = m.targetField;
  if (!f || f.value !== TARGET) return [];
  return [{ start: f.valueStart, end: f.valueEnd, text: '/root/.npm' }];
});

/** Inserts text before the first RUN of the text it is given. */
const insertBeforeRun = (id: string, text: string) =>
  fake(id, (context) => {
    const run = context.model.runs()[0];
    if (!run || context.model.text.includes(text)) return [];
    return [
      {
        ruleId: id,
        severity: 'warning',
        message: 'inserts',
        start: run.start,
        end: run.end,
        fix: { edits: [{ start: run.start, end: run.start, text }] },
      },
    ];
  });

/** Appends `,id=again` to the first cache mount every time it runs. */
const alwaysAppend = onMount('always-append', (_c, m) => [
  { start: m.appendAt, end: m.appendAt, text: ',id=again' },
]);

async function fileError(p: Promise<unknown>): Promise<FileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
    return e as FileError;
  }
  throw new Error('analyze() resolved; a FileError was expected');
}

describe('analyze: repair verification', () => {
  test('two overlapping edits: a conflict, not a half-applied repair', async () => {
    const other = onMount('overwrite', (_c, m) => {
      const f = m.targetField as NonNullable<Mount['targetField']>;
      // Overlaps retarget's edit of the value: it starts inside it and runs past it.
      return [{ start: f.valueStart + 1, end: f.valueEnd + 1, text: 'x' }];
    });
    const e = await fileError(analyze(TEXT, { transforms: [retarget, other] }));
    expect(e.kind).toBe('conflict');
    expect(e.message).toMatch(/two repairs overlap .*overlapping edits at offsets/);
    expect(e.message).toContain('the file is left as it is');
  });

  test('two insertions at the same point are a conflict too', async () => {
    const a = onMount('a', (_c, m) => [{ start: m.appendAt, end: m.appendAt, text: ',id=a' }]);
    const b = onMount('b', (_c, m) => [{ start: m.appendAt, end: m.appendAt, text: ',id=b' }]);
    expect((await fileError(analyze(TEXT, { transforms: [a, b] }))).kind).toBe('conflict');
  });

  test('identical edits from two transforms merge: no conflict', async () => {
    const twin = onMount('retarget-twin', (_c, m) => {
      const f = m.targetField;
      return f && f.value === TARGET ? [{ start: f.valueStart, end: f.valueEnd, text: '/root/.npm' }] : [];
    });
    const r = await analyze(TEXT, { transforms: [retarget, twin] });
    expect(r.output).toBe(TEXT.replace(TARGET, '/root/.npm'));
  });

  test.each([
    ['a template line', '{% if x %}\n', /unknown instruction '\{%'/],
    ['an unknown instruction', 'BOGUS x\n', /unknown instruction 'BOGUS'/],
  ])('a repair that inserts %s no longer parses: invalid-output', async (_name, text, message) => {
    const e = await fileError(analyze(TEXT, { transforms: [insertBeforeRun('insert', text)] }));
    expect(e.kind).toBe('invalid-output');
    expect(e.message).toMatch(/the repaired text does not parse/);
    expect(e.message).toMatch(message);
    expect(e.message).toContain('the file is left as it is');
  });

  test('a transform that changes the text again on a second pass: not-idempotent', async () => {
    const e = await fileError(analyze(TEXT, { transforms: [alwaysAppend] }));
    expect(e.kind).toBe('not-idempotent');
    expect(e.message).toMatch(/a second pass over the repaired text would still change it \(always-append\)/);
  });

  test('a report-only finding on the second pass is not a change: the repair stands', async () => {
    const reportAlways = onMount('report', () => []);
    const r = await analyze(TEXT, { transforms: [retarget, reportAlways] });
    expect(r.output).toBe(TEXT.replace(TARGET, '/root/.npm'));
    expect(r.findings.map((f) => [f.ruleId, f.fixable])).toEqual([
      ['retarget', true],
      ['report', false],
    ]);
  });

  test('a good edit: the repaired text and the findings located by line and column', async () => {
    const r = await analyze(TEXT, { transforms: [retarget] });
    expect(r.output).toBe('FROM node:20\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.npm npm ci\n');
    const flag = '--mount=type=cache,target=/app/node_modules';
    expect(r.findings).toEqual([
      {
        ruleId: 'retarget',
        severity: 'warning',
        message: 'retarget message',
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
        },
      },
    ]);
  });

  test('findings come back in file order whatever order the transforms give them', async () => {
    const text = `${TEXT}RUN --mount=type=cache,target=/x true\n`;
    const late = fake('late', (c) => {
      const run = c.model.runs()[1];
      return run
        ? [{ ruleId: 'late', severity: 'error', message: 'late', start: run.start, end: run.end }]
        : [];
    });
    const r = await analyze(text, { transforms: [late, retarget] });
    expect(r.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ['retarget', 3, 5],
      ['late', 4, 1],
    ]);
  });

  test('files the screens skip never reach the transforms, unless screen is false', async () => {
    const seen: string[] = [];
    const spy = fake('spy', (c) => {
      seen.push(c.model.text);
      return [];
    });
    const noMount = 'FROM node:20\nRUN npm ci\n';
    const knownCache = 'FROM node:20\nRUN --mount=type=cache,target=/root/.npm npm ci\n';
    await analyze(noMount, { transforms: [spy] });
    await analyze(knownCache, { transforms: [spy] });
    expect(seen).toEqual([]);
    await analyze(knownCache, { transforms: [spy], screen: false });
    expect(seen).toEqual([knownCache]);
  });
});

describe('the CLI when a repair does not verify', () => {
  const BROKEN = fixtureInput('seed-pip-target');
  const FIXED = fixtureOutput('seed-pip-target');

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
    if (edits.length === 0) return [];
    return [
      {
        ruleId: 'faulty',
        severity: 'warning',
        message: 'faulty',
        start: m.flag.start,
        end: m.flag.end,
        fix: { edits },
      },
    ];
  });

  /** main() from a module registry whose transform list also holds the faulty transform. */
  function mainWithFault(): typeof import('../src/cli/main.js').main {
    let main: typeof import('../src/cli/main.js').main | undefined;
    jest.isolateModules(() => {
      jest.doMock('../transforms/index.js', () => {
        const actual = jest.requireActual(
          '../transforms/index.js',
        ) as typeof import('../transforms/index.js');
        return { ...actual, TRANSFORMS: [...actual.TRANSFORMS, faulty] };
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

  const FAULTY_TEXT = (kind: FileErrorKind) =>
    `FROM node:20\n# fault=${kind}\nWORKDIR /app\nRUN --mount=type=cache,target=/app/node_modules npm ci\n`;

  const REASON = {
    conflict: 'two repairs overlap',
    'invalid-output': 'the repaired text does not parse',
    'not-idempotent': 'a second pass over the repaired text would still change it \\(faulty\\)',
  } as const;

  test.each(['conflict', 'invalid-output', 'not-idempotent'] as const)(
    '%s: --write exits 2, names the file, leaves its bytes, still fixes the neighbour',
    async (kind) => {
      const dir = tempDir('dfcm-verify-');
      writeTree(dir, { 'bad/Dockerfile': FAULTY_TEXT(kind), 'ok/Dockerfile': BROKEN });
      const before = fs.readFileSync(path.join(dir, 'bad', 'Dockerfile'));
      const main = mainWithFault();
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
      // No temporary file is left beside the refused one.
      expect(fs.readdirSync(path.join(dir, 'bad'))).toEqual(['Dockerfile']);
    },
  );
});
