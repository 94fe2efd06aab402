/**
 * Variable expansion of words as BuildKit's shell lexer does it
 * (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:+alt}`, `${VAR-default}`, ...),
 * with quote removal and the escape character. The Dockerfile model uses it
 * for instruction arguments and the shell reader for `${...}` expansions in
 * RUN bodies; it depends on nothing else.
 */

/**
 * The value of a variable: a string, `null` when it is declared but its value
 * cannot be known statically (an ARG without default, a platform ARG), or
 * `undefined` when it is not declared at all.
 */
export interface Lookup {
  (name: string): string | null | undefined;
  /**
   * Whether a variable whose value is `null` is unset in the default build
   * (an ARG declared without a default, which only `--build-arg` can set).
   * Such a variable stays unknown when expanded plainly (`$X`), but a form
   * that says what happens when it is unset (`${X:-w}`, `${X-w}`, `${X:+w}`,
   * `${X+w}`) takes its unset branch. Absent: no `null` variable is unset.
   */
  unsetByDefault?(name: string): boolean;
}

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
  if (v === null && !lookup.unsetByDefault?.(name)) return undefined;
  const unset = v === undefined || v === null;
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
