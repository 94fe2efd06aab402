/**
 * Host-path helpers of discovery and the run: inside-a-folder tests, exclude
 * globs, and progress over files a configuration leaves out.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { globMatcher, relativeInside } from '../src/discover.js';
import { run } from '../src/run.js';

test.each([
  ['/repo', '/repo/svc/Dockerfile', 'svc/Dockerfile'],
  ['/repo', '/repo', ''],
  ['/repo', '/repo/..data/Dockerfile', '..data/Dockerfile'],
  ['/repo', '/repo/../other/Dockerfile', undefined],
  ['/repo', '/other/Dockerfile', undefined],
  ['/repo', '/', undefined],
])('relativeInside(%s, %s) is %j', (base, abs, rel) => {
  expect(relativeInside(base, abs)).toBe(rel);
});

test('exclude globs: a path glob matches below the base only, a name glob anywhere', () => {
  const excluded = globMatcher(['legacy/**', 'Dockerfile.dev', './tools/*'], '/repo');
  expect(excluded('/repo/legacy/a/Dockerfile')).toBe(true);
  expect(excluded('/repo/..data/legacy/Dockerfile')).toBe(false);
  expect(excluded('/repo/..data/Dockerfile.dev')).toBe(true);
  expect(excluded('/elsewhere/Dockerfile.dev')).toBe(true);
  expect(excluded('/elsewhere/legacy/Dockerfile')).toBe(false);
  expect(excluded('/repo/tools/Dockerfile')).toBe(true);
  expect(excluded('/repo/svc/Dockerfile')).toBe(false);
  expect(globMatcher([], '/repo')('/repo/legacy/Dockerfile')).toBe(false);
});

test('progress counts every discovered file, those a configuration excludes included', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dfcm-progress-'));
  try {
    for (const d of ['a', 'legacy', 'z']) {
      fs.mkdirSync(path.join(dir, d));
      fs.writeFileSync(path.join(dir, d, 'Dockerfile'), 'FROM debian\nRUN true\n');
    }
    fs.writeFileSync(path.join(dir, '.dockerfile-codemod.json'), JSON.stringify({ exclude: ['legacy/**'] }));
    const calls: Array<[number, number]> = [];
    const r = await run(['.'], { cwd: dir, onProgress: (done, total) => calls.push([done, total]) });
    expect(r.results.map((f) => f.displayPath)).toEqual(['a/Dockerfile', 'z/Dockerfile']);
    expect(calls).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
