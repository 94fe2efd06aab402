/**
 * The contract between the pipeline and a transform. A transform is a pure
 * function of the model: it returns findings, each with a message stating the
 * consequence and, when the repair is certain, the text edits that make it. It
 * never reads or writes files and never prints.
 */

import type { TextEdit } from './edits.js';
import type { RunReader } from './model/commands.js';
import type { DockerfileModel } from './model/dockerfile.js';

export type Severity = 'error' | 'warning';

export interface TransformMeta {
  /** Stable kebab-case id; configuration and scripts name it. */
  id: string;
  /** One line: what it catches. */
  summary: string;
  /** `safe`: its edits are applied by `--write`; `none`: it only reports. */
  fix: 'safe' | 'none';
  severity: Severity;
  /** Documentation page, relative to the package root. */
  docs: string;
}

export interface Fix {
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Document span the finding is about. */
  start: number;
  end: number;
  /** The repair; absent for report-only findings. */
  fix?: Fix;
}

export interface TransformOptions {
  /** Cache folders to use instead of the computed ones, per package-manager id. */
  cacheDirs?: Readonly<Record<string, string>>;
}

export interface TransformContext {
  model: DockerfileModel;
  /** Commands and users of RUN instructions, read on demand. */
  runs: RunReader;
  options: TransformOptions;
}

export interface Transform {
  meta: TransformMeta;
  run(context: TransformContext): Finding[];
}
