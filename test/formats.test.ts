/**
 * The machine formats as the services that read them check them: SARIF with
 * the rules' documentation, validated by Microsoft's SARIF multitool with
 * GitHub's ingestion rules, over a report that holds every kind of finding;
 * GitLab Code Quality against GitLab's own schema and documented fields, with
 * fingerprints that survive unrelated edits.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { DIRECTIVE_RULES } from '../src/output/directive-rules.js';
import { TRANSFORMS } from '../transforms/index.js';
import {
  BIN,
  ensureBuilt,
  fixtureInput,
  ROOT,
  removeTempDirs,
  runCli,
  type Tree,
  tempDir,
  tempTree,
  writeTree,
} from './helpers/cli.js';

jest.setTimeout(60_000);

const BROKEN = fixtureInput('seed-pip-target').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();
const UNPARSEABLE =
  'FROM python:3.12\n{% if x %}\nRUN --mount=type=cache,target=/p pip install --target=/p y\n';
const unusedDirective = DIRECTIVE_RULES.find((r) => r.id === 'unused-directive')?.docs.example.before ?? '';
const invalidDirective = DIRECTIVE_RULES.find((r) => r.id === 'invalid-directive')?.docs.example.before ?? '';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const project = (tree: Tree) => tempTree(tree, 'dfcm-formats-');

/**
 * A tree with a finding of every kind: one with a fix, one reported without
 * (a non-root user whose uid is unknown), a directive that suppresses nothing,
 * a directive naming a rule that does not exist; a file that cannot be parsed,
 * an empty one and a clean one.
 */
const EVERY_KIND: Tree = {
  'a b/Dockerfile': BROKEN,
  'report/Dockerfile': REPORT_ONLY,
  'unused/Dockerfile': unusedDirective,
  'invalid/Dockerfile': invalidDirective,
  'template/Dockerfile': UNPARSEABLE,
  'empty/Dockerfile': '',
  'clean/Dockerfile': 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
};

/** The platform's multitool executable (`@microsoft/sarif-multitool` resolves to it). */
const MULTITOOL: string = require('@microsoft/sarif-multitool');

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<Record<string, unknown> & { id: string }> } };
    results: Array<{ ruleId: string; level: string; fixes?: unknown; message: { text: string } }>;
    invocations: Array<{ toolExecutionNotifications: unknown[] }>;
  }>;
}

/**
 * `Sarif.Multitool validate FILE --rule-kind Ghas;Sarif`: the results it
 * reports at the given levels. `Ghas` (formerly `Gh`, which 5.7.0 still
 * takes) runs GitHub's ingestion rules (GH1001...), `Sarif` the SARIF
 * specification's own. The file comes first: `--rule-kind`, `--level` and
 * `--log` take lists, and a list option takes the words after it as values
 * (`validate --rule-kind Gh FILE` fails with "Option 'rule-kind' is defined
 * with a bad format"). The executable is called directly: the npm package's
 * `sarif-multitool` passes its arguments through a shell, where `;` ends the
 * command.
 */
function validate(
  file: string,
  levels: string,
): { status: number | null; results: SarifLog['runs'][0]['results'] } {
  const out = `${file}.validation.sarif`;
  const r = spawnSync(
    MULTITOOL,
    [
      'validate',
      file,
      '--rule-kind',
      'Ghas;Sarif',
      '--level',
      levels,
      '--output',
      out,
      '--log',
      'ForceOverwrite',
    ],
    { encoding: 'utf8' },
  );
  if (r.error) throw r.error;
  if (!fs.existsSync(out))
    throw new Error(`the multitool wrote no log (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as SarifLog;
  return { status: r.status, results: log.runs[0]?.results ?? [] };
}

describe('--format sarif', () => {
  let dir: string;
  let sarif: SarifLog;
  beforeAll(() => {
    dir = project(EVERY_KIND);
    const r = runCli(dir, ['--format', 'sarif', '--warn-unused-directives', '--output', 'report.sarif']);
    expect(r.status).toBe(2);
    sarif = JSON.parse(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8'));
  });

  test('the report holds a finding of every kind and a file that could not be read', () => {
    const run = sarif.runs[0];
    const kinds = run?.results.map((x) => [x.ruleId, x.fixes === undefined ? 'report' : 'fix']);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['cache-mount-install-target', 'fix'],
        ['cache-mount-install-target', 'report'],
        ['unused-directive', 'report'],
        ['invalid-directive', 'report'],
      ]),
    );
    expect(run?.invocations[0]?.toolExecutionNotifications).toHaveLength(1);
  });

  test("GitHub's ingestion rules and the SARIF rules find no error and no warning", () => {
    const { status, results } = validate(path.join(dir, 'report.sarif'), 'Error;Warning');
    expect(results.map((x) => `${x.ruleId}: ${x.message.text}`)).toEqual([]);
    expect(status).toBe(0);
  });

  test('the validator does check GitHub rules: a rule without help is an error', () => {
    const broken = JSON.parse(JSON.stringify(sarif)) as SarifLog;
    const rule = broken.runs[0]?.tool.driver.rules[0] as Record<string, unknown>;
    delete rule.help;
    delete rule.fullDescription;
    const file = path.join(dir, 'broken.sarif');
    fs.writeFileSync(file, JSON.stringify(broken, null, 2));
    const { results } = validate(file, 'Error;Warning');
    expect(results.map((x) => [x.ruleId, x.level])).toEqual([
      ['GH2012', 'error'],
      ['GH2012', 'error'],
    ]);
  });

  test('what remains at the note level are suggestions the report cannot or need not follow', () => {
    const { results } = validate(path.join(dir, 'report.sarif'), 'Error;Warning;Note');
    // SARIF2002: message ids instead of text (GitHub requires the text); SARIF2003: version control
    // details (the tool does not read git); SARIF2006: URLs not reachable (no network here); SARIF2009:
    // rule ids like `CS2001` (ours are words); SARIF2011: no context region where the finding covers
    // its whole lines (a context must be larger than the region).
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) {
      expect([x.ruleId, x.level]).toEqual([expect.stringMatching(/^SARIF20(02|03|06|09|11)$/), 'note']);
    }
  });

  test("every rule carries its documentation: full description, help as text and markdown, the page's address", () => {
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      ...TRANSFORMS.map((t) => t.meta.id),
      'unused-directive',
      'invalid-directive',
    ]);
    const sources = [
      ...TRANSFORMS.map((t) => ({ id: t.meta.id, docs: t.meta.docs, page: `docs/rules/${t.meta.id}.md` })),
      ...DIRECTIVE_RULES,
    ];
    for (const rule of rules) {
      const source = sources.find((s) => s.id === rule.id);
      const docs = source?.docs;
      const help = rule.help as { text: string; markdown: string };
      const full = rule.fullDescription as { text: string; markdown: string };
      expect(full.markdown).toBe(docs?.whatItDoes);
      expect(full.text).not.toContain('`');
      expect(help.markdown).toContain(`## What it does\n\n${docs?.whatItDoes}`);
      expect(help.markdown).toContain(`## Why it matters\n\n${docs?.whyItMatters}`);
      const before = docs?.example.before ?? '';
      const code = before.endsWith('\n') ? before : `${before}\n`;
      expect(help.markdown).toContain(`## Example\n\n\`\`\`dockerfile\n${code}\`\`\``);
      if (docs?.example.after) expect(help.markdown).toContain(docs.example.after);
      expect(help.markdown).toContain(`## Fix safety\n\n${docs?.fixSafety}`);
      // The text form: the same sections, code indented, no markdown marks.
      expect(help.text).toContain('What it does\n\n');
      expect(help.text).toContain(`    ${docs?.example.before.split('\n')[0]}`);
      expect(help.text).not.toMatch(/```|^#/m);
      expect(rule.helpUri).toBe(
        `https://github.com/dockerfile-codemod/dockerfile-codemod/blob/main/${source?.page}`,
      );
      expect(help.markdown).toContain(`(${rule.helpUri})`);
    }
  });

  test("each inline-directive rule's example gives its finding", () => {
    for (const rule of DIRECTIVE_RULES) {
      const r = runCli(tempDir(), ['--check', '--warn-unused-directives', '-'], rule.docs.example.before);
      expect([rule.id, r.status]).toEqual([rule.id, 1]);
      expect(r.stdout).toMatch(new RegExp(`^<stdin>:\\d+:1 ${rule.id} `, 'm'));
    }
  });

  test('a result names its code: the span as a snippet, the whole lines as its context', () => {
    const result = sarif.runs[0]?.results.find((x) => x.fixes !== undefined) as unknown as {
      locations: Array<{
        physicalLocation: {
          region: { startLine: number; snippet: { text: string } };
          contextRegion: { startLine: number; startColumn: number; snippet: { text: string } };
        };
      }>;
    };
    const location = result.locations[0]?.physicalLocation;
    expect(location?.region.snippet.text).toBe('--mount=type=cache,target=/pip-packages');
    expect(location?.contextRegion).toMatchObject({ startLine: 4, startColumn: 1 });
    expect(location?.contextRegion.snippet.text).toBe(BROKEN.split('\n')[3]);
  });
});

describe('--format gitlab', () => {
  // GitLab's schema of one issue, copied unchanged (test/schemas/README.md), from
  // https://github.com/gitlabhq/gitlabhq/blob/f986ce9ffa56e25d0a3010c78d9481664742d766/app/validators/json_schemas/codeclimate.json
  const issueSchema = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'schemas', 'gitlab-codeclimate.json'), 'utf8'),
  ) as object;
  // What GitLab's documentation of the format asks of the whole report
  // (https://docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format): an array of
  // objects with a description, a check name, a fingerprint, a severity of five, a relative path and
  // the line the issue begins on.
  const documented = {
    type: 'array',
    items: {
      type: 'object',
      required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
      properties: {
        description: { type: 'string', minLength: 1 },
        check_name: { type: 'string', minLength: 1 },
        fingerprint: { type: 'string', minLength: 1 },
        severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
        location: {
          type: 'object',
          required: ['path', 'lines'],
          properties: {
            path: { type: 'string', pattern: '^(?!/|\\./)' },
            lines: {
              type: 'object',
              required: ['begin'],
              properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } },
            },
          },
        },
      },
    },
  };

  interface Issue {
    check_name: string;
    description: string;
    severity: string;
    fingerprint: string;
    location: { path: string; lines: { begin: number; end: number } };
  }

  const gitlab = (dir: string, args: string[] = []) => {
    const r = runCli(dir, ['--format', 'gitlab', ...args]);
    return { ...r, issues: JSON.parse(r.stdout) as Issue[] };
  };

  test("every issue passes GitLab's schema and the documented fields; each finding is one issue", () => {
    const dir = project(EVERY_KIND);
    const r = gitlab(dir, ['--warn-unused-directives']);
    expect(r.status).toBe(2);
    const ajv = new Ajv({ allErrors: true, strict: false });
    const one = ajv.compile(issueSchema);
    for (const issue of r.issues) {
      one(issue);
      expect(one.errors ?? []).toEqual([]);
    }
    const whole = ajv.compile(documented);
    whole(r.issues);
    expect(whole.errors ?? []).toEqual([]);
    expect(r.issues.map((i) => [i.location.path, i.check_name, i.severity, i.location.lines])).toEqual([
      ['a b/Dockerfile', 'cache-mount-install-target', 'minor', { begin: 4, end: 4 }],
      // The misspelt directive suppresses nothing, so the finding it meant to hide is there too.
      ['invalid/Dockerfile', 'invalid-directive', 'minor', { begin: 3, end: 3 }],
      ['invalid/Dockerfile', 'unused-directive', 'minor', { begin: 3, end: 3 }],
      ['invalid/Dockerfile', 'cache-mount-install-target', 'minor', { begin: 4, end: 4 }],
      ['report/Dockerfile', 'cache-mount-install-target', 'minor', { begin: 9, end: 9 }],
      ['unused/Dockerfile', 'unused-directive', 'minor', { begin: 2, end: 2 }],
    ]);
    expect(r.issues[0]?.description).toMatch(/^Packages pip installs into \/pip-packages/);
    // The file that could not be parsed has no line to point at: the exit code and stderr report it.
    expect(r.stderr).toContain('template/Dockerfile: error: line 2');
  });

  test('a clean tree is an empty array and exit 0', () => {
    const r = gitlab(project({ Dockerfile: 'FROM alpine:3.20\nRUN apk add curl\n' }));
    expect([r.status, r.stdout]).toEqual([0, '[]\n']);
  });

  const TWICE =
    'FROM python:3.12-slim AS a\nRUN --mount=type=cache,target=/pip-packages pip install --target=/pip-packages uwsgi\nENV PYTHONPATH=/pip-packages\n\nFROM python:3.12-slim\nRUN --mount=type=cache,target=/pip-packages pip install --target=/pip-packages uwsgi\nENV PYTHONPATH=/pip-packages\n';

  test('fingerprints: unique in a report, the same when lines are added above or the file is reformatted around the finding', () => {
    const dir = project({ 'svc/Dockerfile': TWICE, 'other/Dockerfile': BROKEN });
    const before = gitlab(dir).issues;
    expect(before.map((i) => [i.location.path, i.location.lines.begin])).toEqual([
      ['other/Dockerfile', 4],
      ['svc/Dockerfile', 2],
      ['svc/Dockerfile', 6],
    ]);
    // Two findings on identical lines of one file still differ.
    expect(new Set(before.map((i) => i.fingerprint)).size).toBe(3);
    for (const i of before) expect(i.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    // Lines added above, blank lines and indentation changed: the same issues.
    writeTree(dir, {
      'svc/Dockerfile': `# syntax=docker/dockerfile:1\nARG PY=3.12\n\n${TWICE.replace('\n\n', '\nRUN echo built\n\n').replace(/^RUN --mount/gm, 'RUN   --mount')}`,
    });
    const after = gitlab(dir).issues;
    expect(after.map((i) => [i.location.path, i.location.lines.begin])).toEqual([
      ['other/Dockerfile', 4],
      ['svc/Dockerfile', 5],
      ['svc/Dockerfile', 10],
    ]);
    expect(after.map((i) => i.fingerprint)).toEqual(before.map((i) => i.fingerprint));

    // The same content at another path, or the finding's own line edited, is another issue.
    writeTree(dir, { 'moved/Dockerfile': BROKEN });
    const moved = gitlab(dir, ['moved']).issues[0];
    expect(moved?.fingerprint).not.toBe(before[0]?.fingerprint);
    writeTree(dir, {
      'other/Dockerfile': BROKEN.replace('target=/pip-packages \\', 'target=/pip-packages,id=pip \\'),
    });
    const edited = gitlab(dir, ['other']).issues[0];
    expect(edited?.fingerprint).not.toBe(before[0]?.fingerprint);
  });

  test('--output writes the report to a file; the exit code is the same as without the format', () => {
    const dir = project({ Dockerfile: BROKEN });
    const r = runCli(dir, ['--format', 'gitlab', '--output', 'gl-code-quality-report.json']);
    expect([r.status, r.stdout]).toEqual([1, '']);
    const issues = JSON.parse(fs.readFileSync(path.join(dir, 'gl-code-quality-report.json'), 'utf8'));
    expect(issues).toHaveLength(1);
    expect(runCli(dir, ['--write', '--format', 'gitlab']).status).toBe(0);
  });
});

describe('--format jsonl', () => {
  test('one line per file, each a file object of the JSON report, then the summary', () => {
    const dir = project(EVERY_KIND);
    const lines = runCli(dir, ['--format', 'jsonl', '--warn-unused-directives']);
    const json = runCli(dir, ['--format', 'json', '--warn-unused-directives']);
    expect([lines.status, json.status]).toEqual([2, 2]);
    const report = JSON.parse(json.stdout);
    const parsed = lines.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    expect(lines.stdout.endsWith('}\n')).toBe(true);
    expect(parsed.slice(0, -1)).toEqual(report.files);
    const { elapsedMs: _a, ...summary } = parsed[parsed.length - 1].summary;
    const { elapsedMs: _b, ...expected } = report.summary;
    expect(Object.keys(parsed[parsed.length - 1])).toEqual(['summary']);
    expect(summary).toEqual(expected);
    expect(summary.files).toBe(7);
  });

  test('--output streams the lines to the file; an empty tree gives the summary line alone', () => {
    const dir = project({ 'a/Dockerfile': BROKEN, 'b/Dockerfile': BROKEN });
    const r = runCli(dir, ['--write', '--format', 'jsonl', '--output', 'out.jsonl']);
    expect([r.status, r.stdout]).toEqual([0, '']);
    const lines = fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8').trim().split('\n');
    expect(lines.map((l) => JSON.parse(l).path ?? 'summary')).toEqual([
      'a/Dockerfile',
      'b/Dockerfile',
      'summary',
    ]);
    expect(JSON.parse(lines[0] as string)).toMatchObject({ status: 'changed', written: true });
    const empty = runCli(project({ 'README.md': 'x\n' }), ['--format', 'jsonl']);
    expect(empty.status).toBe(0);
    expect(JSON.parse(empty.stdout).summary.files).toBe(0);
    const bad = runCli(dir, ['--format', 'jsonl', '--output', 'no/such/folder/out.jsonl']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/cannot write --output no\/such\/folder\/out\.jsonl: ENOENT/);
  });

  test('over a few thousand files, the first lines come out while the run is still going', async () => {
    const FILES = 3000;
    const tree: Tree = {};
    for (let i = 0; i < FILES; i++)
      tree[`d${String(i % 30).padStart(2, '0')}/s${String(i).padStart(4, '0')}.Dockerfile`] = BROKEN;
    const fleet = project(tree);
    const child = spawn(process.execPath, [BIN, '--format', 'jsonl', '.'], {
      cwd: fleet,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let text = '';
    let first: { lines: number; running: boolean; summary: boolean } | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      text += chunk;
      if (!first && text.includes('\n'))
        first = {
          lines: text.split('\n').length - 1,
          running: child.exitCode === null,
          summary: text.includes('"summary"'),
        };
    });
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status).toBe(1);
    expect(first).toMatchObject({ running: true, summary: false });
    expect(first?.lines).toBeLessThan(FILES / 10);
    const lines = text.trim().split('\n');
    expect(lines).toHaveLength(FILES + 1);
    expect(JSON.parse(lines[FILES] as string).summary).toMatchObject({ files: FILES, changed: FILES });
  }, 120_000);

  test('a reader that stops reading holds the run up instead of letting the output pile up', async () => {
    // 300 lines of about 1 KB: more than a pipe holds.
    const tree: Tree = {};
    for (let i = 0; i < 300; i++) tree[`d${i % 10}/s${i}.Dockerfile`] = BROKEN;
    const dir = project(tree);
    const child = spawn(process.execPath, [BIN, '--format', 'jsonl', '.'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.stdout.pause();
    // Long enough for the whole run many times over, were it not waiting.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    const summaryWhilePaused = /\d+ files:/.test(stderr);
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      text += d;
    });
    child.stdout.resume();
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(summaryWhilePaused).toBe(false);
    expect(status).toBe(1);
    expect(stderr).toMatch(/300 files: 300 would change/);
    expect(text.trim().split('\n')).toHaveLength(301);
  }, 60_000);

  test('no result is kept by JSON Lines or --check: the heap stays flat, where keeping the results grows it', () => {
    // Each file has a finding and 40 KB of text, which a kept result holds twice (before and after).
    const FILES = 200;
    const padding = '# padding that a kept result holds before and after the repair\n'.repeat(640);
    const tree: Tree = {};
    for (let i = 0; i < FILES; i++) tree[`d${i % 20}/s${i}.Dockerfile`] = `${padding}${BROKEN}`;
    const dir = project(tree);
    /**
     * The heap after a full collection every 50 files, in a process of its own: the command line
     * writing JSON Lines, or for comparison run() keeping its notable results.
     */
    const heapSamples = (how: 'jsonl' | 'check' | 'keep-notable'): number[] => {
      const script = `
        const { Writable } = require('node:stream');
        const samples = [];
        let n = 0;
        const tick = () => { if (++n % 50 === 0) { global.gc(); samples.push(process.memoryUsage().heapUsed); } };
        const done = () => process.stdout.write(JSON.stringify(samples));
        if (${JSON.stringify(how)} !== 'keep-notable') {
          const { main } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'cli', 'main.js'))});
          // One JSON line, or one finding line, per file.
          const perFile = ${JSON.stringify(how)} === 'jsonl' ? /^{"path"/ : / cache-mount-install-target /;
          const stdout = new Writable({ write(chunk, _e, cb) { if (perFile.test(String(chunk))) tick(); cb(); } });
          const stderr = new Writable({ write(_c, _e, cb) { cb(); } });
          const argv = ${JSON.stringify(how)} === 'jsonl' ? ['--format', 'jsonl', '.'] : ['--check', '.'];
          main(argv, { stdout, stderr, readStdin: async () => '', cwd: process.cwd(), env: {} }).then(done);
        } else {
          const { run } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'run.js'))});
          run(['.'], { keep: 'notable', onResult: tick }).then(done);
        }`;
      const r = spawnSync(process.execPath, ['--expose-gc', '-e', script], { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout);
    };
    const MB = 1024 * 1024;
    const growth = (s: number[]) => ((s[s.length - 1] as number) - (s[0] as number)) / MB;
    const streamed = heapSamples('jsonl');
    const checked = heapSamples('check');
    const kept = heapSamples('keep-notable');
    expect([streamed.length, checked.length, kept.length]).toEqual([FILES / 50, FILES / 50, FILES / 50]);
    // 150 results of 80 KB of text are 12 MB when kept (measured: 12); streamed, the heap stays
    // within a fraction of a megabyte.
    expect(growth(kept)).toBeGreaterThan(8);
    expect(growth(streamed)).toBeLessThan(1.5);
    // --check (and the diff) print each file's lines as it is done, and keep nothing either.
    expect(growth(checked)).toBeLessThan(1.5);
  }, 120_000);
});
