/**
 * Code actions on an analysed text: a quick fix per finding that has a fix,
 * one that adds an ignore directive above the instruction, and the fix-all
 * source action that turns the text into the engine's output. Every edit is
 * against the text that was analysed; the workspace edit names that text's
 * version when the client checks versions.
 */
import type {
  CodeAction,
  Diagnostic,
  TextEdit as LspTextEdit,
  Range,
  WorkspaceEdit,
} from 'vscode-languageserver';
import type { AnalyzeResult } from '../analyze.js';
import type { TextEdit } from '../edits.js';
import type { LineTable } from '../text.js';
import { INVALID_DIRECTIVE, type LocatedFinding, UNUSED_DIRECTIVE } from '../types.js';
import { diagnosticOf, offsetOf, rangeOf, SOURCE } from './convert.js';

/** The kind of the fix-all source action (editors run `source.fixAll` on save when asked to). */
export const FIX_ALL_KIND = 'source.fixAll.dockerfile-codemod';
const QUICK_FIX = 'quickfix';

/** What the directive action writes after `reason=`: a placeholder to replace with the why. */
export const REASON_PLACEHOLDER = '<why>';

/** One analysis of one version of a document. */
export interface Analysed {
  uri: string;
  version: number;
  text: string;
  lines: LineTable;
  result: AnalyzeResult;
}

export interface ActionRequest {
  range: Range;
  /** The kinds asked for (`context.only`); all when undefined. */
  only?: readonly string[];
  /** The diagnostics the client sends as context: findings they name are included even outside the range. */
  diagnostics: readonly Diagnostic[];
  /** Whether the client takes versioned document edits (`workspace.workspaceEdit.documentChanges`). */
  documentChanges: boolean;
}

type Span = { start: number; end: number };

/** Whether an action of `kind` is one of those asked for: `source.fixAll` asks for `source.fixAll.dockerfile-codemod`. */
export function kindWanted(kind: string, only: readonly string[] | undefined): boolean {
  return only === undefined || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Text for a title: line continuations and runs of blanks as one space, long text cut short. */
function shown(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return `'${flat.length > 48 ? `${flat.slice(0, 47)}…` : flat}'`;
}

/** What a fix does, in a few words: its edit when it has one, else how many. */
export function fixTitle(f: LocatedFinding, text: string): string {
  const edits = f.fix?.edits ?? [];
  let what = `${edits.length} edits`;
  const e = edits[0];
  if (edits.length === 1 && e) {
    const old = text.slice(e.start, e.end);
    what =
      old === ''
        ? `insert ${shown(e.text)}`
        : e.text === ''
          ? `remove ${shown(old)}`
          : `replace ${shown(old)} with ${shown(e.text)}`;
  }
  const unsafe = f.fix?.safety === 'unsafe' ? ' (unsafe fix: it may change what the build does)' : '';
  return `Fix ${f.ruleId}: ${what}${unsafe}`;
}

function workspaceEdit(doc: Analysed, edits: readonly TextEdit[], versioned: boolean): WorkspaceEdit {
  const lspEdits: LspTextEdit[] = [...edits]
    .sort((a, b) => a.start - b.start || a.end - b.end)
    .map((e) => ({ range: rangeOf(doc.lines, e.start, e.end), newText: e.text }));
  if (versioned)
    return { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits: lspEdits }] };
  return { changes: { [doc.uri]: lspEdits } };
}

const sameRange = (a: Range, b: Range) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** The findings a request is about: those its range touches, and those its context diagnostics name. */
export function findingsFor(doc: Analysed, request: ActionRequest): LocatedFinding[] {
  const from = offsetOf(doc.lines, request.range.start);
  const to = Math.max(from, offsetOf(doc.lines, request.range.end));
  return doc.result.findings.filter((f) => {
    if (f.start <= to && from <= f.end) return true;
    const d = diagnosticOf(f);
    return request.diagnostics.some(
      (c) => c.source === SOURCE && c.code === f.ruleId && sameRange(c.range, d.range),
    );
  });
}

/** The line break the text uses (its first), `\n` when it has none. */
function lineBreak(text: string): string {
  const m = /\r\n|\r|\n/.exec(text);
  return m ? m[0] : '\n';
}

/**
 * The edit that puts `# dockerfile-codemod ignore=RULE reason=<why>` on a line
 * of its own above the instruction at `span`, indented as the instruction is.
 */
export function directiveEdit(text: string, lines: LineTable, span: Span, ruleId: string): TextEdit {
  let lineStart = lines.starts[lines.lineOf(span.start)] ?? 0;
  // A byte order mark stays the first character of the file.
  if (lineStart === 0 && text.charCodeAt(0) === 0xfeff) lineStart = 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, span.start))?.[0] ?? '';
  return {
    start: lineStart,
    end: lineStart,
    text: `${indent}# ${SOURCE} ignore=${ruleId} reason=${REASON_PLACEHOLDER}${lineBreak(text)}`,
  };
}

/**
 * The code actions for a request on an analysed text. `spans` gives the
 * instructions' spans, asked for only when a directive action is wanted.
 */
export function codeActions(
  doc: Analysed,
  request: ActionRequest,
  spans: () => readonly Span[],
): CodeAction[] {
  const actions: CodeAction[] = [];
  const findings = findingsFor(doc, request);
  if (kindWanted(QUICK_FIX, request.only)) {
    for (const f of findings) {
      // A finding of a later pass has no edits against this text: the fix-all action repairs it.
      if (!f.fix || f.fix.edits.length === 0) continue;
      actions.push({
        title: fixTitle(f, doc.text),
        kind: QUICK_FIX,
        diagnostics: [diagnosticOf(f)],
        isPreferred: f.fix.safety === 'safe',
        edit: workspaceEdit(doc, f.fix.edits, request.documentChanges),
      });
    }
    const groups = new Map<string, { span: Span; ruleId: string; diagnostics: Diagnostic[] }>();
    for (const f of findings) {
      if (f.ruleId === UNUSED_DIRECTIVE || f.ruleId === INVALID_DIRECTIVE) continue;
      const span = spans().find((s) => s.start <= f.start && f.start < s.end);
      if (!span) continue;
      const key = `${f.ruleId}\0${span.start}`;
      const group = groups.get(key) ?? { span, ruleId: f.ruleId, diagnostics: [] };
      group.diagnostics.push(diagnosticOf(f));
      groups.set(key, group);
    }
    for (const g of groups.values()) {
      actions.push({
        title: `Ignore ${g.ruleId} on this instruction (add a ${SOURCE} directive)`,
        kind: QUICK_FIX,
        diagnostics: g.diagnostics,
        edit: workspaceEdit(
          doc,
          [directiveEdit(doc.text, doc.lines, g.span, g.ruleId)],
          request.documentChanges,
        ),
      });
    }
  }
  if (kindWanted(FIX_ALL_KIND, request.only) && doc.result.output !== doc.text) {
    actions.push({
      title: `Fix all ${SOURCE} findings that have a safe fix`,
      kind: FIX_ALL_KIND,
      diagnostics: doc.result.findings.filter((f) => f.fixable).map(diagnosticOf),
      edit: workspaceEdit(doc, doc.result.edits, request.documentChanges),
    });
  }
  return actions;
}
