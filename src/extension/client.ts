/**
 * Starts the language server (dist/server.js over Node IPC) and routes its notifications into
 * the Studio's events. The client restarts a crashed server itself; this says so in the log
 * and the status bar instead of failing silently.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, LanguageClient, State, TransportKind, type ErrorHandler, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { ServerNotifications, type InitOptions } from '../protocol';
import { readSettings } from './config';
import type { Studio } from './context';

const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60_000;

export async function startClient(studio: Studio): Promise<void> {
  const module = studio.ext.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'sql' },
      { scheme: 'file', language: 'jinja-sql' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', pattern: '**/*.csv' },
    ],
    synchronize: { fileEvents: studio.add(vscode.workspace.createFileSystemWatcher('**/*.{sql,yml,yaml,csv,md}')) },
    outputChannel: studio.log,
    // A function, so a restarted server hears the trust and settings of now, not of activation.
    initializationOptions: (): InitOptions => ({ trusted: vscode.workspace.isTrusted, settings: readSettings() }),
    errorHandler: restartingHandler(studio),
  };
  const client = new LanguageClient('modelStudio', 'Model Studio', serverOptions, clientOptions);
  studio.client = client;
  studio.add(client.onDidChangeState((e) => studio.log.info(`Language server: ${State[e.oldState]} → ${State[e.newState]}`)));
  studio.add(client.onNotification(ServerNotifications.status.method, (s: Parameters<typeof studio.onStatus.fire>[0]) => studio.onStatus.fire(s)));
  studio.add(client.onNotification(ServerNotifications.results.method, (r: Parameters<typeof studio.onResults.fire>[0]) => studio.onResults.fire(r)));
  studio.add(client.onNotification(ServerNotifications.projectsChanged.method, () => studio.onProjectsChanged.fire()));
  studio.add(client.onNotification(ServerNotifications.generateProgress.method, (p: Parameters<typeof studio.onGenerateProgress.fire>[0]) => studio.onGenerateProgress.fire(p)));
  await client.start();
  await studio.projects.refresh();
}

function restartingHandler(studio: Studio): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0] < now - RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length > MAX_RESTARTS) {
        const message = `The Model Studio server stopped ${crashes.length} times in 3 minutes and was not restarted. See Model Studio: Show Output, then run Model Studio: Restart Language Server.`;
        studio.log.error(message);
        return { action: CloseAction.DoNotRestart, message };
      }
      studio.log.warn('The Model Studio server stopped unexpectedly; restarting it.');
      studio.onStatus.fire({ kind: 'starting' });
      void vscode.window.showWarningMessage('Model Studio: the language server stopped unexpectedly and was restarted.', 'Show Log').then((p) => p && studio.log.show());
      return { action: CloseAction.Restart, handled: true };
    },
  };
}
