/**
 * Cargo: the commands that write the target folder (`cargo build` and its
 * relatives, `cargo chef cook`), `cargo install` and `cargo vendor`. Facts,
 * with their sources, in `facts` below (docs/package-managers.md#cargo).
 */
import { dirname, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { callOf, definePackageManager } from './answers.js';
import {
  absolute,
  commandBase,
  dirFromVariable,
  envOf,
  homeOf,
  type OptionSpec,
  parseOptions,
  unknownHome,
} from './common.js';
import { cacheNamed, defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const CARGO = 'rust-lang/cargo@af373f7';
const CARGO_HOME_DOC = `${CARGO}:doc/book/src/guide/cargo-home.md`;
const RUST_IMAGE = 'rust-lang/docker-rust@7668ee2:nightly/bookworm/Dockerfile:5-7';

/**
 * Sub-commands whose output in the target folder is the point, with cargo's
 * built-in aliases (`b`, `d`). `cargo check`/`clippy` only write metadata, and
 * a plain `cargo test`/`bench`/`run` only runs what it builds: nothing of it
 * is wanted after the RUN, so they are not installs (counting them would
 * report every last stage that tests with a cached target folder).
 * `test`/`bench --no-run` build binaries meant to be copied. `zigbuild`
 * (cargo-zigbuild) and `auditable build` (cargo-auditable) wrap `cargo build`.
 */
const BUILD = new Set(['build', 'b', 'rustc', 'doc', 'd', 'zigbuild']);
const BUILD_IF_NO_RUN = new Set(['test', 't', 'bench']);

/** Options taking a value, before and after the sub-command (cargo --help, cargo build --help). */
const OPTIONS: OptionSpec = {
  values: [
    '--target-dir',
    '--manifest-path',
    '--target',
    '-p',
    '--package',
    '--exclude',
    '--bin',
    '--example',
    '--test',
    '--bench',
    '-F',
    '--features',
    '-j',
    '--jobs',
    '--profile',
    '--message-format',
    '--config',
    '-Z',
    '-C',
    '--color',
    '--lockfile-path',
    '--artifact-dir',
    '--out-dir',
    '--root',
    '--version',
    '--vers',
    '--git',
    '--branch',
    '--tag',
    '--rev',
    '--path',
    '--registry',
    '--index',
    '--recipe-path',
    '--sync',
    '-s',
  ],
  aliases: {
    '--package': '-p',
    '--features': '-F',
    '--jobs': '-j',
    '--vers': '--version',
    '--out-dir': '--artifact-dir',
  },
};

export const facts = defineTool({
  id: 'cargo',
  name: 'Cargo',
  programs: ['cargo'],
  commands: {
    text: '`cargo build` (`b`), `rustc`, `doc`, `test`/`bench --no-run`, `cargo zigbuild`, `cargo auditable build`, `cargo chef cook` (cargo-chef); `cargo install`; `cargo vendor`. Not `check`, `clippy`, `run` or a plain `test`: nothing they leave in the target folder is wanted afterwards',
    source: [`${CARGO}:doc/book/src/reference/build-cache.md`, `${CARGO}:doc/man/cargo-install.md:50-56`],
  },
  destinations: {
    text: 'the target folder as build output: `--target-dir`, `--config build.target-dir=`, `CARGO_TARGET_DIR`, `CARGO_BUILD_TARGET_DIR`, else `<cwd>/target` (or next to `--manifest-path`); `--artifact-dir`/`--out-dir` instead when given. `cargo install`: `<root>/bin` with root `--root` > `CARGO_INSTALL_ROOT` > `CARGO_HOME` (`/usr/local/cargo` in the rust image) > `~/.cargo`; it builds in a temporary folder (or `CARGO_TARGET_DIR`), which stays a cache. `cargo vendor`: `./vendor` or its path argument',
    source: [
      `${CARGO}:doc/book/src/reference/build-cache.md`,
      `${CARGO}:doc/book/src/reference/config.md:559-573`,
      `${CARGO}:doc/man/includes/description-install-root.md`,
      `${CARGO}:doc/man/cargo-install.md:50-56`,
      RUST_IMAGE,
    ],
  },
  cache: {
    text: '`$CARGO_HOME/registry` (takes the rewritten mount: every build reads crates from it), then `$CARGO_HOME/git/db` (a mount of its own); CARGO_HOME is `/usr/local/cargo` in the rust image, else `~/.cargo`. CARGO_HOME itself and its `bin` are never mounted: they hold cargo and the installed tools. A copy of the binary out of the target folder in the same RUN (`cp`, `mv`, `install`, `rsync`, `tar`) makes the mount intentional',
    source: [CARGO_HOME_DOC, RUST_IMAGE, 'docker/docs@0ed6c96:content/guides/rust/build-images.md'],
  },
  caches: [
    {
      name: 'registry',
      default: '~/.cargo/registry',
      envBase: [['CARGO_HOME', 'registry']],
      home: '.cargo/registry',
      images: [{ image: 'rust', path: '/usr/local/cargo/registry', source: RUST_IMAGE }],
      source: CARGO_HOME_DOC,
    },
    {
      name: 'git db',
      default: '~/.cargo/git/db',
      envBase: [['CARGO_HOME', 'git/db']],
      home: '.cargo/git/db',
      images: [{ image: 'rust', path: '/usr/local/cargo/git/db', source: RUST_IMAGE }],
      source: CARGO_HOME_DOC,
    },
  ],
  knownCaches: [
    { path: '~/.cargo/registry', source: CARGO_HOME_DOC },
    { path: '~/.cargo/git', source: CARGO_HOME_DOC },
    { path: '/usr/local/cargo/registry', source: [CARGO_HOME_DOC, RUST_IMAGE] },
    { path: '/usr/local/cargo/git', source: [CARGO_HOME_DOC, RUST_IMAGE] },
  ],
  defeats: [],
  cacheCommands: [
    {
      match: [
        'build',
        'b',
        'check',
        'c',
        'clippy',
        'test',
        't',
        'bench',
        'run',
        'r',
        'doc',
        'd',
        'rustc',
        'fetch',
        'install',
        'vendor',
        'update',
        'zigbuild',
        'chef cook',
        'auditable build',
      ],
      source: CARGO_HOME_DOC,
    },
  ],
  downloadOnly: [{ match: ['fetch'], source: 'https://doc.rust-lang.org/cargo/commands/cargo-fetch.html' }],
  offline: [
    // `--frozen` is `--locked` plus `--offline`; `--locked` alone still downloads what the lock file names.
    {
      kind: 'flag',
      match: '--offline',
      source: 'https://docs.rs/crate/cargo/0.97.0/source/src/doc/man/includes/options-locked.md',
    },
    {
      kind: 'flag',
      match: '--frozen',
      source: 'https://docs.rs/crate/cargo/0.97.0/source/src/doc/man/includes/options-locked.md',
    },
    {
      kind: 'env',
      match: 'CARGO_NET_OFFLINE',
      value: 'on',
      source: 'https://doc.rust-lang.org/cargo/reference/config.html#netoffline',
    },
  ],
  locking: [],
  traps: [],
});

/** Global options that take a value and may precede the sub-command. */
const GLOBAL_VALUES = new Set(['--color', '--config', '-Z', '-C', '--explain']);

/** A `build.target-dir` set in a cargo config file written in this stage cannot be read; it makes the target unknown. */
const CONFIG_TARGET_DIR = /(?<!-)target-dir\s*=\s*["']/;

interface CargoCall {
  /** The sub-command words (`build`, `chef cook`). */
  action: string;
  /** Words after the sub-command, plus the global options before it. */
  args: Word[];
}

function cargoCall(cmd: SimpleCommand): CargoCall | undefined {
  const words = cmd.argv.slice(1);
  const globals: Word[] = [];
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]?.value;
    if (w === undefined) return undefined;
    if (w.startsWith('+')) continue; // rustup toolchain override: `cargo +nightly build`
    if (!w.startsWith('-')) break;
    globals.push(words[i] as Word);
    if (GLOBAL_VALUES.has(w) && words[i + 1]) {
      globals.push(words[i + 1] as Word);
      i++;
    }
  }
  const sub = words[i]?.value;
  if (sub === undefined) return undefined;
  const next = words[i + 1]?.value;
  if ((sub === 'chef' && next === 'cook') || (sub === 'auditable' && next === 'build')) {
    return { action: `${sub} ${next}`, args: [...globals, ...words.slice(i + 2)] };
  }
  return { action: sub, args: [...globals, ...words.slice(i + 1)] };
}

/** `--config build.target-dir="x"` / `--config 'build.target-dir = "x"'` on the command line. */
function configTargetDir(opts: ReturnType<typeof parseOptions>): string | undefined | null {
  const v = opts.get('--config');
  if (v === undefined) return opts.has('--config') ? undefined : null;
  const m = /^\s*build\.target-dir\s*=\s*(['"]?)(.*)\1\s*$/.exec(v);
  return m ? (m[2] as string) : null;
}

/**
 * The target folder: `--target-dir` > `--config build.target-dir` >
 * `CARGO_TARGET_DIR` > `CARGO_BUILD_TARGET_DIR` > `<workspace root>/target`
 * (config.md "build.target-dir": "Environment: CARGO_BUILD_TARGET_DIR or
 * CARGO_TARGET_DIR"; command-line flags take precedence over the environment).
 * The workspace root is taken to be the cwd or the `--manifest-path` folder.
 */
function targetDir(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Destination | undefined {
  const cwd = opts.has('-C') ? absolute(cmd, opts.get('-C')) : cmd.cwd;
  const at = (p: string | undefined) =>
    p === undefined || p === ''
      ? undefined
      : p.startsWith('/')
        ? resolvePath('/', p)
        : cwd && resolvePath(cwd, p);
  if (opts.has('--target-dir')) {
    const p = at(opts.get('--target-dir'));
    return p ? { path: p, kind: 'build', what: 'the --target-dir folder' } : undefined;
  }
  const fromConfig = configTargetDir(opts);
  if (fromConfig !== null) {
    const p = at(fromConfig);
    return p ? { path: p, kind: 'build', what: 'the build.target-dir folder' } : undefined;
  }
  const env = envOf(cmd, 'CARGO_TARGET_DIR', 'CARGO_BUILD_TARGET_DIR');
  if (env && env.value !== '') {
    const p = at(env.value ?? undefined);
    return p ? { path: p, kind: 'build', what: `the ${env.name} folder` } : undefined;
  }
  if (CONFIG_TARGET_DIR.test(ctx.stageText())) return undefined;
  let root = cwd;
  if (opts.has('--manifest-path')) {
    const manifest = at(opts.get('--manifest-path'));
    root = manifest && dirname(manifest);
  }
  return root ? { path: resolvePath(root, 'target'), kind: 'build', what: 'the target folder' } : undefined;
}

/** The folder under CARGO_HOME a cache lives in, from its facts. */
function underCargoHome(name: string): string {
  return cacheNamed(facts, name).envBase?.[0]?.[1] ?? name;
}

/** CARGO_HOME, else `$HOME/.cargo` (guide/cargo-home.md). */
function cargoHome(
  cmd: SimpleCommand,
  ctx: ToolContext,
): { path: string; via: string } | { unknown: string } {
  const dir = dirFromVariable(cmd, 'CARGO_HOME');
  if (dir) return dir;
  const home = homeOf(cmd, ctx);
  return home?.startsWith('/')
    ? { path: resolvePath(home, '.cargo'), via: '~/.cargo' }
    : unknownHome(cmd, ctx);
}

/**
 * `$CARGO_HOME/registry` (index, crate archives, sources), then
 * `$CARGO_HOME/git/db` (bare clones of git dependencies). The registry is
 * what nearly every build downloads, so it takes the rewritten mount. Never
 * CARGO_HOME itself or its bin: in the rust image they hold cargo, rustc's
 * proxies and what `cargo install` put there. The configured cache folder
 * names the registry only, and stands even when CARGO_HOME is not known.
 */
function cargoCaches(cmd: SimpleCommand, ctx: ToolContext): CacheDir[] {
  const override = ctx.cacheDirOverride('cargo');
  const home = cargoHome(cmd, ctx);
  const configured = override ? { path: override, via: 'configuration' } : undefined;
  if ('unknown' in home) return [configured ?? home];
  const via = home.via === 'CARGO_HOME' ? { via: home.via } : {};
  return [
    configured ?? { path: resolvePath(home.path, underCargoHome('registry')), ...via },
    { path: resolvePath(home.path, underCargoHome('git db')), ...via },
  ];
}

/** `cargo install` root: `--root` > `CARGO_INSTALL_ROOT` > `CARGO_HOME` > `~/.cargo` (description-install-root.md). */
function installBin(
  cmd: SimpleCommand,
  ctx: ToolContext,
  opts: ReturnType<typeof parseOptions>,
): Destination | undefined {
  let root: string | undefined;
  let via: string;
  if (opts.has('--root')) {
    root = absolute(cmd, opts.get('--root'));
    via = '--root';
  } else {
    const env = envOf(cmd, 'CARGO_INSTALL_ROOT');
    if (env && env.value !== '') {
      root = env.value === null ? undefined : absolute(cmd, env.value);
      via = 'CARGO_INSTALL_ROOT';
    } else {
      // install.root in a cargo config file cannot be read statically.
      if (/\binstall\s*\]|\binstall\.root\b/.test(ctx.stageText())) return undefined;
      const home = cargoHome(cmd, ctx);
      if ('unknown' in home) return undefined;
      root = home.path;
      via = home.via;
    }
  }
  return root ? { path: resolvePath(root, 'bin'), kind: 'packages', what: `${via}/bin` } : undefined;
}

export const cargo: PackageManager = definePackageManager({
  facts,
  call(cmd) {
    if (commandBase(cmd.name) !== 'cargo') return undefined;
    const call = cargoCall(cmd);
    if (!call) return undefined;
    const opts = parseOptions(call.args, OPTIONS);
    return { ...callOf('cargo', opts), positionals: [...call.action.split(' '), ...opts.positionals] };
  },
  caches: (cmd, ctx) => cargoCaches(cmd, ctx),
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'cargo') return undefined;
    const call = cargoCall(cmd);
    if (!call) return undefined;
    const opts = parseOptions(call.args, OPTIONS);
    const { action } = call;
    let dests: Destination[] | undefined;
    if (
      BUILD.has(action) ||
      action === 'chef cook' ||
      action === 'auditable build' ||
      (BUILD_IF_NO_RUN.has(action) && opts.has('--no-run'))
    ) {
      if (opts.has('--artifact-dir')) {
        // -Z unstable-options --artifact-dir: final artifacts are copied there; the target folder is then a cache.
        const p = absolute(cmd, opts.get('--artifact-dir'));
        dests = p ? [{ path: p, kind: 'build', what: 'the --artifact-dir folder' }] : undefined;
      } else {
        const t = targetDir(cmd, ctx, opts);
        dests = t ? [t] : undefined;
      }
    } else if (action === 'install') {
      const bin = installBin(cmd, ctx, opts);
      dests = bin ? [bin] : undefined;
    } else if (action === 'vendor') {
      // cargo vendor [OPTIONS] [path]: "Where to vendor crates (`vendor` by default)".
      const p = absolute(cmd, opts.positionals[0] ?? 'vendor');
      dests = p ? [{ path: p, kind: 'packages', what: 'vendor' }] : undefined;
    } else return undefined;
    if (!dests) return undefined;
    return { tool: cargo, command: cmd, action, destinations: dests, caches: cargoCaches(cmd, ctx) };
  },
});
