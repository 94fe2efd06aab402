/** Plain-text lines for findings, errors and the run summary. */
import type { LocatedFinding } from '../analyze.js';
import type { FileResult, RunSummary } from '../run.js';

/** `file:line:col rule-id message`, the format editors and CI log parsers read. */
export function findingLine(
  r: FileResult,
  f: LocatedFinding,
  c?: { dim: (s: string) => string; yellow: (s: string) => string },
): string {
  if (!c) return `${r.displayPath}:${f.line}:${f.column} ${f.ruleId} ${f.message}`;
  return `${r.displayPath}:${f.line}:${f.column} ${c.yellow(f.ruleId)} ${f.message}`;
}

export function errorLine(r: FileResult): string {
  return `${r.displayPath}: error: ${r.error}`;
}

export function summaryLine(s: RunSummary, mode: 'diff' | 'write' | 'check'): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const changed = mode === 'write' ? `${s.changed} changed` : `${s.changed} would change`;
  const seconds = (s.elapsedMs / 1000).toFixed(2);
  return `dockerfile-codemod: ${plural(s.files, 'file')}: ${changed}, ${s.unchanged} unchanged, ${s.withFindings} with findings, ${plural(s.errors, 'error')} (${seconds}s)`;
}
