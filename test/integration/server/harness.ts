/**
 * An LSP client for tests: spawns the built server over stdio, records what it publishes, and
 * waits on state (never on time alone) with a bound on every wait.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type Diagnostic, type ProtocolConnection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, ServerNotifications, type InitOptions, type NodeResultInfo, type RequestSpec, type ServerStatus, type Settings } from '../../../src/protocol';
import { REPO } from '../../helpers/tempProject';

let built = false;

/** Builds dist/server.js once per test process, so the test always runs the current source. */
export function buildServer(): string {
  if (!built) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: REPO, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    built = true;
  }
  return join(REPO, 'dist', 'server.js');
}

export const uri = (file: string) => pathToFileURL(file).href;

/** A diagnostic with its message as text (LSP 3.18 also allows markup). */
export type Diag = Omit<Diagnostic, 'message'> & { message: string };

export interface Published {
  diagnostics: Diag[];
  at: number;
}

export class LspHarness {
  readonly published = new Map<string, Published>();
  readonly messages: Array<{ type: number; message: string; at: number }> = [];
  readonly results: NodeResultInfo[][] = [];
  readonly statuses: ServerStatus[] = [];
  readonly logs: string[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    private readonly child: ChildProcess,
    readonly conn: ProtocolConnection,
  ) {
    conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Diagnostic[] }) => {
      this.published.set(p.uri, { diagnostics: p.diagnostics.map((d) => ({ ...d, message: typeof d.message === 'string' ? d.message : d.message.value })), at: Date.now() });
    });
    conn.onNotification('window/showMessage', (p: { type: number; message: string }) => {
      this.messages.push({ ...p, at: Date.now() });
    });
    conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
    });
    conn.onNotification(ServerNotifications.results.method, (p: { results: NodeResultInfo[] }) => {
      this.results.push(p.results);
    });
    conn.onNotification(ServerNotifications.status.method, (p: ServerStatus) => {
      this.statuses.push(p);
    });
    // Registration and configuration requests from the server get an empty answer.
    // The server's user-facing messages arrive as requests (they may carry actions).
    conn.onRequest('window/showMessageRequest', (p: { type: number; message: string }) => {
      this.messages.push({ ...p, at: Date.now() });
      return null;
    });
    for (const method of ['client/registerCapability', 'workspace/configuration', 'window/workDoneProgress/create']) conn.onRequest(method, () => null);
  }

  static async start(root: string, opts: { trusted: boolean; settings?: Partial<Settings> }): Promise<LspHarness> {
    const child = spawn(process.execPath, [buildServer(), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const h = new LspHarness(child, conn);
    conn.listen();
    const initializationOptions: InitOptions = { trusted: opts.trusted, settings: { ...DEFAULT_SETTINGS, saveDebounceMs: 20, ...opts.settings } };
    await conn.sendRequest('initialize', {
      processId: process.pid,
      rootUri: uri(root),
      workspaceFolders: [{ uri: uri(root), name: 'project' }],
      capabilities: { workspace: { workspaceFolders: true } },
      initializationOptions,
    });
    await conn.sendNotification('initialized', {});
    return h;
  }

  request<P, R>(spec: RequestSpec<P, R>, params: P): Promise<R> {
    return this.conn.sendRequest(spec.method, params);
  }

  async open(file: string): Promise<void> {
    this.versions.set(file, 1);
    await this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId: file.endsWith('.sql') ? 'sql' : 'yaml', version: 1, text: readFileSync(file, 'utf8') } });
  }

  /** Tells the server the file on disk was saved (open it first). */
  async save(file: string): Promise<number> {
    const text = readFileSync(file, 'utf8');
    const version = (this.versions.get(file) ?? 1) + 1;
    this.versions.set(file, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(file), version }, contentChanges: [{ text }] });
    const at = Date.now();
    await this.conn.sendNotification('textDocument/didSave', { textDocument: { uri: uri(file) }, text });
    return at;
  }

  async fileEvent(file: string, type: 1 | 2 | 3): Promise<void> {
    await this.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(file), type }] });
  }

  diagnosticsOf(file: string): Diag[] {
    return this.published.get(uri(file))?.diagnostics ?? [];
  }

  /** Polls `probe` until it returns something, or fails after `ms` with `what` in the message. */
  async waitFor<T>(what: string, probe: () => T | undefined | false, ms = 20_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const v = probe();
      if (v !== undefined && v !== false) return v;
      if (Date.now() > end) throw new Error(`Timed out after ${ms} ms waiting for ${what}. Server log:\n${this.logs.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits for the next run result notification naming `name` after `since` results. */
  async waitForResult(name: string, since: number, ms = 30_000): Promise<NodeResultInfo> {
    return this.waitFor(`a result for ${name}`, () => this.results.slice(since).flat().find((r) => r.name === name), ms);
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 3000))]);
      await this.conn.sendNotification('exit');
    } catch {
      // The server may already be gone; the kill below makes sure.
    }
    this.conn.dispose();
    this.child.kill();
  }
}
