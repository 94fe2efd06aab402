/**
 * The programmatic API, exported as the package entry point:
 *
 *     import { transformSource, run, listTransforms } from 'dockerfile-codemod';
 *
 * `transformSource` repairs one Dockerfile's text; `run` runs the whole
 * pipeline over paths (discovery, configuration files, --write semantics) and
 * returns per-file results. Both are async only because the shell parser
 * loads its WebAssembly grammar on first use.
 */
import { type AnalyzeOptions, analyze } from './analyze.js';
import { transformsFor } from './run.js';
import type { LocatedFinding } from './types.js';

export type { Config } from './config.js';
export { ConfigError } from './config.js';
export type { TextEdit } from './edits.js';
export type { CodeQualityIssue } from './output/gitlab.js';
export { gitlabReport } from './output/gitlab.js';
export type { JsonReport } from './output/report.js';
export { githubAnnotations, jsonFile, jsonReport, sarifReport } from './output/report.js';
export type { RunOptions, RunResult, TransformInfo } from './run.js';
export { explainTransform, listTransforms, run, runText, UsageError } from './run.js';
export type {
  FileErrorKind,
  FileResult,
  FileStatus,
  Fix,
  FixSafety,
  LocatedFinding as Finding,
  Mode,
  RunSummary,
  Severity,
} from './types.js';
export { FileError } from './types.js';
export { VERSION } from './version.js';

export interface TransformSourceOptions {
  /** Run only these transform ids; the default set when omitted. */
  transforms?: readonly string[];
  /** Add these transforms to the set (opt-in ones such as `add-cache-mounts`). */
  enable?: readonly string[];
  /** Take these transforms out of the set. */
  disable?: readonly string[];
  /** Options per transform id, checked against nothing here: pass what the transform documents. */
  transformOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Apply unsafe fixes too. */
  unsafeFixes?: boolean;
  /** Cache folders to use instead of the computed ones, per package-manager id (`{ pip: '/cache/pip' }`). */
  cacheDirs?: Readonly<Record<string, string>>;
  /** Honour `# dockerfile-codemod ignore=...` comments (default true). */
  inlineDirectives?: boolean;
  /** Report directives that suppress nothing. */
  warnUnusedDirectives?: boolean;
}

export interface TransformSourceResult {
  /** The repaired text (the input itself when nothing changes). */
  output: string;
  /** Every finding, with positions in the input; those with a fix carry its edits. */
  findings: LocatedFinding[];
}

/**
 * Repairs one Dockerfile's text. Throws FileError when the text cannot be
 * parsed (`kind: 'input'`) or a repair does not verify, UsageError for an
 * unknown transform id.
 */
export async function transformSource(
  text: string,
  options: TransformSourceOptions = {},
): Promise<TransformSourceResult> {
  const analyzeOptions: AnalyzeOptions = {
    transforms: transformsFor(options),
    transformOptions: options.transformOptions,
    unsafeFixes: options.unsafeFixes,
    cacheDirs: options.cacheDirs,
    inlineDirectives: options.inlineDirectives,
    warnUnusedDirectives: options.warnUnusedDirectives,
  };
  const { output, findings } = await analyze(text, analyzeOptions);
  return { output, findings };
}
