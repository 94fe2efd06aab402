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
import { TRANSFORMS } from '../transforms/index.js';
import { type AnalyzeOptions, analyze, type LocatedFinding } from './analyze.js';
import { selectTransforms } from './run.js';

export type { FileErrorKind, LocatedFinding as Finding } from './analyze.js';
export { FileError } from './analyze.js';
export type { Config } from './config.js';
export { ConfigError } from './config.js';
export type { TextEdit } from './edits.js';
export type { JsonReport } from './output/report.js';
export { githubAnnotations, jsonReport, sarifReport } from './output/report.js';
export type { FileResult, FileStatus, RunOptions, RunResult, RunSummary } from './run.js';
export { run, runText, UsageError } from './run.js';
export { VERSION } from './version.js';

export interface TransformSourceOptions {
  /** Transform ids to run; all when omitted. */
  transforms?: readonly string[];
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
  /** Every finding, with positions in the input; fixable ones carry their edits. */
  findings: LocatedFinding[];
}

/**
 * Repairs one Dockerfile's text. Throws FileError when the text cannot be
 * parsed (`kind: 'input'`) or a repair does not verify.
 */
export async function transformSource(
  text: string,
  options: TransformSourceOptions = {},
): Promise<TransformSourceResult> {
  const analyzeOptions: AnalyzeOptions = {
    transforms: selectTransforms(options.transforms),
    cacheDirs: options.cacheDirs,
    inlineDirectives: options.inlineDirectives,
    warnUnusedDirectives: options.warnUnusedDirectives,
  };
  const { output, findings } = await analyze(text, analyzeOptions);
  return { output, findings };
}

export interface TransformInfo {
  id: string;
  summary: string;
  /** `safe`: --write applies its fixes. */
  fix: 'safe' | 'none';
  /** Path of its documentation page inside the package. */
  docs: string;
}

export function listTransforms(): TransformInfo[] {
  return TRANSFORMS.map((t) => ({
    id: t.meta.id,
    summary: t.meta.summary,
    fix: t.meta.fix,
    docs: t.meta.docs,
  }));
}
