/**
 * Which file a command acts on: CodeLens passes a path, menus pass a Uri or a tree element, the
 * palette passes nothing (the active editor, or the source behind a compiled-SQL view).
 */
import * as vscode from 'vscode';
import { COMPILED_SCHEME } from './commandIds';
import type { TreeNode } from './treeModel';

export function targetFile(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg) return arg;
  if (arg instanceof vscode.Uri) return fromUri(arg);
  if (isTreeNode(arg) && arg.type === 'node') return arg.node.file;
  const doc = vscode.window.activeTextEditor?.document;
  return doc ? fromUri(doc.uri) : undefined;
}

function fromUri(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath;
  if (uri.scheme === COMPILED_SCHEME) return sourceOfCompiled(uri);
  return undefined;
}

export function compiledUri(file: string): vscode.Uri {
  const name = file.slice(file.lastIndexOf('/') + 1).replace(/\.sql$/, '');
  return vscode.Uri.from({ scheme: COMPILED_SCHEME, path: `/${name}.compiled.sql`, query: new URLSearchParams({ file }).toString() });
}

export function sourceOfCompiled(uri: vscode.Uri): string | undefined {
  return new URLSearchParams(uri.query).get('file') ?? undefined;
}

function isTreeNode(v: unknown): v is TreeNode {
  return typeof v === 'object' && v !== null && 'type' in v && v.type === 'node' && 'node' in v;
}

export function projectRootOf(file: string | undefined, roots: readonly string[]): string | undefined {
  if (file) {
    const match = roots.filter((r) => file.startsWith(r + '/')).sort((a, b) => b.length - a.length)[0];
    if (match) return match;
  }
  return roots.length === 1 ? roots[0] : undefined;
}

/** The project to act on: the one holding the active file, the only one, or the one the user picks. */
export async function pickProject(roots: readonly string[], file: string | undefined): Promise<string | undefined> {
  const known = projectRootOf(file, roots);
  if (known) return known;
  if (roots.length === 0) {
    void vscode.window.showWarningMessage('Model Studio: no dbt project (dbt_project.yml) in this workspace. Use "Model Studio: New Project from Template" to create one.');
    return undefined;
  }
  return vscode.window.showQuickPick([...roots], { placeHolder: 'Which project?' });
}
