/**
 * firstMovedByte, the byte check of the round trip: the output must be the
 * input with the edits applied and nothing else, and every edit must lie
 * within one instruction, or insert whole lines between instructions.
 */
import type { TextEdit } from '../src/edits.js';
import { firstMovedByte } from './helpers/roundtrip.js';

const ONE = 'FROM node:20\nWORKDIR /app\nRUN --mount=type=cache,target=/app/node_modules npm ci\n';
const TARGET = '/app/node_modules';
/** Replaces the mount's target value: an edit inside the flag. */
const retarget: TextEdit = {
  start: ONE.indexOf(TARGET),
  end: ONE.indexOf(TARGET) + TARGET.length,
  text: '/root/.npm',
};
const RETARGETED = ONE.replace(TARGET, '/root/.npm');

describe('firstMovedByte', () => {
  test('untouched text: no edits and the same text is undefined', () => {
    expect(firstMovedByte(ONE, ONE, [])).toBeUndefined();
  });

  test('an edit inside a mount flag, applied and nothing else, is undefined', () => {
    expect(firstMovedByte(ONE, RETARGETED, [retarget])).toBeUndefined();
  });

  test('an insertion at the end of a mount flag is undefined', () => {
    const at = ONE.indexOf(TARGET) + TARGET.length;
    const insert: TextEdit = { start: at, end: at, text: ',id=npm' };
    expect(firstMovedByte(ONE, `${ONE.slice(0, at)},id=npm${ONE.slice(at)}`, [insert])).toBeUndefined();
  });

  test('a byte changed before the first edit: its offset', () => {
    expect(firstMovedByte(ONE, `f${RETARGETED.slice(1)}`, [retarget])).toBe(0);
  });

  test('a byte changed right after an edit: its offset', () => {
    const after = retarget.end; // the blank between the flag and `npm ci`
    expect(ONE[after]).toBe(' ');
    const output = RETARGETED.replace('/root/.npm npm ci', '/root/.npm\tnpm ci');
    expect(firstMovedByte(ONE, output, [retarget])).toBe(after);
  });

  test('a byte changed without any edit: its offset', () => {
    expect(firstMovedByte(ONE, `f${ONE.slice(1)}`, [])).toBe(0);
  });

  test('text appended after the last edit is caught at the end of the input', () => {
    expect(firstMovedByte(ONE, `${RETARGETED}# more\n`, [retarget])).toBe(ONE.length);
  });

  test('a byte changed inside an unedited stretch: its own offset, not the stretch start', () => {
    const ci = ONE.indexOf('npm ci') + 'npm c'.length;
    expect(firstMovedByte(ONE, RETARGETED.replace('npm ci', 'npm cI'), [retarget])).toBe(ci);
    const r = ONE.indexOf('RUN') + 1;
    expect(firstMovedByte(ONE, `${ONE.slice(0, r)}u${ONE.slice(r + 1)}`, [])).toBe(r);
  });

  test('an output that does not hold the edit text: the edit start', () => {
    const output = ONE.replace(TARGET, '/root/.npx');
    expect(firstMovedByte(ONE, output, [retarget])).toBe(retarget.start);
  });

  test('an edit inside the command of a RUN is undefined: fixes may edit commands', () => {
    const at = ONE.indexOf('npm ci') + 'npm '.length;
    const inside: TextEdit = { start: at, end: at + 2, text: 'install' };
    expect(firstMovedByte(ONE, ONE.replace('npm ci', 'npm install'), [inside])).toBeUndefined();
  });

  test('an edit that spans two instructions is flagged even when the output matches it', () => {
    const start = ONE.indexOf('/app\nRUN');
    const across: TextEdit = { start, end: start + 8, text: '/srv\nRUN' };
    const output = ONE.replace('/app\nRUN', '/srv\nRUN');
    expect(firstMovedByte(ONE, output, [across])).toBe(start);
    // With a good edit before it, the bad one is still the one named.
    expect(
      firstMovedByte(
        ONE,
        output.replace(TARGET, '/root/.npm'),
        [retarget, across].sort((a, b) => a.start - b.start),
      ),
    ).toBe(start);
  });

  test('an edit of a comment between instructions is flagged', () => {
    const text = `FROM node:20\n# keep\n${ONE.slice('FROM node:20\n'.length)}`;
    const at = text.indexOf('keep');
    expect(
      firstMovedByte(text, text.replace('keep', 'drop'), [{ start: at, end: at + 4, text: 'drop' }]),
    ).toBe(at);
  });

  test('whole lines inserted between instructions are undefined; a partial line is flagged', () => {
    const at = ONE.indexOf('WORKDIR');
    const line: TextEdit = { start: at, end: at, text: 'ENV X=1\n' };
    expect(firstMovedByte(ONE, `${ONE.slice(0, at)}ENV X=1\n${ONE.slice(at)}`, [line])).toBeUndefined();
    // On the blank line between two instructions, text that is not a whole line is flagged.
    const spaced = ONE.replace('WORKDIR', '\nWORKDIR');
    const blank = spaced.indexOf('\nWORKDIR');
    const partial: TextEdit = { start: blank, end: blank, text: 'X' };
    expect(firstMovedByte(spaced, `${spaced.slice(0, blank)}X${spaced.slice(blank)}`, [partial])).toBe(blank);
  });

  describe('a removed flag', () => {
    const SECOND = '--mount=type=cache,target=/app/node_modules';
    const TWO = `FROM node:20\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.npm \\\n    ${SECOND} \\\n    npm ci\n`;
    const flagStart = TWO.indexOf(SECOND);
    const flagEnd = flagStart + SECOND.length;

    test('with the continuation, line break and blanks before it is undefined', () => {
      // ` \`, newline and the indent before the flag go with it.
      const start = TWO.indexOf(' \\\n    --mount=type=cache,target=/app');
      const removal: TextEdit = { start, end: flagEnd, text: '' };
      const output = TWO.slice(0, start) + TWO.slice(flagEnd);
      expect(output).toBe(
        'FROM node:20\nWORKDIR /app\nRUN --mount=type=cache,target=/root/.npm \\\n    npm ci\n',
      );
      expect(firstMovedByte(TWO, output, [removal])).toBeUndefined();
    });

    test('with the blanks, continuation and line break after it is undefined', () => {
      const end = TWO.indexOf('npm ci');
      const removal: TextEdit = { start: flagStart, end, text: '' };
      expect(firstMovedByte(TWO, TWO.slice(0, flagStart) + TWO.slice(end), [removal])).toBeUndefined();
    });
  });
});
