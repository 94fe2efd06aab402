/**
 * GitLab Code Quality: the report `artifacts: reports: codequality:` takes, a
 * JSON array of Code Climate issues. GitLab shows them in the merge request
 * and matches each issue of the source branch with the target branch's by its
 * fingerprint, so a fingerprint must stay the same while the finding does.
 */
import { createHash } from 'node:crypto';
import { LineTable } from '../text.js';
import { type FileResult, INVALID_DIRECTIVE, type Severity, UNUSED_DIRECTIVE } from '../types.js';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  type: 'issue';
  /** The rule id. */
  check_name: string;
  description: string;
  /** Code Climate's categories; GitLab does not read them. */
  categories: string[];
  severity: CodeQualitySeverity;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/** Code Climate's scale from ours, as ESLint's GitLab formatters map theirs: an error is major, a warning minor. */
const SEVERITY: Readonly<Record<Severity, CodeQualitySeverity>> = {
  error: 'major',
  warning: 'minor',
  info: 'info',
};

/** The inline-directive rules are about comments, not about what the image does. */
const category = (ruleId: string) =>
  ruleId === UNUSED_DIRECTIVE || ruleId === INVALID_DIRECTIVE ? 'Style' : 'Bug Risk';

/** The lines a finding covers, each trimmed and its runs of blanks made one space. */
function sourceLines(lines: LineTable, start: number, end: number): string {
  const out: string[] = [];
  for (let line = lines.lineOf(start); line <= lines.lineOf(end); line++) {
    const from = lines.starts[line] ?? 0;
    out.push(lines.text.slice(from, lines.lineEnd(line)).trim().replace(/\s+/g, ' '));
  }
  return out.join('\n');
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * The issues of a run's results. Files that could not be read or parsed have
 * no place in the format (an issue needs a line) and are left out; the run's
 * exit code (2) and its messages report them.
 *
 * Fingerprint: SHA-256 of the path, the rule id, the normalised text of the
 * lines the finding covers, and which occurrence of that (path, rule, text)
 * it is in the file, counted from the top. Lines added or removed elsewhere in
 * the file, a change of wording of the message and other findings coming or
 * going leave it as it is; editing the lines themselves or renaming the file
 * make a new issue (and an identical finding added above it takes its
 * fingerprint over, so it is the new one that counts as new). Every
 * fingerprint of a report is different, as GitLab needs: it keeps one issue
 * per fingerprint.
 */
export function gitlabReport(results: readonly FileResult[]): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  for (const r of results) {
    if (r.error !== undefined || r.findings.length === 0) continue;
    const lines = new LineTable(r.before ?? '');
    const seen = new Map<string, number>();
    const inOrder = [...r.findings].sort((a, b) => a.start - b.start || a.end - b.end);
    const fingerprints = new Map<object, string>();
    for (const f of inOrder) {
      const key = JSON.stringify([r.displayPath, f.ruleId, sourceLines(lines, f.start, f.end)]);
      const occurrence = seen.get(key) ?? 0;
      seen.set(key, occurrence + 1);
      fingerprints.set(f, sha256(`${key}\n${occurrence}`));
    }
    for (const f of r.findings) {
      issues.push({
        type: 'issue',
        check_name: f.ruleId,
        description: f.message,
        categories: [category(f.ruleId)],
        severity: SEVERITY[f.severity],
        fingerprint: fingerprints.get(f) as string,
        location: { path: r.displayPath, lines: { begin: f.line, end: f.endLine } },
      });
    }
  }
  return issues;
}
