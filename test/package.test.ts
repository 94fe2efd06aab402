/**
 * The npm package as users get it: the lock file installs on every platform,
 * the tarball holds what runs and what the types need (and no second copy of
 * the bundle, no source map without its sources), and a global install of it
 * prints no warning and runs.
 */

import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { fixtureInput, fixtureOutput, ROOT, removeTempDirs, tempDir } from './helpers/cli.js';
import { exec, listFiles, PACKAGE, packTarball, TARBALL_NAME } from './helpers/package.js';

afterAll(removeTempDirs);

const BROKEN = fixtureInput('seed-pip-target');
const FIXED = fixtureOutput('seed-pip-target');

describe('package-lock.json', () => {
  test('holds no package that npm ci must install and that is restricted to some platforms', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { os?: string[]; cpu?: string[]; optional?: boolean; devOptional?: boolean }>;
    };
    const restricted = Object.entries(lock.packages).filter(([, p]) => p.os || p.cpu);
    // esbuild, swc, TypeScript and the SARIF tool bring one such package per platform, all optional.
    expect(restricted.filter(([, p]) => p.optional).length).toBeGreaterThan(10);
    // npm fails with EBADPLATFORM on a package it must install whose os or cpu list leaves the
    // machine out. The one non-optional package with a list, @microsoft/sarif-multitool, lists
    // every system the project is developed on and no cpu: checked here on all of them.
    const platforms = ['darwin', 'linux', 'win32'].flatMap((os) =>
      ['x64', 'arm64'].map((cpu) => ({ os, cpu })),
    );
    const refused = restricted
      .filter(([, p]) => !p.optional && !p.devOptional)
      .flatMap(([name, p]) =>
        platforms
          .filter(({ os, cpu }) => (p.os && !p.os.includes(os)) || (p.cpu && !p.cpu.includes(cpu)))
          .map(({ os, cpu }) => `${name} on ${os}-${cpu}`),
      );
    expect(refused).toEqual([]);
  });

  test('the benchmark installs tally itself: no dependency of the project', () => {
    const all = {
      ...PACKAGE.dependencies,
      ...PACKAGE.devDependencies,
      ...PACKAGE.optionalDependencies,
    };
    expect(Object.keys(all).filter((n) => n.includes('tally'))).toEqual([]);
    expect(fs.readFileSync(path.join(ROOT, 'scripts', 'bench.js'), 'utf8')).toMatch(
      /function installTally\(\)/,
    );
  });
});

describe('npm pack', () => {
  let pack: ReturnType<typeof packTarball>;
  let files: string[];
  let unpacked: string;
  beforeAll(() => {
    pack = packTarball();
    unpacked = tempDir('dfcm-unpacked-');
    expect(exec('tar', ['-xzf', pack.tarball, '-C', unpacked, '--strip-components=1']).status).toBe(0);
    files = listFiles(unpacked);
  }, 60_000);

  test('prints only the tarball name on stdout (pre-commit reads it), running no script', () => {
    expect(pack.stdout).toBe(`${TARBALL_NAME}\n`);
    const scripts = PACKAGE.scripts;
    for (const s of ['prepare', 'prepack', 'postpack', 'preinstall', 'install', 'postinstall'])
      expect([s, scripts[s]]).toEqual([s, undefined]);
  });

  test('ships the executables, the one bundle, the grammar, the types, the action and the docs', () => {
    for (const f of [
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
      'package.json',
      '.pre-commit-hooks.yaml',
      'action.yml',
      'action/main.js',
      'bin/dockerfile-codemod.js',
      'bin/load-cli.js',
      'bin/pre-commit.js',
      'dist/api.js',
      'dist/cli.js',
      'dist/cli.buildid',
      'dist/vendor/tree-sitter-bash.wasm',
      'dist/src/api.d.ts',
      'docs/rules/cache-mount-install-target.md',
      'docs/json-report.md',
    ])
      expect([f, files.includes(f)]).toEqual([f, true]);
    // The compiled modules are in the bundle already: none of them, and no source map, ships.
    const js = files.filter((f) => f.startsWith('dist/') && /\.(c|m)?js$/.test(f));
    expect(js).toEqual(['dist/api.js', 'dist/cli.js']);
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files.filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'))).toEqual([]);
  });

  test('every file a shipped script or declaration names is shipped or a dependency', () => {
    const deps = new Set(Object.keys(PACKAGE.dependencies));
    const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
    const missing: string[] = [];
    const check = (from: string, spec: string, exts: string[]) => {
      if (spec.startsWith('.')) {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
        const candidates = exts.map((e) => (e === '' ? base : `${base.replace(/\.js$/, '')}${e}`));
        if (!candidates.some((c) => files.includes(c))) missing.push(`${from}: ${spec}`);
        return;
      }
      const name = spec.startsWith('@')
        ? spec.split('/').slice(0, 2).join('/')
        : (spec.split('/')[0] as string);
      if (!builtins.has(spec) && !builtins.has(name) && !deps.has(name)) missing.push(`${from}: ${spec}`);
    };
    for (const f of files.filter((x) => x.endsWith('.js'))) {
      const text = fs.readFileSync(path.join(unpacked, f), 'utf8');
      for (const m of text.matchAll(/\brequire\(\s*['"]([^'"]+)['"]\s*\)/g))
        check(f, m[1] as string, ['', '.js']);
    }
    for (const f of files.filter((x) => x.endsWith('.d.ts'))) {
      const text = fs.readFileSync(path.join(unpacked, f), 'utf8');
      for (const m of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g))
        check(f, (m[1] ?? m[2]) as string, ['.d.ts']);
    }
    expect(missing).toEqual([]);
    // The bundle loads its lazy dependencies, the grammar and its own package.json at run time.
    const bundle = fs.readFileSync(path.join(unpacked, 'dist', 'cli.js'), 'utf8');
    expect(bundle).toMatch(/require\("web-tree-sitter"\)/);
  });
});

describe('a global install of the tarball', () => {
  let prefix: string;
  let install: { status: number | null; stdout: string; stderr: string };
  let bin: string;
  beforeAll(() => {
    const { tarball } = packTarball();
    prefix = tempDir('dfcm-global-');
    install = exec('npm', ['i', '-g', '--prefix', prefix, '--omit=dev', tarball], {
      cwd: path.dirname(tarball),
    });
    bin = path.join(prefix, 'bin', 'dockerfile-codemod');
  }, 60_000);

  test('succeeds, prints no npm warning and brings no dev dependency', () => {
    expect(install.stderr).not.toMatch(/npm warn/i);
    expect(install.stdout).not.toMatch(/npm warn/i);
    expect(install.status).toBe(0);
    const installed = path.join(prefix, 'lib', 'node_modules', PACKAGE.name);
    const names = fs
      .readdirSync(path.join(installed, 'node_modules'))
      .flatMap((n) =>
        n.startsWith('@')
          ? fs.readdirSync(path.join(installed, 'node_modules', n)).map((m) => `${n}/${m}`)
          : [n],
      );
    for (const dep of Object.keys(PACKAGE.dependencies))
      expect([dep, names.includes(dep)]).toEqual([dep, true]);
    expect(names.filter((n) => n in PACKAGE.devDependencies)).toEqual([]);
  });

  test('runs --version, --help and a repair with --write', () => {
    const version = exec(bin, ['--version']);
    expect(version).toEqual({ status: 0, stdout: `${PACKAGE.version}\n`, stderr: '' });
    const help = exec(bin, ['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('dockerfile-codemod [paths..]');
    expect(help.stdout).toContain('--write');
    const dir = tempDir('dfcm-global-run-');
    fs.writeFileSync(path.join(dir, 'Dockerfile'), BROKEN);
    const write = exec(bin, ['--write', 'Dockerfile'], { cwd: dir });
    expect(write.status).toBe(0);
    expect(write.stderr).toMatch(/1 file: 1 changed/);
    expect(fs.readFileSync(path.join(dir, 'Dockerfile')).equals(FIXED)).toBe(true);
    // The pre-commit wrapper is installed beside it.
    expect(
      exec(path.join(prefix, 'bin', 'dockerfile-codemod-pre-commit'), ['Dockerfile'], { cwd: dir }),
    ).toEqual({
      status: 0,
      stdout: '',
      stderr: '',
    });
  });

  test('serves the API to require() and to import, and its types to the compiler', () => {
    const dir = tempDir('dfcm-consumer-');
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(
      path.join(prefix, 'lib', 'node_modules', PACKAGE.name),
      path.join(dir, 'node_modules', PACKAGE.name),
    );
    const broken = JSON.stringify(BROKEN.toString());
    fs.writeFileSync(
      path.join(dir, 'cjs.js'),
      `require('dockerfile-codemod').transformSource(${broken}).then((r) => console.log(r.findings.length, r.output === ${JSON.stringify(FIXED.toString())}));\n`,
    );
    expect(exec(process.execPath, ['cjs.js'], { cwd: dir })).toEqual({
      status: 0,
      stdout: '1 true\n',
      stderr: '',
    });
    fs.writeFileSync(
      path.join(dir, 'esm.mjs'),
      "import { VERSION, listTransforms, run } from 'dockerfile-codemod';\nconsole.log(VERSION, listTransforms()[0].id, typeof run);\n",
    );
    expect(exec(process.execPath, ['esm.mjs'], { cwd: dir })).toEqual({
      status: 0,
      stdout: `${PACKAGE.version} cache-mount-install-target function\n`,
      stderr: '',
    });
    fs.writeFileSync(
      path.join(dir, 'use.ts'),
      [
        "import { type Finding, FileError, run, transformSource } from 'dockerfile-codemod';",
        'export async function count(text: string): Promise<number> {',
        '  const { findings } = await transformSource(text, { cacheDirs: { pip: "/cache/pip" } });',
        '  const { summary } = await run(["."], { write: false });',
        '  const first: Finding | undefined = findings[0];',
        '  return findings.length + summary.files + (first?.line ?? 0) + (FileError.name.length > 0 ? 1 : 0);',
        '}',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
        },
        files: ['use.ts'],
      }),
    );
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const typecheck = exec(process.execPath, [tsc, '-p', dir], { cwd: dir });
    expect(typecheck.stdout + typecheck.stderr).toBe('');
    expect(typecheck.status).toBe(0);
  });
});

describe("the repository's Dockerfile (the tool's image)", () => {
  test('passes every transform of the tool: --check exits 0 with no finding', () => {
    const r = exec(
      process.execPath,
      [path.join(ROOT, 'bin', 'dockerfile-codemod.js'), '--check', 'Dockerfile'],
      {
        cwd: ROOT,
      },
    );
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^dockerfile-codemod: 1 file: 0 would change, 1 unchanged, 0 with findings, 0 errors/,
    );
    expect(r.status).toBe(0);
  });

  test("builds from the npm tarball, on node:20-bookworm-slim, as the non-root user, with npm's cache mounted", () => {
    const text = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
    expect(text.match(/^FROM (\S+)/gm)).toEqual(['FROM node:20-bookworm-slim', 'FROM node:20-bookworm-slim']);
    expect(text).toContain('npm pack --pack-destination /pack');
    expect(text).toMatch(/npm install --global --omit=dev [^\n]*\/pack\/dockerfile-codemod-\*\.tgz/);
    expect(text.match(/--mount=type=cache,target=\S+/g)).toEqual([
      '--mount=type=cache,target=/root/.npm',
      '--mount=type=cache,target=/root/.npm',
    ]);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/^ENTRYPOINT \["dockerfile-codemod"\]$/m);
  });
});
