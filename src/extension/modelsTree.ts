/** The activity-bar tree: models grouped by folder, each with its last status and when it ran. */
import * as vscode from 'vscode';
import { VIEW_MODELS } from './commandIds';
import type { Studio } from './context';
import { clock } from './statusText';
import { buildTree, statusIcon, type TreeNode } from './treeModel';

class ModelsProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly studio: Studio) {}

  refresh(): void {
    this.changed.fire();
  }

  getChildren(element?: TreeNode): TreeNode[] {
    if (!element) return buildTree(this.studio.projects.all);
    return element.type === 'node' ? [] : element.children;
  }

  getTreeItem(e: TreeNode): vscode.TreeItem {
    if (e.type === 'project') {
      const item = new vscode.TreeItem(e.project.name, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('database');
      item.tooltip = `${e.project.root}\nDatabase: ${e.project.databasePath}`;
      item.contextValue = 'project';
      return item;
    }
    if (e.type === 'folder') {
      const item = new vscode.TreeItem(e.label, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = vscode.ThemeIcon.Folder;
      item.contextValue = 'folder';
      return item;
    }
    const n = e.node;
    const item = new vscode.TreeItem(n.name, vscode.TreeItemCollapsibleState.None);
    const { icon, color } = statusIcon(n.last?.status);
    item.iconPath = new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
    item.description = [n.materialized ?? n.kind, n.last ? `${n.last.status} ${clock(n.last.finishedAt)}` : undefined].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(`**${n.name}** (${n.kind}${n.materialized ? `, ${n.materialized}` : ''})\n\n${n.last ? `Last: ${n.last.status} at ${clock(n.last.finishedAt)}${n.last.message ? `\n\n${n.last.message}` : ''}` : 'Not run in this session.'}`);
    item.resourceUri = vscode.Uri.file(n.file);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.file(n.file)] };
    item.contextValue = n.kind;
    return item;
  }
}

export function registerModelsTree(studio: Studio): vscode.Disposable {
  const provider = new ModelsProvider(studio);
  const view = vscode.window.createTreeView(VIEW_MODELS, { treeDataProvider: provider, showCollapseAll: true });
  const sub = studio.projects.onDidChange(() => {
    // Menus and the welcome view depend on whether any project is open.
    void vscode.commands.executeCommand('setContext', 'modelStudio.active', studio.projects.all.length > 0);
    provider.refresh();
  });
  return vscode.Disposable.from(view, sub);
}
