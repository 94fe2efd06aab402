/**
 * Which instruction an inline directive covers: the next instruction of the
 * file, whatever it is. A directive above FROM (or above an ARG before the
 * first FROM) covers that FROM or ARG, never a RUN further down.
 */
import { analyze } from '../src/analyze.js';

const RUN = 'RUN --mount=type=cache,target=/node_modules npm ci';
const IGNORE = '# dockerfile-codemod ignore=cache-mount-install-target';

const rulesOf = async (text: string, warnUnusedDirectives = false) =>
  (await analyze(text, { warnUnusedDirectives })).findings.map((f) => `${f.line} ${f.ruleId}`);

test('a directive right above the RUN suppresses its finding', async () => {
  expect(await rulesOf(`FROM node:20\n${IGNORE}\n${RUN}\n`)).toEqual([]);
});

test.each([
  ['FROM', `${IGNORE}\nFROM node:20\n${RUN}\n`, 3],
  ['an ARG before FROM', `${IGNORE}\nARG V=20\nFROM node:$V\n${RUN}\n`, 4],
])('a directive above %s covers it, not the RUN below', async (_name, text, runLine) => {
  expect(await rulesOf(text)).toEqual([`${runLine} cache-mount-install-target`]);
  expect(await rulesOf(text, true)).toEqual(['1 unused-directive', `${runLine} cache-mount-install-target`]);
});
