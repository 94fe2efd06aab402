/**
 * The package managers the transforms know, in the order they are asked: the
 * first module that recognises a command as one of its installs answers for it.
 */
import { apk } from './apk.js';
import { apt } from './apt.js';
import { bun } from './bun.js';
import { bundler } from './bundler.js';
import { cargo } from './cargo.js';
import { ccache } from './ccache.js';
import { composer } from './composer.js';
import { conda } from './conda.js';
import { deno } from './deno.js';
import { dnf } from './dnf.js';
import { dotnet } from './dotnet.js';
import { gem } from './gem.js';
import { go } from './go.js';
import { gradle } from './gradle.js';
import { maven } from './maven.js';
import { npm } from './npm.js';
import { pdm } from './pdm.js';
import { pip } from './pip.js';
import { pipenv } from './pipenv.js';
import { pnpm } from './pnpm.js';
import { poetry } from './poetry.js';
import { rustup } from './rustup.js';
import { sbt } from './sbt.js';
import type { Invocation, PackageManager, ToolContext } from './types.js';
import { uv } from './uv.js';
import { vite } from './vite.js';
import { yarn } from './yarn.js';
import { yarnBerry } from './yarn-berry.js';
import { zypper } from './zypper.js';

export const PACKAGE_MANAGERS: readonly PackageManager[] = [
  // Python
  pip,
  uv,
  poetry,
  pipenv,
  pdm,
  conda,
  // JavaScript
  npm,
  yarn,
  yarnBerry,
  pnpm,
  bun,
  deno,
  vite,
  // compiled languages
  go,
  cargo,
  rustup,
  maven,
  gradle,
  sbt,
  dotnet,
  // PHP and Ruby
  composer,
  bundler,
  gem,
  // system packages
  apt,
  apk,
  dnf,
  zypper,
  // compiler caches
  ccache,
];

export function findInvocation(
  cmd: Parameters<PackageManager['invocation']>[0],
  ctx: ToolContext,
): Invocation | undefined {
  for (const pm of PACKAGE_MANAGERS) {
    const inv = pm.invocation(cmd, ctx);
    if (inv) return inv;
  }
  return undefined;
}

export type * from './types.js';
