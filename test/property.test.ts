/**
 * Property tests: generated Dockerfiles mixing instructions, continuations,
 * comment lines, CRLF, a BOM, the escape directive, heredocs, exec form,
 * quoted and unquoted mount options in any order, and package-manager
 * commands. For every one: the tool never throws anything but a FileError
 * about its input; a file without findings comes back byte-identical; a second
 * run over the output changes nothing; no byte outside the edited mount flags
 * moves; the output parses.
 *
 * `npm test` runs PROPERTY_RUNS cases (default 1000); `npm run test:soak` runs
 * many more with a random seed (the seed is printed on failure).
 */
import fc from 'fast-check';
import { analyze, FileError } from '../src/analyze.js';
import { DockerfileModel } from '../src/model/dockerfile.js';
import { TRANSFORMS } from '../transforms/index.js';
import { firstMovedByte } from './helpers/roundtrip.js';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 1000);
const seedEnv = process.env.PROPERTY_SEED;
const SEED = seedEnv === undefined ? 20261128 : seedEnv === 'random' ? Date.now() % 2 ** 31 : Number(seedEnv);

const images = [
  'python:3.12-slim',
  'node:20',
  'node:20-alpine',
  'debian:bookworm',
  'golang:1.23',
  'rust:1.80',
  'ruby:3.3',
  'composer:2',
  'oven/bun:1',
  'ubuntu:24.04',
  'scratch',
];
const paths = [
  '/pip-packages',
  '/app/node_modules',
  'node_modules',
  './node_modules',
  '/root/.cache/pip',
  '/root/.npm',
  '/usr/local/share/.cache/yarn',
  '/pnpm/store',
  '/app/.venv',
  '/opt/venv',
  '/go/bin',
  '/go/pkg/mod',
  '/root/.cache/go-build',
  '/app/target',
  'target',
  '/usr/local/cargo/registry',
  '/usr/local/bundle',
  '/app/vendor',
  '/var/cache/apt',
  '/var/lib/apt',
  '/tmp/cache',
  '/usr/local/lib/python3.12',
  '$PKGS',
  '${CACHE:-/c}',
  '/dir with space',
];
const commands = [
  'pip install --target=/pip-packages uwsgi',
  'pip3 install -r requirements.txt',
  'python -m venv /opt/venv && /opt/venv/bin/pip install flask',
  'pip install --user httpie',
  'npm ci',
  'npm install --omit=dev',
  'cd web && npm ci',
  'yarn install --frozen-lockfile',
  'yarn',
  'pnpm install --frozen-lockfile',
  'uv sync --no-dev',
  'poetry install --no-root',
  'go install github.com/a-h/templ/cmd/templ@latest',
  'go build -o /app/server ./cmd/server',
  'cargo build --release',
  'cargo build --release && cp target/release/app /usr/local/bin/',
  'bundle install',
  'composer install --no-dev',
  'apt-get update && apt-get install -y curl',
  'npm run build',
  'echo "--mount=type=cache,target=/x" done',
  'true',
];

type Piece = (nl: string, esc: string) => string;

const mountFlag = fc
  .record({
    target: fc.constantFrom(...paths),
    key: fc.constantFrom('target', 'dst', 'destination'),
    quote: fc.constantFrom('', '"', "'"),
    wholeQuoted: fc.boolean(),
    extra: fc.subarray(['id=deps', 'sharing=locked', 'uid=1000', 'gid=1000', 'mode=0755']),
    typeFirst: fc.boolean(),
    type: fc.constantFrom('cache', 'cache', 'cache', 'bind', 'tmpfs', 'secret'),
  })
  .map(({ target, key, quote, wholeQuoted, extra, typeFirst, type }) => {
    const t = `${key}=${quote}${target}${quote}`;
    const fields = typeFirst ? [`type=${type}`, t, ...extra] : [t, ...extra, `type=${type}`];
    const value = fields.join(',');
    return wholeQuoted && quote === '' ? `--mount="${value}"` : `--mount=${value}`;
  });

const run: fc.Arbitrary<Piece> = fc
  .record({
    mounts: fc.array(mountFlag, { maxLength: 3 }),
    cmds: fc.array(fc.constantFrom(...commands), { minLength: 1, maxLength: 3 }),
    form: fc.constantFrom('inline', 'continued', 'continued', 'comment', 'heredoc', 'exec'),
    lower: fc.boolean(),
  })
  .map(({ mounts, cmds, form, lower }) => (nl: string, esc: string) => {
    const kw = lower ? 'run' : 'RUN';
    const flags = mounts.join(' ');
    const script = cmds.join(' && ');
    switch (form) {
      case 'inline':
        return `${kw} ${flags} ${script}`;
      case 'continued':
        return `${kw} ${mounts.map((m) => `${m} ${esc}${nl}    `).join('')}${cmds.join(` ${esc}${nl}    && `)}`;
      case 'comment':
        return `${kw} ${flags} ${esc}${nl}    # a comment line inside the continuation${nl}    ${script}`;
      case 'heredoc':
        return `${kw} ${flags} <<EOF${nl}set -e${nl}${cmds.join(nl)}${nl}EOF`;
      default: {
        const argv = (cmds[0] as string).split(' ').filter((w) => w !== '&&');
        return `${kw} ${flags} ${JSON.stringify(argv)}`;
      }
    }
  });

const other: fc.Arbitrary<Piece> = fc.oneof(
  fc
    .constantFrom(
      'WORKDIR /app',
      'WORKDIR sub',
      'WORKDIR /srv/web',
      'USER node',
      'USER 1000:1000',
      'USER root',
      'USER app',
    )
    .map((s) => () => s),
  fc
    .constantFrom(
      'ENV PIP_CACHE_DIR=/c',
      'ENV XDG_CACHE_HOME=/xdg',
      'ENV PNPM_HOME="/pnpm"',
      'ENV A=1 B="two words"',
      'ENV LEGACY value with spaces',
    )
    .map((s) => () => s),
  fc.constantFrom('ARG PKGS=/pip-packages', 'ARG CACHE', 'ARG TARGETARCH').map((s) => () => s),
  fc
    .constantFrom(
      'COPY . .',
      'COPY --from=build /app/dist /srv',
      'COPY --from=build /app/node_modules ./node_modules',
      'COPY ["a b", "c"]',
    )
    .map((s) => () => s),
  fc
    .constantFrom(
      '# a comment',
      '',
      'CMD ["node", "server.js"]',
      'ENTRYPOINT ["/app/target/release/app"]',
      'EXPOSE 8080',
    )
    .map((s) => () => s),
  fc
    .constantFrom(
      '{% if cache %}',
      'RUN <<EOF',
      'ONBUILD RUN --mount=type=cache,target=/x pip install --target=/x y',
    )
    .map((s) => () => s),
  fc
    .constantFrom('LABEL a=b \\', 'HEALTHCHECK CMD true')
    .map((s) => (nl: string, esc: string) => (s.endsWith('\\') ? `${s.slice(0, -1)}${esc}${nl}  c=d` : s)),
);

const stage = fc.record({
  image: fc.constantFrom(...images),
  named: fc.boolean(),
  body: fc.array(fc.oneof({ weight: 3, arbitrary: run }, { weight: 2, arbitrary: other }), { maxLength: 6 }),
});

const dockerfile = fc
  .record({
    bom: fc.boolean(),
    crlf: fc.boolean(),
    backtick: fc.boolean(),
    syntax: fc.boolean(),
    stages: fc.array(stage, { minLength: 1, maxLength: 3 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, crlf, backtick, syntax, stages, finalNewline }) => {
    const nl = crlf ? '\r\n' : '\n';
    const esc = backtick ? '`' : '\\';
    const lines: string[] = [];
    if (syntax) lines.push('# syntax=docker/dockerfile:1');
    if (backtick) lines.push('# escape=`');
    stages.forEach((s, i) => {
      const from = i > 0 && s.named && stages[0]?.named ? 'build' : s.image;
      lines.push(`FROM ${from}${s.named && i === 0 ? ' AS build' : ''}`);
      for (const piece of s.body) lines.push(piece(nl, esc));
    });
    const text = lines.join(nl) + (finalNewline ? nl : '');
    return (bom ? '\uFEFF' : '') + text;
  });

test(`generated Dockerfiles keep every promise (${RUNS} cases, seed ${SEED})`, async () => {
  await fc.assert(
    fc.asyncProperty(dockerfile, async (text) => {
      let result: Awaited<ReturnType<typeof analyze>>;
      try {
        result = await analyze(text, { transforms: TRANSFORMS });
      } catch (e) {
        // Only a problem of the input may stop the tool, never one of its own.
        if (e instanceof FileError && e.kind === 'input') return;
        throw e;
      }
      const edits = result.edits;
      if (edits.length === 0) expect(result.output).toBe(text);
      else {
        expect(firstMovedByte(text, result.output, edits)).toBeUndefined();
        expect(new DockerfileModel(result.output).errors).toEqual([]);
      }
      const again = await analyze(result.output, { transforms: TRANSFORMS });
      expect(again.output).toBe(result.output);
      expect(again.findings.filter((f) => f.fixable)).toEqual([]);
    }),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
}, 120_000);

// The generator's reach is checked on a fixed sample: a random soak seed must not make these flaky.
const SAMPLE_SEED = 20261128;

test('the generator reaches fixes, reports and errors, not only clean files', async () => {
  let fixed = 0;
  let reported = 0;
  let errors = 0;
  for (const text of fc.sample(dockerfile, { numRuns: 300, seed: SAMPLE_SEED })) {
    try {
      const r = await analyze(text);
      if (r.findings.some((f) => f.fixable)) fixed++;
      if (r.findings.some((f) => !f.fixable)) reported++;
    } catch (e) {
      // Only an input error counts; anything else is a bug of the tool and fails the test.
      if (!(e instanceof FileError && e.kind === 'input')) throw e;
      errors++;
    }
  }
  expect(fixed).toBeGreaterThan(20);
  expect(reported).toBeGreaterThan(2);
  expect(errors).toBeGreaterThan(0);
  expect(errors).toBeLessThan(100);
});

test('the generator reaches the interesting cases', () => {
  const sample = fc.sample(dockerfile, { numRuns: 400, seed: SAMPLE_SEED });
  expect(sample.some((t) => t.startsWith('\uFEFF'))).toBe(true);
  expect(sample.some((t) => t.includes('\r\n'))).toBe(true);
  expect(sample.some((t) => t.includes('# escape=`'))).toBe(true);
  expect(sample.some((t) => t.includes('<<EOF'))).toBe(true);
  expect(sample.some((t) => /RUN .*\["/.test(t))).toBe(true);
  expect(sample.some((t) => t.includes('--mount="type=cache'))).toBe(true);
});
