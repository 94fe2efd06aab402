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

/**
 * The edits against the original text that one pass after another made: each
 * batch is against the text the batches before it produced. The result, sorted
 * and non-overlapping, turns the original into the final text in one step.
 */
export function composeEdits(original: string, batches: readonly (readonly TextEdit[])[]): TextEdit[] {
  type Piece = { from: number; to: number } | { text: string };
  let pieces: Piece[] = [{ from: 0, to: original.length }];
  const length = (p: Piece) => ('text' in p ? p.text.length : p.to - p.from);
  for (const batch of batches) {
    const edits = checkEdits(batch);
    const out: Piece[] = [];
    let pos = 0; // offset in the current text at the start of the piece being read
    let k = 0;
    let piece: Piece | undefined = pieces[0];
    let consumed = 0; // characters of `piece` already read
    const take = (upTo: number, keep: boolean) => {
      // Reads the current text up to offset `upTo`, keeping or dropping what it reads.
      while (pos < upTo && piece) {
        const n = Math.min(length(piece) - consumed, upTo - pos);
        if (keep && n > 0) {
          out.push(
            'text' in piece
              ? { text: piece.text.slice(consumed, consumed + n) }
              : { from: piece.from + consumed, to: piece.from + consumed + n },
          );
        }
        consumed += n;
        pos += n;
        if (consumed === length(piece)) {
          piece = pieces[++k];
          consumed = 0;
        }
      }
    };
    for (const e of edits) {
      take(e.start, true);
      take(e.end, false);
      if (e.text) out.push({ text: e.text });
    }
    take(Number.POSITIVE_INFINITY, true);
    pieces = out;
  }
  const result: TextEdit[] = [];
  let at = 0;
  let pending = '';
  let pendingFrom = 0;
  let open = false;
  for (const p of pieces) {
    if ('text' in p) {
      if (!open) {
        open = true;
        pendingFrom = at;
        pending = '';
      }
      pending += p.text;
      continue;
    }
    if (p.from !== at || open) {
      result.push({ start: open ? pendingFrom : at, end: p.from, text: open ? pending : '' });
      open = false;
    }
    at = p.to;
  }
  if (open || at !== original.length)
    result.push({ start: open ? pendingFrom : at, end: original.length, text: open ? pending : '' });
  return result.filter((e) => e.start !== e.end || e.text !== '');
}
