/**
 * The language server (`dockerfile-codemod lsp --stdio`): diagnostics from
 * every enabled transform as a Dockerfile is opened and edited, quick fixes,
 * an ignore-directive action and a fix-all source action.
 *
 * Each document is analysed with the configuration the command line would
 * use for its path (the nearest `.dockerfile-codemod.json` or package.json
 * key), read again when the client reports a change to one of those files.
 * Edits are analysed after a pause (`debounceMs`); only the latest text is
 * analysed, and a result whose text has changed meanwhile is dropped, never
 * published over a newer one. A text that does not parse, a configuration
 * that cannot be used and a failure of the tool itself each give one
 * diagnostic; a request that fails is logged and answered with an error,
 * and the server goes on.
 */
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { format, inspect } from 'node:util';
import {
  type ClientCapabilities,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  createConnection,
  type Diagnostic,
  DidChangeWatchedFilesNotification,
  type DidChangeWatchedFilesParams,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  ResponseError,
  TextDocumentSyncKind,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { type AnalyzeOptions, analyze } from '../analyze.js';
import { CONFIG_FILE, ConfigError, ConfigResolver, type LoadedConfig } from '../config.js';
import { isDockerfileName } from '../discover.js';
import { analyzeOptionsFor, DEFAULT_MAX_FILE_SIZE, instructionSpans } from '../run.js';
import { LineTable } from '../text.js';
import { FileError } from '../types.js';
import { VERSION } from '../version.js';
import { type Analysed, codeActions, FIX_ALL_KIND } from './actions.js';
import {
  configErrorDiagnostic,
  diagnosticOf,
  fileErrorDiagnostic,
  internalErrorDiagnostic,
  SOURCE,
  tooLargeDiagnostic,
} from './convert.js';

/** How long an edit waits for the next before the text is analysed, unless `initializationOptions.debounceMs` says. */
export const DEFAULT_DEBOUNCE_MS = 100;

/** The language ids the server checks whatever the file name; other documents only by a name the command line walks. */
export const LANGUAGE_IDS: readonly string[] = ['dockerfile', 'containerfile'];

/** The files whose change may change a document's configuration. */
const CONFIG_NAMES = [CONFIG_FILE, 'package.json'];

/** One analysis's outcome for one version of a document. */
interface Outcome {
  version: number;
  diagnostics: Diagnostic[];
  /** Absent when the text was not analysed (a configuration error, a text that does not parse). */
  analysed?: Analysed;
}

interface Entry {
  doc: TextDocument;
  /** Whether the server checks it: a Dockerfile by language id or file name. */
  checked: boolean;
  timer?: NodeJS.Timeout;
  /** Counts texts and analyses: an analysis whose number is no longer the entry's is stale. */
  generation: number;
  latest?: Outcome;
}

/** The file a document URI names; undefined for documents that are not files (an unsaved buffer). */
export function fileOfUri(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The last segment of a URI's path, decoded: what a file name check reads. */
function nameOfUri(uri: string): string {
  const file = fileOfUri(uri);
  if (file) return path.basename(file);
  const last =
    uri
      .replace(/[?#].*$/, '')
      .split(/[/:]/)
      .pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Whether the server checks a document: its language id, or a file name the command line walks. */
export function isChecked(languageId: string, uri: string): boolean {
  return LANGUAGE_IDS.includes(languageId.toLowerCase()) || isDockerfileName(nameOfUri(uri));
}

const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : inspect(e));

export class DockerfileServer {
  private readonly documents = new Map<string, Entry>();
  private configs = new ConfigResolver();
  private readonly optionsByConfig = new Map<string, AnalyzeOptions>();
  private capabilities: ClientCapabilities = {};
  private debounceMs = DEFAULT_DEBOUNCE_MS;

  constructor(private readonly connection: Connection) {}

  /** Logs through the client (`window/logMessage`), falling back to standard error. */
  error(message: string): void {
    try {
      this.connection.console.error(message);
    } catch {
      process.stderr.write(`${SOURCE}: ${message}\n`);
    }
  }

  /** A handler that logs what it throws and answers the request with an error instead. */
  private request<P, R, E = void>(name: string, handler: (params: P) => R | Promise<R>) {
    return async (params: P): Promise<R | ResponseError<E>> => {
      try {
        return await handler(params);
      } catch (e) {
        this.error(`${name} failed: ${describe(e)}`);
        return new ResponseError<E>(
          ErrorCodes.InternalError,
          `${SOURCE}: ${name} failed: ${(e as Error)?.message ?? e}`,
        );
      }
    };
  }

  /** A notification handler that logs what it throws. */
  private notification<P>(name: string, handler: (params: P) => void | Promise<void>) {
    return async (params: P): Promise<void> => {
      try {
        await handler(params);
      } catch (e) {
        this.error(`${name} failed: ${describe(e)}`);
      }
    };
  }

  listen(): void {
    const c = this.connection;
    c.onInitialize(this.request('initialize', (p: InitializeParams) => this.initialize(p)));
    c.onInitialized(this.notification('initialized', () => this.initialized()));
    c.onDidOpenTextDocument(
      this.notification('textDocument/didOpen', (p) => {
        const { uri, languageId, version, text } = p.textDocument;
        const entry: Entry = {
          doc: TextDocument.create(uri, languageId, version, text),
          checked: isChecked(languageId, uri),
          generation: 0,
        };
        this.cancel(this.documents.get(uri));
        this.documents.set(uri, entry);
        if (entry.checked) return this.validate(uri);
      }),
    );
    c.onDidChangeTextDocument(
      this.notification('textDocument/didChange', (p) => {
        const entry = this.documents.get(p.textDocument.uri);
        if (!entry) throw new Error(`a change to ${p.textDocument.uri}, which is not open`);
        TextDocument.update(entry.doc, p.contentChanges, p.textDocument.version);
        entry.generation++;
        if (entry.checked) this.schedule(p.textDocument.uri, entry);
      }),
    );
    c.onDidCloseTextDocument(
      this.notification('textDocument/didClose', (p) => {
        const entry = this.documents.get(p.textDocument.uri);
        this.cancel(entry);
        this.documents.delete(p.textDocument.uri);
        if (entry?.checked) void c.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
      }),
    );
    c.onCodeAction(this.request('textDocument/codeAction', (p: CodeActionParams) => this.codeAction(p)));
    c.onDidChangeWatchedFiles(
      this.notification('workspace/didChangeWatchedFiles', (p: DidChangeWatchedFilesParams) =>
        this.configChanged(p),
      ),
    );
    c.onShutdown(
      this.request('shutdown', () => {
        for (const entry of this.documents.values()) this.cancel(entry);
      }),
    );
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.capabilities = params.capabilities ?? {};
    const debounce = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
    if (typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0)
      this.debounceMs = debounce;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
      },
      serverInfo: { name: SOURCE, version: VERSION },
    };
  }

  private async initialized(): Promise<void> {
    // Clients that watch files for the server are asked to; others may still send the notification.
    if (!this.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration) return;
    await this.connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: CONFIG_NAMES.map((name) => ({ globPattern: `**/${name}` })),
    });
  }

  private cancel(entry: Entry | undefined): void {
    if (entry?.timer) clearTimeout(entry.timer);
    if (entry) entry.timer = undefined;
  }

  private schedule(uri: string, entry: Entry): void {
    this.cancel(entry);
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      void this.validate(uri);
    }, this.debounceMs);
  }

  /** Analyses a document's current text and publishes the diagnostics, unless the text changed meanwhile. */
  private async validate(uri: string): Promise<void> {
    const entry = this.documents.get(uri);
    if (!entry) return;
    this.cancel(entry);
    const generation = ++entry.generation;
    const outcome = await this.outcome(uri, entry.doc);
    if (this.documents.get(uri) !== entry || entry.generation !== generation) return; // stale
    entry.latest = outcome;
    await this.connection.sendDiagnostics({
      uri,
      version: outcome.version,
      diagnostics: outcome.diagnostics,
    });
  }

  private optionsFor(config: LoadedConfig | undefined): AnalyzeOptions {
    const key = config?.file ?? '';
    let o = this.optionsByConfig.get(key);
    if (!o) {
      o = analyzeOptionsFor(config, {});
      this.optionsByConfig.set(key, o);
    }
    return o;
  }

  /** The analysis of a document's current text and its diagnostics; never throws. */
  private async outcome(uri: string, doc: TextDocument): Promise<Outcome> {
    const version = doc.version;
    const text = doc.getText();
    const lines = new LineTable(text);
    const only = (d: Diagnostic): Outcome => ({ version, diagnostics: [d] });
    try {
      if (text.length > DEFAULT_MAX_FILE_SIZE) return only(tooLargeDiagnostic(lines, DEFAULT_MAX_FILE_SIZE));
      const file = fileOfUri(uri);
      let config: LoadedConfig | undefined;
      if (file) {
        try {
          config = this.configs.forFile(file);
        } catch (e) {
          if (e instanceof ConfigError) return only(configErrorDiagnostic(lines, e.message));
          throw e;
        }
        // A file the configuration leaves out is not the tool's to check, as on the command line.
        if (config?.excludes(file)) return { version, diagnostics: [] };
      }
      const result = await analyze(text, this.optionsFor(config));
      return {
        version,
        diagnostics: result.findings.map(diagnosticOf),
        analysed: { uri, version, text, lines, result },
      };
    } catch (e) {
      if (e instanceof FileError) return only(fileErrorDiagnostic(lines, e));
      this.error(`analysing ${uri} failed: ${describe(e)}`);
      return only(internalErrorDiagnostic(lines, e));
    }
  }

  /** The analysis of the document's text as it is now: the last one, or a new one when the text changed since. */
  private async current(uri: string): Promise<Analysed | undefined> {
    const entry = this.documents.get(uri);
    if (!entry?.checked) return undefined;
    const version = entry.doc.version;
    if (entry.latest?.version === version) return entry.latest.analysed;
    const outcome = await this.outcome(uri, entry.doc);
    // Edits against a text the client no longer has would be wrong: none are offered.
    if (this.documents.get(uri) !== entry || entry.doc.version !== version) return undefined;
    return outcome.analysed;
  }

  private async codeAction(params: CodeActionParams): Promise<CodeAction[]> {
    const analysed = await this.current(params.textDocument.uri);
    if (!analysed) return [];
    let spans: ReadonlyArray<{ start: number; end: number }> | undefined;
    return codeActions(
      analysed,
      {
        range: params.range,
        only: params.context.only,
        diagnostics: params.context.diagnostics ?? [],
        documentChanges: Boolean(this.capabilities.workspace?.workspaceEdit?.documentChanges),
      },
      () => {
        spans ??= instructionSpans(analysed.text);
        return spans;
      },
    );
  }

  /** A configuration file changed: searches start afresh, and every open Dockerfile is checked again. */
  private async configChanged(params: DidChangeWatchedFilesParams): Promise<void> {
    const relevant = params.changes.some((c) => CONFIG_NAMES.includes(nameOfUri(c.uri)));
    if (!relevant) return;
    this.configs = new ConfigResolver();
    this.optionsByConfig.clear();
    await Promise.all([...this.documents].filter(([, e]) => e.checked).map(([uri]) => this.validate(uri)));
  }
}

export const LSP_HELP = `dockerfile-codemod lsp [--stdio]

Runs the language server over standard input and output: diagnostics from every
enabled transform, a quick fix per finding that has one, an action that adds an
ignore directive, and source.fixAll.dockerfile-codemod. Each Dockerfile uses the
configuration the command line would use for its path. Editor setups:
docs/editors.md. (A folder named lsp is ./lsp.)

Options:
  --stdio                  Talk over standard input and output (the default and only transport)
  --clientProcessId=PID    Exit when that process is gone (language clients pass it)
  -h, --help               Show this help

Initialization options:
  debounceMs               Milliseconds an edit waits for the next before the text is
                           analysed (default ${DEFAULT_DEBOUNCE_MS})
`;

/**
 * `dockerfile-codemod lsp [--stdio]`: checks the arguments, then serves the
 * protocol. Exit codes: 0 after `shutdown` and `exit`, 1 when the input
 * closes first, 2 for an unknown argument.
 */
export async function lspCommand(
  args: readonly string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream },
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(LSP_HELP);
    return 0;
  }
  const unknown: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--stdio' || a.startsWith('--clientProcessId=')) continue;
    if (a === '--clientProcessId' && i + 1 < args.length) {
      i++;
      continue;
    }
    unknown.push(a);
  }
  if (unknown.length) {
    io.stderr.write(
      `dockerfile-codemod: lsp: unknown argument${unknown.length > 1 ? 's' : ''}: ${unknown.join(' ')} (the server talks over --stdio)\nRun dockerfile-codemod lsp --help for the options.\n`,
    );
    return 2;
  }
  return runLsp();
}

/** Serves the protocol over standard input and output until the client sends `exit` or closes the input. */
export function runLsp(): Promise<number> {
  const connection = createConnection(process.stdin, process.stdout);
  // Standard output carries the protocol: anything else printed there would break it.
  const log = (...args: unknown[]) => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  const server = new DockerfileServer(connection);
  process.on('uncaughtException', (e) => server.error(`uncaught exception: ${describe(e)}`));
  process.on('unhandledRejection', (e) => server.error(`unhandled rejection: ${describe(e)}`));
  server.listen();
  // The connection ends the process (exit 0 after shutdown and exit, 1 when the input closes first).
  return new Promise<number>(() => {});
}
