/**
 * `--statistics`: how many findings a run made of each rule and message, as
 * Ruff counts its rules. The counts grow as results come, so a run that keeps
 * no result can still give them.
 */
import type { FileResult } from '../types.js';

export interface StatisticsRow {
  ruleId: string;
  messageId: string;
  /** Findings of this rule and message, over every file of the run. */
  count: number;
  /** How many of them the run's output repairs (`--write` writes the repair; a dry run shows it). */
  fixable: number;
}

export class Statistics {
  private readonly byKey = new Map<string, StatisticsRow>();

  add(r: FileResult): void {
    for (const f of r.findings) {
      const key = `${f.ruleId}\0${f.messageId}`;
      let row = this.byKey.get(key);
      if (!row) {
        row = { ruleId: f.ruleId, messageId: f.messageId, count: 0, fixable: 0 };
        this.byKey.set(key, row);
      }
      row.count++;
      if (f.fixable) row.fixable++;
    }
  }

  /** The rows, the most frequent first, then by rule and message id. */
  rows(): StatisticsRow[] {
    return [...this.byKey.values()].sort(
      (a, b) =>
        b.count - a.count ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
        (a.messageId < b.messageId ? -1 : a.messageId > b.messageId ? 1 : 0),
    );
  }
}

/**
 * The rows as aligned lines: count, rule id, message id and, when some of
 * them are repaired, how many. Nothing at all when the run found nothing.
 */
export function statisticsTable(rows: readonly StatisticsRow[]): string {
  if (rows.length === 0) return '';
  const width = (f: (r: StatisticsRow) => string) => Math.max(...rows.map((r) => f(r).length));
  const count = width((r) => String(r.count));
  const rule = width((r) => r.ruleId);
  const message = width((r) => r.messageId);
  return rows
    .map((r) => {
      const fixable = r.fixable > 0 ? `  (${r.fixable} fixable)` : '';
      const line = `${String(r.count).padStart(count)}  ${r.ruleId.padEnd(rule)}  ${r.messageId.padEnd(message)}${fixable}`;
      return `${line.trimEnd()}\n`;
    })
    .join('');
}
