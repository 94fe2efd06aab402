/**
 * BuildKit's view of an instruction line. BuildKit joins physical lines that
 * end with the escape character (followed only by spaces or tabs), drops
 * comment lines and empty lines inside such a continuation, and removes the
 * escape character and the line break without inserting anything. The result
 * is a logical line; `MappedText` keeps, for every character of it, the offset
 * of that character in the document, so edits can be made on the original
 * bytes.
 */

export class MappedText {
  constructor(
    readonly text: string,
    /** Document offset of each character of `text`. */
    private readonly offsets: Int32Array,
    /** Document offset just after the last character consumed. */
    readonly end: number,
  ) {}

  /** Document offset of character `i`; `i === text.length` gives `end`. */
  offset(i: number): number {
    if (i >= this.text.length) return this.end;
    return this.offsets[i] as number;
  }

  /** Document offset just after character `i`. */
  offsetAfter(i: number): number {
    return this.offset(i) + 1;
  }

  slice(start: number, end = this.text.length): MappedText {
    const s = Math.max(0, start);
    const e = Math.min(this.text.length, end);
    const sliceEnd = e >= this.text.length ? this.end : this.offset(e - 1) + 1;
    return new MappedText(
      this.text.slice(s, e),
      this.offsets.subarray(s, e),
      e > s ? sliceEnd : this.offset(s),
    );
  }
}

export interface JoinedLine {
  /** The logical line, from the instruction keyword to the end of the last joined line. */
  line: MappedText;
  /** Document offset at the end of the last physical line used (before its line break). */
  lastLineEnd: number;
}

function lineEndAt(doc: string, pos: number): { end: number; next: number } {
  let i = pos;
  while (i < doc.length) {
    const c = doc.charCodeAt(i);
    if (c === 10) return { end: i, next: i + 1 };
    if (c === 13) return { end: i, next: doc.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
    i++;
  }
  return { end: i, next: i };
}

function isBlank(doc: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = doc.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function isCommentLine(doc: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = doc.charCodeAt(i);
    if (c === 32 || c === 9) continue;
    return c === 35; // '#'
  }
  return false;
}

/** Index of the continuation esc on a line (esc followed only by blanks), or -1. */
function continuationAt(doc: string, start: number, end: number, esc: number): number {
  let i = end - 1;
  while (i >= start) {
    const c = doc.charCodeAt(i);
    if (c === 32 || c === 9) {
      i--;
      continue;
    }
    return c === esc ? i : -1;
  }
  return -1;
}

/**
 * Joins the instruction that starts at `start` (its keyword) the way BuildKit
 * does, returning the logical line with its offset map.
 */
export function joinInstruction(doc: string, start: number, escapeChar: string): JoinedLine {
  const esc = escapeChar.charCodeAt(0);
  const parts: Array<[number, number]> = [];
  let pos = start;
  let { end, next } = lineEndAt(doc, pos);
  let lastLineEnd = end;
  for (;;) {
    const cont = continuationAt(doc, pos, end, esc);
    if (cont < 0) {
      parts.push([pos, end]);
      lastLineEnd = end;
      break;
    }
    parts.push([pos, cont]);
    lastLineEnd = end;
    // Skip comment lines and empty lines inside the continuation.
    pos = next;
    if (pos >= doc.length) break;
    ({ end, next } = lineEndAt(doc, pos));
    while (pos < doc.length && (isCommentLine(doc, pos, end) || isBlank(doc, pos, end))) {
      pos = next;
      if (pos >= doc.length) break;
      ({ end, next } = lineEndAt(doc, pos));
    }
    if (pos >= doc.length) break;
  }
  let length = 0;
  for (const [s, e] of parts) length += e - s;
  const offsets = new Int32Array(length);
  let text = '';
  let k = 0;
  for (const [s, e] of parts) {
    text += doc.slice(s, e);
    for (let i = s; i < e; i++) offsets[k++] = i;
  }
  return { line: new MappedText(text, offsets, lastLineEnd), lastLineEnd };
}
