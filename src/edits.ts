/**
 * Text edits against the original text: checked (identical duplicates merge,
 * overlaps are refused) and applied from the end so offsets stay valid.
 */

export interface TextEdit {
  /** Offsets into the original text (JS string indices); `start === end` inserts. */
  start: number;
  end: number;
  text: string;
}

export class EditConflictError extends Error {
  constructor(
    readonly a: TextEdit,
    readonly b: TextEdit,
  ) {
    super(`overlapping edits at offsets ${a.start}-${a.end} and ${b.start}-${b.end}`);
    this.name = 'EditConflictError';
  }
}

/** Sorted, duplicate-free edits; throws EditConflictError when two edits overlap. */
export function checkEdits(edits: readonly TextEdit[]): TextEdit[] {
  const sorted = [...edits].sort((x, y) => x.start - y.start || x.end - y.end);
  const out: TextEdit[] = [];
  for (const e of sorted) {
    if (e.start > e.end) throw new RangeError(`edit with start ${e.start} after end ${e.end}`);
    const prev = out[out.length - 1];
    if (prev) {
      if (prev.start === e.start && prev.end === e.end && prev.text === e.text) continue;
      const insertionsAtSamePoint = prev.start === prev.end && e.start === e.end && prev.start === e.start;
      if (e.start < prev.end || insertionsAtSamePoint) throw new EditConflictError(prev, e);
    }
    out.push(e);
  }
  return out;
}

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const checked = checkEdits(edits);
  let out = text;
  for (let i = checked.length - 1; i >= 0; i--) {
    const e = checked[i] as TextEdit;
    if (e.end > text.length)
      throw new RangeError(`edit ends at ${e.end}, past the end of the text (${text.length})`);
    out = out.slice(0, e.start) + e.text + out.slice(e.end);
  }
  return out;
}
