/**
 * conda, mamba and micromamba: `install`, `create`, `update`/`upgrade`,
 * `env create`, `env update`. Facts, with their sources, in `facts` below
 * (docs/package-managers.md#conda); checked against conda/conda
 * conda/base/context.py (pkgs_dirs: CONDA_PKGS_DIRS
 * else `<root_prefix>/pkgs`, `~/.conda/pkgs`; envs_dirs: CONDA_ENVS_DIRS/
 * CONDA_ENVS_PATH, then `<root_prefix>/envs`; default_prefix: CONDA_DEFAULT_ENV,
 * `base` or unset meaning the root prefix; always_softlink) and the images in
 * src/model/images.ts (continuumio/miniconda3: root /opt/conda on PATH;
 * mambaorg/micromamba: MAMBA_ROOT_PREFIX=/opt/conda, USER mambauser 57439).
 *
 * The package cache `<root>/pkgs` lies inside the base environment: a mount on
 * it is the correct one and is never a candidate (the transform only looks at
 * mounts on a destination or above it).
 */
import { basename, dirname, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { callOf, definePackageManager, type ToolCall } from './answers.js';
import { absolute, commandBase, notStatic, type OptionSpec, parseOptions, truthy } from './common.js';
import { defineTool } from './facts.js';
import type { CacheDir, Destination, Invocation, PackageManager, ToolContext } from './types.js';

const CONDA = 'conda/conda@0f64223';
const MINICONDA = 'ContinuumIO/docker-images@dc64b23:miniconda3/debian/Dockerfile:56-63';
const MICROMAMBA = 'mamba-org/micromamba-docker@a815800:debian.Dockerfile:19-39';
const SOFTLINK = /CONDA_ALWAYS_SOFTLINK|always_softlink/i;

export const facts = defineTool({
  id: 'conda',
  name: 'conda',
  programs: ['conda', 'mamba', 'micromamba'],
  commands: {
    text: '`conda`, `mamba`, `micromamba` with `install`, `create`, `update`/`upgrade`, `env create`, `env update` (not `--dry-run`, `--download-only`)',
    source: `${CONDA}:docs/source/user-guide/configuration/settings.rst:700-706`,
  },
  destinations: {
    text: "`-p`/`--prefix`; `-n`/`--name NAME`: `<envs>/NAME` (`CONDA_ENVS_DIRS`/`CONDA_ENVS_PATH`, else `<root>/envs`; `base` is the root); `create -f`/`env create` without a name: `<envs>/*`; otherwise the active environment (`CONDA_DEFAULT_ENV`; micromamba: `CONDA_PREFIX`, the image's `ENV_NAME`), else the root prefix. Root: `-r`/`--root-prefix`, `MAMBA_ROOT_PREFIX`, the conda executable's folder, a conda `bin` folder on `PATH` (`/opt/conda` in the continuumio and mambaorg/micromamba images)",
    source: [
      `${CONDA}:docs/source/user-guide/configuration/settings.rst:700-706`,
      MINICONDA,
      'mamba-org/micromamba-docker@a815800:debian.Dockerfile:27',
    ],
  },
  cache: {
    text: "`CONDA_PKGS_DIRS` (first entry), else `<root>/pkgs` (`/opt/conda/pkgs` in the images; the micromamba image's mount gets `uid=57439,gid=57439`). A mount on `<root>/pkgs` is correct and left alone. Reported, not fixed: `CONDA_ALWAYS_SOFTLINK` (the environment would link into the mount)",
    source: [
      `${CONDA}:conda/base/context.py:813-826`,
      `${CONDA}:docs/source/user-guide/configuration/settings.rst:710-735`,
    ],
  },
  caches: [
    {
      name: 'package cache',
      default: '<root prefix>/pkgs',
      env: ['CONDA_PKGS_DIRS'],
      images: [
        { image: 'continuumio/miniconda3', path: '/opt/conda/pkgs', source: MINICONDA },
        { image: 'mambaorg/micromamba', path: '/opt/conda/pkgs', source: MICROMAMBA },
      ],
      source: [
        `${CONDA}:conda/base/context.py:813-826`,
        `${CONDA}:docs/source/user-guide/configuration/settings.rst:710-735`,
      ],
    },
  ],
  knownCaches: [
    {
      path: '/opt/conda/pkgs',
      unless: SOFTLINK,
      source: [`${CONDA}:conda/base/context.py:813-826`, MINICONDA],
    },
  ],
  defeats: [
    {
      kind: 'command',
      match: 'clean',
      effect: 'empties',
      source: [
        `${CONDA}:conda/cli/main_clean.py:5,50-53`,
        'ContinuumIO/docker-images@dc64b23:miniconda3/debian/Dockerfile:63',
      ],
    },
  ],
  cacheCommands: [
    {
      match: ['install', 'create', 'update', 'upgrade', 'env create', 'env update'],
      source: `${CONDA}:conda/base/context.py:813-826`,
    },
  ],
  offline: [
    {
      kind: 'flag',
      match: '--offline',
      source: 'https://docs.conda.io/projects/conda/en/latest/commands/install.html#Networking%20Options',
    },
  ],
  locking: [],
  traps: [
    {
      what: "`always_softlink` (`CONDA_ALWAYS_SOFTLINK`): the environment's files are symlinks into the package cache, so a cache mount leaves them dangling",
      mentionedBy: SOFTLINK,
      relocatedBy: /CONDA_PKGS_DIRS|pkgs_dirs/i,
      source: `${CONDA}:conda/base/context.py:1511-1519`,
    },
  ],
});

const TOOLS = new Set(['conda', 'mamba', 'micromamba']);
const ACTIONS = new Set(['install', 'create', 'update', 'upgrade']);

const OPTIONS: OptionSpec = {
  values: [
    '-n',
    '--name',
    '-p',
    '--prefix',
    '-r',
    '--root-prefix',
    '-c',
    '--channel',
    '-f',
    '--file',
    '--solver',
    '--repodata-fn',
    '--platform',
    '--subdir',
    '--clone',
    '--channel-priority',
    '--rc-file',
    '--log-level',
    '--category',
    '--experimental-solver',
  ],
  aliases: { '-n': '--name', '-p': '--prefix', '-r': '--root-prefix', '-f': '--file', '-d': '--dry-run' },
};

/** A folder name that marks a conda installation (`/opt/conda`, `~/miniconda3`, `/opt/miniforge3`). */
const CONDA_DIR = /conda|mamba|forge|anaconda/i;

/** The first entry of a list variable (CONDA_PKGS_DIRS, CONDA_ENVS_DIRS are comma-separated; CONDA_ENVS_PATH may use `:`). */
function firstEntry(cmd: SimpleCommand, names: string[]): { name: string; value: string | null } | undefined {
  for (const name of names) {
    const v = cmd.env(name);
    if (v === undefined || v === '') continue;
    if (v === null) return { name, value: null };
    return { name, value: v.split(/[,:]/)[0]?.trim() ?? '' };
  }
  return undefined;
}

/** The root prefix (base environment): `-r`, MAMBA_ROOT_PREFIX, the conda executable's folder, a conda bin folder on PATH. */
function rootPrefix(
  cmd: SimpleCommand,
  ctx: ToolContext,
  tool: string,
  opts: ReturnType<typeof parseOptions>,
): string | null | undefined {
  if (opts.has('--root-prefix')) return absolute(cmd, opts.get('--root-prefix')) ?? null;
  if (tool !== 'conda') {
    const v = cmd.env('MAMBA_ROOT_PREFIX');
    if (v === null) return null;
    if (v) return absolute(cmd, v) ?? null;
  }
  if (tool === 'micromamba') return undefined; // a standalone binary: its root is not where it lives
  // `/opt/conda/bin/conda`, or CONDA_EXE set by activation.
  const exe = cmd.name?.includes('/') ? absolute(cmd, cmd.name) : undefined;
  const fromExe = (p: string | undefined) => {
    if (!p) return undefined;
    const bin = dirname(p);
    return /\/(bin|condabin)$/.test(bin) && CONDA_DIR.test(basename(dirname(bin))) ? dirname(bin) : undefined;
  };
  const byExe =
    fromExe(exe) ??
    fromExe(typeof cmd.env('CONDA_EXE') === 'string' ? (cmd.env('CONDA_EXE') as string) : undefined);
  if (byExe) return byExe;
  // A conda bin folder on PATH. When PATH is only partly known (`ENV PATH=/opt/conda/bin:$PATH` over an
  // image whose PATH is not known), the ENV text of the stage chain still names the folder.
  const path = cmd.env('PATH');
  const entries = typeof path === 'string' ? path.split(':') : pathEntriesInText(ctx.stageText());
  for (const entry of entries) {
    const m = /^(\/.+)\/(bin|condabin)\/?$/.exec(entry);
    if (m?.[1] && CONDA_DIR.test(basename(m[1]))) return resolvePath('/', m[1]);
  }
  return undefined;
}

/** Literal folders in `PATH=` assignments of the stage text, latest assignment first. */
function pathEntriesInText(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bPATH[= ]["']?([^\s"']+)/g)) out.unshift(...(m[1] ?? '').split(':'));
  return out.filter((e) => e.startsWith('/'));
}

/** Where named environments go: CONDA_ENVS_DIRS / CONDA_ENVS_PATH, else `<root>/envs`. */
function envsDir(cmd: SimpleCommand, root: string | null | undefined): string | null | undefined {
  const e = firstEntry(cmd, ['CONDA_ENVS_DIRS', 'CONDA_ENVS_PATH']);
  if (e) return e.value === null ? null : (absolute(cmd, e.value) ?? null);
  return root ? resolvePath(root, 'envs') : root;
}

function destination(
  cmd: SimpleCommand,
  ctx: ToolContext,
  tool: string,
  action: string,
  opts: ReturnType<typeof parseOptions>,
  root: string | null | undefined,
): Destination | undefined {
  const env = (path: string | null | undefined, what: string): Destination | undefined =>
    path ? { path, kind: 'packages', what } : undefined;
  if (opts.has('--prefix')) return env(absolute(cmd, opts.get('--prefix')), 'the conda environment');
  const named = (name: string) =>
    name === 'base'
      ? env(root, 'the base environment')
      : env(envsDir(cmd, root) && resolvePath(envsDir(cmd, root) as string, name), 'the conda environment');
  if (opts.has('--name')) {
    const name = opts.get('--name');
    return name ? named(name) : undefined;
  }
  // `create`/`env create` without -n/-p take the name from the environment file.
  if (action === 'create' || action.startsWith('env ')) {
    if (!opts.has('--file') && !action.startsWith('env ')) return undefined;
    const dir = envsDir(cmd, root);
    return env(dir && resolvePath(dir, '*'), 'the conda environment');
  }
  // install/update into the active environment.
  if (tool === 'micromamba') {
    const prefix = cmd.env('CONDA_PREFIX');
    if (prefix === null) return undefined;
    if (prefix) return env(absolute(cmd, prefix), 'the conda environment');
    // The micromamba image's RUN shell activates ENV_NAME (default base): micromamba-docker _dockerfile_shell.sh.
    const envName = cmd.env('ENV_NAME');
    if (envName === null) return undefined;
    if (envName && ctx.stage.baseImage?.names.includes('mambaorg/micromamba')) return named(envName);
    return env(root, 'the base environment');
  }
  // context.py default_prefix: CONDA_DEFAULT_ENV unset or `base` -> the root prefix; a path; else a name.
  const def = cmd.env('CONDA_DEFAULT_ENV');
  if (def === null) return undefined;
  if (def && def !== 'base')
    return def.includes('/') ? env(absolute(cmd, def), 'the conda environment') : named(def);
  return env(root, 'the base environment');
}

/** The package cache: the configured folder, the first CONDA_PKGS_DIRS entry, else `<root>/pkgs`. */
function packageCache(
  cmd: SimpleCommand,
  ctx: ToolContext,
  tool: string,
  root: string | null | undefined,
): CacheDir {
  const override = ctx.cacheDirOverride('conda');
  const pkgs = firstEntry(cmd, ['CONDA_PKGS_DIRS']);
  if (override) return { path: override, via: 'configuration' };
  if (pkgs) {
    const p = pkgs.value === null ? undefined : absolute(cmd, pkgs.value);
    return p ? { path: p, via: 'CONDA_PKGS_DIRS' } : notStatic('CONDA_PKGS_DIRS');
  }
  if (root) return { path: resolvePath(root, 'pkgs') };
  return { unknown: `the root prefix of ${tool} is not known (set MAMBA_ROOT_PREFIX or CONDA_PKGS_DIRS)` };
}

function condaCall(cmd: SimpleCommand): ToolCall | undefined {
  const tool = commandBase(cmd.name);
  return tool !== undefined && TOOLS.has(tool)
    ? callOf(tool, parseOptions(cmd.argv.slice(1), OPTIONS))
    : undefined;
}

export const conda: PackageManager = definePackageManager({
  facts,
  call: condaCall,
  caches: (cmd, ctx, call) => {
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    return [packageCache(cmd, ctx, call.program, rootPrefix(cmd, ctx, call.program, opts))];
  },
  invocation(cmd, ctx): Invocation | undefined {
    const tool = commandBase(cmd.name);
    if (tool === undefined || !TOOLS.has(tool)) return undefined;
    const opts = parseOptions(cmd.argv.slice(1), OPTIONS);
    const [first, second] = opts.positionals;
    let action: string;
    if (first !== undefined && ACTIONS.has(first)) action = first;
    else if (first === 'env' && (second === 'create' || second === 'update')) action = `env ${second}`;
    else return undefined;
    if (opts.has('--dry-run') || opts.has('--download-only') || opts.has('--help') || opts.has('-h'))
      return undefined;
    const root = rootPrefix(cmd, ctx, tool, opts);
    const dest = destination(cmd, ctx, tool, action, opts, root);
    if (!dest) return undefined;
    let cache = packageCache(cmd, ctx, tool, root);
    // always_softlink (context.py, CONDA_ALWAYS_SOFTLINK): files are symlinked from the package cache into the environment.
    const dests: Destination[] = [dest];
    if ('path' in cache && truthy(cmd.env('CONDA_ALWAYS_SOFTLINK'))) {
      // The environment's files are links into the package cache, which so holds what was installed.
      dests.push({
        path: cache.path,
        kind: 'packages',
        what: `the packages ${tool} links from its package cache`,
      });
      cache = {
        trap: `Not fixed automatically: CONDA_ALWAYS_SOFTLINK makes ${tool} symlink the installed files from its package cache ${cache.path}, so mounting that cache would leave them dangling. Unset it, then mount ${cache.path}.`,
      };
    }
    return { tool: conda, command: cmd, action, destinations: dests, caches: [cache] };
  },
});
