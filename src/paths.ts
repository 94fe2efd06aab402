/**
 * POSIX path helpers for paths inside an image. Paths may contain `*`
 * segments (one unknown segment, such as `python3.*`), which match any single
 * segment when compared.
 */
import * as posix from 'node:path/posix';

export function normalizePath(p: string): string {
  const n = posix.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

/** Resolves `p` against the directory `base` (both image paths). */
export function resolvePath(base: string, p: string): string {
  return normalizePath(isAbsolute(p) ? p : posix.join(base, p));
}

function segments(p: string): string[] {
  return p === '/' ? [] : normalizePath(p).split('/').slice(1);
}

function segmentMatches(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.includes('*')) return globSegment(a).test(b);
  if (b.includes('*')) return globSegment(b).test(a);
  return false;
}

const segmentCache = new Map<string, RegExp>();
function globSegment(pattern: string): RegExp {
  let re = segmentCache.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('[^/]*')}$`);
    segmentCache.set(pattern, re);
  }
  return re;
}

/** `s` as a regular expression that matches it literally. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** How `a` relates to `b`: the same folder, an ancestor of it, inside it, or unrelated. */
export type PathRelation = 'same' | 'ancestor' | 'inside' | 'unrelated';

export function relatePaths(a: string, b: string): PathRelation {
  const sa = segments(a);
  const sb = segments(b);
  const n = Math.min(sa.length, sb.length);
  for (let i = 0; i < n; i++) {
    if (!segmentMatches(sa[i] as string, sb[i] as string)) return 'unrelated';
  }
  if (sa.length === sb.length) return 'same';
  return sa.length < sb.length ? 'ancestor' : 'inside';
}

/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner: string, outer: string): boolean {
  const r = relatePaths(inner, outer);
  return r === 'same' || r === 'inside';
}

export const basename = posix.basename;
export const dirname = posix.dirname;
