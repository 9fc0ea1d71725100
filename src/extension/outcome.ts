/** How a failed request is told to the user, by kind: Restricted Mode and a locked file get their own actions. */
import * as vscode from 'vscode';
import type { FailureKind } from '../protocol';
import type { Studio } from './context';

/** `retry` runs the request again; a locked file offers it (saves retry by themselves in the server). */
export async function showFailure(studio: Studio, what: string, f: { kind: FailureKind; message: string }, retry?: () => Promise<void>): Promise<void> {
  studio.log.warn(`${what}: ${f.kind}: ${f.message}`);
  switch (f.kind) {
    case 'restricted':
      return restrictedMessage();
    case 'cancelled':
      void vscode.window.setStatusBarMessage(`Model Studio: ${what} cancelled`, 4000);
      return;
    case 'locked': {
      const pick = await vscode.window.showWarningMessage(f.message, ...(retry ? ['Retry'] : []), 'Open Database Log');
      if (pick === 'Retry' && retry) await retry();
      if (pick === 'Open Database Log') await vscode.commands.executeCommand('modelStudio.openDatabaseLog');
      return;
    }
    case 'problems': {
      const pick = await vscode.window.showErrorMessage(`Model Studio: ${what} failed. ${firstLine(f.message)}`, 'Show Problems');
      if (pick) await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    default: {
      const pick = await vscode.window.showErrorMessage(`Model Studio: ${what} failed: ${firstLine(f.message)}`, 'Show Log');
      if (pick) studio.log.show();
    }
  }
}

export async function restrictedMessage(): Promise<void> {
  const pick = await vscode.window.showInformationMessage(
    'Model Studio is in Restricted Mode: it checks YAML, Jinja and refs, but runs no SQL and writes nothing to the database until you trust this folder.',
    'Manage Workspace Trust',
  );
  if (pick) await vscode.commands.executeCommand('workbench.trust.manage');
}

function firstLine(s: string): string {
  return s.split('\n')[0];
}
