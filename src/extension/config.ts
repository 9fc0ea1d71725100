/** Settings: read once here, typed by `parseSettings`, and pushed to the server when they change. */
import * as vscode from 'vscode';
import { parseSettings, SETTING_KEYS, type Settings } from '../protocol';

export function readSettings(): Settings {
  const c = vscode.workspace.getConfiguration('modelStudio');
  const raw: Record<string, unknown> = {};
  for (const k of SETTING_KEYS) raw[k] = c.get(k);
  return parseSettings(raw);
}

export function onSettingsChanged(listener: (s: Settings) => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration('modelStudio')) listener(readSettings());
  });
}
