/**
 * One Dockerfile's text in, findings and the repaired text out: parse, run
 * the transforms, check and apply their edits, then verify the result (it must
 * parse, and a second pass must find nothing more to edit).
 */
import { TRANSFORMS } from '../transforms/index.js';
import { applyDirectives, readDirectives, unusedDirectiveFinding } from './directives.js';
import { applyEdits, EditConflictError, type TextEdit } from './edits.js';
import { RunReader } from './model/commands.js';
import { DockerfileModel, type RunInstruction } from './model/dockerfile.js';
import { onlyKnownCacheMounts } from './package-managers/known-caches.js';
import { isShellParserLoaded, loadShellParser } from './shell/loader.js';
import { ShellReader } from './shell/reader.js';
import type { Finding, Transform, TransformOptions } from './transform.js';

export interface LocatedFinding extends Finding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Whether the finding carries edits (applied by --write, shown by a dry run). */
  fixable: boolean;
}

export interface AnalyzeOptions extends TransformOptions {
  /** Transforms to run; all when omitted. */
  transforms?: readonly Transform[];
  /** Honour `# dockerfile-codemod ignore=...` comments (default true). */
  inlineDirectives?: boolean;
  /** Report directives that suppress nothing (rule id `unused-directive`). */
  warnUnusedDirectives?: boolean;
  /** Skip parsing files whose cache mounts all target well-known download caches (default true). */
  screen?: boolean;
}

export interface AnalyzeResult {
  output: string;
  findings: LocatedFinding[];
}

/** A file the tool cannot work on: unreadable, not a Dockerfile, or a fix that does not verify. */
export type FileErrorKind =
  /** The input cannot be read or parsed. */
  | 'input'
  /** Two repairs overlap. */
  | 'conflict'
  /** The repaired text does not parse. */
  | 'invalid-output'
  /** A second pass over the repaired text would change it again. */
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

/** Quick test: can the text hold a cache mount at all? Files without one are never parsed. */
export function mayHaveCacheMount(text: string): boolean {
  // A cache mount needs a `--mount` flag with `type=cache` (the default type is bind).
  return text.includes('--mount') && /type=["']?cache/i.test(text);
}

function needsShell(model: DockerfileModel): boolean {
  return model.runs().some((r: RunInstruction) => r.mounts.some((m) => m.type === 'cache'));
}

let sharedReader: ShellReader | undefined;
const shellReader = () => {
  sharedReader ??= new ShellReader();
  return sharedReader;
};

function runTransforms(model: DockerfileModel, options: AnalyzeOptions): Finding[] {
  const context = { model, runs: new RunReader(model, shellReader), options };
  const findings: Finding[] = [];
  for (const t of options.transforms ?? TRANSFORMS) findings.push(...t.run(context));
  const byPosition = (a: Finding, b: Finding) => a.start - b.start || a.end - b.end;
  if (options.inlineDirectives === false) return findings.sort(byPosition);
  const directives = readDirectives(model);
  if (directives.length === 0) return findings.sort(byPosition);
  const { kept, unused } = applyDirectives(directives, findings);
  if (options.warnUnusedDirectives) kept.push(...unused.map(unusedDirectiveFinding));
  return kept.sort(byPosition);
}

function parse(text: string): DockerfileModel {
  const model = new DockerfileModel(text);
  const error = model.errors[0];
  if (error) throw new FileError(error.message, model.position(error.offset).line);
  return model;
}

/**
 * Analyses and repairs one Dockerfile. Throws FileError when the text cannot
 * be parsed or the repair does not verify.
 */
export async function analyze(text: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const directivesToCheck = options.warnUnusedDirectives && text.includes('dockerfile-codemod');
  if (!directivesToCheck) {
    if (!mayHaveCacheMount(text)) return { output: text, findings: [] };
    if (options.screen !== false && onlyKnownCacheMounts(text)) return { output: text, findings: [] };
  }
  const model = parse(text);
  if (!isShellParserLoaded() && needsShell(model)) await loadShellParser();
  const findings = runTransforms(model, options);
  const edits: TextEdit[] = findings.flatMap((f) => f.fix?.edits ?? []);
  let output = text;
  if (edits.length) {
    try {
      output = applyEdits(text, edits);
    } catch (e) {
      if (e instanceof EditConflictError) {
        throw new FileError(
          `internal error: two repairs overlap (${e.message}); the file is left as it is`,
          undefined,
          'conflict',
        );
      }
      throw e;
    }
    verify(output, options);
  }
  const located = findings.map((f) => {
    const s = model.position(f.start);
    const e = model.position(f.end);
    return {
      ...f,
      line: s.line,
      column: s.column,
      endLine: e.line,
      endColumn: e.column,
      fixable: f.fix !== undefined,
    };
  });
  return { output, findings: located };
}

function verify(output: string, options: AnalyzeOptions): void {
  let again: Finding[];
  try {
    again = runTransforms(parse(output), options);
  } catch (e) {
    if (e instanceof FileError) {
      throw new FileError(
        `internal error: the repaired text does not parse (${e.message}); the file is left as it is`,
        undefined,
        'invalid-output',
      );
    }
    throw e;
  }
  const more = again.filter((f) => f.fix);
  if (more.length) {
    throw new FileError(
      `internal error: a second pass over the repaired text would still change it (${more[0]?.ruleId}); the file is left as it is`,
      undefined,
      'not-idempotent',
    );
  }
}
