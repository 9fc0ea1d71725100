/**
 * Engine problems → LSP diagnostics. Problems are kept by owner (the project load, or one node's
 * last compile/run), so a new result for a node replaces exactly that node's diagnostics and a
 * deleted or renamed file never keeps a stale one.
 */
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Problem } from '../core/problems';

export const DIAGNOSTIC_SOURCE = 'model-studio';

/** What travels in `Diagnostic.data`, for quick fixes. */
export interface DiagnosticData {
  suggestions: string[];
}

export function fileUri(path: string): string {
  return pathToFileURL(path).href;
}

export function toDiagnostic(p: Problem): Diagnostic {
  const start = { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
  // Without an end, an empty range lets the editor underline the word at the position.
  const end = p.endLine !== undefined ? { line: Math.max(0, p.endLine - 1), character: Math.max(0, (p.endColumn ?? p.column) - 1) } : start;
  const d: Diagnostic = {
    range: { start, end },
    severity: p.severity === 'error' ? DiagnosticSeverity.Error : p.severity === 'warning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: p.code,
    message: p.hint ? `${p.message}\n${p.hint}` : p.message,
  };
  if (p.related?.length) d.relatedInformation = p.related.map(relatedInfo);
  if (p.suggestions?.length) d.data = { suggestions: p.suggestions } satisfies DiagnosticData;
  return d;
}

function relatedInfo(r: NonNullable<Problem['related']>[number]): DiagnosticRelatedInformation {
  const start = { line: Math.max(0, r.line - 1), character: Math.max(0, r.column - 1) };
  return { location: { uri: fileUri(r.file), range: { start, end: start } }, message: r.message };
}

export type PublishFn = (uri: string, diagnostics: Diagnostic[]) => void;

export class DiagnosticStore {
  private readonly owners = new Map<string, Problem[]>();
  /** Last JSON sent per uri, so unchanged files are not re-sent and emptied ones are cleared. */
  private readonly sent = new Map<string, string>();

  constructor(private readonly publish: PublishFn) {}

  set(owner: string, problems: Problem[]): void {
    if (problems.length) this.owners.set(owner, problems);
    else this.owners.delete(owner);
  }

  /** Drops every owner the predicate rejects (nodes that no longer exist after a reload). */
  retain(keep: (owner: string) => boolean): void {
    for (const owner of [...this.owners.keys()]) if (!keep(owner)) this.owners.delete(owner);
  }

  /** Drops problems placed in a file that was deleted or renamed away. */
  forgetFile(file: string): void {
    for (const [owner, problems] of [...this.owners]) this.set(owner, problems.filter((p) => p.file !== file));
  }

  problemsIn(file: string): Problem[] {
    return this.byFile().get(file) ?? [];
  }

  /** Sends what changed since the last flush. */
  flush(): void {
    const now = this.byFile();
    const uris = new Set<string>([...this.sent.keys()]);
    const next = new Map<string, Diagnostic[]>();
    for (const [file, problems] of now) {
      const uri = fileUri(file);
      next.set(uri, problems.map(toDiagnostic));
      uris.add(uri);
    }
    for (const uri of uris) {
      const diags = next.get(uri) ?? [];
      const json = JSON.stringify(diags);
      if ((this.sent.get(uri) ?? '[]') === json) continue;
      this.publish(uri, diags);
      if (diags.length) this.sent.set(uri, json);
      else this.sent.delete(uri);
    }
  }

  /** Clears everything this store published (the project went away). */
  clear(): void {
    this.owners.clear();
    this.flush();
  }

  private byFile(): Map<string, Problem[]> {
    const out = new Map<string, Problem[]>();
    const seen = new Set<string>();
    for (const problems of this.owners.values()) {
      for (const p of problems) {
        const key = `${p.file}\0${p.line}\0${p.column}\0${p.code}\0${p.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        let list = out.get(p.file);
        if (!list) out.set(p.file, (list = []));
        list.push(p);
      }
    }
    for (const list of out.values()) list.sort((a, b) => a.line - b.line || a.column - b.column);
    return out;
  }
}
