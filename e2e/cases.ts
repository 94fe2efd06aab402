/**
 * The end-to-end matrix. Each case is a folder under e2e/cases/<name>/ with:
 *   Dockerfile           the input: a cache mount over an install destination, one its
 *                        user cannot write, or one apt shares with concurrent builds
 *   expected.Dockerfile  what `dockerfile-codemod --write` must turn it into, byte for byte
 *                        (absent when the codemod must leave the file alone)
 *   ...                  the build context (lock files, sources)
 * and declares `ARG CACHE_BUST` before its install step: the suite changes it between the
 * two builds of a variant, so the step runs again instead of coming from the layer cache.
 *
 * The entry here says what to look at in the images. Packages come from the real npm and
 * pnpm against the npm registry, and from the real apt-get against the host's Debian mirror;
 * pip, go, cargo and composer are stand-ins (their registries are not reachable here) with
 * the real tools' flags, environment variables and cache layout: e2e/images/<image>/.
 */

export interface Case {
  /** Folder under e2e/cases. */
  name: string;
  /** Package manager, for the matrix. */
  tool: string;
  /**
   * fix: the codemod rewrites the file; the input image lacks the packages, the output
   * image has them and its second build hits the cache.
   * intentional: the codemod leaves the file alone, and the image is fine as it is.
   */
  kind: 'fix' | 'intentional';
  /** The folder the package manager installs into. */
  installDir: string;
  /** Stage whose image holds installDir, when it is not the last one (built with --target). */
  stage?: string;
  /** Files the install puts under installDir (or elsewhere in that image). */
  installed: string[];
  /** A command run in the final image of the output (and of the input, where it must fail). */
  smoke: { command: string[]; stdout: RegExp };
  /** The input's full build fails (a COPY --from of a file the cache mount swallowed). */
  inputBuildFails?: RegExp;
  /**
   * The input's install step itself fails, with this output (npm's EACCES in a cache mount
   * its user cannot write): there is no image to look into.
   */
  inputFails?: RegExp;
  /**
   * The input works on its own and fails only while another build uses the same cache: a
   * holder build mounts `cacheDir` with the variant's sharing mode and holds the tool's lock
   * on `lockFile` (an fcntl write lock, as apt takes it) for `holdSeconds`. Before, the input
   * fails with `fails`; after, the output waits for the holder and builds.
   */
  concurrent?: {
    cacheDir: string;
    lockFile: string;
    sharing: { before: string; after: string };
    holdSeconds: number;
    fails: RegExp;
  };
  /** The tool's download cache, as the output mounts it. */
  cacheDir?: string;
  /** Options of the output's cache mount that make it a cache of its own (`,uid=1001,gid=1001`): the probe mounts it with them. */
  cacheMountOptions?: string;
  /** Printed by the install step when it downloads; never in the output's second build. */
  miss?: RegExp;
  /** Printed by the install step when the cache had it: the output's second build. */
  hit?: RegExp;
}

/** npm at loglevel http (set in the node image) tags each request with the cache's answer. */
const NPM_MISS = /npm http fetch GET 200 \S+ \d+ms \(cache miss\)/;

export const CASES: Case[] = [
  {
    name: 'npm-ci-workdir',
    tool: 'npm (real)',
    kind: 'fix',
    installDir: '/app/node_modules',
    installed: ['/app/node_modules/bytes/package.json', '/app/node_modules/kleur/package.json'],
    smoke: { command: ['node', 'server.js'], stdout: /bytes\(1048576\) = 1MB/ },
    cacheDir: '/root/.npm',
    miss: NPM_MISS,
    hit: /npm http fetch GET 200 \S+\/bytes-3\.1\.2\.tgz \d+ms \(cache (hit|revalidated|updated|stale)\)/,
  },
  {
    name: 'npm-later-run-remount',
    tool: 'npm (real)',
    kind: 'fix',
    installDir: '/app/node_modules',
    installed: ['/app/node_modules/bytes/package.json', '/app/dist/server.js'],
    smoke: { command: ['node', 'dist/server.js'], stdout: /limit of 5242880 bytes, that is 5MB/ },
    cacheDir: '/root/.npm',
    miss: NPM_MISS,
    hit: /npm http fetch GET 200 \S+\/bytes-3\.1\.2\.tgz \d+ms \(cache (hit|revalidated|updated|stale)\)/,
  },
  {
    name: 'npm-user-cache-owner',
    tool: 'npm (real), as a user',
    kind: 'fix',
    installDir: '/home/app/node_modules',
    installed: ['/home/app/node_modules/bytes/package.json', '/home/app/node_modules/kleur/package.json'],
    smoke: { command: ['node', 'server.js'], stdout: /bytes\(1048576\) = 1MB/ },
    inputFails: /npm ERR! code EACCES[\s\S]*npm ERR! path \/home\/app\/\.npm/,
    cacheDir: '/home/app/.npm',
    cacheMountOptions: ',uid=1001,gid=1001',
    miss: NPM_MISS,
    hit: /npm http fetch GET 200 \S+\/bytes-3\.1\.2\.tgz \d+ms \(cache (hit|revalidated|updated|stale)\)/,
  },
  {
    name: 'apt-sharing-locked',
    tool: 'apt-get (real)',
    kind: 'fix',
    installDir: '/usr/bin',
    installed: ['/usr/bin/jq', '/usr/share/doc/jq/copyright'],
    smoke: { command: ['jq', '--version'], stdout: /^jq-1\./ },
    concurrent: {
      cacheDir: '/var/lib/apt',
      lockFile: '/var/lib/apt/lists/lock',
      sharing: { before: 'shared', after: 'locked' },
      holdSeconds: 12,
      fails: /E: Could not get lock \/var\/lib\/apt\/lists\/lock/,
    },
    cacheDir: '/var/cache/apt',
    miss: /Get:\d+ \S+ \S+ \S+ jq /,
    hit: /Need to get 0 B\/[\d.,]+ [kM]?B of archives/,
  },
  {
    name: 'npm-builder-copies-dist',
    tool: 'npm (real)',
    kind: 'intentional',
    // node_modules is needed only inside the RUN that builds dist/; only dist/ is copied on.
    installDir: '/site/node_modules',
    stage: 'site',
    installed: ['/srv/www/index.html'],
    smoke: { command: ['cat', '/srv/www/index.html'], stdout: /A megabyte is 1048576 bytes/ },
  },
  {
    name: 'pnpm-store',
    tool: 'pnpm (real)',
    kind: 'fix',
    installDir: '/app/node_modules',
    installed: [
      '/app/node_modules/is-odd/package.json',
      '/app/node_modules/.pnpm/is-number@6.0.0/node_modules/is-number/package.json',
      '/app/node_modules/.pnpm/bytes@3.1.2/node_modules/bytes/package.json',
    ],
    smoke: { command: ['node', 'index.js'], stdout: /isOdd\(3\) = true, bytes\(2048\) = 2KB/ },
    cacheDir: '/pnpm/store',
    miss: /Progress: resolved \d+, reused \d+, downloaded [1-9]\d*, added \d+, done/,
    hit: /Progress: resolved 3, reused 3, downloaded 0, added 3, done/,
  },
  {
    name: 'pip-target',
    tool: 'pip (stand-in)',
    kind: 'fix',
    installDir: '/pip-packages',
    installed: ['/pip-packages/six/__init__.py', '/pip-packages/attrs/__init__.py'],
    smoke: { command: ['python3', 'app.py'], stdout: /six 1\.16\.0 from \/pip-packages\/six\/__init__\.py/ },
    cacheDir: '/root/.cache/pip',
    miss: /\[stand-in pip\] cache miss: /,
    hit: /\[stand-in pip\] cache hit: six-1\.16\.0 \(\/root\/\.cache\/pip\//,
  },
  {
    name: 'pip-venv',
    tool: 'pip (stand-in), venv',
    kind: 'fix',
    installDir: '/opt/venv',
    installed: [
      '/opt/venv/pyvenv.cfg',
      '/opt/venv/bin/pip',
      '/opt/venv/lib/python3.11/site-packages/six/__init__.py',
    ],
    smoke: {
      command: ['python', 'app.py'],
      stdout: /six 1\.16\.0 from \/opt\/venv\/lib\/python3\.11\/site-packages/,
    },
    cacheDir: '/root/.cache/pip',
    miss: /\[stand-in pip\] cache miss: /,
    hit: /\[stand-in pip\] cache hit: six-1\.16\.0 \(\/root\/\.cache\/pip\//,
  },
  {
    name: 'go-install-gobin',
    tool: 'go (stand-in)',
    kind: 'fix',
    installDir: '/go/bin',
    installed: ['/go/bin/greet'],
    smoke: { command: ['greet'], stdout: /example\.com\/tools\/greet v1\.2\.0/ },
    cacheDir: '/go/pkg/mod',
    miss: /\[stand-in go\] cache miss: /,
    hit: /\[stand-in go\] cache hit: example\.com\/tools\/greet@v1\.2\.0 \(\/go\/pkg\/mod\//,
  },
  {
    name: 'cargo-target-copied',
    tool: 'cargo (stand-in)',
    kind: 'fix',
    installDir: '/app/target',
    stage: 'build',
    installed: ['/app/target/release/greet'],
    smoke: { command: ['greet'], stdout: /greet 0\.1\.0 \(crates: itoa-1\.0\.11\)/ },
    inputBuildFails:
      /\/app\/target\/release\S*: no such file or directory|\/app\/target\/release\/greet\S*: not found/,
    cacheDir: '/usr/local/cargo/registry',
    miss: /\[stand-in cargo\] cache miss: /,
    hit: /\[stand-in cargo\] cache hit: itoa-1\.0\.11 \(\/usr\/local\/cargo\/registry\//,
  },
  {
    name: 'composer-vendor',
    tool: 'composer (stand-in)',
    kind: 'fix',
    installDir: '/app/vendor',
    installed: [
      '/app/vendor/autoload.php',
      '/app/vendor/psr/log/composer.json',
      '/app/vendor/psr/container/composer.json',
    ],
    smoke: { command: ['ls', 'vendor'], stdout: /autoload\.php/ },
    cacheDir: '/tmp/cache',
    miss: /\[stand-in composer\] cache miss: /,
    hit: /\[stand-in composer\] cache hit: psr\/log-3\.0\.0 \(\/tmp\/cache\//,
  },
];

/**
 * Cases of the transforms that repair or add the cache of a tool's downloads:
 * cache-mount-wrong-dir and cache-mount-defeated (on by default) and add-cache-mounts
 * (opt-in). The input builds and installs; what it lacks is a cache that fills: its second
 * build downloads again. The output must install the same files, and its second build must
 * find what the first one downloaded.
 */
export interface CacheCase {
  /** Folder under e2e/cases. */
  name: string;
  /** The transform whose fix this case builds; the input's findings are all of it. */
  transform: 'cache-mount-wrong-dir' | 'cache-mount-defeated' | 'add-cache-mounts';
  /** Package manager, for the matrix. */
  tool: string;
  /** Arguments given to the CLI before `--write Dockerfile` (an opt-in transform's --enable). */
  args?: string[];
  /**
   * Files and folders of the final image that the install leaves: their files, with a
   * checksum of each, are the same in the input's image and the output's (and not none).
   */
  same: string[];
  /** A command run in the final images of both, which must work in both. */
  smoke: { command: string[]; stdout: RegExp };
  /** Printed by the install step when it downloads: in each build of the input and in the output's first. */
  miss: RegExp;
  /** Each printed by the install step when the cache had the download: in the output's second build. */
  hits: RegExp[];
  /** Where the output's cache mounts keep the downloads: a probe build counts them, after its two builds. */
  filled: CacheProbe[];
  /** Where the input's cache mount would keep them (wrong-dir, defeated): a probe finds none. */
  empty?: CacheProbe[];
}

/** Files under a cache mount: `find <under> -type f [-name <name>]` in a RUN that mounts `mount`. */
export interface CacheProbe {
  /** The mount's target, which names the cache (as the Dockerfile's mount has it). */
  mount: string;
  /** The folder whose files are counted (default: the mount). */
  under?: string;
  /** Only files of this name pattern. */
  name?: string;
  /**
   * The mount's uid=, gid= and mode= options, as the Dockerfile's mount has them: BuildKit keeps
   * a cache mount with them apart from one of the same target without them.
   */
  options?: string;
}

/** npm at loglevel http: the packages' tarballs, as the cache answered for each. */
const NPM_TARBALL_MISS = /npm http fetch GET 200 \S+\.tgz \d+ms \(cache miss\)/;
// The registry, as reached here, answers without Cache-Control, ETag or Last-Modified: npm cannot
// tell whether what its cache has is fresh, asks again and says "cache updated" (or "stale"); a
// tarball its cache did not have is a "cache miss".
const NPM_TARBALL_HIT =
  /npm http fetch GET 200 \S+\/bytes-3\.1\.2\.tgz \d+ms \(cache (hit|revalidated|updated|stale)\)/;
/** apt-get install: what it fetches; all of it from /var/cache/apt/archives when it says 0 B. */
const APT_MISS = /Need to get [1-9][\d.,]* [kM]?B of archives/;
const APT_HIT = /Need to get 0 B\/[\d.,]+ [kM]?B of archives/;
/**
 * apt's installed files: the program, dpkg's list of the package's files and dpkg's status of
 * every package. Not compared: /etc/apt/apt.conf.d, which Docker's recipe changes on purpose
 * (docker-clean goes, keep-cache comes).
 */
const APT_SAME = ['/usr/bin/curl', '/var/lib/dpkg/info/curl.list', '/var/lib/dpkg/status'];
/**
 * add-cache-mounts mounts apt's lists, not all of /var/lib/apt, so apt's marks of the packages
 * installed only as dependencies (/var/lib/apt/extended_states) stay in the image as in the input's.
 * (The defeated case's input mounts all of /var/lib/apt itself, as Docker's example does.)
 */
const APT_SAME_ADD = [...APT_SAME, '/var/lib/apt/extended_states'];

export const CACHE_CASES: CacheCase[] = [
  {
    name: 'wrong-dir-npm-config-cache',
    transform: 'cache-mount-wrong-dir',
    tool: 'npm (real)',
    same: ['/app/node_modules'],
    smoke: { command: ['node', 'server.js'], stdout: /bytes\(1048576\) = 1MB/ },
    miss: NPM_TARBALL_MISS,
    hits: [NPM_TARBALL_HIT],
    filled: [{ mount: '/var/cache/npm', under: '/var/cache/npm/_cacache' }],
    empty: [{ mount: '/root/.npm' }],
  },
  {
    name: 'wrong-dir-npm-other-home',
    transform: 'cache-mount-wrong-dir',
    tool: 'npm (real), USER node',
    same: ['/home/node/app/node_modules'],
    smoke: { command: ['node', 'server.js'], stdout: /bytes\(1048576\) = 1MB/ },
    miss: NPM_TARBALL_MISS,
    hits: [NPM_TARBALL_HIT],
    filled: [{ mount: '/home/node/.npm', under: '/home/node/.npm/_cacache', options: 'uid=1000,gid=1000' }],
    empty: [{ mount: '/root/.npm' }],
  },
  {
    name: 'wrong-dir-pip-cache-dir',
    transform: 'cache-mount-wrong-dir',
    tool: 'pip (stand-in)',
    same: ['/pip-packages'],
    smoke: { command: ['python3', 'app.py'], stdout: /six 1\.16\.0 from \/pip-packages\/six\/__init__\.py/ },
    miss: /\[stand-in pip\] cache miss: /,
    hits: [/\[stand-in pip\] cache hit: six-1\.16\.0 \(\/var\/cache\/pip\/http-v2\//],
    filled: [{ mount: '/var/cache/pip', under: '/var/cache/pip/http-v2' }],
    empty: [{ mount: '/root/.cache/pip' }],
  },
  {
    name: 'wrong-dir-composer-home',
    transform: 'cache-mount-wrong-dir',
    tool: 'composer (stand-in)',
    same: ['/app/vendor'],
    smoke: { command: ['ls', 'vendor/psr'], stdout: /container\nlog/ },
    miss: /\[stand-in composer\] cache miss: /,
    hits: [/\[stand-in composer\] cache hit: psr\/log-3\.0\.0 \(\/tmp\/cache\/files\//],
    filled: [{ mount: '/tmp/cache', under: '/tmp/cache/files' }],
    empty: [{ mount: '/root/.composer/cache' }],
  },
  {
    name: 'defeated-npm-cache-clean',
    transform: 'cache-mount-defeated',
    tool: 'npm (real)',
    same: ['/app/node_modules'],
    smoke: { command: ['node', 'server.js'], stdout: /bytes\(1048576\) = 1MB/ },
    miss: NPM_TARBALL_MISS,
    hits: [NPM_TARBALL_HIT],
    // npm keeps its logs beside the cache: only _cacache holds downloads
    filled: [{ mount: '/root/.npm', under: '/root/.npm/_cacache' }],
    empty: [{ mount: '/root/.npm', under: '/root/.npm/_cacache' }],
  },
  {
    name: 'defeated-pip-no-cache-dir',
    transform: 'cache-mount-defeated',
    tool: 'pip (stand-in)',
    same: ['/pip-packages'],
    smoke: { command: ['python3', 'app.py'], stdout: /six 1\.16\.0 from \/pip-packages\/six\/__init__\.py/ },
    miss: /\[stand-in pip\] cache miss: /,
    hits: [/\[stand-in pip\] cache hit: six-1\.16\.0 \(\/root\/\.cache\/pip\/http-v2\//],
    filled: [{ mount: '/root/.cache/pip' }],
    empty: [{ mount: '/root/.cache/pip' }],
  },
  {
    name: 'defeated-apt-docker-clean',
    transform: 'cache-mount-defeated',
    tool: 'apt (real, Debian mirror)',
    same: APT_SAME,
    smoke: { command: ['curl', '--version'], stdout: /^curl \d+\.\d+\.\d+ / },
    miss: APT_MISS,
    hits: [APT_HIT],
    filled: [
      { mount: '/var/cache/apt', under: '/var/cache/apt/archives', name: '*.deb' },
      { mount: '/var/lib/apt', under: '/var/lib/apt/lists', name: '*_Packages*' },
    ],
    empty: [
      { mount: '/var/cache/apt', under: '/var/cache/apt/archives', name: '*.deb' },
      { mount: '/var/lib/apt', under: '/var/lib/apt/lists', name: '*_Packages*' },
    ],
  },
  {
    name: 'add-pip',
    transform: 'add-cache-mounts',
    tool: 'pip (stand-in)',
    args: ['--enable', 'add-cache-mounts'],
    same: ['/pip-packages'],
    smoke: { command: ['python3', 'app.py'], stdout: /six 1\.16\.0 from \/pip-packages\/six\/__init__\.py/ },
    miss: /\[stand-in pip\] cache miss: /,
    hits: [/\[stand-in pip\] cache hit: six-1\.16\.0 \(\/root\/\.cache\/pip\/http-v2\//],
    filled: [{ mount: '/root/.cache/pip' }],
  },
  {
    name: 'add-npm',
    transform: 'add-cache-mounts',
    tool: 'npm (real)',
    args: ['--enable', 'add-cache-mounts'],
    same: ['/app/node_modules'],
    smoke: { command: ['node', 'server.js'], stdout: /bytes\(1048576\) = 1MB/ },
    miss: NPM_TARBALL_MISS,
    hits: [NPM_TARBALL_HIT],
    filled: [{ mount: '/root/.npm', under: '/root/.npm/_cacache' }],
  },
  {
    name: 'add-go',
    transform: 'add-cache-mounts',
    tool: 'go (stand-in)',
    args: ['--enable', 'add-cache-mounts'],
    same: ['/go/bin'],
    smoke: { command: ['greet'], stdout: /example\.com\/tools\/greet v1\.2\.0/ },
    miss: /\[stand-in go\] (build )?cache miss: /,
    hits: [
      /\[stand-in go\] cache hit: example\.com\/tools\/greet@v1\.2\.0 \(\/go\/pkg\/mod\//,
      /\[stand-in go\] build cache hit: example\.com\/tools\/greet \(\/root\/\.cache\/go-build\//,
    ],
    filled: [
      { mount: '/go/pkg/mod', under: '/go/pkg/mod/cache/download' },
      { mount: '/root/.cache/go-build' },
    ],
  },
  {
    name: 'add-cargo-copy-from',
    transform: 'add-cache-mounts',
    tool: 'cargo (stand-in), COPY --from',
    args: ['--enable', 'add-cache-mounts'],
    // the executable the final stage copies from the build stage's target/ (never a mount)
    same: ['/usr/local/bin/greet'],
    smoke: { command: ['greet'], stdout: /greet 0\.1\.0 \(crates: itoa-1\.0\.11\)/ },
    miss: /\[stand-in cargo\] cache miss: /,
    hits: [/\[stand-in cargo\] cache hit: itoa-1\.0\.11 \(\/usr\/local\/cargo\/registry\//],
    filled: [
      { mount: '/usr/local/cargo/registry', under: '/usr/local/cargo/registry/cache', name: '*.crate' },
    ],
  },
  {
    name: 'add-apt',
    transform: 'add-cache-mounts',
    tool: 'apt (real, Debian mirror)',
    args: ['--enable', 'add-cache-mounts'],
    same: APT_SAME_ADD,
    smoke: { command: ['curl', '--version'], stdout: /^curl \d+\.\d+\.\d+ / },
    miss: APT_MISS,
    hits: [APT_HIT],
    filled: [
      { mount: '/var/cache/apt', under: '/var/cache/apt/archives', name: '*.deb' },
      { mount: '/var/lib/apt/lists', under: '/var/lib/apt/lists', name: '*_Packages*' },
    ],
  },
];
