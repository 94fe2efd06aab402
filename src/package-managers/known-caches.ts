/**
 * Well-known download-cache folders that no package manager installs into in
 * any standard setup. A Dockerfile whose every cache mount targets one of
 * these (as a literal path) cannot hold a finding of cache-mount-install-target,
 * so a run over many files skips parsing it. Each entry names the tool it
 * belongs to; the facts are in knowledge/package-managers.md.
 *
 * The list errs on the side of parsing: a variable target, a relative one,
 * or any other folder means the file is parsed and analysed in full.
 */

/** `~` stands for a home folder: /root or /home/NAME. A folder matches itself and anything below it. */
const LEAF_CACHES = [
  '~/.cache/pip', // pip
  '~/.cache/uv', // uv (the symlink link mode is excluded below)
  '~/.cache/pipenv', // Pipenv
  '~/.cache/pypoetry/cache', // Poetry's package cache, not its virtualenvs
  '~/.cache/pypoetry/artifacts',
  '~/.cache/go-build', // Go build cache
  '~/.cache/golangci-lint',
  '~/.cache/pnpm', // pnpm metadata cache
  '~/.cache/yarn', // Yarn 1, non-root
  '~/.cache/coursier', // sbt
  '~/.cache/composer', // Composer, XDG
  '~/.cache/ccache', // ccache
  '~/.cache/sccache', // sccache
  '~/.cache/pre-commit',
  '~/.cache/huggingface',
  '~/.cache/node-gyp',
  '~/.npm', // npm
  '~/.m2', // Maven
  '~/.gradle/caches', // Gradle
  '~/.gradle/wrapper',
  '~/.ccache',
  '~/.cargo/registry', // Cargo
  '~/.cargo/git',
  '~/.nuget/packages', // NuGet global-packages
  '~/.local/share/pnpm/store', // pnpm store
  '~/.bun/install/cache', // Bun
  '~/.composer/cache', // Composer
  '~/.ivy2', // sbt/ivy
  '~/.yarn/berry/cache', // Yarn Berry global cache (Plug'n'Play excluded below)
  '/usr/local/share/.cache/yarn', // Yarn 1 as root
  '/var/cache/apt', // apt
  '/var/lib/apt',
  '/var/cache/apk', // apk
  '/var/cache/dnf', // dnf4
  '/var/cache/libdnf5', // dnf5
  '/var/cache/yum', // yum, microdnf
  '/var/cache/zypp', // zypper
  '/go/pkg', // Go module cache (/go/pkg/mod) in the golang image
  '/usr/local/cargo/registry', // Cargo in the rust image
  '/usr/local/cargo/git',
  '/pnpm/store', // pnpm with PNPM_HOME=/pnpm
  '/tmp/cache', // Composer in the composer image
  '/opt/conda/pkgs', // conda package cache
];

/** Tools whose cache can also hold what they install (a venv, Plug'n'Play packages, linked files). */
const CACHE_CAN_BE_RESULT = /\b(?:poetry|pdm|deno|yarn|UV_LINK_MODE|CONDA_ALWAYS_SOFTLINK)\b/;

const toRegex = (p: string) =>
  p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/^~/, '(?:/root|/home/[^/]+)');
const KNOWN = new RegExp(`^(?:${LEAF_CACHES.map(toRegex).join('|')})(?:/|$)`);
/** A home's whole `.cache`: known as a cache unless a tool whose cache can be a result is about. */
const HOME_CACHE = /^(?:\/root|\/home\/[^/]+)\/\.cache\/?$/;

/** `--mount=...` words with `type=cache`, and the literal target of each. */
const MOUNT = /--mount=(\S+)/g;
const TARGET = /(?:^|[,"'])(?:target|dst|destination)=["']?([^,"'\s]*)/i;

/**
 * True when every cache mount in the text targets a well-known download cache,
 * so no cache mount can cover an install destination.
 */
export function onlyKnownCacheMounts(text: string): boolean {
  const mayBeResult = CACHE_CAN_BE_RESULT.test(text);
  let any = false;
  for (const m of text.matchAll(MOUNT)) {
    const value = m[1] as string;
    // A flag continued on the next line may hide its type or target there: parse the file.
    if (value.endsWith('\\') || value.endsWith('`')) return false;
    if (!/type=["']?cache/i.test(value)) continue;
    any = true;
    const target = TARGET.exec(value)?.[1];
    if (!target?.startsWith('/') || target.includes('$')) return false;
    if (mayBeResult) {
      // Yarn Berry's and Poetry's caches can be the result; only system caches stay known.
      if (!/^\/(?:var\/cache|var\/lib\/apt|go\/pkg)(?:\/|$)/.test(target)) return false;
      continue;
    }
    if (!KNOWN.test(target) && !HOME_CACHE.test(target)) return false;
  }
  return any;
}
