/**
 * One Dockerfile's text in, findings and the repaired text out. The fix loop
 * works as ESLint's does: parse, run every enabled transform, apply the fixes
 * that do not overlap one another (identical edits merge; a fix that overlaps
 * one already taken waits), then parse and run again on the result, up to ten
 * passes. The loop ends when a pass has nothing left to apply; the last pass
 * over the final text is the proof that the repair is stable. A file is an
 * error only when its text cannot be parsed, a repaired text does not parse,
 * or the passes do not settle.
 */

import { DEFAULT_TRANSFORMS, TRANSFORMS } from '../transforms/index.js';
import { Analysis, type AnalysisSettings } from './analysis/analysis.js';
import { formatMessage, type ReportDescriptor, type Transform } from './analysis/transform.js';
import {
  applyDirectives,
  readDirectives,
  unknownRuleFindings,
  unusedDirectiveFinding,
} from './directives.js';
import { applyEdits, checkEdits, composeEdits, EditConflictError, type TextEdit } from './edits.js';
import { RunReader } from './model/commands.js';
import { DockerfileModel } from './model/dockerfile.js';
import { isShellParserLoaded, loadShellParser } from './shell/loader.js';
import { ShellReader } from './shell/reader.js';
import { LineTable } from './text.js';
import { FileError, type Finding, type LocatedFinding } from './types.js';

export { FileError, type FileErrorKind, type LocatedFinding } from './types.js';

/** How many times the fix loop may parse and transform a file before it gives up. */
export const MAX_PASSES = 10;

export interface AnalyzeOptions extends AnalysisSettings {
  /** Transforms to run; the default set (those `on` by default) when omitted. */
  transforms?: readonly Transform[];
  /** Options per transform id, already validated; defaults fill what is missing. */
  transformOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Apply unsafe fixes too (`--unsafe-fixes`); safe ones are always applied. */
  unsafeFixes?: boolean;
  /** Honour `# dockerfile-codemod ignore=...` comments (default true). */
  inlineDirectives?: boolean;
  /** Report directives that suppress nothing (rule id `unused-directive`). */
  warnUnusedDirectives?: boolean;
  /** Skip files no transform's `applies()` screen wants (default true; false parses every file). */
  screen?: boolean;
}

export interface AnalyzeResult {
  /** The repaired text: every applicable fix applied; the input itself when nothing changes. */
  output: string;
  /** Findings located in the input, sorted by position. */
  findings: LocatedFinding[];
  /** Passes of the fix loop that parsed the text (0 when no transform wanted the file). */
  passes: number;
  /** Every applied edit, against the input: `output` is the input with these applied. */
  edits: TextEdit[];
}

let sharedReader: ShellReader | undefined;
const shellReader = () => {
  sharedReader ??= new ShellReader();
  return sharedReader;
};
const noShell = (id: string) => () => {
  throw new Error(`transform ${id} reads RUN commands but its meta says needsShell: false`);
};

function parse(text: string): DockerfileModel {
  const model = new DockerfileModel(text);
  const error = model.errors[0];
  if (error) throw new FileError(error.message, model.position(error.offset).line);
  return model;
}

/** Rule ids a directive may name. */
const KNOWN_RULES: ReadonlySet<string> = new Set(TRANSFORMS.map((t) => t.meta.id));

/** Runs the transforms over one parsed text; findings directives suppress are left out. */
function runTransforms(
  model: DockerfileModel,
  transforms: readonly Transform[],
  options: AnalyzeOptions,
  warnUnused: boolean,
): Finding[] {
  const runs = new RunReader(model, shellReader);
  const analysis = new Analysis(model, runs, { cacheDirs: options.cacheDirs });
  const findings: Finding[] = [];
  for (const t of transforms) {
    const { meta } = t;
    const transformRuns = meta.needsShell ? runs : new RunReader(model, noShell(meta.id));
    const report = (d: ReportDescriptor) => {
      const template = meta.messages[d.messageId];
      if (template === undefined) throw new Error(`transform ${meta.id} has no message '${d.messageId}'`);
      const f: Finding = {
        ruleId: meta.id,
        messageId: d.messageId,
        severity: meta.severity,
        message: formatMessage(template, d.data, `${meta.id}/${d.messageId}`),
        start: d.start,
        end: d.end,
      };
      if (d.fix) {
        const edits = Array.isArray(d.fix) ? d.fix : d.fix.edits;
        const safety = Array.isArray(d.fix) ? meta.fix : d.fix.safety;
        if (safety === 'none')
          throw new Error(`transform ${meta.id} reports a fix but its meta says fix: 'none'`);
        if (edits.length) f.fix = { edits, safety };
      }
      findings.push(f);
    };
    const options_ = { ...meta.options?.defaults, ...options.transformOptions?.[meta.id] };
    t.create({ model, runs: transformRuns, analysis, options: options_, report });
  }
  if (options.inlineDirectives === false) return findings;
  const directives = readDirectives(model);
  if (directives.length === 0) return findings;
  const { kept, unused } = applyDirectives(directives, findings);
  if (warnUnused) kept.push(...unused.map(unusedDirectiveFinding));
  kept.push(...unknownRuleFindings(directives, KNOWN_RULES));
  return kept;
}

/**
 * The fixes to apply in one pass: in order of position, each fix whose edits
 * do not overlap those already taken. An edit identical to one taken merges
 * with it; two insertions at one point conflict (their order would be a guess).
 */
function selectFixes(findings: readonly Finding[]): Finding[] {
  const taken: TextEdit[] = [];
  const chosen: Finding[] = [];
  const first = (f: Finding) => Math.min(...(f.fix?.edits ?? []).map((e) => e.start));
  for (const f of [...findings].sort((a, b) => first(a) - first(b))) {
    const edits = f.fix?.edits ?? [];
    if (edits.every((e) => taken.every((t) => compatible(e, t)))) {
      chosen.push(f);
      taken.push(...edits);
    }
  }
  return chosen;
}

function compatible(a: TextEdit, b: TextEdit): boolean {
  if (a.start === b.start && a.end === b.end && a.text === b.text) return true;
  if (a.start === a.end && b.start === b.end) return a.start !== b.start;
  return a.end <= b.start || b.end <= a.start;
}

/** Maps an offset of a pass's output back to its input, through the (checked, sorted) edits of that pass. */
function mapBack(offset: number, edits: readonly TextEdit[]): number {
  let delta = 0;
  for (const e of edits) {
    const outStart = e.start + delta;
    if (offset < outStart) break;
    if (offset < outStart + e.text.length) return e.start;
    delta += e.text.length - (e.end - e.start);
  }
  return offset - delta;
}

/**
 * Analyses and repairs one Dockerfile. Throws FileError when the text cannot
 * be parsed, a repaired text does not parse, or the repairs do not settle.
 */
export async function analyze(text: string, options: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const transforms = options.transforms ?? DEFAULT_TRANSFORMS;
  const screen = options.screen !== false;
  // A file with directives is parsed even when no transform wants it: a directive naming no rule is reported.
  const hasDirectives = options.inlineDirectives !== false && text.includes('dockerfile-codemod');
  const warnUnused = Boolean(options.warnUnusedDirectives) && hasDirectives;
  const lines = new LineTable(text);
  /** Each pass's applied edits, against that pass's input. */
  const batches: TextEdit[][] = [];
  const toInput = (offset: number) => {
    let o = offset;
    for (let i = batches.length - 1; i >= 0; i--) o = mapBack(o, batches[i] as TextEdit[]);
    return o;
  };
  const recorded = new Map<string, LocatedFinding>();
  const onePerSpan = new Set(transforms.filter((t) => t.meta.onePerSpan).map((t) => t.meta.id));
  /** Spans reported on by the transforms that report once per span. */
  const spans = new Set<string>();
  /** The findings of the last pass: a fix left unapplied whose finding is not among them was made moot by another repair. */
  let lastKeys = new Set<string>();
  let current = text;
  let passes = 0;
  for (let pass = 1; ; pass++) {
    const active = screen ? transforms.filter((t) => t.applies(current)) : transforms;
    // The first pass parses only a file some transform wants; later passes parse every repaired text.
    if (pass === 1 && active.length === 0 && !hasDirectives) break;
    let model: DockerfileModel;
    try {
      model = parse(current);
    } catch (e) {
      if (pass === 1 || !(e instanceof FileError)) throw e;
      throw new FileError(
        `internal error: the repaired text does not parse (${e.message}); the file is left as it is`,
        undefined,
        'invalid-output',
      );
    }
    passes = pass;
    if (!isShellParserLoaded() && active.some((t) => t.meta.needsShell)) await loadShellParser();
    const found = runTransforms(model, active, options, warnUnused && pass === 1);
    const applicable = found.filter((f) => f.fix && (f.fix.safety === 'safe' || options.unsafeFixes));
    const chosen = new Set(selectFixes(applicable));
    const keys = new Set<string>();
    for (const f of found) {
      const start = toInput(f.start);
      const end = Math.max(start, toInput(f.end));
      const key = `${f.ruleId}\0${f.messageId}\0${start}\0${end}`;
      keys.add(key);
      const known = recorded.get(key);
      if (known) {
        if (chosen.has(f)) known.fixable = true;
        continue;
      }
      if (onePerSpan.has(f.ruleId)) {
        const span = `${f.ruleId}\0${start}\0${end}`;
        if (spans.has(span) && !chosen.has(f)) continue;
        spans.add(span);
      }
      const s = lines.position(start);
      const e = lines.position(end);
      const located: LocatedFinding = {
        ...f,
        start,
        end,
        line: s.line,
        column: s.column,
        endLine: e.line,
        endColumn: e.column,
        fixable: chosen.has(f),
      };
      if (pass > 1) {
        located.pass = pass;
        delete located.fix;
      }
      recorded.set(key, located);
    }
    lastKeys = keys;
    if (chosen.size === 0) break;
    if (pass === MAX_PASSES) {
      const rules = [...new Set([...chosen].map((f) => f.ruleId))].join(', ');
      throw new FileError(
        `internal error: the repairs do not settle after ${MAX_PASSES} passes (${rules} still changes it); the file is left as it is`,
        undefined,
        'not-idempotent',
      );
    }
    let edits: TextEdit[];
    try {
      for (const f of chosen) checkEdits(f.fix?.edits ?? []);
      edits = checkEdits([...chosen].flatMap((f) => f.fix?.edits ?? []));
    } catch (e) {
      if (!(e instanceof EditConflictError)) throw e;
      throw new FileError(
        `internal error: a repair's edits overlap (${e.message}); the file is left as it is`,
        undefined,
        'conflict',
      );
    }
    current = applyEdits(current, edits);
    batches.push(edits);
  }
  const findings = [...recorded]
    .filter(([key, f]) => f.fixable || !f.fix || lastKeys.has(key))
    .map(([, f]) => f)
    .sort((a, b) => a.start - b.start || a.end - b.end || a.ruleId.localeCompare(b.ruleId));
  return { output: current, findings, passes, edits: composeEdits(text, batches) };
}
