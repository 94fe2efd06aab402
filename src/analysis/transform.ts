/**
 * The contract between the engine and a transform, after ESLint's rule
 * modules (`meta` + `create(context)`, messages by id) and Ruff's rules (each
 * documents itself; each fix is safe or unsafe).
 *
 * A transform is a pure function of the model: `create` looks at the
 * Dockerfile through the context and calls `context.report()` for each
 * finding, with the text edits that repair it when the repair is certain. It
 * never reads or writes files and never prints. The engine formats messages,
 * applies the fixes of every enabled transform together, and runs them again
 * until nothing more changes.
 */
import type { TextEdit } from '../edits.js';
import type { RunReader } from '../model/commands.js';
import type { DockerfileModel } from '../model/dockerfile.js';
import type { FixSafety, Severity } from '../types.js';
import type { Analysis } from './analysis.js';

/** The parts of a transform's documentation page, as Ruff documents its rules. Markdown. */
export interface TransformDocs {
  /** What it catches and what its fix does. */
  whatItDoes: string;
  /** The consequence for the image or the build. */
  whyItMatters: string;
  /** A Dockerfile it fires on, and the same after `--write` (absent when the transform only reports). */
  example: { before: string; after?: string };
  /** When the fix is applied, when it is only reported, and why. */
  fixSafety: string;
  /** The patterns it leaves alone on purpose. */
  whenItDoesNotFire: string;
  /** Further sections, each starting with a `## ` heading. */
  more?: string;
}

/** A JSON Schema (draft 2020-12) for a transform's options: an object with named properties. */
export interface OptionsSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown> & { description: string }>;
  additionalProperties: false;
}

export interface TransformMeta {
  /** Stable kebab-case id; configuration, directives and scripts name it. */
  id: string;
  /** One line: what it catches. */
  summary: string;
  /** `on`: part of the recommended set; `off`: an opt-in upgrade (`--enable ID`). */
  default: 'on' | 'off';
  /** The safety of its fixes; `none` when it only reports. */
  fix: FixSafety | 'none';
  severity: Severity;
  /**
   * Message templates by id. `{{name}}` is replaced by the report's `data.name`
   * (a missing name is a bug the engine throws for).
   */
  messages: Readonly<Record<string, string>>;
  /** Its options, with their defaults; configuration (`transformOptions`) is validated against the schema. */
  options?: { schema: OptionsSchema; defaults: Readonly<Record<string, unknown>> };
  /** Whether it reads RUN bodies as shell commands (the engine loads the shell grammar first). */
  needsShell: boolean;
  /**
   * One finding per span: when a later pass (after repairs) reports on a span
   * this transform already reported on, with nothing to fix, that finding is
   * left out, since the first one speaks for the instruction. For transforms
   * whose one finding sums up an instruction (add-cache-mounts: what it added
   * and why it left the rest).
   */
  onePerSpan?: boolean;
  docs: TransformDocs;
}

export interface ReportDescriptor {
  messageId: string;
  data?: Readonly<Record<string, string | number>>;
  /** Document span the finding is about. */
  start: number;
  end: number;
  /** The repair: edits applied together. Their safety is the transform's unless given. */
  fix?: TextEdit[] | { edits: TextEdit[]; safety: FixSafety };
}

export interface TransformContext<O = Readonly<Record<string, unknown>>> {
  readonly model: DockerfileModel;
  /** Commands and users of RUN instructions, read on demand. */
  readonly runs: RunReader;
  /** The questions every transform shares: tools and their caches, mounts, what is needed after a RUN. */
  readonly analysis: Analysis;
  /** The transform's options, defaults filled in. */
  readonly options: O;
  report(descriptor: ReportDescriptor): void;
}

export interface Transform<O = Readonly<Record<string, unknown>>> {
  meta: TransformMeta;
  /**
   * A cheap test of the raw text: false when the file cannot hold anything the
   * transform looks at. A file no enabled transform wants is never parsed.
   */
  applies(text: string): boolean;
  create(context: TransformContext<O>): void;
}

/** Fills a message template; throws when the data lacks a placeholder's value. */
export function formatMessage(
  template: string,
  data: Readonly<Record<string, string | number>> | undefined,
  where: string,
): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_m, name: string) => {
    const v = data?.[name];
    if (v === undefined) throw new Error(`${where}: no value for {{${name}}}`);
    return String(v);
  });
}
