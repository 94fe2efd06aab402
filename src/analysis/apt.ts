/**
 * Debian's docker-clean: the `/etc/apt/apt.conf.d/docker-clean` file of the
 * Debian and Ubuntu images makes apt delete every package it downloads
 * (`DPkg::Post-Invoke` removes `/var/cache/apt/archives/*.deb`), so a cache
 * mount on apt's archives stays empty until the file is removed. Docker's
 * recipe removes it and tells apt to keep downloads
 * (moby/buildkit@73ed682:frontend/dockerfile/docs/reference.md:896-912). Setting
 * `Keep-Downloaded-Packages` alone does not stop the hook: only a removal counts.
 */
import type { TextEdit } from '../edits.js';
import type { RunInstruction, Stage } from '../model/dockerfile.js';
import { aptDeletesDownloads, parseImageRef } from '../model/images.js';
import { absolute, commandBase } from '../package-managers/common.js';
import { rootImageName, stageChain } from '../package-managers/context.js';
import { isWithin } from '../paths.js';
import { pathPrefix } from '../shell/reader.js';
import type { Analysis } from './analysis.js';

export const DOCKER_CLEAN = '/etc/apt/apt.conf.d/docker-clean';

/** Docker's recipe, as shell commands. */
export const KEEP_DOWNLOADS = `rm -f ${DOCKER_CLEAN}; echo 'Binary::apt::APT::Keep-Downloaded-Packages "true";' > /etc/apt/apt.conf.d/keep-cache`;

/** The folder docker-clean empties. */
export const APT_ARCHIVES = '/var/cache/apt/archives';

/** Whether a RUN's commands, before command number `before`, remove docker-clean. */
function removesDockerClean(
  analysis: Analysis,
  run: RunInstruction,
  before = Number.POSITIVE_INFINITY,
): boolean {
  for (const cmd of analysis.runs.commands(run) ?? []) {
    if (cmd.index >= before) break;
    const name = commandBase(cmd.name);
    if (name !== 'rm' && name !== 'mv' && name !== 'unlink') continue;
    const operands = cmd.argv.slice(1).filter((w) => !(w.value ?? '').startsWith('-'));
    // `mv` moves its sources away: every operand but the last; `rm` and `unlink` remove all of theirs.
    const removed = name === 'mv' ? operands.slice(0, -1) : operands;
    for (const w of removed) {
      const p = pathPrefix(w);
      const path = p === undefined ? undefined : absolute(cmd, globBase(p));
      if (path !== undefined && isWithin(DOCKER_CLEAN, path)) return true;
    }
  }
  return false;
}

/** The folder a glob word removes from (`/etc/apt/apt.conf.d/*` -> `/etc/apt/apt.conf.d`), or the path itself. */
export function globBase(p: string): string {
  const star = p.search(/[*?[]/);
  if (star < 0) return p;
  const cut = p.lastIndexOf('/', star);
  if (cut < 0) return '.'; // `name*`: the working folder
  return cut === 0 ? '/' : p.slice(0, cut);
}

export type DockerClean =
  /** The image's apt deletes downloads and nothing removed docker-clean before this RUN: the edit removes it. */
  | { state: 'active'; image: string; edit: TextEdit | undefined }
  /** The image is not one the tool knows: it may have docker-clean. */
  | { state: 'unknown'; image: string }
  /** No docker-clean (an image without apt or without the file), or it is removed before this RUN's apt commands. */
  | { state: 'none' };

/**
 * Whether docker-clean empties apt's archives for a RUN's apt commands that
 * start at command number `firstApt`: the stage chain's image has it, and no
 * earlier RUN of the chain (nor this RUN, before those commands) removed it.
 */
export function dockerCleanFor(analysis: Analysis, run: RunInstruction, firstApt: number): DockerClean {
  const stage = run.stage as Stage;
  const image = rootImageName(stage) ?? 'the base image';
  const deletes = rootImageName(stage) === undefined ? undefined : aptDeletesDownloads(parseImageRef(image));
  if (deletes === false) return { state: 'none' };
  for (const s of stageChain(stage)) {
    for (const ins of s.instructions) {
      if (ins.index >= run.index) break;
      if (ins.keyword === 'RUN' && removesDockerClean(analysis, ins as RunInstruction))
        return { state: 'none' };
    }
  }
  if (removesDockerClean(analysis, run, firstApt)) return { state: 'none' };
  if (deletes === undefined) return { state: 'unknown', image };
  return { state: 'active', image, edit: keepDownloadsEdit(analysis, run) };
}

/**
 * The edit that puts Docker's recipe at the start of a RUN's script: before
 * its first command (after a heredoc's `#!` line); undefined for a RUN whose
 * body is not a shell script this tool can extend (the JSON form).
 */
function keepDownloadsEdit(analysis: Analysis, run: RunInstruction): TextEdit | undefined {
  if (run.exec || !analysis.runs.readable(run)) return undefined;
  const heredoc = run.heredocs[0];
  if (heredoc && /^\s*<<-?\s*["']?[A-Za-z0-9_.-]+/.test(run.command.text)) {
    const body = heredoc.content;
    const eol = body.includes('\r\n') ? '\r\n' : '\n';
    let at = heredoc.contentStart;
    if (body.startsWith('#!')) {
      const nl = body.indexOf('\n');
      if (nl < 0) return undefined;
      at += nl + 1;
    }
    return { start: at, end: at, text: `${KEEP_DOWNLOADS}${eol}` };
  }
  const at = run.command.offset(0);
  return { start: at, end: at, text: `${KEEP_DOWNLOADS}; ` };
}
