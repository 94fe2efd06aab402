/**
 * The screen that lets a run skip parsing: a file it passes over must be one
 * the full analysis finds nothing in, and the cases where a cache folder can be
 * what a tool installs must be parsed.
 */
import { analyze } from '../src/analyze.js';
import { PACKAGE_MANAGERS } from '../src/package-managers/index.js';
import { knownCacheTest, onlyKnownCacheMounts } from '../src/package-managers/known-caches.js';
import { cacheMountInstallTarget } from '../transforms/cache-mount-install-target.js';

const df = (...lines: string[]) => `FROM python:3.12\n${lines.join('\n')}\n`;

const skipped: Array<[string, string]> = [
  ['pip cache as root', df('RUN --mount=type=cache,target=/root/.cache/pip pip install flask')],
  ['pip cache of a user', df('RUN --mount=type=cache,target=/home/app/.cache/pip pip install flask')],
  [
    'uv cache with the copy link mode',
    df('ENV UV_LINK_MODE=copy', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked'),
  ],
  [
    'uv cache with the copy link mode, legacy ENV form',
    df('ENV UV_LINK_MODE copy', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync --locked'),
  ],
  [
    'a Go cache in a file that also uses Yarn',
    df('RUN --mount=type=cache,target=/root/.cache/go-build go build ./...', 'RUN yarn install'),
  ],
  ['a cache mount without a target', df('RUN --mount=type=cache pip install flask')],
  [
    'a target given twice: the last one, a known cache, is the target',
    df('WORKDIR /app', 'RUN --mount=type=cache,dst=/app/node_modules,destination=/root/.npm npm ci'),
  ],
  [
    'a target given three times, the last a known cache',
    df(
      'WORKDIR /app',
      'RUN --mount=type=cache,target=/app/node_modules,dst=/app/.venv,destination=/root/.cache/pip pip install -r r.txt',
    ),
  ],
  [
    'apt caches in a file that moves Yarn cache folder',
    df(
      'ENV YARN_CACHE_FOLDER=/root/.npm',
      'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && apt-get install -y curl',
    ),
  ],
];

const parsed: Array<[string, string]> = [
  ['a venv as the target', df('WORKDIR /app', 'RUN --mount=type=cache,target=/app/.venv uv sync')],
  [
    'uv cache with the symlink link mode',
    df('ENV UV_LINK_MODE=symlink', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync'),
  ],
  [
    'uv cache with a link mode the text does not show',
    df('ARG UV_LINK_MODE', 'RUN --mount=type=cache,target=/root/.cache/uv uv sync'),
  ],
  [
    'uv cache with --link-mode symlink',
    df('RUN --mount=type=cache,target=/root/.cache/uv uv sync --link-mode symlink'),
  ],
  [
    "Yarn Berry's global cache",
    df('RUN --mount=type=cache,target=/root/.yarn/berry/cache yarn install --immutable'),
  ],
  ['a whole home .cache with Poetry about', df('RUN --mount=type=cache,target=/root/.cache poetry install')],
  [
    'a cache another tool owns, with a relocated Yarn cache',
    df('ENV YARN_CACHE_FOLDER=/root/.npm', 'RUN --mount=type=cache,target=/root/.npm yarn install'),
  ],
  ['a variable target', df('RUN --mount=type=cache,target=$PIP_CACHE_DIR pip install flask')],
  [
    'a known cache given first and another target last',
    df('WORKDIR /app', 'RUN --mount=type=cache,target=/root/.npm,dst=/app/node_modules npm ci'),
  ],
  [
    'dst then destination, the last not a known cache',
    df('WORKDIR /app', 'RUN --mount=type=cache,dst=/root/.npm,destination=/app/node_modules npm ci'),
  ],
  [
    'three target fields, the last not a known cache',
    df(
      'WORKDIR /app',
      'RUN --mount=type=cache,destination=/root/.npm,target=/root/.cache/pip,dst=/app/node_modules npm ci',
    ),
  ],
  [
    'quoted target fields, the last not a known cache',
    df('WORKDIR /app', `RUN --mount=type=cache,target='/root/.npm',dst='/app/node_modules' npm ci`),
  ],
  [
    'double-quoted target fields, the last not a known cache',
    df('WORKDIR /app', 'RUN --mount=type=cache,"target=/root/.npm","dst=/app/node_modules" npm ci'),
  ],
  ['a relative target', df('RUN --mount=type=cache,target=node_modules npm ci')],
  [
    'a flag continued on the next line',
    df('RUN --mount=type=cache,\\', '    target=/root/.cache/pip pip install flask'),
  ],
];

describe.each(skipped)('skipped: %s', (_name, text) => {
  test('the screen passes over it', () => {
    expect(onlyKnownCacheMounts(text)).toBe(true);
  });
  test('the full analysis finds nothing in it either', async () => {
    // The screen is cache-mount-install-target's: it passes over mounts on download caches, which no tool installs into.
    expect((await analyze(text, { transforms: [cacheMountInstallTarget], screen: false })).findings).toEqual(
      [],
    );
  });
});

test.each(parsed)('parsed: %s', (_name, text) => {
  expect(onlyKnownCacheMounts(text)).toBe(false);
});

test.each([
  'RUN --mount=type=cache,target=/root/.npm,dst=/app/node_modules npm ci',
  'RUN --mount=type=cache,dst=/root/.npm,destination=/app/node_modules npm ci',
  "RUN --mount=type=cache,target='/root/.npm',dst='/app/node_modules' npm ci",
])('the analysis finds what a mount whose last target is node_modules loses: %s', async (run) => {
  const text = `FROM node:20\nWORKDIR /app\n${run}\nCMD ["node", "index.js"]\n`;
  expect(onlyKnownCacheMounts(text)).toBe(false);
  const findings = (await analyze(text, { screen: false })).findings;
  expect(findings.map((f) => [f.ruleId, f.message.includes('/app/node_modules')])).toEqual([
    ['cache-mount-install-target', true],
  ]);
});

test("the known folders are the modules' known caches", () => {
  const known = knownCacheTest('FROM scratch\n');
  const all = PACKAGE_MANAGERS.flatMap((pm) => pm.facts.knownCaches);
  expect(all.length).toBeGreaterThan(40);
  for (const { path } of all) {
    const p = path.replace(/^~/, '/home/app');
    expect([p, known(p), known(`${p}/sub`)]).toEqual([p, true, true]);
  }
  expect(known('/home/app/.cache/pipx')).toBe(false);
  expect(known('/app/node_modules')).toBe(false);
});

test('a folder a tool in the text can install into is not known', () => {
  const yarnText = 'FROM node:20\nRUN yarn install\n';
  expect(knownCacheTest(yarnText)('/root/.yarn/berry/cache')).toBe(false);
  expect(knownCacheTest(yarnText)('/root/.npm')).toBe(true);
  expect(knownCacheTest('FROM node:20\nRUN npm ci\n')('/root/.yarn/berry/cache')).toBe(true);
});

test('the analysis reports what the screen must not skip', async () => {
  const [, venv] = parsed[0] as [string, string];
  expect((await analyze(venv)).findings.map((f) => f.ruleId)).toEqual(['cache-mount-install-target']);
  const symlink = (parsed[1] as [string, string])[1];
  const findings = (await analyze(symlink)).findings;
  expect(findings).toHaveLength(1);
  expect(findings[0]).toMatchObject({ ruleId: 'cache-mount-install-target', fixable: false });
  expect(findings[0]?.fix).toBeUndefined();
  expect(findings[0]?.message).toMatch(/UV_LINK_MODE=copy/);
});
