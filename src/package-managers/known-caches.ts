/**
 * Well-known download-cache folders that no package manager installs into in
 * any standard setup. cache-mount-install-target passes over cache mounts on
 * them, and a run skips parsing a Dockerfile whose every cache mount targets
 * one (as a literal path). The folders are the `knownCaches` of every
 * package-manager module, and the texts that make one of them unsafe are the
 * modules' `traps`; each with its source (docs/package-managers.md).
 *
 * The list errs on the side of analysing: a variable target, a relative one,
 * or any other folder means the mount is looked at in full.
 */
import { normalizePath } from '../paths.js';
import { patternRegExp } from './answers.js';
import type { KnownCacheFact, TrapFact } from './facts.js';
import { PACKAGE_MANAGERS } from './index.js';

/**
 * `~` stands for a home folder: /root or /home/NAME. A folder matches itself
 * and anything below it. `unless` names tools (as they appear in a
 * Dockerfile's text) whose presence can make the folder what they install:
 * a file that mentions one is parsed when it mounts that folder.
 */
const LEAF_CACHES: readonly KnownCacheFact[] = PACKAGE_MANAGERS.flatMap((pm) => pm.facts.knownCaches);

/** The traps the text of a Dockerfile can show: the tools whose cache can hold what they install. */
const TRAPS: readonly TrapFact[] = PACKAGE_MANAGERS.flatMap((pm) => pm.facts.traps);

/**
 * Does the text show a tool whose cache can hold what it installs (a venv,
 * Plug'n'Play packages, linked files)? A home's whole `.cache` is then not known.
 */
const cacheMayBeResult = (text: string) => TRAPS.some((t) => t.mentionedBy?.test(text));
/**
 * Does the text set something that moves such a tool's cache (or its venvs)
 * to another folder, possibly one listed here for another tool? With one of
 * them about, only system caches stay known.
 */
const relocated = (text: string) => TRAPS.some((t) => t.relocatedBy?.test(text));
/** Folders of the system's package managers, which no per-user setting moves a tool's cache into. */
const SYSTEM_CACHE = /^\/(?:var\/cache|var\/lib\/apt|go\/pkg)(?:\/|$)/;

const anchored = (paths: readonly string[]) =>
  new RegExp(`^(?:${paths.map(patternRegExp).join('|')})(?:/|$)`);
/** A home's whole `.cache`. */
const HOME_CACHE = /^(?:\/root|\/home\/[^/]+)\/\.cache\/?$/;

/** The known folders for a text: those whose `unless` tools it does not mention. */
function knownFor(text: string): RegExp {
  // Each distinct `unless` pattern scans the text once; the regular expression for a set of folders is built once.
  const mentioned = new Map<RegExp, boolean>();
  const mentions = (re: RegExp) => {
    let m = mentioned.get(re);
    if (m === undefined) {
      m = re.test(text);
      mentioned.set(re, m);
    }
    return m;
  };
  const kept = LEAF_CACHES.filter(({ unless }) => !unless || !mentions(unless));
  if (kept.length === LEAF_CACHES.length) return ALL_KNOWN;
  const key = kept.map(({ path }) => path).join('\n');
  let re = KNOWN_SUBSETS.get(key);
  if (!re) {
    re = anchored(kept.map(({ path }) => path));
    KNOWN_SUBSETS.set(key, re);
  }
  return re;
}
const ALL_KNOWN = anchored(LEAF_CACHES.map(({ path }) => path));
const KNOWN_SUBSETS = new Map<string, RegExp>();

/**
 * `--mount=...` words with `type=cache`, and the literal target of each: the
 * last `target`, `dst` or `destination` field, as BuildKit takes the last.
 */
const MOUNT = /--mount=(\S+)/g;
const TARGET = /(?:^|[,"'])(?:target|dst|destination)=["']?([^,"'\s]*)/gi;

/** The value of the last target field of a mount flag's value. */
function lastTarget(value: string): string | undefined {
  let target: string | undefined;
  for (const m of value.matchAll(TARGET)) target = m[1];
  return target;
}

/**
 * A test for "this folder is a well-known download cache" in a Dockerfile's
 * text: the folders listed above, less those a tool the text mentions can
 * install into. Paths are absolute and normalised.
 */
export function knownCacheTest(text: string): (target: string) => boolean {
  // The screen and the transform ask about the same text one after the other.
  if (text !== lastText) {
    lastText = text;
    lastTest = buildKnownCacheTest(text);
  }
  return lastTest;
}
let lastText: string | undefined;
let lastTest: (target: string) => boolean = () => false;

function buildKnownCacheTest(text: string): (target: string) => boolean {
  const mayBeResult = cacheMayBeResult(text);
  if (mayBeResult && relocated(text)) return (target) => SYSTEM_CACHE.test(target);
  const known = knownFor(text);
  return (target) => known.test(target) || (!mayBeResult && HOME_CACHE.test(target));
}

/**
 * True when every cache mount in the text targets a well-known download cache
 * (as a literal path), so the transform, which passes over such mounts, has
 * nothing to look at and the file need not be parsed.
 */
export function onlyKnownCacheMounts(text: string): boolean {
  let known: ((target: string) => boolean) | undefined;
  let any = false;
  for (const m of text.matchAll(MOUNT)) {
    const value = m[1] as string;
    // A flag continued on the next line may hide its type or target there: parse the file.
    if (value.endsWith('\\') || value.endsWith('`')) return false;
    if (!/type=["']?cache/i.test(value)) continue;
    any = true;
    // A cache mount without a target is an error BuildKit reports; no install goes through it.
    if (!/target|dst|destination/i.test(value)) continue;
    const target = lastTarget(value);
    if (!target?.startsWith('/') || target.includes('$')) return false;
    known ??= knownCacheTest(text);
    if (!known(normalizePath(target))) return false;
  }
  return any;
}
