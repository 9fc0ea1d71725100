/** Helpers for host tests: files of the open project, edits that save, bounded waits on state. */
import * as vscode from 'vscode';

export const EXTENSION_ID = 'model-studio.duckdb-model-studio';

export function projectUri(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, rel);
}

export async function openModel(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(projectUri(rel));
  return vscode.window.showTextDocument(doc);
}

/** Replaces a 0-based line of a document and saves it, as a user's edit and Ctrl+S would. */
export async function replaceLineAndSave(doc: vscode.TextDocument, line: number, text: string): Promise<string> {
  const before = doc.lineAt(line).text;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, doc.lineAt(line).range, text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not edit ${doc.uri.fsPath}`);
  if (!(await doc.save())) throw new Error(`could not save ${doc.uri.fsPath}`);
  return before;
}

/** Polls `probe` until it returns a value (not undefined), at most `ms`; each probe reads state. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits for a diagnostic on `uri` matching `match`, or (with `gone`) until none matches. */
export async function waitForDiagnostic(uri: vscode.Uri, match: (d: vscode.Diagnostic) => boolean, ms = 20_000): Promise<vscode.Diagnostic> {
  return waitFor(`a diagnostic on ${uri.fsPath}`, () => vscode.languages.getDiagnostics(uri).find(match), ms);
}

export async function waitForNoDiagnostic(uri: vscode.Uri, match: (d: vscode.Diagnostic) => boolean, ms = 20_000): Promise<void> {
  await waitFor(`no matching diagnostic on ${uri.fsPath}`, () => (vscode.languages.getDiagnostics(uri).some(match) ? undefined : true), ms);
}

/** The position just after the first occurrence of `needle` in a document. */
export function after(doc: vscode.TextDocument, needle: string): vscode.Position {
  const i = doc.getText().indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" is not in ${doc.uri.fsPath}`);
  return doc.positionAt(i + needle.length);
}
