/**
 * From the engine's terms to the protocol's: findings to diagnostics, offsets
 * to positions, the errors a document can have to one diagnostic each.
 *
 * Offsets are JS string indices, that is UTF-16 code units, and so are the
 * protocol's characters (its default position encoding); findings carry
 * 1-based lines and columns in the same units, and the protocol counts from 0.
 * `\n`, `\r\n` and `\r` end a line for both.
 */
import type { Diagnostic, Position, Range, DiagnosticSeverity as Severity } from 'vscode-languageserver';
import { ruleDocsUrl } from '../output/directive-rules.js';
import type { LineTable } from '../text.js';
import type { FileError, LocatedFinding, Severity as RuleSeverity } from '../types.js';

/** The name diagnostics carry as their source, and code actions in their titles. */
export const SOURCE = 'dockerfile-codemod';

/** The protocol's numbers (DiagnosticSeverity), written out so this module loads no value from the library. */
const SEVERITY: Record<RuleSeverity, Severity> = { error: 1, warning: 2, info: 3 };

/** What a diagnostic of a finding carries in `data`: code actions and clients read it back. */
export interface FindingData {
  ruleId: string;
  messageId: string;
  /** The rule's page. */
  docs: string;
  /** Whether a quick fix repairs it (the fix-all action may repair it when it came up in a later pass). */
  fix: 'safe' | 'unsafe' | 'none';
}

/** The protocol position of an offset; an offset between `\r` and `\n` stays on its line, at its end. */
export function positionOf(lines: LineTable, offset: number): Position {
  const line = lines.lineOf(offset);
  const start = lines.starts[line] ?? 0;
  return { line, character: Math.min(offset, lines.lineEnd(line)) - start };
}

export function rangeOf(lines: LineTable, start: number, end: number): Range {
  return { start: positionOf(lines, start), end: positionOf(lines, end) };
}

/** The offset of a protocol position: a character past the end of its line means the end of the line. */
export function offsetOf(lines: LineTable, position: Position): number {
  return lines.offsetAt(Math.max(0, position.line), Math.max(0, position.character));
}

export function diagnosticOf(f: LocatedFinding): Diagnostic {
  const docs = ruleDocsUrl(f.ruleId);
  const data: FindingData = {
    ruleId: f.ruleId,
    messageId: f.messageId,
    docs,
    fix: f.fix ? f.fix.safety : 'none',
  };
  return {
    range: {
      start: { line: f.line - 1, character: f.column - 1 },
      end: { line: f.endLine - 1, character: f.endColumn - 1 },
    },
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: docs },
    source: SOURCE,
    message: f.message,
    data,
  };
}

/** The whole of a 0-based line, or its start when the text is shorter. */
function lineRange(lines: LineTable, line: number): Range {
  const l = Math.min(Math.max(0, line), lines.starts.length - 1);
  const start = lines.starts[l] ?? 0;
  return { start: { line: l, character: 0 }, end: { line: l, character: lines.lineEnd(l) - start } };
}

/**
 * The diagnostic of a text the engine could not work on: it does not parse
 * (on the line the parser names), or a repair did not verify (on the first line).
 */
export function fileErrorDiagnostic(lines: LineTable, e: FileError): Diagnostic {
  const at = e.line !== undefined ? `line ${e.line}: ` : '';
  const what = e.kind === 'input' ? 'cannot read this Dockerfile' : 'cannot repair this Dockerfile';
  return {
    range: lineRange(lines, (e.line ?? 1) - 1),
    severity: 1,
    code: e.kind === 'input' ? 'parse-error' : 'internal-error',
    source: SOURCE,
    message: `${what}: ${at}${e.message}`,
  };
}

/** The diagnostic of a configuration file that cannot be used: the message names the file and the key. */
export function configErrorDiagnostic(lines: LineTable, message: string): Diagnostic {
  return {
    range: lineRange(lines, 0),
    severity: 1,
    code: 'configuration',
    source: SOURCE,
    message: `configuration ${message}; this Dockerfile is not checked until it is corrected`,
  };
}

/** The diagnostic of a document larger than the command line reads (it refuses the file as too large). */
export function tooLargeDiagnostic(lines: LineTable, limit: number): Diagnostic {
  return {
    range: lineRange(lines, 0),
    severity: 3,
    code: 'too-large',
    source: SOURCE,
    message: `not checked: larger than ${(limit / 1048576).toFixed(1)} MiB, the most the command line reads`,
  };
}

/** The diagnostic of a failure that is not the document's: a bug of the tool, told rather than hidden. */
export function internalErrorDiagnostic(lines: LineTable, e: unknown): Diagnostic {
  const message = e instanceof Error ? e.message : String(e);
  return {
    range: lineRange(lines, 0),
    severity: 1,
    code: 'internal-error',
    source: SOURCE,
    message: `internal error while checking this Dockerfile (the server log has the details): ${message}`,
  };
}
