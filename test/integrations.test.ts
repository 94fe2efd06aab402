/**
 * The integrations the docs promise, checked where they can be run here:
 * the pre-commit hooks, the CI snippets in docs/ci.md, the fleet recipes in
 * docs/fleet.md (twenty repositories run the way multi-gitter, turbolift and
 * git-xargs run a command), and the batch-change spec.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
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
import { cleanEnv, exec, packTarball, TARBALL_NAME } from './helpers/package.js';

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

function sh(script: string, cwd: string, shims: string, env: Record<string, string> = {}) {
  return spawnSync('/bin/sh', ['-c', script], {
    cwd,
    encoding: 'utf8',
    env: cleanEnv({ PATH: `${shims}:${process.env.PATH}`, ...env }),
  });
}

/** The code blocks of a Markdown file in a language, in order. */
function codeBlocks(doc: string, lang: string): string[] {
  return [...doc.matchAll(new RegExp(`\`\`\`${lang}\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1] as string);
}

/** Every name the tool walks, in the spellings users give them, and names it does not. */
const WALKED = [
  'Dockerfile',
  'svc/Dockerfile',
  'Dockerfile.prod',
  'a/b/Dockerfile.dev',
  'api.Dockerfile',
  'x/web.dockerfile',
  'Containerfile',
  'c/Containerfile.ci',
  'c/base.Containerfile',
  'c/base.containerfile',
];

/**
 * A folder on PATH with an `npm` that installs this checkout's tarball where a doc installs
 * `dockerfile-codemod@0.1` from the registry (it is not published yet), into `prefix`; every
 * other npm command goes to the real npm.
 */
let tarball: string | undefined;
function registryShim(prefix: string): string {
  tarball ??= packTarball().tarball;
  const dir = tempDir('dfcm-npm-shim-');
  const realNpm = spawnSync('sh', ['-c', 'command -v npm'], { encoding: 'utf8' }).stdout.trim();
  fs.writeFileSync(
    path.join(dir, 'npm'),
    `#!/bin/sh\nif [ "$*" = "install --global dockerfile-codemod@0.1" ]; then exec "${realNpm}" install --global --prefix "${prefix}" --no-audit --no-fund "${tarball}"; fi\nexec "${realNpm}" "$@"\n`,
    { mode: 0o755 },
  );
  return `${dir}:${path.join(prefix, 'bin')}`;
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
  const yamlBlocks = codeBlocks(doc, 'yaml').map((b) => parseYaml(b));
  type Step = { uses?: string; run?: string; if?: string; with?: Record<string, unknown>; id?: string };
  const workflow = yamlBlocks[0] as {
    on: { pull_request: { paths: string[] } };
    permissions: Record<string, string>;
    jobs: Record<string, { steps: Step[] }>;
  };
  const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
  const gitlab = yamlBlocks.find((b) => (b as Record<string, unknown>)['dockerfile-codemod']) as Record<
    string,
    { image: string; script: string[]; rules: Array<{ changes: string[] }> }
  >;

  test('the workflow uses the current majors of its actions, a maintained Node LTS and the permissions SARIF upload needs', () => {
    const uses = steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual([
      'actions/checkout@v7',
      'actions/setup-node@v7',
      'github/codeql-action/upload-sarif@v4',
    ]);
    expect(Number(steps[1]?.with?.['node-version'])).toBeGreaterThanOrEqual(22);
    expect(workflow.permissions).toEqual({ contents: 'read', 'security-events': 'write', actions: 'read' });
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'));
    // Not from forks: their token cannot write security events.
    expect(upload?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    const sarifFile = upload?.with?.sarif_file;
    expect(steps.some((s) => String(s.run ?? '').includes(`--output ${sarifFile}`))).toBe(true);
    expect(doc).toContain('10 warning, 10 error and 10 notice annotations per step and 50 per job');
    expect(doc).toContain('1 MiB per step');
    expect(doc).not.toMatch(/alert shows the repair/);
  });

  test('the path filters catch every Dockerfile name the tool walks and its configuration files', () => {
    for (const paths of [
      workflow.on.pull_request.paths,
      gitlab['dockerfile-codemod']?.rules[0]?.changes ?? [],
    ]) {
      const match = picomatch(paths, { dot: true });
      for (const f of [
        ...WALKED,
        '.dockerfile-codemod.json',
        'svc/.dockerfile-codemod.json',
        'package.json',
        'svc/package.json',
      ])
        expect([f, match(f)]).toEqual([f, true]);
      for (const f of ['README.md', 'src/app.py', 'docs/dockerfiles.txt'])
        expect([f, match(f)]).toEqual([f, false]);
    }
  });

  test('the GitLab job writes a Code Quality report and hands that file to artifacts:reports:codequality', () => {
    const job = gitlab['dockerfile-codemod'] as unknown as {
      script: string[];
      artifacts: { when: string; reports: { codequality: string } };
    };
    const report = job.script.find((c) => c.includes('--format gitlab'));
    expect(report).toBeDefined();
    expect(report).toContain(`--output ${job.artifacts.reports.codequality}`);
    expect(job.artifacts.when).toBe('always');
  });

  test("the snippets' commands run as the doc says, after an install step", () => {
    const prefix = tempDir('dfcm-prefix-');
    const shims = `${shimDir()}:${registryShim(prefix)}`;
    const repo = makeRepo({ 'svc/Dockerfile': BROKEN, 'other/Dockerfile': CLEAN });
    const runs = [
      ...steps.map((s) => s.run).filter((r): r is string => typeof r === 'string'),
      ...(gitlab['dockerfile-codemod']?.script ?? []),
    ];
    const results = runs.map((cmd) => [cmd.split('\n')[1] ?? cmd, sh(cmd, repo, shims).status]);
    // The check and the plain dry run fail the job (something to change); report steps accept exit 1.
    expect(results).toEqual([
      ['npm install --global dockerfile-codemod@0.1', 0],
      ['dockerfile-codemod --check --format github', 1],
      ['dockerfile-codemod --format sarif --output dockerfile-codemod.sarif', 0],
      ['npm install --global dockerfile-codemod@0.1', 0],
      ['dockerfile-codemod --format gitlab --output gl-code-quality-report.json || [ $? -eq 1 ]', 0],
      ['dockerfile-codemod', 1],
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'dockerfile-codemod.sarif'), 'utf8')).version).toBe(
      '2.1.0',
    );
    const codequality = JSON.parse(fs.readFileSync(path.join(repo, 'gl-code-quality-report.json'), 'utf8'));
    expect(codequality.map((i: { location: { path: string } }) => i.location.path)).toEqual([
      'svc/Dockerfile',
    ]);
    // A clean repository passes every step.
    const clean = makeRepo({ Dockerfile: CLEAN });
    expect(runs.map((cmd) => sh(cmd, clean, shims).status)).toEqual(runs.map(() => 0));
  }, 120_000);

  test('every command fails when the tool cannot be fetched', () => {
    const runs = [
      ...steps.map((s) => s.run).filter((r): r is string => typeof r === 'string'),
      ...(gitlab['dockerfile-codemod']?.script ?? []),
    ];
    const repo = makeRepo({ 'svc/Dockerfile': BROKEN });
    // No registry answers (a closed port on this machine) and no dockerfile-codemod on PATH.
    const env = {
      npm_config_registry: 'http://127.0.0.1:9/',
      npm_config_fetch_retries: '0',
      npm_config_prefix: tempDir(),
    };
    const statuses = runs.map((cmd) => sh(cmd, repo, '/nonexistent', env).status);
    expect(statuses.filter((s) => s === 0)).toEqual([]);
    // A step that runs the tool alone exits 127 (not found); one that accepts exit 1 exits 1 then.
    expect(statuses).toEqual(
      runs.map((cmd) =>
        cmd.startsWith('npm ') ? expect.any(Number) : cmd.includes('|| [ $? -eq 1 ]') ? 1 : 127,
      ),
    );
    // No snippet accepts npx's own failure.
    for (const block of [...codeBlocks(doc, 'yaml'), ...codeBlocks(doc, 'sh')])
      expect(block).not.toMatch(/npx[^\n]*\|\| \[ \$\? -eq 1 \]/);
  }, 60_000);

  test('the action snippet passes inputs action.yml declares; the pre-commit snippet names its hooks', () => {
    const action = parseYaml(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const actionSteps = yamlBlocks.find(
      (b) => Array.isArray(b) && (b as Step[]).some((s) => s.uses?.startsWith('dockerfile-codemod/')),
    ) as Step[];
    const step = actionSteps.find((s) => s.uses?.startsWith('dockerfile-codemod/'));
    for (const key of Object.keys(step?.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    for (const name of Object.keys(action.inputs)) expect(doc).toContain(`| \`${name}\` |`);
    const config = yamlBlocks.find((b) => (b as { repos?: unknown }).repos) as {
      repos: Array<{ hooks: Array<{ id: string }> }>;
    };
    const ids = (
      parseYaml(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string }>
    ).map((h) => h.id);
    for (const h of config.repos[0]?.hooks ?? []) expect(ids).toContain(h.id);
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

  const shBlocks = codeBlocks(doc, 'sh');

  /** A folder on PATH with fleet runners that run the command in each repository of `repos`, as the real ones do. */
  function runnerShims(repos: string[]): string {
    const dir = tempDir('dfcm-runners-');
    const list = repos.join(' ');
    const each = (cmd: string) => `for r in ${list}; do (cd "$r" && ${cmd}) || echo "failed: $r"; done`;
    const tools: Record<string, string> = {
      // turbolift init makes the campaign folder with README.md and repos.txt; foreach runs what follows --.
      turbolift: `case "$1" in\ninit) mkdir -p "$3" && printf '# title\\n' > "$3/README.md" && : > "$3/repos.txt";;\nforeach) shift 2; ${each('"$@"')};;\nclone|commit|create-prs) echo "turbolift $1";;\nesac\n`,
      // multi-gitter run SCRIPT ...: the script in each repository.
      'multi-gitter': `script="$(pwd)/\${2#./}"; ${each('"$script"')}\n`,
      // git-xargs ... COMMAND: the words after the last option.
      'git-xargs': `while [ $# -gt 0 ]; do case "$1" in --*) shift 2;; *) break;; esac; done; ${each('"$@"')}\n`,
    };
    for (const [name, body] of Object.entries(tools))
      fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}`, { mode: 0o755 });
    return dir;
  }

  test('the turbolift, multi-gitter and git-xargs recipes repair the repositories they run in', () => {
    const recipes = shBlocks.filter(
      (b) => /^(turbolift|multi-gitter|git-xargs|printf)/m.test(b) && !b.startsWith('npm'),
    );
    expect(recipes.map((b) => /turbolift|multi-gitter|git-xargs/.exec(b)?.[0])).toEqual([
      'turbolift',
      'multi-gitter',
      'git-xargs',
    ]);
    for (const recipe of recipes) {
      const repos = [makeRepo({ 'app/Dockerfile': BROKEN }), makeRepo({ Dockerfile: CLEAN })];
      const work = tempDir('dfcm-campaign-');
      const r = sh(recipe, work, `${shimDir()}:${runnerShims(repos)}`);
      expect([recipe.slice(0, 20), r.status, r.stdout]).toEqual([
        recipe.slice(0, 20),
        0,
        expect.not.stringContaining('failed:'),
      ]);
      expect(fs.readFileSync(path.join(repos[0] as string, 'app', 'Dockerfile'), 'utf8')).toBe(FIXED);
      expect(git(repos[1] as string, ['status', '--porcelain']).stdout).toBe('');
      if (recipe.startsWith('turbolift')) {
        const readme = fs.readFileSync(path.join(work, 'dockerfile-cache-mounts', 'README.md'), 'utf8');
        expect(readme.split('\n')[0]).toBe('# Fix BuildKit cache mounts that hide installed packages');
      }
    }
  });

  test('the install commands work: from the registry (this tarball stands in) and from a tarball made in a checkout', () => {
    const installs = shBlocks.filter((b) => b.startsWith('npm '));
    expect(installs).toEqual([
      'npm install --global dockerfile-codemod@0.1\n',
      'npm ci && npm pack\nnpm install --global ./dockerfile-codemod-0.1.0.tgz\n',
    ]);
    const prefix = tempDir('dfcm-prefix-');
    expect(sh(installs[0] as string, tempDir(), registryShim(prefix)).status).toBe(0);
    expect(exec(path.join(prefix, 'bin', 'dockerfile-codemod'), ['--version']).stdout).toBe('0.1.0\n');
    // A checkout: the repository's files (committed or not, as git lists them), without node_modules or dist.
    const checkout = tempDir('dfcm-checkout-');
    const listed = exec('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: ROOT,
    });
    for (const rel of listed.stdout.split('\0').filter(Boolean)) {
      if (!fs.existsSync(path.join(ROOT, rel))) continue;
      fs.mkdirSync(path.dirname(path.join(checkout, rel)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, rel), path.join(checkout, rel));
    }
    const global = tempDir('dfcm-prefix-');
    const r = sh(installs[1] as string, checkout, '/nonexistent', { npm_config_prefix: global });
    // (npm ci warns about the dev dependencies' install scripts; the tarball's install is checked in package.test.ts.)
    expect([r.status, r.stderr]).toEqual([0, expect.not.stringMatching(/npm error/i)]);
    expect(r.stdout.split('\n')).toContain(TARBALL_NAME);
    expect(exec(path.join(global, 'bin', 'dockerfile-codemod'), ['--version']).stdout).toBe('0.1.0\n');
  }, 180_000);

  test('the batch-change spec finds every Dockerfile name and runs the same command in a Node LTS image', () => {
    const spec = parseYaml(codeBlocks(doc, 'yaml')[0] as string) as {
      version: number;
      on: Array<{ repositoriesMatchingQuery: string }>;
      steps: Array<{ run: string; container: string }>;
      changesetTemplate: { branch: string };
    };
    expect(spec.version).toBe(2);
    const query = spec.on[0]?.repositoriesMatchingQuery ?? '';
    const file = new RegExp(/(?:^| )file:(\S+)/.exec(query)?.[1] ?? '$nothing', 'i');
    for (const name of WALKED.flatMap((n) => [n, n.toLowerCase(), n.toUpperCase()]))
      expect([name, file.test(name)]).toEqual([name, true]);
    for (const name of ['README.md', 'docs/dockerfiles.txt', 'src/Dockerfiles/x.py'])
      expect([name, file.test(name)]).toEqual([name, false]);
    expect(spec.steps[0]?.run).toBe('npx --yes dockerfile-codemod@0.1 --write --quiet');
    expect(spec.steps[0]?.container).toBe('node:24');
    expect(spec.changesetTemplate.branch).toBe('dockerfile-codemod');
  });
});
