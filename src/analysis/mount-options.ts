/**
 * The options of a `--mount` flag that the model does not read itself
 * (`sharing`, `mode`), read as BuildKit reads them: the last field with the
 * key wins, and variables are expanded with the RUN's environment.
 */

import { lookupIn, type Mount, type MountField, type RunInstruction } from '../model/dockerfile.js';
import { expandVariables } from '../model/lex.js';
import { fieldOf } from './mounts.js';

export interface MountOption {
  field: MountField;
  /** The value after expansion; undefined when a variable in it has no known value. */
  value: string | undefined;
}

/** The option with this key (the last field that has it); undefined when the mount does not set it. */
export function mountOption(run: RunInstruction, mount: Mount, key: string): MountOption | undefined {
  const field = fieldOf(mount, key);
  if (!field) return undefined;
  if (field.value === undefined) return { field, value: undefined };
  return { field, value: expandVariables(field.value, lookupIn(run.env)) };
}

/**
 * A cache mount's permission bits, as BuildKit reads `mode=` (octal, with or
 * without a leading 0): 0755 when the mount sets none; undefined when the
 * value is not known or not an octal number.
 */
export function cacheMountMode(run: RunInstruction, mount: Mount): number | undefined {
  const option = mountOption(run, mount, 'mode');
  if (!option) return 0o755;
  if (option.value === undefined || !/^[0-7]{1,12}$/.test(option.value)) return undefined;
  return Number.parseInt(option.value, 8);
}
