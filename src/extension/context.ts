/**
 * The one object that owns everything the extension creates: the log, the language client, the
 * events the server sends, and every disposable. Features register through small functions
 * that take it and return a Disposable (see main.ts).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { GenerateProgress, NodeResultInfo, NotificationSpec, RequestSpec, ServerStatus } from '../protocol';
import { createLog } from './log';
import { ProjectsStore } from './projects';

export class Studio implements vscode.Disposable {
  private readonly owned: vscode.Disposable[] = [];
  readonly log: vscode.LogOutputChannel;
  readonly onStatus = this.add(new vscode.EventEmitter<ServerStatus>());
  readonly onResults = this.add(new vscode.EventEmitter<{ projectRoot: string; results: NodeResultInfo[] }>());
  readonly onProjectsChanged = this.add(new vscode.EventEmitter<void>());
  readonly onGenerateProgress = this.add(new vscode.EventEmitter<GenerateProgress>());
  readonly projects: ProjectsStore;
  client: LanguageClient | undefined;
  lastStatus: ServerStatus = { kind: 'starting' };

  constructor(readonly ext: vscode.ExtensionContext) {
    this.log = this.add(createLog());
    this.projects = this.add(new ProjectsStore(this));
    this.add(this.onStatus.event((s) => (this.lastStatus = s)));
  }

  add<T extends vscode.Disposable>(d: T): T {
    this.owned.push(d);
    return d;
  }

  async request<P, R>(spec: RequestSpec<P, R>, params: P, token?: vscode.CancellationToken): Promise<R> {
    if (!this.client?.isRunning()) throw new Error('the Model Studio language server is not running (see Model Studio: Show Output)');
    return this.client.sendRequest<R>(spec.method, params, token);
  }

  notify<P>(spec: NotificationSpec<P>, params: P): void {
    if (this.client?.isRunning()) void this.client.sendNotification(spec.method, params);
  }

  dispose(): void {
    for (const d of this.owned.reverse()) d.dispose();
    this.owned.length = 0;
  }
}
