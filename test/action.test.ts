/**
 * The GitHub Action: action.yml's inputs and outputs, and its entry point
 * (action/main.js) run as the runner runs it, with the environment GitHub
 * sets, on fixture repositories.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  ensureBuilt,
  fixtureInput,
  fixtureOutput,
  makeRepo,
  ROOT,
  removeTempDirs,
  tempDir,
} from './helpers/cli.js';
import { cleanEnv } from './helpers/package.js';

const ENTRY = path.join(ROOT, 'action', 'main.js');
const BROKEN = fixtureInput('seed-pip-target').toString();
const FIXED = fixtureOutput('seed-pip-target').toString();
const CLEAN = fixtureInput('already-correct').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();
const UNPARSEABLE =
  'FROM python:3.12\n{% if x %}\nRUN --mount=type=cache,target=/p pip install --target=/p y\n';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Runs the entry point as the runner does: inputs as INPUT_* variables, the workspace, the two command files. */
function runAction(workspace: string, inputs: Record<string, string>): ActionRun {
  const files = tempDir('dfcm-gh-');
  const summaryFile = path.join(files, 'step_summary');
  const outputFile = path.join(files, 'output');
  fs.writeFileSync(summaryFile, '');
  fs.writeFileSync(outputFile, '');
  const env = cleanEnv({
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  });
  // The step's folder is not the workspace's: the entry must go by GITHUB_WORKSPACE.
  const r = spawnSync(process.execPath, [ENTRY], { cwd: files, env, encoding: 'utf8' });
  const outputs = Object.fromEntries(
    fs
      .readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('=') as [string, string]),
  );
  return {
    status: r.status,
    stdout: r.stdout,
    stderr: r.stderr,
    summary: fs.readFileSync(summaryFile, 'utf8'),
    outputs,
  };
}

const DEFAULTS = { paths: '.', mode: 'check', format: 'github', 'sarif-file': '', 'fail-on-report': 'false' };

function fixtureRepo(): string {
  return makeRepo({
    'svc/Dockerfile': BROKEN,
    'jobs/Dockerfile': REPORT_ONLY,
    Dockerfile: CLEAN,
    'README.md': 'x\n',
  });
}

describe('action.yml', () => {
  const action = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    outputs: Record<string, { value: string }>;
    runs: { using: string; steps: Array<{ id?: string; run: string; env?: Record<string, string> }> };
  };

  test('declares the inputs with their defaults and the four count outputs', () => {
    expect(Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, v.default]))).toEqual(
      DEFAULTS,
    );
    expect(action.outputs).toEqual({
      files: expect.objectContaining({ value: '${{ steps.run.outputs.files }}' }),
      changed: expect.objectContaining({ value: '${{ steps.run.outputs.changed }}' }),
      findings: expect.objectContaining({ value: '${{ steps.run.outputs.findings }}' }),
      errors: expect.objectContaining({ value: '${{ steps.run.outputs.errors }}' }),
    });
  });

  test('its run step hands every input to the entry point, which reads it under that name', () => {
    expect(action.runs.using).toBe('composite');
    const step = action.runs.steps.find((s) => s.id === 'run');
    expect(step?.run).toBe('node "$GITHUB_ACTION_PATH/action/main.js"');
    for (const name of Object.keys(DEFAULTS)) {
      const key = `INPUT_${name.toUpperCase().replace(/-/g, '_')}`;
      expect([key, step?.env?.[key]]).toEqual([key, `\${{ inputs.${name} }}`]);
    }
  });
});

describe('action/main.js', () => {
  test('check: annotations on stdout, the findings table and counts in the summary, the outputs, SARIF, exit 1', () => {
    const repo = fixtureRepo();
    const r = runAction(repo, { ...DEFAULTS, 'sarif-file': 'reports/dockerfile-codemod.sarif' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(
        /^::warning file=jobs\/Dockerfile,line=9,col=5,endLine=9,endColumn=\d+,title=cache-mount-install-target::Packages pip installs into \/home\/app\/venv .*uid=/,
      ),
      expect.stringMatching(
        /^::warning file=svc\/Dockerfile,line=4,col=5,endLine=4,endColumn=\d+,title=cache-mount-install-target::Packages pip installs into \/pip-packages .*Mount pip's cache \/root\/.cache\/pip instead\.$/,
      ),
    ]);
    expect(r.summary).toContain(
      '3 files: 1 would change, 2 unchanged; 2 findings (1 fixable, 1 to fix by hand); 0 errors.',
    );
    const rows = r.summary.split('\n').filter((l) => l.startsWith('|'));
    expect(rows[0]).toBe('| File | Line | Rule | Message | Fixable |');
    expect(rows.slice(2)).toEqual([
      expect.stringMatching(
        /^\| jobs\/Dockerfile \| 9 \| `cache-mount-install-target` \| Packages pip .* \| no \|$/,
      ),
      expect.stringMatching(
        /^\| svc\/Dockerfile \| 4 \| `cache-mount-install-target` \| Packages pip .* \| yes \|$/,
      ),
    ]);
    expect(r.outputs).toEqual({ files: '3', changed: '1', findings: '2', errors: '0' });
    const sarif = JSON.parse(fs.readFileSync(path.join(repo, 'reports', 'dockerfile-codemod.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(
      sarif.runs[0].results.map(
        (x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) =>
          x.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    ).toEqual(['jobs/Dockerfile', 'svc/Dockerfile']);
    // check changes nothing.
    expect(fs.readFileSync(path.join(repo, 'svc', 'Dockerfile'), 'utf8')).toBe(BROKEN);
  });

  test('write repairs and exits 0; with fail-on-report it exits 1 while a finding without a fix remains', () => {
    const repo = fixtureRepo();
    const r = runAction(repo, { ...DEFAULTS, mode: 'write' });
    expect(r.status).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'svc', 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(r.outputs).toEqual({ files: '3', changed: '1', findings: '2', errors: '0' });
    expect(r.summary).toContain('3 files: 1 changed, 2 unchanged;');

    const again = fixtureRepo();
    const strict = runAction(again, { ...DEFAULTS, mode: 'write', 'fail-on-report': 'true' });
    expect(strict.status).toBe(1);
    expect(fs.readFileSync(path.join(again, 'svc', 'Dockerfile'), 'utf8')).toBe(FIXED);
    // Nothing left to report: fail-on-report passes.
    const fixedOnly = makeRepo({ 'svc/Dockerfile': BROKEN });
    expect(runAction(fixedOnly, { ...DEFAULTS, mode: 'write', 'fail-on-report': 'true' }).status).toBe(0);
  });

  test('diff prints the repair as a diff that git apply takes, inside a log group', () => {
    const repo = fixtureRepo();
    const r = runAction(repo, { ...DEFAULTS, mode: 'diff', paths: 'svc\nDockerfile' });
    expect(r.status).toBe(1);
    const diff = /::group::[^\n]*\n([\s\S]*)::endgroup::\n$/.exec(r.stdout)?.[1];
    expect(diff).toMatch(
      /^diff --git a\/svc\/Dockerfile b\/svc\/Dockerfile\n--- a\/svc\/Dockerfile\n\+\+\+ b\/svc\/Dockerfile\n/,
    );
    expect(r.outputs).toEqual({ files: '2', changed: '1', findings: '1', errors: '0' });
    const apply = spawnSync('git', ['apply', '-'], { cwd: repo, input: diff, encoding: 'utf8' });
    expect(apply.status).toBe(0);
    expect(fs.readFileSync(path.join(repo, 'svc', 'Dockerfile'), 'utf8')).toBe(FIXED);
  });

  test('the other formats print the report instead of annotations', () => {
    const repo = fixtureRepo();
    const json = runAction(repo, { ...DEFAULTS, format: 'json' });
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout).summary).toMatchObject({ files: 3, changed: 1, errors: 0 });
    const text = runAction(repo, { ...DEFAULTS, format: 'text' });
    expect(text.stdout).toMatch(
      /^jobs\/Dockerfile:9:5 cache-mount-install-target .*\nsvc\/Dockerfile:4:5 cache-mount-install-target /,
    );
    const sarif = runAction(repo, { ...DEFAULTS, format: 'sarif' });
    expect(JSON.parse(sarif.stdout).runs[0].results).toHaveLength(2);
  });

  test('a clean workspace: no annotation, zero counts, exit 0', () => {
    const r = runAction(makeRepo({ Dockerfile: CLEAN }), DEFAULTS);
    expect(r).toMatchObject({
      status: 0,
      stdout: '',
      outputs: { files: '1', changed: '0', findings: '0', errors: '0' },
    });
    expect(r.summary).toContain('1 files: 0 would change, 1 unchanged; 0 findings');
    expect(r.summary).not.toContain('| File |');
  });

  test('a file that cannot be parsed is an error annotation, a summary row, errors=1 and exit 2', () => {
    const r = runAction(makeRepo({ 'tpl/Dockerfile': UNPARSEABLE, 'svc/Dockerfile': BROKEN }), DEFAULTS);
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(
      /^::error file=tpl\/Dockerfile,title=dockerfile-codemod::line 2: unknown instruction/m,
    );
    expect(r.summary).toMatch(/^\| tpl\/Dockerfile \| \| \| error: line 2: unknown instruction .* \| \|$/m);
    expect(r.outputs.errors).toBe('1');
  });

  test('an invalid input fails the step with an error annotation naming it', () => {
    const repo = fixtureRepo();
    expect(runAction(repo, { ...DEFAULTS, mode: 'fix' })).toMatchObject({
      status: 2,
      stdout: "::error title=dockerfile-codemod::input mode: 'fix' is not one of check, diff, write\n",
    });
    expect(runAction(repo, { ...DEFAULTS, 'fail-on-report': 'yes' })).toMatchObject({
      status: 2,
      stdout:
        "::error title=dockerfile-codemod::input fail-on-report: 'yes' is not a boolean (true or false)\n",
    });
  });

  test('past ten findings of a kind, a notice points at the summary, which lists them all', () => {
    const tree: Record<string, string> = {};
    for (let i = 0; i < 12; i++) tree[`s${String(i).padStart(2, '0')}/Dockerfile`] = BROKEN;
    const r = runAction(makeRepo(tree), DEFAULTS);
    expect(r.stdout.match(/^::warning /gm)).toHaveLength(12);
    expect(r.stdout).toMatch(
      /^::notice title=dockerfile-codemod::12 findings and 0 errors; GitHub shows 10 annotations of each kind per step/m,
    );
    expect(r.summary.split('\n').filter((l) => /^\| s\d\d\/Dockerfile /.test(l))).toHaveLength(12);
  });

  test('the summary stays within the size GitHub takes and says how many rows it left out', () => {
    const { summaryMarkdown } = require(ENTRY) as {
      summaryMarkdown: (results: unknown[], summary: object, mode: string, limit?: number) => string;
    };
    const finding = {
      line: 4,
      column: 5,
      ruleId: 'cache-mount-install-target',
      message: 'm'.repeat(200),
      fixable: true,
    };
    const results = Array.from({ length: 6000 }, (_, i) => ({
      displayPath: `d${i}/Dockerfile`,
      findings: [finding],
    }));
    const summary = { files: 6000, changed: 6000, unchanged: 0, withFindings: 6000, errors: 0 };
    const md = summaryMarkdown(results, summary, 'check');
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(1024 * 1024);
    const shown = md.split('\n').filter((l) => /^\| d\d+\/Dockerfile /.test(l)).length;
    expect(shown).toBeGreaterThan(3000);
    expect(md).toContain(
      `${6000 - shown} more rows are not shown: GitHub keeps at most 1 MiB of summary per step.`,
    );
  });
});
