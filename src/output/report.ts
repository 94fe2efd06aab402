/**
 * Machine-readable reports of a run: the JSON report (schema documented in
 * docs/json-report.md) and its per-file objects (the lines of JSON Lines),
 * SARIF 2.1.0 with fixes, and GitHub Actions workflow commands. All are built
 * from the same per-file results.
 */
import { TRANSFORMS } from '../../transforms/index.js';
import { LineTable } from '../text.js';
import type {
  FileResult,
  FileStatus,
  FixSafety,
  LocatedFinding,
  Mode,
  RunSummary,
  Severity,
} from '../types.js';
import { VERSION } from '../version.js';
import { DIRECTIVE_RULES, REPOSITORY_URL, ruleDocsUrl } from './directive-rules.js';
import { markdownToText, type RuleHelpSource, ruleHelpMarkdown } from './rule-docs.js';
import type { StatisticsRow } from './statistics.js';

export type { Mode } from '../types.js';

export const JSON_SCHEMA_ID = 'dockerfile-codemod/report/v1';

export interface JsonPosition {
  /** 1-based line. */
  line: number;
  /** 1-based column, in UTF-16 code units. */
  column: number;
  /** 0-based offset from the start of the file (a BOM included), in UTF-16 code units. */
  offset: number;
}

export interface JsonRange {
  start: JsonPosition;
  end: JsonPosition;
}

export interface JsonEdit {
  /** The span of the original file to replace (empty for an insertion). */
  range: JsonRange;
  text: string;
}

export interface JsonFinding {
  ruleId: string;
  /** Which of the rule's messages this is: stable across wording changes. */
  messageId: string;
  severity: Severity;
  message: string;
  range: JsonRange;
  /** Whether the run's output includes the repair (`--write` writes it; a dry run shows it). */
  fixable: boolean;
  /**
   * The repair as edits against the original file, and its safety; null for a
   * report-only finding and for one found only after other repairs (`pass`).
   */
  fix: { edits: JsonEdit[]; safety: FixSafety } | null;
  /** The pass of the fix loop that found it, when later than the first. */
  pass?: number;
}

export interface JsonFile {
  /** Relative to the working folder, with `/` separators. */
  path: string;
  status: FileStatus;
  /** Whether --write wrote the repair. */
  written: boolean;
  findings: JsonFinding[];
  error?: string;
  note?: string;
}

export interface JsonReport {
  schema: typeof JSON_SCHEMA_ID;
  tool: { name: 'dockerfile-codemod'; version: string };
  mode: Mode;
  files: JsonFile[];
  summary: RunSummary;
  /** With `--statistics`: the findings counted per rule and message id. */
  statistics?: StatisticsRow[];
}

function positionOf(lines: LineTable, offset: number): JsonPosition {
  const p = lines.position(offset);
  return { line: p.line, column: p.column, offset };
}

function rangeOf(lines: LineTable, start: number, end: number): JsonRange {
  return { start: positionOf(lines, start), end: positionOf(lines, end) };
}

function jsonFinding(lines: LineTable, f: LocatedFinding): JsonFinding {
  const out: JsonFinding = {
    ruleId: f.ruleId,
    messageId: f.messageId,
    severity: f.severity,
    message: f.message,
    range: rangeOf(lines, f.start, f.end),
    fixable: f.fixable,
    fix: f.fix
      ? {
          edits: f.fix.edits.map((e) => ({ range: rangeOf(lines, e.start, e.end), text: e.text })),
          safety: f.fix.safety,
        }
      : null,
  };
  if (f.pass !== undefined) out.pass = f.pass;
  return out;
}

/** One file of the JSON report; also one line of `--format jsonl`. */
export function jsonFile(r: FileResult): JsonFile {
  const lines = new LineTable(r.before ?? '');
  const file: JsonFile = {
    path: r.displayPath,
    status: r.status,
    written: r.written,
    findings: r.findings.map((f) => jsonFinding(lines, f)),
  };
  if (r.error !== undefined) file.error = r.error;
  if (r.note !== undefined) file.note = r.note;
  return file;
}

export function jsonReport(
  results: readonly FileResult[],
  summary: RunSummary,
  mode: Mode,
  statistics?: StatisticsRow[],
): JsonReport {
  const report: JsonReport = {
    schema: JSON_SCHEMA_ID,
    tool: { name: 'dockerfile-codemod', version: VERSION },
    mode,
    files: results.map(jsonFile),
    summary,
  };
  if (statistics) report.statistics = statistics;
  return report;
}

const INFORMATION_URI = REPOSITORY_URL;

/** A relative path as a URI reference: each segment percent-encoded. */
function uriOf(displayPath: string): string {
  return displayPath.split('/').map(encodeURIComponent).join('/');
}

interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
  charOffset: number;
  charLength: number;
}

function sarifRegion(lines: LineTable, start: number, end: number): SarifRegion {
  const s = lines.position(start);
  const e = lines.position(end);
  return {
    startLine: s.line,
    startColumn: s.column,
    endLine: e.line,
    endColumn: e.column,
    charOffset: start,
    charLength: end - start,
  };
}

/**
 * Where a finding is: its span with the text it covers (`snippet`), and the
 * whole lines around it (`contextRegion`), so a viewer without the file can
 * show the code.
 */
function physicalLocation(lines: LineTable, artifactLocation: object, start: number, end: number): object {
  const first = lines.lineOf(start);
  const last = lines.lineOf(end);
  const contextStart = lines.starts[first] ?? 0;
  const contextEnd = lines.lineEnd(last);
  const location: Record<string, unknown> = {
    artifactLocation,
    region: { ...sarifRegion(lines, start, end), snippet: { text: lines.text.slice(start, end) } },
  };
  // SARIF wants the context a proper superset of the region: none when the finding covers its whole lines.
  if (contextStart < start || contextEnd > end) {
    location.contextRegion = {
      ...sarifRegion(lines, contextStart, contextEnd),
      snippet: { text: lines.text.slice(contextStart, contextEnd) },
    };
  }
  return location;
}

/** SARIF's levels: an `info` finding is a `note`. */
const sarifLevel = (s: Severity) => (s === 'info' ? 'note' : s);

/** A rule id as the friendly PascalCase name SARIF viewers show: `cache-mount-install-target` is `CacheMountInstallTarget`. */
const pascalCase = (id: string) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

/** A SARIF multiformat message: the markdown, and the same as plain text. */
const multiformat = (markdown: string) => ({
  text: markdownToText(markdown).trim(),
  markdown: markdown.trim(),
});

/**
 * The reporting descriptor of a rule: its summary, a full description (what it
 * does) and help (what it does, why it matters, the example, the fix safety)
 * made from the same documentation as its page, and that page's address.
 */
function sarifRule(rule: RuleHelpSource & { severity: Severity; fix: FixSafety | 'none' }): object {
  const helpUri = ruleDocsUrl(rule.id);
  return {
    id: rule.id,
    name: pascalCase(rule.id),
    shortDescription: { text: markdownToText(rule.summary) },
    fullDescription: multiformat(rule.docs.whatItDoes),
    help: multiformat(ruleHelpMarkdown(rule, helpUri)),
    helpUri,
    defaultConfiguration: { level: sarifLevel(rule.severity) },
    properties: { fix: rule.fix },
  };
}

const RULES: ReadonlyArray<{ id: string; descriptor: object }> = [
  ...TRANSFORMS.map((t) => ({
    id: t.meta.id,
    descriptor: sarifRule(t.meta),
  })),
  ...DIRECTIVE_RULES.map((r) => ({ id: r.id, descriptor: sarifRule({ ...r, fix: 'none' }) })),
];

/**
 * SARIF 2.1.0: one run, the rules the tool knows, one result per finding with
 * its fix as `artifactChanges[].replacements`, and files that could not be
 * processed as tool execution notifications.
 */
export function sarifReport(results: readonly FileResult[], cwd: string): object {
  const sarifResults: object[] = [];
  const notifications: object[] = [];
  for (const r of results) {
    const artifactLocation = { uri: uriOf(r.displayPath), uriBaseId: 'SRCROOT' };
    if (r.error !== undefined) {
      notifications.push({
        level: 'error',
        message: { text: `${r.displayPath}: ${r.error}` },
        locations: [{ physicalLocation: { artifactLocation } }],
      });
      continue;
    }
    const lines = new LineTable(r.before ?? '');
    for (const f of r.findings) {
      const ruleIndex = RULES.findIndex((x) => x.id === f.ruleId);
      const result: Record<string, unknown> = {
        ruleId: f.ruleId,
        ...(ruleIndex >= 0 ? { ruleIndex } : {}),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        properties: { messageId: f.messageId, fixable: f.fixable },
        locations: [{ physicalLocation: physicalLocation(lines, artifactLocation, f.start, f.end) }],
      };
      if (f.fix) {
        result.fixes = [
          {
            description: {
              text: `Apply the ${f.ruleId} repair (dockerfile-codemod --write${f.fix.safety === 'unsafe' ? ' --unsafe-fixes' : ''}).`,
            },
            artifactChanges: [
              {
                artifactLocation,
                replacements: f.fix.edits.map((e) => ({
                  deletedRegion: sarifRegion(lines, e.start, e.end),
                  insertedContent: { text: e.text },
                })),
              },
            ],
          },
        ];
      }
      sarifResults.push(result);
    }
  }
  const base = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'dockerfile-codemod',
            version: VERSION,
            informationUri: INFORMATION_URI,
            rules: RULES.map((rule) => rule.descriptor),
          },
        },
        originalUriBaseIds: {
          SRCROOT: { uri: `file://${base.split('/').map(encodeURIComponent).join('/')}` },
        },
        columnKind: 'utf16CodeUnits',
        invocations: [
          { executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications },
        ],
        results: sarifResults,
      },
    ],
  };
}

/** GitHub Actions workflow commands escape these in data and, in properties, `:` and `,` too. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** `::warning file=...,line=...::message` lines for GitHub Actions annotations. */
export function githubAnnotations(results: readonly FileResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    if (r.error !== undefined) {
      out.push(
        `::error file=${escapeProperty(r.displayPath)},title=dockerfile-codemod::${escapeData(r.error)}`,
      );
      continue;
    }
    for (const f of r.findings) {
      const props = [
        `file=${escapeProperty(r.displayPath)}`,
        `line=${f.line}`,
        `col=${f.column}`,
        `endLine=${f.endLine}`,
        `endColumn=${f.endColumn}`,
        `title=${escapeProperty(f.ruleId)}`,
      ].join(',');
      out.push(`::${f.severity === 'info' ? 'notice' : f.severity} ${props}::${escapeData(f.message)}`);
    }
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
