/**
 * Well-known download-cache folders that no package manager installs into in
 * any standard setup. cache-mount-install-target passes over cache mounts on
 * them, and a run skips parsing a Dockerfile whose every cache mount targets
 * one (as a literal path). Each entry names the tool it belongs to; the facts
 * are in knowledge/package-managers.md.
 *
 * The list errs on the side of analysing: a variable target, a relative one,
 * or any other folder means the mount is looked at in full.
 */
import { escapeRegExp, normalizePath } from '../paths.js';

const POETRY = /poetry/i;
const YARN = /yarn/i;
/** uv's link mode set to anything but a copying mode (symlink, or a value the text does not show). */
const UV_LINKS = /(?:UV_LINK_MODE|link-mode)(?![ \t]*[= ][ \t]*["']?(?:copy|clone|hardlink)\b)/;

/**
 * `~` stands for a home folder: /root or /home/NAME. A folder matches itself
 * and anything below it. `unless` names tools (as they appear in a
 * Dockerfile's text) whose presence can make the folder what they install:
 * a file that mentions one is parsed when it mounts that folder.
 */
const LEAF_CACHES: ReadonlyArray<readonly [path: string, unless?: RegExp]> = [
  ['~/.cache/pip'], // pip
  ['~/.cache/uv', UV_LINKS], // uv: its symlink link mode links the venv into the cache
  ['~/.cache/pipenv'], // Pipenv
  ['~/.cache/pypoetry/cache', POETRY], // Poetry's package cache, not its virtualenvs
  ['~/.cache/pypoetry/artifacts', POETRY],
  ['~/.cache/go-build'], // Go build cache
  ['~/.cache/golangci-lint'],
  ['~/.cache/pnpm'], // pnpm metadata cache
  ['~/.cache/yarn', YARN], // Yarn 1, non-root (Plug'n'Play reads packages from a cache)
  ['~/.cache/coursier'], // sbt
  ['~/.cache/composer'], // Composer, XDG
  ['~/.cache/ccache'], // ccache
  ['~/.cache/sccache'], // sccache
  ['~/.cache/pre-commit'],
  ['~/.cache/huggingface'],
  ['~/.cache/node-gyp'],
  ['~/.npm'], // npm
  ['~/.m2'], // Maven
  ['~/.gradle/caches'], // Gradle
  ['~/.gradle/wrapper'],
  ['~/.ccache'],
  ['~/.cargo/registry'], // Cargo
  ['~/.cargo/git'],
  ['~/.nuget/packages'], // NuGet global-packages
  ['~/.local/share/pnpm/store'], // pnpm store
  ['~/.bun/install/cache'], // Bun
  ['~/.composer/cache'], // Composer
  ['~/.ivy2'], // sbt/ivy
  ['~/.yarn/berry/cache', YARN], // Yarn Berry global cache (Plug'n'Play reads packages from it)
  ['/usr/local/share/.cache/yarn', YARN], // Yarn 1 as root
  ['/var/cache/apt'], // apt
  ['/var/lib/apt'],
  ['/var/cache/apk'], // apk
  ['/var/cache/dnf'], // dnf4
  ['/var/cache/libdnf5'], // dnf5
  ['/var/cache/yum'], // yum, microdnf
  ['/var/cache/zypp'], // zypper
  ['/go/pkg'], // Go module cache (/go/pkg/mod) in the golang image
  ['/usr/local/cargo/registry'], // Cargo in the rust image
  ['/usr/local/cargo/git'],
  ['/pnpm/store'], // pnpm with PNPM_HOME=/pnpm
  ['/tmp/cache'], // Composer in the composer image
  ['/opt/conda/pkgs', /CONDA_ALWAYS_SOFTLINK|always_softlink/i], // conda package cache
];

/** Tools whose cache can hold what they install (a venv, Plug'n'Play packages, linked files): a home's whole `.cache` is then not known. */
const CACHE_CAN_BE_RESULT = /poetry|pdm|deno|yarn|CONDA_ALWAYS_SOFTLINK|always_softlink/i;
/**
 * Settings that move such a tool's cache (or its venvs) to another folder,
 * possibly one listed here for another tool: with one of them about, only
 * system caches stay known.
 */
const RELOCATED =
  /YARN_CACHE_FOLDER|YARN_GLOBAL_FOLDER|cacheFolder|globalFolder|POETRY_CACHE_DIR|POETRY_VIRTUALENVS_PATH|virtualenvs\.path|cache-dir|cache_dir|PDM_CACHE_DIR|DENO_DIR|XDG_CACHE_HOME|UV_CACHE_DIR|CONDA_PKGS_DIRS|pkgs_dirs/i;
const SYSTEM_CACHE = /^\/(?:var\/cache|var\/lib\/apt|go\/pkg)(?:\/|$)/;

const toRegex = (p: string) => escapeRegExp(p).replace(/^~/, '(?:/root|/home/[^/]+)');
const anchored = (paths: readonly string[]) => new RegExp(`^(?:${paths.map(toRegex).join('|')})(?:/|$)`);
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
  const kept = LEAF_CACHES.filter(([, unless]) => !unless || !mentions(unless));
  if (kept.length === LEAF_CACHES.length) return ALL_KNOWN;
  const key = kept.map(([p]) => p).join('\n');
  let re = KNOWN_SUBSETS.get(key);
  if (!re) {
    re = anchored(kept.map(([p]) => p));
    KNOWN_SUBSETS.set(key, re);
  }
  return re;
}
const ALL_KNOWN = anchored(LEAF_CACHES.map(([p]) => p));
const KNOWN_SUBSETS = new Map<string, RegExp>();

/** `--mount=...` words with `type=cache`, and the literal target of each. */
const MOUNT = /--mount=(\S+)/g;
const TARGET = /(?:^|[,"'])(?:target|dst|destination)=["']?([^,"'\s]*)/i;

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
  const mayBeResult = CACHE_CAN_BE_RESULT.test(text) || UV_LINKS.test(text);
  if (mayBeResult && RELOCATED.test(text)) return (target) => SYSTEM_CACHE.test(target);
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
    const target = TARGET.exec(value)?.[1];
    if (!target?.startsWith('/') || target.includes('$')) return false;
    known ??= knownCacheTest(text);
    if (!known(normalizePath(target))) return false;
  }
  return any;
}
