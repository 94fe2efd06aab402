/**
 * The language server over JSON-RPC: the real executable (`dockerfile-codemod
 * lsp --stdio`) and a client speaking the protocol to it over its standard
 * input and output. Every request and notification the server handles is
 * exercised: initialize, initialized (watcher registration), didOpen,
 * didChange, didClose, codeAction (quick fix, ignore directive, fix all),
 * didChangeWatchedFiles, shutdown and exit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeAction, Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BIN, ROOT, removeTempDirs, runCli, tempDir } from './helpers/cli.js';
import { applyEdit, editsFor, LspClient, replaceAll, uriOf } from './lsp-client.js';

// Each test starts a server process: on a busy machine that alone can take seconds.
jest.setTimeout(60_000);

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'lsp');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const RULE = 'cache-mount-install-target';
const DOCS = `https://github.com/dockerfile-codemod/dockerfile-codemod/blob/main/docs/rules/${RULE}.md`;
const FIX_ALL = 'source.fixAll.dockerfile-codemod';

const clients: LspClient[] = [];
async function start(options: Parameters<typeof LspClient.start>[0] = {}): Promise<LspClient> {
  const c = await LspClient.start(options);
  clients.push(c);
  return c;
}

afterAll(() => {
  for (const c of clients) c.kill();
  removeTempDirs();
});

/** A folder with no configuration above it that matters: the tests' own files live there. */
function workspace(files: Record<string, string> = {}): string {
  const dir = tempDir('dfcm-lsp-');
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Where `needle` is in `text`, as a protocol range computed by vscode-languageserver-textdocument. */
function rangeOfText(text: string, needle: string, from = 0) {
  const doc = TextDocument.create('file:///x', 'dockerfile', 0, text);
  const start = text.indexOf(needle, from);
  if (start < 0) throw new Error(`${needle} not in text`);
  return { start: doc.positionAt(start), end: doc.positionAt(start + needle.length) };
}

const point = (line: number, character: number) => ({
  start: { line, character },
  end: { line, character },
});

describe('initialize', () => {
  test('answers with incremental sync, the code action kinds, and the server name and version', async () => {
    const c = await start();
    const version = (
      JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }
    ).version;
    expect(c.initializeResult).toEqual({
      capabilities: {
        textDocumentSync: { openClose: true, change: 2 },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL] },
      },
      serverInfo: { name: 'dockerfile-codemod', version },
    });
  });
});

describe('textDocument/didOpen', () => {
  let c: LspClient;
  beforeAll(async () => {
    c = await start();
  });

  test('publishes one diagnostic per finding: range in UTF-16 units, severity, code, docs link, source, data', async () => {
    const dir = workspace();
    const uri = uriOf(path.join(dir, 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    await c.open(uri, text, 'dockerfile', 7);
    const published = await c.diagnostics(uri);
    expect(published.version).toBe(7);
    const flag = '--mount=type=cache,id=café-😀,target=/app/node_modules';
    expect(published.diagnostics).toEqual([
      {
        range: rangeOfText(text, flag),
        severity: 2,
        code: RULE,
        codeDescription: { href: DOCS },
        source: 'dockerfile-codemod',
        message: expect.stringContaining("Mount npm's cache /root/.npm instead."),
        data: { ruleId: RULE, messageId: 'retarget', docs: DOCS, fix: 'safe' },
      },
    ]);
    // The end counts 😀 as two UTF-16 units (4 + 51 + 2), not as one code point or four bytes.
    expect(published.diagnostics[0]?.range).toEqual({
      start: { line: 4, character: 4 },
      end: { line: 4, character: 4 + [...flag].length + 1 },
    });
  });

  test('CRLF text: each diagnostic on its line, columns counted without the line breaks', async () => {
    const dir = workspace();
    const uri = uriOf(path.join(dir, 'api.Dockerfile'));
    const text = fixture('crlf.input.Dockerfile');
    expect(text).toContain('\r\n');
    await c.open(uri, text, 'dockerfile');
    const { diagnostics } = await c.diagnostics(uri);
    expect(diagnostics.map((d) => d.range)).toEqual([
      rangeOfText(text, '--mount=type=cache,target=/usr/local/lib/python3.12/site-packages'),
      rangeOfText(text, '--mount=type=cache,id=naïve,target=/web/node_modules'),
    ]);
    expect(diagnostics.map((d) => d.range.start.line)).toEqual([4, 10]);
  });

  test('a text that does not parse gets one diagnostic on the line the parser names', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    await c.open(uri, fixture('broken.Dockerfile'));
    const { diagnostics } = await c.diagnostics(uri);
    expect(diagnostics).toEqual([
      {
        range: {
          start: { line: 2, character: 0 },
          end: { line: 2, character: fixture('broken.Dockerfile').split('\n')[2]?.length },
        },
        severity: 1,
        code: 'parse-error',
        source: 'dockerfile-codemod',
        message: "cannot read this Dockerfile: line 3: unknown instruction 'RUNN'",
      },
    ]);
  });

  test('documents by language id (dockerfile, containerfile) or by a file name the command line walks', async () => {
    const dir = workspace();
    const text = fixture('unicode.input.Dockerfile');
    const byName = uriOf(path.join(dir, 'web.containerfile'));
    const byLanguage = uriOf(path.join(dir, 'build-recipe'));
    const untitled = 'untitled:Untitled-1';
    const other = uriOf(path.join(dir, 'notes.txt'));
    await c.open(other, text, 'plaintext');
    await c.open(byName, text, 'plaintext');
    await c.open(byLanguage, text, 'containerfile');
    await c.open(untitled, text, 'dockerfile');
    for (const uri of [byName, byLanguage, untitled])
      expect((await c.diagnostics(uri)).diagnostics.map((d) => d.code)).toEqual([RULE]);
    // Every notification so far came after the plain-text document's open: it has none.
    expect(c.published(other)).toEqual([]);
  });

  test('an empty document has no diagnostics', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    await c.open(uri, '');
    expect((await c.diagnostics(uri)).diagnostics).toEqual([]);
  });
});

describe('textDocument/didChange', () => {
  test('incremental changes: the diagnostics follow the text, for the version that was analysed', async () => {
    const c = await start({ initializationOptions: { debounceMs: 0 } });
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    await c.open(uri, text);
    expect((await c.diagnostics(uri)).diagnostics).toHaveLength(1);
    // The repair typed in: the target replaced by the cache folder.
    await c.change(uri, 2, [{ range: rangeOfText(text, '/app/node_modules'), text: '/root/.npm' }]);
    const after = await c.diagnostics(uri, { version: 2 });
    expect(after.diagnostics).toEqual([]);
    // And undone: the finding is back, at the same place.
    const repaired = text.replace('/app/node_modules', '/root/.npm');
    await c.change(uri, 3, [{ range: rangeOfText(repaired, '/root/.npm'), text: '/app/node_modules' }]);
    const again = await c.diagnostics(uri, { version: 3 });
    expect(again.diagnostics.map((d) => d.range)).toEqual(
      (await c.diagnostics(uri, { version: 1 })).diagnostics.map((d) => d.range),
    );
  });

  test('debounced: a burst of changes is analysed once, for the latest text', async () => {
    const c = await start({ initializationOptions: { debounceMs: 300 } });
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    await c.open(uri, text);
    await c.diagnostics(uri, { version: 1 });
    // Five edits in a row, each adding a line: only the text after the fifth is checked.
    let current = text;
    for (let v = 2; v <= 6; v++) {
      await c.change(uri, v, [{ range: point(0, 0), text: `# edit ${v}\n` }]);
      current = `# edit ${v}\n${current}`;
    }
    const last = await c.diagnostics(uri, { after: 1 });
    expect(last.version).toBe(6);
    expect(last.diagnostics.map((d) => d.range.start.line)).toEqual([9]);
    // Nothing else came for it meanwhile.
    await new Promise((r) => setTimeout(r, 500));
    expect(c.published(uri).map((p) => p.version)).toEqual([1, 6]);
  });

  test('a result for a text that changed while it was analysed is dropped, never published over the newer one', async () => {
    // The first analysis of a process waits for the shell grammar to load; the change arrives meanwhile.
    const c = await start({ initializationOptions: { debounceMs: 0 } });
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    const fixed = fixture('unicode.output.Dockerfile');
    await Promise.all([c.open(uri, text), c.change(uri, 2, replaceAll(fixed))]);
    const published = await c.diagnostics(uri);
    expect(published).toEqual({ uri, version: 2, diagnostics: [] });
    await new Promise((r) => setTimeout(r, 500));
    expect(c.published(uri)).toEqual([{ uri, version: 2, diagnostics: [] }]);
  });

  test('a change to a document that is not open is logged, and the server goes on', async () => {
    const c = await start({ initializationOptions: { debounceMs: 0 } });
    const ghost = uriOf('/nowhere/Dockerfile');
    await c.change(ghost, 2, replaceAll('FROM scratch\n'));
    await c.until(() => c.logs(1).find((m) => m.includes('textDocument/didChange failed')), 'the error log');
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    await c.open(uri, fixture('unicode.input.Dockerfile'));
    expect((await c.diagnostics(uri)).diagnostics).toHaveLength(1);
  });
});

describe('textDocument/didClose', () => {
  test('clears the diagnostics and drops an analysis still waiting', async () => {
    const c = await start({ initializationOptions: { debounceMs: 200 } });
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    await c.open(uri, fixture('unicode.input.Dockerfile'));
    await c.diagnostics(uri);
    await c.change(uri, 2, [{ range: point(0, 0), text: '# more\n' }]);
    await c.close(uri);
    const cleared = await c.diagnostics(uri, { after: 1 });
    expect(cleared).toEqual({ uri, diagnostics: [] });
    await new Promise((r) => setTimeout(r, 400));
    expect(c.published(uri)).toHaveLength(2);
    // Closed documents get no actions.
    expect(await c.codeActions(uri, point(4, 6))).toEqual([]);
  });
});

describe('textDocument/codeAction', () => {
  let c: LspClient;
  beforeAll(async () => {
    c = await start({ initializationOptions: { debounceMs: 0 } });
  });

  const quickFixes = (actions: CodeAction[] | null) =>
    (actions ?? []).filter((a) => a.kind === 'quickfix' && a.title.startsWith('Fix '));

  test('a quick fix per finding: preferred, safe, built from its edits; applied, it gives the fixture output', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    await c.open(uri, text);
    const [diagnostic] = (await c.diagnostics(uri)).diagnostics as [Diagnostic];
    const actions = await c.codeActions(uri, point(4, 10), { diagnostics: [diagnostic] });
    const fixes = quickFixes(actions);
    expect(fixes).toEqual([
      {
        title: `Fix ${RULE}: replace '/app/node_modules' with '/root/.npm'`,
        kind: 'quickfix',
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: {
          changes: { [uri]: [{ range: rangeOfText(text, '/app/node_modules'), newText: '/root/.npm' }] },
        },
      },
    ]);
    expect(applyEdit(text, fixes[0]?.edit, uri)).toBe(fixture('unicode.output.Dockerfile'));
  });

  test('context.only: quickfix gives no source action; source.fixAll gives only the fix-all action', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    await c.open(uri, fixture('unicode.input.Dockerfile'));
    await c.diagnostics(uri);
    const quick = (await c.codeActions(uri, point(4, 10), { only: ['quickfix'] })) ?? [];
    expect(quick.map((a) => a.kind)).toEqual(['quickfix', 'quickfix']);
    const source = (await c.codeActions(uri, point(0, 0), { only: ['source.fixAll'] })) ?? [];
    expect(source.map((a) => a.kind)).toEqual([FIX_ALL]);
    expect(await c.codeActions(uri, point(0, 0), { only: ['refactor'] })).toEqual([]);
    // A range away from every finding: no quick fix, but the fix-all action.
    const away = (await c.codeActions(uri, point(1, 2))) ?? [];
    expect(away.map((a) => a.kind)).toEqual([FIX_ALL]);
  });

  test('fix all: the edits turn the document into the --write output, touching only what changes', async () => {
    const dir = workspace();
    const file = path.join(dir, 'large.Dockerfile');
    const text = fixture('large.Dockerfile');
    fs.writeFileSync(file, text);
    const uri = uriOf(file);
    await c.open(uri, text);
    const { diagnostics } = await c.diagnostics(uri);
    expect(diagnostics.length).toBeGreaterThan(3);
    const [fixAll] = (await c.codeActions(uri, point(0, 0), { only: [FIX_ALL] })) ?? [];
    expect(fixAll?.title).toBe('Fix all dockerfile-codemod findings that have a safe fix');
    expect(fixAll?.diagnostics).toEqual(diagnostics);
    const edits = editsFor(fixAll?.edit, uri);
    expect(edits).toHaveLength(diagnostics.length);
    for (const e of edits) expect(e.range.start.line).toBe(e.range.end.line);
    expect(runCli(dir, ['--write', '-q', 'large.Dockerfile']).status).toBe(0);
    expect(applyEdit(text, fixAll?.edit, uri)).toBe(fs.readFileSync(file, 'utf8'));
  });

  test('fix all on CRLF text keeps every line break: the fixture output byte for byte', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('crlf.input.Dockerfile');
    await c.open(uri, text);
    await c.diagnostics(uri);
    const [fixAll] = (await c.codeActions(uri, point(0, 0), { only: ['source'] })) ?? [];
    expect(applyEdit(text, fixAll?.edit, uri)).toBe(fixture('crlf.output.Dockerfile'));
  });

  test('ignore directive: a line above the instruction, indented as it is, with the line breaks of the file', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = [
      'FROM node:20',
      'WORKDIR /app',
      'ONBUILD RUN echo hi',
      '  RUN --mount=type=cache,target=/app/node_modules \\',
      '      npm ci',
      'CMD ["node", "server.js"]',
      '',
    ].join('\r\n');
    await c.open(uri, text);
    const [diagnostic] = (await c.diagnostics(uri)).diagnostics as [Diagnostic];
    // Asked on the continuation line, with the diagnostic as context.
    const actions = (await c.codeActions(uri, point(4, 8), { diagnostics: [diagnostic] })) ?? [];
    const ignore = actions.find((a) => a.title.startsWith('Ignore'));
    expect(ignore).toMatchObject({
      title: `Ignore ${RULE} on this instruction (add a dockerfile-codemod directive)`,
      kind: 'quickfix',
      diagnostics: [diagnostic],
    });
    expect(ignore?.isPreferred).toBeUndefined();
    const ignored = applyEdit(text, ignore?.edit, uri);
    expect(ignored).toBe(
      text.replace('  RUN', `  # dockerfile-codemod ignore=${RULE} reason=<why>\r\n  RUN`),
    );
    // The client applies it; the directive is honoured.
    await c.change(uri, 2, replaceAll(ignored));
    expect((await c.diagnostics(uri, { version: 2 })).diagnostics).toEqual([]);
  });

  test('versioned edits when the client takes documentChanges: the version the edits were computed on', async () => {
    const v = await start({
      initializationOptions: { debounceMs: 0 },
      capabilities: { workspace: { workspaceEdit: { documentChanges: true } } },
    });
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    await v.open(uri, text, 'dockerfile', 4);
    await v.diagnostics(uri);
    const [fix] = quickFixes(await v.codeActions(uri, point(4, 10)));
    expect(fix?.edit).toEqual({
      documentChanges: [
        {
          textDocument: { uri, version: 4 },
          edits: [{ range: rangeOfText(text, '/app/node_modules'), newText: '/root/.npm' }],
        },
      ],
    });
  });

  test('after a change not analysed yet, the actions are computed on the current text', async () => {
    const slow = await start({ initializationOptions: { debounceMs: 60_000 } });
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    const text = fixture('unicode.input.Dockerfile');
    await slow.open(uri, text);
    await slow.diagnostics(uri);
    const moved = `# one more line, with ✓ in it\n${text}`;
    await slow.change(uri, 2, [{ range: point(0, 0), text: '# one more line, with ✓ in it\n' }]);
    const [fix] = quickFixes(await slow.codeActions(uri, point(5, 10)));
    expect(applyEdit(moved, fix?.edit, uri)).toBe(
      `# one more line, with ✓ in it\n${fixture('unicode.output.Dockerfile')}`,
    );
    // The debounced analysis has not run: nothing was published for version 2.
    expect(slow.published(uri).map((p) => p.version)).toEqual([1]);
  });

  test('a request with malformed parameters is answered with an error and logged; the server goes on', async () => {
    const uri = uriOf(path.join(workspace(), 'Dockerfile'));
    await c.open(uri, fixture('unicode.input.Dockerfile'));
    await c.diagnostics(uri);
    await expect(
      c.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri },
        range: null,
        context: {},
      }),
    ).rejects.toThrow(/textDocument\/codeAction failed/);
    await c.until(
      () => c.logs(1).find((m) => m.includes('textDocument/codeAction failed: TypeError')),
      'the log',
    );
    expect(quickFixes(await c.codeActions(uri, point(4, 10)))).toHaveLength(1);
    expect(c.proc.exitCode).toBeNull();
  });
});

describe('workspace/didChangeWatchedFiles', () => {
  test('initialized: the server registers a watcher for configuration files when the client allows it', async () => {
    const c = await start({
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    });
    const reg = await c.until(
      () => c.received.find((r) => r.kind === 'register'),
      'client/registerCapability',
    );
    expect(reg).toMatchObject({
      params: {
        registrations: [
          {
            method: 'workspace/didChangeWatchedFiles',
            registerOptions: {
              watchers: [{ globPattern: '**/.dockerfile-codemod.json' }, { globPattern: '**/package.json' }],
            },
          },
        ],
      },
    });
    const plain = await start();
    await plain.connection.sendRequest('shutdown');
    expect(plain.received.filter((r) => r.kind === 'register')).toEqual([]);
  });

  test('a broken configuration gives one diagnostic naming its file and key; a change to it is read again', async () => {
    const dir = workspace({ 'svc/Dockerfile': fixture('unicode.input.Dockerfile') });
    const configFile = path.join(dir, '.dockerfile-codemod.json');
    fs.writeFileSync(configFile, JSON.stringify({ transforms: { 'no-such-rule': 'on' } }));
    const c = await start({ cwd: dir, initializationOptions: { debounceMs: 0 } });
    const uri = uriOf(path.join(dir, 'svc', 'Dockerfile'));
    await c.open(uri, fixture('unicode.input.Dockerfile'));
    const broken = await c.diagnostics(uri);
    expect(broken.diagnostics).toEqual([
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 26 } },
        severity: 1,
        code: 'configuration',
        source: 'dockerfile-codemod',
        message: expect.stringMatching(
          new RegExp(
            `^configuration ${configFile.replace(/[.]/g, '[.]')}: transforms[.]no-such-rule: unknown transform`,
          ),
        ),
      },
    ]);
    expect(await c.codeActions(uri, point(4, 10))).toEqual([]);

    // Corrected: the transform turned off.
    fs.writeFileSync(configFile, JSON.stringify({ transforms: { [RULE]: 'off' } }));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(configFile), type: 2 }],
    });
    expect((await c.diagnostics(uri, { after: 1 })).diagnostics).toEqual([]);

    // Removed, and a package.json key that excludes the folder: still nothing reported.
    fs.rmSync(configFile);
    fs.writeFileSync(
      path.join(dir, 'package.json'),
      JSON.stringify({ name: 'x', 'dockerfile-codemod': { exclude: ['svc/**'] } }),
    );
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [
        { uri: uriOf(configFile), type: 3 },
        { uri: uriOf(path.join(dir, 'package.json')), type: 1 },
      ],
    });
    expect((await c.diagnostics(uri, { after: 2 })).diagnostics).toEqual([]);

    // The key gone: the defaults, and the finding again.
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x' }));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(dir, 'package.json')), type: 2 }],
    });
    expect((await c.diagnostics(uri, { after: 3 })).diagnostics.map((d) => d.code)).toEqual([RULE]);

    // A change to another file reads nothing again.
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: [{ uri: uriOf(path.join(dir, 'README.md')), type: 2 }],
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(c.published(uri)).toHaveLength(4);
  });
});

describe('shutdown and exit', () => {
  test('shutdown answers null; exit then ends the process with 0', async () => {
    const c = await start();
    expect(await c.connection.sendRequest('shutdown')).toBeNull();
    await c.connection.sendNotification('exit');
    expect(await c.exited).toBe(0);
  });

  test('exit without shutdown ends the process with 1; so does the input closing', async () => {
    const a = await start();
    await a.connection.sendNotification('exit');
    expect(await a.exited).toBe(1);
    const b = await start();
    b.proc.stdin?.end();
    expect(await b.exited).toBe(1);
  });
});

describe('the lsp command', () => {
  test('--help describes it; an unknown argument is a usage error (exit 2); the main help mentions it', () => {
    const dir = workspace();
    const help = runCli(dir, ['lsp', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('dockerfile-codemod lsp [--stdio]');
    expect(help.stdout).toContain('debounceMs');
    const bad = runCli(dir, ['lsp', '--tcp']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe(
      'dockerfile-codemod: lsp: unknown argument: --tcp (the server talks over --stdio)\nRun dockerfile-codemod lsp --help for the options.\n',
    );
    expect(runCli(dir, ['--help']).stdout).toContain('dockerfile-codemod lsp --stdio');
    expect(fs.existsSync(BIN)).toBe(true);
  });
});
