/** Plain-text lines for findings, errors and the run summary. */
import type { FileResult, LocatedFinding, Mode, RunSummary } from '../types.js';

/** `file:line:col rule-id message`, the format editors and CI log parsers read. */
export function findingLine(
  r: FileResult,
  f: LocatedFinding,
  c?: { dim: (s: string) => string; yellow: (s: string) => string },
): string {
  // A fix this run leaves out because it is unsafe: say how to get it.
  const unsafe = f.fix?.safety === 'unsafe' && !f.fixable ? ' (fix available with --unsafe-fixes)' : '';
  if (!c) return `${r.displayPath}:${f.line}:${f.column} ${f.ruleId} ${f.message}${unsafe}`;
  return `${r.displayPath}:${f.line}:${f.column} ${c.yellow(f.ruleId)} ${f.message}${unsafe}`;
}

export function errorLine(r: FileResult): string {
  return `${r.displayPath}: error: ${r.error}`;
}

export function summaryLine(s: RunSummary, mode: Mode): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const changed = mode === 'write' ? `${s.changed} changed` : `${s.changed} would change`;
  const seconds = (s.elapsedMs / 1000).toFixed(2);
  return `dockerfile-codemod: ${plural(s.files, 'file')}: ${changed}, ${s.unchanged} unchanged, ${s.withFindings} with findings, ${plural(s.errors, 'error')} (${seconds}s)`;
}
