/**
 * rustup: the commands that install toolchains, targets and components into
 * RUSTUP_HOME. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#rustup); checked against rust-lang/rustup: src/config.rs (`toolchains_dir =
 * rustup_dir.join("toolchains")`, `update_hash_dir = rustup_dir.join("update-hashes")`,
 * `download_dir = rustup_dir.join("downloads")`, `settings.toml`) and
 * src/dist/manifestation.rs (`download_cfg.clean(&things_downloaded)` after
 * `tx.commit()`: each downloaded archive is deleted once its component is
 * installed), src/dist/download.rs (`DownloadCfg::clean`).
 */
import { resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { definePackageManager } from './answers.js';
import { absolute, commandBase, homeOf, type OptionSpec, parseOptions } from './common.js';
import { defineTool } from './facts.js';
import type { Destination, Invocation, PackageManager, ToolContext } from './types.js';

export const facts = defineTool({
  id: 'rustup',
  name: 'rustup',
  programs: ['rustup'],
  commands: {
    text: '`rustup toolchain install`, `rustup install`, `rustup update`, `rustup target add`, `rustup component add`, `rustup default <toolchain>`',
    source: 'https://rust-lang.github.io/rustup/basics.html',
  },
  destinations: {
    text: '`$RUSTUP_HOME/toolchains` and `$RUSTUP_HOME/update-hashes` (with `settings.toml` beside them); RUSTUP_HOME is `/usr/local/rustup` in the rust image, else `~/.rustup`. A cache mount there makes the toolchain exist only while mounted',
    source: [
      'https://github.com/rust-lang/rustup/blob/master/src/config.rs',
      'rust-lang/docker-rust@7668ee2:nightly/bookworm/Dockerfile:5-7',
    ],
  },
  cache: {
    text: 'none: rustup deletes each downloaded archive from `$RUSTUP_HOME/downloads` as soon as its component is installed, so nothing is left to reuse and the broken mount is removed',
    source: [
      'https://github.com/rust-lang/rustup/blob/master/src/dist/manifestation.rs',
      'https://github.com/rust-lang/rustup/blob/master/src/dist/download.rs',
    ],
  },
  caches: [],
  knownCaches: [],
  defeats: [],
  cacheCommands: [],
  locking: [],
  traps: [],
});

/** `rustup <a> <b>` forms that install into RUSTUP_HOME (rustup --help; `install` is `toolchain install`). */
const INSTALLS: ReadonlyArray<readonly [string, string | undefined]> = [
  ['toolchain', 'install'],
  ['toolchain', 'add'],
  ['install', undefined],
  ['update', undefined],
  ['target', 'add'],
  ['target', 'install'],
  ['component', 'add'],
  ['default', undefined],
];

const OPTIONS: OptionSpec = {
  values: ['--profile', '-c', '--component', '-t', '--target', '--toolchain', '--path'],
};

/** RUSTUP_HOME, else `~/.rustup` (rustup's `utils::rustup_home`; `/usr/local/rustup` in the rust image). */
function rustupHome(cmd: SimpleCommand, ctx: ToolContext): { path: string; via: string } | undefined {
  const v = cmd.env('RUSTUP_HOME');
  if (v === null) return undefined;
  if (v !== undefined && v !== '') {
    const p = absolute(cmd, v);
    return p ? { path: p, via: 'RUSTUP_HOME' } : undefined;
  }
  const home = homeOf(cmd, ctx);
  return !home?.startsWith('/') ? undefined : { path: resolvePath(home, '.rustup'), via: '~/.rustup' };
}

export const rustup: PackageManager = definePackageManager({
  facts,
  // rustup keeps no cache: no command of it is a cache command.
  call: () => undefined,
  invocation(cmd, ctx): Invocation | undefined {
    if (commandBase(cmd.name) !== 'rustup') return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const [a, b] = opts.positionals;
    const form = INSTALLS.find(([x, y]) => x === a && (y === undefined || y === b));
    if (!form) return undefined;
    // `rustup default` without a toolchain only prints the default.
    if (a === 'default' && opts.positionals.length < 2) return undefined;
    const home = rustupHome(cmd, ctx);
    if (!home) return undefined;
    const dests: Destination[] = [
      { path: resolvePath(home.path, 'toolchains'), kind: 'packages', what: 'the toolchains' },
      {
        path: resolvePath(home.path, 'update-hashes'),
        kind: 'packages',
        what: 'the toolchain update hashes',
      },
    ];
    return {
      tool: rustup,
      command: cmd,
      action: form[1] === undefined ? form[0] : `${form[0]} ${form[1]}`,
      destinations: dests,
      caches: [],
    };
  },
});
