/**
 * Vite, a build tool rather than a package manager: `vite build`, run
 * directly (`vite`, `node_modules/.bin/vite`) or through a launcher (`npx`,
 * `pnpx`, `bunx`, `pnpm [exec|dlx]`, `yarn [exec|run|dlx]`, `npm exec`/`x`,
 * `bun [x|run]`, `deno run npm:vite`). The shell reader leaves launchers in
 * argv, so they are taken off here. Facts: vitejs/vite
 * packages/vite/src/node/cli.ts (`build [root]` and its options:
 * `--outDir <dir>` "output directory (default: dist)", `-c, --config <file>`,
 * `--base <path>`, `-l, --logLevel <level>`, `--configLoader <loader>`,
 * `-f, --filter <filter>`, `-m, --mode <mode>`, `--target <target>`,
 * `--assetsDir <dir>`, `--assetsInlineLimit <number>`; optional values
 * `-d, --debug [feat]`, `--ssr [entry]`, `--sourcemap [output]`,
 * `--minify [minifier]`, `--manifest [name]`, `--ssrManifest [name]`;
 * booleans `--clearScreen`, `--emptyOutDir`, `-w, --watch`, `--app`,
 * `--force`), parsed by cac with mri, which takes the next word as a
 * boolean's value only when it is `true` or `false`. The root is resolved
 * against the working folder and `build.outDir` against the root
 * (packages/vite/src/node/build.ts, `resolve(config.root, options.outDir)`).
 * A `vite.config.*` may move either; this module sees only the command line.
 *
 * Vite keeps no download cache, so `caches` is empty: the transform then
 * removes a mount that hides the output, or reports when only the mount keeps it.
 */
import { basename, resolvePath } from '../paths.js';
import type { SimpleCommand, Word } from '../shell/reader.js';
import { definePackageManager } from './answers.js';
import { absolute, commandBase } from './common.js';
import { defineTool } from './facts.js';
import type { Invocation, PackageManager } from './types.js';

const VITE_CLI = 'https://github.com/vitejs/vite/blob/main/packages/vite/src/node/cli.ts';

export const facts = defineTool({
  id: 'vite',
  name: 'Vite',
  programs: ['vite'],
  commands: {
    text: '`vite build`, also through `npx`, `pnpx`, `bunx`, `pnpm [exec|dlx]`, `yarn [exec|run|dlx]`, `npm exec`/`x`, `bun [x|run]`, `node .../vite/bin/vite.js`, `deno run npm:vite`',
    source: ['https://vite.dev/guide/cli.html#vite-build', VITE_CLI],
  },
  destinations: {
    text: '`<root>/dist` (build output), `--outDir` relative to the root; the root is `vite build [root]` relative to cwd (WORKDIR, `cd`, `pnpm -C`, `yarn --cwd`, `npm --prefix`, `bun --cwd`), else cwd',
    source: [
      'https://vite.dev/guide/cli.html#vite-build',
      'https://vite.dev/config/build-options.html#build-outdir',
    ],
  },
  cache: {
    text: 'none (a cache mount on the output folder is removed; reported when the last stage keeps the output only in it)',
    source: 'https://vite.dev/config/build-options.html#build-outdir',
  },
  caches: [],
  knownCaches: [],
  defeats: [],
  cacheCommands: [],
  locking: [],
  traps: [],
});

const REQUIRED_VALUE = new Set([
  '-c',
  '--config',
  '--base',
  '-l',
  '--logLevel',
  '--configLoader',
  '-f',
  '--filter',
  '-m',
  '--mode',
  '--target',
  '--outDir',
  '--assetsDir',
  '--assetsInlineLimit',
]);
const OPTIONAL_VALUE = new Set([
  '-d',
  '--debug',
  '--ssr',
  '--sourcemap',
  '--minify',
  '--manifest',
  '--ssrManifest',
]);

/** Launchers that run a package's bin, with the sub-commands that lead to it and their options that take a value. */
const LAUNCHERS: Record<
  string,
  { subcommands: string[]; values: string[]; cwd?: string[]; unknownCwd?: string[] }
> = {
  npx: { subcommands: [], values: ['-p', '--package', '-c', '--call'] },
  pnpx: { subcommands: [], values: [] },
  bunx: { subcommands: [], values: ['-p', '--package'] },
  pnpm: {
    subcommands: ['exec', 'dlx'],
    values: ['-C', '--dir', '--filter', '-F', '--reporter', '--loglevel'],
    cwd: ['-C', '--dir'],
    unknownCwd: ['--filter', '-F', '-r', '--recursive'],
  },
  yarn: {
    subcommands: ['exec', 'run', 'dlx'],
    values: ['--cwd', '-p', '--package'],
    cwd: ['--cwd'],
  },
  npm: {
    subcommands: ['exec', 'x'],
    values: ['--prefix', '-C', '-w', '--workspace', '--package', '-p'],
    cwd: ['--prefix', '-C'],
    unknownCwd: ['-w', '--workspace', '--workspaces', '-ws'],
  },
  bun: { subcommands: ['x', 'run'], values: ['--cwd', '-p', '--package'], cwd: ['--cwd'] },
  deno: { subcommands: ['run'], values: ['--config', '-c', '--import-map', '--location', '--seed'] },
};

/** The word that names Vite's bin: `vite`, `vite@5`, `npm:vite@5`, `.../node_modules/.bin/vite`. */
function isVite(word: string | undefined): boolean {
  if (word === undefined) return false;
  return /^(?:npm:)?vite(?:@[^/\s]*)?$/.test(word) || basename(word) === 'vite';
}

/** The arguments after Vite's name and the folder it runs in, when the command runs Vite. */
function viteArgs(cmd: SimpleCommand): { args: Word[]; cwd: string | undefined } | undefined {
  const name = commandBase(cmd.name);
  if (name === undefined) return undefined;
  if (name === 'vite') return { args: cmd.argv.slice(1), cwd: cmd.cwd };
  const argv = cmd.argv;
  if (name === 'node') {
    const script = argv.findIndex((w, i) => i > 0 && !(w.value ?? '').startsWith('-'));
    const path = argv[script]?.value;
    return path && /(?:^|\/)vite\/bin\/vite\.js$/.test(path)
      ? { args: argv.slice(script + 1), cwd: cmd.cwd }
      : undefined;
  }
  const launcher = LAUNCHERS[name];
  if (!launcher) return undefined;
  let cwd = cmd.cwd;
  let sub = false;
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]?.value;
    if (w === undefined) return undefined;
    if (w === '--') continue;
    if (w.startsWith('-')) {
      const eq = w.indexOf('=');
      const opt = eq > 0 ? w.slice(0, eq) : w;
      if (launcher.unknownCwd?.includes(opt)) return undefined;
      const value = eq > 0 ? w.slice(eq + 1) : launcher.values.includes(opt) ? argv[++i]?.value : '';
      if (launcher.cwd?.includes(opt)) {
        cwd = value === undefined || cwd === undefined ? undefined : resolvePath(cwd, value);
      }
      continue;
    }
    if (isVite(w)) return { args: argv.slice(i + 1), cwd };
    if (!sub && launcher.subcommands.includes(w)) {
      sub = true;
      continue;
    }
    return undefined;
  }
  return undefined;
}

export const vite: PackageManager = definePackageManager({
  facts,
  // Vite keeps no cache: no command of it is a cache command.
  call: () => undefined,
  invocation(cmd): Invocation | undefined {
    const found = viteArgs(cmd);
    if (!found) return undefined;
    const { args } = found;
    const positionals: Array<string | undefined> = [];
    let outDir: string | undefined = 'dist';
    for (let i = 0; i < args.length; i++) {
      const w = args[i]?.value;
      if (w === undefined || !w.startsWith('-') || w === '-') {
        positionals.push(w);
        continue;
      }
      const eq = w.indexOf('=');
      const opt = eq > 0 ? w.slice(0, eq) : w;
      let value: string | undefined = eq > 0 ? w.slice(eq + 1) : '';
      const next = args[i + 1]?.value;
      if (eq < 0 && REQUIRED_VALUE.has(opt)) {
        value = next;
        i++;
      } else if (eq < 0 && OPTIONAL_VALUE.has(opt) && next !== undefined && !next.startsWith('-')) {
        value = next;
        i++;
      } else if (eq < 0 && (next === 'true' || next === 'false')) {
        i++;
      }
      if (opt === '--outDir') outDir = value;
    }
    if (positionals[0] !== 'build') return undefined;
    if (found.cwd === undefined || outDir === undefined || outDir === '') return undefined;
    if (positionals.length > 1 && positionals[1] === undefined) return undefined;
    const root = positionals[1] === undefined ? found.cwd : resolvePath(found.cwd, positionals[1]);
    const out = absolute({ ...cmd, cwd: root }, outDir);
    if (!out) return undefined;
    return {
      tool: vite,
      command: cmd,
      action: 'build',
      destinations: [{ path: out, kind: 'build', what: 'the build output' }],
      caches: [],
    };
  },
});
