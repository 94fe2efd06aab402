/**
 * The machine formats as the services that read them check them: SARIF with
 * the rules' documentation, validated by Microsoft's SARIF multitool with
 * GitHub's ingestion rules, over a report that holds every kind of finding.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIRECTIVE_RULES } from '../src/output/directive-rules.js';
import { TRANSFORMS } from '../transforms/index.js';
import {
  ensureBuilt,
  fixtureInput,
  removeTempDirs,
  runCli,
  type Tree,
  tempDir,
  writeTree,
} from './helpers/cli.js';

jest.setTimeout(60_000);

const BROKEN = fixtureInput('seed-pip-target').toString();
const REPORT_ONLY = fixtureInput('non-root-unknown-uid-report').toString();
const UNPARSEABLE =
  'FROM python:3.12\n{% if x %}\nRUN --mount=type=cache,target=/p pip install --target=/p y\n';
const unusedDirective = DIRECTIVE_RULES.find((r) => r.id === 'unused-directive')?.docs.example.before ?? '';
const invalidDirective = DIRECTIVE_RULES.find((r) => r.id === 'invalid-directive')?.docs.example.before ?? '';

beforeAll(ensureBuilt);
afterAll(removeTempDirs);

function project(tree: Tree): string {
  const dir = tempDir('dfcm-formats-');
  writeTree(dir, tree);
  return dir;
}

/**
 * A tree with a finding of every kind: one with a fix, one reported without
 * (a non-root user whose uid is unknown), a directive that suppresses nothing,
 * a directive naming a rule that does not exist; a file that cannot be parsed,
 * an empty one and a clean one.
 */
const EVERY_KIND: Tree = {
  'a b/Dockerfile': BROKEN,
  'report/Dockerfile': REPORT_ONLY,
  'unused/Dockerfile': unusedDirective,
  'invalid/Dockerfile': invalidDirective,
  'template/Dockerfile': UNPARSEABLE,
  'empty/Dockerfile': '',
  'clean/Dockerfile': 'FROM alpine:3.20\nRUN --mount=type=cache,target=/var/cache/apk apk add curl\n',
};

/** The platform's multitool executable (`@microsoft/sarif-multitool` resolves to it). */
const MULTITOOL: string = require('@microsoft/sarif-multitool');

interface SarifLog {
  runs: Array<{
    tool: { driver: { rules: Array<Record<string, unknown> & { id: string }> } };
    results: Array<{ ruleId: string; level: string; fixes?: unknown; message: { text: string } }>;
    invocations: Array<{ toolExecutionNotifications: unknown[] }>;
  }>;
}

/**
 * `Sarif.Multitool validate FILE --rule-kind Ghas;Sarif`: the results it
 * reports at the given levels. `Ghas` (formerly `Gh`, which 5.7.0 still
 * takes) runs GitHub's ingestion rules (GH1001...), `Sarif` the SARIF
 * specification's own. The file comes first: `--rule-kind`, `--level` and
 * `--log` take lists, and a list option takes the words after it as values
 * (`validate --rule-kind Gh FILE` fails with "Option 'rule-kind' is defined
 * with a bad format"). The executable is called directly: the npm package's
 * `sarif-multitool` passes its arguments through a shell, where `;` ends the
 * command.
 */
function validate(
  file: string,
  levels: string,
): { status: number | null; results: SarifLog['runs'][0]['results'] } {
  const out = `${file}.validation.sarif`;
  const r = spawnSync(
    MULTITOOL,
    [
      'validate',
      file,
      '--rule-kind',
      'Ghas;Sarif',
      '--level',
      levels,
      '--output',
      out,
      '--log',
      'ForceOverwrite',
    ],
    { encoding: 'utf8' },
  );
  if (r.error) throw r.error;
  if (!fs.existsSync(out))
    throw new Error(`the multitool wrote no log (${r.status}):\n${r.stdout}\n${r.stderr}`);
  const log = JSON.parse(fs.readFileSync(out, 'utf8')) as SarifLog;
  return { status: r.status, results: log.runs[0]?.results ?? [] };
}

describe('--format sarif', () => {
  let dir: string;
  let sarif: SarifLog;
  beforeAll(() => {
    dir = project(EVERY_KIND);
    const r = runCli(dir, ['--format', 'sarif', '--warn-unused-directives', '--output', 'report.sarif']);
    expect(r.status).toBe(2);
    sarif = JSON.parse(fs.readFileSync(path.join(dir, 'report.sarif'), 'utf8'));
  });

  test('the report holds a finding of every kind and a file that could not be read', () => {
    const run = sarif.runs[0];
    const kinds = run?.results.map((x) => [x.ruleId, x.fixes === undefined ? 'report' : 'fix']);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['cache-mount-install-target', 'fix'],
        ['cache-mount-install-target', 'report'],
        ['unused-directive', 'report'],
        ['invalid-directive', 'report'],
      ]),
    );
    expect(run?.invocations[0]?.toolExecutionNotifications).toHaveLength(1);
  });

  test("GitHub's ingestion rules and the SARIF rules find no error and no warning", () => {
    const { status, results } = validate(path.join(dir, 'report.sarif'), 'Error;Warning');
    expect(results.map((x) => `${x.ruleId}: ${x.message.text}`)).toEqual([]);
    expect(status).toBe(0);
  });

  test('the validator does check GitHub rules: a rule without help is an error', () => {
    const broken = JSON.parse(JSON.stringify(sarif)) as SarifLog;
    const rule = broken.runs[0]?.tool.driver.rules[0] as Record<string, unknown>;
    delete rule.help;
    delete rule.fullDescription;
    const file = path.join(dir, 'broken.sarif');
    fs.writeFileSync(file, JSON.stringify(broken, null, 2));
    const { results } = validate(file, 'Error;Warning');
    expect(results.map((x) => [x.ruleId, x.level])).toEqual([
      ['GH2012', 'error'],
      ['GH2012', 'error'],
    ]);
  });

  test('what remains at the note level are suggestions the report cannot or need not follow', () => {
    const { results } = validate(path.join(dir, 'report.sarif'), 'Error;Warning;Note');
    // SARIF2002: message ids instead of text (GitHub requires the text); SARIF2003: version control
    // details (the tool does not read git); SARIF2006: URLs not reachable (no network here); SARIF2009:
    // rule ids like `CS2001` (ours are words); SARIF2011: no context region where the finding covers
    // its whole lines (a context must be larger than the region).
    expect(results.length).toBeGreaterThan(0);
    for (const x of results) {
      expect([x.ruleId, x.level]).toEqual([expect.stringMatching(/^SARIF20(02|03|06|09|11)$/), 'note']);
    }
  });

  test("every rule carries its documentation: full description, help as text and markdown, the page's address", () => {
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(rules.map((r) => r.id)).toEqual([
      ...TRANSFORMS.map((t) => t.meta.id),
      'unused-directive',
      'invalid-directive',
    ]);
    const sources = [
      ...TRANSFORMS.map((t) => ({ id: t.meta.id, docs: t.meta.docs, page: `docs/rules/${t.meta.id}.md` })),
      ...DIRECTIVE_RULES,
    ];
    for (const rule of rules) {
      const source = sources.find((s) => s.id === rule.id);
      const docs = source?.docs;
      const help = rule.help as { text: string; markdown: string };
      const full = rule.fullDescription as { text: string; markdown: string };
      expect(full.markdown).toBe(docs?.whatItDoes);
      expect(full.text).not.toContain('`');
      expect(help.markdown).toContain(`## What it does\n\n${docs?.whatItDoes}`);
      expect(help.markdown).toContain(`## Why it matters\n\n${docs?.whyItMatters}`);
      expect(help.markdown).toContain(`## Example\n\n\`\`\`dockerfile\n${docs?.example.before}\`\`\``);
      if (docs?.example.after) expect(help.markdown).toContain(docs.example.after);
      expect(help.markdown).toContain(`## Fix safety\n\n${docs?.fixSafety}`);
      // The text form: the same sections, code indented, no markdown marks.
      expect(help.text).toContain('What it does\n\n');
      expect(help.text).toContain(`    ${docs?.example.before.split('\n')[0]}`);
      expect(help.text).not.toMatch(/```|^#/m);
      expect(rule.helpUri).toBe(
        `https://github.com/dockerfile-codemod/dockerfile-codemod/blob/main/${source?.page}`,
      );
      expect(help.markdown).toContain(`(${rule.helpUri})`);
    }
  });

  test("each inline-directive rule's example gives its finding", () => {
    for (const rule of DIRECTIVE_RULES) {
      const r = runCli(tempDir(), ['--check', '--warn-unused-directives', '-'], rule.docs.example.before);
      expect([rule.id, r.status]).toEqual([rule.id, 1]);
      expect(r.stdout).toMatch(new RegExp(`^<stdin>:\\d+:1 ${rule.id} `, 'm'));
    }
  });

  test('a result names its code: the span as a snippet, the whole lines as its context', () => {
    const result = sarif.runs[0]?.results.find((x) => x.fixes !== undefined) as unknown as {
      locations: Array<{
        physicalLocation: {
          region: { startLine: number; snippet: { text: string } };
          contextRegion: { startLine: number; startColumn: number; snippet: { text: string } };
        };
      }>;
    };
    const location = result.locations[0]?.physicalLocation;
    expect(location?.region.snippet.text).toBe('--mount=type=cache,target=/pip-packages');
    expect(location?.contextRegion).toMatchObject({ startLine: 4, startColumn: 1 });
    expect(location?.contextRegion.snippet.text).toBe(BROKEN.split('\n')[3]);
  });
});
