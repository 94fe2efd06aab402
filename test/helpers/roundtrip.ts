/**
 * Round-trip checks over real Dockerfiles, for the corpus script and the
 * property tests: the repair applies, a second run changes nothing, and no
 * byte outside the repairs moves. The byte check rebuilds the output from the
 * input segments between the applied edits, and requires each edit to lie
 * within one instruction of the input, or to insert whole lines between
 * instructions.
 */
import { type AnalyzeOptions, analyze } from '../../src/analyze.js';
import { checkEdits, type TextEdit } from '../../src/edits.js';
import { DockerfileModel } from '../../src/model/dockerfile.js';
import { FileError, type FileErrorKind } from '../../src/types.js';

export interface RoundTrip {
  changed: boolean;
  findings: number;
  /** Findings per rule id. */
  byRule: Record<string, number>;
  /** Why the file could not be processed; `kind` says which check failed. */
  error?: { kind: FileErrorKind; message: string };
  /** Offset of the first input byte that moved or changed outside the edits. */
  movedAt?: number;
  /** The second run changed the output again or found a fix to make. */
  unstable?: boolean;
  output?: string;
}

export async function roundTrip(text: string, options: AnalyzeOptions = {}): Promise<RoundTrip> {
  let r: Awaited<ReturnType<typeof analyze>>;
  try {
    r = await analyze(text, options);
  } catch (e) {
    if (e instanceof FileError)
      return { changed: false, findings: 0, byRule: {}, error: { kind: e.kind, message: e.message } };
    throw e;
  }
  const byRule: Record<string, number> = {};
  for (const f of r.findings) byRule[f.ruleId] = (byRule[f.ruleId] ?? 0) + 1;
  const result: RoundTrip = {
    changed: r.output !== text,
    findings: r.findings.length,
    byRule,
    output: r.output,
  };
  if (result.changed) {
    const moved = firstMovedByte(text, r.output, r.edits);
    if (moved !== undefined) result.movedAt = moved;
    const again = await analyze(r.output, options);
    if (again.output !== r.output || again.findings.some((f) => f.fixable)) result.unstable = true;
  }
  return result;
}

/**
 * The first input offset whose byte is not where it belongs in `output`, or
 * where an edit lies outside every instruction (an insertion of whole lines
 * between instructions is allowed).
 */
export function firstMovedByte(
  input: string,
  output: string,
  edits: readonly TextEdit[],
): number | undefined {
  const sorted = checkEdits(edits);
  /** The input offset of the first byte of input[from, to) that is not at output[at...], or -1. */
  const differs = (from: number, to: number, at: number): number => {
    for (let k = 0; from + k < to; k++) if (output[at + k] !== input[from + k]) return from + k;
    return -1;
  };
  let o = 0;
  let i = 0;
  for (const e of sorted) {
    const moved = differs(i, e.start, o);
    if (moved >= 0) return moved;
    o += e.start - i;
    if (output.slice(o, o + e.text.length) !== e.text) return e.start;
    o += e.text.length;
    i = e.end;
  }
  const moved = differs(i, input.length, o);
  if (moved >= 0) return moved;
  // Text added after the end of the input.
  if (output.length - o !== input.length - i) return input.length;
  const spans = new DockerfileModel(input).spans;
  for (const e of sorted) {
    const inside = spans.some((s) => s.start <= e.start && e.end <= s.end);
    const lineStart = e.start === 0 || input[e.start - 1] === '\n';
    const wholeLines = e.start === e.end && lineStart && /(\n|\r)$/.test(e.text);
    if (!inside && !wholeLines) return e.start;
  }
  return undefined;
}
