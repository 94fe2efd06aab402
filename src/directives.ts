/**
 * Inline suppression, in the spirit of hadolint's pragmas:
 *
 *     # dockerfile-codemod ignore=RULE[,RULE] [reason=free text]
 *     # dockerfile-codemod global ignore=RULE[,RULE] [reason=free text]
 *
 * The first covers the next instruction, the second the whole file. `all`
 * names every rule. A directive must be a comment line of its own, outside
 * any instruction (not inside a continuation or a heredoc).
 */
import type { DockerfileModel } from './model/dockerfile.js';
import { type Finding, INVALID_DIRECTIVE, UNUSED_DIRECTIVE } from './types.js';

export { UNUSED_DIRECTIVE } from './types.js';

export interface Directive {
  global: boolean;
  rules: string[];
  reason: string | undefined;
  /** Document span of the comment. */
  start: number;
  end: number;
  /** Span of the instruction it covers (the whole file for a global one); undefined when none follows. */
  covers: { start: number; end: number } | undefined;
}

const DIRECTIVE =
  /^[ \t]*#[ \t]*dockerfile-codemod[ \t]+(global[ \t]+)?ignore=([^\s]+)(?:[ \t]+reason=([^\r\n]*))?[ \t]*$/gm;

export function readDirectives(model: DockerfileModel): Directive[] {
  const { text } = model;
  if (!text.includes('dockerfile-codemod')) return [];
  const out: Directive[] = [];
  for (const m of text.matchAll(DIRECTIVE)) {
    const start = m.index;
    // Every instruction counts, FROM and the ARGs before it included: a directive above FROM covers the FROM.
    if (model.spans.some((i) => i.start <= start && start < i.end)) continue;
    const global = m[1] !== undefined;
    const next = model.spans.find((i) => i.start > start);
    out.push({
      global,
      rules: (m[2] as string).split(',').filter(Boolean),
      reason: m[3]?.trim() || undefined,
      start,
      end: start + m[0].length,
      covers: global ? { start: 0, end: text.length } : next && { start: next.start, end: next.end },
    });
  }
  return out;
}

export interface Suppression {
  kept: Finding[];
  /** Directives that suppressed nothing. */
  unused: Directive[];
}

/** Drops the findings directives cover. */
export function applyDirectives(directives: readonly Directive[], findings: readonly Finding[]): Suppression {
  const used = new Set<Directive>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const by = directives.find(
      (d) =>
        d.covers !== undefined &&
        d.covers.start <= f.start &&
        f.start < d.covers.end &&
        (d.rules.includes(f.ruleId) || d.rules.includes('all')),
    );
    if (by) used.add(by);
    else kept.push(f);
  }
  return { kept, unused: directives.filter((d) => !used.has(d)) };
}

/** A report-only finding for a directive that suppressed nothing. */
export function unusedDirectiveFinding(d: Directive): Finding {
  const scope = d.global
    ? 'in this file'
    : d.covers
      ? 'on the next instruction'
      : 'after it (no instruction follows)';
  return {
    ruleId: UNUSED_DIRECTIVE,
    messageId: 'unusedDirective',
    severity: 'warning',
    message: `this directive suppresses nothing: ${d.rules.join(', ')} found nothing ${scope}; remove it`,
    start: d.start,
    end: d.end,
  };
}

/**
 * A warning for each rule a directive names that does not exist (a typo, or a
 * rule of another tool): the directive suppresses nothing, silently.
 */
export function unknownRuleFindings(directives: readonly Directive[], known: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const d of directives) {
    for (const rule of d.rules) {
      if (rule === 'all' || rule === UNUSED_DIRECTIVE || known.has(rule)) continue;
      out.push({
        ruleId: INVALID_DIRECTIVE,
        messageId: 'unknownRule',
        severity: 'warning',
        message: `this directive names '${rule}', which is not a rule of dockerfile-codemod (known: ${[...known].join(', ')}), so it suppresses nothing`,
        start: d.start,
        end: d.end,
      });
    }
  }
  return out;
}
