/**
 * What the Python tools (pip, uv, Poetry, Pipenv, PDM) share: where the
 * image's own interpreter installs, the venv a command runs in, and paths
 * written with a leading `~`.
 */
import { dirname, isWithin, resolvePath } from '../paths.js';
import type { SimpleCommand } from '../shell/reader.js';
import { absolute, homeOf } from './common.js';
import type { CacheDir, Destination, ToolContext } from './types.js';

/** Where the interpreter installs without flags: its site-packages (and script folder). */
const SYSTEM_SITE_PACKAGES_FALLBACK = [
  '/usr/local/lib/python3.*/site-packages',
  '/usr/local/lib/python3.*/dist-packages',
  '/usr/lib/python3.*/site-packages',
  '/usr/lib/python3/dist-packages',
];

/**
 * Where the image's own interpreter installs: its site-packages and script
 * folder (`/usr/local/lib/pythonX.Y/site-packages` and `/usr/local/bin` in the
 * official image, images.ts), else the usual distro locations. Same rule as
 * the end of pip.ts `destinations()`.
 */
export function interpreterSite(ctx: ToolContext, version?: string): Destination[] {
  const v = version ?? ctx.stage.pythonVersion;
  const site = ctx.stage.baseImage?.pythonSitePackages;
  if (site) {
    return [
      { path: site.replace('{pyver}', v ?? '3.*'), kind: 'packages', what: 'site-packages' },
      { path: '/usr/local/bin', kind: 'packages', what: "the interpreter's script folder" },
    ];
  }
  return SYSTEM_SITE_PACKAGES_FALLBACK.map((p) => ({
    path: v ? p.replace('3.*', v) : p,
    kind: 'packages' as const,
    what: 'site-packages',
  }));
}

/** A venv whose bin folder comes first on PATH, before any system bin folder (`ENV PATH=/opt/venv/bin:$PATH`). */
export function venvOnPath(cmd: SimpleCommand, ctx: ToolContext): string | undefined {
  const path = cmd.env('PATH');
  if (typeof path !== 'string') return undefined;
  for (const entry of path.split(':')) {
    if (!entry.endsWith('/bin')) continue;
    const dir = dirname(entry);
    if (dir === '/' || /^\/(usr(\/local)?)?$/.test(dir)) return undefined;
    if (ctx.isVenv(dir)) return dir;
  }
  return undefined;
}

/**
 * A variable holding a folder: its absolute path, null when set but not known,
 * undefined when unset or empty. Unlike dirFromVariable (common.ts), a leading
 * `~` is taken as HOME, as the Python tools do.
 */
export function dirFromEnv(cmd: SimpleCommand, ctx: ToolContext, name: string): string | null | undefined {
  const v = cmd.env(name);
  if (v === undefined || v === '') return undefined;
  if (v === null) return null;
  return absoluteOrHome(cmd, ctx, v) ?? null;
}

/** Like absolute(), with a leading `~` taken as HOME (Python tools call expanduser on their paths). */
export function absoluteOrHome(
  cmd: SimpleCommand,
  ctx: ToolContext,
  p: string | undefined,
): string | undefined {
  if (p === undefined || p === '') return undefined;
  if (p === '~' || p.startsWith('~/')) {
    const home = homeOf(cmd, ctx);
    return home === undefined ? undefined : resolvePath(home, p.slice(2));
  }
  return absolute(cmd, p);
}

/** Packages installed into a folder inside the tool's own cache: mounting that cache would lose them too. */
export function destinationInCache(dests: readonly Destination[], cache: CacheDir): Destination | undefined {
  if (!('path' in cache)) return undefined;
  return dests.find((d) => d.kind === 'packages' && isWithin(d.path, cache.path));
}
