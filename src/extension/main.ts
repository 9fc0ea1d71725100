/**
 * Extension entry point. Activation builds the Studio (which owns every disposable), registers
 * each feature, and starts the language server; a failure to start is shown, not swallowed.
 */
import type * as vscode from 'vscode';
import { ClientNotifications } from '../protocol';
import { startClient } from './client';
import { registerCommands } from './commands';
import { onSettingsChanged } from './config';
import { Studio } from './context';
import { registerDiagramPanels } from './diagramPanels';
import { reportError } from './log';
import { registerModelsTree } from './modelsTree';
import { registerStatusBar } from './statusBar';
import { registerTestExplorer } from './testExplorer';
import { registerTrust } from './trust';
import { registerVirtualDocuments } from './virtualDocs';

let studio: Studio | undefined;

export async function activate(ext: vscode.ExtensionContext): Promise<void> {
  studio = new Studio(ext);
  ext.subscriptions.push(studio);
  const s = studio;
  s.add(registerCommands(s));
  s.add(registerStatusBar(s));
  s.add(registerModelsTree(s));
  s.add(registerTestExplorer(s));
  s.add(registerVirtualDocuments(s));
  s.add(registerTrust(s));
  s.add(registerDiagramPanels(s));
  s.add(onSettingsChanged((settings) => s.notify(ClientNotifications.settings, settings)));
  try {
    await startClient(s);
  } catch (e) {
    reportError(s.log, 'could not start the language server', e);
  }
}

export async function deactivate(): Promise<void> {
  // Stopping a client that never started (or already stopped) rejects; there is nothing left to do then.
  await studio?.client?.stop().catch(() => undefined);
  studio = undefined;
}
