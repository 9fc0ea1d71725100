/**
 * Read-only documents: a model's compiled SQL (recompiled whenever its project reports results),
 * and text the server produces (diagrams as Mermaid, the database log).
 */
import * as vscode from 'vscode';
import { Requests } from '../protocol';
import { COMPILED_SCHEME, TEXT_SCHEME } from './commandIds';
import type { Studio } from './context';
import { compiledUri, sourceOfCompiled } from './target';

const texts = new Map<string, string>();
const textChanged = new vscode.EventEmitter<vscode.Uri>();

export function registerVirtualDocuments(studio: Studio): vscode.Disposable {
  const compiledChanged = new vscode.EventEmitter<vscode.Uri>();
  const compiled: vscode.TextDocumentContentProvider = {
    onDidChange: compiledChanged.event,
    async provideTextDocumentContent(uri, token) {
      const file = sourceOfCompiled(uri);
      if (!file) return '-- Not a compiled-SQL address.';
      try {
        const out = await studio.request(Requests.compiled, { file }, token);
        return out.ok ? out.sql : `-- Model Studio could not compile ${file}:\n-- ${out.message.split('\n').join('\n-- ')}\n`;
      } catch (e) {
        return `-- ${e instanceof Error ? e.message : String(e)}\n`;
      }
    },
  };
  const text: vscode.TextDocumentContentProvider = {
    onDidChange: textChanged.event,
    provideTextDocumentContent: (uri) => texts.get(uri.toString()) ?? '',
  };
  // A save re-runs the model: refresh every open compiled view, cheaply, after any results.
  const refresh = () => {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === COMPILED_SCHEME) compiledChanged.fire(doc.uri);
  };
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(COMPILED_SCHEME, compiled),
    vscode.workspace.registerTextDocumentContentProvider(TEXT_SCHEME, text),
    studio.onResults.event(refresh),
    compiledChanged,
  );
}

export async function showCompiled(file: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(compiledUri(file));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true, preserveFocus: true });
}

/** Shows `content` as a read-only document named `name` (its extension picks the language). */
export async function showText(name: string, content: string, language?: string, column = vscode.ViewColumn.Beside): Promise<void> {
  const uri = vscode.Uri.from({ scheme: TEXT_SCHEME, path: `/${name}` });
  texts.set(uri.toString(), content);
  textChanged.fire(uri);
  let doc = await vscode.workspace.openTextDocument(uri);
  if (language && doc.languageId !== language) doc = await vscode.languages.setTextDocumentLanguage(doc, language).then(undefined, () => doc);
  await vscode.window.showTextDocument(doc, { viewColumn: column, preview: true });
}
