/**
 * The progress line: nothing for the first second of a run, then at most one
 * redraw every 100 ms, each erasing the line first; clear() erases a line that
 * is shown and writes nothing otherwise; a disabled Progress never writes.
 */
import { Progress } from '../src/cli/progress.js';

const ERASE = '\r\x1b[2K';
const line = (done: number, total: number) => `${ERASE}dockerfile-codemod: ${done}/${total} files`;

/** A stream that records what is written to it. */
function fakeStream(): { stream: NodeJS.WritableStream; writes: string[] } {
  const writes: string[] = [];
  const stream = {
    write: (chunk: string) => {
      writes.push(chunk);
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  return { stream, writes };
}

beforeEach(() => {
  jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('Progress', () => {
  test('nothing during the first second of a run, then the count', () => {
    const { stream, writes } = fakeStream();
    const p = new Progress(stream, true);
    p.update(1, 10);
    jest.advanceTimersByTime(999);
    p.update(2, 10);
    expect(writes).toEqual([]);
    jest.advanceTimersByTime(1);
    p.update(3, 10);
    expect(writes).toEqual([line(3, 10)]);
  });

  test('redraws at most every 100 ms', () => {
    const { stream, writes } = fakeStream();
    const p = new Progress(stream, true);
    jest.advanceTimersByTime(1000);
    p.update(1, 5);
    jest.advanceTimersByTime(99);
    p.update(2, 5);
    expect(writes).toEqual([line(1, 5)]);
    jest.advanceTimersByTime(1);
    p.update(3, 5);
    p.update(4, 5);
    expect(writes).toEqual([line(1, 5), line(3, 5)]);
  });

  test('clear() erases a shown line once and writes nothing when none is shown', () => {
    const { stream, writes } = fakeStream();
    const p = new Progress(stream, true);
    p.clear();
    p.update(1, 2); // too early: not shown
    p.clear();
    expect(writes).toEqual([]);
    jest.advanceTimersByTime(1000);
    p.update(1, 2);
    p.clear();
    p.clear();
    expect(writes).toEqual([line(1, 2), ERASE]);
    // After a clear the next update draws the line again (once 100 ms have passed).
    jest.advanceTimersByTime(100);
    p.update(2, 2);
    p.clear();
    expect(writes).toEqual([line(1, 2), ERASE, line(2, 2), ERASE]);
  });

  test('a disabled progress never writes', () => {
    const { stream, writes } = fakeStream();
    const p = new Progress(stream, false);
    jest.advanceTimersByTime(5000);
    p.update(1, 3);
    jest.advanceTimersByTime(5000);
    p.update(2, 3);
    p.clear();
    expect(writes).toEqual([]);
  });
});
