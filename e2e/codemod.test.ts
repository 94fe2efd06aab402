/**
 * End-to-end: the codemod's fix, built by a real BuildKit engine.
 *
 * For each case of CASES (cache-mount-install-target): the real CLI rewrites a copy of the case's Dockerfile with
 * --write (compared byte for byte with expected.Dockerfile); then the input and the output
 * are each built twice, each variant with a cache-mount namespace of its own, the second
 * build with a new CACHE_BUST so that the install step runs again; and the images are
 * inspected:
 *   before: the install folder is empty in the image and what needs it fails (the first
 *           build downloads; the second, with a cache mount of its own, may not); or the
 *           install step itself fails (a cache mount its user cannot write); or, for a
 *           cache that concurrent builds share, the build fails while another build holds
 *           the tool's lock in the same cache;
 *   after:  the installed files are in the image and work, the first build downloads, the
 *           second finds the cache mount populated (and a probe build counts its files);
 *           with another build holding the lock, the output waits for it and builds.
 *
 * For each case of CACHE_CASES (cache-mount-wrong-dir, cache-mount-defeated, add-cache-mounts,
 * the last with --enable add-cache-mounts), the same builds, and:
 *   before: both images work, and both builds download (the cache does not fill: a probe
 *           build finds no downloads in the input's cache mount, where it has one);
 *   after:  the images hold the input's installed files (the same checksums) and work, the
 *           first build downloads, the second finds the downloads in the cache (the tool says
 *           so, and a probe build counts them).
 *
 * Knobs: E2E_DIST=<dir> runs the CLI from another build of dist/ (default: the repository's
 * bin/dockerfile-codemod.js); E2E_AFTER=expected builds expected.Dockerfile as the "after"
 * variant instead of the CLI's output, to check a case before the codemod handles it;
 * E2E_CASES=name,name runs only those cases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CACHE_CASES, CASES, type CacheCase, type CacheProbe, type Case } from './cases';
import {
  type Build,
  build,
  E2E_DIR,
  fileSums,
  listFolder,
  missingPaths,
  type Proc,
  REPO_DIR,
  removeImages,
  run,
  runImage,
  STATE_DIR,
  startBuild,
  stepOutput,
} from './docker';

const RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`;
const WORK_DIR = path.join(STATE_DIR, `run-${RUN_ID}`);
const ONLY = process.env.E2E_CASES?.split(',').filter(Boolean);
const SELECTED = ONLY ? CASES.filter((c) => ONLY.includes(c.name)) : CASES;
const SELECTED_CACHE = ONLY ? CACHE_CASES.filter((c) => ONLY.includes(c.name)) : CACHE_CASES;
const UNKNOWN =
  ONLY?.filter((name) => !CASES.some((c) => c.name === name) && !CACHE_CASES.some((c) => c.name === name)) ??
  [];
if (UNKNOWN.length > 0) throw new Error(`E2E_CASES names no case: ${UNKNOWN.join(', ')}`);

function cli(cwd: string, args: readonly string[]): Proc {
  const dist = process.env.E2E_DIST;
  if (dist) {
    const main = path.resolve(dist, 'src', 'cli', 'main.js');
    const script = `require(${JSON.stringify(main)}).main(process.argv.slice(1)).then((c) => { process.exitCode = c; })`;
    // a dist/ built outside the repository finds the dependencies through NODE_PATH
    const env = { NO_COLOR: '1', NODE_PATH: path.join(REPO_DIR, 'node_modules') };
    return run(process.execPath, ['-e', script, '--', ...args], { cwd, env });
  }
  return run(process.execPath, [path.join(REPO_DIR, 'bin', 'dockerfile-codemod.js'), ...args], {
    cwd,
    env: { NO_COLOR: '1' },
  });
}

/** The end of a build log, enough to see why it failed. */
function tail(log: string, lines = 25): string {
  return log.trimEnd().split('\n').slice(-lines).join('\n');
}

interface Round {
  /** The build of the stage that holds the install folder (the last stage unless `stage`). */
  install: Build;
  /** The build of the whole Dockerfile (the same build when there is no `stage`). */
  final: Build;
  /** The install step's output. */
  output: string;
}

interface Row {
  name: string;
  transform: string;
  tool: string;
  codemod: string;
  before: string;
  afterPresent: string;
  secondHit: string;
  seconds: number;
}

const matrix: Row[] = [];

beforeAll(() => {
  fs.mkdirSync(WORK_DIR, { recursive: true });
});

afterAll(() => {
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  const head = [
    'case',
    'transform',
    'tool',
    'codemod',
    'before (the input)',
    'after (the output)',
    "the output's 2nd build",
  ];
  const rows = matrix.map((r) => [
    r.name,
    r.transform,
    r.tool,
    r.codemod,
    r.before,
    r.afterPresent,
    r.secondHit,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const table = [
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `build time: ${matrix.map((r) => `${r.name} ${r.seconds.toFixed(0)}s`).join(', ')}`,
  ].join('\n');
  fs.writeFileSync(path.join(STATE_DIR, 'last-matrix.md'), `${table}\n`);
  process.stdout.write(`\ne2e matrix (also in ${STATE_DIR}/last-matrix.md):\n${table}\n`);
});

const describeCases = SELECTED.length > 0 ? describe.each(SELECTED) : undefined;
describeCases?.('$name: $tool', (c: Case) => {
  const caseDir = path.join(E2E_DIR, 'cases', c.name);
  const input = path.join(caseDir, 'Dockerfile');
  const expectedFile = path.join(caseDir, 'expected.Dockerfile');
  const work = path.join(WORK_DIR, c.name);
  const output = path.join(work, 'Dockerfile');
  const tags: string[] = [];
  const row: Row = {
    name: c.name,
    transform: 'cache-mount-install-target',
    tool: c.tool,
    codemod: '?',
    before: 'n/a',
    afterPresent: '?',
    secondHit: 'n/a',
    seconds: 0,
  };
  let write: Proc;

  beforeAll(() => {
    matrix.push(row);
    fs.cpSync(caseDir, work, { recursive: true });
    fs.rmSync(path.join(work, 'expected.Dockerfile'), { force: true });
    write = cli(work, ['--write', 'Dockerfile']);
  });

  afterAll(() => {
    removeImages(tags);
  });

  /** Builds a variant twice (memoized): before = the input, after = the codemod's output. */
  const variants = new Map<string, Round[]>();
  function buildTwice(variant: 'before' | 'after' | 'as-is'): Round[] {
    const done = variants.get(variant);
    if (done) return done;
    const { dockerfile, context } =
      variant === 'as-is' ? { dockerfile: input, context: caseDir } : variantFiles(variant);
    const cacheNamespace = `codemod-e2e-${RUN_ID}-${c.name}-${variant}`;
    const rounds = [1, 2].map((round): Round => {
      const common = { context, dockerfile, cacheNamespace, cacheBust: `${RUN_ID}-${round}` };
      const tag = `codemod-e2e-case/${c.name}:${RUN_ID}-${variant}-${round}`;
      const stage = c.stage ? build({ ...common, tag: `${tag}-stage`, target: c.stage }) : undefined;
      const final = build({ ...common, tag });
      tags.push(tag, ...(stage ? [stage.tag] : []));
      row.seconds += final.seconds + (stage?.seconds ?? 0);
      const install = stage ?? final;
      return { install, final, output: stepOutput(install.log) };
    });
    variants.set(variant, rounds);
    return rounds;
  }

  /** The Dockerfile and build context of a variant: before = the input, after = the codemod's output. */
  function variantFiles(variant: 'before' | 'after'): { dockerfile: string; context: string } {
    if (variant === 'before') return { dockerfile: input, context: caseDir };
    if (process.env.E2E_AFTER === 'expected') return { dockerfile: expectedFile, context: caseDir };
    return { dockerfile: output, context: work };
  }

  /**
   * Builds a variant while another build holds the tool's lock in the same cache: the holder
   * mounts the cache with the variant's sharing mode and takes an fcntl write lock on the lock
   * file, as apt does (struct flock packed for LP64 Linux), for `holdSeconds`.
   */
  async function buildWhileLocked(variant: 'before' | 'after') {
    const cc = c.concurrent;
    if (!cc) throw new Error('case without a concurrent check');
    const dir = path.join(work, `holder-${variant}`);
    fs.mkdirSync(dir, { recursive: true });
    const perl = [
      '$| = 1',
      `open(my $f, ">", "${cc.lockFile}") or die "open: $!"`,
      'my $l = pack("s s x4 q q i x4", F_WRLCK, 0, 0, 0, 0)',
      'fcntl($f, F_SETLK, $l) or die "lock: $!"',
      'print "holding the lock\\n"',
      `sleep ${cc.holdSeconds}`,
      'print "released the lock\\n"',
    ].join('; ');
    fs.writeFileSync(
      path.join(dir, 'Dockerfile'),
      'FROM codemod-e2e/debian:bookworm\nARG CACHE_BUST=0\n' +
        `RUN --mount=type=cache,target=${cc.cacheDir},sharing=${cc.sharing[variant]} ` +
        `mkdir -p ${path.posix.dirname(cc.lockFile)} && perl -MFcntl -e '${perl}'\n`,
    );
    const namespace = `codemod-e2e-${RUN_ID}-${c.name}-locked-${variant}`;
    const holderTag = `codemod-e2e-case/${c.name}:${RUN_ID}-holder-${variant}`;
    const holder = startBuild(
      {
        context: dir,
        dockerfile: path.join(dir, 'Dockerfile'),
        tag: holderTag,
        cacheNamespace: namespace,
        cacheBust: `${RUN_ID}-holder-${variant}`,
      },
      path.join(dir, 'build.log'),
    );
    let finished = false;
    void holder.done.then(() => {
      finished = true;
    });
    const deadline = Date.now() + 180_000;
    while (!/^#\d+ \d+\.\d+ holding the lock$/m.test(holder.log())) {
      if (finished || Date.now() > deadline)
        throw new Error(`the holder build never took the lock:\n${tail(holder.log())}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const tag = `codemod-e2e-case/${c.name}:${RUN_ID}-${variant}-locked`;
    const built = build({
      ...variantFiles(variant),
      tag,
      cacheNamespace: namespace,
      cacheBust: `${RUN_ID}-locked-${variant}`,
    });
    const stillHeld = !/^#\d+ \d+\.\d+ released the lock$/m.test(holder.log());
    const held = await holder.done;
    tags.push(tag, holderTag);
    row.seconds += built.seconds;
    return { built, held, stillHeld };
  }

  if (c.kind === 'fix') {
    test('the codemod rewrites the Dockerfile to expected.Dockerfile', () => {
      const after = fs.readFileSync(output);
      const changed = !after.equals(fs.readFileSync(input));
      const asExpected = after.equals(fs.readFileSync(expectedFile));
      row.codemod = asExpected ? 'fixed as expected' : changed ? 'fixed, differs' : 'NOT CHANGED';
      expect({ status: write.status, stderr: write.stderr }).toEqual({
        status: 0,
        stderr: expect.stringContaining('1 changed'),
      });
      expect(changed).toBe(true);
      expect(after.toString('utf8')).toEqual(fs.readFileSync(expectedFile, 'utf8'));
      expect(asExpected).toBe(true); // byte for byte
    });

    const inputFails = c.inputFails;
    const concurrent = c.concurrent;
    if (inputFails) {
      test('before: the install step fails in both builds', () => {
        row.before = 'NO';
        const rounds = buildTwice('before');
        for (const [i, r] of rounds.entries()) {
          const label = `before, build ${i + 1}`;
          expect({ label, ok: r.install.ok }).toEqual({ label, ok: false });
          expect(r.install.log).toMatch(inputFails);
        }
        row.before = `install step fails (${rounds.length}/2)`;
      });
    } else if (concurrent) {
      test('before: builds on its own, and fails while another build holds the lock in the same cache', async () => {
        row.before = 'NO';
        const alone = build({
          ...variantFiles('before'),
          tag: `codemod-e2e-case/${c.name}:${RUN_ID}-before-alone`,
          cacheNamespace: `codemod-e2e-${RUN_ID}-${c.name}-before`,
          cacheBust: `${RUN_ID}-alone`,
        });
        tags.push(alone.tag);
        expect(alone.ok ? 'ok' : tail(alone.log)).toBe('ok');
        const { built, held, stillHeld } = await buildWhileLocked('before');
        expect(held.ok ? 'ok' : tail(held.log)).toBe('ok');
        expect({ stillHeld, ok: built.ok }).toEqual({ stillHeld: true, ok: false });
        expect(built.log).toMatch(concurrent.fails);
        row.before = `fails beside a build holding ${concurrent.lockFile}`;
      });

      test('after: beside a build holding the lock in the same cache, it waits, then builds', async () => {
        const { built, held } = await buildWhileLocked('after');
        expect(held.ok ? 'ok' : tail(held.log)).toBe('ok');
        expect(built.ok ? 'ok' : tail(built.log)).toBe('ok');
        expect(built.log).not.toMatch(concurrent.fails);
        // The step's first output from apt comes only once the holder has let the cache go.
        const first = /^#\d+ (\d+\.\d+) (?:Get|Hit|Ign):/m.exec(built.log);
        expect(Number(first?.[1] ?? 0)).toBeGreaterThanOrEqual(concurrent.holdSeconds / 2);
      });
    } else {
      test(`before: builds twice; ${c.installDir} is empty in the image`, () => {
        row.before = 'NO';
        const rounds = buildTwice('before');
        const empty: boolean[] = [];
        for (const [i, r] of rounds.entries()) {
          const label = `before, build ${i + 1}`;
          expect({ label, log: r.install.ok ? 'ok' : tail(r.install.log) }).toEqual({ label, log: 'ok' });
          const entries = listFolder(r.install.tag, c.installDir);
          empty.push(entries !== undefined && entries.length === 0);
          // A mount target stays in the image as an empty folder.
          expect({ label, folder: c.installDir, entries }).toEqual({
            label,
            folder: c.installDir,
            entries: [],
          });
          if (c.inputBuildFails) {
            expect({ label, ok: r.final.ok }).toEqual({ label, ok: false });
            expect(r.final.log).toMatch(c.inputBuildFails);
          } else {
            expect({ label, log: r.final.ok ? 'ok' : tail(r.final.log) }).toEqual({ label, log: 'ok' });
            const smoke = runImage(r.final.tag, c.smoke.command);
            expect({ label, works: smoke.status === 0 && c.smoke.stdout.test(smoke.stdout) }).toEqual({
              label,
              works: false,
            });
          }
          // The first build downloads. (The second may not: pnpm finds node_modules in the
          // cache mount and reports "Already up to date", while the image still has none.)
          if (c.miss && i === 0) expect(r.output).toMatch(c.miss);
        }
        row.before = `install folder empty: ${empty.every(Boolean) ? 'yes' : 'NO'} (${empty.filter(Boolean).length}/2)`;
      });
    }

    test('after: builds twice; the installed files are in the image and work', () => {
      row.afterPresent = 'NO';
      const rounds = buildTwice('after');
      const present: boolean[] = [];
      for (const [i, r] of rounds.entries()) {
        const label = `after, build ${i + 1}`;
        expect({ label, log: r.install.ok ? 'ok' : tail(r.install.log) }).toEqual({ label, log: 'ok' });
        expect({ label, log: r.final.ok ? 'ok' : tail(r.final.log) }).toEqual({ label, log: 'ok' });
        const missing = missingPaths(r.install.tag, c.installed);
        present.push(missing.length === 0);
        expect({ label, missing }).toEqual({ label, missing: [] });
        const smoke = runImage(r.final.tag, c.smoke.command);
        expect({ label, status: smoke.status, stderr: smoke.stderr }).toEqual({
          label,
          status: 0,
          stderr: '',
        });
        expect(smoke.stdout).toMatch(c.smoke.stdout);
      }
      row.afterPresent = `files present: ${present.every(Boolean) ? 'yes' : 'NO'} (${present.filter(Boolean).length}/2)`;
    });

    test(`after: the first build downloads, the second finds the cache mount (${c.cacheDir}) populated`, () => {
      const [first, second] = buildTwice('after');
      if (!first || !second || !c.miss || !c.hit || !c.cacheDir) throw new Error('case without cache checks');
      row.secondHit = 'NO';
      expect(first.output).toMatch(c.miss);
      expect(second.output).toMatch(c.hit);
      expect(second.output).not.toMatch(c.miss);
      // A probe build with the same cache namespace mounts the same cache and counts its files.
      const probeDir = path.join(work, 'probe');
      fs.mkdirSync(probeDir, { recursive: true });
      fs.writeFileSync(
        path.join(probeDir, 'Dockerfile'),
        'FROM codemod-e2e/busybox:latest\nARG CACHE_BUST=0\n' +
          `RUN --mount=type=cache,target=${c.cacheDir}${c.cacheMountOptions ?? ''} echo "files in the cache: $(find ${c.cacheDir} -type f | wc -l)"\n`,
      );
      const probe = build({
        context: probeDir,
        dockerfile: path.join(probeDir, 'Dockerfile'),
        tag: `codemod-e2e-case/${c.name}:${RUN_ID}-probe`,
        cacheNamespace: `codemod-e2e-${RUN_ID}-${c.name}-after`,
        cacheBust: `${RUN_ID}-probe`,
      });
      tags.push(probe.tag);
      expect(probe.ok ? 'ok' : tail(probe.log)).toBe('ok');
      const files = Number(/files in the cache: *(\d+)/.exec(stepOutput(probe.log))?.[1] ?? 0);
      expect(files).toBeGreaterThan(0);
      row.secondHit = `cache hit: yes (${files} files in ${c.cacheDir})`;
    });
  } else {
    test('the codemod leaves the Dockerfile alone', () => {
      const check = cli(caseDir, ['--check', 'Dockerfile']);
      const unchanged = fs.readFileSync(output).equals(fs.readFileSync(input));
      row.codemod = unchanged && check.status === 0 ? 'left alone (intentional)' : 'CHANGED';
      expect(fs.existsSync(expectedFile)).toBe(false);
      expect({ status: write.status, unchanged }).toEqual({ status: 0, unchanged: true });
      expect({ status: check.status, findings: check.stdout }).toEqual({ status: 0, findings: '' });
    });

    test(`builds twice; the build output is in the image, ${c.installDir} only in the cache mount`, () => {
      row.afterPresent = 'NO';
      const rounds = buildTwice('as-is');
      const present: boolean[] = [];
      for (const [i, r] of rounds.entries()) {
        const label = `build ${i + 1}`;
        expect({ label, log: r.final.ok ? 'ok' : tail(r.final.log) }).toEqual({ label, log: 'ok' });
        expect({ label, log: r.install.ok ? 'ok' : tail(r.install.log) }).toEqual({ label, log: 'ok' });
        const missing = missingPaths(r.final.tag, c.installed);
        present.push(missing.length === 0);
        expect({ label, missing }).toEqual({ label, missing: [] });
        const smoke = runImage(r.final.tag, c.smoke.command);
        expect(smoke.status).toBe(0);
        expect(smoke.stdout).toMatch(c.smoke.stdout);
        // Nothing after the RUN needs node_modules: that it stays in the cache mount is the intent.
        // The mount target stays in the image as an empty folder (listFolder throws when docker run fails).
        const entries = listFolder(r.install.tag, c.installDir);
        expect({ label, folder: c.installDir, entries }).toEqual({
          label,
          folder: c.installDir,
          entries: [],
        });
      }
      row.afterPresent = `build output present: ${present.every(Boolean) ? 'yes' : 'NO'} (${present.filter(Boolean).length}/2)`;
    });
  }
});

/**
 * Counts the files of each probe in a build that mounts the same caches (same targets, same
 * cache-mount namespace) as the builds of a variant did.
 */
function probeCaches(
  dir: string,
  tag: string,
  cacheNamespace: string,
  probes: readonly CacheProbe[],
): { build: Build; counts: number[] } {
  fs.mkdirSync(dir, { recursive: true });
  const mounts = [
    ...new Set(probes.map((p) => `--mount=type=cache,target=${p.mount}${p.options ? `,${p.options}` : ''}`)),
  ];
  const counts = probes.map((p, i) => {
    const name = p.name ? ` -name '${p.name}'` : '';
    return `echo "probe ${i}: $(find ${p.under ?? p.mount} -type f${name} 2>/dev/null | wc -l)"`;
  });
  fs.writeFileSync(
    path.join(dir, 'Dockerfile'),
    `FROM codemod-e2e/busybox:latest\nARG CACHE_BUST=0\nRUN ${mounts.join(' ')} ${counts.join(' && ')}\n`,
  );
  const probe = build({
    context: dir,
    dockerfile: path.join(dir, 'Dockerfile'),
    tag,
    cacheNamespace,
    cacheBust: `${RUN_ID}-probe`,
  });
  const out = stepOutput(probe.log);
  return {
    build: probe,
    counts: probes.map((_, i) => Number(new RegExp(`probe ${i}: *(\\d+)`).exec(out)?.[1] ?? Number.NaN)),
  };
}

/** `1 file`, `2 files` */
function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `3 files in /a, 2 in /b` */
function describeCounts(probes: readonly CacheProbe[], counts: readonly number[]): string {
  return probes
    .map(
      (p, i) =>
        `${i === 0 ? plural(counts[i] ?? 0, 'file') : counts[i]} in ${p.under ?? p.mount}${p.name ? `/${p.name}` : ''}`,
    )
    .join(', ');
}

/**
 * cache-mount-wrong-dir, cache-mount-defeated, add-cache-mounts: the input installs but its
 * cache never fills; the output installs the same files and its second build finds the cache.
 */
const describeCacheCases = SELECTED_CACHE.length > 0 ? describe.each(SELECTED_CACHE) : undefined;
describeCacheCases?.('$name: $transform, $tool', (c: CacheCase) => {
  const caseDir = path.join(E2E_DIR, 'cases', c.name);
  const input = path.join(caseDir, 'Dockerfile');
  const expectedFile = path.join(caseDir, 'expected.Dockerfile');
  const work = path.join(WORK_DIR, c.name);
  const output = path.join(work, 'Dockerfile');
  const args = c.args ?? [];
  const tags: string[] = [];
  const row: Row = {
    name: c.name,
    transform: c.transform,
    tool: c.tool,
    codemod: '?',
    before: '?',
    afterPresent: '?',
    secondHit: '?',
    seconds: 0,
  };
  let write: Proc;
  let check: Proc;

  beforeAll(() => {
    matrix.push(row);
    fs.cpSync(caseDir, work, { recursive: true });
    fs.rmSync(path.join(work, 'expected.Dockerfile'), { force: true });
    check = cli(caseDir, ['--check', '--format', 'text', ...args, 'Dockerfile']);
    write = cli(work, [...args, '--write', 'Dockerfile']);
  });

  afterAll(() => {
    removeImages(tags);
  });

  const variants = new Map<string, Round[]>();
  function buildTwice(variant: 'before' | 'after'): Round[] {
    const done = variants.get(variant);
    if (done) return done;
    let dockerfile = variant === 'before' ? input : output;
    let context = variant === 'before' ? caseDir : work;
    if (variant === 'after' && process.env.E2E_AFTER === 'expected') {
      dockerfile = expectedFile;
      context = caseDir;
    }
    const cacheNamespace = `codemod-e2e-${RUN_ID}-${c.name}-${variant}`;
    const rounds = [1, 2].map((round): Round => {
      const tag = `codemod-e2e-case/${c.name}:${RUN_ID}-${variant}-${round}`;
      const final = build({ context, dockerfile, tag, cacheNamespace, cacheBust: `${RUN_ID}-${round}` });
      tags.push(tag);
      row.seconds += final.seconds;
      return { install: final, final, output: stepOutput(final.log) };
    });
    variants.set(variant, rounds);
    return rounds;
  }

  function probe(variant: 'before' | 'after', probes: readonly CacheProbe[]): number[] {
    const p = probeCaches(
      path.join(work, `probe-${variant}`),
      `codemod-e2e-case/${c.name}:${RUN_ID}-probe-${variant}`,
      `codemod-e2e-${RUN_ID}-${c.name}-${variant}`,
      probes,
    );
    tags.push(p.build.tag);
    row.seconds += p.build.seconds;
    expect(p.build.ok ? 'ok' : tail(p.build.log)).toBe('ok');
    return p.counts;
  }

  test(`the codemod (${c.transform}) rewrites the Dockerfile to expected.Dockerfile`, () => {
    const after = fs.readFileSync(output);
    const changed = !after.equals(fs.readFileSync(input));
    const asExpected = after.equals(fs.readFileSync(expectedFile));
    row.codemod = asExpected ? 'fixed as expected' : changed ? 'fixed, differs' : 'NOT CHANGED';
    // Every finding on the input is the case's transform's.
    const findings = check.stdout.split('\n').filter(Boolean);
    const rules = [...new Set(findings.map((f) => /^Dockerfile:\d+:\d+ (\S+) /.exec(f)?.[1] ?? f))];
    expect({ status: check.status, rules }).toEqual({ status: 1, rules: [c.transform] });
    expect({ status: write.status, stderr: write.stderr }).toEqual({
      status: 0,
      stderr: expect.stringContaining('1 changed'),
    });
    expect(changed).toBe(true);
    expect(after.toString('utf8')).toEqual(fs.readFileSync(expectedFile, 'utf8'));
    expect(asExpected).toBe(true); // byte for byte
  });

  test(`before: builds twice and works; both builds download${c.empty ? ', its cache mount stays empty' : ''}`, () => {
    row.before = 'NO';
    const rounds = buildTwice('before');
    for (const [i, r] of rounds.entries()) {
      const label = `before, build ${i + 1}`;
      expect({ label, log: r.final.ok ? 'ok' : tail(r.final.log) }).toEqual({ label, log: 'ok' });
      const smoke = runImage(r.final.tag, c.smoke.command);
      expect({ label, status: smoke.status, stderr: smoke.stderr }).toEqual({ label, status: 0, stderr: '' });
      expect(smoke.stdout).toMatch(c.smoke.stdout);
      expect({ label, downloads: c.miss.test(r.output) }).toEqual({ label, downloads: true });
      for (const hit of c.hits) expect(r.output).not.toMatch(hit);
    }
    let empty = '';
    if (c.empty) {
      const counts = probe('before', c.empty);
      expect(counts).toEqual(c.empty.map(() => 0));
      empty = `; ${describeCounts(c.empty, counts)}`;
    }
    row.before = `downloads in both builds${empty}`;
  });

  test("after: builds twice; the image holds the input's installed files, and they work", () => {
    row.afterPresent = 'NO';
    const [before] = buildTwice('before');
    if (!before?.final.ok) throw new Error('the input did not build');
    const installed = fileSums(before.final.tag, c.same);
    expect(installed.filter((l) => l.endsWith(' missing'))).toEqual([]);
    expect(installed.length).toBeGreaterThan(0);
    const rounds = buildTwice('after');
    for (const [i, r] of rounds.entries()) {
      const label = `after, build ${i + 1}`;
      expect({ label, log: r.final.ok ? 'ok' : tail(r.final.log) }).toEqual({ label, log: 'ok' });
      expect({ label, files: fileSums(r.final.tag, c.same) }).toEqual({ label, files: installed });
      const smoke = runImage(r.final.tag, c.smoke.command);
      expect({ label, status: smoke.status, stderr: smoke.stderr }).toEqual({ label, status: 0, stderr: '' });
      expect(smoke.stdout).toMatch(c.smoke.stdout);
    }
    row.afterPresent = `same ${plural(installed.length, 'file')} as the input (2/2)`;
  });

  test('after: the first build downloads, the second finds the downloads in the cache', () => {
    row.secondHit = 'NO';
    const [first, second] = buildTwice('after');
    if (!first?.final.ok || !second?.final.ok) throw new Error('the output did not build');
    expect(first.output).toMatch(c.miss);
    for (const hit of c.hits) expect(second.output).toMatch(hit);
    expect(second.output).not.toMatch(c.miss);
    const counts = probe('after', c.filled);
    for (const [i, n] of counts.entries()) {
      expect({ cache: c.filled[i], files: n > 0 ? 'some' : n }).toEqual({
        cache: c.filled[i],
        files: 'some',
      });
    }
    row.secondHit = `cache hit: yes (${describeCounts(c.filled, counts)})`;
  });
});
