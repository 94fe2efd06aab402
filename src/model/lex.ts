/**
 * Word-level lexing of instruction arguments, following BuildKit's frontend:
 * builder flags (`--mount=...`) and whitespace-separated words with quotes.
 * Variable expansion lives in the shell layer (`src/shell/expand.ts`), which
 * the shell reader uses too.
 */
import type { MappedText } from './logical.js';

export { expandVariables, type Lookup, processWord } from '../shell/expand.js';

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';

/** A builder flag word with quotes removed and backslash escapes applied. */
export interface FlagWord {
  /** The processed word, e.g. `--mount=type=cache,target=/x`. */
  text: string;
  /** Document offset of each character of `text`. */
  offsets: number[];
  /** Document range of the raw word, quotes included. */
  start: number;
  end: number;
  /** Quote pairs met in the word: text index of the first quoted character and of the character after the last one, with the document offsets of the quote characters. */
  quotes: Array<{ from: number; to: number; openAt: number; closeAt: number }>;
}

/**
 * Port of BuildKit's `extractBuilderFlags`: reads the leading `--flag` words of
 * an instruction's arguments and returns them with the remaining text.
 */
export function extractBuilderFlags(args: MappedText): { flags: FlagWord[]; rest: MappedText } {
  const line = args.text;
  const flags: FlagWord[] = [];
  let pos = 0;
  for (;;) {
    while (pos < line.length && isSpace(line[pos])) pos++;
    if (pos >= line.length) return { flags, rest: args.slice(line.length) };
    if (line[pos] !== '-' || line[pos + 1] !== '-') return { flags, rest: args.slice(pos) };
    const wordStart = pos;
    let text = '';
    const offsets: number[] = [];
    const quotes: FlagWord['quotes'] = [];
    let quote = '';
    let quoteFrom = 0;
    let quoteOpenAt = 0;
    let blankOk = false;
    while (pos < line.length) {
      const ch = line[pos] as string;
      if (!quote) {
        if (isSpace(ch)) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          quoteFrom = text.length;
          quoteOpenAt = args.offset(pos);
          blankOk = true;
          pos++;
          continue;
        }
      } else if (ch === quote) {
        quotes.push({ from: quoteFrom, to: text.length, openAt: quoteOpenAt, closeAt: args.offset(pos) });
        quote = '';
        pos++;
        continue;
      }
      if (ch === '\\') {
        if (pos + 1 >= line.length) {
          pos++;
          continue;
        }
        pos++;
      }
      text += line[pos];
      offsets.push(args.offset(pos));
      pos++;
    }
    const word: FlagWord = {
      text,
      offsets,
      start: args.offset(wordStart),
      end: pos >= line.length ? args.end : args.offset(pos),
      quotes,
    };
    if (text === '--') return { flags, rest: args.slice(pos) };
    if (blankOk || text.length > 0) flags.push(word);
  }
}

/** A raw word of an instruction's arguments (quotes kept) with its document range. */
export interface RawWord {
  raw: string;
  start: number;
  end: number;
}

/** Splits arguments on unquoted whitespace, keeping quotes and escapes in each word. */
export function splitWords(args: MappedText, esc: string): RawWord[] {
  const s = args.text;
  const words: RawWord[] = [];
  let i = 0;
  while (i < s.length) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) break;
    const start = i;
    let quote = '';
    while (i < s.length) {
      const ch = s[i];
      if (quote) {
        if (ch === esc && quote === '"' && i + 1 < s.length) i += 2;
        else {
          if (ch === quote) quote = '';
          i++;
        }
        continue;
      }
      if (isSpace(ch)) break;
      if (ch === esc && i + 1 < s.length) {
        i += 2;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      i++;
    }
    words.push({ raw: s.slice(start, i), start: args.offset(start), end: args.offsetAfter(i - 1) });
  }
  return words;
}
