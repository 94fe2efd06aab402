/**
 * A language client for the tests: spawns the real executable
 * (`bin/dockerfile-codemod.js lsp --stdio`) and talks JSON-RPC to it over its
 * standard input and output with the protocol connection of
 * vscode-languageserver. It records every notification the server sends and
 * answers the requests a server may make of a client.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  type ClientCapabilities,
  type CodeAction,
  type CodeActionContext,
  createProtocolConnection,
  type Diagnostic,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Range,
  type RegistrationParams,
  StreamMessageReader,
  StreamMessageWriter,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { BIN, ensureBuilt } from './helpers/cli.js';

export const uriOf = (file: string) => pathToFileURL(file).href;

export interface StartOptions {
  cwd?: string;
  capabilities?: ClientCapabilities;
  initializationOptions?: Record<string, unknown>;
  /** The arguments after the executable (default: `lsp --stdio`). */
  argv?: string[];
  /** Environment of the server (default: the test's). */
  env?: NodeJS.ProcessEnv;
}

/** Something the server sent, in order of arrival. */
export type Received =
  | { kind: 'diagnostics'; params: PublishDiagnosticsParams }
  | { kind: 'log'; params: LogMessageParams }
  | { kind: 'register'; params: RegistrationParams };

export class LspClient {
  readonly received: Received[] = [];
  private waiters: Array<() => void> = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  initializeResult: InitializeResult | undefined;

  private constructor(
    readonly proc: ChildProcess,
    readonly connection: ProtocolConnection,
  ) {
    proc.stderr?.on('data', (d: Buffer) => {
      this.stderr += d.toString('utf8');
    });
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    const push = (r: Received) => {
      this.received.push(r);
      for (const w of this.waiters.splice(0)) w();
    };
    connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) =>
      push({ kind: 'diagnostics', params }),
    );
    connection.onNotification('window/logMessage', (params: LogMessageParams) =>
      push({ kind: 'log', params }),
    );
    connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
      push({ kind: 'register', params });
      return null;
    });
    connection.onRequest('client/unregisterCapability', () => null);
    connection.listen();
  }

  /** Spawns the server and runs `initialize` and `initialized`. */
  static async start(options: StartOptions = {}): Promise<LspClient> {
    ensureBuilt();
    const proc = spawn(process.execPath, [BIN, ...(options.argv ?? ['lsp', '--stdio'])], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const connection = createProtocolConnection(
      new StreamMessageReader(proc.stdout as NodeJS.ReadableStream),
      new StreamMessageWriter(proc.stdin as NodeJS.WritableStream),
    );
    const client = new LspClient(proc, connection);
    client.initializeResult = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: options.cwd ? uriOf(options.cwd) : null,
      capabilities: options.capabilities ?? {},
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  /** Resolves when `test` holds for what was received (checked at once and after each arrival). */
  async until<T>(test: () => T | undefined, what: string, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = test();
      if (found !== undefined) return found;
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`timed out waiting for ${what}; received: ${JSON.stringify(this.received)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Every diagnostics notification for a URI, in order. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.received.flatMap((r) => (r.kind === 'diagnostics' && r.params.uri === uri ? [r.params] : []));
  }

  /** The first diagnostics notification for `uri` after the first `after` of them (for a version, when given). */
  diagnostics(
    uri: string,
    options: { after?: number; version?: number } = {},
  ): Promise<PublishDiagnosticsParams> {
    return this.until(
      () =>
        this.published(uri)
          .slice(options.after ?? 0)
          .find((p) => options.version === undefined || p.version === options.version),
      `diagnostics for ${uri}${options.version === undefined ? '' : ` version ${options.version}`}`,
    );
  }

  logs(type?: number): string[] {
    return this.received.flatMap((r) =>
      r.kind === 'log' && (type === undefined || r.params.type === type) ? [r.params.message] : [],
    );
  }

  open(uri: string, text: string, languageId = 'dockerfile', version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId, version, text },
    });
  }

  change(uri: string, version: number, contentChanges: TextDocumentContentChangeEvent[]): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges,
    });
  }

  close(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  codeActions(
    uri: string,
    range: Range,
    context: Partial<CodeActionContext> = {},
  ): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range,
      context: { diagnostics: [], ...context },
    });
  }

  /** `shutdown`, then `exit`; resolves with the process's exit code. */
  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    return this.exited;
  }

  /** Ends the process if a test left it running. */
  kill(): void {
    this.connection.dispose();
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}

const hasNeovim = () => spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0;

/** Installs Debian's neovim package (apt-get, as root) unless an nvim is on PATH. */
export function ensureNeovim(): void {
  if (hasNeovim()) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const install = () =>
    spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'neovim'], {
      env,
      encoding: 'utf8',
    });
  let r = install();
  if (r.status !== 0) {
    // The package lists may be missing or stale on a fresh machine.
    const update = spawnSync('apt-get', ['update', '-qq'], { env, encoding: 'utf8' });
    if (update.status !== 0) throw new Error(`apt-get update failed:\n${update.stderr}`);
    r = install();
  }
  if (r.status !== 0 || !hasNeovim())
    throw new Error(`apt-get install neovim failed:\n${r.stdout}\n${r.stderr}`);
}

/** The edits a workspace edit makes to one document, from `changes` or `documentChanges`. */
export function editsFor(edit: WorkspaceEdit | undefined, uri: string) {
  if (!edit) return [];
  if (edit.changes) return edit.changes[uri] ?? [];
  return (edit.documentChanges ?? []).flatMap((c) =>
    'textDocument' in c && c.textDocument.uri === uri
      ? c.edits.filter((e) => 'range' in e && 'newText' in e)
      : [],
  );
}

/** Applies a workspace edit to a text, as an editor does (vscode-languageserver-textdocument's own arithmetic). */
export function applyEdit(text: string, edit: WorkspaceEdit | undefined, uri: string): string {
  return TextDocument.applyEdits(TextDocument.create(uri, 'dockerfile', 0, text), editsFor(edit, uri));
}

/** The whole text as one change (a full replacement). */
export const replaceAll = (text: string): TextDocumentContentChangeEvent[] => [{ text }];

export type { Diagnostic };
