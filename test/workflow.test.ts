/**
 * The places people meet the tool: machine formats (JSON, SARIF validated
 * against the official 2.1.0 schema, GitHub annotations), inline directives,
 * configuration files, --list-transforms and --explain, colour, and the
 * programmatic API through the package entry point.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { run } from '../src/run.js';
import { TRANSFORMS } from '../transforms/index.js';
import {
  ensureBuilt,
  fixtureInput,
  fixtureOutput,
  ROOT,
  readBytes,
  removeTempDirs,
  runCli,
  type Tree,
  tempTree,
  writeTree,
} from './helpers/cli.js';

const BROKEN = fixtureInput('seed-pip-target').toString();
const FIXED = fixtureOutput('seed-pip-target').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

const project = (tree: Tree) => tempTree(tree, 'dfcm-wf-');

describe('--format json', () => {
  test('per file: path, status, findings with ranges and the fix as edits; a summary', () => {
    const dir = project({
      'a/Dockerfile': BROKEN,
      'b/Dockerfile': REPORT_ONLY,
      'c/Dockerfile': 'FROM x\nRUN true\n',
    });
    const r = runCli(dir, ['--format', 'json']);
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.schema).toBe('dockerfile-codemod/report/v1');
    expect(report.mode).toBe('diff');
    expect(report.files.map((f: { path: string; status: string }) => [f.path, f.status])).toEqual([
      ['a/Dockerfile', 'changed'],
      ['b/Dockerfile', 'unchanged'],
      ['c/Dockerfile', 'unchanged'],
    ]);
    const [fix] = report.files[0].findings;
    expect(fix).toMatchObject({
      ruleId: 'cache-mount-install-target',
      severity: 'warning',
      range: { start: { line: 4, column: 5 } },
    });
    // Applying the edits to the input gives the fixture output.
    let text = BROKEN;
    for (const e of [...fix.fix.edits].reverse())
      text = text.slice(0, e.range.start.offset) + e.text + text.slice(e.range.end.offset);
    expect(text).toBe(FIXED);
    expect(report.files[1].findings[0].fix).toBeNull();
    expect(report.summary).toMatchObject({ files: 3, changed: 1, unchanged: 2, withFindings: 2, errors: 0 });
  });

  test('--write reports what it wrote; --output writes the report to a file', () => {
    const dir = project({ 'a/Dockerfile': BROKEN });
    const r = runCli(dir, ['--write', '--format', 'json', '--output', 'report.json']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'));
    expect(report.mode).toBe('write');
    expect(report.files[0]).toMatchObject({ path: 'a/Dockerfile', status: 'changed', written: true });
    expect(readBytes(dir, 'a/Dockerfile').toString()).toBe(FIXED);
  });
});

describe('--format sarif', () => {
  const schemaFile = ['linux', 'darwin', 'win32']
    .map((p) => path.join(ROOT, 'node_modules', '@microsoft', `sarif-multitool-${p}`, 'sarif-2.1.0.json'))
    .find((f) => fs.existsSync(f));

  test('the official SARIF 2.1.0 schema ships with the dev dependencies', () => {
    expect(schemaFile).toBeDefined();
  });

  test('validates against the schema and carries the fixes as replacements', () => {
    const dir = project({
      'a b/Dockerfile': BROKEN,
      'r/Dockerfile': REPORT_ONLY,
      'bad/Dockerfile': 'FROM x\n{% if %}\nRUN --mount=type=cache,target=/x true\n',
    });
    const r = runCli(dir, ['--format', 'sarif']);
    expect(r.status).toBe(2);
    const sarif = JSON.parse(r.stdout);
    const schema = JSON.parse(fs.readFileSync(schemaFile as string, 'utf8'));
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const ok = validate(sarif);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((x: { id: string }) => x.id)).toContain('cache-mount-install-target');
    const fixed = run.results.find(
      (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
        x.locations[0]?.physicalLocation.artifactLocation.uri === 'a%20b/Dockerfile',
    );
    expect(fixed.fixes[0].artifactChanges[0].replacements[0]).toMatchObject({
      deletedRegion: { startLine: 4, startColumn: 31 },
      insertedContent: { text: '/root/.cache/pip' },
    });
    const reportOnly = run.results.find((x: { fixes?: unknown }) => x.fixes === undefined);
    expect(reportOnly.level).toBe('warning');
    expect(run.invocations[0].executionSuccessful).toBe(false);
    expect(run.invocations[0].toolExecutionNotifications[0].message.text).toContain('bad/Dockerfile');
  });
});

describe('--format github', () => {
  test('one workflow command per finding and error, with escaped data', () => {
    const dir = project({
      'a,b/Dockerfile': BROKEN,
      'bad/Dockerfile': 'FROM x\n{% if %}\nRUN --mount=type=cache,target=/x true\n',
    });
    const r = runCli(dir, ['--check', '--format', 'github']);
    expect(r.status).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(
      /^::warning file=a%2Cb\/Dockerfile,line=4,col=5,endLine=4,endColumn=\d+,title=cache-mount-install-target::Packages pip installs/,
    );
    expect(lines[1]).toMatch(
      /^::error file=bad\/Dockerfile,title=dockerfile-codemod::line 2: unknown instruction/,
    );
  });
});

describe('inline directives', () => {
  const withDirective = (directive: string) =>
    BROKEN.replace('WORKDIR /app\n', `WORKDIR /app\n${directive}\n`);

  test('ignore=RULE covers the next instruction only', () => {
    const text = `${withDirective('# dockerfile-codemod ignore=cache-mount-install-target reason=kept on purpose')}RUN --mount=type=cache,target=/q pip install --target=/q x\n`;
    const dir = project({ Dockerfile: text });
    const r = runCli(dir, ['--check']);
    expect(r.status).toBe(1);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(r.stdout).toContain('Dockerfile:10:5');
  });

  test('global ignore covers the file; --no-inline-directives turns directives off', () => {
    const dir = project({ Dockerfile: `# dockerfile-codemod global ignore=all\n${BROKEN}` });
    expect(runCli(dir, ['--check']).status).toBe(0);
    const off = runCli(dir, ['--check', '--no-inline-directives']);
    expect(off.status).toBe(1);
    expect(off.stdout).toContain('cache-mount-install-target');
  });

  test('--warn-unused-directives reports a directive that suppresses nothing', () => {
    const dir = project({
      Dockerfile:
        'FROM python:3.12\n# dockerfile-codemod ignore=cache-mount-install-target\nRUN pip install x\n',
    });
    expect(runCli(dir, ['--check']).status).toBe(0);
    const r = runCli(dir, ['--check', '--warn-unused-directives']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Dockerfile:2:1 unused-directive this directive suppresses nothing/);
  });

  test('ignore= takes a list of rules: any rule of the list suppresses its finding', () => {
    // The rule that matters is not the first one of the list.
    const dir = project({
      Dockerfile: withDirective('# dockerfile-codemod ignore=unused-directive,cache-mount-install-target'),
    });
    const r = runCli(dir, ['--check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    // Without the directive the same file has a finding.
    expect(runCli(project({ Dockerfile: BROKEN }), ['--check']).status).toBe(1);
  });

  test('global ignore=RULE covers the whole file, wherever the directive stands', () => {
    const dir = project({
      Dockerfile: `${BROKEN}# dockerfile-codemod global ignore=cache-mount-install-target\n`,
    });
    const r = runCli(dir, ['--check']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    // The same comment without `global` covers only the next instruction (none follows the last line).
    const local = project({
      Dockerfile: `${BROKEN}# dockerfile-codemod ignore=cache-mount-install-target\n`,
    });
    expect(runCli(local, ['--check']).status).toBe(1);
  });

  test('global ignore of another rule leaves the finding', () => {
    const dir = project({ Dockerfile: `# dockerfile-codemod global ignore=some-other-rule\n${BROKEN}` });
    const r = runCli(dir, ['--check']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Dockerfile:5:5 cache-mount-install-target /m);
  });

  test('a directive inside a heredoc is shell text, not a directive', () => {
    const text = BROKEN.replace(
      'COPY . .',
      'RUN <<EOF\n# dockerfile-codemod global ignore=all\nEOF\nCOPY . .',
    );
    const dir = project({ Dockerfile: text });
    expect(runCli(dir, ['--check']).status).toBe(1);
  });
});

describe('configuration', () => {
  test('the nearest .dockerfile-codemod.json applies; package.json key too; CLI flags win', () => {
    const dir = project({
      'package.json': JSON.stringify({
        name: 'x',
        'dockerfile-codemod': { cacheDirs: { pip: '/cache/pip' } },
      }),
      'a/Dockerfile': BROKEN,
      'b/.dockerfile-codemod.json': JSON.stringify({ transforms: { 'cache-mount-install-target': 'off' } }),
      'b/Dockerfile': BROKEN,
      'c/.dockerfile-codemod.json': JSON.stringify({ exclude: ['legacy/**'] }),
      'c/legacy/Dockerfile': BROKEN,
      'c/Dockerfile': BROKEN,
    });
    const r = runCli(dir, ['--write']);
    expect(r.status).toBe(0);
    expect(readBytes(dir, 'a/Dockerfile').toString()).toBe(FIXED.replace('/root/.cache/pip', '/cache/pip'));
    expect(readBytes(dir, 'b/Dockerfile').toString()).toBe(BROKEN);
    expect(readBytes(dir, 'c/legacy/Dockerfile').toString()).toBe(BROKEN);
    expect(readBytes(dir, 'c/Dockerfile').toString()).toBe(FIXED);
    // --transform overrides the file's "off".
    const forced = runCli(dir, ['--check', '--transform', 'cache-mount-install-target', 'b']);
    expect(forced.status).toBe(1);
    // --no-config ignores the files; --config uses one file for everything.
    expect(runCli(dir, ['--check', '--no-config', 'b']).status).toBe(1);
    fs.writeFileSync(
      path.join(dir, 'off.json'),
      JSON.stringify({ transforms: { 'cache-mount-install-target': 'off' } }),
    );
    fs.writeFileSync(path.join(dir, 'c', 'Dockerfile'), BROKEN);
    expect(runCli(dir, ['--check', '--config', 'off.json', 'c']).status).toBe(0);
  });

  test.each([
    ['{ "transforms": ', /\.dockerfile-codemod\.json: not valid JSON/],
    ['{ "exclud": [] }', /\.dockerfile-codemod\.json: exclud: unknown key/],
    ['{ "exclude": "legacy" }', /\.dockerfile-codemod\.json: exclude: must be an array of glob strings/],
    [
      '{ "transforms": { "cache-mount-install-target": "no" } }',
      /transforms\.cache-mount-install-target: must be "on" or "off"/,
    ],
    ['{ "cacheDirs": { "pip": "relative" } }', /cacheDirs\.pip: must be an absolute path/],
    ['{ "cacheDirs": { "pipx": "/x" } }', /cacheDirs\.pipx: unknown package manager/],
    [
      '{ "name": "x", "dockerfile-codemod": { "exclud": [] } }',
      /bad\/package\.json: dockerfile-codemod\.exclud: unknown key/,
      'package.json',
    ],
  ])(
    'bad configuration %s: exit 2 naming file and key; files elsewhere still processed',
    (content, message, file = '.dockerfile-codemod.json') => {
      const dir = project({
        [`bad/${file}`]: content,
        'bad/Dockerfile': BROKEN,
        'good/Dockerfile': BROKEN,
      });
      const r = runCli(dir, ['--write']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      // Reported once, by the configuration file's own path; its Dockerfile counts as an error.
      expect(r.stderr).toContain(`dockerfile-codemod: error: configuration bad/${file}: `);
      expect(r.stderr).toMatch(/2 files: 1 changed, .*1 error/);
      expect(readBytes(dir, 'bad/Dockerfile').toString()).toBe(BROKEN);
      expect(readBytes(dir, 'good/Dockerfile').toString()).toBe(FIXED);
    },
  );

  test('--stdin-filename makes the configuration of that folder apply to standard input', () => {
    const dir = project({
      'svc/.dockerfile-codemod.json': JSON.stringify({ cacheDirs: { pip: '/cache/pip' } }),
    });
    const named = runCli(dir, ['--write', '-', '--stdin-filename', 'svc/Dockerfile'], BROKEN);
    expect(named.status).toBe(0);
    expect(named.stdout).toBe(FIXED.replace('/root/.cache/pip', '/cache/pip'));
    // A name outside svc/ (or none) finds no configuration: the computed cache folder.
    for (const args of [['--stdin-filename', 'other/Dockerfile'], []]) {
      const r = runCli(dir, ['--write', '-', ...args], BROKEN);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(FIXED);
    }
    // A configuration that turns the transform off applies the same way.
    writeTree(dir, {
      'off/.dockerfile-codemod.json': JSON.stringify({ transforms: { 'cache-mount-install-target': 'off' } }),
    });
    expect(runCli(dir, ['--check', '-', '--stdin-filename', 'off/Dockerfile'], BROKEN).status).toBe(0);
    expect(runCli(dir, ['--check', '-', '--stdin-filename', 'svc/Dockerfile'], BROKEN).status).toBe(1);
  });

  test('a bad --config file is a usage error', () => {
    const dir = project({ 'x.json': '{"nope": 1}', Dockerfile: BROKEN });
    const r = runCli(dir, ['--config', 'x.json']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/x\.json: nope: unknown key/);
  });
});

describe('choosing transforms', () => {
  test('--disable takes a transform out; --enable and --transform with an unknown id are usage errors', () => {
    const dir = project({ Dockerfile: BROKEN });
    expect(runCli(dir, ['--check']).status).toBe(1);
    const off = runCli(dir, ['--check', '--disable', 'cache-mount-install-target']);
    expect([off.status, off.stdout]).toEqual([0, '']);
    for (const flag of ['--enable', '--disable', '--transform']) {
      const r = runCli(dir, ['--check', flag, 'nope']);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/unknown transform 'nope' \(known: cache-mount-install-target/);
    }
  });

  test('--disable wins over a configuration that turns the transform on', () => {
    const dir = project({
      Dockerfile: BROKEN,
      '.dockerfile-codemod.json': JSON.stringify({ transforms: { 'cache-mount-install-target': 'on' } }),
    });
    expect(runCli(dir, ['--check', '--disable', 'cache-mount-install-target']).status).toBe(0);
  });

  test.each([
    [{ transformOptions: { nope: {} } }, /transformOptions\.nope: unknown transform/],
    [
      { transformOptions: { 'cache-mount-install-target': { x: 1 } } },
      /transformOptions\.cache-mount-install-target\.x: cache-mount-install-target takes no options/,
    ],
    [
      { transformOptions: { 'cache-mount-install-target': [] } },
      /transformOptions\.cache-mount-install-target: must be an object/,
    ],
    [{ transformOptions: 3 }, /transformOptions: must be an object of transform id -> options object/],
  ])('transformOptions %j is a configuration error naming the key', (config, message) => {
    const dir = project({ Dockerfile: BROKEN, '.dockerfile-codemod.json': JSON.stringify(config) });
    const r = runCli(dir, ['--check']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('discoverability and terminal manners', () => {
  test('--list-transforms and --explain', () => {
    const dir = project({});
    const l = runCli(dir, ['--list-transforms']);
    expect(l.status).toBe(0);
    expect(l.stdout).toMatch(/^cache-mount-install-target {2}on {3}fix: safe {4}A cache mount covers/m);
    const e = runCli(dir, ['--explain', 'cache-mount-install-target']);
    expect(e.status).toBe(0);
    expect(e.stdout).toBe(
      fs.readFileSync(path.join(ROOT, 'docs', 'rules', 'cache-mount-install-target.md'), 'utf8'),
    );
    expect(runCli(dir, ['--explain', 'nope']).status).toBe(2);
  });

  test('a folder named like a flag value is a path, not a command', () => {
    const dir = project({ 'explain/Dockerfile': BROKEN });
    const r = runCli(dir, ['explain']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('diff --git a/explain/Dockerfile');
  });

  test('colour only when asked or on a terminal; NO_COLOR and FORCE_COLOR are honoured', () => {
    const dir = project({ Dockerfile: BROKEN });
    const run = (args: string[], env: Record<string, string>) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin', 'dockerfile-codemod.js'), ...args], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', ...env },
      }).stdout;
    const ESC = '\x1b[';
    expect(run([], {})).not.toContain(ESC);
    expect(run(['--color'], {})).toContain(`${ESC}31m-RUN`);
    expect(run([], { FORCE_COLOR: '1' })).toContain(ESC);
    expect(run([], { FORCE_COLOR: '1', NO_COLOR: '1' })).not.toContain(ESC);
    expect(run(['--no-color'], { FORCE_COLOR: '1' })).not.toContain(ESC);
    expect(run(['--color', '--output', 'x.patch'], {})).toBe('');
    expect(fs.readFileSync(path.join(dir, 'x.patch'), 'utf8')).not.toContain(ESC);
  });
});

describe('programmatic API through the package entry point', () => {
  const node = (code: string, cwd = ROOT) =>
    spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8' });

  test('transformSource, run and listTransforms', () => {
    const dir = project({ 'svc/Dockerfile': BROKEN });
    const code = `
      const api = require('dockerfile-codemod');
      (async () => {
        const t = await api.transformSource(${JSON.stringify(BROKEN)});
        const r = await api.run(['.'], { cwd: ${JSON.stringify(dir)} });
        let err = null;
        try { await api.transformSource('FROM x\\n{%% if %%}\\nRUN --mount=type=cache,target=/x true\\n'); } catch (e) { err = [e instanceof api.FileError, e.kind]; }
        console.log(JSON.stringify({
          output: t.output, findings: t.findings.map((f) => [f.ruleId, f.line, f.column, f.fixable]),
          files: r.results.map((f) => [f.displayPath, f.status]), summary: r.summary.changed,
          transforms: api.listTransforms().map((x) => x.id), err,
        }));
      })();`;
    const r = node(code);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.output).toBe(FIXED);
    expect(out.findings).toEqual([['cache-mount-install-target', 4, 5, true]]);
    expect(out.files).toEqual([['svc/Dockerfile', 'changed']]);
    expect(out.summary).toBe(1);
    expect(out.transforms).toEqual(TRANSFORMS.map((t) => t.meta.id));
    expect(out.err).toEqual([true, 'input']);
  });

  test("keep: 'notable' holds only what a report shows; the summary still counts every file", async () => {
    const dir = project({
      'a/Dockerfile': BROKEN,
      'b/Dockerfile': 'FROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
      'c/Dockerfile': 'FROM node:20\n{% if y %}\nRUN --mount=type=cache,target=/app/node_modules npm ci\n',
      'd/Dockerfile': '',
      'e/Dockerfile': REPORT_ONLY,
    });
    const all = await run(['.'], { cwd: dir });
    const notable = await run(['.'], { cwd: dir, keep: 'notable' });
    const statuses = (r: typeof all) => r.results.map((f) => [f.displayPath, f.status]);
    expect(statuses(all)).toEqual([
      ['a/Dockerfile', 'changed'],
      ['b/Dockerfile', 'unchanged'],
      ['c/Dockerfile', 'error'],
      ['d/Dockerfile', 'skipped'],
      ['e/Dockerfile', 'unchanged'],
    ]);
    expect(statuses(notable)).toEqual([
      ['a/Dockerfile', 'changed'],
      ['c/Dockerfile', 'error'],
      ['d/Dockerfile', 'skipped'],
      ['e/Dockerfile', 'unchanged'],
    ]);
    const { elapsedMs: _a, ...summaryAll } = all.summary;
    const { elapsedMs: _b, ...summaryNotable } = notable.summary;
    expect(summaryNotable).toEqual(summaryAll);
    expect(summaryAll).toEqual({ files: 5, changed: 1, unchanged: 3, withFindings: 2, errors: 1 });
  });

  test('the type declarations the package exports compile a consumer', () => {
    const dir = project({
      'consumer.ts': `import { transformSource, run, type Finding, type FileResult } from 'dockerfile-codemod';
export async function use(): Promise<number> {
  const { output, findings } = await transformSource('FROM x\\n', { transforms: ['cache-mount-install-target'] });
  const f: Finding[] = findings;
  const r = await run(['.'], { write: false, exclude: ['x/**'] });
  const files: FileResult[] = r.results;
  return output.length + f.length + files.length + r.summary.errors;
}
`,
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          target: 'ES2022',
          noEmit: true,
          types: [],
        },
        files: ['consumer.ts'],
      }),
    });
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'dockerfile-codemod'));
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = spawnSync(process.execPath, [tsc, '-p', dir], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
