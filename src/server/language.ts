/**
 * Editor features over LSP: the editor-independent functions of `src/core/language` fed with the
 * project's manifest (and DuckDB's catalog once models are built), plus what only the server
 * knows — failing rows on a data test's YAML line, and "did you mean" quick fixes — and Format
 * Document through `src/core/format`, which refuses rather than damages.
 */
import { fileURLToPath } from 'node:url';
import { CodeActionKind, type CodeAction, type CompletionItemKind, type Connection, type Diagnostic, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { codeLenses, completions, definition, documentLinks, hover, LSP_COMPLETION_KIND, type LanguageContext, type TextDocumentInput } from '../core/language';
import { formatModel } from '../core/format';
import { DIAGNOSTIC_SOURCE, fileUri, type DiagnosticData } from './diagnostics';
import { fixedCall } from './quickFix';
import type { Workspace } from './workspace';

export const LANGUAGE_CAPABILITIES = {
  hoverProvider: true,
  completionProvider: { triggerCharacters: ["'", '"', '.', '(', ' '] },
  definitionProvider: true,
  documentLinkProvider: { resolveProvider: false },
  codeLensProvider: { resolveProvider: false },
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  documentFormattingProvider: true,
};

export function registerLanguageFeatures(conn: Connection, docs: TextDocuments<TextDocument>, ws: Workspace): void {
  /** The document and its project's manifest; undefined outside a loaded project. */
  const input = (uri: string): { ctx: LanguageContext; doc: TextDocumentInput } | undefined => {
    const path = pathOf(uri);
    const text = docs.get(uri)?.getText();
    if (!path || text === undefined) return undefined;
    const session = ws.sessionFor(path);
    const manifest = session?.loadedEngine?.manifest;
    return manifest ? { ctx: { manifest, catalog: session.catalog }, doc: { path, text } } : undefined;
  };

  conn.onHover((p) => {
    const file = pathOf(p.textDocument.uri);
    const failures = file ? ws.sessionFor(file)?.hoverAt(file, p.position.line + 1) : undefined;
    const i = input(p.textDocument.uri);
    const h = i ? hover(i.ctx, i.doc, p.position) : undefined;
    const parts = [failures, h?.markdown].filter((x): x is string => !!x);
    return parts.length ? { contents: { kind: 'markdown', value: parts.join('\n\n---\n\n') }, range: failures ? undefined : h?.range } : null;
  });

  conn.onCompletion((p) => {
    const i = input(p.textDocument.uri);
    if (!i) return [];
    return completions(i.ctx, i.doc, p.position).map((c) => ({
      label: c.label,
      kind: LSP_COMPLETION_KIND[c.kind] as CompletionItemKind,
      detail: c.detail,
      documentation: c.documentation ? { kind: 'markdown' as const, value: c.documentation } : undefined,
      textEdit: { range: c.range, newText: c.insertText ?? c.label },
      sortText: c.sortText,
    }));
  });

  conn.onDefinition((p) => {
    const i = input(p.textDocument.uri);
    const loc = i ? definition(i.ctx, i.doc, p.position) : undefined;
    return loc ? { uri: fileUri(loc.file), range: loc.range } : null;
  });

  conn.onDocumentLinks((p) => {
    const i = input(p.textDocument.uri);
    if (!i) return [];
    return documentLinks(i.ctx, i.doc).map((l) => ({ range: l.range, target: `${fileUri(l.target.file)}#L${l.target.line + 1}`, tooltip: l.tooltip }));
  });

  conn.onCodeLens((p) => {
    const i = input(p.textDocument.uri);
    return i ? codeLenses(i.ctx, i.doc) : [];
  });

  conn.onDocumentFormatting((p) => {
    const doc = docs.get(p.textDocument.uri);
    const path = pathOf(p.textDocument.uri);
    if (!doc || !path?.endsWith('.sql')) return [];
    const text = doc.getText();
    const r = formatModel(text, { tabWidth: p.options.tabSize, useTabs: !p.options.insertSpaces });
    if (!r.ok) {
      // Refusing is the safe answer: a formatter that guessed could change what the model compiles to.
      void conn.window.showWarningMessage(`Model Studio left this model unformatted: ${r.reason} (line ${r.place.line}, column ${r.place.column}).`);
      return [];
    }
    if (!r.changed) return [];
    return [{ range: { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) }, newText: r.text }];
  });

  conn.onCodeAction((p) => {
    const doc = docs.get(p.textDocument.uri);
    if (!doc) return [];
    const actions: CodeAction[] = [];
    for (const d of p.context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE || typeof d.code !== 'string') continue;
      for (const s of suggestionsOf(d)) {
        const text = fixedCall(d.code, doc.getText(d.range), s);
        if (text === undefined) continue;
        actions.push({
          title: `Change to '${s}'`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: actions.length === 0,
          edit: { changes: { [p.textDocument.uri]: [{ range: d.range, newText: text }] } },
        });
      }
    }
    return actions;
  });
}

function suggestionsOf(d: Diagnostic): string[] {
  const data = d.data as Partial<DiagnosticData> | undefined;
  return Array.isArray(data?.suggestions) ? data.suggestions.filter((s): s is string => typeof s === 'string') : [];
}

export function pathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}
