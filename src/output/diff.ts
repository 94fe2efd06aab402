/**
 * Unified diffs that `git apply` and `patch -p1` accept: `a/` and `b/`
 * prefixes on paths relative to the current folder, `\r` kept on CRLF lines,
 * "\ No newline at end of file" where it applies.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

export function unifiedDiff(displayPath: string, before: string, after: string): string {
  const a = `a/${displayPath}`;
  const b = `b/${displayPath}`;
  const body = createTwoFilesPatch(a, b, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return `diff --git ${a} ${b}\n${body}`;
}
