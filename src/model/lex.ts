/**
 * Word-level lexing of instruction arguments, following BuildKit's frontend:
 * builder flags (`--mount=...`), whitespace-separated words with quotes, and
 * variable expansion of words (`$VAR`, `${VAR}`, `${VAR:-default}`, ...).
 */
import type { MappedText } from './logical.js';

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

/**
 * The value of a variable: a string, `null` when it is declared but its value
 * cannot be known statically (an ARG without default, a platform ARG), or
 * `undefined` when it is not declared at all.
 */
export type Lookup = (name: string) => string | null | undefined;

/**
 * Processes a word like BuildKit's shell lexer: removes quotes, applies the
 * escape character and expands variables. Returns `undefined` when the result
 * depends on a value that cannot be known.
 */
export function processWord(raw: string, lookup: Lookup, esc = '\\', quotes = true): string | undefined {
  let out = '';
  let i = 0;
  const n = raw.length;
  const expand = (): string | undefined => {
    // raw[i] === '$'
    const next = raw[i + 1];
    if (next === '{') {
      const close = findBrace(raw, i + 2);
      if (close < 0) return undefined;
      const body = raw.slice(i + 2, close);
      i = close + 1;
      return expandBraced(body, lookup, esc);
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(raw.slice(i + 1));
    if (!m) {
      i++;
      return '$';
    }
    i += 1 + m[0].length;
    const v = lookup(m[0]);
    return v === null || v === undefined ? undefined : v;
  };
  while (i < n) {
    const ch = raw[i] as string;
    if (!quotes) {
      if (ch === '$') {
        const v = expand();
        if (v === undefined) return undefined;
        out += v;
      } else {
        out += ch;
        i++;
      }
      continue;
    }
    if (ch === esc) {
      if (i + 1 < n) out += raw[i + 1];
      i += 2;
      continue;
    }
    if (ch === "'") {
      const close = raw.indexOf("'", i + 1);
      const end = close < 0 ? n : close;
      out += raw.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (ch === '"') {
      i++;
      while (i < n && raw[i] !== '"') {
        const c = raw[i] as string;
        if (c === esc && i + 1 < n) {
          const nx = raw[i + 1] as string;
          if (nx === '"' || nx === '$' || nx === esc) {
            out += nx;
            i += 2;
            continue;
          }
          out += c;
          i++;
          continue;
        }
        if (c === '$') {
          const v = expand();
          if (v === undefined) return undefined;
          out += v;
          continue;
        }
        out += c;
        i++;
      }
      i++;
      continue;
    }
    if (ch === '$') {
      const v = expand();
      if (v === undefined) return undefined;
      out += v;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function findBrace(s: string, from: number): number {
  let depth = 1;
  for (let i = from; i < s.length; i++) {
    if (s[i] === '{') depth++;
    else if (s[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

function expandBraced(body: string, lookup: Lookup, esc: string): string | undefined {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+?])([\s\S]*))?$/.exec(body);
  if (!m) return undefined;
  const name = m[1] as string;
  const op = m[2];
  const word = m[3] ?? '';
  const v = lookup(name);
  if (!op) return v === null || v === undefined ? undefined : v;
  if (v === null) return undefined;
  const unset = v === undefined;
  const empty = unset || v === '';
  const useAlt = op.startsWith(':') ? empty : unset;
  switch (op) {
    case ':-':
    case '-':
      if (useAlt) return processWord(word, lookup, esc);
      return v as string;
    case ':+':
    case '+':
      if (useAlt) return '';
      return processWord(word, lookup, esc);
    default:
      // `:?` / `?` fail the build when unset; a set value expands normally.
      return useAlt ? undefined : (v as string);
  }
}

/** Expands variables in text whose quotes and escapes were already removed (builder flag values). */
export function expandVariables(text: string, lookup: Lookup): string | undefined {
  return text.includes('$') ? processWord(text, lookup, '\\', false) : text;
}
