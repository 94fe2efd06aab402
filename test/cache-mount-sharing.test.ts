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
    const r = runCli(dir, ['--write', '--quiet', 'Dockerfile']);
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
