/** Workspace Trust: the server hears when trust is granted; until then it runs no SQL. */
import * as vscode from 'vscode';
import { ClientNotifications } from '../protocol';
import type { Studio } from './context';

export function registerTrust(studio: Studio): vscode.Disposable {
  void vscode.commands.executeCommand('setContext', 'modelStudio.trusted', vscode.workspace.isTrusted);
  if (!vscode.workspace.isTrusted) studio.log.info('Restricted Mode: Model Studio checks YAML, Jinja and refs, and runs no SQL until the folder is trusted.');
  return vscode.workspace.onDidGrantWorkspaceTrust(() => {
    studio.log.info('Workspace trusted: Model Studio may now compile against and run on the database.');
    void vscode.commands.executeCommand('setContext', 'modelStudio.trusted', true);
    studio.notify(ClientNotifications.trust, { trusted: true });
  });
}
