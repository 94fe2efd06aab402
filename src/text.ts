/**
 * Line tables: offsets to 1-based lines and columns, and back. Edits work on
 * offsets, so a rewrite keeps a BOM, line endings and the final newline as
 * they are.
 */

export interface Position {
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units, as editors count. */
  column: number;
}

/** Offsets (JS string indices) where each line starts; `\n`, `\r\n` and `\r` end a line. */
export class LineTable {
  readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  /** Offset of a 0-based line and 0-based character, clamped to the text. */
  offsetAt(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line] ?? 0;
    return Math.min(start + character, this.lineEnd(line));
  }

  /** Offset just before the line break of a 0-based line. */
  lineEnd(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    let end = next - 1;
    if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** 0-based line containing an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const line = this.lineOf(offset);
    return { line: line + 1, column: offset - (this.starts[line] ?? 0) + 1 };
  }
}
