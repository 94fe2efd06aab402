/**
 * Round-trip checks over real Dockerfiles, for the corpus script and the
 * property tests: the repair applies, a second pass changes nothing, and no
 * byte outside the edited mount flags moves. The byte check rebuilds the
 * output from the input segments between edits, and requires each edit to lie
 * within a `--mount` flag (a removed flag may take its line's blanks, escape
 * and line break with it; an insertion goes at a flag's end).
 */
import { type AnalyzeOptions, analyze, FileError, type FileErrorKind } from './analyze.js';
import { checkEdits, type TextEdit } from './edits.js';
import { DockerfileModel } from './model/dockerfile.js';

export interface RoundTrip {
  changed: boolean;
  findings: number;
  /** Why the file could not be processed; `kind` says which check failed. */
  error?: { kind: FileErrorKind; message: string };
  /** Offset of the first input byte that moved or changed outside the edited flags. */
  movedAt?: number;
}

export async function roundTrip(text: string, options: AnalyzeOptions = {}): Promise<RoundTrip> {
  let output: string;
  let edits: TextEdit[];
  let findings: number;
  try {
    const r = await analyze(text, options);
    output = r.output;
    findings = r.findings.length;
    edits = r.findings.flatMap((f) => f.fix?.edits ?? []);
  } catch (e) {
    if (e instanceof FileError)
      return { changed: false, findings: 0, error: { kind: e.kind, message: e.message } };
    throw e;
  }
  const result: RoundTrip = { changed: output !== text, findings };
  if (result.changed) {
    const moved = firstMovedByte(text, output, edits);
    if (moved !== undefined) result.movedAt = moved;
  }
  return result;
}

/** The first input offset whose byte is not where it belongs in `output`, or lies in an edit outside any mount flag. */
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
  const flags = new DockerfileModel(input).runs().flatMap((r) => r.mounts.map((m) => m.flag));
  for (const e of sorted) {
    const ok = flags.some((f) => {
      if (e.start === e.end) return f.start <= e.start && e.start <= f.end;
      if (f.start <= e.start && e.end <= f.end) return true;
      // A removed flag with the blanks, escape and line break around it.
      return (
        e.start <= f.start &&
        f.end <= e.end &&
        /^[ \t\\`\r\n]*$/.test(input.slice(e.start, f.start) + input.slice(f.end, e.end))
      );
    });
    if (!ok) return e.start;
  }
  return undefined;
}
