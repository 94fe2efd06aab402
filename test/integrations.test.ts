/**
 * The integrations the docs promise, checked where they can be run here:
 * the pre-commit hooks, the CI snippets in docs/ci.md, the fleet recipes in
 * docs/fleet.md (twenty repositories run the way multi-gitter, turbolift and
 * git-xargs run a command), and the batch-change spec.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  BIN,
  ensureBuilt,
  fixtureInput,
  fixtureOutput,
  git,
  makeRepo,
  ROOT,
  removeTempDirs,
  tempDir,
} from './helpers/cli.js';

const BROKEN = fixtureInput('seed-pip-target').toString();
const FIXED = fixtureOutput('seed-pip-target').toString();
const CLEAN = fixtureInput('already-correct').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();
const UNPARSEABLE =
  'FROM python:3.12\n{% if x %}\nRUN --mount=type=cache,target=/p pip install --target=/p y\n';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

/** A folder with a `dockerfile-codemod` (and `npx`) on PATH that run this checkout's CLI. */
function shimDir(): string {
  const dir = tempDir('dfcm-shim-');
  const shim = `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`;
  fs.writeFileSync(path.join(dir, 'dockerfile-codemod'), shim, { mode: 0o755 });
  fs.writeFileSync(
    path.join(dir, 'dockerfile-codemod-pre-commit'),
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(ROOT, 'bin', 'pre-commit.js')}" "$@"\n`,
    { mode: 0o755 },
  );
  // `npx --yes dockerfile-codemod@0.1 ARGS` in the docs runs this checkout instead of the registry.
  fs.writeFileSync(
    path.join(dir, 'npx'),
    `#!/bin/sh\nwhile [ "$1" = "--yes" ] || [ "$1" = "-y" ]; do shift; done\ncase "$1" in dockerfile-codemod*) shift;; esac\nexec "${process.execPath}" "${BIN}" "$@"\n`,
    { mode: 0o755 },
  );
  return dir;
}

function sh(script: string, cwd: string, shims: string) {
  return spawnSync('/bin/sh', ['-c', script], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, PATH: `${shims}:${process.env.PATH}`, NO_COLOR: '1' },
  });
}

describe('pre-commit hooks', () => {
  const hooks = parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<
    Record<string, string>
  >;
  const regex = (s: string) => new RegExp(s.replace(/^\(\?i\)/, ''), 'i');

  test('each hook is complete and selects exactly the Dockerfile names', () => {
    expect(hooks.map((h) => h.id)).toEqual(['dockerfile-codemod', 'dockerfile-codemod-check']);
    for (const h of hooks) {
      expect(h).toMatchObject({ language: 'node' });
      expect(h.entry).toMatch(/^dockerfile-codemod(-pre-commit)?( |$)/);
      const take = (f: string) => regex(h.files as string).test(f) && !regex(h.exclude as string).test(f);
      for (const f of [
        'Dockerfile',
        'svc/Dockerfile',
        '.devcontainer/Dockerfile',
        'Dockerfile.prod',
        'api.Dockerfile',
        'web.dockerfile',
        'Containerfile',
      ]) {
        expect([f, take(f)]).toEqual([f, true]);
      }
      for (const f of [
        'README.md',
        'Dockerfile.md',
        '.dockerignore',
        'Dockerfile.dockerignore',
        'Dockerfile.j2',
        'docs/dockerfiles.txt',
      ]) {
        expect([f, take(f)]).toEqual([f, false]);
      }
    }
  });

  test('run as pre-commit runs them (entry + file names): the fixer repairs, the check reports', () => {
    const shims = shimDir();
    const repo = makeRepo({ 'app/Dockerfile': BROKEN, Dockerfile: CLEAN });
    const [fixer, checker] = hooks as [Record<string, string>, Record<string, string>];
    const check = sh(`${checker.entry} app/Dockerfile Dockerfile`, repo, shims);
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('app/Dockerfile:4:5 cache-mount-install-target');
    const fix = sh(`${fixer.entry} app/Dockerfile Dockerfile`, repo, shims);
    expect(fix.status).toBe(0);
    expect(fix.stdout + fix.stderr).toBe('');
    expect(fs.readFileSync(path.join(repo, 'app', 'Dockerfile'), 'utf8')).toBe(FIXED);
    expect(git(repo, ['status', '--porcelain']).stdout).toBe(' M app/Dockerfile\n');
  });
});

describe('docs/ci.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'ci.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parseYaml(m[1] as string));

  test('the GitHub workflow checks pull requests and uploads the SARIF file it writes', () => {
    const wf = blocks[0] as {
      on: { pull_request: unknown };
      permissions: Record<string, string>;
      jobs: Record<string, { steps: Array<Record<string, unknown>> }>;
    };
    expect(wf.on.pull_request).toBeDefined();
    expect(wf.permissions['security-events']).toBe('write');
    const steps = Object.values(wf.jobs)[0]?.steps ?? [];
    const upload = steps.find((s) => String(s.uses).startsWith('github/codeql-action/upload-sarif'));
    expect(upload).toBeDefined();
    const sarifFile = (upload?.with as Record<string, string> | undefined)?.sarif_file;
    expect(sarifFile).toBe('dockerfile-codemod.sarif');
    expect(steps.some((s) => String(s.run ?? '').includes(`--output ${sarifFile}`))).toBe(true);
  });

  test('the commands in the snippets behave as the doc says', () => {
    const shims = shimDir();
    const repo = makeRepo({ 'svc/Dockerfile': BROKEN, 'other/Dockerfile': CLEAN });
    const runs = [
      ...blocks.flatMap((b) =>
        Object.values(
          (b as { jobs?: Record<string, { steps: Array<{ run?: string }> }> }).jobs ?? {},
        ).flatMap((j) => j.steps.map((s) => s.run).filter((r): r is string => typeof r === 'string')),
      ),
      ...blocks.flatMap((b) =>
        Object.values(b as Record<string, { script?: string[] }>).flatMap((j) => j?.script ?? []),
      ),
    ];
    expect(runs.length).toBeGreaterThanOrEqual(4);
    const results = runs.map((cmd) => [cmd, sh(cmd, repo, shims).status]);
    // The check and the plain dry run fail the job (something to change); report steps accept exit 1.
    expect(results).toEqual([
      ['npx --yes dockerfile-codemod@0.1 --check --format github', 1],
      [
        'npx --yes dockerfile-codemod@0.1 --format sarif --output dockerfile-codemod.sarif || [ $? -eq 1 ]',
        0,
      ],
      ['npx --yes dockerfile-codemod@0.1 --format json --output dockerfile-codemod.json || [ $? -eq 1 ]', 0],
      ['npx --yes dockerfile-codemod@0.1', 1],
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'dockerfile-codemod.sarif'), 'utf8')).version).toBe(
      '2.1.0',
    );
    expect(
      JSON.parse(fs.readFileSync(path.join(repo, 'dockerfile-codemod.json'), 'utf8')).summary.changed,
    ).toBe(1);
    // A clean repository passes every step.
    const clean = makeRepo({ Dockerfile: CLEAN });
    expect(runs.map((cmd) => sh(cmd, clean, shims).status)).toEqual([0, 0, 0, 0]);
  });
});

describe('docs/fleet.md', () => {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'fleet.md'), 'utf8');

  test('twenty repositories, run the way fleet runners run a command', () => {
    const shims = shimDir();
    // The command the recipes run in each checkout.
    const command = /npx --yes dockerfile-codemod@0\.1 --write --quiet/.exec(doc)?.[0];
    expect(command).toBeDefined();
    const kinds = Array.from({ length: 20 }, (_, i) =>
      i === 7 ? 'unparseable' : i % 3 === 0 ? 'broken' : i % 5 === 1 ? 'report-only' : 'clean',
    );
    const repos = kinds.map((kind, i) => {
      const tree: Record<string, string> = { 'README.md': `repo ${i}\n`, 'svc/Dockerfile': CLEAN };
      if (kind === 'broken') tree['app/Dockerfile'] = BROKEN;
      if (kind === 'report-only') tree['jobs/Dockerfile'] = REPORT_ONLY;
      if (kind === 'unparseable') {
        tree['app/Dockerfile'] = BROKEN;
        tree['tpl/Dockerfile'] = UNPARSEABLE;
      }
      return makeRepo(tree);
    });
    const head = (repo: string) => git(repo, ['rev-parse', 'HEAD']).stdout.trim();
    const campaign = () =>
      repos.map((repo) => {
        const before = head(repo);
        // multi-gitter / turbolift / git-xargs: cd, run, commit when the exit code is 0 and the tree changed.
        const r = sh(command as string, repo, shims);
        const changed = git(repo, ['status', '--porcelain']).stdout !== '';
        if (r.status === 0 && changed) {
          git(repo, ['commit', '-qam', 'Mount package-manager caches instead of install folders']);
        } else if (changed) git(repo, ['checkout', '--', '.']); // the runner drops a failed repository's changes
        return {
          status: r.status,
          commits: Number(git(repo, ['rev-list', '--count', `${before}..HEAD`]).stdout.trim()),
          stderr: r.stderr,
        };
      });
    const first = campaign();
    first.forEach((r, i) => {
      const kind = kinds[i];
      expect([i, kind, r.status, r.commits]).toEqual([
        i,
        kind,
        kind === 'unparseable' ? 2 : 0,
        kind === 'broken' ? 1 : 0,
      ]);
    });
    expect(first[7]?.stderr).toContain("tpl/Dockerfile: error: line 2: unknown instruction '{%'");
    repos.forEach((repo, i) => {
      if (kinds[i] === 'broken')
        expect(fs.readFileSync(path.join(repo, 'app', 'Dockerfile'), 'utf8')).toBe(FIXED);
      if (kinds[i] === 'unparseable')
        expect(fs.readFileSync(path.join(repo, 'app', 'Dockerfile'), 'utf8')).toBe(BROKEN);
    });
    // A second campaign commits nothing anywhere.
    expect(campaign().map((r) => r.commits)).toEqual(kinds.map(() => 0));
  });

  test('the batch-change spec runs the same command in a Node image', () => {
    const block = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    const spec = parseYaml(block as string) as {
      steps: Array<{ run: string; container: string }>;
      changesetTemplate: { branch: string };
    };
    expect(spec.steps[0]?.run).toBe('npx --yes dockerfile-codemod@0.1 --write --quiet');
    expect(spec.steps[0]?.container).toMatch(/^node:/);
    expect(spec.changesetTemplate.branch).toBe('dockerfile-codemod');
  });
});
