import { isDockerfileName } from '../src/discover.js';
import { applyEdits, checkEdits, EditConflictError } from '../src/edits.js';
import { relatePaths } from '../src/paths.js';

describe('edits', () => {
  test('applied against the original text, in any order', () => {
    expect(
      applyEdits('abcdef', [
        { start: 4, end: 5, text: 'E' },
        { start: 0, end: 1, text: 'AA' },
        { start: 3, end: 3, text: '+' },
      ]),
    ).toBe('AAbc+dEf');
  });

  test('identical edits merge; overlapping ones are refused', () => {
    expect(
      checkEdits([
        { start: 1, end: 2, text: '' },
        { start: 1, end: 2, text: '' },
      ]),
    ).toHaveLength(1);
    expect(() =>
      checkEdits([
        { start: 1, end: 3, text: 'x' },
        { start: 2, end: 4, text: 'y' },
      ]),
    ).toThrow(EditConflictError);
    expect(() =>
      checkEdits([
        { start: 2, end: 2, text: 'x' },
        { start: 2, end: 2, text: 'y' },
      ]),
    ).toThrow(EditConflictError);
  });

  test('an insertion next to a replacement is not an overlap', () => {
    expect(
      applyEdits('abc', [
        { start: 1, end: 2, text: 'B' },
        { start: 2, end: 2, text: '!' },
      ]),
    ).toBe('aB!c');
  });

  test('an edit past the end is refused', () => {
    expect(() => applyEdits('abc', [{ start: 2, end: 9, text: '' }])).toThrow(RangeError);
  });
});

describe('paths', () => {
  test.each([
    ['/a', '/a/b', 'ancestor'],
    ['/a/b', '/a', 'inside'],
    ['/a/', '/a', 'same'],
    ['/usr/local/lib/python3.12', '/usr/local/lib/python3.*/site-packages', 'ancestor'],
    ['/usr/local/lib/python3.11', '/usr/local/lib/python3.12/site-packages', 'unrelated'],
    ['/ab', '/a', 'unrelated'],
    ['/', '/x', 'ancestor'],
  ])('%s is %s of %s', (a, b, rel) => {
    expect(relatePaths(a, b)).toBe(rel);
  });
});

describe('Dockerfile names', () => {
  test.each([
    'Dockerfile',
    'dockerfile',
    'Dockerfile.prod',
    'api.Dockerfile',
    'web.dockerfile',
    'Containerfile',
    'Containerfile.dev',
    'x.Containerfile',
  ])('%s is taken', (name) => expect(isDockerfileName(name)).toBe(true));
  test.each([
    'Dockerfile.dockerignore',
    '.dockerignore',
    'Dockerfile.md',
    'Dockerfile.j2',
    'Dockerfile.orig',
    'Dockerfile~',
    'README.md',
    'Dockerfiles',
  ])('%s is not', (name) => expect(isDockerfileName(name)).toBe(false));
});
