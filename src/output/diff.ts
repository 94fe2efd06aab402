/**
 * Unified diffs that `git apply` and `patch -p1` accept: `a/` and `b/`
 * prefixes on paths relative to the current folder, `\r` kept on CRLF lines,
 * "\ No newline at end of file" where it applies.
 */
export function unifiedDiff(displayPath: string, before: string, after: string): string {
  // Loaded on first use: --check and the machine formats never print a diff.
  const { createTwoFilesPatch, FILE_HEADERS_ONLY } = require('diff') as typeof import('diff');
  const a = `a/${displayPath}`;
  const b = `b/${displayPath}`;
  const body = createTwoFilesPatch(a, b, before, after, undefined, undefined, {
    context: 3,
    headerOptions: FILE_HEADERS_ONLY,
  });
  return `diff --git ${a} ${b}\n${body}`;
}
