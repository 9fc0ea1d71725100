/** The extension's one log: a LogOutputChannel the language client writes the server's log into too. */
import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Model Studio', { log: true });
}

/** Logs an error and offers to open the log; for failures the user did not cause. */
export function reportError(log: vscode.LogOutputChannel, what: string, e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  log.error(`${what}: ${e instanceof Error ? (e.stack ?? message) : message}`);
  void vscode.window.showErrorMessage(`Model Studio: ${what}: ${message}`, 'Show Log').then((pick) => pick && log.show());
}
