/**
 * cache-mount-sharing's option: the sharing mode its fix sets, from the
 * defaults, from `transformOptions`, and through a configuration file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../src/analyze.js';
import { findTransform } from '../transforms/index.js';
import { ensureBuilt, runCli, tempDir, writeTree } from './helpers/cli.js';

const sharing = findTransform('cache-mount-sharing');
if (!sharing) throw new Error('cache-mount-sharing is not registered');

const INPUT = `FROM debian:bookworm
RUN --mount=type=cache,target=/var/cache/apt \\
    --mount=type=cache,target=/var/lib/apt,sharing=shared \\
    --mount=type=cache,target=/var/lib/apt/lists,sharing=locked,id=lists \\
    apt-get update && apt-get install -y curl
`;

const withMode = (mode: string) =>
  INPUT.replace('/var/cache/apt \\', `/var/cache/apt,sharing=${mode} \\`).replace(
    'sharing=shared',
    `sharing=${mode}`,
  );

test('the default sets sharing=locked; a mount already locked is left alone', async () => {
  expect(sharing.meta.options?.defaults).toEqual({ sharing: 'locked' });
  const r = await analyze(INPUT, { transforms: [sharing] });
  expect(r.output).toBe(withMode('locked'));
  expect(r.findings.map((f) => f.message.endsWith('sharing=locked.'))).toEqual([true, true]);
});

test('sharing: "private" sets sharing=private, and leaves a locked mount alone', async () => {
  const r = await analyze(INPUT, {
    transforms: [sharing],
    transformOptions: { 'cache-mount-sharing': { sharing: 'private' } },
  });
  expect(r.output).toBe(withMode('private'));
  expect(r.findings.map((f) => f.messageId)).toEqual(['addSharing', 'replaceShared']);
  expect(r.findings.map((f) => f.message.endsWith('sharing=private.'))).toEqual([true, true]);
});

describe('through a configuration file', () => {
  beforeAll(ensureBuilt);

  test('the option is read and applied', () => {
    const dir = tempDir('dfcm-sharing-');
    writeTree(dir, {
      Dockerfile: INPUT,
      '.dockerfile-codemod.json': JSON.stringify({
        transformOptions: { 'cache-mount-sharing': { sharing: 'private' } },
      }),
    });
    // Only this transform: the default set would also repair Debian's docker-clean here.
    const r = runCli(dir, ['--write', '--quiet', '--transform', 'cache-mount-sharing', 'Dockerfile']);
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(withMode('private'));
  });

  test('a value the schema does not allow is a configuration error naming the key', () => {
    const dir = tempDir('dfcm-sharing-');
    writeTree(dir, {
      Dockerfile: INPUT,
      '.dockerfile-codemod.json': JSON.stringify({
        transformOptions: { 'cache-mount-sharing': { sharing: 'shared' } },
      }),
    });
    const r = runCli(dir, ['--check', 'Dockerfile']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/transformOptions\.cache-mount-sharing\.sharing/);
  });
});

describe('the screens: a file they pass over has no finding of theirs', () => {
  const owner = findTransform('cache-mount-owner');
  if (!owner) throw new Error('cache-mount-owner is not registered');
  const df = (...lines: string[]) => `FROM debian:bookworm\n${lines.join('\n')}\n`;

  /** The screen's answer, and whether a full analysis finds anything. */
  const screened = async (t: typeof sharing, text: string) => [
    t.applies(text),
    (await analyze(text, { transforms: [t], screen: false })).findings.length > 0,
  ];

  test.each([
    [
      'every apt mount locked or private',
      df(
        'RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=private apt-get update',
      ),
      [false, false],
    ],
    [
      'cache mounts on unrelated folders only',
      df(
        'RUN --mount=type=cache,target=/root/.cache/pip --mount=type=cache,target=/var/cache/apk apt-get update',
      ),
      [false, false],
    ],
    [
      'the last sharing option wins',
      df('RUN --mount=type=cache,target=/var/lib/apt,sharing=locked,sharing=shared apt-get update'),
      [true, true],
    ],
    [
      'a flag continued on the next line',
      df('RUN --mount=type=cache,sharing=locked,\\', 'sharing=shared,target=/var/lib/apt apt-get update'),
      [true, true],
    ],
    [
      'a variable in a flag',
      df('ARG D=/var/lib/apt', 'RUN --mount=type=cache,target=$D,sharing=locked apt-get update'),
      [true, false],
    ],
    [
      'a folder above a locking folder',
      df('RUN --mount=type=cache,target=/var/cache/ apt-get update'),
      [true, true],
    ],
    [
      'a relative target',
      df('WORKDIR /var/cache', 'RUN --mount=type=cache,target=apt apt-get update'),
      [true, true],
    ],
  ])('sharing: %s', async (_name, text, want) => {
    expect(await screened(sharing, text)).toEqual(want);
  });

  test.each([
    [
      'only USER root',
      'FROM node:20\nUSER root\nRUN --mount=type=cache,target=/root/.npm npm ci\nUSER 0:0\n',
      [false, false],
    ],
    [
      'USER root with CRLF line endings',
      'FROM node:20\r\nUSER root\r\nRUN --mount=type=cache,target=/home/node/.npm npm ci\r\n',
      [false, false],
    ],
    [
      'a USER that is not root',
      'FROM node:20\nUSER node\nRUN --mount=type=cache,target=/home/node/.npm npm ci\n',
      [true, true],
    ],
    [
      'a wrapper that switches user',
      'FROM node:20\nRUN --mount=type=cache,target=/home/node/.npm gosu node npm ci\n',
      [true, true],
    ],
    [
      'an image whose default user is not root',
      'FROM mambaorg/micromamba:1.5\nRUN --mount=type=cache,target=/home/mambauser/.cache/pip pip install flask\n',
      [true, true],
    ],
  ])('owner: %s', async (_name, text, want) => {
    expect(await screened(owner, text)).toEqual(want);
  });
});
