/**
 * The result types every layer shares: findings, fixes, file results, run
 * summaries and file errors. This module sits at the bottom of the import
 * graph with the text, path and edit helpers, so the output formats, the
 * engine and the command line all speak of the same things without importing
 * one another.
 */
import type { TextEdit } from './edits.js';

export type { TextEdit } from './edits.js';

/** How loudly a finding is reported. `info` is for upgrades, not bugs (SARIF `note`). */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Ruff's split: a `safe` fix keeps what the Dockerfile means and is applied by
 * `--write`; an `unsafe` one may change behaviour and is applied only with
 * `--unsafe-fixes`.
 */
export type FixSafety = 'safe' | 'unsafe';

/** What the run does with the files: print a diff, rewrite them, or only report. */
export type Mode = 'diff' | 'write' | 'check';

export interface Fix {
  /** Edits against the text the finding was made on, applied together or not at all. */
  edits: TextEdit[];
  safety: FixSafety;
}

export interface Finding {
  ruleId: string;
  /** Which of the transform's messages this is (`meta.messages` key): stable, for tests and tools. */
  messageId: string;
  severity: Severity;
  message: string;
  /** Document span the finding is about. */
  start: number;
  end: number;
  /** The repair; absent for report-only findings. */
  fix?: Fix;
}

export interface LocatedFinding extends Finding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Whether this run's output includes the finding's repair (a safe fix, or an unsafe one with --unsafe-fixes). */
  fixable: boolean;
  /**
   * The pass of the fix loop that found it, when later than the first: it came
   * up only once earlier repairs were made, so its span is mapped back to the
   * input and its edits (which apply to the intermediate text) are not listed.
   */
  pass?: number;
}

/** A file the tool cannot work on: unreadable, not a Dockerfile, or a repair that does not verify. */
export type FileErrorKind =
  /** The input cannot be read or parsed. */
  | 'input'
  /** A repair's own edits overlap one another. */
  | 'conflict'
  /** The repaired text does not parse. */
  | 'invalid-output'
  /** The repairs do not settle: every pass of the fix loop finds more to change. */
  | 'not-idempotent'
  /** The file cannot be written. */
  | 'write';

export class FileError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly kind: FileErrorKind = 'input',
  ) {
    super(message);
    this.name = 'FileError';
  }
}

export type FileStatus = 'changed' | 'unchanged' | 'error' | 'skipped';

export interface FileResult {
  /** Absolute path, or the stdin name. */
  path: string;
  /** Path relative to the working folder, with `/` separators: what output shows. */
  displayPath: string;
  /** `changed`: the repair differs from the file (written with `write`); `skipped`: nothing to read (empty file). */
  status: FileStatus;
  findings: LocatedFinding[];
  /** The text as read and as repaired, for files with findings or a repair. */
  before?: string;
  after?: string;
  /** Why the file could not be read, parsed or written. */
  error?: string;
  /** A note that is not an error (why a file was skipped). */
  note?: string;
  /** The configuration file whose error stopped this file from being processed (the error is that file's). */
  configError?: string;
  written: boolean;
}

export interface RunSummary {
  files: number;
  changed: number;
  unchanged: number;
  withFindings: number;
  errors: number;
  elapsedMs: number;
}

/** The id of the pseudo-rule that reports inline directives which suppress nothing. */
export const UNUSED_DIRECTIVE = 'unused-directive';

/** The id of the pseudo-rule that reports inline directives naming a rule that does not exist. */
export const INVALID_DIRECTIVE = 'invalid-directive';
