/** The status bar item: what runs now, or the last result and when it finished. */
import * as vscode from 'vscode';
import type { Studio } from './context';
import { statusView } from './statusText';

export function registerStatusBar(studio: Studio): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('modelStudio.status', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Model Studio';
  item.command = 'modelStudio.openDatabaseLog';
  const render = () => {
    const v = statusView(studio.lastStatus);
    item.text = v.text;
    item.tooltip = v.tooltip;
    item.backgroundColor = v.tone === 'normal' ? undefined : new vscode.ThemeColor(v.tone === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground');
    item.show();
  };
  render();
  const sub = studio.onStatus.event(render);
  return vscode.Disposable.from(item, sub);
}
