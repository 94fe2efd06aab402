/**
 * Edits of `--mount` flags that keep everything else as written: one option's
 * value replaced, one option added or removed, a whole flag removed, new flags
 * inserted after a RUN's existing flags. Quoting, the order of options and the
 * spacing between flags stay as they were.
 */
import type { TextEdit } from '../edits.js';
import type { UserInfo } from '../model/commands.js';
import type { Mount, MountField, RunInstruction } from '../model/dockerfile.js';
import { normalizePath } from '../paths.js';

/** Characters a target may hold without quoting inside `--mount=`. */
export const PLAIN_PATH = /^\/[A-Za-z0-9._/@+~-]*$/;

/** BuildKit's id of a cache mount: its id option, else its target as written. */
export function cacheId(m: Mount): string | undefined {
  if (m.id !== undefined) return m.id;
  return m.targetValue === undefined ? undefined : normalizePath(m.targetValue);
}

/** Replaces the value of one field (inside its quotes, if any). */
export function replaceValue(field: MountField, value: string): TextEdit {
  return { start: field.valueStart, end: field.valueEnd, text: value };
}

/**
 * Sets a mount's target: the value of its target field (the last of `target`,
 * `dst` and `destination`, the one BuildKit takes) is replaced, and earlier
 * target fields, which BuildKit ignores, are removed so the flag says one
 * thing. Those that cannot be removed in place (split by a line continuation)
 * stay. The caller checks that `field` is editable.
 */
export function retarget(mount: Mount, field: MountField, value: string): TextEdit[] {
  const edits = [replaceValue(field, value)];
  for (const f of mount.fields)
    if (f !== field && TARGET_KEYS.includes(f.key) && f.editable) edits.push(removeField(f));
  return edits;
}
const TARGET_KEYS = ['target', 'dst', 'destination'];

/** Appends `,key=value` fields after the mount's last field (`fields` starts with a comma). */
export function appendFields(mount: Mount, fields: string): TextEdit {
  return { start: mount.appendAt, end: mount.appendAt, text: fields };
}

/** The last field with one of these keys. */
export function fieldOf(mount: Mount, ...keys: string[]): MountField | undefined {
  let found: MountField | undefined;
  for (const f of mount.fields) if (keys.includes(f.key)) found = f;
  return found;
}

/**
 * Sets an option: replaces the value of the field that has it (the last one,
 * as BuildKit reads them), or appends `,key=value`. Undefined when the value
 * spans a line continuation and cannot be replaced in place.
 */
export function setOption(mount: Mount, key: string, value: string): TextEdit | undefined {
  const field = fieldOf(mount, key);
  if (!field) return appendFields(mount, `,${key}=${value}`);
  if (!field.editable) return undefined;
  return replaceValue(field, value);
}

/** Removes one `key=value` field of a mount with its separating comma. */
export function removeField(field: MountField): TextEdit {
  if (field.commaBefore !== undefined) return { start: field.commaBefore, end: field.rawEnd, text: '' };
  if (field.commaAfter !== undefined) return { start: field.rawStart, end: field.commaAfter + 1, text: '' };
  return { start: field.rawStart, end: field.rawEnd, text: '' };
}

/**
 * Removes a whole `--mount=...` flag with the blanks after it. A flag alone on
 * its line goes with its line; a flag ending the RUN line before a line
 * continuation takes the continuation with it, so the next line's text joins
 * the RUN line (`RUN --mount=... \⏎  npm ci` becomes `RUN npm ci`).
 */
export function removeMount(text: string, mount: Mount, escapeChar: string): TextEdit {
  const { start, end } = mount.flag;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  const beforeBlank = /^[ \t]*$/.test(text.slice(lineStart, start));
  const esc = escapeChar === '`' ? '`' : '\\\\';
  const restOfLine = new RegExp(`^(${esc})?[ \\t]*(\\r\\n|\\n|\\r)`).exec(text.slice(after));
  if (restOfLine?.[1]) {
    if (beforeBlank) return { start: lineStart, end: after + restOfLine[0].length, text: '' };
    // Only `RUN ` before the flag: join the next line instead of leaving `RUN \`.
    if (!/^[ \t]*(?:onbuild[ \t]+)?run[ \t]+$/i.test(text.slice(lineStart, start)))
      return { start, end: after, text: '' };
    const next = after + restOfLine[0].length;
    let indentEnd = next;
    while (indentEnd < text.length && (text[indentEnd] === ' ' || text[indentEnd] === '\t')) indentEnd++;
    const c = text[indentEnd];
    if (c !== undefined && c !== '#' && c !== '\n' && c !== '\r') return { start, end: indentEnd, text: '' };
  }
  return { start, end: after, text: '' };
}

/**
 * Inserts new flags (`--mount=type=cache,target=/x`) after the RUN's existing
 * flags, or before its command (or heredoc) when it has none.
 */
export function insertFlags(run: RunInstruction, flags: readonly string[]): TextEdit {
  const last = run.flags[run.flags.length - 1];
  if (last) return { start: last.end, end: last.end, text: flags.map((f) => ` ${f}`).join('') };
  const at = run.command.offset(0);
  return { start: at, end: at, text: flags.map((f) => `${f} `).join('') };
}

/** A new cache mount flag: `--mount=type=cache,target=PATH[,extra]`. */
export function cacheMountFlag(target: string, extra = ''): string {
  return `--mount=type=cache,target=${target}${extra}`;
}

/** The `,uid=N,gid=M` fields a mount needs for a user: '' for root or a mount that has a uid; undefined when the uid is unknown. */
export function ownerFields(mount: Pick<Mount, 'uid' | 'gid'>, user: UserInfo): string | undefined {
  if (user.root) return '';
  if (mount.uid !== undefined) return '';
  if (user.uid === undefined) return undefined;
  let fields = `,uid=${user.uid}`;
  if (user.gid !== undefined && mount.gid === undefined) fields += `,gid=${user.gid}`;
  return fields;
}

/** The uid=/gid= fields a mount already has, for a new mount beside it. */
export function copiedOwner(mount: Mount): string {
  return `${mount.uid !== undefined ? `,uid=${mount.uid}` : ''}${mount.gid !== undefined ? `,gid=${mount.gid}` : ''}`;
}
