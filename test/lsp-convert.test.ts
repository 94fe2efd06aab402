/**
 * The language server's conversions, in process: offsets and findings to
 * protocol positions (UTF-16 units, 0-based, every kind of line break),
 * severities, rule links (the SARIF report's), which documents are checked,
 * and the code actions built from an analysis, unsafe fixes included.
 */

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze } from '../src/analyze.js';
import { codeActions, directiveEdit, fixTitle, kindWanted, REASON_PLACEHOLDER } from '../src/lsp/actions.js';
import { diagnosticOf, offsetOf, positionOf, rangeOf } from '../src/lsp/convert.js';
import { fileOfUri, isChecked } from '../src/lsp/server.js';
import { ruleDocsUrl } from '../src/output/directive-rules.js';
import { sarifReport } from '../src/output/report.js';
import { instructionSpans } from '../src/run.js';
import { LineTable } from '../src/text.js';
import type { LocatedFinding } from '../src/types.js';

/** The protocol's own arithmetic, for comparison: vscode-languageserver-textdocument. */
const reference = (text: string) => TextDocument.create('file:///Dockerfile', 'dockerfile', 1, text);

describe('positions', () => {
  const texts = {
    lf: 'FROM a\nRUN x\n',
    crlf: 'FROM a\r\nRUN é\r\n\r\nRUN 😀 y\r\n',
    cr: 'FROM a\rRUN b\r',
    mixed: '# ß\r\nFROM a\nRUN 😀😀\rCMD z',
    bom: '\ufeffFROM a\nRUN b',
  };
  test.each(Object.entries(texts))(
    '%s: every offset maps as vscode-languageserver-textdocument maps it',
    (_, text) => {
      const lines = new LineTable(text);
      const doc = reference(text);
      for (let offset = 0; offset <= text.length; offset++) {
        // Between \r and \n the two differ on purpose: the server keeps such an offset on its line.
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        expect([offset, positionOf(lines, offset)]).toEqual([offset, doc.positionAt(offset)]);
        expect(offsetOf(lines, doc.positionAt(offset))).toBe(offset);
      }
    },
  );

  test('an offset between \\r and \\n stays at the end of its line', () => {
    const lines = new LineTable('FROM a\r\nRUN b\r\n');
    expect(positionOf(lines, 7)).toEqual({ line: 0, character: 6 });
    expect(rangeOf(lines, 8, 13)).toEqual({
      start: { line: 1, character: 0 },
      end: { line: 1, character: 5 },
    });
  });

  test('a position past its line or past the text is clamped', () => {
    const lines = new LineTable('FROM a\r\nRUN b');
    expect(offsetOf(lines, { line: 0, character: 99 })).toBe(6);
    expect(offsetOf(lines, { line: 9, character: 0 })).toBe(13);
    expect(offsetOf(lines, { line: -1, character: -4 })).toBe(0);
  });

  test('a finding’s diagnostic range is its 1-based line and column, 0-based, in UTF-16 units', async () => {
    const text =
      'FROM node:20\r\n# 😀 ß\r\nWORKDIR /app\r\nRUN --mount=type=cache,id=😀,target=/app/node_modules npm ci\r\n';
    const { findings } = await analyze(text);
    expect(findings).toHaveLength(1);
    const f = findings[0] as LocatedFinding;
    const d = diagnosticOf(f);
    const doc = reference(text);
    expect(d.range).toEqual({ start: doc.positionAt(f.start), end: doc.positionAt(f.end) });
    expect(d.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 53 } });
  });
});

const finding = (over: Partial<LocatedFinding> = {}): LocatedFinding => ({
  ruleId: 'cache-mount-install-target',
  messageId: 'retarget',
  severity: 'warning',
  message: 'm',
  start: 0,
  end: 4,
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 5,
  fixable: false,
  ...over,
});

describe('diagnostics', () => {
  test('severities: error 1, warning 2, info 3 (Information)', () => {
    expect(
      (['error', 'warning', 'info'] as const).map((severity) => diagnosticOf(finding({ severity })).severity),
    ).toEqual([1, 2, 3]);
  });

  test('data carries the rule, the message id, the page and whether a quick fix exists', () => {
    expect(diagnosticOf(finding()).data).toEqual({
      ruleId: 'cache-mount-install-target',
      messageId: 'retarget',
      docs: ruleDocsUrl('cache-mount-install-target'),
      fix: 'none',
    });
    const unsafe = finding({ fix: { edits: [{ start: 0, end: 1, text: 'x' }], safety: 'unsafe' } });
    expect((diagnosticOf(unsafe).data as { fix: string }).fix).toBe('unsafe');
  });

  test('rule pages are the ones the SARIF report links to, and exist', () => {
    const sarif = sarifReport([], '/') as {
      runs: Array<{ tool: { driver: { rules: Array<{ id: string; helpUri: string }> } } }>;
    };
    const rules = sarif.runs[0]?.tool.driver.rules ?? [];
    expect(rules.length).toBeGreaterThan(1);
    const base = 'https://github.com/dockerfile-codemod/dockerfile-codemod/blob/main/';
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    for (const rule of rules) {
      const url = ruleDocsUrl(rule.id);
      expect([rule.id, url]).toEqual([rule.id, rule.helpUri]);
      expect(url.startsWith(base)).toBe(true);
      const [file, anchor] = url.slice(base.length).split('#');
      expect(existsSync(join(__dirname, '..', file as string))).toBe(true);
      // The README section the directive rules link to.
      if (anchor !== undefined)
        expect(readme).toMatch(new RegExp(`^#+ ${anchor.replace(/-/g, '[ -]')}$`, 'im'));
    }
    expect(ruleDocsUrl('invalid-directive')).toBe(ruleDocsUrl('unused-directive'));
  });
});

describe('documents', () => {
  test.each([
    ['dockerfile', 'file:///w/anything.txt', true],
    ['containerfile', 'untitled:Untitled-1', true],
    ['Dockerfile', 'file:///w/x', true],
    ['', 'file:///w/Dockerfile', true],
    ['plaintext', 'file:///w/Containerfile.dev', true],
    ['plaintext', 'file:///w/api.dockerfile', true],
    ['plaintext', 'file:///w/my%20app/Dockerfile', true],
    ['plaintext', 'untitled:Dockerfile', true],
    ['plaintext', 'file:///w/Dockerfile.md', false],
    ['plaintext', 'file:///w/notes.txt', false],
    ['yaml', 'file:///w/docker-compose.yml', false],
  ])('language %j, %s: checked %s', (languageId, uri, checked) => {
    expect(isChecked(languageId, uri)).toBe(checked);
  });

  test('file URIs are files (percent-decoded); other schemes are not', () => {
    expect(fileOfUri('file:///w/my%20app/Dockerfile')).toBe('/w/my app/Dockerfile');
    expect(fileOfUri('untitled:Untitled-1')).toBeUndefined();
    expect(fileOfUri('vscode-remote://ssh/w/Dockerfile')).toBeUndefined();
  });
});

describe('code actions', () => {
  test('kinds: a requested kind covers its sub-kinds', () => {
    expect(kindWanted('source.fixAll.dockerfile-codemod', undefined)).toBe(true);
    expect(kindWanted('source.fixAll.dockerfile-codemod', ['source'])).toBe(true);
    expect(kindWanted('source.fixAll.dockerfile-codemod', ['source.fixAll'])).toBe(true);
    expect(kindWanted('source.fixAll.dockerfile-codemod', ['source.fix'])).toBe(false);
    expect(kindWanted('quickfix', ['source', 'refactor'])).toBe(false);
  });

  test('titles say what the fix does; an unsafe fix says it is unsafe', () => {
    const text = 'RUN --mount=type=cache,target=/app/node_modules npm ci';
    const at = text.indexOf('/app/node_modules');
    const edit = { start: at, end: at + 17, text: '/root/.npm' };
    expect(fixTitle(finding({ fix: { edits: [edit], safety: 'safe' } }), text)).toBe(
      "Fix cache-mount-install-target: replace '/app/node_modules' with '/root/.npm'",
    );
    expect(fixTitle(finding({ fix: { edits: [{ ...edit, text: '' }], safety: 'unsafe' } }), text)).toBe(
      "Fix cache-mount-install-target: remove '/app/node_modules' (unsafe fix: it may change what the build does)",
    );
    expect(
      fixTitle(finding({ fix: { edits: [{ start: 3, end: 3, text: ' x' }, edit], safety: 'safe' } }), text),
    ).toBe('Fix cache-mount-install-target: 2 edits');
    const long = 'x'.repeat(80);
    expect(
      fixTitle(finding({ fix: { edits: [{ start: 0, end: 0, text: long }], safety: 'safe' } }), text),
    ).toBe(`Fix cache-mount-install-target: insert '${'x'.repeat(47)}…'`);
  });

  test('an unsafe fix is offered, not preferred; a later pass’s finding has no quick fix; each finding has an ignore action', () => {
    const text = 'FROM a\nRUN b\nRUN c\n';
    const lines = new LineTable(text);
    const unsafe = finding({
      start: 7,
      end: 12,
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 6,
      fix: { edits: [{ start: 11, end: 12, text: 'B' }], safety: 'unsafe' },
    });
    const later = finding({ messageId: 'other', start: 13, end: 18, line: 3, endLine: 3, pass: 2 });
    const doc = {
      uri: 'file:///w/Dockerfile',
      version: 3,
      text,
      lines,
      result: { output: text, findings: [unsafe, later], passes: 2, edits: [] },
    };
    const actions = codeActions(
      doc,
      { range: rangeOf(lines, 0, text.length), diagnostics: [] as Diagnostic[], documentChanges: false },
      () => instructionSpans(text),
    );
    expect(actions.map((a) => [a.title, a.isPreferred])).toEqual([
      [
        "Fix cache-mount-install-target: replace 'b' with 'B' (unsafe fix: it may change what the build does)",
        false,
      ],
      [
        'Ignore cache-mount-install-target on this instruction (add a dockerfile-codemod directive)',
        undefined,
      ],
      [
        'Ignore cache-mount-install-target on this instruction (add a dockerfile-codemod directive)',
        undefined,
      ],
    ]);
    // The output is the input: no fix-all action.
    expect(actions.some((a) => a.kind === 'source.fixAll.dockerfile-codemod')).toBe(false);
  });

  test('a directive goes after a byte order mark, with the instruction’s indentation and line break', () => {
    const bom = '\ufeff  FROM a\r\nRUN b\r\n';
    const lines = new LineTable(bom);
    const [from] = instructionSpans(bom);
    expect(directiveEdit(bom, lines, from as { start: number; end: number }, 'r')).toEqual({
      start: 1,
      end: 1,
      text: `  # dockerfile-codemod ignore=r reason=${REASON_PLACEHOLDER}\r\n`,
    });
    const plain = 'FROM a\n\tRUN b';
    const spans = instructionSpans(plain);
    expect(
      directiveEdit(plain, new LineTable(plain), spans[1] as { start: number; end: number }, 'r'),
    ).toEqual({
      start: 7,
      end: 7,
      text: `\t# dockerfile-codemod ignore=r reason=${REASON_PLACEHOLDER}\n`,
    });
  });
});
